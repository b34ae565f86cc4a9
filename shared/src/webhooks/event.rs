//! The events a workspace can subscribe to and the JSON envelope they travel in:
//! `{ "type": "lead.created", "timestamp": "…", "data": { … } }`, as Standard Webhooks
//! recommends. Type names are a public contract: never rename one.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::handoff::WaitReason;
use crate::model::{EntryPath, Handoff, LeadId, StageChange, WorkspaceId};

/// The kinds of event, by their wire name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum WebhookEventType {
    /// A new lead was stored.
    #[serde(rename = "lead.created")]
    LeadCreated,
    /// A lead moved between stages.
    #[serde(rename = "lead.stage_changed")]
    LeadStageChanged,
    /// A lead was handed to a rep.
    #[serde(rename = "handoff.assigned")]
    HandoffAssigned,
    /// The rep accepted a handoff.
    #[serde(rename = "handoff.accepted")]
    HandoffAccepted,
    /// The rep rejected a handoff.
    #[serde(rename = "handoff.rejected")]
    HandoffRejected,
    /// A lead has waited for a rep longer than the workspace allows.
    #[serde(rename = "handoff.waiting_too_long")]
    HandoffWaitingTooLong,
}

impl WebhookEventType {
    /// Every type, for subscription pickers.
    pub const ALL: [WebhookEventType; 6] = [
        Self::LeadCreated,
        Self::LeadStageChanged,
        Self::HandoffAssigned,
        Self::HandoffAccepted,
        Self::HandoffRejected,
        Self::HandoffWaitingTooLong,
    ];

    /// The wire name, e.g. `lead.created`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::LeadCreated => "lead.created",
            Self::LeadStageChanged => "lead.stage_changed",
            Self::HandoffAssigned => "handoff.assigned",
            Self::HandoffAccepted => "handoff.accepted",
            Self::HandoffRejected => "handoff.rejected",
            Self::HandoffWaitingTooLong => "handoff.waiting_too_long",
        }
    }

    /// The type of a wire name; `None` for an unknown one (names are case-sensitive).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

/// What `lead.created` carries: who the lead is and where they came from. Deliberately
/// not the whole lead: consent records and custom fields stay inside the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadCreated {
    /// The new lead.
    pub lead_id: LeadId,
    /// Its workspace.
    pub workspace_id: WorkspaceId,
    /// Normalised e-mail, when known.
    #[serde(default)]
    pub email: Option<String>,
    /// Display name.
    pub name: String,
    /// Company as typed.
    #[serde(default)]
    pub company: Option<String>,
    /// Marketing source label.
    #[serde(default)]
    pub source: Option<String>,
    /// How the lead entered.
    pub entry_path: EntryPath,
    /// The capturing form, for form entries.
    #[serde(default)]
    pub form_id: Option<String>,
}

/// What `handoff.waiting_too_long` carries: the lead still waiting, since when, and why
/// no rep took it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingTooLong {
    pub lead_id: LeadId,
    #[serde(with = "time::serde::rfc3339")]
    pub queued_at: OffsetDateTime,
    /// Seconds waited when the alert was raised.
    pub waited_secs: i64,
    /// `no_capacity`, `no_eligible_rep` or `not_a_working_day`.
    pub reason: WaitReason,
}

/// One event with its data; serialises as `{ "type": …, "data": … }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "data")]
pub enum WebhookEvent {
    /// See [`WebhookEventType::LeadCreated`].
    #[serde(rename = "lead.created")]
    LeadCreated(LeadCreated),
    /// See [`WebhookEventType::LeadStageChanged`].
    #[serde(rename = "lead.stage_changed")]
    LeadStageChanged(StageChange),
    /// See [`WebhookEventType::HandoffAssigned`].
    #[serde(rename = "handoff.assigned")]
    HandoffAssigned(Handoff),
    /// See [`WebhookEventType::HandoffAccepted`].
    #[serde(rename = "handoff.accepted")]
    HandoffAccepted(Handoff),
    /// See [`WebhookEventType::HandoffRejected`].
    #[serde(rename = "handoff.rejected")]
    HandoffRejected(Handoff),
    /// See [`WebhookEventType::HandoffWaitingTooLong`].
    #[serde(rename = "handoff.waiting_too_long")]
    HandoffWaitingTooLong(WaitingTooLong),
}

