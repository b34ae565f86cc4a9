// Pull figures (a benchmark, not a test): a real `wrangler dev` whose local D1 is seeded
// with 100,000 leads, then the first download of all of them (whole records, every
// page) and, after 10,000 of them change, the delta pull of those changes. Prints bytes
// and time of each and the delta's size against the raw JSON of the changed fields.
// Run by `cargo xtask bench-sync`; LEADS and CHANGED override the counts.
import { randomUUID } from "node:crypto";
import { startWorker } from "../support/worker.mjs";
import { humanExtras } from "../support/forms.mjs";
import { postJson, signUp } from "../support/auth.mjs";

const leads = Number(process.env.LEADS ?? 100_000);
const changed = Number(process.env.CHANGED ?? 10_000);
const PAGE = 1000;

const worker = await startWorker();
try {
  const W = await signUp(worker.url, { email: "bench@pull.kr", workspace_name: "벤치" });
  // One lead through the API is the template: a record exactly as capture stores it.
  const res = await postJson(worker.url, "/f/contact", {
    email: "template@bench.kr", name: "견본", company: "벤치마크", title: "대리", ...humanExtras("contact"),
  });
  const templateId = (await res.json()).lead_id;
  const [template] = worker.d1("SELECT * FROM leads WHERE id = ?", templateId);
  const record = JSON.parse(template.record_json);

  let t0 = performance.now();
  worker.d1Bulk((db) => {
    const insertLead = db.prepare(
      `INSERT INTO leads (id, workspace_id, form_id, email, name, company, extra_json, captured_at, stage,
         fit, engagement, total, tier, persona, scored_at, record_json, email_key, version, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
    );
    const insertChange = db.prepare("INSERT INTO lead_changes (workspace_id, lead_id, at) VALUES (?, ?, ?)");
    for (let i = 0; i < leads; i++) {
      const id = randomUUID();
      const email = `buyer${i}@company${i % 997}.co.kr`;
      const lead = { ...record, id, email, name: `구매자 ${i}`, company_name: `회사 ${i % 997}` };
      insertLead.run(
        id, template.workspace_id, template.form_id, email, lead.name, lead.company_name, template.extra_json,
        template.captured_at, template.stage, template.fit, template.engagement, template.total, template.tier,
        template.persona, template.scored_at, JSON.stringify(lead), email, template.captured_at,
      );
      insertChange.run(template.workspace_id, id, template.captured_at);
    }
  });
  console.log(`seeded ${leads.toLocaleString("en")} leads in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const get = async (path) => {
    const res = await fetch(`${worker.url}${path}`, { headers: { cookie: W.cookie } });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${text}`);
    return { bytes: Buffer.byteLength(text), body: JSON.parse(text) };
  };
  /** Every page after `after`; returns bytes, seconds, records, the last cursor and the pages. */
  const pullAll = async (after, delta) => {
    const started = performance.now();
    let bytes = 0;
    let records = 0;
    let cursor = after;
    const pages = [];
    for (;;) {
      const page = await get(`/api/leads?after=${cursor}&limit=${PAGE}&delta=${delta}`);
      bytes += page.bytes;
      records += page.body.leads.length + (page.body.deltas?.length ?? 0);
      pages.push(page.body);
      cursor = page.body.cursor;
      if (!page.body.has_more) break;
    }
    return { bytes, seconds: (performance.now() - started) / 1000, records, cursor, pages };
  };

  const first = await pullAll(0, false);
  if (first.records !== leads + 1) throw new Error(`first pull brought ${first.records} leads`);

  // 10,000 leads change: a new title and phone each, re-scored (the numbers count as
  // changed, as every write through the worker re-scores).
  const ids = worker.d1(`SELECT id FROM leads WHERE id <> ? ORDER BY seq LIMIT ${changed}`, templateId).map((r) => r.id);
  const raw = [];
  t0 = performance.now();
  worker.d1Bulk((db) => {
    const update = db.prepare(
      "UPDATE leads SET record_json = json_set(record_json, '$.title', ?2, '$.phone', ?3), version = version + 1 WHERE id = ?1",
    );
    const change = db.prepare(
      `INSERT INTO lead_changes (workspace_id, lead_id, at, fields_json) VALUES (?, ?, ?, '["phone","scores","title"]')`,
    );
    const scores = {
      fit: template.fit, engagement: template.engagement, total: template.total, tier: template.tier,
      persona: template.persona, scored_at: template.scored_at,
    };
    ids.forEach((id, i) => {
      const title = `마케팅 팀장 ${i % 50}`;
      const phone = `+8210${String(10_000_000 + i).slice(-8)}`;
      update.run(id, title, phone);
      change.run(template.workspace_id, id, new Date().toISOString());
      raw.push({ id, title, phone, scores });
    });
  });
  const rawBytes = Buffer.byteLength(JSON.stringify(raw));
  const delta = await pullAll(first.cursor, true);
  if (delta.records !== changed) throw new Error(`delta pull brought ${delta.records} leads`);
  const wholeAgain = await pullAll(first.cursor, false);

  const mb = (n) => `${(n / 1_000_000).toFixed(2)} MB`;
  console.log(`\n${"pull".padEnd(48)} ${"bytes".padStart(10)} ${"time".padStart(8)}`);
  const line = (what, r) => console.log(`${what.padEnd(48)} ${mb(r.bytes).padStart(10)} ${`${r.seconds.toFixed(1)} s`.padStart(8)}`);
  line(`first pull, ${(leads + 1).toLocaleString("en")} whole leads, ${first.pages.length} pages`, first);
  line(`delta, ${changed.toLocaleString("en")} changed leads (${delta.pages.length} pages)`, delta);
  line(`same change as whole records (before deltas)`, wholeAgain);
  console.log(`raw JSON of the changed fields (id, title, phone, scores): ${mb(rawBytes)}`);
  console.log(`delta payload / raw changed fields: ${(delta.bytes / rawBytes).toFixed(2)}x`);
  console.log(`delta / whole records: ${((100 * delta.bytes) / wholeAgain.bytes).toFixed(1)} %`);
} finally {
  await worker.stop();
}
