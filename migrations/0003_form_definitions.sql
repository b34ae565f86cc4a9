-- Definition-driven capture: a form's stored definition, and every accepted submission
-- kept as received (audit) next to the lead it made.

-- The form's `FormDefinition` as JSON. NULL means `FormDefinition::default_contact` for
-- the form's id and workspace, so forms created before definitions (the seeded
-- `contact` form) keep capturing.
ALTER TABLE forms ADD COLUMN definition_json TEXT;

-- One row per accepted submission, written in the same batch as its lead, so a lead
-- never exists without its raw submission nor a submission without its lead.
CREATE TABLE submissions (
    id             TEXT PRIMARY KEY,
    workspace_id   TEXT NOT NULL REFERENCES workspaces(id),
    form_id        TEXT NOT NULL REFERENCES forms(id),
    -- The client's submission id (Idempotency-Key header or submission_id field);
    -- NULL when the client sent none. SQLite's UNIQUE lets NULLs repeat.
    submission_key TEXT,
    -- The media type the body was sent as, e.g. application/json.
    content_type   TEXT NOT NULL,
    -- The body as received (at most 64 KiB: larger bodies are refused before this).
    raw_body       BLOB NOT NULL,
    -- The consent records (purpose, granted, text version, time) as a JSON array.
    consents_json  TEXT NOT NULL DEFAULT '[]',
    received_at    TEXT NOT NULL,
    -- The first-party visitor id (the worker's `lk_vid` cookie) the browser sent, so a
    -- returning visitor is asked the next progressive-profiling questions.
    visitor_id     TEXT,
    lead_id        TEXT NOT NULL REFERENCES leads(id),
    -- A retried submission finds its first answer here; a concurrent duplicate fails
    -- this constraint and its whole batch (lead included) rolls back.
    UNIQUE (workspace_id, form_id, submission_key)
);

CREATE INDEX submissions_by_lead ON submissions (lead_id);
CREATE INDEX submissions_by_form_received ON submissions (form_id, received_at);
CREATE INDEX submissions_by_visitor ON submissions (workspace_id, visitor_id);
CREATE INDEX leads_by_workspace_email ON leads (workspace_id, email);
