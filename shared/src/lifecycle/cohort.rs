//! Cohorts by capture week: of the leads first recorded in a week, how many have reached
//! each funnel level since. Comparing cohorts shows whether this month's campaigns bring
//! better leads than last month's, without waiting for every lead to finish.

use std::collections::BTreeMap;

use time::UtcOffset;

use super::funnel::{FunnelError, IsoWeek, LEVELS, StageHistory, reached};

/// One capture week's cohort.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cohort {
    /// Leads first recorded in the week.
    pub leads: usize,
    /// Of those, how many reached each level (indexed by `FunnelLevel::index`); skipped
    /// levels count as reached.
    pub reached: [usize; LEVELS],
}

/// Groups leads by the ISO week (in the workspace's zone) of their first stage change
/// and counts how far each cohort got.
pub fn cohorts_by_capture_week(
    history: &StageHistory,
    utc_offset_minutes: i16,
) -> Result<BTreeMap<IsoWeek, Cohort>, FunnelError> {
    let offset =
        UtcOffset::from_whole_seconds(i32::from(utc_offset_minutes) * 60).map_err(|_| {
            FunnelError::InvalidOffset {
                minutes: utc_offset_minutes,
            }
        })?;
    let mut cohorts: BTreeMap<IsoWeek, Cohort> = BTreeMap::new();
    for lead in history.leads() {
        let Some(first) = lead.iter().min_by_key(|c| c.at) else {
            continue;
        };
        let local = first
            .at
            .checked_to_offset(offset)
            .ok_or(FunnelError::DateOutOfRange {
                lead_id: first.lead_id,
                at: first.at,
            })?;
        let (year, week, _) = local.to_iso_week_date();
        let cohort = cohorts.entry(IsoWeek { year, week }).or_insert(Cohort {
            leads: 0,
            reached: [0; LEVELS],
        });
        cohort.leads += 1;
        for (count, at) in cohort.reached.iter_mut().zip(reached(lead).at) {
            *count += usize::from(at.is_some());
        }
    }
    Ok(cohorts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::FunnelLevel;
    use crate::model::{Actor, LeadId, Stage, StageChange};
    use time::OffsetDateTime;
    use time::macros::datetime;
    use uuid::Uuid;

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

    #[test]
    fn leads_fall_in_their_capture_week_and_count_their_reach() {
        let history = StageHistory::new(vec![
            // Week 48 of 2026 in Seoul (Mon 23 Nov): captured, later SQL (MQL skipped).
            change(1, None, Stage::Lead, datetime!(2026-11-23 10:00 +09:00)),
            change(
                1,
                Some(Stage::Lead),
                Stage::Sql,
                datetime!(2026-12-10 10:00 +09:00),
            ),
            // Sunday 22 Nov 20:00 UTC is Monday 23 Nov 05:00 in Seoul: also week 48.
            change(2, None, Stage::Lead, datetime!(2026-11-22 20:00 UTC)),
            // Week 47.
            change(3, None, Stage::Lead, datetime!(2026-11-18 10:00 +09:00)),
            change(
                3,
                Some(Stage::Lead),
                Stage::Mql,
                datetime!(2026-11-19 10:00 +09:00),
            ),
        ]);
        let cohorts = cohorts_by_capture_week(&history, 540).unwrap();
        let w48 = &cohorts[&IsoWeek {
            year: 2026,
            week: 48,
        }];
        assert_eq!(w48.leads, 2);
        assert_eq!(w48.reached[FunnelLevel::Lead.index()], 2);
        assert_eq!(w48.reached[FunnelLevel::MqlOrPql.index()], 1);
        assert_eq!(w48.reached[FunnelLevel::Sql.index()], 1);
        let w47 = &cohorts[&IsoWeek {
            year: 2026,
            week: 47,
        }];
        assert_eq!(
            (w47.leads, w47.reached[FunnelLevel::MqlOrPql.index()]),
            (1, 1)
        );
        assert_eq!(cohorts.values().map(|c| c.leads).sum::<usize>(), 3);
        assert!(cohorts_by_capture_week(&history, 2000).is_err());
    }
}
