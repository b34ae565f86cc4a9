//! Field-level validation: each check wrapped so its error names the form or import
//! field it came from ("phone has only 4 digits"), for forms, the API and CSV rows.

use serde::Serialize;
use thiserror::Error;

use super::brn::{Brn, BrnError, validate_brn};
use super::phone::{Country, E164, PhoneError, normalise_phone};
use crate::identity::{EmailAddress, EmailError};

/// What was wrong, by kind of value.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Problem {
    /// The value is not an e-mail address.
    #[error(transparent)]
    Email(#[from] EmailError),
    /// The value is not a phone number.
    #[error(transparent)]
    Phone(#[from] PhoneError),
    /// The value is not a valid business registration number.
    #[error(transparent)]
    Brn(#[from] BrnError),
}

impl Problem {
    /// A stable code for the app to translate (`invalid_phone` …).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Email(_) => "invalid_email",
            Self::Phone(_) => "invalid_phone",
            Self::Brn(_) => "invalid_brn",
        }
    }
}

/// A value that failed validation, with the field it was in.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field} {problem}")]
pub struct ValidationError {
    /// The field's name as the form, API or CSV header gave it.
    pub field: String,
    /// What was wrong with its value.
    pub problem: Problem,
}

impl Serialize for ValidationError {
    /// `{ "field", "code", "message" }`, the shape capture's field errors have.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("ValidationError", 3)?;
        s.serialize_field("field", &self.field)?;
        s.serialize_field("code", self.problem.code())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

fn at<T, E: Into<Problem>>(field: &str, result: Result<T, E>) -> Result<T, ValidationError> {
    result.map_err(|problem| ValidationError {
        field: field.to_owned(),
        problem: problem.into(),
    })
}

/// Checks the e-mail in `field`.
pub fn validate_email_field(field: &str, raw: &str) -> Result<EmailAddress, ValidationError> {
    at(field, EmailAddress::parse(raw))
}

/// Normalises the phone number in `field`, read in `default_country` when it has no
/// country code.
pub fn validate_phone_field(
    field: &str,
    raw: &str,
    default_country: Country,
) -> Result<E164, ValidationError> {
    at(field, normalise_phone(raw, default_country))
}

/// Checks the business registration number in `field`.
pub fn validate_brn_field(field: &str, raw: &str) -> Result<Brn, ValidationError> {
    at(field, validate_brn(raw))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_field_and_the_problem() {
        let cases = [
            (
                validate_phone_field("mobile", "1234", Country::Kr).map(|_| ()),
                "mobile has only 4 digits",
                "invalid_phone",
            ),
            (
                validate_brn_field("사업자등록번호", "220-81-62518").map(|_| ()),
                "사업자등록번호 has check digit 8 where 7 was expected (check for a typo)",
                "invalid_brn",
            ),
            (
                validate_email_field("work_email", "kim@acme").map(|_| ()),
                "work_email has an invalid domain after the @ (for example acme.co.kr)",
                "invalid_email",
            ),
        ];
        for (result, message, code) in cases {
            let error = result.unwrap_err();
            assert_eq!(error.to_string(), message);
            assert_eq!(error.problem.code(), code);
            let json = serde_json::to_value(&error).unwrap();
            assert_eq!(json["message"], message);
            assert_eq!(json["code"], code);
        }
        assert_eq!(
            validate_phone_field("phone", "010-1234-5678", Country::Kr).map(E164::into_string),
            Ok("+821012345678".to_owned())
        );
    }
}
