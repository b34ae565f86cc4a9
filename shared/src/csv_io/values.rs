//! Reading the cell values a CSV import must interpret rather than copy: consent
//! answers (Y/N, 동의/미동의, O/X …), departments written as free text (마케팅팀 →
//! marketing), and country names that decide how a phone without a country code is read.

use crate::model::Department;
use crate::text::fold;
use crate::validation::Country;

/// A consent cell's answer, `None` when it is neither yes nor no.
pub(super) fn parse_yes_no(value: &str) -> Option<bool> {
    const YES: &[&str] = &[
        "y",
        "yes",
        "true",
        "1",
        "o",
        "on",
        "checked",
        "동의",
        "동의함",
        "예",
        "네",
        "수신",
        "수신동의",
        "허용",
        "✓",
        "✔",
        "○",
    ];
    const NO: &[&str] = &[
        "n",
        "no",
        "false",
        "0",
        "x",
        "off",
        "미동의",
        "비동의",
        "동의안함",
        "거부",
        "수신거부",
        "아니오",
        "아니요",
        "미수신",
        "✗",
        "×",
    ];
    let folded = fold(value).replace(' ', "");
    if YES.contains(&folded.as_str()) {
        Some(true)
    } else if NO.contains(&folded.as_str()) {
        Some(false)
    } else {
        None
    }
}

/// The department a free-text cell names; [`Department::Other`] when none is
/// recognised. Stable names (`marketing`) read back as themselves, so exports
/// round-trip.
pub(super) fn department_of(value: &str) -> Department {
    // Earlier entries win: 사업개발 is sales, not engineering (개발).
    const KEYWORDS: &[(&str, Department)] = &[
        ("마케팅", Department::Marketing),
        ("marketing", Department::Marketing),
        ("홍보", Department::Marketing),
        ("영업", Department::Sales),
        ("세일즈", Department::Sales),
        ("sales", Department::Sales),
        ("사업개발", Department::Sales),
        ("business development", Department::Sales),
        ("전산", Department::It),
        ("정보시스템", Department::It),
        ("정보보안", Department::It),
        ("인프라", Department::It),
        ("개발", Department::Engineering),
        ("엔지니어", Department::Engineering),
        ("engineering", Department::Engineering),
        ("연구", Department::Engineering),
        ("r&d", Department::Engineering),
        ("기획", Department::Product),
        ("제품", Department::Product),
        ("product", Department::Product),
        ("재무", Department::Finance),
        ("회계", Department::Finance),
        ("경리", Department::Finance),
        ("finance", Department::Finance),
        ("인사", Department::Hr),
        ("human resources", Department::Hr),
        ("people", Department::Hr),
        ("운영", Department::Operations),
        ("구매", Department::Operations),
        ("물류", Department::Operations),
        ("생산", Department::Operations),
        ("operations", Department::Operations),
        // 경영지원 is administration, not the executive team.
        ("경영지원", Department::Operations),
        ("경영", Department::Executive),
        ("임원", Department::Executive),
        ("대표", Department::Executive),
        ("executive", Department::Executive),
    ];
    const WORDS: &[(&str, Department)] = &[
        ("it", Department::It),
        ("hr", Department::Hr),
        ("ops", Department::Operations),
    ];
    const ALL: [Department; 10] = [
        Department::Executive,
        Department::Marketing,
        Department::Sales,
        Department::Engineering,
        Department::It,
        Department::Product,
        Department::Finance,
        Department::Hr,
        Department::Operations,
        Department::Other,
    ];
    let folded = fold(value);
    if let Some(d) = ALL.into_iter().find(|d| d.as_str() == folded) {
        return d;
    }
    if let Some((_, d)) = KEYWORDS.iter().find(|(k, _)| folded.contains(k)) {
        return *d;
    }
    // Short English abbreviations only as whole words: "it" is in "united".
    let mut words = folded.split(|c: char| !c.is_alphanumeric());
    words
        .find_map(|w| WORDS.iter().find(|(k, _)| *k == w).map(|(_, d)| *d))
        .unwrap_or(Department::Other)
}

