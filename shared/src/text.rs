//! Text folding for comparisons people expect to be loose: case, full-width letters
//! (Ｓａｍｓｕｎｇ), compatibility forms and spacing do not matter; Hangul is compared in
//! its composed form whether it arrived composed or as separate jamo.

use unicode_normalization::UnicodeNormalization;

/// Folds text for matching: NFKC (width and compatibility forms), lower case, runs of
/// whitespace collapsed to one space, trimmed.
pub fn fold(text: &str) -> String {
    // ASCII is already in NFKC: skip the normaliser, the costly part, for the common case.
    if text.is_ascii() {
        return push_folded(text.chars().map(|c| c.to_ascii_lowercase()), text.len());
    }
    push_folded(text.nfkc().flat_map(char::to_lowercase), text.len())
}

/// Lays out folded characters: whitespace runs become one space, trimmed.
fn push_folded(chars: impl Iterator<Item = char>, capacity: usize) -> String {
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

/// Whether `haystack` contains `needle`, both folded (see [`fold`]).
pub fn contains_folded(haystack: &str, needle: &str) -> bool {
    fold(haystack).contains(&fold(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

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
