//! Handoff rows in D1: a workspace's settings, the queue, assignments and answers. Times
//! are stored as UTC RFC 3339 text so that comparing them as text orders them.

use std::collections::BTreeMap;

use leadkit_shared::api::HandoffState;
use leadkit_shared::handoff::{Assignment, HandoffSettings};
use leadkit_shared::model::{Handoff, HandoffId, HandoffOutcome, LeadId, RejectReason, RepId};
use serde::Deserialize;
use time::{OffsetDateTime, UtcOffset};
use uuid::Uuid;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use super::{parse_timestamp, timestamp, to_json};
use crate::error::AppError;

/// A time as stored for handoffs: always UTC, so text order is time order.
pub fn utc(at: OffsetDateTime) -> Result<String, AppError> {
    timestamp(at.to_offset(UtcOffset::UTC))
}

/// A workspace's saved settings with their version, or the defaults at version 0.
pub struct StoredSettings {
    pub settings: HandoffSettings,
    pub version: u32,
    pub updated_at: Option<OffsetDateTime>,
    pub updated_by: Option<String>,
}

#[derive(Deserialize)]
struct SettingsRow {
    settings_json: String,
    version: u32,
    updated_at: String,
    updated_by: Option<String>,
}

/// The workspace's handoff settings.
pub async fn settings(db: &D1Database, workspace_id: &str) -> Result<StoredSettings, AppError> {
    let row = db
        .prepare(
            "SELECT settings_json, version, updated_at, updated_by FROM handoff_settings \
             WHERE workspace_id = ?1",
        )
        .bind(&[JsValue::from_str(workspace_id)])?
        .first::<SettingsRow>(None)
        .await?;
    match row {
        None => Ok(StoredSettings {
            settings: HandoffSettings::default(),
            version: 0,
            updated_at: None,
            updated_by: None,
        }),
        Some(row) => Ok(StoredSettings {
            settings: serde_json::from_str(&row.settings_json).map_err(|e| AppError::Storage {
                detail: format!("workspace {workspace_id} has unreadable handoff settings: {e}"),
            })?,
            version: row.version,
            updated_at: Some(parse_timestamp(
                &row.updated_at,
                "handoff_settings.updated_at",
            )?),
            updated_by: row.updated_by,
        }),
    }
}

/// The statement that saves new settings as the next version (for the caller's batch).
pub fn save_settings_statement(
    db: &D1Database,
    workspace_id: &str,
    settings: &HandoffSettings,
    updated_by: Option<&str>,
    now: OffsetDateTime,
) -> Result<D1PreparedStatement, AppError> {
    Ok(db
        .prepare(
            "INSERT INTO handoff_settings (workspace_id, settings_json, version, updated_at, \
             updated_by) VALUES (?1, ?2, 1, ?3, ?4) \
             ON CONFLICT(workspace_id) DO UPDATE SET settings_json = excluded.settings_json, \
             version = handoff_settings.version + 1, updated_at = excluded.updated_at, \
             updated_by = excluded.updated_by",
        )
        .bind(&[
            JsValue::from_str(workspace_id),
            JsValue::from_str(&to_json(settings)?),
            JsValue::from_str(&utc(now)?),
            updated_by.map_or(JsValue::NULL, JsValue::from_str),
        ])?)
}

/// A statement that fails the batch (json() of invalid text) unless the workspace's
/// settings are still `version` (0: never saved), so an edit begun on an older version
/// cannot overwrite a newer one.
pub fn settings_guard(
    db: &D1Database,
    workspace_id: &str,
    version: u32,
) -> Result<D1PreparedStatement, AppError> {
    Ok(db
        .prepare(
            "SELECT json(CASE WHEN COALESCE((SELECT version FROM handoff_settings \
             WHERE workspace_id = ?1), 0) = ?2 THEN '1' ELSE 'stale handoff settings version' END)",
        )
        .bind(&[
            JsValue::from_str(workspace_id),
            JsValue::from_f64(f64::from(version)),
        ])?)
}

