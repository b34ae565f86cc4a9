// Time to the first rendered lead table (and to the whole base in it) with 100k leads in IndexedDB (a benchmark, not a
// test). A demo workspace is pulled into the app once, so the stored records have
// exactly the shape the app writes; they are then cloned in the page (new ids, names,
// e-mails) up to LEADS, and the app is reloaded several times: the figure is the time
// from navigation start to the first data row on screen, with the count showing every
// lead. Prints medians; run by `cargo xtask bench`.
import { startWorker } from "../support/worker.mjs";
import { addSession, launchBrowser } from "../support/browser.mjs";
import { postJson, signUp } from "../support/auth.mjs";

const LEADS = Number(process.env.FIRST_TABLE_LEADS ?? 100_000);
const RUNS = Number(process.env.FIRST_TABLE_RUNS ?? 5);

const worker = await startWorker();
const browser = await launchBrowser({ locale: "en-US" });
try {
  const owner = await signUp(worker.url, { email: "bench@first-table.kr", workspace_name: "벤치" });
  const demo = await postJson(worker.url, "/api/demo", { leads: 400 }, { cookie: owner.cookie });
  if (demo.status !== 201) throw new Error(`demo fill: ${demo.status} ${await demo.text()}`);
  await addSession(browser.context, worker.url, owner.cookie);
  const page = await browser.context.newPage();
  await page.goto(`${worker.url}/leads`);
  await page.locator("[data-testid=lead-count]", { hasText: "400 leads" }).waitFor({ timeout: 120_000 });

  const database = `leadkit-${owner.me.workspace.id}`;
  const stored = await page.evaluate(
    async ({ database, total }) => {
      const open = () =>
        new Promise((resolve, reject) => {
          const request = indexedDB.open(database);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      const done = (tx) =>
        new Promise((resolve, reject) => {
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
      const db = await open();
      const templates = await new Promise((resolve, reject) => {
        const request = db.transaction("leads").objectStore("leads").getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const hex = (n) => n.toString(16).padStart(12, "0");
      for (let start = templates.length; start < total; start += 10_000) {
        const tx = db.transaction("leads", "readwrite");
        const leads = tx.objectStore("leads");
        for (let i = start; i < Math.min(total, start + 10_000); i++) {
          const lead = structuredClone(templates[i % templates.length]);
          const id = `00000000-0000-4000-8000-${hex(i)}`;
          lead.id = id;
          lead.name = `${lead.name} ${i}`;
          lead.email = `bench${i}@${(lead.email ?? "x@example.kr").split("@")[1]}`;
          if (lead.record) {
            lead.record.id = id;
            lead.record.name = lead.name;
            lead.record.email = lead.email;
          }
          leads.put(lead);
        }
        await done(tx);
      }
      const count = await new Promise((resolve) => {
        const request = db.transaction("leads").objectStore("leads").count();
        request.onsuccess = () => resolve(request.result);
      });
      db.close();
      return count;
    },
    { database, total: LEADS },
  );

  const expected = `${new Intl.NumberFormat("en-US").format(stored)} leads`;
  // Stamps, in the page's own clock, when the first data row and the full count appear.
  await page.addInitScript((expected) => {
    const seen = () => {
      if (window.__firstRow === undefined && document.querySelector("[data-testid=lead-row]")) {
        window.__firstRow = performance.now();
      }
      const count = document.querySelector("[data-testid=lead-count]");
      if (window.__fullCount === undefined && count?.textContent.includes(expected)) {
        window.__fullCount = performance.now();
      }
    };
    new MutationObserver(seen).observe(document, { childList: true, subtree: true, characterData: true });
  }, expected);
  const times = [];
  const fulls = [];
  const heaps = [];
  for (let run = 0; run < RUNS; run++) {
    await page.reload();
    await page.waitForFunction(() => window.__firstRow !== undefined && window.__fullCount !== undefined, null, {
      timeout: 120_000,
    });
    const [firstRow, fullCount] = await page.evaluate(() => [window.__firstRow, window.__fullCount]);
    times.push(firstRow);
    fulls.push(fullCount);
    heaps.push(await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0));
  }
  times.sort((a, b) => a - b);
  fulls.sort((a, b) => a - b);
  heaps.sort((a, b) => a - b);
  const median = (xs) => xs[Math.floor(xs.length / 2)];
  console.log(
    `${stored.toLocaleString("en-US")} local leads, median of ${RUNS} reloads from navigation start: ` +
      `first rows on screen ${median(times).toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times.at(-1).toFixed(0)}), ` +
      `every lead in the table ${median(fulls).toFixed(0)} ms (min ${fulls[0].toFixed(0)}, max ${fulls.at(-1).toFixed(0)}), ` +
      `JS heap ${(median(heaps) / 1048576).toFixed(0)} MB`,
  );
} finally {
  await browser.close();
  await worker.stop();
}
