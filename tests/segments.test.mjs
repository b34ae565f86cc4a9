// Segments against the real worker and in Chromium. Over HTTP: a segment is saved only
// if the shared rules accept it (a 422 names the path at fault, e.g.
// `filter.all[1].any[0].value`), marketing and admins change segments while sales only
// reads them, and another workspace never sees them. In the app (demo data): a nested
// AND/OR segment is built and its count follows each edit, it is saved and is there
// after a reload, it opens in the lead table; the template preview shows a lead's first
// name and company, and a company that looks like HTML stays text; leads are added to a
// new segment by hand from the lead table; the flow fits a 375 px phone and switches
// language.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startWorker } from "./support/worker.mjs";
import { addSession, launchBrowser } from "./support/browser.mjs";
import { postJson, signUp } from "./support/auth.mjs";
import { callApi } from "./support/http.mjs";
import { humanExtras } from "./support/forms.mjs";

let worker;
let A;
let B;
let browser;

const XSS_COMPANY = `<img src=x onerror="window.__xss=1">`;

const api = (method, path, options) => callApi(worker.url, method, path, options);

/** A segment of one stage condition called `name`. */
const stageSegment = (name, stage = "mql") => ({ name, filter: { condition: { kind: "stage", stages: [stage] } } });

before(async () => {
  worker = await startWorker();
  // The first account claims the seeded workspace and its public contact form.
  A = await signUp(worker.url, { email: "ops@hanbit.co.kr", name: "박운영", workspace_name: "한빛" });
  B = await signUp(worker.url, { email: "other@bravo.kr", workspace_name: "브라보" });
  // Demo leads (with touches, scores and stages) fill A's empty workspace.
  const demo = await postJson(worker.url, "/api/demo", { leads: 150 }, { cookie: A.cookie });
  if (demo.status !== 201) throw new Error(`demo: ${demo.status} ${await demo.text()}`);
});

after(async () => {
  await browser?.close();
  await worker?.stop();
});

test("a segment is saved only if the rules accept it, naming the path at fault", async () => {
  const id = "5e9a0000-0000-4000-8000-000000000001";
  const bad = {
    name: "수도권 리더",
    filter: {
      all: [
        { condition: { kind: "stage", stages: ["mql"] } },
        { any: [{ condition: { kind: "field", field: { field: "title" }, operator: { op: "contains", text: "  " } } }] },
      ],
    },
  };
  const refused = await api("PUT", `/api/segments/${id}`, { cookie: A.cookie, json: bad });
  assert.equal(refused.status, 422, refused.text);
  assert.equal(refused.body.fields[0].field, "filter.all[1].any[0].value");
  const cases = [
    [{ ...stageSegment("  ") }, "name"],
    [{ ...stageSegment("템플릿"), template: "{{firstname}}님" }, "template"],
    [{ name: "페르소나", filter: { condition: { kind: "persona", personas: ["없는 페르소나"] } } }, "filter.values"],
    [{ name: "빈 그룹", filter: { any: [] } }, "filter"],
    [{ name: "점수", filter: { condition: { kind: "score", score: "total", min: 90, max: 10 } } }, "filter.min"],
  ];
  for (const [segment, path] of cases) {
    const answer = await api("PUT", `/api/segments/${id}`, { cookie: A.cookie, json: segment });
    assert.equal(answer.status, 422, `${path}: ${answer.text}`);
    assert.equal(answer.body.fields[0].field, path, answer.text);
  }
  const notJson = await api("PUT", `/api/segments/${id}`, { cookie: A.cookie, json: { name: "x", filter: { maybe: [] } } });
  assert.ok(notJson.status >= 400 && notJson.status < 500, notJson.text);
  assert.equal(worker.d1("SELECT count(*) AS n FROM segments")[0].n, 0, "refusals wrote nothing");

  const good = { ...bad, filter: { all: [bad.filter.all[0], { any: [{ condition: { kind: "tier", tiers: ["A"] } }] }] }, template: "{{first_name|고객}}님" };
  const saved = await api("PUT", `/api/segments/${id}`, { cookie: A.cookie, json: good });
  assert.equal(saved.status, 200, saved.text);
  assert.deepEqual(saved.body.segment, good);
  const list = await api("GET", "/api/segments", { cookie: A.cookie });
  assert.deepEqual(list.body.segments.map((s) => s.id), [id]);
  assert.equal((await api("DELETE", `/api/segments/${id}`, { cookie: A.cookie })).status, 204);
  assert.equal((await api("DELETE", `/api/segments/${id}`, { cookie: A.cookie })).status, 404);
  assert.equal((await api("DELETE", "/api/segments/not-a-uuid", { cookie: A.cookie })).status, 404);
});

