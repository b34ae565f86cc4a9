// The workspace's engine configuration over the API, against the real worker: read by
// everyone, saved by marketing and admins as numbered versions with who, why and what
// changed, refused by field when the engine cannot run it, refused with 409 when another
// save came first — and what capture scores with from the next post on.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startWorker } from "./support/worker.mjs";
import { mqlThreshold } from "./support/engine.mjs";
import { humanExtras } from "./support/forms.mjs";
import { postJson, signUp } from "./support/auth.mjs";
import { callApi } from "./support/http.mjs";

let worker;
let A;

before(async () => {
  worker = await startWorker();
  A = await signUp(worker.url, { email: "ops@acme.kr", name: "박운영", workspace_name: "에이크미" });
});

after(async () => {
  await worker?.stop();
});

const call = (method, path, options = {}) => callApi(worker.url, method, path, { cookie: A.cookie, ...options });

test("the defaults are version 0; a save makes version 1 with who, why and what changed", async () => {
  const current = await call("GET", "/api/engine-config");
  assert.equal(current.status, 200);
  assert.equal(current.body.version, 0);
  const config = structuredClone(current.body.config);
  const before = mqlThreshold(config).points;
  mqlThreshold(config).points = 1;

  const saved = await call("PUT", "/api/engine-config", {
    json: { config, base_version: 0, note: "  Q4 리뷰: MQL 기준 완화  " },
  });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  assert.equal(saved.body.version, 1);
  assert.equal(saved.body.saved_by, A.me.user.id);
  assert.equal(mqlThreshold(saved.body.config).points, 1);

  const history = (await call("GET", "/api/engine-config/versions")).body.versions;
  assert.equal(history.length, 1);
  assert.equal(history[0].version, 1);
  assert.equal(history[0].saved_by_name, "박운영");
  assert.equal(history[0].note, "Q4 리뷰: MQL 기준 완화");
  assert.deepEqual(history[0].changes.map((c) => [c.before, c.after]), [[before, 1]]);
  assert.match(history[0].changes[0].path, /^lifecycle\.definitions\[mql\]\.criteria/);
});

test("capture scores with the saved rules from the next post on", async () => {
  const res = await postJson(worker.url, "/f/contact", {
    email: "after-save@customer.co.kr",
    name: "새 규칙",
    company: "고객사",
    ...humanExtras("contact"),
  });
  const { lead_id } = await res.json();
  assert.equal(worker.d1("SELECT stage FROM leads WHERE id = ?", lead_id)[0].stage, "mql");
});

test("a save from a stale base is refused with 409 and writes nothing", async () => {
  const { config } = (await call("GET", "/api/engine-config")).body;
  mqlThreshold(config).points = 99;
  const stale = await call("PUT", "/api/engine-config", { json: { config, base_version: 0 } });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.error, "version_conflict");
  assert.equal((await call("GET", "/api/engine-config")).body.version, 1);
  assert.equal(worker.d1("SELECT count(*) AS n FROM engine_config_versions")[0].n, 1);
});

test("a configuration the engine cannot run is refused naming its part; bad bodies are 400", async () => {
  const { config } = (await call("GET", "/api/engine-config")).body;
  const broken = structuredClone(config);
  broken.lifecycle.definitions = broken.lifecycle.definitions.filter((d) => d.stage !== "mql");
  const refused = await call("PUT", "/api/engine-config", { json: { config: broken, base_version: 1 } });
  assert.equal(refused.status, 422, JSON.stringify(refused.body));
  assert.equal(refused.body.fields[0].field, "config.lifecycle");
  const long = await call("PUT", "/api/engine-config", { json: { config, base_version: 1, note: "가".repeat(501) } });
  assert.equal(long.status, 422);
  assert.equal(long.body.fields[0].field, "note");
  assert.equal((await call("PUT", "/api/engine-config", { json: { base_version: 1 } })).status, 400);
  assert.equal((await call("GET", "/api/engine-config")).body.version, 1, "nothing saved");
});

test("sales may read the rules but not change them", async () => {
  const token = await call("POST", "/api/tokens", { json: { name: "sales crm", role: "sales" } });
  const read = await call("GET", "/api/engine-config", { bearer: token.body.secret });
  assert.equal(read.status, 200);
  const write = await call("PUT", "/api/engine-config", { bearer: token.body.secret, json: { config: read.body.config, base_version: 1 } });
  assert.equal(write.status, 403);
});
