// A workspace's team against the real worker under `wrangler dev`: admins invite by
// e-mail with a role, the invitee accepts with a new account (or the password of the one
// their address has) and is signed in to the workspace; roles change and members are
// removed, never leaving a workspace without an admin; removal ends the member's
// sessions; expired, withdrawn, used and unknown links are refused and write nothing;
// a member of two workspaces picks one at sign-in. Tenancy of these routes is in
// tests/auth.test.mjs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { startWorker } from "./support/worker.mjs";
import { postJson, sessionCookie, signUp } from "./support/auth.mjs";
import { humanExtras } from "./support/forms.mjs";
import { callApi } from "./support/http.mjs";

let worker;
/** Admin of the seeded demo workspace, which holds a captured lead. */
const A = { email: "admin@acme.kr", password: "에이크미 비밀번호 1" };
/** Admin of an unrelated workspace, later invited into A's. */
const B = { email: "admin@bravo.kr", password: "bravo passphrase 2" };
/** The first invitee: a new account that joins A's workspace as a sales rep. */
const LEE = { email: "lee@acme.kr", password: "sales pass phrase", name: "이서연" };

const call = (method, path, options) => callApi(worker.url, method, path, options);

before(async () => {
  worker = await startWorker({ vars: { LOG_INVITE_LINKS: "true" } });
  for (const [who, workspace_name] of [[A, "에이크미"], [B, "Bravo"]]) {
    const { me, cookie } = await signUp(worker.url, { ...who, workspace_name });
    Object.assign(who, { me, cookie, workspace: me.workspace.id, id: me.user.id });
  }
  const res = await postJson(worker.url, "/f/contact", {
    email: "buyer@customer.kr",
    name: "구매자",
    company: "고객사",
    ...humanExtras(),
  });
  assert.equal(res.status, 201);
  A.leadId = (await res.json()).lead_id;
});

after(async () => {
  await worker?.stop();
});

/** Calls and checks the status; returns the parsed body and the response. */
async function expect(status, method, path, options) {
  const answer = await call(method, path, options);
  assert.equal(answer.status, status, `${method} ${path}: ${answer.text}`);
  return answer;
}

const sha256 = (text) => createHash("sha256").update(text).digest("hex");

async function invite(cookie, email, role) {
  const { body } = await expect(201, "POST", "/api/invitations", { cookie, json: { email, role } });
  return body;
}

/** Accepts as a new account; returns { me, cookie }. */
async function acceptNew(token, name, password) {
  const { body, res } = await expect(201, "POST", "/api/invitations/accept", { json: { token, name, password } });
  return { me: body, cookie: sessionCookie(res) };
}

/** Rows that accepting writes; a refused accept must leave every count as it was. */
function counts() {
  const n = (table) => worker.d1(`SELECT count(*) AS n FROM ${table}`)[0].n;
  return {
    users: n("users"),
    memberships: n("memberships"),
    sessions: n("sessions"),
    accepted: worker.d1("SELECT count(*) AS n FROM invitations WHERE accepted_at IS NOT NULL")[0].n,
  };
}

/**
 * Waits until `worker`'s log holds `text`; wrangler logs each request's line after
 * whatever the request itself logged. Bounded, so a missing line fails the test rather
 * than hanging it.
 */
