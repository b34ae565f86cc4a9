//! The funnel of a report window: how many leads reached each level in it, conversion
//! and time from each level to the next for the leads that reached the lower one in it,
//! how long those steps took (a histogram), where every lead stands now, what entered
//! each stage week by week, and how far each capture week's cohort has got.

use std::collections::BTreeMap;

use time::{Duration, OffsetDateTime};

use super::window::{InsightError, ReportWindow};
use crate::lifecycle::{
    Cohort, FunnelLevel, IsoWeek, LEVELS, LevelConversion, StageHistory, WeekFlow,
    cohorts_by_capture_week, conversions, counts_at, reached, weekly_flow,
};
use crate::model::Stage;

/// Buckets of the step-time histogram.
pub const TIME_BUCKETS: usize = 7;

/// Upper bounds (exclusive) of the histogram's first buckets: under an hour, a day,
/// three days, a week, two weeks, thirty days; the last bucket holds everything longer.
/// Wide buckets on a log-like scale, since B2B steps take from minutes to months.
pub const TIME_BUCKET_EDGES: [Duration; TIME_BUCKETS - 1] = [
    Duration::hours(1),
    Duration::days(1),
    Duration::days(3),
    Duration::days(7),
    Duration::days(14),
    Duration::days(30),
];

/// Everything the funnel view shows for one window.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelDashboard {
    /// Leads that first reached each level inside the window (skipped levels count as
    /// reached), indexed by [`FunnelLevel::index`].
    pub reached: [usize; LEVELS],
    /// From each level to the next, over the leads that reached the lower level in the
    /// window; `reached[k]` equals `conversions[k].entered`.
    pub conversions: Vec<LevelConversion>,
    /// Where every lead on this device stands now, every stage present.
    pub stages_now: BTreeMap<Stage, usize>,
    /// Each week of the window with the stage entries recorded in it (empty weeks too).
    pub weeks: Vec<(IsoWeek, WeekFlow)>,
    /// Each week of the window with the cohort captured in it (empty weeks too).
    pub cohorts: Vec<(IsoWeek, Cohort)>,
}

/// The dashboard of `history` over `window`, standing at `now`.
pub fn funnel_dashboard(
    history: &StageHistory,
    window: &ReportWindow,
    now: OffsetDateTime,
) -> Result<FunnelDashboard, InsightError> {
    let mut in_window = [0usize; LEVELS];
    for lead in history.leads() {
        for (count, at) in in_window.iter_mut().zip(reached(lead).at) {
            *count += usize::from(at.is_some_and(|at| window.contains(at)));
        }
    }
    let mut flow = weekly_flow(history, window.utc_offset_minutes)?;
    let mut cohorts = cohorts_by_capture_week(history, window.utc_offset_minutes)?;
    Ok(FunnelDashboard {
        reached: in_window,
        conversions: conversions(history, Some(window.range.clone())),
        stages_now: counts_at(history, now),
        weeks: window
            .weeks
            .iter()
            .map(|week| (*week, flow.remove(week).unwrap_or_default()))
            .collect(),
        cohorts: window
            .weeks
            .iter()
            .map(|week| {
                let cohort = cohorts.remove(week).unwrap_or(Cohort {
                    leads: 0,
                    reached: [0; LEVELS],
                });
                (*week, cohort)
            })
            .collect(),
    })
}

