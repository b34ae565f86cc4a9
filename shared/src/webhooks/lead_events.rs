//! The webhook events a lead's intake raises: `lead.created` for the new lead, and one
//! `lead.stage_changed` for each move the stage rules made. The creation itself is a
//! stage change in the history (`from: None`) but not an event of its own: receivers
//! learn of it through `lead.created`.

use crate::engine::{ChangeReason, Intake};
use crate::model::Lead;

use super::event::{LeadCreated, WebhookEvent};

impl LeadCreated {
    /// What `lead.created` says about `lead`, captured by `form_id` when a form did.
    pub fn from_lead(lead: &Lead, form_id: Option<&str>) -> Self {
        Self {
            lead_id: lead.id,
            workspace_id: lead.workspace_id,
            email: lead.email.clone(),
            name: lead.name.clone(),
            company: lead.company_name.clone(),
            source: lead.source.clone(),
            entry_path: lead.entry_path,
            form_id: form_id.map(str::to_owned),
        }
    }
}

/// The events of a new lead and its intake, in the order they happened.
pub fn intake_events(lead: &Lead, form_id: Option<&str>, intake: &Intake) -> Vec<WebhookEvent> {
    let mut events = vec![WebhookEvent::LeadCreated(LeadCreated::from_lead(
        lead, form_id,
    ))];
    events.extend(
        intake
            .changes
            .iter()
            .filter(|(_, reason)| *reason == ChangeReason::Rule)
            .map(|(change, _)| WebhookEvent::LeadStageChanged(change.clone())),
    );
    events
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::ScoreSummary;
    use crate::model::{Actor, EntryPath, LeadId, Stage, StageChange, WorkspaceId};
    use time::macros::datetime;
    use uuid::Uuid;

    #[test]
    fn a_lead_moved_by_rule_raises_created_then_stage_changed() {
        let at = datetime!(2026-11-24 09:00 UTC);
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(1)),
            WorkspaceId(Uuid::from_u128(2)),
            "김민수",
            EntryPath::Form,
            at,
        );
        lead.email = Some("minsu@acme.co.kr".into());
        lead.company_name = Some("에이크미".into());
        lead.source = Some("webinar".into());
        let change = |from: Option<Stage>, to: Stage, rule: &str| StageChange {
            lead_id: lead.id,
            from,
            to,
            at,
            actor: Actor::System { rule: rule.into() },
            reason: None,
        };
        let created = change(None, Stage::Lead, "capture.created");
        let moved = change(Some(Stage::Lead), Stage::Mql, "lifecycle.mql");
        let intake = Intake {
            scores: ScoreSummary::default(),
            changes: vec![
                (created, ChangeReason::Created),
                (moved.clone(), ChangeReason::Rule),
            ],
        };
        let events = intake_events(&lead, Some("contact"), &intake);
        assert_eq!(
            events,
            vec![
                WebhookEvent::LeadCreated(LeadCreated {
                    lead_id: lead.id,
                    workspace_id: lead.workspace_id,
                    email: Some("minsu@acme.co.kr".into()),
                    name: "김민수".into(),
                    company: Some("에이크미".into()),
                    source: Some("webinar".into()),
                    entry_path: EntryPath::Form,
                    form_id: Some("contact".into()),
                }),
                WebhookEvent::LeadStageChanged(moved),
            ]
        );

        let only_created = Intake {
            changes: intake.changes[..1].to_vec(),
            ..intake
        };
        assert_eq!(intake_events(&lead, None, &only_created).len(), 1);
    }
}
