//! D1 access: every SQL statement the worker runs, with bound parameters only.

use std::collections::BTreeMap;

use leadkit_shared::api::{LeadRecord, LeadScores, StageHistoryEntry};
use leadkit_shared::engine::{Engine, EngineConfig};
use leadkit_shared::forms::{AcceptedSubmission, CapturedLead};
use leadkit_shared::model::{LeadId, Stage, Tier, Touch};
use serde::Deserialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use crate::error::AppError;

pub mod auth;
pub mod engine;
pub mod handoff;
pub mod leads;
pub mod members;
pub mod retry;
pub mod segments;
pub mod sync;
pub mod tracking;

/// The D1 binding's name in wrangler.toml.
const DB_BINDING: &str = "DB";

/// A form as capture needs it.
#[derive(Debug, Deserialize)]
pub struct FormRow {
    pub id: String,
    pub workspace_id: String,
    pub thank_you_url: Option<String>,
    /// The stored `FormDefinition` as JSON; `None` means the default contact form.
    pub definition_json: Option<String>,
}

/// A stored submission's link to its lead, for answering a retry.
#[derive(Debug, Deserialize)]
struct SubmissionRow {
    lead_id: String,
}

/// A lead row as D1 returns it.
#[derive(Debug, Deserialize)]
struct LeadRow {
    seq: u64,
    id: String,
    form_id: String,
    email: String,
    name: String,
    company: String,
    captured_at: String,
    stage: String,
    fit: Option<i64>,
    engagement: Option<i64>,
    total: Option<i64>,
    tier: Option<String>,
    persona: Option<String>,
    scored_at: Option<String>,
    record_json: Option<String>,
    stamps_json: Option<String>,
    /// 1 when a change after the pull's cursor needs the whole lead (its creation).
    whole: i64,
    /// The `fields_json` of every change after the cursor, as a JSON array of them.
    changed: Option<String>,
}

/// A lead changed after a pull's cursor: as it stands, and which of its fields changed
/// since (`None`: the whole lead, for a lead created after the cursor).
pub struct ChangedLead {
    pub record: LeadRecord,
    pub fields: Option<std::collections::BTreeSet<String>>,
}

impl LeadRow {
    fn into_changed(mut self) -> Result<ChangedLead, AppError> {
        let fields = match (self.whole, self.changed.take()) {
            (0, Some(changed)) => {
                let lists: Vec<String> = serde_json::from_str(&changed).unwrap_or_default();
                let mut names = std::collections::BTreeSet::new();
                for list in lists {
                    let list: Vec<String> =
                        serde_json::from_str(&list).map_err(|e| AppError::Storage {
                            detail: format!("lead seq {} has an unreadable change: {e}", self.seq),
                        })?;
                    names.extend(list);
                }
                Some(names)
            }
            _ => None,
        };
        Ok(ChangedLead {
            record: self.into_record()?,
            fields,
        })
    }

    fn into_record(self) -> Result<LeadRecord, AppError> {
        let corrupt = |what: &str| AppError::Storage {
            detail: format!("lead seq {} has an unreadable {what}", self.seq),
        };
        let stage = Stage::from_name(&self.stage).ok_or_else(|| corrupt("stage"))?;
        // A lead is scored whole or not at all (one UPDATE or INSERT writes every
        // column), so any missing number means "never scored".
        let scores = match (self.fit, self.engagement, self.total, &self.scored_at) {
            (Some(fit), Some(engagement), Some(total), Some(scored_at)) => Some(LeadScores {
                fit,
                engagement,
                total,
                tier: self
                    .tier
                    .as_deref()
                    .map(|tier| Tier::from_name(tier).ok_or_else(|| corrupt("tier")))
                    .transpose()?,
                persona: self.persona,
                scored_at: OffsetDateTime::parse(scored_at, &Rfc3339)
                    .map_err(|_| corrupt("scored_at"))?,
            }),
            _ => None,
        };
        let record = self
            .record_json
            .as_deref()
            .map(|json| serde_json::from_str(json).map_err(|_| corrupt("record")))
            .transpose()?;
        let stamps = self
            .stamps_json
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok())
            .unwrap_or_default();
        Ok(LeadRecord {
            record,
            stamps,
            stage: Some(stage),
            scores,
            id: Uuid::parse_str(&self.id).map_err(|_| corrupt("id"))?,
            seq: self.seq,
            captured_at: OffsetDateTime::parse(&self.captured_at, &Rfc3339)
                .map_err(|_| corrupt("captured_at"))?,
            form_id: self.form_id,
            email: self.email,
            name: self.name,
            company: self.company,
        })
    }
}

