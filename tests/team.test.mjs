// The team in Chromium against the real worker: an admin invites from the settings
// page and reads the link once; the invitee opens it signed out, makes an account and
// lands in the workspace with its leads; roles change from the member list and the last
// admin's demotion is refused beside the control; a revoked link says so; a member of
// two workspaces switches between them and sees each one's leads only; a colleague set
// as decision maker and champion on the lead detail survives a reload and reaches the
// server; the invite/accept flow at a 375×740 phone viewport; the language switch.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startWorker } from "./support/worker.mjs";
import { addSession, launchBrowser } from "./support/browser.mjs";
import { postJson, sessionCookie, signUp } from "./support/auth.mjs";
import { humanExtras } from "./support/forms.mjs";
import { callApi, eventually } from "./support/http.mjs";

const ADMIN = { email: "admin@acme.kr", password: "에이크미 관리자 비번 1", name: "김관리" };
const BRAVO = { email: "admin@bravo.kr", password: "bravo passphrase 2", name: "Bravo Kim" };

let worker;
let admin; // the admin's browser
const ids = {};
const pageErrors = [];

const call = (cookie, method, path, options = {}) => callApi(worker.url, method, path, { cookie, ...options });

async function capture(formId, name, email, company) {
  const res = await postJson(worker.url, `/f/${formId}`, { email, name, company, ...humanExtras(formId) });
  const body = await res.json();
  assert.equal(res.status, 201, JSON.stringify(body));
  return body.lead_id;
}

async function newPage(context = admin.context) {
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  return page;
}

/** A fresh session of `who`, so the browser's and the test's cookies end independently. */
async function login(who) {
  const res = await postJson(worker.url, "/api/auth/login", { email: who.email, password: who.password });
  assert.equal(res.status, 200);
  return sessionCookie(res);
}

/** Invites `email` with `role` from the settings page; returns the accept link shown. */
async function inviteInUi(page, email, role) {
  await page.goto(`${worker.url}/settings#members`);
  const form = page.locator("[data-testid=invite-form]");
  await form.waitFor({ timeout: 20_000 });
  await form.locator("input[name=invite-email]").fill(email);
  await form.locator("select[name=invite-role]").selectOption(role);
  await page.click("[data-testid=send-invite]");
  const link = page.locator("[data-testid=invite-link-value]");
  await link.waitFor({ timeout: 15_000 });
  return (await link.textContent()).trim();
}

before(async () => {
  worker = await startWorker();
  ({ cookie: ADMIN.cookie, me: ADMIN.me } = await signUp(worker.url, { ...ADMIN, workspace_name: "에이크미" }));
  ({ cookie: BRAVO.cookie, me: BRAVO.me } = await signUp(worker.url, { ...BRAVO, workspace_name: "Bravo" }));
  ids.minsu = await capture("contact", "김민수", "minsu@acme.co.kr", "에이크미");
  ids.boss = await capture("contact", "박대표", "ceo@acme.co.kr", "에이크미");
  // Bravo's own form and lead, so its workspace has something to show.
  const contact = (await call(ADMIN.cookie, "GET", "/api/forms/contact")).body;
  const made = await call(BRAVO.cookie, "PUT", "/api/forms/bravo", { json: { ...contact, id: "bravo", name: "Bravo" } });
  assert.equal(made.status, 200, made.text);
  ids.bravo = await capture("bravo", "브라보 고객", "buyer@bravo-client.com", "Bravo Client");

  admin = await launchBrowser();
  await addSession(admin.context, worker.url, await login(ADMIN));
  await admin.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: worker.url });
});

after(async () => {
  await admin?.close();
  await worker?.stop();
});

