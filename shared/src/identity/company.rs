//! Company names for matching: the same company typed as `㈜한빛소프트`, `한빛소프트
//! 주식회사` or `Hanbit Soft Co., Ltd.` reduces to one key, and near-misses are scored.

use crate::text::fold;

/// Jaro-Winkler similarity of normalised names from which two names count as the same
/// company. Chosen high on purpose: Korean company names are short (4–6 syllables), so
/// one differing syllable already drops the score to about 0.9, and a wrong account
/// match is worse than none (the lead can still be matched by hand).
pub const COMPANY_MATCH_THRESHOLD: f64 = 0.93;

/// Korean legal forms, removed wherever they appear (after folding, so `㈜` is `(주)`).
/// Longer forms come first so `유한책임회사` is not left as `책임`.
const KOREAN_LEGAL_FORMS: &[&str] = &[
    "유한책임회사",
    "주식회사",
    "유한회사",
    "합자회사",
    "합명회사",
    "재단법인",
    "사단법인",
    "(주)",
    "(유)",
    "(재)",
    "(사)",
    "(합)",
];

/// Latin legal forms, removed as whole words (dots and commas dropped first).
const LATIN_LEGAL_FORMS: &[&str] = &[
    "ag",
    "co",
    "company",
    "corp",
    "corporation",
    "gmbh",
    "inc",
    "incorporated",
    "kk",
    "limited",
    "llc",
    "ltd",
    "plc",
    "pte",
    "sa",
];

/// The matching key of a company name: folded (case, width, spacing), legal forms
/// removed, punctuation and spaces dropped. `㈜한빛소프트` and `한빛소프트 주식회사` both
/// give `한빛소프트`; `HANBIT SOFT Co., Ltd.` gives `hanbitsoft`. Empty when the name
/// is nothing but a legal form.
pub fn normalise_company(name: &str) -> String {
    let mut folded = fold(name);
    for form in KOREAN_LEGAL_FORMS {
        if folded.contains(form) {
            folded = folded.replace(form, " ");
        }
    }
    let mut key = String::with_capacity(folded.len());
    for word in folded.split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')') {
        let start = key.len();
        key.extend(word.chars().filter(|c| c.is_alphanumeric()));
        if LATIN_LEGAL_FORMS.binary_search(&&key[start..]).is_ok() {
            key.truncate(start);
        }
    }
    key
}

/// How alike two company names are, 0.0 to 1.0: Jaro-Winkler on the normalised names
/// (see [`normalise_company`]). Names that normalise to nothing never match.
pub fn company_similarity(a: &str, b: &str) -> f64 {
    normalised_similarity(&normalise_company(a), &normalise_company(b))
}

/// [`company_similarity`] of names already normalised, for loops that normalise once.
pub(crate) fn normalised_similarity(a: &str, b: &str) -> f64 {
    if a.is_empty() || b.is_empty() {
        0.0
    } else if a == b {
        1.0
    } else {
        strsim::jaro_winkler(a, b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_forms_punctuation_and_spacing_are_removed() {
        let cases = [
            ("㈜한빛소프트", "한빛소프트"),
            ("(주)한빛소프트", "한빛소프트"),
            ("한빛소프트 주식회사", "한빛소프트"),
            ("주식회사 한빛소프트", "한빛소프트"),
            ("한빛 소프트(유)", "한빛소프트"),
            ("유한회사 누리테크", "누리테크"),
            ("가온 유한책임회사", "가온"),
            ("HANBIT SOFT Co., Ltd.", "hanbitsoft"),
            ("Hanbit Soft Inc.", "hanbitsoft"),
            ("Acme Corp", "acme"),
            ("Acme, LLC", "acme"),
            ("Globex GmbH", "globex"),
            ("Initech K.K.", "initech"),
            ("Ｈｏｏｌｉ", "hooli"),
            ("Coca-Cola Company", "cocacola"),
            // "co" inside a word is part of the name.
            ("Costco", "costco"),
            ("(주)", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(normalise_company(input), expected, "{input}");
        }
    }

    #[test]
    fn similarity_matches_spellings_and_separates_companies() {
        let same = [
            ("㈜한빛소프트", "한빛소프트 주식회사"),
            ("HANBIT SOFT Co., Ltd.", "Hanbit Soft"),
            ("Hanbit Soft", "Hanbitsoft Inc"),
            ("Samsung Electronics", "Samsung Electroncis"),
        ];
        for (a, b) in same {
            let s = company_similarity(a, b);
            assert!(s >= COMPANY_MATCH_THRESHOLD, "{a} ~ {b}: {s}");
        }
        let different = [
            ("한빛소프트", "누리테크"),
            ("한빛소프트", "한빛전자"),
            ("Acme", "Globex"),
            ("(주)", "(주)"),
            // Without transliteration, scripts do not match (a known limit).
            ("한빛소프트", "Hanbit Soft"),
        ];
        for (a, b) in different {
            let s = company_similarity(a, b);
            assert!(s < COMPANY_MATCH_THRESHOLD, "{a} !~ {b}: {s}");
        }
    }

    #[test]
    fn the_latin_forms_are_sorted_for_binary_search() {
        assert!(LATIN_LEGAL_FORMS.windows(2).all(|w| w[0] < w[1]));
    }
}
