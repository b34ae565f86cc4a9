//! Tests of ICP validation, matching, explanations and grouping.

use proptest::prelude::*;
use time::macros::datetime;
use uuid::Uuid;

use super::*;
use crate::model::{Account, AccountId, EntryPath, Lead, LeadId, Tier, WorkspaceId};
use crate::predicate::{PredicateError, Value};

fn lead(n: u128, title: Option<&str>) -> Lead {
    let mut lead = Lead::new(
        LeadId(Uuid::from_u128(n)),
        WorkspaceId(Uuid::nil()),
        "김민수",
        EntryPath::Form,
        datetime!(2026-11-24 0:00 UTC),
    );
    lead.title = title.map(str::to_owned);
    lead
}

fn account(region: Option<&str>, employees: Option<u32>, industry: Option<&str>) -> Account {
    let mut account = Account::new(
        AccountId(Uuid::from_u128(99)),
        WorkspaceId(Uuid::nil()),
        "한빛소프트",
    );
    account.region = region.map(str::to_owned);
    account.employee_count = employees;
    account.industry = industry.map(str::to_owned);
    account
}

fn criterion(field: Field, operator: Operator, weight: u32, label: &str) -> Criterion {
    Criterion {
        field,
        operator,
        weight,
        label: Some(label.to_owned()),
    }
}

fn texts(values: &[&str]) -> Vec<Value> {
    values
        .iter()
        .map(|v| Value::Text((*v).to_owned()))
        .collect()
}

/// 마케팅 리더 at a mid-size SaaS company in the capital region; and an IT buyer persona.
fn korean_set() -> IcpSet {
    IcpSet {
        personas: vec![
            Icp {
                name: "마케팅 리더".into(),
                criteria: vec![
                    criterion(
                        Field::Title,
                        Operator::Contains {
                            text: "마케팅".into(),
                        },
                        30,
                        "마케팅 직무",
                    ),
                    criterion(
                        Field::Region,
                        Operator::OneOf {
                            values: texts(&["서울", "경기"]),
                        },
                        20,
                        "수도권",
                    ),
                    criterion(
                        Field::EmployeeCount,
                        Operator::Range {
                            min: Some(50.0),
                            max: Some(1000.0),
                        },
                        30,
                        "중견기업",
                    ),
                    criterion(
                        Field::Industry,
                        Operator::OneOf {
                            values: texts(&["SaaS", "IT"]),
                        },
                        20,
                        "SaaS/IT",
                    ),
                ],
                tier_cutoffs: TierCutoffs::default(),
            },
            Icp {
                name: "IT 구매 담당".into(),
                criteria: vec![
                    criterion(
                        Field::Title,
                        Operator::Contains { text: "IT".into() },
                        50,
                        "IT 직무",
                    ),
                    criterion(
                        Field::EmployeeCount,
                        Operator::Range {
                            min: Some(300.0),
                            max: None,
                        },
                        50,
                        "300명 이상",
                    ),
                ],
                tier_cutoffs: TierCutoffs {
                    a: 100,
                    b: 50,
                    c: 50,
                },
            },
        ],
    }
}

