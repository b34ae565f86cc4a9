//! The delivery log: one record per message and endpoint, updated after each attempt,
//! so a workspace can see what was sent, what failed and when the next try is due.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::event::WebhookEventType;
use super::retry::RetrySchedule;

/// Longest error text kept; a failing endpoint's HTML error page is not worth storing.
const MAX_ERROR_CHARS: usize = 500;

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Not tried yet.
    Pending,
    /// Failed at least once; another attempt is scheduled.
    Retrying,
    /// The endpoint answered 2xx.
    Succeeded,
    /// Every attempt failed; no more will be made.
    GaveUp,
}

impl DeliveryStatus {
    /// The stored and wire name (its serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Retrying => "retrying",
            Self::Succeeded => "succeeded",
            Self::GaveUp => "gave_up",
        }
    }

    /// The status of a stored name; `None` for an unknown one.
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Pending, Self::Retrying, Self::Succeeded, Self::GaveUp]
            .into_iter()
            .find(|status| status.as_str() == name)
    }

    /// Whether no attempt will follow.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Succeeded | Self::GaveUp)
    }
}

/// What one attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttemptOutcome {
    /// The endpoint answered with this HTTP status; only 2xx counts as delivered.
    Responded {
        /// HTTP status code.
        status: u16,
    },
    /// No answer: DNS, connection, TLS or timeout.
    NetworkError {
        /// What the fetch reported.
        detail: String,
    },
}

/// One message to one endpoint, across all its attempts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryLog {
    /// The `webhook-id`, the same on every attempt so receivers can dedupe.
    pub msg_id: String,
    /// The subscribed endpoint.
    pub endpoint_id: Uuid,
    /// What was sent.
    pub event_type: WebhookEventType,
    /// Where it stands.
    pub status: DeliveryStatus,
    /// Attempts made so far.
    pub attempts: u32,
    /// HTTP status of the last answer, if there was one.
    #[serde(default)]
    pub last_status_code: Option<u16>,
    /// Why the last attempt failed.
    #[serde(default)]
    pub last_error: Option<String>,
    /// When the last attempt was made.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub last_attempt_at: Option<OffsetDateTime>,
    /// When the next attempt is due; `None` once delivered or given up.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub next_attempt_at: Option<OffsetDateTime>,
    /// When the message was queued.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl DeliveryLog {
    /// A delivery queued at `now`, due at once.
    pub fn new(
        msg_id: impl Into<String>,
        endpoint_id: Uuid,
        event_type: WebhookEventType,
        now: OffsetDateTime,
    ) -> Self {
        Self {
            msg_id: msg_id.into(),
            endpoint_id,
            event_type,
            status: DeliveryStatus::Pending,
            attempts: 0,
            last_status_code: None,
            last_error: None,
            last_attempt_at: None,
            next_attempt_at: Some(now),
            created_at: now,
        }
    }

    /// Whether an attempt should be made at `now`.
    pub fn is_due(&self, now: OffsetDateTime) -> bool {
        self.next_attempt_at.is_some_and(|at| at <= now)
    }

    /// Records an attempt made at `at` and schedules the next one, or gives up, per
    /// `schedule`; `jitter` is the caller's draw in `[0, 1]`.
    pub fn record_attempt(
        &mut self,
        outcome: AttemptOutcome,
        at: OffsetDateTime,
        schedule: &RetrySchedule,
        jitter: f64,
    ) {
        self.attempts = self.attempts.saturating_add(1);
        self.last_attempt_at = Some(at);
        let error = match outcome {
            AttemptOutcome::Responded { status } => {
                self.last_status_code = Some(status);
                if (200..300).contains(&status) {
                    self.status = DeliveryStatus::Succeeded;
                    self.last_error = None;
                    self.next_attempt_at = None;
                    return;
                }
                format!("endpoint answered http {status}")
            }
            AttemptOutcome::NetworkError { detail } => {
                self.last_status_code = None;
                detail.chars().take(MAX_ERROR_CHARS).collect()
            }
        };
        self.last_error = Some(error);
        match schedule.delay_after(self.attempts, jitter) {
            Some(delay) => {
                self.status = DeliveryStatus::Retrying;
                self.next_attempt_at = Some(at + delay);
            }
            None => {
                self.status = DeliveryStatus::GaveUp;
                self.next_attempt_at = None;
            }
        }
    }
}

