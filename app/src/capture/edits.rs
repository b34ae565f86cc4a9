//! A checked fair entry as the workspace's local changes: the new lead's fields, then
//! the fair visit, both on the lead as it will first be stored.

use leadkit_shared::api::LeadRecord;
use leadkit_shared::fair_capture::FairCapture;
use leadkit_shared::sync::OpBody;

/// The `(lead, operation)` pairs `Workspace::change` applies and queues in one
/// transaction for `capture`.
pub fn capture_edits(
    capture: &FairCapture,
) -> Result<Vec<(LeadRecord, OpBody)>, serde_json::Error> {
    let record = capture.record();
    Ok(capture
        .operations()?
        .into_iter()
        .map(|body| (record.clone(), body))
        .collect())
}
