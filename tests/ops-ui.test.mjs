// The operations views in Chromium against the real worker: reps set up through the
// settings page (a field error shown beside its field first), leads captured through the
// form API become MQLs (the MQL bar is lowered in setup) and are handed to the signed-in
// rep, who accepts one and rejects another with a reason in the handoff queue; the
// answers show as answered, the leads' stages change on their detail pages and the
// webhook created in the settings page logs the deliveries. An API token is created and
// revoked, a form's CTA edited with a live preview, all again at 375 px, and in Korean.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { startWorker } from "./support/worker.mjs";
import { mqlThreshold } from "./support/engine.mjs";
import { addSession, launchBrowser } from "./support/browser.mjs";
import { postJson, signUp } from "./support/auth.mjs";
import { humanExtras } from "./support/forms.mjs";
import { callApi, eventually } from "./support/http.mjs";

const REP_EMAIL = "jiwoo@hanbit.co.kr";

let worker;
let browser;
let session;
let receiver;
let receiverUrl;
/** Every webhook the receiver got, as { type }. */
const hooks = [];
/** Errors the app threw in any page. */
const pageErrors = [];

async function capture(name, email) {
  const res = await postJson(worker.url, "/f/contact", { email, name, company: "한빛소프트", ...humanExtras() });
  const body = await res.json();
  assert.equal(res.status, 201, JSON.stringify(body));
  return body.lead_id;
}

async function newPage() {
  const page = await browser.context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  return page;
}

const call = (method, path, options = {}) => callApi(worker.url, method, path, { cookie: session, ...options });

before(async () => {
  receiver = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      hooks.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      res.writeHead(200).end("ok");
    });
  });
  await new Promise((ok) => receiver.listen(0, "127.0.0.1", ok));
  receiverUrl = `http://127.0.0.1:${receiver.address().port}/hook`;
  worker = await startWorker({ vars: { WEBHOOK_RETRY: "1s,1s" } });
  // The first account claims the demo workspace with its contact form; the signed-up
  // person is also the rep the settings page adds.
  ({ cookie: session } = await signUp(worker.url, { email: REP_EMAIL, name: "김지우", workspace_name: "한빛" }));
  // One form post clears the MQL bar, so every capture is handed to sales.
  const current = await call("GET", "/api/engine-config");
  const config = structuredClone(current.body.config);
  mqlThreshold(config).points = 1;
  const saved = await call("PUT", "/api/engine-config", { json: { config, base_version: current.body.version } });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));

  browser = await launchBrowser();
  await addSession(browser.context, worker.url, session);
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: worker.url });
});

after(async () => {
  await browser?.close();
  await worker?.stop();
  await new Promise((ok) => (receiver ? receiver.close(ok) : ok()));
});

