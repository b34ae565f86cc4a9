//! What-if: before a scoring change or a new threshold is saved, show what it would do —
//! the score histogram, how many leads would have crossed the threshold each week, and
//! what that inflow means for each rep against capacity. Building the snapshots scores
//! every lead at each week's end once (about a dozen fast re-scorings); moving the
//! threshold afterwards only counts, so a slider can recount on every move.
//! [`StageSnapshots`] does the same for every stage's whole entry criteria.

mod stages;

use std::ops::Range;

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::{Date, Duration, OffsetDateTime};

use crate::engine::Engine;
use crate::handoff::{HandoffPolicy, QueuedLead, RepLoad, WaitReason, WorkCalendar, plan_day};
use crate::icp::{FitColumns, match_many};
use crate::model::{Account, Lead, RepId, Touch};
use crate::scoring::{BatchError, PreparedLeads, score_prepared};

pub use stages::{StageEntries, StageSnapshots, next_week_load, threshold_free, total_threshold};

/// Why snapshots could not be built.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum WhatIfError {
    /// The lead base and its touch ranges or accounts do not line up.
    #[error(transparent)]
    Batch(#[from] BatchError),
    /// Accounts were given for a different number of leads.
    #[error("{accounts} account entries for {leads} leads")]
    AccountsMismatch { accounts: usize, leads: usize },
    /// At least one week is needed.
    #[error("no weeks to snapshot")]
    NoWeeks,
    /// Stage snapshots keep one bit per week.
    #[error("{weeks} weeks asked for, at most {max}")]
    TooManyWeeks { weeks: usize, max: usize },
}

/// Every lead's total score at the end of each of the last weeks.
#[derive(Debug, Clone)]
pub struct ScoreSnapshots {
    /// Week ends, oldest first; the last is `now`.
    pub week_ends: Vec<OffsetDateTime>,
    /// Lead-major: lead `i`'s total at week `w` is `totals[i * weeks + w]`.
    totals: Vec<i64>,
    leads: usize,
}

/// How many leads first reach a threshold in each week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklyEntries {
    /// Leads already at or over the threshold at the end of the first week (the backlog
    /// the change would create at once).
    pub already: u32,
    /// Leads first reaching it in each later week, oldest first (`weeks − 1` entries).
    pub per_week: Vec<u32>,
    /// Leads under it at `now`.
    pub below: u32,
}

impl WeeklyEntries {
    /// All leads counted: `already + Σ per_week + below`.
    pub fn total(&self) -> u32 {
        self.already + self.per_week.iter().sum::<u32>() + self.below
    }
}

impl ScoreSnapshots {
    /// Scores every lead at the end of each of the `weeks` weeks up to `now`. `accounts`
    /// holds each lead's account; `ranges[i]` are lead `i`'s touches.
    pub fn build(
        engine: &Engine,
        leads: &[Lead],
        accounts: &[Option<&Account>],
        touches: &[Touch],
        ranges: &[Range<usize>],
        now: OffsetDateTime,
        weeks: usize,
    ) -> Result<Self, WhatIfError> {
        Self::build_with_fit(engine, leads, accounts, touches, ranges, now, weeks)
            .map(|(snapshots, _)| snapshots)
    }

    /// [`Self::build`], also answering every lead's fit (which does not change by week).
    fn build_with_fit(
        engine: &Engine,
        leads: &[Lead],
        accounts: &[Option<&Account>],
        touches: &[Touch],
        ranges: &[Range<usize>],
        now: OffsetDateTime,
        weeks: usize,
    ) -> Result<(Self, FitColumns), WhatIfError> {
        if weeks == 0 {
            return Err(WhatIfError::NoWeeks);
        }
        if accounts.len() != leads.len() {
            return Err(WhatIfError::AccountsMismatch {
                accounts: accounts.len(),
                leads: leads.len(),
            });
        }
        let mut fit = FitColumns::default();
        match_many(
            engine.icp(),
            leads.iter().zip(accounts.iter().copied()),
            &mut fit,
        );
        let prepared = PreparedLeads::new(engine.scoring(), leads, touches, ranges)?;
        let week_ends: Vec<OffsetDateTime> = (0..weeks)
            .rev()
            .map(|w| now - Duration::weeks(w as i64))
            .collect();
        let mut totals = vec![0i64; leads.len() * weeks];
        let mut engagement = vec![0i64; leads.len()];
        for (w, at) in week_ends.iter().enumerate() {
            score_prepared(engine.scoring(), &prepared, *at, &mut engagement)?;
            for (i, e) in engagement.iter().enumerate() {
                totals[i * weeks + w] = fit.fit_points[i] + e;
            }
        }
        let snapshots = Self {
            week_ends,
            totals,
            leads: leads.len(),
        };
        Ok((snapshots, fit))
    }

