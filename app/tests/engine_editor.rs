//! The ICP and scoring editors' logic in a real headless Chromium: typed text to
//! configuration values and back, edits of thresholds and nested criteria, where the
//! engine's objections are shown, readable version changes, and the what-if wiring —
//! local leads and touches grouped, replayed under edited rules, recounted as the MQL
//! threshold moves, with the reps' week planned.

use std::sync::Arc;

use leadkit_app::engine_config::{
    Anchor, InputProblem, Part, ProblemText, RuleList, describe_path, join_list, parse_decimal,
    parse_optional_decimal, parse_whole, problem_of, show_value, split_list,
};
use leadkit_app::i18n::Locale;
use leadkit_app::icp::counts::CountBase;
use leadkit_app::icp::draft::{OpKind, OperatorDraft, draft_of, operator_of, operators_for, refit};
use leadkit_app::scoring::edit::{
    CriterionKind, SLIDER_STAGE, criterion_at, criterion_at_mut, list_at_mut, new_engagement_rule,
    set_threshold, threshold, unused_rule_id,
};
use leadkit_app::scoring::wiring::{WhatIf, WhatIfBase, WhatIfProblem, bins};
use leadkit_shared::api::LeadRecord;
use leadkit_shared::engine::EngineConfig;
use leadkit_shared::fixtures::{DatasetSpec, generate};
use leadkit_shared::handoff::HandoffSettings;
use leadkit_shared::icp::{Criterion, Icp, IcpSet, TierCutoffs};
use leadkit_shared::lifecycle::StageCriterion;
use leadkit_shared::model::{Field, Lead, Rep, RepId, Stage, Touch};
use leadkit_shared::predicate::field_from_name;
use leadkit_shared::predicate::{Operator, Value};
use serde_json::json;
use time::OffsetDateTime;
use time::macros::datetime;
use uuid::Uuid;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const NOW: OffsetDateTime = datetime!(2026-11-24 0:00 UTC);

fn draft(kind: OpKind, value: &str, min: &str, max: &str) -> OperatorDraft {
    OperatorDraft {
        kind,
        value: value.into(),
        min: min.into(),
        max: max.into(),
    }
}

#[wasm_bindgen_test]
fn typed_tests_become_operators_by_the_field_type() {
    let cases: Vec<(Field, OperatorDraft, Result<Operator, InputProblem>)> = vec![
        (
            Field::Region,
            draft(OpKind::OneOf, "서울, 경기、 부산 ,", "", ""),
            Ok(Operator::OneOf {
                values: vec![
                    Value::Text("서울".into()),
                    Value::Text("경기".into()),
                    Value::Text("부산".into()),
                ],
            }),
        ),
        (
            Field::EmployeeCount,
            draft(OpKind::Range, "", "50", ""),
            Ok(Operator::Range {
                min: Some(50.0),
                max: None,
            }),
        ),
        (
            Field::EmployeeCount,
            draft(OpKind::Range, "", "５０", "1,000"),
            Ok(Operator::Range {
                min: Some(50.0),
                max: Some(1000.0),
            }),
        ),
        (
            Field::EmployeeCount,
            draft(OpKind::Equals, "many", "", ""),
            Err(InputProblem::NotANumber),
        ),
        (
            Field::EmployeeCount,
            draft(OpKind::OneOf, "10, ten", "", ""),
            Err(InputProblem::NotANumber),
        ),
        (
            Field::Champion,
            draft(OpKind::Equals, "true", "", ""),
            Ok(Operator::Equals {
                value: Value::Bool(true),
            }),
        ),
        (
            Field::Custom("budget".into()),
            draft(OpKind::Equals, "5e7", "", ""),
            Ok(Operator::Equals {
                value: Value::Number(5e7),
            }),
        ),
        (
            Field::Title,
            draft(OpKind::Contains, "마케팅", "", ""),
            Ok(Operator::Contains {
                text: "마케팅".into(),
            }),
        ),
        (
            Field::Title,
            draft(OpKind::Missing, "ignored", "", ""),
            Ok(Operator::Missing),
        ),
    ];
    for (field, typed, expected) in cases {
        assert_eq!(operator_of(&field, &typed), expected, "{field:?} {typed:?}");
    }
    // What is shown reads back to the same operator.
    for operator in [
        Operator::OneOf {
            values: vec![Value::Text("서울".into()), Value::Text("경기".into())],
        },
        Operator::Range {
            min: Some(50.0),
            max: Some(5000.0),
        },
        Operator::Contains { text: "CMO".into() },
        Operator::Exists,
    ] {
        let field = if matches!(operator, Operator::Range { .. }) {
            Field::EmployeeCount
        } else {
            Field::Title
        };
        assert_eq!(operator_of(&field, &draft_of(&operator)), Ok(operator));
    }
}

