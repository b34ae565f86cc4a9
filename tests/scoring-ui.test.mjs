// The scoring and ICP editors end to end, Playwright on /usr/bin/chromium against a real
// `wrangler dev`: leads captured through the contact form reach the app; on /scoring,
// dragging the MQL threshold changes the what-if numbers (stage entries, rep load)
// before anything is saved; saving with a note makes version 1, whose history shows the
// threshold change; a stale save is refused and reloads; on /icp the tier counts follow
// the personas being edited; the flow works on a 375 px phone and in both languages.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startWorker } from "./support/worker.mjs";
import { launchBrowser } from "./support/browser.mjs";
import { postJson, signUp } from "./support/auth.mjs";
import { humanExtras } from "./support/forms.mjs";

let worker;
let owner;
let browser;

const REP = "00000000-0000-4000-8000-0000000000a1";
const LEADS = [
  { email: "kim@hanbit.co.kr", name: "김민수", company: "한빛소프트" },
  { email: "lee@acme.co.kr", name: "이지은", company: "에이크미" },
  { email: "park@bravo.kr", name: "박서준", company: "브라보" },
];

async function api(method, path, json) {
  const res = await fetch(`${worker.url}${path}`, {
    method,
    headers: { cookie: owner.cookie, ...(json ? { "content-type": "application/json" } : {}) },
    body: json ? JSON.stringify(json) : undefined,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function signIn(context) {
  const [name, value] = owner.cookie.split("=");
  await context.addCookies([{ name, value, url: worker.url, httpOnly: true, sameSite: "Lax" }]);
}

/** A page that records uncaught errors; `errors` must stay empty. */
async function openPage(context, path) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${worker.url}${path}`);
  return { page, errors };
}

const text = (page, testid) => page.locator(`[data-testid=${testid}]`).first().textContent();

/** Waits until the element's text equals `expected` (the what-if recounts asynchronously). */
async function waitText(page, testid, expected) {
  try {
    await page.waitForFunction(
      ([id, want]) => document.querySelector(`[data-testid="${id}"]`)?.textContent.trim() === want,
      [testid, expected],
      { timeout: 20_000 },
    );
  } catch (e) {
    const seen = await page.evaluate((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent, testid);
    const main = await page.evaluate(() => document.querySelector("main")?.innerText.slice(0, 600));
    throw new Error(`${testid}: wanted ${JSON.stringify(expected)}, saw ${JSON.stringify(seen)}\n${main}`, { cause: e });
  }
}

before(async () => {
  worker = await startWorker();
  // The first account claims the demo workspace and its contact form.
  owner = await signUp(worker.url, { email: "ops@hanbit.co.kr", name: "박운영" });
  for (const lead of LEADS) {
    const res = await postJson(worker.url, "/f/contact", { ...lead, ...humanExtras() });
    assert.equal(res.status, 201, await res.text());
  }
  // One rep, two leads a day and ten a week, so the what-if can plan a week.
  const { body } = await api("GET", "/api/handoff/settings");
  const settings = body.settings;
  settings.reps = [
    { id: REP, name: "이영업", email: "sales@hanbit.co.kr", capacity_per_day: 2, capacity_per_week: 10, territories: [], segments: [], active: true },
  ];
  const saved = await api("PUT", "/api/handoff/settings", settings);
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  browser = await launchBrowser();
  await signIn(browser.context);
});

after(async () => {
  await browser?.close();
  await worker?.stop();
});

test("dragging the MQL threshold changes the what-if numbers; saving makes version 1 with the change", async () => {
  const { page, errors } = await openPage(browser.context, "/scoring");
  // A second tab editing from the same base, to be outdated by the save below.
  const { page: stale, errors: staleErrors } = await openPage(browser.context, "/scoring");

  // The defaults: MQL at 50 total points. Each captured lead has 5 (the form submission)
  // and consented, so every lead meets Lead's criteria and none meets MQL's.
  await waitText(page, "meets-now-lead", "3");
  // They were captured just now: they entered Lead this last week, not before.
  await waitText(page, "last-week-lead", "3");
  await waitText(page, "meets-now-mql", "0");
  assert.equal(await page.inputValue("[data-testid=threshold-number]"), "50");
  assert.match(await text(page, "whatif-summary"), /^MQL at 50\+: 0 meet it now, 0 entered last week/);
  assert.match(await text(page, "rep-inflow"), /If 0 leads enter MQL/);
  assert.equal(await text(page, "rep-load-numbers"), "0 of 10 a week");
  assert.match(await page.getAttribute("[data-testid=histogram]", "aria-label"), /3 leads; 0 at or over the MQL threshold of 50/);

  // Drag the slider down to 5: all three meet MQL, all entered this last week, and the
  // rep would take them next week. Nothing is saved yet.
  await page.locator("[data-testid=threshold-range]").fill("5");
  await waitText(page, "meets-now-mql", "3");
  await waitText(page, "last-week-mql", "3");
  assert.equal(await page.inputValue("[data-testid=threshold-number]"), "5");
  assert.match(await text(page, "whatif-summary"), /^MQL at 5\+: 3 meet it now, 3 entered last week\. Reps next week: 3 assigned of 10 capacity\./);
  assert.match(await text(page, "rep-inflow"), /If 3 leads enter MQL/);
  assert.equal(await text(page, "rep-load-numbers"), "3 of 10 a week");
  assert.match(await page.getAttribute("[data-testid=histogram]", "aria-label"), /3 at or over the MQL threshold of 5/);
  assert.equal((await api("GET", "/api/engine-config")).body.version, 0, "dragging saved something");

  // The number input moves it too: 6 is above every lead's 5 points.
  await page.fill("[data-testid=threshold-number]", "6");
  await waitText(page, "meets-now-mql", "0");
  await page.fill("[data-testid=threshold-number]", "5");
  await waitText(page, "meets-now-mql", "3");
  // The stage editor shows the same threshold.
  assert.equal(await page.inputValue("[data-testid=stage-threshold-mql]"), "5");

  // Save with a note: version 1, who and why, and the threshold change in the history.
  assert.match(await text(page, "save-status"), /unsaved changes/);
  await page.fill("[data-testid=config-note]", "Q4 리뷰: MQL 기준을 5점으로");
  await page.click("[data-testid=save-config]");
  await page.locator("[data-testid=save-outcome]", { hasText: "Saved as version 1." }).waitFor({ timeout: 15_000 });
  const version = page.locator("[data-testid=history-version]").first();
  await version.waitFor({ timeout: 15_000 });
  assert.match(await version.textContent(), /Version 1/);
  assert.match(await version.textContent(), /박운영/);
  assert.match(await version.textContent(), /Q4 리뷰: MQL 기준을 5점으로/);
  const change = version.locator("[data-testid=history-change]");
  assert.equal(await change.count(), 1);
  assert.match(await change.textContent(), /MQL: total score threshold/);
  assert.match(await change.textContent(), /50\s*→\s*5/);
  assert.match(await change.getAttribute("aria-label"), /from 50 to 5/);
  const saved = (await api("GET", "/api/engine-config")).body;
  assert.equal(saved.version, 1);
  const mql = saved.config.lifecycle.definitions.find((d) => d.stage === "mql");
  assert.equal(mql.criteria.find((c) => c.criterion === "min_total").points, 5);

  // The other tab still edits version 0: its save is refused, it says so, and reloads.
  await waitText(stale, "meets-now-mql", "0");
  await stale.fill("[data-testid=half-life]", "14");
  await stale.click("[data-testid=save-config]");
  await stale.locator("[data-testid=save-outcome]", { hasText: "Someone saved a newer version" }).waitFor({ timeout: 15_000 });
  await stale.click("[data-testid=reload-config]");
  await stale.locator("[data-testid=save-status]", { hasText: "Editing version 1" }).waitFor({ timeout: 15_000 });
  assert.equal(await stale.inputValue("[data-testid=threshold-number]"), "5");
  await waitText(stale, "meets-now-mql", "3");
  assert.equal((await api("GET", "/api/engine-config")).body.version, 1, "the stale save wrote");

  assert.deepEqual(errors, [], "the app threw in the browser");
  assert.deepEqual(staleErrors, [], "the app threw in the browser");
  await page.close();
  await stale.close();
});

test("a value the engine refuses is marked at its field and blocks saving", async () => {
  const { page, errors } = await openPage(browser.context, "/scoring");
  await waitText(page, "meets-now-mql", "3");
  const points = page.locator("[data-testid=rule-points]").first();
  await points.fill("0");
  const rule = page.locator("[data-testid=rule]").first();
  await rule.locator(".field-error", { hasText: "Points must not be 0." }).waitFor();
  assert.equal(await page.locator("[data-testid=save-config]").isDisabled(), true);
  await page.locator("text=Fix the marked problems to save.").first().waitFor();
  await page.click("text=Discard changes");
  await page.locator("[data-testid=save-status]", { hasText: "No changes" }).waitFor();
  assert.deepEqual(errors, [], "the app threw in the browser");
  await page.close();
});

test("the ICP editor recounts the tiers as a persona is edited", async () => {
  const { page, errors } = await openPage(browser.context, "/icp");
  // No personas: every lead matches nothing.
  await waitText(page, "tier-count-none", "3");
  await page.click("[data-testid=add-persona]");
  // The new persona tests "title is present"; the leads gave no title.
  await waitText(page, "tier-count-none", "3");
  await waitText(page, "tier-count-A", "0");
  // Every lead gave a company name: all three are a full match, tier A.
  await page.selectOption("[data-testid=criterion-field]", "company_name");
  await waitText(page, "tier-count-A", "3");
  await waitText(page, "tier-count-none", "0");
  assert.match(await text(page, "tier-summary"), /A 3, B 0, C 0, D 0, no match 0/);
  // A test the engine refuses is shown at the criterion, and the last counts stay.
  await page.selectOption("[data-testid=criterion-op]", "contains");
  await page.locator("[data-testid=criterion-problem]", { hasText: "Enter the text to compare with." }).waitFor();
  await page.fill("[data-testid=criterion-value]", "한빛");
  await waitText(page, "tier-count-A", "1");
  await waitText(page, "tier-count-none", "2");
  assert.deepEqual(errors, [], "the app threw in the browser");
  await page.close();
});

test("on a 375 px phone the threshold drags and the numbers follow, without sideways scrolling", async () => {
  const phone = await browser.context.newPage();
  const errors = [];
  phone.on("pageerror", (e) => errors.push(e.message));
  await phone.setViewportSize({ width: 375, height: 740 });
  await phone.goto(`${worker.url}/scoring`);
  await waitText(phone, "meets-now-mql", "3");
  const range = phone.locator("[data-testid=threshold-range]");
  const box = await range.boundingBox();
  assert.ok(box.width > 150 && box.x + box.width <= 375, JSON.stringify(box));
  assert.ok(box.height >= 44, "the slider is a 44 px touch target");
  // Drag the thumb to the right end: the highest threshold, which no lead meets.
  await phone.mouse.move(box.x + 2, box.y + box.height / 2);
  await phone.mouse.down();
  await phone.mouse.move(box.x + box.width - 1, box.y + box.height / 2, { steps: 8 });
  await phone.mouse.up();
  await waitText(phone, "meets-now-mql", "0");
  assert.ok(Number(await phone.inputValue("[data-testid=threshold-number]")) > 5);
  const widths = await phone.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    chart: document.querySelector("[data-testid=histogram]").getBoundingClientRect().width,
  }));
  assert.ok(widths.page <= 375, `the page scrolls sideways: ${widths.page}px`);
  assert.ok(widths.chart <= 375 && widths.chart > 200, `chart ${widths.chart}px`);
  assert.deepEqual(errors, [], "the app threw in the browser");
  await phone.close();
});

test("the editors speak Korean to a Korean browser and switch to English", async () => {
  const korean = await launchBrowser({ locale: "ko-KR" });
  try {
    await signIn(korean.context);
    const { page, errors } = await openPage(korean.context, "/scoring");
    await page.locator("#scoring-title", { hasText: "스코어링 모델" }).waitFor({ timeout: 15_000 });
    await waitText(page, "meets-now-mql", "3");
    assert.match(await text(page, "whatif-summary"), /^MQL \(5점 이상\): 지금 3건 충족, 지난주 3건 진입/);
    assert.match(await text(page, "rep-load-numbers"), /^3 \/ 주 10건$/);
    await page.locator("[data-testid=history-change]", { hasText: "MQL: 총점 기준" }).waitFor();
    await page.click("[data-testid=switch-language]");
    await page.locator("#scoring-title", { hasText: "Scoring model" }).waitFor();
    assert.match(await text(page, "whatif-summary"), /^MQL at 5\+: 3 meet it now/);
    await page.locator("[data-testid=history-change]", { hasText: "MQL: total score threshold" }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "en");
    await page.click("[data-testid=switch-language]");
    await page.goto(`${worker.url}/icp`);
    await page.locator("#icp-title", { hasText: "ICP와 페르소나" }).waitFor({ timeout: 15_000 });
    await waitText(page, "tier-count-none", "3");
    assert.match(await text(page, "tier-summary"), /해당 없음 3건/);
    assert.deepEqual(errors, [], "the app threw in the browser");
  } finally {
    await korean.close();
  }
});
