//! Sync rows in D1: each replica's last applied sequence, the operation log, and the
//! per-field stamps kept with each lead.

use std::collections::BTreeMap;

use leadkit_shared::sync::{Hlc, Operation};
use serde::Deserialize;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use super::to_json;
use crate::error::AppError;

/// The last sequence number applied for `replica_id` in the workspace (0 when none).
pub async fn last_applied(
    db: &D1Database,
    workspace_id: &str,
    replica_id: &str,
) -> Result<u64, AppError> {
    #[derive(Deserialize)]
    struct Row {
        last_seq: u64,
    }
    let row = db
        .prepare("SELECT last_seq FROM sync_replicas WHERE workspace_id = ?1 AND replica_id = ?2")
        .bind(&[
            JsValue::from_str(workspace_id),
            JsValue::from_str(replica_id),
        ])?
        .first::<Row>(None)
        .await?;
    Ok(row.map_or(0, |r| r.last_seq))
}

/// The stamps stored with a lead.
pub async fn stamps_of(db: &D1Database, lead_id: &str) -> Result<BTreeMap<String, Hlc>, AppError> {
    #[derive(Deserialize)]
    struct Row {
        stamps_json: Option<String>,
    }
    let row = db
        .prepare("SELECT stamps_json FROM leads WHERE id = ?1")
        .bind(&[JsValue::from_str(lead_id)])?
        .first::<Row>(None)
        .await?;
    Ok(row
        .and_then(|r| r.stamps_json)
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

/// The statements that record `op` as done with `outcome` and move the replica's
/// sequence to it — only if the replica is still at the sequence before (a guard that
/// fails the batch otherwise, so two pushes of one replica cannot both apply).
pub fn record_statements(
    db: &D1Database,
    workspace_id: &str,
    op: &Operation,
    outcome: &str,
    lead_id: Option<&str>,
    at: &str,
) -> Result<Vec<D1PreparedStatement>, AppError> {
    let replica = op.replica.0.to_string();
    let ws = JsValue::from_str(workspace_id);
    Ok(vec![
        db.prepare(
            "SELECT json(CASE WHEN COALESCE((SELECT last_seq FROM sync_replicas \
             WHERE workspace_id = ?1 AND replica_id = ?2), 0) = ?3 THEN '1' \
             ELSE 'replica sequence moved' END)",
        )
        .bind(&[
            ws.clone(),
            JsValue::from_str(&replica),
            JsValue::from_f64(op.seq.saturating_sub(1) as f64),
        ])?,
        db.prepare(
            "INSERT INTO sync_replicas (workspace_id, replica_id, last_seq, updated_at) \
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT (workspace_id, replica_id) \
             DO UPDATE SET last_seq = excluded.last_seq, updated_at = excluded.updated_at",
        )
        .bind(&[
            ws.clone(),
            JsValue::from_str(&replica),
            JsValue::from_f64(op.seq as f64),
            JsValue::from_str(at),
        ])?,
        db.prepare(
            "INSERT INTO sync_operations (workspace_id, op_id, replica_id, seq, lead_id, outcome, \
             operation_json, applied_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .bind(&[
            ws,
            JsValue::from_str(&op.id.0.to_string()),
            JsValue::from_str(&replica),
            JsValue::from_f64(op.seq as f64),
            lead_id.map_or(JsValue::NULL, JsValue::from_str),
            JsValue::from_str(outcome),
            JsValue::from_str(&to_json(op)?),
            JsValue::from_str(at),
        ])?,
    ])
}

/// The statement that stores a lead's stamps.
pub fn stamps_statement(
    db: &D1Database,
    lead_id: &str,
    stamps: &BTreeMap<String, Hlc>,
) -> Result<D1PreparedStatement, AppError> {
    Ok(db
        .prepare("UPDATE leads SET stamps_json = ?2 WHERE id = ?1")
        .bind(&[
            JsValue::from_str(lead_id),
            JsValue::from_str(&to_json(stamps)?),
        ])?)
}

/// Where an applied operation landed in the workspace's log.
pub async fn log_seq_of(db: &D1Database, op_id: &str) -> Result<Option<u64>, AppError> {
    #[derive(Deserialize)]
    struct Row {
        log_seq: u64,
    }
    let row = db
        .prepare("SELECT log_seq FROM sync_operations WHERE op_id = ?1")
        .bind(&[JsValue::from_str(op_id)])?
        .first::<Row>(None)
        .await?;
    Ok(row.map(|r| r.log_seq))
}
