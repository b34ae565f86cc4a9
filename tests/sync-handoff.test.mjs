// Handoff answers through the sync push, against the real worker: an `answer_handoff`
// operation answers the handoff and moves its lead exactly as the answer route does, in
// one batch with the replica's sequence (pushed twice, it applies once); an answer the
// route would refuse (already answered, another rep's lead, another workspace's
// handoff) comes back as a refused operation with its reason and writes nothing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { startWorker } from "./support/worker.mjs";
import { configWithMqlBar, engineConfigSeed } from "./support/engine.mjs";
import { humanExtras } from "./support/forms.mjs";
import { postJson, signUp } from "./support/auth.mjs";
import { callApi, eventually } from "./support/http.mjs";

// Every capture clears the MQL bar, so it is queued and assigned at once.
const seed = engineConfigSeed("default", configWithMqlBar(1));
const REP_A = "00000000-0000-4000-8000-00000000000a";
const REP_B = "00000000-0000-4000-8000-00000000000b";
const everyDay = { utc_offset_minutes: 0, day_start_hour: 0, day_end_hour: 24, holidays: [], weekend_days: [] };

let worker;
let A;
/** The three assigned handoffs: [admin's rep, admin's rep, the other rep]. */
let handoffs;

const call = (method, path, options = {}) => callApi(worker.url, method, path, { cookie: A.cookie, ...options });

before(async () => {
  worker = await startWorker({ seed });
  A = await signUp(worker.url, { email: "lead@acme.kr", workspace_name: "에이크미" });
  const saved = await call("PUT", "/api/handoff/settings", {
    json: {
      handoff_stage: "mql",
      accepted_stage: "sql",
      sla_working_hours: 4,
      alert_after_secs: 3600,
      reject_reasons: ["bad_fit", "bad_timing", "other"],
      rejected_to: { bad_timing: "nurture" },
      calendar: everyDay,
      reps: [
        { id: REP_A, name: "김지우", email: "lead@acme.kr", capacity_per_day: 2, capacity_per_week: 5, active: true },
        { id: REP_B, name: "Sam Lee", email: "sam@acme.kr", capacity_per_day: 1, capacity_per_week: 5, active: true },
      ],
    },
  });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  for (const n of [1, 2, 3]) {
    const res = await postJson(worker.url, "/f/contact", {
      email: `buyer${n}@customer.co.kr`,
      name: `구매자 ${n}`,
      company: "고객사",
      ...humanExtras("contact"),
    });
    assert.equal(res.status, 201);
  }
  const q = await eventually("three assignments", async () => {
    const q = (await call("GET", "/api/handoff/queue")).body;
    return q.assigned.length === 3 ? q : null;
  });
  const ofRep = (rep) => q.assigned.filter((e) => e.rep_id === rep);
  handoffs = [...ofRep(REP_A), ...ofRep(REP_B)];
  assert.equal(handoffs.length, 3);
});

after(async () => {
  await worker?.stop();
});

/** A replica: its id, sequence and clock. */
function replica() {
  const id = randomUUID();
  let seq = 0;
  return {
    id,
    op(body) {
      seq += 1;
      return { id: randomUUID(), replica: id, seq, hlc: { wall_ms: Date.now(), counter: seq, replica: id }, body };
    },
  };
}

async function push(r, operations, auth = { cookie: A.cookie }) {
  return callApi(worker.url, "POST", "/api/sync/push", {
    ...auth,
    json: { schema_version: 1, replica: r.id, operations },
  });
}

const answer = (entry, body) => ({ op: "answer_handoff", handoff_id: entry.id, lead_id: entry.lead_id, answer: body });
const handoffRow = (id) => ({ ...worker.d1("SELECT state, reason, note FROM handoffs WHERE id = ?", id)[0] });
const stageOf = (leadId) => worker.d1("SELECT stage FROM leads WHERE id = ?", leadId)[0].stage;
const changesOf = (leadId) =>
  worker.d1("SELECT count(*) AS n FROM stage_changes WHERE lead_id = ? AND to_stage = 'nurture'", leadId)[0].n;

