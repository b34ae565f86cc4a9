//! Saved segments in D1, one row per segment, scoped by workspace in every statement.

use leadkit_shared::api::SegmentRecord;
use leadkit_shared::segments::Segment;
use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;
use wasm_bindgen::JsValue;
use worker::D1Database;

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

/// Creates or replaces one segment of the workspace.
pub async fn put(
    db: &D1Database,
    workspace_id: &str,
    id: Uuid,
    segment: &Segment,
    at: OffsetDateTime,
    by: Option<&str>,
) -> Result<(), AppError> {
    db.prepare(
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
    ])?
    .run()
    .await?;
    Ok(())
}

/// Deletes one segment of the workspace; `false` when it has none with this id.
pub async fn delete(db: &D1Database, workspace_id: &str, id: Uuid) -> Result<bool, AppError> {
    let result = db
        .prepare("DELETE FROM segments WHERE workspace_id = ?1 AND id = ?2")
        .bind(&[
            JsValue::from_str(workspace_id),
            JsValue::from_str(&id.to_string()),
        ])?
        .run()
        .await?;
    Ok(result.meta()?.and_then(|meta| meta.changes).unwrap_or(0) > 0)
}
