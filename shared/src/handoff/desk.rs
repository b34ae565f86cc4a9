//! The handoff desk's decisions, run by the worker whenever the queue changes: who a
//! queued lead goes to today, what a rep's accept or reject does to the lead, when a
//! waiting lead has waited too long and when an SLA is breached.

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::{Duration, OffsetDateTime};

use super::planner::{DayPlan, HandoffPolicy, QueuedLead, RepLoad, plan_day};
use super::settings::HandoffSettings;
use crate::lifecycle::{LifecycleConfig, TransitionError, transition};
use crate::model::{
    Actor, CustomValue, Handoff, HandoffOutcome, Lead, RejectReason, RepId, Stage, StageChange,
};

/// Longest note a rep may attach to an answer.
pub const MAX_NOTE_CHARS: usize = 2000;

/// A lead's place in the queue: its score orders it, its country, region and segment
/// (custom fields, as captured or imported) route it to reps who cover them.
pub fn queued_lead(lead: &Lead, score: i64, queued_at: OffsetDateTime) -> QueuedLead {
    let text = |key: &str| match lead.custom.get(key) {
        Some(CustomValue::Text(value)) if !value.trim().is_empty() => Some(value.clone()),
        _ => None,
    };
    QueuedLead {
        lead_id: lead.id,
        score,
        queued_at,
        country: text("country"),
        region: text("region"),
        segment: text("segment"),
    }
}

/// Where "today" and "this week" begin in the team's calendar, for counting what each
/// rep was already given: (start of the local day, start of the local ISO week).
pub fn load_window(
    settings: &HandoffSettings,
    now: OffsetDateTime,
) -> (OffsetDateTime, OffsetDateTime) {
    let calendar = &settings.calendar;
    let today = calendar.local_date(now);
    let day_start = calendar.opening(today) - Duration::hours(i64::from(calendar.day_start_hour));
    let days_into_week = i64::from(today.weekday().number_days_from_monday());
    (day_start, day_start - Duration::days(days_into_week))
}

/// Today's plan for the queue, with the reps' loads as counted in [`load_window`].
pub fn plan(
    settings: &HandoffSettings,
    loads: &[RepLoad],
    queue: &[QueuedLead],
    now: OffsetDateTime,
) -> DayPlan {
    let policy = HandoffPolicy {
        sla_working_hours: settings.sla_working_hours,
    };
    let day = settings.calendar.local_date(now);
    plan_day(loads, queue, &policy, &settings.calendar, day, now)
}

/// Whether a lead queued at `queued_at` has waited longer than the workspace allows.
pub fn waited_too_long(
    settings: &HandoffSettings,
    queued_at: OffsetDateTime,
    now: OffsetDateTime,
) -> bool {
    now - queued_at > Duration::seconds(i64::from(settings.alert_after_secs))
}

/// Whether a handoff's SLA is breached: still unanswered after its due time.
pub fn sla_breached(handoff: &Handoff, now: OffsetDateTime) -> bool {
    matches!(handoff.outcome, HandoffOutcome::Pending) && now > handoff.sla_due
}

/// A rep's answer to a handoff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "answer", rename_all = "snake_case")]
pub enum HandoffAnswer {
    Accept,
    Reject {
        reason: RejectReason,
        #[serde(default)]
        note: Option<String>,
    },
}

/// Who is answering: the rep the lead was given to, or someone allowed to answer for
/// any rep (an admin).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answerer {
    pub actor: Actor,
    /// The answerer's rep id, when they are a rep.
    pub rep_id: Option<RepId>,
    /// Whether they may answer another rep's handoff.
    pub answers_for_anyone: bool,
}

/// What an answer does.
#[derive(Debug, Clone, PartialEq)]
pub struct Answered {
    /// The handoff with its outcome.
    pub handoff: Handoff,
    /// The lead after the answer (its stage moved, when it moves).
    pub lead: Lead,
    /// The stage change to record, if the lead moves.
    pub change: Option<StageChange>,
}

/// Why an answer is refused; each names what to fix.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AnswerError {
    /// The handoff was accepted or rejected before.
    #[error("this handoff was already answered")]
    AlreadyAnswered,
    /// The handoff belongs to another rep.
    #[error("this lead was handed to another rep")]
    NotYours,
    /// The reason is not in the workspace's list.
    #[error("reason {} is not one of this workspace's reject reasons", .reason_name)]
    ReasonNotOffered { reason_name: String },
    /// The note is too long.
    #[error("note must be at most {MAX_NOTE_CHARS} characters")]
    NoteTooLong,
    /// The lead cannot move where the answer would send it.
    #[error("{0}")]
    Stage(#[from] TransitionError),
}

