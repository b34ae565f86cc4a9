//! Handoffs: a qualified lead given to a rep, and the rep's answer. Rejection reasons
//! flow back to marketing, by source and campaign.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{HandoffId, LeadId, RepId};

/// Why sales turned a lead down; stable codes so reports can group by them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    /// Outside the ideal customer profile.
    BadFit,
    NoBudget,
    NoAuthority,
    NoNeed,
    BadTiming,
    /// Wrong or unreachable contact data.
    BadContactData,
    Duplicate,
    Competitor,
    AlreadyCustomer,
    Student,
    Other,
}

/// The rep's answer so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HandoffOutcome {
    Pending,
    Accepted {
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
    },
    Rejected {
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
        reason: RejectReason,
        #[serde(default)]
        note: Option<String>,
    },
}

/// One lead handed to one rep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handoff {
    pub id: HandoffId,
    pub lead_id: LeadId,
    pub rep_id: RepId,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// The rep must answer by then (the service-level agreement between the teams).
    #[serde(with = "time::serde::rfc3339")]
    pub sla_due: OffsetDateTime,
    pub outcome: HandoffOutcome,
}
