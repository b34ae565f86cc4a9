// The lead detail panels in Chromium against the real worker: a captured lead shows its
// score explained rule by rule and its ICP criteria met and missed; a BANT item ticked
// with evidence reaches the server; a call logged from the rep's handoff queue shows in
// the timeline at once and reaches the server; a duplicate is merged into the lead and
// the merge undone on this device; all at a 375 px phone viewport and in Korean.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startWorker } from "./support/worker.mjs";
import { mqlThreshold } from "./support/engine.mjs";
import { addSession, launchBrowser } from "./support/browser.mjs";
import { postJson, signUp } from "./support/auth.mjs";
import { humanExtras } from "./support/forms.mjs";
import { callApi, eventually } from "./support/http.mjs";

const REP_EMAIL = "jiwoo@acme-sales.kr";
const REP = "00000000-0000-4000-8000-0000000000b1";

let worker;
let browser;
let session;
const ids = {};
const pageErrors = [];

const call = (method, path, options = {}) => callApi(worker.url, method, path, { cookie: session, ...options });

async function capture(name, email, company) {
  const res = await postJson(worker.url, "/f/contact", { email, name, company, ...humanExtras() });
  const body = await res.json();
  assert.equal(res.status, 201, JSON.stringify(body));
  return body.lead_id;
}

async function newPage(context = browser.context) {
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  return page;
}

before(async () => {
  worker = await startWorker();
  ({ cookie: session } = await signUp(worker.url, { email: REP_EMAIL, name: "김지우", workspace_name: "에이크미 영업" }));
  // Every capture clears the MQL bar and is handed to the signed-in rep; one persona.
  const current = await call("GET", "/api/engine-config");
  const config = structuredClone(current.body.config);
  mqlThreshold(config).points = 1;
  config.icp.personas = [{
    name: "IT 리더",
    criteria: [
      { field: { field: "company_name" }, operator: { op: "contains", text: "에이크미" }, weight: 40, label: "에이크미 계열" },
      { field: { field: "title" }, operator: { op: "contains", text: "CTO" }, weight: 60, label: "CTO 직함" },
    ],
  }];
  const saved = await call("PUT", "/api/engine-config", { json: { config, base_version: current.body.version } });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  const settings = (await call("GET", "/api/handoff/settings")).body.settings;
  settings.reps = [{ id: REP, name: "김지우", email: REP_EMAIL, capacity_per_day: 10, capacity_per_week: 50, active: true }];
  settings.calendar = { ...settings.calendar, day_start_hour: 0, day_end_hour: 24, weekend_days: [], holidays: [] };
  const put = await call("PUT", "/api/handoff/settings", { json: settings });
  assert.equal(put.status, 200, JSON.stringify(put.body));

  ids.minsu = await capture("김민수", "minsu@acme.co.kr", "에이크미");
  ids.twin = await capture("김민수", "ms.kim@acme.co.kr", "에이크미");
  ids.boss = await capture("박대표", "ceo@acme.co.kr", "에이크미");
  browser = await launchBrowser();
  await addSession(browser.context, worker.url, session);
});

after(async () => {
  await browser?.close();
  await worker?.stop();
});

test("the score is explained rule by rule, with ICP criteria met and missed", async () => {
  const page = await newPage();
  await page.goto(`${worker.url}/leads/${ids.minsu}`);
  await page.locator("[data-testid=score-rule]").first().waitFor({ timeout: 20_000 });
  assert.match(await page.locator("[data-testid=score-rule]").first().textContent(), /\+\d+/);
  const persona = page.locator("[data-testid=icp-persona]");
  assert.equal(await persona.count(), 1);
  await persona.locator(".criterion.met", { hasText: "에이크미 계열" }).waitFor();
  await persona.locator(".criterion.missed", { hasText: "CTO 직함" }).waitFor();
  await page.locator("[data-testid=score-decay]").waitFor();
  // The recomputed total agrees with the server's.
  assert.equal(await page.textContent("[data-testid=why-total]"), await page.textContent("[data-testid=lead-total]"));
  // The colleague at the same domain is on the committee.
  await page.locator("[data-testid=committee-member]", { hasText: "박대표" }).waitFor();
  await page.close();
});

