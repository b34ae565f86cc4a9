// The demo workspace, against the real worker and in Chromium: an admin fills an empty
// workspace with generated leads (with touches, scores and a sales history) in one
// click; the app pulls them and every lead view works on them — search, filters,
// detail with its timeline — on a desktop and a 375 px phone, in Korean and English.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startWorker } from "./support/worker.mjs";
import { addSession, launchBrowser } from "./support/browser.mjs";
import { postJson, signUp } from "./support/auth.mjs";

let worker;
let A;

before(async () => {
  worker = await startWorker();
  // Not the seeded 'default' workspace: a workspace of its own, as a newcomer gets.
  await signUp(worker.url, { email: "first@claims-default.kr", workspace_name: "기본" });
  A = await signUp(worker.url, { email: "newcomer@startup.kr", workspace_name: "스타트업" });
});

after(async () => {
  await worker?.stop();
});

const workspaceOf = (me) => me.workspace.id;

test("the API fills only an empty workspace, for admins, with a plausible funnel", async () => {
  const tooMany = await postJson(worker.url, "/api/demo", { leads: 5000 }, { cookie: A.cookie });
  assert.equal(tooMany.status, 422);
  assert.equal((await tooMany.json()).fields[0].field, "leads");
  const token = await postJson(worker.url, "/api/tokens", { name: "sales", role: "sales" }, { cookie: A.cookie });
  const { secret } = await token.json();
  const refused = await postJson(worker.url, "/api/demo", {}, { authorization: `Bearer ${secret}` });
  assert.equal(refused.status, 403);
  const ws = workspaceOf(A.me);
  assert.equal(worker.d1("SELECT count(*) AS n FROM leads WHERE workspace_id = ?", ws)[0].n, 0, "refusals wrote nothing");

  const filled = await postJson(worker.url, "/api/demo", { leads: 300 }, { cookie: A.cookie });
  const body = await filled.json();
  assert.equal(filled.status, 201, JSON.stringify(body));
  assert.equal(body.leads, 300);
  const count = (sql) => worker.d1(sql, ws)[0].n;
  assert.equal(count("SELECT count(*) AS n FROM leads WHERE workspace_id = ?"), 300);
  assert.equal(count("SELECT count(*) AS n FROM touches WHERE workspace_id = ?"), body.touches);
  assert.ok(body.touches > 300 * 3);
  const stages = new Set(worker.d1("SELECT DISTINCT stage FROM leads WHERE workspace_id = ?", ws).map((r) => r.stage));
  for (const stage of ["lead", "mql", "sql", "nurture"]) assert.ok(stages.has(stage), `no ${stage} in ${[...stages]}`);
  // Every lead's history ends where it stands.
  const mismatched = worker.d1(
    `SELECT l.id FROM leads l WHERE l.workspace_id = ? AND l.stage <> (
       SELECT to_stage FROM stage_changes s WHERE s.lead_id = l.id ORDER BY s.id DESC LIMIT 1)`,
    ws,
  );
  assert.deepEqual(mismatched, []);
  // The demo's rules are saved as version 1, and scores show fit from its persona.
  const [config] = worker.d1("SELECT version, updated_by FROM workspace_engine_config WHERE workspace_id = ?", ws);
  assert.equal(config.version, 1);
  assert.ok(count("SELECT count(*) AS n FROM leads WHERE workspace_id = ? AND fit > 0") > 0);

  const again = await postJson(worker.url, "/api/demo", {}, { cookie: A.cookie });
  assert.equal(again.status, 409);
  assert.equal((await again.json()).error, "workspace_not_empty");
});

