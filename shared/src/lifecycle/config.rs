//! A workspace's lifecycle configuration: what each stage requires, which moves between
//! stages are allowed (data, not code), and which stages the engine may enter by itself.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::criteria::{MetadataMatch, StageCriterion, StageDefinition};
use super::funnel::FunnelLevel;
use crate::model::{ConsentPurpose, Field, Stage, TouchKind};
use crate::qualification::Framework;

/// One allowed move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Transition {
    /// The stage left.
    pub from: Stage,
    /// The stage entered.
    pub to: Stage,
}

/// A workspace's stage rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleConfig {
    /// Entry criteria, at most one definition per funnel stage above Subscriber. A stage
    /// without a definition is entered only by hand (Opportunity, Customer: they follow
    /// deals, which a lead's facts do not show).
    pub definitions: Vec<StageDefinition>,
    /// Every allowed move; anything not listed is refused, for people and engine alike.
    pub allowed_transitions: Vec<Transition>,
    /// Stages the engine may move a lead into by itself when their criteria hold. Others
    /// are only suggested (the evaluation still says the lead qualifies).
    #[serde(default)]
    pub automatic: Vec<Stage>,
}

/// A configuration that cannot be used as written.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConfigError {
    /// Two definitions for one stage: which one holds would be ambiguous.
    #[error("stage {} is defined more than once", .stage.as_str())]
    DuplicateDefinition {
        /// The stage.
        stage: Stage,
    },
    /// Subscriber (the floor every known person stands on) and the off-funnel stages
    /// (nurture, recycled, disqualified: a person's judgement, with a reason) take no
    /// entry criteria.
    #[error("stage {} cannot have entry criteria", .stage.as_str())]
    NotEvaluable {
        /// The stage.
        stage: Stage,
    },
    /// A definition with no criteria would make every lead qualify.
    #[error("stage {} has no criteria", .stage.as_str())]
    EmptyDefinition {
        /// The stage.
        stage: Stage,
    },
    /// An `any_of` with nothing in it can never hold.
    #[error("stage {} has an empty any_of", .stage.as_str())]
    EmptyAnyOf {
        /// The stage.
        stage: Stage,
    },
    /// A qualification threshold above 100%.
    #[error("stage {} requires {min_percent}% of {}, above 100", .stage.as_str(), .framework.as_str())]
    PercentOutOfRange {
        /// The stage.
        stage: Stage,
        /// The framework.
        framework: Framework,
        /// The threshold given.
        min_percent: u8,
    },
    /// An event criterion with `min_count` 0 always holds.
    #[error("stage {} requires {} events with min_count 0", .stage.as_str(), .kind.as_str())]
    ZeroMinCount {
        /// The stage.
        stage: Stage,
        /// The touch kind.
        kind: TouchKind,
    },
    /// A window of 0 days can contain no touch.
    #[error("stage {} requires {} events within 0 days", .stage.as_str(), .kind.as_str())]
    ZeroWindow {
        /// The stage.
        stage: Stage,
        /// The touch kind.
        kind: TouchKind,
    },
    /// A metadata match with a blank key matches nothing.
    #[error("stage {} matches {} metadata with a blank key", .stage.as_str(), .kind.as_str())]
    BlankMetadataKey {
        /// The stage.
        stage: Stage,
        /// The touch kind.
        kind: TouchKind,
    },
    /// A move from a stage to itself is not a move.
    #[error("transition from {} to itself", .stage.as_str())]
    SelfTransition {
        /// The stage.
        stage: Stage,
    },
    /// The same move listed twice (harmless, but a sign of a botched edit).
    #[error("transition from {} to {} is listed more than once", .from.as_str(), .to.as_str())]
    DuplicateTransition {
        /// The stage left.
        from: Stage,
        /// The stage entered.
        to: Stage,
    },
    /// An automatic stage needs criteria for the engine to apply.
    #[error("stage {} is automatic but has no definition", .stage.as_str())]
    AutomaticWithoutDefinition {
        /// The stage.
        stage: Stage,
    },
}

