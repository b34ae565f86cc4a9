//! Leads in D1: the whole record as JSON (what the engine reads), its stage and numbers
//! as columns (what queries filter on), the change log pulls follow, and the guarded
//! write that keeps two concurrent updates of one lead from silently losing one.

use leadkit_shared::forms::CapturedLead;
use leadkit_shared::lead_update::{KnownLead, LeadUpdate, email_key};
use leadkit_shared::model::{Lead, LeadId, Stage, WorkspaceId};
use leadkit_shared::sync::changed_fields;
use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use super::{KnownLeadRow, captured_from_row, parse_timestamp, timestamp, to_json, touches_of};
use crate::error::AppError;

/// A lead as read for an update: the record with its touches, and the version the
/// update must still find when it writes.
pub struct StoredLead {
    pub known: KnownLead,
    pub version: i64,
}

/// The columns a lead is rebuilt from.
#[derive(Debug, Deserialize)]
struct StoredLeadRow {
    id: String,
    email: String,
    name: String,
    company: String,
    extra_json: String,
    captured_at: String,
    stage: String,
    record_json: Option<String>,
    version: i64,
}

/// The column a stored lead is looked up by.
#[derive(Debug, Clone, Copy)]
enum LeadKey {
    Id,
    EmailKey,
}

impl LeadKey {
    /// The whole query: constant SQL per key, the value always bound.
    fn query(self) -> &'static str {
        match self {
            Self::Id => {
                "SELECT id, email, name, company, extra_json, captured_at, stage, record_json, \
                 version FROM leads WHERE workspace_id = ?1 AND id = ?2"
            }
            Self::EmailKey => {
                "SELECT id, email, name, company, extra_json, captured_at, stage, record_json, \
                 version FROM leads WHERE workspace_id = ?1 AND email_key = ?2"
            }
        }
    }
}

/// The workspace's lead with this e-mail dedupe key, if any.
pub async fn lead_by_email_key(
    db: &D1Database,
    workspace_id: &str,
    key: &str,
) -> Result<Option<StoredLead>, AppError> {
    lead_by(db, workspace_id, LeadKey::EmailKey, key).await
}

/// The workspace's lead with this id, if any.
pub async fn lead_by_id(
    db: &D1Database,
    workspace_id: &str,
    lead_id: &str,
) -> Result<Option<StoredLead>, AppError> {
    lead_by(db, workspace_id, LeadKey::Id, lead_id).await
}

async fn lead_by(
    db: &D1Database,
    workspace_id: &str,
    key: LeadKey,
    value: &str,
) -> Result<Option<StoredLead>, AppError> {
    let row = db
        .prepare(key.query())
        .bind(&[JsValue::from_str(workspace_id), JsValue::from_str(value)])?
        .first::<StoredLeadRow>(None)
        .await?;
    match row {
        Some(row) => Ok(Some(stored(db, workspace_id, row).await?)),
        None => Ok(None),
    }
}

async fn stored(
    db: &D1Database,
    workspace_id: &str,
    row: StoredLeadRow,
) -> Result<StoredLead, AppError> {
    let touches = touches_of(db, workspace_id, &row.id).await?;
    let version = row.version;
    let lead = lead_of_row(workspace_id, row)?;
    Ok(StoredLead {
        known: KnownLead { lead, touches },
        version,
    })
}

/// The lead a row holds: its record, or for a row stored before records, the lead its
/// columns describe (as capture would have made it).
fn lead_of_row(workspace_id: &str, row: StoredLeadRow) -> Result<Lead, AppError> {
    if let Some(json) = &row.record_json {
        return serde_json::from_str(json).map_err(|e| AppError::Storage {
            detail: format!("lead {} has an unreadable record: {e}", row.id),
        });
    }
    let corrupt = |what: &str| AppError::Storage {
        detail: format!("lead {} has an unreadable {what}", row.id),
    };
    let id = Uuid::parse_str(&row.id).map_err(|_| corrupt("id"))?;
    let captured_at = parse_timestamp(&row.captured_at, "captured_at")?;
    let stage = Stage::from_name(&row.stage).ok_or_else(|| corrupt("stage"))?;
    let captured: CapturedLead = captured_from_row(KnownLeadRow {
        email: row.email,
        name: row.name,
        company: row.company,
        extra_json: row.extra_json,
    });
    // Workspace ids in D1 predate typed ids ('default').
    let workspace = WorkspaceId(Uuid::parse_str(workspace_id).unwrap_or(Uuid::nil()));
    let mut lead = captured.into_lead(LeadId(id), workspace, Vec::new(), captured_at);
    lead.stage = stage;
    Ok(lead)
}