/// The statement that queues a lead for sales; a lead already queued or assigned is
/// left as it is (the partial unique index makes the insert a no-op).
pub fn enqueue_statement(
    db: &D1Database,
    workspace_id: &str,
    lead_id: LeadId,
    score: i64,
    now: OffsetDateTime,
) -> Result<D1PreparedStatement, AppError> {
    Ok(db
        .prepare(
            "INSERT INTO handoffs (id, workspace_id, lead_id, state, score, queued_at) \
             VALUES (?1, ?2, ?3, 'waiting', ?4, ?5) ON CONFLICT DO NOTHING",
        )
        .bind(&[
            JsValue::from_str(&crate::clock::random_uuid().to_string()),
            JsValue::from_str(workspace_id),
            JsValue::from_str(&lead_id.0.to_string()),
            JsValue::from_f64(score as f64),
            JsValue::from_str(&utc(now)?),
        ])?)
}

/// A handoff row with its lead's name, company and record.
#[derive(Debug, Clone, Deserialize)]
pub struct HandoffRow {
    pub id: String,
    pub lead_id: String,
    pub state: String,
    pub score: i64,
    pub queued_at: String,
    pub rep_id: Option<String>,
    pub assigned_by: Option<String>,
    pub assigned_at: Option<String>,
    pub sla_due: Option<String>,
    pub answered_at: Option<String>,
    pub reason: Option<String>,
    pub note: Option<String>,
    pub alerted_at: Option<String>,
    pub lead_name: String,
    pub company: String,
    pub record_json: Option<String>,
}

impl HandoffRow {
    fn corrupt(&self, what: &str) -> AppError {
        AppError::Storage {
            detail: format!("handoff {} has an unreadable {what}", self.id),
        }
    }

    pub fn state(&self) -> Result<HandoffState, AppError> {
        HandoffState::from_name(&self.state).ok_or_else(|| self.corrupt("state"))
    }

    pub fn uuid(&self) -> Result<Uuid, AppError> {
        Uuid::parse_str(&self.id).map_err(|_| self.corrupt("id"))
    }

    pub fn lead(&self) -> Result<LeadId, AppError> {
        Uuid::parse_str(&self.lead_id)
            .map(LeadId)
            .map_err(|_| self.corrupt("lead_id"))
    }

    pub fn rep(&self) -> Result<Option<RepId>, AppError> {
        self.rep_id
            .as_deref()
            .map(|id| {
                Uuid::parse_str(id)
                    .map(RepId)
                    .map_err(|_| self.corrupt("rep_id"))
            })
            .transpose()
    }

    pub fn time(
        &self,
        value: &Option<String>,
        what: &str,
    ) -> Result<Option<OffsetDateTime>, AppError> {
        value
            .as_deref()
            .map(|t| parse_timestamp(t, what))
            .transpose()
    }

    pub fn reject_reason(&self) -> Result<Option<RejectReason>, AppError> {
        self.reason
            .as_deref()
            .map(|r| {
                serde_json::from_value(serde_json::Value::String(r.to_owned()))
                    .map_err(|_| self.corrupt("reason"))
            })
            .transpose()
    }

    /// The row as the model's [`Handoff`] (assigned or answered rows only).
    pub fn handoff(&self) -> Result<Handoff, AppError> {
        let at = self
            .time(&self.assigned_at, "assigned_at")?
            .ok_or_else(|| self.corrupt("assigned_at"))?;
        let sla_due = self
            .time(&self.sla_due, "sla_due")?
            .ok_or_else(|| self.corrupt("sla_due"))?;
        let rep_id = self.rep()?.ok_or_else(|| self.corrupt("rep_id"))?;
        let answered = self.time(&self.answered_at, "answered_at")?;
        let outcome = match (self.state()?, answered) {
            (HandoffState::Accepted, Some(at)) => HandoffOutcome::Accepted { at },
            (HandoffState::Rejected, Some(at)) => HandoffOutcome::Rejected {
                at,
                reason: self
                    .reject_reason()?
                    .ok_or_else(|| self.corrupt("reason"))?,
                note: self.note.clone(),
            },
            _ => HandoffOutcome::Pending,
        };
        Ok(Handoff {
            id: HandoffId(self.uuid()?),
            lead_id: self.lead()?,
            rep_id,
            at,
            sla_due,
            outcome,
        })
    }
}

