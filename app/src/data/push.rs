//! Pushing the outbox: pending operations go to `POST /api/sync/push` oldest first;
//! acknowledged ones (applied or duplicate) leave the outbox, refused ones leave it too
//! and are kept with their reason to show the user — never dropped silently — and
//! deferred ones stay to be sent again.

use leadkit_shared::api::{PushOutcome, PushRequest, PushResponse, SCHEMA_VERSION};
use leadkit_shared::sync::lead_of;

use super::api;
use super::db::{LeadStore, RejectedOp};
use super::pull::PullError;

/// Operations sent per request.
const PUSH_BATCH: usize = 200;

/// Pushes everything pending; returns how many operations the server settled.
pub async fn push_pending(store: &LeadStore) -> Result<usize, PullError> {
    let mut settled_total = 0;
    loop {
        let pending = store.pending().await?;
        if pending.is_empty() {
            return Ok(settled_total);
        }
        let replica = store.replica().await?.replica;
        let batch: Vec<_> = pending.into_iter().take(PUSH_BATCH).collect();
        let body = PushRequest {
            schema_version: SCHEMA_VERSION,
            replica,
            operations: batch.clone(),
        };
        let answer: PushResponse = api::post("/api/sync/push", &body).await?;
        let mut done = Vec::new();
        let mut rejected = Vec::new();
        for (op, result) in batch.iter().zip(&answer.results) {
            match &result.outcome {
                PushOutcome::Applied { .. } | PushOutcome::Duplicate => done.push(op.seq),
                PushOutcome::Rejected { reason } => {
                    done.push(op.seq);
                    rejected.push(RejectedOp {
                        op_id: op.id.0.to_string(),
                        lead_id: lead_of(op).map(|id| id.0.to_string()),
                        reason: reason.to_string(),
                    });
                }
                PushOutcome::Deferred { .. } => {}
            }
        }
        let settled = done.len();
        store.settle(&done, &rejected).await?;
        settled_total += settled;
        if settled == 0 {
            // Nothing moved (an earlier operation is missing on the server and not here):
            // stop rather than spin; the next sync tries again.
            return Ok(settled_total);
        }
    }
}