test("an admin invites in the UI; the invitee opens the link signed out, makes an account and lands in the workspace", async () => {
  const page = await newPage();
  const link = await inviteInUi(page, "lee@acme.kr", "marketing");
  assert.match(link, new RegExp(`^${worker.url}/\\?invite=lk_inv_`));
  assert.match(await page.textContent("[data-testid=invite-link]"), /shown only this once/);
  await page.locator("[data-testid=invitation-row][data-email='lee@acme.kr']").waitFor();
  // The link is shown once: a reload lists the invitation, never its link.
  await page.reload();
  await page.locator("[data-testid=invitation-row][data-email='lee@acme.kr']").waitFor({ timeout: 20_000 });
  assert.equal(await page.locator("[data-testid=invite-link]").count(), 0);
  await page.close();

  const invitee = await launchBrowser();
  try {
    const tab = await newPage(invitee.context);
    await tab.goto(link);
    await tab.locator("[data-testid=accept-invitation]").waitFor({ timeout: 20_000 });
    // The password policy's complaint comes back beside the field.
    await tab.fill("input[name=name]", "이서연");
    await tab.fill("input[name=password]", "short");
    await tab.click("[data-testid=accept-invite]");
    await tab.locator("[data-testid=error-password]", { hasText: "At least 10 characters." }).waitFor();
    await tab.fill("input[name=password]", "lee passphrase 9");
    await tab.click("[data-testid=accept-invite]");
    // Signed in to the invited workspace, with its leads.
    await tab.locator("[data-testid=lead-row]", { hasText: "김민수" }).waitFor({ timeout: 30_000 });
    assert.match(await tab.textContent("[data-testid=who]"), /lee@acme\.kr · 에이크미/);
    assert.ok(!tab.url().includes("invite="), `the token stays in the address: ${tab.url()}`);
    // Used once, the link now says so (the worker tells when it is tried), with the way
    // to sign in.
    await tab.goto(link);
    await tab.locator("[data-testid=invite-form]").waitFor({ timeout: 20_000 });
    await tab.fill("input[name=name]", "이서연");
    await tab.fill("input[name=password]", "lee passphrase 9");
    await tab.click("[data-testid=accept-invite]");
    await tab.locator("[data-testid=invite-problem]", { hasText: "already used" }).waitFor({ timeout: 20_000 });
    await tab.click("[data-testid=invite-sign-in]");
    await tab.locator("[data-testid=lead-row]", { hasText: "김민수" }).waitFor({ timeout: 20_000 });
    assert.ok(!tab.url().includes("invite="));
  } finally {
    await invitee.close();
  }
  const members = (await call(ADMIN.cookie, "GET", "/api/members")).body.members;
  const lee = members.find((m) => m.email === "lee@acme.kr");
  assert.deepEqual([lee.name, lee.role], ["이서연", "marketing"]);
});

test("the admin changes a member's role and back; demoting the only admin is refused beside the control", async () => {
  const page = await newPage();
  await page.goto(`${worker.url}/settings#members`);
  const lee = page.locator("[data-testid=member-row][data-email='lee@acme.kr']");
  await lee.waitFor({ timeout: 20_000 });
  const roleOf = async (email) =>
    (await call(ADMIN.cookie, "GET", "/api/members")).body.members.find((m) => m.email === email).role;
  for (const role of ["sales", "marketing"]) {
    await lee.locator("[data-testid=member-role]").selectOption(role);
    await lee.locator("[data-testid=member-role-outcome]", { hasText: "Role changed" }).waitFor();
    assert.equal(await roleOf("lee@acme.kr"), role);
  }
  const me = page.locator(`[data-testid=member-row][data-email='${ADMIN.email}']`);
  await me.locator("[data-testid=member-role]").selectOption("sales");
  await me
    .locator("[data-testid=member-role-outcome]", { hasText: "A workspace needs at least one admin" })
    .waitFor();
  assert.equal(await me.locator("[data-testid=member-role]").inputValue(), "admin");
  assert.equal(await roleOf(ADMIN.email), "admin");
  await page.close();
});

