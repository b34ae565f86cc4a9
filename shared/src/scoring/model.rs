//! A workspace's scoring model: its rules and the settings that apply to all of them
//! (decay, reset, time zone), and the checks a model must pass before it is used.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::OffsetDateTime;

use super::rule::{EngagementRule, MetadataCondition, ProfileRule};
use crate::text::fold;

/// The most a time zone may be away from UTC, in minutes (real zones stay within ±14 h).
pub const MAX_UTC_OFFSET_MINUTES: i16 = 18 * 60;

/// The most rules of each list a model may have (the fast path indexes them with `u16`).
pub const MAX_RULES: usize = u16::MAX as usize;

/// A complete scoring model, stored and synced as one versioned document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoringModel {
    /// Bumped on every change, so scores can say which model made them.
    pub version: u32,
    /// Points for touches.
    #[serde(default)]
    pub engagement_rules: Vec<EngagementRule>,
    /// Points for the person's own fields.
    #[serde(default)]
    pub profile_rules: Vec<ProfileRule>,
    /// Positive engagement points halve every this many days; `None` means no decay.
    #[serde(default)]
    pub half_life_days: Option<f64>,
    /// Touches before this moment no longer count (the workspace's score reset).
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub reset_at: Option<OffsetDateTime>,
    /// Time zone that days, weeks and months of caps are cut in, in minutes east of UTC
    /// (Seoul: 540). Added beside the fields the issue lists: a cap "per day" must mean
    /// the team's day, not UTC's (which starts at 09:00 in Seoul).
    #[serde(default)]
    pub utc_offset_minutes: i16,
}

/// Why a scoring model cannot be used. Each variant names the rule at fault.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ModelError {
    /// A rule has an empty id.
    #[error("rule #{index} of {list} has an empty id")]
    EmptyId { list: &'static str, index: usize },
    /// Two rules (engagement or profile) share an id.
    #[error("rule id {id:?} is used more than once")]
    DuplicateId { id: String },
    /// A rule has an empty name.
    #[error("rule {id:?} has an empty name")]
    EmptyName { id: String },
    /// A rule gives no points, which would only clutter explanations.
    #[error("rule {id:?} gives zero points")]
    ZeroPoints { id: String },
    /// A repeatable rule may repeat zero times, so it can never score.
    #[error("rule {id:?} has max_times 0")]
    ZeroMaxTimes { id: String },
    /// A cap of zero points means the rule can never score.
    #[error("rule {id:?} has a cap of 0 points")]
    ZeroCap { id: String },
    /// A metadata condition has an empty key.
    #[error("rule {id:?} has a condition with an empty key")]
    EmptyConditionKey { id: String },
    /// A condition has nothing to compare with (empty list, or an empty folded text).
    #[error("rule {id:?} has a condition on {key:?} with no value to compare")]
    EmptyConditionValue { id: String, key: String },
    /// A profile rule's list is empty or holds an empty entry.
    #[error("rule {id:?} has an empty value in its list")]
    EmptyProfileValue { id: String },
    /// The half-life is zero, negative or not a finite number.
    #[error("half_life_days must be a positive finite number, got {half_life_days}")]
    InvalidHalfLife { half_life_days: f64 },
    /// The time zone offset is beyond what any zone uses.
    #[error("utc_offset_minutes must be within ±{MAX_UTC_OFFSET_MINUTES}, got {minutes}")]
    InvalidUtcOffset { minutes: i16 },
    /// More rules in one list than the fast path can index.
    #[error("{list} has {count} rules, more than {MAX_RULES}")]
    TooManyRules { list: &'static str, count: usize },
}

impl ScoringModel {
    /// Checks that every rule can be evaluated and explained: ids present and unique,
    /// names present, points non-zero, limits non-zero, conditions with something to
    /// compare, a positive half-life and a real time zone.
    pub fn validate(&self) -> Result<(), ModelError> {
        if let Some(half_life_days) = self.half_life_days
            && !(half_life_days.is_finite() && half_life_days > 0.0)
        {
            return Err(ModelError::InvalidHalfLife { half_life_days });
        }
        if self.utc_offset_minutes.unsigned_abs() > MAX_UTC_OFFSET_MINUTES.unsigned_abs() {
            return Err(ModelError::InvalidUtcOffset {
                minutes: self.utc_offset_minutes,
            });
        }
        for (list, count) in [
            ("engagement_rules", self.engagement_rules.len()),
            ("profile_rules", self.profile_rules.len()),
        ] {
            if count > MAX_RULES {
                return Err(ModelError::TooManyRules { list, count });
            }
        }
        let mut ids = HashSet::new();
        let mut check_common = |list: &'static str, index: usize, id: &str, name: &str, points| {
            if id.is_empty() {
                return Err(ModelError::EmptyId { list, index });
            }
            if !ids.insert(id.to_owned()) {
                return Err(ModelError::DuplicateId { id: id.to_owned() });
            }
            if name.trim().is_empty() {
                return Err(ModelError::EmptyName { id: id.to_owned() });
            }
            if points == 0 {
                return Err(ModelError::ZeroPoints { id: id.to_owned() });
            }
            Ok(())
        };
        for (index, rule) in self.engagement_rules.iter().enumerate() {
            check_common("engagement_rules", index, &rule.id, &rule.name, rule.points)?;
            if rule.frequency.max_times() == 0 {
                return Err(ModelError::ZeroMaxTimes {
                    id: rule.id.clone(),
                });
            }
            if rule.cap.is_some_and(|cap| cap.max_points == 0) {
                return Err(ModelError::ZeroCap {
                    id: rule.id.clone(),
                });
            }
            for condition in &rule.conditions {
                check_condition(&rule.id, condition)?;
            }
        }
        for (index, rule) in self.profile_rules.iter().enumerate() {
            check_common("profile_rules", index, &rule.id, &rule.name, rule.points)?;
            let values = rule.condition.values();
            if values.is_empty() || values.iter().any(|v| fold(v).trim_matches('.').is_empty()) {
                return Err(ModelError::EmptyProfileValue {
                    id: rule.id.clone(),
                });
            }
        }
        Ok(())
    }
}

