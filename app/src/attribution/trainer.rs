//! Training in the browser without freezing it: the Newton fit of `shared::predictive`
//! advanced a bounded number of rows at a time, handing control back to the browser
//! between steps (a zero-delay timer, so input, paint and the progress bar get their
//! turn), reporting progress and stopping when cancelled.

use std::time::Duration;

use leadkit_shared::predictive::{PredictiveModel, Prepared, TrainError};

/// Multiply-adds one step may spend: the Hessian update costs about `width²` per row,
/// and this many keeps a step near ten milliseconds on a phone.
const WORK_PER_STEP: usize = 4_000_000;

/// Rows per step for rows of `width` features.
pub fn rows_per_step(width: usize) -> usize {
    (WORK_PER_STEP / (width + 1).pow(2)).max(1)
}

/// How a chunked fit ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Trained {
    /// The model, evaluated on the held-out leads.
    Model(Box<PredictiveModel>),
    /// `cancelled` said stop; nothing was kept.
    Cancelled,
}

/// Lets the browser run what waits (input, rendering) before the next step.
pub async fn yield_to_browser() {
    gloo_timers::future::sleep(Duration::ZERO).await;
}

/// Fits `prepared` in steps of `rows_per_step` rows, yielding between steps, calling
/// `progress` with the share done (0..=1) after each, and stopping as soon as
/// `cancelled` answers true. The model equals a one-call fit's exactly.
pub async fn train_in_chunks(
    prepared: Prepared,
    rows_per_step: usize,
    mut progress: impl FnMut(f64),
    cancelled: impl Fn() -> bool,
) -> Result<Trained, TrainError> {
    let max_iterations = prepared.settings.max_iterations;
    let logistic = {
        let mut trainer = prepared.trainer()?;
        loop {
            let step = trainer.step(rows_per_step)?;
            progress(step.fraction(max_iterations));
            if step.done {
                break trainer.model();
            }
            yield_to_browser().await;
            if cancelled() {
                return Ok(Trained::Cancelled);
            }
        }
    };
    let model = prepared.finish(logistic);
    progress(1.0);
    Ok(Trained::Model(Box::new(model)))
}
