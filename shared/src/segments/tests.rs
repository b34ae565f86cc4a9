//! Tests of segment filters: conditions one by one, nesting, validation, the saved form,
//! and the complement property of `not`.

use proptest::prelude::*;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::*;
use crate::facts::{LeadContext, ScoreSummary};
use crate::icp::{Criterion, Icp, IcpSet, TierCutoffs};
use crate::model::{
    Account, AccountId, EntryPath, Field, Lead, LeadId, Touch, TouchId, Utm, WorkspaceId,
};
use crate::predicate::{Operator, Scratch, Value};

const NOW: OffsetDateTime = datetime!(2026-11-24 12:00 UTC);

fn touch(kind: TouchKind, ago_hours: i64) -> Touch {
    Touch {
        id: TouchId(Uuid::nil()),
        lead_id: LeadId(Uuid::nil()),
        account_id: None,
        kind,
        at: NOW - Duration::hours(ago_hours),
        metadata: Default::default(),
        utm: Utm::default(),
    }
}

/// A 마케팅 팀장 at a Seoul SaaS company, MQL, tier B, with recent page views.
fn example() -> (Lead, Account, Vec<Touch>, ScoreSummary) {
    let ws = WorkspaceId(Uuid::nil());
    let mut lead = Lead::new(
        LeadId(Uuid::from_u128(1)),
        ws,
        "김민수",
        EntryPath::Form,
        NOW,
    );
    lead.title = Some("글로벌 마케팅 팀장".into());
    lead.stage = Stage::Mql;
    let mut account = Account::new(AccountId(Uuid::from_u128(2)), ws, "Ｈａｎｂｉｔ　소프트");
    account.region = Some("서울".into());
    account.employee_count = Some(250);
    account.industry = Some("SaaS".into());
    let touches = vec![
        touch(TouchKind::WebinarAttended, 72),
        touch(TouchKind::PageView, 24),
        touch(TouchKind::PageView, 30),
        touch(TouchKind::PageView, 47),
        touch(TouchKind::PageView, 40 * 24),
        touch(TouchKind::EmailOpen, 100 * 24),
        // Dated after `now` (clock skew, a scheduled meeting): never counted.
        touch(TouchKind::PageView, -24),
    ];
    let scores = ScoreSummary {
        fit: 60,
        engagement: 35,
        total: 95,
        tier: Some(Tier::B),
        persona: Some("마케팅 리더".into()),
    };
    (lead, account, touches, scores)
}

fn field(field: Field, operator: Operator) -> Filter {
    Filter::Condition(Condition::Field(Predicate::new(field, operator)))
}

fn contains(f: Field, text: &str) -> Filter {
    field(f, Operator::Contains { text: text.into() })
}

fn score(score: ScoreKind, min: Option<i64>, max: Option<i64>) -> Filter {
    Filter::Condition(Condition::Score { score, min, max })
}

fn count(touch: Option<TouchKind>, within_days: u32, min: Option<u32>, max: Option<u32>) -> Filter {
    Filter::Condition(Condition::TouchCount {
        touch,
        within_days,
        min,
        max,
    })
}

fn since(touch: Option<TouchKind>, min: Option<u32>, max: Option<u32>) -> Filter {
    Filter::Condition(Condition::DaysSinceLastTouch { touch, min, max })
}

fn tiers(tiers: &[Tier]) -> Filter {
    Filter::Condition(Condition::Tier {
        tiers: tiers.to_vec(),
    })
}

fn stages(stages: &[Stage]) -> Filter {
    Filter::Condition(Condition::Stage {
        stages: stages.to_vec(),
    })
}

fn personas(names: &[&str]) -> Filter {
    Filter::Condition(Condition::Persona {
        personas: names.iter().map(|n| (*n).to_owned()).collect(),
    })
}

fn not(f: Filter) -> Filter {
    Filter::Not(Box::new(f))
}

