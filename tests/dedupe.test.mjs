// Dedupe at capture, against the real worker: a post from an e-mail the workspace
// already knows (however it is spelled) updates that person's lead — newer values win,
// consents and touches accumulate, the engine re-scores it — and never makes a second
// lead, even when first posts race; every raw submission is still kept; pulls see the
// update after the cursor they already had.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startWorker } from "./support/worker.mjs";
import { humanExtras } from "./support/forms.mjs";
import { postJson, signUp } from "./support/auth.mjs";

let worker;
let cookie;

before(async () => {
  worker = await startWorker();
  ({ cookie } = await signUp(worker.url, { email: "admin@dedupe.kr", workspace_name: "Dedupe" }));
});

after(async () => {
  await worker?.stop();
});

async function capture(fields, headers = {}) {
  const res = await postJson(worker.url, "/f/contact", { ...fields, ...humanExtras("contact") }, headers);
  const body = await res.json();
  assert.equal(res.status, 201, JSON.stringify(body));
  return body;
}

async function pull(after) {
  const res = await fetch(`${worker.url}/api/leads?after=${after}`, {
    headers: { cookie },
    signal: AbortSignal.timeout(10_000),
  });
  assert.equal(res.status, 200);
  return res.json();
}

const count = (sql, ...params) => worker.d1(sql, ...params)[0].n;

test("a second post from a known e-mail updates that lead: newer values win, history accumulates", async () => {
  const first = await capture({ email: "min.su@gmail.com", name: "김민수", company: "한빛소프트", title: "대리" });
  const { cursor } = await pull(0);
  const [before] = worker.d1("SELECT engagement, version FROM leads WHERE id = ?", first.lead_id);

  // The same Gmail mailbox spelled differently, with a new title.
  const second = await capture({ email: "MinSu+expo@Gmail.com", name: "김민수", company: "한빛소프트", title: "팀장" });
  assert.equal(second.lead_id, first.lead_id, "one person, one lead");
  assert.equal(count("SELECT count(*) AS n FROM leads WHERE email_key = 'minsu@gmail.com'"), 1);
  assert.equal(count("SELECT count(*) AS n FROM submissions WHERE lead_id = ?", first.lead_id), 2, "both raw submissions kept");
  assert.equal(count("SELECT count(*) AS n FROM touches WHERE lead_id = ?", first.lead_id), 2);
  assert.equal(
    count("SELECT count(*) AS n FROM stage_changes WHERE lead_id = ? AND reason = 'created'", first.lead_id),
    1,
    "created once",
  );
  const [after] = worker.d1("SELECT engagement, version, record_json FROM leads WHERE id = ?", first.lead_id);
  assert.ok(after.engagement > before.engagement, `engagement ${before.engagement} → ${after.engagement}`);
  assert.equal(after.version, before.version + 1);
  const record = JSON.parse(after.record_json);
  assert.equal(record.title, "팀장", "what the person says now wins");
  const perPost = worker.d1("SELECT consents_json FROM submissions WHERE lead_id = ?", first.lead_id).map((r) => JSON.parse(r.consents_json).length);
  assert.equal(record.consents.length, perPost[0] + perPost[1], "the consent records of both posts kept");

  // The app, which had pulled up to `cursor`, sees the update on its next pull.
  const delta = await pull(cursor);
  assert.deepEqual(delta.leads.map((l) => l.id), [first.lead_id]);
  assert.equal(delta.leads[0].scores.engagement, after.engagement);
  assert.equal(delta.leads[0].record.title, "팀장");
  // The page carries the lead's whole timeline: both form posts and its creation.
  assert.deepEqual(delta.touches.map((t) => [t.lead_id, t.kind]), [[first.lead_id, "form_submit"], [first.lead_id, "form_submit"]]);
  assert.ok(delta.stage_changes.some((c) => c.lead_id === first.lead_id && c.cause === "created" && c.to === "lead"));
  assert.ok(delta.cursor > cursor);
  assert.deepEqual((await pull(delta.cursor)).leads, []);
});

test("first posts from one new address racing each other make one lead with every submission", async () => {
  const racing = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      capture({ email: "race@customer.co.kr", name: "경주", company: "레이스", title: `title ${i}` }, { "idempotency-key": `race-key-${i}-0000-0000` }),
    ),
  );
  const ids = new Set(racing.map((r) => r.lead_id));
  assert.equal(ids.size, 1, "every racer was folded into one lead");
  const [leadId] = ids;
  assert.equal(count("SELECT count(*) AS n FROM leads WHERE email = 'race@customer.co.kr'"), 1);
  assert.equal(count("SELECT count(*) AS n FROM submissions WHERE lead_id = ?", leadId), 8);
  assert.equal(count("SELECT count(*) AS n FROM touches WHERE lead_id = ?", leadId), 8, "no touch lost to a race");
  assert.equal(count("SELECT count(*) AS n FROM stage_changes WHERE lead_id = ? AND reason = 'created'", leadId), 1);
  const [row] = worker.d1("SELECT version, engagement FROM leads WHERE id = ?", leadId);
  assert.equal(row.version, 7, "seven guarded updates after the insert, none lost");
});

test("different addresses at one company stay two leads", async () => {
  const a = await capture({ email: "a@one.co.kr", name: "가", company: "원" });
  const b = await capture({ email: "b@one.co.kr", name: "나", company: "원" });
  assert.notEqual(a.lead_id, b.lead_id);
});
