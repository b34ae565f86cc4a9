//! Wire types: what crosses HTTP between worker and app and what the app keeps in
//! IndexedDB. Changing a field here changes a public contract, so every payload carries
//! [`SCHEMA_VERSION`] and readers check it.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::forms::{ConsentItem, FormField, Localized, ThankYou};

use crate::capture::FieldError;
use crate::model::{Stage, Tier};

mod auth;
mod engine;
mod handoff;
mod insights;
mod members;
mod segments;
mod webhooks;

pub use auth::{
    CreateTokenRequest, LoginRequest, MeResponse, SignupRequest, SwitchWorkspaceRequest,
    TokenCreated, TokenList, TokenSummary, UserSummary, WorkspaceMembership, WorkspaceSummary,
};
pub use engine::{
    EngineConfigHistory, EngineConfigVersion, EngineConfigView, MAX_CONFIG_NOTE_CHARS,
    SaveEngineConfig,
};
pub use handoff::{HandoffEntry, HandoffQueue, HandoffSettingsView, HandoffState, RepLoadView};
pub use insights::WinProbabilities;
pub use members::{
    AcceptInvitationRequest, CreateInvitationRequest, InvitationCreated, InvitationList,
    InvitationSummary, MemberList, MemberSummary, UpdateMemberRequest,
};
pub use segments::{SegmentList, SegmentRecord};
pub use webhooks::{
    CreateWebhookRequest, DEFAULT_DELIVERIES_PAGE, DeliveriesPage, DeliveriesQuery, DeliveryRecord,
    MAX_DELIVERIES_PAGE, WebhookCreated, WebhookEndpointSummary, WebhookList,
};

/// Version of the wire format; bumped when a type here changes incompatibly.
pub const SCHEMA_VERSION: u32 = 1;

/// Most leads one page of `GET /api/leads` returns, whatever the client asks for.
pub const MAX_PAGE_SIZE: u32 = 1000;

/// One captured lead as the worker stores it and the app shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadRecord {
    /// Stable identity, made where the lead was first captured.
    pub id: Uuid,
    /// Position in the workspace's change log; pulls resume after the highest one seen.
    pub seq: u64,
    /// The form that captured the lead.
    pub form_id: String,
    /// Lower-cased e-mail address.
    pub email: String,
    pub name: String,
    pub company: String,
    #[serde(with = "time::serde::rfc3339")]
    pub captured_at: OffsetDateTime,
    /// The lifecycle stage; `None` in records kept from before stages were sent.
    #[serde(default)]
    pub stage: Option<Stage>,
    /// The numbers of the last assessment; `None` for a lead never scored (stored
    /// before scoring, or kept from before scores were sent).
    #[serde(default)]
    pub scores: Option<LeadScores>,
    /// The whole lead (consents, custom fields, owner, qualification …); `None` for
    /// leads stored before whole records were kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<Box<crate::model::Lead>>,
    /// The clock of the replica write that set each field of `record` (fields not listed
    /// were set at the edge): a pulled value replaces a local one only if it is as late,
    /// so an edit made here and not yet pushed is not overwritten by an older pull.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub stamps: std::collections::BTreeMap<String, crate::sync::Hlc>,
}

impl LeadRecord {
    /// Whether the lead was merged into another (it then leaves lists and counts; an
    /// undo brings it back).
    pub fn is_merged(&self) -> bool {
        self.record
            .as_ref()
            .is_some_and(|l| l.merged_into.is_some())
    }
}

/// A lead's numbers from the workspace's engine, as last computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadScores {
    /// Points from ICP fit.
    pub fit: i64,
    /// Points from engagement.
    pub engagement: i64,
    /// `fit + engagement`.
    pub total: i64,
    /// The fit tier of the best-matching persona; `None` when no persona matched.
    pub tier: Option<Tier>,
    /// The best-matching persona's name.
    pub persona: Option<String>,
    /// When the numbers were computed (engagement decays with time).
    #[serde(with = "time::serde::rfc3339")]
    pub scored_at: OffsetDateTime,
}