test("reps, calendar and a webhook are set up in the settings page; problems show beside their field", async () => {
  const page = await newPage();
  await page.goto(`${worker.url}/settings`);
  await page.locator("[data-testid=workspace-name]", { hasText: "한빛" }).waitFor({ timeout: 15_000 });
  const form = page.locator("[data-testid=handoff-settings]");
  await form.waitFor({ timeout: 15_000 });
  assert.equal(await page.textContent("[data-testid=handoff-status]"), "Using the defaults (never saved)");
  // The 2026 Korean public holidays are the default calendar.
  assert.equal(await page.locator("[data-testid=holidays] .chip").count(), 17);

  // Every day a working day, all day, so the test hands off whatever day it runs.
  await page.click("[data-testid=clear-holidays]");
  await page.uncheck("input[name=weekend-6]");
  await page.uncheck("input[name=weekend-7]");
  await page.fill('input[name="calendar.day_start_hour"]', "0");
  await page.fill('input[name="calendar.day_end_hour"]', "24");

  await page.click("[data-testid=add-rep]");
  await page.fill('input[name="reps[0].name"]', "김지우");
  await page.fill('input[name="reps[0].email"]', "not an address");
  await page.click("[data-testid=save-handoff]");
  await page
    .locator('[data-testid="error-reps[0].email"]', { hasText: "Enter an e-mail address no other rep uses." })
    .waitFor();
  assert.equal(await page.getAttribute('input[name="reps[0].email"]', "aria-invalid"), "true");
  assert.equal((await call("GET", "/api/handoff/settings")).body.version, 0, "a refused save stored nothing");

  await page.fill('input[name="reps[0].email"]', REP_EMAIL);
  await page.fill('input[name="reps[0].capacity_per_day"]', "5");
  await page.fill('input[name="reps[0].capacity_per_week"]', "25");
  await page.click("[data-testid=save-handoff]");
  await page.locator("[data-testid=handoff-status]", { hasText: "Saved · version 1" }).waitFor();
  assert.equal(await page.textContent('[data-testid="error-reps[0].email"]'), "");

  const stored = (await call("GET", "/api/handoff/settings")).body.settings;
  assert.equal(stored.reps.length, 1);
  assert.equal(stored.reps[0].email, REP_EMAIL);
  // No territories or segments: the rep takes any lead (a lead with no country would
  // wait for a rep covering "KR").
  assert.deepEqual([stored.reps[0].territories, stored.reps[0].segments], [[], []]);
  assert.deepEqual([stored.calendar.day_start_hour, stored.calendar.day_end_hour], [0, 24]);
  assert.deepEqual(stored.calendar.weekend_days, []);
  assert.deepEqual(stored.calendar.holidays, []);

  // A webhook endpoint for the handoff answers; its secret is shown once.
  await page.fill("[data-testid=new-webhook] input[name=url]", "ftp://nowhere");
  await page.click("[data-testid=add-webhook]");
  await page.locator("[data-testid=error-url]", { hasText: "Not a valid URL." }).waitFor();
  await page.locator('[data-testid="error-event_types"]', { hasText: "Required." }).waitFor();
  await page.fill("[data-testid=new-webhook] input[name=url]", receiverUrl);
  await page.fill("[data-testid=new-webhook] input[name=description]", "CRM 연동");
  await page.check('input[name="event-handoff.accepted"]');
  await page.check('input[name="event-lead.stage_changed"]');
  await page.click("[data-testid=add-webhook]");
  const secret = await page.locator("[data-testid=webhook-secret-value]").textContent();
  assert.match(secret, /^whsec_/);
  await page.click("[data-testid=webhook-secret] [data-testid=copy-secret]");
  await page.locator("[data-testid=webhook-secret] .copy-outcome", { hasText: "Copied" }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
  await page.locator("[data-testid=webhook-row]", { hasText: receiverUrl }).waitFor();
  await page.locator("[data-testid=no-deliveries]").waitFor();
  await page.reload();
  await page.locator("[data-testid=webhook-row]", { hasText: "CRM 연동" }).waitFor({ timeout: 15_000 });
  assert.equal(await page.locator("[data-testid=webhook-secret]").count(), 0, "the secret is shown once");
  await page.close();
});

test("hand off a lead and accept/reject it", async () => {
  const accepted = await capture("구매자 하나", "one@customer.co.kr");
  const rejected = await capture("구매자 둘", "two@customer.co.kr");
  await eventually("both leads assigned to the rep", async () => {
    const queue = (await call("GET", "/api/handoff/queue?mine=true")).body;
    return queue.assigned.length === 2;
  });

  const page = await newPage();
  await page.goto(`${worker.url}/handoff`);
  const mine = page.locator("[data-testid=my-lead]");
  await mine.first().waitFor({ timeout: 15_000 });
  assert.equal(await mine.count(), 2);
  // Four working hours on an all-day calendar: due in four hours.
  assert.match(await mine.first().locator("[data-testid=sla-countdown]").textContent(), /^[34] h \d+ min left$/);
  assert.equal(await page.textContent("[data-testid=queue-depth]"), "0 waiting");
  assert.equal(await page.textContent("[data-testid=oldest-waiting]"), "No lead is waiting for a rep.");
  assert.match(await page.locator("[data-testid=rep-load]").textContent(), /김지우.*today 2\/5 · week 2\/25/);
  assert.equal(await page.locator("[data-testid=open-entry]").count(), 2);

  // A rejection half-written on one lead survives the queue refreshing after an answer
  // to another.
  const second = mine.filter({ hasText: "구매자 둘" });
  await second.locator("[data-testid=reject]").click();
  await second.locator("[data-testid=reject-reason]").selectOption("bad_timing");
  await second.locator(".hint", { hasText: "The lead moves to Nurture." }).waitFor();
  await second.locator("textarea[name=note]:not([data-testid=log-note])").fill("내년 예산 편성 후 다시 연락");

  await mine.filter({ hasText: "구매자 하나" }).locator("[data-testid=accept]").click();
  await page
    .locator("[data-testid=my-answered] [data-testid=answered-entry]", { hasText: "구매자 하나" })
    .filter({ hasText: "Accepted" })
    .waitFor();
  assert.equal(await mine.count(), 1);
  assert.equal(await second.locator("textarea[name=note]:not([data-testid=log-note])").inputValue(), "내년 예산 편성 후 다시 연락");
  assert.equal(await second.locator("[data-testid=reject-reason]").inputValue(), "bad_timing");
  await second.locator("[data-testid=confirm-reject]").click();
  const answer = page
    .locator("[data-testid=my-answered] [data-testid=answered-entry]", { hasText: "구매자 둘" })
    .filter({ hasText: "Rejected · Bad timing" });
  await answer.waitFor();
  assert.match(await answer.textContent(), /내년 예산 편성 후 다시 연락/);
  assert.equal(await mine.count(), 0);

  // The answers moved the leads; the detail pages show it once the pull brings them.
  await page.click(`[data-testid=my-answered] a[href="/leads/${accepted}"]`);
  await page.locator("[data-testid=lead-stage]", { hasText: "SQL" }).waitFor({ timeout: 15_000 });
  await page.goto(`${worker.url}/leads/${rejected}`);
  await page.locator("[data-testid=lead-stage]", { hasText: "Nurture" }).waitFor({ timeout: 15_000 });

  await page.close();
});

test("the webhook's delivery log shows the handoff events, filtered by endpoint", async () => {
  await eventually("the receiver got the accept", async () => hooks.some((h) => h.type === "handoff.accepted"));
  const page = await newPage();
  await page.goto(`${worker.url}/settings#webhooks`);
  const rows = page.locator("[data-testid=delivery-row]");
  await eventually("deliveries logged as delivered", async () => {
    await page.click("[data-testid=refresh-deliveries]");
    await page.waitForLoadState("networkidle");
    const texts = await rows.allTextContents();
    return texts.some((t) => t.includes("handoff.accepted") && t.includes("Delivered"));
  });
  const endpoint = (await call("GET", "/api/webhooks")).body.endpoints[0].id;
  await page.selectOption("select[name=delivery-endpoint]", endpoint);
  await page.waitForLoadState("networkidle");
  assert.ok((await rows.count()) >= 2, "accepted and the stage changes are logged");
  for (const text of await rows.allTextContents()) assert.match(text, new RegExp(receiverUrl.replaceAll("/", "\\/")));
  await page.close();
});

test("an API token is created with a role, its secret shown once, and revoked", async () => {
  const page = await newPage();
  await page.goto(`${worker.url}/settings#tokens`);
  await page.locator("[data-testid=new-token]").waitFor({ timeout: 15_000 });
  await page.click("[data-testid=create-token]");
  await page.locator("[data-testid=error-name]", { hasText: "Required." }).waitFor();
  await page.fill("input[name=token-name]", "CRM sync");
  await page.selectOption("select[name=token-role]", "marketing");
  await page.click("[data-testid=create-token]");
  const secret = await page.locator("[data-testid=token-secret-value]").textContent();
  assert.match(secret, /^lk_live_/);
  const row = page.locator("[data-testid=token-row]", { hasText: "CRM sync" });
  await row.waitFor();
  assert.match(await row.textContent(), /Marketing/);
  assert.equal(await row.locator("[data-testid=token-state]").textContent(), "Active");
  assert.equal((await call("GET", "/api/me", { bearer: secret })).body.role, "marketing");

  await page.reload();
  await row.waitFor({ timeout: 15_000 });
  assert.equal(await page.locator("[data-testid=token-secret]").count(), 0, "the secret is shown once");
  await row.locator("[data-testid=revoke-token]").click();
  await row.locator("[data-testid=revoke-token]", { hasText: "Really revoke" }).click();
  await row.locator("[data-testid=token-state]", { hasText: "Revoked" }).waitFor();
  assert.equal((await call("GET", "/api/me", { bearer: secret })).status, 401);
  await page.close();
});

test("a form's CTA is edited with a live preview, problems beside the field, and saved; the embed snippet copies", async () => {
  const page = await newPage();
  await page.goto(`${worker.url}/forms`);
  await page.click("[data-testid=form-row] a[href='/forms/contact']");
  const cta = page.locator("[data-testid=preview-cta]");
  await cta.waitFor({ timeout: 15_000 });
  assert.equal(await cta.textContent(), "Request a consultation");
  assert.equal(await page.textContent("[data-testid=form-status]"), "Saved");

  await page.fill('input[name="cta.en"]', "Submit");
  await cta.filter({ hasText: "Submit" }).waitFor();
  await page.locator("[data-testid=error-cta]", { hasText: "'Submit' says nothing" }).waitFor();
  await page.click("[data-testid=save-form]");
  await page.locator("[data-testid=form-status]", { hasText: "Fix the marked fields, then save again." }).waitFor();
  assert.equal((await call("GET", "/api/forms/contact")).body.cta.en, "Request a consultation");

  await page.fill('input[name="cta.en"]', "Get the 2026 buyer's guide");
  await cta.filter({ hasText: "Get the 2026 buyer's guide" }).waitFor();
  assert.equal(await page.textContent("[data-testid=error-cta]"), "");
  // The preview speaks the visitor's language, whatever the editor's.
  await page.selectOption("select[name=preview-language]", "ko");
  await cta.filter({ hasText: "상담 신청하기" }).waitFor();
  await page.fill('input[name="cta.ko"]', "<b>무료 가이드 받기</b>");
  await cta.filter({ hasText: "<b>무료 가이드 받기</b>" }).waitFor();
  assert.equal(await cta.locator("b").count(), 0, "text is never HTML");

  await page.click("[data-testid=save-form]");
  await page.locator("[data-testid=form-status]", { hasText: /^Saved$/ }).waitFor();
  const stored = (await call("GET", "/api/forms/contact")).body;
  assert.deepEqual(stored.cta, { ko: "<b>무료 가이드 받기</b>", en: "Get the 2026 buyer's guide" });

  const snippet = await page.textContent("[data-testid=embed-snippet]");
  assert.ok(snippet.includes(`<script src="${worker.url}/f/contact/t.js"></script>`), snippet);
  assert.ok(snippet.includes(`<script src="${worker.url}/f/contact/embed.js" data-target="#lead-form"></script>`), snippet);
  await page.click("[data-testid=copy-snippet]");
  await page.locator(".embed .copy-outcome", { hasText: "Copied" }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);
  await page.close();
});

test("on a 375 px phone a rep accepts a lead, is told when another answer came first, and no view is wider than the screen", async () => {
  const lead = await capture("구매자 셋", "three@customer.co.kr");
  const raced = await capture("구매자 넷", "four@customer.co.kr");
  const assigned = await eventually("the new leads assigned", async () => {
    const queue = (await call("GET", "/api/handoff/queue?mine=true")).body;
    const ids = queue.assigned.map((e) => e.lead_id);
    return ids.includes(lead) && ids.includes(raced) && queue.assigned;
  });
  const page = await newPage();
  await page.setViewportSize({ width: 375, height: 740 });
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  await page.goto(`${worker.url}/handoff`);
  const card = page.locator("[data-testid=my-lead]", { hasText: "구매자 셋" });
  await card.waitFor({ timeout: 15_000 });
  assert.ok(await fits(), "the handoff queue overflows 375 px");
  const accept = card.locator("[data-testid=accept]");
  const box = await accept.boundingBox();
  assert.ok(box.height >= 44, `the accept button is ${box.height} px tall`);
  await accept.click();
  await page.locator("[data-testid=my-answered] [data-testid=answered-entry]", { hasText: "구매자 셋" }).waitFor();
  assert.ok(await page.locator("nav.nav").isVisible());

  // The answer went through the outbox; once it is pushed and the queue fetched again,
  // the page holds the queue as it stands.
  await page.locator("[data-testid=pending-count]").waitFor({ state: "detached", timeout: 15_000 });
  await page.waitForLoadState("networkidle");
  // Answered elsewhere (another device) since the queue was fetched: the server refuses
  // this device's answer and the sync line says why.
  const other = assigned.find((e) => e.lead_id === raced);
  const elsewhere = { answer: "reject", reason: "bad_timing", note: "다음 분기에 다시" };
  assert.equal((await call("POST", `/api/handoffs/${other.id}/answer`, { json: elsewhere })).status, 200);
  const stale = page.locator("[data-testid=my-lead]", { hasText: "구매자 넷" });
  await stale.locator("[data-testid=accept]").click();
  await page.locator("[data-testid=rejected-op]", { hasText: "this handoff was already answered" }).waitFor({ timeout: 15_000 });
  // The device had moved the lead to SQL at once; refused, it takes the server's copy
  // back: the lead reads as the other answer left it (bad timing → Nurture).
  await page.goto(`${worker.url}/leads/${raced}`);
  await page.locator("[data-testid=lead-stage]", { hasText: "Nurture" }).waitFor({ timeout: 15_000 });

  for (const [path, ready] of [
    ["/settings", "[data-testid=handoff-settings]"],
    ["/forms/contact", "[data-testid=preview-cta]"],
  ]) {
    await page.goto(`${worker.url}${path}`);
    await page.locator(ready).waitFor({ timeout: 15_000 });
    await page.waitForLoadState("networkidle");
    assert.ok(await fits(), `${path} overflows 375 px`);
  }
  await page.close();
});

test("the views switch to Korean and back", async () => {
  const page = await newPage();
  await page.goto(`${worker.url}/handoff`);
  await page.locator("#handoff-title", { hasText: "Handoff queue" }).waitFor({ timeout: 15_000 });
  await page.locator("[data-testid=my-answered] [data-testid=answered-entry]").first().waitFor();
  await page.click("[data-testid=switch-language]");
  await page.locator("#handoff-title", { hasText: "핸드오프 큐" }).waitFor();
  assert.equal(await page.getAttribute("html", "lang"), "ko");
  assert.equal(await page.textContent("[data-testid=queue-depth]"), "대기 0건");
  await page.locator("[data-testid=my-answered]", { hasText: "거절함 · 시기 아님" }).waitFor();
  assert.match(await page.locator("[data-testid=rep-load]").textContent(), /오늘 4\/5 · 이번 주 4\/25/);
  await page.click("nav.nav a[href='/settings']");
  await page.locator("#settings-title", { hasText: "설정" }).waitFor();
  await page.locator("[data-testid=handoff-status]", { hasText: "저장됨 · 버전 1" }).waitFor({ timeout: 15_000 });
  await page.click("nav.nav a[href='/forms']");
  await page.locator("#forms-title", { hasText: "폼" }).waitFor();
  await page.click("[data-testid=switch-language]");
  await page.locator("#forms-title", { hasText: "Forms" }).waitFor();
  assert.equal(await page.getAttribute("html", "lang"), "en");
  await page.close();
  assert.deepEqual(pageErrors, [], "the app threw in the browser");
});
