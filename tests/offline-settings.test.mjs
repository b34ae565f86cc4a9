// Settings edited with no network, through the app's own screens against the real
// worker: a rep's capacity, a new segment and the MQL threshold saved offline are kept
// on this device (the editors say so, the sync line counts them, the server has none of
// them), still show after a reload offline, and reach the server once the network
// returns, each once. A save the server refuses on the way back (someone saved a newer
// version meanwhile) is shown in the sync line, and the editor returns to the server's
// copy.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startWorker } from "./support/worker.mjs";
import { addSession, launchBrowser } from "./support/browser.mjs";
import { signUp } from "./support/auth.mjs";
import { callApi, eventually } from "./support/http.mjs";
import { configWithMqlBar, mqlThreshold } from "./support/engine.mjs";

const REP = "00000000-0000-4000-8000-00000000000a";
const everyDay = { utc_offset_minutes: 0, day_start_hour: 0, day_end_hour: 24, holidays: [], weekend_days: [] };

let worker;
let A;
let browser;

before(async () => {
  worker = await startWorker({});
  A = await signUp(worker.url, { email: "lead@booth.kr", workspace_name: "부스팀" });
  const settings = {
    handoff_stage: "mql",
    accepted_stage: "sql",
    sla_working_hours: 4,
    alert_after_secs: 3600,
    reject_reasons: ["bad_fit", "other"],
    rejected_to: {},
    calendar: everyDay,
    reps: [{ id: REP, name: "김지우", email: "rep@booth.kr", capacity_per_day: 3, capacity_per_week: 20, active: true }],
  };
  const res = await call("PUT", "/api/handoff/settings", settings);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  browser = await launchBrowser();
  await addSession(browser.context, worker.url, A.cookie);
});

after(async () => {
  await browser?.close();
  await worker?.stop();
});

function call(method, path, json) {
  return callApi(worker.url, method, path, { cookie: A.cookie, json });
}

const capacity = 'input[name="reps[0].capacity_per_day"]';
const segmentName = "박람회 방문 MQL";

/** The server's copies of the three documents. */
async function serverCopies() {
  const handoff = (await call("GET", "/api/handoff/settings")).body;
  const engine = (await call("GET", "/api/engine-config")).body;
  const segments = (await call("GET", "/api/segments")).body.segments;
  return {
    handoffVersion: handoff.version,
    capacity: handoff.settings.reps[0].capacity_per_day,
    engineVersion: engine.version,
    mql: mqlThreshold(engine.config).points,
    segments: segments.map((s) => s.segment.name),
  };
}

async function waitValue(page, selector, value) {
  await eventually(`${selector} reads ${value}`, async () => (await page.inputValue(selector)) === value, 20_000);
}

