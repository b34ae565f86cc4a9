//! The leads a workspace holds locally (pulled records, touches, last scores) as
//! [`LeadContext`]s, so the app counts and selects segment members the way the engine
//! reads leads.

use std::collections::HashMap;

use time::OffsetDateTime;
use uuid::Uuid;

use crate::api::LeadRecord;
use crate::facts::{LeadContext, ScoreSummary};
use crate::model::{Lead, Touch};

use super::CompiledFilter;

/// Leads with their touches and scores, owned, ready to be evaluated.
#[derive(Debug, Clone, Default)]
pub struct Population {
    leads: Vec<(Lead, Vec<Touch>, ScoreSummary)>,
}

impl Population {
    /// The population of `records` (those without a whole record are left out: nothing
    /// but their name is known) with their `touches`.
    pub fn new(records: &[LeadRecord], touches: &[Touch]) -> Self {
        let mut by_lead: HashMap<Uuid, Vec<Touch>> = HashMap::new();
        for touch in touches {
            by_lead
                .entry(touch.lead_id.0)
                .or_default()
                .push(touch.clone());
        }
        let leads = records
            .iter()
            .filter_map(|record| {
                let lead = record.record.as_deref()?.clone();
                let scores = record
                    .scores
                    .as_ref()
                    .map_or_else(ScoreSummary::default, |s| ScoreSummary {
                        fit: s.fit,
                        engagement: s.engagement,
                        total: s.total,
                        tier: s.tier,
                        persona: s.persona.clone(),
                    });
                let touches = by_lead.remove(&record.id).unwrap_or_default();
                Some((lead, touches, scores))
            })
            .collect();
        Self { leads }
    }

    /// How many leads there are.
    pub fn len(&self) -> usize {
        self.leads.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.leads.is_empty()
    }

    fn contexts(&self) -> Vec<LeadContext<'_>> {
        self.leads
            .iter()
            .map(|(lead, touches, scores)| LeadContext::new(lead, None, touches, scores))
            .collect()
    }

    /// How many leads pass `filter` at `now`.
    pub fn count(&self, filter: &CompiledFilter, now: OffsetDateTime) -> usize {
        filter.count(&self.contexts(), now)
    }

    /// The ids of the leads that pass `filter` at `now`, in the population's order.
    pub fn select(&self, filter: &CompiledFilter, now: OffsetDateTime) -> Vec<Uuid> {
        filter
            .select(&self.contexts(), now)
            .into_iter()
            .filter_map(|i| self.leads.get(i).map(|(lead, ..)| lead.id.0))
            .collect()
    }
}
