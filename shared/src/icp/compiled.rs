//! An ICP set ready to match: every persona's criteria in one flat table, grouped by
//! field so each lead's field is read and folded once however many personas test it.

use std::collections::BTreeSet;

use crate::model::{Account, Field, FieldValue, Lead, Tier};
use crate::predicate::{CompiledOperator, Scratch};
use crate::text::fold;

use super::{IcpError, IcpSet, TierCutoffs};

/// A persona's place in the flat criteria table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PersonaPlan {
    pub(crate) name: String,
    /// Its criteria are `slots[first..first + len]`.
    pub(crate) first: usize,
    pub(crate) len: usize,
    pub(crate) total_weight: u64,
    pub(crate) cutoffs: TierCutoffs,
}

/// One criterion in the flat table, for explanations.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Slot {
    pub(crate) field: Field,
    pub(crate) weight: u32,
    pub(crate) label: Option<String>,
}

/// Every test of one field, across personas.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FieldGroup {
    pub(crate) field: Field,
    needs_fold: bool,
    /// Each test's slot and operator.
    pub(crate) tests: Vec<(usize, CompiledOperator)>,
}

/// A validated ICP set, compiled for matching (see [`IcpSet::compile`]).
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledIcpSet {
    pub(crate) personas: Vec<PersonaPlan>,
    pub(crate) slots: Vec<Slot>,
    pub(crate) groups: Vec<FieldGroup>,
}

/// The best persona's fit for one lead, without explanations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fit {
    pub(crate) persona: Option<usize>,
    pub(crate) points: u64,
    pub(crate) percent: u8,
    pub(crate) tier: Tier,
}

impl CompiledIcpSet {
    pub(crate) fn new(set: &IcpSet) -> Result<Self, IcpError> {
        let mut personas = Vec::with_capacity(set.personas.len());
        let mut slots = Vec::new();
        let mut groups: Vec<FieldGroup> = Vec::new();
        let mut names = BTreeSet::new();
        for (index, icp) in set.personas.iter().enumerate() {
            if icp.name.trim().is_empty() {
                return Err(IcpError::BlankName { index });
            }
            // Names are compared folded: "Marketing Lead" and "marketing  lead" would
            // look like one persona in a list.
            if !names.insert(fold(&icp.name)) {
                return Err(IcpError::DuplicatePersona {
                    name: icp.name.clone(),
                });
            }
            if icp.criteria.is_empty() {
                return Err(IcpError::NoCriteria {
                    persona: icp.name.clone(),
                });
            }
            let TierCutoffs { a, b, c } = icp.tier_cutoffs;
            if !(a <= 100 && a >= b && b >= c) {
                return Err(IcpError::BadCutoffs {
                    persona: icp.name.clone(),
                    a,
                    b,
                    c,
                });
            }
            let first = slots.len();
            let mut total_weight = 0u64;
            for (criterion, item) in icp.criteria.iter().enumerate() {
                if item.weight == 0 {
                    return Err(IcpError::ZeroWeight {
                        persona: icp.name.clone(),
                        criterion,
                    });
                }
                let operator =
                    CompiledOperator::compile(&item.field, &item.operator).map_err(|source| {
                        IcpError::Criterion {
                            persona: icp.name.clone(),
                            criterion,
                            source,
                        }
                    })?;
                total_weight = total_weight.saturating_add(u64::from(item.weight));
                let slot = slots.len();
                slots.push(Slot {
                    field: item.field.clone(),
                    weight: item.weight,
                    label: item.label.clone(),
                });
                match groups.iter_mut().find(|g| g.field == item.field) {
                    Some(group) => {
                        group.needs_fold |= operator.needs_fold();
                        group.tests.push((slot, operator));
                    }
                    None => groups.push(FieldGroup {
                        field: item.field.clone(),
                        needs_fold: operator.needs_fold(),
                        tests: vec![(slot, operator)],
                    }),
                }
            }
            personas.push(PersonaPlan {
                name: icp.name.clone(),
                first,
                len: icp.criteria.len(),
                total_weight,
                cutoffs: icp.tier_cutoffs,
            });
        }
        Ok(Self {
            personas,
            slots,
            groups,
        })
    }

    /// The personas' names, in definition order (persona indexes refer to this).
    pub fn persona_names(&self) -> impl ExactSizeIterator<Item = &str> {
        self.personas.iter().map(|p| p.name.as_str())
    }

