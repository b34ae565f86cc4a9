// Visitor tracking against the real worker: an anonymous visitor's page views and
// downloads (sendBeacon's text/plain, JSON, URL-encoded) wait in visitor_events; when the
// visitor submits a form with the same visitor id cookie they become the lead's touches
// and count in its scores; later events go straight onto the lead, re-score it, may
// move its stage by rule, and show in pulls. Retried events are stored once; refused
// requests write nothing; CORS and the rate limit hold; the snippet stays small.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { root, startWorker } from "./support/worker.mjs";
import { defaultEngineConfig, defaultPoints, engineConfigSeed, mqlThreshold } from "./support/engine.mjs";
import { humanExtras } from "./support/forms.mjs";
import { postJson, signUp } from "./support/auth.mjs";

const formSubmitPoints = defaultPoints("form_submit");
const pricingPoints = defaultPoints("pricing_page");

/**
 * The default engine config (tests/fixtures, kept equal to the Rust default by a unit
 * test) with the MQL bar one point above what a form submission earns: capture leaves
 * the lead a `lead`, and one pricing page view afterwards makes it an MQL.
 */
const lowMqlConfig = (() => {
  const config = defaultEngineConfig();
  const threshold = mqlThreshold(config);
  assert.ok(threshold.points > formSubmitPoints + pricingPoints, "the default MQL bar is above a post and a pricing view");
  threshold.points = formSubmitPoints + 1;
  return config;
})();

const seed = `
INSERT INTO workspaces (id, name, created_at) VALUES ('ws-mql', 'Low MQL bar', '2026-11-24T00:00:00Z');
INSERT INTO forms (id, workspace_id, name, thank_you_url, created_at) VALUES
  ('mql-form', 'ws-mql', 'Contact', NULL, '2026-11-24T00:00:00Z');
${engineConfigSeed("ws-mql", lowMqlConfig)}
`;

const SITE = "https://www.acme.co.kr";
let worker;
let session;

before(async () => {
  worker = await startWorker({ seed });
  ({ cookie: session } = await signUp(worker.url, { email: "admin@tracking.kr", workspace_name: "Tracking" }));
  // A form of the demo workspace that allows scripts on SITE (the contact form allows none).
  const res = await fetch(`${worker.url}/api/forms/contact`, { headers: { cookie: session } });
  const definition = { ...(await res.json()), id: "site", name: "Site", allowed_origins: [SITE] };
  const put = await fetch(`${worker.url}/api/forms/site`, {
    method: "PUT",
    headers: { cookie: session, "content-type": "application/json" },
    body: JSON.stringify(definition),
  });
  assert.equal(put.status, 200, await put.text());
});

after(async () => {
  await worker?.stop();
});

const count = (text, ...params) => worker.d1(text, ...params)[0].n;

/** A new visitor: loads the tracking snippet and keeps the cookie it sets. */
async function newVisitor(formId = "contact") {
  const res = await fetch(`${worker.url}/f/${formId}/t.js`, { signal: AbortSignal.timeout(10_000) });
  assert.equal(res.status, 200);
  const setCookie = res.headers.get("set-cookie") ?? "";
  const m = /lk_vid=([0-9a-f-]{36});/.exec(setCookie);
  assert.ok(m, `t.js set no visitor cookie: ${setCookie}`);
  assert.match(setCookie, /Path=\/;/, "the cookie reaches /t as well as /f/");
  await res.arrayBuffer();
  return { id: m[1], cookie: `lk_vid=${m[1]}` };
}

/** An event of `kind` on the contact form, as t.js builds it. */
function event(kind, fields = {}) {
  return { kind, form_id: "contact", event_id: randomUUID(), title: "Acme", utm: { source: "newsletter" }, ...fields };
}

/** Posts an event; `as` is "beacon" (text/plain, what sendBeacon sends), "json" or "form". */
function track(body, { cookie, as = "beacon", headers = {}, path = "/t" } = {}) {
  const contentType = { beacon: "text/plain;charset=UTF-8", json: "application/json", form: "application/x-www-form-urlencoded" }[as];
  return worker.post(path, {
    contentType,
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { ...(cookie ? { cookie } : {}), ...headers },
  });
}

async function tracked(body, options) {
  const res = await track(body, options);
  const text = await res.text();
  assert.equal(res.status, 204, text);
  assert.equal(text, "");
  return res;
}