#[test]
fn korean_personas_match_with_points_percent_and_tier() {
    let set = korean_set().compile().unwrap();
    // (case, lead, account, best persona, points, percent, tier)
    type Case = (
        &'static str,
        Lead,
        Option<Account>,
        Option<&'static str>,
        i64,
        u8,
        Tier,
    );
    let cases: Vec<Case> = vec![
        (
            "all four",
            lead(1, Some("마케팅 팀장")),
            Some(account(Some("서울"), Some(250), Some("SaaS"))),
            Some("마케팅 리더"),
            100,
            100,
            Tier::A,
        ),
        (
            "three of four",
            lead(2, Some("Ｍａｒｋｅｔｉｎｇ / 마케팅")),
            Some(account(Some("경기"), Some(2000), Some("saas"))),
            Some("마케팅 리더"),
            70,
            70,
            Tier::B,
        ),
        (
            "exactly at the A cut-off",
            lead(3, Some("마케팅 팀장")),
            Some(account(Some("부산"), Some(250), Some("SaaS"))),
            Some("마케팅 리더"),
            80,
            80,
            Tier::A,
        ),
        (
            "IT persona fits better",
            lead(4, Some("IT 실장")),
            Some(account(Some("서울"), Some(500), Some("제조"))),
            Some("IT 구매 담당"),
            100,
            100,
            Tier::A,
        ),
        (
            "half of IT beats 40% of marketing",
            lead(5, Some("IT 실장")),
            Some(account(Some("서울"), Some(40), Some("SaaS"))),
            Some("IT 구매 담당"),
            50,
            50,
            Tier::B,
        ),
        (
            "tie at 50% goes to the first persona",
            lead(6, Some("IT 마케팅")),
            Some(account(Some("부산"), Some(10), Some("SaaS"))),
            Some("마케팅 리더"),
            50,
            50,
            Tier::C,
        ),
        (
            "no account",
            lead(7, Some("영업 팀장")),
            None,
            Some("마케팅 리더"),
            0,
            0,
            Tier::D,
        ),
    ];
    for (name, lead, account, persona, points, percent, tier) in cases {
        let fit = match_lead(&set, &lead, account.as_ref());
        assert_eq!(fit.persona.as_deref(), persona, "{name}");
        assert_eq!(
            (fit.fit_points, fit.fit_percent, fit.tier),
            (points, percent, tier),
            "{name}"
        );
    }
}

#[test]
fn explanation_lists_matched_and_missed_criteria_in_order() {
    let set = korean_set().compile().unwrap();
    let fit = match_lead(
        &set,
        &lead(1, Some("마케팅 팀장")),
        Some(&account(Some("부산"), Some(250), Some("제조"))),
    );
    let labels = |outcomes: &[CriterionOutcome]| -> Vec<(usize, String)> {
        outcomes
            .iter()
            .map(|o| (o.criterion, o.label.clone().unwrap_or_default()))
            .collect()
    };
    assert_eq!(
        labels(&fit.matched),
        vec![(0, "마케팅 직무".into()), (2, "중견기업".into())]
    );
    assert_eq!(
        labels(&fit.missed),
        vec![(1, "수도권".into()), (3, "SaaS/IT".into())]
    );
    assert_eq!(fit.fit_points, 60);
    assert_eq!(fit.tier, Tier::B);
}

#[test]
fn no_personas_means_no_persona_tier_d_and_no_points() {
    let set = IcpSet::default().compile().unwrap();
    let fit = match_lead(&set, &lead(1, Some("마케팅 팀장")), None);
    assert_eq!(
        fit,
        FitMatch {
            persona: None,
            fit_points: 0,
            fit_percent: 0,
            tier: Tier::D,
            matched: vec![],
            missed: vec![],
        }
    );
    let groups = group_by_persona(&set, [(&lead(1, None), None)]);
    assert!(groups.groups.is_empty());
    assert_eq!(groups.unmatched, vec![LeadId(Uuid::from_u128(1))]);
}

#[test]
fn percent_rounds_down_and_tier_agrees() {
    // 2 of 3 equal weights is 66.67%: shown as 66, below a B cut-off of 67.
    let set = IcpSet {
        personas: vec![Icp {
            name: "p".into(),
            criteria: vec![
                criterion(Field::Title, Operator::Exists, 1, "a"),
                criterion(Field::Name, Operator::Exists, 1, "b"),
                criterion(Field::Region, Operator::Exists, 1, "c"),
            ],
            tier_cutoffs: TierCutoffs {
                a: 90,
                b: 67,
                c: 66,
            },
        }],
    }
    .compile()
    .unwrap();
    let fit = match_lead(&set, &lead(1, Some("대표")), None);
    assert_eq!(
        (fit.fit_points, fit.fit_percent, fit.tier),
        (2, 66, Tier::C)
    );
}

