//! Exactly-once, in-order application of each replica's operations: the server keeps the
//! last sequence number applied per replica (stored in the same atomic write as the
//! operation's effects) and classifies every pushed operation against it.

use serde::{Deserialize, Serialize};

/// What to do with a pushed operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Admission {
    /// The next one: apply it and record its sequence number.
    Apply,
    /// Already applied (a retry after a lost answer): acknowledge, change nothing.
    Duplicate,
    /// Operations before it are missing: refuse it; the client resends from `expected`.
    Gap { expected: u64 },
}

/// Classifies operation `seq` of a replica whose last applied operation was `last_applied`
/// (0 when none).
pub fn admit(last_applied: u64, seq: u64) -> Admission {
    if seq <= last_applied {
        Admission::Duplicate
    } else if seq == last_applied + 1 {
        Admission::Apply
    } else {
        Admission::Gap {
            expected: last_applied + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_next_applies_the_old_repeat_and_a_jump_waits() {
        assert_eq!(admit(0, 1), Admission::Apply);
        assert_eq!(admit(4, 5), Admission::Apply);
        assert_eq!(admit(4, 4), Admission::Duplicate);
        assert_eq!(admit(4, 2), Admission::Duplicate);
        assert_eq!(admit(4, 7), Admission::Gap { expected: 5 });
    }

    proptest! {
        /// Whatever order, loss and repetition the network adds, a server that admits by
        /// `admit` applies every operation exactly once and in order.
        #[test]
        fn retries_in_any_order_apply_each_exactly_once_in_order(
            n in 1u64..30,
            deliveries in proptest::collection::vec(0u64..40, 0..200),
        ) {
            let mut last = 0u64;
            let mut applied = Vec::new();
            // Deliveries are arbitrary; the client then resends everything from the start.
            for seq in deliveries.into_iter().filter(|s| (1..=n).contains(s)).chain(1..=n) {
                if admit(last, seq) == Admission::Apply {
                    applied.push(seq);
                    last = seq;
                }
            }
            prop_assert_eq!(applied, (1..=n).collect::<Vec<_>>());
        }
    }
}
