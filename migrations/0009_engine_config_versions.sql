-- Every saved engine configuration, so marketing and sales can see what they agreed on:
-- who saved which version when, why, and what changed from the version before.
-- `workspace_engine_config` keeps the current one (what capture reads).

ALTER TABLE workspace_engine_config ADD COLUMN updated_by TEXT;

CREATE TABLE engine_config_versions (
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    version       INTEGER NOT NULL,
    config_json   TEXT NOT NULL,
    saved_at      TEXT NOT NULL,
    -- The user's id; NULL when an API token saved it.
    saved_by      TEXT,
    saved_by_name TEXT,
    note          TEXT,
    -- `engine::config_diff` against the version before, as JSON.
    changes_json  TEXT NOT NULL,
    PRIMARY KEY (workspace_id, version)
);
