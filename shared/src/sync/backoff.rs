//! When a replica tries again after a failed sync: exponential backoff with jitter, so a
//! team's phones coming back from one dropped connection do not all hit the server in
//! the same second, and a long outage costs one attempt every few minutes, not a stream.

use std::time::Duration;

/// The wait after the first failure.
pub const FIRST_RETRY: Duration = Duration::from_secs(2);

/// The longest wait between attempts.
pub const MAX_RETRY: Duration = Duration::from_secs(5 * 60);

/// How long to wait before attempt `failures + 1`, after `failures` failures in a row
/// (`failures >= 1`; 0 is treated as 1). The ceiling doubles from [`FIRST_RETRY`] up to
/// [`MAX_RETRY`]; the wait is drawn from the upper half of it by `jitter_seed` (any
/// number: the caller passes a random one), so it never shrinks below half the ceiling
/// and never exceeds it.
pub fn next_delay(failures: u32, jitter_seed: u64) -> Duration {
    let doublings = failures.saturating_sub(1).min(20);
    let ceiling = FIRST_RETRY.saturating_mul(1u32 << doublings).min(MAX_RETRY);
    let ceiling_ms = ceiling.as_millis() as u64;
    let half = ceiling_ms / 2;
    // The jitter is a fraction of the lower half, mixed from the seed so that nearby
    // seeds (timestamps) still spread.
    let jitter = mix(jitter_seed) % (ceiling_ms - half + 1);
    Duration::from_millis(half + jitter)
}

/// SplitMix64's finaliser: a cheap, well-spread bijection of the seed.
fn mix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ceiling_doubles_from_two_seconds_to_five_minutes() {
        let cases: [(u32, u64); 10] = [
            (0, 2_000),
            (1, 2_000),
            (2, 4_000),
            (3, 8_000),
            (4, 16_000),
            (5, 32_000),
            (8, 256_000),
            (9, 300_000),
            (30, 300_000),
            (u32::MAX, 300_000),
        ];
        for (failures, ceiling_ms) in cases {
            for seed in [0, 1, 42, 1_764_000_000_000, u64::MAX] {
                let delay = next_delay(failures, seed).as_millis() as u64;
                assert!(
                    delay >= ceiling_ms / 2 && delay <= ceiling_ms,
                    "{failures} failures, seed {seed}: {delay} ms outside {}..={ceiling_ms}",
                    ceiling_ms / 2
                );
            }
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_wait_and_seeds_spread_it() {
        assert_eq!(next_delay(4, 7), next_delay(4, 7));
        let waits: std::collections::BTreeSet<Duration> =
            (0..50u64).map(|seed| next_delay(6, seed)).collect();
        assert!(waits.len() > 40, "only {} distinct waits", waits.len());
    }
}
