//! Edits of the scoring model and stage rules as the editor makes them: reading and
//! moving a stage's total threshold, new rules with ids no rule has, new stage criteria
//! of each kind, and reaching a criterion nested in `any of` groups by its path.

use leadkit_shared::engine::EngineConfig;
use leadkit_shared::lifecycle::{StageCriterion, StageDefinition};
use leadkit_shared::model::{ConsentPurpose, Field, Stage, Tier, TouchKind};
use leadkit_shared::qualification::Framework;
use leadkit_shared::scoring::{
    EngagementRule, Frequency, ProfileCondition, ProfileRule, ScoringModel,
};
use leadkit_shared::whatif::total_threshold;

/// The stage whose threshold the slider moves.
pub const SLIDER_STAGE: Stage = Stage::Mql;

/// `stage`'s top-level total threshold, if it has one.
pub fn threshold(config: &EngineConfig, stage: Stage) -> Option<i64> {
    config.lifecycle.definition(stage).and_then(total_threshold)
}

/// Sets `stage`'s total threshold to `points`: every top-level total criterion of its
/// definition (the highest binds, so all move together), or a new one when it has none.
/// A stage without a definition gets one with just the threshold.
pub fn set_threshold(config: &mut EngineConfig, stage: Stage, points: i64) {
    let definitions = &mut config.lifecycle.definitions;
    let Some(definition) = definitions.iter_mut().find(|d| d.stage == stage) else {
        definitions.push(StageDefinition {
            stage,
            criteria: vec![StageCriterion::MinTotal { points }],
        });
        return;
    };
    let mut found = false;
    for criterion in &mut definition.criteria {
        if let StageCriterion::MinTotal { points: p } = criterion {
            *p = points;
            found = true;
        }
    }
    if !found {
        definition
            .criteria
            .insert(0, StageCriterion::MinTotal { points });
    }
}

/// An id no rule of `model` (of either list) has: `{base}`, else `{base}_2`, `{base}_3` …
pub fn unused_rule_id(model: &ScoringModel, base: &str) -> String {
    let taken = |id: &str| {
        model.engagement_rules.iter().any(|r| r.id == id)
            || model.profile_rules.iter().any(|r| r.id == id)
    };
    if !taken(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}_{n}"))
        .find(|id| !taken(id))
        .unwrap_or_default()
}

/// A new engagement rule named `name`: 10 points per page view, or −10 for a negative
/// rule, valid as it stands.
pub fn new_engagement_rule(model: &ScoringModel, name: String, negative: bool) -> EngagementRule {
    EngagementRule {
        id: unused_rule_id(model, if negative { "negative" } else { "rule" }),
        name,
        kind: TouchKind::PageView,
        conditions: Vec::new(),
        points: if negative { -10 } else { 10 },
        frequency: Frequency::default(),
        cap: None,
    }
}

/// A new profile rule named `name`: −10 points for a title containing "intern".
pub fn new_profile_rule(model: &ScoringModel, name: String) -> ProfileRule {
    ProfileRule {
        id: unused_rule_id(model, "profile"),
        name,
        condition: ProfileCondition::TitleContains {
            words: vec!["intern".into()],
        },
        points: -10,
    }
}

/// The kinds of stage criteria the editor can add.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CriterionKind {
    MinTotal,
    MinFit,
    MinEngagement,
    TierAtLeast,
    FieldPresent,
    ConsentGranted,
    EventOccurred,
    Qualified,
    AnyOf,
}

impl CriterionKind {
    /// Every kind, in menu order.
    pub const ALL: [CriterionKind; 9] = [
        Self::MinTotal,
        Self::MinFit,
        Self::MinEngagement,
        Self::TierAtLeast,
        Self::FieldPresent,
        Self::ConsentGranted,
        Self::EventOccurred,
        Self::Qualified,
        Self::AnyOf,
    ];

