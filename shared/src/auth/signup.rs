//! Checks of what sign-up, sign-in and token creation receive, every problem reported
//! at once with the field it belongs to, as capture forms do.

use crate::api::{CreateTokenRequest, LoginRequest, SignupRequest};
use crate::capture::{FieldError, FieldErrorCode};
use crate::identity::EmailAddress;

use super::password::validate_password;
use super::role::Role;

/// Longest display, workspace or token name, in characters.
const MAX_NAME_CHARS: usize = 100;
/// Longest workspace id a sign-in may name: ids are UUIDs (36) or `default`.
const MAX_WORKSPACE_ID_CHARS: usize = 64;

/// A sign-up that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidSignup {
    /// Normalised e-mail address: the account's key.
    pub email: String,
    /// The password as typed, to be hashed.
    pub password: String,
    /// The person's name, trimmed.
    pub display_name: String,
    /// The new workspace's name, trimmed.
    pub workspace_name: String,
}

/// A sign-in with both fields present and the address well-formed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidLogin {
    /// Normalised e-mail address.
    pub email: String,
    /// The password as typed.
    pub password: String,
    /// The workspace asked for, trimmed; `None` for the earliest membership.
    pub workspace_id: Option<String>,
}

/// A token request that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidToken {
    /// What the token is for, trimmed.
    pub name: String,
    /// The role the token acts with.
    pub role: Role,
}

/// Checks a sign-up.
pub fn validate_signup(request: &SignupRequest) -> Result<ValidSignup, Vec<FieldError>> {
    let mut errors = Vec::new();
    let email = email(&request.email, &mut errors);
    if request.password.is_empty() {
        errors.push(required("password"));
    } else if let Err(problem) =
        validate_password(&request.password, email.as_deref().unwrap_or_default())
    {
        errors.push(problem.to_field_error());
    }
    let display_name = name("name", &request.name, &mut errors);
    let workspace_name = name("workspace_name", &request.workspace_name, &mut errors);
    match (email, display_name, workspace_name) {
        (Some(email), Some(display_name), Some(workspace_name)) if errors.is_empty() => {
            Ok(ValidSignup {
                email,
                password: request.password.clone(),
                display_name,
                workspace_name,
            })
        }
        _ => Err(errors),
    }
}

/// Checks a sign-in's shape; whether it matches an account is the worker's lookup.
pub fn validate_login(request: &LoginRequest) -> Result<ValidLogin, Vec<FieldError>> {
    let mut errors = Vec::new();
    let email = email(&request.email, &mut errors);
    if request.password.is_empty() {
        errors.push(required("password"));
    }
    let workspace_id = request
        .workspace_id
        .as_deref()
        .map(str::trim)
        .filter(|id| !id.is_empty());
    if workspace_id.is_some_and(|id| id.chars().count() > MAX_WORKSPACE_ID_CHARS) {
        errors.push(FieldError {
            field: "workspace_id".into(),
            code: FieldErrorCode::TooLong,
            message: format!("workspace_id is longer than {MAX_WORKSPACE_ID_CHARS} characters"),
        });
    }
    match email {
        Some(email) if errors.is_empty() => Ok(ValidLogin {
            email,
            password: request.password.clone(),
            workspace_id: workspace_id.map(str::to_owned),
        }),
        _ => Err(errors),
    }
}

/// Checks a token request. A token with no role named gets `sales`, the role that can
/// change least: an integration should ask for more, not receive it by default.
pub fn validate_new_token(request: &CreateTokenRequest) -> Result<ValidToken, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = name("name", &request.name, &mut errors);
    let role = match request.role.as_deref() {
        None => Some(Role::Sales),
        Some(text) => role(text, &mut errors),
    };
    match (name, role) {
        (Some(name), Some(role)) if errors.is_empty() => Ok(ValidToken { name, role }),
        _ => Err(errors),
    }
}

pub(super) fn required(field: &str) -> FieldError {
    FieldError {
        field: field.into(),
        code: FieldErrorCode::Required,
        message: format!("{field} is required"),
    }
}

/// The role named by `text`, or its problem pushed onto `errors`.
pub(super) fn role(text: &str, errors: &mut Vec<FieldError>) -> Option<Role> {
    match text.parse::<Role>() {
        Ok(role) => Some(role),
        Err(problem) => {
            errors.push(FieldError {
                field: "role".into(),
                code: FieldErrorCode::UnknownValue,
                message: problem.to_string(),
            });
            None
        }
    }
}

/// The address in normal form, or its problem pushed onto `errors`.
pub(super) fn email(raw: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    if raw.trim().is_empty() {
        errors.push(required("email"));
        return None;
    }
    match EmailAddress::parse(raw) {
        Ok(email) => Some(email.into_string()),
        Err(problem) => {
            errors.push(FieldError {
                field: "email".into(),
                code: FieldErrorCode::InvalidEmail,
                message: format!("email {problem}"),
            });
            None
        }
    }
}