/// One write of a [`LeadUpdate`].
pub struct LeadWrite<'a> {
    pub workspace_id: &'a str,
    /// The form that captured a new lead (leads.form_id); ignored for updates.
    pub form_id: &'a str,
    pub update: &'a LeadUpdate,
    /// The version read before the update was computed; `None` for a new lead.
    pub read_version: Option<i64>,
    /// The lead as read before the update (`None` for a new lead): the change log names
    /// the fields that differ, so delta pulls send only those.
    pub before: Option<&'a Lead>,
    /// Captured values without a column of their own, merged into `extra_json`.
    pub extra_json: &'a str,
    pub at: OffsetDateTime,
}

/// The statements that store `write`: the lead (inserted, or updated only if its version
/// is still the one read), its new touches and stage changes, and a change-log entry.
/// The caller runs them in one batch with whatever else the change writes.
pub fn write_statements(
    db: &D1Database,
    write: &LeadWrite<'_>,
) -> Result<Vec<D1PreparedStatement>, AppError> {
    let update = write.update;
    let lead = &update.lead;
    let lead_id = lead.id.0.to_string();
    let at = timestamp(write.at)?;
    let scores = &update.scores;
    let mut statements = Vec::with_capacity(4 + update.new_touches.len() + update.changes.len());
    let text = |value: &Option<String>| JsValue::from_str(value.as_deref().unwrap_or(""));
    let tier = scores
        .tier
        .map_or(JsValue::NULL, |tier| JsValue::from_str(tier.as_str()));
    let persona = scores
        .persona
        .as_deref()
        .map_or(JsValue::NULL, JsValue::from_str);
    let key = email_key(lead).map_or(JsValue::NULL, |k| JsValue::from_str(&k));
    let record_json = to_json(lead)?;
    match write.read_version {
        None => statements.push(
            db.prepare(
                "INSERT INTO leads (id, workspace_id, form_id, email, name, company, extra_json, \
                 captured_at, stage, fit, engagement, total, tier, persona, scored_at, \
                 record_json, email_key, version, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?8, \
                 ?15, ?16, 0, ?8)",
            )
            .bind(&[
                JsValue::from_str(&lead_id),
                JsValue::from_str(write.workspace_id),
                JsValue::from_str(write.form_id),
                text(&lead.email),
                JsValue::from_str(&lead.name),
                text(&lead.company_name),
                JsValue::from_str(write.extra_json),
                JsValue::from_str(&at),
                JsValue::from_str(lead.stage.as_str()),
                JsValue::from_f64(scores.fit as f64),
                JsValue::from_f64(scores.engagement as f64),
                JsValue::from_f64(scores.total as f64),
                tier,
                persona,
                JsValue::from_str(&record_json),
                key,
            ])?,
        ),
        Some(version) => {
            // D1 has no "abort unless": a SELECT that evaluates json() over invalid text
            // fails the statement, and with it the whole batch, when another writer
            // bumped the version since this one read it.
            statements.push(
                db.prepare(
                    "SELECT json(CASE WHEN version = ?2 THEN '1' ELSE 'stale lead version' END) \
                     FROM leads WHERE id = ?1",
                )
                .bind(&[
                    JsValue::from_str(&lead_id),
                    JsValue::from_f64(version as f64),
                ])?,
            );
            statements.push(
                db.prepare(
                    "UPDATE leads SET email = ?3, name = ?4, company = ?5, \
                     extra_json = json_patch(extra_json, ?6), stage = ?7, fit = ?8, \
                     engagement = ?9, total = ?10, tier = ?11, persona = ?12, scored_at = ?13, \
                     record_json = ?14, email_key = ?15, version = version + 1, updated_at = ?13 \
                     WHERE id = ?1 AND workspace_id = ?2",
                )
                .bind(&[
                    JsValue::from_str(&lead_id),
                    JsValue::from_str(write.workspace_id),
                    text(&lead.email),
                    JsValue::from_str(&lead.name),
                    text(&lead.company_name),
                    JsValue::from_str(write.extra_json),
                    JsValue::from_str(lead.stage.as_str()),
                    JsValue::from_f64(scores.fit as f64),
                    JsValue::from_f64(scores.engagement as f64),
                    JsValue::from_f64(scores.total as f64),
                    tier,
                    persona,
                    JsValue::from_str(&at),
                    JsValue::from_str(&record_json),
                    key,
                ])?,
            );
        }
    }
    for touch in &update.new_touches {
        statements.push(
            db.prepare(
                "INSERT INTO touches (id, workspace_id, lead_id, kind, at, record_json, \
                 change_mark) VALUES (?1, ?2, ?3, ?4, ?5, ?6, \
                 (SELECT COALESCE(MAX(seq), 0) FROM lead_changes))",
            )
            .bind(&[
                JsValue::from_str(&touch.id.0.to_string()),
                JsValue::from_str(write.workspace_id),
                JsValue::from_str(&lead_id),
                JsValue::from_str(touch.kind.as_str()),
                JsValue::from_str(&timestamp(touch.at)?),
                JsValue::from_str(&to_json(touch)?),
            ])?,
        );
    }
    for (change, reason) in &update.changes {
        statements.push(
            db.prepare(
                "INSERT INTO stage_changes (workspace_id, lead_id, from_stage, to_stage, at, \
                 actor_json, reason, change_mark) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, \
                 (SELECT COALESCE(MAX(seq), 0) FROM lead_changes))",
            )
            .bind(&[
                JsValue::from_str(write.workspace_id),
                JsValue::from_str(&lead_id),
                change
                    .from
                    .map_or(JsValue::NULL, |stage| JsValue::from_str(stage.as_str())),
                JsValue::from_str(change.to.as_str()),
                JsValue::from_str(&timestamp(change.at)?),
                JsValue::from_str(&to_json(&change.actor)?),
                JsValue::from_str(reason.as_str()),
            ])?,
        );
    }
    // Every write re-scores the lead, so its numbers count as changed too.
    let fields = match (write.before, write.read_version) {
        (Some(before), Some(_)) => {
            let mut names = changed_fields(before, lead);
            names.push("scores".to_owned());
            JsValue::from_str(&to_json(&names)?)
        }
        _ => JsValue::NULL,
    };
    statements.push(
        db.prepare(
            "INSERT INTO lead_changes (workspace_id, lead_id, at, fields_json) \
             VALUES (?1, ?2, ?3, ?4)",
        )
        .bind(&[
            JsValue::from_str(write.workspace_id),
            JsValue::from_str(&lead_id),
            JsValue::from_str(&at),
            fields,
        ])?,
    );
    Ok(statements)
}

/// How many leads a workspace has.
pub async fn count(db: &D1Database, workspace_id: &str) -> Result<u64, AppError> {
    #[derive(Deserialize)]
    struct CountRow {
        n: u64,
    }
    let row = db
        .prepare("SELECT count(*) AS n FROM leads WHERE workspace_id = ?1")
        .bind(&[JsValue::from_str(workspace_id)])?
        .first::<CountRow>(None)
        .await?;
    Ok(row.map_or(0, |r| r.n))
}

/// Whether any workspace has a lead with this id (ids are global).
pub async fn exists_anywhere(db: &D1Database, lead_id: &str) -> Result<bool, AppError> {
    #[derive(Deserialize)]
    struct Row {
        n: u64,
    }
    let row = db
        .prepare("SELECT count(*) AS n FROM leads WHERE id = ?1")
        .bind(&[JsValue::from_str(lead_id)])?
        .first::<Row>(None)
        .await?;
    Ok(row.is_some_and(|r| r.n > 0))
}
