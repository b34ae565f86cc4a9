//! The engine: a workspace's ICP personas, scoring model and stage rules compiled once,
//! giving each lead its fit, engagement, total, tier, persona and the stage it qualifies
//! for. The worker runs it on every capture and event, the app over the whole lead base
//! — the same code, so marketing and sales see the same numbers everywhere.

mod diff;

pub use diff::{ConfigChange, diff as config_diff};

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::OffsetDateTime;

use crate::facts::{LeadContext, ScoreSummary};
use crate::icp::{CompiledIcpSet, FitMatch, IcpError, IcpSet, match_lead};
use crate::lifecycle::{
    CompiledLifecycle, ConfigError, LifecycleConfig, StageEvaluation, automatic_change, created,
    evaluate,
};
use crate::model::{Account, Actor, Lead, Stage, StageChange, Touch};
use crate::scoring::{
    CompiledModel, ModelError, ScoreExplanation, ScoringModel, Scratch, explain, score_engagement,
};

/// Everything a workspace decides about leads, as stored and versioned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EngineConfig {
    pub icp: IcpSet,
    pub scoring: ScoringModel,
    pub lifecycle: LifecycleConfig,
}

impl EngineConfig {
    /// The defaults a Korean B2B team starts from: no personas yet, the default scoring
    /// model and stage rules.
    pub fn korean_b2b_default() -> Self {
        Self {
            icp: IcpSet {
                personas: Vec::new(),
            },
            scoring: ScoringModel::korean_b2b_default(),
            lifecycle: LifecycleConfig::korean_b2b_default(),
        }
    }
}

/// A configuration the engine cannot run, naming the part at fault.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum EngineError {
    /// The ICP personas are invalid.
    #[error("icp: {0}")]
    Icp(#[from] IcpError),
    /// The scoring model is invalid.
    #[error("scoring: {0}")]
    Scoring(#[from] ModelError),
    /// The stage rules are invalid.
    #[error("lifecycle: {0}")]
    Lifecycle(#[from] ConfigError),
}

/// A lead's numbers and where the rules would put it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    pub scores: ScoreSummary,
    /// The highest stage the lead qualifies for by the rules.
    pub qualifies_for: Stage,
    /// The move the engine makes by itself, if the stage rules allow one.
    pub change: Option<StageChange>,
}

/// Every number of one lead with its reasons: what the lead detail view shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub fit: FitMatch,
    pub score: ScoreExplanation,
    pub stage: StageEvaluation,
}

/// The stage a lead is created in when a form captures it.
pub const CREATED_STAGE: Stage = Stage::Lead;

/// The rule named as the actor of a lead's creation.
pub const CREATED_RULE: &str = "capture.created";

/// Why a stage change was recorded: funnel reports tell creations from rule moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeReason {
    /// The lead was created in this stage.
    Created,
    /// The engine moved the lead by a stage rule.
    Rule,
    /// Sales answered a handoff (accepted, or rejected with a reason).
    Handoff,
    /// A person moved the lead (pushed from the app).
    Manual,
}

impl ChangeReason {
    /// The stable name stored with the change.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Rule => "rule",
            Self::Handoff => "handoff",
            Self::Manual => "manual",
        }
    }
}

/// What the engine decides about a lead just captured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intake {
    /// The lead's numbers, with the touches it came with.
    pub scores: ScoreSummary,
    /// Every stage change to record, oldest first: the creation, then the rule move if
    /// the lead already qualifies for more.
    pub changes: Vec<(StageChange, ChangeReason)>,
}

/// Reusable buffers for scoring many leads without allocating per lead.
#[derive(Debug, Default)]
pub struct EngineScratch {
    scoring: Scratch,
}

/// A workspace's rules, compiled.
#[derive(Debug, Clone)]
pub struct Engine {
    config: EngineConfig,
    icp: CompiledIcpSet,
    scoring: CompiledModel,
    lifecycle: CompiledLifecycle,
}

impl Engine {
    /// Validates and compiles a configuration.
    pub fn new(config: EngineConfig) -> Result<Self, EngineError> {
        config.lifecycle.validate()?;
        Ok(Self {
            icp: config.icp.compile()?,
            scoring: CompiledModel::compile(&config.scoring)?,
            lifecycle: CompiledLifecycle::new(&config.lifecycle),
            config,
        })
    }

    /// The compiled ICP personas.
    pub fn icp(&self) -> &CompiledIcpSet {
        &self.icp
    }

    /// The compiled scoring model.
    pub fn scoring(&self) -> &CompiledModel {
        &self.scoring
    }

    /// The configuration this engine was built from.
    pub fn config(&self) -> &EngineConfig {
        &self.config
    }

