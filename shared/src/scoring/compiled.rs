//! The fast path: a scoring model compiled for scoring many leads — rules indexed by touch
//! kind, texts folded once, metadata keys resolved to slots, caps as integer buckets — and
//! the scratch space that lets a lead be scored without allocating.

use time::OffsetDateTime;

use super::decay::{DecayRate, DecayTable};
use super::model::{ModelError, ScoringModel};
use super::period::bucket;
use super::rule::{MetadataCondition, Period, ProfileCondition};
use crate::model::{Lead, Touch, TouchKind};
use crate::text::fold;
use crate::text::fold_into;

/// A moment as `(unix seconds, nanoseconds)`: ordered like the moment itself, and cheap
/// to compare.
pub(crate) type Instant = (i64, u32);

pub(crate) fn instant(at: OffsetDateTime) -> Instant {
    (at.unix_timestamp(), at.nanosecond())
}

/// A [`ScoringModel`] prepared for scoring many leads. Build with
/// [`CompiledModel::compile`]; it scores exactly as [`super::explain`] explains.
#[derive(Debug, Clone)]
pub struct CompiledModel {
    pub(crate) version: u32,
    /// Engagement rules grouped by kind (model order within a kind).
    pub(crate) rules: Vec<CompiledRule>,
    /// Per `TouchKind as usize`: its rules and the metadata keys they read.
    kinds: [KindIndex; TouchKind::ALL.len()],
    /// Metadata keys, per kind (see [`KindIndex::keys`]).
    keys: Vec<String>,
    /// Most keys any one kind reads: the slots [`Scratch`] needs.
    max_keys: usize,
    profile: Vec<CompiledProfile>,
    pub(crate) reset: Option<Instant>,
    pub(crate) decay: Option<DecayTable>,
    offset_secs: i64,
}

#[derive(Debug, Clone, Copy, Default)]
struct KindIndex {
    /// `rules[rules.0..rules.1]` score this kind.
    rules: (u32, u32),
    /// `keys[keys.0..keys.1]` are the metadata keys they read; a condition's slot is an
    /// offset into this range.
    keys: (u32, u32),
}

#[derive(Debug, Clone)]
pub(crate) struct CompiledRule {
    pub(crate) points: i32,
    pub(crate) max_times: u32,
    /// `(max_points, period)`.
    pub(crate) cap: Option<(u32, Period)>,
    conditions: Vec<CompiledCondition>,
}

#[derive(Debug, Clone)]
struct CompiledCondition {
    slot: usize,
    test: Test,
}

/// A condition's test with its texts folded.
#[derive(Debug, Clone)]
enum Test {
    Equals(String),
    OneOf(Vec<String>),
    Contains(String),
}

#[derive(Debug, Clone)]
struct CompiledProfile {
    points: i32,
    test: ProfileTest,
}

/// A profile condition with its entries folded (domains and suffixes without dots).
#[derive(Debug, Clone)]
enum ProfileTest {
    DomainOneOf(Vec<String>),
    DomainEndsWith(Vec<String>),
    TitleContains(Vec<String>),
}

/// One (touch, rule) match: what accumulating a score needs, 24 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub(crate) secs: i64,
    /// The cap period the touch falls in (0 when the rule has no cap).
    pub(crate) bucket: i64,
    pub(crate) nanos: u32,
    /// Index into [`CompiledModel::rules`].
    pub(crate) rule: u32,
}

/// A touch waiting to be ordered: by time, then id, then position (so equal touches stay
/// in input order, as the stable sort in `explain` keeps them).
#[derive(Debug, Clone, Copy)]
struct Pending {
    secs: i64,
    nanos: u32,
    index: usize,
    id: u128,
}

/// Per-rule counters while one lead is scored.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RuleState {
    /// Touches that earned points.
    earned: u32,
    /// The current cap period and the points (in magnitude) used in it.
    period: Option<(i64, u32)>,
}

/// Reusable buffers for scoring: make one per thread (or per batch) and pass it to every
/// call, so scoring allocates nothing once the buffers have grown.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    pending: Vec<Pending>,
    pub(crate) hits: Vec<Hit>,
    pub(crate) states: Vec<RuleState>,
    /// Folded metadata values of the touch being matched, one per key slot.
    slots: Vec<String>,
    present: Vec<bool>,
    domain: String,
    title: String,
}

