// Two devices of one workspace converge: in Chromium, context A goes offline and edits
// leads (owners and a stage through the lead table, a logged call and a new lead through
// the outbox), context B edits the same leads online in between, then A comes back.
// Both end showing the same leads, each field holding its later edit (whichever device
// made it and whenever it arrived), every touch of both present, the new lead on both,
// and A's offline stage move in the history once.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { startWorker } from "./support/worker.mjs";
import { addSession, launchBrowser } from "./support/browser.mjs";
import { postJson, signUp } from "./support/auth.mjs";
import { humanExtras } from "./support/forms.mjs";

let worker;
let W;
let deviceA;
let deviceB;
const REP_A = "00000000-0000-4000-8000-0000000000aa";
const REP_B = "00000000-0000-4000-8000-0000000000bb";
const leadIds = {};

before(async () => {
  worker = await startWorker();
  W = await signUp(worker.url, { email: "team@converge.kr", workspace_name: "수렴" });
  for (const n of [1, 2]) {
    const res = await postJson(worker.url, "/f/contact", {
      email: `fair${n}@visitor.kr`, name: `방문객 ${n}`, company: "방문사", ...humanExtras("contact"),
    });
    assert.equal(res.status, 201);
    leadIds[n] = (await res.json()).lead_id;
  }
  const settings = await fetch(`${worker.url}/api/handoff/settings`, { headers: { cookie: W.cookie } }).then((r) => r.json());
  settings.settings.reps = [
    { id: REP_A, name: "에이영업", email: "a@converge.kr", capacity_per_day: 5, capacity_per_week: 20, active: true },
    { id: REP_B, name: "비영업", email: "b@converge.kr", capacity_per_day: 5, capacity_per_week: 20, active: true },
  ];
  const put = await fetch(`${worker.url}/api/handoff/settings`, {
    method: "PUT", headers: { cookie: W.cookie, "content-type": "application/json" }, body: JSON.stringify(settings.settings),
  });
  assert.equal(put.status, 200);
  deviceA = await launchBrowser();
  deviceB = await launchBrowser();
  await addSession(deviceA.context, worker.url, W.cookie);
  await addSession(deviceB.context, worker.url, W.cookie);
});

after(async () => {
  await deviceA?.close();
  await deviceB?.close();
  await worker?.stop();
});

const row = (page, name) => page.locator("[data-testid=lead-row]", { hasText: name });

/** Sets the owner of the lead called `name` through the table's bulk action. */
async function assign(page, name, rep) {
  await row(page, name).locator("input[type=checkbox]").check();
  await page.locator(`[data-testid=bulk-owner] option[value="${rep}"]`).waitFor({ state: "attached" });
  await page.selectOption("[data-testid=bulk-owner]", rep);
  await page.click("[data-testid=bulk-assign]");
  await row(page, name).locator(".col-owner", { hasText: rep === REP_A ? "에이영업" : "비영업" }).waitFor();
  await row(page, name).locator("input[type=checkbox]").uncheck();
}

/**
 * Queues `body` in the page's outbox the way the app's change path does (IndexedDB, one
 * transaction: the operation with the replica's next sequence and a later clock), for
 * the changes the app has no screen for yet (logging a call, entering a lead).
 */
function queue(page, workspaceId, body) {
  return page.evaluate(
    ({ name, body, opId }) =>
      new Promise((ok, fail) => {
        const open = indexedDB.open(name);
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(["outbox", "meta"], "readwrite");
          const meta = tx.objectStore("meta");
          const get = meta.get("replica");
          get.onsuccess = () => {
            const state = JSON.parse(get.result);
            const last = state.clock.last;
            const wall = Math.max(Date.now(), last.wall_ms + 1);
            const hlc = { wall_ms: wall, counter: 0, replica: state.replica };
            const op = { id: opId, replica: state.replica, seq: state.next_seq, hlc, body };
            state.clock.last = hlc;
            state.next_seq += 1;
            tx.objectStore("outbox").put(op);
            meta.put(JSON.stringify(state), "replica");
          };
          tx.oncomplete = () => {
            db.close();
            ok();
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
    { name: `leadkit-${workspaceId}`, body, opId: randomUUID() },
  );
}

/** The touch ids of a lead as the page's IndexedDB holds them. */
function localTouches(page, workspaceId, leadId) {
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
            ok(get.result.map((t) => t.id).sort());
          };
          get.onerror = () => fail(get.error);
        };
      }),
    { name: `leadkit-${workspaceId}`, leadId },
  );
}

const call = (leadId) => ({
  op: "add_touch",
  touch: { id: randomUUID(), lead_id: leadId, kind: "call", at: new Date().toISOString(), metadata: { outcome: "connected" } },
});

const stageOf = (id) => worker.d1("SELECT stage FROM leads WHERE id = ?", id)[0].stage;

/** What a device shows of a lead: its row's owner and stage. */
async function shown(page, name) {
  return {
    owner: (await row(page, name).locator(".col-owner").innerText()).trim(),
    stage: (await row(page, name).locator(".col-stage").innerText()).trim(),
  };
}

