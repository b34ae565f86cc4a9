//! Saved segments in D1, one row per segment, scoped by workspace in every statement.

use leadkit_shared::api::SegmentRecord;
use leadkit_shared::segments::Segment;
use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use super::handoff::utc;
use super::{parse_timestamp, to_json};
use crate::error::AppError;

#[derive(Deserialize)]
struct Row {
    id: String,
    segment_json: String,
    updated_at: String,
    updated_by: Option<String>,
}

impl Row {
    fn into_record(self) -> Result<SegmentRecord, AppError> {
        let corrupt = |what: &str| AppError::Storage {
            detail: format!("segment {} has an unreadable {what}", self.id),
        };
        Ok(SegmentRecord {
            id: Uuid::parse_str(&self.id).map_err(|_| corrupt("id"))?,
            segment: serde_json::from_str::<Segment>(&self.segment_json)
                .map_err(|_| corrupt("segment_json"))?,
            updated_at: parse_timestamp(&self.updated_at, "updated_at")?,
            updated_by: self.updated_by,
        })
    }
}

/// The workspace's segments, by name.
pub async fn list(db: &D1Database, workspace_id: &str) -> Result<Vec<SegmentRecord>, AppError> {
    db.prepare(
        "SELECT id, segment_json, updated_at, updated_by FROM segments \
         WHERE workspace_id = ?1 ORDER BY name, id",
    )
    .bind(&[JsValue::from_str(workspace_id)])?
    .all()
    .await?
    .results::<Row>()?
    .into_iter()
    .map(Row::into_record)
    .collect()
}

/// Whether the workspace has a segment with this id.
pub async fn exists(db: &D1Database, workspace_id: &str, id: Uuid) -> Result<bool, AppError> {
    #[derive(Deserialize)]
    struct Found {
        #[allow(dead_code)]
        found: u32,
    }
    Ok(db
        .prepare("SELECT 1 AS found FROM segments WHERE workspace_id = ?1 AND id = ?2")
        .bind(&[
            JsValue::from_str(workspace_id),
            JsValue::from_str(&id.to_string()),
        ])?
        .first::<Found>(None)
        .await?
        .is_some())
}

/// The statement that creates or replaces one segment of the workspace.
pub fn put_statement(
    db: &D1Database,
    workspace_id: &str,
    id: Uuid,
    segment: &Segment,
    at: OffsetDateTime,
    by: Option<&str>,
) -> Result<D1PreparedStatement, AppError> {
    Ok(db
        .prepare(
            "INSERT INTO segments (workspace_id, id, name, segment_json, updated_at, updated_by) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
             ON CONFLICT (workspace_id, id) DO UPDATE SET name = excluded.name, \
             segment_json = excluded.segment_json, updated_at = excluded.updated_at, \
             updated_by = excluded.updated_by",
        )
        .bind(&[
            JsValue::from_str(workspace_id),
            JsValue::from_str(&id.to_string()),
            JsValue::from_str(segment.name.trim()),
            JsValue::from_str(&to_json(segment)?),
            JsValue::from_str(&utc(at)?),
            by.map_or(JsValue::NULL, JsValue::from_str),
        ])?)
}

/// The statement that deletes one segment of the workspace (another workspace's segment
/// with the same id is out of its reach).
pub fn delete_statement(
    db: &D1Database,
    workspace_id: &str,
    id: Uuid,
) -> Result<D1PreparedStatement, AppError> {
    Ok(db
        .prepare("DELETE FROM segments WHERE workspace_id = ?1 AND id = ?2")
        .bind(&[
            JsValue::from_str(workspace_id),
            JsValue::from_str(&id.to_string()),
        ])?)
}
