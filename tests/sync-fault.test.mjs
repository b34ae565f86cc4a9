// The sync push survives its worker dying mid-batch: `wrangler dev` (wrangler and
// workerd) is killed with SIGKILL while a push of 500 operations is being applied,
// started again on the same local D1, and the client resends the whole batch as its
// outbox would. Every operation then has taken effect exactly once: one touch row per
// logged call, one history row per applied stage move, one log row per operation, and
// the replica's last applied sequence at the end.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { startWorker } from "./support/worker.mjs";
import { humanExtras } from "./support/forms.mjs";
import { postJson, signUp } from "./support/auth.mjs";

let worker;
let A;
const leadIds = [];

before(async () => {
  worker = await startWorker();
  A = await signUp(worker.url, { email: "fault@acme.kr", workspace_name: "장애 시험" });
  for (const n of [1, 2, 3, 4, 5]) {
    const res = await postJson(worker.url, "/f/contact", {
      email: `buyer${n}@customer.co.kr`, name: `구매자 ${n}`, company: "고객사", ...humanExtras("contact"),
    });
    assert.equal(res.status, 201);
    leadIds.push((await res.json()).lead_id);
  }
});

after(async () => {
  await worker?.stop();
});

/** 500 operations of one replica: calls, title edits and stage moves over five leads. */
function batch(replica) {
  const ops = [];
  let wall = Date.now();
  for (let seq = 1; seq <= 500; seq++) {
    const leadId = leadIds[seq % leadIds.length];
    wall += 1;
    let body;
    if (seq % 5 === 0) {
      // Back and forth between nurture (a reason required) and lead: every other one
      // may be refused by the rules, which still uses up its sequence.
      const to = (seq / 5) % 2 === 1 ? "nurture" : "lead";
      body = {
        op: "change_stage",
        change: {
          lead_id: leadId, from: null, to, at: new Date(wall).toISOString(),
          actor: { kind: "user", id: A.me.user.id, name: "김민수" }, reason: "재접촉 예정",
        },
      };
    } else if (seq % 3 === 0) {
      body = { op: "set_lead_fields", lead_id: leadId, fields: { title: `직함 ${seq}` } };
    } else {
      body = {
        op: "add_touch",
        touch: { id: randomUUID(), lead_id: leadId, kind: "call", at: new Date(wall).toISOString(), metadata: { n: String(seq) } },
      };
    }
    ops.push({ id: randomUUID(), replica, seq, hlc: { wall_ms: wall, counter: 0, replica }, body });
  }
  return ops;
}

const push = (replica, operations) =>
  fetch(`${worker.url}/api/sync/push`, {
    method: "POST",
    headers: { cookie: A.cookie, "content-type": "application/json" },
    body: JSON.stringify({ schema_version: 1, replica, operations }),
  });

const lastSeq = (replica) =>
  worker.d1("SELECT last_seq FROM sync_replicas WHERE replica_id = ?", replica)[0]?.last_seq ?? 0;

/** `lastSeq` while the worker writes: a read that meets its lock counts as nothing yet. */
function lastSeqNow(replica) {
  try {
    return lastSeq(replica);
  } catch {
    return 0;
  }
}

test("a push cut off by SIGKILL and resent applies every operation exactly once", async () => {
  const replica = randomUUID();
  const ops = batch(replica);
  const inFlight = push(replica, ops).then(
    (res) => ({ status: res.status }),
    (error) => ({ error }),
  );
  // Kill once the batch is under way: some operations applied, not all.
  let seen = 0;
  for (let i = 0; i < 3000 && seen === 0; i++) {
    await new Promise((r) => setTimeout(r, 20));
    seen = lastSeqNow(replica);
  }
  await worker.crash();
  const cut = await inFlight;
  assert.ok(cut.error, "the client saw the push fail, not an answer");

  await worker.restart();
  // A read through the worker first, so D1 recovers from the cut-off write before this
  // test reads its file.
  const read = await fetch(`${worker.url}/api/leads?after=0&limit=1`, { headers: { cookie: A.cookie } });
  assert.equal(read.status, 200);
  const appliedAtCrash = lastSeq(replica);
  assert.ok(appliedAtCrash >= 1, "the push had begun when the worker was killed");
  assert.ok(appliedAtCrash < ops.length, `the push was cut off (${appliedAtCrash} of ${ops.length} applied)`);
  // The client's retry: the whole outbox again, oldest first.
  const res = await push(replica, ops);
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.last_applied_seq, ops.length);
  const outcomes = body.results.map((r) => r.outcome);
  assert.ok(outcomes.slice(0, appliedAtCrash).every((o) => o === "duplicate"), "what was applied before the crash is a duplicate now");
  assert.ok(outcomes.slice(appliedAtCrash).every((o) => o === "applied" || o === "rejected"), outcomes.join());
  // A second retry changes nothing.
  const again = await (await push(replica, ops)).json();
  assert.ok(again.results.every((r) => r.outcome === "duplicate"));

  // Effects in D1, each exactly once.
  const logged = worker.d1("SELECT op_id, outcome, seq FROM sync_operations WHERE replica_id = ? ORDER BY seq", replica);
  assert.equal(logged.length, ops.length, "one log row per operation");
  assert.deepEqual(logged.map((r) => r.seq), ops.map((o) => o.seq), "in order, none twice, none missing");
  const outcome = new Map(logged.map((r) => [r.op_id, r.outcome]));
  const calls = ops.filter((o) => o.body.op === "add_touch");
  for (const call of calls) assert.equal(outcome.get(call.id), "applied");
  assert.equal(
    worker.d1("SELECT count(*) AS n FROM touches WHERE kind = 'call'")[0].n,
    calls.length,
    "one touch row per logged call",
  );
  assert.equal(
    worker.d1("SELECT count(DISTINCT id) AS n FROM touches WHERE kind = 'call'")[0].n,
    calls.length,
  );
  const moves = ops.filter((o) => o.body.op === "change_stage" && outcome.get(o.id) === "applied");
  assert.ok(moves.length > 0, "some stage moves applied");
  assert.equal(
    worker.d1("SELECT count(*) AS n FROM stage_changes WHERE reason = 'manual'")[0].n,
    moves.length,
    "one history row per applied stage move",
  );
  // The last title edit of each lead is the one it shows.
  for (const leadId of leadIds) {
    const edits = ops.filter((o) => o.body.op === "set_lead_fields" && o.body.lead_id === leadId);
    if (edits.length === 0) continue;
    const want = edits.at(-1).body.fields.title;
    const record = JSON.parse(worker.d1("SELECT record_json FROM leads WHERE id = ?", leadId)[0].record_json);
    assert.equal(record.title, want);
  }
});
