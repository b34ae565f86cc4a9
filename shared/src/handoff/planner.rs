//! Pacing handoff to what sales can take: given the reps' capacity and the queue of
//! leads that reached the handoff stage, decide who gets which lead today and what
//! waits. Territory and segment rules first, then the rep with the most capacity left
//! (a weighted round-robin), hottest leads first. Deterministic: the same inputs give
//! the same plan in the app's what-if and in the worker.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use super::calendar::WorkCalendar;
use crate::model::{Handoff, HandoffId, HandoffOutcome, LeadId, Rep, RepId};
use crate::text::fold;

/// A lead waiting for a rep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedLead {
    pub lead_id: LeadId,
    /// Higher goes first.
    pub score: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub queued_at: OffsetDateTime,
    /// The account's country and region, matched against reps' territories.
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    /// The account's segment (`enterprise`, `smb` …), matched against reps' segments.
    #[serde(default)]
    pub segment: Option<String>,
}

/// A rep as the planner sees them on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepLoad {
    pub rep: Rep,
    /// Leads already handed to this rep on the planned day and in its week.
    pub assigned_today: u32,
    pub assigned_this_week: u32,
    /// Days the rep is away.
    #[serde(default)]
    pub out_of_office: Vec<Date>,
}

impl RepLoad {
    /// Leads the rep can still take today: the smaller of what is left of the day's and
    /// the week's capacity.
    pub fn remaining(&self) -> u32 {
        let day = self
            .rep
            .capacity_per_day
            .saturating_sub(self.assigned_today);
        let week = self
            .rep
            .capacity_per_week
            .saturating_sub(self.assigned_this_week);
        day.min(week)
    }
}

/// Why a lead went to its rep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssignedBy {
    /// The rep covers the lead's territory or segment explicitly.
    Rule,
    /// No rep covers it explicitly; a rep who takes anything had the most room.
    RoundRobin,
}

/// One lead given to one rep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub lead_id: LeadId,
    pub rep_id: RepId,
    pub by: AssignedBy,
    /// The rep should make first contact by then (working hours only).
    #[serde(with = "time::serde::rfc3339")]
    pub sla_due: OffsetDateTime,
}

impl Assignment {
    /// The handoff this assignment opens (`id` given by the store), made at `at`.
    pub fn handoff(&self, id: HandoffId, at: OffsetDateTime) -> Handoff {
        Handoff {
            id,
            lead_id: self.lead_id,
            rep_id: self.rep_id,
            at,
            sla_due: self.sla_due,
            outcome: HandoffOutcome::Pending,
        }
    }
}

/// Why a lead still waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WaitReason {
    /// The day is a weekend or holiday.
    NotAWorkingDay,
    /// Reps cover this lead, but none has capacity left today.
    NoCapacity,
    /// No active rep covers the lead's territory or segment.
    NoEligibleRep,
}

/// A lead left in the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waiting {
    pub lead_id: LeadId,
    pub reason: WaitReason,
}

/// The plan for one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayPlan {
    pub day: Date,
    pub assignments: Vec<Assignment>,
    pub waiting: Vec<Waiting>,
    /// Each rep after the plan: assigned counts include today's new leads.
    pub loads: Vec<RepLoad>,
}

/// How the team hands off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoffPolicy {
    /// First contact is due this many working hours after assignment.
    pub sla_working_hours: u32,
}

impl Default for HandoffPolicy {
    fn default() -> Self {
        Self {
            sla_working_hours: 4,
        }
    }
}

/// How a rep relates to a lead: explicitly covers it, takes anything, or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Coverage {
    Explicit,
    CatchAll,
    No,
}

fn covers(list: &[String], values: &[Option<&str>]) -> Option<bool> {
    if list.is_empty() {
        return None;
    }
    Some(values.iter().flatten().any(|v| {
        let v = fold(v);
        list.iter().any(|item| fold(item) == v)
    }))
}

fn coverage(rep: &Rep, lead: &QueuedLead) -> Coverage {
    let territory = covers(
        &rep.territories,
        &[lead.country.as_deref(), lead.region.as_deref()],
    );
    let segment = covers(&rep.segments, &[lead.segment.as_deref()]);
    match (territory, segment) {
        (Some(false), _) | (_, Some(false)) => Coverage::No,
        (None, None) => Coverage::CatchAll,
        _ => Coverage::Explicit,
    }
}