#[wasm_bindgen_test]
fn switching_fields_keeps_only_tests_that_fit() {
    assert_eq!(
        operators_for(&Field::Champion),
        &[OpKind::Equals, OpKind::Exists, OpKind::Missing]
    );
    assert!(!operators_for(&Field::Title).contains(&OpKind::Range));
    let contains = draft(OpKind::Contains, "마케팅", "", "");
    // A number field has no `contains`: its first test is taken, the text kept.
    let refitted = refit(&Field::EmployeeCount, &contains);
    assert_eq!(refitted.kind, OpKind::Range);
    assert_eq!(refitted.value, "마케팅");
    assert_eq!(refit(&Field::Industry, &contains), contains);
    assert_eq!(
        field_from_name("employee_count"),
        Some(Field::EmployeeCount)
    );
    assert_eq!(
        field_from_name("custom.plan"),
        Some(Field::Custom("plan".into()))
    );
    assert_eq!(field_from_name("nonsense"), None);
}

#[wasm_bindgen_test]
fn typed_numbers_and_lists() {
    assert_eq!(parse_whole("−5", -100, 100), Ok(-5));
    assert_eq!(parse_whole(" ４０ ", 0, 100), Ok(40));
    assert_eq!(parse_whole("1,200", 0, 10_000), Ok(1200));
    assert_eq!(
        parse_whole("4.5", 0, 100),
        Err(InputProblem::NotAWholeNumber)
    );
    assert_eq!(
        parse_whole("101", 0, 100),
        Err(InputProblem::OutOfRange { min: 0, max: 100 })
    );
    assert_eq!(parse_decimal("7.5"), Ok(7.5));
    assert_eq!(parse_decimal("inf"), Err(InputProblem::NotANumber));
    assert_eq!(parse_optional_decimal("  "), Ok(None));
    let list = split_list("naver.com,\n gmail.com ,, daum.net");
    assert_eq!(list, vec!["naver.com", "gmail.com", "daum.net"]);
    assert_eq!(split_list(&join_list(&list)), list);
}

#[wasm_bindgen_test]
fn the_slider_moves_every_top_level_total_threshold() {
    let mut config = EngineConfig::korean_b2b_default();
    assert_eq!(threshold(&config, SLIDER_STAGE), Some(50));
    set_threshold(&mut config, SLIDER_STAGE, 35);
    assert_eq!(threshold(&config, Stage::Mql), Some(35));
    // The other MQL criterion (consent) is untouched.
    assert_eq!(
        config
            .lifecycle
            .definition(Stage::Mql)
            .unwrap()
            .criteria
            .len(),
        2
    );
    // A stage with rules but no threshold gains one in front.
    set_threshold(&mut config, Stage::Sql, 80);
    let sql = &config.lifecycle.definition(Stage::Sql).unwrap().criteria;
    assert_eq!(sql[0], StageCriterion::MinTotal { points: 80 });
    assert_eq!(sql.len(), 3);
    // A stage without rules gets a definition of just the threshold.
    set_threshold(&mut config, Stage::Opportunity, 120);
    assert_eq!(threshold(&config, Stage::Opportunity), Some(120));
    assert!(config.lifecycle.validate().is_ok());
}