async function waitForLog(w, text) {
  for (let i = 0; i < 50 && !w.output().includes(text); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(w.output().includes(text), `the log never showed ${text}`);
}

test("an admin invites: the link is shown once, logged in development, stored only as a hash", async () => {
  const created = await invite(A.cookie, " Lee@Acme.KR ", "sales");
  const { invitation, token, accept_url } = created;
  assert.equal(created.schema_version, 1);
  assert.match(token, /^lk_inv_[A-Za-z0-9_-]{43}$/);
  assert.equal(accept_url, `${worker.url}/?invite=${token}`);
  assert.equal(invitation.email, "lee@acme.kr");
  assert.equal(invitation.role, "sales");
  assert.equal(invitation.invited_by, A.id);
  const days = (Date.parse(invitation.expires_at) - Date.parse(invitation.created_at)) / 86_400_000;
  assert.equal(days, 7);
  LEE.token = token;
  LEE.invitation = invitation.id;

  const [row] = worker.d1("SELECT * FROM invitations WHERE id = ?", invitation.id);
  assert.equal(row.token_hash, sha256(token));
  assert.equal(row.workspace_id, A.workspace);
  assert.equal(row.accepted_at, null);
  const tables = worker.d1("SELECT name FROM sqlite_master WHERE type = 'table'").map((t) => t.name);
  const stored = tables.flatMap((t) => worker.d1(`SELECT * FROM "${t}"`).flatMap((r) => Object.values(r).map(String)));
  assert.ok(!stored.some((v) => v.includes(token.slice(7))), "D1 holds the invitation token");

  await waitForLog(worker, "POST /api/invitations 201");
  assert.ok(worker.output().includes(accept_url), "the accept link is not in the development log");

  const list = await expect(200, "GET", "/api/invitations", { cookie: A.cookie });
  assert.deepEqual(list.body.invitations, [invitation]);
  assert.ok(!list.text.includes(token.slice(7)) && !list.text.includes(row.token_hash));
});

test("invitations refuse bad input naming each field, and current members", async () => {
  const before = worker.d1("SELECT count(*) AS n FROM invitations")[0].n;
  const cases = [
    [{}, [["email", "required"], ["role", "required"]]],
    [{ email: "kim@acme", role: "sales" }, [["email", "invalid_email"]]],
    [{ email: "kim@acme.kr", role: "owner" }, [["role", "unknown_value"]]],
  ];
  for (const [json, fields] of cases) {
    const { body } = await expect(422, "POST", "/api/invitations", { cookie: A.cookie, json });
    assert.equal(body.error, "validation_failed");
    assert.deepEqual(body.fields.map((f) => [f.field, f.code]), fields, JSON.stringify(json));
  }
  const member = await expect(409, "POST", "/api/invitations", { cookie: A.cookie, json: { email: "ADMIN@acme.kr", role: "sales" } });
  assert.equal(member.body.error, "already_member");
  assert.match(member.body.message, /already a member/);
  assert.equal(worker.d1("SELECT count(*) AS n FROM invitations")[0].n, before);
});

test("accepting as a new account joins the workspace with the invited role and signs in", async () => {
  const { me, cookie } = await acceptNew(LEE.token, ` ${LEE.name} `, LEE.password);
  assert.ok(cookie, "no session cookie");
  Object.assign(LEE, { cookie, id: me.user.id });
  assert.equal(me.user.email, LEE.email);
  assert.equal(me.user.name, LEE.name);
  assert.equal(me.workspace.id, A.workspace);
  assert.equal(me.role, "sales");
  assert.deepEqual(me.workspaces, [{ id: A.workspace, name: "에이크미", role: "sales" }]);

  // The new member's session sees the workspace's leads.
  const leads = await expect(200, "GET", "/api/leads", { cookie });
  assert.deepEqual(leads.body.leads.map((l) => l.id), [A.leadId]);
  // And the team: both members, earliest first.
  const members = await expect(200, "GET", "/api/members", { cookie });
  assert.deepEqual(
    members.body.members.map((m) => [m.user_id, m.email, m.name, m.role]),
    [
      [A.id, A.email, "김민수", "admin"],
      [LEE.id, LEE.email, LEE.name, "sales"],
    ],
  );
  assert.ok(members.body.members.every((m) => !Number.isNaN(Date.parse(m.joined_at))));

  const [row] = worker.d1("SELECT accepted_at, accepted_by, revoked FROM invitations WHERE id = ?", LEE.invitation);
  assert.equal(row.accepted_by, LEE.id);
  assert.notEqual(row.accepted_at, null);
  const list = await expect(200, "GET", "/api/invitations", { cookie: A.cookie });
  assert.deepEqual(list.body.invitations, [], "an accepted invitation is still listed");
  // The account signs in like any other.
  const login = await postJson(worker.url, "/api/auth/login", { email: LEE.email, password: LEE.password });
  assert.equal(login.status, 200);
});

test("a sales member may not invite or manage members (403) and changes nothing", async () => {
  const before = { ...counts(), invitations: worker.d1("SELECT count(*) AS n FROM invitations")[0].n };
  for (const [method, path, json] of [
    ["POST", "/api/invitations", { email: "friend@acme.kr", role: "admin" }],
    ["GET", "/api/invitations"],
    ["DELETE", `/api/invitations/${LEE.invitation}`],
    ["PUT", `/api/members/${LEE.id}`, { role: "admin" }],
    ["PUT", `/api/members/${A.id}`, { role: "sales" }],
    ["DELETE", `/api/members/${A.id}`],
  ]) {
    const { body } = await expect(403, method, path, { cookie: LEE.cookie, json });
    assert.equal(body.error, "forbidden");
    assert.match(body.message, /\(sales\)/);
  }
  assert.deepEqual({ ...counts(), invitations: worker.d1("SELECT count(*) AS n FROM invitations")[0].n }, before);
  const roles = worker.d1("SELECT user_id, role FROM memberships WHERE workspace_id = ? ORDER BY created_at", A.workspace);
  assert.deepEqual(roles.map((r) => r.role), ["admin", "sales"]);
});

test("roles change at once, and the last admin can be neither demoted nor removed", async () => {
  const role = (id) => worker.d1("SELECT role FROM memberships WHERE workspace_id = ? AND user_id = ?", A.workspace, id)[0]?.role;
  for (const [method, json] of [["PUT", { role: "marketing" }], ["DELETE", undefined]]) {
    const { body } = await expect(409, method, `/api/members/${A.id}`, { cookie: A.cookie, json });
    assert.equal(body.error, "last_admin");
    assert.match(body.message, /only admin.*make another member admin first/);
    assert.equal(role(A.id), "admin");
  }
  await expect(200, "GET", "/api/me", { cookie: A.cookie });

  const changed = await expect(200, "PUT", `/api/members/${LEE.id}`, { cookie: A.cookie, json: { role: "marketing" } });
  assert.deepEqual([changed.body.user_id, changed.body.role, changed.body.email], [LEE.id, "marketing", LEE.email]);
  // The member's existing session acts with the new role on its next request.
  assert.equal((await expect(200, "GET", "/api/me", { cookie: LEE.cookie })).body.role, "marketing");

  for (const [json, fields] of [[{}, [["role", "required"]]], [{ role: "owner" }, [["role", "unknown_value"]]]]) {
    const { body } = await expect(422, "PUT", `/api/members/${LEE.id}`, { cookie: A.cookie, json });
    assert.deepEqual(body.fields.map((f) => [f.field, f.code]), fields);
  }
  for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-uuid", B.id]) {
    const { body } = await expect(404, "PUT", `/api/members/${id}`, { cookie: A.cookie, json: { role: "sales" } });
    assert.equal(body.error, "not_found");
    await expect(404, "DELETE", `/api/members/${id}`, { cookie: A.cookie });
  }
  assert.equal(worker.d1("SELECT role FROM memberships WHERE user_id = ?", B.id)[0].role, "admin", "B's own role changed");

  // With two admins either may step down; the one left is then protected.
  await expect(200, "PUT", `/api/members/${LEE.id}`, { cookie: A.cookie, json: { role: "admin" } });
  await expect(200, "PUT", `/api/members/${A.id}`, { cookie: A.cookie, json: { role: "sales" } });
  assert.equal((await expect(403, "POST", "/api/invitations", { cookie: A.cookie, json: { email: "x@acme.kr", role: "sales" } })).body.error, "forbidden");
  const alone = await expect(409, "PUT", `/api/members/${LEE.id}`, { cookie: LEE.cookie, json: { role: "sales" } });
  assert.equal(alone.body.error, "last_admin");
  await expect(200, "PUT", `/api/members/${A.id}`, { cookie: LEE.cookie, json: { role: "admin" } });
  await expect(200, "PUT", `/api/members/${LEE.id}`, { cookie: A.cookie, json: { role: "sales" } });
  assert.deepEqual([role(A.id), role(LEE.id)], ["admin", "sales"]);
});