impl CompiledModel {
    /// Validates and compiles `model`.
    pub fn compile(model: &ScoringModel) -> Result<Self, ModelError> {
        model.validate()?;
        let mut rules = Vec::with_capacity(model.engagement_rules.len());
        let mut keys: Vec<String> = Vec::new();
        let mut kinds = [KindIndex::default(); TouchKind::ALL.len()];
        let mut max_keys = 0;
        for kind in TouchKind::ALL {
            let rules_start = rules.len();
            let keys_start = keys.len();
            for rule in model.engagement_rules.iter().filter(|r| r.kind == kind) {
                let conditions = rule
                    .conditions
                    .iter()
                    .map(|condition| {
                        let key = condition.key();
                        let slot = match keys[keys_start..].iter().position(|k| k == key) {
                            Some(slot) => slot,
                            None => {
                                keys.push(key.to_owned());
                                keys.len() - 1 - keys_start
                            }
                        };
                        let test = match condition {
                            MetadataCondition::Equals { value, .. } => Test::Equals(fold(value)),
                            MetadataCondition::OneOf { values, .. } => {
                                Test::OneOf(values.iter().map(|v| fold(v)).collect())
                            }
                            MetadataCondition::Contains { value, .. } => {
                                Test::Contains(fold(value))
                            }
                        };
                        CompiledCondition { slot, test }
                    })
                    .collect();
                rules.push(CompiledRule {
                    points: rule.points,
                    max_times: rule.frequency.max_times(),
                    cap: rule.cap.map(|cap| (cap.max_points, cap.period)),
                    conditions,
                });
            }
            max_keys = max_keys.max(keys.len() - keys_start);
            // Validation bounds the rule count by `MAX_RULES`, and keys by rules.
            kinds[kind as usize] = KindIndex {
                rules: (rules_start as u32, rules.len() as u32),
                keys: (keys_start as u32, keys.len() as u32),
            };
        }
        let profile = model
            .profile_rules
            .iter()
            .map(|rule| {
                let domains = |values: &[String]| {
                    values
                        .iter()
                        .map(|v| fold(v).trim_matches('.').to_owned())
                        .collect()
                };
                let test = match &rule.condition {
                    ProfileCondition::EmailDomainOneOf { domains: values } => {
                        ProfileTest::DomainOneOf(domains(values))
                    }
                    ProfileCondition::EmailDomainEndsWith { suffixes } => {
                        ProfileTest::DomainEndsWith(domains(suffixes))
                    }
                    ProfileCondition::TitleContains { words } => {
                        ProfileTest::TitleContains(words.iter().map(|w| fold(w)).collect())
                    }
                };
                CompiledProfile {
                    points: rule.points,
                    test,
                }
            })
            .collect();
        Ok(Self {
            version: model.version,
            rules,
            kinds,
            keys,
            max_keys,
            profile,
            reset: model.reset_at.map(instant),
            decay: DecayRate::from_half_life(model.half_life_days).map(DecayTable::new),
            offset_secs: i64::from(model.utc_offset_minutes) * 60,
        })
    }

    /// The model version this was compiled from.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// Points from profile rules for `lead`.
    pub(crate) fn profile_points(&self, lead: &Lead, scratch: &mut Scratch) -> i64 {
        if self.profile.is_empty() {
            return 0;
        }
        let has_domain = match lead.email.as_deref().and_then(|e| e.rsplit_once('@')) {
            Some((_, domain)) => {
                fold_into(domain, &mut scratch.domain);
                true
            }
            None => false,
        };
        let domain = scratch.domain.trim_matches('.');
        let has_title = match lead.title.as_deref() {
            Some(title) => {
                fold_into(title, &mut scratch.title);
                true
            }
            None => false,
        };
        let title = scratch.title.as_str();
        let mut total = 0;
        for rule in &self.profile {
            let holds = match &rule.test {
                ProfileTest::DomainOneOf(values) => {
                    has_domain && values.iter().any(|v| v == domain)
                }
                ProfileTest::DomainEndsWith(suffixes) => {
                    has_domain
                        && suffixes.iter().any(|suffix| {
                            domain == suffix
                                || domain
                                    .strip_suffix(suffix.as_str())
                                    .is_some_and(|rest| rest.ends_with('.'))
                        })
                }
                ProfileTest::TitleContains(words) => {
                    has_title && words.iter().any(|word| title.contains(word.as_str()))
                }
            };
            if holds {
                total += i64::from(rule.points);
            }
        }
        total
    }

