// Scoring and stages at the edge, against the real worker: a capture records the
// lead's form_submit touch, its scores by the workspace's model, its creation and any
// rule move as stage changes, all in the batch that stores the lead; GET /api/leads
// shows the numbers and the stage to the lead's own workspace only.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startWorker } from "./support/worker.mjs";
import { defaultEngineConfig, defaultPoints, engineConfigSeed, mqlThreshold } from "./support/engine.mjs";
import { humanExtras } from "./support/forms.mjs";
import { postJson, signUp } from "./support/auth.mjs";

const formSubmitPoints = defaultPoints("form_submit");

/**
 * `EngineConfig::korean_b2b_default()` as JSON (a shared unit test keeps this file equal
 * to it), with the MQL score threshold lowered to what one form submission earns.
 */
const lowMqlConfig = (() => {
  const config = defaultEngineConfig();
  const threshold = mqlThreshold(config);
  assert.ok(threshold.points > formSubmitPoints, "the default MQL threshold is above one form submit");
  threshold.points = formSubmitPoints;
  return config;
})();


// Two more workspaces with a default contact form each: one whose stored config makes
// a single submission an MQL, and one whose stage_changes inserts fail (a trigger), to
// prove a failing batch leaves nothing behind.
const seed = `
INSERT INTO workspaces (id, name, created_at) VALUES
  ('ws-mql', 'Low MQL bar', '2026-11-24T00:00:00Z'),
  ('ws-broken', 'Broken history', '2026-11-24T00:00:00Z');
INSERT INTO forms (id, workspace_id, name, thank_you_url, created_at) VALUES
  ('mql-form', 'ws-mql', 'Contact', NULL, '2026-11-24T00:00:00Z'),
  ('broken-form', 'ws-broken', 'Contact', NULL, '2026-11-24T00:00:00Z');
${engineConfigSeed("ws-mql", lowMqlConfig)}
CREATE TRIGGER fail_broken_history BEFORE INSERT ON stage_changes
WHEN NEW.workspace_id = 'ws-broken'
BEGIN SELECT RAISE(ABORT, 'stage history refused'); END;
`;

let worker;
/** The account that claims the demo workspace ('default', form 'contact'). */
const A = { email: "admin@acme.kr" };

before(async () => {
  worker = await startWorker({ seed });
  const { me, cookie } = await signUp(worker.url, { email: A.email, workspace_name: "에이크미" });
  Object.assign(A, { me, cookie });
});

after(async () => {
  await worker?.stop();
});

/** Posts a person's submission to `formId`; returns { status, body }. */
async function capture(formId, fields, headers = {}) {
  const res = await postJson(worker.url, `/f/${formId}`, { ...fields, ...humanExtras(formId) }, headers);
  return { status: res.status, body: await res.json() };
}

const person = (n) => ({ email: `person${n}@customer.co.kr`, name: `고객 ${n}`, company: "고객사" });

test("a captured lead has its form_submit touch, the default model's scores and a created stage change", async () => {
  const { status, body } = await capture("contact", person(1));
  assert.equal(status, 201);
  const leadId = body.lead_id;

  const touches = worker.d1("SELECT * FROM touches WHERE lead_id = ?", leadId);
  assert.equal(touches.length, 1);
  assert.equal(touches[0].workspace_id, "default");
  assert.equal(touches[0].kind, "form_submit");
  const record = JSON.parse(touches[0].record_json);
  assert.equal(record.id, touches[0].id);
  assert.equal(record.lead_id, leadId);
  assert.equal(record.kind, "form_submit");
  assert.deepEqual(record.metadata, { form_id: "contact" });

  const [lead] = worker.d1("SELECT * FROM leads WHERE id = ?", leadId);
  // No personas in the default config: no fit, no tier. A company address and no title
  // trigger no profile rule, and a touch scored the moment it happens has not decayed.
  assert.deepEqual(
    { stage: lead.stage, fit: lead.fit, engagement: lead.engagement, total: lead.total, tier: lead.tier, persona: lead.persona },
    { stage: "lead", fit: 0, engagement: formSubmitPoints, total: formSubmitPoints, tier: null, persona: null },
  );
  assert.equal(lead.scored_at, lead.captured_at);
  assert.equal(touches[0].at, lead.captured_at);

  const changes = worker.d1("SELECT * FROM stage_changes WHERE lead_id = ?", leadId);
  assert.equal(changes.length, 1);
  const [created] = changes;
  assert.deepEqual(
    { workspace: created.workspace_id, from: created.from_stage, to: created.to_stage, reason: created.reason, at: created.at },
    { workspace: "default", from: null, to: "lead", reason: "created", at: lead.captured_at },
  );
  assert.deepEqual(JSON.parse(created.actor_json), { kind: "system", rule: "capture.created" });
});

