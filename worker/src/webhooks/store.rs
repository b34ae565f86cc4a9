//! D1 access for webhooks: endpoints, the delivery log, and the claim-and-record steps
//! of an attempt. Bound parameters only; every API query is scoped to a workspace.

use leadkit_shared::api::{DeliveriesQuery, DeliveryRecord, WebhookEndpointSummary};
use leadkit_shared::webhooks::{DeliveryLog, DeliveryStatus, EventFilter, WebhookEventType};
use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;
use wasm_bindgen::JsValue;
use worker::D1Database;

use super::deliver::ENDPOINT_DELETED;
use super::{DeliveryTask, from_unix_ms, unix_ms};
use crate::error::AppError;
use crate::store::{parse_timestamp, timestamp};

/// How long an attempt holds its delivery: the request's timeout and then some, so a
/// crashed attempt frees the delivery for the sweep soon after.
const LEASE_MS: i64 = 60_000;
/// How early a queued task may arrive and still attempt: queue delays are whole seconds.
const EARLY_MS: i64 = 1_000;

/// A new endpoint to store.
pub struct NewEndpoint<'a> {
    pub id: &'a str,
    pub workspace_id: &'a str,
    pub url: &'a str,
    pub description: &'a str,
    pub events: &'a EventFilter,
    pub secret: &'a str,
    pub now: OffsetDateTime,
}

/// An endpoint as lists show it.
#[derive(Debug, Deserialize)]
pub struct EndpointRow {
    id: String,
    url: String,
    description: String,
    event_types: String,
    created_at: String,
}

impl EndpointRow {
    /// The wire form; a row that does not read back is a storage failure.
    pub fn into_summary(self) -> Result<WebhookEndpointSummary, AppError> {
        let corrupt = |what: &str| AppError::Storage {
            detail: format!("webhook endpoint {} has an unreadable {what}", self.id),
        };
        Ok(WebhookEndpointSummary {
            id: Uuid::parse_str(&self.id).map_err(|_| corrupt("id"))?,
            event_types: EventFilter::from_json(&self.event_types)
                .map_err(|_| corrupt("event_types"))?
                .types(),
            created_at: parse_timestamp(&self.created_at, "webhook endpoint created_at")?,
            url: self.url,
            description: self.description,
        })
    }
}

/// A delivery row as the log and an attempt read it.
#[derive(Debug, Deserialize)]
pub struct DeliveryRow {
    id: u64,
    message_id: String,
    endpoint_id: String,
    event_type: String,
    status: String,
    attempts: u32,
    last_status_code: Option<u16>,
    last_error: Option<String>,
    last_attempt_at: Option<String>,
    next_attempt_ms: Option<i64>,
    created_at: String,
    updated_at: String,
}

impl DeliveryRow {
    fn log(&self) -> Result<DeliveryLog, AppError> {
        let corrupt = |what: &str| AppError::Storage {
            detail: format!("webhook delivery {} has an unreadable {what}", self.id),
        };
        Ok(DeliveryLog {
            msg_id: self.message_id.clone(),
            endpoint_id: Uuid::parse_str(&self.endpoint_id).map_err(|_| corrupt("endpoint_id"))?,
            event_type: WebhookEventType::from_name(&self.event_type)
                .ok_or_else(|| corrupt("event_type"))?,
            status: DeliveryStatus::from_name(&self.status).ok_or_else(|| corrupt("status"))?,
            attempts: self.attempts,
            last_status_code: self.last_status_code,
            last_error: self.last_error.clone(),
            last_attempt_at: self
                .last_attempt_at
                .as_deref()
                .map(|at| parse_timestamp(at, "webhook delivery last_attempt_at"))
                .transpose()?,
            next_attempt_at: self.next_attempt_ms.map(from_unix_ms),
            created_at: parse_timestamp(&self.created_at, "webhook delivery created_at")?,
        })
    }

    /// The log line the API shows.
    pub fn into_record(self) -> Result<DeliveryRecord, AppError> {
        Ok(DeliveryRecord {
            id: self.id,
            log: self.log()?,
            updated_at: parse_timestamp(&self.updated_at, "webhook delivery updated_at")?,
        })
    }
}

