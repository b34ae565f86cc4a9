//! Stage entry criteria: the rule language a workspace writes its MQL, PQL and SQL
//! definitions in, and how one criterion is checked against one lead — quickly (a yes or
//! no, for 100k leads) or with an explanation of what is missing (for one lead on screen).

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use crate::facts::LeadContext;
use crate::model::{ConsentPurpose, Field, FieldValue, Stage, Tier, Touch, TouchKind};
use crate::predicate::field_name;
use crate::qualification::Framework;

/// A touch metadata entry an event criterion requires (`signal` = `limit_hit`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MetadataMatch {
    /// The metadata key.
    pub key: String,
    /// The exact value: metadata values are machine signals, not prose, so they are
    /// compared as written.
    pub value: String,
}

/// One condition a lead must meet to enter a stage.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "criterion", rename_all = "snake_case")]
pub enum StageCriterion {
    /// Fit points at least `points`.
    MinFit { points: i64 },
    /// Engagement points at least `points`.
    MinEngagement { points: i64 },
    /// Total points at least `points`.
    MinTotal { points: i64 },
    /// Fit tier `tier` or better (A is best); a lead without a tier fails.
    TierAtLeast { tier: Tier },
    /// The field has a value. For yes/no fields (`phone_verified`, `champion`) the value
    /// must be yes: "phone verified" is what a rule author means, not "phone verified is
    /// known".
    FieldPresent { field: Field },
    /// The latest decision for `purpose` is a grant (e.g. 개인정보 수집·이용 before a lead
    /// may be worked by sales at all).
    ConsentGranted { purpose: ConsentPurpose },
    /// At least `min_count` touches of `kind` (with the metadata entry, if given) at or
    /// before `now`, and within the last `within_days` days if given.
    EventOccurred {
        kind: TouchKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        metadata: Option<MetadataMatch>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        within_days: Option<u32>,
        min_count: u32,
    },
    /// The `framework` checklist is at least `min_percent` complete (items count only
    /// with evidence; see `crate::qualification::is_met`).
    Qualified {
        framework: Framework,
        min_percent: u8,
    },
    /// At least one of `any_of` holds ("BANT 75% or a meeting").
    AnyOf { any_of: Vec<StageCriterion> },
}

/// What a workspace requires for one stage: every criterion must hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageDefinition {
    /// The stage entered.
    pub stage: Stage,
    /// All must hold.
    pub criteria: Vec<StageCriterion>,
}

/// One criterion checked against one lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionCheck {
    /// The criterion.
    pub criterion: StageCriterion,
    /// Whether it holds.
    pub met: bool,
    /// What was found, phrased so that a failed check says what is missing
    /// ("total 42 < 50").
    pub detail: String,
}

impl StageCriterion {
    /// Whether the criterion holds for `ctx` at `now`. Allocates nothing: this is the
    /// per-lead hot path.
    pub fn holds(&self, ctx: &LeadContext<'_>, now: OffsetDateTime) -> bool {
        let scores = ctx.scores;
        match self {
            Self::MinFit { points } => scores.fit >= *points,
            Self::MinEngagement { points } => scores.engagement >= *points,
            Self::MinTotal { points } => scores.total >= *points,
            Self::TierAtLeast { tier } => scores.tier.is_some_and(|t| t <= *tier),
            Self::FieldPresent { field } => field_holds(field.read(ctx.lead, ctx.account)),
            Self::ConsentGranted { purpose } => {
                ctx.lead.consent(*purpose).is_some_and(|c| c.granted)
            }
            Self::EventOccurred {
                kind,
                metadata,
                within_days,
                min_count,
            } => {
                // Stop scanning at the count needed: the answer cannot change after it.
                let needed = *min_count as usize;
                count_events(
                    ctx.touches,
                    *kind,
                    metadata.as_ref(),
                    *within_days,
                    now,
                    needed,
                ) >= needed
            }
            Self::Qualified {
                framework,
                min_percent,
            } => framework.percent(&ctx.lead.qualification) >= *min_percent,
            Self::AnyOf { any_of } => any_of.iter().any(|c| c.holds(ctx, now)),
        }
    }

