// The CSV import view in Chromium against the real worker: a UTF-8 file with Korean
// headers is mapped right, its good rows become leads on this device and on the server,
// every other row is reported with its reason (an XSS name shown as text, no dialog);
// a CP949 file reads its Korean right; the labels follow the language switch; and the
// main flow works at a 375×740 phone viewport.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { startWorker } from "./support/worker.mjs";
import { addSession, launchBrowser } from "./support/browser.mjs";
import { postJson, signUp } from "./support/auth.mjs";
import { humanExtras } from "./support/forms.mjs";
import { callApi, eventually } from "./support/http.mjs";

const XSS = "<img src=x onerror=alert(1)>";

let worker;
let browser;
let session;
const problems = [];

const call = (method, path, options = {}) => callApi(worker.url, method, path, { cookie: session, ...options });

async function serverEmails() {
  const { status, body } = await call("GET", "/api/leads");
  assert.equal(status, 200);
  return new Set(body.leads.map((l) => l.email));
}

async function newPage() {
  const page = await browser.context.newPage();
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  // Any dialog means markup from a file ran as code.
  page.on("dialog", async (d) => {
    problems.push(`dialog: ${d.message()}`);
    await d.dismiss();
  });
  return page;
}

/** Opens the import view from the leads page's toolbar, with the local leads read. */
async function openImport(page, waitForName) {
  await page.goto(`${worker.url}/leads`);
  await page.locator("[data-testid=lead-row]", { hasText: waitForName }).first().waitFor({ timeout: 20_000 });
  await page.click("[data-testid=import-link]");
  await page.locator("[data-testid=import-file]").waitFor();
}

async function upload(page, name, buffer) {
  await page.locator("[data-testid=import-file]").setInputFiles({ name, mimeType: "text/csv", buffer });
  await page.locator("[data-testid=import-mapping]").waitFor({ timeout: 20_000 });
}

const chosen = (page, column) => page.locator(`[data-testid=import-target-${column}] option:checked`).textContent();

before(async () => {
  worker = await startWorker();
  ({ cookie: session } = await signUp(worker.url, { email: "owner@import-test.kr", name: "김대표", workspace_name: "가져오기 테스트" }));
  const res = await postJson(worker.url, "/f/contact", { email: "existing@acme.co.kr", name: "정기존", company: "에이크미", ...humanExtras() });
  assert.equal(res.status, 201, await res.text());
  browser = await launchBrowser();
  await addSession(browser.context, worker.url, session);
});

after(async () => {
  await browser?.close();
  await worker?.stop();
  assert.deepEqual(problems, []);
});

test("a UTF-8 file with Korean headers: mapping guessed, rows reported, good rows stored and synced", async () => {
  const csv = [
    "이름,이메일,회사명,직함,휴대폰",
    "김하늘,haneul@sky.co.kr,하늘상사,팀장,010-3456-7890",
    "이도윤,doyun@doyun.co.kr,도윤물산,과장,010-4567-8901",
    "이서준,not-an-email,에이크미,대리,",
    "최유진,yujin@acme.co.kr,에이크미",
    "정기존,existing@acme.co.kr,에이크미,부장,",
    `${XSS},xss@evil.example,해커,,`,
  ].join("\r\n");
  const page = await newPage();
  await openImport(page, "정기존");
  await upload(page, "leads.csv", Buffer.from(csv, "utf8"));
  assert.match(await page.textContent("[data-testid=import-encoding]"), /UTF-8/);
  assert.match(await page.textContent("[data-testid=import-rows]"), /6 data rows/);
  const guessed = [];
  for (let i = 0; i < 5; i++) guessed.push(await chosen(page, i));
  assert.deepEqual(guessed, ["Full Name", "Email", "Company Name", "Job Title", "Mobile Phone"]);

  await page.click("[data-testid=import-start]");
  const report = page.locator("[data-testid=import-report]");
  await report.waitFor({ timeout: 60_000 });
  const text = async (id) => (await page.textContent(`[data-testid=${id}]`)).trim();
  assert.equal(await text("count-rows"), "6 data rows");
  assert.equal(await text("count-imported"), "3 new leads");
  assert.equal(await text("count-updated"), "0 merged into existing leads");
  assert.equal(await text("count-skipped"), "1 skipped as duplicates");
  assert.equal(await text("count-rejected"), "2 rejected");
  const rows = page.locator("[data-testid=rejected-row]");
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(0).textContent(), /^4.*이메일: not a valid e-mail address\..*이서준, not-an-email/);
  assert.match(await rows.nth(1).textContent(), /^5.*3 cells where the header has 5.*최유진, yujin@acme\.co\.kr, 에이크미/);
  await page.locator("[data-testid=duplicate-row]", { hasText: "정기존: matches an existing lead" }).waitFor();

  // The rejected rows download as a CSV to fix and import again.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=download-rejected]")]);
  const saved = readFileSync(await download.path(), "utf8");
  assert.equal(saved, "\uFEFF이름,이메일,회사명,직함,휴대폰\r\n이서준,not-an-email,에이크미,대리,\r\n최유진,yujin@acme.co.kr,에이크미\r\n");

  await page.click("text=Open the leads");
  for (const name of ["김하늘", "이도윤", XSS]) {
    await page.locator("[data-testid=lead-row]", { hasText: name }).first().waitFor({ timeout: 20_000 });
  }
  assert.equal(await page.locator('img[src="x"]').count(), 0, "the name was rendered as markup");
  await eventually("the imported leads on the server", async () => {
    const emails = await serverEmails();
    return ["haneul@sky.co.kr", "doyun@doyun.co.kr", "xss@evil.example"].every((e) => emails.has(e));
  });
  const emails = await serverEmails();
  assert.equal(emails.has("yujin@acme.co.kr"), false, "a rejected row reached the server");
  const [stored] = worker.d1("SELECT name, record_json FROM leads WHERE email = ?", "xss@evil.example");
  assert.deepEqual([stored.name, JSON.parse(stored.record_json).entry_path], [XSS, "csv_import"]);
  await page.close();
});