test("removing a member ends their sessions in the workspace: the next request is 401", async () => {
  const park = await invite(A.cookie, "park@acme.kr", "marketing");
  const joined = await acceptNew(park.token, "박지훈", "marketing pass 1");
  const parkId = joined.me.user.id;
  const login = await postJson(worker.url, "/api/auth/login", { email: "park@acme.kr", password: "marketing pass 1" });
  const second = sessionCookie(login);
  for (const cookie of [joined.cookie, second]) await expect(200, "GET", "/api/leads", { cookie });
  assert.equal(worker.d1("SELECT count(*) AS n FROM sessions WHERE user_id = ?", parkId)[0].n, 2);

  await expect(204, "DELETE", `/api/members/${parkId}`, { cookie: A.cookie });
  for (const cookie of [joined.cookie, second]) {
    const { body } = await expect(401, "GET", "/api/leads", { cookie });
    assert.equal(body.error, "unauthenticated");
  }
  assert.equal(worker.d1("SELECT count(*) AS n FROM sessions WHERE user_id = ?", parkId)[0].n, 0);
  assert.equal(worker.d1("SELECT count(*) AS n FROM memberships WHERE user_id = ?", parkId)[0].n, 0);
  const members = await expect(200, "GET", "/api/members", { cookie: A.cookie });
  assert.ok(!members.body.members.some((m) => m.user_id === parkId));
  await expect(404, "DELETE", `/api/members/${parkId}`, { cookie: A.cookie });
  // A removed account belongs to no workspace: it cannot sign in any more.
  const again = await postJson(worker.url, "/api/auth/login", { email: "park@acme.kr", password: "marketing pass 1" });
  assert.equal(again.status, 401);
  // Other members' sessions live on.
  await expect(200, "GET", "/api/me", { cookie: LEE.cookie });
  await expect(200, "GET", "/api/me", { cookie: A.cookie });
});

