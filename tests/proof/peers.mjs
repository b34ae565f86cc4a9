// The peers `cargo xtask proof-bench` runs in the same headless Chromium page as our
// wasm (app/tests/proof_bench.rs): json-rules-engine scoring the same 25-rule model
// over the same leads, and Dexie.js writing and reading the same lead records.
// Bundled by esbuild into app/tests/proof/peers.js (not committed) before the run.
import { Engine } from 'json-rules-engine';
import Dexie from 'dexie';

/** High-resolution clock for both sides of every figure. */
export function now() {
  return performance.now();
}

/** Our engine's text folding (shared::text::fold): NFKC, lower case, single spaces. */
function fold(text) {
  return text.normalize('NFKC').toLowerCase().trim().replace(/\s+/g, ' ');
}

const isText = (v) => typeof v === 'string';
const trimDots = (s) => s.replace(/^\.+|\.+$/g, '');

/** The custom operators the translated rules use (see shared::fixtures::proof). */
function addOperators(engine) {
  engine.addOperator('textContains', (fact, text) => isText(fact) && fold(fact).includes(fold(text)));
  engine.addOperator('textContainsAny', (fact, words) =>
    isText(fact) && words.some((w) => fold(fact).includes(fold(w))));
  engine.addOperator('textEquals', (fact, text) => isText(fact) && fold(fact) === fold(text));
  engine.addOperator('textIn', (fact, values) =>
    isText(fact) && values.some((v) => isText(v) && fold(v) === fold(fact)));
  engine.addOperator('domainIn', (fact, domains) =>
    isText(fact) && domains.some((d) => trimDots(fold(d)) === trimDots(fold(fact))));
  engine.addOperator('domainEndsWith', (fact, suffixes) => {
    if (!isText(fact)) return false;
    const domain = trimDots(fold(fact));
    return suffixes.some((s) => {
      const suffix = trimDots(fold(s));
      return domain === suffix || domain.endsWith(`.${suffix}`);
    });
  });
  engine.addOperator('anyTouch', (touches, rule) =>
    Array.isArray(touches) &&
    touches.some((t) => t.kind === rule.kind && rule.conditions.every((c) => {
      const value = t.metadata[c.key];
      if (!isText(value)) return false;
      const v = fold(value);
      return c.op === 'contains'
        ? c.values.some((x) => v.includes(fold(x)))
        : c.values.some((x) => v === fold(x));
    })));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Scores every lead `runs` times with json-rules-engine; returns JSON text with the
 * median and each run's milliseconds and the last run's totals.
 */
export async function jreScore(rulesJson, factsJson, runs) {
  const rules = JSON.parse(rulesJson);
  const leads = JSON.parse(factsJson);
  const engine = new Engine(rules, { allowUndefinedFacts: true });
  addOperators(engine);
  const times = [];
  let totals = [];
  for (let r = 0; r < runs; r++) {
    // `engine.run` resolves in microtasks, so a run never gives the page back to the
    // browser; minutes of that make chromedriver give up on the page ("Timed out
    // receiving message from renderer"). Every 1,000 leads the loop yields for a
    // macrotask, and the time spent yielding is left out of the run's time.
    let elapsed = 0;
    let start = now();
    totals = new Array(leads.length);
    for (let i = 0; i < leads.length; i++) {
      if (i > 0 && i % 1000 === 0) {
        elapsed += now() - start;
        await new Promise((resolve) => setTimeout(resolve, 0));
        start = now();
      }
      const { events } = await engine.run(leads[i]);
      let total = 0;
      for (const e of events) total += e.params.points;
      totals[i] = total;
    }
    times.push(elapsed + now() - start);
  }
  return JSON.stringify({ median_ms: median(times), runs_ms: times, totals });
}

/** Deletes an IndexedDB database (a fresh one for every run, on both sides). */
export function deleteDatabase(name) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve();
  });
}

/**
 * Dexie.js: bulkPut of the records into a fresh database, then toArray, `runs` times;
 * returns JSON text with medians and each run's milliseconds.
 */
export async function dexieRoundTrip(recordsJson, runs) {
  const records = JSON.parse(recordsJson);
  const put = [];
  const read = [];
  let count = 0;
  for (let r = 0; r < runs; r++) {
    await Dexie.delete('proof_dexie');
    const db = new Dexie('proof_dexie');
    db.version(1).stores({ leads: 'id' });
    await db.open();
    let start = now();
    await db.leads.bulkPut(records);
    put.push(now() - start);
    start = now();
    const back = await db.leads.toArray();
    read.push(now() - start);
    count = back.length;
    db.close();
  }
  await Dexie.delete('proof_dexie');
  return JSON.stringify({ put_median_ms: median(put), read_median_ms: median(read), put_ms: put, read_ms: read, count });
}