    /// The kind of `criterion`.
    pub fn of(criterion: &StageCriterion) -> Self {
        match criterion {
            StageCriterion::MinTotal { .. } => Self::MinTotal,
            StageCriterion::MinFit { .. } => Self::MinFit,
            StageCriterion::MinEngagement { .. } => Self::MinEngagement,
            StageCriterion::TierAtLeast { .. } => Self::TierAtLeast,
            StageCriterion::FieldPresent { .. } => Self::FieldPresent,
            StageCriterion::ConsentGranted { .. } => Self::ConsentGranted,
            StageCriterion::EventOccurred { .. } => Self::EventOccurred,
            StageCriterion::Qualified { .. } => Self::Qualified,
            StageCriterion::AnyOf { .. } => Self::AnyOf,
        }
    }

    /// The saved name, used as the option value.
    pub fn name(self) -> &'static str {
        match self {
            Self::MinTotal => "min_total",
            Self::MinFit => "min_fit",
            Self::MinEngagement => "min_engagement",
            Self::TierAtLeast => "tier_at_least",
            Self::FieldPresent => "field_present",
            Self::ConsentGranted => "consent_granted",
            Self::EventOccurred => "event_occurred",
            Self::Qualified => "qualified",
            Self::AnyOf => "any_of",
        }
    }

    /// The kind named `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// A criterion of this kind that holds for a typical qualified lead, valid at once
    /// (an `any of` starts with one alternative).
    pub fn new_criterion(self) -> StageCriterion {
        match self {
            Self::MinTotal => StageCriterion::MinTotal { points: 50 },
            Self::MinFit => StageCriterion::MinFit { points: 20 },
            Self::MinEngagement => StageCriterion::MinEngagement { points: 20 },
            Self::TierAtLeast => StageCriterion::TierAtLeast { tier: Tier::B },
            Self::FieldPresent => StageCriterion::FieldPresent {
                field: Field::CompanyName,
            },
            Self::ConsentGranted => StageCriterion::ConsentGranted {
                purpose: ConsentPurpose::PersonalInfoCollection,
            },
            Self::EventOccurred => StageCriterion::EventOccurred {
                kind: TouchKind::DemoRequest,
                metadata: None,
                within_days: Some(30),
                min_count: 1,
            },
            Self::Qualified => StageCriterion::Qualified {
                framework: Framework::Bant,
                min_percent: 75,
            },
            Self::AnyOf => StageCriterion::AnyOf {
                any_of: vec![StageCriterion::EventOccurred {
                    kind: TouchKind::Meeting,
                    metadata: None,
                    within_days: Some(90),
                    min_count: 1,
                }],
            },
        }
    }
}

/// The criteria list a path of positions leads to inside `criteria`: `[]` is the list
/// itself, `[2]` the `any of` at position 2's alternatives, and so on. `None` when a
/// position is missing or not an `any of`.
pub fn list_at_mut<'a>(
    criteria: &'a mut Vec<StageCriterion>,
    path: &[usize],
) -> Option<&'a mut Vec<StageCriterion>> {
    match path.split_first() {
        None => Some(criteria),
        Some((first, rest)) => match criteria.get_mut(*first)? {
            StageCriterion::AnyOf { any_of } => list_at_mut(any_of, rest),
            _ => None,
        },
    }
}

/// The criterion at `path` (its last position in the list the rest leads to).
pub fn criterion_at<'a>(
    criteria: &'a [StageCriterion],
    path: &[usize],
) -> Option<&'a StageCriterion> {
    let (last, parents) = path.split_last()?;
    let mut list = criteria;
    for position in parents {
        match list.get(*position)? {
            StageCriterion::AnyOf { any_of } => list = any_of,
            _ => return None,
        }
    }
    list.get(*last)
}

/// The criterion at `path`, to change.
pub fn criterion_at_mut<'a>(
    criteria: &'a mut Vec<StageCriterion>,
    path: &[usize],
) -> Option<&'a mut StageCriterion> {
    let (last, parents) = path.split_last()?;
    list_at_mut(criteria, parents)?.get_mut(*last)
}
