// Sign-up, sign-in, sessions, API tokens and roles against the real worker under
// `wrangler dev`, and the tenancy matrix: every route of the route table in
// worker/src/lib.rs is either public (and shown to expose nothing private) or refuses
// workspace B's session and token for workspace A's data.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startWorker, root } from "./support/worker.mjs";
import { postJson, sessionCookie, signUp } from "./support/auth.mjs";
import { humanExtras } from "./support/forms.mjs";

let worker;
/** Workspace A: the first account, which claims the demo workspace and its leads. */
const A = { email: "admin@acme.kr", password: "에이크미 비밀번호 1" };
/** Workspace B: a second, unrelated account. */
const B = { email: "admin@bravo.kr", password: "bravo passphrase 2" };

before(async () => {
  worker = await startWorker();
  for (const [who, workspace_name] of [[A, "에이크미"], [B, "Bravo"]]) {
    const { me, cookie } = await signUp(worker.url, { ...who, workspace_name });
    Object.assign(who, { me, cookie, workspace: me.workspace.id });
  }
  // A webhook endpoint of A's, made before A's leads so each has a delivery in A's log.
  // Port 9 on loopback refuses connections: the deliveries fail and retry, harmlessly.
  A.webhook = await createWebhook(A.cookie, ["lead.created"]);
  // Leads in A's workspace, through its public contact form.
  A.leadIds = [];
  for (const i of [1, 2]) {
    const res = await postJson(worker.url, "/f/contact", {
      email: `lead${i}@customer.kr`,
      name: `리드 ${i}`,
      company: "고객사",
      ...humanExtras(),
    });
    assert.equal(res.status, 201);
    A.leadIds.push((await res.json()).lead_id);
  }
  A.token = await createToken(A.cookie, "A admin integration", "admin");
  B.token = await createToken(B.cookie, "B admin integration", "admin");
  // A pending invitation in A's workspace, for B to try to see and withdraw.
  A.invitation = await createInvitation(A.cookie, "invitee@acme.kr", "sales");
  // A saved segment of A's, for B to try to read, overwrite and delete.
  A.segment = { id: "6f1c2a44-0000-4000-8000-00000000a5e9", name: "에이크미 VIP 세그먼트" };
  await expect(200, "PUT", `/api/segments/${A.segment.id}`, { cookie: A.cookie, json: segmentBody(A.segment.name) });
});

/** A segment of MQLs called `name`. */
function segmentBody(name) {
  return { name, filter: { condition: { kind: "stage", stages: ["mql"] } } };
}

after(async () => {
  await worker?.stop();
});

function request(method, path, { cookie, bearer, json, headers = {} } = {}) {
  const h = { ...headers };
  if (cookie) h.cookie = cookie;
  if (bearer) h.authorization = `Bearer ${bearer}`;
  if (json !== undefined) h["content-type"] = "application/json";
  return fetch(`${worker.url}${path}`, {
    method,
    headers: h,
    body: json === undefined ? undefined : JSON.stringify(json),
    redirect: "manual",
    signal: AbortSignal.timeout(15_000),
  });
}

/** Sends a request and checks the status; returns { res, text, body }. */
async function expect(status, method, path, options) {
  const res = await request(method, path, options);
  const text = await res.text();
  assert.equal(res.status, status, `${method} ${path}: ${text}`);
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: HTML or empty
  }
  return { res, text, body };
}

async function createToken(cookie, name, role) {
  const { body } = await expect(201, "POST", "/api/tokens", { cookie, json: { name, role } });
  return { id: body.token.id, secret: body.secret, role };
}

async function createWebhook(cookie, event_types) {
  const { body } = await expect(201, "POST", "/api/webhooks", {
    cookie,
    json: { url: "http://127.0.0.1:9/leadkit", event_types },
  });
  return { id: body.endpoint.id, secret: body.secret };
}

async function createInvitation(cookie, email, role) {
  const { body } = await expect(201, "POST", "/api/invitations", { cookie, json: { email, role } });
  return { id: body.invitation.id, token: body.token, email };
}

/** A new member of A's workspace, through an invitation; returns their user id. */
let spares = 0;
async function spareMemberOfA() {
  const { token } = await createInvitation(A.cookie, `spare${++spares}@acme.kr`, "sales");
  const { body } = await expect(201, "POST", "/api/invitations/accept", {
    json: { token, name: "여분", password: "spare pass phrase" },
  });
  return body.user.id;
}

const sha256 = (text) => createHash("sha256").update(text).digest("hex");

/** Every value of every row of every table: where plaintext must never appear. */
function everyStoredValue() {
  const tables = worker.d1("SELECT name FROM sqlite_master WHERE type = 'table'").map((t) => t.name);
  return tables.flatMap((t) =>
    worker.d1(`SELECT * FROM "${t}"`).flatMap((row) => Object.values(row).map(String)),
  );
}

