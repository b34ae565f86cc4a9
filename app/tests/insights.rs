//! The browser side of training the win-probability model: the chunked loop in real
//! headless Chromium steps the shared Newton fit a few rows at a time, lets the browser
//! run its timers between steps (the page is never frozen), reports progress up to
//! done, ends with exactly the model a one-call fit gives, and stops when cancelled.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leadkit_app::attribution::trainer::{Trained, rows_per_step, train_in_chunks};
use leadkit_shared::facts::{LeadContext, ScoreSummary};
use leadkit_shared::fixtures::{DatasetSpec, generate};
use leadkit_shared::model::TouchKind;
use leadkit_shared::predictive::{Prepared, TrainConfig, prepare, train};
use time::OffsetDateTime;
use time::macros::datetime;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const NOW: OffsetDateTime = datetime!(2026-11-24 0:00 UTC);

/// 400 generated leads with a planted signal (a demo request or meeting mostly wins),
/// prepared for training; and the model a one-call fit makes of them.
fn prepared() -> (Prepared, leadkit_shared::predictive::PredictiveModel) {
    let data = generate(&DatasetSpec::new(7, 400, NOW));
    let scores = ScoreSummary::default();
    let rows: Vec<(LeadContext<'_>, bool)> = data
        .leads
        .iter()
        .enumerate()
        .map(|(i, lead)| {
            let touches = data.touches_of_lead(i);
            let hot = touches
                .iter()
                .any(|t| matches!(t.kind, TouchKind::DemoRequest | TouchKind::Meeting));
            let won = if hot { i % 5 != 0 } else { i % 7 == 0 };
            (
                LeadContext::new(lead, data.account_of_lead(i), touches, &scores),
                won,
            )
        })
        .collect();
    let config = TrainConfig::default();
    let whole = train(&rows, &config, NOW).unwrap();
    (prepare(&rows, &config, NOW).unwrap(), whole)
}

#[wasm_bindgen_test]
async fn the_chunked_loop_yields_reports_progress_and_equals_a_one_call_fit() {
    let (prepared, whole) = prepared();
    assert!(rows_per_step(prepared.encoder.width()) >= 1);
    // A timer set before training: it can only fire if the loop hands the browser
    // control between steps.
    let timer_fired = Rc::new(Cell::new(false));
    let fired = timer_fired.clone();
    let _timer = gloo_timers::callback::Timeout::new(0, move || fired.set(true));
    let progress = Rc::new(RefCell::new(Vec::<(f64, bool)>::new()));
    let seen = progress.clone();
    let seen_timer = timer_fired.clone();
    let trained = train_in_chunks(
        prepared,
        37,
        move |share| seen.borrow_mut().push((share, seen_timer.get())),
        || false,
    )
    .await
    .unwrap();
    let progress = progress.borrow();
    assert!(progress.len() > 20, "{} steps", progress.len());
    assert!(
        progress.windows(2).all(|w| w[0].0 <= w[1].0),
        "progress never goes back"
    );
    assert_eq!(progress.last().map(|p| p.0), Some(1.0));
    assert!(
        progress
            .iter()
            .take(progress.len() - 1)
            .any(|(_, fired)| *fired),
        "the browser's timer ran while training was still under way"
    );
    match trained {
        Trained::Model(model) => {
            assert_eq!(*model, whole, "chunks change nothing in the result");
            assert!(
                model.holdout_logistic.auc > 0.6,
                "{}",
                model.holdout_logistic.auc
            );
        }
        Trained::Cancelled => panic!("nothing cancelled it"),
    }
}

#[wasm_bindgen_test]
async fn cancelling_stops_the_loop_between_steps() {
    let (prepared, _) = prepared();
    let calls = Rc::new(Cell::new(0usize));
    let counted = calls.clone();
    let asked = calls.clone();
    let trained = train_in_chunks(
        prepared,
        25,
        move |_| counted.set(counted.get() + 1),
        move || asked.get() >= 3,
    )
    .await
    .unwrap();
    assert_eq!(trained, Trained::Cancelled);
    assert_eq!(calls.get(), 3, "no step after the cancel");
}
