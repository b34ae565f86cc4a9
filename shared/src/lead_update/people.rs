//! Changes people make: an operation a replica pushed (a field edit, a logged touch, a
//! stage move, a lead entered offline) and a rep's answer to a handoff. Each becomes the
//! same kind of [`LeadUpdate`] capture makes, re-scored by the engine, so the worker
//! stores every change one way.

use time::OffsetDateTime;

use super::{KnownLead, LeadUpdate, on_touches};
use crate::engine::{ChangeReason, Engine, EngineScratch};
use crate::handoff::Answered;
use crate::model::{HandoffOutcome, Lead, StageChange, Touch};
use crate::sync::{Applied, Effect};
use crate::webhooks::{LeadCreated, WebhookEvent};

/// The update an applied sync operation makes. `touches` are the lead's stored touches
/// (none for a lead the operation created).
pub fn on_applied(
    engine: &Engine,
    applied: Applied,
    touches: Vec<Touch>,
    now: OffsetDateTime,
) -> LeadUpdate {
    let Applied {
        mut lead,
        created,
        effect,
        ..
    } = applied;
    match effect {
        Effect::Touch(touch) => on_touches(engine, KnownLead { lead, touches }, vec![touch], now),
        Effect::Stage(change) => {
            lead.updated_at = now;
            moved_by_person(engine, lead, &touches, change, ChangeReason::Manual, now)
        }
        Effect::Fields if created => {
            // Created like a captured lead: in the Lead stage, then wherever the rules
            // move it, with the creation in its history.
            let intake = engine.intake(
                &mut lead,
                None,
                &touches,
                now,
                &mut EngineScratch::default(),
            );
            LeadUpdate {
                events: vec![WebhookEvent::LeadCreated(LeadCreated::from_lead(
                    &lead, None,
                ))],
                lead,
                created: true,
                scores: intake.scores,
                new_touches: Vec::new(),
                changes: intake.changes,
            }
        }
        Effect::Fields | Effect::Survivor => {
            on_touches(engine, KnownLead { lead, touches }, Vec::new(), now)
        }
    }
}

/// The update a rep's answer makes: the lead where the answer put it, the stage move
/// (if any) recorded as a handoff answer, and `handoff.accepted|rejected` plus
/// `lead.stage_changed` for receivers.
pub fn on_handoff_answer(
    engine: &Engine,
    answered: Answered,
    touches: &[Touch],
    now: OffsetDateTime,
) -> LeadUpdate {
    let answer = match answered.handoff.outcome {
        HandoffOutcome::Rejected { .. } => WebhookEvent::HandoffRejected(answered.handoff),
        _ => WebhookEvent::HandoffAccepted(answered.handoff),
    };
    let mut update = match answered.change {
        Some(change) => moved_by_person(
            engine,
            answered.lead,
            touches,
            change,
            ChangeReason::Handoff,
            now,
        ),
        None => LeadUpdate {
            scores: engine.summarize(
                &answered.lead,
                None,
                touches,
                now,
                &mut EngineScratch::default(),
            ),
            lead: answered.lead,
            created: false,
            new_touches: Vec::new(),
            changes: Vec::new(),
            events: Vec::new(),
        },
    };
    update.events.insert(0, answer);
    update
}