test("a BANT item ticked with evidence reaches the server", async () => {
  const page = await newPage();
  await page.goto(`${worker.url}/leads/${ids.minsu}`);
  const budget = page.locator("[data-testid=item-budget]");
  await budget.waitFor({ timeout: 20_000 });
  await budget.locator("[data-testid=item-status]").selectOption("met");
  await budget.locator("[data-testid=item-evidence]").fill("5천만원 3분기 집행 확정");
  await budget.locator("[data-testid=item-save]").click();
  await page.locator("[data-testid=checklist-percent]", { hasText: "25% met" }).waitFor();
  await eventually("the checklist on the server", () => {
    const [row] = worker.d1("SELECT record_json FROM leads WHERE id = ?", ids.minsu);
    const entry = JSON.parse(row.record_json).qualification?.entries?.budget;
    return entry?.met === true && entry.evidence === "5천만원 3분기 집행 확정";
  });
  await page.close();
});

test("a call logged from the handoff queue shows in the timeline and reaches the server", async () => {
  await eventually("the leads assigned to the rep", async () => {
    const queue = (await call("GET", "/api/handoff/queue?mine=true")).body;
    return queue.assigned?.some((e) => e.lead_id === ids.minsu);
  });
  const page = await newPage();
  await page.goto(`${worker.url}/handoff`);
  const card = page.locator("[data-testid=my-lead]").filter({ has: page.locator(`a[href="/leads/${ids.minsu}"]`) });
  await card.waitFor({ timeout: 20_000 });
  await card.locator("[data-testid=open-log]").click();
  await card.locator("[data-testid=log-outcome]").selectOption("scheduled");
  await card.locator("[data-testid=log-note]").fill("다음 주 화요일 데모 약속");
  await card.locator("[data-testid=log-submit]").click();
  await card.locator("[data-testid=log-status]", { hasText: "Logged." }).waitFor();
  await eventually("the call on the server", () =>
    worker.d1("SELECT count(*) AS n FROM touches WHERE lead_id = ? AND kind = 'call'", ids.minsu)[0].n === 1);
  await page.goto(`${worker.url}/leads/${ids.minsu}`);
  await page.locator("[data-testid=timeline-touch]", { hasText: "다음 주 화요일 데모 약속" }).waitFor({ timeout: 20_000 });
  await page.locator("[data-testid=cadence-kind]", { hasText: "Call 1" }).waitFor();
  await page.close();
});

test("a duplicate is merged into the lead and the merge undone", async () => {
  const page = await newPage();
  await page.goto(`${worker.url}/leads/${ids.minsu}`);
  const dup = page.locator("[data-testid=duplicate]", { hasText: "ms.kim@acme.co.kr" });
  await dup.waitFor({ timeout: 20_000 });
  await dup.locator("summary").click();
  await dup.locator("[data-testid=merge-preview]", { hasText: "minsu@acme.co.kr" }).waitFor();
  await dup.locator("[data-testid=merge-here]").click();
  const absorbed = page.locator("[data-testid=absorbed]", { hasText: "ms.kim@acme.co.kr" });
  await absorbed.waitFor();
  assert.equal(await page.locator("[data-testid=duplicate]").count(), 0);
  // The merged record's own page says where it went and offers the undo.
  await page.goto(`${worker.url}/leads/${ids.twin}`);
  await page.locator("[data-testid=merged-banner]").waitFor({ timeout: 20_000 });
  await page.click("[data-testid=merged-banner] [data-testid=undo-merge]");
  await page.locator("[data-testid=merged-banner]").waitFor({ state: "detached" });
  await page.goto(`${worker.url}/leads/${ids.minsu}`);
  await page.locator("[data-testid=duplicate]", { hasText: "ms.kim@acme.co.kr" }).waitFor({ timeout: 20_000 });
  assert.equal(await page.locator("[data-testid=absorbed]").count(), 0);
  await page.close();
});

test("on a 375 px phone in Korean the panels fit and speak Korean", async () => {
  const korean = await launchBrowser({ locale: "ko-KR" });
  try {
    await addSession(korean.context, worker.url, session);
    const page = await newPage(korean.context);
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${worker.url}/leads/${ids.boss}`);
    await page.locator("#score-why-title", { hasText: "점수 설명" }).waitFor({ timeout: 20_000 });
    await page.locator("#checklist-title", { hasText: "자격 검증" }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `the page is ${width} px wide`);
    const submit = await page.locator("[data-testid=log-submit]").boundingBox();
    assert.ok(submit.height >= 44, "the log button is a 44 px target");
    await page.click("button.lang");
    await page.locator("#score-why-title", { hasText: "Why this score" }).waitFor();
  } finally {
    await korean.close();
  }
  assert.deepEqual(pageErrors, []);
});
