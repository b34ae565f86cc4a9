// Two devices of one workspace converge, every change made through the app's screens:
// context A goes offline (the sync line says so and counts what waits) and edits leads
// (an owner and a stage in the lead table, a call logged in lead detail, a visitor
// entered in /capture); context B edits the same leads online in between and logs its
// own call; A comes back. Both end showing the same leads, each field holding its later
// edit, both calls present, the new lead on both, and A's sync line "up to date" with a
// last-synced time. A rep answers a handoff offline and the server has it once online;
// "Sync now" pulls a lead another client just created; the offline capture → sync flow
// at 375 × 740, and the sync line in Korean.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startWorker } from "./support/worker.mjs";
import { addSession, launchBrowser } from "./support/browser.mjs";
import { postJson, signUp } from "./support/auth.mjs";
import { humanExtras } from "./support/forms.mjs";
import { mqlThreshold } from "./support/engine.mjs";
import { callApi, eventually } from "./support/http.mjs";

let worker;
let W;
let deviceA;
let deviceB;
const EMAIL = "team@converge.kr";
const REP_A = "00000000-0000-4000-8000-0000000000aa";
const REP_B = "00000000-0000-4000-8000-0000000000bb";
const REP_ME = "00000000-0000-4000-8000-0000000000cc";
const leadIds = {};
/** Errors the app threw in any page. */
const pageErrors = [];

const call = (method, path, options = {}) => callApi(worker.url, method, path, { cookie: W.cookie, ...options });

/** Every day a working day, all day, so handoffs are assigned whatever day this runs. */
const everyDay = { utc_offset_minutes: 0, day_start_hour: 0, day_end_hour: 24, holidays: [], weekend_days: [] };

async function saveReps(reps) {
  const current = (await call("GET", "/api/handoff/settings")).body.settings;
  const put = await call("PUT", "/api/handoff/settings", { json: { ...current, calendar: everyDay, reps } });
  assert.equal(put.status, 200, JSON.stringify(put.body));
}

const rep = (id, name, email, active = true) => ({
  id, name, email, capacity_per_day: 5, capacity_per_week: 20, active,
});

async function capture(n, name) {
  const res = await postJson(worker.url, "/f/contact", {
    email: `fair${n}@visitor.kr`, name, company: "방문사", ...humanExtras("contact"),
  });
  assert.equal(res.status, 201);
  return (await res.json()).lead_id;
}

before(async () => {
  worker = await startWorker();
  W = await signUp(worker.url, { email: EMAIL, workspace_name: "수렴" });
  for (const n of [1, 2]) leadIds[n] = await capture(n, `방문객 ${n}`);
  await saveReps([rep(REP_A, "에이영업", "a@converge.kr"), rep(REP_B, "비영업", "b@converge.kr")]);
  deviceA = await launchBrowser();
  deviceB = await launchBrowser();
  await addSession(deviceA.context, worker.url, W.cookie);
  await addSession(deviceB.context, worker.url, W.cookie);
});

after(async () => {
  await deviceA?.close();
  await deviceB?.close();
  await worker?.stop();
  assert.deepEqual(pageErrors, [], "the app threw in the browser");
});

async function newPage(device) {
  const page = await device.context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  return page;
}

const row = (page, name) => page.locator("[data-testid=lead-row]", { hasText: name });
const status = (page, text) => page.locator("[data-testid=sync-status]", { hasText: text });

/** Sets the owner of the lead called `name` through the table's bulk action. */
async function assign(page, name, rep) {
  await row(page, name).locator("input[type=checkbox]").check();
  await page.locator(`[data-testid=bulk-owner] option[value="${rep}"]`).waitFor({ state: "attached" });
  await page.selectOption("[data-testid=bulk-owner]", rep);
  await page.click("[data-testid=bulk-assign]");
  await row(page, name).locator(".col-owner", { hasText: rep === REP_A ? "에이영업" : "비영업" }).waitFor();
  await row(page, name).locator("input[type=checkbox]").uncheck();
}