    /// Fit, engagement, total, tier and persona of a lead at `now`.
    pub fn summarize(
        &self,
        lead: &Lead,
        account: Option<&Account>,
        touches: &[Touch],
        now: OffsetDateTime,
        scratch: &mut EngineScratch,
    ) -> ScoreSummary {
        let fit = match_lead(&self.icp, lead, account);
        let engagement = score_engagement(&self.scoring, lead, touches, now, &mut scratch.scoring);
        ScoreSummary {
            fit: fit.fit_points,
            engagement,
            total: fit.fit_points + engagement,
            tier: fit.persona.is_some().then_some(fit.tier),
            persona: fit.persona,
        }
    }

    /// The lead's numbers, the stage it qualifies for, and the automatic move (if any)
    /// recorded as a rule change at `now`.
    pub fn assess(
        &self,
        lead: &Lead,
        account: Option<&Account>,
        touches: &[Touch],
        now: OffsetDateTime,
        scratch: &mut EngineScratch,
    ) -> Assessment {
        let scores = self.summarize(lead, account, touches, now, scratch);
        let ctx = LeadContext::new(lead, account, touches, &scores);
        let qualifies_for = self.lifecycle.qualifies_for(&ctx, now);
        let change = automatic_change(&self.config.lifecycle, lead, qualifies_for, now);
        Assessment {
            scores,
            qualifies_for,
            change,
        }
    }

    /// Creates a captured lead in [`CREATED_STAGE`] and assesses it with its touches;
    /// `lead.stage` is left where the rules put it. Recording the creation as a change
    /// (from no stage) lets funnel reports count every lead, not only those that moved.
    pub fn intake(
        &self,
        lead: &mut Lead,
        account: Option<&Account>,
        touches: &[Touch],
        now: OffsetDateTime,
        scratch: &mut EngineScratch,
    ) -> Intake {
        lead.stage = CREATED_STAGE;
        let mut created = created(
            lead,
            Actor::System {
                rule: CREATED_RULE.to_owned(),
            },
        );
        created.reason = Some(ChangeReason::Created.as_str().to_owned());
        let assessment = self.assess(lead, account, touches, now, scratch);
        let mut changes = vec![(created, ChangeReason::Created)];
        if let Some(change) = assessment.change {
            lead.stage = change.to;
            changes.push((change, ChangeReason::Rule));
        }
        Intake {
            scores: assessment.scores,
            changes,
        }
    }

