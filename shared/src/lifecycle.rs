//! The lead lifecycle with per-workspace stage definitions: entry criteria as data,
//! evaluation of a lead against them, validated and recorded transitions, and funnel
//! reports from the stage history.

mod cohort;
mod config;
mod criteria;
mod evaluate;
mod funnel;
mod transition;

#[cfg(test)]
mod testing;

pub use cohort::{Cohort, cohorts_by_capture_week};
pub use config::{ConfigError, LifecycleConfig, Transition};
pub use criteria::{CriterionCheck, MetadataMatch, StageCriterion, StageDefinition};
pub use evaluate::{CompiledLifecycle, StageCheck, StageEvaluation, evaluate};
pub use funnel::{
    FunnelError, FunnelLevel, IsoWeek, LEVELS, LevelConversion, Reached, StageHistory, WeekFlow,
    conversions, counts_at, reached, stage_at, weekly_flow,
};
pub use transition::{TransitionError, automatic_change, created, needs_reason, transition};