#[test]
fn conditions_and_nesting_evaluate_as_expected() {
    use TouchKind::*;
    let (lead, account, touches, scores) = example();
    let ctx = LeadContext::new(&lead, Some(&account), &touches, &scores);
    let regions = Operator::OneOf {
        values: vec![Value::Text("서울".into()), Value::Text("경기".into())],
    };
    let cases: Vec<(&str, Filter, bool)> = vec![
        (
            "직함 contains 마케팅",
            contains(Field::Title, "마케팅"),
            true,
        ),
        ("직함 contains 영업", contains(Field::Title, "영업"), false),
        (
            "region one_of 서울/경기",
            field(Field::Region, regions),
            true,
        ),
        (
            "employees 50–1000",
            field(
                Field::EmployeeCount,
                Operator::Range {
                    min: Some(50.0),
                    max: Some(1000.0),
                },
            ),
            true,
        ),
        (
            "full-width company name",
            field(
                Field::CompanyName,
                Operator::Equals {
                    value: Value::Text("hanbit 소프트".into()),
                },
            ),
            true,
        ),
        ("total ≥ 90", score(ScoreKind::Total, Some(90), None), true),
        ("fit ≤ 50", score(ScoreKind::Fit, None, Some(50)), false),
        (
            "engagement exactly 35",
            score(ScoreKind::Engagement, Some(35), Some(35)),
            true,
        ),
        ("tier A or B", tiers(&[Tier::A, Tier::B]), true),
        ("tier C", tiers(&[Tier::C]), false),
        ("persona 마케팅 리더", personas(&["마케팅 리더"]), true),
        ("persona IT", personas(&["IT 구매 담당"]), false),
        ("stage MQL or SQL", stages(&[Stage::Mql, Stage::Sql]), true),
        ("stage lead", stages(&[Stage::Lead]), false),
        (
            "3+ page views in 7 days (future one not counted)",
            count(Some(PageView), 7, Some(3), None),
            true,
        ),
        (
            "4+ page views in 7 days",
            count(Some(PageView), 7, Some(4), None),
            false,
        ),
        (
            "4+ page views in 60 days",
            count(Some(PageView), 60, Some(4), None),
            true,
        ),
        (
            "exactly 4 touches of any kind in 7 days",
            count(None, 7, Some(4), Some(4)),
            true,
        ),
        (
            "no meeting in 30 days",
            count(Some(Meeting), 30, None, Some(0)),
            true,
        ),
        (
            "window edge: email open 100 days ago in 100 days",
            count(Some(EmailOpen), 100, Some(1), None),
            true,
        ),
        (
            "window edge: not in 99 days",
            count(Some(EmailOpen), 99, Some(1), None),
            false,
        ),
        (
            "page view within a day (24h ago counts as 1 day)",
            since(Some(PageView), None, Some(1)),
            true,
        ),
        (
            "page view today",
            since(Some(PageView), None, Some(0)),
            false,
        ),
        (
            "email open 90+ days ago",
            since(Some(EmailOpen), Some(90), None),
            true,
        ),
        ("any touch within 1 day", since(None, None, Some(1)), true),
        (
            "never met: days since fails",
            since(Some(Meeting), None, Some(1000)),
            false,
        ),
        (
            "never met: not(days since) passes",
            not(since(Some(Meeting), None, Some(1000))),
            true,
        ),
        (
            "3-level nesting",
            Filter::All(vec![
                contains(Field::Title, "마케팅"),
                not(stages(&[Stage::Lead])),
                Filter::Any(vec![
                    tiers(&[Tier::A]),
                    Filter::All(vec![
                        score(ScoreKind::Total, Some(90), None),
                        count(Some(WebinarAttended), 30, Some(1), None),
                    ]),
                ]),
            ]),
            true,
        ),
        (
            "any of two misses",
            Filter::Any(vec![stages(&[Stage::Lead]), personas(&["IT 구매 담당"])]),
            false,
        ),
        (
            "all with one miss",
            Filter::All(vec![tiers(&[Tier::B]), stages(&[Stage::Lead])]),
            false,
        ),
    ];
    let mut scratch = Scratch::new();
    for (name, filter, expected) in cases {
        let compiled = filter.compile().unwrap();
        assert_eq!(
            compiled.matches(&ctx, NOW, &mut scratch),
            expected,
            "{name}"
        );
        let negated = not(filter).compile().unwrap();
        assert_eq!(
            negated.matches(&ctx, NOW, &mut scratch),
            !expected,
            "not {name}"
        );
    }
}