fn check_condition(id: &str, condition: &MetadataCondition) -> Result<(), ModelError> {
    let key = condition.key();
    if key.is_empty() {
        return Err(ModelError::EmptyConditionKey { id: id.to_owned() });
    }
    // Equality with an empty value is meaningful (an empty field); an empty one-of list
    // or an empty `contains` would match nothing or everything, which is never meant.
    let empty = match condition {
        MetadataCondition::Equals { .. } => false,
        MetadataCondition::OneOf { values, .. } => values.is_empty(),
        MetadataCondition::Contains { value, .. } => fold(value).is_empty(),
    };
    if empty {
        return Err(ModelError::EmptyConditionValue {
            id: id.to_owned(),
            key: key.to_owned(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TouchKind;
    use crate::scoring::rule::{Cap, Frequency, Period, ProfileCondition};

    fn engagement(id: &str) -> EngagementRule {
        EngagementRule {
            id: id.into(),
            name: format!("rule {id}"),
            kind: TouchKind::EmailClick,
            conditions: Vec::new(),
            points: 3,
            frequency: Frequency::default(),
            cap: None,
        }
    }

    fn model(rules: Vec<EngagementRule>) -> ScoringModel {
        ScoringModel {
            version: 1,
            engagement_rules: rules,
            profile_rules: Vec::new(),
            half_life_days: None,
            reset_at: None,
            utc_offset_minutes: 540,
        }
    }

    #[test]
    fn validation_names_the_rule_at_fault() {
        type Edit = fn(&mut ScoringModel);
        let cases: Vec<(&str, Edit, Option<ModelError>)> = vec![
            ("valid", |_| {}, None),
            (
                "empty id",
                |m| m.engagement_rules[1].id.clear(),
                Some(ModelError::EmptyId {
                    list: "engagement_rules",
                    index: 1,
                }),
            ),
            (
                "duplicate id",
                |m| m.engagement_rules[1].id = "a".into(),
                Some(ModelError::DuplicateId { id: "a".into() }),
            ),
            (
                "duplicate across lists",
                |m| {
                    m.profile_rules.push(ProfileRule {
                        id: "b".into(),
                        name: "free mail".into(),
                        condition: ProfileCondition::EmailDomainOneOf {
                            domains: vec!["naver.com".into()],
                        },
                        points: -10,
                    })
                },
                Some(ModelError::DuplicateId { id: "b".into() }),
            ),
            (
                "blank name",
                |m| m.engagement_rules[0].name = "  ".into(),
                Some(ModelError::EmptyName { id: "a".into() }),
            ),
            (
                "zero points",
                |m| m.engagement_rules[1].points = 0,
                Some(ModelError::ZeroPoints { id: "b".into() }),
            ),
            (
                "zero max_times",
                |m| m.engagement_rules[0].frequency = Frequency::Repeatable { max_times: Some(0) },
                Some(ModelError::ZeroMaxTimes { id: "a".into() }),
            ),
            (
                "zero cap",
                |m| {
                    m.engagement_rules[0].cap = Some(Cap {
                        max_points: 0,
                        period: Period::Day,
                    })
                },
                Some(ModelError::ZeroCap { id: "a".into() }),
            ),
            (
                "empty key",
                |m| {
                    m.engagement_rules[0].conditions = vec![MetadataCondition::Equals {
                        key: String::new(),
                        value: "x".into(),
                    }]
                },
                Some(ModelError::EmptyConditionKey { id: "a".into() }),
            ),
            (
                "empty one-of",
                |m| {
                    m.engagement_rules[0].conditions = vec![MetadataCondition::OneOf {
                        key: "url".into(),
                        values: Vec::new(),
                    }]
                },
                Some(ModelError::EmptyConditionValue {
                    id: "a".into(),
                    key: "url".into(),
                }),
            ),
            (
                "blank contains",
                |m| {
                    m.engagement_rules[0].conditions = vec![MetadataCondition::Contains {
                        key: "url".into(),
                        value: " \u{3000}".into(),
                    }]
                },
                Some(ModelError::EmptyConditionValue {
                    id: "a".into(),
                    key: "url".into(),
                }),
            ),
            (
                "empty profile list",
                |m| {
                    m.profile_rules.push(ProfileRule {
                        id: "student".into(),
                        name: "student".into(),
                        condition: ProfileCondition::EmailDomainEndsWith {
                            suffixes: vec![".".into()],
                        },
                        points: -30,
                    })
                },
                Some(ModelError::EmptyProfileValue {
                    id: "student".into(),
                }),
            ),
            (
                "zero half-life",
                |m| m.half_life_days = Some(0.0),
                Some(ModelError::InvalidHalfLife {
                    half_life_days: 0.0,
                }),
            ),
            (
                "utc offset",
                |m| m.utc_offset_minutes = -1200,
                Some(ModelError::InvalidUtcOffset { minutes: -1200 }),
            ),
        ];
        for (name, edit, expected) in cases {
            let mut m = model(vec![engagement("a"), engagement("b")]);
            edit(&mut m);
            assert_eq!(m.validate().err(), expected, "{name}");
        }
    }

    #[test]
    fn non_finite_half_lives_are_rejected() {
        for half_life in [f64::NAN, f64::INFINITY, -1.0] {
            let mut m = model(vec![engagement("a")]);
            m.half_life_days = Some(half_life);
            assert!(
                matches!(m.validate(), Err(ModelError::InvalidHalfLife { .. })),
                "{half_life}"
            );
        }
    }

    #[test]
    fn error_messages_name_the_rule() {
        let error = ModelError::DuplicateId {
            id: "pricing".into(),
        };
        assert_eq!(
            error.to_string(),
            "rule id \"pricing\" is used more than once"
        );
    }
}
