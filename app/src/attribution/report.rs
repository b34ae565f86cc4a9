//! A trained model's evaluation on the leads it did not learn from: AUC beside the
//! naive-Bayes baseline, log-loss, lift at the top 10% and 20%, and calibration.

use std::sync::Arc;

use leadkit_shared::predictive::PredictiveModel;
use leptos::prelude::*;

use super::text::AttributionText;
use crate::charts::CalibrationChart;
use crate::i18n::use_i18n;

/// A ratio such as AUC with three decimals (`0.812`).
fn three(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.3}")
    } else {
        "—".to_owned()
    }
}

/// A lift as a multiple (`×2.4`).
fn times(x: f64) -> String {
    if x.is_finite() {
        format!("×{x:.1}")
    } else {
        "—".to_owned()
    }
}

/// The held-out evaluation of `model`.
#[component]
pub fn ModelReport(
    /// The model just trained.
    model: Arc<PredictiveModel>,
) -> impl IntoView {
    let i18n = use_i18n();
    let eval = model.holdout_logistic.clone();
    let baseline = model.holdout_naive_bayes.auc;
    let (rows, positives, trained_on) = (eval.rows, eval.positives, model.training_rows);
    let bins = eval.calibration.clone();
    let metric = move |label: AttributionText, value: String, testid: &'static str| {
        view! {
            <div class="metric">
                <dt>{i18n.text(label)}</dt>
                <dd class="num" data-testid=testid>{value}</dd>
            </div>
        }
    };
    view! {
        <div class="model-report" data-testid="model-report">
            <dl class="metrics">
                {metric(AttributionText::Auc, three(eval.auc), "auc")}
                {metric(AttributionText::AucBaseline, three(baseline), "auc-baseline")}
                {metric(AttributionText::LogLoss, three(eval.log_loss), "log-loss")}
                {metric(AttributionText::Lift10, times(eval.lift_at_10), "lift-10")}
                {metric(AttributionText::Lift20, times(eval.lift_at_20), "lift-20")}
            </dl>
            <p class="note">
                {move || format!(
                    "{} · {}",
                    i18n.t(AttributionText::TrainedOn(trained_on)),
                    i18n.t(AttributionText::HeldOut(rows, positives))
                )}
            </p>
            <h4>{i18n.text(AttributionText::CalibrationTitle)}</h4>
            <CalibrationChart
                id="calibration-chart"
                title=i18n.text(AttributionText::CalibrationTitle)
                desc=i18n.text(AttributionText::CalibrationDesc)
                bins=Signal::derive(move || bins.clone())
                axes=Signal::derive(move || (i18n.t(AttributionText::Predicted), i18n.t(AttributionText::Observed)))
                headers=Signal::derive(move || [
                    i18n.t(AttributionText::BinHeader),
                    i18n.t(AttributionText::LeadsHeader),
                    i18n.t(AttributionText::Predicted),
                    i18n.t(AttributionText::Observed),
                ])
            />
        </div>
    }
}