#[test]
fn invalid_sets_are_rejected_naming_persona_and_criterion() {
    let base = korean_set();
    type Edit = fn(&mut IcpSet);
    let cases: Vec<(Edit, IcpError)> = vec![
        (
            |s| s.personas[1].name = " ".into(),
            IcpError::BlankName { index: 1 },
        ),
        (
            |s| s.personas[1].name = " 마케팅  리더".into(),
            IcpError::DuplicatePersona {
                name: " 마케팅  리더".into(),
            },
        ),
        (
            |s| s.personas[0].criteria.clear(),
            IcpError::NoCriteria {
                persona: "마케팅 리더".into(),
            },
        ),
        (
            |s| s.personas[1].criteria[1].weight = 0,
            IcpError::ZeroWeight {
                persona: "IT 구매 담당".into(),
                criterion: 1,
            },
        ),
        (
            |s| {
                s.personas[0].tier_cutoffs = TierCutoffs {
                    a: 101,
                    b: 60,
                    c: 40,
                }
            },
            IcpError::BadCutoffs {
                persona: "마케팅 리더".into(),
                a: 101,
                b: 60,
                c: 40,
            },
        ),
        (
            |s| {
                s.personas[0].tier_cutoffs = TierCutoffs {
                    a: 50,
                    b: 60,
                    c: 40,
                }
            },
            IcpError::BadCutoffs {
                persona: "마케팅 리더".into(),
                a: 50,
                b: 60,
                c: 40,
            },
        ),
        (
            |s| {
                s.personas[0].tier_cutoffs = TierCutoffs {
                    a: 80,
                    b: 30,
                    c: 40,
                }
            },
            IcpError::BadCutoffs {
                persona: "마케팅 리더".into(),
                a: 80,
                b: 30,
                c: 40,
            },
        ),
        (
            |s| {
                s.personas[0].criteria[2].operator = Operator::Range {
                    min: Some(1000.0),
                    max: Some(50.0),
                }
            },
            IcpError::Criterion {
                persona: "마케팅 리더".into(),
                criterion: 2,
                source: PredicateError::InvertedRange {
                    field: "employee_count".into(),
                    min: 1000.0,
                    max: 50.0,
                },
            },
        ),
    ];
    for (edit, expected) in cases {
        let mut set = base.clone();
        edit(&mut set);
        assert_eq!(set.validate(), Err(expected.clone()), "{expected}");
    }
    assert_eq!(
        IcpError::ZeroWeight {
            persona: "IT 구매 담당".into(),
            criterion: 1
        }
        .to_string(),
        "persona \"IT 구매 담당\" criterion 1: weight must be at least 1"
    );
}

#[test]
fn saved_form_round_trips() {
    let json = r#"{"personas":[{"name":"마케팅 리더","criteria":[
        {"field":{"field":"title"},"operator":{"op":"contains","text":"마케팅"},"weight":30,"label":"마케팅 직무"},
        {"field":{"field":"employee_count"},"operator":{"op":"range","min":50,"max":1000},"weight":30}
    ]}]}"#;
    let set: IcpSet = serde_json::from_str(json).unwrap();
    assert_eq!(set.personas[0].tier_cutoffs, TierCutoffs::default());
    assert_eq!(set.personas[0].criteria[1].label, None);
    let again: IcpSet = serde_json::from_str(&serde_json::to_string(&set).unwrap()).unwrap();
    assert_eq!(again, set);
}

