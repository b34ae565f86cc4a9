// Load check of the capture endpoint (a benchmark, not a test): N submissions at
// concurrency C on loopback against a real `wrangler dev` with a fresh D1. Every
// acknowledged submission must be stored exactly once (reconciled by submission id);
// prints requests/s and p50/p99 latency. Run by `cargo xtask load`.
import { startWorker } from "../support/worker.mjs";
import { humanExtras } from "../support/forms.mjs";

const total = Number(process.env.LOAD_SUBMISSIONS ?? 2000);
const concurrency = Number(process.env.LOAD_CONCURRENCY ?? 20);

const worker = await startWorker();
const latencies = [];
const acknowledged = new Map(); // submission id → lead id
let failures = 0;
let next = 0;
const started = performance.now();

async function client() {
  for (;;) {
    const i = next++;
    if (i >= total) return;
    const submissionId = `load-${String(i).padStart(8, "0")}-submission`;
    const t0 = performance.now();
    try {
      const res = await fetch(`${worker.url}/f/contact`, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": submissionId },
        body: JSON.stringify({ email: `load${i}@acme.co.kr`, name: `부하 ${i}`, company: "에이크미", ...humanExtras() }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = await res.json();
      latencies.push(performance.now() - t0);
      if (res.status === 201 && body.lead_id) acknowledged.set(submissionId, body.lead_id);
      else failures++;
    } catch {
      failures++;
    }
  }
}

await Promise.all(Array.from({ length: concurrency }, client));
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))];

const rows = worker.d1("SELECT submission_key, lead_id FROM submissions");
const stored = new Map();
for (const row of rows) stored.set(row.submission_key, (stored.get(row.submission_key) ?? []).concat(row.lead_id));
let missing = 0;
let duplicated = 0;
let mismatched = 0;
for (const [key, lead] of acknowledged) {
  const found = stored.get(key) ?? [];
  if (found.length === 0) missing++;
  else if (found.length > 1) duplicated++;
  else if (found[0] !== lead) mismatched++;
}
const leads = worker.d1("SELECT count(*) AS n FROM leads")[0].n;
await worker.stop();

console.log(`capture load: ${total} submissions, concurrency ${concurrency}, loopback`);
console.log(`  throughput      ${(total / seconds).toFixed(1)} requests/s (${seconds.toFixed(1)} s)`);
console.log(`  latency         p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms`);
console.log(`  acknowledged    ${acknowledged.size}, failed ${failures}`);
console.log(`  reconciliation  missing ${missing}, duplicated ${duplicated}, mismatched ${mismatched}, lead rows ${leads}`);
if (missing || duplicated || mismatched || leads !== acknowledged.size) {
  console.error("load check FAILED: an acknowledged submission was not stored exactly once");
  process.exit(1);
}