fn nested_not(depth: usize) -> Filter {
    let mut filter = stages(&[Stage::Lead]);
    for _ in 1..depth {
        filter = not(filter);
    }
    filter
}

#[test]
fn malformed_filters_are_rejected_saying_where() {
    let cond = stages(&[Stage::Lead]);
    let cases: Vec<(Filter, SegmentError)> = vec![
        (
            Filter::All(vec![]),
            SegmentError::EmptyGroup {
                at: "filter".into(),
                group: "all",
            },
        ),
        (
            Filter::Any(vec![cond.clone(), Filter::All(vec![])]),
            SegmentError::EmptyGroup {
                at: "filter.any[1]".into(),
                group: "all",
            },
        ),
        (
            not(Filter::Any(vec![])),
            SegmentError::EmptyGroup {
                at: "filter.not".into(),
                group: "any",
            },
        ),
        (
            Filter::All(vec![
                cond.clone(),
                score(ScoreKind::Total, Some(10), Some(5)),
            ]),
            SegmentError::InvertedBounds {
                at: "filter.all[1]".into(),
                condition: "score",
                min: 10,
                max: 5,
            },
        ),
        (
            score(ScoreKind::Fit, None, None),
            SegmentError::Unbounded {
                at: "filter".into(),
                condition: "score",
            },
        ),
        (
            count(None, 7, Some(5), Some(2)),
            SegmentError::InvertedBounds {
                at: "filter".into(),
                condition: "touch_count",
                min: 5,
                max: 2,
            },
        ),
        (
            count(None, 0, Some(1), None),
            SegmentError::EmptyWindow {
                at: "filter".into(),
            },
        ),
        (
            since(None, None, None),
            SegmentError::Unbounded {
                at: "filter".into(),
                condition: "days_since_last_touch",
            },
        ),
        (
            tiers(&[]),
            SegmentError::EmptyList {
                at: "filter".into(),
                condition: "tier",
            },
        ),
        (
            stages(&[]),
            SegmentError::EmptyList {
                at: "filter".into(),
                condition: "stage",
            },
        ),
        (
            personas(&[]),
            SegmentError::EmptyList {
                at: "filter".into(),
                condition: "persona",
            },
        ),
        (
            not(field(
                Field::Title,
                Operator::Range {
                    min: Some(1.0),
                    max: None,
                },
            )),
            SegmentError::Predicate {
                at: "filter.not".into(),
                source: crate::predicate::PredicateError::TypeMismatch {
                    field: "title".into(),
                    operator: "range",
                    found: "text",
                    given: "number range",
                },
            },
        ),
        (
            nested_not(MAX_DEPTH + 1),
            SegmentError::TooDeep {
                at: format!("filter{}", ".not".repeat(MAX_DEPTH)),
                max: MAX_DEPTH,
            },
        ),
    ];
    for (filter, expected) in cases {
        assert_eq!(filter.validate(), Err(expected.clone()), "{expected}");
    }
    assert_eq!(nested_not(MAX_DEPTH).validate(), Ok(()));
    assert_eq!(
        SegmentError::EmptyGroup {
            at: "filter.any[1]".into(),
            group: "all"
        }
        .to_string(),
        "filter.any[1]: all needs at least one filter"
    );
}

