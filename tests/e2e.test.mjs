// End to end: a plain HTML page on another origin posts its form to the capture
// endpoint; the app then shows that lead, and after a reload still shows it from
// IndexedDB, even while the server is unreachable. The app asks a stranger to sign in.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { startWorker } from "./support/worker.mjs";
import { addSession, launchBrowser } from "./support/browser.mjs";
import { signUp } from "./support/auth.mjs";
import { humanExtras, renderToken } from "./support/forms.mjs";

let worker;
let landing;
let landingUrl;
let browser;
/** The session of the account that owns the demo workspace the landing form posts to. */
let session;

/**
 * Puts the session cookie into a browser context, as the sign-in answer would. The app
 * has no sign-in screen yet, so the account is made through the API.
 */
async function signIn(context) {
  await addSession(context, worker.url, session);
}

before(async () => {
  worker = await startWorker();
  // A marketing site's landing page: a plain form, no script, posting to the worker.
  // The contact form checks time to fill, so the page carries a render token (served
  // fresh with each page, as a server-rendered form would) and the required consent.
  landing = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="ko"><meta charset="utf-8"><title>웨비나 신청</title>
      <form method="post" action="${worker.url}/f/contact">
        <label>이메일 <input name="email" type="email"></label>
        <label>이름 <input name="name"></label>
        <label>회사 <input name="company"></label>
        <input type="hidden" name="_lk_rendered" value="${renderToken("contact")}">
        <label><input type="checkbox" name="consent_personal_info_collection"> 개인정보 수집·이용 동의</label>
        <button type="submit">무료로 신청하기</button>
      </form></html>`);
  });
  await new Promise((ok) => landing.listen(0, "127.0.0.1", ok));
  landingUrl = `http://127.0.0.1:${landing.address().port}/`;
  // The first account on a fresh install claims the demo workspace and its contact form.
  ({ cookie: session } = await signUp(worker.url, { email: "marketing@hanbit.co.kr" }));
  browser = await launchBrowser();
  await signIn(browser.context);
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => (landing ? landing.close(ok) : ok()));
  await worker?.stop();
});

test("a lead posted from a plain HTML form shows in the app, and still after a reload", async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));

  await page.goto(landingUrl);
  await page.fill("input[name=email]", "Park.Jiwoo@Hanbit.co.kr");
  await page.fill("input[name=name]", "박지우");
  await page.fill("input[name=company]", "한빛소프트");
  await page.check("input[name=consent_personal_info_collection]");
  await Promise.all([page.waitForURL(`${worker.url}/f/contact/thanks`), page.click("button[type=submit]")]);
  assert.match(await page.textContent("h1"), /감사합니다/);

  await page.goto(`${worker.url}/`);
  const row = page.locator("[data-testid=lead-row]", { hasText: "박지우" });
  await row.waitFor({ timeout: 15_000 });
  assert.match(await row.textContent(), /한빛소프트/);
  assert.match(await row.textContent(), /park\.jiwoo@hanbit\.co\.kr/);
  assert.equal(await page.textContent("[data-testid=lead-count]"), "1 lead");

  // Reload with the API unreachable: the lead must come from IndexedDB alone.
  await page.route("**/api/leads**", (route) => route.abort("internetdisconnected"));
  await page.reload();
  await page.locator("[data-testid=lead-row]", { hasText: "박지우" }).waitFor({ timeout: 15_000 });
  assert.equal(await page.textContent("[data-testid=lead-count]"), "1 lead");
  await page.locator("[data-testid=sync-status]", { hasText: "Sync failed" }).waitFor({ timeout: 15_000 });

  // Back online, a lead captured meanwhile arrives with the next pull after a reload.
  await page.unroute("**/api/leads**");
  const res = await fetch(`${worker.url}/f/contact`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "choi@acme.kr", name: "최유나", company: "에이크미", ...humanExtras() }),
  });
  assert.equal(res.status, 201);
  await page.reload();
  await page.locator("[data-testid=lead-row]", { hasText: "최유나" }).waitFor({ timeout: 15_000 });
  assert.equal(await page.textContent("[data-testid=lead-count]"), "2 leads");
  await page.locator("[data-testid=sync-status]", { hasText: "Up to date" }).waitFor();

  assert.deepEqual(errors, [], "the app threw in the browser");
});

