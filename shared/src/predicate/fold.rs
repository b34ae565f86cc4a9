//! Folding a lead's text into a reused buffer, exactly as [`crate::text::fold`] does but
//! without allocating per value and skipping normalisation for text that is already
//! normalised (ASCII, composed Hangul), which is nearly all of it.

use crate::text::fold_into;

/// A reusable buffer for folding the lead side of text comparisons. Keep one per loop
/// over many leads; after the first few leads matching allocates nothing.
#[derive(Debug, Default, Clone)]
pub struct Scratch {
    pub(crate) text: String,
}

impl Scratch {
    /// An empty buffer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Returns the fold of `text`: `text` itself when it is already folded (the common
    /// case for lower-case ASCII and Hangul), else the fold written into the buffer.
    pub(crate) fn fold<'a>(&'a mut self, text: &'a str) -> &'a str {
        if is_folded(text) {
            return text;
        }
        fold_into(text, &mut self.text);
        &self.text
    }
}

/// Whether `text` is its own fold, checked cheaply and conservatively: only lower-case
/// ASCII without control characters, composed Hangul syllables (no case, NFKC-stable) and
/// single inner spaces qualify; anything else goes through [`fold_into`].
fn is_folded(text: &str) -> bool {
    // Walks bytes rather than chars: decoding chars one by one costs more than the whole
    // check when it is not inlined (the release build optimises for size).
    let bytes = text.as_bytes();
    let mut after_space = true; // A leading space is not folded.
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'!'..=b'~' if !b.is_ascii_uppercase() => after_space = false,
            // U+AC00..=U+D7A3 are three bytes, EA B0 80 to ED 9E A3.
            0xEA..=0xED => {
                let (Some(&b1), Some(&b2)) = (bytes.get(i + 1), bytes.get(i + 2)) else {
                    return false;
                };
                let c = (u32::from(b & 0x0F) << 12)
                    | (u32::from(b1 & 0x3F) << 6)
                    | u32::from(b2 & 0x3F);
                if !(0xAC00..=0xD7A3).contains(&c) {
                    return false;
                }
                after_space = false;
                i += 2;
            }
            _ => return false,
        }
        i += 1;
    }
    // A trailing space is not folded either; the empty text is.
    !after_space || text.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;
    use proptest::prelude::*;

    #[test]
    fn fast_paths_agree_with_text_fold_on_examples() {
        let cases = [
            "  Head of   Marketing ",
            "ＣＭＯ　마케팅",
            "마케팅 팀장",
            "\u{1106}\u{1161}\u{110F}\u{1166}\u{1110}\u{1175}\u{11BC}",
            "İstanbul ΣΑΣ",
            "",
            " \t\n ",
            "ﬁnance ㈜한빛",
        ];
        let mut out = String::new();
        for case in cases {
            fold_into(case, &mut out);
            assert_eq!(out, fold(case), "{case:?}");
        }
    }

    #[test]
    fn already_folded_text_is_recognised_conservatively() {
        let cases = [
            ("마케팅 팀장", true),
            ("saas", true),
            ("", true),
            ("SaaS", false),
            (" 서울", false),
            ("서울 ", false),
            ("마케팅  팀장", false),
            ("ＣＭＯ", false),
            ("a\tb", false),
            ("\u{1106}\u{1161}", false),
            ("가힣", true),
            ("\u{ABFF}", false),
            ("\u{D7A4}", false),
            ("\u{D7FB}", false),
            ("한\u{D7A4}", false),
        ];
        for (text, folded) in cases {
            assert_eq!(is_folded(text), folded, "{text:?}");
            if folded {
                assert_eq!(fold(text), text);
            }
        }
    }

    proptest! {
        #[test]
        fn scratch_fold_equals_text_fold(text in "(?s).{0,24}", simple in "[a-z가-힣 A-Z\u{A000}-\u{D7FF}]{0,12}") {
            let mut scratch = Scratch::new();
            prop_assert_eq!(scratch.fold(&text), fold(&text));
            prop_assert_eq!(scratch.fold(&simple), fold(&simple));
        }

        #[test]
        fn fold_into_equals_text_fold(text in "(?s).{0,24}", hangul in "[가-힣ᄀ-ᇿＡ-ｚ ]{0,12}") {
            let mut out = String::from("stale");
            fold_into(&text, &mut out);
            prop_assert_eq!(&out, &fold(&text));
            fold_into(&hangul, &mut out);
            prop_assert_eq!(&out, &fold(&hangul));
        }
    }
}