#[test]
fn segments_check_their_name_and_personas_against_the_icp_set() {
    let icps = IcpSet {
        personas: vec![Icp {
            name: "마케팅 리더".into(),
            criteria: vec![Criterion {
                field: Field::Title,
                operator: Operator::Exists,
                weight: 1,
                label: None,
            }],
            tier_cutoffs: TierCutoffs::default(),
        }],
    }
    .compile()
    .unwrap();
    let segment = |name: &str, filter: Filter| Segment {
        name: name.into(),
        filter,
        template: None,
    };
    assert!(
        segment("리더", personas(&["마케팅 리더"]))
            .compile(&icps)
            .is_ok()
    );
    assert_eq!(
        segment(
            "리더",
            Filter::Any(vec![
                stages(&[Stage::Sql]),
                not(personas(&["마케팅 리더", "CTO"]))
            ])
        )
        .compile(&icps),
        Err(SegmentError::UnknownPersona {
            at: "filter.any[1].not".into(),
            persona: "CTO".into()
        })
    );
    assert_eq!(
        segment("  ", stages(&[Stage::Sql])).compile(&icps),
        Err(SegmentError::BlankName)
    );
}

#[test]
fn errors_name_the_part_of_the_saved_form_at_fault() {
    let icps = IcpSet { personas: vec![] }.compile().unwrap();
    let path = |filter: Filter, template: Option<&str>| {
        Segment {
            name: "세그먼트".into(),
            filter,
            template: template.map(str::to_owned),
        }
        .compile(&icps)
        .map(|_| ())
        .map_err(|e| e.field_path())
    };
    let cases: Vec<(Filter, Option<&str>, Result<(), String>)> = vec![
        (stages(&[Stage::Sql]), Some("{{first_name|고객}}님"), Ok(())),
        (
            Filter::All(vec![
                stages(&[Stage::Sql]),
                Filter::Any(vec![contains(Field::Title, "  ")]),
            ]),
            None,
            Err("filter.all[1].any[0].value".into()),
        ),
        (
            score(ScoreKind::Fit, Some(9), Some(1)),
            None,
            Err("filter.min".into()),
        ),
        (tiers(&[]), None, Err("filter.values".into())),
        (
            count(None, 0, Some(1), None),
            None,
            Err("filter.within_days".into()),
        ),
        (Filter::Any(vec![]), None, Err("filter".into())),
        (
            Filter::Condition(Condition::Leads { ids: vec![] }),
            None,
            Err("filter.values".into()),
        ),
        (
            stages(&[Stage::Sql]),
            Some("{{firstname}}"),
            Err("template".into()),
        ),
    ];
    for (filter, template, expected) in cases {
        assert_eq!(path(filter.clone(), template), expected, "{filter:?}");
    }
    let long = Segment {
        name: "가".repeat(MAX_NAME_CHARS + 1),
        filter: stages(&[Stage::Sql]),
        template: None,
    };
    assert_eq!(
        long.compile(&icps).map_err(|e| e.field_path()).err(),
        Some("name".into())
    );
}

#[test]
fn leads_added_by_hand_belong_whatever_the_rules_say() {
    let (lead, account, touches, scores) = example();
    let ctx = LeadContext::new(&lead, Some(&account), &touches, &scores);
    let mut scratch = Scratch::new();
    let passes = |segment: &Segment, scratch: &mut Scratch| {
        segment
            .filter
            .compile()
            .unwrap()
            .matches(&ctx, NOW, scratch)
    };
    let other = LeadId(Uuid::from_u128(99));
    let mut manual = Segment::manual("VIP", vec![other]);
    assert!(manual.is_manual());
    assert!(!passes(&manual, &mut scratch));
    assert_eq!(
        manual.add_members(&[lead.id, other]),
        1,
        "the repeat is not added"
    );
    assert!(passes(&manual, &mut scratch));
    assert_eq!(manual.members(), &[other, lead.id]);

    let mut rules = Segment {
        name: "SQL".into(),
        filter: stages(&[Stage::Sql]),
        template: None,
    };
    assert!(!passes(&rules, &mut scratch));
    assert_eq!(rules.add_members(&[lead.id]), 1);
    assert!(passes(&rules, &mut scratch));
    assert!(!rules.is_manual());
    assert_eq!(rules.members(), &[lead.id]);
    assert_eq!(rules.add_members(&[other]), 1, "the same list grows");
    assert!(matches!(&rules.filter, Filter::Any(items) if items.len() == 2));

    let too_many: Vec<LeadId> = (0..=MAX_MEMBERS as u128)
        .map(|n| LeadId(Uuid::from_u128(n)))
        .collect();
    assert_eq!(
        Segment::manual("많음", too_many).filter.validate(),
        Err(SegmentError::TooManyMembers {
            at: "filter".into(),
            max: MAX_MEMBERS
        })
    );
}

