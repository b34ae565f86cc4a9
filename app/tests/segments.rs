//! The segment editor's model in a real headless Chromium: conditions picked and typed
//! become the saved form the worker checks, the tree's shape ignores values (so typing
//! keeps the focus), and problems land on the condition they name, not on its parent.

use leadkit_app::segments::tree::{
    kind_of, local_problems, new_condition, problem_under, set_operator, set_value, shape,
    value_text,
};
use leadkit_shared::capture::{FieldError, FieldErrorCode};
use leadkit_shared::model::Stage;
use leadkit_shared::segments::{Condition, Filter, Segment};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn picked_and_typed_conditions_become_the_saved_form() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "field:title",
            "마케팅",
            r#"{"kind":"field","field":{"field":"title"},"operator":{"op":"contains","text":"마케팅"}}"#,
        ),
        (
            "employees",
            "200",
            r#"{"kind":"field","field":{"field":"employee_count"},"operator":{"op":"range","min":200.0}}"#,
        ),
        (
            "score",
            "40",
            r#"{"kind":"score","score":"total","min":40}"#,
        ),
        ("stage", "sql", r#"{"kind":"stage","stages":["sql"]}"#),
        ("tier", "B", r#"{"kind":"tier","tiers":["B"]}"#),
    ];
    for (kind, typed, json) in cases {
        let mut condition = new_condition(kind);
        assert_eq!(kind_of(&condition), *kind);
        set_value(&mut condition, typed);
        assert_eq!(value_text(&condition), *typed, "{kind}");
        assert_eq!(serde_json::to_string(&condition).unwrap(), *json);
    }
    let mut title = new_condition("field:title");
    set_value(&mut title, "팀장");
    set_operator(&mut title, "equals");
    assert_eq!(
        value_text(&title),
        "팀장",
        "the text survives the operator change"
    );
    let mut score = new_condition("score");
    set_value(&mut score, "forty");
    assert_eq!(
        score,
        Condition::Score {
            score: leadkit_shared::segments::ScoreKind::Total,
            min: None,
            max: None
        },
        "an unreadable number clears the bound, which the rules then name"
    );
}

#[wasm_bindgen_test]
fn shape_ignores_values_and_problems_land_where_they_are_named() {
    let mut segment = Segment {
        name: "리더".into(),
        filter: Filter::All(vec![
            Filter::Condition(new_condition("stage")),
            Filter::Any(vec![Filter::Condition(new_condition("field:title"))]),
        ]),
        template: None,
    };
    let before = shape(&segment.filter);
    if let Some(Filter::Condition(c)) = segment.filter.node_mut(&[1, 0]) {
        set_value(c, "마케팅");
    }
    assert_eq!(
        shape(&segment.filter),
        before,
        "typing a value keeps the shape"
    );
    assert!(local_problems(&segment).is_empty());
    if let Some(Filter::Condition(c)) = segment.filter.node_mut(&[1, 0]) {
        set_value(c, " ");
    }
    let problems = local_problems(&segment);
    assert_eq!(problems[0].field, "filter.all[1].any[0].value");
    assert!(problem_under(&problems, "filter.all[1].any[0]").is_some());
    assert!(
        problem_under(&problems, "filter.all[1]").is_none(),
        "the group does not show its item's problem"
    );
    assert!(problem_under(&problems, "filter").is_none());
    let own = vec![FieldError::new(
        "filter.all[1]",
        FieldErrorCode::InvalidDefinition,
        "empty",
    )];
    assert!(problem_under(&own, "filter.all[1]").is_some());
    segment.filter.toggle_group(&[1]);
    assert_ne!(
        shape(&segment.filter),
        before,
        "all ↔ any changes the shape"
    );
    assert!(matches!(
        segment.filter.node(&[0]),
        Some(Filter::Condition(Condition::Stage { stages })) if stages == &vec![Stage::Mql]
    ));
}
