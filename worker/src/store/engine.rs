//! The engine configuration's versions in D1: the current one (what capture reads) and
//! the history of saves with their changes.

use leadkit_shared::api::EngineConfigVersion;
use leadkit_shared::engine::{ConfigChange, EngineConfig};
use serde::Deserialize;
use time::OffsetDateTime;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use super::handoff::utc;
use super::{parse_timestamp, to_json};
use crate::error::AppError;

/// The current configuration with its version and save.
pub struct CurrentConfig {
    pub config: EngineConfig,
    pub version: u32,
    pub saved_at: Option<OffsetDateTime>,
    pub saved_by: Option<String>,
}

#[derive(Deserialize)]
struct CurrentRow {
    config_json: String,
    version: u32,
    updated_at: String,
    updated_by: Option<String>,
}

/// The workspace's configuration: the saved one, or the defaults at version 0.
pub async fn current(db: &D1Database, workspace_id: &str) -> Result<CurrentConfig, AppError> {
    let row = db
        .prepare(
            "SELECT config_json, version, updated_at, updated_by FROM workspace_engine_config \
             WHERE workspace_id = ?1",
        )
        .bind(&[JsValue::from_str(workspace_id)])?
        .first::<CurrentRow>(None)
        .await?;
    match row {
        None => Ok(CurrentConfig {
            config: EngineConfig::korean_b2b_default(),
            version: 0,
            saved_at: None,
            saved_by: None,
        }),
        Some(row) => Ok(CurrentConfig {
            config: serde_json::from_str(&row.config_json).map_err(|e| AppError::Storage {
                detail: format!("workspace {workspace_id} has an unreadable engine config: {e}"),
            })?,
            version: row.version,
            saved_at: Some(parse_timestamp(&row.updated_at, "updated_at")?),
            saved_by: row.updated_by,
        }),
    }
}

/// One save: the new current configuration and its history entry.
pub struct NewVersion<'a> {
    pub workspace_id: &'a str,
    pub config: &'a EngineConfig,
    /// The version the editor started from; the save fails unless it is still current.
    pub base_version: u32,
    pub saved_by: Option<&'a str>,
    pub saved_by_name: Option<&'a str>,
    pub note: Option<&'a str>,
    pub changes: &'a [ConfigChange],
    pub at: OffsetDateTime,
}

/// The statements that save a version, for the caller's one batch: the batch fails
/// unless the base is still current.
pub fn save_statements(
    db: &D1Database,
    new: &NewVersion<'_>,
) -> Result<Vec<D1PreparedStatement>, AppError> {
    let version = new.base_version + 1;
    let config_json = to_json(new.config)?;
    let at = utc(new.at)?;
    let ws = JsValue::from_str(new.workspace_id);
    Ok(vec![
        // Fails the batch (json() of invalid text) unless the base is still current.
        db.prepare(
            "SELECT json(CASE WHEN COALESCE((SELECT version FROM workspace_engine_config \
             WHERE workspace_id = ?1), 0) = ?2 THEN '1' ELSE 'stale engine config version' END)",
        )
        .bind(&[ws.clone(), JsValue::from_f64(f64::from(new.base_version))])?,
        db.prepare(
            "INSERT INTO workspace_engine_config (workspace_id, config_json, version, updated_at, \
             updated_by) VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT(workspace_id) DO UPDATE SET config_json = excluded.config_json, \
             version = excluded.version, updated_at = excluded.updated_at, \
             updated_by = excluded.updated_by",
        )
        .bind(&[
            ws.clone(),
            JsValue::from_str(&config_json),
            JsValue::from_f64(f64::from(version)),
            JsValue::from_str(&at),
            new.saved_by.map_or(JsValue::NULL, JsValue::from_str),
        ])?,
        db.prepare(
            "INSERT INTO engine_config_versions (workspace_id, version, config_json, saved_at, \
             saved_by, saved_by_name, note, changes_json) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .bind(&[
            ws,
            JsValue::from_f64(f64::from(version)),
            JsValue::from_str(&config_json),
            JsValue::from_str(&at),
            new.saved_by.map_or(JsValue::NULL, JsValue::from_str),
            new.saved_by_name.map_or(JsValue::NULL, JsValue::from_str),
            new.note.map_or(JsValue::NULL, JsValue::from_str),
            JsValue::from_str(&to_json(&new.changes)?),
        ])?,
    ])
}

/// Saves a version in one batch; `Ok(false)` when another save got there first.
pub async fn save(db: &D1Database, new: &NewVersion<'_>) -> Result<bool, AppError> {
    match db.batch(save_statements(db, new)?).await {
        Ok(_) => Ok(true),
        Err(error) => {
            if current(db, new.workspace_id).await?.version != new.base_version {
                Ok(false)
            } else {
                Err(error.into())
            }
        }
    }
}

#[derive(Deserialize)]
struct VersionRow {
    version: u32,
    saved_at: String,
    saved_by: Option<String>,
    saved_by_name: Option<String>,
    note: Option<String>,
    changes_json: String,
}

/// The workspace's saved versions, newest first.
pub async fn history(
    db: &D1Database,
    workspace_id: &str,
) -> Result<Vec<EngineConfigVersion>, AppError> {
    let rows = db
        .prepare(
            "SELECT version, saved_at, saved_by, saved_by_name, note, changes_json \
             FROM engine_config_versions WHERE workspace_id = ?1 ORDER BY version DESC LIMIT 200",
        )
        .bind(&[JsValue::from_str(workspace_id)])?
        .all()
        .await?
        .results::<VersionRow>()?;
    rows.into_iter()
        .map(|row| {
            Ok(EngineConfigVersion {
                version: row.version,
                saved_at: parse_timestamp(&row.saved_at, "saved_at")?,
                saved_by: row.saved_by,
                saved_by_name: row.saved_by_name,
                note: row.note,
                changes: serde_json::from_str(&row.changes_json).map_err(|e| {
                    AppError::Storage {
                        detail: format!(
                            "engine config version {} has unreadable changes: {e}",
                            row.version
                        ),
                    }
                })?,
            })
        })
        .collect()
}