/// How long the step from `from` to the next level took, bucketed by
/// [`TIME_BUCKET_EDGES`], over the same leads as the step's conversion: those that
/// reached `from` in the window and the next level at any time. A skipped level took no
/// time. Empty for the top level, which has no next.
pub fn step_times(
    history: &StageHistory,
    from: FunnelLevel,
    window: &ReportWindow,
) -> [usize; TIME_BUCKETS] {
    let mut buckets = [0; TIME_BUCKETS];
    let k = from.index();
    if k + 1 >= LEVELS {
        return buckets;
    }
    for lead in history.leads() {
        let r = reached(lead);
        let (Some(start), Some(end)) = (r.at[k], r.at[k + 1]) else {
            continue;
        };
        if !window.contains(start) {
            continue;
        }
        let took = end - start;
        let bucket = TIME_BUCKET_EDGES
            .iter()
            .position(|edge| took < *edge)
            .unwrap_or(TIME_BUCKETS - 1);
        buckets[bucket] += 1;
    }
    buckets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, LeadId, StageChange};
    use time::macros::datetime;
    use uuid::Uuid;

    const NOW: OffsetDateTime = datetime!(2026-11-26 12:00 +9);

    fn change(lead: u128, from: Option<Stage>, to: Stage, at: OffsetDateTime) -> StageChange {
        StageChange {
            lead_id: LeadId(Uuid::from_u128(lead)),
            from,
            to,
            at,
            actor: Actor::System {
                rule: "test".into(),
            },
            reason: None,
        }
    }

    /// Lead 1: captured in week 47, MQL 2 h later, SQL 4 days after that.
    /// Lead 2: captured in week 48, straight to SQL (MQL skipped) after 30 min.
    /// Lead 3: captured in week 48, disqualified.
    /// Lead 4: captured long before the window, MQL inside it.
    fn history() -> StageHistory {
        StageHistory::new(vec![
            change(1, None, Stage::Lead, datetime!(2026-11-17 10:00 +9)),
            change(
                1,
                Some(Stage::Lead),
                Stage::Mql,
                datetime!(2026-11-17 12:00 +9),
            ),
            change(
                1,
                Some(Stage::Mql),
                Stage::Sql,
                datetime!(2026-11-21 12:00 +9),
            ),
            change(2, None, Stage::Lead, datetime!(2026-11-24 09:00 +9)),
            change(
                2,
                Some(Stage::Lead),
                Stage::Sql,
                datetime!(2026-11-24 09:30 +9),
            ),
            change(3, None, Stage::Lead, datetime!(2026-11-25 09:00 +9)),
            change(
                3,
                Some(Stage::Lead),
                Stage::Disqualified,
                datetime!(2026-11-25 10:00 +9),
            ),
            change(4, None, Stage::Lead, datetime!(2026-06-01 09:00 +9)),
            change(
                4,
                Some(Stage::Lead),
                Stage::Mql,
                datetime!(2026-11-18 09:00 +9),
            ),
        ])
    }

    #[test]
    fn the_window_counts_what_was_reached_in_it_and_keeps_empty_weeks() {
        let window = ReportWindow::last_weeks(NOW, 540, 4).unwrap();
        let d = funnel_dashboard(&history(), &window, NOW).unwrap();
        let at = |level: FunnelLevel| d.reached[level.index()];
        assert_eq!(
            at(FunnelLevel::Lead),
            3,
            "lead 4 was captured before the window"
        );
        assert_eq!(at(FunnelLevel::MqlOrPql), 3, "lead 2's skip counts");
        assert_eq!(at(FunnelLevel::Sql), 2);
        assert_eq!(at(FunnelLevel::Subscriber), 0);
        for (k, row) in d.conversions.iter().enumerate() {
            assert_eq!(row.entered, d.reached[k], "{:?}", row.from);
        }
        let mql = &d.conversions[FunnelLevel::MqlOrPql.index()];
        assert_eq!((mql.entered, mql.converted), (3, 2));
        assert_eq!(d.stages_now[&Stage::Sql], 2);
        assert_eq!(d.stages_now[&Stage::Mql], 1);
        assert_eq!(d.stages_now.values().sum::<usize>(), 4);
        let weeks: Vec<u8> = d.weeks.iter().map(|(w, _)| w.week).collect();
        assert_eq!(weeks, vec![45, 46, 47, 48]);
        assert!(d.weeks[0].1.entries.is_empty());
        assert_eq!(d.weeks[3].1.entries[&Stage::Lead], 2);
        assert_eq!(d.weeks[2].1.entries[&Stage::Mql], 2);
        let cohort_sizes: Vec<usize> = d.cohorts.iter().map(|(_, c)| c.leads).collect();
        assert_eq!(cohort_sizes, vec![0, 0, 1, 2]);
        assert_eq!(d.cohorts[3].1.reached[FunnelLevel::Sql.index()], 1);
    }

    #[test]
    fn step_times_fall_in_their_buckets_over_the_conversion_leads() {
        let window = ReportWindow::last_weeks(NOW, 540, 4).unwrap();
        let history = history();
        // Lead → MQL/PQL: lead 1 took 2 h, lead 2 skipped at 30 min.
        assert_eq!(
            step_times(&history, FunnelLevel::Lead, &window),
            [1, 1, 0, 0, 0, 0, 0]
        );
        // MQL/PQL → SQL: lead 1 took 4 days, lead 2's skip took none; lead 4 never went.
        assert_eq!(
            step_times(&history, FunnelLevel::MqlOrPql, &window),
            [1, 0, 0, 1, 0, 0, 0]
        );
        let total: usize = step_times(&history, FunnelLevel::MqlOrPql, &window)
            .iter()
            .sum();
        let d = funnel_dashboard(&history, &window, NOW).unwrap();
        assert_eq!(
            total,
            d.conversions[FunnelLevel::MqlOrPql.index()].converted
        );
        assert_eq!(
            step_times(&history, FunnelLevel::Evangelist, &window),
            [0; TIME_BUCKETS]
        );
    }
}
