//! Answering a handoff on a device, online or not: the operation's body decided by the
//! same rules the server runs ([`answer_handoff`]), and the queue as the device shows it
//! while answers wait in its outbox, so an answered row leaves the rep's list at once.

use time::OffsetDateTime;

use super::op::{OpBody, Operation};
use crate::api::{HandoffEntry, HandoffQueue, HandoffState};
use crate::handoff::{AnswerError, Answerer, HandoffAnswer, HandoffSettings, answer_handoff};
use crate::lifecycle::LifecycleConfig;
use crate::model::{Handoff, HandoffId, HandoffOutcome, Lead, RejectReason};

/// The handoff the queue lists as `entry`, as the desk's rules read it; `None` for one
/// not given to a rep yet (nothing to answer).
pub fn handoff_of(entry: &HandoffEntry) -> Option<Handoff> {
    let rep_id = entry.rep_id?;
    let at = entry.assigned_at.unwrap_or(entry.queued_at);
    let outcome = match entry.state {
        HandoffState::Waiting => return None,
        HandoffState::Assigned => HandoffOutcome::Pending,
        HandoffState::Accepted => HandoffOutcome::Accepted {
            at: entry.answered_at.unwrap_or(at),
        },
        HandoffState::Rejected => HandoffOutcome::Rejected {
            at: entry.answered_at.unwrap_or(at),
            reason: entry.reject_reason.unwrap_or(RejectReason::Other),
            note: entry.note.clone(),
        },
    };
    Some(Handoff {
        id: HandoffId(entry.id),
        lead_id: entry.lead_id,
        rep_id,
        at,
        sla_due: entry.sla_due.unwrap_or(at),
        outcome,
    })
}

/// The operation body for `answerer`'s `answer` to `entry` (of `lead`), with the stage
/// move the server will make, or why the server would refuse it.
pub fn answer_body(
    settings: &HandoffSettings,
    lifecycle: &LifecycleConfig,
    entry: &HandoffEntry,
    lead: &Lead,
    answer: HandoffAnswer,
    answerer: &Answerer,
    now: OffsetDateTime,
) -> Result<OpBody, AnswerError> {
    let handoff = handoff_of(entry).ok_or(AnswerError::NotYours)?;
    let answered = answer_handoff(settings, lifecycle, &handoff, lead, &answer, answerer, now)?;
    Ok(OpBody::AnswerHandoff {
        handoff_id: handoff.id,
        lead_id: handoff.lead_id,
        answer,
        change: answered.change,
    })
}

