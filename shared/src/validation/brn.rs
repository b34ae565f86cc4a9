//! Korean business registration numbers (사업자등록번호): ten digits, the last a check
//! digit over the first nine, written `XXX-XX-XXXXX`.

use thiserror::Error;

/// Weights of the first nine digits in the official checksum.
const WEIGHTS: [u32; 9] = [1, 3, 7, 1, 3, 7, 1, 3, 5];

/// A valid business registration number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Brn([u8; 10]);

/// What is wrong with a business registration number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum BrnError {
    /// Nothing but spaces and dashes.
    #[error("is empty")]
    Empty,
    /// A character other than digits, dashes and spaces.
    #[error("contains {found:?}; use only digits and dashes")]
    InvalidCharacters { found: char },
    /// Not ten digits.
    #[error("has {digits} digits instead of 10")]
    WrongLength { digits: usize },
    /// The last digit does not match the checksum of the first nine: a typo.
    #[error("has check digit {found} where {expected} was expected (check for a typo)")]
    BadChecksum { expected: u8, found: u8 },
}

/// The check digit of the first nine digits: weighted sum, plus the tens of the ninth
/// digit times five, then the complement to ten.
fn check_digit(first_nine: &[u8]) -> u8 {
    let mut sum: u32 = first_nine
        .iter()
        .zip(WEIGHTS)
        .map(|(&d, w)| u32::from(d) * w)
        .sum();
    sum += u32::from(first_nine[8]) * 5 / 10;
    // Both values are below 10, so the narrowing cannot lose anything.
    ((10 - sum % 10) % 10) as u8
}

/// Checks a business registration number written with or without dashes or spaces
/// (`123-45-67890`, `1234567890`).
pub fn validate_brn(raw: &str) -> Result<Brn, BrnError> {
    let mut digits = [0u8; 10];
    let mut count = 0;
    for c in raw.trim().chars() {
        match c {
            '-' | ' ' | '‐' | '–' | '－' => {}
            _ => {
                let Some(d) = c.to_digit(10).filter(|_| c.is_ascii_digit()) else {
                    return Err(BrnError::InvalidCharacters { found: c });
                };
                if let Some(slot) = digits.get_mut(count) {
                    *slot = d as u8;
                }
                count += 1;
            }
        }
    }
    if count == 0 {
        return Err(BrnError::Empty);
    }
    if count != 10 {
        return Err(BrnError::WrongLength { digits: count });
    }
    let expected = check_digit(&digits[..9]);
    if digits[9] != expected {
        return Err(BrnError::BadChecksum {
            expected,
            found: digits[9],
        });
    }
    Ok(Brn(digits))
}

impl Brn {
    /// The ten digits without dashes, as stored.
    pub fn digits(&self) -> String {
        self.0.iter().map(|d| char::from(b'0' + d)).collect()
    }
}

impl std::fmt::Display for Brn {
    /// `XXX-XX-XXXXX`, the way it is printed on a registration certificate.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = self.digits();
        write!(f, "{}-{}-{}", &d[..3], &d[3..5], &d[5..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The checksum written out independently of the code under test.
    fn reference_check_digit(nine: &str) -> u32 {
        let d: Vec<u32> = nine.chars().map(|c| c.to_digit(10).unwrap()).collect();
        let w = [1, 3, 7, 1, 3, 7, 1, 3, 5];
        let mut sum: u32 = (0..9).map(|i| d[i] * w[i]).sum();
        sum += (d[8] * 5) / 10;
        (10 - sum % 10) % 10
    }

    #[test]
    fn real_numbers_are_accepted_and_formatted() {
        // Published numbers of well-known companies, in the ways people write them.
        let cases = [
            ("220-81-62517", "220-81-62517"),
            ("2208162517", "220-81-62517"),
            ("124-81-00998", "124-81-00998"),
            (" 124 81 00998 ", "124-81-00998"),
        ];
        for (raw, formatted) in cases {
            let brn = validate_brn(raw).unwrap();
            assert_eq!(brn.to_string(), formatted, "{raw}");
            assert_eq!(brn.digits(), formatted.replace('-', ""));
        }
    }

    #[test]
    fn generated_numbers_follow_the_checksum() {
        for nine in [
            "123456789",
            "101810000",
            "000000000",
            "999999999",
            "214870123",
        ] {
            let check = reference_check_digit(nine);
            let valid = format!("{nine}{check}");
            assert!(validate_brn(&valid).is_ok(), "{valid}");
            let wrong = (check + 1) % 10;
            assert_eq!(
                validate_brn(&format!("{nine}{wrong}")),
                Err(BrnError::BadChecksum {
                    expected: check as u8,
                    found: wrong as u8
                }),
            );
        }
    }

    #[test]
    fn malformed_numbers_name_the_problem() {
        let cases = [
            ("", BrnError::Empty),
            (" - ", BrnError::Empty),
            ("123-45-6789", BrnError::WrongLength { digits: 9 }),
            ("123-45-678901", BrnError::WrongLength { digits: 11 }),
            ("123-45-6789O", BrnError::InvalidCharacters { found: 'O' }),
            ("123/45/67890", BrnError::InvalidCharacters { found: '/' }),
            (
                "１２３-45-67890",
                BrnError::InvalidCharacters { found: '１' },
            ),
            (
                "220-81-62518",
                BrnError::BadChecksum {
                    expected: 7,
                    found: 8,
                },
            ),
        ];
        for (raw, expected) in cases {
            assert_eq!(validate_brn(raw), Err(expected), "{raw:?}");
        }
    }

    proptest! {
        #[test]
        fn exactly_one_check_digit_is_valid(nine in "[0-9]{9}", dashes in any::<bool>()) {
            let valid: Vec<u8> = (0..10u8)
                .filter(|d| {
                    let raw = format!("{nine}{d}");
                    let raw = if dashes { format!("{}-{}-{}", &raw[..3], &raw[3..5], &raw[5..]) } else { raw };
                    validate_brn(&raw).is_ok()
                })
                .collect();
            prop_assert_eq!(valid, vec![reference_check_digit(&nine) as u8]);
        }

        #[test]
        fn any_input_is_answered_without_panicking(raw in "\\PC{0,30}") {
            if let Ok(brn) = validate_brn(&raw) {
                prop_assert_eq!(validate_brn(&brn.to_string()), Ok(brn));
            }
        }
    }
}
