// Settings edits through the sync push, against the real worker: a `save_settings`
// operation saves handoff settings, the engine configuration or a segment exactly as
// its route does, in one batch with the replica's sequence (pushed twice, it applies
// once); a save the route would refuse (a stale base version, an invalid document, a
// sales member's) comes back as a refused operation with its reason and writes nothing,
// and another workspace's push cannot touch these documents.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { startWorker } from "./support/worker.mjs";
import { configWithMqlBar } from "./support/engine.mjs";
import { signUp } from "./support/auth.mjs";
import { callApi } from "./support/http.mjs";

const REP = "00000000-0000-4000-8000-00000000000a";
const everyDay = { utc_offset_minutes: 0, day_start_hour: 0, day_end_hour: 24, holidays: [], weekend_days: [] };
const handoffSettings = (capacity) => ({
  handoff_stage: "mql",
  accepted_stage: "sql",
  sla_working_hours: 4,
  alert_after_secs: 3600,
  reject_reasons: ["bad_fit", "other"],
  rejected_to: {},
  calendar: everyDay,
  reps: [{ id: REP, name: "김지우", email: "lead@acme.kr", capacity_per_day: capacity, capacity_per_week: 20, active: true }],
});
const stageSegment = (name) => ({ name, filter: { condition: { kind: "stage", stages: ["mql"] } } });

let worker;
let A;

before(async () => {
  worker = await startWorker({});
  A = await signUp(worker.url, { email: "lead@acme.kr", workspace_name: "에이크미" });
});

after(async () => {
  await worker?.stop();
});

const call = (method, path, auth = { cookie: A.cookie }) => callApi(worker.url, method, path, auth);

/** A replica: its id, sequence and clock. */
function replica() {
  const id = randomUUID();
  let seq = 0;
  return {
    id,
    op(write) {
      seq += 1;
      return {
        id: randomUUID(),
        replica: id,
        seq,
        hlc: { wall_ms: Date.now(), counter: seq, replica: id },
        body: { op: "save_settings", write },
      };
    },
  };
}

