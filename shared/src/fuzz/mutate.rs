//! Byte mutations applied to valid inputs: what a fuzzer does to a seed corpus — flip,
//! insert, delete, duplicate, truncate, splice in tokens parsers care about — so the
//! generated inputs are near-valid and reach deep into each decoder.

use proptest::prelude::*;

/// One edit of a byte string; positions are taken modulo its length.
#[derive(Debug, Clone)]
pub(crate) enum Mutation {
    /// Overwrite one byte.
    Set { at: usize, byte: u8 },
    /// Insert bytes (a token parsers treat specially, or random ones).
    Insert { at: usize, bytes: Vec<u8> },
    /// Remove up to `len` bytes.
    Remove { at: usize, len: usize },
    /// Repeat a slice right after itself (duplicated fields, doubled delimiters).
    Duplicate { at: usize, len: usize },
    /// Cut the input short (a truncated upload).
    Truncate { at: usize },
}

/// Tokens that mean something to one of the decoders fuzzed here.
const TOKENS: &[&[u8]] = &[
    b"%",
    b"%G1",
    b"%FF",
    b"%E2%82",
    b"%00",
    b"+",
    b"&",
    b"=",
    b"&&==",
    b"\"",
    b"\\",
    b"\\u0000",
    b"\\ud800",
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b",",
    b"null",
    b"1e999",
    b"-0",
    b"18446744073709551616",
    b"\r\n",
    b"\r",
    b"\n",
    b"\0",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xB1\xE8",
    b"\xC0\x80",
    b"\xED\xA0\x80",
    "김민수".as_bytes(),
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Set { at, byte }),
        3 => (any::<usize>(), prop::sample::select(TOKENS))
            .prop_map(|(at, token)| Mutation::Insert { at, bytes: token.to_vec() }),
        1 => (any::<usize>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        2 => (any::<usize>(), 1usize..16).prop_map(|(at, len)| Mutation::Remove { at, len }),
        1 => (any::<usize>(), 1usize..64).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
        1 => any::<usize>().prop_map(|at| Mutation::Truncate { at }),
    ]
}

/// Applies `mutations` in order to `bytes`.
pub(crate) fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len();
        let pos = |at: usize| if len == 0 { 0 } else { at % (len + 1) };
        match m {
            Mutation::Set { at, byte } => {
                if len > 0 {
                    bytes[at % len] = *byte;
                }
            }
            Mutation::Insert { at, bytes: new } => {
                let at = pos(*at);
                bytes.splice(at..at, new.iter().copied());
            }
            Mutation::Remove { at, len: n } => {
                let at = pos(*at);
                let end = (at + n).min(len);
                bytes.drain(at..end);
            }
            Mutation::Duplicate { at, len: n } => {
                let at = pos(*at);
                let end = (at + n).min(len);
                let slice = bytes[at..end].to_vec();
                bytes.splice(end..end, slice);
            }
            Mutation::Truncate { at } => bytes.truncate(pos(*at)),
        }
    }
    bytes
}

/// `seed` with zero to eight mutations; the unmutated seed comes up often enough that
/// round-trip properties on valid inputs are checked in the same run.
pub(crate) fn mutated(
    seed: impl Strategy<Value = Vec<u8>>,
) -> impl Strategy<Value = (Vec<u8>, Vec<u8>)> {
    (seed, prop::collection::vec(mutation(), 0..8)).prop_map(|(seed, mutations)| {
        let mutated = apply(seed.clone(), &mutations);
        (seed, mutated)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutations_stay_in_bounds_on_empty_and_short_inputs() {
        let all = [
            Mutation::Set { at: 9, byte: 1 },
            Mutation::Insert {
                at: 99,
                bytes: b"ab".to_vec(),
            },
            Mutation::Remove { at: 5, len: 99 },
            Mutation::Duplicate { at: 1, len: 99 },
            Mutation::Truncate { at: 7 },
        ];
        assert_eq!(apply(Vec::new(), &all[..1]), Vec::<u8>::new());
        assert_eq!(apply(b"xy".to_vec(), &all[1..2]), b"abxy".to_vec());
        assert_eq!(apply(b"xyz".to_vec(), &all[2..3]), b"x".to_vec());
        assert_eq!(apply(b"xyz".to_vec(), &all[3..4]), b"xyzyz".to_vec());
        assert_eq!(apply(b"xyz".to_vec(), &all[4..5]), b"xyz".to_vec());
    }
}
