//! Capture's webhook events, kept here so capture and its store call one line each:
//! `lead.created` for the stored lead and `lead.stage_changed` for each rule move of
//! its intake (`leadkit_shared::webhooks::intake_events`), recorded in the lead's batch
//! and dispatched once it commits.

use leadkit_shared::model::{LeadId, WorkspaceId};
use leadkit_shared::webhooks::{WebhookEvent, intake_events};
use uuid::Uuid;
use worker::{D1Database, D1PreparedStatement, Env};

use super::{dispatch, outbox_statements};
use crate::error::AppError;
use crate::store::{FormRow, NewSubmission};

/// The events a stored submission raises.
fn events(form: &FormRow, new: &NewSubmission<'_>) -> Vec<WebhookEvent> {
    // Workspace ids in D1 predate typed ids ('default' is the nil UUID in the model).
    let workspace = WorkspaceId(Uuid::parse_str(&form.workspace_id).unwrap_or(Uuid::nil()));
    let lead = new.accepted.lead.clone().into_lead(
        LeadId(new.lead_id),
        workspace,
        new.accepted.consents.clone(),
        new.received_at,
    );
    intake_events(&lead, Some(&form.id), new.intake)
}

/// The outbox rows of a submission, for the batch that stores it.
pub fn capture_outbox(
    db: &D1Database,
    form: &FormRow,
    new: &NewSubmission<'_>,
) -> Result<Vec<D1PreparedStatement>, AppError> {
    outbox_statements(db, &form.workspace_id, &events(form, new), new.received_at)
}

/// Queues a stored submission's deliveries. The lead is stored whatever happens here:
/// a failure is logged and the sweep sends the deliveries instead.
pub async fn dispatch_capture(env: &Env, form: &FormRow, new: &NewSubmission<'_>) {
    if let Err(e) = dispatch(env, &form.workspace_id, &events(form, new), new.received_at).await {
        worker::console_error!("lead {}: webhooks not dispatched: {e}", new.lead_id);
    }
}
