-- Scoring and stages at the edge: each workspace's engine configuration, every lead's
-- current numbers and stage, its touches, and the history of its stage changes (what
-- funnel reports count). Capture writes all of them in the batch that stores the lead.

-- A workspace's `EngineConfig` (ICP personas, scoring model, stage rules) as JSON. No
-- row means `EngineConfig::korean_b2b_default()`.
CREATE TABLE workspace_engine_config (
    workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id),
    config_json  TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    updated_at   TEXT NOT NULL
);

-- The lead's stage and the numbers of its last assessment. Leads stored before this
-- migration keep NULL scores until something re-scores them.
ALTER TABLE leads ADD COLUMN stage TEXT NOT NULL DEFAULT 'lead';
ALTER TABLE leads ADD COLUMN fit INTEGER;
ALTER TABLE leads ADD COLUMN engagement INTEGER;
ALTER TABLE leads ADD COLUMN total INTEGER;
-- 'A'..'D'; NULL when no persona matched.
ALTER TABLE leads ADD COLUMN tier TEXT;
ALTER TABLE leads ADD COLUMN persona TEXT;
ALTER TABLE leads ADD COLUMN scored_at TEXT;

-- Everything a person did, append-only; `record_json` is the whole `Touch` as the
-- engine reads it, `kind` and `at` are copies for queries.
CREATE TABLE touches (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    lead_id      TEXT NOT NULL REFERENCES leads(id),
    kind         TEXT NOT NULL,
    at           TEXT NOT NULL,
    record_json  TEXT NOT NULL
);

CREATE INDEX touches_by_lead ON touches (workspace_id, lead_id);

-- Every move between stages, including each lead's creation (from_stage NULL).
-- `reason` is 'created' or 'rule' for the engine's own records.
CREATE TABLE stage_changes (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    lead_id      TEXT NOT NULL REFERENCES leads(id),
    from_stage   TEXT,
    to_stage     TEXT NOT NULL,
    at           TEXT NOT NULL,
    actor_json   TEXT NOT NULL,
    reason       TEXT
);

CREATE INDEX stage_changes_by_lead ON stage_changes (workspace_id, lead_id);
