//! Benchmarks of ICP matching and segment counting over 100k synthetic leads: the sizes
//! the app handles in the browser.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use leadkit_shared::facts::{LeadContext, ScoreSummary};
use leadkit_shared::fixtures::{DatasetSpec, generate};
use leadkit_shared::icp::{
    Criterion as IcpCriterion, FieldIndex, FitColumns, Icp, IcpSet, TierCounts, TierCutoffs,
    match_indexed, match_lead, match_many,
};
use leadkit_shared::model::{Field, Stage, Tier, TouchKind};
use leadkit_shared::predicate::{Operator, Predicate, Value};
use leadkit_shared::segments::{Condition, Filter, ScoreKind};
use time::macros::datetime;

const LEADS: usize = 100_000;

fn texts(values: &[&str]) -> Vec<Value> {
    values
        .iter()
        .map(|v| Value::Text((*v).to_owned()))
        .collect()
}

fn criterion(field: Field, operator: Operator, weight: u32) -> IcpCriterion {
    IcpCriterion {
        field,
        operator,
        weight,
        label: None,
    }
}

fn contains(text: &str) -> Operator {
    Operator::Contains { text: text.into() }
}

fn range(min: f64, max: Option<f64>) -> Operator {
    Operator::Range {
        min: Some(min),
        max,
    }
}

/// Three personas of eight criteria each, over the fields the fixtures fill.
fn personas() -> IcpSet {
    let persona = |name: &str, criteria: Vec<IcpCriterion>| Icp {
        name: name.into(),
        criteria,
        tier_cutoffs: TierCutoffs::default(),
    };
    IcpSet {
        personas: vec![
            persona(
                "마케팅 리더",
                vec![
                    criterion(Field::Title, contains("마케팅"), 20),
                    criterion(
                        Field::Department,
                        Operator::Equals {
                            value: Value::Text("marketing".into()),
                        },
                        10,
                    ),
                    criterion(
                        Field::Seniority,
                        Operator::OneOf {
                            values: texts(&["executive", "vp", "director", "manager"]),
                        },
                        15,
                    ),
                    criterion(
                        Field::Industry,
                        Operator::OneOf {
                            values: texts(&["SaaS", "교육", "헬스케어"]),
                        },
                        15,
                    ),
                    criterion(Field::EmployeeCount, range(50.0, Some(1000.0)), 15),
                    criterion(
                        Field::Country,
                        Operator::Equals {
                            value: Value::Text("KR".into()),
                        },
                        5,
                    ),
                    criterion(
                        Field::TechTags,
                        Operator::OneOf {
                            values: texts(&["hubspot", "salesforce"]),
                        },
                        10,
                    ),
                    criterion(
                        Field::EmailVerified,
                        Operator::Equals {
                            value: Value::Bool(true),
                        },
                        10,
                    ),
                ],
            ),
            persona(
                "IT 구매 담당",
                vec![
                    criterion(Field::Title, contains("IT"), 20),
                    criterion(
                        Field::Department,
                        Operator::OneOf {
                            values: texts(&["it", "engineering"]),
                        },
                        15,
                    ),
                    criterion(
                        Field::Seniority,
                        Operator::OneOf {
                            values: texts(&["executive", "director"]),
                        },
                        15,
                    ),
                    criterion(Field::EmployeeCount, range(300.0, None), 15),
                    criterion(Field::TechTags, contains("aws"), 10),
                    criterion(
                        Field::Industry,
                        Operator::OneOf {
                            values: texts(&["제조", "금융", "물류"]),
                        },
                        10,
                    ),
                    criterion(
                        Field::RevenueBand,
                        Operator::OneOf {
                            values: texts(&["500억~1000억", "1000억 이상"]),
                        },
                        10,
                    ),
                    criterion(Field::Phone, Operator::Exists, 5),
                ],
            ),
            persona(
                "스타트업 창업자",
                vec![
                    criterion(Field::Title, contains("대표"), 25),
                    criterion(
                        Field::Seniority,
                        Operator::Equals {
                            value: Value::Text("executive".into()),
                        },
                        15,
                    ),
                    criterion(
                        Field::EmployeeCount,
                        Operator::Range {
                            min: None,
                            max: Some(50.0),
                        },
                        15,
                    ),
                    criterion(
                        Field::RevenueBand,
                        Operator::OneOf {
                            values: texts(&["10억 미만", "10억~100억"]),
                        },
                        10,
                    ),
                    criterion(
                        Field::Industry,
                        Operator::Equals {
                            value: Value::Text("SaaS".into()),
                        },
                        10,
                    ),
                    criterion(
                        Field::Region,
                        Operator::OneOf {
                            values: texts(&["서울", "경기"]),
                        },
                        10,
                    ),
                    criterion(
                        Field::TechTags,
                        Operator::OneOf {
                            values: texts(&["slack", "jira"]),
                        },
                        10,
                    ),
                    criterion(Field::CompanyName, contains("랩스"), 5),
                ],
            ),
        ],
    }
}

fn field(field: Field, operator: Operator) -> Filter {
    Filter::Condition(Condition::Field(Predicate::new(field, operator)))
}

