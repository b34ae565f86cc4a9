// HTTP tests of definition-driven capture (`POST /f/{form_id}`, `OPTIONS /f/{form_id}`)
// against the real worker under `wrangler dev` over a fresh local D1. Every refused or
// spam request is checked to have written no lead and no submission; every accepted
// one to have written both.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { gzipSync } from "node:zlib";
import { startWorker } from "./support/worker.mjs";
import { humanExtras, renderToken } from "./support/forms.mjs";

const ACME = "https://acme.example";

/** A form with a stored definition: allowed origin, honeypot, no time-to-fill check. */
const acmeForm = {
  id: "acme",
  workspace_id: "00000000-0000-4000-8000-000000000001",
  name: "Acme webinar",
  fields: [
    { name: "email", kind: { type: "email" }, required: true, label: { ko: "이메일", en: "Email" }, maps_to: { to: "email" } },
    { name: "name", kind: { type: "text" }, required: true, label: { ko: "이름", en: "Name" }, maps_to: { to: "name" } },
    { name: "company", kind: { type: "text" }, required: false, label: { ko: "회사명", en: "Company" }, maps_to: { to: "company" } },
    {
      name: "seats",
      kind: { type: "select", options: [{ value: "1-10", label: { ko: "1-10명", en: "1-10" } }, { value: "11+", label: { ko: "11명 이상", en: "11+" } }] },
      required: false,
      label: { ko: "규모", en: "Size" },
      maps_to: { to: "custom", key: "seats" },
    },
  ],
  cta: { ko: "웨비나 신청하기", en: "Save my seat" },
  thank_you: { kind: "url", url: `${ACME}/thanks` },
  allowed_origins: [ACME],
  consents: [
    {
      purpose: "personal_info_collection",
      required: true,
      text: { ko: "(필수) 개인정보 수집·이용 동의", en: "(Required) I agree to the collection of my details" },
      text_version: "privacy-acme-1",
    },
  ],
  min_fill_seconds: 0,
  honeypot_field: "fax",
};

const sqlText = (s) => `'${s.replaceAll("'", "''")}'`;
const seed = `INSERT INTO forms (id, workspace_id, name, thank_you_url, created_at, definition_json)
VALUES ('acme', 'default', 'Acme webinar', NULL, '2026-11-24T00:00:00Z', ${sqlText(JSON.stringify(acmeForm))});`;

let worker;
before(async () => {
  worker = await startWorker({ seed });
});
after(async () => {
  await worker?.stop();
});

const counts = () => ({
  leads: worker.d1("SELECT count(*) AS n FROM leads")[0].n,
  submissions: worker.d1("SELECT count(*) AS n FROM submissions")[0].n,
});

const post = (path, options) => worker.post(path, options);

const json = (fields, headers = {}) => ({ contentType: "application/json", body: JSON.stringify(fields), headers });
const form = (fields, headers = {}) => ({
  contentType: "application/x-www-form-urlencoded",
  body: new URLSearchParams(fields).toString(),
  headers,
});

/** Sends a request that must not write, checks its status, returns the answer text. */
async function writesNothing(path, options, status) {
  const before = counts();
  const res = await post(path, options);
  const text = await res.text();
  assert.equal(res.status, status, text);
  assert.deepEqual(counts(), before, "the request wrote rows");
  return { res, text };
}

/** Sends a request that must store one lead and its submission; returns the answer. */
async function storesOne(path, options, status) {
  const before = counts();
  const res = await post(path, options);
  const text = await res.text();
  assert.equal(res.status, status, text);
  assert.deepEqual(counts(), { leads: before.leads + 1, submissions: before.submissions + 1 });
  return { res, text };
}

const acmePerson = { email: "jane@acme.example", name: "Jane Park", consent_personal_info_collection: "on" };

