//! What the engine finds wrong with a draft, said in the UI's language and placed next
//! to the part at fault: the persona, criterion, rule, half-life or stage it names.

use leadkit_shared::engine::EngineConfig;
use leadkit_shared::icp::{IcpError, IcpSet};
use leadkit_shared::lifecycle::ConfigError;
use leadkit_shared::model::{Stage, TouchKind};
use leadkit_shared::predicate::PredicateError;
use leadkit_shared::scoring::ModelError;

/// A part of the configuration, as the worker names it in a refused save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Icp,
    Scoring,
    Lifecycle,
}

impl Part {
    /// The worker's name for the part (`config.icp` …).
    pub fn field(self) -> &'static str {
        match self {
            Self::Icp => "config.icp",
            Self::Scoring => "config.scoring",
            Self::Lifecycle => "config.lifecycle",
        }
    }
}

/// The scoring model's two rule lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleList {
    Engagement,
    Profile,
}

/// Where a problem is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// A persona, by position.
    Persona(usize),
    /// One criterion of a persona.
    Criterion { persona: usize, criterion: usize },
    /// A rule of either list, by id.
    Rule(String),
    /// A rule by position (when its id is what is wrong).
    RuleAt { list: RuleList, index: usize },
    /// The decay half-life.
    HalfLife,
    /// A stage's definition.
    Stage(Stage),
    /// A part with no finer place in the editors (time zone, allowed moves).
    Part(Part),
}

/// What is wrong, with what the sentence needs.
#[derive(Debug, Clone, PartialEq)]
pub enum ProblemText {
    PersonaBlankName,
    PersonaDuplicate(String),
    PersonaNoCriteria,
    CriterionZeroWeight,
    BadCutoffs,
    EmptyOneOf,
    BlankText,
    NonFiniteNumber,
    UnboundedRange,
    InvertedRange,
    TypeMismatch,
    RuleEmptyId,
    RuleDuplicateId(String),
    RuleEmptyName,
    RuleZeroPoints,
    RuleZeroMaxTimes,
    RuleZeroCap,
    ConditionEmptyKey,
    ConditionEmptyValue(String),
    ProfileEmptyValue,
    InvalidHalfLife,
    InvalidUtcOffset,
    TooManyRules,
    StageDuplicate,
    StageNotEvaluable,
    StageEmpty,
    StageEmptyAnyOf,
    PercentOutOfRange,
    ZeroMinCount(TouchKind),
    ZeroWindow(TouchKind),
    BlankMetadataKey,
    SelfTransition,
    DuplicateTransition,
    AutomaticWithoutDefinition,
}

/// One problem, where it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub anchor: Anchor,
    pub text: ProblemText,
}

/// The first problem the engine would refuse `config` for, if any: the same checks as
/// `Engine::new`, the worker's save and capture.
pub fn problem_of(config: &EngineConfig) -> Option<Problem> {
    if let Err(e) = config.icp.validate() {
        return Some(icp_problem(&config.icp, e));
    }
    if let Err(e) = config.scoring.validate() {
        return Some(scoring_problem(e));
    }
    config.lifecycle.validate().err().map(lifecycle_problem)
}

fn persona_index(set: &IcpSet, name: &str, nth: usize) -> usize {
    set.personas
        .iter()
        .enumerate()
        .filter(|(_, p)| p.name == name)
        .nth(nth)
        .map_or(0, |(i, _)| i)
}

fn icp_problem(set: &IcpSet, error: IcpError) -> Problem {
    let persona = |name: &str| Anchor::Persona(persona_index(set, name, 0));
    let (anchor, text) = match error {
        IcpError::BlankName { index } => (Anchor::Persona(index), ProblemText::PersonaBlankName),
        // Names are compared folded ("Marketing Lead" = "marketing  lead"): the second
        // one written is the duplicate; an exact repeat is found by position.
        IcpError::DuplicatePersona { name } => {
            let folded = leadkit_shared::text::fold(&name);
            let index = set
                .personas
                .iter()
                .enumerate()
                .filter(|(_, p)| leadkit_shared::text::fold(&p.name) == folded)
                .nth(1)
                .map_or(0, |(i, _)| i);
            (Anchor::Persona(index), ProblemText::PersonaDuplicate(name))
        }
        IcpError::NoCriteria { persona: name } => (persona(&name), ProblemText::PersonaNoCriteria),
        IcpError::ZeroWeight {
            persona: name,
            criterion,
        } => (
            Anchor::Criterion {
                persona: persona_index(set, &name, 0),
                criterion,
            },
            ProblemText::CriterionZeroWeight,
        ),
        IcpError::BadCutoffs { persona: name, .. } => (persona(&name), ProblemText::BadCutoffs),
        IcpError::Criterion {
            persona: name,
            criterion,
            source,
        } => (
            Anchor::Criterion {
                persona: persona_index(set, &name, 0),
                criterion,
            },
            predicate_text(&source),
        ),
    };
    Problem { anchor, text }
}

