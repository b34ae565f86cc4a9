// Changes made in the app, against the real worker in Chromium: a bulk stage move shows
// at once, waits in the outbox and reaches the server exactly once; a change made
// offline survives a reload (it is in IndexedDB before the app says so) and is pushed
// when the network returns; a move the rules refuse is never queued and says why.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startWorker } from "./support/worker.mjs";
import { addSession, launchBrowser } from "./support/browser.mjs";
import { postJson, signUp } from "./support/auth.mjs";
import { humanExtras } from "./support/forms.mjs";

let worker;
let A;
let browser;
const REP = "00000000-0000-4000-8000-0000000000aa";

before(async () => {
  worker = await startWorker();
  A = await signUp(worker.url, { email: "team@outbox.kr", workspace_name: "아웃박스" });
  for (const n of [1, 2, 3]) {
    const res = await postJson(worker.url, "/f/contact", {
      email: `fair${n}@visitor.kr`, name: `방문객 ${n}`, company: "방문사", ...humanExtras("contact"),
    });
    assert.equal(res.status, 201);
  }
  const settings = await fetch(`${worker.url}/api/handoff/settings`, { headers: { cookie: A.cookie } }).then((r) => r.json());
  settings.settings.reps = [{ id: REP, name: "김영업", email: "sales@outbox.kr", capacity_per_day: 5, capacity_per_week: 20, active: true }];
  const put = await fetch(`${worker.url}/api/handoff/settings`, {
    method: "PUT", headers: { cookie: A.cookie, "content-type": "application/json" }, body: JSON.stringify(settings.settings),
  });
  assert.equal(put.status, 200);
  browser = await launchBrowser();
  await addSession(browser.context, worker.url, A.cookie);
});

after(async () => {
  await browser?.close();
  await worker?.stop();
});

const stageOf = (email) => worker.d1("SELECT stage FROM leads WHERE email = ?", email)[0].stage;

test("a bulk stage move shows at once and reaches the server once", async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${worker.url}/leads`);
  await page.locator("[data-testid=lead-count]", { hasText: "3 leads" }).waitFor({ timeout: 20_000 });
  for (const name of ["방문객 1", "방문객 2"]) {
    await page.locator("[data-testid=lead-row]", { hasText: name }).locator("input[type=checkbox]").check();
  }
  await page.selectOption("[data-testid=bulk-stage]", "nurture");
  await page.fill("[data-testid=bulk-reason]", "내년 예산 확정 후");
  await page.click("[data-testid=bulk-move]");
  await page.locator("[data-testid=bulk-report]").waitFor();
  await page.locator("[data-testid=lead-row]", { hasText: "방문객 1" }).locator(".col-stage", { hasText: "Nurture" }).waitFor();
  // Pushed: the server has the move and its history, once.
  // One push carries both operations; wait until the server has applied them all.
  const moved = () => stageOf("fair1@visitor.kr") === "nurture" && stageOf("fair2@visitor.kr") === "nurture";
  for (let i = 0; i < 150 && !moved(); i++) await page.waitForTimeout(200);
  assert.equal(stageOf("fair1@visitor.kr"), "nurture");
  assert.equal(stageOf("fair2@visitor.kr"), "nurture");
  assert.equal(stageOf("fair3@visitor.kr"), "lead");
  assert.equal(worker.d1("SELECT count(*) AS n FROM stage_changes WHERE reason = 'manual'")[0].n, 2);
  assert.equal(worker.d1("SELECT count(*) AS n FROM sync_operations")[0].n, 2);
  await page.locator("[data-testid=pending-count]").waitFor({ state: "detached" });
  assert.deepEqual(errors, []);
  await page.close();
});

test("a move the rules refuse is not queued and says why", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${worker.url}/leads`);
  await page.locator("[data-testid=lead-row]", { hasText: "방문객 3" }).waitFor({ timeout: 20_000 });
  await page.locator("[data-testid=lead-row]", { hasText: "방문객 3" }).locator("input[type=checkbox]").check();
  await page.selectOption("[data-testid=bulk-stage]", "disqualified");
  await page.click("[data-testid=bulk-move]");
  await page.locator(".refusals li", { hasText: "방문객 3" }).waitFor();
  assert.equal(await page.locator("[data-testid=pending-count]").count(), 0);
  assert.equal(stageOf("fair3@visitor.kr"), "lead");
  await page.close();
});

test("an owner given offline survives a reload and is pushed when the network returns", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${worker.url}/leads`);
  await page.locator("[data-testid=lead-row]", { hasText: "방문객 3" }).waitFor({ timeout: 20_000 });
  // The reps arrive with the workspace's settings.
  await page.locator("[data-testid=bulk-owner] option", { hasText: "김영업" }).count();
  await browser.context.setOffline(true);
  await page.locator("[data-testid=lead-row]", { hasText: "방문객 3" }).locator("input[type=checkbox]").check();
  await page.locator("[data-testid=bulk-owner] option", { hasText: "김영업" }).waitFor({ state: "attached" });
  await page.selectOption("[data-testid=bulk-owner]", REP);
  await page.click("[data-testid=bulk-assign]");
  await page.locator("[data-testid=pending-count]", { hasText: "1 change waiting" }).waitFor({ timeout: 15_000 });
  await page.locator("[data-testid=lead-row]", { hasText: "방문객 3" }).locator(".col-owner", { hasText: "김영업" }).waitFor();
  const owner = () => JSON.parse(worker.d1("SELECT record_json FROM leads WHERE email = 'fair3@visitor.kr'")[0].record_json).owner;
  assert.equal(owner(), null, "nothing reached the server while offline");

  // Reload while offline: the page comes from the browser's cache of the app? The app
  // shell needs the network until the service worker lands (issue #7), so reopen online
  // but keep the API unreachable to prove the change came from IndexedDB.
  await browser.context.setOffline(false);
  await page.route("**/api/**", (route) => route.abort());
  await page.reload();
  await page.locator("[data-testid=lead-row]", { hasText: "방문객 3" }).locator(".col-owner", { hasText: "김영업" }).waitFor({ timeout: 20_000 });
  await page.locator("[data-testid=pending-count]", { hasText: "1 change waiting" }).waitFor();
  await page.unroute("**/api/**");
  for (let i = 0; i < 150 && owner() !== REP; i++) await page.waitForTimeout(200);
  assert.equal(owner(), REP, "pushed once the network came back");
  await page.locator("[data-testid=pending-count]").waitFor({ state: "detached", timeout: 15_000 });
  await page.close();
});
