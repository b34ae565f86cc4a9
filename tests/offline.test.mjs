// The offline app against the real worker in Chromium: after one online visit the
// service worker opens the app with no network at all (the shell from its cache, the
// leads from IndexedDB); a fair visitor captured offline (on a 375 px phone too) is
// listed at once, waits in the outbox and reaches the server when the network returns;
// a capture without the collection consent stores nothing and says so beside the box;
// a new build waits until the user reloads, and then replaces the old cache whole.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startWorker, root } from "./support/worker.mjs";
import { addSession, launchBrowser } from "./support/browser.mjs";
import { postJson, signUp } from "./support/auth.mjs";
import { humanExtras } from "./support/forms.mjs";
import { eventually } from "./support/http.mjs";

let worker;
let A;
let browser;
// A copy of dist/ the update test can change as a new deployment would.
let assets;

before(async () => {
  assets = mkdtempSync(join(tmpdir(), "leadkit-dist-"));
  cpSync(join(root, "dist"), assets, { recursive: true });
  worker = await startWorker({ assets });
  A = await signUp(worker.url, { email: "booth@offline.kr", workspace_name: "오프라인" });
  const res = await postJson(worker.url, "/f/contact", {
    email: "known@visitor.kr", name: "웹 방문객", company: "방문사", ...humanExtras("contact"),
  });
  assert.equal(res.status, 201);
  browser = await launchBrowser();
  await addSession(browser.context, worker.url, A.cookie);
});

after(async () => {
  await browser?.close();
  await worker?.stop();
  if (assets) rmSync(assets, { recursive: true, force: true });
});

/** The shell caches the page's service worker has, by name. */
const shellCaches = (page) => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("leadkit-shell-")));

