//! When to try a failed webhook delivery again: exponential backoff (5 s, 5 min, 30 min,
//! 2 h, 5 h, 10 h, 10 h), stretched by a jitter the caller draws, and a give-up point.

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::Duration;

/// Why a retry schedule cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RetryScheduleError {
    /// No delays at all.
    #[error("retry schedule needs at least one delay")]
    NoDelays,
    /// A delay shorter than the one before it: backoff must not speed up.
    #[error("retry delay {index} ({secs} s) is shorter than the one before it")]
    Decreasing {
        /// Position in `delays_secs`.
        index: usize,
        /// The offending delay.
        secs: u32,
    },
    /// `max_attempts` is zero: nothing would ever be sent.
    #[error("max_attempts must be at least 1")]
    NoAttempts,
    /// Jitter above 100 % could double a 10 h wait.
    #[error("max_jitter_percent {percent} is over 100")]
    JitterTooLarge {
        /// The configured percentage.
        percent: u8,
    },
}

/// Delays between attempts and when to stop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetrySchedule {
    /// Wait after the 1st, 2nd … failed attempt; the last repeats until
    /// `max_attempts` is reached.
    pub delays_secs: Vec<u32>,
    /// Attempts in all, the first included; after that many failures the delivery gives up.
    pub max_attempts: u32,
    /// Each delay is stretched by up to this share, so endpoints that failed together do
    /// not all get retried in the same second.
    pub max_jitter_percent: u8,
}

impl Default for RetrySchedule {
    /// The schedule Standard Webhooks suggests: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h,
    /// 10 h, then give up (eight attempts in about 28 hours), with up to 10 % jitter.
    fn default() -> Self {
        Self {
            delays_secs: vec![5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600],
            max_attempts: 8,
            max_jitter_percent: 10,
        }
    }
}

impl RetrySchedule {
    /// Checks the schedule before it is stored.
    pub fn validate(&self) -> Result<(), RetryScheduleError> {
        if self.delays_secs.is_empty() {
            return Err(RetryScheduleError::NoDelays);
        }
        if let Some(index) =
            (1..self.delays_secs.len()).find(|&i| self.delays_secs[i] < self.delays_secs[i - 1])
        {
            return Err(RetryScheduleError::Decreasing {
                index,
                secs: self.delays_secs[index],
            });
        }
        if self.max_attempts == 0 {
            return Err(RetryScheduleError::NoAttempts);
        }
        if self.max_jitter_percent > 100 {
            return Err(RetryScheduleError::JitterTooLarge {
                percent: self.max_jitter_percent,
            });
        }
        Ok(())
    }

    /// How long to wait after `failed_attempts` failures, or `None` when it is time to
    /// give up. `jitter` is a number the caller drew in `[0, 1]` (clamped; NaN counts
    /// as 0): the delay grows by `jitter × max_jitter_percent`.
    pub fn delay_after(&self, failed_attempts: u32, jitter: f64) -> Option<Duration> {
        if failed_attempts == 0 || failed_attempts >= self.max_attempts {
            return None;
        }
        let index = usize::try_from(failed_attempts - 1).unwrap_or(usize::MAX);
        let base = self
            .delays_secs
            .get(index)
            .or(self.delays_secs.last())
            .copied()?;
        let jitter = if jitter.is_nan() {
            0.0
        } else {
            jitter.clamp(0.0, 1.0)
        };
        let stretch = jitter * f64::from(self.max_jitter_percent.min(100)) / 100.0;
        let millis = f64::from(base) * 1000.0 * (1.0 + stretch);
        // At most 2 × u32::MAX seconds in milliseconds: far inside i64.
        Some(Duration::milliseconds(millis.round() as i64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn default_schedule_backs_off_then_gives_up() {
        let schedule = RetrySchedule::default();
        assert_eq!(schedule.validate(), Ok(()));
        let waits: Vec<Option<i64>> = (0..=8)
            .map(|n| schedule.delay_after(n, 0.0).map(|d| d.whole_seconds()))
            .collect();
        assert_eq!(
            waits,
            vec![
                None,
                Some(5),
                Some(300),
                Some(1800),
                Some(7200),
                Some(18000),
                Some(36000),
                Some(36000),
                None
            ]
        );
    }

    #[test]
    fn jitter_stretches_within_its_bound() {
        let schedule = RetrySchedule::default();
        let cases = [
            (0.0, 300_000),
            (0.5, 315_000),
            (1.0, 330_000),
            (7.0, 330_000),
            (-1.0, 300_000),
            (f64::NAN, 300_000),
        ];
        for (jitter, millis) in cases {
            assert_eq!(
                schedule
                    .delay_after(2, jitter)
                    .map(|d| d.whole_milliseconds()),
                Some(millis),
                "{jitter}"
            );
        }
    }

    #[test]
    fn bad_schedules_are_named() {
        let cases = [
            (
                RetrySchedule {
                    delays_secs: vec![],
                    ..RetrySchedule::default()
                },
                RetryScheduleError::NoDelays,
            ),
            (
                RetrySchedule {
                    delays_secs: vec![60, 5],
                    ..RetrySchedule::default()
                },
                RetryScheduleError::Decreasing { index: 1, secs: 5 },
            ),
            (
                RetrySchedule {
                    max_attempts: 0,
                    ..RetrySchedule::default()
                },
                RetryScheduleError::NoAttempts,
            ),
            (
                RetrySchedule {
                    max_jitter_percent: 101,
                    ..RetrySchedule::default()
                },
                RetryScheduleError::JitterTooLarge { percent: 101 },
            ),
        ];
        for (schedule, expected) in cases {
            assert_eq!(schedule.validate(), Err(expected));
        }
    }

    proptest! {
        #[test]
        fn delays_never_shrink(delays in proptest::collection::vec(0u32..100_000, 1..8), jitter in 0.0f64..=1.0) {
            let mut delays = delays;
            delays.sort_unstable();
            let schedule = RetrySchedule { delays_secs: delays, max_attempts: 12, max_jitter_percent: 0 };
            let waits: Vec<Duration> = (1..12).filter_map(|n| schedule.delay_after(n, jitter)).collect();
            prop_assert_eq!(waits.len(), 11);
            prop_assert!(waits.windows(2).all(|w| w[0] <= w[1]));
        }
    }
}