/// A claimed delivery with what its attempt needs.
pub struct Claimed {
    /// `webhook_deliveries.id`.
    pub id: u64,
    /// The log before this attempt.
    pub log: DeliveryLog,
    /// Where to send.
    pub url: String,
    /// The endpoint's `whsec_` secret.
    pub secret: String,
    /// Whether the endpoint is still active (it may have been deleted since queuing).
    pub active: bool,
    /// The message's exact bytes.
    pub body: String,
}

#[derive(Debug, Deserialize)]
struct AttemptRow {
    id: u64,
    message_id: String,
    endpoint_id: String,
    event_type: String,
    status: String,
    attempts: u32,
    last_status_code: Option<u16>,
    last_error: Option<String>,
    last_attempt_at: Option<String>,
    next_attempt_ms: Option<i64>,
    created_at: String,
    updated_at: String,
    url: String,
    secret: String,
    active: i64,
    body: String,
}

#[derive(Debug, Deserialize)]
struct TaskRow {
    id: u64,
    attempts: u32,
}

impl From<TaskRow> for DeliveryTask {
    fn from(row: TaskRow) -> Self {
        Self {
            delivery_id: row.id,
            attempts: row.attempts,
        }
    }
}

/// Stores a new endpoint.
pub async fn insert_endpoint(db: &D1Database, new: &NewEndpoint<'_>) -> Result<(), AppError> {
    db.prepare(
        "INSERT INTO webhook_endpoints (id, workspace_id, url, description, event_types, \
         secret, active, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7)",
    )
    .bind(&[
        JsValue::from_str(new.id),
        JsValue::from_str(new.workspace_id),
        JsValue::from_str(new.url),
        JsValue::from_str(new.description),
        JsValue::from_str(&new.events.to_json()),
        JsValue::from_str(new.secret),
        JsValue::from_str(&timestamp(new.now)?),
    ])?
    .run()
    .await?;
    Ok(())
}

/// The workspace's active endpoints, newest first.
pub async fn active_endpoints(
    db: &D1Database,
    workspace_id: &str,
) -> Result<Vec<EndpointRow>, AppError> {
    Ok(db
        .prepare(
            "SELECT id, url, description, event_types, created_at FROM webhook_endpoints \
             WHERE workspace_id = ?1 AND active = 1 ORDER BY created_at DESC, id",
        )
        .bind(&[JsValue::from_str(workspace_id)])?
        .all()
        .await?
        .results::<EndpointRow>()?)
}

/// Whether the workspace has (or had: deleted ones keep their log) this endpoint.
pub async fn endpoint_exists(
    db: &D1Database,
    workspace_id: &str,
    endpoint_id: &str,
) -> Result<bool, AppError> {
    #[derive(Deserialize)]
    struct Found {
        #[allow(dead_code)]
        id: String,
    }
    Ok(db
        .prepare("SELECT id FROM webhook_endpoints WHERE id = ?1 AND workspace_id = ?2")
        .bind(&[
            JsValue::from_str(endpoint_id),
            JsValue::from_str(workspace_id),
        ])?
        .first::<Found>(None)
        .await?
        .is_some())
}

/// Deactivates an active endpoint of the workspace and gives up its unsent deliveries,
/// in one batch; `false` when the workspace has no such active endpoint.
pub async fn delete_endpoint(
    db: &D1Database,
    workspace_id: &str,
    endpoint_id: &str,
    now: OffsetDateTime,
) -> Result<bool, AppError> {
    let now = JsValue::from_str(&timestamp(now)?);
    let ids = [
        JsValue::from_str(endpoint_id),
        JsValue::from_str(workspace_id),
        now,
        JsValue::from_str(ENDPOINT_DELETED),
    ];
    let results = db
        .batch(vec![
            db.prepare(
                "UPDATE webhook_endpoints SET active = 0, deleted_at = ?3 \
                 WHERE id = ?1 AND workspace_id = ?2 AND active = 1",
            )
            .bind(&ids[..3])?,
            // As `DeliveryLog::abandon` does; an attempt in flight finds the endpoint
            // inactive at its next try and gives up there.
            db.prepare(
                "UPDATE webhook_deliveries SET status = 'gave_up', next_attempt_ms = NULL, \
                 last_error = ?4, updated_at = ?3 \
                 WHERE endpoint_id = ?1 AND workspace_id = ?2 AND next_attempt_ms IS NOT NULL",
            )
            .bind(&ids)?,
        ])
        .await?;
    let changed = results
        .first()
        .map(|r| r.meta())
        .transpose()?
        .flatten()
        .and_then(|m| m.changes)
        .unwrap_or(0);
    Ok(changed > 0)
}