/// Plans `day`: assigns queued leads, hottest first, until capacity runs out. `now` is
/// when the plan takes effect (SLA clocks start from the later of `now` and the day's
/// opening).
pub fn plan_day(
    reps: &[RepLoad],
    queue: &[QueuedLead],
    policy: &HandoffPolicy,
    calendar: &WorkCalendar,
    day: Date,
    now: OffsetDateTime,
) -> DayPlan {
    let mut loads: Vec<RepLoad> = reps.to_vec();
    let mut order: Vec<&QueuedLead> = queue.iter().collect();
    order.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.queued_at.cmp(&b.queued_at))
            .then(a.lead_id.cmp(&b.lead_id))
    });
    let mut plan = DayPlan {
        day,
        assignments: Vec::new(),
        waiting: Vec::new(),
        loads: Vec::new(),
    };
    if !calendar.is_working_day(day) {
        plan.waiting = order
            .iter()
            .map(|l| Waiting {
                lead_id: l.lead_id,
                reason: WaitReason::NotAWorkingDay,
            })
            .collect();
        plan.loads = loads;
        return plan;
    }
    let start = calendar.add_working_hours(now.max(calendar.opening(day)), 0);
    let sla_due = calendar.add_working_hours(start, policy.sla_working_hours);
    for lead in order {
        let mut best: Option<(usize, Coverage)> = None;
        let mut anyone_covers = false;
        for (i, load) in loads.iter().enumerate() {
            if !load.rep.active || load.out_of_office.contains(&day) {
                continue;
            }
            let c = coverage(&load.rep, lead);
            if c == Coverage::No {
                continue;
            }
            anyone_covers = true;
            if load.remaining() == 0 {
                continue;
            }
            let better = match best {
                None => true,
                Some((j, best_c)) => {
                    let (a, b) = (load, &loads[j]);
                    // Explicit coverage beats catch-all; then the larger share of capacity
                    // left (compared as fractions without division); then fewer today; then id.
                    let share_a =
                        u64::from(a.remaining()) * u64::from(b.rep.capacity_per_day.max(1));
                    let share_b =
                        u64::from(b.remaining()) * u64::from(a.rep.capacity_per_day.max(1));
                    (c == Coverage::Explicit && best_c == Coverage::CatchAll)
                        || (c == best_c
                            && (share_a > share_b
                                || (share_a == share_b
                                    && (a.assigned_today < b.assigned_today
                                        || (a.assigned_today == b.assigned_today
                                            && a.rep.id < b.rep.id)))))
                }
            };
            if better {
                best = Some((i, c));
            }
        }
        match best {
            Some((i, c)) => {
                loads[i].assigned_today += 1;
                loads[i].assigned_this_week += 1;
                plan.assignments.push(Assignment {
                    lead_id: lead.lead_id,
                    rep_id: loads[i].rep.id,
                    by: if c == Coverage::Explicit {
                        AssignedBy::Rule
                    } else {
                        AssignedBy::RoundRobin
                    },
                    sla_due,
                });
            }
            None => plan.waiting.push(Waiting {
                lead_id: lead.lead_id,
                reason: if anyone_covers {
                    WaitReason::NoCapacity
                } else {
                    WaitReason::NoEligibleRep
                },
            }),
        }
    }
    plan.loads = loads;
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::{date, datetime};
    use uuid::Uuid;

    fn rep(
        n: u128,
        per_day: u32,
        per_week: u32,
        territories: &[&str],
        segments: &[&str],
    ) -> RepLoad {
        RepLoad {
            rep: Rep {
                id: RepId(Uuid::from_u128(n)),
                name: format!("rep {n}"),
                email: format!("rep{n}@leadkit.kr"),
                capacity_per_day: per_day,
                capacity_per_week: per_week,
                territories: territories.iter().map(|s| (*s).to_owned()).collect(),
                segments: segments.iter().map(|s| (*s).to_owned()).collect(),
                active: true,
            },
            assigned_today: 0,
            assigned_this_week: 0,
            out_of_office: Vec::new(),
        }
    }

    fn lead(n: u128, score: i64, country: &str, segment: Option<&str>) -> QueuedLead {
        QueuedLead {
            lead_id: LeadId(Uuid::from_u128(n)),
            score,
            queued_at: datetime!(2026-11-23 10:00 +09:00),
            country: Some(country.into()),
            region: None,
            segment: segment.map(Into::into),
        }
    }

    const TUESDAY: Date = date!(2026 - 11 - 24);

    #[test]
    fn territory_rules_first_then_most_room_hottest_first() {
        let reps = vec![
            rep(1, 2, 10, &["KR"], &[]),
            rep(2, 3, 10, &[], &[]),
            rep(3, 5, 10, &["JP"], &[]),
        ];
        let queue = vec![
            lead(10, 50, "KR", None),
            lead(11, 90, "KR", None),
            lead(12, 70, "KR", None),
            lead(13, 60, "US", None),
            lead(14, 40, "jp", None),
        ];
        let plan = plan_day(
            &reps,
            &queue,
            &HandoffPolicy::default(),
            &WorkCalendar::korea_2026(),
            TUESDAY,
            datetime!(2026-11-24 08:00 +09:00),
        );
        let got: Vec<(u128, u128, AssignedBy)> = plan
            .assignments
            .iter()
            .map(|a| (a.lead_id.0.as_u128(), a.rep_id.0.as_u128(), a.by))
            .collect();
        assert_eq!(
            got,
            vec![
                (11, 1, AssignedBy::Rule),       // hottest KR lead → the KR rep
                (12, 1, AssignedBy::Rule),       // KR rep's second and last slot today
                (13, 2, AssignedBy::RoundRobin), // US: only the catch-all rep
                (10, 2, AssignedBy::RoundRobin), // KR rep is full → catch-all takes it
                (14, 3, AssignedBy::Rule),       // jp matches JP, case-insensitively
            ]
        );
        assert!(plan.waiting.is_empty());
        // SLA: four working hours from 09:00.
        assert_eq!(
            plan.assignments[0].sla_due,
            datetime!(2026-11-24 13:00 +09:00)
        );
    }

    #[test]
    fn leads_wait_with_a_reason() {
        let mut away = rep(1, 5, 5, &["KR"], &["enterprise"]);
        away.out_of_office.push(TUESDAY);
        let full = RepLoad {
            assigned_this_week: 5,
            ..rep(2, 5, 5, &["KR"], &[])
        };
        let queue = vec![
            lead(10, 10, "KR", None),
            lead(11, 10, "DE", Some("enterprise")),
        ];
        let calendar = WorkCalendar::korea_2026();
        let now = datetime!(2026-11-24 08:00 +09:00);
        let plan = plan_day(
            &[away.clone(), full.clone()],
            &queue,
            &HandoffPolicy::default(),
            &calendar,
            TUESDAY,
            now,
        );
        let reasons: Vec<WaitReason> = plan.waiting.iter().map(|w| w.reason).collect();
        assert_eq!(
            reasons,
            vec![WaitReason::NoCapacity, WaitReason::NoEligibleRep]
        );
        let holiday = plan_day(
            &[full],
            &queue,
            &HandoffPolicy::default(),
            &calendar,
            date!(2026 - 12 - 25),
            now,
        );
        assert!(
            holiday
                .waiting
                .iter()
                .all(|w| w.reason == WaitReason::NotAWorkingDay)
        );
    }

    proptest! {
        #[test]
        fn never_over_capacity_and_every_lead_assigned_or_waiting(
            caps in proptest::collection::vec((0u32..6, 0u32..20, 0u32..4, any::<bool>()), 1..6),
            leads in proptest::collection::vec((0i64..100, 0usize..3), 0..60),
        ) {
            let countries = ["KR", "JP", "US"];
            let reps: Vec<RepLoad> = caps
                .iter()
                .enumerate()
                .map(|(i, (day, week, used, kr_only))| {
                    let mut r = rep(i as u128, *day, *week, if *kr_only { &["KR"] } else { &[] }, &[]);
                    r.assigned_this_week = *used;
                    r
                })
                .collect();
            let queue: Vec<QueuedLead> = leads
                .iter()
                .enumerate()
                .map(|(i, (score, c))| lead(100 + i as u128, *score, countries[*c], None))
                .collect();
            let plan = plan_day(&reps, &queue, &HandoffPolicy::default(), &WorkCalendar::korea_2026(), TUESDAY, datetime!(2026-11-24 08:00 +09:00));
            prop_assert_eq!(plan.assignments.len() + plan.waiting.len(), queue.len());
            let mut seen: Vec<LeadId> = plan.assignments.iter().map(|a| a.lead_id).chain(plan.waiting.iter().map(|w| w.lead_id)).collect();
            seen.sort();
            seen.dedup();
            prop_assert_eq!(seen.len(), queue.len());
            for (before, after) in reps.iter().zip(&plan.loads) {
                let given = plan.assignments.iter().filter(|a| a.rep_id == before.rep.id).count() as u32;
                prop_assert_eq!(after.assigned_today, given);
                prop_assert!(given <= before.remaining());
            }
        }
    }
}
