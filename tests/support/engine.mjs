// The workspace engine configuration in tests: `EngineConfig::korean_b2b_default()` as
// JSON (a shared unit test keeps tests/fixtures/engine-config-default.json equal to it),
// with the MQL score bar moved where a test needs it, and the SQL that stores it for a
// workspace before the worker starts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./worker.mjs";

/** A fresh copy of the default engine configuration. */
export function defaultEngineConfig() {
  return JSON.parse(readFileSync(join(root, "tests/fixtures/engine-config-default.json"), "utf8"));
}

/** The MQL definition's `min_total` criterion of `config` (edit its `points`). */
export function mqlThreshold(config) {
  return config.lifecycle.definitions.find((d) => d.stage === "mql").criteria.find((c) => c.criterion === "min_total");
}

/** The default configuration with the MQL bar at `points`. */
export function configWithMqlBar(points) {
  const config = defaultEngineConfig();
  mqlThreshold(config).points = points;
  return config;
}

/** SQL storing `config` as `workspaceId`'s engine configuration (version 2). */
export function engineConfigSeed(workspaceId, config) {
  const quote = (text) => `'${text.replaceAll("'", "''")}'`;
  return `INSERT INTO workspace_engine_config (workspace_id, config_json, version, updated_at)
VALUES (${quote(workspaceId)}, ${quote(JSON.stringify(config))}, 2, '2026-11-24T00:00:00Z');`;
}

/**
 * Points of rule `ruleId` in the default scoring model, read from its rule table in
 * shared/src/scoring/defaults.rs, so expectations follow the rules, not the worker.
 */
export function defaultPoints(ruleId) {
  const source = readFileSync(join(root, "shared/src/scoring/defaults.rs"), "utf8");
  const m = source.match(new RegExp(`"${ruleId}",\\s*"[^"]*",\\s*\\w+,\\s*(?:None|Some\\([^)]*\\)\\)),\\s*(-?\\d+),`));
  if (!m) throw new Error(`no ${ruleId} row in shared/src/scoring/defaults.rs`);
  return Number(m[1]);
}