impl LeadRecord {
    /// Orders leads for a list: newest capture first, ties broken by the change log so
    /// the order never flickers between renders.
    pub fn sort_newest_first(leads: &mut [LeadRecord]) {
        leads.sort_by(|a, b| {
            b.captured_at
                .cmp(&a.captured_at)
                .then_with(|| b.seq.cmp(&a.seq))
        });
    }
}

/// A page of `GET /api/leads?after=<seq>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadsPage {
    pub schema_version: u32,
    /// Leads with `seq` above the requested cursor, in ascending `seq`.
    pub leads: Vec<LeadRecord>,
    /// The cursor to ask with next: the highest `seq` in this page, or the request's own.
    pub cursor: u64,
    /// Whether more leads wait after `cursor`.
    pub has_more: bool,
    /// Every touch of the leads in this page (touches only grow, so a client keeps them
    /// by id and a repeat is harmless).
    #[serde(default)]
    pub touches: Vec<crate::model::Touch>,
    /// Every stage change of the leads in this page, by id.
    #[serde(default)]
    pub stage_changes: Vec<StageHistoryEntry>,
    /// With `delta=true`: the leads the client already has, as only the fields changed
    /// after the cursor (touches and stage changes above are then only those added
    /// after it). Leads created after the cursor still come whole in `leads`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deltas: Vec<LeadDelta>,
    /// On the first page of a first pull (`after=0`): how many leads the workspace has,
    /// so the app can show how far its first download has come.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
}

/// The change of one lead since a pull's cursor: its fields written since, by serde
/// name, with their stamps (see [`LeadRecord::stamps`]), and its numbers when they were
/// recomputed. Merged into the local record by [`crate::sync::merge_delta`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadDelta {
    pub id: Uuid,
    /// The lead's latest position in the change log.
    pub seq: u64,
    pub fields: serde_json::Map<String, serde_json::Value>,
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub stamps: std::collections::BTreeMap<String, crate::sync::Hlc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scores: Option<LeadScores>,
}

/// One recorded stage change, as pulled: the change, its id in the workspace's history,
/// and its cause (`created`, `rule`, `handoff`, `manual`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageHistoryEntry {
    pub id: u64,
    pub lead_id: crate::model::LeadId,
    #[serde(default)]
    pub from: Option<Stage>,
    pub to: Stage,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub actor: crate::model::Actor,
    pub cause: String,
}

impl StageHistoryEntry {
    /// The change itself, as the lifecycle reports read it.
    pub fn change(&self) -> crate::model::StageChange {
        crate::model::StageChange {
            lead_id: self.lead_id,
            from: self.from,
            to: self.to,
            at: self.at,
            actor: self.actor.clone(),
            reason: None,
        }
    }
}

/// The answer to a successful capture sent as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaptureAccepted {
    pub schema_version: u32,
    /// The lead the submission made (the first submission's lead, for a retry); `null`
    /// when a spam check failed: nothing was stored, but the answer is still a success
    /// so a bot learns nothing from it.
    pub lead_id: Option<Uuid>,
    /// Where to send the visitor: a redirect URL or a message to show.
    pub thank_you: ThankYou,
}

/// The body of every 4xx/5xx answer: a machine-readable code, a sentence for people,
/// and for validation failures the fields at fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

/// Leads one page of `GET /api/leads` returns when the client names no limit.
pub const DEFAULT_PAGE_SIZE: u32 = 500;

/// The parameters of `GET /api/leads`: pull leads changed after a cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeadsQuery {
    /// Return leads with `seq` above this.
    pub after: u64,
    /// At most this many; between 1 and [`MAX_PAGE_SIZE`].
    pub limit: u32,
    /// `delta=true`: the client holds every lead as of `after`, so known leads come as
    /// their changed fields only ([`LeadsPage::deltas`]).
    pub delta: bool,
}

