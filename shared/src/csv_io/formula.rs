//! Formula injection: a cell starting with `=`, `+`, `-` or `@` (or a tab or carriage
//! return, per OWASP) is run as a formula by Excel and LibreOffice when an exported
//! file is opened, so exports prefix such cells with a single quote, and imports
//! remove exactly that prefix again. Full-width forms (＝ ＋ － ＠), which Korean
//! input methods type and Excel also evaluates, are treated the same, as are triggers
//! behind leading spaces, which spreadsheets skip.

use std::borrow::Cow;

/// The neutralising prefix.
const QUOTE: char = '\'';

fn is_trigger(c: char) -> bool {
    matches!(
        c,
        '=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠'
    )
}

/// Whether a spreadsheet would read `cell` as a formula — or `cell` is a neutralised
/// one already, so that neutralising is undone exactly by [`unneutralise`].
fn needs_prefix(cell: &str) -> bool {
    let rest = cell.trim_start_matches(QUOTE);
    is_formula_risk(rest)
}

/// `cell` made safe to open in a spreadsheet: prefixed with `'` when it could start a
/// formula.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if needs_prefix(cell) {
        Cow::Owned(format!("{QUOTE}{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The value a cell written by [`neutralise`] (or by a person following the same
/// convention) stands for.
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix(QUOTE) {
        Some(rest) if needs_prefix(rest) => rest,
        _ => cell,
    }
}

/// Whether a spreadsheet would run `cell` as a formula.
pub fn is_formula_risk(cell: &str) -> bool {
    cell.trim_start_matches([' ', '\u{3000}'])
        .starts_with(is_trigger)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers_are_prefixed_and_the_prefix_removed_again() {
        let cases = [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+821012345678", "'+821012345678"),
            ("-5", "'-5"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("＝1+1", "'＝1+1"),
            ("  =1+1", "'  =1+1"),
            // Already neutralised text gains one more quote, so import restores it.
            ("'=1", "''=1"),
            ("O'Brien", "O'Brien"),
            ("'quoted'", "'quoted'"),
            ("김민수", "김민수"),
            ("a=b", "a=b"),
            ("", ""),
        ];
        for (value, written) in cases {
            assert_eq!(neutralise(value), written, "{value:?}");
            assert_eq!(unneutralise(written), value, "{written:?}");
            assert!(!is_formula_risk(&neutralise(value)), "{value:?}");
        }
    }
}