impl WebhookEvent {
    /// The event's type, for matching subscriptions.
    pub fn event_type(&self) -> WebhookEventType {
        match self {
            Self::LeadCreated(_) => WebhookEventType::LeadCreated,
            Self::LeadStageChanged(_) => WebhookEventType::LeadStageChanged,
            Self::HandoffAssigned(_) => WebhookEventType::HandoffAssigned,
            Self::HandoffAccepted(_) => WebhookEventType::HandoffAccepted,
            Self::HandoffRejected(_) => WebhookEventType::HandoffRejected,
            Self::HandoffWaitingTooLong(_) => WebhookEventType::HandoffWaitingTooLong,
        }
    }
}

/// The body sent to an endpoint: `{ "type", "timestamp", "data" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookEnvelope {
    /// The event, flattened into `type` and `data`.
    #[serde(flatten)]
    pub event: WebhookEvent,
    /// When the event happened (not when it was sent: retries keep it).
    #[serde(with = "time::serde::rfc3339")]
    pub timestamp: OffsetDateTime,
}

impl WebhookEnvelope {
    /// The exact bytes to sign and send.
    pub fn to_body(&self) -> Result<Vec<u8>, serde_json::Error> {
        serde_json::to_vec(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, HandoffId, HandoffOutcome, RejectReason, RepId, Stage};
    use serde_json::json;
    use time::macros::datetime;
    use uuid::Uuid;

    fn handoff(outcome: HandoffOutcome) -> Handoff {
        Handoff {
            id: HandoffId(Uuid::from_u128(3)),
            lead_id: LeadId(Uuid::from_u128(1)),
            rep_id: RepId(Uuid::from_u128(4)),
            at: datetime!(2026-11-24 09:00 UTC),
            sla_due: datetime!(2026-11-24 13:00 UTC),
            outcome,
        }
    }

    #[test]
    fn envelopes_have_type_timestamp_and_data_and_round_trip() {
        let at = datetime!(2026-11-24 09:30 UTC);
        let events = [
            WebhookEvent::LeadCreated(LeadCreated {
                lead_id: LeadId(Uuid::from_u128(1)),
                workspace_id: WorkspaceId(Uuid::from_u128(2)),
                email: Some("minsu@acme.co.kr".into()),
                name: "김민수".into(),
                company: Some("에이크미".into()),
                source: Some("webinar".into()),
                entry_path: EntryPath::Form,
                form_id: Some("contact".into()),
            }),
            WebhookEvent::LeadStageChanged(StageChange {
                lead_id: LeadId(Uuid::from_u128(1)),
                from: Some(Stage::Lead),
                to: Stage::Mql,
                at,
                actor: Actor::System {
                    rule: "mql-score".into(),
                },
                reason: None,
            }),
            WebhookEvent::HandoffAssigned(handoff(HandoffOutcome::Pending)),
            WebhookEvent::HandoffAccepted(handoff(HandoffOutcome::Accepted { at })),
            WebhookEvent::HandoffRejected(handoff(HandoffOutcome::Rejected {
                at,
                reason: RejectReason::NoBudget,
                note: None,
            })),
            WebhookEvent::HandoffWaitingTooLong(WaitingTooLong {
                lead_id: LeadId(Uuid::from_u128(1)),
                queued_at: at,
                waited_secs: 14_400,
                reason: WaitReason::NoCapacity,
            }),
        ];
        for event in events {
            let kind = event.event_type();
            let envelope = WebhookEnvelope {
                event,
                timestamp: at,
            };
            let value: serde_json::Value =
                serde_json::from_slice(&envelope.to_body().unwrap()).unwrap();
            assert_eq!(value["type"], json!(kind.as_str()));
            assert_eq!(value["timestamp"], json!("2026-11-24T09:30:00Z"));
            assert!(value["data"].is_object(), "{kind:?}");
            let back: WebhookEnvelope = serde_json::from_value(value).unwrap();
            assert_eq!(back, envelope);
        }
    }

    #[test]
    fn type_names_match_their_serde_names() {
        for kind in WebhookEventType::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), json!(kind.as_str()));
            assert_eq!(WebhookEventType::from_name(kind.as_str()), Some(kind));
        }
        for unknown in ["", "lead.deleted", "Lead.Created", " lead.created"] {
            assert_eq!(WebhookEventType::from_name(unknown), None, "{unknown:?}");
        }
    }
}
