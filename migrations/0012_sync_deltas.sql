-- Pull deltas and merges over sync. After its first download a device pulls only what
-- changed: each change-log row names the fields its write changed, and each touch and
-- stage change the change-log position it was added after, so a pull after cursor C
-- sends those fields and only the touches and stage changes added since C.

-- JSON array of the lead fields (serde names, plus "scores" when the numbers were
-- recomputed) the write changed; NULL means the whole lead (a creation, or a write
-- from before this migration).
ALTER TABLE lead_changes ADD COLUMN fields_json TEXT;

-- The highest change-log position when the row was added: a pull after C sends the rows
-- with change_mark >= C (their write's own position is above C).
ALTER TABLE touches ADD COLUMN change_mark INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stage_changes ADD COLUMN change_mark INTEGER NOT NULL DEFAULT 0;

-- A merged lead names its survivor in its record; the survivor's touches include the
-- absorbed leads' (found through this index rather than by scanning every lead).
CREATE INDEX leads_by_merged_into ON leads (workspace_id, json_extract(record_json, '$.merged_into'));