/// A lead a person moved: re-scored, the move recorded with `reason`, and its event.
fn moved_by_person(
    engine: &Engine,
    lead: Lead,
    touches: &[Touch],
    change: StageChange,
    reason: ChangeReason,
    now: OffsetDateTime,
) -> LeadUpdate {
    LeadUpdate {
        scores: engine.summarize(&lead, None, touches, now, &mut EngineScratch::default()),
        lead,
        created: false,
        new_touches: Vec::new(),
        events: vec![WebhookEvent::LeadStageChanged(change.clone())],
        changes: vec![(change, reason)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::EngineConfig;
    use crate::model::{
        Actor, EntryPath, Handoff, HandoffId, LeadId, RejectReason, RepId, Stage, WorkspaceId,
    };
    use std::collections::BTreeMap;
    use time::macros::datetime;
    use uuid::Uuid;

    const NOW: OffsetDateTime = datetime!(2026-11-24 10:00 +9);

    fn engine() -> Engine {
        Engine::new(EngineConfig::korean_b2b_default()).unwrap()
    }

    fn lead(stage: Stage) -> Lead {
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(1)),
            WorkspaceId(Uuid::nil()),
            "김민수",
            EntryPath::Manual,
            NOW,
        );
        lead.stage = stage;
        lead
    }

    fn change(from: Stage, to: Stage) -> StageChange {
        StageChange {
            lead_id: LeadId(Uuid::from_u128(1)),
            from: Some(from),
            to,
            at: NOW,
            actor: Actor::User {
                id: "u1".into(),
                name: "지우".into(),
            },
            reason: Some("예산 확정 후".into()),
        }
    }

    fn applied(lead: Lead, created: bool, effect: Effect) -> Applied {
        Applied {
            lead,
            stamps: BTreeMap::new(),
            created,
            effect,
        }
    }

    #[test]
    fn a_pushed_stage_move_is_a_manual_change_with_its_event() {
        let moved = change(Stage::Mql, Stage::Nurture);
        let update = on_applied(
            &engine(),
            applied(lead(Stage::Nurture), false, Effect::Stage(moved.clone())),
            Vec::new(),
            NOW,
        );
        assert!(!update.created);
        assert_eq!(update.changes, vec![(moved.clone(), ChangeReason::Manual)]);
        assert_eq!(update.events, vec![WebhookEvent::LeadStageChanged(moved)]);
        assert_eq!(update.lead.updated_at, NOW);
    }

    #[test]
    fn a_lead_entered_offline_is_created_like_a_capture() {
        let update = on_applied(
            &engine(),
            applied(lead(Stage::Lead), true, Effect::Fields),
            Vec::new(),
            NOW,
        );
        assert!(update.created);
        assert_eq!(update.changes[0].1, ChangeReason::Created);
        assert!(matches!(update.events[0], WebhookEvent::LeadCreated(_)));
    }

    #[test]
    fn a_logged_call_is_a_new_touch() {
        let mut call = Touch::form_submit(
            crate::model::TouchId(Uuid::from_u128(9)),
            LeadId(Uuid::from_u128(1)),
            "contact",
            Default::default(),
            NOW,
        );
        call.kind = crate::model::TouchKind::Call;
        let update = on_applied(
            &engine(),
            applied(lead(Stage::Lead), false, Effect::Touch(call.clone())),
            Vec::new(),
            NOW,
        );
        assert_eq!(update.new_touches, vec![call]);
    }

    #[test]
    fn an_answer_raises_its_handoff_event_before_the_stage_change() {
        let handoff = Handoff {
            id: HandoffId(Uuid::from_u128(5)),
            lead_id: LeadId(Uuid::from_u128(1)),
            rep_id: RepId(Uuid::from_u128(7)),
            at: NOW,
            sla_due: NOW,
            outcome: HandoffOutcome::Rejected {
                at: NOW,
                reason: RejectReason::BadTiming,
                note: None,
            },
        };
        let moved = change(Stage::Mql, Stage::Nurture);
        let answered = Answered {
            handoff: handoff.clone(),
            lead: lead(Stage::Nurture),
            change: Some(moved.clone()),
        };
        let update = on_handoff_answer(&engine(), answered, &[], NOW);
        assert_eq!(
            update.events,
            vec![
                WebhookEvent::HandoffRejected(handoff.clone()),
                WebhookEvent::LeadStageChanged(moved.clone())
            ]
        );
        assert_eq!(update.changes, vec![(moved, ChangeReason::Handoff)]);
        let mut accepted = handoff;
        accepted.outcome = HandoffOutcome::Accepted { at: NOW };
        let stays = on_handoff_answer(
            &engine(),
            Answered {
                handoff: accepted.clone(),
                lead: lead(Stage::Sql),
                change: None,
            },
            &[],
            NOW,
        );
        assert_eq!(stays.events, vec![WebhookEvent::HandoffAccepted(accepted)]);
        assert!(stays.changes.is_empty());
    }
}
