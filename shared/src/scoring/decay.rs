//! Time decay of engagement points: positive points halve every half-life; negative
//! points do not decay.
//!
//! Why negative points stay: they record facts about the person (they unsubscribed, they
//! look for a job, they use a free-mail address) that do not become less true with time;
//! a reset is how a team forgives them. The consequence is the property the issue asks
//! for, in its plain sense: with no new touches, a lead's score never increases as `now`
//! advances. (Letting both signs decay towards 0 would not give that: a −50 unsubscribe
//! fading away raises the score.)

/// Seconds in a day.
const DAY_SECS: f64 = 86_400.0;

/// Decay per second, precomputed from a half-life: `factor = 2^(age_secs × rate)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DecayRate(f64);

impl DecayRate {
    /// The rate for `half_life_days`; `None` when there is no half-life or it is not a
    /// positive finite number (such models fail validation anyway).
    pub fn from_half_life(half_life_days: Option<f64>) -> Option<Self> {
        half_life_days
            .filter(|days| days.is_finite() && *days > 0.0)
            .map(|days| Self(-1.0 / (days * DAY_SECS)))
    }
}

/// The points one touch contributes `age_secs` after it happened: positive `points` times
/// `0.5^(age_days / half_life_days)`, rounded half away from zero; negative points, and
/// all points without a rate, unchanged. Explanations and the fast path both call this,
/// so they agree to the point. Never larger than `points`, never below 0 for positive
/// points, and non-increasing in `age_secs` (the product of monotonic steps).
pub fn decay_points(points: i64, age_secs: i64, rate: Option<DecayRate>) -> i64 {
    match rate {
        Some(DecayRate(rate)) if points > 0 => {
            // A touch cannot be younger than 0: it is ignored when after `now`.
            let age = age_secs.max(0) as f64;
            let factor = (age * rate).exp2();
            // `round` is half away from zero; the cast saturates and the value is within
            // 0..=points anyway.
            (points as f64 * factor).round() as i64
        }
        _ => points,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DAY: i64 = 86_400;

    #[test]
    fn points_halve_every_half_life() {
        let rate = DecayRate::from_half_life(Some(30.0));
        // (points, age in seconds, expected)
        let cases = [
            (30, 0, 30),
            (30, 30 * DAY, 15),
            (30, 60 * DAY, 8), // 7.5 rounds away from zero
            (30, 90 * DAY, 4), // 3.75
            (10, 15 * DAY, 7), // 7.07
            (3, 30 * DAY, 2),  // 1.5 rounds up
            (1, 30 * DAY, 1),  // 0.5 rounds up
            (1, 31 * DAY, 0),
            (100, 3650 * DAY, 0),
            (-50, 365 * DAY, -50), // negative points do not decay
            (30, -DAY, 30),        // a future age counts as 0
        ];
        for (points, age, expected) in cases {
            assert_eq!(decay_points(points, age, rate), expected, "{points} {age}");
        }
        assert_eq!(decay_points(30, 400 * DAY, None), 30);
    }

    #[test]
    fn invalid_half_lives_give_no_rate() {
        for days in [
            None,
            Some(0.0),
            Some(-3.0),
            Some(f64::NAN),
            Some(f64::INFINITY),
        ] {
            assert_eq!(DecayRate::from_half_life(days), None, "{days:?}");
        }
    }

    proptest! {
        #[test]
        fn decay_never_grows_with_age(
            points in -1000i64..1000,
            age in 0i64..(3 * 365 * DAY),
            later in 0i64..(365 * DAY),
            half_life in 0.01f64..400.0,
        ) {
            let rate = DecayRate::from_half_life(Some(half_life));
            let young = decay_points(points, age, rate);
            let old = decay_points(points, age + later, rate);
            prop_assert!(old <= young);
            if points > 0 {
                prop_assert!((0..=points).contains(&old));
            } else {
                prop_assert_eq!(old, points);
            }
        }
    }
}
