//! A cheap deterministic hasher for the dedupe key maps. Dedupe builds four keys for each of 100k leads in the browser.

use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: fast on the short keys dedupe uses and the same on every platform. Not
/// resistant to crafted collisions, which only a workspace's own data could attempt
/// against its own index.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// Hash maps keyed by match keys.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<Fnv>>;
