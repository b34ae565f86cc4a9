// The funnel dashboard and the attribution & predictive view, end to end: leads are
// captured through the real worker (each first seen on a tracked page view from one
// channel, then posting the form from another), handed to sales and answered over the
// API; the app then shows a funnel whose counts are what was captured and answered,
// sales' accept/reject figures by campaign, credit that moves with the attribution
// model, a model trained in the browser with its AUC, and the probability it applies
// as a lead-table column. Also at a 375 px phone width, and in both languages.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { startWorker } from "./support/worker.mjs";
import { configWithMqlBar, engineConfigSeed } from "./support/engine.mjs";
import { addSession, launchBrowser } from "./support/browser.mjs";
import { humanExtras } from "./support/forms.mjs";
import { postJson, signUp } from "./support/auth.mjs";
import { callApi, eventually } from "./support/http.mjs";

// The default engine config with an MQL bar one form post clears, for the seeded
// 'default' workspace (claimed by the first sign-up): every capture becomes an MQL and
// is queued for sales.
const seed = engineConfigSeed("default", configWithMqlBar(1));

const REP = "00000000-0000-4000-8000-0000000000a1";
const LEADS = 12;
/** Leads 1–6 are accepted by sales (they reach SQL); 7–10 rejected for budget, 11–12 as a bad fit. */
const accepted = (n) => n <= 6;
const rejectReason = (n) => (n <= 10 ? "no_budget" : "bad_fit");

let worker;
let browser;
let session;

/** A page view by the visitor with `cookie`, from `source` (what t.js sends). */
async function pageView(cookie, source, campaign) {
  const res = await worker.post("/t", {
    contentType: "application/json",
    headers: { cookie },
    body: JSON.stringify({
      kind: "page_view",
      form_id: "contact",
      event_id: randomUUID(),
      url: `https://www.hanbit.co.kr/${source}`,
      title: "한빛소프트",
      utm: { source, ...(campaign ? { campaign } : {}) },
    }),
  });
  assert.equal(res.status, 204, await res.text());
}

const call = (method, path, json) => callApi(worker.url, method, path, { cookie: session, json });

before(async () => {
  worker = await startWorker({ seed });
  ({ cookie: session } = await signUp(worker.url, { email: "marketing@hanbit.co.kr", workspace_name: "한빛소프트" }));
  const settings = await call("PUT", "/api/handoff/settings", {
    handoff_stage: "mql",
    accepted_stage: "sql",
    sla_working_hours: 8,
    alert_after_secs: 86_400,
    reject_reasons: ["bad_fit", "no_budget", "other"],
    rejected_to: { no_budget: "nurture", bad_fit: "disqualified" },
    calendar: { utc_offset_minutes: 0, day_start_hour: 0, day_end_hour: 24, holidays: [], weekend_days: [] },
    reps: [{ id: REP, name: "김지우", email: "marketing@hanbit.co.kr", capacity_per_day: 50, capacity_per_week: 250, active: true }],
  });
  assert.equal(settings.status, 200, JSON.stringify(settings.body));

  const leadIds = new Map();
  for (let n = 1; n <= LEADS; n++) {
    // First seen reading a Naver blog post (anonymous, stitched at the form post) …
    const snippet = await fetch(`${worker.url}/f/contact/t.js`);
    const vid = /lk_vid=([0-9a-f-]{36});/.exec(snippet.headers.get("set-cookie") ?? "")?.[1];
    await snippet.arrayBuffer();
    assert.ok(vid, "t.js set a visitor cookie");
    const cookie = `lk_vid=${vid}`;
    await pageView(cookie, "naver", "spring-blog");
    // … then posting the contact form from a Google search ad …
    const res = await postJson(
      worker.url,
      "/f/contact",
      {
        email: `buyer${n}@customer${n}.co.kr`,
        name: `구매자 ${n}`,
        company: `고객사 ${n}`,
        utm_source: "google",
        utm_campaign: "search-brand",
        ...humanExtras("contact"),
      },
      { cookie },
    );
    const body = await res.json();
    assert.equal(res.status, 201, JSON.stringify(body));
    leadIds.set(n, body.lead_id);
    // … and the ones sales will take came back from the newsletter.
    if (accepted(n)) await pageView(cookie, "newsletter");
  }
  const queue = await eventually("every lead assigned", async () => {
    const q = (await call("GET", "/api/handoff/queue")).body;
    return q.assigned.length === LEADS ? q : null;
  });
  for (let n = 1; n <= LEADS; n++) {
    const handoff = queue.assigned.find((e) => e.lead_id === leadIds.get(n));
    const answer = accepted(n) ? { answer: "accept" } : { answer: "reject", reason: rejectReason(n) };
    const res = await call("POST", `/api/handoffs/${handoff.id}/answer`, answer);
    assert.equal(res.status, 200, JSON.stringify(res.body));
  }
  assert.equal(worker.d1("SELECT count(*) AS n FROM leads WHERE stage = 'sql'")[0].n, 6);

  browser = await launchBrowser({ locale: "en-US" });
  await addSession(browser.context, worker.url, session);
});