/** Logs a call with `note` on the lead called `name` in its detail page, then returns to the table. */
async function logCall(page, name, note) {
  await row(page, name).locator("td:not(.col-select)").first().click();
  await page.locator("[data-testid=lead-name]", { hasText: name }).waitFor();
  await page.selectOption("[data-testid=log-kind]", "call");
  await page.fill("[data-testid=log-note]", note);
  await page.click("[data-testid=log-submit]");
  // Kept on this device at once (the form clears for the next entry).
  await eventually("the call in this device's store", async () => {
    const leadId = page.url().split("/leads/")[1];
    return (await page.inputValue("[data-testid=log-note]")) === "" && (await localCalls(page, leadId)).length > 0;
  });
  await page.click("nav a[href='/leads']");
  await row(page, name).waitFor();
}

/** Enters a visitor in /capture (the lead and its fair visit: two operations). */
async function captureVisitor(page, name, email) {
  await page.click("nav a[href='/capture']");
  await page.locator("[data-testid=capture-page]").waitFor({ timeout: 20_000 });
  await page.fill("input[name=event]", "KES 2026 부스");
  await page.fill("input[name=name]", name);
  await page.fill("input[name=email]", email);
  await page.fill("input[name=company]", "전시회사");
  await page.check("input[name=consent_collection]");
  await page.click("[data-testid=capture-save]");
  await page.locator("[data-testid=capture-outcome]", { hasText: "Saved on this device · will sync" }).waitFor();
}

/** The call notes of a lead as the page's IndexedDB holds them. */
function localCalls(page, leadId) {
  return page.evaluate(
    ({ name, leadId }) =>
      new Promise((ok, fail) => {
        const open = indexedDB.open(name);
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction("touches").objectStore("touches").index("by_lead").getAll(leadId);
          get.onsuccess = () => {
            db.close();
            ok(get.result.filter((t) => t.kind === "call").map((t) => t.id).sort());
          };
          get.onerror = () => fail(get.error);
        };
      }),
    { name: `leadkit-${W.me.workspace.id}`, leadId },
  );
}

const serverCalls = (leadId) =>
  worker.d1("SELECT id FROM touches WHERE lead_id = ? AND kind = 'call' ORDER BY id", leadId).map((r) => r.id).sort();

/** What a device shows of a lead: its row's owner and stage. */
async function shown(page, name) {
  return {
    owner: (await row(page, name).locator(".col-owner").innerText()).trim(),
    stage: (await row(page, name).locator(".col-stage").innerText()).trim(),
  };
}