/// The country a cell names, by ISO code or by its Korean or English name.
pub(super) fn country_of(value: &str) -> Option<Country> {
    const NAMES: &[(&str, Country)] = &[
        ("대한민국", Country::Kr),
        ("한국", Country::Kr),
        ("south korea", Country::Kr),
        ("korea", Country::Kr),
        ("republic of korea", Country::Kr),
        ("korea, republic of", Country::Kr),
        ("kor", Country::Kr),
        ("미국", Country::Us),
        ("united states", Country::Us),
        ("united states of america", Country::Us),
        ("usa", Country::Us),
        ("캐나다", Country::Ca),
        ("canada", Country::Ca),
        ("일본", Country::Jp),
        ("japan", Country::Jp),
        ("중국", Country::Cn),
        ("china", Country::Cn),
        ("대만", Country::Tw),
        ("taiwan", Country::Tw),
        ("홍콩", Country::Hk),
        ("hong kong", Country::Hk),
        ("싱가포르", Country::Sg),
        ("singapore", Country::Sg),
        ("베트남", Country::Vn),
        ("vietnam", Country::Vn),
        ("viet nam", Country::Vn),
        ("영국", Country::Gb),
        ("united kingdom", Country::Gb),
        ("uk", Country::Gb),
        ("독일", Country::De),
        ("germany", Country::De),
        ("프랑스", Country::Fr),
        ("france", Country::Fr),
        ("호주", Country::Au),
        ("australia", Country::Au),
    ];
    let folded = fold(value);
    Country::from_iso(&folded).or_else(|| {
        NAMES
            .iter()
            .find(|(name, _)| *name == folded)
            .map(|(_, c)| *c)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consent_answers() {
        let cases = [
            ("Y", Some(true)),
            (" yes ", Some(true)),
            ("동의", Some(true)),
            ("수신 동의", Some(true)),
            ("O", Some(true)),
            ("TRUE", Some(true)),
            ("N", Some(false)),
            ("미동의", Some(false)),
            ("수신거부", Some(false)),
            ("X", Some(false)),
            ("0", Some(false)),
            ("maybe", None),
            ("2026-01-01", None),
        ];
        for (value, expected) in cases {
            assert_eq!(parse_yes_no(value), expected, "{value}");
        }
    }

    #[test]
    fn departments_from_free_text() {
        let cases = [
            ("마케팅팀", Department::Marketing),
            ("Marketing", Department::Marketing),
            ("marketing", Department::Marketing),
            ("해외영업본부", Department::Sales),
            ("사업개발팀", Department::Sales),
            ("개발팀", Department::Engineering),
            ("IT", Department::It),
            ("IT 인프라팀", Department::It),
            ("전산실", Department::It),
            ("인사팀", Department::Hr),
            ("HR", Department::Hr),
            ("재무회계팀", Department::Finance),
            ("상품기획팀", Department::Product),
            ("경영지원실", Department::Operations),
            ("경영전략실", Department::Executive),
            ("United Nations", Department::Other),
            ("총괄", Department::Other),
            ("other", Department::Other),
        ];
        for (value, expected) in cases {
            assert_eq!(department_of(value), expected, "{value}");
        }
    }

    #[test]
    fn countries_by_code_and_name() {
        let cases = [
            ("KR", Some(Country::Kr)),
            ("kr", Some(Country::Kr)),
            ("대한민국", Some(Country::Kr)),
            ("South Korea", Some(Country::Kr)),
            ("일본", Some(Country::Jp)),
            ("US", Some(Country::Us)),
            ("United States", Some(Country::Us)),
            ("Narnia", None),
        ];
        for (value, expected) in cases {
            assert_eq!(country_of(value), expected, "{value}");
        }
    }
}