test("the app speaks Korean to a Korean browser", async () => {
  const korean = await launchBrowser({ locale: "ko-KR" });
  try {
    await signIn(korean.context);
    const page = await korean.context.newPage();
    await page.goto(`${worker.url}/`);
    await page.locator("[data-testid=lead-count]", { hasText: /^리드 \d+건$/ }).waitFor({ timeout: 15_000 });
    assert.equal(await page.getAttribute("html", "lang"), "ko");
    await page.click("button.lang");
    await page.locator("[data-testid=lead-count]", { hasText: /^\d+ leads?$/ }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "en");
  } finally {
    await korean.close();
  }
});

test("without a session the app asks to sign in; errors show by their field; sign-up, sign-out and sign-in work", async () => {
  const fresh = await launchBrowser({ locale: "ko-KR" });
  try {
    const page = await fresh.context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${worker.url}/`);
    await page.locator("[data-testid=auth-form]").waitFor({ timeout: 15_000 });
    assert.equal(await page.textContent("#auth-title"), "로그인");
    assert.equal(await page.getAttribute("input[name=password]", "autocomplete"), "current-password");
    assert.equal(await page.locator("[data-testid=lead-row]").count(), 0, "a stranger sees leads");

    await page.click("[data-testid=auth-switch]");
    assert.equal(await page.textContent("#auth-title"), "회원가입");
    // Password managers offer to generate a password here rather than fill an old one.
    assert.equal(await page.getAttribute("input[name=password]", "autocomplete"), "new-password");
    await page.fill("input[name=email]", "sales@bravo.kr");
    await page.fill("input[name=password]", "short");
    await page.fill("input[name=name]", "이지은");
    await page.fill("input[name=workspace_name]", "브라보");
    await page.click("button[type=submit]");
    await page.locator("[data-testid=error-password]", { hasText: "10자 이상이어야 합니다." }).waitFor();
    assert.equal(await page.getAttribute("input[name=password]", "aria-invalid"), "true");
    assert.equal(await page.textContent("[data-testid=error-email]"), "");

    await page.fill("input[name=password]", "브라보 비밀번호 2026");
    await page.click("button[type=submit]");
    // A workspace of its own: none of the demo workspace's leads.
    await page.locator("[data-testid=sync-status]", { hasText: "최신 상태" }).waitFor({ timeout: 15_000 });
    assert.equal(await page.textContent("[data-testid=lead-count]"), "리드 0건");
    assert.equal(await page.textContent("[data-testid=who]"), "sales@bravo.kr · 브라보");
    // HttpOnly: the page's scripts cannot read the session.
    assert.equal(await page.evaluate(() => document.cookie.includes("lk_session")), false);

    await page.click("[data-testid=sign-out]");
    await page.locator("[data-testid=auth-form]").waitFor();
    await page.fill("input[name=email]", "marketing@hanbit.co.kr");
    await page.fill("input[name=password]", "wrong password");
    await page.click("button[type=submit]");
    await page.locator("[data-testid=form-error]", { hasText: "이메일 또는 비밀번호가 올바르지 않습니다." }).waitFor();
    await page.fill("input[name=password]", "correct horse 1");
    await page.click("button[type=submit]");
    await page.locator("[data-testid=lead-row]", { hasText: "박지우" }).waitFor({ timeout: 15_000 });
    assert.equal(await page.textContent("[data-testid=lead-count]"), "리드 2건");
    assert.deepEqual(errors, [], "the app threw in the browser");
  } finally {
    await fresh.close();
  }
});