test("a workspace with a lowered MQL threshold gets its captured lead moved to MQL by rule", async () => {
  const { status, body } = await capture("mql-form", person(2));
  assert.equal(status, 201);
  const [lead] = worker.d1("SELECT stage, total FROM leads WHERE id = ?", body.lead_id);
  assert.deepEqual({ ...lead }, { stage: "mql", total: formSubmitPoints });
  const changes = worker.d1(
    "SELECT workspace_id, from_stage, to_stage, reason, actor_json FROM stage_changes WHERE lead_id = ? ORDER BY id",
    body.lead_id,
  );
  assert.deepEqual(
    changes.map((c) => [c.workspace_id, c.from_stage, c.to_stage, c.reason, JSON.parse(c.actor_json)]),
    [
      ["ws-mql", null, "lead", "created", { kind: "system", rule: "capture.created" }],
      ["ws-mql", "lead", "mql", "rule", { kind: "system", rule: "lifecycle.mql" }],
    ],
  );
  // The same submission to the demo workspace, on the default model, stays a lead.
  const plain = await capture("contact", person(2));
  assert.equal(worker.d1("SELECT stage FROM leads WHERE id = ?", plain.body.lead_id)[0].stage, "lead");
});

/** Rows of every table a capture writes, for one workspace. */
function rowCounts(workspace) {
  const count = (table) => worker.d1(`SELECT count(*) AS n FROM ${table} WHERE workspace_id = ?`, workspace)[0].n;
  return Object.fromEntries(["leads", "submissions", "touches", "stage_changes"].map((t) => [t, count(t)]));
}

test("a batch that fails writes nothing: no lead, submission, touch or stage change", async () => {
  const before = rowCounts("ws-broken");
  assert.deepEqual(before, { leads: 0, submissions: 0, touches: 0, stage_changes: 0 });
  const { status, body } = await capture("broken-form", person(3));
  assert.equal(status, 500, JSON.stringify(body));
  assert.deepEqual(rowCounts("ws-broken"), before);
});

test("a duplicate submission id records no second touch or stage change", async () => {
  const key = { "idempotency-key": "scoring-duplicate-key-0001" };
  const first = await capture("contact", person(4), key);
  assert.equal(first.status, 201);
  const counts = rowCounts("default");
  // A retry after the first stored, and retries racing each other: one lead in all.
  const retry = await capture("contact", person(4), key);
  assert.equal(retry.body.lead_id, first.body.lead_id);
  const racing = await Promise.all([1, 2, 3].map(() => capture("contact", person(5), { "idempotency-key": "scoring-duplicate-key-0002" })));
  assert.deepEqual(racing.map((r) => r.status), [201, 201, 201]);
  assert.equal(new Set(racing.map((r) => r.body.lead_id)).size, 1);
  assert.deepEqual(rowCounts("default"), {
    leads: counts.leads + 1,
    submissions: counts.submissions + 1,
    touches: counts.touches + 1,
    stage_changes: counts.stage_changes + 1,
  });
  assert.notEqual(racing[0].body.lead_id, first.body.lead_id, "another person, another lead");
  for (const id of [first.body.lead_id, racing[0].body.lead_id]) {
    assert.equal(worker.d1("SELECT count(*) AS n FROM touches WHERE lead_id = ?", id)[0].n, 1);
    assert.equal(worker.d1("SELECT count(*) AS n FROM stage_changes WHERE lead_id = ?", id)[0].n, 1);
  }
});

test("GET /api/leads shows scores and stage, only for the caller's workspace", async () => {
  const res = await fetch(`${worker.url}/api/leads?after=0`, {
    headers: { cookie: A.cookie },
    signal: AbortSignal.timeout(10_000),
  });
  assert.equal(res.status, 200);
  const { leads } = await res.json();
  const stored = worker.d1("SELECT id, stage, fit, engagement, total, tier, persona, scored_at FROM leads WHERE workspace_id = 'default' ORDER BY seq");
  assert.ok(stored.length >= 3);
  assert.deepEqual(
    leads.map((l) => [l.id, l.stage, l.scores]),
    stored.map((row) => [
      row.id,
      row.stage,
      { fit: row.fit, engagement: row.engagement, total: row.total, tier: row.tier, persona: row.persona, scored_at: row.scored_at },
    ]),
  );
  assert.ok(leads.every((l) => l.stage === "lead" && l.scores.total === formSubmitPoints));
  // The MQL workspace's lead is not A's to see.
  const mqlLead = worker.d1("SELECT id FROM leads WHERE workspace_id = 'ws-mql'")[0].id;
  assert.ok(!leads.some((l) => l.id === mqlLead));

  const B = await signUp(worker.url, { email: "admin@bravo.kr", workspace_name: "Bravo" });
  const other = await fetch(`${worker.url}/api/leads?after=0`, {
    headers: { cookie: B.cookie },
    signal: AbortSignal.timeout(10_000),
  });
  assert.deepEqual((await other.json()).leads, []);
});
