//! Scoring a whole workspace at once over the fixtures' layout (touches grouped per lead,
//! `touch_ranges[i]` the touches of `leads[i]`): directly from the touches, or from
//! [`PreparedLeads`], which matches rules once so that re-scoring as `now` advances is
//! only arithmetic.

use std::ops::Range;

use thiserror::Error;
use time::OffsetDateTime;

use super::compiled::{CompiledModel, Hit, Scratch, accumulate, instant, score_engagement};
use crate::model::{Lead, Touch};

/// Why a batch could not be scored.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BatchError {
    /// `leads`, `ranges` and `out` must have one entry per lead.
    #[error("leads ({leads}), touch_ranges ({ranges}) and out ({out}) differ in length")]
    LengthMismatch {
        leads: usize,
        ranges: usize,
        out: usize,
    },
    /// A lead's touch range is not within the touches.
    #[error("touch_ranges[{lead_index}] ({start}..{end}) is outside the {touches} touches")]
    RangeOutOfBounds {
        lead_index: usize,
        start: usize,
        end: usize,
        touches: usize,
    },
    /// The prepared leads were prepared under another model.
    #[error("leads were prepared under model version {prepared} but scored with version {model}")]
    ModelMismatch { prepared: u32, model: u32 },
}

fn check_lengths(leads: usize, ranges: usize, out: usize) -> Result<(), BatchError> {
    if leads == ranges && ranges == out {
        Ok(())
    } else {
        Err(BatchError::LengthMismatch { leads, ranges, out })
    }
}

fn lead_touches<'a>(
    touches: &'a [Touch],
    ranges: &[Range<usize>],
    lead_index: usize,
) -> Result<&'a [Touch], BatchError> {
    let range = ranges.get(lead_index).cloned().unwrap_or_default();
    touches
        .get(range.clone())
        .ok_or(BatchError::RangeOutOfBounds {
            lead_index,
            start: range.start,
            end: range.end,
            touches: touches.len(),
        })
}

/// Writes the engagement points (see [`score_engagement`]) of every lead at `now` into
/// `out`. One scratch buffer serves the whole batch, so nothing is allocated per lead.
pub fn score_many(
    compiled: &CompiledModel,
    leads: &[Lead],
    touches: &[Touch],
    ranges: &[Range<usize>],
    now: OffsetDateTime,
    out: &mut [i64],
) -> Result<(), BatchError> {
    check_lengths(leads.len(), ranges.len(), out.len())?;
    let mut scratch = Scratch::default();
    for (lead_index, (lead, slot)) in leads.iter().zip(out.iter_mut()).enumerate() {
        let touches = lead_touches(touches, ranges, lead_index)?;
        *slot = score_engagement(compiled, lead, touches, now, &mut scratch);
    }
    Ok(())
}

/// Every lead's rule matches, computed once under one compiled model: profile points and,
/// per lead, its (touch, rule) matches in counting order, in one flat array. Touches are
/// append-only and the model changes rarely, while `now` moves all the time; re-scoring
/// from here skips folding, matching and sorting.
#[derive(Debug, Clone)]
pub struct PreparedLeads {
    version: u32,
    rule_count: usize,
    profile: Vec<i64>,
    /// `hits[starts[i]..starts[i + 1]]` are lead `i`'s.
    starts: Vec<usize>,
    hits: Vec<Hit>,
}

impl PreparedLeads {
    /// Matches every lead's touches (all of them from the reset on: `now` is applied when
    /// scoring) against `compiled`.
    pub fn new(
        compiled: &CompiledModel,
        leads: &[Lead],
        touches: &[Touch],
        ranges: &[Range<usize>],
    ) -> Result<Self, BatchError> {
        check_lengths(leads.len(), ranges.len(), leads.len())?;
        let mut scratch = Scratch::default();
        let mut profile = Vec::with_capacity(leads.len());
        let mut starts = Vec::with_capacity(leads.len() + 1);
        starts.push(0);
        for (lead_index, lead) in leads.iter().enumerate() {
            let touches = lead_touches(touches, ranges, lead_index)?;
            profile.push(compiled.profile_points(lead, &mut scratch));
            // Hits accumulate across leads in the scratch buffer: it becomes the array.
            compiled.collect_hits(touches, None, &mut scratch);
            starts.push(scratch.hits.len());
        }
        Ok(Self {
            version: compiled.version,
            rule_count: compiled.rules.len(),
            profile,
            starts,
            hits: std::mem::take(&mut scratch.hits),
        })
    }