test("a member who is not admin sees the team read-only", async () => {
  const lee = await launchBrowser();
  try {
    await addSession(lee.context, worker.url, await login({ email: "lee@acme.kr", password: "lee passphrase 9" }));
    const page = await newPage(lee.context);
    await page.goto(`${worker.url}/settings#members`);
    await page.locator("[data-testid=member-row]").first().waitFor({ timeout: 20_000 });
    assert.equal(await page.locator("[data-testid=member-row]").count(), 2);
    assert.equal(await page.locator("[data-testid=member-role]").count(), 0);
    assert.equal(await page.locator("[data-testid=remove-member]").count(), 0);
    await page.locator("[data-testid=members-read-only]").waitFor();
    await page.locator("[data-testid=invitations-not-allowed]").waitFor();
    assert.equal(await page.locator("[data-testid=invite-form]").count(), 0);
  } finally {
    await lee.close();
  }
});

test("a revoked invitation's link says it was withdrawn and offers sign-in", async () => {
  const page = await newPage();
  const link = await inviteInUi(page, "gone@acme.kr", "sales");
  const row = page.locator("[data-testid=invitation-row][data-email='gone@acme.kr']");
  await row.waitFor();
  await row.locator("[data-testid=revoke-invitation]").click();
  await row.locator("[data-testid=revoke-invitation]", { hasText: "for sure" }).click();
  await row.waitFor({ state: "detached", timeout: 15_000 });
  await page.close();

  const stranger = await launchBrowser();
  try {
    const tab = await newPage(stranger.context);
    await tab.goto(link);
    await tab.locator("[data-testid=invite-form]").waitFor({ timeout: 20_000 });
    await tab.fill("input[name=name]", "사라진 초대");
    await tab.fill("input[name=password]", "gone passphrase 3");
    await tab.click("[data-testid=accept-invite]");
    await tab.locator("[data-testid=invite-problem]", { hasText: "withdrew this invitation" }).waitFor({ timeout: 20_000 });
    assert.equal(await tab.locator("[data-testid=invite-form]").count(), 0);
    await tab.click("[data-testid=invite-sign-in]");
    await tab.locator("[data-testid=auth-form]").waitFor();
    assert.ok(!tab.url().includes("invite="));
  } finally {
    await stranger.close();
  }
  assert.equal(worker.d1("SELECT count(*) AS n FROM users WHERE email = 'gone@acme.kr'")[0].n, 0);
});

test("a colleague set as decision maker and champion survives a reload and reaches the server", async () => {
  const page = await newPage();
  await page.goto(`${worker.url}/leads/${ids.minsu}`);
  const boss = page.locator(`[data-testid=committee-member][data-lead='${ids.boss}']`);
  await boss.waitFor({ timeout: 30_000 });
  await boss.locator("[data-testid=committee-role]").selectOption("decision_maker");
  await eventually("the role on the server", async () => {
    const { body } = await call(ADMIN.cookie, "GET", "/api/leads?after=0");
    return body.leads.find((l) => l.id === ids.boss)?.record?.buying_role === "decision_maker";
  });
  await boss.locator("[data-testid=committee-champion]").click();
  await boss.locator("[data-testid=champion]").waitFor({ timeout: 15_000 });

  await page.reload();
  await boss.waitFor({ timeout: 30_000 });
  assert.equal(await boss.locator("[data-testid=committee-role]").inputValue(), "decision_maker");
  assert.ok(await boss.locator("[data-testid=committee-champion]").isChecked());

  await eventually("the committee on the server", async () => {
    const { body } = await call(ADMIN.cookie, "GET", "/api/leads?after=0");
    const lead = body.leads.find((l) => l.id === ids.boss)?.record;
    return lead?.buying_role === "decision_maker" && lead?.champion === true;
  });
  // Unmarking goes the same way.
  await boss.locator("[data-testid=committee-champion]").click();
  await eventually("the champion unmarked on the server", async () => {
    const { body } = await call(ADMIN.cookie, "GET", "/api/leads?after=0");
    return body.leads.find((l) => l.id === ids.boss)?.record?.champion === false;
  });
  await page.close();
});

