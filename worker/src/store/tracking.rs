//! Tracking in D1: every accepted event is a `visitor_events` row (its id is the
//! client's event id, unique per workspace, which is what makes a retried beacon count
//! once). An anonymous visitor's rows wait with no lead; when the visitor identifies,
//! capture copies them into `touches` (same id) and marks them with the lead, in the
//! batch that stores the submission. Both sides guard against the other: an anonymous
//! row is only written while the visitor has no submission, and the stitch only commits
//! if no row was added since it read them.

use leadkit_shared::model::Touch;
use serde::Deserialize;
use time::OffsetDateTime;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use super::{timestamp, to_json};
use crate::error::AppError;

/// One event to store.
pub struct NewEvent<'a> {
    pub workspace_id: &'a str,
    pub visitor_id: &'a str,
    /// The form whose snippet sent it.
    pub form_id: &'a str,
    pub touch: &'a Touch,
    pub received_at: OffsetDateTime,
}

#[derive(Debug, Deserialize)]
struct LeadIdRow {
    lead_id: String,
}

/// The lead a visitor identified as — their latest submission's — or `None` for a
/// visitor who never submitted a form in this workspace.
pub async fn lead_of_visitor(
    db: &D1Database,
    workspace_id: &str,
    visitor_id: &str,
) -> Result<Option<String>, AppError> {
    Ok(db
        .prepare(
            "SELECT lead_id FROM submissions WHERE workspace_id = ?1 AND visitor_id = ?2 \
             ORDER BY received_at DESC, rowid DESC LIMIT 1",
        )
        .bind(&[
            JsValue::from_str(workspace_id),
            JsValue::from_str(visitor_id),
        ])?
        .first::<LeadIdRow>(None)
        .await?
        .map(|row| row.lead_id))
}

/// The statement that stores an anonymous visitor's event — unless the visitor has a
/// submission by the time it runs (then it changes nothing, and the caller records the
/// event on the lead instead). A taken event id fails it.
pub fn anonymous_event_statement(
    db: &D1Database,
    event: &NewEvent<'_>,
) -> Result<D1PreparedStatement, AppError> {
    Ok(db
        .prepare(
            "INSERT INTO visitor_events (id, workspace_id, visitor_id, lead_id, form_id, kind, \
             at, record_json, received_at) \
             SELECT ?1, ?2, ?3, NULL, ?4, ?5, ?6, ?7, ?8 \
             WHERE NOT EXISTS (SELECT 1 FROM submissions \
                               WHERE workspace_id = ?2 AND visitor_id = ?3)",
        )
        .bind(&event_values(event)?)?)
}

/// The statement that logs an identified visitor's event with its lead; it goes in the
/// batch that adds the touch, and a taken event id fails that batch.
pub fn known_event_statement(
    db: &D1Database,
    event: &NewEvent<'_>,
    lead_id: &str,
) -> Result<D1PreparedStatement, AppError> {
    let mut values = event_values(event)?;
    values.push(JsValue::from_str(lead_id));
    Ok(db
        .prepare(
            "INSERT INTO visitor_events (id, workspace_id, visitor_id, lead_id, form_id, kind, \
             at, record_json, received_at) VALUES (?1, ?2, ?3, ?9, ?4, ?5, ?6, ?7, ?8)",
        )
        .bind(&values)?)
}

fn event_values(event: &NewEvent<'_>) -> Result<Vec<JsValue>, AppError> {
    Ok(vec![
        JsValue::from_str(&event.touch.id.0.to_string()),
        JsValue::from_str(event.workspace_id),
        JsValue::from_str(event.visitor_id),
        JsValue::from_str(event.form_id),
        JsValue::from_str(event.touch.kind.as_str()),
        JsValue::from_str(&timestamp(event.touch.at)?),
        JsValue::from_str(&to_json(event.touch)?),
        JsValue::from_str(&timestamp(event.received_at)?),
    ])
}

#[derive(Debug, Deserialize)]
struct TakenRow {
    taken: i64,
}