    /// Appends to `scratch.hits` every (touch, rule) match of `touches`, in counting
    /// order: touches from the reset on (and up to `until`, when given), by time then id.
    pub(crate) fn collect_hits(
        &self,
        touches: &[Touch],
        until: Option<Instant>,
        scratch: &mut Scratch,
    ) {
        scratch.pending.clear();
        for (index, touch) in touches.iter().enumerate() {
            let kind = self.kinds[touch.kind as usize];
            if kind.rules.0 == kind.rules.1 {
                continue;
            }
            let at = instant(touch.at);
            if self.reset.is_some_and(|reset| at < reset) || until.is_some_and(|until| at > until) {
                continue;
            }
            scratch.pending.push(Pending {
                secs: at.0,
                nanos: at.1,
                index,
                id: touch.id.0.as_u128(),
            });
        }
        scratch
            .pending
            .sort_unstable_by_key(|p| (p.secs, p.nanos, p.id, p.index));
        if scratch.slots.len() < self.max_keys {
            scratch.slots.resize(self.max_keys, String::new());
            scratch.present.resize(self.max_keys, false);
        }
        for pending in &scratch.pending {
            let Some(touch) = touches.get(pending.index) else {
                continue;
            };
            let kind = self.kinds[touch.kind as usize];
            let keys = self
                .keys
                .get(kind.keys.0 as usize..kind.keys.1 as usize)
                .unwrap_or_default();
            for ((buffer, present), key) in scratch
                .slots
                .iter_mut()
                .zip(scratch.present.iter_mut())
                .zip(keys)
            {
                // A key is folded once per touch, however many rules read it.
                match touch.metadata.get(key) {
                    Some(value) => {
                        fold_into(value, buffer);
                        *present = true;
                    }
                    None => *present = false,
                }
            }
            for rule_index in kind.rules.0..kind.rules.1 {
                let Some(rule) = self.rules.get(rule_index as usize) else {
                    continue;
                };
                let holds = rule.conditions.iter().all(|condition| {
                    let (Some(value), Some(true)) = (
                        scratch.slots.get(condition.slot),
                        scratch.present.get(condition.slot),
                    ) else {
                        return false;
                    };
                    match &condition.test {
                        Test::Equals(wanted) => value == wanted,
                        Test::OneOf(values) => values.iter().any(|v| v == value),
                        Test::Contains(part) => value.contains(part.as_str()),
                    }
                });
                if holds {
                    scratch.hits.push(Hit {
                        secs: pending.secs,
                        bucket: rule.cap.map_or(0, |(_, period)| {
                            bucket(period, pending.secs, self.offset_secs)
                        }),
                        nanos: pending.nanos,
                        rule: rule_index,
                    });
                }
            }
        }
    }
}

/// Adds up `hits` (one lead's, in counting order) up to `now`, applying each rule's
/// frequency limit and cap, then decay. `states` is reset here.
pub(crate) fn accumulate(
    rules: &[CompiledRule],
    decay: Option<&DecayTable>,
    hits: &[Hit],
    now: Instant,
    states: &mut Vec<RuleState>,
) -> i64 {
    states.clear();
    states.resize(rules.len(), RuleState::default());
    let mut total = 0i64;
    for hit in hits {
        // Hits are in time order, so the first after `now` ends the lead.
        if (hit.secs, hit.nanos) > now {
            break;
        }
        let (Some(rule), Some(state)) = (
            rules.get(hit.rule as usize),
            states.get_mut(hit.rule as usize),
        ) else {
            continue;
        };
        if state.earned >= rule.max_times {
            continue;
        }
        let mut granted = rule.points.unsigned_abs();
        if let Some((max_points, _)) = rule.cap {
            let used = match state.period {
                Some((current, used)) if current == hit.bucket => used,
                _ => 0,
            };
            granted = granted.min(max_points.saturating_sub(used));
            state.period = Some((hit.bucket, used + granted));
        }
        if granted == 0 {
            continue;
        }
        state.earned = state.earned.saturating_add(1);
        let granted = i64::from(granted);
        let signed = if rule.points < 0 { -granted } else { granted };
        total += match decay {
            Some(table) => table.points(signed, now.0 - hit.secs),
            None => signed,
        };
    }
    total
}

/// Engagement points of `lead` at `now` — profile rules plus engagement rules over
/// `touches` (the lead's own, any order) — exactly as [`super::explain`] adds them up, but
/// without building the explanation and, once `scratch` has grown, without allocating.
pub fn score_engagement(
    compiled: &CompiledModel,
    lead: &Lead,
    touches: &[Touch],
    now: OffsetDateTime,
    scratch: &mut Scratch,
) -> i64 {
    let now = instant(now);
    let profile = compiled.profile_points(lead, scratch);
    scratch.hits.clear();
    compiled.collect_hits(touches, Some(now), scratch);
    let events = accumulate(
        &compiled.rules,
        compiled.decay.as_ref(),
        &scratch.hits,
        now,
        &mut scratch.states,
    );
    profile + events
}
