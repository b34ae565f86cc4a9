//! Prospects grouped by their best persona, so each group can get its own script and
//! personalised mail.

use crate::model::{Account, Lead, LeadId};

use super::{CompiledIcpSet, FitColumns, match_many};

/// The leads whose best persona is one persona.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonaGroup {
    /// The persona's name.
    pub persona: String,
    /// Its leads, in input order.
    pub leads: Vec<LeadId>,
}

/// Leads grouped by best persona.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonaGroups {
    /// One group per persona, in definition order (empty groups included).
    pub groups: Vec<PersonaGroup>,
    /// Leads that meet no criterion of any persona (or all leads when none is defined):
    /// listing them under the first persona, which wins the tie at zero, would mislead.
    pub unmatched: Vec<LeadId>,
}

/// Groups leads (each with its matched account) by best persona.
pub fn group_by_persona<'a, I>(set: &CompiledIcpSet, leads: I) -> PersonaGroups
where
    I: IntoIterator<Item = (&'a Lead, Option<&'a Account>)>,
{
    let leads: Vec<(&Lead, Option<&Account>)> = leads.into_iter().collect();
    let mut columns = FitColumns::default();
    match_many(set, leads.iter().copied(), &mut columns);
    let mut groups: Vec<PersonaGroup> = set
        .persona_names()
        .map(|name| PersonaGroup {
            persona: name.to_owned(),
            leads: Vec::new(),
        })
        .collect();
    let mut unmatched = Vec::new();
    for ((lead, _), (persona, points)) in leads
        .iter()
        .zip(columns.persona.iter().zip(&columns.fit_points))
    {
        let group = persona
            .filter(|_| *points > 0)
            .and_then(|i| groups.get_mut(usize::try_from(i).ok()?));
        match group {
            Some(group) => group.leads.push(lead.id),
            None => unmatched.push(lead.id),
        }
    }
    PersonaGroups { groups, unmatched }
}
