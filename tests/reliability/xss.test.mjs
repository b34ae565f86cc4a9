// Untrusted lead text stays text: script-looking payloads put into every text field of
// a lead — name, company, title, website, description, source, UTM, custom fields,
// referrer and landing page through form capture (the default contact form and a form
// with extra fields), the same through a sync push (set fields, a call's note), and a
// sales reject note — render inert in Chromium in every view that shows lead text: the
// lead table and its search, the lead detail (profile, timeline, committee, duplicates,
// score), the handoff queue, a segment's `{{company}}` template preview, the funnel and
// attribution views. No dialog opens, no payload sets `window.__xss`, no element with
// an inline handler or a `javascript:` link exists, and each payload reads as text.
// The same payloads in a CSV file imported through the app's import view (its mapping
// preview and report included) render inert too. A CSV export of leads whose fields
// start with `=`, `+`, `-`, `@`, a tab or a carriage return has every such cell
// prefixed with `'`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { startWorker } from "../support/worker.mjs";
import { mqlThreshold } from "../support/engine.mjs";
import { addSession, launchBrowser } from "../support/browser.mjs";
import { postJson, signUp } from "../support/auth.mjs";
import { humanExtras, webinarFormSeed } from "../support/forms.mjs";
import { callApi, eventually } from "../support/http.mjs";

/** Each payload tries to set `window.__xss` and open a dialog in a context of its own. */
const PAYLOADS = [
  `<script>window.__xss=1;alert(1)</script>`,
  `<img src=x onerror="window.__xss=1;alert(1)">`,
  `"><svg onload="window.__xss=1;alert(1)">`,
  `javascript:window.__xss=1;alert(1)//`,
  `{{constructor.constructor('window.__xss=1;alert(1)')()}}`,
  `</title><script>window.__xss=1;alert(1)</script>`,
  `red;}</style><style>*{background:url("javascript:alert(1)")}</style><img src=x onerror=window.__xss=1>`,
  `'-alert(1)-'";window.__xss=1;//<iframe srcdoc="<script>parent.__xss=1</script>">`,
  `<a href="javascript:window.__xss=1;alert(1)">click</a><details open ontoggle=window.__xss=1>`,
  `\u202Egnp.exe\u202C <b onmouseover=window.__xss=1>\u2066RTL\u2069</b>`,
];

/** Cells a spreadsheet would run as formulas, each on a lead of its own. */
const FORMULAS = [`=HYPERLINK("http://evil.example","x")`, `+1+1`, `-2+3`, `@SUM(A1:A2)`, `\t=1+1`, `\r=1+1`];

const REP = "00000000-0000-4000-8000-0000000000c1";
const REP_EMAIL = "xss-rep@acme-xss.kr";
const DOMAIN = "xss-acme.co.kr";

let worker;
let browser;
let session;
/** Per payload: the leads made by the webinar form, the contact form and a sync push. */
const leads = PAYLOADS.map(() => ({}));
/** The utm_campaign of the one lead sales accepted (its name: every field is the payload). */
let convertedCampaign;

const call = (method, path, options = {}) => callApi(worker.url, method, path, { cookie: session, ...options });

/** The webinar form's extra fields: every other standard target and a custom one. */
const extraFields = [
  ["title", { to: "title" }],
  ["website", { to: "website" }],
  ["source", { to: "source" }],
  ["message", { to: "description" }],
  ["budget_note", { to: "custom", key: "budget_note" }],
  ["utm_source", { to: "utm_source" }],
  ["utm_medium", { to: "utm_medium" }],
  ["utm_campaign", { to: "utm_campaign" }],
].map(([name, maps_to]) => ({
  name,
  kind: { type: name === "message" ? "textarea" : "text" },
  required: false,
  label: { ko: name, en: name },
  maps_to,
}));

async function capture(form, fields) {
  const res = await postJson(worker.url, `/f/${form}`, { ...fields, ...humanExtras(form) });
  const body = await res.json();
  assert.equal(res.status, 201, `${form}: ${JSON.stringify(body)}`);
  assert.ok(body.lead_id, `${form} stored a lead: ${JSON.stringify(body)}`);
  return body.lead_id;
}

