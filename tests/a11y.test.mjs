// Accessibility of every view, not just the two pages Lighthouse audits: axe-core (the
// engine inside Lighthouse's accessibility score, npm) runs in Debian's Chromium on each
// route of a demo workspace — leads, a lead's detail, capture, CSV import, segments, handoff,
// funnel, attribution, ICP, scoring, forms and a form's editor, settings — on a desktop
// and on a 375 px phone, in Korean and English. A WCAG 2 A/AA rule of impact "serious"
// or "critical" failing anywhere fails the test, naming the rule, route and elements.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root, startWorker } from "./support/worker.mjs";
import { addSession, launchBrowser } from "./support/browser.mjs";
import { postJson, signUp } from "./support/auth.mjs";

const axeSource = readFileSync(join(root, "node_modules/axe-core/axe.min.js"), "utf8");

let worker;
let A;
let leadId;

before(async () => {
  worker = await startWorker();
  A = await signUp(worker.url, { email: "a11y@acme.co.kr", workspace_name: "접근성" });
  const filled = await postJson(worker.url, "/api/demo", { leads: 120 }, { cookie: A.cookie });
  assert.equal(filled.status, 201);
  [{ id: leadId }] = worker.d1("SELECT id FROM leads WHERE workspace_id = ? LIMIT 1", A.me.workspace.id);
});

after(async () => {
  await worker?.stop();
});

const routes = () => [
  ["/leads", "[data-testid=lead-row]"],
  [`/leads/${leadId}`, "h1"],
  ["/capture", "form"],
  ["/import", "input[type=file]"],
  ["/segments", "h1"],
  ["/handoff", "h1"],
  ["/funnel", "svg"],
  ["/attribution", "h1"],
  ["/icp", "h1"],
  ["/scoring", "svg"],
  ["/forms", "h1"],
  ["/forms/contact", "form, h1"],
  ["/settings", "h1"],
];

/** Runs axe on the page; returns the serious/critical WCAG A/AA violations. */
async function violations(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

async function sweep({ viewport, locale }) {
  const browser = await launchBrowser({ locale });
  const found = [];
  try {
    await addSession(browser.context, worker.url, A.cookie);
    const page = await browser.context.newPage();
    if (viewport) await page.setViewportSize(viewport);
    await page.goto(`${worker.url}/leads`);
    await page.locator("[data-testid=lead-row]").first().waitFor({ timeout: 60_000 });
    let checked = 0;
    for (const [route, ready] of routes()) {
      await page.goto(`${worker.url}${route}`);
      await page.locator(ready).first().waitFor({ timeout: 30_000 });
      // The view's data is local: give its effects a moment to render the rows and charts.
      await page.waitForLoadState("networkidle");
      for (const v of await violations(page)) found.push(`${route}: ${v}`);
      checked++;
    }
    assert.equal(checked, routes().length);
  } finally {
    await browser.close();
  }
  return found;
}

test("no serious or critical WCAG violation on any view, desktop, English", async () => {
  const found = await sweep({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
  assert.deepEqual(found, []);
});

test("no serious or critical WCAG violation on any view, 375 px phone, Korean", async () => {
  const found = await sweep({ viewport: { width: 375, height: 740 }, locale: "ko-KR" });
  assert.deepEqual(found, []);
});