#[test]
fn leads_are_grouped_by_best_persona() {
    let set = korean_set().compile().unwrap();
    let marketing = account(Some("서울"), Some(250), Some("SaaS"));
    let big = account(None, Some(5000), None);
    let leads = [
        (lead(1, Some("마케팅 팀장")), Some(&marketing)),
        (lead(2, Some("IT 실장")), Some(&big)),
        (lead(3, Some("영업")), None),
        (lead(4, Some("마케팅")), None),
    ];
    let groups = group_by_persona(&set, leads.iter().map(|(l, a)| (l, *a)));
    let ids = |ns: &[u128]| {
        ns.iter()
            .map(|n| LeadId(Uuid::from_u128(*n)))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        groups.groups,
        vec![
            PersonaGroup {
                persona: "마케팅 리더".into(),
                leads: ids(&[1, 4])
            },
            PersonaGroup {
                persona: "IT 구매 담당".into(),
                leads: ids(&[2])
            },
        ]
    );
    assert_eq!(groups.unmatched, ids(&[3]));
}

const TITLES: &[&str] = &[
    "마케팅 팀장",
    "Head of Marketing",
    "ＩＴ 실장",
    "영업",
    "  ",
];
const REGIONS: &[&str] = &["서울", "경기", "부산"];

fn arb_criterion() -> impl Strategy<Value = Criterion> {
    let operator = prop_oneof![
        (0..TITLES.len()).prop_map(|i| (
            Field::Title,
            Operator::Contains {
                text: ["마케팅", "it", "HEAD"][i % 3].into()
            }
        )),
        proptest::sample::subsequence(REGIONS.to_vec(), 1..=2)
            .prop_map(|r| (Field::Region, Operator::OneOf { values: texts(&r) })),
        (0u32..2000, 0u32..2000).prop_map(|(a, b)| (
            Field::EmployeeCount,
            Operator::Range {
                min: Some(f64::from(a.min(b))),
                max: Some(f64::from(a.max(b)))
            }
        )),
        proptest::sample::select(vec!["aws", "force", "GCP"])
            .prop_map(|t| (Field::TechTags, Operator::Contains { text: t.into() })),
        proptest::sample::subsequence(vec!["aws", "Salesforce", "jira"], 1..=2)
            .prop_map(|t| (Field::TechTags, Operator::OneOf { values: texts(&t) })),
        Just((Field::TechTags, Operator::Exists)),
        Just((Field::Industry, Operator::Exists)),
        Just((Field::Title, Operator::Missing)),
    ];
    (operator, 1u32..=100).prop_map(|((field, operator), weight)| Criterion {
        field,
        operator,
        weight,
        label: None,
    })
}

fn arb_set() -> impl Strategy<Value = IcpSet> {
    proptest::collection::vec(
        (
            proptest::collection::vec(arb_criterion(), 1..8),
            0u8..=100,
            0u8..=100,
            0u8..=100,
        ),
        0..4,
    )
    .prop_map(|personas| IcpSet {
        personas: personas
            .into_iter()
            .enumerate()
            .map(|(i, (criteria, x, y, z))| {
                let mut cut = [x, y, z];
                cut.sort_unstable();
                Icp {
                    name: format!("p{i}"),
                    criteria,
                    tier_cutoffs: TierCutoffs {
                        a: cut[2],
                        b: cut[1],
                        c: cut[0],
                    },
                }
            })
            .collect(),
    })
}

fn arb_lead() -> impl Strategy<Value = (Lead, Option<Account>)> {
    (
        proptest::option::of(proptest::sample::select(TITLES)),
        proptest::option::of((
            proptest::option::of(proptest::sample::select(REGIONS)),
            proptest::option::of(0u32..3000),
            any::<bool>(),
        )),
    )
        .prop_map(|(title, acc)| {
            let account = acc.map(|(region, employees, has_industry)| {
                let mut a = account(region, employees, has_industry.then_some("SaaS"));
                // Tag sets vary with the employee count, so lists are empty, short or long.
                let tags: &[&str] = match employees.unwrap_or(0) % 3 {
                    0 => &[],
                    1 => &["AWS"],
                    _ => &["salesforce", "Jira", "gcp"],
                };
                a.tech_tags = tags.iter().map(|t| (*t).to_owned()).collect();
                a
            });
            (lead(1, title), account)
        })
}

