//! Validation of a decoded submission: the minimum a lead form asks for (e-mail, name,
//! company), every problem reported at once with the field it belongs to.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::body::FieldMap;
use super::email::normalise_email;

/// Longest name or company accepted; longer is junk or an attack, not a person.
const MAX_NAME_CHARS: usize = 200;
/// Longest name of an extra field kept with the lead.
const MAX_EXTRA_NAME_CHARS: usize = 64;
/// Longest value of an extra field kept with the lead.
const MAX_EXTRA_VALUE_CHARS: usize = 2000;

/// What kind of problem a field has; stable codes the app translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldErrorCode {
    Required,
    TooLong,
    InvalidEmail,
    NotText,
    InvalidName,
    /// A required consent item was not granted.
    ConsentRequired,
    /// A select value that is not one of the field's options.
    NotAnOption,
    /// A number field whose value is not a number.
    NotANumber,
    /// A checkbox whose value is neither checked nor unchecked.
    NotABoolean,
    /// A phone number that cannot be read as one (see `validation::normalise_phone`).
    InvalidPhone,
    /// A form definition that breaks a rule (the message says which).
    InvalidDefinition,
    /// Shorter than the least length accepted (passwords).
    TooShort,
    /// One character repeated (passwords).
    RepeatedCharacter,
    /// Equal to the account's e-mail address (passwords).
    SameAsEmail,
    /// Already used by another account (sign-up e-mail).
    Taken,
    /// Not one of the values the field accepts (a token's role, an event type).
    UnknownValue,
    /// Not a UUID (a tracking event's `event_id` or `visitor_id`).
    InvalidUuid,
    /// Not a URL the field accepts (a webhook endpoint must be https, a tracked page an
    /// absolute http(s) URL).
    InvalidUrl,
    /// More entries than the field takes (a tracking event's `props`).
    TooMany,
    /// Not an RFC 3339 time (a tracking event's `at_client`).
    InvalidTime,
}

/// One field at fault, with a sentence naming the problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: FieldErrorCode,
    pub message: String,
}

impl FieldError {
    /// An error for `field`.
    pub fn new(field: &str, code: FieldErrorCode, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            code,
            message: message.into(),
        }
    }
}

/// A submission that passed validation, ready to be stored as a lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLead {
    /// Trimmed and lower-cased.
    pub email: String,
    pub name: String,
    pub company: String,
    /// Every other field the form sent, kept so nothing a prospect typed is lost.
    pub extra: BTreeMap<String, String>,
}

/// Checks a submission and returns the lead it describes, or every field error at once.
pub fn validate_submission(fields: &FieldMap) -> Result<NewLead, Vec<FieldError>> {
    let mut errors = Vec::new();

    let email = match fields.get("email") {
        None => {
            errors.push(FieldError::new(
                "email",
                FieldErrorCode::Required,
                "email is required",
            ));
            None
        }
        Some(raw) => match normalise_email(raw) {
            Ok(email) => Some(email),
            Err(problem) => {
                errors.push(FieldError::new(
                    "email",
                    FieldErrorCode::InvalidEmail,
                    format!("email {problem}"),
                ));
                None
            }
        },
    };
    let name = required_text(fields, "name", &mut errors);
    let company = required_text(fields, "company", &mut errors);

    let mut extra = BTreeMap::new();
    for (field, value) in fields.iter() {
        if matches!(field, "email" | "name" | "company") {
            continue;
        }
        if field.is_empty() || field.chars().count() > MAX_EXTRA_NAME_CHARS {
            errors.push(FieldError::new(
                field,
                FieldErrorCode::InvalidName,
                format!("field names must be 1 to {MAX_EXTRA_NAME_CHARS} characters"),
            ));
        } else if value.chars().count() > MAX_EXTRA_VALUE_CHARS {
            errors.push(FieldError::new(
                field,
                FieldErrorCode::TooLong,
                format!("{field} is longer than {MAX_EXTRA_VALUE_CHARS} characters"),
            ));
        } else if !value.trim().is_empty() {
            extra.insert(field.to_owned(), value.trim().to_owned());
        }
    }

    match (email, name, company) {
        (Some(email), Some(name), Some(company)) if errors.is_empty() => Ok(NewLead {
            email,
            name,
            company,
            extra,
        }),
        _ => Err(errors),
    }
}

fn required_text(fields: &FieldMap, field: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    match fields.get(field) {
        None => {
            errors.push(FieldError::new(
                field,
                FieldErrorCode::Required,
                format!("{field} is required"),
            ));
            None
        }
        Some(value) if value.chars().count() > MAX_NAME_CHARS => {
            errors.push(FieldError::new(
                field,
                FieldErrorCode::TooLong,
                format!("{field} is longer than {MAX_NAME_CHARS} characters"),
            ));
            None
        }
        Some(value) => Some(value.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> FieldMap {
        pairs.iter().copied().collect()
    }

    fn codes(result: Result<NewLead, Vec<FieldError>>) -> Vec<(String, FieldErrorCode)> {
        result
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn a_complete_submission_becomes_a_lead() {
        let lead = validate_submission(&fields(&[
            ("email", " Minsu@Acme.co.kr "),
            ("name", "김민수"),
            ("company", "에이크미 주식회사"),
            ("title", "마케팅 팀장"),
            ("utm_source", ""),
        ]))
        .unwrap();
        assert_eq!(lead.email, "minsu@acme.co.kr");
        assert_eq!(lead.name, "김민수");
        assert_eq!(lead.company, "에이크미 주식회사");
        assert_eq!(
            lead.extra,
            BTreeMap::from([("title".to_owned(), "마케팅 팀장".to_owned())])
        );
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let cases: Vec<(FieldMap, Vec<(&str, FieldErrorCode)>)> = vec![
            (
                fields(&[]),
                vec![
                    ("email", FieldErrorCode::Required),
                    ("name", FieldErrorCode::Required),
                    ("company", FieldErrorCode::Required),
                ],
            ),
            (
                fields(&[("email", "nope"), ("name", "  "), ("company", "Acme")]),
                vec![
                    ("email", FieldErrorCode::InvalidEmail),
                    ("name", FieldErrorCode::Required),
                ],
            ),
            (
                fields(&[
                    ("email", "a@acme.com"),
                    ("name", &"가".repeat(201)),
                    ("company", "Acme"),
                    ("note", &"x".repeat(2001)),
                ]),
                vec![
                    ("name", FieldErrorCode::TooLong),
                    ("note", FieldErrorCode::TooLong),
                ],
            ),
        ];
        for (input, expected) in cases {
            let expected: Vec<(String, FieldErrorCode)> = expected
                .into_iter()
                .map(|(f, c)| (f.to_owned(), c))
                .collect();
            assert_eq!(codes(validate_submission(&input)), expected, "{input:?}");
        }
    }

    #[test]
    fn error_messages_name_the_field() {
        let errors = validate_submission(&fields(&[("email", "kim@acme")])).unwrap_err();
        assert_eq!(
            errors[0].message,
            "email has an invalid domain after the @ (for example acme.co.kr)"
        );
        assert_eq!(errors[1].message, "name is required");
    }
}
