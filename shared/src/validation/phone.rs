//! Phone numbers to E.164 (`+821012345678`): Korean numbers in every way people type
//! them (010-1234-5678, 02)123-4567, +82 (0)10…, 0082…, 82-10-…, 1588-1234) and
//! international numbers, each checked against the numbering plan we know.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Most digits an E.164 number has, country code included.
const MAX_E164_DIGITS: usize = 15;
/// Fewest digits of any number we accept; shorter is an extension or a typo.
const MIN_DIGITS: usize = 7;
/// Fewest digits of an international number, country code included; real numbers
/// of the countries leads come from have at least this many.
const MIN_INTERNATIONAL_DIGITS: usize = 8;
/// Korean two-digit area codes after the trunk 0 (031 경기 … 064 제주).
const KOREAN_AREA_CODES: &[&str] = &[
    "31", "32", "33", "41", "42", "43", "44", "51", "52", "53", "54", "55", "61", "62", "63", "64",
];

/// The country a number without a country code is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Country {
    /// South Korea.
    Kr,
    /// United States.
    Us,
    /// Canada.
    Ca,
    /// Japan.
    Jp,
    /// China.
    Cn,
    /// Taiwan.
    Tw,
    /// Hong Kong.
    Hk,
    /// Singapore.
    Sg,
    /// Viet Nam.
    Vn,
    /// United Kingdom.
    Gb,
    /// Germany.
    De,
    /// France.
    Fr,
    /// Australia.
    Au,
}

impl Country {
    /// Every country, for lookups by code.
    pub const ALL: [Country; 13] = [
        Country::Kr,
        Country::Us,
        Country::Ca,
        Country::Jp,
        Country::Cn,
        Country::Tw,
        Country::Hk,
        Country::Sg,
        Country::Vn,
        Country::Gb,
        Country::De,
        Country::Fr,
        Country::Au,
    ];

    /// The ISO 3166-1 alpha-2 code, upper case, as `Account::country` holds it.
    pub fn iso(self) -> &'static str {
        match self {
            Self::Kr => "KR",
            Self::Us => "US",
            Self::Ca => "CA",
            Self::Jp => "JP",
            Self::Cn => "CN",
            Self::Tw => "TW",
            Self::Hk => "HK",
            Self::Sg => "SG",
            Self::Vn => "VN",
            Self::Gb => "GB",
            Self::De => "DE",
            Self::Fr => "FR",
            Self::Au => "AU",
        }
    }

    /// The country with ISO code `code` (any case), if we know its numbering.
    pub fn from_iso(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|c| c.iso().eq_ignore_ascii_case(code.trim()))
    }

    /// The international calling code.
    pub fn calling_code(self) -> &'static str {
        match self {
            Self::Kr => "82",
            Self::Us | Self::Ca => "1",
            Self::Jp => "81",
            Self::Cn => "86",
            Self::Tw => "886",
            Self::Hk => "852",
            Self::Sg => "65",
            Self::Vn => "84",
            Self::Gb => "44",
            Self::De => "49",
            Self::Fr => "33",
            Self::Au => "61",
        }
    }

    /// The trunk prefix dialled before national numbers and dropped in E.164.
    fn trunk(self) -> Option<char> {
        match self {
            Self::Hk | Self::Sg => None,
            Self::Us | Self::Ca => Some('1'),
            _ => Some('0'),
        }
    }
}

/// A phone number in E.164: `+`, country code, national number, at most 15 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct E164(String);

impl E164 {
    /// The number, `+` first.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl std::fmt::Display for E164 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What is wrong with a phone number.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PhoneError {
    /// Nothing but spaces and punctuation.
    #[error("is empty")]
    Empty,
    /// A letter or symbol that has no place in a phone number.
    #[error("contains {found:?}, which is not part of a phone number")]
    InvalidCharacters { found: char },
    /// Too few digits for any number.
    #[error("has only {digits} digits")]
    TooShort { digits: usize },
    /// More digits than E.164 allows.
    #[error("has {digits} digits, more than a phone number can have")]
    TooLong { digits: usize },
    /// A country code starting with 0, or none after `+`.
    #[error("has no valid country code after the +")]
    InvalidCountryCode,
    /// A Korean number starting with a prefix no Korean number uses.
    #[error("starts with {prefix}, which is not a Korean mobile, area or service prefix")]
    UnknownKoreanPrefix { prefix: String },
    /// A Korean prefix followed by the wrong number of digits.
    #[error("has {digits} digits after {prefix}, which is not a valid length")]
    BadKoreanLength { prefix: String, digits: usize },
    /// A 0 left after the country code and trunk prefix, where no number has one.
    #[error("has a 0 after the country code where no number has one")]
    LeadingZero,
    /// A North American number that is not 10 digits with a valid area code.
    #[error("is not a 10-digit North American number")]
    BadNorthAmericanNumber,
}

