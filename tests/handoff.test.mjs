// Handoff to sales, against the real worker: a lead that enters the workspace's
// handoff stage is queued in the batch that moves it, the HandoffDesk Durable Object
// assigns from the queue up to each rep's capacity and leaves the rest waiting in a
// visible queue, its alarm flags a lead that waited too long, SLA breaches are flagged,
// and the rep's accept or reject moves the lead per the settings.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startWorker } from "./support/worker.mjs";
import { configWithMqlBar, engineConfigSeed } from "./support/engine.mjs";
import { humanExtras } from "./support/forms.mjs";
import { postJson, signUp } from "./support/auth.mjs";
import { verifySignature } from "./support/webhooks.mjs";
import { createServer } from "node:http";
import { callApi, eventually } from "./support/http.mjs";

// The default engine config with an MQL bar one form post clears, for the seeded
// 'default' workspace (claimed by the first sign-up): every capture becomes an MQL.

const seed = engineConfigSeed("default", configWithMqlBar(1));

let worker;
const A = { email: "lead@acme.kr" };
const REP_A = "00000000-0000-4000-8000-00000000000a";
const REP_B = "00000000-0000-4000-8000-00000000000b";

/** Every handoff event the workspace's endpoint received, as { type, data, verified }. */
const hooks = [];
let receiver;
let hookSecret;

before(async () => {
  receiver = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const event = JSON.parse(body.toString("utf8"));
      hooks.push({ ...event, verified: verifySignature(hookSecret, req.headers, body) });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise((ok) => receiver.listen(0, "127.0.0.1", ok));
  worker = await startWorker({ seed, vars: { WEBHOOK_RETRY: "1s,1s" } });
  Object.assign(A, await signUp(worker.url, { email: A.email, workspace_name: "에이크미" }));
  const endpoint = await call("POST", "/api/webhooks", {
    json: {
      url: `http://127.0.0.1:${receiver.address().port}/handoff`,
      description: "sales desk",
      event_types: ["handoff.assigned", "handoff.accepted", "handoff.rejected", "handoff.waiting_too_long"],
    },
  });
  assert.equal(endpoint.status, 201, JSON.stringify(endpoint.body));
  hookSecret = endpoint.body.secret;
});

after(async () => {
  await worker?.stop();
  receiver?.close();
});

/** Every day a working day, all day, so the test passes whatever day it runs. */
const everyDay = { utc_offset_minutes: 0, day_start_hour: 0, day_end_hour: 24, holidays: [], weekend_days: [] };

function settings(overrides = {}) {
  return {
    handoff_stage: "mql",
    accepted_stage: "sql",
    sla_working_hours: 4,
    alert_after_secs: 3,
    reject_reasons: ["bad_fit", "no_budget", "bad_timing", "other"],
    rejected_to: { bad_timing: "nurture", bad_fit: "disqualified" },
    calendar: everyDay,
    reps: [
      { id: REP_A, name: "김지우", email: A.email, capacity_per_day: 1, capacity_per_week: 5, active: true },
      { id: REP_B, name: "Sam Lee", email: "sam@acme.kr", capacity_per_day: 2, capacity_per_week: 5, active: true },
    ],
    ...overrides,
  };
}

async function capture(n) {
  const res = await postJson(worker.url, "/f/contact", {
    email: `buyer${n}@customer.co.kr`,
    name: `구매자 ${n}`,
    company: "고객사",
    ...humanExtras("contact"),
  });
  const body = await res.json();
  assert.equal(res.status, 201, JSON.stringify(body));
  return body.lead_id;
}

const call = (method, path, options = {}) => callApi(worker.url, method, path, { cookie: A.cookie, ...options });

const queue = async (query = "") => (await call("GET", `/api/handoff/queue${query}`)).body;

