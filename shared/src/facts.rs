//! What rules read about one lead: the record, its account, its touches, and the scores
//! already computed for it. ICP matching, scoring, stage criteria and segments all take
//! this one view, so they agree on what a lead "is".

use crate::model::{Account, Lead, Tier, Touch};

/// The scores computed for a lead, for rules that test them (stage thresholds, segments).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ScoreSummary {
    /// Points from ICP fit.
    pub fit: i64,
    /// Points from engagement (after decay, caps and negative rules).
    pub engagement: i64,
    /// `fit + engagement`.
    pub total: i64,
    /// The fit tier of the best-matching persona, if any ICP is defined.
    pub tier: Option<Tier>,
    /// The name of the best-matching persona.
    pub persona: Option<String>,
}

/// One lead and everything known about it.
#[derive(Debug, Clone, Copy)]
pub struct LeadContext<'a> {
    pub lead: &'a crate::model::Lead,
    pub account: Option<&'a Account>,
    /// The lead's touches, in any order.
    pub touches: &'a [Touch],
    pub scores: &'a ScoreSummary,
}

impl<'a> LeadContext<'a> {
    /// A context with the given parts.
    pub fn new(
        lead: &'a Lead,
        account: Option<&'a Account>,
        touches: &'a [Touch],
        scores: &'a ScoreSummary,
    ) -> Self {
        Self {
            lead,
            account,
            touches,
            scores,
        }
    }
}
