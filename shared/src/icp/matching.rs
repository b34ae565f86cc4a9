//! Matching leads against a compiled ICP set: one lead with the criteria it met and
//! missed (for the lead page), or many leads into columns (for lists and scoring).

use crate::model::{Account, Field, Lead, Tier};
use crate::predicate::Scratch;

use super::CompiledIcpSet;
use super::compiled::Fit;

/// One criterion of the best persona, as explained to a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionOutcome {
    /// The criterion's position in its persona.
    pub criterion: usize,
    /// The field it tests.
    pub field: Field,
    /// Its weight: the points it gives when met.
    pub weight: u32,
    /// Its label, if the workspace gave one.
    pub label: Option<String>,
}

/// How well one lead fits, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FitMatch {
    /// The best persona's name; `None` only when no persona is defined.
    pub persona: Option<String>,
    /// The sum of the matched criteria's weights.
    pub fit_points: i64,
    /// `fit_points` as a whole percent of the persona's total weight, rounded down.
    pub fit_percent: u8,
    /// The tier by the persona's cut-offs; D when no persona is defined.
    pub tier: Tier,
    /// The persona's criteria the lead met, in definition order.
    pub matched: Vec<CriterionOutcome>,
    /// The persona's criteria the lead did not meet, in definition order.
    pub missed: Vec<CriterionOutcome>,
}

/// One persona's fit for one lead, with the criteria met and missed: the lead page
/// shows every persona, not only the best, so a team sees how near the others are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonaFit {
    /// The persona's name.
    pub persona: String,
    /// Whether this is the persona the lead's fit is taken from.
    pub best: bool,
    /// The sum of the matched criteria's weights.
    pub fit_points: i64,
    /// `fit_points` as a whole percent of the persona's total weight, rounded down.
    pub fit_percent: u8,
    /// The tier by this persona's cut-offs.
    pub tier: Tier,
    /// The criteria met, in definition order.
    pub matched: Vec<CriterionOutcome>,
    /// The criteria missed, in definition order.
    pub missed: Vec<CriterionOutcome>,
}

/// Matches one lead against each persona, in definition order; the one [`match_lead`]
/// picks is marked `best`.
pub fn match_personas(
    set: &CompiledIcpSet,
    lead: &Lead,
    account: Option<&Account>,
) -> Vec<PersonaFit> {
    let mut hits = vec![false; set.criteria_len()];
    let mut scratch = Scratch::new();
    set.eval(lead, account, &mut hits, &mut scratch);
    let best = set.best(&hits).persona;
    set.personas
        .iter()
        .enumerate()
        .map(|(index, persona)| {
            let fit = set.fit_of(persona, &hits);
            let (matched, missed) = outcomes(set, persona, &hits);
            PersonaFit {
                persona: persona.name.clone(),
                best: best == Some(index),
                fit_points: points_i64(fit),
                fit_percent: fit.percent,
                tier: fit.tier,
                matched,
                missed,
            }
        })
        .collect()
}

/// The criteria of `persona` met and missed by `hits`.
fn outcomes(
    set: &CompiledIcpSet,
    persona: &super::compiled::PersonaPlan,
    hits: &[bool],
) -> (Vec<CriterionOutcome>, Vec<CriterionOutcome>) {
    let mut matched = Vec::new();
    let mut missed = Vec::new();
    let range = persona.first..persona.first + persona.len;
    let slots = set.slots.get(range.clone()).unwrap_or_default();
    let hits = hits.get(range).unwrap_or_default();
    for (criterion, (slot, hit)) in slots.iter().zip(hits).enumerate() {
        let outcome = CriterionOutcome {
            criterion,
            field: slot.field.clone(),
            weight: slot.weight,
            label: slot.label.clone(),
        };
        if *hit {
            matched.push(outcome);
        } else {
            missed.push(outcome);
        }
    }
    (matched, missed)
}

/// Matches one lead (with its matched `account`) against every persona.
pub fn match_lead(set: &CompiledIcpSet, lead: &Lead, account: Option<&Account>) -> FitMatch {
    let mut hits = vec![false; set.criteria_len()];
    let mut scratch = Scratch::new();
    set.eval(lead, account, &mut hits, &mut scratch);
    let fit = set.best(&hits);
    let persona = fit.persona.and_then(|i| set.personas.get(i));
    let (matched, missed) = persona
        .map(|persona| outcomes(set, persona, &hits))
        .unwrap_or_default();
    FitMatch {
        persona: persona.map(|p| p.name.clone()),
        fit_points: points_i64(fit),
        fit_percent: fit.percent,
        tier: fit.tier,
        matched,
        missed,
    }
}

fn points_i64(fit: Fit) -> i64 {
    i64::try_from(fit.points).unwrap_or(i64::MAX)
}

/// Fit of many leads, one entry per lead in each column, in input order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FitColumns {
    /// Index of the best persona (see [`CompiledIcpSet::persona_names`]).
    pub persona: Vec<Option<u32>>,
    /// Fit points, as in [`FitMatch::fit_points`].
    pub fit_points: Vec<i64>,
    /// Fit percent, as in [`FitMatch::fit_percent`].
    pub fit_percent: Vec<u8>,
    /// Tier, as in [`FitMatch::tier`].
    pub tier: Vec<Tier>,
}

impl FitColumns {
    /// The number of leads held.
    pub fn len(&self) -> usize {
        self.fit_points.len()
    }

    /// Whether no lead is held.
    pub fn is_empty(&self) -> bool {
        self.fit_points.is_empty()
    }

    /// Empties every column, keeping the memory.
    pub fn clear(&mut self) {
        self.persona.clear();
        self.fit_points.clear();
        self.fit_percent.clear();
        self.tier.clear();
    }
}

/// Matches many leads (each with its matched account) into `out`, which is cleared first.
/// The same results as [`match_lead`] without explanations, and without allocating per
/// lead: the columns can be reused across calls.
pub fn match_many<'a, I>(set: &CompiledIcpSet, leads: I, out: &mut FitColumns)
where
    I: IntoIterator<Item = (&'a Lead, Option<&'a Account>)>,
{
    out.clear();
    let leads = leads.into_iter();
    let (hint, _) = leads.size_hint();
    out.persona.reserve(hint);
    out.fit_points.reserve(hint);
    out.fit_percent.reserve(hint);
    out.tier.reserve(hint);
    let mut hits = vec![false; set.criteria_len()];
    let mut scratch = Scratch::new();
    for (lead, account) in leads {
        set.eval(lead, account, &mut hits, &mut scratch);
        let fit = set.best(&hits);
        out.persona
            .push(fit.persona.and_then(|i| u32::try_from(i).ok()));
        out.fit_points.push(points_i64(fit));
        out.fit_percent.push(fit.percent);
        out.tier.push(fit.tier);
    }
}
