// Outbound webhooks against the real worker under `wrangler dev`: endpoints created
// through the API receive capture's events on a loopback receiver, which checks every
// Standard Webhooks signature with its own implementation (node:crypto, not the
// worker's code); retries follow WEBHOOK_RETRY (seconds here) through the local Queue;
// the delivery log shows each attempt; the cron sweep sends what was committed but
// never dispatched; and another workspace sees and touches nothing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { createServer as createNetServer } from "node:net";
import { startWorker } from "./support/worker.mjs";
import { configWithMqlBar, engineConfigSeed } from "./support/engine.mjs";
import { humanExtras } from "./support/forms.mjs";
import { postJson, signUp } from "./support/auth.mjs";
import { verifySignature } from "./support/webhooks.mjs";
import { eventually, request } from "./support/http.mjs";

// ---- The receiver ----------------------------------------------------------------

/** Every request the receiver got: { path, headers, body (Buffer), json }. */
const received = [];
/** Per path, the statuses to answer in turn (a function may hold the answer); then 200. */
const plans = new Map();
let receiver;
let hookBase;

function startReceiver() {
  receiver = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      let json = null;
      try {
        json = JSON.parse(body.toString("utf8"));
      } catch {
        // kept as bytes; the assertions say what was wrong
      }
      const entry = { path: req.url, method: req.method, headers: req.headers, body, json };
      received.push(entry);
      const step = plans.get(req.url)?.shift() ?? 200;
      const status = typeof step === "function" ? await step(entry) : step;
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(status < 300 ? "ok" : "failed");
    });
  });
  return new Promise((ok) => receiver.listen(0, "127.0.0.1", ok));
}

