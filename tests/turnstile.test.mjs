// The optional Turnstile check, on when TURNSTILE_SECRET is set: the worker verifies the
// widget's token with the verification endpoint (here a fake on loopback standing in
// for Cloudflare's), refuses posts that fail with 403 and stores nothing, and never
// keeps the token with the lead.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { startWorker } from "./support/worker.mjs";
import { humanExtras } from "./support/forms.mjs";

let worker;
let fake;
const seen = [];

before(async () => {
  fake = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const asked = JSON.parse(body);
      seen.push(asked);
      const success = asked.secret === "test-turnstile-secret" && asked.response === "good-token";
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ success, "error-codes": success ? [] : ["invalid-input-response"] }));
    });
  });
  await new Promise((ok) => fake.listen(0, "127.0.0.1", ok));
  worker = await startWorker({
    vars: {
      TURNSTILE_SECRET: "test-turnstile-secret",
      TURNSTILE_VERIFY_URL: `http://127.0.0.1:${fake.address().port}/siteverify`,
    },
  });
});

after(async () => {
  await worker?.stop();
  await new Promise((ok) => (fake ? fake.close(ok) : ok()));
});

const leads = () => worker.d1("SELECT count(*) AS n FROM leads")[0].n;

function post(extra) {
  return fetch(`${worker.url}/f/contact`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "bot@acme.kr", name: "Bot", company: "Acme", ...humanExtras(), ...extra }),
    signal: AbortSignal.timeout(10_000),
  });
}

test("posts without a token or with a bad one are refused and write nothing", async () => {
  const before = leads();
  const missing = await post({});
  assert.equal(missing.status, 403);
  assert.equal((await missing.json()).error, "turnstile_failed");
  const bad = await post({ "cf-turnstile-response": "forged" });
  assert.equal(bad.status, 403);
  assert.match((await bad.json()).message, /invalid-input-response/);
  assert.equal(leads(), before);
  assert.equal(seen.at(-1).response, "forged");
  assert.equal(seen.at(-1).remoteip, "127.0.0.1");
});

test("a verified post is stored, without the token", async () => {
  const res = await post({ "cf-turnstile-response": "good-token" });
  assert.equal(res.status, 201, await res.clone().text());
  const { lead_id } = await res.json();
  const row = worker.d1("SELECT * FROM leads WHERE id = ?", lead_id)[0];
  assert.ok(!JSON.stringify(row).includes("good-token"), "the token was stored with the lead");
});