impl LifecycleConfig {
    /// Checks the configuration; the first problem found is returned.
    pub fn validate(&self) -> Result<(), ConfigError> {
        for (i, definition) in self.definitions.iter().enumerate() {
            let stage = definition.stage;
            if self.definitions[..i].iter().any(|d| d.stage == stage) {
                return Err(ConfigError::DuplicateDefinition { stage });
            }
            if stage == Stage::Subscriber || FunnelLevel::of(stage).is_none() {
                return Err(ConfigError::NotEvaluable { stage });
            }
            if definition.criteria.is_empty() {
                return Err(ConfigError::EmptyDefinition { stage });
            }
            for criterion in &definition.criteria {
                validate_criterion(stage, criterion)?;
            }
        }
        for (i, t) in self.allowed_transitions.iter().enumerate() {
            if t.from == t.to {
                return Err(ConfigError::SelfTransition { stage: t.from });
            }
            if self.allowed_transitions[..i].contains(t) {
                return Err(ConfigError::DuplicateTransition {
                    from: t.from,
                    to: t.to,
                });
            }
        }
        for stage in &self.automatic {
            if self.definition(*stage).is_none() {
                return Err(ConfigError::AutomaticWithoutDefinition { stage: *stage });
            }
        }
        Ok(())
    }

    /// The definition of `stage`, if the workspace has one.
    pub fn definition(&self, stage: Stage) -> Option<&StageDefinition> {
        self.definitions.iter().find(|d| d.stage == stage)
    }

    /// Whether moving from `from` to `to` is listed.
    pub fn allows(&self, from: Stage, to: Stage) -> bool {
        self.allowed_transitions
            .iter()
            .any(|t| t.from == from && t.to == to)
    }

    /// Whether the engine may enter `stage` by itself.
    pub fn is_automatic(&self, stage: Stage) -> bool {
        self.automatic.contains(&stage)
    }

    /// A sensible start for a Korean B2B team, to be edited per workspace:
    ///
    /// - **Lead**: 개인정보 수집·이용 consent and a company name (contact data a sales team
    ///   can act on, beyond a newsletter address).
    /// - **MQL**: total score ≥ 50, with that consent (no consent, no sales contact).
    /// - **PQL**: a `product_usage` touch with `signal` = `limit_hit` in the last 30 days,
    ///   with that consent (a free sign-up alone is not a PQL).
    /// - **SQL**: BANT ≥ 75% (three of four items with evidence) or a meeting in the
    ///   last 90 days, and fit tier C or better (so a workspace without an ICP, where
    ///   no lead has a tier, must edit this criterion before SQL is ever suggested).
    /// - Opportunity, Customer, Evangelist: by hand (they follow deals).
    ///
    /// The engine enters Lead, MQL and PQL by itself; SQL is only suggested, because an
    /// SDR accepts it. Allowed moves: any move up the funnel (skips included), MQL ↔ PQL,
    /// any stage to Nurture, Recycled or Disqualified, and back from those to Lead, MQL or
    /// PQL (and Nurture ↔ Recycled); Customer ↔ Evangelist; Opportunity back to SQL (a deal
    /// fell through).
    pub fn korean_b2b_default() -> Self {
        let consent = StageCriterion::ConsentGranted {
            purpose: ConsentPurpose::PersonalInfoCollection,
        };
        let definitions = vec![
            StageDefinition {
                stage: Stage::Lead,
                criteria: vec![
                    consent.clone(),
                    StageCriterion::FieldPresent {
                        field: Field::CompanyName,
                    },
                ],
            },
            StageDefinition {
                stage: Stage::Mql,
                criteria: vec![StageCriterion::MinTotal { points: 50 }, consent.clone()],
            },
            StageDefinition {
                stage: Stage::Pql,
                criteria: vec![
                    StageCriterion::EventOccurred {
                        kind: TouchKind::ProductUsage,
                        metadata: Some(MetadataMatch {
                            key: "signal".into(),
                            value: "limit_hit".into(),
                        }),
                        within_days: Some(30),
                        min_count: 1,
                    },
                    consent,
                ],
            },
            StageDefinition {
                stage: Stage::Sql,
                criteria: vec![
                    StageCriterion::AnyOf {
                        any_of: vec![
                            StageCriterion::Qualified {
                                framework: Framework::Bant,
                                min_percent: 75,
                            },
                            StageCriterion::EventOccurred {
                                kind: TouchKind::Meeting,
                                metadata: None,
                                within_days: Some(90),
                                min_count: 1,
                            },
                        ],
                    },
                    StageCriterion::TierAtLeast {
                        tier: crate::model::Tier::C,
                    },
                ],
            },
        ];

        let funnel = [
            Stage::Subscriber,
            Stage::Lead,
            Stage::Mql,
            Stage::Pql,
            Stage::Sql,
            Stage::Opportunity,
            Stage::Customer,
            Stage::Evangelist,
        ];
        let parked = [Stage::Nurture, Stage::Recycled, Stage::Disqualified];
        let mut allowed = Vec::new();
        let mut allow = |from: Stage, to: Stage| {
            let t = Transition { from, to };
            if from != to && !allowed.contains(&t) {
                allowed.push(t);
            }
        };
        for (i, from) in funnel.iter().enumerate() {
            for to in &funnel[i + 1..] {
                allow(*from, *to);
            }
            for to in parked {
                allow(*from, to);
            }
        }
        allow(Stage::Pql, Stage::Mql);
        allow(Stage::Opportunity, Stage::Sql);
        allow(Stage::Evangelist, Stage::Customer);
        for from in parked {
            for to in [Stage::Lead, Stage::Mql, Stage::Pql] {
                allow(from, to);
            }
        }
        allow(Stage::Nurture, Stage::Recycled);
        allow(Stage::Recycled, Stage::Nurture);
        allow(Stage::Nurture, Stage::Disqualified);
        allow(Stage::Recycled, Stage::Disqualified);

        Self {
            definitions,
            allowed_transitions: allowed,
            automatic: vec![Stage::Lead, Stage::Mql, Stage::Pql],
        }
    }
}

