//! Every way a request can fail, and the one place that turns a failure into an HTTP
//! answer: a status, and a JSON body that names the problem (and the field) for people
//! and programs. Internal details are logged, never returned.

use leadkit_shared::api::{ErrorBody, QueryError};
use leadkit_shared::auth::InvitationProblem;
use leadkit_shared::capture::{DecodeError, FieldError, FieldErrorCode, SubmissionIdError};
use leadkit_shared::tracking::TrackError;
use thiserror::Error;
use worker::Response;

/// A request the worker could not serve.
#[derive(Debug, Error)]
pub enum AppError {
    /// The body could not be read as form fields.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The body is longer than the endpoint reads.
    #[error("body of {len} bytes is over the limit of {max} bytes")]
    BodyTooLarge { len: usize, max: usize },
    /// A tracking event that cannot be read or has fields at fault.
    #[error(transparent)]
    Track(#[from] TrackError),
    /// The fields were read but some are missing or wrong.
    #[error("the submission has invalid fields")]
    Invalid { fields: Vec<FieldError> },
    /// The `Idempotency-Key` header or `submission_id` field is unusable.
    #[error(transparent)]
    SubmissionId(#[from] SubmissionIdError),
    /// A script on a page whose origin the form does not allow tried to post it.
    #[error("origin {origin:?} is not allowed to post this form")]
    OriginNotAllowed { origin: String },
    /// No form with this id exists.
    #[error("no form {form_id:?} exists")]
    UnknownForm { form_id: String },
    /// A query parameter is unusable.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// The request carries no usable credential, or one that is unknown, expired or
    /// revoked.
    #[error("sign in, or send \"Authorization: Bearer lk_live_…\": {reason}")]
    Unauthenticated { reason: String },
    /// Sign-in failed. One answer for an unknown address and a wrong password, so the
    /// answer never tells whether an address has an account.
    #[error("the e-mail address or the password is wrong")]
    InvalidCredentials,
    /// The caller is signed in but their role does not allow this.
    #[error("your role ({role}) may not {action}")]
    Forbidden { role: String, action: String },
    /// Nothing with this id exists in the caller's workspace (whether it exists in
    /// another workspace is nobody's business).
    #[error("no {what} with this id exists in your workspace")]
    NotFound { what: &'static str },
    /// Sign-out or a workspace switch called with an API token: only browser sessions
    /// sign out or move between workspaces.
    #[error(
        "only a browser session signs out or switches workspace; an API token acts in its own workspace (revoke one with DELETE /api/tokens/{{id}})"
    )]
    NotASession,
    /// Sign-up with an address that already has an account.
    #[error("an account with this e-mail address already exists; sign in instead")]
    EmailTaken,
    /// The Turnstile anti-bot check failed; nothing was stored.
    #[error("the anti-bot check failed ({reason}); reload the form and try again")]
    TurnstileFailed { reason: String },
    /// Too many requests of one kind from one address in the current window.
    #[error("too many requests from this address; try again in {retry_after_secs} seconds")]
    RateLimited { retry_after_secs: u32 },
    /// The request is valid but the resource is not in a state that allows it (a
    /// handoff already answered, a stage move the rules forbid).
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// An accept link that cannot be used: unknown (400), or expired, withdrawn or
    /// already used (410, gone for good).
    #[error(transparent)]
    Invitation(#[from] InvitationProblem),
    /// D1 or the runtime failed; the detail goes to the log only.
    #[error("storage failed: {detail}")]
    Storage { detail: String },
    /// Web Crypto failed; the detail goes to the log only.
    #[error("crypto failed: {detail}")]
    Crypto { detail: String },
}

impl From<worker::Error> for AppError {
    fn from(e: worker::Error) -> Self {
        Self::Storage {
            detail: e.to_string(),
        }
    }
}

impl AppError {
    /// A 422 naming one field and its problem.
    pub fn field(field: &str, code: FieldErrorCode, message: impl Into<String>) -> Self {
        Self::Invalid {
            fields: vec![FieldError::new(field, code, message)],
        }
    }

    /// A 422 naming `field` whose value breaks one of the endpoint's rules (a range, a
    /// setting the engine cannot use).
    pub fn breaks_rule(field: &str, message: impl Into<String>) -> Self {
        Self::field(field, FieldErrorCode::InvalidDefinition, message)
    }

    /// The HTTP status of this failure.
    pub fn status(&self) -> u16 {
        match self {
            Self::Decode(
                DecodeError::MissingContentType | DecodeError::UnsupportedMediaType { .. },
            ) => 415,
            Self::Decode(DecodeError::TooLarge { .. }) | Self::BodyTooLarge { .. } => 413,
            Self::Track(
                TrackError::MissingContentType | TrackError::UnsupportedMediaType { .. },
            ) => 415,
            Self::Track(TrackError::TooLarge { .. }) => 413,
            Self::Track(_) => 400,
            Self::Decode(
                DecodeError::FieldNotText { .. }
                | DecodeError::FileField { .. }
                | DecodeError::TooManyFields,
            ) => 422,
            Self::Decode(_) | Self::Query(_) | Self::NotASession | Self::SubmissionId(_) => 400,
            Self::OriginNotAllowed { .. } => 403,
            Self::Invalid { .. } => 422,
            Self::UnknownForm { .. } | Self::NotFound { .. } => 404,
            Self::Unauthenticated { .. } | Self::InvalidCredentials => 401,
            Self::Forbidden { .. } => 403,
            Self::EmailTaken | Self::Conflict { .. } => 409,
            Self::Invitation(InvitationProblem::Unknown) => 400,
            Self::Invitation(_) => 410,
            Self::RateLimited { .. } => 429,
            Self::TurnstileFailed { .. } => 403,
            Self::Storage { .. } | Self::Crypto { .. } => 500,
        }
    }

    /// The machine-readable code and the fields at fault.
    pub fn body(&self) -> ErrorBody {
        let (code, fields) = match self {
            Self::Decode(
                DecodeError::MissingContentType | DecodeError::UnsupportedMediaType { .. },
            ) => ("unsupported_media_type", vec![]),
            Self::Decode(DecodeError::TooLarge { .. }) | Self::BodyTooLarge { .. } => {
                ("body_too_large", vec![])
            }
            Self::Track(
                TrackError::MissingContentType | TrackError::UnsupportedMediaType { .. },
            ) => ("unsupported_media_type", vec![]),
            Self::Track(TrackError::TooLarge { .. }) => ("body_too_large", vec![]),
            Self::Track(TrackError::Invalid { fields }) => ("invalid_event", fields.clone()),
            Self::Track(_) => ("malformed_body", vec![]),
            Self::Decode(
                DecodeError::FieldNotText { field } | DecodeError::FileField { field },
            ) => (
                "validation_failed",
                vec![FieldError {
                    field: field.clone(),
                    code: FieldErrorCode::NotText,
                    message: self.to_string(),
                }],
            ),
            Self::Decode(DecodeError::TooManyFields) => ("too_many_fields", vec![]),
            Self::Decode(_) => ("malformed_body", vec![]),
            Self::SubmissionId(_) => ("bad_submission_id", vec![]),
            Self::OriginNotAllowed { .. } => ("origin_not_allowed", vec![]),
            Self::Invalid { fields } => ("validation_failed", fields.clone()),
            Self::UnknownForm { .. } => ("unknown_form", vec![]),
            Self::Query(_) => ("bad_query", vec![]),
            Self::Unauthenticated { .. } => ("unauthenticated", vec![]),
            Self::InvalidCredentials => ("invalid_credentials", vec![]),
            Self::NotASession => ("not_a_session", vec![]),
            Self::Forbidden { .. } => ("forbidden", vec![]),
            Self::NotFound { .. } => ("not_found", vec![]),
            Self::EmailTaken => (
                "email_taken",
                vec![FieldError {
                    field: "email".into(),
                    code: FieldErrorCode::Taken,
                    message: self.to_string(),
                }],
            ),
            Self::RateLimited { .. } => ("rate_limited", vec![]),
            Self::Conflict { code, .. } => (*code, vec![]),
            Self::Invitation(problem) => (problem.code(), vec![]),
            Self::TurnstileFailed { .. } => ("turnstile_failed", vec![]),
            Self::Storage { .. } | Self::Crypto { .. } => ("internal", vec![]),
        };
        let message = match self {
            Self::Storage { .. } | Self::Crypto { .. } => {
                "the request could not be completed; try again".to_owned()
            }
            Self::Invalid { fields } | Self::Track(TrackError::Invalid { fields }) => fields
                .iter()
                .map(|f| f.message.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            other => other.to_string(),
        };
        ErrorBody {
            error: code.to_owned(),
            message,
            fields,
        }
    }

    /// The JSON answer for this failure; internal failures are logged here.
    pub fn into_json_response(self) -> worker::Result<Response> {
        match &self {
            Self::Storage { detail } => worker::console_error!("storage failure: {detail}"),
            Self::Crypto { detail } => worker::console_error!("crypto failure: {detail}"),
            _ => {}
        }
        let mut response = Response::from_json(&self.body())?.with_status(self.status());
        if let Self::RateLimited { retry_after_secs } = self {
            response
                .headers_mut()
                .set("retry-after", &retry_after_secs.to_string())?;
        }
        Ok(response)
    }
}