test("a member may remove themselves, unless they are the last admin", async () => {
  const kim = await invite(A.cookie, "kim@acme.kr", "admin");
  const joined = await acceptNew(kim.token, "김하늘", "admin pass phrase");
  const kimId = joined.me.user.id;
  await expect(204, "DELETE", `/api/members/${kimId}`, { cookie: joined.cookie });
  await expect(401, "GET", "/api/me", { cookie: joined.cookie });
  const last = await expect(409, "DELETE", `/api/members/${A.id}`, { cookie: A.cookie });
  assert.equal(last.body.error, "last_admin");
});

test("an existing account of another workspace accepts with its password and can switch workspaces", async () => {
  const { token, invitation } = await invite(A.cookie, B.email, "marketing");
  const before = counts();
  const wrong = await expect(401, "POST", "/api/invitations/accept", { json: { token, password: "not the password" } });
  assert.equal(wrong.body.error, "invalid_credentials");
  const missing = await expect(422, "POST", "/api/invitations/accept", { json: { token } });
  assert.deepEqual(missing.body.fields.map((f) => [f.field, f.code]), [["password", "required"]]);
  assert.deepEqual(counts(), before, "a refused accept wrote something");

  const accepted = await expect(201, "POST", "/api/invitations/accept", {
    json: { token, password: B.password, name: "not my name" },
  });
  const me = accepted.body;
  assert.equal(me.user.id, B.id);
  assert.equal(me.user.name, "김민수", "accepting renamed an existing account");
  assert.equal(me.workspace.id, A.workspace);
  assert.equal(me.role, "marketing");
  const both = [
    { id: B.workspace, name: "Bravo", role: "admin" },
    { id: A.workspace, name: "에이크미", role: "marketing" },
  ];
  assert.deepEqual(me.workspaces, both);
  assert.equal(worker.d1("SELECT accepted_by FROM invitations WHERE id = ?", invitation.id)[0].accepted_by, B.id);
  assert.equal(worker.d1("SELECT count(*) AS n FROM users WHERE email = ?", B.email)[0].n, 1);
  const inA = sessionCookie(accepted.res);
  assert.deepEqual((await expect(200, "GET", "/api/leads", { cookie: inA })).body.leads.map((l) => l.id), [A.leadId]);

  // B's first session stays in B's workspace and now lists both.
  const mine = await expect(200, "GET", "/api/me", { cookie: B.cookie });
  assert.equal(mine.body.workspace.id, B.workspace);
  assert.deepEqual(mine.body.workspaces, both);
  assert.deepEqual((await expect(200, "GET", "/api/leads", { cookie: B.cookie })).body.leads, []);

  // Sign-in picks the earliest membership unless told otherwise.
  const plain = await postJson(worker.url, "/api/auth/login", { email: B.email, password: B.password });
  assert.equal((await plain.json()).workspace.id, B.workspace);
  const chosen = await postJson(worker.url, "/api/auth/login", { email: B.email, password: B.password, workspace_id: A.workspace });
  assert.equal(chosen.status, 200);
  const chosenMe = await chosen.json();
  assert.deepEqual([chosenMe.workspace.id, chosenMe.role], [A.workspace, "marketing"]);
  const chosenLeads = await expect(200, "GET", "/api/leads", { cookie: sessionCookie(chosen) });
  assert.deepEqual(chosenLeads.body.leads.map((l) => l.id), [A.leadId]);

  const stranger = await postJson(worker.url, "/api/auth/login", { email: LEE.email, password: LEE.password, workspace_id: B.workspace });
  assert.equal(stranger.status, 422);
  const strangerBody = await stranger.json();
  assert.deepEqual(strangerBody.fields.map((f) => [f.field, f.code]), [["workspace_id", "unknown_value"]]);
  assert.equal(stranger.headers.get("set-cookie"), null);
  // A wrong password is refused before the workspace is looked at.
  const guess = await postJson(worker.url, "/api/auth/login", { email: LEE.email, password: "wrong password", workspace_id: B.workspace });
  assert.equal(guess.status, 401);

  // Inviting an address that is now a member is refused.
  const again = await expect(409, "POST", "/api/invitations", { cookie: A.cookie, json: { email: B.email, role: "sales" } });
  assert.equal(again.body.error, "already_member");
});