fn validate_criterion(stage: Stage, criterion: &StageCriterion) -> Result<(), ConfigError> {
    match criterion {
        StageCriterion::Qualified {
            framework,
            min_percent,
        } if *min_percent > 100 => Err(ConfigError::PercentOutOfRange {
            stage,
            framework: *framework,
            min_percent: *min_percent,
        }),
        StageCriterion::EventOccurred {
            kind,
            metadata,
            within_days,
            min_count,
        } => {
            if *min_count == 0 {
                return Err(ConfigError::ZeroMinCount { stage, kind: *kind });
            }
            if *within_days == Some(0) {
                return Err(ConfigError::ZeroWindow { stage, kind: *kind });
            }
            if metadata.as_ref().is_some_and(|m| m.key.trim().is_empty()) {
                return Err(ConfigError::BlankMetadataKey { stage, kind: *kind });
            }
            Ok(())
        }
        StageCriterion::AnyOf { any_of } => {
            if any_of.is_empty() {
                return Err(ConfigError::EmptyAnyOf { stage });
            }
            any_of.iter().try_for_each(|c| validate_criterion(stage, c))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_valid_and_round_trips() {
        let config = LifecycleConfig::korean_b2b_default();
        assert_eq!(config.validate(), Ok(()));
        let json = serde_json::to_string(&config).unwrap();
        let back: LifecycleConfig = serde_json::from_str(&json).unwrap();
        assert_eq!(back, config);
        assert!(config.allows(Stage::Lead, Stage::Sql));
        assert!(config.allows(Stage::Mql, Stage::Disqualified));
        assert!(!config.allows(Stage::Customer, Stage::Lead));
        assert!(!config.allows(Stage::Disqualified, Stage::Customer));
    }

    #[test]
    fn criteria_serialise_with_stable_names() {
        let criterion = StageCriterion::EventOccurred {
            kind: TouchKind::ProductUsage,
            metadata: Some(MetadataMatch {
                key: "signal".into(),
                value: "limit_hit".into(),
            }),
            within_days: None,
            min_count: 1,
        };
        assert_eq!(
            serde_json::to_string(&criterion).unwrap(),
            r#"{"criterion":"event_occurred","kind":"product_usage","metadata":{"key":"signal","value":"limit_hit"},"min_count":1}"#
        );
        let field: StageCriterion = serde_json::from_str(
            r#"{"criterion":"field_present","field":{"field":"phone_verified"}}"#,
        )
        .unwrap();
        assert_eq!(
            field,
            StageCriterion::FieldPresent {
                field: Field::PhoneVerified
            }
        );
    }

    #[test]
    fn validate_names_the_fault() {
        let event = |min_count, within_days, key: &str| StageCriterion::EventOccurred {
            kind: TouchKind::DemoRequest,
            metadata: (!key.is_empty() || within_days == Some(7)).then(|| MetadataMatch {
                key: key.into(),
                value: "x".into(),
            }),
            within_days,
            min_count,
        };
        let def = |stage, criteria| StageDefinition { stage, criteria };
        let mql_total = || def(Stage::Mql, vec![StageCriterion::MinTotal { points: 50 }]);
        let config = |definitions, allowed_transitions, automatic| LifecycleConfig {
            definitions,
            allowed_transitions,
            automatic,
        };
        let t = |from, to| Transition { from, to };
        let cases: Vec<(LifecycleConfig, ConfigError)> = vec![
            (
                config(vec![mql_total(), mql_total()], vec![], vec![]),
                ConfigError::DuplicateDefinition { stage: Stage::Mql },
            ),
            (
                config(
                    vec![def(
                        Stage::Nurture,
                        vec![StageCriterion::MinFit { points: 1 }],
                    )],
                    vec![],
                    vec![],
                ),
                ConfigError::NotEvaluable {
                    stage: Stage::Nurture,
                },
            ),
            (
                config(
                    vec![def(
                        Stage::Subscriber,
                        vec![StageCriterion::MinFit { points: 1 }],
                    )],
                    vec![],
                    vec![],
                ),
                ConfigError::NotEvaluable {
                    stage: Stage::Subscriber,
                },
            ),
            (
                config(vec![def(Stage::Sql, vec![])], vec![], vec![]),
                ConfigError::EmptyDefinition { stage: Stage::Sql },
            ),
            (
                config(
                    vec![def(
                        Stage::Sql,
                        vec![StageCriterion::AnyOf { any_of: vec![] }],
                    )],
                    vec![],
                    vec![],
                ),
                ConfigError::EmptyAnyOf { stage: Stage::Sql },
            ),
            (
                config(
                    vec![def(
                        Stage::Sql,
                        vec![StageCriterion::Qualified {
                            framework: Framework::Meddicc,
                            min_percent: 120,
                        }],
                    )],
                    vec![],
                    vec![],
                ),
                ConfigError::PercentOutOfRange {
                    stage: Stage::Sql,
                    framework: Framework::Meddicc,
                    min_percent: 120,
                },
            ),
            (
                config(
                    vec![def(Stage::Mql, vec![event(0, None, "")])],
                    vec![],
                    vec![],
                ),
                ConfigError::ZeroMinCount {
                    stage: Stage::Mql,
                    kind: TouchKind::DemoRequest,
                },
            ),
            (
                config(
                    vec![def(Stage::Mql, vec![event(1, Some(0), "")])],
                    vec![],
                    vec![],
                ),
                ConfigError::ZeroWindow {
                    stage: Stage::Mql,
                    kind: TouchKind::DemoRequest,
                },
            ),
            (
                config(
                    vec![def(
                        Stage::Pql,
                        vec![StageCriterion::AnyOf {
                            any_of: vec![event(1, Some(7), " ")],
                        }],
                    )],
                    vec![],
                    vec![],
                ),
                ConfigError::BlankMetadataKey {
                    stage: Stage::Pql,
                    kind: TouchKind::DemoRequest,
                },
            ),
            (
                config(vec![], vec![t(Stage::Mql, Stage::Mql)], vec![]),
                ConfigError::SelfTransition { stage: Stage::Mql },
            ),
            (
                config(
                    vec![],
                    vec![t(Stage::Mql, Stage::Sql), t(Stage::Mql, Stage::Sql)],
                    vec![],
                ),
                ConfigError::DuplicateTransition {
                    from: Stage::Mql,
                    to: Stage::Sql,
                },
            ),
            (
                config(vec![mql_total()], vec![], vec![Stage::Sql]),
                ConfigError::AutomaticWithoutDefinition { stage: Stage::Sql },
            ),
        ];
        for (config, expected) in cases {
            assert_eq!(config.validate(), Err(expected.clone()), "{expected}");
        }
        assert_eq!(
            ConfigError::ZeroMinCount {
                stage: Stage::Pql,
                kind: TouchKind::ProductUsage
            }
            .to_string(),
            "stage pql requires product_usage events with min_count 0"
        );
    }
}
