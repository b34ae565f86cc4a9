//! Evaluating a lead against a workspace's stage definitions: which stage it qualifies
//! for and, for the stages above, what is missing. Two forms: [`evaluate`] explains (one
//! lead on screen), [`CompiledLifecycle::qualifies_for`] only answers (100k leads in a
//! list), allocating nothing per lead.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::config::LifecycleConfig;
use super::criteria::{CriterionCheck, StageCriterion, StageDefinition};
use super::funnel::FunnelLevel;
use crate::facts::LeadContext;
use crate::model::Stage;

/// One stage's definition checked against one lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageCheck {
    /// The stage.
    pub stage: Stage,
    /// Whether every criterion holds.
    pub met: bool,
    /// Each criterion, in the order the workspace wrote them.
    pub criteria: Vec<CriterionCheck>,
}

impl StageCheck {
    /// The criteria that do not hold: what the lead is missing for this stage.
    pub fn missing(&self) -> impl Iterator<Item = &CriterionCheck> {
        self.criteria.iter().filter(|c| !c.met)
    }
}

/// Where a lead stands by the workspace's definitions, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageEvaluation {
    /// The highest funnel stage whose definition holds; Subscriber when none does (the
    /// floor every known person stands on). Of MQL and PQL, which share a level, PQL
    /// counts as higher: product use is the stronger evidence.
    pub qualifies_for: Stage,
    /// Every defined stage, in funnel order.
    pub checks: Vec<StageCheck>,
}

impl StageEvaluation {
    /// The next defined stage above `qualifies_for` and what it still needs.
    pub fn next(&self) -> Option<&StageCheck> {
        self.checks
            .iter()
            .find(|c| c.stage > self.qualifies_for && !c.met)
    }

    /// The check of `stage`, if the workspace defines it.
    pub fn check(&self, stage: Stage) -> Option<&StageCheck> {
        self.checks.iter().find(|c| c.stage == stage)
    }
}

/// Whether `stage` can take entry criteria: the funnel stages above Subscriber.
fn evaluable(stage: Stage) -> bool {
    stage != Stage::Subscriber && FunnelLevel::of(stage).is_some()
}

/// Evaluates `ctx` against every definition of `config` at `now`, explaining each
/// criterion. Definitions of stages that take none (see `LifecycleConfig::validate`)
/// are skipped rather than trusted.
pub fn evaluate(
    config: &LifecycleConfig,
    ctx: &LeadContext<'_>,
    now: OffsetDateTime,
) -> StageEvaluation {
    let mut definitions: Vec<&StageDefinition> = config
        .definitions
        .iter()
        .filter(|d| evaluable(d.stage))
        .collect();
    definitions.sort_by_key(|d| d.stage);
    let checks: Vec<StageCheck> = definitions
        .into_iter()
        .map(|d| {
            let criteria: Vec<CriterionCheck> =
                d.criteria.iter().map(|c| c.check(ctx, now)).collect();
            StageCheck {
                stage: d.stage,
                met: criteria.iter().all(|c| c.met),
                criteria,
            }
        })
        .collect();
    let qualifies_for = checks
        .iter()
        .rev()
        .find(|c| c.met)
        .map_or(Stage::Subscriber, |c| c.stage);
    StageEvaluation {
        qualifies_for,
        checks,
    }
}

/// A configuration prepared for evaluating many leads: stages highest first so the
/// first definition that holds is the answer, and each definition's criteria cheapest
/// first so most leads are turned away by a score compare before any touch is scanned.
#[derive(Debug, Clone)]
pub struct CompiledLifecycle {
    stages: Vec<(Stage, Vec<StageCriterion>)>,
}

impl CompiledLifecycle {
    /// Prepares `config`.
    pub fn new(config: &LifecycleConfig) -> Self {
        let mut stages: Vec<(Stage, Vec<StageCriterion>)> = config
            .definitions
            .iter()
            .filter(|d| evaluable(d.stage))
            .map(|d| {
                let mut criteria = d.criteria.clone();
                criteria.sort_by_key(StageCriterion::cost);
                (d.stage, criteria)
            })
            .collect();
        stages.sort_by_key(|(stage, _)| std::cmp::Reverse(*stage));
        Self { stages }
    }

    /// The stage `ctx` qualifies for at `now`; the same answer as
    /// [`evaluate`]`(..).qualifies_for`, without allocating.
    pub fn qualifies_for(&self, ctx: &LeadContext<'_>, now: OffsetDateTime) -> Stage {
        self.stages
            .iter()
            .find(|(_, criteria)| criteria.iter().all(|c| c.holds(ctx, now)))
            .map_or(Stage::Subscriber, |(stage, _)| *stage)
    }
}