/// Three levels: all of (title, not disqualified/customer, any of (tier A/B, all of
/// (score, webinar in 30 days, page view within 14 days))).
fn segment() -> Filter {
    Filter::All(vec![
        field(Field::Title, contains("마케팅")),
        Filter::Not(Box::new(Filter::Condition(Condition::Stage {
            stages: vec![Stage::Disqualified, Stage::Customer],
        }))),
        Filter::Any(vec![
            Filter::Condition(Condition::Tier {
                tiers: vec![Tier::A, Tier::B],
            }),
            Filter::All(vec![
                Filter::Condition(Condition::Score {
                    score: ScoreKind::Total,
                    min: Some(40),
                    max: None,
                }),
                Filter::Condition(Condition::TouchCount {
                    touch: Some(TouchKind::WebinarAttended),
                    within_days: 30,
                    min: Some(1),
                    max: None,
                }),
                Filter::Condition(Condition::DaysSinceLastTouch {
                    touch: Some(TouchKind::PageView),
                    min: None,
                    max: Some(14),
                }),
            ]),
        ]),
    ])
}

fn benches(c: &mut Criterion) {
    let now = datetime!(2026-11-24 12:00 UTC);
    let data = generate(&DatasetSpec::new(7, LEADS, now));
    let pairs: Vec<_> = data
        .leads
        .iter()
        .zip(&data.account_of)
        .map(|(lead, account)| (lead, account.and_then(|i| data.accounts.get(i))))
        .collect();
    let icps = personas().compile().expect("bench personas are valid");

    let mut group = c.benchmark_group("icp");
    group.sample_size(10);
    let mut columns = FitColumns::default();
    group.bench_function("match_many 100k leads, 3 personas x 8 criteria", |b| {
        b.iter(|| {
            match_many(&icps, pairs.iter().copied(), &mut columns);
            black_box(columns.fit_points.len())
        })
    });
    group.bench_function("match_lead with explanations, 100k leads", |b| {
        b.iter(|| {
            pairs
                .iter()
                .map(|(lead, account)| match_lead(&icps, lead, *account).fit_points)
                .sum::<i64>()
        })
    });
    // What the ICP editor recounts after each edit: the fields were read once, so only
    // the criteria are tested (once per distinct value) and each lead looked up.
    let mut index = FieldIndex::new(pairs.len());
    match_indexed(&icps, &mut index, &pairs, &mut columns).expect("same leads");
    group.bench_function(
        "match_indexed 100k leads, 3 personas x 8 criteria (fields read)",
        |b| {
            b.iter(|| {
                match_indexed(&icps, &mut index, &pairs, &mut columns).expect("same leads");
                black_box(TierCounts::of(3, &columns).unmatched)
            })
        },
    );
    group.bench_function("FieldIndex first read + match_indexed, 100k leads", |b| {
        b.iter(|| {
            let mut index = FieldIndex::new(pairs.len());
            match_indexed(&icps, &mut index, &pairs, &mut columns).expect("same leads");
            black_box(columns.fit_points.len())
        })
    });
    group.finish();

    // Scores as the scoring module would leave them: fit from the ICP, engagement from
    // the number of touches.
    match_many(&icps, pairs.iter().copied(), &mut columns);
    let names: Vec<&str> = icps.persona_names().collect();
    let scores: Vec<ScoreSummary> = (0..data.leads.len())
        .map(|i| {
            let fit = columns.fit_points.get(i).copied().unwrap_or(0);
            let engagement = data.touch_ranges.get(i).map_or(0, |r| r.len() as i64);
            ScoreSummary {
                fit,
                engagement,
                total: fit + engagement,
                tier: columns.tier.get(i).copied(),
                persona: columns
                    .persona
                    .get(i)
                    .copied()
                    .flatten()
                    .and_then(|p| names.get(p as usize))
                    .map(|n| (*n).to_owned()),
            }
        })
        .collect();
    let contexts: Vec<LeadContext<'_>> = data
        .leads
        .iter()
        .enumerate()
        .map(|(i, lead)| {
            let account = data.account_of[i].and_then(|a| data.accounts.get(a));
            let touches = data
                .touch_ranges
                .get(i)
                .and_then(|r| data.touches.get(r.clone()))
                .unwrap_or_default();
            LeadContext::new(lead, account, touches, &scores[i])
        })
        .collect();
    let filter = segment().compile().expect("bench segment is valid");
    let tiers = [Tier::A, Tier::B, Tier::C, Tier::D]
        .map(|t| columns.tier.iter().filter(|x| **x == t).count());
    eprintln!("tiers A/B/C/D: {tiers:?}");
    eprintln!(
        "segment matches {} of {} leads",
        filter.count(&contexts, now),
        contexts.len()
    );

    let mut group = c.benchmark_group("segments");
    group.sample_size(10);
    group.bench_function("count 3-level nested segment, 100k contexts", |b| {
        b.iter(|| black_box(filter.count(&contexts, now)))
    });
    group.finish();
}

criterion_group!(icp, benches);
criterion_main!(icp);
