//! The period a report covers: the last N ISO weeks up to now, the current week
//! included, starting on a Monday at midnight in the team's zone — so a range total and
//! the weekly bars beside it count the same changes.

use std::ops::Range;

use thiserror::Error;
use time::{Duration, OffsetDateTime, Time, UtcOffset};

use crate::lifecycle::{FunnelError, IsoWeek};

/// The longest window a report offers: a year of weeks.
pub const MAX_WEEKS: u8 = 53;

/// Why a report could not be cut.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InsightError {
    /// The offset is beyond what any time zone uses (±25:59).
    #[error("utc offset of {minutes} minutes is out of range")]
    InvalidOffset {
        /// The offset given.
        minutes: i16,
    },
    /// A window of no weeks, or more than [`MAX_WEEKS`].
    #[error("a report covers 1 to {MAX_WEEKS} weeks, not {weeks}")]
    Weeks {
        /// The number asked for.
        weeks: u8,
    },
    /// The window reaches beyond the dates `time` can represent.
    #[error("the report window around {now} is out of the representable range")]
    OutOfRange {
        /// The time the window ends at.
        now: OffsetDateTime,
    },
    /// The funnel report failed (a change at the edge of the representable range).
    #[error(transparent)]
    Funnel(#[from] FunnelError),
}

/// The last `weeks` ISO weeks up to `now`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportWindow {
    /// Monday 00:00 of the first week, in the team's zone; `end` is just after now.
    pub range: Range<OffsetDateTime>,
    /// Every week of the window, oldest first (so charts show empty weeks too).
    pub weeks: Vec<IsoWeek>,
    /// The team's offset, minutes east of UTC, the weeks were cut in.
    pub utc_offset_minutes: i16,
}

impl ReportWindow {
    /// The window of the last `weeks` weeks, the current one included.
    pub fn last_weeks(
        now: OffsetDateTime,
        utc_offset_minutes: i16,
        weeks: u8,
    ) -> Result<Self, InsightError> {
        if weeks == 0 || weeks > MAX_WEEKS {
            return Err(InsightError::Weeks { weeks });
        }
        let offset =
            UtcOffset::from_whole_seconds(i32::from(utc_offset_minutes) * 60).map_err(|_| {
                InsightError::InvalidOffset {
                    minutes: utc_offset_minutes,
                }
            })?;
        let out_of_range = || InsightError::OutOfRange { now };
        let local = now.checked_to_offset(offset).ok_or_else(out_of_range)?;
        let monday = local
            .date()
            .checked_sub(Duration::days(i64::from(
                local.weekday().number_days_from_monday(),
            )))
            .and_then(|d| d.checked_sub(Duration::weeks(i64::from(weeks) - 1)))
            .ok_or_else(out_of_range)?;
        let start = monday.with_time(Time::MIDNIGHT).assume_offset(offset);
        let end = now
            .checked_add(Duration::nanoseconds(1))
            .ok_or_else(out_of_range)?;
        let weeks = (0..i64::from(weeks))
            .map(|k| {
                let (year, week, _) = monday
                    .checked_add(Duration::weeks(k))
                    .ok_or_else(out_of_range)?
                    .to_iso_week_date();
                Ok(IsoWeek { year, week })
            })
            .collect::<Result<_, InsightError>>()?;
        Ok(Self {
            range: start..end,
            weeks,
            utc_offset_minutes,
        })
    }

    /// Whether `at` falls in the window.
    pub fn contains(&self, at: OffsetDateTime) -> bool {
        self.range.contains(&at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn windows_start_on_a_monday_in_the_team_zone_and_list_every_week() {
        // Monday 23 Nov 2026 05:00 in Seoul is Sunday 22 Nov 20:00 UTC.
        let now = datetime!(2026-11-22 20:00 UTC);
        let seoul = ReportWindow::last_weeks(now, 540, 4).unwrap();
        assert_eq!(seoul.range.start, datetime!(2026-11-02 00:00 +9));
        assert_eq!(
            seoul.weeks,
            (45..=48)
                .map(|week| IsoWeek { year: 2026, week })
                .collect::<Vec<_>>()
        );
        assert!(seoul.contains(now));
        assert!(!seoul.contains(datetime!(2026-11-01 23:59 +9)));
        // In UTC the same instant is still the Sunday of week 47.
        let utc = ReportWindow::last_weeks(now, 0, 1).unwrap();
        assert_eq!(utc.range.start, datetime!(2026-11-16 00:00 UTC));
        assert_eq!(
            utc.weeks,
            vec![IsoWeek {
                year: 2026,
                week: 47
            }]
        );
    }

    #[test]
    fn windows_cross_the_year_and_refuse_what_cannot_be_cut() {
        let now = datetime!(2027-01-06 12:00 +9);
        let window = ReportWindow::last_weeks(now, 540, 3).unwrap();
        assert_eq!(
            window.weeks,
            vec![
                IsoWeek {
                    year: 2026,
                    week: 52
                },
                IsoWeek {
                    year: 2026,
                    week: 53
                },
                IsoWeek {
                    year: 2027,
                    week: 1
                },
            ]
        );
        let cases = [
            (0, 0, InsightError::Weeks { weeks: 0 }),
            (0, 54, InsightError::Weeks { weeks: 54 }),
            (2000, 4, InsightError::InvalidOffset { minutes: 2000 }),
        ];
        for (offset, weeks, error) in cases {
            assert_eq!(ReportWindow::last_weeks(now, offset, weeks), Err(error));
        }
    }
}