#[wasm_bindgen_test]
fn nested_criteria_are_reached_by_path_and_new_rules_get_free_ids() {
    let mut config = EngineConfig::korean_b2b_default();
    let sql = config
        .lifecycle
        .definitions
        .iter_mut()
        .find(|d| d.stage == Stage::Sql)
        .unwrap();
    // SQL: [any_of[qualified, meeting], tier ≥ C].
    assert!(matches!(
        criterion_at(&sql.criteria, &[0, 1]),
        Some(StageCriterion::EventOccurred { .. })
    ));
    if let Some(StageCriterion::EventOccurred { within_days, .. }) =
        criterion_at_mut(&mut sql.criteria, &[0, 1])
    {
        *within_days = Some(30);
    }
    list_at_mut(&mut sql.criteria, &[0])
        .unwrap()
        .push(CriterionKind::MinEngagement.new_criterion());
    assert!(matches!(
        criterion_at(&sql.criteria, &[0, 2]),
        Some(StageCriterion::MinEngagement { points: 20 })
    ));
    assert!(
        list_at_mut(&mut sql.criteria, &[1]).is_none(),
        "a tier is no group"
    );
    assert!(criterion_at(&sql.criteria, &[5]).is_none());
    assert!(config.lifecycle.validate().is_ok());
    for kind in CriterionKind::ALL {
        assert_eq!(CriterionKind::of(&kind.new_criterion()), kind);
        assert_eq!(CriterionKind::from_name(kind.name()), Some(kind));
    }

    let model = &config.scoring;
    assert_eq!(unused_rule_id(model, "rule"), "rule");
    let mut model = model.clone();
    let first = new_engagement_rule(&model, "새 규칙".into(), false);
    model.engagement_rules.push(first);
    let second = new_engagement_rule(&model, "새 규칙".into(), false);
    assert_eq!(second.id, "rule_2");
    let negative = new_engagement_rule(&model, "감점".into(), true);
    assert!(negative.points < 0);
    model.engagement_rules.push(second);
    model.engagement_rules.push(negative);
    assert!(model.validate().is_ok());
}

fn persona(name: &str, criteria: Vec<Criterion>) -> Icp {
    Icp {
        name: name.into(),
        criteria,
        tier_cutoffs: TierCutoffs::default(),
    }
}

fn title_contains(text: &str, weight: u32) -> Criterion {
    Criterion {
        field: Field::Title,
        operator: Operator::Contains { text: text.into() },
        weight,
        label: None,
    }
}

#[wasm_bindgen_test]
fn the_engines_objections_are_placed_where_they_apply() {
    let valid = EngineConfig::korean_b2b_default();
    assert_eq!(problem_of(&valid), None);

    let mut config = valid.clone();
    config.icp = IcpSet {
        personas: vec![
            persona("마케팅 리더", vec![title_contains("마케팅", 10)]),
            persona("마케팅  리더", vec![title_contains("CMO", 10)]),
        ],
    };
    let problem = problem_of(&config).unwrap();
    assert_eq!(problem.anchor, Anchor::Persona(1));

    config.icp.personas[1].name = "IT 리더".into();
    config.icp.personas[1].criteria.push(title_contains(" ", 5));
    let problem = problem_of(&config).unwrap();
    assert_eq!(
        problem.anchor,
        Anchor::Criterion {
            persona: 1,
            criterion: 1
        }
    );
    assert_eq!(problem.text, ProblemText::BlankText);

    let mut config = valid.clone();
    config.scoring.engagement_rules[2].points = 0;
    let id = config.scoring.engagement_rules[2].id.clone();
    let problem = problem_of(&config).unwrap();
    assert_eq!(problem.anchor, Anchor::Rule(id));
    assert_eq!(problem.text, ProblemText::RuleZeroPoints);

    let mut config = valid.clone();
    config.scoring.profile_rules[0].id.clear();
    assert_eq!(
        problem_of(&config).unwrap().anchor,
        Anchor::RuleAt {
            list: RuleList::Profile,
            index: 0
        }
    );

    let mut config = valid.clone();
    config.scoring.half_life_days = Some(0.0);
    assert_eq!(problem_of(&config).unwrap().anchor, Anchor::HalfLife);

    let mut config = valid.clone();
    config
        .lifecycle
        .definitions
        .iter_mut()
        .find(|d| d.stage == Stage::Pql)
        .unwrap()
        .criteria
        .clear();
    assert_eq!(
        problem_of(&config).unwrap(),
        leadkit_app::engine_config::Problem {
            anchor: Anchor::Stage(Stage::Pql),
            text: ProblemText::StageEmpty
        }
    );

    let mut config = valid;
    config
        .lifecycle
        .allowed_transitions
        .push(config.lifecycle.allowed_transitions[0]);
    assert_eq!(
        problem_of(&config).unwrap().anchor,
        Anchor::Part(Part::Lifecycle)
    );
}