test("marketing and admins change segments; sales reads them; other workspaces see nothing", async () => {
  const id = "5e9a0000-0000-4000-8000-000000000002";
  assert.equal((await api("PUT", `/api/segments/${id}`, { cookie: A.cookie, json: stageSegment("팀 공유") })).status, 200);
  const token = async (role) => {
    const res = await api("POST", "/api/tokens", { cookie: A.cookie, json: { name: role, role } });
    assert.equal(res.status, 201, res.text);
    return res.body.secret;
  };
  const sales = await token("sales");
  const marketing = await token("marketing");
  const read = await api("GET", "/api/segments", { bearer: sales });
  assert.equal(read.status, 200);
  assert.equal(read.body.segments[0].segment.name, "팀 공유");
  const refused = await api("PUT", `/api/segments/${id}`, { bearer: sales, json: stageSegment("영업이 바꿈") });
  assert.equal(refused.status, 403, refused.text);
  assert.equal((await api("DELETE", `/api/segments/${id}`, { bearer: sales })).status, 403);
  const changed = await api("PUT", `/api/segments/${id}`, { bearer: marketing, json: stageSegment("마케팅이 바꿈", "sql") });
  assert.equal(changed.status, 200, changed.text);
  // B sees none of A's, and saving under A's id makes B's own segment.
  const other = await api("GET", "/api/segments", { cookie: B.cookie });
  assert.deepEqual(other.body.segments, []);
  assert.equal((await api("PUT", `/api/segments/${id}`, { cookie: B.cookie, json: stageSegment("B의 것") })).status, 200);
  const again = await api("GET", "/api/segments", { cookie: A.cookie });
  assert.equal(again.body.segments.find((s) => s.id === id).segment.name, "마케팅이 바꿈");
  assert.equal((await api("DELETE", `/api/segments/${id}`, { cookie: B.cookie })).status, 204);
  assert.equal((await api("GET", "/api/segments", { cookie: A.cookie })).body.segments.length, 1, "B's delete left A's");
  assert.equal((await api("DELETE", `/api/segments/${id}`, { cookie: A.cookie })).status, 204);
  assert.equal((await api("GET", "/api/segments", {})).status, 401);
});

// ---- In the browser ----------------------------------------------------------------

const by = (page, id) => page.locator(`[data-testid="${id}"]`).first();

/** Waits until the element's text satisfies `ok`; fails saying what it saw. */
async function waitText(page, id, ok, what) {
  const deadline = Date.now() + 20_000;
  let seen;
  for (;;) {
    seen = await page.evaluate((i) => document.querySelector(`[data-testid="${i}"]`)?.textContent ?? null, id);
    if (seen !== null && ok(seen)) return seen;
    if (Date.now() > deadline) throw new Error(`${id}: ${what}; saw ${JSON.stringify(seen)}`);
    await page.waitForTimeout(100);
  }
}

/** The count the editor shows, as a number ("123 leads match"). */
const countIn = (text) => Number(text.replace(/[^0-9]/g, ""));

/** How many of A's leads have `where` (D1 holds the same stage and scores the app pulled). */
function d1Count(where) {
  return worker.d1(`SELECT count(*) AS n FROM leads WHERE workspace_id = ? AND ${where}`, A.me.workspace.id)[0].n;
}