/** A loopback port nothing listens on: a receiver that is down. */
function closedPort() {
  return new Promise((ok, fail) => {
    const server = createNetServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

// ---- The worker ------------------------------------------------------------------

/**
 * `EngineConfig::korean_b2b_default()` with the MQL bar lowered to one form submission
 * (as tests/scoring.test.mjs does), so each captured lead also moves lead → mql by rule.
 */

const sql = (text) => `'${text.replaceAll("'", "''")}'`;

/** An event recorded in the demo workspace before the worker started and never queued. */
const stranded = {
  endpointId: "5e1b7a52-7c1c-4e8e-9a51-2d5f3c4b6a70",
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  messageId: "msg_strandedBeforeTheCrash00",
  body: JSON.stringify({ type: "handoff.rejected", timestamp: "2026-11-24T09:00:00Z", data: { note: "stranded" } }),
};

function seed(hookUrl) {
  return `
${engineConfigSeed("default", configWithMqlBar(1))}
INSERT INTO webhook_endpoints (id, workspace_id, url, description, event_types, secret, active, created_at)
VALUES ('${stranded.endpointId}', 'default', ${sql(`${hookUrl}/stranded`)}, 'seeded', '["handoff.rejected"]',
        '${stranded.secret}', 1, '2026-11-24T00:00:00Z');
INSERT INTO webhook_messages (id, workspace_id, event_type, body, created_at)
VALUES ('${stranded.messageId}', 'default', 'handoff.rejected', ${sql(stranded.body)}, '2026-11-24T00:00:00Z');
INSERT INTO webhook_deliveries (workspace_id, message_id, endpoint_id, event_type, status, attempts,
        next_attempt_ms, created_at, updated_at)
VALUES ('default', '${stranded.messageId}', '${stranded.endpointId}', 'handoff.rejected', 'pending', 0,
        0, '2026-11-24T00:00:00Z', '2026-11-24T00:00:00Z');
`;
}

let worker;
/** Workspace A claims the demo workspace (its contact form); B is another workspace. */
const A = { email: "admin@acme.kr" };
const B = { email: "admin@bravo.kr" };

before(async () => {
  await startReceiver();
  hookBase = `http://127.0.0.1:${receiver.address().port}`;
  // Three attempts in all, a second apart: retries and giving up take seconds.
  worker = await startWorker({ seed: seed(hookBase), vars: { WEBHOOK_RETRY: "1s,1s" } });
  for (const [who, workspace_name] of [[A, "에이크미"], [B, "Bravo"]]) {
    const { me, cookie } = await signUp(worker.url, { email: who.email, workspace_name });
    Object.assign(who, { me, cookie });
  }
});

after(async () => {
  await worker?.stop();
  await new Promise((ok) => (receiver ? receiver.close(ok) : ok()));
});

const api = (method, path, options) => request(worker.url, method, path, options);
const waitFor = (what, check) => eventually(what, check, 45_000);

/** Sends a request, checks its status; returns the parsed body (or null). */
async function expect(status, method, path, options) {
  const res = await api(method, path, options);
  const text = await res.text();
  assert.equal(res.status, status, `${method} ${path}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Creates an endpoint of A's at `${hookBase}${path}`; returns { id, secret, path }. */
async function createEndpoint(path, event_types, { base = hookBase, description = "" } = {}) {
  const body = await expect(201, "POST", "/api/webhooks", {
    cookie: A.cookie,
    json: { url: `${base}${path}`, description, event_types },
  });
  return { id: body.endpoint.id, secret: body.secret, path, created: body };
}

let people = 0;
/** Captures a new lead through A's contact form; returns its id. */
async function captureLead() {
  people += 1;
  const res = await postJson(worker.url, "/f/contact", {
    email: `person${people}@customer.co.kr`,
    name: `고객 ${people}`,
    company: "고객사",
    ...humanExtras(),
  });
  const text = await res.text();
  assert.equal(res.status, 201, text);
  return JSON.parse(text).lead_id;
}

const requestsTo = (path, leadId) =>
  received.filter((r) => r.path === path && (leadId === undefined || r.json?.data?.lead_id === leadId));

/** A's delivery log entries, all pages, newest first. */
async function deliveryLog(query = "") {
  const all = [];
  let before = "";
  for (;;) {
    const page = await expect(200, "GET", `/api/webhooks/deliveries?limit=200${query}${before}`, { cookie: A.cookie });
    all.push(...page.deliveries);
    if (page.next_before === null) return all;
    before = `&before=${page.next_before}`;
  }
}

// ---- Tests -----------------------------------------------------------------------

test("the independent verifier accepts the Standard Webhooks test vector and nothing else", () => {
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const body = Buffer.from('{"test": 2432232314}');
  const headers = {
    "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
    "webhook-timestamp": "1614265330",
    "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
  };
  assert.ok(verifySignature(secret, headers, body, 1614265330));
  assert.ok(!verifySignature(secret, headers, Buffer.from('{"test": 2432232315}'), 1614265330));
  assert.ok(!verifySignature(secret, headers, body, 1614265330 + 301), "a stale timestamp passed");
  assert.ok(!verifySignature("whsec_" + Buffer.alloc(24, 7).toString("base64"), headers, body, 1614265330));
});

test("creating an endpoint shows its secret once; lists and the log never do", async () => {
  const endpoint = await createEndpoint("/created", ["lead.created"], { description: "CRM sync" });
  assert.match(endpoint.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
  assert.equal(Buffer.from(endpoint.secret.slice(6), "base64").length, 32);
  assert.deepEqual(
    { ...endpoint.created.endpoint, id: undefined, created_at: undefined },
    { id: undefined, url: `${hookBase}/created`, description: "CRM sync", event_types: ["lead.created"], created_at: undefined },
  );
  const [row] = worker.d1("SELECT * FROM webhook_endpoints WHERE id = ?", endpoint.id);
  assert.equal(row.workspace_id, "default");
  assert.equal(row.secret, endpoint.secret);
  assert.equal(row.event_types, '["lead.created"]');
  const res = await api("GET", "/api/webhooks", { cookie: A.cookie });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  assert.ok(!text.includes(endpoint.secret.slice(6)), "the list shows a secret");
  assert.ok(!text.includes(stranded.secret.slice(6)), "the list shows the seeded secret");
  const listed = JSON.parse(text).endpoints.find((e) => e.id === endpoint.id);
  assert.deepEqual(listed, endpoint.created.endpoint);
  await expect(204, "DELETE", `/api/webhooks/${endpoint.id}`, { cookie: A.cookie });
});

test("bad endpoints are refused naming each field, and nothing is stored", async () => {
  const count = () => worker.d1("SELECT count(*) AS n FROM webhook_endpoints")[0].n;
  const before = count();
  const cases = [
    [{}, [["url", "required"], ["event_types", "required"]]],
    [{ url: "http://crm.acme.co.kr/hook", event_types: ["lead.created"] }, [["url", "invalid_url"]]],
    [{ url: "https://user:pw@crm.acme.co.kr/hook", event_types: ["lead.created"] }, [["url", "invalid_url"]]],
    [{ url: "https://crm.acme.co.kr/hook", event_types: ["lead.created", "lead.deleted"] }, [["event_types", "unknown_value"]]],
    [{ url: "ftp://crm", event_types: [] }, [["url", "invalid_url"], ["event_types", "required"]]],
    [{ url: "https://crm.acme.co.kr/hook", description: "가".repeat(201), event_types: ["lead.created"] }, [["description", "too_long"]]],
  ];
  for (const [json, fields] of cases) {
    const body = await expect(422, "POST", "/api/webhooks", { cookie: A.cookie, json });
    assert.equal(body.error, "validation_failed");
    assert.deepEqual(body.fields.map((f) => [f.field, f.code]), fields, JSON.stringify(json));
    for (const f of body.fields) assert.match(f.message, new RegExp(`^${f.field} `));
  }
  const unknown = await expect(422, "POST", "/api/webhooks", {
    cookie: A.cookie,
    json: { url: "https://crm.acme.co.kr/hook", event_types: ["lead.deleted"] },
  });
  assert.match(unknown.fields[0].message, /"lead\.deleted"/);
  const malformed = await api("POST", "/api/webhooks", { cookie: A.cookie });
  assert.equal(malformed.status, 415);
  assert.equal(count(), before);

  const badQuery = await expect(400, "GET", "/api/webhooks/deliveries?status=failed", { cookie: A.cookie });
  assert.match(badQuery.message, /"status"/);
  const badLimit = await expect(400, "GET", "/api/webhooks/deliveries?limit=0", { cookie: A.cookie });
  assert.match(badLimit.message, /"limit"/);
});

let signedSample;

test("a captured lead reaches both subscribed endpoints signed; a handoff-only endpoint gets nothing", async () => {
  const all = await createEndpoint("/all-lead-events", ["lead.created", "lead.stage_changed"]);
  const created = await createEndpoint("/created-only", ["lead.created"]);
  const handoffs = await createEndpoint("/handoffs", ["handoff.assigned", "handoff.accepted", "handoff.rejected"]);
  const leadId = await captureLead();

  // The lowered MQL bar moves the lead by rule: created, then stage_changed.
  const toAll = await waitFor("both events at the first endpoint", () => {
    const got = requestsTo(all.path, leadId);
    return got.length >= 2 && got;
  });
  const toCreated = await waitFor("lead.created at the second endpoint", () => {
    const got = requestsTo(created.path, leadId);
    return got.length >= 1 && got;
  });
  assert.deepEqual(toAll.map((r) => r.json.type).sort(), ["lead.created", "lead.stage_changed"]);
  assert.deepEqual(toCreated.map((r) => r.json.type), ["lead.created"]);

  for (const [endpoint, requests] of [[all, toAll], [created, toCreated]]) {
    for (const r of requests) {
      assert.equal(r.method, "POST");
      assert.match(r.headers["content-type"], /^application\/json/);
      assert.match(r.headers["webhook-id"], /^msg_[A-Za-z0-9_-]{24}$/);
      assert.match(r.headers["webhook-signature"], /^v1,[A-Za-z0-9+/]{43}=$/);
      assert.ok(verifySignature(endpoint.secret, r.headers, r.body), `bad signature at ${endpoint.path}`);
      assert.ok(!verifySignature(handoffs.secret, r.headers, r.body), "another endpoint's secret verified it");
    }
  }
  const createdEvent = toAll.find((r) => r.json.type === "lead.created").json;
  assert.equal(createdEvent.data.lead_id, leadId);
  assert.equal(createdEvent.data.email, `person${people}@customer.co.kr`);
  assert.equal(createdEvent.data.name, `고객 ${people}`);
  assert.equal(createdEvent.data.form_id, "contact");
  assert.equal(createdEvent.data.entry_path, "form");
  const moved = toAll.find((r) => r.json.type === "lead.stage_changed").json;
  assert.deepEqual(
    { lead: moved.data.lead_id, from: moved.data.from, to: moved.data.to, actor: moved.data.actor },
    { lead: leadId, from: "lead", to: "mql", actor: { kind: "system", rule: "lifecycle.mql" } },
  );
  // One message per event, the same id at every endpoint it went to.
  const createdId = toAll.find((r) => r.json.type === "lead.created").headers["webhook-id"];
  assert.equal(toCreated[0].headers["webhook-id"], createdId);
  assert.notEqual(toAll.find((r) => r.json.type === "lead.stage_changed").headers["webhook-id"], createdId);
  assert.equal(worker.d1("SELECT body FROM webhook_messages WHERE id = ?", createdId)[0].body, toCreated[0].body.toString("utf8"));

  const log = await waitFor("three succeeded deliveries in the log", async () => {
    const entries = (await deliveryLog()).filter((d) => toAll.concat(toCreated).some((r) => r.headers["webhook-id"] === d.msg_id));
    return entries.length === 3 && entries.every((d) => d.status === "succeeded") && entries;
  });
  for (const d of log) {
    assert.equal(d.attempts, 1);
    assert.equal(d.last_status_code, 200);
    assert.equal(d.last_error, null);
    assert.equal(d.next_attempt_at, null);
    assert.ok([all.id, created.id].includes(d.endpoint_id));
  }
  // The handoff-only endpoint was never given a delivery (it would have been written in
  // the lead's batch, with the others) and never called.
  assert.equal(worker.d1("SELECT count(*) AS n FROM webhook_deliveries WHERE endpoint_id = ?", handoffs.id)[0].n, 0);
  assert.equal(requestsTo(handoffs.path).length, 0);
  signedSample = { secret: all.secret, request: toAll[0] };
  for (const e of [all, created, handoffs]) await expect(204, "DELETE", `/api/webhooks/${e.id}`, { cookie: A.cookie });
});

test("a tampered body, timestamp or id fails the independent verification", () => {
  const { secret, request } = signedSample;
  assert.ok(verifySignature(secret, request.headers, request.body));
  const body = Buffer.from(request.body);
  body[body.length - 2] ^= 1;
  assert.ok(!verifySignature(secret, request.headers, body));
  const later = { ...request.headers, "webhook-timestamp": String(Number(request.headers["webhook-timestamp"]) + 1) };
  assert.ok(!verifySignature(secret, later, request.body));
  const otherId = { ...request.headers, "webhook-id": "msg_someoneElsesMessage00000" };
  assert.ok(!verifySignature(secret, otherId, request.body));
});

test("a receiver failing twice gets the same signed message three times; the log shows each attempt", async () => {
  let secondArrived;
  const arrived = new Promise((r) => (secondArrived = r));
  let release;
  const released = new Promise((r) => (release = r));
  // Second attempt: held open until the log has been read mid-retry, then 500 again.
  plans.set("/flaky", [500, async () => (secondArrived(), await released, 500), 200]);
  const flaky = await createEndpoint("/flaky", ["lead.created"]);
  const leadId = await captureLead();

  await arrived;
  const midway = (await deliveryLog(`&endpoint_id=${flaky.id}`)).filter((d) => d.event_type === "lead.created");
  assert.equal(midway.length, 1);
  assert.deepEqual(
    { status: midway[0].status, attempts: midway[0].attempts, code: midway[0].last_status_code, error: midway[0].last_error },
    { status: "retrying", attempts: 1, code: 500, error: "endpoint answered http 500" },
  );
  assert.notEqual(midway[0].next_attempt_at, null);
  release();

  const [done] = await waitFor("the flaky delivery to succeed", async () => {
    const entries = await deliveryLog(`&endpoint_id=${flaky.id}&status=succeeded`);
    return entries.length === 1 && entries;
  });
  assert.deepEqual(
    { msg: done.msg_id, attempts: done.attempts, code: done.last_status_code, error: done.last_error, next: done.next_attempt_at },
    { msg: midway[0].msg_id, attempts: 3, code: 200, error: null, next: null },
  );
  const requests = requestsTo("/flaky", leadId);
  assert.equal(requests.length, 3);
  // At least once, with one identity: receivers dedupe on webhook-id.
  assert.deepEqual(new Set(requests.map((r) => r.headers["webhook-id"])), new Set([done.msg_id]));
  assert.deepEqual(new Set(requests.map((r) => r.body.toString("base64"))).size, 1);
  for (const r of requests) assert.ok(verifySignature(flaky.secret, r.headers, r.body));
  assert.equal(worker.d1("SELECT count(*) AS n FROM webhook_deliveries WHERE endpoint_id = ?", flaky.id)[0].n, 1);
  await expect(204, "DELETE", `/api/webhooks/${flaky.id}`, { cookie: A.cookie });
});

test("an unreachable receiver is retried by the schedule, then given up", async () => {
  const down = await createEndpoint("/down", ["lead.created"], { base: `http://127.0.0.1:${await closedPort()}` });
  await captureLead();
  const [gaveUp] = await waitFor("the delivery to give up", async () => {
    const entries = await deliveryLog(`&endpoint_id=${down.id}&status=gave_up`);
    return entries.length === 1 && entries;
  });
  assert.equal(gaveUp.attempts, 3, "WEBHOOK_RETRY 1s,1s makes three attempts");
  assert.equal(gaveUp.last_status_code, null);
  assert.match(gaveUp.last_error, /^request failed: /);
  assert.equal(gaveUp.next_attempt_at, null);
  assert.notEqual(gaveUp.last_attempt_at, null);
  const [row] = worker.d1("SELECT status, next_attempt_ms, lease_until_ms FROM webhook_deliveries WHERE id = ?", gaveUp.id);
  assert.deepEqual({ ...row }, { status: "gave_up", next_attempt_ms: null, lease_until_ms: null });
  await expect(204, "DELETE", `/api/webhooks/${down.id}`, { cookie: A.cookie });
});

test("the cron sweep sends an event committed before a crash and never dispatched", async () => {
  // Seeded before the worker started: nothing has queued it, so nothing has sent it.
  assert.equal(requestsTo("/stranded").length, 0);
  assert.equal(worker.d1("SELECT status FROM webhook_deliveries WHERE message_id = ?", stranded.messageId)[0].status, "pending");
  const res = await fetch(`${worker.url}/cdn-cgi/local/scheduled?cron=*+*+*+*+*`, { signal: AbortSignal.timeout(15_000) });
  assert.equal(res.status, 200, await res.text());
  const [request] = await waitFor("the stranded event to arrive", () => {
    const got = requestsTo("/stranded");
    return got.length > 0 && got;
  });
  assert.equal(request.headers["webhook-id"], stranded.messageId);
  assert.equal(request.body.toString("utf8"), stranded.body);
  assert.ok(verifySignature(stranded.secret, request.headers, request.body));
  await waitFor("the stranded delivery to be logged as succeeded", () =>
    worker.d1("SELECT status FROM webhook_deliveries WHERE message_id = ?", stranded.messageId)[0].status === "succeeded",
  );
});

test("deleting an endpoint stops its deliveries and keeps its log", async () => {
  const endpoint = await createEndpoint("/deleted", ["lead.created"]);
  const first = await captureLead();
  await waitFor("the first lead at the endpoint", () => requestsTo("/deleted", first).length === 1);
  await expect(204, "DELETE", `/api/webhooks/${endpoint.id}`, { cookie: A.cookie });
  await expect(404, "DELETE", `/api/webhooks/${endpoint.id}`, { cookie: A.cookie });
  await expect(404, "DELETE", "/api/webhooks/not-a-uuid", { cookie: A.cookie });
  const list = await expect(200, "GET", "/api/webhooks", { cookie: A.cookie });
  assert.ok(!list.endpoints.some((e) => e.id === endpoint.id));
  const second = await captureLead();
  // The second lead's batch wrote no delivery for the deleted endpoint.
  assert.equal(
    worker.d1(
      "SELECT count(*) AS n FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id WHERE d.endpoint_id = ? AND m.body LIKE ?",
      endpoint.id,
      `%${second}%`,
    )[0].n,
    0,
  );
  const log = await deliveryLog(`&endpoint_id=${endpoint.id}`);
  assert.deepEqual(log.map((d) => d.status), ["succeeded"]);
});

test("another workspace can neither list, delete nor read the deliveries of A's endpoints", async () => {
  const endpoint = await createEndpoint("/tenancy", ["lead.created"]);
  const leadId = await captureLead();
  await waitFor("A's delivery", () => requestsTo("/tenancy", leadId).length === 1);
  const secretsOfA = [endpoint.id, endpoint.secret.slice(6), `${hookBase}/tenancy`, leadId];
  const B_views = [
    await api("GET", "/api/webhooks", { cookie: B.cookie }),
    await api("GET", "/api/webhooks/deliveries", { cookie: B.cookie }),
    await api("GET", `/api/webhooks/deliveries?endpoint_id=${endpoint.id}`, { cookie: B.cookie }),
    await api("DELETE", `/api/webhooks/${endpoint.id}`, { cookie: B.cookie }),
  ];
  assert.deepEqual(B_views.map((r) => r.status), [200, 200, 404, 404]);
  const texts = await Promise.all(B_views.map((r) => r.text()));
  for (const text of texts) for (const s of secretsOfA) assert.ok(!text.includes(s), `B sees ${s}`);
  assert.deepEqual(JSON.parse(texts[0]).endpoints, []);
  assert.deepEqual(JSON.parse(texts[1]).deliveries, []);
  assert.equal(JSON.parse(texts[3]).error, "not_found");
  assert.equal(worker.d1("SELECT active FROM webhook_endpoints WHERE id = ?", endpoint.id)[0].active, 1);
  // A still sees its own.
  const log = await deliveryLog(`&endpoint_id=${endpoint.id}`);
  assert.equal(log.length, 1);
  await expect(204, "DELETE", `/api/webhooks/${endpoint.id}`, { cookie: A.cookie });
});

test("roles: marketing reads endpoints and the log, only admins create or delete; sales sees nothing", async () => {
  const endpoint = await createEndpoint("/roles", ["lead.created"]);
  const token = async (role) =>
    (await expect(201, "POST", "/api/tokens", { cookie: A.cookie, json: { name: `${role} tool`, role } })).secret;
  const marketing = await token("marketing");
  const sales = await token("sales");
  await expect(200, "GET", "/api/webhooks", { bearer: marketing });
  await expect(200, "GET", "/api/webhooks/deliveries", { bearer: marketing });
  const json = { url: "https://crm.acme.co.kr/hook", event_types: ["lead.created"] };
  for (const [method, path, bearer, body] of [
    ["POST", "/api/webhooks", marketing, json],
    ["DELETE", `/api/webhooks/${endpoint.id}`, marketing],
    ["GET", "/api/webhooks", sales],
    ["GET", "/api/webhooks/deliveries", sales],
    ["POST", "/api/webhooks", sales, json],
    ["DELETE", `/api/webhooks/${endpoint.id}`, sales],
  ]) {
    const refused = await expect(403, method, path, { bearer, json: body });
    assert.equal(refused.error, "forbidden", `${method} ${path}`);
  }
  assert.equal(worker.d1("SELECT count(*) AS n FROM webhook_endpoints WHERE url = ?", json.url)[0].n, 0);
  assert.equal(worker.d1("SELECT active FROM webhook_endpoints WHERE id = ?", endpoint.id)[0].active, 1);
  await expect(204, "DELETE", `/api/webhooks/${endpoint.id}`, { cookie: A.cookie });
});

test("the delivery log pages newest first", async () => {
  const all = await deliveryLog();
  assert.ok(all.length >= 6, `only ${all.length} deliveries`);
  const ids = all.map((d) => d.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
  assert.equal(new Set(ids).size, ids.length);
  const first = await expect(200, "GET", "/api/webhooks/deliveries?limit=2", { cookie: A.cookie });
  assert.deepEqual(first.deliveries.map((d) => d.id), ids.slice(0, 2));
  assert.equal(first.next_before, ids[1]);
  const second = await expect(200, "GET", `/api/webhooks/deliveries?limit=2&before=${first.next_before}`, { cookie: A.cookie });
  assert.deepEqual(second.deliveries.map((d) => d.id), ids.slice(2, 4));
});

test("a bad WEBHOOK_RETRY is refused clearly, not replaced", async () => {
  const broken = await startWorker({ vars: { WEBHOOK_RETRY: "soon" } });
  try {
    const { cookie } = await signUp(broken.url, { email: "admin@acme.kr", workspace_name: "에이크미" });
    const res = await fetch(`${broken.url}/api/webhooks`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ url: "https://crm.acme.co.kr/hook", event_types: ["lead.created"] }),
      signal: AbortSignal.timeout(15_000),
    });
    assert.equal(res.status, 500);
    assert.equal((await res.json()).error, "internal");
    await waitFor("the setting named in the log", () => broken.output().includes('WEBHOOK_RETRY: retry setting "soon"'));
    assert.equal(broken.d1("SELECT count(*) AS n FROM webhook_endpoints")[0].n, 0);
  } finally {
    await broken.stop();
  }
});
