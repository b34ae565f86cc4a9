// The capture rate limit holds across requests (a Durable Object per form and address,
// not per-isolate memory): over the limit a post gets 429 with Retry-After and writes
// nothing; another form has its own allowance. Sign-in attempts are capped the same way.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startWorker } from "./support/worker.mjs";
import { humanExtras } from "./support/forms.mjs";

let worker;
before(async () => {
  worker = await startWorker({
    vars: { CAPTURE_RATE_LIMIT: "3/60", LOGIN_RATE_LIMIT: "2/60" },
    seed: "INSERT INTO forms (id, workspace_id, name, thank_you_url, created_at) VALUES ('webinar', 'default', 'Webinar', NULL, '2026-11-24T00:00:00Z');",
  });
});
after(async () => {
  await worker?.stop();
});

const leads = () => worker.d1("SELECT count(*) AS n FROM leads")[0].n;

function post(form, i) {
  return fetch(`${worker.url}/f/${form}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: `rate${i}@acme.kr`, name: `Rate ${i}`, company: "Acme", ...humanExtras(form) }),
    signal: AbortSignal.timeout(10_000),
  });
}

test("posts over the limit get 429 with Retry-After and write nothing", async () => {
  // Concurrent posts: the count must hold across simultaneous requests.
  const first = await Promise.all([1, 2, 3].map((i) => post("contact", i)));
  assert.deepEqual(first.map((r) => r.status), [201, 201, 201]);
  const before = leads();
  const refused = await post("contact", 4);
  assert.equal(refused.status, 429);
  const retryAfter = Number(refused.headers.get("retry-after"));
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `retry-after ${retryAfter}`);
  const body = await refused.json();
  assert.equal(body.error, "rate_limited");
  assert.match(body.message, /try again in \d+ seconds/);
  assert.equal(leads(), before);
});

test("another form has its own allowance", async () => {
  const res = await post("webinar", 5);
  assert.equal(res.status, 201, await res.text());
});

test("sign-in attempts over the limit get 429 before any password is checked", async () => {
  const attempt = () =>
    fetch(`${worker.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "nobody@acme.kr", password: "wrong password 1" }),
      signal: AbortSignal.timeout(10_000),
    });
  assert.equal((await attempt()).status, 401);
  assert.equal((await attempt()).status, 401);
  const refused = await attempt();
  assert.equal(refused.status, 429);
  assert.equal((await refused.json()).error, "rate_limited");
  assert.ok(Number(refused.headers.get("retry-after")) >= 1);
});