async function openSegments(context) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${worker.url}/segments`);
  await by(page, "new-segment").waitFor();
  return { page, errors };
}

/** Waits until the local leads are pulled (the lead count on /leads is final). */
async function waitForLeads(context) {
  const page = await context.newPage();
  await page.goto(`${worker.url}/leads`);
  const total = d1Count("1");
  await waitText(page, "lead-count", (t) => t.includes(String(total)), `all ${total} leads pulled`);
  await page.close();
}

test("build a nested AND/OR segment, see the count follow, save, reload, open in leads", async () => {
  browser = await launchBrowser();
  await addSession(browser.context, worker.url, A.cookie);
  await waitForLeads(browser.context);
  const { page, errors } = await openSegments(browser.context);
  await by(page, "new-segment").click();
  // The new segment: all[stage is MQL].
  const mql = d1Count("stage = 'mql'");
  await waitText(page, "segment-count", (t) => countIn(t) === mql, `${mql} MQLs`);
  // all[score ≥ 40, any[stage MQL, stage SQL]]
  await by(page, "field-filter.all[0]").selectOption("score");
  await by(page, "value-filter.all[0]").fill("40");
  const scored = d1Count("total >= 40");
  await waitText(page, "segment-count", (t) => countIn(t) === scored, `${scored} leads of 40+`);
  await by(page, "add-group-filter").click();
  await by(page, "add-condition-filter.all[1]").click();
  // A new title condition is blank: the rules say so beside it, and nothing is counted.
  await waitText(page, "error-filter.all[1].any[1]", (t) => t.length > 0, "a problem beside the blank value");
  await waitText(page, "segment-count", (t) => !/[0-9]/.test(t), "no count while the filter is broken");
  await by(page, "field-filter.all[1].any[1]").selectOption("stage");
  await by(page, "value-filter.all[1].any[1]").selectOption("sql");
  const nested = d1Count("total >= 40 AND stage IN ('mql', 'sql')");
  await waitText(page, "segment-count", (t) => countIn(t) === nested, `${nested} MQL/SQL leads of 40+`);
  assert.notEqual(nested, scored, "the OR group narrowed the count");
  // Switching the inner group to AND: MQL and SQL at once is nobody.
  await by(page, "group-kind-filter.all[1]").selectOption("all");
  await waitText(page, "segment-count", (t) => countIn(t) === 0, "nobody is MQL and SQL");
  await by(page, "group-kind-filter.all[1]").selectOption("any");
  await waitText(page, "segment-count", (t) => countIn(t) === nested, "back to the OR count");

  await by(page, "segment-name").fill("40점 이상 MQL·SQL");
  await by(page, "token-first_name").click();
  await by(page, "template").press("End");
  await by(page, "template").type("님, ");
  await by(page, "token-company").click();
  const option = await page.locator('[data-testid="preview-lead"] option:checked').textContent();
  const [name, company] = option.split(" · ");
  const preview = await waitText(page, "preview", (t) => t.includes(company), "the preview names the company");
  const first = name.includes(" ") ? name.split(" ")[0] : name.slice(1);
  assert.ok(preview.startsWith(`${first}님, `), `${preview} starts with ${first}`);

  await by(page, "save-segment").click();
  await waitText(page, "save-outcome", (t) => t === "Saved.", "saved");
  const [row] = worker.d1("SELECT segment_json FROM segments WHERE workspace_id = ?", A.me.workspace.id);
  assert.equal(JSON.parse(row.segment_json).template, "{{first_name}}님, {{company}}");

  await page.reload();
  await waitText(page, "segment-list", (t) => t.includes("40점 이상 MQL·SQL"), "the saved segment after a reload");
  await waitText(page, "segment-members", (t) => countIn(t) === nested, "its member count");
  await by(page, "open-in-leads").click();
  await waitText(page, "lead-count", (t) => t.startsWith(`${nested} of `), `${nested} leads in the table`);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the preview renders a lead's company as text, even when it looks like HTML", async () => {
  // The XSS-looking lead is captured after the demo (which fills only empty workspaces).
  const res = await postJson(worker.url, "/f/contact", {
    email: "hong@xss.kr",
    name: "홍길동",
    company: XSS_COMPANY,
    ...humanExtras(),
  });
  assert.ok([200, 201].includes(res.status), await res.text());
  const { page, errors } = await openSegments(browser.context);
  await by(page, "new-segment").click();
  await by(page, "field-filter.all[0]").selectOption("field:name");
  await by(page, "value-filter.all[0]").fill("홍길동");
  await waitText(page, "segment-count", (t) => countIn(t) === 1, "the one lead called 홍길동");
  await by(page, "template").fill("{{first_name|고객}}님{{을/를}} {{company}}에서 초대합니다");
  const preview = await waitText(page, "preview", (t) => t.startsWith("길동님을 "), "the rendered message");
  assert.equal(preview, `길동님을 ${XSS_COMPANY}에서 초대합니다`);
  assert.equal(await page.locator('[data-testid="preview"] img').count(), 0, "no element was made from the company");
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  // An unknown token is named where it is.
  await by(page, "template").fill("{{firstname}}님");
  await waitText(page, "error-template", (t) => t.includes("character 1"), "the unknown token's position");
  assert.deepEqual(errors, []);
  await page.close();
});

test("leads picked in the table go into a new segment by hand", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${worker.url}/leads`);
  await by(page, "lead-row").waitFor();
  const boxes = page.locator('[data-testid="lead-row"] input[type="checkbox"]');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await by(page, "bulk-segment").selectOption("new");
  await by(page, "bulk-segment-name").fill("직접 고른 리드");
  await by(page, "bulk-add-segment").click();
  await waitText(page, "segment-report", (t) => t.includes("2"), "two leads added");
  const rows = worker.d1("SELECT segment_json FROM segments WHERE name = ?", "직접 고른 리드");
  assert.equal(JSON.parse(rows[0].segment_json).filter.condition.ids.length, 2);
  await page.goto(`${worker.url}/segments`);
  await waitText(page, "segment-list", (t) => t.includes("직접 고른 리드") && t.includes("2 leads"), "the manual segment with 2 leads");
  await page.close();
});

test("on a 375 px phone the editor fits, and the view switches language", async () => {
  const phone = await browser.context.newPage();
  await phone.setViewportSize({ width: 375, height: 740 });
  await phone.goto(`${worker.url}/segments`);
  await by(phone, "new-segment").click();
  await by(phone, "add-group-filter").click();
  await by(phone, "add-group-filter.all[1]").click();
  await by(phone, "segment-count").waitFor();
  const overflow = await phone.evaluate(() => document.scrollingElement.scrollWidth);
  assert.ok(overflow <= 375, `the page is ${overflow}px wide`);
  const head = phone.locator("#segments-title");
  assert.equal(await head.textContent(), "Segments");
  await by(phone, "switch-language").click();
  assert.equal(await head.textContent(), "세그먼트");
  await waitText(phone, "segment-count", (t) => t.includes("리드"), "the count in Korean");
  assert.equal(await phone.getByRole("button", { name: "+ 조건" }).count() > 0, true);
  await by(phone, "switch-language").click();
  assert.equal(await head.textContent(), "Segments");
  await phone.close();
});
