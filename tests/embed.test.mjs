// End to end: a host page on another loopback origin embeds the form with
// `<script src=".../f/{id}/embed.js">`; a visitor fills it in Chromium, sees the errors
// inline next to each field, fixes them, sees the thank-you message, and the lead is in D1.
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
  host = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html><meta charset="utf-8"><title>Webinar</title>
      <h1>Spring webinar</h1><div id="lead-form"></div>
      <script src="${worker.url}/f/webinar/embed.js" data-target="#lead-form"></script></html>`);
  });
  await new Promise((ok) => host.listen(0, "127.0.0.1", ok));
  hostUrl = `http://127.0.0.1:${host.address().port}`;
  // A hidden utm_source field, filled from the host page's URL by the snippet.
  const utm = { name: "utm_source", kind: { type: "hidden" }, required: false, label: { ko: "utm_source", en: "utm_source" }, maps_to: { to: "utm_source" } };
  worker = await startWorker({ seed: webinarFormSeed(hostUrl, [utm]) });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => (host ? host.close(ok) : ok()));
  await worker?.stop();
});

test("the embedded form shows errors inline, then stores the lead and thanks the visitor", async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${hostUrl}/?utm_source=newsletter`);
  await page.locator("form.lk-form").waitFor({ timeout: 15_000 });
  assert.equal(await page.textContent("label[for=lk-email]"), "Work email *");
  assert.equal(await page.textContent("form.lk-form button[type=submit]"), "Save my seat");

  await page.fill("#lk-email", "minji@");
  await page.click("form.lk-form button[type=submit]");
  await page.locator('[data-error-for="email"]', { hasText: /email/ }).waitFor({ timeout: 10_000 });
  assert.match(await page.textContent('[data-error-for="name"]'), /name is required/);
  assert.match(await page.textContent('[data-error-for="consent_personal_info_collection"]'), /must be checked/);
  assert.equal(await page.textContent('[data-error-for="company"]'), "");
  assert.equal(worker.d1("SELECT count(*) AS n FROM leads")[0].n, 0);

  await page.fill("#lk-email", "Minji.Seo@Hanbit.co.kr");
  await page.fill("#lk-name", "서민지");
  await page.fill("#lk-company", "한빛");
  await page.check("input[name=consent_personal_info_collection]");
  await page.click("form.lk-form button[type=submit]");
  await page.locator(".lk-thanks", { hasText: "You're registered." }).waitFor({ timeout: 10_000 });

  const leads = worker.d1("SELECT * FROM leads WHERE form_id = 'webinar'");
  assert.equal(leads.length, 1);
  assert.deepEqual([leads[0].email, leads[0].name, leads[0].company], ["minji.seo@hanbit.co.kr", "서민지", "한빛"]);
  assert.equal(JSON.parse(leads[0].extra_json).utm_source, "newsletter");
  const [sub] = worker.d1("SELECT visitor_id, content_type FROM submissions WHERE lead_id = ?", leads[0].id);
  assert.equal(sub.content_type, "application/json");
  assert.match(sub.visitor_id, /^[0-9a-f-]{36}$/, "the fetch carried the worker's visitor id cookie");
  assert.deepEqual(errors, [], "the snippet threw in the browser");
});

test("the embedded form speaks Korean to a Korean browser", async () => {
  const korean = await launchBrowser({ locale: "ko-KR" });
  try {
    const page = await korean.context.newPage();
    await page.goto(hostUrl);
    await page.locator("form.lk-form").waitFor({ timeout: 15_000 });
    assert.equal(await page.textContent("label[for=lk-email]"), "업무용 이메일 *");
    assert.equal(await page.textContent("form.lk-form button[type=submit]"), "웨비나 자리 맡기");
  } finally {
    await korean.close();
  }
});
