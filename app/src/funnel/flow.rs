//! The weekly flow: per week of the period, the moves into each stage, stacked by stage.

use std::sync::Arc;

use leadkit_shared::insights::FunnelDashboard;
use leadkit_shared::model::Stage;
use leptos::prelude::*;

use super::text::{FunnelText, week_short};
use crate::charts::{Series, StackedChart};
use crate::i18n::use_i18n;
use crate::leads::text::stage_name;

/// The colour class of a stage's segments (style.css gives each its own).
pub fn stage_class(stage: Stage) -> &'static str {
    const CLASSES: [&str; Stage::ALL.len()] = [
        "series-0",
        "series-1",
        "series-2",
        "series-3",
        "series-4",
        "series-5",
        "series-6",
        "series-7",
        "series-8",
        "series-9",
        "series-10",
    ];
    CLASSES[stage as usize]
}

/// Stacked columns of stage entries per week.
#[component]
pub fn WeeklyFlow(
    /// The period's report.
    dashboard: Arc<FunnelDashboard>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Only stages something entered, in funnel order, so the legend stays short.
    let stages: Vec<Stage> = Stage::ALL
        .into_iter()
        .filter(|s| {
            dashboard
                .weeks
                .iter()
                .any(|(_, flow)| flow.entries.get(s).is_some_and(|n| *n > 0))
        })
        .collect();
    let series = {
        let stages = stages.clone();
        Signal::derive(move || {
            let locale = i18n.locale.get();
            stages
                .iter()
                .map(|s| Series {
                    name: stage_name(*s, locale).to_owned(),
                    class: stage_class(*s),
                })
                .collect()
        })
    };
    let columns = Signal::derive(move || {
        dashboard
            .weeks
            .iter()
            .map(|(week, flow)| {
                let values = stages
                    .iter()
                    .map(|s| flow.entries.get(s).copied().unwrap_or(0) as f64)
                    .collect();
                (week_short(*week), values)
            })
            .collect()
    });
    view! {
        <section class="card wide" aria-labelledby="flow-heading">
            <h3 id="flow-heading">{i18n.text(FunnelText::FlowTitle)}</h3>
            <StackedChart
                id="flow-chart"
                title=i18n.text(FunnelText::FlowTitle)
                desc=i18n.text(FunnelText::FlowDesc)
                series=series
                columns=columns
                headers=Signal::derive(move || (i18n.t(FunnelText::WeekHeader), i18n.t(FunnelText::TotalHeader)))
            />
        </section>
    }
}
