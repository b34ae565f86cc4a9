//! Helpers for building match keys fast: folding that skips Unicode normalisation when
//! the text is already normalised (almost always), and a cheap deterministic hasher for
//! the key maps. Dedupe builds four keys for each of 100k leads in the browser.

use std::hash::{BuildHasherDefault, Hasher};

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Exactly [`crate::text::fold`], faster: text that passes the NFKC quick check (ASCII
/// and precomposed Hangul do) is lower-cased without running the normaliser.
pub(crate) fn fold(text: &str) -> String {
    if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        collapse(text.chars().flat_map(char::to_lowercase), text.len())
    } else {
        collapse(text.nfkc().flat_map(char::to_lowercase), text.len())
    }
}

/// Whitespace runs to one space, trimmed (the second half of `text::fold`).
fn collapse(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut pending_space = false;
    for c in chars {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn fast_fold_equals_text_fold(text in "\\PC{0,30}") {
            prop_assert_eq!(fold(&text), crate::text::fold(&text));
        }

        #[test]
        fn fast_fold_equals_text_fold_on_korean_and_compatibility_forms(
            text in "[가-힣ㄱ-ㅎ\u{1100}-\u{1112}\u{1161}-\u{1175}㈜Ａ-Ｚａ-ｚ０-９ 　a-zA-Z()]{0,20}"
        ) {
            prop_assert_eq!(fold(&text), crate::text::fold(&text));
        }
    }
}
