-- Whole lead records, one live lead per mailbox, and a change log the app pulls from.
-- A form post from a known e-mail now updates that person's lead instead of adding a
-- second one, so "leads with seq above N" no longer finds every change: pulls read
-- `lead_changes`, where every write to a lead adds a row.

-- The whole `Lead` as the engine reads it (consents, custom fields, qualification …).
-- NULL for leads stored before this migration: they are rebuilt from their columns.
ALTER TABLE leads ADD COLUMN record_json TEXT;
-- `lead_update::email_key`: the e-mail's dedupe key; NULL without an e-mail.
ALTER TABLE leads ADD COLUMN email_key TEXT;
-- Bumped by every update: a writer that read version N only writes if it is still N
-- (see store/leads.rs), so two concurrent updates cannot silently lose one.
ALTER TABLE leads ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE leads ADD COLUMN updated_at TEXT;

-- Older rows get the plain lower-cased address as their key, the earliest lead of each
-- address keeping it, so the unique index below can be built over existing data.
UPDATE leads SET email_key = lower(trim(email))
WHERE trim(email) <> ''
  AND seq = (SELECT MIN(l2.seq) FROM leads AS l2
             WHERE l2.workspace_id = leads.workspace_id
               AND lower(trim(l2.email)) = lower(trim(leads.email)));

-- Two concurrent first posts from one address: the second batch fails here, rolls back
-- whole, and is retried as an update of the first one's lead.
CREATE UNIQUE INDEX leads_by_email_key ON leads (workspace_id, email_key)
WHERE email_key IS NOT NULL;

-- One row per write to a lead, in commit order: `seq` is the workspace's pull cursor.
CREATE TABLE lead_changes (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    lead_id      TEXT NOT NULL REFERENCES leads(id),
    at           TEXT NOT NULL
);

CREATE INDEX lead_changes_by_workspace ON lead_changes (workspace_id, seq);
CREATE INDEX lead_changes_by_lead ON lead_changes (lead_id, seq);

INSERT INTO lead_changes (workspace_id, lead_id, at)
SELECT workspace_id, id, captured_at FROM leads ORDER BY seq;