/// Applies `answer` to `handoff` of `lead`: accepting moves the lead to the accepted
/// stage (unless it is already there or beyond by hand), rejecting parks it where the
/// reason sends it, with the reason and note recorded on the stage change.
pub fn answer_handoff(
    settings: &HandoffSettings,
    lifecycle: &LifecycleConfig,
    handoff: &Handoff,
    lead: &Lead,
    answer: &HandoffAnswer,
    answerer: &Answerer,
    now: OffsetDateTime,
) -> Result<Answered, AnswerError> {
    if !matches!(handoff.outcome, HandoffOutcome::Pending) {
        return Err(AnswerError::AlreadyAnswered);
    }
    if !answerer.answers_for_anyone && answerer.rep_id != Some(handoff.rep_id) {
        return Err(AnswerError::NotYours);
    }
    let mut lead = lead.clone();
    let mut handoff = handoff.clone();
    let change = match answer {
        HandoffAnswer::Accept => {
            handoff.outcome = HandoffOutcome::Accepted { at: now };
            let already_there = lead.stage == settings.accepted_stage
                || matches!(
                    lead.stage,
                    Stage::Opportunity | Stage::Customer | Stage::Evangelist
                );
            if already_there {
                None
            } else {
                Some(transition(
                    lifecycle,
                    &lead,
                    settings.accepted_stage,
                    answerer.actor.clone(),
                    Some("accepted by sales".to_owned()),
                    now,
                )?)
            }
        }
        HandoffAnswer::Reject { reason, note } => {
            if !settings.reject_reasons.contains(reason) {
                return Err(AnswerError::ReasonNotOffered {
                    reason_name: serde_json::to_value(reason)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                });
            }
            let note = note
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned);
            if note
                .as_ref()
                .is_some_and(|n| n.chars().count() > MAX_NOTE_CHARS)
            {
                return Err(AnswerError::NoteTooLong);
            }
            let reason_name = serde_json::to_value(reason)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let text = match &note {
                Some(note) => format!("rejected by sales: {reason_name} — {note}"),
                None => format!("rejected by sales: {reason_name}"),
            };
            handoff.outcome = HandoffOutcome::Rejected {
                at: now,
                reason: *reason,
                note,
            };
            let to = settings.stage_after_rejection(*reason);
            (lead.stage != to)
                .then(|| {
                    transition(
                        lifecycle,
                        &lead,
                        to,
                        answerer.actor.clone(),
                        Some(text),
                        now,
                    )
                })
                .transpose()?
        }
    };
    if let Some(change) = &change {
        lead.stage = change.to;
        lead.updated_at = now;
    }
    Ok(Answered {
        handoff,
        lead,
        change,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryPath, HandoffId, LeadId, Rep, WorkspaceId};
    use time::macros::datetime;
    use uuid::Uuid;

    const NOW: OffsetDateTime = datetime!(2026-11-24 10:00 +9);

    fn rep_id(n: u128) -> RepId {
        RepId(Uuid::from_u128(n))
    }

    fn lead(stage: Stage) -> Lead {
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(1)),
            WorkspaceId(Uuid::nil()),
            "김민수",
            EntryPath::Form,
            NOW,
        );
        lead.stage = stage;
        lead
    }

    fn handoff() -> Handoff {
        Handoff {
            id: HandoffId(Uuid::from_u128(9)),
            lead_id: LeadId(Uuid::from_u128(1)),
            rep_id: rep_id(7),
            at: NOW,
            sla_due: NOW + Duration::hours(4),
            outcome: HandoffOutcome::Pending,
        }
    }

    fn rep_answer(n: u128) -> Answerer {
        Answerer {
            actor: Actor::User {
                id: format!("user-{n}"),
                name: "지우".into(),
            },
            rep_id: Some(rep_id(n)),
            answers_for_anyone: false,
        }
    }

    #[test]
    fn accepting_moves_an_mql_to_sql_and_records_who() {
        let settings = HandoffSettings::default();
        let lifecycle = LifecycleConfig::korean_b2b_default();
        let answered = answer_handoff(
            &settings,
            &lifecycle,
            &handoff(),
            &lead(Stage::Mql),
            &HandoffAnswer::Accept,
            &rep_answer(7),
            NOW,
        )
        .unwrap();
        assert_eq!(answered.lead.stage, Stage::Sql);
        assert_eq!(
            answered.handoff.outcome,
            HandoffOutcome::Accepted { at: NOW }
        );
        let change = answered.change.unwrap();
        assert_eq!((change.from, change.to), (Some(Stage::Mql), Stage::Sql));
        assert!(matches!(change.actor, Actor::User { .. }));
    }

    #[test]
    fn rejecting_parks_the_lead_where_the_reason_sends_it() {
        let settings = HandoffSettings::default();
        let lifecycle = LifecycleConfig::korean_b2b_default();
        let cases = [
            (RejectReason::BadTiming, Stage::Nurture),
            (RejectReason::Other, Stage::Recycled),
            (RejectReason::Student, Stage::Disqualified),
        ];
        for (reason, stage) in cases {
            let answered = answer_handoff(
                &settings,
                &lifecycle,
                &handoff(),
                &lead(Stage::Mql),
                &HandoffAnswer::Reject {
                    reason,
                    note: Some("  예산 확정 후 재접촉  ".into()),
                },
                &rep_answer(7),
                NOW,
            )
            .unwrap();
            assert_eq!(answered.lead.stage, stage, "{reason:?}");
            let change = answered.change.unwrap();
            assert!(change.reason.unwrap().contains("예산 확정 후 재접촉"));
            assert!(matches!(
                answered.handoff.outcome,
                HandoffOutcome::Rejected { reason: r, note: Some(ref n), .. } if r == reason && n == "예산 확정 후 재접촉"
            ));
        }
    }

    #[test]
    fn refusals_name_their_cause() {
        let settings = HandoffSettings {
            reject_reasons: vec![RejectReason::BadFit],
            ..HandoffSettings::default()
        };
        let lifecycle = LifecycleConfig::korean_b2b_default();
        let accept = HandoffAnswer::Accept;
        let answer = |h: &Handoff, a: &HandoffAnswer, who: &Answerer| {
            answer_handoff(&settings, &lifecycle, h, &lead(Stage::Mql), a, who, NOW)
        };
        assert_eq!(
            answer(&handoff(), &accept, &rep_answer(8)),
            Err(AnswerError::NotYours)
        );
        let mut admin = rep_answer(8);
        admin.answers_for_anyone = true;
        assert!(
            answer(&handoff(), &accept, &admin).is_ok(),
            "an admin answers for anyone"
        );
        let mut done = handoff();
        done.outcome = HandoffOutcome::Accepted { at: NOW };
        assert_eq!(
            answer(&done, &accept, &rep_answer(7)),
            Err(AnswerError::AlreadyAnswered)
        );
        let no_budget = HandoffAnswer::Reject {
            reason: RejectReason::NoBudget,
            note: None,
        };
        assert_eq!(
            answer(&handoff(), &no_budget, &rep_answer(7)),
            Err(AnswerError::ReasonNotOffered {
                reason_name: "no_budget".into()
            })
        );
        let long = HandoffAnswer::Reject {
            reason: RejectReason::BadFit,
            note: Some("가".repeat(MAX_NOTE_CHARS + 1)),
        };
        assert_eq!(
            answer(&handoff(), &long, &rep_answer(7)),
            Err(AnswerError::NoteTooLong)
        );
    }

    #[test]
    fn waiting_and_sla_clocks() {
        let settings = HandoffSettings::default();
        let queued = NOW - Duration::seconds(i64::from(settings.alert_after_secs));
        assert!(!waited_too_long(&settings, queued, NOW));
        assert!(waited_too_long(
            &settings,
            queued - Duration::seconds(1),
            NOW
        ));
        let h = handoff();
        assert!(!sla_breached(&h, h.sla_due));
        assert!(sla_breached(&h, h.sla_due + Duration::seconds(1)));
        let mut answered = h.clone();
        answered.outcome = HandoffOutcome::Accepted { at: NOW };
        assert!(!sla_breached(&answered, h.sla_due + Duration::hours(1)));
    }

    #[test]
    fn the_load_window_starts_at_local_midnight_and_monday() {
        let settings = HandoffSettings::default();
        // Tuesday 2026-11-24 10:00 in Seoul.
        let (day, week) = load_window(&settings, NOW);
        assert_eq!(day, datetime!(2026-11-24 00:00 +9));
        assert_eq!(week, datetime!(2026-11-23 00:00 +9));
    }

    #[test]
    fn planning_follows_the_calendar_and_capacity() {
        let mut settings = HandoffSettings {
            reps: Vec::new(),
            ..HandoffSettings::default()
        };
        settings.reps.push(Rep {
            id: rep_id(7),
            name: "지우".into(),
            email: "jiwoo@acme.kr".into(),
            capacity_per_day: 1,
            capacity_per_week: 5,
            territories: Vec::new(),
            segments: Vec::new(),
            active: true,
        });
        let loads: Vec<RepLoad> = settings
            .reps
            .iter()
            .map(|rep| RepLoad {
                rep: rep.clone(),
                assigned_today: 0,
                assigned_this_week: 0,
                out_of_office: Vec::new(),
            })
            .collect();
        let mut hot = lead(Stage::Mql);
        hot.custom
            .insert("country".into(), CustomValue::Text("KR".into()));
        let mut cold = lead(Stage::Mql);
        cold.id = LeadId(Uuid::from_u128(2));
        let queue = [queued_lead(&cold, 40, NOW), queued_lead(&hot, 90, NOW)];
        assert_eq!(queue[1].country.as_deref(), Some("KR"));
        let day_plan = plan(&settings, &loads, &queue, NOW);
        assert_eq!(day_plan.assignments.len(), 1);
        assert_eq!(day_plan.assignments[0].lead_id, hot.id, "hottest first");
        assert_eq!(day_plan.waiting.len(), 1, "the other waits, visibly");
        // A Saturday in Seoul: nothing is assigned.
        let saturday = datetime!(2026-11-28 10:00 +9);
        assert!(
            plan(&settings, &loads, &queue, saturday)
                .assignments
                .is_empty()
        );
        // A team that works Saturdays.
        settings.calendar.weekend_days = vec![7];
        assert_eq!(
            plan(&settings, &loads, &queue, saturday).assignments.len(),
            1
        );
    }
}