/// A query parameter that could not be used, named so the caller can fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("query parameter {param:?} {problem}")]
pub struct QueryError {
    pub param: String,
    pub problem: String,
}

impl LeadsQuery {
    /// Reads the query from URL pairs; unknown parameters are ignored so clients can add
    /// their own cache-busters.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, QueryError> {
        let mut query = Self {
            after: 0,
            limit: DEFAULT_PAGE_SIZE,
            delta: false,
        };
        for (name, value) in pairs {
            match name {
                "after" => {
                    query.after = value.parse().map_err(|_| QueryError {
                        param: "after".into(),
                        problem: "must be a whole number of 0 or more".into(),
                    })?;
                }
                "limit" => {
                    query.limit = value
                        .parse()
                        .ok()
                        .filter(|n| (1..=MAX_PAGE_SIZE).contains(n))
                        .ok_or_else(|| QueryError {
                            param: "limit".into(),
                            problem: format!("must be a whole number from 1 to {MAX_PAGE_SIZE}"),
                        })?;
                }
                "delta" => {
                    query.delta = match value {
                        "true" | "1" => true,
                        "false" | "0" => false,
                        _ => {
                            return Err(QueryError {
                                param: "delta".into(),
                                problem: "must be true or false".into(),
                            });
                        }
                    };
                }
                _ => {}
            }
        }
        Ok(query)
    }
}

/// `POST /api/sync/push`: a replica's pending operations, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushRequest {
    pub schema_version: u32,
    pub replica: crate::sync::ReplicaId,
    pub operations: Vec<crate::sync::Operation>,
}

/// What became of one pushed operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum PushOutcome {
    /// Applied now, at this position of the workspace log.
    Applied { log_seq: u64 },
    /// Applied before (a retry): nothing changed.
    Duplicate,
    /// Refused: shown to the user with the reason, removed from the outbox.
    Rejected { reason: crate::sync::Rejection },
    /// An earlier operation of this replica is missing: resend from `expected_seq`.
    Deferred { expected_seq: u64 },
}

/// One pushed operation's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResult {
    pub op_id: crate::sync::OpId,
    #[serde(flatten)]
    pub outcome: PushOutcome,
}

/// The answer to a push, in the order the operations were sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    pub schema_version: u32,
    pub results: Vec<PushResult>,
    /// The replica's last applied sequence number after this push.
    pub last_applied_seq: u64,
}

/// An operation as the workspace log holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoggedOperation {
    pub log_seq: u64,
    pub operation: crate::sync::Operation,
}