/// Normalises `raw` to E.164. Numbers with `+`, `00` or (in Korea) a leading `82` are
/// international; others are read as `default_country`'s national numbers. Spaces,
/// dots, dashes, slashes and parentheses are ignored; full-width digits (as Korean
/// input methods type them) count as digits.
pub fn normalise_phone(raw: &str, default_country: Country) -> Result<E164, PhoneError> {
    let mut digits = String::with_capacity(16);
    let mut plus = false;
    for c in raw.trim().chars() {
        match c {
            '0'..='9' => digits.push(c),
            '０'..='９' => {
                let value = u32::from(c) - u32::from('０');
                digits.push(char::from_digit(value, 10).unwrap_or('0'));
            }
            '+' | '＋' if digits.is_empty() && !plus => plus = true,
            ' ' | '\u{a0}' | '\u{3000}' | '\t' | '-' | '.' | '(' | ')' | '/' | '‐' | '–' | '—'
            | '－' => {}
            _ => return Err(PhoneError::InvalidCharacters { found: c }),
        }
        // "00" plus 15 digits is the longest real input; stop junk early.
        if digits.len() > MAX_E164_DIGITS + 2 {
            return Err(PhoneError::TooLong {
                digits: digits.len(),
            });
        }
    }
    if digits.is_empty() {
        return Err(PhoneError::Empty);
    }
    if digits.len() < MIN_DIGITS {
        return Err(PhoneError::TooShort {
            digits: digits.len(),
        });
    }
    let international = if plus {
        Some(digits.as_str())
    } else if let Some(rest) = digits.strip_prefix("00") {
        Some(rest)
    } else if default_country == Country::Kr && digits.starts_with("82") {
        // Korean national numbers start with 0 or 1, so a leading 82 is the country code.
        Some(digits.as_str())
    } else {
        None
    };
    match international {
        Some(number) => international_number(number),
        None => national_number(&digits, default_country),
    }
}

/// `number`: country code and national number, without `+`.
fn international_number(number: &str) -> Result<E164, PhoneError> {
    if number.is_empty() || number.starts_with('0') {
        return Err(PhoneError::InvalidCountryCode);
    }
    let known = Country::ALL
        .into_iter()
        .filter(|c| number.starts_with(c.calling_code()))
        .max_by_key(|c| c.calling_code().len());
    match known {
        Some(country) => {
            let rest = &number[country.calling_code().len()..];
            // "+82 (0)10 …" and "+82 010 …": the trunk 0 written out of habit.
            let rest = match country.trunk() {
                Some('0') => rest.strip_prefix('0').unwrap_or(rest),
                _ => rest,
            };
            with_country(country, rest)
        }
        None => {
            if number.len() < MIN_INTERNATIONAL_DIGITS {
                return Err(PhoneError::TooShort {
                    digits: number.len(),
                });
            }
            e164("", number)
        }
    }
}

/// `digits` as dialled inside `country`, trunk prefix included.
fn national_number(digits: &str, country: Country) -> Result<E164, PhoneError> {
    let significant = match country.trunk() {
        // A Korean number without its 0 (10-1234-5678) or a 15xx service number.
        Some(trunk) => digits.strip_prefix(trunk).unwrap_or(digits),
        None => digits,
    };
    with_country(country, significant)
}

/// The national significant number `nsn` (no trunk prefix) of `country`, checked.
fn with_country(country: Country, nsn: &str) -> Result<E164, PhoneError> {
    match country {
        Country::Kr => korean(nsn),
        Country::Us | Country::Ca => {
            let area_ok = nsn.starts_with(|c: char| ('2'..='9').contains(&c));
            if nsn.len() == 10 && area_ok {
                e164("1", nsn)
            } else {
                Err(PhoneError::BadNorthAmericanNumber)
            }
        }
        _ => {
            let total = country.calling_code().len() + nsn.len();
            if nsn.starts_with('0') {
                Err(PhoneError::LeadingZero)
            } else if total < MIN_INTERNATIONAL_DIGITS {
                Err(PhoneError::TooShort { digits: total })
            } else {
                e164(country.calling_code(), nsn)
            }
        }
    }
}