    /// Checks the criterion and says what was found.
    pub fn check(&self, ctx: &LeadContext<'_>, now: OffsetDateTime) -> CriterionCheck {
        let met = self.holds(ctx, now);
        let scores = ctx.scores;
        let cmp = if met { "≥" } else { "<" };
        let detail = match self {
            Self::MinFit { points } => format!("fit {} {cmp} {points}", scores.fit),
            Self::MinEngagement { points } => {
                format!("engagement {} {cmp} {points}", scores.engagement)
            }
            Self::MinTotal { points } => format!("total {} {cmp} {points}", scores.total),
            Self::TierAtLeast { tier } => match scores.tier {
                None => format!("no tier (needs {} or better)", tier.as_str()),
                Some(t) if met => format!("tier {} meets {}", t.as_str(), tier.as_str()),
                Some(t) => format!("tier {} below {}", t.as_str(), tier.as_str()),
            },
            Self::FieldPresent { field } => {
                let name = field_name(field);
                match field.read(ctx.lead, ctx.account) {
                    FieldValue::Bool(false) => format!("{name} is no"),
                    _ if met => format!("{name} present"),
                    _ => format!("{name} missing"),
                }
            }
            Self::ConsentGranted { purpose } => {
                let name = consent_name(*purpose);
                match ctx.lead.consent(*purpose) {
                    None => format!("no {name} consent recorded"),
                    Some(c) if c.granted => format!("{name} consent granted"),
                    Some(_) => format!("{name} consent refused"),
                }
            }
            Self::EventOccurred {
                kind,
                metadata,
                within_days,
                min_count,
            } => {
                let found = count_events(
                    ctx.touches,
                    *kind,
                    metadata.as_ref(),
                    *within_days,
                    now,
                    usize::MAX,
                );
                let what = match metadata {
                    Some(m) => format!("{} {}={}", kind.as_str(), m.key, m.value),
                    None => kind.as_str().to_owned(),
                };
                let window = match within_days {
                    None => String::new(),
                    Some(1) => " in the last day".to_owned(),
                    Some(d) => format!(" in the last {d} days"),
                };
                format!("{what}: {found} of {min_count} needed{window}")
            }
            Self::Qualified {
                framework,
                min_percent,
            } => format!(
                "{} {}% {cmp} {min_percent}%",
                framework.as_str(),
                framework.percent(&ctx.lead.qualification)
            ),
            Self::AnyOf { any_of } => {
                let parts: Vec<String> = any_of.iter().map(|c| c.check(ctx, now).detail).collect();
                if met {
                    format!("one of: {}", parts.join("; "))
                } else {
                    format!("none of: {}", parts.join("; "))
                }
            }
        };
        CriterionCheck {
            criterion: self.clone(),
            met,
            detail,
        }
    }

    /// This criterion with `any_of` lists (at any depth) ordered cheapest first, for the
    /// compiled form; the order does not change the answer, only how soon it is found.
    pub(crate) fn cheapest_first(&self) -> Self {
        match self {
            Self::AnyOf { any_of } => {
                let mut any_of: Vec<Self> = any_of.iter().map(Self::cheapest_first).collect();
                any_of.sort_by_key(Self::cost);
                Self::AnyOf { any_of }
            }
            other => other.clone(),
        }
    }

    /// A rough cost rank: score tests are a compare, field and consent tests a lookup,
    /// event tests a scan of the touches. Compiled definitions test cheap criteria first
    /// so most leads fail before any scan.
    pub(crate) fn cost(&self) -> u8 {
        match self {
            Self::MinFit { .. }
            | Self::MinEngagement { .. }
            | Self::MinTotal { .. }
            | Self::TierAtLeast { .. } => 0,
            Self::FieldPresent { .. } | Self::ConsentGranted { .. } => 1,
            Self::Qualified { .. } => 2,
            Self::EventOccurred { .. } => 3,
            Self::AnyOf { any_of } => any_of.iter().map(Self::cost).max().unwrap_or(0),
        }
    }
}

fn field_holds(value: FieldValue<'_>) -> bool {
    match value {
        FieldValue::Bool(b) => b,
        other => other.is_present(),
    }
}

/// Touches of `kind` (matching `metadata`) in `(now - within_days, now]`, or at or
/// before `now` without a window, counted up to `limit`. Touches after `now` are ignored
/// so that evaluating "as of" a past date gives the answer that date would have given.
fn count_events(
    touches: &[Touch],
    kind: TouchKind,
    metadata: Option<&MetadataMatch>,
    within_days: Option<u32>,
    now: OffsetDateTime,
    limit: usize,
) -> usize {
    let since = within_days.map(|d| now - Duration::days(i64::from(d)));
    touches
        .iter()
        .filter(|t| {
            t.kind == kind
                && t.at <= now
                && since.is_none_or(|s| t.at > s)
                && metadata.is_none_or(|m| t.metadata.get(&m.key) == Some(&m.value))
        })
        .take(limit)
        .count()
}

fn consent_name(purpose: ConsentPurpose) -> &'static str {
    match purpose {
        ConsentPurpose::PersonalInfoCollection => "personal_info_collection",
        ConsentPurpose::MarketingMessages => "marketing_messages",
        ConsentPurpose::ThirdPartySharing => "third_party_sharing",
    }
}