#[wasm_bindgen_test]
fn version_changes_read_as_people_say_them() {
    let path = "lifecycle.definitions[mql].criteria[min_total].points";
    assert_eq!(
        describe_path(path, Locale::Ko).as_deref(),
        Some("MQL: 총점 기준")
    );
    assert_eq!(
        describe_path(path, Locale::En).as_deref(),
        Some("MQL: total score threshold")
    );
    assert_eq!(
        describe_path("scoring.engagement_rules[pricing_page].points", Locale::En).as_deref(),
        Some("Rule pricing_page: points")
    );
    assert_eq!(
        describe_path("scoring.utc_offset_minutes", Locale::Ko),
        None
    );
    assert_eq!(show_value(Some(&json!(40))), "40");
    assert_eq!(show_value(None), "—");
    assert_eq!(show_value(Some(&json!("<b>x</b>"))), "<b>x</b>");
    let long = json!({"name": "x".repeat(400)});
    assert!(show_value(Some(&long)).ends_with('…'));
}

/// A fixture base as the app keeps it: lead records with whole leads, and the touches.
fn local(n: usize) -> (Vec<LeadRecord>, Vec<Touch>) {
    let data = generate(&DatasetSpec::new(17, n, NOW));
    let records = data
        .leads
        .iter()
        .enumerate()
        .map(|(i, lead)| record(i, lead))
        .collect();
    (records, data.touches.clone())
}

fn record(seq: usize, lead: &Lead) -> LeadRecord {
    LeadRecord {
        id: lead.id.0,
        seq: seq as u64 + 1,
        form_id: "contact".into(),
        email: lead.email.clone().unwrap_or_default(),
        name: lead.name.clone(),
        company: lead.company_name.clone().unwrap_or_default(),
        captured_at: lead.created_at,
        stage: Some(lead.stage),
        scores: None,
        record: Some(Box::new(lead.clone())),
        stamps: Default::default(),
    }
}

#[wasm_bindgen_test]
fn touches_are_grouped_under_their_leads() {
    let (mut records, mut touches) = local(40);
    // A record without its whole lead is left out; so are touches of unknown leads.
    records[3].record = None;
    let mut stray = touches[0].clone();
    stray.lead_id = leadkit_shared::model::LeadId(Uuid::from_u128(0xdead));
    touches.push(stray);
    touches.reverse();
    let base = WhatIfBase::new(&records, touches.clone());
    assert_eq!((base.len(), base.skipped), (39, 1));
    let mut grouped = 0;
    for (i, lead) in base.leads.iter().enumerate() {
        let own = base.touches_of(i);
        assert!(own.iter().all(|t| t.lead_id == lead.id));
        let expected = touches.iter().filter(|t| t.lead_id == lead.id).count();
        assert_eq!(own.len(), expected, "lead {i}");
        grouped += own.len();
    }
    let skipped = leadkit_shared::model::LeadId(records[3].id);
    let stray_id = leadkit_shared::model::LeadId(Uuid::from_u128(0xdead));
    let kept = touches
        .iter()
        .filter(|t| t.lead_id != skipped && t.lead_id != stray_id)
        .count();
    assert_eq!(grouped, kept);
}

#[wasm_bindgen_test]
fn histogram_bins_are_round_and_hold_the_threshold() {
    assert_eq!(bins(0, 9, None, 24), (0, 1, 10));
    assert_eq!(bins(-30, 180, Some(50), 24), (-30, 10, 22));
    assert_eq!(bins(0, 40, Some(500), 24), (0, 25, 21));
    assert_eq!(bins(-95, 95, None, 24), (-100, 10, 20));
    let (start, width, count) = bins(3, 3, Some(3), 24);
    assert!(start <= 3 && 3 < start + width * count as i64);
}