test("sign-up creates a user, makes them admin and sets an HttpOnly, SameSite=Lax session cookie", async () => {
  assert.equal(A.me.schema_version, 1);
  assert.equal(A.me.role, "admin");
  assert.equal(A.me.user.email, "admin@acme.kr");
  assert.equal(A.me.user.name, "김민수");
  // The first account claims the seeded demo workspace, renamed to its chosen name.
  assert.equal(A.workspace, "default");
  assert.equal(A.me.workspace.name, "에이크미");
  // Everyone after gets a workspace of their own.
  assert.notEqual(B.workspace, "default");
  assert.match(B.workspace, /^[0-9a-f-]{36}$/);
  assert.equal(B.me.workspace.name, "Bravo");

  const res = await postJson(worker.url, "/api/auth/signup", {
    email: "cookie@acme.kr",
    password: "cookie passphrase",
    name: "Cookie",
    workspace_name: "Cookies",
  });
  assert.equal(res.status, 201);
  const setCookie = res.headers.get("set-cookie");
  const parts = setCookie.split(";").map((p) => p.trim());
  assert.match(parts[0], /^lk_session=[A-Za-z0-9_-]{43}$/);
  assert.deepEqual(parts.slice(1).sort(), ["HttpOnly", "Max-Age=1209600", "Path=/", "SameSite=Lax"]);
  // Plain http to 127.0.0.1 is the one case without Secure (browsers drop it there).
  assert.ok(!parts.includes("Secure"));
  assert.equal(res.headers.get("cache-control"), "no-store");

  const [user] = worker.d1("SELECT * FROM users WHERE email = 'cookie@acme.kr'");
  assert.match(user.password_hash, /^[0-9a-f]{64}$/);
  assert.match(user.password_salt, /^[0-9a-f]{32}$/);
  assert.equal(user.password_iterations, 100000);
  const [session] = worker.d1("SELECT * FROM sessions WHERE user_id = ?", user.id);
  assert.equal(session.id, sha256(parts[0].slice("lk_session=".length)));
  assert.equal(session.revoked, 0);
  const values = everyStoredValue();
  for (const secret of ["cookie passphrase", parts[0].slice("lk_session=".length), A.password, B.password]) {
    assert.ok(!values.some((v) => v.includes(secret)), `D1 holds a plaintext secret: ${secret}`);
  }
});

test("the session cookie signs in GET /api/me", async () => {
  const { body } = await expect(200, "GET", "/api/me", { cookie: A.cookie });
  assert.deepEqual(body, A.me);
});