/// Whether an event id is used already: by an event of this workspace, or by a touch
/// anywhere (touch ids are global, and the event would become one). Asked after a
/// write failed, to tell a retried beacon from a lost race.
pub async fn event_seen(
    db: &D1Database,
    workspace_id: &str,
    event_id: &str,
) -> Result<bool, AppError> {
    let row = db
        .prepare(
            "SELECT (EXISTS (SELECT 1 FROM visitor_events WHERE workspace_id = ?1 AND id = ?2) \
                     OR EXISTS (SELECT 1 FROM touches WHERE id = ?2)) AS taken",
        )
        .bind(&[JsValue::from_str(workspace_id), JsValue::from_str(event_id)])?
        .first::<TakenRow>(None)
        .await?;
    Ok(row.is_some_and(|row| row.taken != 0))
}

/// A visitor's events that wait for a lead.
pub struct Waiting {
    /// The touches to stitch, oldest first: every waiting event whose id is not a touch
    /// already (only a forged id can be, and it must not fail the capture).
    pub touches: Vec<Touch>,
    /// How many rows wait, for the stitch's guard.
    pub rows: usize,
}

#[derive(Debug, Deserialize)]
struct WaitingRow {
    id: String,
    record_json: String,
    taken: i64,
}

/// The events `visitor_id` left in the workspace before identifying.
pub async fn waiting_events(
    db: &D1Database,
    workspace_id: &str,
    visitor_id: &str,
) -> Result<Waiting, AppError> {
    let rows = db
        .prepare(
            "SELECT v.id, v.record_json, EXISTS (SELECT 1 FROM touches AS t WHERE t.id = v.id) \
             AS taken FROM visitor_events AS v \
             WHERE v.workspace_id = ?1 AND v.visitor_id = ?2 AND v.lead_id IS NULL \
             ORDER BY v.at, v.id",
        )
        .bind(&[
            JsValue::from_str(workspace_id),
            JsValue::from_str(visitor_id),
        ])?
        .all()
        .await?
        .results::<WaitingRow>()?;
    let count = rows.len();
    let mut touches = Vec::with_capacity(count);
    for row in rows {
        if row.taken != 0 {
            worker::console_log!("visitor event {} not stitched: its id is a touch", row.id);
            continue;
        }
        touches.push(
            serde_json::from_str(&row.record_json).map_err(|e| AppError::Storage {
                detail: format!("visitor event {} is unreadable: {e}", row.id),
            })?,
        );
    }
    Ok(Waiting {
        touches,
        rows: count,
    })
}

/// The statements that mark a visitor's waiting events as `lead_id`'s, for the batch
/// that stores the submission (and inserts the touches). The first fails the batch when
/// the number of waiting rows is no longer `waiting_rows` — an event arrived after they
/// were read — so the capture reads again rather than leaving that event behind. Rows
/// only ever stop waiting in such a batch, so an equal count is the same rows.
pub fn stitch_statements(
    db: &D1Database,
    workspace_id: &str,
    visitor_id: &str,
    lead_id: &str,
    waiting_rows: usize,
) -> Result<Vec<D1PreparedStatement>, AppError> {
    let scope = [
        JsValue::from_str(workspace_id),
        JsValue::from_str(visitor_id),
    ];
    Ok(vec![
        // D1 has no "abort unless": json() over invalid text fails the statement, and
        // with it the batch (as the lead version guard does).
        db.prepare(
            "SELECT json(CASE WHEN (SELECT count(*) FROM visitor_events \
                                    WHERE workspace_id = ?1 AND visitor_id = ?2 \
                                      AND lead_id IS NULL) = ?3 \
                         THEN '1' ELSE 'stale visitor events' END)",
        )
        .bind(&[
            scope[0].clone(),
            scope[1].clone(),
            JsValue::from_f64(waiting_rows as f64),
        ])?,
        db.prepare(
            "UPDATE visitor_events SET lead_id = ?3 \
             WHERE workspace_id = ?1 AND visitor_id = ?2 AND lead_id IS NULL",
        )
        .bind(&[
            scope[0].clone(),
            scope[1].clone(),
            JsValue::from_str(lead_id),
        ])?,
    ])
}
