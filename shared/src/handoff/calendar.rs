//! Working time: SLA clocks run only in working hours on working days, in the team's
//! time zone, skipping weekends and the public holidays the workspace lists.

use serde::{Deserialize, Serialize};
use time::macros::date;
use time::{Date, Duration, OffsetDateTime, Time, UtcOffset};

/// A team's working week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkCalendar {
    /// Minutes east of UTC (Seoul: 540).
    pub utc_offset_minutes: i16,
    /// Working hours start and end, local time, on the hour (9 and 18 for 09:00–18:00).
    pub day_start_hour: u8,
    pub day_end_hour: u8,
    /// Days off besides the weekend.
    pub holidays: Vec<Date>,
    /// The weekly days off, ISO numbered (1 = Monday … 7 = Sunday); Saturday and Sunday
    /// unless a team works other days.
    #[serde(default = "saturday_and_sunday")]
    pub weekend_days: Vec<u8>,
}

fn saturday_and_sunday() -> Vec<u8> {
    vec![6, 7]
}

/// Korean public holidays of 2026 as announced (substitute holidays included). A list,
/// not a rule: lunar dates and substitutes are set by decree each year, so teams keep
/// this list current in their settings.
pub const KOREAN_PUBLIC_HOLIDAYS_2026: [Date; 17] = [
    date!(2026 - 01 - 01), // 신정
    date!(2026 - 02 - 16), // 설날 연휴
    date!(2026 - 02 - 17), // 설날
    date!(2026 - 02 - 18), // 설날 연휴
    date!(2026 - 03 - 02), // 삼일절 대체공휴일 (3/1 is a Sunday)
    date!(2026 - 05 - 05), // 어린이날
    date!(2026 - 05 - 25), // 부처님오신날 대체공휴일 (5/24 is a Sunday)
    date!(2026 - 06 - 03), // 전국동시지방선거
    date!(2026 - 08 - 17), // 광복절 대체공휴일 (8/15 is a Saturday)
    date!(2026 - 09 - 24), // 추석 연휴
    date!(2026 - 09 - 25), // 추석
    date!(2026 - 09 - 26), // 추석 연휴
    date!(2026 - 10 - 05), // 개천절 대체공휴일 (10/3 is a Saturday)
    date!(2026 - 10 - 09), // 한글날
    date!(2026 - 12 - 25), // 성탄절
    date!(2026 - 06 - 06), // 현충일 (a Saturday; listed for completeness)
    date!(2026 - 03 - 01), // 삼일절 (a Sunday; listed for completeness)
];

impl WorkCalendar {
    /// Seoul, 09:00–18:00, with the 2026 Korean public holidays.
    pub fn korea_2026() -> Self {
        Self {
            utc_offset_minutes: 540,
            day_start_hour: 9,
            day_end_hour: 18,
            holidays: KOREAN_PUBLIC_HOLIDAYS_2026.to_vec(),
            weekend_days: saturday_and_sunday(),
        }
    }

    fn offset(&self) -> UtcOffset {
        UtcOffset::from_whole_seconds(i32::from(self.utc_offset_minutes) * 60)
            .unwrap_or(UtcOffset::UTC)
    }

    fn hours(&self) -> (u8, u8) {
        let start = self.day_start_hour.min(23);
        let end = self.day_end_hour.clamp(start + 1, 24);
        (start, end)
    }

    /// The local calendar date of an instant.
    pub fn local_date(&self, at: OffsetDateTime) -> Date {
        at.to_offset(self.offset()).date()
    }

    /// Whether `day` is a working day (not a weekend, not a listed holiday).
    pub fn is_working_day(&self, day: Date) -> bool {
        !self
            .weekend_days
            .contains(&day.weekday().number_from_monday())
            && !self.holidays.contains(&day)
    }

    /// When working hours begin on `day`, in the team's zone.
    pub fn opening(&self, day: Date) -> OffsetDateTime {
        self.at_hour(day, self.hours().0)
    }

    fn at_hour(&self, day: Date, hour: u8) -> OffsetDateTime {
        let midnight = day.with_time(Time::MIDNIGHT).assume_offset(self.offset());
        midnight + Duration::hours(i64::from(hour))
    }

    /// The instant `working_hours` of working time after `from`: the clock runs only
    /// between the day's start and end hours on working days.
    pub fn add_working_hours(&self, from: OffsetDateTime, working_hours: u32) -> OffsetDateTime {
        let (start_hour, end_hour) = self.hours();
        let mut left = Duration::hours(i64::from(working_hours));
        let mut day = self.local_date(from);
        let mut cursor = from.to_offset(self.offset());
        // A year of days without a working day means a broken calendar; stop rather than spin.
        for _ in 0..400 {
            if self.is_working_day(day) {
                let open = self.at_hour(day, start_hour);
                let close = self.at_hour(day, end_hour);
                let begin = cursor.max(open);
                if begin < close {
                    let available = close - begin;
                    if left <= available {
                        return begin + left;
                    }
                    left -= available;
                }
            }
            day = day.next_day().unwrap_or(day);
            cursor = self.at_hour(day, 0);
        }
        cursor + left
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn sla_clocks_skip_nights_weekends_and_holidays() {
        let seoul = WorkCalendar::korea_2026();
        let cases = [
            // Tuesday 10:00 + 4h → 14:00 the same day.
            (
                datetime!(2026-11-24 10:00 +09:00),
                4,
                datetime!(2026-11-24 14:00 +09:00),
            ),
            // Tuesday 16:00 + 4h → 2h today, 2h tomorrow from 09:00.
            (
                datetime!(2026-11-24 16:00 +09:00),
                4,
                datetime!(2026-11-25 11:00 +09:00),
            ),
            // Friday 17:00 + 2h → Monday 10:00.
            (
                datetime!(2026-11-27 17:00 +09:00),
                2,
                datetime!(2026-11-30 10:00 +09:00),
            ),
            // Captured at night: the clock starts at 09:00.
            (
                datetime!(2026-11-24 23:30 +09:00),
                1,
                datetime!(2026-11-25 10:00 +09:00),
            ),
            // Before 추석 (Thu 24 – Sat 26 Sep): Wednesday 17:00 + 2h → Monday 28th 10:00.
            (
                datetime!(2026-09-23 17:00 +09:00),
                2,
                datetime!(2026-09-28 10:00 +09:00),
            ),
            // Given in UTC: 01:00Z is 10:00 in Seoul.
            (
                datetime!(2026-11-24 01:00 UTC),
                8,
                datetime!(2026-11-24 18:00 +09:00),
            ),
            (
                datetime!(2026-11-24 01:00 UTC),
                9,
                datetime!(2026-11-25 10:00 +09:00),
            ),
        ];
        for (from, hours, expected) in cases {
            assert_eq!(
                seoul.add_working_hours(from, hours),
                expected,
                "{from} + {hours}h"
            );
        }
        assert!(!seoul.is_working_day(date!(2026 - 10 - 09)));
        assert!(seoul.is_working_day(date!(2026 - 10 - 08)));
    }
}