/// A Korean national significant number (after the trunk 0).
fn korean(nsn: &str) -> Result<E164, PhoneError> {
    let len = nsn.len();
    let two = nsn.get(..2).unwrap_or(nsn);
    let (prefix, lengths): (String, &[usize]) = match two {
        // 010-XXXX-XXXX.
        "10" => ("010".into(), &[10]),
        // 대표번호 1588-XXXX, 1644-XXXX, 1800-XXXX: eight digits, no trunk 0.
        "15" | "16" | "18" if len == 8 => (nsn.get(..4).unwrap_or(nsn).into(), &[8]),
        // The old mobile prefixes 011, 016, 017, 018, 019: 3 or 4 digits, then 4.
        "11" | "16" | "17" | "18" | "19" => (format!("0{two}"), &[9, 10]),
        // 15xx is only ever a 대표번호.
        "15" => (nsn.get(..4).unwrap_or(nsn).into(), &[8]),
        // 070 internet phones.
        "70" => ("070".into(), &[10]),
        // 0505/0507 안심번호 (virtual numbers, e.g. on map listings).
        "50" => ("050".into(), &[11]),
        // 080 toll-free.
        "80" => ("080".into(), &[9, 10]),
        _ if nsn.starts_with('2') => ("02".into(), &[8, 9]),
        _ if KOREAN_AREA_CODES.contains(&two) => (format!("0{two}"), &[9, 10]),
        _ => {
            let shown = if nsn.starts_with('1') {
                nsn.get(..4).unwrap_or(nsn).to_owned()
            } else {
                format!("0{}", nsn.get(..2).unwrap_or(nsn))
            };
            return Err(PhoneError::UnknownKoreanPrefix { prefix: shown });
        }
    };
    if lengths.contains(&len) {
        e164("82", nsn)
    } else {
        // Digits after the prefix as the person wrote it (prefix without its trunk 0).
        let written = prefix.trim_start_matches('0').len();
        Err(PhoneError::BadKoreanLength {
            prefix,
            digits: len.saturating_sub(written),
        })
    }
}

