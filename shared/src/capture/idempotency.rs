//! Client submission ids: an `Idempotency-Key` header or a `submission_id` field the
//! snippet sets once per form fill, so a retried post stores one submission.

use thiserror::Error;

/// Longest key accepted; UUIDs (36) and ULIDs (26) fit with room to spare.
pub const MAX_SUBMISSION_ID_CHARS: usize = 128;
/// Shortest key accepted: shorter ones collide between visitors.
pub const MIN_SUBMISSION_ID_CHARS: usize = 16;

/// Where a submission id came from, so errors name the header or the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdSource {
    /// The `Idempotency-Key` header.
    Header,
    /// The `submission_id` form field.
    Field,
}

impl IdSource {
    fn name(self) -> &'static str {
        match self {
            Self::Header => "Idempotency-Key header",
            Self::Field => "submission_id field",
        }
    }
}

impl std::fmt::Display for IdSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a submission id was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SubmissionIdError {
    /// Shorter than [`MIN_SUBMISSION_ID_CHARS`] (or blank).
    #[error("{from} must be at least {MIN_SUBMISSION_ID_CHARS} characters")]
    TooShort {
        /// Header or field.
        from: IdSource,
    },
    /// Longer than [`MAX_SUBMISSION_ID_CHARS`].
    #[error("{from} must be at most {MAX_SUBMISSION_ID_CHARS} characters")]
    TooLong {
        /// Header or field.
        from: IdSource,
    },
    /// A character outside `A-Z a-z 0-9 - _ . :`.
    #[error("{from} may only contain letters, digits, -, _, . and : (bad character at {position})")]
    BadCharacter {
        /// Header or field.
        from: IdSource,
        /// Character index of the first bad character.
        position: usize,
    },
    /// Header and field both sent, with different values.
    #[error("Idempotency-Key header and submission_id field differ")]
    Conflict,
}

/// A checked client submission id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SubmissionId(String);

impl SubmissionId {
    /// Checks a key from `source` (trimmed first).
    pub fn parse(raw: &str, source: IdSource) -> Result<Self, SubmissionIdError> {
        let key = raw.trim();
        if let Some(position) = key
            .chars()
            .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':')))
        {
            return Err(SubmissionIdError::BadCharacter {
                from: source,
                position,
            });
        }
        // Only ASCII remains, so bytes are characters.
        if key.len() < MIN_SUBMISSION_ID_CHARS {
            return Err(SubmissionIdError::TooShort { from: source });
        }
        if key.len() > MAX_SUBMISSION_ID_CHARS {
            return Err(SubmissionIdError::TooLong { from: source });
        }
        Ok(Self(key.to_owned()))
    }

    /// The id from the header or the field, whichever was sent; `None` when neither.
    pub fn from_request(
        header: Option<&str>,
        field: Option<&str>,
    ) -> Result<Option<Self>, SubmissionIdError> {
        let header = header
            .map(|h| Self::parse(h, IdSource::Header))
            .transpose()?;
        let field = field.map(|f| Self::parse(f, IdSource::Field)).transpose()?;
        match (header, field) {
            (Some(h), Some(f)) if h != f => Err(SubmissionIdError::Conflict),
            (h, f) => Ok(h.or(f)),
        }
    }

    /// The id as text, for the store's unique key (scoped by form by the caller).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_checked_and_errors_name_their_source() {
        let uuid = "0b5c3f7e-2d4a-4f4e-9a51-7c1d2e3f4a5b";
        let cases: &[(&str, IdSource, Result<&str, SubmissionIdError>)] = &[
            (uuid, IdSource::Header, Ok(uuid)),
            (
                "  01JDQ8Z7W5YB3K2M9N4P6R8T0V ",
                IdSource::Field,
                Ok("01JDQ8Z7W5YB3K2M9N4P6R8T0V"),
            ),
            (
                "short",
                IdSource::Header,
                Err(SubmissionIdError::TooShort {
                    from: IdSource::Header,
                }),
            ),
            (
                "",
                IdSource::Field,
                Err(SubmissionIdError::TooShort {
                    from: IdSource::Field,
                }),
            ),
            (
                "abcdefghijklmnop qrst",
                IdSource::Header,
                Err(SubmissionIdError::BadCharacter {
                    from: IdSource::Header,
                    position: 16,
                }),
            ),
            (
                "제출-0000000000000000",
                IdSource::Field,
                Err(SubmissionIdError::BadCharacter {
                    from: IdSource::Field,
                    position: 0,
                }),
            ),
        ];
        for (raw, source, expected) in cases {
            assert_eq!(
                SubmissionId::parse(raw, *source)
                    .as_ref()
                    .map(SubmissionId::as_str),
                expected.as_ref().map(|s| *s),
                "{raw:?}"
            );
        }
        assert_eq!(
            SubmissionId::parse(&"a".repeat(129), IdSource::Header),
            Err(SubmissionIdError::TooLong {
                from: IdSource::Header
            })
        );
        assert_eq!(
            SubmissionIdError::TooShort {
                from: IdSource::Header
            }
            .to_string(),
            "Idempotency-Key header must be at least 16 characters"
        );
    }

    #[test]
    fn header_and_field_agree_or_conflict() {
        let a = "aaaaaaaaaaaaaaaa";
        let b = "bbbbbbbbbbbbbbbb";
        assert_eq!(SubmissionId::from_request(None, None), Ok(None));
        assert_eq!(
            SubmissionId::from_request(Some(a), None)
                .unwrap()
                .unwrap()
                .as_str(),
            a
        );
        assert_eq!(
            SubmissionId::from_request(None, Some(b))
                .unwrap()
                .unwrap()
                .as_str(),
            b
        );
        assert_eq!(
            SubmissionId::from_request(Some(a), Some(a))
                .unwrap()
                .unwrap()
                .as_str(),
            a
        );
        assert_eq!(
            SubmissionId::from_request(Some(a), Some(b)),
            Err(SubmissionIdError::Conflict)
        );
        assert_eq!(
            SubmissionId::from_request(Some(a), Some("x")),
            Err(SubmissionIdError::TooShort {
                from: IdSource::Field
            })
        );
    }
}
