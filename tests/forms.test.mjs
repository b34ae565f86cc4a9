// Forms managed through the authenticated API: created and changed with checked
// definitions, captured into at once with their own fields, refused when a rule is
// broken (each problem named), and closed to roles without the permission.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startWorker } from "./support/worker.mjs";
import { signUp } from "./support/auth.mjs";
import { humanExtras } from "./support/forms.mjs";
import { request } from "./support/http.mjs";

let worker;
let admin;
before(async () => {
  worker = await startWorker();
  admin = await signUp(worker.url, { email: "marketing@acme.kr", password: "에이크미 마케팅 비번", workspace_name: "에이크미" });
});
after(async () => {
  await worker?.stop();
});

async function contactForm() {
  const res = await call("GET", "/api/forms/contact", { cookie: admin.cookie });
  assert.equal(res.status, 200);
  return res.json();
}

const call = (method, path, options) => request(worker.url, method, path, { timeoutMs: 10_000, ...options });

test("a new form is stored with its definition and captures at once", async () => {
  const webinar = { ...(await contactForm()), name: "웨비나 신청", cta: { ko: "무료로 수강하기", en: "Join the free webinar" } };
  const put = await call("PUT", "/api/forms/webinar-2026", { cookie: admin.cookie, json: webinar });
  assert.equal(put.status, 200, await put.clone().text());
  const stored = await put.json();
  assert.equal(stored.id, "webinar-2026");
  assert.equal(stored.cta.ko, "무료로 수강하기");

  const list = await (await call("GET", "/api/forms", { cookie: admin.cookie })).json();
  assert.deepEqual(list.forms.map((f) => f.id).sort(), ["contact", "webinar-2026"]);

  const schema = await (await call("GET", "/f/webinar-2026/schema")).json();
  assert.match(JSON.stringify(schema), /무료로 수강하기/);
  const captured = await call("POST", "/f/webinar-2026", {
    json: { email: "jiwoo@hanbit.co.kr", name: "박지우", company: "한빛", ...humanExtras("webinar-2026") },
  });
  assert.equal(captured.status, 201, await captured.clone().text());
  assert.equal(worker.d1("SELECT form_id FROM leads WHERE email = 'jiwoo@hanbit.co.kr'")[0].form_id, "webinar-2026");
});

test("a definition that breaks the rules is refused with each problem named", async () => {
  const bad = { ...(await contactForm()), cta: { ko: "제출", en: "Submit" }, consents: [] };
  const before = worker.d1("SELECT definition_json FROM forms WHERE id = 'contact'")[0].definition_json;
  const res = await call("PUT", "/api/forms/contact", { cookie: admin.cookie, json: bad });
  assert.equal(res.status, 422);
  const body = await res.json();
  assert.equal(body.error, "validation_failed");
  assert.ok(body.fields.length >= 2, JSON.stringify(body));
  assert.ok(body.fields.every((f) => f.field === "definition" && f.code === "invalid_definition"));
  assert.match(body.message, /무료로 수강하기/); // the generic CTA error suggests a specific one
  assert.equal(worker.d1("SELECT definition_json FROM forms WHERE id = 'contact'")[0].definition_json, before);

  const notJson = await fetch(`${worker.url}/api/forms/contact`, {
    method: "PUT",
    headers: { cookie: admin.cookie, "content-type": "application/json" },
    body: "{",
  });
  assert.equal(notJson.status, 400);
});

test("a sales token may read forms but not change them", async () => {
  const created = await call("POST", "/api/tokens", { cookie: admin.cookie, json: { name: "sales", role: "sales" } });
  const { secret } = await created.json();
  assert.equal((await call("GET", "/api/forms", { bearer: secret })).status, 200);
  const res = await call("PUT", "/api/forms/contact", { bearer: secret, json: await contactForm() });
  assert.equal(res.status, 403);
  assert.equal((await res.json()).error, "forbidden");
  assert.equal((await call("GET", "/api/forms")).status, 401);
});