    /// Every number with its reasons. The parts agree with [`Self::summarize`]: the
    /// score explanation's total equals the summary's total. (The model was validated
    /// when the engine was built, so the error cannot occur in practice.)
    pub fn explain(
        &self,
        lead: &Lead,
        account: Option<&Account>,
        touches: &[Touch],
        now: OffsetDateTime,
    ) -> Result<Explanation, EngineError> {
        let fit = match_lead(&self.icp, lead, account);
        let score = explain(&self.config.scoring, lead, touches, fit.fit_points, now)?;
        let scores = self.summarize(lead, account, touches, now, &mut EngineScratch::default());
        let ctx = LeadContext::new(lead, account, touches, &scores);
        let stage = evaluate(&self.config.lifecycle, &ctx, now);
        Ok(Explanation { fit, score, stage })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{DatasetSpec, generate};
    use crate::icp::{Criterion, Icp, TierCutoffs};
    use crate::model::Field;
    use crate::predicate::{Operator, Value};
    use time::macros::datetime;

    fn config_with_persona() -> EngineConfig {
        let mut config = EngineConfig::korean_b2b_default();
        config.icp.personas.push(Icp {
            name: "국내 마케팅 리더".into(),
            criteria: vec![
                Criterion {
                    field: Field::Country,
                    operator: Operator::Equals {
                        value: Value::Text("KR".into()),
                    },
                    weight: 30,
                    label: None,
                },
                Criterion {
                    field: Field::Title,
                    operator: Operator::Contains {
                        text: "마케팅".into(),
                    },
                    weight: 40,
                    label: None,
                },
                Criterion {
                    field: Field::EmployeeCount,
                    operator: Operator::Range {
                        min: Some(50.0),
                        max: Some(5000.0),
                    },
                    weight: 30,
                    label: None,
                },
            ],
            tier_cutoffs: TierCutoffs::default(),
        });
        config
    }

    #[test]
    fn summaries_explanations_and_stages_agree_over_a_generated_base() {
        let now = datetime!(2026-11-24 0:00 UTC);
        let data = generate(&DatasetSpec::new(21, 400, now));
        let engine = Engine::new(config_with_persona()).unwrap();
        let mut scratch = EngineScratch::default();
        let mut tiers = [0usize; 4];
        let mut moved = 0;
        for (i, lead) in data.leads.iter().enumerate() {
            let account = data.account_of_lead(i);
            let touches = data.touches_of_lead(i);
            let assessment = engine.assess(lead, account, touches, now, &mut scratch);
            let s = &assessment.scores;
            assert_eq!(s.total, s.fit + s.engagement);
            assert_eq!(s.persona.as_deref(), Some("국내 마케팅 리더"));
            tiers[s.tier.unwrap() as usize] += 1;
            let explanation = engine.explain(lead, account, touches, now).unwrap();
            assert_eq!(explanation.score.total(), s.total, "lead {i}");
            assert_eq!(explanation.fit.fit_points, s.fit);
            assert_eq!(explanation.stage.qualifies_for, assessment.qualifies_for);
            if let Some(change) = assessment.change {
                assert_eq!(change.to, assessment.qualifies_for);
                moved += 1;
            }
        }
        // The generated base spreads over the tiers and some leads move by the rules.
        assert!(tiers.iter().filter(|n| **n > 0).count() >= 3, "{tiers:?}");
        assert!(moved > 0);
    }

    /// A consenting lead of 한빛소프트, captured at `at`, and its form-submit touch.
    fn captured(at: OffsetDateTime) -> (Lead, Vec<Touch>) {
        use crate::model::{
            ConsentPurpose, ConsentRecord, EntryPath, LeadId, TouchId, Utm, WorkspaceId,
        };
        use uuid::Uuid;
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(7)),
            WorkspaceId(Uuid::nil()),
            "김민수",
            EntryPath::Form,
            at,
        );
        lead.stage = Stage::Subscriber;
        lead.company_name = Some("한빛소프트".into());
        lead.consents.push(ConsentRecord {
            purpose: ConsentPurpose::PersonalInfoCollection,
            granted: true,
            text_version: "privacy-2026-01".into(),
            at,
        });
        let touch = Touch::form_submit(
            TouchId(Uuid::from_u128(8)),
            lead.id,
            "contact",
            Utm::default(),
            at,
        );
        (lead, vec![touch])
    }

    #[test]
    fn intake_records_the_creation_and_scores_the_form_submit() {
        let now = datetime!(2026-11-24 9:00 +9);
        let engine = Engine::new(EngineConfig::korean_b2b_default()).unwrap();
        let (mut lead, touches) = captured(now);
        let intake = engine.intake(
            &mut lead,
            None,
            &touches,
            now,
            &mut EngineScratch::default(),
        );
        assert_eq!(lead.stage, Stage::Lead);
        // The default form-submit rule gives 5 points; no personas, so no fit or tier.
        assert_eq!(
            intake.scores,
            ScoreSummary {
                fit: 0,
                engagement: 5,
                total: 5,
                tier: None,
                persona: None,
            }
        );
        let [(created, reason)] = intake.changes.as_slice() else {
            panic!("expected one change: {:?}", intake.changes);
        };
        assert_eq!(*reason, ChangeReason::Created);
        assert_eq!((created.from, created.to), (None, Stage::Lead));
        assert_eq!(
            created.actor,
            Actor::System {
                rule: CREATED_RULE.into()
            }
        );
    }

    #[test]
    fn intake_moves_a_lead_that_already_meets_a_lower_mql_threshold() {
        use crate::lifecycle::StageCriterion;
        let now = datetime!(2026-11-24 9:00 +9);
        let mut config = EngineConfig::korean_b2b_default();
        for definition in &mut config.lifecycle.definitions {
            for criterion in &mut definition.criteria {
                if let StageCriterion::MinTotal { points } = criterion {
                    *points = 5;
                }
            }
        }
        let engine = Engine::new(config).unwrap();
        let (mut lead, touches) = captured(now);
        let intake = engine.intake(
            &mut lead,
            None,
            &touches,
            now,
            &mut EngineScratch::default(),
        );
        assert_eq!(lead.stage, Stage::Mql);
        let reasons: Vec<_> = intake
            .changes
            .iter()
            .map(|(c, r)| (c.from, c.to, *r))
            .collect();
        assert_eq!(
            reasons,
            [
                (None, Stage::Lead, ChangeReason::Created),
                (Some(Stage::Lead), Stage::Mql, ChangeReason::Rule),
            ]
        );
        assert!(
            matches!(&intake.changes[1].0.actor, Actor::System { rule } if rule == "lifecycle.mql")
        );
    }

    #[test]
    fn the_stored_default_config_fixture_is_the_default() {
        // tests/scoring.test.mjs seeds workspace configs from this file: it must stay
        // what `korean_b2b_default` serialises to.
        let fixture = include_str!("../../tests/fixtures/engine-config-default.json");
        let stored: EngineConfig = serde_json::from_str(fixture).unwrap();
        assert_eq!(stored, EngineConfig::korean_b2b_default());
    }

    #[test]
    fn an_invalid_part_is_named() {
        let mut config = EngineConfig::korean_b2b_default();
        config.scoring.half_life_days = Some(0.0);
        assert!(matches!(Engine::new(config), Err(EngineError::Scoring(_))));
        let mut config = config_with_persona();
        config.icp.personas[0].criteria.clear();
        let err = Engine::new(config).unwrap_err();
        assert!(err.to_string().starts_with("icp: "), "{err}");
    }
}
