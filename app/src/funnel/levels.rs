//! The period's funnel: a centred bar per level (how many reached it), and a table of
//! each level with how many moved on to the next, the rate, and the median and 90th
//! percentile time it took.

use std::sync::Arc;

use leadkit_shared::insights::FunnelDashboard;
use leadkit_shared::lifecycle::FunnelLevel;
use leptos::prelude::*;

use super::text::{FunnelText, level_key, level_name};
use crate::charts::{Bar, BarChart, Cell, DataTable, Row};
use crate::i18n::format::{duration, number, percent};
use crate::i18n::{Locale, use_i18n};

/// The levels worth a row: those anyone reached, and always Lead to SQL, the part of
/// the funnel every team works, so an empty start still shows its shape.
fn shown_levels(dashboard: &FunnelDashboard) -> Vec<FunnelLevel> {
    FunnelLevel::ALL
        .into_iter()
        .filter(|level| {
            dashboard.reached[level.index()] > 0
                || matches!(
                    level,
                    FunnelLevel::Lead | FunnelLevel::MqlOrPql | FunnelLevel::Sql
                )
        })
        .collect()
}

/// The conversion table's rows in `locale`.
fn table_rows(dashboard: &FunnelDashboard, locale: Locale) -> Vec<Row> {
    let dash = || "—".to_owned();
    let time =
        |d: Option<time::Duration>| d.map_or_else(dash, |d| duration(d.whole_seconds(), locale));
    shown_levels(dashboard)
        .into_iter()
        .map(|level| {
            let step = dashboard.conversions.get(level.index());
            Row::new(vec![
                Cell::text(level_name(level, locale)),
                Cell::num(number(dashboard.reached[level.index()] as i64)).id("reached"),
                Cell::num(step.map_or_else(dash, |s| number(s.converted as i64))).id("converted"),
                Cell::num(step.and_then(|s| s.rate).map_or_else(dash, percent)).id("rate"),
                Cell::num(time(step.and_then(|s| s.median))),
                Cell::num(time(step.and_then(|s| s.p90))),
            ])
            .id(format!("level-{}", level_key(level)))
        })
        .collect()
}

/// The funnel chart and the conversion table.
#[component]
pub fn ReachedSection(
    /// The period's report.
    dashboard: Arc<FunnelDashboard>,
) -> impl IntoView {
    let i18n = use_i18n();
    let bars = {
        let dashboard = dashboard.clone();
        Signal::derive(move || {
            let locale = i18n.locale.get();
            shown_levels(&dashboard)
                .into_iter()
                .map(|level| {
                    let n = dashboard.reached[level.index()];
                    Bar {
                        label: level_name(level, locale).to_owned(),
                        value: n as f64,
                        text: number(n as i64),
                    }
                })
                .collect()
        })
    };
    let headers = Signal::derive(move || {
        [
            FunnelText::LevelHeader,
            FunnelText::ReachedHeader,
            FunnelText::ConvertedHeader,
            FunnelText::RateHeader,
            FunnelText::MedianHeader,
            FunnelText::P90Header,
        ]
        .into_iter()
        .map(|h| i18n.t(h))
        .collect()
    });
    let rows = Signal::derive(move || table_rows(&dashboard, i18n.locale.get()));
    view! {
        <section class="card wide" aria-labelledby="reached-heading">
            <h3 id="reached-heading">{i18n.text(FunnelText::ReachedTitle)}</h3>
            <BarChart
                id="funnel-chart"
                title=i18n.text(FunnelText::ReachedTitle)
                desc=i18n.text(FunnelText::ReachedDesc)
                bars=bars
                headers=Signal::derive(move || (i18n.t(FunnelText::LevelHeader), i18n.t(FunnelText::ReachedHeader)))
                centered=true
            />
            <DataTable headers=headers rows=rows testid="funnel-table" />
            <p class="note">{i18n.text(FunnelText::ConversionNote)}</p>
        </section>
    }
}
