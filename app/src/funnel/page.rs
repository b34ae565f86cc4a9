//! `/funnel`: the period picker, then the funnel of that period, step times, where
//! leads stand now, the weekly flow, capture cohorts and sales' answers. Everything is
//! computed on the device from the local stage history (and the saved handoff queue).

use std::sync::Arc;

use leadkit_shared::handoff::FeedbackGrouping;
use leadkit_shared::insights::{FunnelDashboard, ReportWindow, funnel_dashboard};
use leadkit_shared::lifecycle::{FunnelLevel, StageHistory};
use leptos::prelude::*;

use super::cohorts::CohortTable;
use super::data::{handoff_feed, stage_history};
use super::feedback::FeedbackSection;
use super::flow::WeeklyFlow;
use super::levels::ReachedSection;
use super::now::StagesNow;
use super::text::FunnelText;
use super::times::StepTimes;
use crate::clock::{now, offset_minutes};
use crate::data::use_workspace;
use crate::i18n::use_i18n;
use crate::picker::Segmented;

/// The periods offered, in weeks.
const PERIODS: [u8; 3] = [4, 12, 26];

/// The period's key for the picker's values and test ids.
fn period_key(weeks: u8) -> &'static str {
    match weeks {
        4 => "4",
        12 => "12",
        _ => "26",
    }
}

/// The report of one period, ready to render.
#[derive(Clone)]
struct Ready {
    history: Arc<StageHistory>,
    window: ReportWindow,
    dashboard: Arc<FunnelDashboard>,
}

/// Where the view stands.
#[derive(Clone)]
enum State {
    Loading,
    Failed(String),
    Empty,
    Ready(Ready),
}

impl PartialEq for State {
    // Each computation yields fresh `Arc`s; comparing them by address is enough for the
    // memo and spares comparing whole histories.
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Loading, Self::Loading) | (Self::Empty, Self::Empty) => true,
            (Self::Failed(a), Self::Failed(b)) => a == b,
            (Self::Ready(a), Self::Ready(b)) => {
                Arc::ptr_eq(&a.history, &b.history)
                    && a.window == b.window
                    && Arc::ptr_eq(&a.dashboard, &b.dashboard)
            }
            _ => false,
        }
    }
}

/// The funnel dashboard.
#[component]
pub fn FunnelPage() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let weeks = RwSignal::new(12u8);
    let grouping = RwSignal::new(FeedbackGrouping::Source);
    let step = RwSignal::new(FunnelLevel::Lead);
    let history = LocalResource::new(move || {
        workspace.revision.track();
        stage_history(workspace)
    });
    let feed = LocalResource::new(move || {
        workspace.revision.track();
        handoff_feed(workspace)
    });
    let state = Memo::new(move |_| match history.get() {
        None => State::Loading,
        Some(Err(e)) => State::Failed(e),
        Some(Ok(history)) if history.lead_count() == 0 => State::Empty,
        Some(Ok(history)) => {
            let at = now();
            let built =
                ReportWindow::last_weeks(at, offset_minutes(), weeks.get()).and_then(|window| {
                    let dashboard = funnel_dashboard(&history, &window, at)?;
                    Ok((window, dashboard))
                });
            match built {
                Ok((window, dashboard)) => State::Ready(Ready {
                    history,
                    window,
                    dashboard: Arc::new(dashboard),
                }),
                Err(e) => State::Failed(e.to_string()),
            }
        }
    });

    view! {
        <section class="insights" aria-labelledby="funnel-title">
            <header class="page-head">
                <h2 id="funnel-title">{i18n.text(FunnelText::Title)}</h2>
                <Segmented
                    name="period"
                    legend=i18n.text(FunnelText::Period)
                    options=PERIODS.to_vec()
                    key=period_key
                    label=move |n| i18n.t(FunnelText::LastWeeks(n))
                    selected=weeks
                />
            </header>
            {move || match state.get() {
                State::Loading => view! {
                    <p class="empty" role="status">{i18n.text(FunnelText::LoadingHistory)}</p>
                }
                .into_any(),
                State::Failed(reason) => view! {
                    <p class="error" role="alert">
                        {move || format!("{}: {reason}", i18n.t(FunnelText::HistoryFailed))}
                    </p>
                }
                .into_any(),
                State::Empty => view! {
                    <p class="empty" data-testid="funnel-empty">{i18n.text(FunnelText::NoHistory)}</p>
                }
                .into_any(),
                State::Ready(ready) => view! {
                    <div class="insight-grid">
                        <ReachedSection dashboard=ready.dashboard.clone() />
                        <StepTimes history=ready.history.clone() window=ready.window.clone() step=step />
                        <StagesNow dashboard=ready.dashboard.clone() />
                        <WeeklyFlow dashboard=ready.dashboard.clone() />
                        <CohortTable dashboard=ready.dashboard.clone() />
                        <FeedbackSection window=ready.window.clone() feed=feed grouping=grouping />
                    </div>
                }
                .into_any(),
            }}
        </section>
    }
}