async function capture(formId, fields, cookie) {
  const res = await postJson(worker.url, `/f/${formId}`, { ...fields, ...humanExtras(formId) }, cookie ? { cookie } : {});
  const body = await res.json();
  assert.equal(res.status, 201, JSON.stringify(body));
  return body.lead_id;
}

async function pull(after) {
  const res = await fetch(`${worker.url}/api/leads?after=${after}`, { headers: { cookie: session } });
  assert.equal(res.status, 200);
  return res.json();
}

const person = (n) => ({ email: `visitor${n}@customer.co.kr`, name: `방문자 ${n}`, company: "고객사" });

test("the tracking snippet is JavaScript, at most 2 KB gzipped, and sets the visitor cookie", async () => {
  const res = await fetch(`${worker.url}/f/contact/t.js`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type"), /javascript/);
  assert.match(res.headers.get("cache-control"), /private/, "a response with a cookie is for one browser only");
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.deepEqual(bytes, readFileSync(join(root, "worker/embed/t.js")));
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  assert.ok(gzipped <= 2 * 1024, `t.js is ${gzipped} bytes gzipped`);
  // A returning visitor keeps their id, renewed.
  const { cookie, id } = await newVisitor();
  const again = await fetch(`${worker.url}/f/contact/t.js`, { headers: { cookie } });
  assert.match(again.headers.get("set-cookie"), new RegExp(`lk_vid=${id};`));
});

test("a visitor's page views wait anonymously, then join their lead and its scores when they submit", async () => {
  const visitor = await newVisitor();
  const pricing = event("page_view", { url: "https://www.acme.co.kr/pricing?plan=pro" });
  const product = event("page_view", { url: "https://www.acme.co.kr/product" });
  const guide = event("content_download", { url: "https://www.acme.co.kr/resources", asset: "https://cdn.acme.co.kr/b2b-guide.pdf" });
  await tracked(pricing, { cookie: visitor.cookie, as: "beacon" });
  await tracked(product, { cookie: visitor.cookie, as: "json" });
  const form = new URLSearchParams({ kind: guide.kind, form_id: "contact", event_id: guide.event_id, url: guide.url, asset: guide.asset, utm_source: "newsletter" });
  await tracked(form.toString(), { cookie: visitor.cookie, as: "form" });

  const waiting = worker.d1("SELECT * FROM visitor_events WHERE visitor_id = ? ORDER BY at, id", visitor.id);
  assert.deepEqual(waiting.map((e) => e.id).sort(), [pricing.event_id, product.event_id, guide.event_id].sort());
  assert.ok(waiting.every((e) => e.lead_id === null && e.workspace_id === "default" && e.form_id === "contact"));
  const record = JSON.parse(waiting.find((e) => e.id === pricing.event_id).record_json);
  assert.deepEqual(
    { kind: record.kind, url: record.metadata.url, page: record.metadata.page_url, utm: record.utm },
    { kind: "page_view", url: "/pricing?plan=pro", page: pricing.url, utm: { source: "newsletter" } },
  );
  assert.equal(JSON.parse(waiting.find((e) => e.id === guide.event_id).record_json).metadata.asset, "b2b-guide.pdf");
  assert.equal(count("SELECT count(*) AS n FROM touches WHERE id IN (?, ?, ?)", pricing.event_id, product.event_id, guide.event_id), 0);

  // The same person without a history, for comparison.
  const plainId = await capture("contact", person(100));
  const leadId = await capture("contact", person(1), visitor.cookie);
  const touches = worker.d1("SELECT id, kind FROM touches WHERE lead_id = ?", leadId);
  assert.deepEqual(
    touches.filter((t) => t.kind !== "form_submit").map((t) => t.id).sort(),
    [pricing.event_id, product.event_id, guide.event_id].sort(),
    "the three events are the lead's touches, with their ids",
  );
  assert.equal(touches.length, 4, "three stitched touches and the form post");
  const [withHistory] = worker.d1("SELECT engagement, total FROM leads WHERE id = ?", leadId);
  const [plain] = worker.d1("SELECT engagement, total FROM leads WHERE id = ?", plainId);
  assert.equal(plain.engagement, formSubmitPoints);
  assert.ok(
    withHistory.engagement >= plain.engagement + pricingPoints,
    `engagement with history ${withHistory.engagement}, without ${plain.engagement}`,
  );
  assert.deepEqual(
    worker.d1("SELECT DISTINCT lead_id FROM visitor_events WHERE visitor_id = ?", visitor.id).map((r) => r.lead_id),
    [leadId],
    "the waiting events now carry the lead",
  );
  const [submission] = worker.d1("SELECT visitor_id FROM submissions WHERE lead_id = ?", leadId);
  assert.equal(submission.visitor_id, visitor.id);
});

test("an identified visitor's events go straight onto the lead, re-score it and reach pulls", async () => {
  const visitor = await newVisitor();
  const leadId = await capture("contact", person(2), visitor.cookie);
  const { cursor } = await pull(0);
  const [before] = worker.d1("SELECT engagement, version FROM leads WHERE id = ?", leadId);

  const view = event("page_view", { url: "https://www.acme.co.kr/pricing" });
  await tracked(view, { cookie: visitor.cookie });
  const [touch] = worker.d1("SELECT lead_id, kind, workspace_id FROM touches WHERE id = ?", view.event_id);
  assert.deepEqual({ ...touch }, { lead_id: leadId, kind: "page_view", workspace_id: "default" });
  const [row] = worker.d1("SELECT lead_id FROM visitor_events WHERE id = ?", view.event_id);
  assert.equal(row.lead_id, leadId, "logged with its lead from the start");
  const [afterView] = worker.d1("SELECT engagement, version FROM leads WHERE id = ?", leadId);
  assert.equal(afterView.engagement, before.engagement + pricingPoints);
  assert.equal(afterView.version, before.version + 1);

  const delta = await pull(cursor);
  assert.deepEqual(delta.leads.map((l) => l.id), [leadId]);
  assert.equal(delta.leads[0].scores.engagement, afterView.engagement);

  // A custom event (leadkit.track) is a usage signal on the lead.
  await tracked(event("custom", { name: "limit_hit", props: { plan: "pro", seats: 12 } }), { cookie: visitor.cookie });
  const [signal] = worker.d1("SELECT record_json FROM touches WHERE lead_id = ? AND kind = 'product_usage'", leadId);
  const metadata = JSON.parse(signal.record_json).metadata;
  assert.deepEqual([metadata.signal, metadata["prop.plan"], metadata["prop.seats"]], ["limit_hit", "pro", "12"]);
  assert.ok(worker.d1("SELECT engagement FROM leads WHERE id = ?", leadId)[0].engagement > afterView.engagement);
});

test("an event that lifts a lead over its workspace's MQL bar moves it, recorded as a rule change", async () => {
  const visitor = await newVisitor("mql-form");
  const leadId = await capture("mql-form", person(3), visitor.cookie);
  assert.equal(worker.d1("SELECT stage FROM leads WHERE id = ?", leadId)[0].stage, "lead", "one post is below the bar");

  await tracked(event("page_view", { form_id: "mql-form", url: "https://www.acme.co.kr/pricing" }), { cookie: visitor.cookie });
  const [lead] = worker.d1("SELECT stage, total FROM leads WHERE id = ?", leadId);
  assert.deepEqual({ ...lead }, { stage: "mql", total: formSubmitPoints + pricingPoints });
  const changes = worker.d1("SELECT workspace_id, from_stage, to_stage, reason, actor_json FROM stage_changes WHERE lead_id = ? ORDER BY id", leadId);
  assert.deepEqual(
    changes.map((c) => [c.workspace_id, c.from_stage, c.to_stage, c.reason, JSON.parse(c.actor_json)]),
    [
      ["ws-mql", null, "lead", "created", { kind: "system", rule: "capture.created" }],
      ["ws-mql", "lead", "mql", "rule", { kind: "system", rule: "lifecycle.mql" }],
    ],
  );
});

test("a retried event is stored once, anonymous or identified", async () => {
  const visitor = await newVisitor();
  const view = event("page_view", { url: "https://www.acme.co.kr/docs" });
  await tracked(view, { cookie: visitor.cookie });
  await tracked(view, { cookie: visitor.cookie });
  assert.equal(count("SELECT count(*) AS n FROM visitor_events WHERE id = ?", view.event_id), 1);

  const leadId = await capture("contact", person(4), visitor.cookie);
  // Sent again after it was stitched: already the lead's.
  await tracked(view, { cookie: visitor.cookie });
  const later = event("page_view", { url: "https://www.acme.co.kr/case-studies" });
  await tracked(later, { cookie: visitor.cookie });
  const [before] = worker.d1("SELECT version FROM leads WHERE id = ?", leadId);
  const changesBefore = count("SELECT count(*) AS n FROM lead_changes WHERE lead_id = ?", leadId);
  await tracked(later, { cookie: visitor.cookie, as: "json" });
  for (const id of [view.event_id, later.event_id]) {
    assert.equal(count("SELECT count(*) AS n FROM visitor_events WHERE id = ?", id), 1);
    assert.equal(count("SELECT count(*) AS n FROM touches WHERE id = ?", id), 1);
  }
  assert.equal(worker.d1("SELECT version FROM leads WHERE id = ?", leadId)[0].version, before.version, "a repeat writes nothing");
  assert.equal(count("SELECT count(*) AS n FROM lead_changes WHERE lead_id = ?", leadId), changesBefore);
});

test("events of one identified visitor racing each other all land; none is lost to the version guard", async () => {
  const visitor = await newVisitor();
  const leadId = await capture("contact", person(6), visitor.cookie);
  const [before] = worker.d1("SELECT version FROM leads WHERE id = ?", leadId);
  const events = Array.from({ length: 8 }, (_, i) => event("page_view", { url: `https://www.acme.co.kr/blog/${i}` }));
  await Promise.all(events.map((e) => tracked(e, { cookie: visitor.cookie })));
  assert.equal(count("SELECT count(*) AS n FROM touches WHERE lead_id = ? AND kind = 'page_view'", leadId), 8);
  assert.equal(worker.d1("SELECT version FROM leads WHERE id = ?", leadId)[0].version, before.version + 8);
});

test("events racing the visitor's first form post all end on the lead", async () => {
  const visitor = await newVisitor();
  const events = Array.from({ length: 6 }, (_, i) => event("page_view", { url: `https://www.acme.co.kr/docs/${i}` }));
  const [leadId] = await Promise.all([
    capture("contact", person(7), visitor.cookie),
    ...events.map((e) => tracked(e, { cookie: visitor.cookie })),
  ]);
  const rows = worker.d1("SELECT id, lead_id FROM visitor_events WHERE visitor_id = ?", visitor.id);
  assert.equal(rows.length, 6);
  assert.deepEqual([...new Set(rows.map((r) => r.lead_id))], [leadId], "none left waiting");
  const ids = events.map((e) => e.event_id);
  assert.equal(count(`SELECT count(*) AS n FROM touches WHERE lead_id = ? AND id IN (${ids.map(() => "?").join(",")})`, leadId, ...ids), 6);
});

test("a visitor without a cookie gets one with their first event; an id in the body is used when there is no cookie", async () => {
  const res = await tracked(event("page_view", { url: "https://www.acme.co.kr/" }));
  const m = /lk_vid=([0-9a-f-]{36});/.exec(res.headers.get("set-cookie") ?? "");
  assert.ok(m, "a new visitor id was issued");
  assert.equal(count("SELECT count(*) AS n FROM visitor_events WHERE visitor_id = ?", m[1]), 1);

  const own = randomUUID();
  const quiet = await tracked(event("page_view", { url: "https://www.acme.co.kr/", visitor_id: own }));
  assert.equal(quiet.headers.get("set-cookie"), null);
  assert.equal(count("SELECT count(*) AS n FROM visitor_events WHERE visitor_id = ?", own), 1);
  // The cookie wins over the body.
  const visitor = await newVisitor();
  await tracked(event("page_view", { url: "https://www.acme.co.kr/", visitor_id: own }), { cookie: visitor.cookie });
  assert.equal(count("SELECT count(*) AS n FROM visitor_events WHERE visitor_id = ?", visitor.id), 1);
});

/** Rows of every table tracking may write. */
function rowCounts() {
  return Object.fromEntries(
    ["visitor_events", "touches", "leads", "lead_changes", "stage_changes"].map((t) => [t, count(`SELECT count(*) AS n FROM ${t}`)]),
  );
}

test("refused requests name the problem and write nothing", async () => {
  const visitor = await newVisitor();
  const leadId = await capture("contact", person(5), visitor.cookie);
  assert.ok(leadId);
  const before = rowCounts();
  const refused = async (body, options, status, code) => {
    const res = await track(body, { cookie: visitor.cookie, ...options });
    const answer = await res.json();
    assert.equal(res.status, status, JSON.stringify(answer));
    assert.equal(answer.error, code, JSON.stringify(answer));
    return answer;
  };
  const fields = (answer) => answer.fields.map((f) => [f.field, f.code]);

  let answer = await refused(event("click", { url: "https://www.acme.co.kr/" }), {}, 400, "invalid_event");
  assert.deepEqual(fields(answer), [["kind", "unknown_value"]]);
  answer = await refused({ kind: "page_view", form_id: "contact", url: "/pricing" }, {}, 400, "invalid_event");
  assert.deepEqual(fields(answer), [["event_id", "required"], ["url", "invalid_url"]]);
  answer = await refused(event("custom", { name: "x", props: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`p${i}`, "v"])) }), {}, 400, "invalid_event");
  assert.deepEqual(fields(answer), [["props", "too_many"]]);
  answer = await refused(event("page_view", { url: `https://www.acme.co.kr/${"a".repeat(2100)}` }), {}, 400, "invalid_event");
  assert.deepEqual(fields(answer), [["url", "too_long"]]);
  answer = await refused(event("page_view", { url: "https://www.acme.co.kr/", event_id: "not-a-uuid" }), { as: "json" }, 400, "invalid_event");
  assert.deepEqual(fields(answer), [["event_id", "invalid_uuid"]]);
  assert.match(answer.message, /event_id/);
  await refused('{"kind":', {}, 400, "malformed_body");
  answer = await refused(event("page_view", { url: "https://www.acme.co.kr/" }), { path: "/t?form_id=site" }, 400, "invalid_event");
  assert.deepEqual(fields(answer), [["form_id", "unknown_value"]]);
  await refused(event("page_view", { form_id: "no-such-form", url: "https://www.acme.co.kr/" }), {}, 404, "unknown_form");
  await refused(event("page_view", { url: "https://www.acme.co.kr/", title: "x".repeat(9 * 1024) }), {}, 413, "body_too_large");
  const html = await worker.post("/t", { contentType: "text/html", body: "<p>hi</p>" });
  assert.equal(html.status, 415);
  assert.equal((await html.json()).error, "unsupported_media_type");
  assert.deepEqual(rowCounts(), before);
});