fn predicate_text(error: &PredicateError) -> ProblemText {
    match error {
        PredicateError::EmptyOneOf { .. } => ProblemText::EmptyOneOf,
        PredicateError::BlankText { .. } => ProblemText::BlankText,
        PredicateError::NonFiniteNumber { .. } => ProblemText::NonFiniteNumber,
        PredicateError::UnboundedRange { .. } => ProblemText::UnboundedRange,
        PredicateError::InvertedRange { .. } => ProblemText::InvertedRange,
        PredicateError::TypeMismatch { .. } => ProblemText::TypeMismatch,
    }
}

fn scoring_problem(error: ModelError) -> Problem {
    let (anchor, text) = match error {
        ModelError::EmptyId { list, index } => (
            Anchor::RuleAt {
                list: if list == "profile_rules" {
                    RuleList::Profile
                } else {
                    RuleList::Engagement
                },
                index,
            },
            ProblemText::RuleEmptyId,
        ),
        ModelError::DuplicateId { id } => {
            (Anchor::Rule(id.clone()), ProblemText::RuleDuplicateId(id))
        }
        ModelError::EmptyName { id } => (Anchor::Rule(id), ProblemText::RuleEmptyName),
        ModelError::ZeroPoints { id } => (Anchor::Rule(id), ProblemText::RuleZeroPoints),
        ModelError::ZeroMaxTimes { id } => (Anchor::Rule(id), ProblemText::RuleZeroMaxTimes),
        ModelError::ZeroCap { id } => (Anchor::Rule(id), ProblemText::RuleZeroCap),
        ModelError::EmptyConditionKey { id } => (Anchor::Rule(id), ProblemText::ConditionEmptyKey),
        ModelError::EmptyConditionValue { id, key } => {
            (Anchor::Rule(id), ProblemText::ConditionEmptyValue(key))
        }
        ModelError::EmptyProfileValue { id } => (Anchor::Rule(id), ProblemText::ProfileEmptyValue),
        ModelError::InvalidHalfLife { .. } => (Anchor::HalfLife, ProblemText::InvalidHalfLife),
        ModelError::InvalidUtcOffset { .. } => {
            (Anchor::Part(Part::Scoring), ProblemText::InvalidUtcOffset)
        }
        ModelError::TooManyRules { .. } => (Anchor::Part(Part::Scoring), ProblemText::TooManyRules),
    };
    Problem { anchor, text }
}

fn lifecycle_problem(error: ConfigError) -> Problem {
    let (anchor, text) = match error {
        ConfigError::DuplicateDefinition { stage } => {
            (Anchor::Stage(stage), ProblemText::StageDuplicate)
        }
        ConfigError::NotEvaluable { stage } => {
            (Anchor::Stage(stage), ProblemText::StageNotEvaluable)
        }
        ConfigError::EmptyDefinition { stage } => (Anchor::Stage(stage), ProblemText::StageEmpty),
        ConfigError::EmptyAnyOf { stage } => (Anchor::Stage(stage), ProblemText::StageEmptyAnyOf),
        ConfigError::PercentOutOfRange { stage, .. } => {
            (Anchor::Stage(stage), ProblemText::PercentOutOfRange)
        }
        ConfigError::ZeroMinCount { stage, kind } => {
            (Anchor::Stage(stage), ProblemText::ZeroMinCount(kind))
        }
        ConfigError::ZeroWindow { stage, kind } => {
            (Anchor::Stage(stage), ProblemText::ZeroWindow(kind))
        }
        ConfigError::BlankMetadataKey { stage, .. } => {
            (Anchor::Stage(stage), ProblemText::BlankMetadataKey)
        }
        ConfigError::SelfTransition { .. } => {
            (Anchor::Part(Part::Lifecycle), ProblemText::SelfTransition)
        }
        ConfigError::DuplicateTransition { .. } => (
            Anchor::Part(Part::Lifecycle),
            ProblemText::DuplicateTransition,
        ),
        ConfigError::AutomaticWithoutDefinition { stage } => (
            Anchor::Stage(stage),
            ProblemText::AutomaticWithoutDefinition,
        ),
    };
    Problem { anchor, text }
}
