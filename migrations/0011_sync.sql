-- Offline sync: the operations replicas push, applied exactly once and in order per
-- replica. The last applied sequence of each replica is written in the same D1 batch as
-- the operation's effects, so a crash can neither apply an operation twice nor skip one.

-- Per lead, the hybrid logical clock of the replica write that set each field
-- ({"title": {"wall_ms": …, "counter": …, "replica": …}}); fields not listed were set at
-- the edge and lose to any replica edit. NULL means none.
ALTER TABLE leads ADD COLUMN stamps_json TEXT;

CREATE TABLE sync_replicas (
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    replica_id   TEXT NOT NULL,
    last_seq     INTEGER NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (workspace_id, replica_id)
);

-- Every applied operation, in the order applied: the workspace's operation log.
CREATE TABLE sync_operations (
    log_seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    -- The operation's own id: a duplicate fails this and its whole batch.
    op_id        TEXT NOT NULL UNIQUE,
    replica_id   TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    lead_id      TEXT,
    -- 'applied' or the rejection's code (a refused operation still uses its sequence).
    outcome      TEXT NOT NULL,
    operation_json TEXT NOT NULL,
    applied_at   TEXT NOT NULL
);

CREATE INDEX sync_operations_by_workspace ON sync_operations (workspace_id, log_seq);
