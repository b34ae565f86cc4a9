//! The password policy and the parameters of password hashing. The hashing itself
//! (PBKDF2-HMAC-SHA256) runs in the worker through Web Crypto, native code in workerd
//! that fits a Worker's CPU budget where a pure-wasm hash would not; this module fixes
//! its parameters and compares its results in constant time.

use crate::capture::{FieldError, FieldErrorCode};

/// PBKDF2 rounds. OWASP asks 600 000 for PBKDF2-HMAC-SHA256, but workerd refuses more
/// than 100 000; stored with each hash so that a later raise re-hashes on sign-in.
pub const PBKDF2_ITERATIONS: u32 = 100_000;
/// Random salt per password, so equal passwords hash differently.
pub const PASSWORD_SALT_BYTES: usize = 16;
/// Length of the derived hash: SHA-256's own output size.
pub const PASSWORD_HASH_BYTES: usize = 32;
/// Shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longest password accepted: a passphrase fits, a megabyte of padding does not.
pub const MAX_PASSWORD_CHARS: usize = 256;

/// The form field every policy error belongs to.
const FIELD: &str = "password";

/// Why a password is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    /// Fewer than [`MIN_PASSWORD_CHARS`] characters.
    #[error("{field} must be at least {min} characters")]
    TooShort {
        /// The form field at fault.
        field: &'static str,
        /// The least length accepted.
        min: usize,
    },
    /// More than [`MAX_PASSWORD_CHARS`] characters.
    #[error("{field} must be at most {max} characters")]
    TooLong {
        /// The form field at fault.
        field: &'static str,
        /// The greatest length accepted.
        max: usize,
    },
    /// One character repeated, however long: the first thing a guesser tries.
    #[error("{field} must not be one character repeated")]
    OneCharacter {
        /// The form field at fault.
        field: &'static str,
    },
    /// The account's own e-mail address (or the part before the `@`).
    #[error("{field} must not be your e-mail address")]
    SameAsEmail {
        /// The form field at fault.
        field: &'static str,
    },
}

impl PasswordError {
    /// The error as the wire reports field errors.
    pub fn to_field_error(&self) -> FieldError {
        let (field, code) = match self {
            Self::TooShort { field, .. } => (field, FieldErrorCode::TooShort),
            Self::TooLong { field, .. } => (field, FieldErrorCode::TooLong),
            Self::OneCharacter { field } => (field, FieldErrorCode::RepeatedCharacter),
            Self::SameAsEmail { field } => (field, FieldErrorCode::SameAsEmail),
        };
        FieldError {
            field: (*field).to_owned(),
            code,
            message: self.to_string(),
        }
    }
}

/// Checks a new password against the policy; `email` is the account's normalised
/// address. Length counts characters, not bytes, so Korean passphrases are measured
/// as people see them.
pub fn validate_password(password: &str, email: &str) -> Result<(), PasswordError> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(PasswordError::TooShort {
            field: FIELD,
            min: MIN_PASSWORD_CHARS,
        });
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(PasswordError::TooLong {
            field: FIELD,
            max: MAX_PASSWORD_CHARS,
        });
    }
    let mut all = password.chars();
    if let Some(first) = all.next()
        && all.all(|c| c == first)
    {
        return Err(PasswordError::OneCharacter { field: FIELD });
    }
    let folded = password.trim().to_lowercase();
    let local_part = email.split('@').next().unwrap_or(email);
    if folded == email.to_lowercase() || folded == local_part.to_lowercase() {
        return Err(PasswordError::SameAsEmail { field: FIELD });
    }
    Ok(())
}

/// Whether two byte strings are equal, taking the same time wherever they differ, so a
/// caller cannot learn a stored hash byte by byte from response times.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    // `black_box` keeps the optimiser from turning the fold into an early exit.
    std::hint::black_box(diff) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_policy() {
        let email = "minsu.kim@acme.co.kr";
        let too_short = Err(PasswordError::TooShort {
            field: "password",
            min: 10,
        });
        let cases: Vec<(String, Result<(), PasswordError>)> = vec![
            ("".into(), too_short.clone()),
            ("abcdefghi".into(), too_short.clone()),
            // Nine Hangul syllables are nine characters, though 27 bytes.
            ("가나다라마바사아자".into(), too_short),
            ("abcdefghij".into(), Ok(())),
            ("가나다라마바사아자차".into(), Ok(())),
            ("correct horse battery staple".into(), Ok(())),
            (
                "aaaaaaaaaa".into(),
                Err(PasswordError::OneCharacter { field: "password" }),
            ),
            (
                "가".repeat(12),
                Err(PasswordError::OneCharacter { field: "password" }),
            ),
            (
                email.into(),
                Err(PasswordError::SameAsEmail { field: "password" }),
            ),
            (
                "Minsu.Kim@Acme.co.kr".into(),
                Err(PasswordError::SameAsEmail { field: "password" }),
            ),
            ("minsu.kim@acme.co.kr!".into(), Ok(())),
            (
                "x".repeat(257) + "y",
                Err(PasswordError::TooLong {
                    field: "password",
                    max: 256,
                }),
            ),
        ];
        for (password, expected) in cases {
            assert_eq!(
                validate_password(&password, email),
                expected,
                "{password:?}"
            );
        }
        // The local part alone is refused when it is long enough to pass the length rule.
        assert_eq!(
            validate_password("JiwooPark77", "jiwoopark77@naver.com"),
            Err(PasswordError::SameAsEmail { field: "password" })
        );
    }

    #[test]
    fn policy_errors_name_the_password_field() {
        let error = validate_password("short", "a@b.kr").err();
        let field_error = error.map(|e| e.to_field_error());
        assert_eq!(
            field_error.as_ref().map(|f| f.field.as_str()),
            Some("password")
        );
        assert_eq!(field_error.map(|f| f.code), Some(FieldErrorCode::TooShort));
    }

    #[test]
    fn constant_time_eq_compares_whole_strings() {
        let cases: &[(&[u8], &[u8], bool)] = &[
            (b"", b"", true),
            (b"abc", b"abc", true),
            (b"abc", b"abd", false),
            (b"abc", b"xbc", false),
            (b"abc", b"ab", false),
            (b"", b"a", false),
        ];
        for (a, b, equal) in cases {
            assert_eq!(constant_time_eq(a, b), *equal, "{a:?} {b:?}");
        }
    }
}
