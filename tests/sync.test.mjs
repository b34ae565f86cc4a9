// The sync push against the real worker: each replica's operations apply exactly once
// and in order (retries are duplicates, gaps wait), edits merge per field by hybrid
// logical clock (a later edit wins, whichever arrives first), stage moves follow the
// workspace's rules and land in the history, refused operations come back with their
// reason and write nothing but the replica's sequence, and a lead created offline is
// scored like a captured one.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { startWorker } from "./support/worker.mjs";
import { humanExtras } from "./support/forms.mjs";
import { postJson, signUp } from "./support/auth.mjs";

let worker;
let A;
let leadId;

before(async () => {
  worker = await startWorker();
  A = await signUp(worker.url, { email: "sync@acme.kr", workspace_name: "에이크미" });
  const res = await postJson(worker.url, "/f/contact", {
    email: "buyer@customer.co.kr",
    name: "구매자",
    company: "고객사",
    title: "대리",
    ...humanExtras("contact"),
  });
  leadId = (await res.json()).lead_id;
});

after(async () => {
  await worker?.stop();
});

/** A replica: its id, sequence and clock. */
function replica() {
  const id = randomUUID();
  let seq = 0;
  let wall = Date.now();
  return {
    id,
    op(body, { wallMs } = {}) {
      seq += 1;
      wall = wallMs ?? Math.max(wall + 1, Date.now());
      return { id: randomUUID(), replica: id, seq, hlc: { wall_ms: wall, counter: 0, replica: id }, body };
    },
  };
}

async function push(r, operations, cookie = A.cookie) {
  const res = await postJson(worker.url, "/api/sync/push", { schema_version: 1, replica: r.id, operations }, { cookie });
  const body = await res.json();
  return { status: res.status, body };
}

const setFields = (fields) => ({ op: "set_lead_fields", lead_id: leadId, fields });
const record = () => JSON.parse(worker.d1("SELECT record_json FROM leads WHERE id = ?", leadId)[0].record_json);

test("a field edit applies once; a retried push is a duplicate and changes nothing", async () => {
  const phone = replica();
  const edit = phone.op(setFields({ title: "팀장" }));
  const first = await push(phone, [edit]);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(first.body.results[0].outcome, "applied");
  assert.ok(first.body.results[0].log_seq > 0);
  assert.equal(first.body.last_applied_seq, 1);
  assert.equal(record().title, "팀장");
  const versionAfter = worker.d1("SELECT version FROM leads WHERE id = ?", leadId)[0].version;

  const retry = await push(phone, [edit]);
  assert.equal(retry.body.results[0].outcome, "duplicate");
  assert.equal(worker.d1("SELECT version FROM leads WHERE id = ?", leadId)[0].version, versionAfter);
  assert.equal(worker.d1("SELECT count(*) AS n FROM sync_operations WHERE op_id = ?", edit.id)[0].n, 1);
});

test("the later edit of a field wins whichever arrives first; other fields merge", async () => {
  const a = replica();
  const b = replica();
  const t = Date.now() + 10_000;
  // B edited later than A but pushes first (A was offline).
  const later = b.op(setFields({ title: "본부장" }), { wallMs: t + 500 });
  const earlier = a.op(setFields({ title: "과장", phone: "+821012345678" }), { wallMs: t });
  assert.equal((await push(b, [later])).body.results[0].outcome, "applied");
  assert.equal((await push(a, [earlier])).body.results[0].outcome, "applied");
  const lead = record();
  assert.equal(lead.title, "본부장", "the later edit of the title wins");
  assert.equal(lead.phone, "+821012345678", "A's edit of another field is kept");
});

test("operations wait for a missing earlier one and then apply in order", async () => {
  const r = replica();
  const one = r.op(setFields({ source: "kotra-fair-2026" }));
  const two = r.op(setFields({ source: "webinar" }));
  const gap = await push(r, [two]);
  assert.deepEqual(gap.body.results[0], { op_id: two.id, outcome: "deferred", expected_seq: 1 });
  assert.notEqual(record().source, "webinar", "nothing applied out of order");
  const both = await push(r, [one, two]);
  assert.deepEqual(both.body.results.map((x) => x.outcome), ["applied", "applied"]);
  assert.equal(record().source, "webinar");
  assert.equal(both.body.last_applied_seq, 2);
});