/// A page of `GET /api/sync/pull?after=<log_seq>`: operations applied after the cursor,
/// so later pulls carry only what changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullPage {
    pub schema_version: u32,
    pub operations: Vec<LoggedOperation>,
    pub cursor: u64,
    pub has_more: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn lead(seq: u64, at: OffsetDateTime) -> LeadRecord {
        LeadRecord {
            id: Uuid::from_u128(seq as u128),
            seq,
            form_id: "contact".into(),
            email: format!("p{seq}@acme.co.kr"),
            name: "김민수".into(),
            company: "에이크미".into(),
            captured_at: at,
            stage: None,
            scores: None,
            record: None,
            stamps: Default::default(),
        }
    }

    #[test]
    fn records_kept_before_scores_still_read() {
        let kept = r#"{"id":"00000000-0000-0000-0000-000000000001","seq":1,"form_id":"contact",
            "email":"p1@acme.co.kr","name":"김민수","company":"에이크미",
            "captured_at":"2026-11-24T09:00:00Z"}"#;
        let record: LeadRecord = serde_json::from_str(kept).unwrap();
        assert_eq!(record, lead(1, datetime!(2026-11-24 09:00 UTC)));
        let mut scored = record.clone();
        scored.stage = Some(Stage::Mql);
        scored.scores = Some(LeadScores {
            fit: 0,
            engagement: 5,
            total: 5,
            tier: None,
            persona: None,
            scored_at: datetime!(2026-11-24 09:00 UTC),
        });
        let json = serde_json::to_string(&scored).unwrap();
        assert!(json.contains(r#""stage":"mql""#), "{json}");
        assert_eq!(serde_json::from_str::<LeadRecord>(&json).unwrap(), scored);
    }

    #[test]
    fn newest_first_breaks_ties_by_seq() {
        let t = datetime!(2026-11-24 09:00 UTC);
        let mut leads = vec![
            lead(1, t),
            lead(2, datetime!(2026-11-25 09:00 UTC)),
            lead(3, t),
        ];
        LeadRecord::sort_newest_first(&mut leads);
        let order: Vec<u64> = leads.iter().map(|l| l.seq).collect();
        assert_eq!(order, vec![2, 3, 1]);
    }

    #[test]
    fn leads_query_reads_defaults_and_names_bad_parameters() {
        let q =
            |pairs: &[(&'static str, &'static str)]| LeadsQuery::from_pairs(pairs.iter().copied());
        assert_eq!(
            q(&[]),
            Ok(LeadsQuery {
                after: 0,
                limit: DEFAULT_PAGE_SIZE,
                delta: false,
            })
        );
        assert_eq!(
            q(&[
                ("after", "42"),
                ("limit", "10"),
                ("_", "1"),
                ("delta", "true")
            ]),
            Ok(LeadsQuery {
                after: 42,
                limit: 10,
                delta: true,
            })
        );
        for (pairs, param) in [
            (&[("after", "-1")][..], "after"),
            (&[("after", "x")][..], "after"),
            (&[("limit", "0")][..], "limit"),
            (&[("limit", "1001")][..], "limit"),
            (&[("delta", "yes")][..], "delta"),
        ] {
            assert_eq!(q(pairs).unwrap_err().param, param, "{pairs:?}");
        }
    }

    #[test]
    fn push_outcomes_have_a_stable_wire_form() {
        let result = PushResult {
            op_id: crate::sync::OpId(Uuid::from_u128(1)),
            outcome: PushOutcome::Rejected {
                reason: crate::sync::Rejection::UnknownField {
                    field: "titel".into(),
                },
            },
        };
        let json = serde_json::to_value(&result).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "op_id": "00000000-0000-0000-0000-000000000001",
                "outcome": "rejected",
                "reason": { "code": "unknown_field", "field": "titel" }
            })
        );
        assert_eq!(serde_json::from_value::<PushResult>(json).unwrap(), result);
    }

    #[test]
    fn lead_round_trips_through_json_with_rfc3339_time() {
        let original = lead(7, datetime!(2026-11-24 09:30:15 +09:00));
        let json = serde_json::to_string(&original).unwrap();
        assert!(
            json.contains("\"captured_at\":\"2026-11-24T09:30:15+09:00\""),
            "{json}"
        );
        let back: LeadRecord = serde_json::from_str(&json).unwrap();
        assert_eq!(back, original);
    }
}

/// `GET /f/{form_id}/schema`: what the embed snippet needs to render a form. Public:
/// it holds nothing a visitor of the embedding page could not see anyway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormSchema {
    pub schema_version: u32,
    pub form_id: String,
    /// The visible questions to ask now (progressive profiling applied), then every
    /// hidden field, in that order.
    pub fields: Vec<FormField>,
    /// The submit button's text.
    pub cta: Localized,
    /// The consent items, each posted as `consent_{purpose}`, with their text versions.
    pub consents: Vec<ConsentItem>,
    /// The honeypot's name: rendered out of sight, left empty by people.
    pub honeypot_field: Option<String>,
    /// A freshly signed render token, posted back as `_lk_rendered`.
    pub render_token: String,
    /// Whether the visitor is known (visitor id or e-mail), so queued questions are
    /// asked instead of the first-visit form.
    pub returning: bool,
}