test("a member of two workspaces switches between them and sees each one's leads only", async () => {
  // Bravo invites the admin, who joins with the account they have.
  const invited = await call(BRAVO.cookie, "POST", "/api/invitations", { json: { email: ADMIN.email, role: "sales" } });
  assert.equal(invited.status, 201);
  const joined = await call(null, "POST", "/api/invitations/accept", {
    json: { token: invited.body.token, password: ADMIN.password },
  });
  assert.equal(joined.status, 201, joined.text);

  const page = await newPage();
  await page.goto(`${worker.url}/`);
  await page.locator("[data-testid=lead-row]", { hasText: "김민수" }).waitFor({ timeout: 30_000 });
  const switcher = page.locator("[data-testid=workspace-switcher]");
  await switcher.waitFor();
  assert.deepEqual(await switcher.locator("option").allTextContents(), ["에이크미", "Bravo"]);
  assert.equal(await switcher.inputValue(), "default");

  await switcher.selectOption(BRAVO.me.workspace.id);
  await page.locator("[data-testid=who]", { hasText: "Bravo" }).waitFor({ timeout: 30_000 });
  await page.locator("[data-testid=lead-row]", { hasText: "브라보 고객" }).waitFor({ timeout: 30_000 });
  assert.equal(await page.locator("[data-testid=lead-row]").count(), 1);
  assert.equal(await page.locator("[data-testid=lead-row]", { hasText: "김민수" }).count(), 0);
  assert.equal(await page.locator("[data-testid=workspace-switcher]").inputValue(), BRAVO.me.workspace.id);

  await page.locator("[data-testid=workspace-switcher]").selectOption("default");
  await page.locator("[data-testid=who]", { hasText: "에이크미" }).waitFor({ timeout: 30_000 });
  await page.locator("[data-testid=lead-row]", { hasText: "김민수" }).waitFor({ timeout: 30_000 });
  assert.equal(await page.locator("[data-testid=lead-row]", { hasText: "브라보 고객" }).count(), 0);
  // Each workspace keeps its own local database.
  const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).sort());
  assert.ok(names.includes("leadkit-default") && names.includes(`leadkit-${BRAVO.me.workspace.id}`), names.join(", "));
  await page.close();
});

test("the invite/accept flow at 375×740 and in both languages", async () => {
  const page = await newPage();
  await page.setViewportSize({ width: 375, height: 740 });
  const link = await inviteInUi(page, "phone@acme.kr", "sales");
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  assert.ok(await fits(), "the settings page scrolls sideways at 375 px");
  const send = await page.locator("[data-testid=send-invite]").boundingBox();
  assert.ok(send.height >= 44, `the invite button is ${send.height}px tall`);
  await page.close();

  const phone = await launchBrowser();
  try {
    const tab = await newPage(phone.context);
    await tab.setViewportSize({ width: 375, height: 740 });
    await tab.goto(link);
    const title = tab.locator("#invite-title");
    await title.waitFor({ timeout: 20_000 });
    assert.equal(await title.textContent(), "Workspace invitation");
    await tab.click("[data-testid=switch-language]");
    await tab.locator("#invite-title", { hasText: "워크스페이스 초대" }).waitFor();
    assert.equal(await tab.textContent("[data-testid=accept-invite]"), "참여하기");
    assert.ok(await tab.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
    for (const control of ["input[name=name]", "input[name=password]", "[data-testid=accept-invite]", "[data-testid=invite-mode]"]) {
      const box = await tab.locator(control).boundingBox();
      assert.ok(box.height >= 44, `${control} is ${box.height}px tall`);
    }
    await tab.fill("input[name=name]", "폰사용자");
    await tab.fill("input[name=password]", "phone passphrase 5");
    await tab.click("[data-testid=accept-invite]");
    await tab.locator("[data-testid=lead-row]", { hasText: "김민수" }).waitFor({ timeout: 30_000 });
    assert.ok(await tab.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
  } finally {
    await phone.close();
  }
  assert.deepEqual(pageErrors, []);
});