/// The name trimmed, or its problem pushed onto `errors`.
pub(super) fn name(field: &str, raw: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        errors.push(required(field));
        None
    } else if trimmed.chars().count() > MAX_NAME_CHARS {
        errors.push(FieldError {
            field: field.into(),
            code: FieldErrorCode::TooLong,
            message: format!("{field} is longer than {MAX_NAME_CHARS} characters"),
        });
        None
    } else if trimmed.chars().any(char::is_control) {
        // A name is one line shown in lists and logs: NUL, line breaks and escape
        // sequences have no place in it (a NUL-only token name was stored before the
        // malformed-request corpus caught it).
        errors.push(FieldError {
            field: field.into(),
            code: FieldErrorCode::InvalidName,
            message: format!("{field} must not contain control characters"),
        });
        None
    } else {
        Some(trimmed.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signup(email: &str, password: &str, name: &str, workspace: &str) -> SignupRequest {
        SignupRequest {
            email: email.into(),
            password: password.into(),
            name: name.into(),
            workspace_name: workspace.into(),
        }
    }

    fn fields(errors: Vec<FieldError>) -> Vec<(String, FieldErrorCode)> {
        errors.into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn sign_ups_are_checked_field_by_field() {
        use FieldErrorCode::*;
        let cases: Vec<(SignupRequest, Vec<(&str, FieldErrorCode)>)> = vec![
            (
                signup("", "", "", ""),
                vec![
                    ("email", Required),
                    ("password", Required),
                    ("name", Required),
                    ("workspace_name", Required),
                ],
            ),
            (
                signup("kim@acme", "long enough pw", "김민수", "에이크미"),
                vec![("email", InvalidEmail)],
            ),
            (
                signup("kim@acme.kr", "short", "김민수", "  "),
                vec![("password", TooShort), ("workspace_name", Required)],
            ),
            (
                signup("kim@acme.kr", "kim@acme.kr", "김민수", "에이크미"),
                vec![("password", SameAsEmail)],
            ),
            (
                signup("kim@acme.kr", "zzzzzzzzzzzz", &"가".repeat(101), "에이크미"),
                vec![("password", RepeatedCharacter), ("name", TooLong)],
            ),
        ];
        for (request, expected) in cases {
            let expected: Vec<(String, FieldErrorCode)> = expected
                .into_iter()
                .map(|(f, c)| (f.to_owned(), c))
                .collect();
            assert_eq!(
                validate_signup(&request).map_err(fields),
                Err(expected),
                "{request:?}"
            );
        }
    }

    #[test]
    fn a_valid_sign_up_is_normalised() {
        let valid = validate_signup(&signup(
            " Kim@Acme.KR ",
            "pass phrase 1",
            " 김민수 ",
            "에이크미 ",
        ));
        assert_eq!(
            valid,
            Ok(ValidSignup {
                email: "kim@acme.kr".into(),
                password: "pass phrase 1".into(),
                display_name: "김민수".into(),
                workspace_name: "에이크미".into(),
            })
        );
    }

    #[test]
    fn sign_ins_need_an_address_and_a_password_but_no_policy() {
        let login = |email: &str, password: &str| {
            validate_login(&LoginRequest {
                email: email.into(),
                password: password.into(),
                workspace_id: None,
            })
            .map_err(fields)
        };
        assert_eq!(
            login("Kim@Acme.kr", "x"),
            Ok(ValidLogin {
                email: "kim@acme.kr".into(),
                password: "x".into(),
                workspace_id: None,
            })
        );
        assert_eq!(
            login("", ""),
            Err(vec![
                ("email".into(), FieldErrorCode::Required),
                ("password".into(), FieldErrorCode::Required)
            ])
        );
        assert_eq!(
            login("nope", "x"),
            Err(vec![("email".into(), FieldErrorCode::InvalidEmail)])
        );
    }

    #[test]
    fn a_sign_in_may_name_its_workspace() {
        let login = |workspace_id: Option<&str>| {
            validate_login(&LoginRequest {
                email: "kim@acme.kr".into(),
                password: "x".into(),
                workspace_id: workspace_id.map(str::to_owned),
            })
            .map(|valid| valid.workspace_id)
            .map_err(fields)
        };
        assert_eq!(login(None), Ok(None));
        assert_eq!(login(Some("  ")), Ok(None), "blank means the default");
        assert_eq!(login(Some(" default ")), Ok(Some("default".into())));
        assert_eq!(
            login(Some(&"x".repeat(65))),
            Err(vec![("workspace_id".into(), FieldErrorCode::TooLong)])
        );
    }

    #[test]
    fn token_requests_default_to_the_least_role() {
        let token = |name: &str, role: Option<&str>| {
            validate_new_token(&CreateTokenRequest {
                name: name.into(),
                role: role.map(str::to_owned),
            })
            .map_err(fields)
        };
        assert_eq!(
            token(" CRM sync ", None),
            Ok(ValidToken {
                name: "CRM sync".into(),
                role: Role::Sales
            })
        );
        assert_eq!(
            token("ads", Some("marketing")).map(|t| t.role),
            Ok(Role::Marketing)
        );
        for bad in ["\u{0}", "CRM\u{0}sync", "two\nlines", "\u{1b}[31mred"] {
            assert_eq!(
                token(bad, None),
                Err(vec![("name".into(), FieldErrorCode::InvalidName)]),
                "{bad:?}"
            );
        }
        assert_eq!(
            token("", Some("owner")),
            Err(vec![
                ("name".into(), FieldErrorCode::Required),
                ("role".into(), FieldErrorCode::UnknownValue)
            ])
        );
    }
}
