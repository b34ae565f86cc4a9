//! The frame every chart shares: a `<figure>` with the drawing as an SVG scaled to its
//! container, titled and described for screen readers, then (optionally) a legend, then
//! the same numbers as a table behind a disclosure.

use leptos::prelude::*;

use super::table::{DataTable, Row};
use super::text::ChartText;
use crate::i18n::use_i18n;

/// A chart's figure around `children` (the SVG shapes).
#[component]
pub fn ChartFigure(
    /// Unique on the page: prefixes the ids the title and description are referred by.
    id: &'static str,
    /// The SVG's class (`chart-svg`, plus a variant).
    svg_class: &'static str,
    /// The SVG's `viewBox`.
    #[prop(into)]
    view_box: Signal<String>,
    /// What the chart shows, in one line.
    title: Signal<String>,
    /// Its reading for a screen reader.
    desc: Signal<String>,
    /// The data table's column headers.
    #[prop(into)]
    headers: Signal<Vec<String>>,
    /// The data table's rows.
    rows: Signal<Vec<Row>>,
    /// A legend under the drawing.
    #[prop(optional)]
    legend: Option<AnyView>,
    /// The shapes.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <figure class="chart">
            <svg
                class=svg_class
                viewBox=view_box
                width="100%"
                role="img"
                aria-labelledby=format!("{id}-title {id}-desc")
            >
                <title id=format!("{id}-title")>{title}</title>
                <desc id=format!("{id}-desc")>{desc}</desc>
                {children()}
            </svg>
            {legend}
            <details class="chart-table">
                <summary>{i18n.text(ChartText::ShowTable)}</summary>
                <DataTable caption=title headers=headers rows=rows />
            </details>
        </figure>
    }
}