test("an offline device and an online one converge through the app's screens", async () => {
  const a = await newPage(deviceA);
  const b = await newPage(deviceB);
  for (const page of [a, b]) {
    await page.goto(`${worker.url}/leads`);
    await page.locator("[data-testid=lead-count]", { hasText: "2 leads" }).waitFor({ timeout: 30_000 });
    await status(page, "Up to date").waitFor({ timeout: 30_000 });
    await page.locator("[data-testid=online-chip]", { hasText: "Online" }).waitFor();
  }

  // A goes offline: the line says so, and nothing is attempted until it is back.
  await deviceA.context.setOffline(true);
  await a.locator("[data-testid=online-chip]", { hasText: "Offline" }).waitFor();
  await status(a, "Waiting for the network").waitFor();
  assert.equal(await a.isDisabled("[data-testid=sync-now]"), true, "no sync offline");
  await assign(a, "방문객 1", REP_A); // earlier than B's edit of the same field: loses
  await row(a, "방문객 2").locator("input[type=checkbox]").check();
  await a.selectOption("[data-testid=bulk-stage]", "nurture");
  await a.fill("[data-testid=bulk-reason]", "내년 예산 확정 후");
  await a.click("[data-testid=bulk-move]");
  await row(a, "방문객 2").locator(".col-stage", { hasText: "Nurture" }).waitFor();
  await row(a, "방문객 2").locator("input[type=checkbox]").uncheck();
  await logCall(a, "방문객 1", "A: 오프라인 통화");
  await captureVisitor(a, "박람회 방문객", "expo@visitor.kr");
  // Owner, stage, call, lead and its visit: five changes wait on A.
  await a.locator("[data-testid=pending-count]", { hasText: "5 changes waiting to sync" }).waitFor();
  await a.click("nav a[href='/leads']");

  // B, online, edits the same leads meanwhile and logs its own call.
  await assign(b, "방문객 1", REP_B); // later than A's: wins
  await assign(b, "방문객 2", REP_B); // earlier than A's next edit: loses
  await logCall(b, "방문객 1", "B: 온라인 통화");
  await eventually("B's call on the server", () => serverCalls(leadIds[1]).length === 1);

  await assign(a, "방문객 2", REP_A); // A, still offline, edits after B: wins
  await a.locator("[data-testid=pending-count]", { hasText: "6 changes waiting to sync" }).waitFor();
  assert.equal(
    JSON.parse(worker.d1("SELECT record_json FROM leads WHERE id = ?", leadIds[2])[0].record_json).owner,
    REP_B,
    "nothing of A reached the server while it was offline",
  );
  assert.equal(worker.d1("SELECT count(*) AS n FROM leads WHERE email = 'expo@visitor.kr'")[0].n, 0);

  // Back online: A syncs at once (the `online` event), and both settle on one state.
  await deviceA.context.setOffline(false);
  await a.locator("[data-testid=online-chip]", { hasText: "Online" }).waitFor();
  await a.locator("[data-testid=pending-count]").waitFor({ state: "detached", timeout: 30_000 });
  await eventually(
    "both devices showing the same leads",
    async () => {
      const [sa, sb] = [await shown(a, "방문객 1"), await shown(b, "방문객 1")];
      const [ta, tb] = [await shown(a, "방문객 2"), await shown(b, "방문객 2")];
      return (
        (await row(a, "박람회 방문객").count()) === 1 &&
        (await row(b, "박람회 방문객").count()) === 1 &&
        sa.owner === "비영업" && sb.owner === "비영업" &&
        ta.owner === "에이영업" && tb.owner === "에이영업" &&
        ta.stage === tb.stage
      );
    },
    60_000,
  );
  for (const page of [a, b]) {
    await page.locator("[data-testid=lead-count]", { hasText: "3 leads" }).waitFor({ timeout: 30_000 });
    assert.equal((await shown(page, "방문객 1")).owner, "비영업", "B's later owner of lead 1 wins on both");
    assert.equal((await shown(page, "방문객 2")).owner, "에이영업", "A's later owner of lead 2 wins on both");
    // The stage both show is the server's: A's move to nurture, then wherever the
    // workspace's rules took the lead on its next write.
    const stage = worker.d1("SELECT stage FROM leads WHERE id = ?", leadIds[2])[0].stage;
    assert.equal((await shown(page, "방문객 2")).stage.toLowerCase(), stage);
  }
  await status(a, "Up to date").waitFor({ timeout: 30_000 });
  await a.locator("[data-testid=last-synced]", { hasText: /Last synced (just now|\d+ minutes? ago)/ }).waitFor();
  assert.equal(await a.locator("[data-testid=sync-error]").count(), 0, "no error left once synced");

  // Both calls of lead 1, on the server and on both devices.
  const server = serverCalls(leadIds[1]);
  assert.equal(server.length, 2, "A's and B's calls on the server");
  await eventually("both calls on both devices", async () =>
    JSON.stringify(await localCalls(a, leadIds[1])) === JSON.stringify(server) &&
    JSON.stringify(await localCalls(b, leadIds[1])) === JSON.stringify(server),
  );
  assert.equal(
    worker.d1("SELECT count(*) AS n FROM stage_changes WHERE lead_id = ? AND to_stage = 'nurture' AND reason = 'manual'", leadIds[2])[0].n,
    1,
    "A's offline stage move is in the history once",
  );
  const [expo] = worker.d1("SELECT record_json FROM leads WHERE email = 'expo@visitor.kr'");
  assert.equal(JSON.parse(expo.record_json).entry_path, "offline_capture");
  await a.close();
  await b.close();
});

