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

/// Ages are counted in whole hours: a touch loses value hour by hour, so scores shown in
/// the app do not flicker second by second, and the fast path can look factors up.
const HOUR_SECS: i64 = 3_600;

/// Hours of age a [`DecayTable`] holds factors for (341 days, 80 kB: fits in L2).
const TABLE_HOURS: usize = 8_192;

/// `ln(2)^k / k!` for k = 0..=16: the Taylor series of `2^f = e^(f ln 2)`. All positive,
/// so evaluating it over `f >= 0` is monotonic step by step (see [`taylor_exp2`]); the
/// first term left out is below 2e-18 for `f < 1`, far under one ulp.
const EXP2_TAYLOR: [f64; 17] = [
    1.0,
    std::f64::consts::LN_2,
    0.24022650695910072,
    0.05550410866482158,
    0.009618129107628477,
    0.0013333558146428443,
    0.0001540353039338161,
    1.5252733804059841e-05,
    1.321548679014431e-06,
    1.01780860092397e-07,
    7.054911620801123e-09,
    4.4455382718708116e-10,
    2.5678435993488206e-11,
    1.3691488853904128e-12,
    6.778726354822545e-14,
    3.1324367070884287e-15,
    1.3570247948755148e-16,
];

/// A half-life in seconds, checked to be positive and finite.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DecayRate {
    half_life_secs: f64,
}

impl DecayRate {
    /// The rate for `half_life_days`; `None` when there is no half-life or it is not a
    /// positive finite number (such models fail validation anyway).
    pub fn from_half_life(half_life_days: Option<f64>) -> Option<Self> {
        half_life_days
            .map(|days| days * DAY_SECS)
            .filter(|secs| secs.is_finite() && *secs > 0.0)
            .map(|half_life_secs| Self { half_life_secs })
    }

    /// `0.5^(age_hours × 3600 / half_life_secs)`, in [0, 1] and non-increasing in age.
    fn factor_hours(self, age_hours: i64) -> f64 {
        // Division rather than multiplying by a reciprocal: whole half-lives come out
        // exact (a touch one half-life old is worth exactly half).
        let halvings = age_hours.max(0).saturating_mul(HOUR_SECS) as f64 / self.half_life_secs;
        exp2_neg(halvings)
    }
}

/// Decay factors for the first [`TABLE_HOURS`] hours of age, computed once per compiled
/// model with the very function [`decay_points`] uses, so looking them up gives the same
/// points to the last bit.
#[derive(Debug, Clone)]
pub(crate) struct DecayTable {
    rate: DecayRate,
    factors: Vec<f64>,
}

impl DecayTable {
    /// The table for `rate`.
    pub(crate) fn new(rate: DecayRate) -> Self {
        let factors = (0..TABLE_HOURS as i64)
            .map(|hours| rate.factor_hours(hours))
            .collect();
        Self { rate, factors }
    }

    /// `decay_points(points, age_secs, Some(rate))`, by table lookup when the age is in it.
    pub(crate) fn points(&self, points: i64, age_secs: i64) -> i64 {
        if points <= 0 || points > i64::from(i32::MAX) {
            return points;
        }
        let hours = age_secs.max(0) / HOUR_SECS;
        match usize::try_from(hours)
            .ok()
            .and_then(|h| self.factors.get(h))
        {
            Some(factor) => round_non_negative(points as f64 * factor),
            None => decay_points(points, age_secs, Some(self.rate)),
        }
    }
}

/// `2^-x` for `x >= 0` from basic IEEE operations only, so it is bit-identical on every
/// platform (libm's `exp2` differs between glibc and wasm by an ulp, which can flip a
/// rounding), fast (no call), and monotonic: with `y = -x = n + f`, `n` an integer and
/// `f` in [0, 1], the result is `p(f) * 2^n` with `1 <= p(f) <= 2` non-decreasing in `f`.
fn exp2_neg(x: f64) -> f64 {
    // Past 1022 halvings any `i32` of points rounds to 0; NaN cannot happen (ages are
    // whole numbers, half-lives checked) but is sent the same way.
    if x.is_nan() || x >= 1022.0 {
        return 0.0;
    }
    let y = -x.max(0.0);
    // floor(y), without `f64::floor` (a library call on baseline x86-64 and wasm).
    let mut n = y as i64;
    if (n as f64) > y {
        n -= 1;
    }
    // Rounding may give exactly 1.0; p(1) is clamped to 2, so it joins 2^(n+1) smoothly.
    let f = y - n as f64;
    let p = taylor_exp2(f);
    let p = p.min(2.0);
    // 2^n for n in -1022..=0, built from its exponent bits (a normal number).
    let scale = f64::from_bits(((n + 1023) as u64) << 52);
    p * scale
}

