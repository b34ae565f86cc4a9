//! Text folding for comparisons people expect to be loose: case, full-width letters
//! (Ｓａｍｓｕｎｇ), compatibility forms and spacing do not matter; Hangul is compared in
//! its composed form whether it arrived composed or as separate jamo.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Folds text for matching: NFKC (width and compatibility forms), lower case, runs of
/// whitespace collapsed to one space, trimmed.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Writes [`fold`] of `text` into `out` (cleared first), for loops that reuse a buffer.
pub fn fold_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        if is_folded_ascii(text.as_bytes()) {
            // Lower case, single inner spaces, trimmed — as URLs, signals and domains nearly
            // always are: copy it whole.
            out.push_str(text);
            return;
        }
        // NFKC leaves ASCII unchanged and its lower case is one character.
        push_folded(text.chars().map(|c| c.to_ascii_lowercase()), out);
    } else if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        // Already normalised (precomposed Hangul is): skip the normaliser, the costly part.
        push_folded(text.chars().flat_map(char::to_lowercase), out);
    } else {
        push_folded(text.nfkc().flat_map(char::to_lowercase), out);
    }
}

/// Whether ASCII bytes are their own fold: no upper case, no whitespace but single
/// spaces between other characters.
fn is_folded_ascii(bytes: &[u8]) -> bool {
    let plain = |b: &u8| !b.is_ascii_uppercase() && !b.is_ascii_whitespace() && *b != 0x0b;
    bytes.first().is_none_or(plain)
        && bytes.last().is_none_or(plain)
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| plain(b) || (*b == b' ' && bytes.get(i + 1).is_some_and(plain)))
}

/// Collapses runs of whitespace to one space and trims.
fn push_folded(chars: impl Iterator<Item = char>, out: &mut String) {
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
}

/// Whether `haystack` contains `needle`, both folded (see [`fold`]).
pub fn contains_folded(haystack: &str, needle: &str) -> bool {
    fold(haystack).contains(&fold(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition without shortcuts: always normalise.
    fn reference_fold(text: &str) -> String {
        let mut out = String::new();
        push_folded(text.nfkc().flat_map(char::to_lowercase), &mut out);
        out
    }

    proptest! {
        #[test]
        fn shortcuts_equal_the_definition(text in "\\PC{0,30}", ascii in "[ -~\t\n\u{b}\u{c}\r]{0,24}") {
            prop_assert_eq!(fold(&text), reference_fold(&text));
            prop_assert_eq!(fold(&ascii), reference_fold(&ascii));
        }

        #[test]
        fn shortcuts_equal_the_definition_on_korean_and_compatibility_forms(
            text in "[가-힣ㄱ-ㅎ\u{1100}-\u{1112}\u{1161}-\u{1175}㈜Ａ-Ｚａ-ｚ０-９ 　a-zA-Z()]{0,20}"
        ) {
            prop_assert_eq!(fold(&text), reference_fold(&text));
        }
    }

    #[test]
    fn folding_ignores_case_width_spacing_and_jamo_composition() {
        let cases = [
            ("  Samsung   Electronics ", "samsung electronics"),
            ("Ｓａｍｓｕｎｇ", "samsung"),
            ("ＣＥＯ", "ceo"),
            // 마케팅 written as conjoining jamo composes to the same syllables.
            (
                "\u{1106}\u{1161}\u{110F}\u{1166}\u{1110}\u{1175}\u{11BC}",
                "마케팅",
            ),
            ("마케팅　팀장", "마케팅 팀장"),
        ];
        for (input, expected) in cases {
            assert_eq!(fold(input), expected, "{input:?}");
        }
        assert!(contains_folded("글로벌 마케팅 팀장", "마케팅"));
        assert!(contains_folded("VP of Marketing", "vp OF"));
        assert!(!contains_folded("Sales", "marketing"));
    }
}