    /// The number of leads.
    pub fn len(&self) -> usize {
        self.leads
    }

    /// Whether there are no leads.
    pub fn is_empty(&self) -> bool {
        self.leads == 0
    }

    /// The lowest and highest current total, `None` without leads.
    pub fn current_range(&self) -> Option<(i64, i64)> {
        self.current().fold(None, |range, t| match range {
            None => Some((t, t)),
            Some((lo, hi)) => Some((lo.min(t), hi.max(t))),
        })
    }

    fn weeks(&self) -> usize {
        self.week_ends.len()
    }

    /// Every lead's total at `now`.
    pub fn current(&self) -> impl Iterator<Item = i64> + '_ {
        let weeks = self.weeks();
        (0..self.leads).map(move |i| self.totals[i * weeks + weeks - 1])
    }

    /// When leads would first have reached `threshold`.
    pub fn entries(&self, threshold: i64) -> WeeklyEntries {
        let weeks = self.weeks();
        let mut entries = WeeklyEntries {
            already: 0,
            per_week: vec![0; weeks - 1],
            below: 0,
        };
        for lead in self.totals.chunks_exact(weeks) {
            match lead.iter().position(|t| *t >= threshold) {
                Some(0) => entries.already += 1,
                Some(w) => entries.per_week[w - 1] += 1,
                None => entries.below += 1,
            }
        }
        entries
    }

    /// Indices of the leads that first reach `threshold` in the last week: the inflow the
    /// threshold would send to sales in a week like the last one.
    pub fn latest_entrants(&self, threshold: i64) -> Vec<usize> {
        let weeks = self.weeks();
        self.totals
            .chunks_exact(weeks)
            .enumerate()
            .filter(|(_, lead)| {
                lead.iter().position(|t| *t >= threshold) == Some(weeks - 1).filter(|w| *w > 0)
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Counts of current totals in `bins` equal bins over `[min, max)` (values outside go
    /// to the first or last bin), for a histogram with the threshold drawn over it.
    pub fn histogram(&self, min: i64, max: i64, bins: usize) -> Vec<u32> {
        let bins = bins.max(1);
        let mut counts = vec![0u32; bins];
        let width = ((max - min).max(1) as f64) / bins as f64;
        for total in self.current() {
            let bin = (((total - min) as f64) / width).floor();
            counts[(bin.max(0.0) as usize).min(bins - 1)] += 1;
        }
        counts
    }
}

/// A rep's expected week against capacity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepWeekLoad {
    pub rep_id: RepId,
    /// Leads the plan gives the rep over the week.
    pub assigned: u32,
    pub capacity_per_week: u32,
}

/// A week of handoff under a threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekLoad {
    pub reps: Vec<RepWeekLoad>,
    /// Leads still waiting at the end of the week, by reason.
    pub waiting_no_capacity: u32,
    pub waiting_no_rep: u32,
}

/// Plans the working days of the week starting `monday` for `inflow` (all queued at the
/// start of the week), carrying each day's waiting leads into the next: how the reps
/// would be loaded and what would be left waiting.
pub fn plan_week(
    reps: &[RepLoad],
    inflow: &[QueuedLead],
    policy: &HandoffPolicy,
    calendar: &WorkCalendar,
    monday: Date,
) -> WeekLoad {
    let mut loads: Vec<RepLoad> = reps.to_vec();
    let mut queue: Vec<QueuedLead> = inflow.to_vec();
    let mut assigned = vec![0u32; reps.len()];
    let mut last_waiting = Vec::new();
    for day_index in 0..7 {
        let day = monday + Duration::days(day_index);
        if !calendar.is_working_day(day) {
            continue;
        }
        for load in &mut loads {
            load.assigned_today = 0;
        }
        let opening = calendar.opening(day);
        let plan = plan_day(&loads, &queue, policy, calendar, day, opening);
        for a in &plan.assignments {
            if let Some(i) = reps.iter().position(|r| r.rep.id == a.rep_id) {
                assigned[i] += 1;
            }
        }
        loads = plan.loads;
        queue.retain(|q| plan.waiting.iter().any(|w| w.lead_id == q.lead_id));
        last_waiting = plan.waiting;
    }
    if last_waiting.is_empty() && !queue.is_empty() {
        // A week without working days: everything still waits.
        last_waiting = queue
            .iter()
            .map(|q| crate::handoff::Waiting {
                lead_id: q.lead_id,
                reason: WaitReason::NotAWorkingDay,
            })
            .collect();
    }
    WeekLoad {
        reps: reps
            .iter()
            .zip(assigned)
            .map(|(r, assigned)| RepWeekLoad {
                rep_id: r.rep.id,
                assigned,
                capacity_per_week: r.rep.capacity_per_week,
            })
            .collect(),
        waiting_no_capacity: last_waiting
            .iter()
            .filter(|w| w.reason != WaitReason::NoEligibleRep)
            .count() as u32,
        waiting_no_rep: last_waiting
            .iter()
            .filter(|w| w.reason == WaitReason::NoEligibleRep)
            .count() as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::EngineConfig;
    use crate::fixtures::{DatasetSpec, generate};
    use crate::model::{LeadId, Rep};
    use proptest::prelude::*;
    use time::macros::{date, datetime};
    use uuid::Uuid;

    fn snapshots(n: usize) -> ScoreSnapshots {
        let now = datetime!(2026-11-24 0:00 UTC);
        let data = generate(&DatasetSpec::new(8, n, now));
        let engine = Engine::new(EngineConfig::korean_b2b_default()).unwrap();
        let accounts: Vec<Option<&Account>> = data.lead_accounts();
        ScoreSnapshots::build(
            &engine,
            &data.leads,
            &accounts,
            &data.touches,
            &data.touch_ranges,
            now,
            12,
        )
        .unwrap()
    }

    #[test]
    fn raising_the_threshold_moves_leads_later_or_below() {
        let snaps = snapshots(600);
        let low = snaps.entries(20);
        let high = snaps.entries(80);
        assert_eq!(low.total(), 600);
        assert_eq!(high.total(), 600);
        assert!(high.below >= low.below);
        assert!(high.already <= low.already);
        assert_eq!(snaps.histogram(-100, 200, 30).iter().sum::<u32>(), 600);
        let entrants = snaps.latest_entrants(40);
        assert_eq!(
            entrants.len() as u32,
            *snaps.entries(40).per_week.last().unwrap()
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn counts_conserve_leads(threshold in -200i64..300) {
            let snaps = snapshots(150);
            prop_assert_eq!(snaps.entries(threshold).total(), 150);
        }
    }

    #[test]
    fn a_week_of_inflow_fills_capacity_then_waits() {
        let rep = |n: u128, day: u32, week: u32| RepLoad {
            rep: Rep {
                id: RepId(Uuid::from_u128(n)),
                name: format!("rep {n}"),
                email: format!("rep{n}@leadkit.kr"),
                capacity_per_day: day,
                capacity_per_week: week,
                territories: vec![],
                segments: vec![],
                active: true,
            },
            assigned_today: 0,
            assigned_this_week: 0,
            out_of_office: vec![],
        };
        let inflow: Vec<QueuedLead> = (0..40)
            .map(|i| QueuedLead {
                lead_id: LeadId(Uuid::from_u128(i)),
                score: i as i64,
                queued_at: datetime!(2026-11-23 09:00 +09:00),
                country: Some("KR".into()),
                region: None,
                segment: None,
            })
            .collect();
        // 3/day, 12/week and 5/day, 20/week: 32 of 40 fit in the week.
        let week = plan_week(
            &[rep(1, 3, 12), rep(2, 5, 20)],
            &inflow,
            &HandoffPolicy::default(),
            &WorkCalendar::korea_2026(),
            date!(2026 - 11 - 23),
        );
        let assigned: Vec<u32> = week.reps.iter().map(|r| r.assigned).collect();
        assert_eq!(assigned, vec![12, 20]);
        assert_eq!(week.waiting_no_capacity, 8);
        assert_eq!(week.waiting_no_rep, 0);
    }
}