/// One page of the workspace's delivery log, newest first, with one row more than the
/// limit when more follow.
pub async fn deliveries(
    db: &D1Database,
    workspace_id: &str,
    query: &DeliveriesQuery,
) -> Result<Vec<DeliveryRow>, AppError> {
    let status = query.status.map_or("", DeliveryStatus::as_str);
    let endpoint = query
        .endpoint_id
        .map(|id| id.to_string())
        .unwrap_or_default();
    Ok(db
        .prepare(
            "SELECT id, message_id, endpoint_id, event_type, status, attempts, \
             last_status_code, last_error, last_attempt_at, next_attempt_ms, created_at, \
             updated_at FROM webhook_deliveries WHERE workspace_id = ?1 \
             AND (?2 = '' OR endpoint_id = ?2) AND (?3 = '' OR status = ?3) \
             AND (?4 = 0 OR id < ?4) ORDER BY id DESC LIMIT ?5",
        )
        .bind(&[
            JsValue::from_str(workspace_id),
            JsValue::from_str(&endpoint),
            JsValue::from_str(status),
            JsValue::from_f64(query.before.unwrap_or(0) as f64),
            JsValue::from_f64(f64::from(query.limit) + 1.0),
        ])?
        .all()
        .await?
        .results::<DeliveryRow>()?)
}

/// The not-yet-attempted deliveries of these messages.
pub async fn pending_of_messages(
    db: &D1Database,
    message_ids: &[String],
) -> Result<Vec<DeliveryTask>, AppError> {
    let ids = serde_json::to_string(message_ids).map_err(|e| AppError::Storage {
        detail: e.to_string(),
    })?;
    let rows = db
        .prepare(
            "SELECT id, attempts FROM webhook_deliveries \
             WHERE message_id IN (SELECT value FROM json_each(?1)) AND status = 'pending'",
        )
        .bind(&[JsValue::from_str(&ids)])?
        .all()
        .await?
        .results::<TaskRow>()?;
    Ok(rows.into_iter().map(DeliveryTask::from).collect())
}

/// Deliveries due before `due_before` that no attempt holds, oldest due first.
pub async fn due(
    db: &D1Database,
    due_before: OffsetDateTime,
    now: OffsetDateTime,
    limit: u32,
) -> Result<Vec<DeliveryTask>, AppError> {
    let rows = db
        .prepare(
            "SELECT id, attempts FROM webhook_deliveries \
             WHERE next_attempt_ms IS NOT NULL AND next_attempt_ms <= ?1 \
             AND (lease_until_ms IS NULL OR lease_until_ms <= ?2) \
             ORDER BY next_attempt_ms LIMIT ?3",
        )
        .bind(&[
            JsValue::from_f64(unix_ms(due_before) as f64),
            JsValue::from_f64(unix_ms(now) as f64),
            JsValue::from_f64(f64::from(limit)),
        ])?
        .all()
        .await?
        .results::<TaskRow>()?;
    Ok(rows.into_iter().map(DeliveryTask::from).collect())
}

