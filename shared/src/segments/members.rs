//! Leads added to a segment by hand ("add to segment" on the lead table): they are a
//! [`Condition::Leads`] at the filter's top, so a segment is one filter whether it is
//! built from rules, from picked leads, or both.

use crate::model::LeadId;

use super::{Condition, Filter, Segment};

/// Most leads one segment holds by hand; a saved segment stays a small document.
pub const MAX_MEMBERS: usize = 10_000;

impl Segment {
    /// A segment of picked leads only.
    pub fn manual(name: impl Into<String>, ids: Vec<LeadId>) -> Self {
        Self {
            name: name.into(),
            filter: Filter::Condition(Condition::Leads { ids }),
            template: None,
        }
    }

    /// The leads added by hand (none for a segment of rules only).
    pub fn members(&self) -> &[LeadId] {
        match &self.filter {
            Filter::Condition(Condition::Leads { ids }) => ids,
            Filter::Any(items) => items
                .iter()
                .find_map(|item| match item {
                    Filter::Condition(Condition::Leads { ids }) => Some(ids.as_slice()),
                    _ => None,
                })
                .unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Whether the segment is made of picked leads only.
    pub fn is_manual(&self) -> bool {
        matches!(self.filter, Filter::Condition(Condition::Leads { .. }))
    }

    /// Adds leads by hand: they belong whatever the rules say. A segment of rules
    /// becomes `any[rules, leads]`; ids already there are not repeated. Returns how many
    /// were new.
    pub fn add_members(&mut self, ids: &[LeadId]) -> usize {
        let list = match &mut self.filter {
            Filter::Condition(Condition::Leads { ids }) => ids,
            Filter::Any(items)
                if items
                    .iter()
                    .any(|i| matches!(i, Filter::Condition(Condition::Leads { .. }))) =>
            {
                match items.iter_mut().find_map(|item| match item {
                    Filter::Condition(Condition::Leads { ids }) => Some(ids),
                    _ => None,
                }) {
                    Some(list) => list,
                    None => return 0,
                }
            }
            other => {
                let rules = std::mem::replace(other, Filter::Any(Vec::new()));
                *other = Filter::Any(vec![
                    rules,
                    Filter::Condition(Condition::Leads { ids: Vec::new() }),
                ]);
                match other {
                    Filter::Any(items) => match items.last_mut() {
                        Some(Filter::Condition(Condition::Leads { ids })) => ids,
                        _ => return 0,
                    },
                    _ => return 0,
                }
            }
        };
        let before = list.len();
        let mut seen: std::collections::HashSet<LeadId> = list.iter().copied().collect();
        for id in ids {
            if seen.insert(*id) {
                list.push(*id);
            }
        }
        list.len() - before
    }
}
