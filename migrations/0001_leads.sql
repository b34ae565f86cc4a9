-- leadkit's first schema: workspaces own forms; forms capture leads.
-- `leads.seq` is the workspace change log the app pulls from: SQLite assigns it in
-- commit order, so a client that has seen seq N has seen every lead up to N.

CREATE TABLE workspaces (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE forms (
    id            TEXT PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces(id),
    name          TEXT NOT NULL,
    -- Where a plain HTML post is redirected; NULL means the worker's own thank-you page.
    thank_you_url TEXT,
    created_at    TEXT NOT NULL
);

CREATE TABLE leads (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    form_id      TEXT NOT NULL REFERENCES forms(id),
    email        TEXT NOT NULL,
    name         TEXT NOT NULL,
    company      TEXT NOT NULL,
    -- Every other field the form sent, as a JSON object of text values.
    extra_json   TEXT NOT NULL DEFAULT '{}',
    captured_at  TEXT NOT NULL
);

CREATE INDEX leads_by_workspace_seq ON leads (workspace_id, seq);

-- Until workspaces are created through sign-up, every install starts with one
-- workspace and a contact form to capture into.
INSERT INTO workspaces (id, name, created_at) VALUES ('default', 'My workspace', '2026-11-24T00:00:00Z');
INSERT INTO forms (id, workspace_id, name, thank_you_url, created_at)
VALUES ('contact', 'default', 'Contact us', NULL, '2026-11-24T00:00:00Z');