    /// How many leads were prepared.
    pub fn len(&self) -> usize {
        self.profile.len()
    }

    /// Whether no leads were prepared.
    pub fn is_empty(&self) -> bool {
        self.profile.is_empty()
    }
}

/// Writes every prepared lead's engagement points at `now` into `out`: the same numbers
/// as [`score_many`] for the same leads, model and `now`.
pub fn score_prepared(
    compiled: &CompiledModel,
    prepared: &PreparedLeads,
    now: OffsetDateTime,
    out: &mut [i64],
) -> Result<(), BatchError> {
    if prepared.version != compiled.version || prepared.rule_count != compiled.rules.len() {
        return Err(BatchError::ModelMismatch {
            prepared: prepared.version,
            model: compiled.version,
        });
    }
    check_lengths(prepared.len(), prepared.len(), out.len())?;
    let now = instant(now);
    let mut states = Vec::with_capacity(compiled.rules.len());
    for ((slot, profile), bounds) in out
        .iter_mut()
        .zip(&prepared.profile)
        .zip(prepared.starts.windows(2))
    {
        let hits = prepared.hits.get(bounds[0]..bounds[1]).unwrap_or_default();
        *slot = profile
            + accumulate(
                &compiled.rules,
                compiled.decay.as_ref(),
                hits,
                now,
                &mut states,
            );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use time::Duration;
    use time::macros::datetime;
    use uuid::Uuid;

    use super::*;
    use crate::model::{EntryPath, LeadId, TouchId, TouchKind, WorkspaceId};
    use crate::scoring::{
        Cap, EngagementRule, Frequency, MetadataCondition, Period, ProfileCondition, ProfileRule,
        ScoringModel, explain,
    };

    const BASE: OffsetDateTime = datetime!(2026-06-01 00:00 UTC);
    const KINDS: [TouchKind; 3] = [
        TouchKind::PageView,
        TouchKind::EmailClick,
        TouchKind::Unsubscribe,
    ];
    const KEYS: [&str; 2] = ["url", "title"];
    const TEXTS: [&str; 7] = [
        "/pricing",
        "/PRICING ",
        "pricing",
        "웨비나",
        "Ｗｅｂｉｎａｒ 웨비나",
        "/careers",
        "",
    ];
    const DOMAINS: [&str; 4] = ["naver.com", "snu.ac.kr", "acme.co.kr", "mit.edu"];
    const TITLES: [&str; 4] = ["마케팅 인턴", "CEO", "Student", "팀장"];

    fn condition() -> impl Strategy<Value = MetadataCondition> {
        (0..3usize, 0..KEYS.len(), 0..TEXTS.len() - 1, 0..TEXTS.len()).prop_map(
            |(op, key, a, b)| {
                let key = KEYS[key].to_owned();
                match op {
                    0 => MetadataCondition::Equals {
                        key,
                        value: TEXTS[a].into(),
                    },
                    1 => MetadataCondition::OneOf {
                        key,
                        values: vec![TEXTS[a].into(), TEXTS[b].into()],
                    },
                    _ => MetadataCondition::Contains {
                        key,
                        value: TEXTS[a].into(),
                    },
                }
            },
        )
    }

    fn engagement_rule() -> impl Strategy<Value = EngagementRule> {
        let period = prop_oneof![
            Just(Period::Day),
            Just(Period::Week),
            Just(Period::Month),
            Just(Period::AllTime)
        ];
        (
            0..KINDS.len(),
            prop::collection::vec(condition(), 0..3),
            (-60i32..60).prop_map(|p| if p == 0 { 1 } else { p }),
            prop::option::of(prop::option::of(1u32..4)),
            prop::option::of((1u32..40, period)),
        )
            .prop_map(
                |(kind, conditions, points, frequency, cap)| EngagementRule {
                    id: String::new(),
                    name: "rule".into(),
                    kind: KINDS[kind],
                    conditions,
                    points,
                    frequency: match frequency {
                        None => Frequency::Once,
                        Some(max_times) => Frequency::Repeatable { max_times },
                    },
                    cap: cap.map(|(max_points, period)| Cap { max_points, period }),
                },
            )
    }

    fn profile_rule() -> impl Strategy<Value = ProfileRule> {
        (0..3usize, 0..DOMAINS.len(), 0..TITLES.len(), -40i32..40).prop_map(
            |(type_, domain, title, points)| ProfileRule {
                id: String::new(),
                name: "profile".into(),
                condition: match type_ {
                    0 => ProfileCondition::EmailDomainOneOf {
                        domains: vec![DOMAINS[domain].into()],
                    },
                    1 => ProfileCondition::EmailDomainEndsWith {
                        suffixes: vec!["ac.kr".into(), ".edu".into()],
                    },
                    _ => ProfileCondition::TitleContains {
                        words: vec![TITLES[title].into()],
                    },
                },
                points: if points == 0 { 1 } else { points },
            },
        )
    }

    fn scoring_model() -> impl Strategy<Value = ScoringModel> {
        (
            prop::collection::vec(engagement_rule(), 0..6),
            prop::collection::vec(profile_rule(), 0..3),
            prop::option::of(0.5f64..90.0),
            // Whole days, so that touches at midnight fall exactly on the reset.
            prop::option::of(0i64..60),
            -720i16..=840,
        )
            .prop_map(
                |(mut engagement_rules, mut profile_rules, half_life, reset, offset)| {
                    for (i, rule) in engagement_rules.iter_mut().enumerate() {
                        rule.id = format!("e{i}");
                    }
                    for (i, rule) in profile_rules.iter_mut().enumerate() {
                        rule.id = format!("p{i}");
                    }
                    ScoringModel {
                        version: 1,
                        engagement_rules,
                        profile_rules,
                        half_life_days: half_life,
                        reset_at: reset.map(|days| BASE + Duration::days(days)),
                        utc_offset_minutes: offset,
                    }
                },
            )
    }

    /// Touches over 90 days from `BASE`, often rounded to the hour or day so that ties happen,
    /// with ids from a small pool so that equal ids happen too.
    fn touches(lead: usize) -> impl Strategy<Value = Vec<Touch>> {
        let one = (
            0..KINDS.len(),
            0i64..90 * 86_400,
            0..3u8,
            0u128..12,
            prop::option::of(0..TEXTS.len()),
            prop::option::of(0..TEXTS.len()),
        )
            .prop_map(move |(kind, secs, rounding, id, url, title)| {
                let secs = match rounding {
                    0 => secs,
                    1 => secs / 3600 * 3600,
                    // Midnight UTC of one of 90 days: many exact ties.
                    _ => secs / 86_400 * 86_400,
                };
                let mut metadata = BTreeMap::new();
                if let Some(url) = url {
                    metadata.insert("url".to_owned(), TEXTS[url].to_owned());
                }
                if let Some(title) = title {
                    metadata.insert("title".to_owned(), TEXTS[title].to_owned());
                }
                Touch {
                    id: TouchId(Uuid::from_u128(id)),
                    lead_id: LeadId(Uuid::from_u128(lead as u128)),
                    account_id: None,
                    kind: KINDS[kind],
                    at: BASE + Duration::seconds(secs),
                    metadata,
                    utm: Default::default(),
                }
            });
        prop::collection::vec(one, 0..30)
    }

    fn lead(index: usize, domain: usize, title: usize) -> Lead {
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(index as u128)),
            WorkspaceId(Uuid::from_u128(99)),
            "김민수",
            EntryPath::Form,
            BASE,
        );
        lead.email = Some(format!("minsu@{}", DOMAINS[domain % DOMAINS.len()]));
        lead.title = Some(TITLES[title % TITLES.len()].to_owned());
        lead
    }

    /// Leads with their touches in the fixtures' layout.
    fn workspace() -> impl Strategy<Value = (Vec<Lead>, Vec<Touch>, Vec<Range<usize>>)> {
        (0..4usize, 0..4usize, touches(0), touches(1), touches(2)).prop_map(
            |(domain, title, a, b, c)| {
                let mut all = Vec::new();
                let mut ranges = Vec::new();
                for part in [a, b, c] {
                    let start = all.len();
                    all.extend(part);
                    ranges.push(start..all.len());
                }
                let leads = (0..3).map(|i| lead(i, domain + i, title + i)).collect();
                (leads, all, ranges)
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn the_explanation_sums_to_the_fast_score(
            model in scoring_model(),
            (leads, touches, ranges) in workspace(),
            now_secs in 0i64..100 * 86_400,
            fit in -100i64..100,
        ) {
            let now = BASE + Duration::seconds(now_secs);
            let compiled = CompiledModel::compile(&model).unwrap();
            let mut many = vec![0; leads.len()];
            score_many(&compiled, &leads, &touches, &ranges, now, &mut many).unwrap();
            let prepared = PreparedLeads::new(&compiled, &leads, &touches, &ranges).unwrap();
            let mut from_prepared = vec![0; leads.len()];
            score_prepared(&compiled, &prepared, now, &mut from_prepared).unwrap();
            prop_assert_eq!(&many, &from_prepared);
            let mut scratch = Scratch::default();
            for ((lead, range), fast) in leads.iter().zip(&ranges).zip(&many) {
                let own = &touches[range.clone()];
                prop_assert_eq!(score_engagement(&compiled, lead, own, now, &mut scratch), *fast);
                let explanation = explain(&model, lead, own, fit, now).unwrap();
                for line in &explanation.engagement {
                    let events: i64 = line.events.iter().map(|e| e.decayed_points).sum();
                    prop_assert_eq!(line.points, events);
                    for event in &line.events {
                        prop_assert_eq!(event.capped, event.granted_points != event.base_points);
                        prop_assert!(event.decayed_points.abs() <= event.granted_points.abs());
                    }
                }
                let parts = fit
                    + explanation.engagement.iter().map(|l| l.points).sum::<i64>()
                    + explanation.profile.iter().map(|l| l.points).sum::<i64>();
                prop_assert_eq!(explanation.total(), parts);
                prop_assert_eq!(explanation.score().engagement, *fast);
                prop_assert_eq!(explanation.total(), fit + fast);
            }
        }

        #[test]
        fn decay_never_increases_a_score_as_now_advances(
            model in scoring_model(),
            (leads, touches, ranges) in workspace(),
            after_last in 0i64..30 * 86_400,
            later in 0i64..400 * 86_400,
        ) {
            // `now` at or after every touch: advancing it brings no new touches.
            let last = touches.iter().map(|t| t.at).max().unwrap_or(BASE);
            let now = last + Duration::seconds(after_last);
            let compiled = CompiledModel::compile(&model).unwrap();
            let prepared = PreparedLeads::new(&compiled, &leads, &touches, &ranges).unwrap();
            let mut before = vec![0; leads.len()];
            let mut after = vec![0; leads.len()];
            score_prepared(&compiled, &prepared, now, &mut before).unwrap();
            score_prepared(&compiled, &prepared, now + Duration::seconds(later), &mut after).unwrap();
            for (b, a) in before.iter().zip(&after) {
                prop_assert!(a <= b, "score rose from {} to {}", b, a);
            }
            // Per touch: positive points shrink, negative ones stay.
            for (lead, range) in leads.iter().zip(&ranges) {
                let own = &touches[range.clone()];
                let early = explain(&model, lead, own, 0, now).unwrap();
                let late = explain(&model, lead, own, 0, now + Duration::seconds(later)).unwrap();
                for (e, l) in early.engagement.iter().zip(&late.engagement) {
                    for (e, l) in e.events.iter().zip(&l.events) {
                        prop_assert_eq!(e.granted_points, l.granted_points);
                        if e.granted_points > 0 {
                            prop_assert!(l.decayed_points <= e.decayed_points);
                        } else {
                            prop_assert_eq!(l.decayed_points, e.decayed_points);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn batches_report_bad_layouts() {
        let model = ScoringModel::korean_b2b_default();
        let compiled = CompiledModel::compile(&model).unwrap();
        let leads = vec![lead(0, 0, 0), lead(1, 1, 1)];
        let now = BASE;
        let mut out = vec![0; 2];
        assert_eq!(
            score_many(&compiled, &leads, &[], &[Range::default()], now, &mut out),
            Err(BatchError::LengthMismatch {
                leads: 2,
                ranges: 1,
                out: 2
            })
        );
        assert_eq!(
            score_many(&compiled, &leads, &[], &[0..0, 0..3], now, &mut out),
            Err(BatchError::RangeOutOfBounds {
                lead_index: 1,
                start: 0,
                end: 3,
                touches: 0
            })
        );
        let prepared = PreparedLeads::new(&compiled, &leads, &[], &[0..0, 0..0]).unwrap();
        let mut changed = model.clone();
        changed.version = 2;
        let recompiled = CompiledModel::compile(&changed).unwrap();
        assert_eq!(
            score_prepared(&recompiled, &prepared, now, &mut out),
            Err(BatchError::ModelMismatch {
                prepared: 1,
                model: 2
            })
        );
        assert_eq!(score_prepared(&compiled, &prepared, now, &mut out), Ok(()));
    }

    /// Counts heap allocations made by the current thread, so a test can check that
    /// scoring allocates nothing per lead (other tests run on other threads).
    mod allocations {
        use std::alloc::{GlobalAlloc, Layout, System};
        use std::cell::Cell;

        thread_local! {
            // `const` and destructor-free: usable from inside the allocator.
            static COUNT: Cell<usize> = const { Cell::new(0) };
        }

        struct Counting;

        // SAFETY: forwards to `System` unchanged; counting touches only a thread-local.
        unsafe impl GlobalAlloc for Counting {
            unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
                COUNT.with(|count| count.set(count.get() + 1));
                // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract.
                unsafe { System.alloc(layout) }
            }

            unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
                // SAFETY: `ptr` came from `System` through `alloc` or `realloc` above.
                unsafe { System.dealloc(ptr, layout) }
            }

            unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
                COUNT.with(|count| count.set(count.get() + 1));
                // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract.
                unsafe { System.realloc(ptr, layout, new_size) }
            }
        }

        #[global_allocator]
        static ALLOCATOR: Counting = Counting;

        /// Allocations this thread made while running `f`.
        pub fn during(f: impl FnOnce()) -> usize {
            let before = COUNT.with(Cell::get);
            f();
            COUNT.with(Cell::get) - before
        }
    }

    #[test]
    fn scoring_allocates_nothing_per_lead() {
        let now = datetime!(2026-11-24 12:00 +9);
        let data = crate::fixtures::generate(&crate::fixtures::DatasetSpec::new(5, 500, now));
        let compiled = CompiledModel::compile(&ScoringModel::korean_b2b_default()).unwrap();
        let mut scratch = Scratch::default();
        let score_all = |scratch: &mut Scratch| {
            let mut sum = 0;
            for (lead, range) in data.leads.iter().zip(&data.touch_ranges) {
                let touches = &data.touches[range.clone()];
                sum += score_engagement(&compiled, lead, touches, now, scratch);
            }
            sum
        };
        // The first pass grows the buffers; after that, nothing.
        let first = score_all(&mut scratch);
        let mut second = 0;
        assert_eq!(allocations::during(|| second = score_all(&mut scratch)), 0);
        assert_eq!(first, second);

        let prepared =
            PreparedLeads::new(&compiled, &data.leads, &data.touches, &data.touch_ranges).unwrap();
        let mut out = vec![0; data.leads.len()];
        // One buffer of rule counters for the whole batch.
        let made = allocations::during(|| {
            score_prepared(&compiled, &prepared, now, &mut out).unwrap();
        });
        assert_eq!(made, 1);
        assert_eq!(out.iter().sum::<i64>(), first);
    }

    #[test]
    fn the_default_model_scores_generated_leads_like_explain() {
        let now = datetime!(2026-11-24 12:00 +9);
        let data = crate::fixtures::generate(&crate::fixtures::DatasetSpec::new(11, 300, now));
        let model = ScoringModel::korean_b2b_default();
        let compiled = CompiledModel::compile(&model).unwrap();
        let mut out = vec![0; data.leads.len()];
        score_many(
            &compiled,
            &data.leads,
            &data.touches,
            &data.touch_ranges,
            now,
            &mut out,
        )
        .unwrap();
        for ((lead, range), fast) in data.leads.iter().zip(&data.touch_ranges).zip(&out) {
            let explanation = explain(&model, lead, &data.touches[range.clone()], 0, now).unwrap();
            assert_eq!(explanation.total(), *fast);
        }
        // The data exercise the rules: scores spread and some leads are negative.
        assert!(
            out.iter().any(|s| *s < 0) && out.iter().any(|s| *s > 50),
            "{out:?}"
        );
    }
}
