//! D1 access: every SQL statement the worker runs, with bound parameters only.

use leadkit_shared::api::LeadRecord;
use leadkit_shared::capture::NewLead;
use serde::Deserialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;
use wasm_bindgen::JsValue;
use worker::D1Database;

use crate::error::AppError;

pub mod auth;

/// The D1 binding's name in wrangler.toml.
const DB_BINDING: &str = "DB";

/// A form as capture needs it.
#[derive(Debug, Deserialize)]
pub struct FormRow {
    pub id: String,
    pub workspace_id: String,
    pub thank_you_url: Option<String>,
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
}

impl LeadRow {
    fn into_record(self) -> Result<LeadRecord, AppError> {
        let corrupt = |what: &str| AppError::Storage {
            detail: format!("lead seq {} has an unreadable {what}", self.seq),
        };
        Ok(LeadRecord {
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
        .prepare("SELECT id, workspace_id, thank_you_url FROM forms WHERE id = ?1")
        .bind(&[JsValue::from_str(form_id)])?
        .first::<FormRow>(None)
        .await?;
    Ok(row)
}

/// Stores one captured lead. A single statement, so it is stored whole or not at all.
pub async fn insert_lead(
    db: &D1Database,
    form: &FormRow,
    id: Uuid,
    lead: &NewLead,
    captured_at: OffsetDateTime,
) -> Result<(), AppError> {
    let extra_json = serde_json::to_string(&lead.extra).map_err(|e| AppError::Storage {
        detail: e.to_string(),
    })?;
    let captured_at = captured_at
        .format(&Rfc3339)
        .map_err(|e| AppError::Storage {
            detail: e.to_string(),
        })?;
    db.prepare(
        "INSERT INTO leads (id, workspace_id, form_id, email, name, company, extra_json, captured_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .bind(&[
        JsValue::from_str(&id.to_string()),
        JsValue::from_str(&form.workspace_id),
        JsValue::from_str(&form.id),
        JsValue::from_str(&lead.email),
        JsValue::from_str(&lead.name),
        JsValue::from_str(&lead.company),
        JsValue::from_str(&extra_json),
        JsValue::from_str(&captured_at),
    ])?
    .run()
    .await?;
    Ok(())
}

/// Up to `limit` leads of a workspace with `seq` above `after`, ascending.
pub async fn leads_after(
    db: &D1Database,
    workspace_id: &str,
    after: u64,
    limit: u32,
) -> Result<Vec<LeadRecord>, AppError> {
    let rows = db
        .prepare(
            "SELECT seq, id, form_id, email, name, company, captured_at FROM leads \
             WHERE workspace_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
        )
        .bind(&[
            JsValue::from_str(workspace_id),
            JsValue::from_f64(after as f64),
            JsValue::from_f64(f64::from(limit)),
        ])?
        .all()
        .await?
        .results::<LeadRow>()?;
    rows.into_iter().map(LeadRow::into_record).collect()
}
