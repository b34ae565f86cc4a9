//! Capture: turning the body of a form post into a validated new lead, or into errors
//! that name each field at fault. The worker calls this for every submission; the app
//! will call the same code for leads typed in offline.

mod body;
mod email;
mod idempotency;
mod parts;
mod rate_limit;
mod turnstile;
mod validate;

pub(crate) use body::decode_component;
pub use body::{
    BodyKind, DecodeError, FieldMap, MAX_BODY_BYTES, MAX_FIELDS, decode_body, media_type,
};
pub use email::{EmailError, normalise_email};
pub use idempotency::{
    IdSource, MAX_SUBMISSION_ID_CHARS, MIN_SUBMISSION_ID_CHARS, SubmissionId, SubmissionIdError,
};
pub use parts::{Part, fields_from_parts};
pub use rate_limit::{RateDecision, RateLimitPolicy, RatePolicyError, RateWindow, decide};
pub use turnstile::{
    MAX_TURNSTILE_TOKEN_CHARS, SiteverifyResponse, TURNSTILE_FIELD, plausible_token,
};
pub use validate::{FieldError, FieldErrorCode, NewLead, validate_submission};