fn rep(n: u128, name: &str, per_week: u32) -> Rep {
    Rep {
        id: RepId(Uuid::from_u128(n)),
        name: name.into(),
        email: format!("{name}@leadkit.kr"),
        capacity_per_day: per_week,
        capacity_per_week: per_week,
        territories: vec![],
        segments: vec![],
        active: true,
    }
}

#[wasm_bindgen_test]
fn the_what_if_recounts_as_the_threshold_moves() {
    let (records, touches) = local(300);
    let base = Arc::new(WhatIfBase::new(&records, touches));
    let mut config = EngineConfig::korean_b2b_default();
    let whatif = WhatIf::build(base.clone(), &config, NOW).unwrap();
    let settings = HandoffSettings {
        reps: vec![rep(1, "이영업", 5), rep(2, "박세일즈", 3)],
        ..HandoffSettings::default()
    };

    let high = whatif.numbers(&config, SLIDER_STAGE, &settings);
    set_threshold(&mut config, SLIDER_STAGE, 10);
    assert!(
        whatif.is_current_for(&config),
        "a threshold move needs no replay"
    );
    let low = whatif.numbers(&config, SLIDER_STAGE, &settings);

    let mql = |n: &leadkit_app::scoring::wiring::WhatIfNumbers| {
        n.stages
            .iter()
            .find(|s| s.stage == Stage::Mql)
            .unwrap()
            .entries
            .clone()
    };
    assert_eq!(high.threshold, Some(50));
    assert_eq!(low.threshold, Some(10));
    assert!(
        mql(&low).below < mql(&high).below,
        "{:?} {:?}",
        mql(&low),
        mql(&high)
    );
    assert!(low.at_or_over > high.at_or_over);
    for numbers in [&high, &low] {
        assert_eq!(
            numbers.histogram.counts.iter().sum::<u32>() as usize,
            base.len()
        );
        assert!(numbers.histogram.start <= numbers.threshold.unwrap());
        assert!(numbers.threshold.unwrap() < numbers.histogram.end());
        for stage in &numbers.stages {
            assert_eq!(stage.entries.total() as usize, base.len());
        }
        // The reps' week: never over capacity; what does not fit waits.
        assert_eq!(numbers.rep_names, vec!["이영업", "박세일즈"]);
        let assigned: u32 = numbers.week.reps.iter().map(|r| r.assigned).sum();
        assert!(
            numbers
                .week
                .reps
                .iter()
                .all(|r| r.assigned <= r.capacity_per_week)
        );
        assert_eq!(
            assigned + numbers.week.waiting_no_capacity + numbers.week.waiting_no_rep,
            numbers.inflow as u32
        );
        assert_eq!(
            numbers.inflow as u32,
            *mql(numbers).per_week.last().unwrap()
        );
    }

    // A rule edit needs a replay; an edit the engine refuses says so.
    let mut edited = config.clone();
    edited.scoring.half_life_days = Some(3.0);
    assert!(!whatif.is_current_for(&edited));
    edited.scoring.half_life_days = Some(-1.0);
    assert!(matches!(
        WhatIf::build(base, &edited, NOW),
        Err(WhatIfProblem::Invalid(_))
    ));
}

#[wasm_bindgen_test]
fn tier_counts_follow_the_personas() {
    let (records, _) = local(200);
    let mut base = CountBase::new(&records);
    assert_eq!(base.len(), 200);
    let none = base.count(&IcpSet::default()).unwrap();
    assert_eq!(none.unmatched, 200);
    let mut icp = IcpSet {
        personas: vec![persona("리더", vec![title_contains("팀장", 10)])],
    };
    let counts = base.count(&icp).unwrap();
    let matched: u32 = counts.by_tier().iter().sum();
    assert_eq!(matched + counts.unmatched, 200);
    // Reaching for a rarer title can only leave more leads unmatched.
    icp.personas[0].criteria[0] = title_contains("대표이사 겸 CMO", 10);
    assert!(base.count(&icp).unwrap().unmatched >= counts.unmatched);
    icp.personas[0].criteria[0].weight = 0;
    assert!(base.count(&icp).is_err());
}