#[test]
fn a_population_of_records_counts_and_selects_members() {
    use crate::api::{LeadRecord, LeadScores};
    let (lead, _, mut touches, _) = example();
    for touch in &mut touches {
        touch.lead_id = lead.id;
    }
    let record = |lead: Lead, total: i64| LeadRecord {
        id: lead.id.0,
        seq: 1,
        form_id: "contact".into(),
        email: String::new(),
        name: lead.name.clone(),
        company: String::new(),
        captured_at: NOW,
        stage: Some(lead.stage),
        scores: Some(LeadScores {
            fit: 0,
            engagement: total,
            total,
            tier: None,
            persona: None,
            scored_at: NOW,
        }),
        stamps: Default::default(),
        record: Some(Box::new(lead)),
    };
    let mut second = lead.clone();
    second.id = LeadId(Uuid::from_u128(5));
    let mut no_record = record(lead.clone(), 0);
    no_record.record = None;
    let population = Population::new(
        &[record(lead.clone(), 80), record(second, 10), no_record],
        &touches,
    );
    assert_eq!(population.len(), 2, "a lead without its record is left out");
    let high = score(ScoreKind::Total, Some(50), None).compile().unwrap();
    assert_eq!(population.count(&high, NOW), 1);
    assert_eq!(population.select(&high, NOW), vec![lead.id.0]);
    let webinar = count(Some(TouchKind::WebinarAttended), 7, Some(1), None)
        .compile()
        .unwrap();
    assert_eq!(
        population.select(&webinar, NOW),
        vec![lead.id.0],
        "touches go to their own lead"
    );
}

#[test]
fn saved_form_is_stable_json() {
    let json = r#"{"name":"수도권 마케팅 리더","filter":{"all":[{"condition":{"kind":"field","field":{"field":"title"},"operator":{"op":"contains","text":"마케팅"}}},{"not":{"condition":{"kind":"stage","stages":["disqualified"]}}},{"any":[{"condition":{"kind":"tier","tiers":["A","B"]}},{"condition":{"kind":"touch_count","touch":"webinar_attended","within_days":30,"min":1}}]}]}}"#;
    let segment: Segment = serde_json::from_str(json).unwrap();
    assert_eq!(
        segment.filter,
        Filter::All(vec![
            contains(Field::Title, "마케팅"),
            not(stages(&[Stage::Disqualified])),
            Filter::Any(vec![
                tiers(&[Tier::A, Tier::B]),
                count(Some(TouchKind::WebinarAttended), 30, Some(1), None)
            ]),
        ])
    );
    assert_eq!(serde_json::to_string(&segment).unwrap(), json);
}

#[test]
fn count_and_select_agree_with_matches() {
    let (lead, account, touches, scores) = example();
    let mut other = lead.clone();
    other.stage = Stage::Lead;
    let none = ScoreSummary::default();
    let contexts = [
        LeadContext::new(&lead, Some(&account), &touches, &scores),
        LeadContext::new(&other, None, &[], &none),
        LeadContext::new(&lead, None, &touches, &none),
    ];
    let filter = Filter::Any(vec![tiers(&[Tier::B]), count(None, 7, Some(1), None)])
        .compile()
        .unwrap();
    assert_eq!(filter.select(&contexts, NOW), vec![0, 2]);
    assert_eq!(filter.count(&contexts, NOW), 2);
}

