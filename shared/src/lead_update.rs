//! What happens to the lead base when something happens at the edge: a form submission
//! creates a lead or is folded into the lead it belongs to (matched by normalised
//! e-mail, merged under survivorship rules), and any new touch re-scores the lead and
//! re-evaluates its stage. The worker stores the [`LeadUpdate`] these functions return
//! in one batch; the same functions run wherever a lead is changed, so every path gives
//! the same numbers, stage moves and webhook events.

mod people;
mod submission;
mod touches;

pub use people::{on_applied, on_handoff_answer};
pub use submission::{capture_survivorship, email_key, on_submission, on_submission_with_history};
pub use touches::on_touches;

use time::OffsetDateTime;

use crate::engine::{ChangeReason, Engine, EngineScratch};
use crate::facts::ScoreSummary;
use crate::model::{Lead, LeadId, Stage, StageChange, Touch};
use crate::webhooks::{LeadCreated, WebhookEvent};

/// A stored lead with every touch it has, as the engine reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct KnownLead {
    pub lead: Lead,
    pub touches: Vec<Touch>,
}

/// Everything to store after a change to one lead.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadUpdate {
    /// The lead as it now stands (stage included).
    pub lead: Lead,
    /// Whether the lead is new (insert) rather than known (update).
    pub created: bool,
    /// Its numbers with every touch, new ones included.
    pub scores: ScoreSummary,
    /// Touches to append.
    pub new_touches: Vec<Touch>,
    /// Stage changes to append, oldest first.
    pub changes: Vec<(StageChange, ChangeReason)>,
    /// The webhook events the change raises, in order.
    pub events: Vec<WebhookEvent>,
}

impl LeadUpdate {
    /// Whether the lead moved into `stage` with this update (the handoff trigger).
    pub fn entered(&self, stage: Stage) -> bool {
        self.changes.iter().any(|(change, _)| change.to == stage)
    }
}

/// `new` touches joined to the lead `lead_id`: each id once and none the lead already
/// has (`existing`), so a retried event or a re-sent history changes nothing; oldest
/// first, as they happened.
fn adopt(lead_id: LeadId, existing: &[Touch], new: Vec<Touch>) -> Vec<Touch> {
    let mut added: Vec<Touch> = Vec::with_capacity(new.len());
    for mut touch in new {
        if existing.iter().any(|t| t.id == touch.id) || added.iter().any(|t| t.id == touch.id) {
            continue;
        }
        touch.lead_id = lead_id;
        added.push(touch);
    }
    added.sort_by_key(|touch| touch.at);
    added
}

/// Re-assesses `lead` with all its touches and, when the rules move it, records the
/// move; shared by every path that changes a known lead.
fn reassess(
    engine: &Engine,
    lead: &mut Lead,
    touches: &[Touch],
    now: OffsetDateTime,
) -> (ScoreSummary, Vec<(StageChange, ChangeReason)>) {
    let assessment = engine.assess(lead, None, touches, now, &mut EngineScratch::default());
    let mut changes = Vec::new();
    if let Some(change) = assessment.change {
        lead.stage = change.to;
        changes.push((change, ChangeReason::Rule));
    }
    (assessment.scores, changes)
}

/// The events of an update: `lead.created` for a new lead, then one
/// `lead.stage_changed` per rule move (a creation is not a change of stage).
fn events_of(
    lead: &Lead,
    created: bool,
    form_id: Option<&str>,
    changes: &[(StageChange, ChangeReason)],
) -> Vec<WebhookEvent> {
    let mut events = Vec::with_capacity(changes.len() + 1);
    if created {
        events.push(WebhookEvent::LeadCreated(LeadCreated::from_lead(
            lead, form_id,
        )));
    }
    events.extend(
        changes
            .iter()
            .filter(|(_, reason)| *reason == ChangeReason::Rule)
            .map(|(change, _)| WebhookEvent::LeadStageChanged(change.clone())),
    );
    events
}