/** Width and height from a PNG's header. */
function pngSize(bytes) {
  assert.equal(bytes.subarray(1, 4).toString(), "PNG");
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

test("the manifest makes the app installable and the worker script is never cached stale", async () => {
  const manifest = await fetch(`${worker.url}/manifest.webmanifest`).then((r) => r.json());
  for (const key of ["id", "name", "short_name", "start_url", "scope"]) assert.ok(manifest[key], key);
  assert.equal(manifest.display, "standalone");
  const sizes = new Set();
  for (const icon of manifest.icons.filter((i) => i.type === "image/png")) {
    const res = await fetch(`${worker.url}${icon.src}`);
    assert.equal(res.status, 200, icon.src);
    const [w, h] = pngSize(Buffer.from(await res.arrayBuffer()));
    assert.equal(`${w}x${h}`, icon.sizes, icon.src);
    sizes.add(`${icon.sizes} ${icon.purpose}`);
  }
  for (const want of ["192x192 any", "512x512 any", "512x512 maskable"]) assert.ok(sizes.has(want), want);
  const sw = await fetch(`${worker.url}/sw.js`);
  assert.equal(sw.status, 200);
  assert.equal(sw.headers.get("cache-control"), "no-cache");
  const script = await sw.text();
  assert.ok(!script.includes("__BUILD_VERSION__") && !script.includes("__PRECACHE__"), "stamped by the build");
  assert.match(script, /"\/pkg\/leadkit_app_bg\.wasm"/);
});

test("reloaded with no network, the app opens from the service worker and shows the leads", async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${worker.url}/leads`);
  await page.locator("[data-testid=lead-row]", { hasText: "웹 방문객" }).waitFor({ timeout: 20_000 });
  await page.evaluate(() => navigator.serviceWorker.ready);
  assert.equal((await shellCaches(page)).length, 1);

  await browser.context.setOffline(true);
  try {
    await page.reload();
    await page.locator("[data-testid=lead-row]", { hasText: "웹 방문객" }).waitFor({ timeout: 20_000 });
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), "served by the worker");
    // Another view, straight from the address bar, offline: the same cached shell.
    await page.goto(`${worker.url}/capture`);
    await page.locator("[data-testid=capture-page]").waitFor({ timeout: 20_000 });
  } finally {
    await browser.context.setOffline(false);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test("a visitor captured offline on a phone is listed at once and reaches the server when online", async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 375, height: 740 });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${worker.url}/leads`);
  await page.locator("[data-testid=lead-row]").first().waitFor({ timeout: 20_000 });
  await page.evaluate(() => navigator.serviceWorker.ready);

  await browser.context.setOffline(true);
  try {
    await page.reload();
    await page.click("nav a[href='/capture']");
    const form = page.locator("[data-testid=capture-page]");
    await form.waitFor({ timeout: 20_000 });
    // Fits the phone: no sideways scrolling.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 375));

    // Language switch: the page follows.
    await page.click("[data-testid=switch-language]");
    await form.locator("h2", { hasText: "현장 리드 수집" }).waitFor();
    await page.click("[data-testid=switch-language]");
    await form.locator("h2", { hasText: "Capture a lead" }).waitFor();

    await page.fill("input[name=event]", "KES 2026 부스");
    await page.fill("input[name=name]", "박람회 방문객");
    await page.fill("input[name=email]", "Visitor@Expo.KR");
    await page.fill("input[name=phone]", "010-2345-6789");
    await page.fill("input[name=company]", "전시회사");
    await page.fill("input[name=title]", "팀장");
    await page.fill("textarea[name=note]", "데모 요청, 3월 도입 검토");

    // No collection consent: the box says so and nothing is stored.
    await page.click("[data-testid=capture-save]");
    await page.locator("[data-testid=error-consent_collection]", { hasText: "consent is required" }).waitFor();
    assert.equal(await page.locator("[data-testid=pending-count]").count(), 0);
    assert.equal(await page.inputValue("input[name=name]"), "박람회 방문객", "the entry stays to be fixed");

    await page.check("input[name=consent_collection]");
    await page.click("[data-testid=capture-save]");
    await page.locator("[data-testid=capture-outcome]", { hasText: "Saved on this device · will sync" }).waitFor();
    await page.locator("[data-testid=capture-count]", { hasText: "1 lead captured this session" }).waitFor();
    assert.equal(await page.inputValue("input[name=name]"), "", "cleared for the next visitor");
    assert.equal(await page.inputValue("input[name=event]"), "KES 2026 부스", "the event is kept");
    assert.equal(await page.isChecked("input[name=consent_collection]"), false);
    // The lead and the fair visit: two operations waiting.
    await page.locator("[data-testid=pending-count]", { hasText: "2 changes waiting to sync" }).waitFor();

    await page.click("nav a[href='/leads']");
    await page.locator("[data-testid=lead-row]", { hasText: "박람회 방문객" }).waitFor();
    assert.equal(worker.d1("SELECT count(*) AS n FROM leads WHERE email = 'visitor@expo.kr'")[0].n, 0, "still only here");
  } finally {
    await browser.context.setOffline(false);
  }

  // Online: the outbox drains and the server has the lead, its consents and the visit.
  await page.locator("[data-testid=pending-count]").waitFor({ state: "detached", timeout: 40_000 });
  const [row] = await eventually("the captured lead on the server", () =>
    worker.d1("SELECT id, record_json FROM leads WHERE email = 'visitor@expo.kr'"),
  );
  const lead = JSON.parse(row.record_json);
  assert.equal(lead.entry_path, "offline_capture");
  assert.equal(lead.phone, "+821023456789");
  assert.equal(lead.source, "KES 2026 부스");
  assert.deepEqual(
    lead.consents.map((c) => [c.purpose, c.granted]),
    [["personal_info_collection", true], ["marketing_messages", false]],
  );
  const touches = worker.d1("SELECT kind FROM touches WHERE lead_id = ?", row.id);
  assert.deepEqual(touches.map((t) => t.kind), ["event_attended"]);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a new build waits for the user's reload and then replaces the old shell whole", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${worker.url}/leads`);
  await page.locator("[data-testid=lead-row]").first().waitFor({ timeout: 20_000 });
  await page.evaluate(() => navigator.serviceWorker.ready);
  const [before] = await shellCaches(page);
  assert.ok(before);
  assert.equal(await page.locator("[data-testid=update-banner]").count(), 0);

  // Deploy a "new build": another version and a changed shell file.
  const swPath = join(assets, "sw.js");
  const sw = readFileSync(swPath, "utf8");
  const version = sw.match(/const VERSION = "([0-9a-f]+)"/)[1];
  writeFileSync(swPath, sw.replace(`const VERSION = "${version}"`, `const VERSION = "${version}-next"`));
  writeFileSync(join(assets, "style.css"), `${readFileSync(join(assets, "style.css"), "utf8")}\n/* next build */\n`);

  // The browser looks for a new worker on navigation; the page keeps running this build.
  await eventually("the new build served", async () => (await fetch(`${worker.url}/sw.js`).then((r) => r.text())).includes("-next"));
  await page.reload();
  await page.locator("[data-testid=update-banner]").waitFor({ timeout: 30_000 });
  assert.deepEqual((await shellCaches(page)).sort(), [before, `leadkit-shell-${version}-next`].sort());
  // Still the old build's files until the user says so.
  assert.ok(!(await page.evaluate(() => fetch("/style.css").then((r) => r.text()))).includes("next build"));

  await page.click("[data-testid=update-reload]");
  await eventually("the old cache gone", async () => {
    try {
      const names = await shellCaches(page);
      return names.length === 1 && names[0] === `leadkit-shell-${version}-next`;
    } catch {
      return false; // the page is reloading
    }
  });
  await page.locator("[data-testid=lead-row]").first().waitFor({ timeout: 20_000 });
  assert.equal(await page.locator("[data-testid=update-banner]").count(), 0);
  assert.ok((await page.evaluate(() => fetch("/style.css").then((r) => r.text()))).includes("next build"));
  await page.close();
});