test("a CP949 file reads its Korean right, and the labels follow the language switch", async () => {
  const page = await newPage();
  await openImport(page, "정기존");
  await upload(page, "leads_cp949.csv", readFileSync(new URL("../shared/tests/fixtures/leads_cp949.csv", import.meta.url)));
  assert.match(await page.textContent("[data-testid=import-encoding]"), /CP949/);
  assert.equal(await chosen(page, 3), "Email");
  await page.click("[data-testid=switch-language]");
  await page.locator("[data-testid=import-encoding]", { hasText: "인코딩" }).waitFor();
  assert.equal(await chosen(page, 3), "이메일");
  assert.equal(await chosen(page, 0), "성명");

  await page.click("[data-testid=import-start]");
  await page.locator("[data-testid=import-report]").waitFor({ timeout: 60_000 });
  assert.equal((await page.textContent("[data-testid=count-imported]")).trim(), "새 리드 2건");
  assert.equal((await page.textContent("[data-testid=count-rejected]")).trim(), "거부 1건");
  assert.match(await page.locator("[data-testid=rejected-row]").textContent(), /휴대폰: 올바른 전화번호가 아닙니다\..*최뷁/);
  await page.click("[data-testid=switch-language]");
  await page.locator("[data-testid=count-imported]", { hasText: "2 new leads" }).waitFor();
  assert.match(await page.locator("[data-testid=rejected-row]").textContent(), /휴대폰: not a valid phone number\./);

  await page.click("text=Open the leads");
  for (const name of ["김민수", "박지은"]) {
    await page.locator("[data-testid=lead-row]", { hasText: name }).first().waitFor({ timeout: 20_000 });
  }
  await eventually("the CP949 leads on the server", async () => {
    const { body } = await call("GET", "/api/leads");
    const byEmail = new Map(body.leads.map((l) => [l.email, l]));
    return byEmail.get("minsu.kim@acme.co.kr")?.name === "김민수" && byEmail.get("jieun@ddom.co.kr")?.company === "똠방전자";
  });
  await page.close();
});

test("the main flow at a 375×740 phone viewport, with a mapping problem shown at its column", async () => {
  const page = await newPage();
  await page.setViewportSize({ width: 375, height: 740 });
  await openImport(page, "정기존");
  const csv = "성명,메일,E-mail\r\n한지민,jimin@phone.kr,jimin2@phone.kr\r\n";
  await upload(page, "phone.csv", Buffer.from(csv, "utf8"));
  // Two columns on the e-mail: the later one is at fault, and import waits.
  await page.locator("[data-testid=import-target-2]").selectOption({ label: "Email" });
  await page.locator("#import-target-error-2", { hasText: "Column 2 is mapped to the same field" }).waitFor();
  assert.equal(await page.locator("[data-testid=import-start]").isDisabled(), true);
  await page.locator("[data-testid=import-target-2]").selectOption({ label: "Don't import" });
  assert.equal(await page.locator("[data-testid=import-start]").isDisabled(), false);

  const select = await page.locator("[data-testid=import-target-1]").boundingBox();
  assert.ok(select.height >= 44, `select is ${select.height}px tall`);
  assert.ok(select.x + select.width <= 375, "the select runs off the screen");
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 375), "the page scrolls sideways");

  await page.click("[data-testid=import-start]");
  await page.locator("[data-testid=count-imported]", { hasText: "1 new leads" }).waitFor({ timeout: 60_000 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 375), "the report scrolls sideways");
  await eventually("the phone import on the server", async () => (await serverEmails()).has("jimin@phone.kr"));
  await page.close();
});