async function push(r, operations, auth = { cookie: A.cookie }) {
  const res = await callApi(worker.url, "POST", "/api/sync/push", {
    ...auth,
    json: { schema_version: 1, replica: r.id, operations },
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

test("handoff settings: applied once when pushed twice; a stale base version is refused", async () => {
  const phone = replica();
  const op = phone.op({ kind: "handoff_settings", settings: handoffSettings(3), base_version: 0 });
  assert.equal((await push(phone, [op])).results[0].outcome, "applied");
  assert.equal((await push(phone, [op])).results[0].outcome, "duplicate");
  const saved = (await call("GET", "/api/handoff/settings")).body;
  assert.equal(saved.version, 1, "applied once");
  assert.equal(saved.settings.reps[0].capacity_per_day, 3);

  const laptop = replica();
  const stale = await push(laptop, [laptop.op({ kind: "handoff_settings", settings: handoffSettings(9), base_version: 0 })]);
  const [result] = stale.results;
  assert.equal(result.outcome, "rejected");
  assert.equal(result.reason.code, "settings");
  assert.equal(result.reason.refusal, "stale_version");
  assert.match(result.reason.detail, /someone saved a newer version/);
  assert.equal(stale.last_applied_seq, 1, "the refusal still uses up its sequence");
  const after = (await call("GET", "/api/handoff/settings")).body;
  assert.equal(after.version, 1);
  assert.equal(after.settings.reps[0].capacity_per_day, 3);
  const logged = worker.d1("SELECT outcome FROM sync_operations WHERE replica_id = ?", laptop.id);
  assert.deepEqual(logged.map((r) => r.outcome), ["stale_version"]);
});

test("engine configuration: applied once with its note; a stale base and an invalid config are refused", async () => {
  const phone = replica();
  const op = phone.op({ kind: "engine_config", config: configWithMqlBar(40), base_version: 0, note: "MQL 기준 조정" });
  assert.equal((await push(phone, [op])).results[0].outcome, "applied");
  assert.equal((await push(phone, [op])).results[0].outcome, "duplicate");
  const versions = (await call("GET", "/api/engine-config/versions")).body.versions;
  assert.equal(versions.length, 1, "applied once");
  assert.equal(versions[0].note, "MQL 기준 조정");
  assert.equal((await call("GET", "/api/engine-config")).body.version, 1);

  const res = await push(phone, [
    phone.op({ kind: "engine_config", config: configWithMqlBar(10), base_version: 0 }),
    phone.op({ kind: "engine_config", config: configWithMqlBar(10), base_version: 1, note: "가".repeat(501) }),
  ]);
  assert.deepEqual(
    res.results.map((r) => [r.outcome, r.reason?.refusal, r.reason?.field]),
    [
      ["rejected", "stale_version", undefined],
      ["rejected", "invalid", "note"],
    ],
  );
  assert.equal((await call("GET", "/api/engine-config")).body.version, 1);
});

test("segments: put and delete through the push; an invalid segment is refused naming its field", async () => {
  const phone = replica();
  const id = randomUUID();
  const put = phone.op({ kind: "put_segment", id, segment: stageSegment("MQL 리드") });
  assert.equal((await push(phone, [put])).results[0].outcome, "applied");
  assert.equal((await push(phone, [put])).results[0].outcome, "duplicate");
  const listed = (await call("GET", "/api/segments")).body.segments;
  assert.deepEqual(listed.map((s) => [s.id, s.segment.name]), [[id, "MQL 리드"]]);

  const bad = await push(phone, [phone.op({ kind: "put_segment", id, segment: stageSegment("   ") })]);
  assert.equal(bad.results[0].reason.refusal, "invalid");
  assert.equal(bad.results[0].reason.field, "name");
  assert.equal((await call("GET", "/api/segments")).body.segments[0].segment.name, "MQL 리드");

  const gone = randomUUID();
  const deleted = await push(phone, [phone.op({ kind: "delete_segment", id }), phone.op({ kind: "delete_segment", id: gone })]);
  assert.deepEqual(deleted.results.map((r) => r.outcome), ["applied", "applied"]);
  assert.deepEqual((await call("GET", "/api/segments")).body.segments, []);
});

test("a sales member's settings saves are refused and write nothing", async () => {
  const token = await callApi(worker.url, "POST", "/api/tokens", { cookie: A.cookie, json: { name: "rep", role: "sales" } });
  assert.equal(token.status, 201, JSON.stringify(token.body));
  const sales = { bearer: token.body.secret };
  const before = {
    handoff: (await call("GET", "/api/handoff/settings")).body.version,
    engine: (await call("GET", "/api/engine-config")).body.version,
  };
  const phone = replica();
  const res = await push(
    phone,
    [
      phone.op({ kind: "handoff_settings", settings: handoffSettings(50) }),
      phone.op({ kind: "engine_config", config: configWithMqlBar(1), base_version: before.engine }),
      phone.op({ kind: "put_segment", id: randomUUID(), segment: stageSegment("영업이 만듦") }),
    ],
    sales,
  );
  assert.deepEqual(
    res.results.map((r) => [r.outcome, r.reason?.refusal]),
    Array(3).fill(["rejected", "not_allowed"]),
  );
  assert.match(res.results[0].reason.detail, /sales/);
  assert.equal((await call("GET", "/api/handoff/settings")).body.version, before.handoff);
  assert.equal((await call("GET", "/api/engine-config")).body.version, before.engine);
  assert.deepEqual((await call("GET", "/api/segments")).body.segments, []);
});

test("another workspace's push cannot touch these documents", async () => {
  const phone = replica();
  const id = randomUUID();
  await push(phone, [phone.op({ kind: "put_segment", id, segment: stageSegment("에이크미 세그먼트") })]);
  const handoffBefore = (await call("GET", "/api/handoff/settings")).body;
  const engineBefore = (await call("GET", "/api/engine-config")).body;

  const B = await signUp(worker.url, { email: "boss@bravo.kr", workspace_name: "Bravo" });
  const bravo = replica();
  const res = await push(
    bravo,
    [
      bravo.op({ kind: "put_segment", id, segment: stageSegment("Bravo's") }),
      bravo.op({ kind: "delete_segment", id }),
      bravo.op({ kind: "handoff_settings", settings: handoffSettings(7) }),
      bravo.op({ kind: "engine_config", config: configWithMqlBar(5), base_version: 0 }),
    ],
    { cookie: B.cookie },
  );
  assert.deepEqual(res.results.map((r) => r.outcome), Array(4).fill("applied"), JSON.stringify(res.results));
  const ours = (await call("GET", "/api/segments")).body.segments;
  assert.deepEqual(ours.map((s) => [s.id, s.segment.name]), [[id, "에이크미 세그먼트"]]);
  assert.deepEqual((await call("GET", "/api/handoff/settings")).body, handoffBefore);
  assert.deepEqual((await call("GET", "/api/engine-config")).body, engineBefore);
  assert.deepEqual((await call("GET", "/api/segments", { cookie: B.cookie })).body.segments, []);
  assert.equal((await call("GET", "/api/handoff/settings", { cookie: B.cookie })).body.settings.reps[0].capacity_per_day, 7);
});
