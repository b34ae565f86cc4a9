//! Segments: saved filters over the whole lead base — any field, scores, tier, persona,
//! stage, and touch counts and recency — nested with all/any/not and evaluated in memory
//! against [`LeadContext`]s at a given `now`.
//!
//! The serde form of [`Segment`] is the saved form (JSON); a filter is checked and
//! prepared once ([`Filter::compile`]) and then counted or selected over many leads.

mod compile;
mod compiled;
mod edit;
mod members;
mod population;
mod template;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::icp::CompiledIcpSet;
use crate::model::{LeadId, Stage, Tier, TouchKind};
use crate::predicate::{Predicate, PredicateError};

pub use compiled::CompiledFilter;
pub use members::MAX_MEMBERS;
pub use population::Population;
pub use template::{
    MAX_TEMPLATE_CHARS, RenderError, Template, TemplateError, TemplateValues, Token, split_name,
};

/// How deep filters may nest: deeper is surely a mistake, and keeps evaluation's
/// recursion bounded.
pub const MAX_DEPTH: usize = 32;

/// Longest segment name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 120;

/// A named, saved filter, with the message the team sends its leads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// The name shown in lists ("수도권 마케팅 리더, 30일 내 웨비나").
    pub name: String,
    /// Which leads belong. Leads added by hand are a [`Condition::Leads`] in it (see
    /// [`Segment::add_members`]).
    pub filter: Filter,
    /// The message template for the segment's leads (see [`Template`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
}

impl Segment {
    /// Checks the segment, including that every persona it names exists in `icps`, and
    /// prepares it for evaluation.
    pub fn compile(&self, icps: &CompiledIcpSet) -> Result<CompiledFilter, SegmentError> {
        if self.name.trim().is_empty() {
            return Err(SegmentError::BlankName);
        }
        let chars = self.name.chars().count();
        if chars > MAX_NAME_CHARS {
            return Err(SegmentError::NameTooLong {
                chars,
                max: MAX_NAME_CHARS,
            });
        }
        if let Some(template) = &self.template {
            Template::parse(template).map_err(|source| SegmentError::Template { source })?;
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
    /// The lead is one of these: leads added to the segment by hand.
    Leads {
        /// The leads, at most [`MAX_MEMBERS`].
        ids: Vec<LeadId>,
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
    /// A name longer than [`MAX_NAME_CHARS`].
    #[error("segment name is {chars} characters; at most {max} are allowed")]
    NameTooLong {
        /// Its length.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// The message template cannot be used.
    #[error("template: {source}")]
    Template {
        /// What is wrong with it.
        source: TemplateError,
    },
    /// More leads added by hand than [`MAX_MEMBERS`].
    #[error("{at}: at most {max} leads can be added by hand")]
    TooManyMembers {
        /// Where.
        at: String,
        /// The limit.
        max: usize,
    },
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

impl SegmentError {
    /// The path of the saved form's part at fault, for an editor to show the problem
    /// next to it: `name`, `template`, or a filter node with the part of its condition
    /// (`filter.all[1].any[0].value`, `….min`, `….values`).
    pub fn field_path(&self) -> String {
        match self {
            Self::BlankName | Self::NameTooLong { .. } => "name".into(),
            Self::Template { .. } => "template".into(),
            Self::EmptyGroup { at, .. } | Self::TooDeep { at, .. } => at.clone(),
            Self::Unbounded { at, .. } | Self::InvertedBounds { at, .. } => format!("{at}.min"),
            Self::EmptyList { at, .. } | Self::UnknownPersona { at, .. } => {
                format!("{at}.values")
            }
            Self::TooManyMembers { at, .. } => format!("{at}.ids"),
            Self::EmptyWindow { at } => format!("{at}.within_days"),
            Self::Predicate { at, source } => {
                let part = match source {
                    PredicateError::UnboundedRange { .. }
                    | PredicateError::InvertedRange { .. } => "min",
                    PredicateError::TypeMismatch { .. } => "operator",
                    PredicateError::EmptyOneOf { .. }
                    | PredicateError::BlankText { .. }
                    | PredicateError::NonFiniteNumber { .. } => "value",
                };
                format!("{at}.{part}")
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