/** A replica pushing operations as the app's outbox does. */
function replica() {
  const id = randomUUID();
  let seq = 0;
  return async (...bodies) => {
    const operations = bodies.map((body) => {
      seq += 1;
      return { id: randomUUID(), replica: id, seq, hlc: { wall_ms: Date.now() + seq, counter: 0, replica: id }, body };
    });
    const res = await call("POST", "/api/sync/push", { json: { schema_version: 1, replica: id, operations } });
    assert.equal(res.status, 200, res.text);
    for (const r of res.body.results) assert.equal(r.outcome, "applied", JSON.stringify(r));
  };
}

/** A new lead with `fields` over the minimum a sync push creates one with. */
function newLead(id, fields) {
  const now = new Date().toISOString();
  return {
    op: "set_lead_fields",
    lead_id: id,
    fields: {
      id, workspace_id: "00000000-0000-0000-0000-000000000000", entry_path: "offline_capture", stage: "lead",
      created_at: now, updated_at: now,
      consents: [{ purpose: "personal_info_collection", granted: true, text_version: "xss-1", at: now }],
      ...fields,
    },
  };
}

before(async () => {
  worker = await startWorker({ seed: webinarFormSeed("https://forms.example.invalid", extraFields) });
  ({ cookie: session } = await signUp(worker.url, { email: REP_EMAIL, name: "김보안", workspace_name: "보안 시험" }));
  // Every capture clears the MQL bar and is handed to the signed-in rep, so the
  // handoff queue shows the leads and one can be rejected with a note.
  const current = await call("GET", "/api/engine-config");
  const config = structuredClone(current.body.config);
  mqlThreshold(config).points = 1;
  const saved = await call("PUT", "/api/engine-config", { json: { config, base_version: current.body.version } });
  assert.equal(saved.status, 200, saved.text);
  const settings = (await call("GET", "/api/handoff/settings")).body.settings;
  settings.reps = [{ id: REP, name: "김보안", email: REP_EMAIL, capacity_per_day: 500, capacity_per_week: 2000, active: true }];
  settings.calendar = { ...settings.calendar, day_start_hour: 0, day_end_hour: 24, weekend_days: [], holidays: [] };
  const put = await call("PUT", "/api/handoff/settings", { json: settings });
  assert.equal(put.status, 200, put.text);

  const push = replica();
  for (const [k, p] of PAYLOADS.entries()) {
    // Same name and company by both forms: each is the other's possible duplicate, and
    // every lead at the one domain is on the others' buying committee.
    leads[k].webinar = await capture("webinar", {
      email: `w${k}@${DOMAIN}`, name: p, company: p, title: p, website: p, source: p, message: p, budget_note: p,
      utm_source: p, utm_medium: p, utm_campaign: p,
    });
    leads[k].contact = await capture("contact", {
      email: `c${k}@${DOMAIN}`, name: p, company: p, title: p, message: p,
      utm_source: p, utm_medium: p, utm_campaign: p, referrer: p, page_url: p,
    });
    const id = randomUUID();
    leads[k].sync = id;
    await push(
      newLead(id, {
        name: p, email: `s${k}@${DOMAIN}`, company_name: p, title: p, source: p, referrer: p, landing_page: p,
        utm: { source: p, medium: p, campaign: p, term: p, content: p },
        custom: { website: p, description: p, note: p },
      }),
      { op: "add_touch", touch: { id: randomUUID(), lead_id: id, kind: "call", at: new Date().toISOString(), metadata: { note: p } } },
    );
  }
  // Formula cells by both ways in: a form post (which may trim a leading tab or line
  // break) and a sync push (which keeps them).
  await capture("webinar", { email: `formula@${DOMAIN}`, name: FORMULAS[0], company: FORMULAS[1], title: FORMULAS[2], source: FORMULAS[3] });
  for (const [k, f] of FORMULAS.entries()) {
    await push(newLead(randomUUID(), {
      name: f, email: `f${k}@formula.example`, company_name: f, title: f, source: f, utm: { source: f, medium: f, campaign: f },
    }));
  }

  // A reject note per payload, on handoffs assigned to the rep.
  const assigned = await eventually("the leads assigned to the rep", async () => {
    const queue = (await call("GET", "/api/handoff/queue?mine=true")).body;
    return queue.assigned?.length > PAYLOADS.length ? queue.assigned : null;
  }, 60_000);
  for (const [k, p] of PAYLOADS.entries()) {
    const answer = await call("POST", `/api/handoffs/${assigned[k].id}/answer`, { json: { answer: "reject", reason: "bad_timing", note: p } });
    assert.equal(answer.status, 200, answer.text);
  }
  // One captured lead accepted (an SQL: a conversion), so attribution credits the
  // payload campaign its form post carried.
  const captured = new Set(leads.flatMap((l) => [l.webinar, l.contact]));
  const convert = assigned.slice(PAYLOADS.length).find((e) => captured.has(e.lead_id));
  assert.ok(convert, "a payload lead is left to accept");
  const accepted = await call("POST", `/api/handoffs/${convert.id}/answer`, { json: { answer: "accept" } });
  assert.equal(accepted.status, 200, accepted.text);
  convertedCampaign = convert.lead_name;

  browser = await launchBrowser();
  await addSession(browser.context, worker.url, session);
});