test("expired, withdrawn, replaced, reused and unknown links are refused and write nothing", async () => {
  const refuse = async (status, code, json) => {
    const before = counts();
    const { body, res } = await expect(status, "POST", "/api/invitations/accept", { json });
    assert.equal(body.error, code);
    assert.match(body.message, /^this invitation /);
    assert.equal(res.headers.get("set-cookie"), null);
    assert.deepEqual(counts(), before, `a refused accept (${code}) wrote something`);
  };
  const fresh = { name: "새 사람", password: "new person pass" };

  // Expired: stand in for eight days passing.
  const late = await invite(A.cookie, "late@acme.kr", "sales");
  worker.d1Write("UPDATE invitations SET expires_at = '2020-01-01T00:00:00Z' WHERE id = ?", late.invitation.id);
  await refuse(410, "invitation_expired", { token: late.token, ...fresh });
  const listed = await expect(200, "GET", "/api/invitations", { cookie: A.cookie });
  assert.ok(!listed.body.invitations.some((i) => i.id === late.invitation.id), "an expired invitation is listed");

  // Withdrawn by an admin.
  const withdrawn = await invite(A.cookie, "gone@acme.kr", "sales");
  await expect(204, "DELETE", `/api/invitations/${withdrawn.invitation.id}`, { cookie: A.cookie });
  await refuse(410, "invitation_revoked", { token: withdrawn.token, ...fresh });
  assert.equal(worker.d1("SELECT revoked FROM invitations WHERE id = ?", withdrawn.invitation.id)[0].revoked, 1);

  // Replaced: a second invitation to one address leaves only the newest link working.
  const first = await invite(A.cookie, "twice@acme.kr", "sales");
  const second = await invite(A.cookie, "twice@acme.kr", "marketing");
  const pending = (await expect(200, "GET", "/api/invitations", { cookie: A.cookie })).body.invitations;
  assert.deepEqual(pending.filter((i) => i.email === "twice@acme.kr").map((i) => i.id), [second.invitation.id]);
  await refuse(410, "invitation_revoked", { token: first.token, ...fresh });

  // A new account's fields are checked before anything is written.
  const before = counts();
  const weak = await expect(422, "POST", "/api/invitations/accept", { json: { token: second.token, name: "", password: "short" } });
  assert.deepEqual(weak.body.fields.map((f) => [f.field, f.code]), [["name", "required"], ["password", "too_short"]]);
  assert.deepEqual(counts(), before);

  const joined = await acceptNew(second.token, fresh.name, fresh.password);
  assert.equal(joined.me.role, "marketing");
  // Used: the same link again, for a new account or with the joined account's password.
  await refuse(410, "invitation_used", { token: second.token, ...fresh });
  await refuse(410, "invitation_used", { token: second.token, password: fresh.password });
  const accepted = await expect(409, "DELETE", `/api/invitations/${second.invitation.id}`, { cookie: A.cookie });
  assert.equal(accepted.body.error, "invitation_accepted");

  // Unknown or malformed.
  await refuse(400, "invitation_unknown", { token: `lk_inv_${"A".repeat(43)}`, ...fresh });
  await refuse(400, "invitation_unknown", { token: "garbage", ...fresh });
  await refuse(400, "invitation_unknown", { token: A.cookie.split("=")[1], ...fresh });
  await refuse(400, "invitation_unknown", { ...fresh });
  // What D1 holds is no token.
  const [stored] = worker.d1("SELECT token_hash FROM invitations WHERE id = ?", late.invitation.id);
  await refuse(400, "invitation_unknown", { token: stored.token_hash, ...fresh });

  for (const id of ["00000000-0000-4000-8000-000000000000", "nope"]) {
    assert.equal((await expect(404, "DELETE", `/api/invitations/${id}`, { cookie: A.cookie })).body.error, "not_found");
  }
});