test("stage moves follow the rules and land in the history; refusals say why and write nothing", async () => {
  const r = replica();
  const change = (to, reason) => ({
    op: "change_stage",
    change: { lead_id: leadId, from: "lead", to, at: new Date().toISOString(), actor: { kind: "user", id: A.me.user.id, name: "김민수" }, reason },
  });
  const refused = r.op(change("disqualified", null));
  const res = await push(r, [refused]);
  assert.equal(res.body.results[0].outcome, "rejected");
  assert.equal(res.body.results[0].reason.code, "stage_move");
  assert.equal(worker.d1("SELECT stage FROM leads WHERE id = ?", leadId)[0].stage, "lead");
  assert.equal(res.body.last_applied_seq, 1, "a refused operation still uses its sequence");

  const moved = await push(r, [r.op(change("nurture", "예산 확정 후 재접촉"))]);
  assert.equal(moved.body.results[0].outcome, "applied");
  assert.equal(worker.d1("SELECT stage FROM leads WHERE id = ?", leadId)[0].stage, "nurture");
  const [last] = worker.d1("SELECT to_stage, reason FROM stage_changes WHERE lead_id = ? ORDER BY id DESC LIMIT 1", leadId);
  assert.deepEqual([last.to_stage, last.reason], ["nurture", "manual"]);

  const unknown = await push(r, [r.op(setFields({ favourite_colour: "blue" }))]);
  assert.equal(unknown.body.results[0].reason.code, "unknown_field");
});

test("a logged call is a touch; a lead created offline is scored and filed like a capture", async () => {
  const r = replica();
  const call = r.op({
    op: "add_touch",
    touch: { id: randomUUID(), lead_id: leadId, kind: "call", at: new Date().toISOString(), metadata: { outcome: "connected" } },
  });
  const logged = await push(r, [call]);
  assert.equal(logged.body.results[0].outcome, "applied", JSON.stringify(logged.body));
  assert.equal(worker.d1("SELECT count(*) AS n FROM touches WHERE lead_id = ? AND kind = 'call'", leadId)[0].n, 1);

  const newId = randomUUID();
  const now = new Date().toISOString();
  const created = r.op({
    op: "set_lead_fields",
    lead_id: newId,
    fields: {
      id: newId, workspace_id: "00000000-0000-0000-0000-000000000000", name: "박람회 방문객", email: "visitor@expo.kr",
      company_name: "전시회사", entry_path: "offline_capture", stage: "lead", created_at: now, updated_at: now,
      consents: [{ purpose: "personal_info_collection", granted: true, text_version: "fair-2026", at: now }],
    },
  });
  const made = await push(r, [created]);
  assert.equal(made.body.results[0].outcome, "applied", JSON.stringify(made.body));
  const [row] = worker.d1("SELECT workspace_id, stage, total, email_key FROM leads WHERE id = ?", newId);
  assert.equal(row.workspace_id, A.me.workspace.id, "filed in the pusher's workspace");
  assert.equal(row.email_key, "visitor@expo.kr");
  assert.ok(row.total !== null);
  assert.equal(worker.d1("SELECT count(*) AS n FROM stage_changes WHERE lead_id = ? AND reason = 'created'", newId)[0].n, 1);
  const pulled = await fetch(`${worker.url}/api/leads?after=0&limit=1000`, { headers: { cookie: A.cookie } });
  assert.ok((await pulled.json()).leads.some((l) => l.id === newId), "the new lead reaches every device's pull");
});

