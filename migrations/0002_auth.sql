-- Sign-in and tenancy: people, their roles in workspaces, browser sessions and API
-- tokens. Secrets are never stored: sessions and tokens are kept as the SHA-256 of the
-- token (the random token has 256 bits, so a plain hash is enough), passwords as
-- PBKDF2-HMAC-SHA256 with a per-user salt and the iteration count used.
-- Every row that belongs to a workspace carries workspace_id, and every query the worker
-- runs for a caller filters on the caller's workspace.

CREATE TABLE users (
    id                  TEXT PRIMARY KEY,
    -- Normalised (trimmed, NFC, lower case) so one person has one account.
    email               TEXT NOT NULL UNIQUE,
    display_name        TEXT NOT NULL,
    -- Hex of the 32-byte PBKDF2 output and of its 16-byte salt.
    password_hash       TEXT NOT NULL,
    password_salt       TEXT NOT NULL,
    -- Kept per user so the count can be raised later without locking anyone out.
    password_iterations INTEGER NOT NULL CHECK (password_iterations > 0),
    created_at          TEXT NOT NULL
);

CREATE TABLE memberships (
    user_id      TEXT NOT NULL REFERENCES users(id),
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    role         TEXT NOT NULL CHECK (role IN ('admin', 'marketing', 'sales')),
    created_at   TEXT NOT NULL,
    PRIMARY KEY (user_id, workspace_id)
);

-- "Who is in this workspace", and the demo-workspace claim check at sign-up.
CREATE INDEX memberships_by_workspace ON memberships (workspace_id);

CREATE TABLE sessions (
    -- SHA-256 (hex) of the token in the lk_session cookie.
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    revoked      INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
    -- A session signs a member into one of their workspaces, never another.
    FOREIGN KEY (user_id, workspace_id) REFERENCES memberships (user_id, workspace_id)
);

CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_workspace ON sessions (workspace_id);

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    name         TEXT NOT NULL,
    -- SHA-256 (hex) of the whole token; how a bearer token is looked up.
    token_hash   TEXT NOT NULL UNIQUE,
    -- The first characters (lk_live_ + 4), shown in lists to tell tokens apart.
    prefix       TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('admin', 'marketing', 'sales')),
    -- The admin who made it.
    created_by   TEXT REFERENCES users(id),
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked      INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
);

CREATE INDEX api_tokens_by_workspace ON api_tokens (workspace_id, created_at);

-- Forms were only ever looked up by id; workspace-scoped form lists need this.
CREATE INDEX forms_by_workspace ON forms (workspace_id);