test("racing requests cannot use one link twice or leave a workspace without an admin", async () => {
  // Two accepts of one link at once: one joins, the other is told the link was used.
  const { token } = await invite(A.cookie, "race@acme.kr", "sales");
  const before = counts();
  const body = { token, name: "경주", password: "race pass phrase" };
  const answers = await Promise.all([0, 1].map(() => postJson(worker.url, "/api/invitations/accept", body)));
  const results = await Promise.all(answers.map(async (r) => [r.status, (await r.json()).error ?? "joined"]));
  assert.deepEqual(results.sort(), [[201, "joined"], [410, "invitation_used"]]);
  const after = counts();
  assert.deepEqual([after.users, after.memberships, after.accepted], [before.users + 1, before.memberships + 1, before.accepted + 1]);

  // Two admins demoting each other at once: whatever the interleaving, one stays admin.
  await expect(200, "PUT", `/api/members/${LEE.id}`, { cookie: A.cookie, json: { role: "admin" } });
  const demotions = await Promise.all([
    call("PUT", `/api/members/${LEE.id}`, { cookie: A.cookie, json: { role: "sales" } }),
    call("PUT", `/api/members/${A.id}`, { cookie: LEE.cookie, json: { role: "sales" } }),
  ]);
  const admins = worker.d1("SELECT user_id FROM memberships WHERE workspace_id = ? AND role = 'admin'", A.workspace);
  assert.equal(admins.length, 1, JSON.stringify(demotions.map((d) => d.text)));
  // The loser is refused as the last admin (409), or — when the winner demoted it
  // first — as no longer an admin (403).
  const [won, lost] = demotions.map((d) => d.status).sort();
  assert.equal(won, 200);
  assert.ok(lost === 409 || lost === 403, `the second demotion answered ${lost}`);
  // Put the team back: A admin, Lee sales.
  const admin = admins[0].user_id === A.id ? A : LEE;
  if (admin === LEE) {
    await expect(200, "PUT", `/api/members/${A.id}`, { cookie: LEE.cookie, json: { role: "admin" } });
    await expect(200, "PUT", `/api/members/${LEE.id}`, { cookie: A.cookie, json: { role: "sales" } });
  }
});

test("with wrangler.toml's settings accept links stay out of the log, and accepting is rate-limited like sign-in", async () => {
  // No LOG_INVITE_LINKS override: wrangler.toml's "false", as deployed.
  const deployed = await startWorker({ vars: { LOGIN_RATE_LIMIT: "2/3600" } });
  try {
    const { cookie } = await signUp(deployed.url, { email: "admin@acme.kr" });
    const res = await fetch(`${deployed.url}/api/invitations`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ email: "quiet@acme.kr", role: "sales" }),
      signal: AbortSignal.timeout(15_000),
    });
    assert.equal(res.status, 201);
    const { token } = await res.json();
    await waitForLog(deployed, "POST /api/invitations 201");
    assert.ok(!deployed.output().includes(token), "a deployment logged an accept link");

    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const attempt = await postJson(deployed.url, "/api/invitations/accept", { token: "garbage" });
      statuses.push(attempt.status);
    }
    assert.deepEqual(statuses, [400, 400, 429]);
    const accept = await postJson(deployed.url, "/api/invitations/accept", { token, name: "조용한", password: "quiet pass phrase" });
    assert.equal(accept.status, 429, "the right token is capped too once the address is over");
    assert.equal(deployed.d1("SELECT count(*) AS n FROM users")[0].n, 1);
  } finally {
    await deployed.stop();
  }
});
