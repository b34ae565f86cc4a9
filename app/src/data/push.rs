//! Pushing the outbox: pending operations go to `POST /api/sync/push` oldest first;
//! acknowledged ones (applied or duplicate) leave the outbox, refused ones leave it too
//! and are kept with their reason to show the user — never dropped silently — and
//! deferred ones stay to be sent again.

use std::collections::BTreeSet;

use leadkit_shared::api::{PushOutcome, PushRequest, PushResponse, SCHEMA_VERSION};
use leadkit_shared::sync::{OpBody, Operation, Rejection, lead_of};

use uuid::Uuid;

use super::api;
use super::db::{LeadStore, RejectedOp};
use super::pull::PullError;

/// Operations sent per request.
const PUSH_BATCH: usize = 200;

/// Bytes of operations sent per request: the worker reads at most 1 MB of body
/// (`MAX_PUSH_BYTES` in worker/src/sync.rs); this leaves room for the envelope. A CSV
/// import queues thousands of creating operations, some with long notes and many
/// custom fields, so counting operations alone could exceed it.
pub const PUSH_BYTES: usize = 900 * 1024;

/// The oldest of `pending` that fit one request: at most `max_ops` operations and
/// `max_bytes` of JSON, and always at least one (an operation larger than the limit
/// alone is the server's to refuse, rather than blocking the outbox here).
pub fn next_batch(pending: Vec<Operation>, max_ops: usize, max_bytes: usize) -> Vec<Operation> {
    let mut bytes = 0;
    let mut batch = Vec::new();
    for op in pending.into_iter().take(max_ops) {
        // A comma between operations, and the operation itself.
        let size = serde_json::to_vec(&op).map_or(0, |json| json.len()) + 1;
        if !batch.is_empty() && bytes + size > max_bytes {
            break;
        }
        bytes += size;
        batch.push(op);
    }
    batch
}

/// What a push settled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pushed {
    /// Operations the server applied, had already, or refused.
    pub settled: usize,
    /// Whether settings saves were among them: the settings documents changed on the
    /// server (new versions) or were refused (the server's copy should show again).
    pub settings: bool,
    /// The leads named by refused operations: this device shows changes to them the
    /// server does not have, until it takes the server's copies back.
    pub refused_leads: BTreeSet<Uuid>,
    /// The touches of refused `add_touch` operations, shown in timelines meanwhile.
    pub refused_touches: Vec<String>,
}

/// Pushes everything pending; says what the server settled.
pub async fn push_pending(store: &LeadStore) -> Result<Pushed, PullError> {
    let mut pushed = Pushed::default();
    loop {
        let pending = store.pending().await?;
        if pending.is_empty() {
            return Ok(pushed);
        }
        let replica = store.replica().await?.replica;
        let batch = next_batch(pending, PUSH_BATCH, PUSH_BYTES);
        let body = PushRequest {
            schema_version: SCHEMA_VERSION,
            replica,
            operations: batch.clone(),
        };
        let answer: PushResponse = api::post("/api/sync/push", &body).await?;
        let mut done = Vec::new();
        let mut rejected = Vec::new();
        for (op, result) in batch.iter().zip(&answer.results) {
            let settles = !matches!(result.outcome, PushOutcome::Deferred { .. });
            if settles && matches!(op.body, OpBody::SaveSettings { .. }) {
                pushed.settings = true;
            }
            match &result.outcome {
                PushOutcome::Applied { .. } | PushOutcome::Duplicate => done.push(op.seq),
                PushOutcome::Rejected { reason } => {
                    done.push(op.seq);
                    pushed
                        .refused_leads
                        .extend(op.body.leads().into_iter().map(|id| id.0));
                    if let OpBody::AddTouch { touch } = &op.body {
                        pushed.refused_touches.push(touch.id.0.to_string());
                    }
                    let (refusal, field) = match reason {
                        Rejection::Settings { refusal, field, .. } => {
                            (Some(refusal.clone()), field.clone())
                        }
                        _ => (None, None),
                    };
                    rejected.push(RejectedOp {
                        op_id: op.id.0.to_string(),
                        lead_id: lead_of(op).map(|id| id.0.to_string()),
                        reason: reason.to_string(),
                        refusal,
                        field,
                    });
                }
                PushOutcome::Deferred { .. } => {}
            }
        }
        let settled = done.len();
        store.settle(&done, &rejected).await?;
        pushed.settled += settled;
        if settled == 0 {
            // Nothing moved (an earlier operation is missing on the server and not here):
            // stop rather than spin; the next sync tries again.
            return Ok(pushed);
        }
    }
}
