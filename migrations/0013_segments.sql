-- The team's saved segments: a filter over leads (rules, leads added by hand, or both)
-- and the message template for its leads, as `leadkit_shared::segments::Segment` JSON.
-- Ids are chosen by the client that creates a segment, so they are unique per workspace
-- only: another workspace's id never reaches this workspace's row.

CREATE TABLE segments (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    id           TEXT NOT NULL,
    name         TEXT NOT NULL,
    segment_json TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    -- The user's id; NULL when an API token saved it.
    updated_by   TEXT,
    PRIMARY KEY (workspace_id, id)
);