test("a JSON post is checked against the definition and stored with its raw submission", async () => {
  const fields = { ...acmePerson, seats: "11+", company: "Acme" };
  const { res, text } = await storesOne("/f/acme", json(fields), 201);
  const body = JSON.parse(text);
  assert.deepEqual(body.thank_you, { kind: "url", url: `${ACME}/thanks` });
  const [lead] = worker.d1("SELECT * FROM leads WHERE id = ?", body.lead_id);
  assert.deepEqual([lead.email, lead.name, lead.company, lead.form_id], ["jane@acme.example", "Jane Park", "Acme", "acme"]);
  assert.deepEqual(JSON.parse(lead.extra_json), { seats: "11+" });
  const [sub] = worker.d1("SELECT * FROM submissions WHERE lead_id = ?", body.lead_id);
  assert.equal(sub.content_type, "application/json");
  assert.equal(Buffer.from(sub.raw_body).toString("utf8"), JSON.stringify(fields));
  assert.equal(sub.submission_key, null);
  const [consent] = JSON.parse(sub.consents_json);
  assert.deepEqual([consent.purpose, consent.granted, consent.text_version], ["personal_info_collection", true, "privacy-acme-1"]);
  assert.equal(res.headers.get("access-control-allow-origin"), null, "no Origin, no CORS header");
});

test("a URL-encoded post is redirected with 303 to the form's thank-you URL", async () => {
  const { res } = await storesOne("/f/acme", form({ ...acmePerson, email: "urlencoded@acme.example" }), 303);
  assert.equal(res.headers.get("location"), `${ACME}/thanks`);
});

test("a multipart post is read with the runtime's FormData and stored", async () => {
  const data = new FormData();
  for (const [k, v] of Object.entries({ ...acmePerson, email: "multi@acme.example", name: "김다은" })) data.append(k, v);
  const { res } = await storesOne("/f/acme", { body: data }, 303);
  assert.equal(res.headers.get("location"), `${ACME}/thanks`);
  const [lead] = worker.d1("SELECT name FROM leads WHERE email = 'multi@acme.example'");
  assert.equal(lead.name, "김다은");
  const [sub] = worker.d1(
    "SELECT s.content_type FROM submissions s JOIN leads l ON l.id = s.lead_id WHERE l.email = 'multi@acme.example'",
  );
  assert.match(sub.content_type, /^multipart\/form-data; boundary=/);
});

test("a file in a multipart post is refused naming its field", async () => {
  const data = new FormData();
  for (const [k, v] of Object.entries(acmePerson)) data.append(k, v);
  data.append("resume", new Blob(["%PDF-1.4"], { type: "application/pdf" }), "cv.pdf");
  const { text } = await writesNothing("/f/acme", { body: data, accept: "application/json" }, 422);
  assert.deepEqual(JSON.parse(text).fields.map((f) => [f.field, f.code]), [["resume", "not_text"]]);
});

test("each refusal has its status and writes nothing", async () => {
  const unsupported = await writesNothing("/f/acme", { contentType: "text/plain", body: "email=a@b.co" }, 415);
  assert.equal(JSON.parse(unsupported.text).error, "unsupported_media_type");
  const big = await writesNothing("/f/acme", form({ ...acmePerson, note: "x".repeat(70 * 1024) }), 413);
  assert.equal(JSON.parse(big.text).error, "body_too_large");
  const malformed = await writesNothing("/f/acme", { contentType: "application/json", body: "{" }, 400);
  assert.equal(JSON.parse(malformed.text).error, "malformed_body");
  const badMultipart = await writesNothing("/f/acme", { contentType: "multipart/form-data; boundary=x", body: "nonsense" }, 400);
  assert.equal(JSON.parse(badMultipart.text).error, "malformed_body");
  const unknown = await writesNothing("/f/nope", json(acmePerson), 404);
  assert.equal(JSON.parse(unknown.text).error, "unknown_form");
  const badKey = await writesNothing("/f/acme", json(acmePerson, { "idempotency-key": "short" }), 400);
  assert.equal(JSON.parse(badKey.text).error, "bad_submission_id");
});

test("invalid fields get 422 naming each field and consent, by the form's definition", async () => {
  const { text } = await writesNothing("/f/acme", json({ email: "jane@", seats: "huge" }), 422);
  const body = JSON.parse(text);
  assert.equal(body.error, "validation_failed");
  assert.deepEqual(
    body.fields.map((f) => [f.field, f.code]),
    [
      ["email", "invalid_email"],
      ["name", "required"],
      ["seats", "not_an_option"],
      ["consent_personal_info_collection", "consent_required"],
    ],
  );
});

