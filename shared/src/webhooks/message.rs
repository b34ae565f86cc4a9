//! One event ready for the outbox: its envelope's exact bytes (what is signed and sent on
//! every attempt) and its `webhook-id`. The id is a hash of the workspace and those
//! bytes, so the code that records an event and the code that dispatches it after the
//! commit both derive it from the event alone, and recording one event twice yields one
//! message, not two.

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::auth::base64url;

use super::event::{WebhookEnvelope, WebhookEvent, WebhookEventType};

/// Prefix of every message id, as Standard Webhooks' examples use.
const ID_PREFIX: &str = "msg_";
/// Hash bytes kept in an id: 144 bits, far beyond any chance of two events colliding.
const ID_HASH_BYTES: usize = 18;
/// Domain separation: these hashes are ids, never to be confused with other SHA-256s.
const ID_DOMAIN: &[u8] = b"leadkit-webhook-message-v1";

/// An event as the outbox stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookMessage {
    /// `msg_` and 24 base64url characters; sent as `webhook-id`.
    pub id: String,
    /// What happened, for matching subscriptions.
    pub event_type: WebhookEventType,
    /// The JSON envelope `{type, timestamp, data}`, exactly as signed and sent.
    pub body: String,
}

impl WebhookMessage {
    /// The message for `event`, which happened at `at` in `workspace_id`.
    pub fn new(
        workspace_id: &str,
        event: WebhookEvent,
        at: OffsetDateTime,
    ) -> Result<Self, serde_json::Error> {
        let event_type = event.event_type();
        let envelope = WebhookEnvelope {
            event,
            timestamp: at,
        };
        let body = serde_json::to_string(&envelope)?;
        let digest = Sha256::new()
            .chain_update(ID_DOMAIN)
            .chain_update([0])
            .chain_update(workspace_id.as_bytes())
            .chain_update([0])
            .chain_update(body.as_bytes())
            .finalize();
        Ok(Self {
            id: format!("{ID_PREFIX}{}", base64url(&digest[..ID_HASH_BYTES])),
            event_type,
            body,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryPath, LeadId, WorkspaceId};
    use crate::webhooks::LeadCreated;
    use time::macros::datetime;
    use uuid::Uuid;

    fn created(lead: u128) -> WebhookEvent {
        WebhookEvent::LeadCreated(LeadCreated {
            lead_id: LeadId(Uuid::from_u128(lead)),
            workspace_id: WorkspaceId(Uuid::from_u128(2)),
            email: Some("minsu@acme.co.kr".into()),
            name: "김민수".into(),
            company: None,
            source: None,
            entry_path: EntryPath::Form,
            form_id: Some("contact".into()),
        })
    }

    #[test]
    fn ids_follow_the_event_and_only_the_event() {
        let at = datetime!(2026-11-24 09:00 UTC);
        let message = WebhookMessage::new("default", created(1), at).unwrap();
        assert_eq!(message.event_type, WebhookEventType::LeadCreated);
        assert!(message.id.starts_with("msg_"));
        assert_eq!(message.id.len(), 4 + 24);
        assert!(
            message.id[4..]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "{}",
            message.id
        );
        let body: serde_json::Value = serde_json::from_str(&message.body).unwrap();
        assert_eq!(body["type"], "lead.created");
        assert_eq!(body["timestamp"], "2026-11-24T09:00:00Z");
        assert_eq!(body["data"]["name"], "김민수");

        // The same event gives the same message; anything else, another id.
        assert_eq!(
            WebhookMessage::new("default", created(1), at).unwrap(),
            message
        );
        let others = [
            WebhookMessage::new("other", created(1), at).unwrap(),
            WebhookMessage::new("default", created(3), at).unwrap(),
            WebhookMessage::new("default", created(1), at + time::Duration::milliseconds(1))
                .unwrap(),
        ];
        for other in others {
            assert_ne!(other.id, message.id);
        }
    }
}
