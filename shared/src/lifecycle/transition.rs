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
    #[error("lead {lead_id} is already in stage {}", .stage.as_str())]
    SameStage {
        /// The lead.
        lead_id: LeadId,
        /// Its stage.
        stage: Stage,
    },
    /// The workspace does not list this move.
    #[error("moving from {} to {} is not allowed", .from.as_str(), .to.as_str())]
    NotAllowed {
        /// The stage left.
        from: Stage,
        /// The stage asked for.
        to: Stage,
    },
    /// Parking a lead (nurture, recycled, disqualified) needs a reason, so marketing can
    /// see later why sales set it aside.
    #[error("moving to {} needs a reason", .to.as_str())]
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::Transition;
    use crate::lifecycle::testing::lead;
    use proptest::prelude::*;
    use time::macros::datetime;

    const AT: OffsetDateTime = datetime!(2026-11-24 14:30 +9);

    fn sdr() -> Actor {
        Actor::User {
            id: "sdr-1".into(),
            name: "이지은".into(),
        }
    }

    /// (from, to, reason, expected)
    type Case = (
        Stage,
        Stage,
        Option<&'static str>,
        Result<(), TransitionError>,
    );

    #[test]
    fn moves_are_checked_against_the_default_list() {
        let config = LifecycleConfig::korean_b2b_default();
        let cases: &[Case] = &[
            (Stage::Lead, Stage::Mql, None, Ok(())),
            (Stage::Lead, Stage::Sql, Some("대표이사 미팅 요청"), Ok(())),
            (Stage::Pql, Stage::Mql, None, Ok(())),
            (
                Stage::Customer,
                Stage::Lead,
                None,
                Err(TransitionError::NotAllowed {
                    from: Stage::Customer,
                    to: Stage::Lead,
                }),
            ),
            (
                Stage::Mql,
                Stage::Disqualified,
                Some("  "),
                Err(TransitionError::ReasonRequired {
                    to: Stage::Disqualified,
                }),
            ),
            (Stage::Mql, Stage::Disqualified, Some("경쟁사 직원"), Ok(())),
            (
                Stage::Sql,
                Stage::Nurture,
                None,
                Err(TransitionError::ReasonRequired { to: Stage::Nurture }),
            ),
            (
                Stage::Sql,
                Stage::Recycled,
                Some("내년 예산 편성 후 재접촉"),
                Ok(()),
            ),
            (Stage::Recycled, Stage::Mql, None, Ok(())),
            (
                Stage::Sql,
                Stage::Sql,
                None,
                Err(TransitionError::SameStage {
                    lead_id: lead(1, "", AT).id,
                    stage: Stage::Sql,
                }),
            ),
        ];
        for (from, to, reason, expected) in cases {
            let mut l = lead(1, "김민수", AT);
            l.stage = *from;
            let result = transition(&config, &l, *to, sdr(), reason.map(str::to_owned), AT);
            match (result, expected) {
                (Ok(change), Ok(())) => {
                    assert_eq!(change.from, Some(*from));
                    assert_eq!(change.to, *to);
                    assert_eq!(change.actor, sdr());
                    assert_eq!(change.reason.as_deref(), reason.map(str::trim));
                }
                (got, want) => assert_eq!(got.map(|_| ()), want.clone(), "{from:?} → {to:?}"),
            }
        }
    }

    #[test]
    fn the_engine_moves_up_only_into_automatic_stages() {
        let config = LifecycleConfig::korean_b2b_default();
        // (current stage, qualifies for, moved)
        let cases = [
            (Stage::Lead, Stage::Mql, true),
            (Stage::Subscriber, Stage::Pql, true),
            (Stage::Lead, Stage::Sql, false), // SQL is for an SDR to accept
            (Stage::Mql, Stage::Pql, false),  // same level: no progress
            (Stage::Sql, Stage::Mql, false),  // never down
            (Stage::Nurture, Stage::Mql, true),
            (Stage::Recycled, Stage::Pql, true),
            (Stage::Disqualified, Stage::Mql, false),
            (Stage::Lead, Stage::Lead, false),
            (Stage::Subscriber, Stage::Subscriber, false),
        ];
        for (current, qualifies_for, moved) in cases {
            let mut l = lead(1, "박서준", AT);
            l.stage = current;
            let change = automatic_change(&config, &l, qualifies_for, AT);
            assert_eq!(change.is_some(), moved, "{current:?} → {qualifies_for:?}");
            if let Some(change) = change {
                // The same record a person's move gives, but for the actor.
                let manual = transition(
                    &config,
                    &l,
                    qualifies_for,
                    change.actor.clone(),
                    change.reason.clone(),
                    AT,
                );
                assert_eq!(manual, Ok(change.clone()));
                assert!(matches!(change.actor, Actor::System { .. }));
            }
        }
    }

    #[test]
    fn messages_name_the_stages_as_rules_do() {
        let cases = [
            (
                TransitionError::NotAllowed {
                    from: Stage::Customer,
                    to: Stage::Lead,
                },
                "moving from customer to lead is not allowed",
            ),
            (
                TransitionError::ReasonRequired {
                    to: Stage::Disqualified,
                },
                "moving to disqualified needs a reason",
            ),
        ];
        for (error, message) in cases {
            assert_eq!(error.to_string(), message);
        }
    }

    proptest! {
        #[test]
        fn transition_validation_matches_the_allowed_list_exactly(
            pairs in prop::collection::btree_set((0usize..11, 0usize..11), 0..60),
            from in 0usize..11,
            to in 0usize..11,
        ) {
            let allowed_transitions: Vec<Transition> = pairs
                .iter()
                .filter(|(a, b)| a != b)
                .map(|(a, b)| Transition { from: Stage::ALL[*a], to: Stage::ALL[*b] })
                .collect();
            let config = LifecycleConfig {
                definitions: vec![],
                allowed_transitions,
                automatic: vec![],
            };
            prop_assert_eq!(config.validate(), Ok(()));
            let (from, to) = (Stage::ALL[from], Stage::ALL[to]);
            let mut l = lead(1, "최유나", AT);
            l.stage = from;
            let listed = pairs.contains(&(from as usize, to as usize)) && from != to;
            let result = transition(&config, &l, to, sdr(), Some("사유".into()), AT);
            prop_assert_eq!(result.is_ok(), listed);
            if from != to && !listed {
                prop_assert_eq!(result, Err(TransitionError::NotAllowed { from, to }));
            }
        }
    }
}