impl DeliveryLog {
    /// Stops a delivery that has not finished without another attempt (its endpoint was
    /// deleted): it gives up with `reason` as its last error. A finished delivery keeps
    /// its outcome.
    pub fn abandon(&mut self, reason: &str) {
        if self.status.is_final() {
            return;
        }
        self.status = DeliveryStatus::GaveUp;
        self.next_attempt_at = None;
        self.last_error = Some(reason.chars().take(MAX_ERROR_CHARS).collect());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;
    use time::macros::datetime;

    #[test]
    fn a_delivery_retries_then_succeeds_or_gives_up() {
        let start = datetime!(2026-11-24 09:00 UTC);
        let schedule = RetrySchedule::default();
        let mut log = DeliveryLog::new(
            "msg_1",
            Uuid::from_u128(9),
            WebhookEventType::LeadCreated,
            start,
        );
        assert!(log.is_due(start));

        log.record_attempt(
            AttemptOutcome::Responded { status: 503 },
            start,
            &schedule,
            0.0,
        );
        assert_eq!(log.status, DeliveryStatus::Retrying);
        assert_eq!(
            log.last_error.as_deref(),
            Some("endpoint answered http 503")
        );
        assert_eq!(log.next_attempt_at, Some(start + Duration::seconds(5)));
        assert!(!log.is_due(start + Duration::seconds(4)));

        let retry_at = start + Duration::seconds(5);
        log.record_attempt(
            AttemptOutcome::Responded { status: 204 },
            retry_at,
            &schedule,
            0.0,
        );
        assert_eq!(log.status, DeliveryStatus::Succeeded);
        assert_eq!(
            (log.attempts, log.last_error.clone(), log.next_attempt_at),
            (2, None, None)
        );

        let mut failing = DeliveryLog::new(
            "msg_2",
            Uuid::from_u128(9),
            WebhookEventType::HandoffRejected,
            start,
        );
        let mut at = start;
        for _ in 0..schedule.max_attempts {
            failing.record_attempt(
                AttemptOutcome::NetworkError {
                    detail: "timeout".into(),
                },
                at,
                &schedule,
                0.5,
            );
            at = failing.next_attempt_at.unwrap_or(at);
        }
        assert_eq!(failing.status, DeliveryStatus::GaveUp);
        assert_eq!(failing.attempts, 8);
        assert_eq!(failing.next_attempt_at, None);
        assert_eq!(failing.last_error.as_deref(), Some("timeout"));
    }

    #[test]
    fn deleting_the_endpoint_gives_up_unfinished_deliveries_only() {
        let start = datetime!(2026-11-24 09:00 UTC);
        let schedule = RetrySchedule::default();
        let mut retrying = DeliveryLog::new(
            "msg_1",
            Uuid::from_u128(9),
            WebhookEventType::LeadCreated,
            start,
        );
        retrying.record_attempt(
            AttemptOutcome::Responded { status: 500 },
            start,
            &schedule,
            0.0,
        );
        retrying.abandon("endpoint was deleted");
        assert_eq!(
            (
                retrying.status,
                retrying.attempts,
                retrying.last_status_code,
                retrying.last_error.as_deref(),
                retrying.next_attempt_at
            ),
            (
                DeliveryStatus::GaveUp,
                1,
                Some(500),
                Some("endpoint was deleted"),
                None
            )
        );
        let mut done = DeliveryLog::new(
            "msg_2",
            Uuid::from_u128(9),
            WebhookEventType::LeadCreated,
            start,
        );
        done.record_attempt(
            AttemptOutcome::Responded { status: 200 },
            start,
            &schedule,
            0.0,
        );
        let before = done.clone();
        done.abandon("endpoint was deleted");
        assert_eq!(done, before);
    }

    #[test]
    fn status_names_match_their_serde_names() {
        for status in [
            DeliveryStatus::Pending,
            DeliveryStatus::Retrying,
            DeliveryStatus::Succeeded,
            DeliveryStatus::GaveUp,
        ] {
            assert_eq!(
                serde_json::to_value(status).unwrap(),
                serde_json::json!(status.as_str())
            );
            assert_eq!(DeliveryStatus::from_name(status.as_str()), Some(status));
        }
        assert_eq!(DeliveryStatus::from_name("failed"), None);
    }
}