/// Takes the delivery for one attempt, if `task` is still its next one, it is due and
/// no other attempt holds it; returns it with its endpoint and message. Claim and read
/// run in one batch, so what is read is what was claimed.
pub async fn claim(
    db: &D1Database,
    task: DeliveryTask,
    now: OffsetDateTime,
) -> Result<Option<Claimed>, AppError> {
    let now_ms = unix_ms(now);
    let id = JsValue::from_f64(task.delivery_id as f64);
    let results = db
        .batch(vec![
            db.prepare(
                "UPDATE webhook_deliveries SET lease_until_ms = ?1 \
                 WHERE id = ?2 AND attempts = ?3 AND next_attempt_ms IS NOT NULL \
                 AND next_attempt_ms <= ?4 AND (lease_until_ms IS NULL OR lease_until_ms <= ?5)",
            )
            .bind(&[
                JsValue::from_f64((now_ms + LEASE_MS) as f64),
                id.clone(),
                JsValue::from_f64(f64::from(task.attempts)),
                JsValue::from_f64((now_ms + EARLY_MS) as f64),
                JsValue::from_f64(now_ms as f64),
            ])?,
            db.prepare(
                "SELECT d.id, d.message_id, d.endpoint_id, d.event_type, d.status, d.attempts, \
                 d.last_status_code, d.last_error, d.last_attempt_at, d.next_attempt_ms, \
                 d.created_at, d.updated_at, e.url, e.secret, e.active, m.body \
                 FROM webhook_deliveries d \
                 JOIN webhook_endpoints e ON e.id = d.endpoint_id \
                 JOIN webhook_messages m ON m.id = d.message_id WHERE d.id = ?1",
            )
            .bind(&[id])?,
        ])
        .await?;
    let claimed = results
        .first()
        .map(|r| r.meta())
        .transpose()?
        .flatten()
        .and_then(|m| m.changes)
        .unwrap_or(0);
    if claimed == 0 {
        return Ok(None);
    }
    let Some(row) = results
        .get(1)
        .map(|r| r.results::<AttemptRow>())
        .transpose()?
        .and_then(|rows| rows.into_iter().next())
    else {
        return Ok(None);
    };
    let delivery = DeliveryRow {
        id: row.id,
        message_id: row.message_id,
        endpoint_id: row.endpoint_id,
        event_type: row.event_type,
        status: row.status,
        attempts: row.attempts,
        last_status_code: row.last_status_code,
        last_error: row.last_error,
        last_attempt_at: row.last_attempt_at,
        next_attempt_ms: row.next_attempt_ms,
        created_at: row.created_at,
        updated_at: row.updated_at,
    };
    Ok(Some(Claimed {
        id: delivery.id,
        log: delivery.log()?,
        url: row.url,
        secret: row.secret,
        active: row.active != 0,
        body: row.body,
    }))
}

/// Writes the log after an attempt and releases the delivery; `false` when another
/// attempt was recorded meanwhile (then this one's result is dropped, not doubled).
pub async fn record(
    db: &D1Database,
    id: u64,
    attempts_before: u32,
    log: &DeliveryLog,
    now: OffsetDateTime,
) -> Result<bool, AppError> {
    let optional_text = |text: Option<&str>| text.map_or(JsValue::NULL, JsValue::from_str);
    let result = db
        .prepare(
            "UPDATE webhook_deliveries SET status = ?1, attempts = ?2, last_status_code = ?3, \
             last_error = ?4, last_attempt_at = ?5, next_attempt_ms = ?6, lease_until_ms = NULL, \
             updated_at = ?7 WHERE id = ?8 AND attempts = ?9",
        )
        .bind(&[
            JsValue::from_str(log.status.as_str()),
            JsValue::from_f64(f64::from(log.attempts)),
            log.last_status_code
                .map_or(JsValue::NULL, |code| JsValue::from_f64(f64::from(code))),
            optional_text(log.last_error.as_deref()),
            optional_text(log.last_attempt_at.map(timestamp).transpose()?.as_deref()),
            log.next_attempt_at
                .map_or(JsValue::NULL, |at| JsValue::from_f64(unix_ms(at) as f64)),
            JsValue::from_str(&timestamp(now)?),
            JsValue::from_f64(id as f64),
            JsValue::from_f64(f64::from(attempts_before)),
        ])?
        .run()
        .await?;
    Ok(result.meta()?.and_then(|m| m.changes).unwrap_or(0) > 0)
}
