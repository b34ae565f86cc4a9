//! [`crate::text::fold`] into a reused buffer, so the fast path folds metadata values and
//! titles without allocating per lead.

use unicode_normalization::UnicodeNormalization;

/// Writes `fold(text)` into `out` (cleared first). ASCII text skips normalisation: NFKC
/// leaves ASCII unchanged, and it is most of what rules compare (URLs, signals, domains).
pub fn fold_into(text: &str, out: &mut String) {
    out.clear();
    let mut pending_space = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    };
    if text.is_ascii() {
        // Already folded (lower case, single inner spaces, trimmed), as URLs and signals
        // nearly always are: copy it whole.
        let bytes = text.as_bytes();
        let plain = |b: &u8| !b.is_ascii_uppercase() && !char::from(*b).is_whitespace();
        let folded = bytes.first().is_none_or(plain)
            && bytes.last().is_none_or(plain)
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| plain(b) || (*b == b' ' && bytes.get(i + 1).is_some_and(plain)));
        if folded {
            out.push_str(text);
            return;
        }
        for byte in bytes {
            push(char::from(byte.to_ascii_lowercase()), out);
        }
    } else {
        for c in text.nfkc().flat_map(char::to_lowercase) {
            push(c, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;
    use proptest::prelude::*;

    #[test]
    fn folds_like_text_fold() {
        let mut out = String::from("left over");
        for input in [
            "",
            "/pricing",
            "limit_hit",
            "a b",
            "a  b",
            " a",
            "a ",
            "a\tb",
            "/Pricing",
            "  /Pricing  Page\t",
            "\u{b}x\u{c}Y\r\n",
            "Ｗｅｂｉｎａｒ　웨비나",
            "\u{1106}\u{1161}\u{110F}\u{1166}\u{1110}\u{1175}\u{11BC}",
            "İstanbul",
        ] {
            fold_into(input, &mut out);
            assert_eq!(out, fold(input), "{input:?}");
        }
    }

    proptest! {
        #[test]
        fn fold_into_equals_fold(input in "\\PC{0,24}", ascii in "[ -~\t\n\u{b}\u{c}\r]{0,24}") {
            let mut out = String::new();
            fold_into(&input, &mut out);
            prop_assert_eq!(&out, &fold(&input));
            fold_into(&ascii, &mut out);
            prop_assert_eq!(&out, &fold(&ascii));
        }
    }
}
