// End to end in Chromium: a host page on another loopback origin loads the tracking
// snippet and the form embed. The page view goes out as a beacon and waits; the visitor
// fills in the form, and the lead has that page view; a click on a PDF link and a
// leadkit.track() call then land on the lead directly.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { startWorker } from "./support/worker.mjs";
import { launchBrowser } from "./support/browser.mjs";
import { webinarFormSeed } from "./support/forms.mjs";

let worker;
let host;
let hostUrl;
let browser;

before(async () => {
  // The host page's origin must be known before the form that allows it is seeded.
  host = createServer((req, res) => {
    if (req.url.startsWith("/files/")) {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("the pricing sheet");
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html><meta charset="utf-8"><title>Pricing</title>
      <script src="${worker.url}/f/webinar/t.js"></script>
      <h1>Pricing</h1><a id="sheet" href="/files/pricing-sheet.pdf" download>Pricing sheet (PDF)</a>
      <div id="lead-form"></div>
      <script src="${worker.url}/f/webinar/embed.js" data-target="#lead-form"></script></html>`);
  });
  await new Promise((ok) => host.listen(0, "127.0.0.1", ok));
  hostUrl = `http://127.0.0.1:${host.address().port}`;
  worker = await startWorker({ seed: webinarFormSeed(hostUrl) });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => (host ? host.close(ok) : ok()));
  await worker?.stop();
});

/** Resolves with the worker's answer to the next event the page sends. */
function nextEvent(page) {
  return page.waitForResponse((res) => res.url() === `${worker.url}/t` && res.request().method() === "POST", {
    timeout: 15_000,
  });
}

test("a tracked page view waits, joins the lead when the visitor submits, and later events land on it", async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const pageView = nextEvent(page);
  await page.goto(`${hostUrl}/pricing?utm_source=newsletter`);
  assert.equal((await pageView).status(), 204);
  const waiting = worker.d1("SELECT visitor_id, lead_id, kind, record_json FROM visitor_events");
  assert.equal(waiting.length, 1);
  assert.deepEqual([waiting[0].kind, waiting[0].lead_id], ["page_view", null]);
  const record = JSON.parse(waiting[0].record_json);
  assert.equal(record.metadata.url, "/pricing?utm_source=newsletter");
  assert.equal(record.utm.source, "newsletter");

  await page.locator("form.lk-form").waitFor({ timeout: 15_000 });
  await page.fill("#lk-email", "jiwoo.han@hanbit.co.kr");
  await page.fill("#lk-name", "한지우");
  await page.fill("#lk-company", "한빛");
  await page.check("input[name=consent_personal_info_collection]");
  await page.click("form.lk-form button[type=submit]");
  await page.locator(".lk-thanks", { hasText: "You're registered." }).waitFor({ timeout: 10_000 });

  const [lead] = worker.d1("SELECT id, engagement FROM leads WHERE form_id = 'webinar'");
  const [sub] = worker.d1("SELECT visitor_id FROM submissions WHERE lead_id = ?", lead.id);
  assert.equal(sub.visitor_id, waiting[0].visitor_id, "t.js and embed.js share one visitor id");
  const kinds = worker.d1("SELECT kind FROM touches WHERE lead_id = ? ORDER BY kind", lead.id).map((t) => t.kind);
  assert.deepEqual(kinds, ["form_submit", "page_view"], "the page view is the lead's touch");
  assert.equal(worker.d1("SELECT lead_id FROM visitor_events")[0].lead_id, lead.id);

  // The visitor is known now: a custom event and a download go straight onto the lead.
  const custom = nextEvent(page);
  await page.evaluate(() => window.leadkit.track("pricing_calculator", { seats: 25 }));
  assert.equal((await custom).status(), 204);
  // A download link (the page stays, so the beacon's answer can be awaited here).
  const download = nextEvent(page);
  await page.click("#sheet");
  assert.equal((await download).status(), 204);
  const touches = worker.d1("SELECT kind, record_json FROM touches WHERE lead_id = ? ORDER BY kind", lead.id);
  assert.deepEqual(touches.map((t) => t.kind), ["content_download", "form_submit", "page_view", "product_usage"]);
  const asset = JSON.parse(touches[0].record_json).metadata;
  assert.deepEqual([asset.asset, asset.asset_url], ["pricing-sheet.pdf", `${hostUrl}/files/pricing-sheet.pdf`]);
  assert.equal(JSON.parse(touches[3].record_json).metadata["prop.seats"], "25");
  const [after] = worker.d1("SELECT engagement FROM leads WHERE id = ?", lead.id);
  assert.ok(after.engagement > lead.engagement, `engagement ${lead.engagement} → ${after.engagement}`);
  assert.deepEqual(errors, [], "a snippet threw in the browser");
});