test("spam is answered like success and writes nothing", async () => {
  // Honeypot filled, JSON: 201 with no lead id.
  const honeypot = await writesNothing("/f/acme", json({ ...acmePerson, fax: "123" }), 201);
  assert.deepEqual(JSON.parse(honeypot.text).lead_id, null);
  // Honeypot filled, plain form: the same redirect as a person gets.
  const plain = await writesNothing("/f/acme", form({ ...acmePerson, fax: "123" }), 303);
  assert.equal(plain.res.headers.get("location"), `${ACME}/thanks`);
  // The default contact form wants a render token, at least 3 s old, and not forged.
  const person = { email: "bot@spam.example", name: "Bot", company: "Spam", consent_personal_info_collection: "on" };
  for (const token of [undefined, renderToken("contact", 0), renderToken("acme"), "123.forged"]) {
    const fields = token === undefined ? person : { ...person, _lk_rendered: token };
    const { text } = await writesNothing("/f/contact", json(fields), 201);
    assert.equal(JSON.parse(text).lead_id, null, `token ${token}`);
  }
  // The same person with a good token is stored.
  await storesOne("/f/contact", json({ ...person, email: "human@ok.example", ...humanExtras() }), 201);
});

test("a retried submission id returns the first answer and stores nothing new", async () => {
  const key = "retry-key-0000000001";
  const first = await storesOne("/f/acme", json({ ...acmePerson, email: "retry@acme.example" }, { "idempotency-key": key }), 201);
  const firstId = JSON.parse(first.text).lead_id;
  const again = await writesNothing("/f/acme", json({ ...acmePerson, email: "retry@acme.example" }, { "idempotency-key": key }), 201);
  assert.equal(JSON.parse(again.text).lead_id, firstId);
  // The same id as a field (how a plain form or the embed sends it) is the same submission.
  const asField = await writesNothing("/f/acme", json({ ...acmePerson, email: "retry@acme.example", submission_id: key }), 201);
  assert.equal(JSON.parse(asField.text).lead_id, firstId);
  const [sub] = worker.d1("SELECT submission_key FROM submissions WHERE lead_id = ?", firstId);
  assert.equal(sub.submission_key, key);
  // Header and field disagreeing is refused.
  await writesNothing("/f/acme", json({ ...acmePerson, submission_id: "other-key-000000001" }, { "idempotency-key": key }), 400);
});

test("concurrent duplicates make one lead and one submission, all answered with its id", async () => {
  const before = counts();
  const key = "concurrent-key-000000000001";
  const answers = await Promise.all(
    Array.from({ length: 6 }, () =>
      post("/f/acme", json({ ...acmePerson, email: "race@acme.example" }, { "idempotency-key": key })),
    ),
  );
  const bodies = await Promise.all(answers.map((r) => r.json()));
  assert.deepEqual(answers.map((r) => r.status), Array(6).fill(201));
  assert.equal(new Set(bodies.map((b) => b.lead_id)).size, 1, JSON.stringify(bodies));
  assert.deepEqual(counts(), { leads: before.leads + 1, submissions: before.submissions + 1 });
  assert.equal(worker.d1("SELECT count(*) AS n FROM leads WHERE email = 'race@acme.example'")[0].n, 1);
});

test("every stored lead has its submission and every submission its lead", () => {
  // A request that loses the race above past the lookup inserts its lead before its
  // submission fails the unique key: were the batch not atomic, an orphan lead would
  // remain here.
  const orphanLeads = worker.d1("SELECT count(*) AS n FROM leads l LEFT JOIN submissions s ON s.lead_id = l.id WHERE s.id IS NULL")[0].n;
  const orphanSubs = worker.d1("SELECT count(*) AS n FROM submissions s LEFT JOIN leads l ON l.id = s.lead_id WHERE l.id IS NULL")[0].n;
  assert.deepEqual([orphanLeads, orphanSubs], [0, 0]);
  assert.ok(counts().leads >= 5);
});