const SELECT_HANDOFFS: &str = "SELECT h.id, h.lead_id, h.state, h.score, h.queued_at, h.rep_id, \
     h.assigned_by, h.assigned_at, h.sla_due, h.answered_at, h.reason, h.note, h.alerted_at, \
     l.name AS lead_name, l.company, l.record_json \
     FROM handoffs AS h JOIN leads AS l ON l.id = h.lead_id";

/// Handoffs of a workspace in `state`, in the given order, at most `limit`.
pub async fn in_state(
    db: &D1Database,
    workspace_id: &str,
    state: HandoffState,
    limit: u32,
) -> Result<Vec<HandoffRow>, AppError> {
    let order = match state {
        HandoffState::Waiting => "h.queued_at, h.id",
        HandoffState::Assigned => "h.sla_due, h.id",
        HandoffState::Accepted | HandoffState::Rejected => "h.answered_at DESC, h.id",
    };
    Ok(db
        .prepare(format!(
            "{SELECT_HANDOFFS} WHERE h.workspace_id = ?1 AND h.state = ?2 ORDER BY {order} LIMIT ?3"
        ))
        .bind(&[
            JsValue::from_str(workspace_id),
            JsValue::from_str(state.as_str()),
            JsValue::from_f64(f64::from(limit)),
        ])?
        .all()
        .await?
        .results::<HandoffRow>()?)
}

/// The most recently answered handoffs of a workspace, newest first.
pub async fn answered(
    db: &D1Database,
    workspace_id: &str,
    limit: u32,
) -> Result<Vec<HandoffRow>, AppError> {
    Ok(db
        .prepare(format!(
            "{SELECT_HANDOFFS} WHERE h.workspace_id = ?1 AND h.state IN ('accepted', 'rejected') \
             ORDER BY h.answered_at DESC, h.id LIMIT ?2"
        ))
        .bind(&[
            JsValue::from_str(workspace_id),
            JsValue::from_f64(f64::from(limit)),
        ])?
        .all()
        .await?
        .results::<HandoffRow>()?)
}

/// One handoff of the workspace.
pub async fn by_id(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
) -> Result<Option<HandoffRow>, AppError> {
    Ok(db
        .prepare(format!(
            "{SELECT_HANDOFFS} WHERE h.workspace_id = ?1 AND h.id = ?2"
        ))
        .bind(&[JsValue::from_str(workspace_id), JsValue::from_str(id)])?
        .first::<HandoffRow>(None)
        .await?)
}

#[derive(Deserialize)]
struct RepCountRow {
    rep_id: String,
    today: u32,
    week: u32,
}

/// How many leads each rep was given since `day_start` and since `week_start`.
pub async fn rep_counts(
    db: &D1Database,
    workspace_id: &str,
    day_start: OffsetDateTime,
    week_start: OffsetDateTime,
) -> Result<BTreeMap<String, (u32, u32)>, AppError> {
    let rows = db
        .prepare(
            "SELECT rep_id, SUM(assigned_at >= ?2) AS today, COUNT(*) AS week FROM handoffs \
             WHERE workspace_id = ?1 AND rep_id IS NOT NULL AND assigned_at >= ?3 \
             GROUP BY rep_id",
        )
        .bind(&[
            JsValue::from_str(workspace_id),
            JsValue::from_str(&utc(day_start)?),
            JsValue::from_str(&utc(week_start)?),
        ])?
        .all()
        .await?
        .results::<RepCountRow>()?;
    Ok(rows
        .into_iter()
        .map(|r| (r.rep_id, (r.today, r.week)))
        .collect())
}