/// The Taylor polynomial of `2^f` by Estrin's scheme: a shallow tree instead of Horner's
/// chain of 16 dependent steps. With `f >= 0` every node is a sum or product of
/// non-negative values that do not decrease as `f` grows, and IEEE rounding keeps that,
/// so the result is non-decreasing in `f`.
fn taylor_exp2(f: f64) -> f64 {
    // Written out: at `opt-level = "z"` helper closures stay calls.
    let [
        c0,
        c1,
        c2,
        c3,
        c4,
        c5,
        c6,
        c7,
        c8,
        c9,
        c10,
        c11,
        c12,
        c13,
        c14,
        c15,
        c16,
    ] = EXP2_TAYLOR;
    let f2 = f * f;
    let f4 = f2 * f2;
    let f8 = f4 * f4;
    let f16 = f8 * f8;
    let low = (c0 + c1 * f) + (c2 + c3 * f) * f2 + ((c4 + c5 * f) + (c6 + c7 * f) * f2) * f4;
    let high = (c8 + c9 * f) + (c10 + c11 * f) * f2 + ((c12 + c13 * f) + (c14 + c15 * f) * f2) * f4;
    low + high * f8 + c16 * f16
}

/// Rounds a non-negative `x` below 2^52 half away from zero, as `f64::round` does but
/// with no library call: `x - trunc(x)` is exact in that range.
fn round_non_negative(x: f64) -> i64 {
    let whole = x as i64;
    whole + i64::from(x - whole as f64 >= 0.5)
}

/// The points one touch contributes `age_secs` after it happened: positive `points` times
/// `0.5^(age_days / half_life_days)`, with the age in whole hours (rounded down), then
/// rounded half away from zero; negative points, and
/// all points without a rate, unchanged. Explanations and the fast path both call this,
/// so they agree to the point. Never larger than `points`, never below 0 for positive
/// points, and non-increasing in `age_secs` (every step is monotonic).
pub fn decay_points(points: i64, age_secs: i64, rate: Option<DecayRate>) -> i64 {
    match rate {
        // Points come from an `i32`, so the product stays far below 2^52.
        Some(rate) if points > 0 && points <= i64::from(i32::MAX) => {
            round_non_negative(points as f64 * rate.factor_hours(age_secs.max(0) / HOUR_SECS))
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
            (-50, 365 * DAY, -50),   // negative points do not decay
            (30, -DAY, 30),          // a future age counts as 0
            (3, 30 * DAY + 3599, 2), // ages count in whole hours
            (3, 30 * DAY + 3600, 1),
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

    #[test]
    fn exp2_is_accurate_and_exact_at_whole_halvings() {
        for n in 0..60 {
            assert_eq!(exp2_neg(f64::from(n)), (-f64::from(n)).exp2(), "{n}");
        }
        for x in [0.1f64, 0.5, 0.999_999, 1.5, 3.25, 17.7, 500.0, 1021.9] {
            let expected = (-x).exp2();
            assert!(
                ((exp2_neg(x) - expected) / expected).abs() < 1e-14,
                "{x}: {} vs {expected}",
                exp2_neg(x)
            );
        }
        for x in [1022.0, 5000.0, f64::INFINITY, f64::NAN] {
            assert_eq!(exp2_neg(x), 0.0, "{x}");
        }
    }

    proptest! {
        #[test]
        fn rounding_matches_f64_round(x in 0.0f64..4_294_967_296.0, whole in 0u32..1000) {
            prop_assert_eq!(round_non_negative(x), x.round() as i64);
            let half = f64::from(whole) + 0.5;
            prop_assert_eq!(round_non_negative(half), half.round() as i64);
        }

        #[test]
        fn exp2_never_grows(x in 0.0f64..1100.0, step in 0.0f64..2.0, tiny in 0u32..4) {
            // Neighbouring floats too, where rounding could break monotonicity.
            let mut next = x;
            for _ in 0..tiny {
                next = f64::from_bits(next.to_bits() + 1);
            }
            prop_assert!(exp2_neg(next) <= exp2_neg(x));
            prop_assert!(exp2_neg(x + step) <= exp2_neg(x));
            prop_assert!((0.0..=1.0).contains(&exp2_neg(x)));
        }

        #[test]
        fn the_table_gives_the_same_points(
            points in -100i64..100_000,
            age in -DAY..(800 * DAY),
            half_life in 0.01f64..400.0,
        ) {
            let Some(rate) = DecayRate::from_half_life(Some(half_life)) else {
                return Err(TestCaseError::fail("valid half-life"));
            };
            let table = DecayTable::new(rate);
            prop_assert_eq!(table.points(points, age), decay_points(points, age, Some(rate)));
        }

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