async function openApp(viewport, locale = "en-US") {
  const browser = await launchBrowser({ locale });
  await addSession(browser.context, worker.url, B.cookie);
  const page = await browser.context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${worker.url}/leads`);
  return { browser, page, errors };
}

let B;

test("one click fills an empty workspace; the table searches, filters and opens a lead", async () => {
  B = await signUp(worker.url, { email: "trial@fair.kr", workspace_name: "박람회" });
  const { browser, page, errors } = await openApp(null);
  try {
    await page.locator("[data-testid=lead-count]", { hasText: "0 leads" }).waitFor({ timeout: 15_000 });
    await page.click("[data-testid=fill-demo]");
    await page.locator("[data-testid=lead-count]", { hasText: "400 leads" }).waitFor({ timeout: 60_000 });
    // Only the rows on screen are in the page, not 400.
    const rendered = await page.locator("[data-testid=lead-row]").count();
    assert.ok(rendered > 5 && rendered < 100, `${rendered} rows rendered`);

    // Search by a lead's company narrows the list to leads that match. Search matches
    // every word in name, e-mail, company and title together, so a row may match through
    // another column than the company (a generated e-mail can hold the company's word).
    const firstCompany = (await page.locator("[data-testid=lead-row] .col-company").first().textContent()).trim();
    await page.fill("[data-testid=lead-search]", firstCompany);
    await page.locator("[data-testid=lead-count]", { hasText: / of 400 leads$/ }).waitFor();
    const words = firstCompany.toLowerCase().split(/\s+/).filter(Boolean);
    const rows = await page.locator("[data-testid=lead-row]").evaluateAll((trs) =>
      trs.map((tr) => [".col-name", ".col-email", ".col-company", ".col-title"]
        .map((c) => tr.querySelector(c)?.textContent ?? "").join(" ").toLowerCase()));
    assert.ok(rows.length > 0, "the searched company's own lead is listed");
    for (const row of rows) {
      for (const word of words) assert.ok(row.includes(word), `${row} does not match ${word} of ${firstCompany}`);
    }
    await page.fill("[data-testid=lead-search]", "");

    // A stage filter keeps only that stage.
    await page.click("details.filters summary");
    await page.locator(".filter-group label", { hasText: "SQL" }).first().click();
    await page.locator("[data-testid=lead-count]", { hasText: / of 400 leads$/ }).waitFor();
    for (const stage of await page.locator("[data-testid=lead-row] .col-stage").allTextContents()) {
      assert.equal(stage, "SQL");
    }

    // Keyboard: focus the table, move down, open the lead with Enter.
    await page.click("details.filters summary");
    await page.focus(".lead-scroller");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    await page.locator("[data-testid=lead-stage]", { hasText: "SQL" }).waitFor();
    await page.locator("[data-testid=timeline-touch]").first().waitFor({ timeout: 15_000 });
    assert.ok((await page.locator("[data-testid=timeline-stage]").count()) >= 2, "creation and moves on the timeline");
    assert.deepEqual(errors, [], "the app threw");
  } finally {
    await browser.close();
  }
});

test("on a 375 px phone in Korean the list, menu and detail fit and read in Korean", async () => {
  const { browser, page, errors } = await openApp({ width: 375, height: 740 }, "ko-KR");
  try {
    await page.locator("[data-testid=lead-count]", { hasText: "리드 400건" }).waitFor({ timeout: 30_000 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `the page scrolls sideways (${width} px)`);
    const nav = await page.locator("nav.nav").boundingBox();
    assert.ok(nav.y > 600, "the menu sits along the bottom");
    const row = await page.locator("[data-testid=lead-row]").first().boundingBox();
    assert.ok(row.height >= 44, "rows are touch targets");
    await page.locator("[data-testid=lead-row]").first().click();
    await page.locator("[data-testid=timeline-touch]").first().waitFor({ timeout: 15_000 });
    assert.match(await page.locator(".lead-detail h3").first().textContent(), /프로필/);
    await page.click("[data-testid=switch-language]");
    assert.match(await page.locator(".lead-detail h3").first().textContent(), /Profile/);
    assert.deepEqual(errors, [], "the app threw");
  } finally {
    await browser.close();
  }
});
