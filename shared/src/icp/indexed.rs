//! Matching the same leads again and again while an ICP is being edited. Each field a
//! criterion tests is read once into a column of ids into its distinct values (a title,
//! a region and an industry repeat across thousands of leads); a criterion is then
//! tested once per distinct value, and each lead only looks its answer up. Recounting
//! tiers after an edit costs a few table lookups per lead instead of reading and
//! folding every field again.

use std::collections::HashMap;

use thiserror::Error;

use crate::model::{Account, Field, FieldValue, Lead, Tier};
use crate::predicate::Scratch;

use super::{CompiledIcpSet, FitColumns};

/// A field value owned, hashable (numbers by their bits), so equal values share an id.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Distinct {
    Missing,
    Text(Box<str>),
    Number(u64),
    Bool(bool),
    List(Box<[String]>),
}

impl Distinct {
    fn of(value: FieldValue<'_>) -> Self {
        match value {
            FieldValue::Missing => Self::Missing,
            FieldValue::Text(t) => Self::Text(t.into()),
            FieldValue::Number(n) => Self::Number(n.to_bits()),
            FieldValue::Bool(b) => Self::Bool(b),
            FieldValue::List(items) => Self::List(items.into()),
        }
    }

    fn value(&self) -> FieldValue<'_> {
        match self {
            Self::Missing => FieldValue::Missing,
            Self::Text(t) => FieldValue::Text(t),
            Self::Number(bits) => FieldValue::Number(f64::from_bits(*bits)),
            Self::Bool(b) => FieldValue::Bool(*b),
            Self::List(items) => FieldValue::List(items),
        }
    }
}

/// One field of every lead: the distinct values and each lead's id into them.
#[derive(Debug, Clone)]
struct Column {
    field: Field,
    values: Vec<Distinct>,
    ids: Vec<u32>,
}

/// The fields of one set of leads that ICPs tested so far, read once each.
#[derive(Debug, Clone, Default)]
pub struct FieldIndex {
    leads: usize,
    columns: Vec<Column>,
}

/// Why leads could not be matched through an index.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FieldIndexError {
    /// The index was built over another number of leads.
    #[error("the index holds {indexed} leads but {given} were given")]
    LengthMismatch { indexed: usize, given: usize },
}

impl FieldIndex {
    /// An empty index for `leads` leads; columns are read as criteria need them.
    pub fn new(leads: usize) -> Self {
        Self {
            leads,
            columns: Vec::new(),
        }
    }

    /// The number of leads indexed.
    pub fn len(&self) -> usize {
        self.leads
    }

    /// Whether no lead is indexed.
    pub fn is_empty(&self) -> bool {
        self.leads == 0
    }

    /// The column of `field`, read from `leads` the first time it is asked for.
    fn column(&mut self, field: &Field, leads: &[(&Lead, Option<&Account>)]) -> usize {
        if let Some(at) = self.columns.iter().position(|c| c.field == *field) {
            return at;
        }
        let mut lookup: HashMap<Distinct, u32> = HashMap::new();
        let mut values = Vec::new();
        let ids = leads
            .iter()
            .map(|(lead, account)| {
                let value = Distinct::of(field.read(lead, *account));
                *lookup.entry(value).or_insert_with_key(|value| {
                    values.push(value.clone());
                    u32::try_from(values.len() - 1).unwrap_or(u32::MAX)
                })
            })
            .collect();
        self.columns.push(Column {
            field: field.clone(),
            values,
            ids,
        });
        self.columns.len() - 1
    }
}

/// Matches `leads` (the same leads, in the same order, as `index` was made for) into
/// `out`, which is cleared first: the same results as [`super::match_many`]. Reads the
/// fields `set` tests that the index lacks.
pub fn match_indexed(
    set: &CompiledIcpSet,
    index: &mut FieldIndex,
    leads: &[(&Lead, Option<&Account>)],
    out: &mut FitColumns,
) -> Result<(), FieldIndexError> {
    if leads.len() != index.leads {
        return Err(FieldIndexError::LengthMismatch {
            indexed: index.leads,
            given: leads.len(),
        });
    }
    // For each slot: its column and its answer for each of the column's distinct values.
    let mut answers: Vec<(usize, Vec<bool>)> = vec![(0, Vec::new()); set.criteria_len()];
    let mut scratch = Scratch::new();
    for group in &set.groups {
        let column = index.column(&group.field, leads);
        let values = &index.columns[column].values;
        for (slot, op) in &group.tests {
            if let Some(answer) = answers.get_mut(*slot) {
                *answer = (
                    column,
                    values
                        .iter()
                        .map(|v| op.test(v.value(), &mut scratch))
                        .collect(),
                );
            }
        }
    }
    out.clear();
    out.persona.reserve(leads.len());
    out.fit_points.reserve(leads.len());
    out.fit_percent.reserve(leads.len());
    out.tier.reserve(leads.len());
    let mut hits = vec![false; set.criteria_len()];
    for lead in 0..leads.len() {
        for (hit, (column, answer)) in hits.iter_mut().zip(&answers) {
            let id = index.columns[*column].ids[lead] as usize;
            *hit = answer.get(id).copied().unwrap_or(false);
        }
        let fit = set.best(&hits);
        out.persona
            .push(fit.persona.and_then(|i| u32::try_from(i).ok()));
        out.fit_points
            .push(i64::try_from(fit.points).unwrap_or(i64::MAX));
        out.fit_percent.push(fit.percent);
        out.tier.push(fit.tier);
    }
    Ok(())
}

