//! The retry schedule as an operator writes it (wrangler.toml `[vars]` `WEBHOOK_RETRY`):
//! the waits after each failed attempt, comma-separated, each a whole number with a unit
//! (`s`, `m`, `h`) — `5s,5m,30m,2h,5h,10h,10h` is the default. One attempt more than
//! there are waits is made in all; tests use seconds, production keeps hours.

use thiserror::Error;

use super::retry::{RetrySchedule, RetryScheduleError};

/// Longest single wait accepted: a day. Anything longer is a typo (`10d`? `600h`?), and
/// a queue cannot hold a message that long anyway.
const MAX_WAIT_SECS: u32 = 24 * 3600;
/// Most waits accepted: more than 20 retries is a schedule nobody meant.
const MAX_WAITS: usize = 20;

/// Why a retry setting cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "retry setting {value:?} {problem}; write the waits after each failure, e.g. \"5s,5m,30m,2h\""
)]
pub struct RetrySettingError {
    /// The setting as given (cut to 100 characters).
    pub value: String,
    /// What is wrong with it.
    pub problem: String,
}

impl RetrySchedule {
    /// Reads a setting such as `5s,5m,30m,2h,5h,10h,10h`; jitter stays at the default
    /// 10 %.
    pub fn parse(value: &str) -> Result<Self, RetrySettingError> {
        let fail = |problem: String| RetrySettingError {
            value: value.chars().take(100).collect(),
            problem,
        };
        let waits: Vec<&str> = value.split(',').map(str::trim).collect();
        if waits.len() > MAX_WAITS {
            return Err(fail(format!("has more than {MAX_WAITS} waits")));
        }
        let mut delays_secs = Vec::with_capacity(waits.len());
        for wait in waits {
            let secs = wait_secs(wait).ok_or_else(|| {
                fail(format!(
                    "has {wait:?}, which is not a wait such as 30s, 5m or 2h (at most 24h)"
                ))
            })?;
            delays_secs.push(secs);
        }
        let schedule = Self {
            max_attempts: u32::try_from(delays_secs.len() + 1).unwrap_or(u32::MAX),
            delays_secs,
            ..Self::default()
        };
        schedule.validate().map_err(|e| match e {
            RetryScheduleError::Decreasing { index, .. } => fail(format!(
                "has wait {} shorter than the one before it",
                index + 1
            )),
            other => fail(other.to_string()),
        })?;
        Ok(schedule)
    }
}

/// `30s`, `5m` or `2h` in seconds; `None` for anything else or over a day.
fn wait_secs(text: &str) -> Option<u32> {
    let (number, scale) = [("s", 1), ("m", 60), ("h", 3600)]
        .into_iter()
        .find_map(|(unit, scale)| text.strip_suffix(unit).map(|n| (n, scale)))?;
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    number
        .parse::<u32>()
        .ok()?
        .checked_mul(scale)
        .filter(|secs| *secs <= MAX_WAIT_SECS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_schedule_reads_from_its_setting() {
        let parsed = RetrySchedule::parse("5s,5m,30m,2h,5h,10h,10h").unwrap();
        let default = RetrySchedule::default();
        for failures in 0..=9 {
            assert_eq!(
                parsed.delay_after(failures, 0.5),
                default.delay_after(failures, 0.5),
                "{failures}"
            );
        }
    }

    #[test]
    fn short_schedules_for_tests() {
        let schedule = RetrySchedule::parse(" 1s , 2s ").unwrap();
        assert_eq!(schedule.delays_secs, vec![1, 2]);
        assert_eq!(schedule.max_attempts, 3);
        let waits: Vec<_> = (1..=3)
            .map(|n| schedule.delay_after(n, 0.0).map(|d| d.whole_seconds()))
            .collect();
        assert_eq!(waits, vec![Some(1), Some(2), None]);
        assert_eq!(RetrySchedule::parse("0s").unwrap().max_attempts, 2);
    }

    #[test]
    fn bad_settings_are_refused_with_the_reason() {
        let cases = [
            ("", "\"\""),
            ("5", "\"5\""),
            ("5d", "\"5d\""),
            ("-5s", "\"-5s\""),
            ("5 s", "\"5 s\""),
            ("25h", "\"25h\""),
            ("5s,,5m", "\"\""),
            ("5가", "\"5가\""),
            ("5m,5s", "wait 2 shorter"),
            ("99999999999s", "\"99999999999s\""),
        ];
        for (value, needle) in cases {
            let error = RetrySchedule::parse(value).unwrap_err();
            let message = error.to_string();
            assert!(message.contains(needle), "{value}: {message}");
            assert!(message.starts_with("retry setting "), "{message}");
        }
        let many = vec!["1s"; 21].join(",");
        assert!(
            RetrySchedule::parse(&many)
                .unwrap_err()
                .problem
                .contains("more than 20")
        );
    }
}
