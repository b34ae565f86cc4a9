//! Lifecycle stages and the record of every move between them. Which moves are allowed
//! and what qualifies a lead for a stage is per-workspace data (`crate::lifecycle`).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::LeadId;

/// Where a person stands in the lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Gave an address for content (newsletter) and nothing more yet.
    Subscriber,
    /// Showed interest with contact data.
    Lead,
    /// Marketing-qualified: reacted to marketing enough, by the workspace's rules.
    Mql,
    /// Product-qualified: experienced the product's value (e.g. hit a usage limit).
    Pql,
    /// Sales-qualified: passed SDR/BDR qualification; goes to an AE.
    Sql,
    /// An SQL with a deal amount attached.
    Opportunity,
    Customer,
    /// A customer who promotes the product.
    Evangelist,
    /// Not ready now; kept in contact.
    Nurture,
    /// Returned from sales to marketing to be worked again.
    Recycled,
    /// Not a fit, or bad data.
    Disqualified,
}

impl Stage {
    /// Every stage, funnel stages first in funnel order.
    pub const ALL: [Stage; 11] = [
        Stage::Subscriber,
        Stage::Lead,
        Stage::Mql,
        Stage::Pql,
        Stage::Sql,
        Stage::Opportunity,
        Stage::Customer,
        Stage::Evangelist,
        Stage::Nurture,
        Stage::Recycled,
        Stage::Disqualified,
    ];

    /// The stable name used in rules, APIs and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Subscriber => "subscriber",
            Self::Lead => "lead",
            Self::Mql => "mql",
            Self::Pql => "pql",
            Self::Sql => "sql",
            Self::Opportunity => "opportunity",
            Self::Customer => "customer",
            Self::Evangelist => "evangelist",
            Self::Nurture => "nurture",
            Self::Recycled => "recycled",
            Self::Disqualified => "disqualified",
        }
    }

    /// The stage with this stable name (the inverse of [`Self::as_str`]), as stored in
    /// D1 and sent by clients.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|stage| stage.as_str() == name)
    }
}

/// Who moved a lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Actor {
    /// The engine, applying the named stage rule.
    System { rule: String },
    /// A person, by user id and display name.
    User { id: String, name: String },
}

/// One move between stages. Manual and automatic moves are recorded alike.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageChange {
    pub lead_id: LeadId,
    /// `None` for the stage a lead was created in.
    pub from: Option<Stage>,
    pub to: Stage,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub actor: Actor,
    #[serde(default)]
    pub reason: Option<String>,
}