fn e164(calling_code: &str, nsn: &str) -> Result<E164, PhoneError> {
    let digits = calling_code.len() + nsn.len();
    if digits > MAX_E164_DIGITS {
        return Err(PhoneError::TooLong { digits });
    }
    let mut number = String::with_capacity(digits + 1);
    number.push('+');
    number.push_str(calling_code);
    number.push_str(nsn);
    Ok(E164(number))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn korean_numbers_in_every_format() {
        let cases = [
            ("010-1234-5678", "+821012345678"),
            ("01012345678", "+821012345678"),
            ("010 1234 5678", "+821012345678"),
            ("010.1234.5678", "+821012345678"),
            ("(010) 1234-5678", "+821012345678"),
            ("０１０－１２３４－５６７８", "+821012345678"),
            ("+82 10 1234 5678", "+821012345678"),
            ("+82-10-1234-5678", "+821012345678"),
            ("+82 (0)10-1234-5678", "+821012345678"),
            ("+82 010 1234 5678", "+821012345678"),
            ("0082-10-1234-5678", "+821012345678"),
            ("82-10-1234-5678", "+821012345678"),
            ("821012345678", "+821012345678"),
            ("10-1234-5678", "+821012345678"),
            ("011-123-4567", "+82111234567"),
            ("016-1234-5678", "+821612345678"),
            ("019-123-4567", "+82191234567"),
            ("02-123-4567", "+8221234567"),
            ("02-1234-5678", "+82212345678"),
            ("02)1234-5678", "+82212345678"),
            ("031-123-4567", "+82311234567"),
            ("031-1234-5678", "+823112345678"),
            ("051-987-6543", "+82519876543"),
            ("064-712-3456", "+82647123456"),
            ("070-1234-5678", "+827012345678"),
            ("0507-1234-5678", "+8250712345678"),
            ("080-123-4567", "+82801234567"),
            ("1588-1234", "+8215881234"),
            ("1644-0000", "+8216440000"),
            ("1800-1234", "+8218001234"),
            ("  +82 2 123 4567  ", "+8221234567"),
        ];
        for (raw, expected) in cases {
            assert_eq!(
                normalise_phone(raw, Country::Kr).map(E164::into_string),
                Ok(expected.to_owned()),
                "{raw}"
            );
        }
    }

    #[test]
    fn international_numbers() {
        let cases = [
            ("+1 415 555 2671", Country::Kr, "+14155552671"),
            ("+1 (415) 555-2671", Country::Kr, "+14155552671"),
            ("001-415-555-2671", Country::Kr, "+14155552671"),
            ("(415) 555-2671", Country::Us, "+14155552671"),
            ("1-415-555-2671", Country::Us, "+14155552671"),
            ("+81 3-1234-5678", Country::Kr, "+81312345678"),
            ("+81 (0)3-1234-5678", Country::Kr, "+81312345678"),
            ("03-1234-5678", Country::Jp, "+81312345678"),
            ("090-1234-5678", Country::Jp, "+819012345678"),
            ("+65 6123 4567", Country::Kr, "+6561234567"),
            ("6123 4567", Country::Sg, "+6561234567"),
            ("+852 2123 4567", Country::Kr, "+85221234567"),
            ("+886 2 2345 6789", Country::Kr, "+886223456789"),
            ("+44 20 7946 0958", Country::Kr, "+442079460958"),
            ("020 7946 0958", Country::Gb, "+442079460958"),
            ("+49 30 123456", Country::Kr, "+4930123456"),
            ("+86 138 0013 8000", Country::Kr, "+8613800138000"),
            // A country code we have no plan for is accepted on length alone.
            ("+971 4 123 4567", Country::Kr, "+97141234567"),
        ];
        for (raw, country, expected) in cases {
            assert_eq!(
                normalise_phone(raw, country).map(E164::into_string),
                Ok(expected.to_owned()),
                "{raw}"
            );
        }
    }

    #[test]
    fn bad_numbers_are_refused_with_the_reason() {
        let cases = [
            ("", PhoneError::Empty),
            (" - ", PhoneError::Empty),
            (
                "010-1234-567a",
                PhoneError::InvalidCharacters { found: 'a' },
            ),
            (
                "010-1234-5678 ext 3",
                PhoneError::InvalidCharacters { found: 'e' },
            ),
            (
                "010+1234+5678",
                PhoneError::InvalidCharacters { found: '+' },
            ),
            ("1234", PhoneError::TooShort { digits: 4 }),
            ("+82 10", PhoneError::TooShort { digits: 4 }),
            ("+7234567890123456", PhoneError::TooLong { digits: 16 }),
            ("+0 10 1234 5678", PhoneError::InvalidCountryCode),
            ("+99 1234", PhoneError::TooShort { digits: 6 }),
            (
                "099-123-4567",
                PhoneError::UnknownKoreanPrefix {
                    prefix: "099".into(),
                },
            ),
            (
                "1234-5678",
                PhoneError::UnknownKoreanPrefix {
                    prefix: "1234".into(),
                },
            ),
            (
                "010-123-4567",
                PhoneError::BadKoreanLength {
                    prefix: "010".into(),
                    digits: 7,
                },
            ),
            (
                "02-12-3456",
                PhoneError::BadKoreanLength {
                    prefix: "02".into(),
                    digits: 6,
                },
            ),
            (
                "1588-12345",
                PhoneError::BadKoreanLength {
                    prefix: "1588".into(),
                    digits: 5,
                },
            ),
            ("+1 415 555 267", PhoneError::BadNorthAmericanNumber),
            ("+81 00 1234 5678", PhoneError::LeadingZero),
            ("+1 015 555 2671", PhoneError::BadNorthAmericanNumber),
        ];
        for (raw, expected) in cases {
            assert_eq!(normalise_phone(raw, Country::Kr), Err(expected), "{raw}");
        }
    }

    #[test]
    fn countries_round_trip_through_their_iso_codes() {
        for country in Country::ALL {
            assert_eq!(Country::from_iso(country.iso()), Some(country));
            assert_eq!(
                serde_json::to_string(&country).unwrap(),
                format!("\"{}\"", country.iso())
            );
        }
        assert_eq!(Country::from_iso("kr"), Some(Country::Kr));
        assert_eq!(Country::from_iso("XX"), None);
    }

    proptest! {
        #[test]
        fn any_input_gives_a_valid_e164_or_an_error(raw in "\\PC{0,40}") {
            if let Ok(number) = normalise_phone(&raw, Country::Kr) {
                let digits = &number.as_str()[1..];
                prop_assert!(number.as_str().starts_with('+'));
                prop_assert!(digits.len() <= MAX_E164_DIGITS);
                prop_assert!(digits.chars().all(|c| c.is_ascii_digit()));
                // Normalising again is a no-op.
                prop_assert_eq!(normalise_phone(number.as_str(), Country::Kr), Ok(number.clone()));
            }
        }

        #[test]
        fn korean_mobiles_in_any_layout_agree(
            n in 0u32..100_000_000,
            sep in prop::sample::select(vec!["", "-", " ", "."]),
        ) {
            let d = format!("{n:08}");
            let local = format!("010{sep}{}{sep}{}", &d[..4], &d[4..]);
            let expected = format!("+8210{d}");
            prop_assert_eq!(normalise_phone(&local, Country::Kr).map(E164::into_string), Ok(expected.clone()));
            let intl = format!("+82{sep}10{sep}{}{sep}{}", &d[..4], &d[4..]);
            prop_assert_eq!(normalise_phone(&intl, Country::Kr).map(E164::into_string), Ok(expected));
        }
    }
}
