//! Qualification checklists: BANT and MEDDIC(C) items with the evidence a rep recorded.
//! Completeness and stage rules over them live in `crate::qualification`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// One item of a qualification framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QualificationItem {
    // BANT
    Budget,
    Authority,
    Need,
    Timing,
    // MEDDIC(C)
    Metrics,
    EconomicBuyer,
    DecisionCriteria,
    DecisionProcess,
    IdentifyPain,
    Champion,
    Competition,
}

/// What a rep recorded for one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistEntry {
    /// The item is satisfied.
    pub met: bool,
    /// What the prospect said or did that shows it ("예산 5천만원 확보, 3분기 집행").
    pub evidence: String,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    /// Who recorded it.
    #[serde(default)]
    pub updated_by: Option<String>,
}

/// A lead's qualification checklist, by item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Qualification {
    #[serde(default)]
    pub entries: BTreeMap<QualificationItem, ChecklistEntry>,
}
