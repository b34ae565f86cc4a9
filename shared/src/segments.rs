//! Segments: saved filters over the whole lead base — any field, scores, tier, persona,
//! stage, and touch counts and recency — nested with all/any/not and evaluated in memory
//! against [`LeadContext`]s at a given `now`.
//!
//! The serde form of [`Segment`] is the saved form (JSON); a filter is checked and
//! prepared once ([`Filter::compile`]) and then counted or selected over many leads.

mod compile;
mod compiled;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::icp::CompiledIcpSet;
use crate::model::{Stage, Tier, TouchKind};
use crate::predicate::{Predicate, PredicateError};

pub use compiled::CompiledFilter;

/// How deep filters may nest: deeper is surely a mistake, and keeps evaluation's
/// recursion bounded.
pub const MAX_DEPTH: usize = 32;

/// A named, saved filter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// The name shown in lists ("수도권 마케팅 리더, 30일 내 웨비나").
    pub name: String,
    /// Which leads belong.
    pub filter: Filter,
}

impl Segment {
    /// Checks the segment, including that every persona it names exists in `icps`, and
    /// prepares it for evaluation.
    pub fn compile(&self, icps: &CompiledIcpSet) -> Result<CompiledFilter, SegmentError> {
        if self.name.trim().is_empty() {
            return Err(SegmentError::BlankName);
        }
        let compiled = self.filter.compile()?;
        let known: Vec<&str> = icps.persona_names().collect();
        self.filter.check_personas(&known)?;
        Ok(compiled)
    }
}

/// A filter: conditions combined with all/any/not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Filter {
    /// Every sub-filter passes; must not be empty.
    All(Vec<Filter>),
    /// At least one sub-filter passes; must not be empty.
    Any(Vec<Filter>),
    /// The sub-filter fails.
    Not(Box<Filter>),
    /// One condition.
    Condition(Condition),
}

/// One test of a lead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Condition {
    /// A field of the lead or its account (see [`crate::predicate`]).
    Field(Predicate),
    /// A score within inclusive bounds (a missing bound is open).
    Score {
        /// Which score.
        score: ScoreKind,
        /// The least score accepted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<i64>,
        /// The greatest score accepted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<i64>,
    },
    /// The fit tier is one of these (a lead with no tier never passes).
    Tier {
        /// The accepted tiers.
        tiers: Vec<Tier>,
    },
    /// The best persona is one of these (a lead with no persona never passes).
    Persona {
        /// The accepted persona names, exactly as defined in the ICP set.
        personas: Vec<String>,
    },
    /// The lifecycle stage is one of these.
    Stage {
        /// The accepted stages.
        stages: Vec<Stage>,
    },
    /// The number of touches (of one kind, or of any kind) in the last `within_days`
    /// days, `[now - within_days, now]`, lies within inclusive bounds. Touches dated
    /// after `now` are not counted.
    TouchCount {
        /// The kind counted; any kind when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        touch: Option<TouchKind>,
        /// The window's length in days; at least 1.
        within_days: u32,
        /// The least count accepted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<u32>,
        /// The greatest count accepted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u32>,
    },
    /// Whole days since the last touch (of one kind, or of any kind) lie within
    /// inclusive bounds. A lead with no such touch never passes: "no touch in 90 days,
    /// including never" is `not` of `max: 89`.
    DaysSinceLastTouch {
        /// The kind looked at; any kind when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        touch: Option<TouchKind>,
        /// The fewest days accepted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<u32>,
        /// The most days accepted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u32>,
    },
}

/// Which score a condition tests (see [`crate::facts::ScoreSummary`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreKind {
    /// Points from ICP fit.
    Fit,
    /// Points from engagement.
    Engagement,
    /// Fit plus engagement.
    Total,
}

impl Filter {
    /// Checks the filter's structure and conditions (see [`SegmentError`]).
    pub fn validate(&self) -> Result<(), SegmentError> {
        self.compile().map(|_| ())
    }

    /// Checks the filter and prepares it for evaluation.
    pub fn compile(&self) -> Result<CompiledFilter, SegmentError> {
        compile::compile(self)
    }

    /// Checks that every persona the filter names is in `known`.
    pub fn check_personas(&self, known: &[&str]) -> Result<(), SegmentError> {
        compile::check_personas(self, known)
    }
}

/// Why a filter cannot be used. `at` says where, as a path from the filter's root
/// (`filter.all[2].not`).
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SegmentError {
    /// A segment needs a name to be listed.
    #[error("segment name is blank")]
    BlankName,
    /// An empty `all` would pass everyone and an empty `any` no one; both are mistakes.
    #[error("{at}: {group} needs at least one filter")]
    EmptyGroup {
        /// Where.
        at: String,
        /// `all` or `any`.
        group: &'static str,
    },
    /// Nesting deeper than [`MAX_DEPTH`].
    #[error("{at}: filters nest deeper than {max} levels")]
    TooDeep {
        /// Where the limit was passed.
        at: String,
        /// The limit.
        max: usize,
    },
    /// A condition with neither a min nor a max tests nothing.
    #[error("{at}: {condition} needs a min or a max")]
    Unbounded {
        /// Where.
        at: String,
        /// The condition's kind.
        condition: &'static str,
    },
    /// A min above the max, which nothing satisfies.
    #[error("{at}: {condition} min {min} is above max {max}")]
    InvertedBounds {
        /// Where.
        at: String,
        /// The condition's kind.
        condition: &'static str,
        /// The min given.
        min: i64,
        /// The max given.
        max: i64,
    },
    /// A one-of condition with nothing to accept.
    #[error("{at}: {condition} needs at least one value")]
    EmptyList {
        /// Where.
        at: String,
        /// The condition's kind.
        condition: &'static str,
    },
    /// A touch window of zero days.
    #[error("{at}: touch_count needs within_days of at least 1")]
    EmptyWindow {
        /// Where.
        at: String,
    },
    /// A persona that the workspace's ICP set does not define.
    #[error("{at}: unknown persona {persona:?}")]
    UnknownPersona {
        /// Where.
        at: String,
        /// The name given.
        persona: String,
    },
    /// A malformed field condition.
    #[error("{at}: {source}")]
    Predicate {
        /// Where.
        at: String,
        /// What is wrong with it.
        source: PredicateError,
    },
}

#[cfg(test)]
mod tests;
