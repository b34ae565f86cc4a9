//! Moving a lead between stages: checked against the workspace's allowed moves and
//! recorded the same way whether a person or the engine made it, so history and funnel
//! reports never need to know which.

use thiserror::Error;
use time::OffsetDateTime;

use super::config::LifecycleConfig;
use super::funnel::FunnelLevel;
use crate::model::{Actor, Lead, LeadId, Stage, StageChange};

/// A move that is refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TransitionError {
    /// The lead is already in the stage.
    #[error("lead {lead_id} is already in stage {stage:?}")]
    SameStage {
        /// The lead.
        lead_id: LeadId,
        /// Its stage.
        stage: Stage,
    },
    /// The workspace does not list this move.
    #[error("moving from {from:?} to {to:?} is not allowed")]
    NotAllowed {
        /// The stage left.
        from: Stage,
        /// The stage asked for.
        to: Stage,
    },
    /// Parking a lead (nurture, recycled, disqualified) needs a reason, so marketing can
    /// see later why sales set it aside.
    #[error("moving to {to:?} needs a reason")]
    ReasonRequired {
        /// The stage asked for.
        to: Stage,
    },
}

/// Whether entering `stage` needs a reason.
pub fn needs_reason(stage: Stage) -> bool {
    matches!(
        stage,
        Stage::Nurture | Stage::Recycled | Stage::Disqualified
    )
}

/// Moves `lead` to `to`, if `config` allows it, returning the record to append to the
/// history (the caller stores it and sets `lead.stage`). A blank reason counts as none.
pub fn transition(
    config: &LifecycleConfig,
    lead: &Lead,
    to: Stage,
    actor: Actor,
    reason: Option<String>,
    at: OffsetDateTime,
) -> Result<StageChange, TransitionError> {
    let from = lead.stage;
    if from == to {
        return Err(TransitionError::SameStage {
            lead_id: lead.id,
            stage: from,
        });
    }
    if !config.allows(from, to) {
        return Err(TransitionError::NotAllowed { from, to });
    }
    let reason = reason
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    if reason.is_none() && needs_reason(to) {
        return Err(TransitionError::ReasonRequired { to });
    }
    Ok(StageChange {
        lead_id: lead.id,
        from: Some(from),
        to,
        at,
        actor,
        reason,
    })
}

/// The first record of a lead's history: it entered its current stage when created.
pub fn created(lead: &Lead, actor: Actor) -> StageChange {
    StageChange {
        lead_id: lead.id,
        from: None,
        to: lead.stage,
        at: lead.created_at,
        actor,
        reason: None,
    }
}

/// The move the engine makes by itself for a lead that qualifies for `qualifies_for`
/// (from an evaluation), or `None`. The engine only moves a lead up a funnel level
/// (never down, and MQL ↔ PQL is no progress), only into automatic stages, only along
/// allowed moves, and never out of Disqualified: that was a person's judgement. A lead in
/// Nurture or Recycled that qualifies again is moved back, if the workspace allows it.
pub fn automatic_change(
    config: &LifecycleConfig,
    lead: &Lead,
    qualifies_for: Stage,
    at: OffsetDateTime,
) -> Option<StageChange> {
    if !config.is_automatic(qualifies_for) || lead.stage == Stage::Disqualified {
        return None;
    }
    let target = FunnelLevel::of(qualifies_for)?;
    if FunnelLevel::of(lead.stage).is_some_and(|current| current >= target) {
        return None;
    }
    let actor = Actor::System {
        rule: format!("lifecycle.{}", qualifies_for.as_str()),
    };
    let reason = format!("entry criteria of {} met", qualifies_for.as_str());
    transition(config, lead, qualifies_for, actor, Some(reason), at).ok()
}
