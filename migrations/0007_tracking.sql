-- Visitor tracking (POST /t): every accepted event of a visitor, keyed by the event id
-- the client made, so a beacon the browser retries is stored once per workspace. An
-- anonymous visitor's events wait here with no lead; when the visitor identifies through
-- a form, capture copies them into `touches` (same id) and sets `lead_id`, in the batch
-- that stores the submission. An identified visitor's events are written with their lead
-- and as touches straight away.
CREATE TABLE visitor_events (
    id           TEXT NOT NULL,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    -- The `lk_vid` cookie (or the sender's own id): submissions.visitor_id joins it.
    visitor_id   TEXT NOT NULL,
    -- NULL until the visitor identifies.
    lead_id      TEXT REFERENCES leads(id),
    -- The form whose snippet sent the event.
    form_id      TEXT NOT NULL,
    kind         TEXT NOT NULL,
    -- The touch's time (the server's clock when the event arrived).
    at           TEXT NOT NULL,
    -- The `Touch` the event records, as the engine reads it.
    record_json  TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    UNIQUE (workspace_id, id)
);

CREATE INDEX visitor_events_by_visitor ON visitor_events (workspace_id, visitor_id);
CREATE INDEX visitor_events_by_lead ON visitor_events (workspace_id, lead_id)
WHERE lead_id IS NOT NULL;