test("CORS: preflight and answers name only the form's allowed origin", async () => {
  const preflight = await fetch(`${worker.url}/f/acme`, {
    method: "OPTIONS",
    headers: { origin: ACME, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get("access-control-allow-origin"), ACME);
  assert.match(preflight.headers.get("access-control-allow-methods"), /POST/);
  assert.match(preflight.headers.get("access-control-allow-headers"), /content-type/);
  assert.match(preflight.headers.get("access-control-allow-headers"), /idempotency-key/);

  const refusedPreflight = await fetch(`${worker.url}/f/acme`, {
    method: "OPTIONS",
    headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
  });
  assert.equal(refusedPreflight.status, 403);
  assert.equal(refusedPreflight.headers.get("access-control-allow-origin"), null);

  const allowed = await storesOne("/f/acme", json({ ...acmePerson, email: "cors@acme.example" }, { origin: ACME }), 201);
  assert.equal(allowed.res.headers.get("access-control-allow-origin"), ACME);
  assert.equal(allowed.res.headers.get("vary"), "Origin");

  const refused = await writesNothing(
    "/f/acme",
    json({ ...acmePerson, email: "evil@acme.example" }, { origin: "https://evil.example" }),
    403,
  );
  const body = JSON.parse(refused.text);
  assert.equal(body.error, "origin_not_allowed");
  assert.match(body.message, /https:\/\/evil\.example/);
  assert.equal(refused.res.headers.get("access-control-allow-origin"), null);
  assert.notEqual(refused.res.headers.get("access-control-allow-origin"), "*");

  // The default contact form allows no origin: a script elsewhere cannot post it.
  await writesNothing("/f/contact", json({ ...humanExtras(), email: "x@y.example", name: "X", company: "Y" }, { origin: ACME }), 403);
});

test("a plain HTML post (a navigation, no CORS) works from any origin", async () => {
  // fetch forces its own Sec-Fetch-Mode, so this sends the headers a browser's form
  // navigation does with node:http.
  const before = counts();
  const body = new URLSearchParams({ ...acmePerson, email: "nav@other.example" }).toString();
  const res = await new Promise((ok, fail) => {
    const req = request(`${worker.url}/f/acme`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "content-length": Buffer.byteLength(body),
        origin: "https://other.example",
        "sec-fetch-mode": "navigate",
        accept: "text/html",
      },
      timeout: 10_000,
    });
    req.on("response", (r) => {
      r.resume();
      r.on("end", () => ok(r));
    });
    req.on("error", fail);
    req.end(body);
  });
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, `${ACME}/thanks`);
  assert.deepEqual(counts(), { leads: before.leads + 1, submissions: before.submissions + 1 });
});

test("retURL is honoured only on an allowed origin", async () => {
  const allowed = await storesOne("/f/acme", form({ ...acmePerson, email: "returl@acme.example", retURL: `${ACME}/welcome?from=form` }), 303);
  assert.equal(allowed.res.headers.get("location"), `${ACME}/welcome?from=form`);
  const foreign = await storesOne("/f/acme", form({ ...acmePerson, email: "phish@acme.example", retURL: "https://evil.example/phish" }), 303);
  assert.equal(foreign.res.headers.get("location"), `${ACME}/thanks`);
});

test("a Salesforce Web-to-Lead body is accepted through its aliases", async () => {
  const { res } = await storesOne(
    "/f/acme",
    form({
      oid: "00D000000000001",
      retURL: `${ACME}/sf-thanks`,
      first_name: "민수",
      last_name: "김",
      email: "Minsu@Acme.example",
      company: "에이크미",
      title: "팀장",
      lead_source: "Web",
      "00N5g00000ABCde": "enterprise",
      consent_personal_info_collection: "1",
    }),
    303,
  );
  assert.equal(res.headers.get("location"), `${ACME}/sf-thanks`);
  const [lead] = worker.d1("SELECT * FROM leads WHERE email = 'minsu@acme.example'");
  assert.deepEqual([lead.name, lead.company], ["김민수", "에이크미"]);
  const extra = JSON.parse(lead.extra_json);
  assert.deepEqual(
    [extra.given_name, extra.family_name, extra.title, extra.source, extra["00N5g00000ABCde"]],
    ["민수", "김", "팀장", "Web", "enterprise"],
  );
});

const getSchema = (path, headers = {}) =>
  fetch(`${worker.url}${path}`, { headers, signal: AbortSignal.timeout(10_000) });
const questions = (schema) => schema.fields.filter((f) => f.kind.type !== "hidden").map((f) => f.name);