/// A time as stored in D1: RFC 3339 text.
pub fn timestamp(at: OffsetDateTime) -> Result<String, AppError> {
    at.format(&Rfc3339).map_err(|e| AppError::Storage {
        detail: e.to_string(),
    })
}

/// A stored RFC 3339 time; `what` names the column for the log should it be unreadable.
pub fn parse_timestamp(text: &str, what: &str) -> Result<OffsetDateTime, AppError> {
    OffsetDateTime::parse(text, &Rfc3339).map_err(|_| AppError::Storage {
        detail: format!("{what} {text:?} is not an RFC 3339 time"),
    })
}

/// Opens the workspace database.
pub fn database(env: &worker::Env) -> Result<D1Database, AppError> {
    Ok(env.d1(DB_BINDING)?)
}

/// The form with this id, if any.
pub async fn find_form(db: &D1Database, form_id: &str) -> Result<Option<FormRow>, AppError> {
    let row = db
        .prepare("SELECT id, workspace_id, thank_you_url, definition_json FROM forms WHERE id = ?1")
        .bind(&[JsValue::from_str(form_id)])?
        .first::<FormRow>(None)
        .await?;
    Ok(row)
}

/// The forms of a workspace, by id.
pub async fn forms_of(db: &D1Database, workspace_id: &str) -> Result<Vec<FormRow>, AppError> {
    Ok(db
        .prepare(
            "SELECT id, workspace_id, thank_you_url, definition_json FROM forms \
             WHERE workspace_id = ?1 ORDER BY id",
        )
        .bind(&[JsValue::from_str(workspace_id)])?
        .all()
        .await?
        .results::<FormRow>()?)
}

/// Creates or replaces a form of `workspace_id`. The `WHERE` keeps another workspace's
/// form of the same id untouched: the caller checks `changed` and answers 404.
pub async fn upsert_form(
    db: &D1Database,
    workspace_id: &str,
    form_id: &str,
    name: &str,
    definition_json: &str,
    now: &str,
) -> Result<bool, AppError> {
    let result = db
        .prepare(
            "INSERT INTO forms (id, workspace_id, name, thank_you_url, created_at, definition_json) \
             VALUES (?1, ?2, ?3, NULL, ?4, ?5) \
             ON CONFLICT(id) DO UPDATE SET name = excluded.name, definition_json = excluded.definition_json \
             WHERE forms.workspace_id = excluded.workspace_id",
        )
        .bind(&[
            JsValue::from_str(form_id),
            JsValue::from_str(workspace_id),
            JsValue::from_str(name),
            JsValue::from_str(now),
            JsValue::from_str(definition_json),
        ])?
        .run()
        .await?;
    let changed = result.meta()?.and_then(|m| m.changes).unwrap_or(0);
    Ok(changed > 0)
}

/// The lead id of the submission to `form` stored under `key`, if any.
pub async fn find_submission(
    db: &D1Database,
    form: &FormRow,
    key: &str,
) -> Result<Option<Uuid>, AppError> {
    let row = db
        .prepare(
            "SELECT lead_id FROM submissions \
             WHERE workspace_id = ?1 AND form_id = ?2 AND submission_key = ?3",
        )
        .bind(&[
            JsValue::from_str(&form.workspace_id),
            JsValue::from_str(&form.id),
            JsValue::from_str(key),
        ])?
        .first::<SubmissionRow>(None)
        .await?;
    row.map(|row| {
        Uuid::parse_str(&row.lead_id).map_err(|_| AppError::Storage {
            detail: format!("submission {key:?} has an unreadable lead_id"),
        })
    })
    .transpose()
}

/// One accepted submission as received, for the audit trail.
pub struct NewSubmission<'a> {
    /// The submission row's own id.
    pub submission_id: Uuid,
    /// The lead it made or updated.
    pub lead_id: Uuid,
    /// The client's submission id, when it sent one.
    pub submission_key: Option<&'a str>,
    /// The media type the body came as.
    pub content_type: &'a str,
    /// The body as received.
    pub raw_body: &'a [u8],
    /// What `check_submission` made of it.
    pub accepted: &'a AcceptedSubmission,
    /// When it arrived.
    pub received_at: OffsetDateTime,
    /// The visitor's `lk_vid` cookie, when the browser sent one.
    pub visitor_id: Option<&'a str>,
}

