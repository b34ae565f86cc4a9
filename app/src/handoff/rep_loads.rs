//! Each rep's load as an inline SVG bar chart: today's assignments against the daily
//! capacity, with the week's figures and SLA breaches in words beside each bar.

use leadkit_shared::api::RepLoadView;
use leptos::prelude::*;

use super::load_chart::{CHART_WIDTH, chart_height, load_bars};
use super::text::HandoffText;
use crate::i18n::{tr, use_i18n};

/// The load chart for `reps`.
#[component]
pub fn RepLoads(
    /// The reps' loads from the queue.
    reps: Vec<RepLoadView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let bars = load_bars(&reps);
    let height = chart_height(bars.len());
    let rows = bars
        .into_iter()
        .map(|bar| {
            let label_y = bar.y + 14.0;
            let track_y = bar.y + 22.0;
            let class = if bar.over || bar.breached > 0 {
                "bar alarm"
            } else if bar.active {
                "bar"
            } else {
                "bar inactive"
            };
            let (rep_name, active) = (bar.name.clone(), bar.active);
            let name = move || {
                if active {
                    rep_name.clone()
                } else {
                    format!("{} ({})", rep_name, i18n.t(HandoffText::Inactive))
                }
            };
            let load = move || {
                let mut text = i18n.t(HandoffText::Load(
                    bar.assigned_today,
                    bar.capacity_per_day,
                    bar.assigned_this_week,
                    bar.capacity_per_week,
                ));
                if bar.breached > 0 {
                    text.push_str(" · ");
                    text.push_str(&i18n.t(HandoffText::Breached(bar.breached)));
                }
                text
            };
            view! {
                <g class="rep-load" data-testid="rep-load">
                    <text x="0" y=label_y class="rep-name">{name}</text>
                    <text x=CHART_WIDTH y=label_y text-anchor="end" class="rep-figures">{load}</text>
                    <rect x="0" y=track_y width=CHART_WIDTH height="12" rx="3" class="track" />
                    <rect x="0" y=track_y width=CHART_WIDTH * bar.fill height="12" rx="3" class=class />
                </g>
            }
        })
        .collect_view();
    view! {
        <svg
            class="load-chart"
            viewBox=format!("0 0 {CHART_WIDTH} {height}")
            width="100%"
            role="img"
            aria-label=tr(HandoffText::LoadChartTitle)
        >
            {rows}
        </svg>
    }
}