test("the schema has ko/en labels, the CTA, versioned consents and a render token that verifies", async () => {
  const res = await getSchema("/f/contact/schema");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("cache-control"), "no-store");
  // Path=/ so that the tracking endpoint (/t) receives the same visitor id.
  assert.match(res.headers.get("set-cookie"), /^lk_vid=[0-9a-f-]{36}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
  const schema = await res.json();
  assert.equal(schema.form_id, "contact");
  assert.equal(schema.returning, false);
  assert.deepEqual(questions(schema), ["email", "name", "company"], "a first visit gets the shortest form");
  assert.deepEqual(schema.fields[0].label, { ko: "업무용 이메일", en: "Work email" });
  assert.ok(schema.fields.some((f) => f.name === "utm_source" && f.kind.type === "hidden"));
  assert.deepEqual(schema.cta, { ko: "상담 신청하기", en: "Request a consultation" });
  assert.deepEqual(
    schema.consents.map((c) => [c.purpose, c.required, c.text_version]),
    [["personal_info_collection", true, "privacy-2026-01"], ["marketing_messages", false, "marketing-2026-01"]],
  );
  assert.match(schema.consents[0].text.ko, /개인정보 수집·이용/);
  assert.equal(schema.honeypot_field, "homepage");
  assert.match(schema.render_token, /^\d+\.[A-Za-z0-9_-]{43}$/);

  // The acme form's token is checked on submission (a forged one would be spam).
  const acme = await getSchema("/f/acme/schema", { origin: ACME });
  assert.equal(acme.headers.get("access-control-allow-origin"), ACME);
  const acmeSchema = await acme.json();
  assert.deepEqual(questions(acmeSchema), ["email", "name", "company", "seats"]);
  const { text } = await storesOne("/f/acme", json({ ...acmePerson, email: "rendered@acme.example", _lk_rendered: acmeSchema.render_token }), 201);
  assert.notEqual(JSON.parse(text).lead_id, null);
  // A token of one form does not pass for another.
  await writesNothing("/f/contact", json({ ...acmePerson, company: "X", _lk_rendered: acmeSchema.render_token }), 201);
  assert.equal((await getSchema("/f/nope/schema")).status, 404);
});

test("a returning visitor (visitor id cookie or known e-mail) is asked the next queued questions", async () => {
  const first = await getSchema("/f/contact/schema");
  const cookie = first.headers.get("set-cookie").split(";")[0];
  const visitorId = cookie.split("=")[1];
  await first.body?.cancel();
  const person = { email: "returning@acme.kr", name: "정하늘", company: "에이크미", phone: "010-1234-5678" };
  const { text } = await storesOne("/f/contact", json({ ...person, ...humanExtras() }, { cookie }), 201);
  const [sub] = worker.d1("SELECT visitor_id FROM submissions WHERE lead_id = ?", JSON.parse(text).lead_id);
  assert.equal(sub.visitor_id, visitorId);

  // Phone is answered: the next two queued questions fit the budget of five.
  const byCookie = await getSchema("/f/contact/schema", { cookie });
  assert.match(byCookie.headers.get("set-cookie"), new RegExp(`^lk_vid=${visitorId}; Path=/;`), "a known visitor keeps their id, renewed");
  const cookieSchema = await byCookie.json();
  assert.equal(cookieSchema.returning, true);
  assert.deepEqual(questions(cookieSchema), ["email", "name", "company", "title", "message"]);

  const byEmail = await (await getSchema("/f/contact/schema?email=Returning%40Acme.kr")).json();
  assert.equal(byEmail.returning, true);
  assert.deepEqual(questions(byEmail), ["email", "name", "company", "title", "message"]);

  const stranger = await (await getSchema("/f/contact/schema?email=nobody%40acme.kr")).json();
  assert.equal(stranger.returning, false);
  assert.deepEqual(questions(stranger), ["email", "name", "company"]);
});

test("embed.js is served as JavaScript, at most 5 KB gzipped", async () => {
  const res = await getSchema("/f/contact/embed.js");
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type"), /^text\/javascript/);
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.match(bytes.toString("utf8"), /\/schema/);
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  assert.ok(gzipped <= 5 * 1024, `embed.js is ${gzipped} bytes gzipped`);
});
