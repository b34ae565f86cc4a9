// End to end: a host page on another loopback origin embeds the form with
// `<script src=".../f/{id}/embed.js">`; a visitor fills it in Chromium, sees the errors
// inline next to each field, fixes them, sees the thank-you message, and the lead is in D1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { startWorker } from "./support/worker.mjs";
import { launchBrowser } from "./support/browser.mjs";

let worker;
let host;
let hostUrl;
let browser;

function webinarForm(origin) {
  const label = (ko, en) => ({ ko, en });
  return {
    id: "webinar",
    workspace_id: "00000000-0000-4000-8000-000000000002",
    name: "Webinar",
    fields: [
      { name: "email", kind: { type: "email" }, required: true, label: label("업무용 이메일", "Work email"), maps_to: { to: "email" } },
      { name: "name", kind: { type: "text" }, required: true, label: label("이름", "Name"), maps_to: { to: "name" } },
      { name: "company", kind: { type: "text" }, required: false, label: label("회사명", "Company"), maps_to: { to: "company" } },
      { name: "utm_source", kind: { type: "hidden" }, required: false, label: label("utm_source", "utm_source"), maps_to: { to: "utm_source" } },
    ],
    cta: label("웨비나 자리 맡기", "Save my seat"),
    thank_you: { kind: "message", message: label("신청이 완료되었습니다.", "You're registered.") },
    allowed_origins: [origin],
    consents: [
      {
        purpose: "personal_info_collection",
        required: true,
        text: label("(필수) 개인정보 수집·이용 동의", "(Required) I agree to the collection of my details"),
        text_version: "privacy-webinar-1",
      },
    ],
    min_fill_seconds: 0,
    honeypot_field: "fax",
  };
}

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
  const definition = JSON.stringify(webinarForm(hostUrl)).replaceAll("'", "''");
  worker = await startWorker({
    seed: `INSERT INTO forms (id, workspace_id, name, thank_you_url, created_at, definition_json)
           VALUES ('webinar', 'default', 'Webinar', NULL, '2026-11-24T00:00:00Z', '${definition}');`,
  });
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