test("a rep answers a handoff offline; the server has the answer once the device is back", async () => {
  // Every capture clears the MQL bar from now on, and the signed-in member is the only
  // active rep: the next capture is handed to them.
  const current = await call("GET", "/api/engine-config");
  const config = structuredClone(current.body.config);
  mqlThreshold(config).points = 1;
  const saved = await call("PUT", "/api/engine-config", { json: { config, base_version: current.body.version } });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  await saveReps([
    rep(REP_A, "에이영업", "a@converge.kr", false),
    rep(REP_B, "비영업", "b@converge.kr", false),
    rep(REP_ME, "김수렴", EMAIL),
  ]);
  const leadId = await capture(9, "핸드오프 고객");
  const handoff = await eventually("the handoff assigned to the member", async () => {
    const queue = (await call("GET", "/api/handoff/queue?mine=true")).body;
    return queue.assigned?.find((e) => e.lead_id === leadId);
  });

  const page = await newPage(deviceA);
  await page.goto(`${worker.url}/leads`);
  await row(page, "핸드오프 고객").waitFor({ timeout: 30_000 });
  await page.click("nav a[href='/handoff']");
  const card = page.locator("[data-testid=my-lead]", { hasText: "핸드오프 고객" });
  await card.waitFor({ timeout: 20_000 });

  await deviceA.context.setOffline(true);
  await page.locator("[data-testid=online-chip]", { hasText: "Offline" }).waitFor();
  await card.locator("[data-testid=accept]").click();
  // Answered at once on this device: the card leaves the open list for the answered one.
  await card.waitFor({ state: "detached" });
  await page.locator("[data-testid=my-answered]", { hasText: "핸드오프 고객" }).waitFor();
  await page.locator("[data-testid=pending-count]", { hasText: "1 change waiting to sync" }).waitFor();
  assert.equal(worker.d1("SELECT state FROM handoffs WHERE id = ?", handoff.id)[0].state, "assigned");

  await deviceA.context.setOffline(false);
  await page.locator("[data-testid=pending-count]").waitFor({ state: "detached", timeout: 30_000 });
  await eventually("the answer on the server", () =>
    worker.d1("SELECT state FROM handoffs WHERE id = ?", handoff.id)[0].state === "accepted",
  );
  assert.equal(worker.d1("SELECT stage FROM leads WHERE id = ?", leadId)[0].stage, "sql");
  assert.equal(await page.locator("[data-testid=rejected-op]").count(), 0, "the server took it");
  await page.close();
});

test("'Sync now' pulls a lead another client just created", async () => {
  const page = await newPage(deviceB);
  await page.goto(`${worker.url}/leads`);
  await status(page, "Up to date").waitFor({ timeout: 30_000 });
  const before = await page.locator("[data-testid=lead-row]").count();
  await capture(10, "방금 들어온 리드");
  const pulled = page.waitForRequest((req) => req.url().includes("/api/leads?after="));
  await page.click("[data-testid=sync-now]");
  await pulled;
  await row(page, "방금 들어온 리드").waitFor();
  assert.equal(await page.locator("[data-testid=lead-row]").count(), before + 1);
  await page.close();
});

test("on a phone: a visitor captured offline syncs when back; the sync line in Korean", async () => {
  const page = await newPage(deviceA);
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(`${worker.url}/leads`);
  await status(page, "Up to date").waitFor({ timeout: 30_000 });
  await page.evaluate(() => navigator.serviceWorker.ready);

  await deviceA.context.setOffline(true);
  try {
    // A reload offline still says when the copy was last synced.
    await page.reload();
    await page.locator("[data-testid=online-chip]", { hasText: "Offline" }).waitFor({ timeout: 20_000 });
    await page.locator("[data-testid=last-synced]", { hasText: "Last synced" }).waitFor();
    await captureVisitor(page, "폰 방문객", "phone@visitor.kr");
    await page.locator("[data-testid=pending-count]", { hasText: "2 changes waiting to sync" }).waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 375), "no sideways scrolling");
    const button = await page.locator("[data-testid=sync-now]").boundingBox();
    assert.ok(button.height >= 44, `sync now is ${button.height}px tall`);
  } finally {
    await deviceA.context.setOffline(false);
  }
  await page.locator("[data-testid=pending-count]").waitFor({ state: "detached", timeout: 30_000 });
  await status(page, "Up to date").waitFor({ timeout: 30_000 });
  await eventually("the phone's visitor on the server", () =>
    worker.d1("SELECT count(*) AS n FROM leads WHERE email = 'phone@visitor.kr'")[0].n === 1,
  );

  await page.click("[data-testid=switch-language]");
  await page.locator("[data-testid=online-chip]", { hasText: "온라인" }).waitFor();
  await status(page, "최신 상태").waitFor();
  await page.locator("[data-testid=last-synced]", { hasText: "동기화됨" }).waitFor();
  assert.equal((await page.textContent("[data-testid=sync-now]")).trim(), "지금 동기화");
  await deviceA.context.setOffline(true);
  await page.locator("[data-testid=online-chip]", { hasText: "오프라인" }).waitFor();
  await status(page, "네트워크 대기 중").waitFor();
  await deviceA.context.setOffline(false);
  await page.click("[data-testid=switch-language]");
  await page.locator("[data-testid=online-chip]", { hasText: "Online" }).waitFor();
  await page.close();
});
