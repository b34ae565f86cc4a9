//! The scoring rules a workspace stores: points for touches (engagement rules) and points
//! for who the person is (profile rules). Serde types with stable snake_case names: they
//! are synced between devices and versioned by [`super::ScoringModel::version`].

use serde::{Deserialize, Serialize};

use crate::model::TouchKind;

/// Points for each touch of one kind that meets every condition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EngagementRule {
    /// Stable id, unique within the model; explanations point at it.
    pub id: String,
    /// What the team calls the rule (shown in explanations).
    pub name: String,
    /// The kind of touch this rule scores.
    pub kind: TouchKind,
    /// All must hold (AND); empty means every touch of `kind`.
    #[serde(default)]
    pub conditions: Vec<MetadataCondition>,
    /// Points per qualifying touch; negative for a negative rule (unsubscribe −50).
    pub points: i32,
    /// How many touches may earn points.
    #[serde(default)]
    pub frequency: Frequency,
    /// At most this many points (in magnitude) per period.
    #[serde(default)]
    pub cap: Option<Cap>,
}

/// A test on one metadata value of a touch. Both sides are folded with
/// [`crate::text::fold`] (case, width, spacing, Hangul composition), so `/Pricing ` equals
/// `/pricing` and `웨비나` matches whether it arrived composed or as jamo. A touch without
/// the key fails the condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum MetadataCondition {
    /// The value equals `value`.
    Equals { key: String, value: String },
    /// The value equals one of `values`.
    OneOf { key: String, values: Vec<String> },
    /// The value contains `value`.
    Contains { key: String, value: String },
}

impl MetadataCondition {
    /// The metadata key the condition reads.
    pub fn key(&self) -> &str {
        match self {
            Self::Equals { key, .. } | Self::OneOf { key, .. } | Self::Contains { key, .. } => key,
        }
    }
}

/// How many qualifying touches earn points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Frequency {
    /// Only the first qualifying touch earns points.
    Once,
    /// Every qualifying touch earns points, up to `max_times` touches when set.
    Repeatable {
        #[serde(default)]
        max_times: Option<u32>,
    },
}

impl Default for Frequency {
    /// Unlimited repeats: the usual case for a rule with a cap.
    fn default() -> Self {
        Self::Repeatable { max_times: None }
    }
}

impl Frequency {
    /// The most touches that may earn points (`u32::MAX` when unlimited).
    pub fn max_times(self) -> u32 {
        match self {
            Self::Once => 1,
            Self::Repeatable { max_times } => max_times.unwrap_or(u32::MAX),
        }
    }
}

/// A limit on the points one rule gives per period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cap {
    /// Most points (in magnitude, for negative rules too) per period.
    pub max_points: u32,
    /// The period the limit applies to.
    pub period: Period,
}

/// A calendar period, cut in the model's time zone (see
/// [`super::ScoringModel::utc_offset_minutes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// A calendar day.
    Day,
    /// A week from Monday 00:00 (ISO weeks).
    Week,
    /// A calendar month.
    Month,
    /// The whole history (since the reset).
    AllTime,
}

/// Points for something about the person rather than something they did: a free-mail or
/// student address, a competitor's domain, a title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileRule {
    /// Stable id, unique within the model (across engagement rules too).
    pub id: String,
    /// What the team calls the rule.
    pub name: String,
    /// What must hold.
    pub condition: ProfileCondition,
    /// Points when it holds; usually negative.
    pub points: i32,
}

/// A test on the lead's own fields. Comparisons are folded like metadata conditions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ProfileCondition {
    /// The e-mail's domain is one of `domains` (competitors, free-mail providers).
    EmailDomainOneOf { domains: Vec<String> },
    /// The e-mail's domain ends with one of `suffixes` at a label boundary: `ac.kr` and
    /// `.ac.kr` both match `snu.ac.kr` but not `pac.kr`.
    EmailDomainEndsWith { suffixes: Vec<String> },
    /// The title contains one of `words` (학생, student, 인턴, intern).
    TitleContains { words: Vec<String> },
}

impl ProfileCondition {
    /// The listed values, whatever the variant.
    pub fn values(&self) -> &[String] {
        match self {
            Self::EmailDomainOneOf { domains } => domains,
            Self::EmailDomainEndsWith { suffixes } => suffixes,
            Self::TitleContains { words } => words,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_use_stable_snake_case_names() {
        let rule = EngagementRule {
            id: "pricing".into(),
            name: "Pricing page".into(),
            kind: TouchKind::PageView,
            conditions: vec![MetadataCondition::Contains {
                key: "url".into(),
                value: "/pricing".into(),
            }],
            points: 10,
            frequency: Frequency::Repeatable { max_times: None },
            cap: Some(Cap {
                max_points: 20,
                period: Period::Week,
            }),
        };
        let json = serde_json::to_value(&rule).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "id": "pricing",
                "name": "Pricing page",
                "kind": "page_view",
                "conditions": [{"op": "contains", "key": "url", "value": "/pricing"}],
                "points": 10,
                "frequency": {"type": "repeatable", "max_times": null},
                "cap": {"max_points": 20, "period": "week"}
            })
        );
        let back: EngagementRule = serde_json::from_value(json).unwrap();
        assert_eq!(back, rule);

        let profile = ProfileRule {
            id: "student".into(),
            name: "Student address".into(),
            condition: ProfileCondition::EmailDomainEndsWith {
                suffixes: vec!["ac.kr".into()],
            },
            points: -30,
        };
        let json = serde_json::to_value(&profile).unwrap();
        assert_eq!(
            json["condition"],
            serde_json::json!({"type": "email_domain_ends_with", "suffixes": ["ac.kr"]})
        );
    }

    #[test]
    fn frequency_defaults_to_unlimited_repeats() {
        let rule: EngagementRule = serde_json::from_value(serde_json::json!({
            "id": "open", "name": "Open", "kind": "email_open", "points": 1
        }))
        .unwrap();
        assert_eq!(rule.frequency.max_times(), u32::MAX);
        assert_eq!(Frequency::Once.max_times(), 1);
        assert!(rule.conditions.is_empty() && rule.cap.is_none());
    }
}
