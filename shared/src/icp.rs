//! ICP fit: how closely a lead and its company match the ideal customer profile. A
//! workspace defines several personas ([`Icp`]), each a named set of weighted criteria
//! over person and company fields; a lead's fit is its best persona's share of weight,
//! with a tier (A–D) by that persona's cut-offs and the criteria matched and missed.
//!
//! Fit points are the sum of the matched criteria's integer weights, so the scoring
//! module can add them to engagement and an explanation always sums exactly.

mod compiled;
mod grouping;
mod indexed;
mod matching;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::Field;
use crate::predicate::{Operator, PredicateError};

pub use compiled::CompiledIcpSet;
pub use grouping::{PersonaGroup, PersonaGroups, group_by_persona};
pub use indexed::{FieldIndex, FieldIndexError, TierCounts, match_indexed};
pub use matching::{
    CriterionOutcome, FitColumns, FitMatch, PersonaFit, match_lead, match_many, match_personas,
};

/// One persona: the criteria of a good customer of one kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Icp {
    /// The persona's name, unique in the workspace (e.g. "중견 제조 마케팅 리더").
    pub name: String,
    /// The weighted criteria; a lead's fit is the weight of those it meets.
    pub criteria: Vec<Criterion>,
    /// The shares of total weight a lead needs for tiers A, B and C.
    #[serde(default)]
    pub tier_cutoffs: TierCutoffs,
}

/// One weighted criterion of a persona.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    /// The field tested.
    pub field: Field,
    /// How it is tested.
    pub operator: Operator,
    /// Points a lead gets when it meets the criterion; at least 1.
    pub weight: u32,
    /// What to show in explanations ("마케팅 직무"); the UI describes the test if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// Percent of a persona's total weight needed for each tier: at least `a` is A, at least
/// `b` is B, at least `c` is C, anything less is D.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierCutoffs {
    /// Least percent for tier A.
    pub a: u8,
    /// Least percent for tier B.
    pub b: u8,
    /// Least percent for tier C.
    pub c: u8,
}

impl Default for TierCutoffs {
    /// 80 / 60 / 40: a common starting point teams then tune.
    fn default() -> Self {
        Self {
            a: 80,
            b: 60,
            c: 40,
        }
    }
}

/// A workspace's personas, in the order they were defined (ties go to the first).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct IcpSet {
    /// The personas.
    pub personas: Vec<Icp>,
}

impl IcpSet {
    /// Checks every persona (see [`IcpError`]) without compiling.
    pub fn validate(&self) -> Result<(), IcpError> {
        self.compile().map(|_| ())
    }

    /// Checks every persona and prepares the set for matching many leads.
    pub fn compile(&self) -> Result<CompiledIcpSet, IcpError> {
        CompiledIcpSet::new(self)
    }
}

/// Why an ICP set cannot be used. Each variant names the persona (and criterion, by its
/// position from 0) at fault.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum IcpError {
    /// A persona with a blank name cannot be shown or grouped by.
    #[error("persona {index} has a blank name")]
    BlankName {
        /// The persona's position in the set.
        index: usize,
    },
    /// Two personas share a name, so groups and segments could not tell them apart.
    #[error("persona name {name:?} is used twice")]
    DuplicatePersona {
        /// The repeated name.
        name: String,
    },
    /// A persona with no criteria has no fit to measure.
    #[error("persona {persona:?} has no criteria")]
    NoCriteria {
        /// The persona's name.
        persona: String,
    },
    /// A weight of 0 would make a criterion that never counts.
    #[error("persona {persona:?} criterion {criterion}: weight must be at least 1")]
    ZeroWeight {
        /// The persona's name.
        persona: String,
        /// The criterion's position.
        criterion: usize,
    },
    /// Cut-offs must satisfy 100 ≥ a ≥ b ≥ c.
    #[error(
        "persona {persona:?}: tier cut-offs must satisfy 100 >= a >= b >= c, got a {a}, b {b}, c {c}"
    )]
    BadCutoffs {
        /// The persona's name.
        persona: String,
        /// The A cut-off given.
        a: u8,
        /// The B cut-off given.
        b: u8,
        /// The C cut-off given.
        c: u8,
    },
    /// A criterion's test is malformed.
    #[error("persona {persona:?} criterion {criterion}: {source}")]
    Criterion {
        /// The persona's name.
        persona: String,
        /// The criterion's position.
        criterion: usize,
        /// What is wrong with the test.
        source: PredicateError,
    },
}

#[cfg(test)]
mod tests;