after(async () => {
  await browser?.close();
  await worker?.stop();
});

/** A page that records every dialog (dismissing it) and every page error. */
async function open(path) {
  const page = await browser.context.newPage();
  const dialogs = [];
  const errors = [];
  page.on("dialog", (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${worker.url}${path}`);
  return { page, dialogs, errors };
}

/** Nothing a payload carries ran or became an element. */
async function assertInert({ page, dialogs, errors }, where) {
  // A payload image's error event fires once its load fails: let the page settle first.
  await page.waitForLoadState("networkidle");
  const state = await page.evaluate(() => ({
    flag: window.__xss,
    handlers: [...document.querySelectorAll("*")]
      .filter((el) => [...el.attributes].some((a) => a.name.toLowerCase().startsWith("on")))
      .map((el) => el.outerHTML.slice(0, 120)),
    payloadScripts: [...document.scripts].filter((s) => /__xss|alert\(/.test(s.textContent)).length,
    // A page's own `javascript:history.back()` is no payload; one that runs a
    // payload's code is.
    jsLinks: [...document.querySelectorAll('[href^="javascript:" i], [src^="javascript:" i]')]
      .filter((el) => /__xss|alert/.test(el.getAttribute("href") ?? el.getAttribute("src"))).length,
    frames: document.querySelectorAll("iframe, object, embed").length,
    injected: document.querySelectorAll("img[onerror], svg[onload], details[ontoggle], b[onmouseover]").length,
  }));
  assert.deepEqual(dialogs, [], `${where}: no dialog opened`);
  assert.equal(state.flag, undefined, `${where}: window.__xss was never set`);
  assert.deepEqual(state.handlers, [], `${where}: no element has an inline handler`);
  assert.equal(state.payloadScripts, 0, `${where}: no payload script element`);
  assert.equal(state.jsLinks, 0, `${where}: no javascript: link`);
  assert.equal(state.frames, 0, `${where}: no frame`);
  assert.equal(state.injected, 0, `${where}: no payload element`);
  assert.deepEqual(errors, [], `${where}: no page error`);
}

/** Waits until `locator` (one element or more) shows `text`, as text. */
async function showsText(locator, text, what) {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 20_000 }).catch(() => {
    throw new Error(`${what}: ${JSON.stringify(text)} is not shown as text`);
  });
}

test("a plain form post of payloads answers with an inert error page", async () => {
  const page = await browser.context.newPage();
  const dialogs = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  // A human post (render token, consent) whose e-mail is a payload: refused, and the
  // refusal is a page of its own.
  const extras = Object.entries(humanExtras("contact")).map(([k, v]) => `<input type="hidden" name="${k}" value="${v}">`).join("");
  const inputs = PAYLOADS.map((p, k) => `<input name="p${k}" value="${p.replaceAll("&", "&amp;").replaceAll('"', "&quot;")}">`).join("");
  await page.setContent(
    `<form method="post" action="${worker.url}/f/contact">
       <input name="email" value="&lt;img src=x onerror=window.__xss=1&gt;">
       <input name="name" value="&lt;script&gt;window.__xss=1&lt;/script&gt;">${inputs}
       ${extras}<button>go</button></form>`,
  );
  await Promise.all([page.waitForNavigation(), page.click("button")]);
  assert.match(await page.content(), /<strong>email<\/strong>/, "the error page names the field");
  await assertInert({ page, dialogs, errors: [] }, "capture error page");
  await page.close();
});

test("the lead table and its search show each payload as text", async () => {
  const view = await open("/leads");
  const { page } = view;
  await page.locator("[data-testid=lead-row]").first().waitFor({ timeout: 30_000 });
  const total = worker.d1("SELECT count(*) AS n FROM leads")[0].n;
  await showsText(page.locator("[data-testid=lead-count]"), `${total} leads`, "every lead read");
  for (const p of PAYLOADS) {
    await page.locator("[data-testid=lead-search]").fill(p);
    const rows = page.locator("[data-testid=lead-row]");
    await showsText(rows.locator(".col-name"), p, "search by the payload");
    await showsText(rows.locator(".col-company"), p, "its company");
    await showsText(rows.locator(".col-title"), p, "its title");
    await showsText(rows.locator(".col-source"), p, "its source");
  }
  await assertInert(view, "lead table");
  await page.close();
});

test("the lead detail shows payloads as text in every panel", async () => {
  for (const [k, p] of PAYLOADS.entries()) {
    for (const way of ["webinar", "contact", "sync"]) {
      const view = await open(`/leads/${leads[k][way]}`);
      const { page } = view;
      const where = `lead detail (${way}, payload ${k})`;
      await showsText(page.locator("[data-testid=lead-name]"), p, `${where}: name`);
      assert.equal(await page.locator("[data-testid=lead-name]").textContent(), p, `${where}: the name exactly`);
      await showsText(page.locator(".fields dd"), p, `${where}: profile`);
      await page.locator("[data-testid=why-total]").waitFor({ timeout: 20_000 });
      // The other leads at the domain: their names on the committee.
      await showsText(page.locator("[data-testid=committee-member]"), PAYLOADS[(k + 1) % PAYLOADS.length], `${where}: committee`);
      if (way === "sync") await showsText(page.locator("[data-testid=timeline-touch]"), p, `${where}: the call's note`);
      else await showsText(page.locator("[data-testid=duplicate]"), p, `${where}: its duplicate`);
      await assertInert(view, where);
      await page.close();
    }
  }
});

test("the handoff queue shows lead names and reject notes as text", async () => {
  const view = await open("/handoff");
  const { page } = view;
  for (const p of PAYLOADS) await showsText(page.locator("[data-testid=answered-entry]"), p, "handoff: reject note");
  const assigned = (await call("GET", "/api/handoff/queue?mine=true")).body.assigned;
  assert.ok(assigned.length > 0, "some leads are still assigned to the rep");
  for (const entry of assigned.slice(0, 3)) {
    assert.ok(PAYLOADS.includes(entry.lead_name) || FORMULAS.includes(entry.lead_name), entry.lead_name);
    await showsText(page.locator("[data-testid=my-lead]"), entry.lead_name, "handoff: an assigned lead's name");
  }
  await assertInert(view, "handoff queue");
  await page.close();
});

test("a segment's {{company}} preview shows a payload company as text", async () => {
  const view = await open("/segments");
  const { page } = view;
  const by = (id) => page.locator(`[data-testid="${id}"]`);
  await by("new-segment").click();
  await by("field-filter.all[0]").selectOption("field:name");
  await by("value-filter.all[0]").fill("onerror");
  await by("template").fill("{{company}}");
  const img = PAYLOADS[1];
  await eventually("the preview", async () => {
    const options = await page.locator('[data-testid="preview-lead"] option').allTextContents();
    for (const [i, o] of options.entries()) {
      if (!o.includes(img)) continue;
      await page.locator('[data-testid="preview-lead"]').selectOption({ index: i });
      return (await by("preview").textContent()) === img;
    }
    return false;
  });
  await assertInert(view, "segment preview");
  await page.close();
});

test("the funnel's feedback and attribution's campaigns show payload sources as text", async () => {
  const funnel = await open("/funnel");
  const table = funnel.page.locator("[data-testid=feedback-table]");
  await table.waitFor({ timeout: 20_000 });
  const shown = await eventually("payload sources in the reject feedback", async () => {
    const text = await table.textContent();
    const found = PAYLOADS.filter((p) => text.includes(p));
    return found.length > 0 ? found : null;
  });
  assert.ok(shown.length > 0);
  await assertInert(funnel, "funnel");
  await funnel.page.close();

  const attribution = await open("/attribution");
  await showsText(attribution.page.locator("[data-testid=campaign-table]"), convertedCampaign, "attribution: the accepted lead's campaign");
  await assertInert(attribution, "attribution");
  await attribution.page.close();
});

/** The rows of a CSV text (RFC 4180: quoted cells may hold commas, quotes, line breaks). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

test("the CSV export prefixes every formula cell with a quote", async () => {
  const view = await open("/leads");
  const { page } = view;
  await page.locator("[data-testid=lead-row]").first().waitFor({ timeout: 30_000 });
  const total = worker.d1("SELECT count(*) AS n FROM leads")[0].n;
  await showsText(page.locator("[data-testid=lead-count]"), `${total} leads`, "every lead read");
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=export-csv]").click()]);
  const text = readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "");
  const [header, ...rows] = parseCsv(text);
  assert.equal(rows.length, total, "one row per lead");
  const risky = /^[\s\u3000]*[=+\-@\t\r＝＋－＠]/;
  const cells = rows.flat();
  for (const cell of cells) {
    if (risky.test(cell)) assert.fail(`a cell a spreadsheet would run: ${JSON.stringify(cell)}`);
  }
  const column = (name) => {
    assert.ok(header.includes(name), `a ${name} column in ${header.join()}`);
    return header.indexOf(name);
  };
  // The leads pushed by sync carry the formula in every text field.
  for (const [k, f] of FORMULAS.entries()) {
    const row = rows.find((r) => r[column("Email")] === `f${k}@formula.example`);
    assert.ok(row, `the lead of ${JSON.stringify(f)} is exported`);
    for (const name of ["Full Name", "Company Name", "Job Title", "Lead Source", "utm_source", "utm_medium", "utm_campaign"]) {
      assert.equal(row[column(name)], `'${f}`, `${name} of ${JSON.stringify(f)}`);
    }
  }
  // The one captured by the form.
  const posted = rows.find((r) => r[column("Email")] === `formula@${DOMAIN}`);
  assert.deepEqual(
    ["Full Name", "Company Name", "Job Title", "Lead Source"].map((name) => posted[column(name)]),
    FORMULAS.slice(0, 4).map((f) => `'${f}`),
  );
  // The script-looking payloads are kept as they are (they are only text).
  for (const p of PAYLOADS) assert.ok(cells.includes(p) || cells.includes(`'${p}`), `payload ${JSON.stringify(p)} exported`);
  await assertInert(view, "lead table after export");
  await page.close();
});

/** One CSV cell, quoted as RFC 4180 wants when it holds a comma, quote or line break. */
const csvCell = (text) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/**
 * A cell as the import reads it: a leading `'` before a formula trigger is the export's
 * own neutralising prefix, removed on import (shared/src/csv_io/formula.rs).
 */
const asImported = (cell) => (/^' *[=+\-@\t\r＝＋－＠]/.test(cell) ? cell.slice(1) : cell);

test("payloads imported from a CSV file through the import view render as text, report included", async () => {
  // Per payload a new lead with the payload in its text columns; then a row refused
  // for its e-mail and a duplicate of a captured lead, both named by a payload, so the
  // report lists them by name.
  const header = ["이름", "이메일", "회사", "직함", "출처", "메모"];
  // The company is a plain one of its own: a payload company too would make each row
  // the same person as the captured lead of that name (name at the same company).
  const rows = PAYLOADS.map((p, k) => [p, `i${k}@xss-import.kr`, `수입사${k}`, p, p, p]);
  rows.push([PAYLOADS[1], "not-an-email", PAYLOADS[2], "", "", ""]);
  rows.push([PAYLOADS[3], `w0@${DOMAIN}`, PAYLOADS[4], "", "", ""]);
  const csv = [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n");

  const view = await open("/leads");
  const { page } = view;
  await page.locator("[data-testid=lead-row]").first().waitFor({ timeout: 30_000 });
  await page.click("[data-testid=import-link]");
  await page.locator("[data-testid=import-file]").setInputFiles({ name: "xss.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.locator("[data-testid=import-mapping]").waitFor({ timeout: 20_000 });
  await assertInert(view, "import mapping (the file's first rows shown)");
  await page.click("[data-testid=import-start]");
  await page.locator("[data-testid=import-report]").waitFor({ timeout: 60_000 });
  const report = await page.textContent("[data-testid=import-report]");
  assert.equal((await page.textContent("[data-testid=count-imported]")).trim(), `${PAYLOADS.length} new leads`, report);
  await showsText(page.locator("[data-testid=rejected-row]"), PAYLOADS[1], "import report: the refused row by name");
  await showsText(page.locator("[data-testid=duplicate-row]"), PAYLOADS[3], "import report: the duplicate by name");
  await assertInert(view, "import report");

  // Each imported lead in the table (searched by its e-mail) and its detail page.
  await page.goto(`${worker.url}/leads`);
  for (const [k, p] of PAYLOADS.entries()) {
    await page.locator("[data-testid=lead-search]").fill(`i${k}@xss-import.kr`);
    const row = page.locator("[data-testid=lead-row]");
    await showsText(row.locator(".col-name"), asImported(p), `imported payload ${k}: name`);
    await showsText(row.locator(".col-title"), asImported(p), `imported payload ${k}: title`);
  }
  await assertInert(view, "lead table after the import");
  await page.close();
  const stored = await eventually("the imported leads on the server", () => {
    const found = worker.d1("SELECT id, name FROM leads WHERE email LIKE '%@xss-import.kr' ORDER BY email");
    return found.length === PAYLOADS.length ? found : null;
  });
  assert.deepEqual(stored.map((l) => l.name), PAYLOADS.map(asImported), "stored as the file has them");
  for (const [k, lead] of stored.entries()) {
    const detail = await open(`/leads/${lead.id}`);
    await showsText(detail.page.locator("[data-testid=lead-name]"), asImported(PAYLOADS[k]), `imported lead ${k}: detail`);
    await showsText(detail.page.locator(".fields dd"), asImported(PAYLOADS[k]), `imported lead ${k}: profile`);
    await assertInert(detail, `imported lead ${k}: detail`);
    await detail.page.close();
  }
});

test("the inertness check itself catches a payload that became an element", async () => {
  // Without this, every check above could pass by checking nothing.
  for (const html of [`<img src=x onerror="window.__xss=1">`, `<a href="javascript:window.__xss=1">x</a>`, `<b onmouseover=x>y</b>`]) {
    const page = await browser.context.newPage();
    await page.setContent(`<p>${html}</p>`);
    await assert.rejects(assertInert({ page, dialogs: [], errors: [] }, "a page made to fail"), html);
    await page.close();
  }
  const page = await browser.context.newPage();
  const dialogs = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await page.setContent(`<script>setTimeout(() => alert(1))</script>`);
  await eventually("the dialog", () => dialogs.length > 0);
  await assert.rejects(assertInert({ page, dialogs, errors: [] }, "a page that opened a dialog"));
  await page.close();
});
