//! Rate limiting form posts per client address and form: a fixed window counted in one
//! place (a Durable Object per address and form, so every isolate sees the same count),
//! decided here.

use serde::{Deserialize, Serialize};

/// How many posts one address may make to one form per window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateLimitPolicy {
    pub max_posts: u32,
    pub window_secs: u32,
}

impl Default for RateLimitPolicy {
    /// Thirty posts a minute per address and form: more than an office behind one
    /// address sends to one form, far fewer than a script.
    fn default() -> Self {
        Self {
            max_posts: 30,
            window_secs: 60,
        }
    }
}

/// A rate-limit setting that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("rate limit {value:?} must look like 30/60 (posts per seconds), both at least 1")]
pub struct RatePolicyError {
    pub value: String,
}

impl RateLimitPolicy {
    /// Reads `posts/seconds` (e.g. `30/60`), the form the setting is written in.
    pub fn parse(value: &str) -> Result<Self, RatePolicyError> {
        let error = || RatePolicyError {
            value: value.to_owned(),
        };
        let (posts, secs) = value.trim().split_once('/').ok_or_else(error)?;
        let max_posts: u32 = posts.trim().parse().map_err(|_| error())?;
        let window_secs: u32 = secs.trim().parse().map_err(|_| error())?;
        if max_posts == 0 || window_secs == 0 {
            return Err(error());
        }
        Ok(Self {
            max_posts,
            window_secs,
        })
    }
}

/// The counter kept between posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RateWindow {
    /// Start of the current window, seconds since the epoch.
    pub started_at: i64,
    /// Posts allowed in it so far.
    pub posts: u32,
}

/// The verdict on one post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateDecision {
    pub allowed: bool,
    /// Posts left in this window after this one.
    pub remaining: u32,
    /// Seconds until the window resets (what `Retry-After` says when refused).
    pub retry_after_secs: u32,
}

/// Decides a post at `now_secs` and returns the counter to keep. A refused post does not
/// count, so a client that waits gets its full allowance back.
pub fn decide(
    policy: RateLimitPolicy,
    window: Option<RateWindow>,
    now_secs: i64,
) -> (RateDecision, RateWindow) {
    let length = i64::from(policy.window_secs.max(1));
    let current = match window {
        Some(w) if now_secs >= w.started_at && now_secs < w.started_at + length => w,
        _ => RateWindow {
            started_at: now_secs,
            posts: 0,
        },
    };
    let retry_after_secs = u32::try_from(current.started_at + length - now_secs).unwrap_or(0);
    if current.posts >= policy.max_posts {
        return (
            RateDecision {
                allowed: false,
                remaining: 0,
                retry_after_secs,
            },
            current,
        );
    }
    let next = RateWindow {
        posts: current.posts + 1,
        ..current
    };
    (
        RateDecision {
            allowed: true,
            remaining: policy.max_posts - next.posts,
            retry_after_secs,
        },
        next,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn settings_parse_or_name_the_bad_value() {
        assert_eq!(
            RateLimitPolicy::parse(" 5 / 10 "),
            Ok(RateLimitPolicy {
                max_posts: 5,
                window_secs: 10
            })
        );
        for bad in ["", "5", "5/0", "0/60", "x/60", "5/-1"] {
            assert_eq!(
                RateLimitPolicy::parse(bad),
                Err(RatePolicyError { value: bad.into() }),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_window_allows_its_quota_then_refuses_until_it_resets() {
        let policy = RateLimitPolicy {
            max_posts: 2,
            window_secs: 60,
        };
        let (a, w) = decide(policy, None, 1_000);
        let (b, w) = decide(policy, Some(w), 1_010);
        let (c, w) = decide(policy, Some(w), 1_020);
        assert_eq!((a.allowed, a.remaining), (true, 1));
        assert_eq!((b.allowed, b.remaining), (true, 0));
        assert_eq!((c.allowed, c.retry_after_secs), (false, 40));
        let (d, _) = decide(policy, Some(w), 1_060);
        assert!(d.allowed, "a new window starts at 1060");
        // A clock that went backwards starts a fresh window rather than refusing forever.
        let (e, _) = decide(policy, Some(w), 900);
        assert!(e.allowed);
    }

    proptest! {
        #[test]
        fn never_more_than_the_quota_in_any_window(
            max in 1u32..20,
            window_secs in 1u32..120,
            gaps in proptest::collection::vec(0i64..30, 1..200),
        ) {
            let policy = RateLimitPolicy { max_posts: max, window_secs };
            let mut window = None;
            let mut now = 0i64;
            let mut allowed_at = Vec::new();
            let mut per_window: std::collections::BTreeMap<i64, u32> = std::collections::BTreeMap::new();
            for gap in gaps {
                now += gap;
                let (decision, next) = decide(policy, window, now);
                window = Some(next);
                if decision.allowed {
                    allowed_at.push(now);
                    *per_window.entry(next.started_at).or_default() += 1;
                }
            }
            // Each window allowed at most its quota…
            prop_assert!(per_window.values().all(|n| *n <= max), "{per_window:?}");
            // …so any span of one window's length holds at most two windows' worth.
            for (i, start) in allowed_at.iter().enumerate() {
                let in_span = allowed_at[i..].iter().take_while(|t| **t < start + i64::from(window_secs)).count();
                prop_assert!(in_span as u32 <= 2 * max);
            }
        }
    }
}