test("settings saved offline wait on the device, survive a reload, and reach the server once online", async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // One online visit: the shell is cached and the documents kept on the device.
  await page.goto(`${worker.url}/settings`);
  await waitValue(page, capacity, "3");
  await page.locator("[data-testid=handoff-status]", { hasText: "Saved · version 1" }).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.goto(`${worker.url}/scoring`);
  await waitValue(page, "[data-testid=threshold-number]", "50");
  await page.goto(`${worker.url}/segments`);
  await page.locator("[data-testid=new-segment]").waitFor({ timeout: 20_000 });
  const before = await serverCopies();
  assert.deepEqual(before, { handoffVersion: 1, capacity: 3, engineVersion: 0, mql: 50, segments: [] });

  await browser.context.setOffline(true);
  try {
    await page.goto(`${worker.url}/settings`);
    await waitValue(page, capacity, "3");
    await page.fill(capacity, "7");
    await page.click("[data-testid=save-handoff]");
    await page
      .locator("[data-testid=handoff-status]", { hasText: "Saved on this device; it syncs with the team once online." })
      .waitFor();
    await page.locator("[data-testid=pending-count]", { hasText: "1 change waiting to sync" }).waitFor();

    await page.click("nav a[href='/segments']");
    await page.locator("[data-testid=new-segment]").click();
    await page.fill("[data-testid=segment-name]", segmentName);
    await page.click("[data-testid=save-segment]");
    await page.locator("[data-testid=save-outcome]", { hasText: "Saved on this device" }).waitFor();
    await page.locator("[data-testid=segment-list]", { hasText: segmentName }).waitFor();

    await page.click("nav a[href='/scoring']");
    await waitValue(page, "[data-testid=threshold-number]", "50");
    await page.fill("[data-testid=threshold-number]", "30");
    await page.fill("[data-testid=config-note]", "부스 현장에서 MQL 기준 완화");
    await page.click("[data-testid=save-config]");
    await page
      .locator("[data-testid=save-outcome]", { hasText: "Saved on this device as version 1; it syncs with the team once online." })
      .waitFor();
    await page.locator("[data-testid=pending-count]", { hasText: "3 changes waiting to sync" }).waitFor();
    assert.deepEqual(await serverCopies(), before, "nothing reached the server");

    // The tab reloaded with no network: every save still shows.
    await page.reload();
    await waitValue(page, "[data-testid=threshold-number]", "30");
    await page.goto(`${worker.url}/settings`);
    await waitValue(page, capacity, "7");
    await page.locator("[data-testid=handoff-status]", { hasText: "Saved on this device" }).waitFor();
    await page.goto(`${worker.url}/segments`);
    await page.locator("[data-testid=segment-list]", { hasText: segmentName }).waitFor({ timeout: 20_000 });
    await page.locator("[data-testid=pending-count]", { hasText: "3 changes waiting to sync" }).waitFor();
  } finally {
    await browser.context.setOffline(false);
  }

  // Online: the outbox drains and the server has each save, once.
  await page.locator("[data-testid=pending-count]").waitFor({ state: "detached", timeout: 40_000 });
  const synced = await eventually("the saves on the server", async () => {
    const now = await serverCopies();
    return now.segments.length === 1 && now.engineVersion === 1 && now.handoffVersion === 2 ? now : null;
  });
  assert.deepEqual(synced, { handoffVersion: 2, capacity: 7, engineVersion: 1, mql: 30, segments: [segmentName] });
  const versions = (await call("GET", "/api/engine-config/versions")).body.versions;
  assert.deepEqual(versions.map((v) => v.note), ["부스 현장에서 MQL 기준 완화"]);
  assert.equal(await page.locator("[data-testid=rejected-op]").count(), 0);

  // The editors now say the server has them.
  await page.goto(`${worker.url}/settings`);
  await page.locator("[data-testid=handoff-status]", { hasText: "Saved · version 2" }).waitFor({ timeout: 20_000 });
  assert.equal(await page.inputValue(capacity), "7");
  assert.deepEqual(errors, []);
  await page.close();
});

test("a save refused on the way back is shown in the sync line, and the editor returns to the server's copy", async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${worker.url}/scoring`);
  await waitValue(page, "[data-testid=threshold-number]", "30");
  await page.evaluate(() => navigator.serviceWorker.ready);

  await browser.context.setOffline(true);
  try {
    await page.fill("[data-testid=threshold-number]", "20");
    await page.click("[data-testid=save-config]");
    await page.locator("[data-testid=save-outcome]", { hasText: "Saved on this device as version 2" }).waitFor();
    // Meanwhile a colleague online saves version 2 first.
    const res = await call("PUT", "/api/engine-config", { config: configWithMqlBar(45), base_version: 1, note: "영업 요청" });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  } finally {
    await browser.context.setOffline(false);
  }

  await page
    .locator("[data-testid=rejected-op]", { hasText: "someone saved a newer version of the scoring rules" })
    .waitFor({ timeout: 40_000 });
  await waitValue(page, "[data-testid=threshold-number]", "45");
  const engine = (await call("GET", "/api/engine-config")).body;
  assert.equal(engine.version, 2);
  assert.equal(mqlThreshold(engine.config).points, 45, "the refused save wrote nothing");
  assert.deepEqual(errors, []);
  await page.close();
});