test("an offline device and an online one converge, later edits winning, every touch kept", async () => {
  const ws = W.me.workspace.id;
  const a = await deviceA.context.newPage();
  const b = await deviceB.context.newPage();
  for (const page of [a, b]) {
    await page.goto(`${worker.url}/leads`);
    await page.locator("[data-testid=lead-count]", { hasText: "2 leads" }).waitFor({ timeout: 30_000 });
    await page.locator("[data-testid=sync-status]", { hasText: "Up to date" }).waitFor({ timeout: 30_000 });
  }

  // A goes offline (its page stays open: the app shell is not cached for offline yet).
  await deviceA.context.setOffline(true);
  await assign(a, "방문객 1", REP_A); // earlier than B's edit of the same field: loses
  await row(a, "방문객 2").locator("input[type=checkbox]").check();
  await a.selectOption("[data-testid=bulk-stage]", "nurture");
  await a.fill("[data-testid=bulk-reason]", "내년 예산 확정 후");
  await a.click("[data-testid=bulk-move]");
  await row(a, "방문객 2").locator(".col-stage", { hasText: "Nurture" }).waitFor();
  await row(a, "방문객 2").locator("input[type=checkbox]").uncheck();
  const callA = call(leadIds[1]);
  await queue(a, ws, callA);
  const newId = randomUUID();
  const now = new Date().toISOString();
  await queue(a, ws, {
    op: "set_lead_fields",
    lead_id: newId,
    fields: {
      id: newId, workspace_id: "00000000-0000-0000-0000-000000000000", name: "박람회 방문객", email: "expo@visitor.kr", company_name: "전시회사",
      entry_path: "offline_capture", stage: "lead", created_at: now, updated_at: now,
      consents: [{ purpose: "personal_info_collection", granted: true, text_version: "fair-2026", at: now }],
    },
  });

  // B, online, edits the same leads meanwhile.
  await assign(b, "방문객 1", REP_B); // later than A's: wins
  await assign(b, "방문객 2", REP_B); // earlier than A's next edit: loses
  const callB = call(leadIds[1]);
  await queue(b, ws, callB);
  const pushedB = () => worker.d1("SELECT count(*) AS n FROM touches WHERE id = ?", callB.touch.id)[0].n === 1;
  for (let i = 0; i < 150 && !pushedB(); i++) await b.waitForTimeout(200);
  assert.ok(pushedB(), "B's call reached the server");

  await assign(a, "방문객 2", REP_A); // A, still offline, edits after B: wins
  assert.equal(
    JSON.parse(worker.d1("SELECT record_json FROM leads WHERE id = ?", leadIds[2])[0].record_json).owner,
    REP_B,
    "nothing of A reached the server while it was offline",
  );

  await deviceA.context.setOffline(false);
  const settled = async () => {
    const [sa, sb] = [await shown(a, "방문객 1"), await shown(b, "방문객 1")];
    const [ta, tb] = [await shown(a, "방문객 2"), await shown(b, "방문객 2")];
    return (
      (await row(a, "박람회 방문객").count()) === 1 &&
      (await row(b, "박람회 방문객").count()) === 1 &&
      sa.owner === "비영업" && sb.owner === "비영업" &&
      ta.owner === "에이영업" && tb.owner === "에이영업" &&
      ta.stage === tb.stage && (await row(a, "박람회 방문객").count()) === 1
    );
  };
  for (let i = 0; i < 200 && !(await settled()); i++) await a.waitForTimeout(250);

  for (const page of [a, b]) {
    await page.locator("[data-testid=lead-count]", { hasText: "3 leads" }).waitFor({ timeout: 30_000 });
    assert.deepEqual(await shown(page, "방문객 1"), await shown(a, "방문객 1"));
    assert.equal((await shown(page, "방문객 1")).owner, "비영업", "B's later owner of lead 1 wins on both");
    assert.equal((await shown(page, "방문객 2")).owner, "에이영업", "A's later owner of lead 2 wins on both");
    // The stage both show is the server's: A's move to nurture, then wherever the
    // workspace's rules took the lead on its next write.
    assert.equal((await shown(page, "방문객 2")).stage.toLowerCase(), stageOf(leadIds[2]));
    assert.equal(await row(page, "박람회 방문객").count(), 1, "the lead A entered offline is on both");
  }
  // Both calls on lead 1, on both devices and on the server, and the same set everywhere.
  const server = worker.d1("SELECT id FROM touches WHERE lead_id = ? ORDER BY id", leadIds[1]).map((r) => r.id).sort();
  assert.ok(server.includes(callA.touch.id) && server.includes(callB.touch.id), "both calls on the server");
  for (let i = 0; i < 100; i++) {
    const [ta, tb] = [await localTouches(a, ws, leadIds[1]), await localTouches(b, ws, leadIds[1])];
    if (JSON.stringify(ta) === JSON.stringify(server) && JSON.stringify(tb) === JSON.stringify(server)) break;
    await a.waitForTimeout(250);
  }
  assert.deepEqual(await localTouches(a, ws, leadIds[1]), server);
  assert.deepEqual(await localTouches(b, ws, leadIds[1]), server);
  assert.equal(
    worker.d1("SELECT count(*) AS n FROM stage_changes WHERE lead_id = ? AND to_stage = 'nurture' AND reason = 'manual'", leadIds[2])[0].n,
    1,
    "A's offline stage move is in the history once",
  );
  const record = JSON.parse(worker.d1("SELECT record_json FROM leads WHERE id = ?", leadIds[1])[0].record_json);
  assert.equal(record.owner, REP_B);
  await a.close();
  await b.close();
});