    /// The number of criteria over all personas.
    pub fn criteria_len(&self) -> usize {
        self.slots.len()
    }

    /// Tests every criterion of every persona; `hits` has one entry per slot.
    pub(crate) fn eval(
        &self,
        lead: &Lead,
        account: Option<&Account>,
        hits: &mut [bool],
        scratch: &mut Scratch,
    ) {
        for group in &self.groups {
            let value = group.field.read(lead, account);
            match value {
                FieldValue::Text(text) if group.needs_fold => {
                    let folded = scratch.fold(text);
                    for (slot, op) in &group.tests {
                        if let Some(hit) = hits.get_mut(*slot) {
                            *hit = op.test_folded(value, folded);
                        }
                    }
                }
                FieldValue::List(items) if group.needs_fold => {
                    // Fold each element once for all the operators that need it.
                    for (slot, op) in &group.tests {
                        let hit = !op.needs_fold() && op.test(value, scratch);
                        if let Some(entry) = hits.get_mut(*slot) {
                            *entry = hit;
                        }
                    }
                    for item in items {
                        let folded = scratch.fold(item);
                        for (slot, op) in &group.tests {
                            if let Some(entry) = hits.get_mut(*slot)
                                && !*entry
                                && op.needs_fold()
                            {
                                *entry = op.test_folded_text(folded);
                            }
                        }
                    }
                }
                _ => {
                    for (slot, op) in &group.tests {
                        let hit = op.test(value, scratch);
                        if let Some(entry) = hits.get_mut(*slot) {
                            *entry = hit;
                        }
                    }
                }
            }
        }
    }

    /// Picks the best persona from evaluated `hits`: the highest share of its total
    /// weight, compared exactly; ties go to the persona defined first.
    pub(crate) fn best(&self, hits: &[bool]) -> Fit {
        let mut best: Option<(usize, u64)> = None;
        for (index, persona) in self.personas.iter().enumerate() {
            let points = self.points(persona, hits);
            let better = match best {
                None => true,
                Some((b, b_points)) => {
                    let b_total = self.personas.get(b).map_or(1, |p| p.total_weight);
                    // points / total > b_points / b_total, without division.
                    u128::from(points) * u128::from(b_total)
                        > u128::from(b_points) * u128::from(persona.total_weight)
                }
            };
            if better {
                best = Some((index, points));
            }
        }
        match best.and_then(|(i, points)| self.personas.get(i).map(|p| (i, p, points))) {
            None => Fit {
                persona: None,
                points: 0,
                percent: 0,
                tier: Tier::D,
            },
            Some((index, persona, _)) => Fit {
                persona: Some(index),
                ..self.fit_of(persona, hits)
            },
        }
    }

    /// The fit `hits` give one persona (its `persona` index left unset).
    pub(crate) fn fit_of(&self, persona: &PersonaPlan, hits: &[bool]) -> Fit {
        let points = self.points(persona, hits);
        Fit {
            persona: None,
            points,
            percent: percent(points, persona.total_weight),
            tier: tier(points, persona.total_weight, persona.cutoffs),
        }
    }

    fn points(&self, persona: &PersonaPlan, hits: &[bool]) -> u64 {
        let range = persona.first..persona.first + persona.len;
        let weights = self.slots.get(range.clone()).unwrap_or_default();
        let hits = hits.get(range).unwrap_or_default();
        weights
            .iter()
            .zip(hits)
            .filter(|(_, hit)| **hit)
            .fold(0u64, |sum, (slot, _)| {
                sum.saturating_add(u64::from(slot.weight))
            })
    }
}

/// `points` as a whole percent of `total`, rounded down.
fn percent(points: u64, total: u64) -> u8 {
    if total == 0 {
        return 0;
    }
    let p = u128::from(points) * 100 / u128::from(total);
    u8::try_from(p.min(100)).unwrap_or(100)
}

/// The tier `points` of `total` earns; compared exactly, so a lead at 79.9% with an A
/// cut-off of 80 is B, as its rounded-down percent (79) shows.
fn tier(points: u64, total: u64, cutoffs: TierCutoffs) -> Tier {
    let scaled = u128::from(points) * 100;
    let reaches = |cutoff: u8| scaled >= u128::from(cutoff) * u128::from(total);
    if reaches(cutoffs.a) {
        Tier::A
    } else if reaches(cutoffs.b) {
        Tier::B
    } else if reaches(cutoffs.c) {
        Tier::C
    } else {
        Tier::D
    }
}