// Generated leads and filters over a small vocabulary, so conditions hit and miss often.

const TITLES: &[&str] = &[
    "마케팅 팀장",
    "ＭＡＲＫＥＴＩＮＧ lead",
    "IT 실장",
    "영업",
    " ",
];
const REGIONS: &[&str] = &["서울", "경기", "부산"];
const PERSONAS: &[&str] = &["마케팅 리더", "IT 구매 담당"];
const KINDS: &[TouchKind] = &[
    TouchKind::PageView,
    TouchKind::WebinarAttended,
    TouchKind::Meeting,
];

type Owned = (Lead, Option<Account>, Vec<Touch>, ScoreSummary);

fn arb_lead() -> impl Strategy<Value = Owned> {
    (
        proptest::option::of(proptest::sample::select(TITLES)),
        proptest::option::of((
            proptest::option::of(proptest::sample::select(REGIONS)),
            proptest::option::of(0u32..2000),
        )),
        proptest::sample::select(Stage::ALL.to_vec()),
        proptest::collection::vec((proptest::sample::select(KINDS), -48i64..2400), 0..6),
        (
            -50i64..150,
            -50i64..150,
            proptest::option::of(proptest::sample::select(vec![
                Tier::A,
                Tier::B,
                Tier::C,
                Tier::D,
            ])),
        ),
        proptest::option::of(proptest::sample::select(PERSONAS)),
    )
        .prop_map(
            |(title, acc, stage, touches, (fit, engagement, tier), persona)| {
                let ws = WorkspaceId(Uuid::nil());
                let mut lead = Lead::new(
                    LeadId(Uuid::from_u128(1)),
                    ws,
                    "이지은",
                    EntryPath::Form,
                    NOW,
                );
                lead.title = title.map(str::to_owned);
                lead.stage = stage;
                let account = acc.map(|(region, employees)| {
                    let mut a = Account::new(AccountId(Uuid::from_u128(2)), ws, "누리테크");
                    a.region = region.map(str::to_owned);
                    a.employee_count = employees;
                    a
                });
                let touches = touches
                    .into_iter()
                    .map(|(kind, hours)| touch(kind, hours))
                    .collect();
                let scores = ScoreSummary {
                    fit,
                    engagement,
                    total: fit + engagement,
                    tier,
                    persona: persona.map(str::to_owned),
                };
                (lead, account, touches, scores)
            },
        )
}

fn arb_bounds<T: std::fmt::Debug + Copy + PartialOrd + 'static>(
    values: impl Strategy<Value = T> + Clone,
) -> impl Strategy<Value = (Option<T>, Option<T>)> {
    (
        proptest::option::of(values.clone()),
        proptest::option::of(values),
    )
        .prop_filter("a bound", |(a, b)| a.is_some() || b.is_some())
        .prop_map(|(a, b)| match (a, b) {
            (Some(a), Some(b)) if a > b => (Some(b), Some(a)),
            other => other,
        })
}

