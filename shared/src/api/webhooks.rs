//! Wire types of `/api/webhooks`: endpoints (created with their secret shown once,
//! listed without it) and the delivery log with its query. Requests default every field
//! so a missing one reaches validation and is reported by name.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::webhooks::{DeliveryLog, DeliveryStatus, WebhookEventType};

use super::QueryError;

/// Deliveries one page of `GET /api/webhooks/deliveries` returns when no limit is named.
pub const DEFAULT_DELIVERIES_PAGE: u32 = 50;
/// Most deliveries one page returns.
pub const MAX_DELIVERIES_PAGE: u32 = 200;

/// `POST /api/webhooks`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CreateWebhookRequest {
    /// Where to POST events: `https://…` (or `http://127.0.0.1…` / `http://localhost…`
    /// for local development).
    pub url: String,
    /// What the endpoint is for ("CRM sync"); may be empty.
    pub description: String,
    /// Event type names to send, e.g. `["lead.created"]`; at least one.
    pub event_types: Vec<String>,
}

/// An endpoint without its secret, as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookEndpointSummary {
    /// Stable id, for deleting and for filtering the delivery log.
    pub id: Uuid,
    /// Where events go.
    pub url: String,
    /// What it is for.
    pub description: String,
    /// The events it receives, in their wire names' order.
    pub event_types: Vec<WebhookEventType>,
    /// When it was made.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// `POST /api/webhooks`: the new endpoint and its signing secret — the only time the
/// secret is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookCreated {
    /// Wire format version.
    pub schema_version: u32,
    /// The stored endpoint.
    pub endpoint: WebhookEndpointSummary,
    /// `whsec_<base64>`: verify `webhook-signature` with it (Standard Webhooks).
    pub secret: String,
}

/// `GET /api/webhooks`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookList {
    /// Wire format version.
    pub schema_version: u32,
    /// The workspace's active endpoints, newest first.
    pub endpoints: Vec<WebhookEndpointSummary>,
}

/// One line of the delivery log: one message to one endpoint, across its attempts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryRecord {
    /// Position in the log; page with `before=<id>`.
    pub id: u64,
    /// Message, endpoint, status, attempts, last answer and error, next attempt.
    #[serde(flatten)]
    pub log: DeliveryLog,
    /// When the record last changed.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// A page of `GET /api/webhooks/deliveries`, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveriesPage {
    /// Wire format version.
    pub schema_version: u32,
    /// The deliveries, newest first.
    pub deliveries: Vec<DeliveryRecord>,
    /// Ask with `before=<this>` for the next (older) page; `None` when this is the last.
    pub next_before: Option<u64>,
}

/// The parameters of `GET /api/webhooks/deliveries`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeliveriesQuery {
    /// Only this endpoint's deliveries.
    pub endpoint_id: Option<Uuid>,
    /// Only deliveries in this state.
    pub status: Option<DeliveryStatus>,
    /// Only deliveries older than this log id.
    pub before: Option<u64>,
    /// At most this many; 1 to [`MAX_DELIVERIES_PAGE`].
    pub limit: u32,
}

impl DeliveriesQuery {
    /// Reads the query from URL pairs; unknown parameters are ignored, empty ones mean
    /// "no filter" so a form can send `status=` for "any".
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, QueryError> {
        let mut query = Self {
            endpoint_id: None,
            status: None,
            before: None,
            limit: DEFAULT_DELIVERIES_PAGE,
        };
        let problem = |param: &str, problem: String| QueryError {
            param: param.into(),
            problem,
        };
        for (name, value) in pairs {
            if value.is_empty() {
                continue;
            }
            match name {
                "endpoint_id" => {
                    query.endpoint_id =
                        Some(Uuid::parse_str(value).map_err(|_| {
                            problem(name, "must be an endpoint id (a UUID)".into())
                        })?);
                }
                "status" => {
                    query.status = Some(DeliveryStatus::from_name(value).ok_or_else(|| {
                        problem(
                            name,
                            "must be one of pending, retrying, succeeded, gave_up".into(),
                        )
                    })?);
                }
                "before" => {
                    query.before = Some(value.parse().map_err(|_| {
                        problem(name, "must be a delivery id (a whole number)".into())
                    })?);
                }
                "limit" => {
                    query.limit = value
                        .parse()
                        .ok()
                        .filter(|n| (1..=MAX_DELIVERIES_PAGE).contains(n))
                        .ok_or_else(|| {
                            problem(
                                name,
                                format!("must be a whole number from 1 to {MAX_DELIVERIES_PAGE}"),
                            )
                        })?;
                }
                _ => {}
            }
        }
        Ok(query)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delivery_queries_are_read_and_bad_parameters_named() {
        let endpoint = "6f1c2b8e-0d5a-4c1e-9a7b-3f2d1e0c9b8a";
        let ok = DeliveriesQuery::from_pairs([
            ("endpoint_id", endpoint),
            ("status", "gave_up"),
            ("before", "42"),
            ("limit", "10"),
            ("cache", "1"),
        ]);
        assert_eq!(
            ok,
            Ok(DeliveriesQuery {
                endpoint_id: Uuid::parse_str(endpoint).ok(),
                status: Some(DeliveryStatus::GaveUp),
                before: Some(42),
                limit: 10,
            })
        );
        let defaults = DeliveriesQuery::from_pairs([("status", ""), ("endpoint_id", "")]);
        assert_eq!(
            defaults.map(|q| (q.endpoint_id, q.status, q.before, q.limit)),
            Ok((None, None, None, DEFAULT_DELIVERIES_PAGE))
        );
        for (name, value) in [
            ("endpoint_id", "not-a-uuid"),
            ("status", "failed"),
            ("status", "GaveUp"),
            ("before", "-1"),
            ("limit", "0"),
            ("limit", "201"),
        ] {
            let error = DeliveriesQuery::from_pairs([(name, value)]).unwrap_err();
            assert_eq!(error.param, name, "{name}={value}");
        }
    }

    #[test]
    fn a_delivery_record_is_flat_on_the_wire() {
        let at = time::macros::datetime!(2026-11-24 09:00 UTC);
        let record = DeliveryRecord {
            id: 7,
            log: DeliveryLog::new(
                "msg_1",
                Uuid::from_u128(9),
                WebhookEventType::LeadCreated,
                at,
            ),
            updated_at: at,
        };
        let value = serde_json::to_value(&record).unwrap();
        assert_eq!(value["id"], 7);
        assert_eq!(value["msg_id"], "msg_1");
        assert_eq!(value["event_type"], "lead.created");
        assert_eq!(value["status"], "pending");
        assert_eq!(value["next_attempt_at"], "2026-11-24T09:00:00Z");
        assert_eq!(
            serde_json::from_value::<DeliveryRecord>(value).unwrap(),
            record
        );
    }
}
