//! Win probability: train on this device's history in small steps with a progress bar
//! and a cancel button, read the held-out evaluation, and apply the probabilities to
//! the leads (the lead table then shows them as a column).

use std::sync::Arc;

use leadkit_shared::api::{SCHEMA_VERSION, WinProbabilities};
use leadkit_shared::insights::{TrainingSet, WIN_LEVEL};
use leadkit_shared::predictive::{PredictiveModel, TrainConfig, prepare};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::page::local_history;
use super::probabilities::{WinProbabilityColumn, use_win_probabilities};
use super::report::ModelReport;
use super::text::AttributionText;
use super::trainer::{Trained, rows_per_step, train_in_chunks, yield_to_browser};
use crate::clock::now;
use crate::data::{Workspace, use_workspace};
use crate::i18n::format::{date_time, local_offset, percent};
use crate::i18n::{I18n, use_i18n};

/// Where a training run stands.
#[derive(Debug, Clone, PartialEq)]
enum Run {
    Idle,
    Preparing,
    /// Share done, 0..=1.
    Training(f64),
    Cancelled,
    Failed {
        text: AttributionText,
        detail: Option<String>,
    },
    Trained(Arc<PredictiveModel>),
}

/// The device's leads as a training set, labelled by their stage history.
async fn training_set(workspace: Workspace) -> Result<TrainingSet, String> {
    let local = local_history(workspace).await?;
    let records = workspace.leads.get_untracked();
    let touches = Arc::try_unwrap(local.touches).unwrap_or_else(|shared| (*shared).clone());
    Ok(TrainingSet::new(
        &records,
        touches,
        &local.history,
        WIN_LEVEL,
    ))
}

/// Trains on the device's data, reporting into `run` and stopping when `cancel` is set
/// (or the view is gone).
async fn train_on_device(workspace: Workspace, run: RwSignal<Run>, cancel: RwSignal<bool>) -> Run {
    let failed = |text, detail| Run::Failed { text, detail };
    let set = match training_set(workspace).await {
        Ok(set) => set,
        Err(e) => return failed(AttributionText::TrainFailed, Some(e)),
    };
    // Let "Preparing…" paint before the encoding, which runs in one go.
    yield_to_browser().await;
    let rows = set.rows();
    let prepared = match prepare(&rows, &TrainConfig::default(), now()) {
        Ok(prepared) => prepared,
        Err(e) => return failed(AttributionText::train_error(&e), None),
    };
    let step = rows_per_step(prepared.encoder.width());
    let trained = train_in_chunks(
        prepared,
        step,
        |share| {
            run.try_set(Run::Training(share));
        },
        || cancel.try_get_untracked().unwrap_or(true),
    )
    .await;
    match trained {
        Ok(Trained::Model(model)) => Run::Trained(Arc::new(*model)),
        Ok(Trained::Cancelled) => Run::Cancelled,
        Err(e) => failed(AttributionText::train_error(&e), Some(e.to_string())),
    }
}

/// Scores every lead with `model` and keeps the probabilities on the device.
async fn apply_model(
    workspace: Workspace,
    column: WinProbabilityColumn,
    model: &PredictiveModel,
) -> Result<usize, String> {
    let set = training_set(workspace).await?;
    let percents = set.percents(model, now());
    let count = percents.len();
    let doc = WinProbabilities {
        schema_version: SCHEMA_VERSION,
        trained_at: model.trained_at,
        win_level: WIN_LEVEL,
        auc: model.holdout_logistic.auc,
        percents,
    };
    column
        .apply(&workspace, doc)
        .await
        .map_err(|e| e.to_string())?;
    Ok(count)
}

/// A one-line status.
fn status_line(i18n: I18n, text: AttributionText, testid: &'static str) -> AnyView {
    view! { <p class="status" role="status" data-testid=testid>{i18n.text(text)}</p> }.into_any()
}

/// The progress bar of a run.
fn progress_bar(i18n: I18n, share: f64) -> AnyView {
    view! {
        <div class="progress" role="status">
            <span>{i18n.text(AttributionText::Training)}</span>
            <progress
                max="1"
                value=share
                data-testid="train-progress"
                aria-label=i18n.text(AttributionText::TrainingProgress)
            ></progress>
            <span class="num">{percent(share)}</span>
        </div>
    }
    .into_any()
}