test("sign-up refuses bad input with 4xx JSON naming each field", async () => {
  const cases = [
    [{}, [["email", "required"], ["password", "required"], ["name", "required"], ["workspace_name", "required"]]],
    [{ email: "kim@acme", password: "long enough 1", name: "K", workspace_name: "W" }, [["email", "invalid_email"]]],
    [{ email: "kim@acme.kr", password: "short", name: "K", workspace_name: "W" }, [["password", "too_short"]]],
    [{ email: "kim@acme.kr", password: "aaaaaaaaaaaa", name: "K", workspace_name: "W" }, [["password", "repeated_character"]]],
    [{ email: "kim@acme.kr", password: "Kim@Acme.kr", name: "K", workspace_name: "W" }, [["password", "same_as_email"]]],
  ];
  for (const [input, fields] of cases) {
    const { body } = await expect(422, "POST", "/api/auth/signup", { json: input });
    assert.equal(body.error, "validation_failed");
    assert.deepEqual(body.fields.map((f) => [f.field, f.code]), fields, JSON.stringify(input));
    for (const f of body.fields) assert.match(f.message, new RegExp(`^${f.field} `));
  }
  // The address is taken whatever its case.
  const taken = await expect(409, "POST", "/api/auth/signup", {
    json: { email: " ADMIN@acme.kr", password: "another pass 1", name: "K", workspace_name: "W" },
  });
  assert.deepEqual(taken.body.fields.map((f) => [f.field, f.code]), [["email", "taken"]]);

  const malformed = await expect(400, "POST", "/api/auth/signup", { headers: { "content-type": "application/json" }, json: undefined });
  assert.equal(malformed.body.error, "malformed_body");
  const form = await fetch(`${worker.url}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "email=x%40y.kr",
  });
  assert.equal(form.status, 415, "a cross-site HTML form must not reach sign-up");
  assert.equal(worker.d1("SELECT count(*) AS n FROM users WHERE email LIKE 'kim@%'")[0].n, 0);
});

test("login sets a new session; a wrong password and an unknown address get the same 401", async () => {
  const ok = await postJson(worker.url, "/api/auth/login", { email: "Admin@Acme.kr", password: A.password });
  assert.equal(ok.status, 200, await ok.clone().text());
  const cookie = sessionCookie(ok);
  assert.ok(cookie && cookie !== A.cookie);
  assert.deepEqual(await ok.json(), A.me);
  await expect(200, "GET", "/api/me", { cookie });

  const wrong = await postJson(worker.url, "/api/auth/login", { email: A.email, password: "not the password" });
  const unknown = await postJson(worker.url, "/api/auth/login", { email: "nobody@acme.kr", password: "not the password" });
  assert.equal(wrong.status, 401);
  assert.equal(unknown.status, 401);
  assert.equal(wrong.headers.get("set-cookie"), null);
  const [wrongBody, unknownBody] = [await wrong.json(), await unknown.json()];
  assert.equal(wrongBody.error, "invalid_credentials");
  assert.deepEqual(wrongBody, unknownBody, "the answer tells whether the address has an account");

  const missing = await expect(422, "POST", "/api/auth/login", { json: { email: "" } });
  assert.deepEqual(missing.body.fields.map((f) => [f.field, f.code]), [["email", "required"], ["password", "required"]]);
});

test("logout revokes the session and clears the cookie", async () => {
  const res = await postJson(worker.url, "/api/auth/login", { email: B.email, password: B.password });
  const cookie = sessionCookie(res);
  await expect(200, "GET", "/api/me", { cookie });
  const out = await expect(204, "POST", "/api/auth/logout", { cookie });
  assert.match(out.res.headers.get("set-cookie"), /^lk_session=; HttpOnly; SameSite=Lax; Path=\/; Max-Age=0$/);
  const [row] = worker.d1("SELECT revoked FROM sessions WHERE id = ?", sha256(cookie.split("=")[1]));
  assert.equal(row.revoked, 1);
  const after = await expect(401, "GET", "/api/me", { cookie });
  assert.equal(after.body.error, "unauthenticated");
  // B's other session lives on.
  await expect(200, "GET", "/api/me", { cookie: B.cookie });
  // A token is not a session: it is revoked through /api/tokens instead.
  const token = await expect(400, "POST", "/api/auth/logout", { bearer: B.token.secret });
  assert.equal(token.body.error, "not_a_session");
});

test("API tokens are shown once, stored hashed, listed without secrets and revocable", async () => {
  const created = await expect(201, "POST", "/api/tokens", { cookie: A.cookie, json: { name: "CRM sync" } });
  const { secret, token } = created.body;
  assert.match(secret, /^lk_live_[A-Za-z0-9_-]{43}$/);
  assert.equal(token.role, "sales", "a token with no role named gets the least one");
  assert.equal(token.prefix, secret.slice(0, 12));
  assert.equal(token.revoked, false);

  const [row] = worker.d1("SELECT * FROM api_tokens WHERE id = ?", token.id);
  assert.equal(row.token_hash, sha256(secret));
  assert.equal(row.workspace_id, A.workspace);
  assert.ok(!everyStoredValue().some((v) => v.includes(secret.slice(12))), "D1 holds the secret");

  const list = await expect(200, "GET", "/api/tokens", { cookie: A.cookie });
  assert.ok(!list.text.includes(secret.slice(12)), "the list shows a secret");
  assert.ok(!list.text.includes(row.token_hash), "the list shows a hash");
  const listed = list.body.tokens.find((t) => t.id === token.id);
  assert.deepEqual(listed, token);

  // The token works, as its role, with no user, and its use is recorded.
  const me = await expect(200, "GET", "/api/me", { bearer: secret });
  assert.equal(me.body.user, null);
  assert.equal(me.body.role, "sales");
  assert.equal(me.body.workspace.id, A.workspace);
  const leads = await expect(200, "GET", "/api/leads", { bearer: secret });
  assert.equal(leads.body.leads.length, 2);
  assert.notEqual(worker.d1("SELECT last_used_at FROM api_tokens WHERE id = ?", token.id)[0].last_used_at, null);

  await expect(204, "DELETE", `/api/tokens/${token.id}`, { cookie: A.cookie });
  const refused = await expect(401, "GET", "/api/leads", { bearer: secret });
  assert.equal(refused.body.error, "unauthenticated");
  const afterRevoke = await expect(200, "GET", "/api/tokens", { cookie: A.cookie });
  assert.equal(afterRevoke.body.tokens.find((t) => t.id === token.id).revoked, true);
  await expect(404, "DELETE", "/api/tokens/not-a-uuid", { cookie: A.cookie });
  await expect(404, "DELETE", "/api/tokens/00000000-0000-4000-8000-000000000000", { cookie: A.cookie });

  const bad = await expect(422, "POST", "/api/tokens", { cookie: A.cookie, json: { name: "", role: "owner" } });
  assert.deepEqual(bad.body.fields.map((f) => [f.field, f.code]), [["name", "required"], ["role", "unknown_value"]]);
});

test("roles: sales and marketing read leads but may not manage tokens", async () => {
  for (const role of ["sales", "marketing"]) {
    const { secret, id } = await createToken(A.cookie, `${role} tool`, role);
    await expect(200, "GET", "/api/leads", { bearer: secret });
    for (const [method, path, json] of [
      ["POST", "/api/tokens", { name: "escalate", role: "admin" }],
      ["GET", "/api/tokens"],
      ["DELETE", `/api/tokens/${A.token.id}`],
    ]) {
      const { body } = await expect(403, method, path, { bearer: secret, json });
      assert.equal(body.error, "forbidden");
      assert.match(body.message, new RegExp(`\\(${role}\\)`));
    }
    assert.equal(worker.d1("SELECT count(*) AS n FROM api_tokens WHERE name = 'escalate'")[0].n, 0);
    await expect(204, "DELETE", `/api/tokens/${id}`, { cookie: A.cookie });
  }
  // The admin token was not revoked by the refused DELETEs.
  await expect(200, "GET", "/api/tokens", { bearer: A.token.secret });
});

test("malformed, unknown and forged credentials get 401", async () => {
  const [storedSession] = worker.d1("SELECT id FROM sessions WHERE user_id = ?", A.me.user.id);
  const cases = [
    {},
    { cookie: "lk_session=garbage" },
    { cookie: `lk_session=${"A".repeat(43)}` },
    // What a leaked database holds is no credential.
    { cookie: `lk_session=${storedSession.id}` },
    { headers: { authorization: "Basic YWRtaW46cGFzcw==" } },
    { bearer: "lk_live_short" },
    { bearer: `lk_live_${"A".repeat(43)}` },
    { bearer: A.cookie.split("=")[1] },
  ];
  for (const options of cases) {
    const { body } = await expect(401, "GET", "/api/leads", options);
    assert.equal(body.error, "unauthenticated", JSON.stringify(options));
  }
});

// ---- The tenancy matrix ------------------------------------------------------------

/** The routes of the one route table, as "METHOD /path". */
function routeTable() {
  const source = readFileSync(join(root, "worker/src/lib.rs"), "utf8");
  const routes = [...source.matchAll(/\.(get|post|put|patch|delete|head|options)(?:_async)?\(\s*"([^"]+)"/g)];
  return routes.map(([, method, path]) => `${method.toUpperCase()} ${path}`);
}

/** Routes anyone may call; each is checked below to expose nothing private. */
const PUBLIC = new Set([
  "POST /f/:form_id",
  "OPTIONS /f/:form_id",
  "GET /f/:form_id/thanks",
  "GET /f/:form_id/schema",
  "GET /f/:form_id/embed.js",
  "GET /f/:form_id/t.js",
  "POST /t",
  "OPTIONS /t",
  "GET /api/health",
  "GET /api/openapi.json",
  "POST /api/auth/signup",
  "POST /api/auth/login",
  "POST /api/invitations/accept",
]);

/** Strings that must never reach anyone outside workspace A. */
function secretsOfA() {
  const leadEmails = worker.d1("SELECT email FROM leads WHERE workspace_id = ?", A.workspace).map((r) => r.email);
  const tokenIds = worker.d1("SELECT id FROM api_tokens WHERE workspace_id = ?", A.workspace).map((r) => r.id);
  const webhooks = worker
    .d1("SELECT id, secret FROM webhook_endpoints WHERE workspace_id = ?", A.workspace)
    .flatMap((r) => [r.id, r.secret]);
  const messageIds = worker.d1("SELECT id FROM webhook_messages WHERE workspace_id = ?", A.workspace).map((r) => r.id);
  const members = worker.d1(
    "SELECT u.id, u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = ?",
    A.workspace,
  );
  const invitations = worker.d1("SELECT id, email FROM invitations WHERE workspace_id = ?", A.workspace);
  return [
    A.email, A.me.user.id, "에이크미", ...A.leadIds, ...leadEmails, ...tokenIds, A.token.secret,
    ...members.flatMap((m) => [m.id, m.email]),
    ...invitations.flatMap((i) => [i.id, i.email]),
    A.invitation.token,
    A.segment.name,
    ...webhooks,
    ...messageIds,
  ];
}

function assertNothingOfA(text, what) {
  for (const secret of secretsOfA()) assert.ok(!text.includes(secret), `${what} exposes ${secret}`);
}

/**
 * For each non-public route: how B's credentials (`creds`) are used against A, and what
 * must hold. A's own credentials run the same probe as a control that it can succeed.
 */
const MATRIX = {
  "GET /api/me": async (creds, who) => {
    const { body, text } = await expect(200, "GET", "/api/me", creds);
    assert.equal(body.workspace.id, who.workspace);
    if (who === B) assertNothingOfA(text, "B's /api/me");
  },
  "GET /api/leads": async (creds, who) => {
    // Naming A's workspace in the query changes nothing: the credential alone decides.
    const { body, text } = await expect(200, "GET", `/api/leads?workspace_id=${A.workspace}&after=0`, creds);
    if (who === B) {
      assert.deepEqual(body.leads, []);
      assertNothingOfA(text, "B's /api/leads");
    } else {
      assert.deepEqual(body.leads.map((l) => l.id).sort(), [...A.leadIds].sort());
    }
  },
  "GET /api/leads/:id": async (creds, who) => {
    // A's lead by its id: B is told there is no such lead, as for any unknown id.
    const id = A.leadIds[0];
    if (who === B) {
      const { text } = await expect(404, "GET", `/api/leads/${id}`, creds);
      assertNothingOfA(text, "B's /api/leads/:id");
    } else {
      const { body } = await expect(200, "GET", `/api/leads/${id}`, creds);
      assert.equal(body.id, id);
    }
  },
  "GET /api/tokens": async (creds, who) => {
    const { body, text } = await expect(200, "GET", "/api/tokens", creds);
    const ids = new Set(worker.d1("SELECT id FROM api_tokens WHERE workspace_id = ?", who.workspace).map((r) => r.id));
    assert.ok(body.tokens.every((t) => ids.has(t.id)), "a listed token belongs to another workspace");
    if (who === B) assertNothingOfA(text, "B's /api/tokens");
  },
  "POST /api/tokens": async (creds, who) => {
    const { body } = await expect(201, "POST", "/api/tokens", { ...creds, json: { name: "matrix" } });
    const [row] = worker.d1("SELECT workspace_id FROM api_tokens WHERE id = ?", body.token.id);
    assert.equal(row.workspace_id, who.workspace, "a token was made in another workspace");
  },
  "DELETE /api/tokens/:id": async (creds, who) => {
    if (who === B) {
      const { body } = await expect(404, "DELETE", `/api/tokens/${A.token.id}`, creds);
      assert.equal(body.error, "not_found");
      await expect(200, "GET", "/api/me", { bearer: A.token.secret });
    } else {
      const spare = await createToken(A.cookie, "spare", "sales");
      await expect(204, "DELETE", `/api/tokens/${spare.id}`, creds);
    }
  },
  "GET /api/forms": async (creds, who) => {
    const { body, text } = await expect(200, "GET", "/api/forms", creds);
    if (who === B) {
      assert.ok(!body.forms.some((f) => f.id === "contact"), "B sees A's contact form");
      assertNothingOfA(text, "B's /api/forms");
    } else {
      assert.ok(body.forms.some((f) => f.id === "contact"));
    }
  },
  "GET /api/forms/:id": async (creds, who) => {
    if (who === B) {
      const { text } = await expect(404, "GET", "/api/forms/contact", creds);
      assertNothingOfA(text, "B's /api/forms/contact");
    } else {
      await expect(200, "GET", "/api/forms/contact", creds);
    }
  },
  "PUT /api/forms/:id": async (creds, who) => {
    const contact = (await expect(200, "GET", "/api/forms/contact", { cookie: A.cookie })).body;
    const changed = { ...contact, name: `renamed by ${who === B ? "B" : "A"}` };
    if (who === B) {
      // B cannot take over or change A's form, and learns nothing about it.
      await expect(404, "PUT", "/api/forms/contact", { ...creds, json: changed });
      assert.equal(worker.d1("SELECT workspace_id FROM forms WHERE id = 'contact'")[0].workspace_id, A.workspace);
      assert.ok(!worker.d1("SELECT name FROM forms WHERE id = 'contact'")[0].name.includes("by B"));
    } else {
      const { body } = await expect(200, "PUT", "/api/forms/contact", { ...creds, json: changed });
      assert.equal(body.name, "renamed by A");
    }
  },
  "GET /api/engine-config": async (creds, who) => {
    const { body, text } = await expect(200, "GET", "/api/engine-config", creds);
    assert.ok(body.config.scoring);
    if (who === B) assertNothingOfA(text, "B's /api/engine-config");
  },
  "GET /api/engine-config/versions": async (creds, who) => {
    const { body, text } = await expect(200, "GET", "/api/engine-config/versions", creds);
    const mine = worker.d1("SELECT count(*) AS n FROM engine_config_versions WHERE workspace_id = ?", who.workspace)[0].n;
    assert.equal(body.versions.length, mine);
    if (who === B) assertNothingOfA(text, "B's /api/engine-config/versions");
  },
  "PUT /api/engine-config": async (creds, who) => {
    const { body } = await expect(200, "GET", "/api/engine-config", creds);
    const before = worker.d1("SELECT workspace_id, version FROM engine_config_versions");
    await expect(200, "PUT", "/api/engine-config", { ...creds, json: { config: body.config, base_version: body.version } });
    const after = worker.d1("SELECT workspace_id, version FROM engine_config_versions");
    const added = after.filter((row) => !before.some((b) => b.workspace_id === row.workspace_id && b.version === row.version));
    assert.deepEqual(added.map((r) => r.workspace_id), [who.workspace], "saved into another workspace");
  },
  "POST /api/demo": async (creds, who) => {
    // A has leads, so A's demo is refused; B's first call fills B's own workspace. Either
    // way nothing of A changes and B's answer names nothing of A.
    const ofA = () => worker.d1("SELECT count(*) AS n FROM leads WHERE workspace_id = ?", A.workspace)[0].n;
    const before = ofA();
    const res = await request("POST", "/api/demo", { ...creds, json: { leads: 20 } });
    const text = await res.text();
    if (who === B) {
      assert.ok([201, 409].includes(res.status), `${res.status}: ${text}`);
      assertNothingOfA(text, "B's demo fill");
      assert.equal(worker.d1("SELECT count(*) AS n FROM leads WHERE workspace_id = ?", B.workspace)[0].n, 20);
    } else {
      assert.equal(res.status, 409, text);
    }
    assert.equal(ofA(), before);
  },
  "POST /api/sync/push": async (creds, who) => {
    // B pushing an edit of A's lead: the lead is unknown to B and nothing of A changes.
    const replica = "7f3c2d1e-0000-4000-8000-00000000000" + (who === B ? "b" : "a");
    const before = worker.d1("SELECT id, version FROM leads WHERE workspace_id = ? ORDER BY id", A.workspace);
    const op = {
      id: crypto.randomUUID(), replica, seq: 1, hlc: { wall_ms: Date.now(), counter: 0, replica },
      body: { op: "set_lead_fields", lead_id: A.leadIds[0], fields: { title: "by matrix" } },
    };
    const { body, text } = await expect(200, "POST", "/api/sync/push", { ...creds, json: { schema_version: 1, replica, operations: [op] } });
    if (who === B) {
      assert.ok(["rejected", "duplicate"].includes(body.results[0].outcome), text);
      assertNothingOfA(text, "B's push");
      assert.deepEqual(worker.d1("SELECT id, version FROM leads WHERE workspace_id = ? ORDER BY id", A.workspace), before);
    }
  },
  "GET /api/handoff/settings": async (creds, who) => {
    const { body, text } = await expect(200, "GET", "/api/handoff/settings", creds);
    if (who === B) assertNothingOfA(text, "B's /api/handoff/settings");
    assert.ok(body.settings.handoff_stage);
  },
  "PUT /api/handoff/settings": async (creds, who) => {
    const before = worker.d1("SELECT workspace_id, version FROM handoff_settings ORDER BY workspace_id");
    const { body } = await expect(200, "GET", "/api/handoff/settings", creds);
    await expect(200, "PUT", "/api/handoff/settings", { ...creds, json: body.settings });
    const after = worker.d1("SELECT workspace_id, version FROM handoff_settings ORDER BY workspace_id");
    const changed = after.filter((row) => !before.some((b) => b.workspace_id === row.workspace_id && b.version === row.version));
    assert.deepEqual(changed.map((r) => r.workspace_id), [who.workspace], "saved into another workspace");
  },
  "GET /api/handoff/queue": async (creds, who) => {
    const { body, text } = await expect(200, "GET", "/api/handoff/queue", creds);
    const ids = new Set(worker.d1("SELECT id FROM handoffs WHERE workspace_id = ?", who.workspace).map((r) => r.id));
    for (const entry of [...body.waiting, ...body.assigned, ...body.answered]) assert.ok(ids.has(entry.id));
    if (who === B) assertNothingOfA(text, "B's /api/handoff/queue");
  },
  "POST /api/handoffs/:id/answer": async (creds, who) => {
    // No handoff of either workspace has this id; A's own handoffs are answered across
    // workspaces in tests/handoff.test.mjs. The answer must be a 404 that names nothing.
    const { text } = await expect(404, "POST", `/api/handoffs/${A.token.id}/answer`, { ...creds, json: { answer: "accept" } });
    if (who === B) assertNothingOfA(text, "B's handoff answer");
  },
  "GET /api/webhooks": async (creds, who) => {
    const { body, text } = await expect(200, "GET", "/api/webhooks", creds);
    const ids = new Set(worker.d1("SELECT id FROM webhook_endpoints WHERE workspace_id = ?", who.workspace).map((r) => r.id));
    assert.ok(body.endpoints.every((e) => ids.has(e.id)), "a listed endpoint belongs to another workspace");
    if (who === B) assertNothingOfA(text, "B's /api/webhooks");
    else assert.ok(body.endpoints.some((e) => e.id === A.webhook.id));
  },
  "POST /api/webhooks": async (creds, who) => {
    const json = { url: "http://127.0.0.1:9/matrix", event_types: ["handoff.assigned"] };
    const { body } = await expect(201, "POST", "/api/webhooks", { ...creds, json });
    const [row] = worker.d1("SELECT workspace_id FROM webhook_endpoints WHERE id = ?", body.endpoint.id);
    assert.equal(row.workspace_id, who.workspace, "an endpoint was made in another workspace");
  },
  "DELETE /api/webhooks/:id": async (creds, who) => {
    if (who === B) {
      const { body, text } = await expect(404, "DELETE", `/api/webhooks/${A.webhook.id}`, creds);
      assert.equal(body.error, "not_found");
      assertNothingOfA(text, "B's DELETE of A's endpoint");
      assert.equal(worker.d1("SELECT active FROM webhook_endpoints WHERE id = ?", A.webhook.id)[0].active, 1);
    } else {
      const spare = await createWebhook(A.cookie, ["handoff.assigned"]);
      await expect(204, "DELETE", `/api/webhooks/${spare.id}`, creds);
    }
  },
  "GET /api/webhooks/deliveries": async (creds, who) => {
    const { body, text } = await expect(200, "GET", "/api/webhooks/deliveries", creds);
    if (who === B) {
      assert.deepEqual(body.deliveries, []);
      assertNothingOfA(text, "B's delivery log");
      // Naming A's endpoint gets the answer an unknown id gets.
      const filtered = await expect(404, "GET", `/api/webhooks/deliveries?endpoint_id=${A.webhook.id}`, creds);
      assertNothingOfA(filtered.text, "B's delivery log for A's endpoint");
    } else {
      assert.ok(body.deliveries.length >= 2, "A's leads left no deliveries");
      assert.ok(body.deliveries.every((d) => d.endpoint_id === A.webhook.id));
    }
  },
  "GET /api/members": async (creds, who) => {
    const { body, text } = await expect(200, "GET", "/api/members", creds);
    const mine = worker.d1("SELECT user_id FROM memberships WHERE workspace_id = ?", who.workspace).map((r) => r.user_id);
    assert.deepEqual(body.members.map((m) => m.user_id).sort(), mine.sort());
    if (who === B) assertNothingOfA(text, "B's /api/members");
  },
  "PUT /api/members/:user_id": async (creds, who) => {
    if (who === B) {
      // B cannot demote A's admin, and the answer is the 404 of an unknown member.
      const { body, text } = await expect(404, "PUT", `/api/members/${A.me.user.id}`, { ...creds, json: { role: "sales" } });
      assert.equal(body.error, "not_found");
      assertNothingOfA(text, "B's PUT /api/members");
      assert.equal(worker.d1("SELECT role FROM memberships WHERE user_id = ?", A.me.user.id)[0].role, "admin");
    } else {
      const spare = await spareMemberOfA();
      const { body } = await expect(200, "PUT", `/api/members/${spare}`, { ...creds, json: { role: "marketing" } });
      assert.equal(body.role, "marketing");
    }
  },
  "DELETE /api/members/:user_id": async (creds, who) => {
    if (who === B) {
      const { text } = await expect(404, "DELETE", `/api/members/${A.me.user.id}`, creds);
      assertNothingOfA(text, "B's DELETE /api/members");
      await expect(200, "GET", "/api/me", { cookie: A.cookie });
    } else {
      const spare = await spareMemberOfA();
      await expect(204, "DELETE", `/api/members/${spare}`, creds);
      assert.equal(worker.d1("SELECT count(*) AS n FROM memberships WHERE user_id = ?", spare)[0].n, 0);
    }
  },
  "POST /api/invitations": async (creds, who) => {
    // Each workspace invites its own address, so A's never shows up in B's answers.
    const email = `matrix-${who === B ? "b" : "a"}@elsewhere.kr`;
    const { body, text } = await expect(201, "POST", "/api/invitations", { ...creds, json: { email, role: "sales" } });
    const [row] = worker.d1("SELECT workspace_id FROM invitations WHERE id = ?", body.invitation.id);
    assert.equal(row.workspace_id, who.workspace, "an invitation was made in another workspace");
    if (who === B) assertNothingOfA(text, "B's POST /api/invitations");
  },
  "GET /api/invitations": async (creds, who) => {
    const { body, text } = await expect(200, "GET", "/api/invitations", creds);
    const ids = new Set(worker.d1("SELECT id FROM invitations WHERE workspace_id = ?", who.workspace).map((r) => r.id));
    assert.ok(body.invitations.every((i) => ids.has(i.id)), "a listed invitation belongs to another workspace");
    if (who === B) assertNothingOfA(text, "B's /api/invitations");
    else assert.ok(body.invitations.some((i) => i.id === A.invitation.id));
  },
  "DELETE /api/invitations/:id": async (creds, who) => {
    if (who === B) {
      const { body, text } = await expect(404, "DELETE", `/api/invitations/${A.invitation.id}`, creds);
      assert.equal(body.error, "not_found");
      assertNothingOfA(text, "B's DELETE /api/invitations");
      assert.equal(worker.d1("SELECT revoked FROM invitations WHERE id = ?", A.invitation.id)[0].revoked, 0);
    } else {
      const spare = await createInvitation(A.cookie, "withdrawn@acme.kr", "sales");
      await expect(204, "DELETE", `/api/invitations/${spare.id}`, creds);
      assert.equal(worker.d1("SELECT revoked FROM invitations WHERE id = ?", spare.id)[0].revoked, 1);
    }
  },
  "GET /api/segments": async (creds, who) => {
    const { body, text } = await expect(200, "GET", "/api/segments", creds);
    if (who === B) {
      assert.deepEqual(body.segments, []);
      assertNothingOfA(text, "B's /api/segments");
    } else {
      assert.ok(body.segments.some((s) => s.id === A.segment.id));
    }
  },
  "PUT /api/segments/:id": async (creds, who) => {
    // B saving under A's id makes B's own segment; A's stays as it was.
    const name = `${who === B ? "B" : "A"} ${creds.cookie ? "session" : "token"}`;
    const { text } = await expect(200, "PUT", `/api/segments/${A.segment.id}`, { ...creds, json: segmentBody(name) });
    if (who === B) assertNothingOfA(text, "B's PUT /api/segments");
    const rows = worker.d1("SELECT workspace_id, name FROM segments WHERE id = ?", A.segment.id);
    const mine = rows.find((r) => r.workspace_id === who.workspace);
    assert.equal(mine.name, name);
    if (who === B) {
      assert.equal(rows.find((r) => r.workspace_id === A.workspace).name, A.segment.name, "B changed A's segment");
    } else {
      await expect(200, "PUT", `/api/segments/${A.segment.id}`, { ...creds, json: segmentBody(A.segment.name) });
    }
  },
  "DELETE /api/segments/:id": async (creds, who) => {
    if (who === B) {
      // B's own copy (made by the PUT probe, if it ran first) goes; A's never does.
      await request("DELETE", `/api/segments/${A.segment.id}`, creds);
      const { body, text } = await expect(404, "DELETE", `/api/segments/${A.segment.id}`, creds);
      assert.equal(body.error, "not_found");
      assertNothingOfA(text, "B's DELETE /api/segments");
      assert.equal(worker.d1("SELECT count(*) AS n FROM segments WHERE id = ? AND workspace_id = ?", A.segment.id, A.workspace)[0].n, 1);
    } else {
      const spare = "6f1c2a44-0000-4000-8000-0000000005ae";
      await expect(200, "PUT", `/api/segments/${spare}`, { ...creds, json: segmentBody("spare") });
      await expect(204, "DELETE", `/api/segments/${spare}`, creds);
    }
  },
  "POST /api/auth/logout": async (creds, who) => {
    if (creds.bearer) {
      await expect(400, "POST", "/api/auth/logout", creds);
      return;
    }
    // Sign out a fresh session of `who`, then check A is still signed in.
    const login = await postJson(worker.url, "/api/auth/login", { email: who.email, password: who.password });
    const cookie = sessionCookie(login);
    await expect(204, "POST", "/api/auth/logout", { cookie });
    await expect(200, "GET", "/api/me", { cookie: A.cookie });
  },
  "POST /api/auth/switch": async (creds, who) => {
    if (creds.bearer) {
      const { body } = await expect(400, "POST", "/api/auth/switch", { ...creds, json: { workspace_id: A.workspace } });
      assert.equal(body.error, "not_a_session");
      return;
    }
    // A fresh session of `who`, so the shared cookies live on.
    const login = await postJson(worker.url, "/api/auth/login", { email: who.email, password: who.password });
    const cookie = sessionCookie(login);
    if (who === B) {
      // B is no member of A's workspace: refused by name, B's session unchanged.
      const { body, text } = await expect(422, "POST", "/api/auth/switch", { cookie, json: { workspace_id: A.workspace } });
      assert.equal(body.fields[0].field, "workspace_id");
      assertNothingOfA(text, "B's POST /api/auth/switch");
      const me = await expect(200, "GET", "/api/me", { cookie });
      assert.equal(me.body.workspace.id, B.workspace);
    } else {
      const { body } = await expect(200, "POST", "/api/auth/switch", { cookie, json: { workspace_id: A.workspace } });
      assert.equal(body.workspace.id, A.workspace);
    }
  },
};

test("the tenancy matrix covers every route in the route table", () => {
  const routes = routeTable();
  assert.ok(routes.length >= 10, `read too few routes: ${routes}`);
  for (const route of routes) {
    assert.ok(PUBLIC.has(route) || route in MATRIX, `${route} is neither public nor in the tenancy matrix`);
  }
  for (const route of [...PUBLIC, ...Object.keys(MATRIX)]) {
    assert.ok(routes.includes(route), `${route} is no longer in the route table`);
  }
});

for (const [route, probe] of Object.entries(MATRIX)) {
  test(`tenancy: ${route} refuses B's session and token for A's data`, async () => {
    const [method, pattern] = route.split(" ");
    const path = pattern.replace(/:[a-z_]+/g, A.token.id);
    // Without any credential: 401, and nothing of A.
    const anonymous = await expect(401, method, path, { json: method === "POST" ? {} : undefined });
    assertNothingOfA(anonymous.text, `anonymous ${route}`);
    for (const creds of [{ cookie: B.cookie }, { bearer: B.token.secret }]) await probe(creds, B);
    for (const creds of [{ cookie: A.cookie }, { bearer: A.token.secret }]) await probe(creds, A);
  });
}

test("public routes expose nothing private", async () => {
  const health = await expect(200, "GET", "/api/health");
  assert.equal(health.text, "ok");
  const openapi = await expect(200, "GET", "/api/openapi.json");
  assert.equal(openapi.body.openapi, "3.1.0");
  assertNothingOfA(openapi.text, "the API description");
  for (const creds of [{}, { cookie: A.cookie }, { bearer: A.token.secret }]) {
    const app = await expect(200, "GET", "/", creds);
    assert.match(app.res.headers.get("content-type"), /text\/html/);
    assertNothingOfA(app.text, "the app's page");
    const thanks = await expect(200, "GET", "/f/contact/thanks", creds);
    assertNothingOfA(thanks.text, "the thank-you page");
    const schema = await expect(200, "GET", "/f/contact/schema", creds);
    assertNothingOfA(schema.text, "the form schema");
    const embed = await expect(200, "GET", "/f/contact/embed.js", creds);
    assertNothingOfA(embed.text, "the embed script");
    // The contact form allows no origins: a preflight from anywhere is refused, quietly.
    const preflight = await expect(403, "OPTIONS", "/f/contact", { ...creds, headers: { origin: "https://evil.example" } });
    assertNothingOfA(preflight.text, "a refused preflight");
  }
  // Capture answers with the new lead's id only, whoever posts.
  const captured = await expect(201, "POST", "/f/contact", {
    cookie: B.cookie,
    json: { email: "public@customer.kr", name: "공개", company: "고객사", ...humanExtras() },
  });
  assert.deepEqual(Object.keys(captured.body).sort(), ["lead_id", "schema_version", "thank_you"]);
  // It lands in the form's workspace (A), not the poster's, and B still sees none of it.
  assert.equal(worker.d1("SELECT workspace_id FROM leads WHERE id = ?", captured.body.lead_id)[0].workspace_id, A.workspace);
  const bLeads = await expect(200, "GET", "/api/leads", { cookie: B.cookie });
  assert.ok(!bLeads.body.leads.some((l) => l.id === captured.body.lead_id), "B sees A's new lead");
  assertNothingOfA(JSON.stringify(bLeads.body), "B's leads after a public post");
  const unknownForm = await expect(404, "POST", "/f/no-such-form", { json: { email: "x@y.kr", name: "X", company: "Y" } });
  assertNothingOfA(unknownForm.text, "an unknown form's answer");
  // Sign-up and sign-in answer only about the caller.
  const login = await expect(401, "POST", "/api/auth/login", { json: { email: A.email, password: "wrong password" } });
  assertNothingOfA(login.text, "a failed sign-in");
  // Accepting answers only the holder of a valid link, whatever credential comes along:
  // B's session and token do not stand in for A's invitation token.
  for (const creds of [{}, { cookie: B.cookie }, { bearer: B.token.secret }]) {
    for (const token of ["", `lk_inv_${"A".repeat(43)}`, A.token.secret]) {
      const refused = await expect(400, "POST", "/api/invitations/accept", { ...creds, json: { token, name: "B", password: B.password } });
      assert.equal(refused.body.error, "invitation_unknown");
      assertNothingOfA(refused.text, "a refused accept");
    }
    // A's real link without name or password: the invited address has no account, so
    // the answer names the fields a new account needs, and nothing of A.
    const wrongOwner = await expect(422, "POST", "/api/invitations/accept", { ...creds, json: { token: A.invitation.token } });
    assertNothingOfA(wrongOwner.text, "an accept without fields");
  }
  assert.equal(worker.d1("SELECT accepted_at FROM invitations WHERE id = ?", A.invitation.id)[0].accepted_at, null);
});

test("a member of two workspaces switches with the session alone; the old session ends", async () => {
  // B invites A's admin into Bravo; A accepts with the account A already has.
  const invited = await expect(201, "POST", "/api/invitations", {
    cookie: B.cookie,
    json: { email: A.email, role: "marketing" },
  });
  await expect(201, "POST", "/api/invitations/accept", { json: { token: invited.body.token, password: A.password } });
  const login = await postJson(worker.url, "/api/auth/login", { email: A.email, password: A.password });
  const before = sessionCookie(login);
  const me = await expect(200, "GET", "/api/me", { cookie: before });
  assert.deepEqual(me.body.workspaces.map((w) => w.id).sort(), [A.workspace, B.workspace].sort());

  // Missing and unknown ids are refused by name and leave the session as it was.
  const missing = await expect(422, "POST", "/api/auth/switch", { cookie: before, json: {} });
  assert.deepEqual(missing.body.fields.map((f) => [f.field, f.code]), [["workspace_id", "required"]]);
  await expect(422, "POST", "/api/auth/switch", { cookie: before, json: { workspace_id: "nowhere" } });
  await expect(200, "GET", "/api/me", { cookie: before });

  const switched = await expect(200, "POST", "/api/auth/switch", { cookie: before, json: { workspace_id: B.workspace } });
  assert.equal(switched.body.workspace.id, B.workspace);
  assert.equal(switched.body.role, "marketing");
  const after = sessionCookie(switched.res);
  assert.ok(after && after !== before, "a new session cookie is set");
  assert.match(switched.res.headers.get("set-cookie"), /HttpOnly; SameSite=Lax; Path=\//);
  // The old session is over; the new one reads Bravo's data only.
  await expect(401, "GET", "/api/me", { cookie: before });
  const leads = await expect(200, "GET", "/api/leads?after=0", { cookie: after });
  assert.ok(!leads.body.leads.some((l) => A.leadIds.includes(l.id)), "A's leads after switching to Bravo");
  assertNothingOfA(leads.text, "Bravo's /api/leads after a switch");
  const [row] = worker.d1("SELECT workspace_id, revoked FROM sessions WHERE id = ?", sha256(after.split("=")[1]));
  assert.deepEqual({ ...row }, { workspace_id: B.workspace, revoked: 0 });
  // And back.
  const back = await expect(200, "POST", "/api/auth/switch", { cookie: after, json: { workspace_id: A.workspace } });
  assert.equal(back.body.role, "admin");
  // Removed from Bravo, A can no longer switch there.
  await expect(204, "DELETE", `/api/members/${A.me.user.id}`, { cookie: B.cookie });
  const gone = await expect(422, "POST", "/api/auth/switch", {
    cookie: sessionCookie(back.res),
    json: { workspace_id: B.workspace },
  });
  assert.equal(gone.body.fields[0].field, "workspace_id");
});