test("settings start at the defaults, refuse mistakes by field and are versioned when saved", async () => {
  const first = await call("GET", "/api/handoff/settings");
  assert.equal(first.status, 200);
  assert.equal(first.body.version, 0);
  assert.equal(first.body.settings.handoff_stage, "mql");
  assert.deepEqual(first.body.settings.reps, []);

  for (const [bad, field] of [
    [{ handoff_stage: "lead" }, "handoff_stage"],
    [{ sla_working_hours: 0 }, "sla_working_hours"],
    [{ rejected_to: { other: "sql" } }, "rejected_to"],
    [{ reps: [{ id: REP_A, name: " ", email: "x@y.kr", capacity_per_day: 1, capacity_per_week: 1, active: true }] }, "reps[0].name"],
  ]) {
    const res = await call("PUT", "/api/handoff/settings", { json: settings(bad) });
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.equal(res.body.fields[0].field, field);
  }
  assert.equal((await call("PUT", "/api/handoff/settings", { json: { handoff_stage: 3 } })).status, 400);
  assert.equal(worker.d1("SELECT count(*) AS n FROM handoff_settings")[0].n, 0, "refused settings wrote nothing");

  const saved = await call("PUT", "/api/handoff/settings", { json: settings() });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  assert.equal(saved.body.version, 1);
  assert.equal(saved.body.updated_by, A.me.user.id);
  assert.equal(saved.body.settings.reps.length, 2);
});

let assignedIds;

test("MQLs are queued and assigned up to each rep's capacity; the rest wait in a visible queue", async () => {
  const leads = [];
  for (const n of [1, 2, 3, 4]) leads.push(await capture(n));
  const q = await eventually("three assignments", async () => {
    const q = await queue();
    return q.assigned.length === 3 ? q : null;
  });
  assert.equal(q.depth, 1, "one lead over capacity waits");
  assert.equal(q.waiting.length, 1);
  assert.equal(q.waiting[0].waiting_reason, "no_capacity");
  assert.equal(q.oldest_waiting_since, q.waiting[0].queued_at);
  const byRep = Object.fromEntries(q.reps.map((r) => [r.rep_id, r]));
  assert.deepEqual([byRep[REP_A].assigned_today, byRep[REP_B].assigned_today], [1, 2], "never over capacity");
  assert.deepEqual([byRep[REP_A].open, byRep[REP_B].open], [1, 2]);
  for (const entry of q.assigned) {
    assert.equal(entry.state, "assigned");
    assert.ok(entry.sla_seconds_left > 3 * 3600 && entry.sla_seconds_left <= 4 * 3600, `${entry.sla_seconds_left}`);
    assert.equal(entry.sla_breached, false);
  }
  assert.deepEqual(new Set([...q.assigned, ...q.waiting].map((e) => e.lead_id)), new Set(leads));
  // The owner reaches the app through the pull.
  const pulled = (await call("GET", "/api/leads?after=0")).body.leads;
  for (const entry of q.assigned) {
    const lead = pulled.find((l) => l.id === entry.lead_id);
    assert.equal(lead.record.owner, entry.rep_id);
    assert.equal(lead.stage, "mql");
  }
  // A rep's own view.
  const mine = await queue("?mine=true");
  assert.deepEqual(mine.assigned.map((e) => e.rep_id), [REP_A]);
  assignedIds = q.assigned.map((e) => e.id);
  // Re-posting a queued lead does not queue it twice.
  await capture(4);
  assert.equal(worker.d1("SELECT count(*) AS n FROM handoffs WHERE state IN ('waiting','assigned')")[0].n, 4);
});

test("a lead waiting past the alert time is flagged by the desk's own alarm", async () => {
  const q = await eventually("the waiting alert", async () => {
    const q = await queue();
    return q.waiting[0]?.alerted ? q : null;
  });
  const [row] = worker.d1("SELECT alerted_at, queued_at FROM handoffs WHERE state = 'waiting'");
  assert.ok(Date.parse(row.alerted_at) - Date.parse(row.queued_at) >= 3000, "not alerted early");
  assert.equal(q.depth, 1);
});

