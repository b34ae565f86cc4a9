//! Running an import in the browser: the file's bytes, its rows read in chunks with a
//! pause between them so the page stays responsive, and the result written to the
//! workspace in batches — each batch one local change (leads and outbox in one
//! IndexedDB transaction) that the normal sync push carries to the server.

use leadkit_shared::api::LeadRecord;
use leadkit_shared::csv_io::{
    ExistingPolicy, ImportReport, Importer, Progress, create_op, existing_updates, new_record,
};
use leadkit_shared::model::{Lead, LeadId};
use leadkit_shared::sync::OpBody;
use uuid::Uuid;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::data::{StoreError, Workspace};

/// Rows read between two pauses: a step of this size stays well under a frame.
pub const CHUNK_ROWS: usize = 500;

/// Local changes written per `Workspace::change`: one IndexedDB transaction each, so
/// a large file neither holds one huge transaction nor thousands of small ones.
pub const WRITE_BATCH: usize = 500;

/// The bytes of a file the person picked or dropped.
pub async fn file_bytes(file: &web_sys::File) -> Result<Vec<u8>, JsValue> {
    let buffer = JsFuture::from(file.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Lets the browser paint and handle input before the next chunk.
pub async fn pause() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// A fresh lead id from the browser's random source (or `Math.random` where crypto is
/// missing, which only very old browsers lack).
pub fn new_lead_id() -> LeadId {
    LeadId(crate::clock::random_uuid().unwrap_or_else(|| {
        let half = || (js_sys::Math::random() * 2f64.powi(53)) as u64;
        uuid::Builder::from_random_bytes(
            ((u128::from(half()) << 64) | u128::from(half())).to_le_bytes(),
        )
        .into_uuid()
    }))
}

/// Reads every row of `importer`, `chunk` rows at a time, calling `on_progress` after
/// each chunk and pausing before the next.
pub async fn read_all(
    mut importer: Importer,
    chunk: usize,
    next_id: &mut dyn FnMut() -> LeadId,
    mut on_progress: impl FnMut(Progress),
) -> ImportReport {
    while !importer.is_done() {
        on_progress(importer.step(chunk, next_id));
        pause().await;
    }
    importer.finish(next_id)
}

/// The workspace's leads as the import compares rows with: whole records only, merged
/// ones left out (they are no longer in lists).
pub fn existing_leads(records: &[LeadRecord]) -> Vec<Lead> {
    records
        .iter()
        .filter(|r| !r.is_merged())
        .filter_map(|r| r.record.as_deref().cloned())
        .collect()
}

/// The local changes a report makes under `policy`: a creating operation per new
/// lead, then one update per existing lead that duplicate rows fold into.
pub fn edits_of(
    report: &ImportReport,
    records: &[LeadRecord],
    policy: ExistingPolicy,
) -> Result<Vec<(LeadRecord, OpBody)>, serde_json::Error> {
    let mut edits = Vec::with_capacity(report.leads.len());
    for lead in &report.leads {
        edits.push((new_record(lead), create_op(lead)?));
    }
    let updates = existing_updates(report, &existing_leads(records), policy)?;
    for body in updates {
        let OpBody::SetLeadFields { lead_id, .. } = &body else {
            continue;
        };
        let id: Uuid = lead_id.0;
        if let Some(record) = records.iter().find(|r| r.id == id) {
            edits.push((record.clone(), body));
        }
    }
    Ok(edits)
}

/// Writes `edits` in batches of [`WRITE_BATCH`], calling `on_progress(done, total)`
/// after each; returns the leads the local store refused, with why.
pub async fn write_all(
    workspace: Workspace,
    mut edits: Vec<(LeadRecord, OpBody)>,
    mut on_progress: impl FnMut(usize, usize),
) -> Result<Vec<(String, String)>, StoreError> {
    let total = edits.len();
    let mut refused = Vec::new();
    let mut done = 0;
    on_progress(done, total);
    while !edits.is_empty() {
        let rest = edits.split_off(edits.len().min(WRITE_BATCH));
        let batch = std::mem::replace(&mut edits, rest);
        done += batch.len();
        refused.extend(workspace.change(batch).await?);
        on_progress(done, total);
        pause().await;
    }
    Ok(refused)
}
