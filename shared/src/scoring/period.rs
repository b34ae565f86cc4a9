//! Cap periods as integers: the day, ISO week or month a moment falls in, in the model's
//! time zone, computed with integer arithmetic so the fast path needs no calendar type.

use super::rule::Period;

const DAY_SECS: i64 = 86_400;

/// The bucket `unix_secs` falls in: equal buckets mean the same period. `offset_secs` is
/// the time zone's offset east of UTC.
pub fn bucket(period: Period, unix_secs: i64, offset_secs: i64) -> i64 {
    let day = unix_secs.saturating_add(offset_secs).div_euclid(DAY_SECS);
    match period {
        Period::Day => day,
        // 1970-01-01 was a Thursday, so day −3 was a Monday and weeks start there.
        Period::Week => (day + 3).div_euclid(7),
        Period::Month => {
            let (year, month) = year_month(day);
            year * 12 + (month - 1)
        }
        Period::AllTime => 0,
    }
}

/// Year and month (1–12) of the day `day` days after 1970-01-01, in the proleptic
/// Gregorian calendar (Howard Hinnant's `civil_from_days`).
fn year_month(day: i64) -> (i64, i64) {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    // Months counted from March, so the leap day is the last day of the year.
    let march_month = (5 * day_of_year + 2) / 153;
    let month = if march_month < 10 {
        march_month + 3
    } else {
        march_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::{datetime, offset};
    use time::{OffsetDateTime, UtcOffset};

    #[test]
    fn buckets_follow_the_local_calendar() {
        let kst = 9 * 3600;
        // (a, b, period, same bucket?)
        let cases = [
            // 23:30 and 00:30 Seoul time are different days though the same UTC day.
            (
                datetime!(2026-11-23 14:30 UTC),
                datetime!(2026-11-23 15:30 UTC),
                Period::Day,
                false,
            ),
            (
                datetime!(2026-11-23 15:30 UTC),
                datetime!(2026-11-24 14:59 UTC),
                Period::Day,
                true,
            ),
            // Sunday 23:00 and Monday 01:00 KST are different ISO weeks.
            (
                datetime!(2026-11-29 23:00 +9),
                datetime!(2026-11-30 01:00 +9),
                Period::Week,
                false,
            ),
            (
                datetime!(2026-11-23 00:00 +9),
                datetime!(2026-11-29 23:59 +9),
                Period::Week,
                true,
            ),
            (
                datetime!(2026-11-30 23:59 +9),
                datetime!(2026-12-01 00:00 +9),
                Period::Month,
                false,
            ),
            (
                datetime!(2028-02-01 00:00 +9),
                datetime!(2028-02-29 23:00 +9),
                Period::Month,
                true,
            ),
            (
                datetime!(1960-01-01 00:00 UTC),
                datetime!(2030-01-01 00:00 UTC),
                Period::AllTime,
                true,
            ),
        ];
        for (a, b, period, same) in cases {
            let bucket_a = bucket(period, a.unix_timestamp(), kst);
            let bucket_b = bucket(period, b.unix_timestamp(), kst);
            assert_eq!(bucket_a == bucket_b, same, "{a} {b} {period:?}");
        }
    }

    proptest! {
        #[test]
        fn months_and_days_match_the_time_crate(
            secs in -5_000_000_000i64..10_000_000_000,
            offset_minutes in -1080i32..=1080,
        ) {
            let offset = UtcOffset::from_whole_seconds(offset_minutes * 60).unwrap_or(offset!(UTC));
            let local = OffsetDateTime::from_unix_timestamp(secs).unwrap().to_offset(offset);
            let offset_secs = i64::from(offset.whole_seconds());
            let date = local.date();
            prop_assert_eq!(
                bucket(Period::Month, secs, offset_secs),
                i64::from(date.year()) * 12 + i64::from(u8::from(date.month())) - 1
            );
            prop_assert_eq!(
                bucket(Period::Day, secs, offset_secs),
                i64::from(date.to_julian_day()) - 2_440_588
            );
            prop_assert_eq!(
                bucket(Period::Week, secs, offset_secs),
                (i64::from(date.to_julian_day()) - 2_440_588 - i64::from(date.weekday().number_days_from_monday())  + 3).div_euclid(7)
            );
        }
    }
}