proptest! {
    #[test]
    fn explanations_cover_each_criterion_once_and_sum_to_fit_points(
        set in arb_set(),
        leads in proptest::collection::vec(arb_lead(), 1..6),
    ) {
        let compiled = set.compile().unwrap();
        let mut columns = FitColumns::default();
        match_many(&compiled, leads.iter().map(|(l, a)| (l, a.as_ref())), &mut columns);
        prop_assert_eq!(columns.len(), leads.len());
        for (i, (lead, account)) in leads.iter().enumerate() {
            let fit = match_lead(&compiled, lead, account.as_ref());
            let Some(name) = &fit.persona else {
                prop_assert!(set.personas.is_empty());
                continue;
            };
            let persona = set.personas.iter().find(|p| &p.name == name).unwrap();
            let mut seen: Vec<usize> = fit.matched.iter().chain(&fit.missed).map(|o| o.criterion).collect();
            seen.sort_unstable();
            prop_assert_eq!(seen, (0..persona.criteria.len()).collect::<Vec<_>>());
            let sum: i64 = fit.matched.iter().map(|o| i64::from(o.weight)).sum();
            prop_assert_eq!(fit.fit_points, sum);
            for o in fit.matched.iter().chain(&fit.missed) {
                prop_assert_eq!(o.weight, persona.criteria[o.criterion].weight);
            }
            // Grouping tests by field changes nothing: each criterion on its own agrees.
            let mut scratch = crate::predicate::Scratch::new();
            for o in &fit.matched {
                let c = &persona.criteria[o.criterion];
                let alone = crate::predicate::Predicate::new(c.field.clone(), c.operator.clone()).compile().unwrap();
                prop_assert!(alone.matches(lead, account.as_ref(), &mut scratch));
            }
            for o in &fit.missed {
                let c = &persona.criteria[o.criterion];
                let alone = crate::predicate::Predicate::new(c.field.clone(), c.operator.clone()).compile().unwrap();
                prop_assert!(!alone.matches(lead, account.as_ref(), &mut scratch));
            }
            // The fast path agrees with the explained one.
            prop_assert_eq!(columns.fit_points[i], fit.fit_points);
            prop_assert_eq!(columns.fit_percent[i], fit.fit_percent);
            prop_assert_eq!(columns.tier[i], fit.tier);
            let column_name = columns.persona[i].and_then(|p| compiled.persona_names().nth(p as usize));
            prop_assert_eq!(column_name, Some(name.as_str()));
            // Each persona's own fit is what matching it alone gives; the best one is
            // the one `match_lead` explains.
            let personas = match_personas(&compiled, lead, account.as_ref());
            prop_assert_eq!(personas.len(), set.personas.len());
            prop_assert_eq!(personas.iter().filter(|p| p.best).count(), 1);
            for (each, persona) in personas.iter().zip(&set.personas) {
                let alone = match_lead(
                    &IcpSet { personas: vec![persona.clone()] }.compile().unwrap(),
                    lead,
                    account.as_ref(),
                );
                prop_assert_eq!(each.fit_points, alone.fit_points);
                prop_assert_eq!(each.tier, alone.tier);
                prop_assert_eq!(&each.matched, &alone.matched);
                prop_assert_eq!(&each.missed, &alone.missed);
                if each.best {
                    prop_assert_eq!(Some(&each.persona), fit.persona.as_ref());
                    prop_assert_eq!(&each.matched, &fit.matched);
                }
            }
            // No persona has a strictly higher share than the one chosen.
            let total: u64 = persona.criteria.iter().map(|c| u64::from(c.weight)).sum();
            for other in &set.personas {
                let other_fit = match_lead(
                    &IcpSet { personas: vec![other.clone()] }.compile().unwrap(),
                    lead,
                    account.as_ref(),
                );
                let other_total: u64 = other.criteria.iter().map(|c| u64::from(c.weight)).sum();
                prop_assert!(
                    u128::from(other_fit.fit_points as u64) * u128::from(total)
                        <= u128::from(fit.fit_points as u64) * u128::from(other_total)
                );
            }
        }
    }
}