test("a pushed answer answers the handoff and moves the lead; pushed again it is a duplicate", async () => {
  const [entry] = handoffs;
  const phone = replica();
  const op = phone.op(answer(entry, { answer: "reject", reason: "bad_timing", note: "내년 예산" }));
  const first = await push(phone, [op]);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(first.body.results[0].outcome, "applied", JSON.stringify(first.body));
  assert.deepEqual(handoffRow(entry.id), { state: "rejected", reason: "bad_timing", note: "내년 예산" });
  assert.equal(stageOf(entry.lead_id), "nurture");
  assert.equal(changesOf(entry.lead_id), 1);
  // The device's stamp on the stage is the operation's, so its guess gives way to this.
  const stamps = JSON.parse(worker.d1("SELECT stamps_json FROM leads WHERE id = ?", entry.lead_id)[0].stamps_json);
  assert.deepEqual(stamps.stage, op.hlc);

  const again = await push(phone, [op]);
  assert.equal(again.body.results[0].outcome, "duplicate");
  assert.equal(changesOf(entry.lead_id), 1, "applied once");
  const q = (await call("GET", "/api/handoff/queue")).body;
  assert.ok(q.answered.some((e) => e.id === entry.id && e.state === "rejected"));
});

test("answering an answered handoff is refused with the reason and writes nothing", async () => {
  const [entry] = handoffs;
  const phone = replica();
  const res = await push(phone, [phone.op(answer(entry, { answer: "accept" }))]);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const [result] = res.body.results;
  assert.equal(result.outcome, "rejected");
  assert.equal(result.reason.code, "handoff");
  assert.equal(result.reason.refusal, "already_answered");
  assert.match(result.reason.detail, /already answered/);
  assert.equal(res.body.last_applied_seq, 1, "the refusal still uses up its sequence");
  assert.equal(handoffRow(entry.id).state, "rejected");
  assert.equal(stageOf(entry.lead_id), "nurture");
});

test("another rep's handoff, another lead than the handoff's and a reason not offered are refused", async () => {
  const [, mine, theirs] = handoffs;
  const token = await call("POST", "/api/tokens", { json: { name: "crm", role: "sales" } });
  assert.equal(token.status, 201, JSON.stringify(token.body));
  const crm = replica();
  const byToken = await push(crm, [crm.op(answer(theirs, { answer: "accept" }))], { bearer: token.body.secret });
  assert.equal(byToken.status, 200, JSON.stringify(byToken.body));
  assert.equal(byToken.body.results[0].reason.refusal, "not_yours");

  const phone = replica();
  const res = await push(phone, [
    phone.op({ ...answer(mine, { answer: "accept" }), lead_id: theirs.lead_id }),
    phone.op(answer(mine, { answer: "reject", reason: "no_budget" })),
  ]);
  assert.deepEqual(
    res.body.results.map((r) => r.reason?.refusal),
    ["wrong_lead", "reason_not_offered"],
  );
  for (const entry of [mine, theirs]) {
    assert.equal(handoffRow(entry.id).state, "assigned");
    assert.equal(stageOf(entry.lead_id), "mql");
  }
});

test("another workspace's handoff id is refused as unknown and stays open", async () => {
  const [, mine] = handoffs;
  const B = await signUp(worker.url, { email: "boss@bravo.kr", workspace_name: "Bravo" });
  const phone = replica();
  const res = await push(phone, [phone.op(answer(mine, { answer: "accept" }))], { cookie: B.cookie });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.results[0].outcome, "rejected");
  assert.equal(res.body.results[0].reason.refusal, "unknown_handoff");
  assert.equal(handoffRow(mine.id).state, "assigned");
  assert.equal(stageOf(mine.lead_id), "mql");
});