/// Why a run failed.
fn failure(i18n: I18n, text: AttributionText, detail: Option<String>) -> AnyView {
    let message = Signal::derive(move || match &detail {
        Some(d) => format!("{}: {d}", i18n.t(text)),
        None => i18n.t(text),
    });
    view! { <p class="error" role="alert" data-testid="train-error">{message}</p> }.into_any()
}

/// What applying the model did.
fn applied_line(i18n: I18n, result: Result<usize, String>) -> AnyView {
    match result {
        Ok(n) => view! {
            <p class="status" role="status" data-testid="applied">
                {i18n.text(AttributionText::Applied(n))}
                " "
                <A href="/leads">{i18n.text(AttributionText::SeeLeads)}</A>
            </p>
        }
        .into_any(),
        Err(reason) => {
            let message = Signal::derive(move || {
                format!("{}: {reason}", i18n.t(AttributionText::ApplyFailed))
            });
            view! { <p class="error" role="alert">{message}</p> }.into_any()
        }
    }
}

/// The win-probability section.
#[component]
pub fn PredictiveSection() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let column = use_win_probabilities();
    let offset = local_offset();
    let run = RwSignal::new(Run::Idle);
    let cancel = RwSignal::new(false);
    let applying = RwSignal::new(false);
    let applied = RwSignal::new(None::<Result<usize, String>>);
    let busy = move || matches!(run.get(), Run::Preparing | Run::Training(_));

    let train = move |_| {
        cancel.set(false);
        applied.set(None);
        run.set(Run::Preparing);
        spawn_local(async move {
            let done = train_on_device(workspace, run, cancel).await;
            run.try_set(done);
        });
    };
    let apply = move |_| {
        let Run::Trained(model) = run.get_untracked() else {
            return;
        };
        applying.set(true);
        spawn_local(async move {
            let result = match column {
                Some(column) => apply_model(workspace, column, &model).await,
                None => Err("no lead table in this workspace".to_owned()),
            };
            applied.try_set(Some(result));
            applying.try_set(false);
        });
    };

    let status = move || match run.get() {
        Run::Idle => ().into_any(),
        Run::Preparing => status_line(i18n, AttributionText::Preparing, "train-preparing"),
        Run::Training(share) => progress_bar(i18n, share),
        Run::Cancelled => status_line(i18n, AttributionText::Cancelled, "train-cancelled"),
        Run::Failed { text, detail } => failure(i18n, text, detail),
        Run::Trained(model) => {
            let label = Signal::derive(move || {
                i18n.t(if applying.get() {
                    AttributionText::Applying
                } else {
                    AttributionText::Apply
                })
            });
            view! {
                <ModelReport model=model />
                <div class="actions">
                    <button class="primary" data-testid="apply-model" disabled=applying on:click=apply>
                        {label}
                    </button>
                    {move || applied.get().map(|result| applied_line(i18n, result))}
                </div>
            }
            .into_any()
        }
    };
    let last_applied = move || {
        let doc = column.and_then(|c| c.applied.get())?;
        let (at, auc, count) = (doc.trained_at, doc.auc, doc.percents.len());
        Some(view! {
            <p class="note" data-testid="last-applied">
                {move || format!(
                    "{}: {} · AUC {auc:.3}",
                    i18n.t(AttributionText::LastApplied(count)),
                    date_time(at, offset, i18n.locale.get()),
                )}
            </p>
        })
    };
    view! {
        <section class="card wide" aria-labelledby="predictive-heading">
            <h3 id="predictive-heading">{i18n.text(AttributionText::PredictiveTitle)}</h3>
            <p class="note">{i18n.text(AttributionText::PredictiveIntro)}</p>
            {last_applied}
            <div class="actions">
                <button class="primary" data-testid="train" disabled=busy on:click=train>
                    {i18n.text(AttributionText::Train)}
                </button>
                <Show when=busy>
                    <button data-testid="cancel-training" on:click=move |_| cancel.set(true)>
                        {i18n.text(AttributionText::Cancel)}
                    </button>
                </Show>
            </div>
            {status}
        </section>
    }
}