/// The statements of one assignment: the handoff (only if still waiting — a guard
/// fails the batch otherwise), the lead's owner, and a change-log entry so the app
/// pulls the new owner.
pub fn assign_statements(
    db: &D1Database,
    workspace_id: &str,
    handoff_id: &str,
    assignment: &Assignment,
    now: OffsetDateTime,
) -> Result<Vec<D1PreparedStatement>, AppError> {
    let lead_id = assignment.lead_id.0.to_string();
    let rep_id = assignment.rep_id.0.to_string();
    let by = serde_json::to_value(assignment.by)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let at = utc(now)?;
    Ok(vec![
        state_guard(db, handoff_id, HandoffState::Waiting)?,
        db.prepare(
            "UPDATE handoffs SET state = 'assigned', rep_id = ?2, assigned_by = ?3, \
             assigned_at = ?4, sla_due = ?5 WHERE id = ?1",
        )
        .bind(&[
            JsValue::from_str(handoff_id),
            JsValue::from_str(&rep_id),
            JsValue::from_str(&by),
            JsValue::from_str(&at),
            JsValue::from_str(&utc(assignment.sla_due)?),
        ])?,
        db.prepare(
            "UPDATE leads SET record_json = json_set(record_json, '$.owner', ?2), \
             version = version + 1, updated_at = ?3 WHERE id = ?1 AND record_json IS NOT NULL",
        )
        .bind(&[
            JsValue::from_str(&lead_id),
            JsValue::from_str(&rep_id),
            JsValue::from_str(&at),
        ])?,
        // Only the owner changed: a delta pull sends just that field.
        db.prepare(
            "INSERT INTO lead_changes (workspace_id, lead_id, at, fields_json) \
             VALUES (?1, ?2, ?3, '[\"owner\"]')",
        )
        .bind(&[
            JsValue::from_str(workspace_id),
            JsValue::from_str(&lead_id),
            JsValue::from_str(&at),
        ])?,
    ])
}

/// A statement that fails the batch unless the handoff is still in `state` (see
/// store/leads.rs for why a failing json() is the guard).
pub fn state_guard(
    db: &D1Database,
    handoff_id: &str,
    state: HandoffState,
) -> Result<D1PreparedStatement, AppError> {
    Ok(db
        .prepare(
            "SELECT json(CASE WHEN state = ?2 THEN '1' ELSE 'handoff state changed' END) \
             FROM handoffs WHERE id = ?1",
        )
        .bind(&[
            JsValue::from_str(handoff_id),
            JsValue::from_str(state.as_str()),
        ])?)
}

/// The statement recording a rep's answer.
pub fn answer_statement(
    db: &D1Database,
    handoff: &Handoff,
) -> Result<D1PreparedStatement, AppError> {
    let (state, at, reason, note) = match &handoff.outcome {
        HandoffOutcome::Accepted { at } => (HandoffState::Accepted, *at, None, None),
        HandoffOutcome::Rejected { at, reason, note } => {
            (HandoffState::Rejected, *at, Some(*reason), note.clone())
        }
        HandoffOutcome::Pending => {
            return Err(AppError::Storage {
                detail: "an unanswered handoff cannot be stored as answered".into(),
            });
        }
    };
    let reason = reason
        .and_then(|r| serde_json::to_value(r).ok())
        .and_then(|v| v.as_str().map(str::to_owned));
    Ok(db
        .prepare(
            "UPDATE handoffs SET state = ?2, answered_at = ?3, reason = ?4, note = ?5 WHERE id = ?1",
        )
        .bind(&[
            JsValue::from_str(&handoff.id.0.to_string()),
            JsValue::from_str(state.as_str()),
            JsValue::from_str(&utc(at)?),
            reason.as_deref().map_or(JsValue::NULL, JsValue::from_str),
            note.as_deref().map_or(JsValue::NULL, JsValue::from_str),
        ])?)
}

/// Marks waiting handoffs as alerted.
pub fn alerted_statement(
    db: &D1Database,
    handoff_id: &str,
    now: OffsetDateTime,
) -> Result<D1PreparedStatement, AppError> {
    Ok(db
        .prepare("UPDATE handoffs SET alerted_at = ?2 WHERE id = ?1 AND alerted_at IS NULL")
        .bind(&[JsValue::from_str(handoff_id), JsValue::from_str(&utc(now)?)])?)
}

/// Flags every assigned, unanswered handoff of the workspace whose SLA has passed.
pub async fn flag_breaches(
    db: &D1Database,
    workspace_id: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    db.prepare(
        "UPDATE handoffs SET breached_at = ?2 WHERE workspace_id = ?1 AND state = 'assigned' \
         AND breached_at IS NULL AND sla_due < ?2",
    )
    .bind(&[
        JsValue::from_str(workspace_id),
        JsValue::from_str(&utc(now)?),
    ])?
    .run()
    .await?;
    Ok(())
}
