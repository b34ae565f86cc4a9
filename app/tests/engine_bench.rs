//! The engine's speed in the browser: the same 100k generated leads as the native
//! benchmarks, scored, recounted and matched in headless Chromium (release build).
//! Prints figures; asserts only that the work was done. Run by `cargo xtask bench`, not by
//! the test suite (it needs the `bench` feature).

use std::hint::black_box;

use leadkit_shared::engine::{Engine, EngineConfig};
use leadkit_shared::fixtures::{DatasetSpec, generate};
use leadkit_shared::model::Account;
use leadkit_shared::scoring::{PreparedLeads, score_prepared};
use leadkit_shared::whatif::ScoreSnapshots;
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
    assert_eq!(snapshots.entries(50).total() as usize, data.leads.len());
    assert!(out.iter().any(|s| *s != 0));
}
