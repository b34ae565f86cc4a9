//! Hybrid logical clocks: timestamps that follow wall time where clocks agree and still
//! order causally when a phone's clock is off. Ties are broken by replica id, so every
//! replica orders every pair of edits the same way.

use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A browser tab, phone or server that makes edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ReplicaId(pub Uuid);

impl fmt::Display for ReplicaId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A hybrid logical timestamp. Ordered by wall time, then counter, then replica.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Hlc {
    /// Milliseconds since the Unix epoch, as the clock saw them (never going back).
    pub wall_ms: u64,
    /// Orders events within one millisecond.
    pub counter: u32,
    pub replica: ReplicaId,
}

/// A replica's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    last: Hlc,
}

impl Clock {
    /// A clock for `replica` that has seen nothing yet.
    pub fn new(replica: ReplicaId) -> Self {
        Self {
            last: Hlc {
                wall_ms: 0,
                counter: 0,
                replica,
            },
        }
    }

    /// The last timestamp issued or observed.
    pub fn last(&self) -> Hlc {
        self.last
    }

    /// A timestamp for a local edit at physical time `now_ms`: later than everything this
    /// clock has issued or observed.
    pub fn tick(&mut self, now_ms: u64) -> Hlc {
        if now_ms > self.last.wall_ms {
            self.last.wall_ms = now_ms;
            self.last.counter = 0;
        } else {
            self.bump();
        }
        self.last
    }

    /// Takes in a remote timestamp so that later local edits order after it.
    pub fn observe(&mut self, remote: Hlc, now_ms: u64) {
        let wall = now_ms.max(self.last.wall_ms).max(remote.wall_ms);
        let counter = match (wall == self.last.wall_ms, wall == remote.wall_ms) {
            (true, true) => self.last.counter.max(remote.counter),
            (true, false) => self.last.counter,
            (false, true) => remote.counter,
            (false, false) => 0,
        };
        self.last.wall_ms = wall;
        self.last.counter = counter;
    }

    fn bump(&mut self) {
        match self.last.counter.checked_add(1) {
            Some(c) => self.last.counter = c,
            // 4 billion edits in one millisecond: move to the next millisecond instead.
            None => {
                self.last.wall_ms += 1;
                self.last.counter = 0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn replica(n: u128) -> ReplicaId {
        ReplicaId(Uuid::from_u128(n))
    }

    #[test]
    fn ticks_follow_wall_time_and_never_go_back() {
        let mut clock = Clock::new(replica(1));
        let a = clock.tick(1_000);
        let b = clock.tick(1_000);
        let c = clock.tick(900); // the phone's clock jumped back
        let d = clock.tick(2_000);
        assert_eq!((a.wall_ms, a.counter), (1_000, 0));
        assert_eq!((b.wall_ms, b.counter), (1_000, 1));
        assert_eq!((c.wall_ms, c.counter), (1_000, 2));
        assert_eq!((d.wall_ms, d.counter), (2_000, 0));
        assert!(a < b && b < c && c < d);
    }

    #[test]
    fn an_observed_future_edit_orders_before_later_local_ones() {
        let mut phone = Clock::new(replica(1));
        let mut server = Clock::new(replica(2));
        let remote = server.tick(50_000); // server clock ahead
        phone.observe(remote, 10_000);
        let local = phone.tick(10_001);
        assert!(local > remote);
        // Equal wall and counter: the replica id decides, the same way everywhere.
        let x = Hlc {
            wall_ms: 5,
            counter: 0,
            replica: replica(1),
        };
        let y = Hlc {
            wall_ms: 5,
            counter: 0,
            replica: replica(2),
        };
        assert!(x < y);
    }

    proptest! {
        #[test]
        fn local_ticks_strictly_increase(steps in proptest::collection::vec((0u64..5_000, any::<bool>(), 0u64..5_000, 0u32..3), 1..200)) {
            let mut clock = Clock::new(replica(1));
            let mut last = clock.last();
            for (now, observe, remote_wall, remote_counter) in steps {
                if observe {
                    clock.observe(Hlc { wall_ms: remote_wall, counter: remote_counter, replica: replica(2) }, now);
                    prop_assert!(clock.last() >= last);
                } else {
                    let t = clock.tick(now);
                    prop_assert!(t > last);
                }
                last = clock.last();
            }
        }
    }
}
