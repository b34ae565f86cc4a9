//! Outbound webhooks: the events a workspace can subscribe to, their JSON envelope,
//! Standard Webhooks signing and verification, the retry schedule and the delivery log.
//! The worker sends; this module decides what is sent, how it is signed and when to
//! try again.

mod delivery;
mod event;
mod retry;
mod signing;

pub use delivery::{AttemptOutcome, DeliveryLog, DeliveryStatus};
pub use event::{LeadCreated, WaitingTooLong, WebhookEnvelope, WebhookEvent, WebhookEventType};
pub use retry::{RetrySchedule, RetryScheduleError};
pub use signing::{
    HEADER_ID, HEADER_SIGNATURE, HEADER_TIMESTAMP, SignatureError, TIMESTAMP_TOLERANCE_SECS,
    WebhookSecret, sign, sign_all, verify,
};