/// How many leads each persona wins, by tier, and how many match no persona at all.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TierCounts {
    /// Per persona in definition order, the leads whose best persona it is, by tier
    /// (A, B, C, D).
    pub personas: Vec<[u32; 4]>,
    /// Leads that meet no criterion of any persona (every lead when none is defined):
    /// counting them as D of the first persona, which wins the tie at zero, would mislead.
    pub unmatched: u32,
}

impl TierCounts {
    /// Counts matched `columns` over a set of `personas` personas.
    pub fn of(personas: usize, columns: &FitColumns) -> Self {
        let mut counts = Self {
            personas: vec![[0; 4]; personas],
            unmatched: 0,
        };
        for ((persona, points), tier) in columns
            .persona
            .iter()
            .zip(&columns.fit_points)
            .zip(&columns.tier)
        {
            let slot = persona
                .filter(|_| *points > 0)
                .and_then(|p| counts.personas.get_mut(p as usize));
            match slot {
                Some(tiers) => tiers[tier_index(*tier)] += 1,
                None => counts.unmatched += 1,
            }
        }
        counts
    }

    /// Every persona's leads added up, by tier (A, B, C, D).
    pub fn by_tier(&self) -> [u32; 4] {
        self.personas.iter().fold([0; 4], |mut sum, tiers| {
            for (s, t) in sum.iter_mut().zip(tiers) {
                *s += t;
            }
            sum
        })
    }
}

fn tier_index(tier: Tier) -> usize {
    match tier {
        Tier::A => 0,
        Tier::B => 1,
        Tier::C => 2,
        Tier::D => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{DatasetSpec, generate};
    use crate::icp::{Criterion, Icp, IcpSet, TierCutoffs, match_many};
    use crate::predicate::{Operator, Value};
    use proptest::prelude::*;
    use time::macros::datetime;

    fn criterion(field: Field, operator: Operator, weight: u32) -> Criterion {
        Criterion {
            field,
            operator,
            weight,
            label: None,
        }
    }

    fn personas(min_employees: f64, title: &str) -> IcpSet {
        IcpSet {
            personas: vec![
                Icp {
                    name: "국내 마케팅 리더".into(),
                    criteria: vec![
                        criterion(
                            Field::Country,
                            Operator::Equals {
                                value: Value::Text("KR".into()),
                            },
                            30,
                        ),
                        criterion(Field::Title, Operator::Contains { text: title.into() }, 40),
                        criterion(
                            Field::EmployeeCount,
                            Operator::Range {
                                min: Some(min_employees),
                                max: None,
                            },
                            30,
                        ),
                    ],
                    tier_cutoffs: TierCutoffs::default(),
                },
                Icp {
                    name: "IT 담당".into(),
                    criteria: vec![
                        criterion(Field::TechTags, Operator::Exists, 20),
                        criterion(
                            Field::Industry,
                            Operator::OneOf {
                                values: vec![
                                    Value::Text("SaaS".into()),
                                    Value::Text("제조".into()),
                                ],
                            },
                            20,
                        ),
                        criterion(Field::Phone, Operator::Missing, 5),
                    ],
                    tier_cutoffs: TierCutoffs {
                        a: 90,
                        b: 50,
                        c: 20,
                    },
                },
            ],
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(16))]
        /// The index answers exactly what matching lead by lead answers, also after
        /// edits that reuse its columns and edits that add new ones.
        #[test]
        fn the_index_agrees_with_matching_each_lead(
            seed in 0u64..1000,
            min_employees in 0.0f64..2000.0,
            title in prop::sample::select(vec!["마케팅", "cmo", "팀장", "engineer"]),
        ) {
            let data = generate(&DatasetSpec::new(seed, 400, datetime!(2026-11-24 0:00 UTC)));
            let leads: Vec<(&Lead, Option<&Account>)> = data
                .leads
                .iter()
                .zip(data.lead_accounts())
                .collect();
            let mut index = FieldIndex::new(leads.len());
            for set in [personas(50.0, "마케팅"), personas(min_employees, title)] {
                let compiled = set.compile().unwrap();
                let mut expected = FitColumns::default();
                match_many(&compiled, leads.iter().copied(), &mut expected);
                let mut got = FitColumns::default();
                match_indexed(&compiled, &mut index, &leads, &mut got).unwrap();
                prop_assert_eq!(&got, &expected);
                let counts = TierCounts::of(2, &got);
                let total: u32 = counts.by_tier().iter().sum::<u32>() + counts.unmatched;
                prop_assert_eq!(total as usize, leads.len());
            }
        }
    }

    #[test]
    fn other_leads_are_refused() {
        let mut index = FieldIndex::new(3);
        let compiled = personas(50.0, "마케팅").compile().unwrap();
        assert_eq!(
            match_indexed(&compiled, &mut index, &[], &mut FitColumns::default()),
            Err(FieldIndexError::LengthMismatch {
                indexed: 3,
                given: 0
            })
        );
    }

    #[test]
    fn leads_meeting_nothing_are_unmatched_not_d() {
        let columns = FitColumns {
            persona: vec![Some(0), Some(0), Some(1), None],
            fit_points: vec![0, 40, 10, 0],
            fit_percent: vec![0, 40, 50, 0],
            tier: vec![Tier::D, Tier::C, Tier::B, Tier::D],
        };
        let counts = TierCounts::of(2, &columns);
        assert_eq!(counts.personas, vec![[0, 0, 1, 0], [0, 1, 0, 0]]);
        assert_eq!(counts.unmatched, 2);
        assert_eq!(counts.by_tier(), [0, 1, 1, 0]);
    }
}
