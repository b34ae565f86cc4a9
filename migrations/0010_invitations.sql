-- Invitations into a workspace. An admin invites an e-mail address with a role; the
-- invitee follows a link carrying a random token and joins (making an account, or
-- proving they own the one the address has). As with sessions and API tokens only the
-- SHA-256 of the token is kept. Accepting writes the membership, the session and
-- accepted_at/accepted_by in one batch.

CREATE TABLE invitations (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    -- Normalised (trimmed, NFC, lower case), as users.email, so the invitation meets
    -- the account it is for.
    email        TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('admin', 'marketing', 'sales')),
    -- SHA-256 (hex) of the lk_inv_… token; how an accept request finds its invitation.
    token_hash   TEXT NOT NULL UNIQUE,
    -- The admin who invited; NULL when an admin API token did.
    invited_by   TEXT REFERENCES users(id),
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    accepted_at  TEXT,
    accepted_by  TEXT REFERENCES users(id),
    -- Set when an admin withdraws it or a newer invitation to the address replaces it.
    revoked      INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
    CHECK ((accepted_at IS NULL) = (accepted_by IS NULL)),
    -- Used or withdrawn, never both: revoking is refused once someone has joined.
    CHECK (accepted_at IS NULL OR revoked = 0)
);

-- The workspace's list, newest first.
CREATE INDEX invitations_by_workspace ON invitations (workspace_id, created_at);

-- One open invitation per address and workspace: a new one revokes the old in the same
-- batch, and two admins inviting at once cannot leave two live links.
CREATE UNIQUE INDEX invitations_open_by_email ON invitations (workspace_id, email)
    WHERE accepted_at IS NULL AND revoked = 0;
