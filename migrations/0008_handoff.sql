-- Handoff to sales: each workspace's rules (reps, capacity, SLA, reasons), and every
-- lead queued for sales with what became of it. A lead that enters the handoff stage
-- is queued in the batch that moves it; the HandoffDesk Durable Object (one per
-- workspace, so two plans never hand out the same capacity) assigns from the queue.

-- A workspace's `HandoffSettings` as JSON; no row means the defaults (no reps yet).
CREATE TABLE handoff_settings (
    workspace_id  TEXT PRIMARY KEY REFERENCES workspaces(id),
    settings_json TEXT NOT NULL,
    version       INTEGER NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT
);

CREATE TABLE handoffs (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    lead_id      TEXT NOT NULL REFERENCES leads(id),
    -- waiting → assigned → accepted | rejected
    state        TEXT NOT NULL CHECK (state IN ('waiting', 'assigned', 'accepted', 'rejected')),
    -- The lead's total score when queued: the planner takes the hottest first.
    score        INTEGER NOT NULL,
    queued_at    TEXT NOT NULL,
    rep_id       TEXT,
    -- 'rule' or 'round_robin'
    assigned_by  TEXT,
    assigned_at  TEXT,
    sla_due      TEXT,
    answered_at  TEXT,
    reason       TEXT,
    note         TEXT,
    -- When the waiting-too-long alert went out (at most once per handoff).
    alerted_at   TEXT,
    -- When the desk saw the SLA pass unanswered.
    breached_at  TEXT
);

-- One open handoff per lead: re-entering the stage while queued or assigned adds none.
CREATE UNIQUE INDEX handoffs_open_per_lead ON handoffs (workspace_id, lead_id)
WHERE state IN ('waiting', 'assigned');
CREATE INDEX handoffs_by_state ON handoffs (workspace_id, state, queued_at);
CREATE INDEX handoffs_by_rep ON handoffs (workspace_id, rep_id, assigned_at);
