//! The engine's speed in the browser: the same 100k generated leads as the native
//! benchmarks, scored, recounted and matched in headless Chromium (release build).
//! Prints figures; asserts only that the work was done. Run by `cargo xtask bench`, not by
//! the test suite (it needs the `bench` feature).

use std::hint::black_box;

use leadkit_shared::engine::{Engine, EngineConfig};
use leadkit_shared::fixtures::{DatasetSpec, generate};
use leadkit_shared::icp::{FieldIndex, FitColumns, match_indexed};
use leadkit_shared::lifecycle::StageCriterion;
use leadkit_shared::model::Account;
use leadkit_shared::scoring::{PreparedLeads, score_prepared};
use leadkit_shared::whatif::{ScoreSnapshots, StageSnapshots};
use time::macros::datetime;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Median of `runs` timings of `f`, in milliseconds.
fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = now_ms();
            f();
            now_ms() - start
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

#[wasm_bindgen_test]
fn engine_figures_in_the_browser() {
    let now = datetime!(2026-11-24 0:00 UTC);
    let data = generate(&DatasetSpec::new(42, 100_000, now));
    let engine = Engine::new(EngineConfig::korean_b2b_default()).unwrap();
    let accounts: Vec<Option<&Account>> = data.lead_accounts();

    let prepared = PreparedLeads::new(
        engine.scoring(),
        &data.leads,
        &data.touches,
        &data.touch_ranges,
    )
    .unwrap();
    let mut out = vec![0i64; data.leads.len()];
    let rescore = median_ms(5, || {
        score_prepared(engine.scoring(), &prepared, now, &mut out).unwrap();
        black_box(&out);
    });
    console_log!("wasm bench: score_prepared_100k {rescore:.1} ms");

    let snapshots = ScoreSnapshots::build(
        &engine,
        &data.leads,
        &accounts,
        &data.touches,
        &data.touch_ranges,
        now,
        12,
    )
    .unwrap();
    let mut threshold = 0;
    let recount = median_ms(21, || {
        threshold = (threshold + 7) % 150;
        black_box(snapshots.entries(threshold));
    });
    console_log!("wasm bench: whatif_recount_threshold_100k {recount:.2} ms");

    // The scoring editor: every stage's criteria replayed once per rule edit, then
    // recounted for each threshold move.
    let mut stages = None;
    let build = median_ms(3, || {
        stages = Some(
            StageSnapshots::build(
                &engine,
                &data.leads,
                &accounts,
                &data.touches,
                &data.touch_ranges,
                now,
                12,
            )
            .unwrap(),
        );
    });
    console_log!("wasm bench: whatif_build_stage_snapshots_100k {build:.0} ms");
    let stages = stages.unwrap();
    let mut config = engine.config().clone();
    let mut moved = 0;
    let recount_stages = median_ms(21, || {
        moved = (moved + 7) % 150;
        for d in &mut config.lifecycle.definitions {
            for c in &mut d.criteria {
                if let StageCriterion::MinTotal { points } = c {
                    *points = moved;
                }
            }
        }
        black_box(stages.entries(&config.lifecycle));
    });
    console_log!("wasm bench: whatif_recount_stage_thresholds_100k {recount_stages:.2} ms");

    // The ICP editor: fields read once, then each edit recounts through the index.
    let icp = leadkit_shared::icp::IcpSet {
        personas: vec![leadkit_shared::icp::Icp {
            name: "국내 마케팅 리더".into(),
            criteria: vec![
                leadkit_shared::icp::Criterion {
                    field: leadkit_shared::model::Field::Title,
                    operator: leadkit_shared::predicate::Operator::Contains {
                        text: "마케팅".into(),
                    },
                    weight: 40,
                    label: None,
                },
                leadkit_shared::icp::Criterion {
                    field: leadkit_shared::model::Field::Country,
                    operator: leadkit_shared::predicate::Operator::Equals {
                        value: leadkit_shared::predicate::Value::Text("KR".into()),
                    },
                    weight: 30,
                    label: None,
                },
                leadkit_shared::icp::Criterion {
                    field: leadkit_shared::model::Field::EmployeeCount,
                    operator: leadkit_shared::predicate::Operator::Range {
                        min: Some(50.0),
                        max: None,
                    },
                    weight: 30,
                    label: None,
                },
            ],
            tier_cutoffs: Default::default(),
        }],
    }
    .compile()
    .unwrap();
    let pairs: Vec<_> = data.leads.iter().zip(accounts.iter().copied()).collect();
    let mut index = FieldIndex::new(pairs.len());
    let mut columns = FitColumns::default();
    let first = median_ms(1, || {
        match_indexed(&icp, &mut index, &pairs, &mut columns).unwrap();
    });
    let again = median_ms(11, || {
        match_indexed(&icp, &mut index, &pairs, &mut columns).unwrap();
        black_box(&columns);
    });
    console_log!("wasm bench: icp_field_index_first_read_100k {first:.0} ms");
    console_log!("wasm bench: icp_recount_indexed_100k {again:.1} ms");
    assert_eq!(snapshots.entries(50).total() as usize, data.leads.len());
    assert!(out.iter().any(|s| *s != 0));
}