fn arb_condition() -> impl Strategy<Value = Filter> {
    prop_oneof![
        proptest::sample::select(vec!["마케팅", "marketing", "it"])
            .prop_map(|t| contains(Field::Title, t)),
        proptest::sample::subsequence(REGIONS.to_vec(), 1..=2).prop_map(|r| field(
            Field::Region,
            Operator::OneOf {
                values: r.into_iter().map(|v| Value::Text(v.into())).collect()
            }
        )),
        arb_bounds(0u32..2000).prop_map(|(min, max)| field(
            Field::EmployeeCount,
            Operator::Range {
                min: min.map(f64::from),
                max: max.map(f64::from)
            }
        )),
        Just(field(Field::Region, Operator::Missing)),
        (
            proptest::sample::select(vec![
                ScoreKind::Fit,
                ScoreKind::Engagement,
                ScoreKind::Total
            ]),
            arb_bounds(-50i64..300)
        )
            .prop_map(|(k, (min, max))| score(k, min, max)),
        proptest::sample::subsequence(vec![Tier::A, Tier::B, Tier::C, Tier::D], 1..=3)
            .prop_map(|t| tiers(&t)),
        proptest::sample::subsequence(PERSONAS.to_vec(), 1..=2).prop_map(|p| personas(&p)),
        proptest::sample::subsequence(Stage::ALL.to_vec(), 1..=4).prop_map(|s| stages(&s)),
        (
            proptest::option::of(proptest::sample::select(KINDS)),
            1u32..120,
            arb_bounds(0u32..5)
        )
            .prop_map(|(k, days, (min, max))| count(k, days, min, max)),
        (
            proptest::option::of(proptest::sample::select(KINDS)),
            arb_bounds(0u32..120)
        )
            .prop_map(|(k, (min, max))| since(k, min, max)),
    ]
}

pub(crate) fn arb_filter() -> impl Strategy<Value = Filter> {
    arb_condition().prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 1..4).prop_map(Filter::All),
            proptest::collection::vec(inner.clone(), 1..4).prop_map(Filter::Any),
            inner.prop_map(not),
        ]
    })
}

/// A naive reading of the tree, to check the compiled form's combinators against.
fn naive(filter: &Filter, ctx: &LeadContext<'_>, scratch: &mut Scratch) -> bool {
    match filter {
        Filter::All(items) => items.iter().all(|f| naive(f, ctx, scratch)),
        Filter::Any(items) => items.iter().any(|f| naive(f, ctx, scratch)),
        Filter::Not(inner) => !naive(inner, ctx, scratch),
        Filter::Condition(_) => filter.compile().unwrap().matches(ctx, NOW, scratch),
    }
}

proptest! {
    #[test]
    fn not_is_the_complement(filter in arb_filter(), leads in proptest::collection::vec(arb_lead(), 1..12)) {
        let contexts: Vec<LeadContext<'_>> = leads
            .iter()
            .map(|(lead, account, touches, scores)| LeadContext::new(lead, account.as_ref(), touches, scores))
            .collect();
        let compiled = filter.compile().unwrap();
        let negated = not(filter.clone()).compile().unwrap();
        let twice = not(not(filter.clone())).compile().unwrap();
        let mut scratch = Scratch::new();
        for ctx in &contexts {
            let passes = compiled.matches(ctx, NOW, &mut scratch);
            prop_assert_eq!(negated.matches(ctx, NOW, &mut scratch), !passes);
            prop_assert_eq!(twice.matches(ctx, NOW, &mut scratch), passes);
            prop_assert_eq!(naive(&filter, ctx, &mut scratch), passes);
        }
        let selected = compiled.select(&contexts, NOW);
        let rejected = negated.select(&contexts, NOW);
        prop_assert_eq!(selected.len() + rejected.len(), contexts.len());
        prop_assert!(selected.iter().all(|i| !rejected.contains(i)));
        prop_assert_eq!(compiled.count(&contexts, NOW), selected.len());
    }

    #[test]
    fn empty_groups_anywhere_are_rejected(filter in arb_filter(), all in any::<bool>()) {
        let empty = if all { Filter::All(vec![]) } else { Filter::Any(vec![]) };
        let broken = Filter::Any(vec![filter, not(empty)]);
        let expected = SegmentError::EmptyGroup { at: "filter.any[1].not".into(), group: if all { "all" } else { "any" } };
        prop_assert_eq!(broken.validate(), Err(expected));
    }

    #[test]
    fn saved_form_round_trips(filter in arb_filter()) {
        let json = serde_json::to_string(&filter).unwrap();
        let back: Filter = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, filter);
    }
}