test("bad pushes are refused whole with the field named; another workspace's lead is unknown", async () => {
  const r = replica();
  const other = replica();
  const mixed = await push(r, [other.op(setFields({ title: "x" }))]);
  assert.equal(mixed.status, 422);
  assert.equal(mixed.body.fields[0].field, "operations[0].replica");
  const B = await signUp(worker.url, { email: "other@bravo.kr", workspace_name: "Bravo" });
  const foreign = await push(r, [r.op(setFields({ title: "탈취" }))], B.cookie);
  assert.equal(foreign.body.results[0].outcome, "rejected");
  assert.notEqual(record().title, "탈취");
});

/** Pulls every page after `after`; returns the pages' leads, deltas, touches and cursor. */
async function pullAll(after, delta) {
  const out = { leads: [], deltas: [], touches: [], stage_changes: [], cursor: after, total: undefined };
  for (;;) {
    const res = await fetch(`${worker.url}/api/leads?after=${out.cursor}&limit=1000&delta=${delta}`, { headers: { cookie: A.cookie } });
    assert.equal(res.status, 200);
    const page = await res.json();
    out.total ??= page.total;
    out.leads.push(...page.leads);
    out.deltas.push(...(page.deltas ?? []));
    out.touches.push(...page.touches);
    out.stage_changes.push(...page.stage_changes);
    out.cursor = page.cursor;
    if (!page.has_more) return out;
  }
}

test("after the first download, pulls carry only the fields changed and the touches added", async () => {
  const first = await pullAll(0, false);
  assert.equal(first.total, worker.d1("SELECT count(*) AS n FROM leads WHERE workspace_id = ?", A.me.workspace.id)[0].n);
  assert.equal(first.leads.length, first.total);
  const r = replica();
  // Later than the title edits above, one of which was stamped 10 s ahead.
  const edit = r.op(setFields({ title: "영업 이사" }), { wallMs: Date.now() + 60_000 });
  const call = r.op({
    op: "add_touch",
    touch: { id: randomUUID(), lead_id: leadId, kind: "call", at: new Date().toISOString(), metadata: { outcome: "voicemail" } },
  });
  const pushed = await push(r, [edit, call]);
  assert.deepEqual(pushed.body.results.map((x) => x.outcome), ["applied", "applied"]);

  const delta = await pullAll(first.cursor, true);
  assert.equal(delta.total, undefined, "the total comes with a first download only");
  assert.deepEqual(delta.leads, [], "a known lead does not come whole");
  assert.equal(delta.deltas.length, 1);
  const [d] = delta.deltas;
  assert.equal(d.id, leadId);
  assert.ok("title" in d.fields, JSON.stringify(d.fields));
  for (const unchanged of ["name", "email", "company_name", "consents", "created_at"]) {
    assert.ok(!(unchanged in d.fields), `${unchanged} did not change and is not sent`);
  }
  assert.equal(d.fields.title, "영업 이사");
  assert.deepEqual(d.stamps.title, edit.hlc, "the field's stamp travels with it");
  assert.ok(d.scores, "the numbers recomputed by the write come along");
  assert.deepEqual(delta.touches.map((t) => t.id), [call.body.touch.id], "only the touch added since");
  // Without delta=true the same change comes whole, as before.
  const whole = await pullAll(first.cursor, false);
  assert.equal(whole.leads.length, 1);
  assert.equal(whole.leads[0].record.title, "영업 이사");
  assert.ok(whole.touches.length >= 2, "whole leads come with every touch");
  // A lead created after the cursor comes whole even in a delta pull.
  const created = await postJson(worker.url, "/f/contact", {
    email: "late@customer.co.kr", name: "늦은 방문자", company: "고객사", ...humanExtras("contact"),
  });
  const lateId = (await created.json()).lead_id;
  const later = await pullAll(delta.cursor, true);
  assert.deepEqual(later.leads.map((l) => l.id), [lateId]);
  assert.deepEqual(later.deltas, []);
});