/// `queue` as this device shows it while `pending` (its outbox) holds answers: each
/// answered handoff moves from the open list to the top of the answered one.
pub fn show_pending_answers(queue: &mut HandoffQueue, pending: &[Operation]) {
    for op in pending {
        let OpBody::AnswerHandoff {
            handoff_id, answer, ..
        } = &op.body
        else {
            continue;
        };
        let Some(at) = queue.assigned.iter().position(|e| e.id == handoff_id.0) else {
            continue;
        };
        let mut entry = queue.assigned.remove(at);
        entry.answered_at =
            OffsetDateTime::from_unix_timestamp_nanos(i128::from(op.hlc.wall_ms) * 1_000_000).ok();
        entry.sla_seconds_left = None;
        match answer {
            HandoffAnswer::Accept => entry.state = HandoffState::Accepted,
            HandoffAnswer::Reject { reason, note } => {
                entry.state = HandoffState::Rejected;
                entry.reject_reason = Some(*reason);
                entry.note = note.clone();
            }
        }
        queue.answered.insert(0, entry);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::LeadRecord;
    use crate::model::{Actor, EntryPath, LeadId, RejectReason, RepId, Stage, WorkspaceId};
    use crate::sync::{Clock, OpId, Rejection, ReplicaId, SyncState, apply_locally};
    use std::collections::BTreeMap;
    use time::macros::datetime;
    use uuid::Uuid;

    const NOW: OffsetDateTime = datetime!(2026-11-24 10:00 +9);

    fn settings() -> HandoffSettings {
        HandoffSettings::default()
    }

    fn lead() -> Lead {
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(1)),
            WorkspaceId(Uuid::nil()),
            "김민수",
            EntryPath::Form,
            NOW,
        );
        lead.stage = Stage::Sql;
        lead
    }

    fn record() -> LeadRecord {
        LeadRecord {
            id: Uuid::from_u128(1),
            seq: 3,
            form_id: "contact".into(),
            email: String::new(),
            name: "김민수".into(),
            company: String::new(),
            captured_at: NOW,
            stage: Some(Stage::Sql),
            scores: None,
            record: Some(Box::new(lead())),
            stamps: BTreeMap::new(),
        }
    }

    fn entry(state: HandoffState) -> HandoffEntry {
        HandoffEntry {
            id: Uuid::from_u128(9),
            lead_id: LeadId(Uuid::from_u128(1)),
            lead_name: "김민수".into(),
            company: String::new(),
            score: 80,
            state,
            queued_at: NOW,
            rep_id: Some(RepId(Uuid::from_u128(7))),
            rep_name: Some("박영업".into()),
            assigned_by: None,
            assigned_at: Some(NOW),
            sla_due: Some(NOW + time::Duration::hours(4)),
            sla_breached: false,
            sla_seconds_left: Some(4 * 3600),
            waiting_reason: None,
            alerted: false,
            answered_at: None,
            reject_reason: None,
            note: None,
        }
    }

    fn rep(n: u128) -> Answerer {
        Answerer {
            actor: Actor::User {
                id: "u7".into(),
                name: "박영업".into(),
            },
            rep_id: Some(RepId(Uuid::from_u128(n))),
            answers_for_anyone: false,
        }
    }

    fn op(body: OpBody) -> Operation {
        let mut clock = Clock::new(ReplicaId(Uuid::from_u128(0xa)));
        Operation {
            id: OpId(Uuid::from_u128(100)),
            replica: ReplicaId(Uuid::from_u128(0xa)),
            seq: 1,
            hlc: clock.tick(1_764_000_000_000),
            body,
        }
    }

    #[test]
    fn a_rejection_moves_the_lead_where_the_reason_sends_it_at_once() {
        let lifecycle = LifecycleConfig::korean_b2b_default();
        let settings = settings();
        let answer = HandoffAnswer::Reject {
            reason: RejectReason::BadTiming,
            note: Some("내년 예산".into()),
        };
        let body = answer_body(
            &settings,
            &lifecycle,
            &entry(HandoffState::Assigned),
            &lead(),
            answer,
            &rep(7),
            NOW,
        )
        .unwrap();
        let OpBody::AnswerHandoff { change, .. } = &body else {
            panic!("not an answer: {body:?}");
        };
        let to = settings.stage_after_rejection(RejectReason::BadTiming);
        assert_eq!(change.as_ref().map(|c| c.to), Some(to));
        let applied = apply_locally(&[&record()], &op(body.clone()), &lifecycle).unwrap();
        assert_eq!(applied[0].stage, Some(to));
        assert!(applied[0].stamps.contains_key("stage"));
        // The replicated state records the move once, however often it is applied.
        let mut state = SyncState::default();
        state.apply(&op(body.clone()));
        state.apply(&op(body));
        assert_eq!(state.stage_history.len(), 1);
    }

    #[test]
    fn answers_the_server_would_refuse_are_refused_here_too() {
        let lifecycle = LifecycleConfig::korean_b2b_default();
        let settings = settings();
        let cases = [
            (
                entry(HandoffState::Accepted),
                rep(7),
                AnswerError::AlreadyAnswered,
            ),
            (entry(HandoffState::Assigned), rep(8), AnswerError::NotYours),
            (entry(HandoffState::Waiting), rep(7), AnswerError::NotYours),
        ];
        for (entry, answerer, expected) in cases {
            let got = answer_body(
                &settings,
                &lifecycle,
                &entry,
                &lead(),
                HandoffAnswer::Accept,
                &answerer,
                NOW,
            );
            assert_eq!(got, Err(expected));
        }
        // A move of another lead than the handoff's is refused by the server's check.
        let mut moved = answer_body(
            &settings,
            &lifecycle,
            &entry(HandoffState::Assigned),
            &lead(),
            HandoffAnswer::Reject {
                reason: RejectReason::BadTiming,
                note: None,
            },
            &rep(7),
            NOW,
        )
        .unwrap();
        if let OpBody::AnswerHandoff {
            change: Some(change),
            ..
        } = &mut moved
        {
            change.lead_id = LeadId(Uuid::from_u128(2));
        }
        assert!(matches!(
            apply_locally(&[&record()], &op(moved), &lifecycle),
            Err(Rejection::Handoff { ref refusal, .. }) if refusal == "wrong_lead"
        ));
    }

    #[test]
    fn a_pending_answer_shows_the_row_answered() {
        let mut queue = HandoffQueue {
            schema_version: crate::api::SCHEMA_VERSION,
            now: NOW,
            waiting: Vec::new(),
            depth: 0,
            oldest_waiting_since: None,
            assigned: vec![entry(HandoffState::Assigned)],
            answered: Vec::new(),
            reps: Vec::new(),
        };
        let reject = op(OpBody::AnswerHandoff {
            handoff_id: HandoffId(Uuid::from_u128(9)),
            lead_id: LeadId(Uuid::from_u128(1)),
            answer: HandoffAnswer::Reject {
                reason: RejectReason::Student,
                note: None,
            },
            change: None,
        });
        show_pending_answers(&mut queue, &[reject]);
        assert!(queue.assigned.is_empty());
        assert_eq!(queue.answered[0].state, HandoffState::Rejected);
        assert_eq!(queue.answered[0].reject_reason, Some(RejectReason::Student));
        assert!(queue.answered[0].answered_at.is_some());
    }
}