after(async () => {
  await browser?.close();
  await worker?.stop();
});

/** A page of the app with its errors collected. */
async function open(path, errors) {
  const page = await browser.context.newPage();
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${worker.url}${path}`);
  return page;
}

/** Clicks the segmented choice whose radio has `testid` (the radio itself is hidden). */
async function choose(page, testid) {
  await page.locator("label.segment", { has: page.locator(`[data-testid=${testid}]`) }).click();
  assert.equal(await page.isChecked(`[data-testid=${testid}]`), true);
}

const cell = (page, row, testid) => page.textContent(`[data-testid=${row}] [data-testid=${testid}]`);

test("the funnel counts what was captured and answered, and sales' answers by campaign", async () => {
  const errors = [];
  const page = await open("/funnel", errors);
  await page.locator("[data-testid=level-lead]").waitFor({ timeout: 20_000 });
  // Every capture was a lead and an MQL at once; sales accepted six into SQL.
  await page.locator("[data-testid=level-sql] [data-testid=reached]", { hasText: "6" }).waitFor({ timeout: 20_000 });
  assert.equal(await cell(page, "level-lead", "reached"), "12");
  assert.equal(await cell(page, "level-mql_or_pql", "reached"), "12");
  assert.equal(await cell(page, "level-lead", "rate"), "100.0%");
  assert.equal(await cell(page, "level-mql_or_pql", "converted"), "6");
  assert.equal(await cell(page, "level-mql_or_pql", "rate"), "50.0%");
  // The funnel chart is an image with a title, its numbers as text.
  assert.equal(await page.textContent("#funnel-chart-title"), "Reached in the period");
  assert.match(await page.textContent("svg[aria-labelledby~=funnel-chart-title]"), /Lead · 12/);
  // Where they stand now: six SQLs, four nurtured, two disqualified.
  assert.match(await page.textContent("[data-testid=now-sql]"), /6/);
  assert.match(await page.textContent("[data-testid=now-nurture]"), /4/);
  assert.match(await page.textContent("[data-testid=now-disqualified]"), /2/);
  // The cohort of this week holds all twelve.
  assert.match(await page.textContent("[data-testid=cohort-table] tbody tr:first-child"), /12/);

  await choose(page, "grouping-campaign");
  const row = page.locator("[data-testid=feedback-row]", { hasText: "search-brand" });
  await row.waitFor({ timeout: 20_000 });
  assert.equal(await row.locator("[data-testid=handed-off]").textContent(), "12");
  assert.equal(await row.locator("[data-testid=accepted]").textContent(), "6");
  assert.equal(await row.locator("[data-testid=rejected]").textContent(), "6");
  assert.equal(await row.locator("[data-testid=accept-rate]").textContent(), "50.0%");
  assert.equal(await row.locator("[data-testid=reasons]").textContent(), "No budget (4), Bad fit (2)");

  // A shorter period still holds everything (it all happened this week).
  await choose(page, "period-4");
  await page.locator("[data-testid=level-lead] [data-testid=reached]", { hasText: "12" }).waitFor();
  assert.deepEqual(errors, [], "the app threw in the browser");
  await page.close();
});

test("switching the attribution model moves the credit between channels", async () => {
  const errors = [];
  const page = await open("/attribution", errors);
  await page.locator("[data-testid=conversion-count]", { hasText: "6 conversions" }).waitFor({ timeout: 20_000 });
  assert.match(await page.textContent("[data-testid=no-deals-note]"), /No deals are recorded/);
  const credit = (name) =>
    page.locator("[data-testid=channel-row]", { has: page.locator("[data-testid=name]", { hasText: new RegExp(`^${name}$`) }) });

  await choose(page, "model-first");
  await credit("naver").locator("[data-testid=credit]", { hasText: "6.00" }).waitFor();
  assert.equal(await credit("newsletter").count(), 0, "first touch gives the newsletter nothing");

  await choose(page, "model-last");
  await credit("newsletter").locator("[data-testid=credit]", { hasText: "6.00" }).waitFor();
  assert.equal(await credit("naver").count(), 0, "last touch gives the blog nothing");

  // Linear splits each conversion over its three touches: a third each, exactly six in all.
  await choose(page, "model-linear");
  await credit("google").waitFor();
  const linear = await page.locator("[data-testid=channel-row] [data-testid=credit]").allTextContents();
  assert.equal(linear.length, 3);
  assert.equal(linear.reduce((sum, t) => sum + Math.round(Number(t) * 100), 0), 600);

  // Time decay asks for a half-life; a bad one is refused next to the field.
  await choose(page, "model-decay");
  await page.fill("[data-testid=half-life]", "0");
  await page.locator("#half-life-error", { hasText: "Enter a number of days above 0." }).waitFor();
  assert.equal(await page.getAttribute("[data-testid=half-life]", "aria-invalid"), "true");
  await page.fill("[data-testid=half-life]", "3");
  await credit("newsletter").waitFor();

  // A value per conversion adds the credit in won.
  await page.fill("[data-testid=value-per-conversion]", "1,000,000");
  await choose(page, "model-first");
  await credit("naver").locator("[data-testid=value]", { hasText: "₩6,000,000" }).waitFor();
  assert.deepEqual(errors, [], "the app threw in the browser");
  await page.close();
});

test("training in the browser shows AUC and calibration, and applying adds a win probability column", async () => {
  const errors = [];
  const page = await open("/attribution", errors);
  await page.click("[data-testid=train]");
  const auc = await page.locator("[data-testid=auc]");
  await auc.waitFor({ timeout: 60_000 });
  assert.match(await auc.textContent(), /^(0|1)\.\d{3}$/);
  assert.match(await page.textContent("[data-testid=auc-baseline]"), /^(0|1)\.\d{3}$/);
  assert.match(await page.textContent("[data-testid=lift-10]"), /^×\d+\.\d$/);
  assert.ok(await page.locator("svg[aria-labelledby~=calibration-chart-title] circle").count() >= 1);
  assert.equal(await page.locator("[data-testid=train]").isEnabled(), true, "training is over");

  await page.click("[data-testid=apply-model]");
  await page.locator("[data-testid=applied]", { hasText: "Win probability applied to 12 leads." }).waitFor();
  await page.click("[data-testid=applied] a");
  await page.locator("th.col-win", { hasText: "Win probability" }).waitFor();
  const percents = await page.locator("[data-testid=win-probability]").allTextContents();
  assert.equal(percents.length, 12);
  for (const p of percents) assert.match(p, /^\d{1,2}%$/);
  // Kept on the device: a reload shows the column again.
  await page.reload();
  await page.locator("[data-testid=win-probability]").first().waitFor({ timeout: 20_000 });
  assert.deepEqual(errors, [], "the app threw in the browser");
  await page.close();
});

test("at 375 px the views fit the phone and the menu sits along the bottom", async () => {
  const errors = [];
  const page = await browser.context.newPage();
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setViewportSize({ width: 375, height: 740 });
  for (const [path, ready] of [
    ["/funnel", "[data-testid=level-sql] [data-testid=reached]"],
    ["/attribution", "[data-testid=conversion-count]"],
  ]) {
    await page.goto(`${worker.url}${path}`);
    await page.locator(ready).waitFor({ timeout: 20_000 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `${path} is ${width} px wide`);
    const nav = await page.locator("nav.nav").boundingBox();
    assert.ok(nav.y + nav.height >= 740 - 1 && nav.y > 600, `${path}: menu at ${JSON.stringify(nav)}`);
    // Every chart scales to the screen.
    for (const svg of await page.locator("svg.chart-svg").all()) {
      const box = await svg.boundingBox();
      if (box) assert.ok(box.width <= 375, `${path}: a chart is ${box.width} px wide`);
    }
  }
  await page.click("[data-testid=train]");
  await page.locator("[data-testid=auc]").waitFor({ timeout: 60_000 });
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 375);
  assert.deepEqual(errors, [], "the app threw in the browser");
  await page.close();
});

test("both views switch language", async () => {
  const errors = [];
  const page = await open("/funnel", errors);
  await page.locator("#funnel-title", { hasText: "Funnel" }).waitFor({ timeout: 20_000 });
  await page.locator("[data-testid=level-lead]").waitFor({ timeout: 20_000 });
  await page.click("[data-testid=switch-language]");
  await page.locator("#funnel-title", { hasText: "퍼널" }).waitFor();
  assert.equal(await page.getAttribute("html", "lang"), "ko");
  assert.match(await page.textContent("[data-testid=level-lead] th"), /^리드$/);
  assert.match(await page.textContent("nav.nav"), /기여도·예측/);

  await page.click("nav.nav a[href='/attribution']");
  await page.locator("#attribution-title", { hasText: "기여도·예측" }).waitFor();
  await page.locator("[data-testid=conversion-count]", { hasText: "전환 6건" }).waitFor({ timeout: 20_000 });
  assert.match(await page.textContent("label.segment:has([data-testid=model-first])"), /첫 접점/);
  await page.click("[data-testid=switch-language]");
  await page.locator("#attribution-title", { hasText: "Attribution & predictive" }).waitFor();
  assert.deepEqual(errors, [], "the app threw in the browser");
  await page.close();
});
