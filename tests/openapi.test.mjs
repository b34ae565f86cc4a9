// The OpenAPI document (worker/openapi.json) stays true to the route table: every route
// in worker/src/lib.rs is documented and every documented operation exists, and the
// statuses the server really answers for a few requests are documented ones.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startWorker, root } from "./support/worker.mjs";

const spec = JSON.parse(readFileSync(join(root, "worker/openapi.json"), "utf8"));

/** `METHOD /path` of every route in the one route table, with `:param` as `{param}`. */
function routeTable() {
  const source = readFileSync(join(root, "worker/src/lib.rs"), "utf8");
  const routes = [...source.matchAll(/\.(get|post|put|patch|delete|head|options)(?:_async)?\(\s*"([^"]+)"/g)];
  return routes.map(([, method, path]) => `${method.toUpperCase()} ${path.replace(/:([a-z_]+)/g, "{$1}")}`);
}

function documented() {
  const ops = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of ["get", "post", "put", "patch", "delete", "head", "options"]) {
      if (item[method]) ops.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return ops;
}

test("every route is documented and every documented operation is a route", () => {
  const routes = new Set(routeTable());
  const docs = new Set(documented());
  assert.ok(routes.size >= 10, "the route table could not be read");
  for (const route of routes) assert.ok(docs.has(route), `${route} is not in worker/openapi.json`);
  for (const op of docs) assert.ok(routes.has(op), `worker/openapi.json documents ${op}, which is not a route`);
});

test("the document is OpenAPI 3.1 and every operation documents its answers", () => {
  assert.equal(spec.openapi, "3.1.0");
  for (const op of documented()) {
    const [method, path] = op.split(" ");
    const operation = spec.paths[path][method.toLowerCase()];
    assert.ok(operation.summary, `${op} has no summary`);
    assert.ok(Object.keys(operation.responses ?? {}).length > 0, `${op} documents no responses`);
  }
});

let worker;
before(async () => {
  worker = await startWorker();
});
after(async () => {
  await worker?.stop();
});

test("statuses the server answers are documented", async () => {
  const cases = [
    ["GET", "/api/health", {}],
    ["GET", "/api/leads", {}],
    ["GET", "/api/me", {}],
    ["GET", "/api/tokens", {}],
    ["GET", "/api/webhooks", {}],
    ["GET", "/api/webhooks/deliveries", {}],
    ["POST", "/f/contact", { headers: { "content-type": "text/plain" }, body: "x" }],
    ["POST", "/f/no-such-form", { headers: { "content-type": "application/json" }, body: "{}" }],
    ["POST", "/f/contact", { headers: { "content-type": "application/json" }, body: "{}" }],
    ["POST", "/api/auth/login", { headers: { "content-type": "application/json" }, body: '{"email":"a@b.kr","password":"wrong password"}' }],
    ["GET", "/f/contact/schema", {}],
    ["GET", "/api/members", {}],
    ["DELETE", "/api/members/00000000-0000-4000-8000-000000000000", {}],
    ["POST", "/api/invitations/accept", { headers: { "content-type": "application/json" }, body: '{"token":"lk_inv_unknown"}' }],
  ];
  for (const [method, path, init] of cases) {
    const res = await fetch(`${worker.url}${path}`, { method, redirect: "manual", ...init });
    // A literal path wins over a template it also matches (/api/webhooks/deliveries);
    // among templates, the one that has this method (/api/invitations/accept fits
    // /api/invitations/{id} too, which has no POST).
    const template =
      Object.keys(spec.paths).find((p) => p === path) ??
      Object.keys(spec.paths).find(
        (p) => new RegExp(`^${p.replace(/\{[a-z_]+\}/g, "[^/]+")}$`).test(path) && spec.paths[p][method.toLowerCase()],
      );
    assert.ok(template, `${path} matches no documented path`);
    const operation = spec.paths[template][method.toLowerCase()];
    assert.ok(String(res.status) in operation.responses, `${method} ${path} answered ${res.status}, not documented`);
  }
});