test("CORS: scripts on the form's allowed origins may post and preflight; others are refused", async () => {
  const preflight = (origin, query = "?form_id=site") =>
    fetch(`${worker.url}/t${query}`, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
  const ok = await preflight(SITE);
  assert.equal(ok.status, 204);
  assert.equal(ok.headers.get("access-control-allow-origin"), SITE);
  assert.equal(ok.headers.get("access-control-allow-credentials"), "true");
  assert.match(ok.headers.get("access-control-allow-methods"), /POST/);
  assert.match(ok.headers.get("access-control-allow-headers"), /content-type/);
  const elsewhere = await preflight("https://evil.example");
  assert.equal(elsewhere.status, 403);
  assert.equal(elsewhere.headers.get("access-control-allow-origin"), null);
  assert.equal((await preflight(SITE, "")).status, 400, "a preflight names its form");
  assert.equal((await preflight(SITE, "?form_id=no-such-form")).status, 404);

  const visitor = await newVisitor("site");
  const view = event("page_view", { form_id: "site", url: `${SITE}/pricing` });
  const res = await tracked(view, { cookie: visitor.cookie, as: "json", headers: { origin: SITE } });
  assert.equal(res.headers.get("access-control-allow-origin"), SITE);
  assert.equal(res.headers.get("access-control-allow-credentials"), "true");
  const before = rowCounts();
  const foreign = await track(event("page_view", { form_id: "site", url: "https://evil.example/" }), { cookie: visitor.cookie, headers: { origin: "https://evil.example" } });
  assert.equal(foreign.status, 403);
  assert.equal((await foreign.json()).error, "origin_not_allowed");
  assert.deepEqual(rowCounts(), before);
});

test("over the rate limit, events get 429 with Retry-After and nothing is stored", async () => {
  const limited = await startWorker({ vars: { TRACK_RATE_LIMIT: "3/60" } });
  try {
    const send = (body) =>
      limited.post("/t", { contentType: "text/plain", body: JSON.stringify(body), headers: { cookie: `lk_vid=${randomUUID()}` } });
    for (let i = 0; i < 3; i++) {
      const res = await send(event("page_view", { url: "https://www.acme.co.kr/" }));
      assert.equal(res.status, 204, await res.text());
    }
    const over = await send(event("page_view", { url: "https://www.acme.co.kr/" }));
    assert.equal(over.status, 429);
    assert.ok(Number(over.headers.get("retry-after")) > 0);
    assert.equal((await over.json()).error, "rate_limited");
    assert.equal(limited.d1("SELECT count(*) AS n FROM visitor_events")[0].n, 3);
  } finally {
    await limited.stop();
  }
});