test("one lead reads as the pull sends it whole; another workspace's lead or a bad id is not found", async () => {
  const one = await fetch(`${worker.url}/api/leads/${leadId}`, { headers: { cookie: A.cookie } });
  assert.equal(one.status, 200);
  const lead = await one.json();
  const whole = (await pullAll(0, false)).leads.find((l) => l.id === leadId);
  assert.deepEqual(lead, whole, "the same record, stamps and change-log position as the pull's");
  assert.ok(Object.keys(lead.stamps).length > 0, "with its field stamps");

  const B = await signUp(worker.url, { email: "other@elsewhere.kr", workspace_name: "다른 회사" });
  for (const [path, cookie] of [
    [`/api/leads/${leadId}`, B.cookie],
    [`/api/leads/${randomUUID()}`, A.cookie],
    ["/api/leads/not-a-uuid", A.cookie],
  ]) {
    const res = await fetch(`${worker.url}${path}`, { headers: { cookie } });
    assert.equal(res.status, 404, path);
    assert.equal((await res.json()).error, "not_found", path);
  }
  const anonymous = await fetch(`${worker.url}/api/leads/${leadId}`);
  assert.equal(anonymous.status, 401);
});

test("a merge hides the absorbed lead and scores the survivor with its touches; a later undo restores it", async () => {
  const make = async (email, name) => {
    const res = await postJson(worker.url, "/f/contact", { email, name, company: "중복사", ...humanExtras("contact") });
    return (await res.json()).lead_id;
  };
  const survivor = await make("kim@dup.co.kr", "김중복");
  const absorbed = await make("kim.dup@gmail.com", "김중복");
  const r = replica();
  await push(r, [r.op({
    op: "add_touch",
    touch: { id: randomUUID(), lead_id: absorbed, kind: "call", at: new Date().toISOString(), metadata: {} },
  })]);
  const { cursor } = await pullAll(0, false);
  const rec = (id) => JSON.parse(worker.d1("SELECT record_json FROM leads WHERE id = ?", id)[0].record_json);
  const engagement = (id) => worker.d1("SELECT engagement FROM leads WHERE id = ?", id)[0].engagement;
  const before = engagement(survivor);

  const merge = r.op({ op: "merge_leads", survivor, absorbed: [absorbed] });
  const merged = await push(r, [merge]);
  assert.equal(merged.body.results[0].outcome, "applied", JSON.stringify(merged.body));
  assert.equal(rec(absorbed).merged_into, survivor);
  assert.equal(rec(survivor).merged_into, null);
  const mergedEngagement = engagement(survivor);
  assert.ok(mergedEngagement > before, "the survivor counts the absorbed lead's touches");
  assert.equal(worker.d1("SELECT count(*) AS n FROM touches WHERE lead_id = ?", absorbed)[0].n, 2, "touches stay where they were, for the undo");
  const pulled = await pullAll(cursor, true);
  const absorbedDelta = pulled.deltas.find((d) => d.id === absorbed);
  assert.equal(absorbedDelta.fields.merged_into, survivor);
  assert.deepEqual(absorbedDelta.stamps.merged_into, merge.hlc);
  assert.ok(pulled.deltas.some((d) => d.id === survivor && d.scores), "the survivor's new numbers reach devices");

  // A merged lead cannot absorb others, nor a lead itself.
  const bad = await push(r, [
    r.op({ op: "merge_leads", survivor: absorbed, absorbed: [leadId] }),
    r.op({ op: "merge_leads", survivor, absorbed: [survivor] }),
  ]);
  assert.deepEqual(bad.body.results.map((x) => x.reason.code), ["already_merged", "empty_merge"]);

  const undo = r.op({ op: "unmerge_leads", survivor, absorbed: [absorbed] });
  assert.equal((await push(r, [undo])).body.results[0].outcome, "applied");
  assert.equal(rec(absorbed).merged_into, null);
  assert.equal(rec(absorbed).name, "김중복", "the absorbed lead comes back as it was");
  assert.ok(engagement(survivor) < mergedEngagement, "the survivor no longer counts its touches");
  const restored = await pullAll(pulled.cursor, true);
  assert.equal(restored.deltas.find((d) => d.id === absorbed).fields.merged_into, null);
});
