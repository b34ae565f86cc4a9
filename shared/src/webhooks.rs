//! Outbound webhooks: the events a workspace can subscribe to, their JSON envelope,
//! Standard Webhooks signing and verification, the retry schedule and the delivery log.
//! The worker sends; this module decides what is sent, how it is signed, which
//! endpoints are acceptable and receive what, and when to try again.

mod delivery;
mod endpoint;
mod event;
mod lead_events;
mod message;
mod retry;
mod setting;
mod signing;
mod url;

pub use delivery::{AttemptOutcome, DeliveryLog, DeliveryStatus};
pub use endpoint::{
    EventFilter, MAX_DESCRIPTION_CHARS, StoredFilterError, ValidEndpoint, validate_new_endpoint,
};
pub use event::{LeadCreated, WaitingTooLong, WebhookEnvelope, WebhookEvent, WebhookEventType};
pub use message::WebhookMessage;
pub use retry::{RetrySchedule, RetryScheduleError};
pub use setting::RetrySettingError;
pub use signing::{
    HEADER_ID, HEADER_SIGNATURE, HEADER_TIMESTAMP, SignatureError, TIMESTAMP_TOLERANCE_SECS,
    WebhookSecret, sign, sign_all, verify,
};
pub use url::{EndpointUrlError, MAX_URL_CHARS, check_endpoint_url};
