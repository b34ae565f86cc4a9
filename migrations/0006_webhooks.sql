-- Outbound webhooks: each workspace's endpoints, the outbox of events (written in the
-- same D1 batch as the change that raised them, so an event exists exactly when its
-- change committed) and one delivery per event and subscribed endpoint, which is also
-- the delivery log the API shows.
-- Due times are integer Unix milliseconds, not RFC 3339 text: text with and without
-- fractional seconds does not sort by time, and the sweep compares them.

CREATE TABLE webhook_endpoints (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    url          TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    -- `EventFilter::to_json`: a JSON array of event type names, matched with json_each.
    event_types  TEXT NOT NULL,
    -- `whsec_<base64>`. Kept readable: every delivery is signed with it.
    secret       TEXT NOT NULL,
    -- 0 once deleted: kept so the delivery log still names the endpoint.
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at   TEXT NOT NULL,
    deleted_at   TEXT
);

-- The list, and the fan-out of each new event to the workspace's active endpoints.
CREATE INDEX webhook_endpoints_by_workspace ON webhook_endpoints (workspace_id, active);

CREATE TABLE webhook_messages (
    -- `msg_…`, sent as webhook-id on every attempt.
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    event_type   TEXT NOT NULL,
    -- The envelope's exact bytes: what is signed and sent, the same on every retry.
    body         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

CREATE TABLE webhook_deliveries (
    -- The log's order and paging cursor.
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id     TEXT NOT NULL REFERENCES workspaces(id),
    message_id       TEXT NOT NULL REFERENCES webhook_messages(id),
    endpoint_id      TEXT NOT NULL REFERENCES webhook_endpoints(id),
    -- A copy of the message's, so the log is read without a join.
    event_type       TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'retrying', 'succeeded', 'gave_up')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_status_code INTEGER,
    last_error       TEXT,
    last_attempt_at  TEXT,
    -- When the next attempt is due; NULL once succeeded or given up.
    next_attempt_ms  INTEGER,
    -- An attempt in flight holds the delivery until then, so a duplicate queue message
    -- or the sweep cannot send it twice at once; NULL when none is.
    lease_until_ms   INTEGER,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    -- One delivery per message and endpoint, however often the outbox is written.
    UNIQUE (message_id, endpoint_id)
);

-- The delivery log, newest first, per workspace and per endpoint.
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (workspace_id, id);
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, id);
-- The sweep: deliveries still to be attempted, by due time.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_ms)
    WHERE next_attempt_ms IS NOT NULL;