test("accepting moves the lead to SQL; rejecting parks it per reason; both once only", async () => {
  const [first, second] = assignedIds;
  const accepted = await call("POST", `/api/handoffs/${first}/answer`, { json: { answer: "accept" } });
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  assert.equal(accepted.body.state, "accepted");
  const [lead1] = worker.d1("SELECT stage, record_json FROM leads WHERE id = ?", accepted.body.lead_id);
  assert.equal(lead1.stage, "sql");
  const [change] = worker.d1(
    "SELECT from_stage, to_stage, reason, actor_json FROM stage_changes WHERE lead_id = ? ORDER BY id DESC LIMIT 1",
    accepted.body.lead_id,
  );
  assert.deepEqual([change.from_stage, change.to_stage, change.reason], ["mql", "sql", "handoff"]);
  assert.equal(JSON.parse(change.actor_json).id, A.me.user.id);

  const again = await call("POST", `/api/handoffs/${first}/answer`, { json: { answer: "accept" } });
  assert.equal(again.status, 409);
  assert.equal(again.body.error, "already_answered");

  const notOffered = await call("POST", `/api/handoffs/${second}/answer`, { json: { answer: "reject", reason: "student" } });
  assert.equal(notOffered.status, 422);
  assert.equal(notOffered.body.fields[0].field, "reason");
  assert.equal((await call("POST", `/api/handoffs/${second}/answer`, { json: { answer: "reject", reason: "nope" } })).status, 400);

  const rejected = await call("POST", `/api/handoffs/${second}/answer`, {
    json: { answer: "reject", reason: "bad_timing", note: "내년 예산 확정 후" },
  });
  assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
  assert.deepEqual([rejected.body.state, rejected.body.reject_reason, rejected.body.note], ["rejected", "bad_timing", "내년 예산 확정 후"]);
  assert.equal(worker.d1("SELECT stage FROM leads WHERE id = ?", rejected.body.lead_id)[0].stage, "nurture");

  const q = await queue();
  assert.deepEqual(q.answered.map((e) => e.id).sort(), [first, second].sort());
  assert.equal(q.assigned.length, 1);
});

test("a sales token cannot answer another rep's lead; another workspace cannot see or answer", async () => {
  const [, , third] = assignedIds;
  const token = await call("POST", "/api/tokens", { json: { name: "crm", role: "sales" } });
  assert.equal(token.status, 201, JSON.stringify(token.body));
  const refused = await call("POST", `/api/handoffs/${third}/answer`, { bearer: token.body.secret, json: { answer: "accept" } });
  assert.equal(refused.status, 403);

  const B = await signUp(worker.url, { email: "boss@bravo.kr", workspace_name: "Bravo" });
  const foreign = await call("POST", `/api/handoffs/${third}/answer`, { cookie: B.cookie, json: { answer: "accept" } });
  assert.equal(foreign.status, 404);
  const theirs = (await call("GET", "/api/handoff/queue", { cookie: B.cookie })).body;
  assert.deepEqual([theirs.depth, theirs.assigned.length, theirs.answered.length], [0, 0, 0]);
  assert.equal(worker.d1("SELECT state FROM handoffs WHERE id = ?", third)[0].state, "assigned");
});

test("an SLA that passes unanswered is flagged breached", async () => {
  const [, , third] = assignedIds;
  // Stand in for four working hours passing: move the stored due time into the past,
  // then let the desk look (saving settings nudges it).
  worker.d1Write("UPDATE handoffs SET sla_due = '2026-01-01T00:00:00Z' WHERE id = ?", third);
  assert.equal((await call("PUT", "/api/handoff/settings", { json: settings() })).status, 200);
  const q = await queue();
  const entry = q.assigned.find((e) => e.id === third);
  assert.equal(entry.sla_breached, true);
  assert.ok(entry.sla_seconds_left < 0);
  assert.equal(q.reps.reduce((n, r) => n + r.breached, 0), 1);
  assert.ok(worker.d1("SELECT breached_at FROM handoffs WHERE id = ?", third)[0].breached_at);
});

test("every handoff event reached the workspace's endpoint, signed", async () => {
  const types = () => hooks.map((h) => h.type).sort();
  await eventually("the handoff webhooks", async () => types().length >= 6);
  assert.deepEqual(types(), [
    "handoff.accepted",
    "handoff.assigned",
    "handoff.assigned",
    "handoff.assigned",
    "handoff.rejected",
    "handoff.waiting_too_long",
  ]);
  assert.ok(hooks.every((h) => h.verified), "every delivery verifies with the endpoint's secret");
  const assigned = hooks.filter((h) => h.type === "handoff.assigned").map((h) => h.data.id).sort();
  assert.deepEqual(assigned, [...assignedIds].sort());
  const alert = hooks.find((h) => h.type === "handoff.waiting_too_long").data;
  assert.equal(alert.reason, "no_capacity");
  assert.ok(alert.waited_secs >= 3);
  const rejected = hooks.find((h) => h.type === "handoff.rejected").data;
  assert.deepEqual([rejected.outcome.kind, rejected.outcome.reason, rejected.outcome.note], ["rejected", "bad_timing", "내년 예산 확정 후"]);
});