/// The statement that keeps a submission as received. It goes in the batch that stores
/// the lead: a taken submission key fails it and the whole batch.
pub fn submission_statement(
    db: &D1Database,
    form: &FormRow,
    new: &NewSubmission<'_>,
) -> Result<D1PreparedStatement, AppError> {
    Ok(db
        .prepare(
            "INSERT INTO submissions (id, workspace_id, form_id, submission_key, content_type, \
             raw_body, consents_json, received_at, lead_id, visitor_id) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )
        .bind(&[
            JsValue::from_str(&new.submission_id.to_string()),
            JsValue::from_str(&form.workspace_id),
            JsValue::from_str(&form.id),
            new.submission_key.map_or(JsValue::NULL, JsValue::from_str),
            JsValue::from_str(new.content_type),
            js_sys::Uint8Array::from(new.raw_body).into(),
            JsValue::from_str(&to_json(&new.accepted.consents)?),
            JsValue::from_str(&timestamp(new.received_at)?),
            JsValue::from_str(&new.lead_id.to_string()),
            new.visitor_id.map_or(JsValue::NULL, JsValue::from_str),
        ])?)
}

/// What a known visitor has told a workspace before: one entry per stored lead.
#[derive(Debug, Deserialize)]
pub(crate) struct KnownLeadRow {
    pub email: String,
    pub name: String,
    pub company: String,
    pub extra_json: String,
}

/// The leads a returning visitor left in `form`'s workspace, found by their `lk_vid`
/// visitor id or by e-mail (already normalised), rebuilt as captured values for
/// `answered_fields`.
pub async fn known_leads(
    db: &D1Database,
    form: &FormRow,
    visitor_id: Option<&str>,
    email: Option<&str>,
) -> Result<Vec<CapturedLead>, AppError> {
    // Binding '' for an absent key matches nothing: visitor ids are UUIDs and stored
    // e-mails are never blank when searched for.
    let rows = db
        .prepare(
            "SELECT email, name, company, extra_json FROM leads WHERE workspace_id = ?1 AND ( \
               (?2 <> '' AND id IN (SELECT lead_id FROM submissions \
                                     WHERE workspace_id = ?1 AND visitor_id = ?2)) \
               OR (?3 <> '' AND email = ?3)) \
             ORDER BY seq DESC LIMIT 20",
        )
        .bind(&[
            JsValue::from_str(&form.workspace_id),
            JsValue::from_str(visitor_id.unwrap_or("")),
            JsValue::from_str(email.unwrap_or("")),
        ])?
        .all()
        .await?
        .results::<KnownLeadRow>()?;
    Ok(rows.into_iter().map(captured_from_row).collect())
}

/// The inverse of [`extra_fields`]: a stored lead row as captured values.
pub(crate) fn captured_from_row(row: KnownLeadRow) -> CapturedLead {
    let mut extra: BTreeMap<String, String> =
        serde_json::from_str(&row.extra_json).unwrap_or_default();
    let mut take = |key: &str| extra.remove(key);
    let non_blank = |value: String| Some(value).filter(|v| !v.trim().is_empty());
    let mut lead = CapturedLead {
        email: non_blank(row.email),
        name: non_blank(row.name),
        company: non_blank(row.company),
        given_name: take("given_name"),
        family_name: take("family_name"),
        title: take("title"),
        phone: take("phone"),
        country: take("country"),
        region: take("region"),
        city: take("city"),
        postal_code: take("postal_code"),
        website: take("website"),
        industry: take("industry"),
        source: take("source"),
        description: take("description"),
        referrer: take("referrer"),
        landing_page: take("landing_page"),
        employee_count: take("employee_count").and_then(|n| n.parse().ok()),
        ..CapturedLead::default()
    };
    lead.utm.source = take("utm_source");
    lead.utm.medium = take("utm_medium");
    lead.utm.campaign = take("utm_campaign");
    lead.utm.term = take("utm_term");
    lead.utm.content = take("utm_content");
    lead.custom = extra;
    lead
}

/// The lead's values that have no column of their own, by name, for `extra_json`.
pub fn extra_fields(lead: &CapturedLead) -> BTreeMap<String, String> {
    let mut extra: BTreeMap<String, String> = lead.custom.clone();
    let named = [
        ("given_name", &lead.given_name),
        ("family_name", &lead.family_name),
        ("title", &lead.title),
        ("phone", &lead.phone),
        ("country", &lead.country),
        ("region", &lead.region),
        ("city", &lead.city),
        ("postal_code", &lead.postal_code),
        ("website", &lead.website),
        ("industry", &lead.industry),
        ("source", &lead.source),
        ("description", &lead.description),
        ("utm_source", &lead.utm.source),
        ("utm_medium", &lead.utm.medium),
        ("utm_campaign", &lead.utm.campaign),
        ("utm_term", &lead.utm.term),
        ("utm_content", &lead.utm.content),
        ("referrer", &lead.referrer),
        ("landing_page", &lead.landing_page),
    ];
    for (key, value) in named {
        if let Some(value) = value {
            extra.insert(key.to_owned(), value.clone());
        }
    }
    if let Some(count) = lead.employee_count {
        extra.insert("employee_count".to_owned(), count.to_string());
    }
    extra
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> Result<String, AppError> {
    serde_json::to_string(value).map_err(|e| AppError::Storage {
        detail: e.to_string(),
    })
}

/// Up to `limit` leads of a workspace changed after change-log position `after`, each
/// once (as it stands now, with its latest position, and the fields changed since
/// `after`), in ascending position.
pub async fn leads_after(
    db: &D1Database,
    workspace_id: &str,
    after: u64,
    limit: u32,
) -> Result<Vec<ChangedLead>, AppError> {
    let rows = db
        .prepare(
            "SELECT c.seq AS seq, l.id, l.form_id, l.email, l.name, l.company, l.captured_at, \
             l.stage, l.fit, l.engagement, l.total, l.tier, l.persona, l.scored_at, \
             l.record_json, l.stamps_json, c.whole, c.changed \
             FROM (SELECT lead_id, MAX(seq) AS seq, MAX(fields_json IS NULL) AS whole, \
                   json_group_array(fields_json) AS changed FROM lead_changes \
                   WHERE workspace_id = ?1 AND seq > ?2 GROUP BY lead_id) AS c \
             JOIN leads AS l ON l.id = c.lead_id \
             ORDER BY c.seq LIMIT ?3",
        )
        .bind(&[
            JsValue::from_str(workspace_id),
            JsValue::from_f64(after as f64),
            JsValue::from_f64(f64::from(limit)),
        ])?
        .all()
        .await?
        .results::<LeadRow>()?;
    rows.into_iter().map(LeadRow::into_changed).collect()
}

/// One lead of a workspace as the pull shows it whole (with its latest change-log
/// position and its field stamps); `None` when the workspace has no lead `lead_id`.
pub async fn lead_record(
    db: &D1Database,
    workspace_id: &str,
    lead_id: &str,
) -> Result<Option<LeadRecord>, AppError> {
    let row = db
        .prepare(
            "SELECT COALESCE((SELECT MAX(seq) FROM lead_changes \
                   WHERE workspace_id = ?1 AND lead_id = l.id), 0) AS seq, \
             l.id, l.form_id, l.email, l.name, l.company, l.captured_at, \
             l.stage, l.fit, l.engagement, l.total, l.tier, l.persona, l.scored_at, \
             l.record_json, l.stamps_json, 1 AS whole, NULL AS changed \
             FROM leads AS l WHERE l.workspace_id = ?1 AND l.id = ?2",
        )
        .bind(&[JsValue::from_str(workspace_id), JsValue::from_str(lead_id)])?
        .first::<LeadRow>(None)
        .await?;
    row.map(LeadRow::into_record).transpose()
}

/// A stored engine configuration row.
#[derive(Debug, Deserialize)]
struct EngineConfigRow {
    config_json: String,
}

/// The workspace's engine configuration: the stored one, or the Korean B2B defaults for
/// a workspace that never saved its own.
pub async fn engine_config(db: &D1Database, workspace_id: &str) -> Result<EngineConfig, AppError> {
    let row = db
        .prepare("SELECT config_json FROM workspace_engine_config WHERE workspace_id = ?1")
        .bind(&[JsValue::from_str(workspace_id)])?
        .first::<EngineConfigRow>(None)
        .await?;
    match row {
        Some(row) => serde_json::from_str(&row.config_json).map_err(|e| AppError::Storage {
            detail: format!("workspace {workspace_id} has an unreadable engine config: {e}"),
        }),
        None => Ok(EngineConfig::korean_b2b_default()),
    }
}

/// The workspace's engine, built from its configuration.
pub async fn workspace_engine(db: &D1Database, workspace_id: &str) -> Result<Engine, AppError> {
    let config = engine_config(db, workspace_id).await?;
    Engine::new(config).map_err(|e| AppError::Storage {
        detail: format!("workspace {workspace_id} has an unusable engine config: {e}"),
    })
}

/// A stored touch.
#[derive(Debug, Deserialize)]
struct TouchRow {
    id: String,
    record_json: String,
}

/// Every stored touch of a lead and of the leads merged into it, oldest first.
pub async fn touches_of(
    db: &D1Database,
    workspace_id: &str,
    lead_id: &str,
) -> Result<Vec<Touch>, AppError> {
    let rows = db
        .prepare(
            "SELECT id, record_json FROM touches WHERE workspace_id = ?1 AND (lead_id = ?2 \
             OR lead_id IN (SELECT id FROM leads WHERE workspace_id = ?1 \
                            AND json_extract(record_json, '$.merged_into') = ?2)) \
             ORDER BY at, id",
        )
        .bind(&[JsValue::from_str(workspace_id), JsValue::from_str(lead_id)])?
        .all()
        .await?
        .results::<TouchRow>()?;
    rows.into_iter()
        .map(|row| {
            serde_json::from_str(&row.record_json).map_err(|e| AppError::Storage {
                detail: format!("touch {} is unreadable: {e}", row.id),
            })
        })
        .collect()
}

/// Every touch of the workspace's leads `lead_ids` added after change-log position
/// `since` (0: all of them), oldest first.
pub async fn touches_of_leads(
    db: &D1Database,
    workspace_id: &str,
    lead_ids: &[String],
    since: u64,
) -> Result<Vec<Touch>, AppError> {
    let rows = db
        .prepare(
            "SELECT id, record_json FROM touches WHERE workspace_id = ?1 \
             AND lead_id IN (SELECT value FROM json_each(?2)) AND change_mark >= ?3 \
             ORDER BY at, id",
        )
        .bind(&[
            JsValue::from_str(workspace_id),
            JsValue::from_str(&to_json(&lead_ids)?),
            JsValue::from_f64(since as f64),
        ])?
        .all()
        .await?
        .results::<TouchRow>()?;
    rows.into_iter()
        .map(|row| {
            serde_json::from_str(&row.record_json).map_err(|e| AppError::Storage {
                detail: format!("touch {} is unreadable: {e}", row.id),
            })
        })
        .collect()
}

/// A stored stage change.
#[derive(Debug, Deserialize)]
struct StageChangeRow {
    id: u64,
    lead_id: String,
    from_stage: Option<String>,
    to_stage: String,
    at: String,
    actor_json: String,
    reason: Option<String>,
}

/// Every stage change of the workspace's leads `lead_ids` recorded after change-log
/// position `since` (0: all of them), in the order recorded.
pub async fn stage_changes_of_leads(
    db: &D1Database,
    workspace_id: &str,
    lead_ids: &[String],
    since: u64,
) -> Result<Vec<StageHistoryEntry>, AppError> {
    let rows = db
        .prepare(
            "SELECT id, lead_id, from_stage, to_stage, at, actor_json, reason FROM stage_changes \
             WHERE workspace_id = ?1 AND lead_id IN (SELECT value FROM json_each(?2)) \
             AND change_mark >= ?3 ORDER BY id",
        )
        .bind(&[
            JsValue::from_str(workspace_id),
            JsValue::from_str(&to_json(&lead_ids)?),
            JsValue::from_f64(since as f64),
        ])?
        .all()
        .await?
        .results::<StageChangeRow>()?;
    rows.into_iter()
        .map(|row| {
            let corrupt = |what: &str| AppError::Storage {
                detail: format!("stage change {} has an unreadable {what}", row.id),
            };
            Ok(StageHistoryEntry {
                id: row.id,
                lead_id: LeadId(Uuid::parse_str(&row.lead_id).map_err(|_| corrupt("lead_id"))?),
                from: row
                    .from_stage
                    .as_deref()
                    .map(|s| Stage::from_name(s).ok_or_else(|| corrupt("from_stage")))
                    .transpose()?,
                to: Stage::from_name(&row.to_stage).ok_or_else(|| corrupt("to_stage"))?,
                at: parse_timestamp(&row.at, "at")?,
                actor: serde_json::from_str(&row.actor_json).map_err(|_| corrupt("actor"))?,
                cause: row.reason.unwrap_or_else(|| "manual".to_owned()),
            })
        })
        .collect()
}
