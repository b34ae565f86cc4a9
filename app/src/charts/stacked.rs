//! Stacked columns: one column per period (a week), one coloured segment per series (a
//! stage) in it, totals above, a legend in HTML below (it wraps on a phone), and the
//! whole grid as a table.

use leptos::prelude::*;

use super::figure::ChartFigure;
use super::table::{Cell, Row};
use super::text::ChartText;
use super::{WIDTH, coord, scale};
use crate::i18n::format::number;
use crate::i18n::use_i18n;

/// One series: its name in the legend and the class that colours it.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub class: &'static str,
}

/// Height of the tallest column.
const PLOT: f64 = 140.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 18.0;
const FILL: f64 = 0.7;
/// Most column labels (and totals) written under the chart; with more columns every
/// k-th is labelled so labels never collide on a phone.
const MAX_LABELS: usize = 9;

/// One segment of a stacked column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    /// Which column and which series.
    pub column: usize,
    pub series: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// The segments of `columns` (each a value per series), stacked from the baseline in
/// series order, the tallest total `PLOT` high; empty segments are left out.
pub fn layout_stacks(columns: &[Vec<f64>]) -> Vec<Segment> {
    let max = columns
        .iter()
        .map(|c| c.iter().sum::<f64>())
        .fold(0.0, f64::max);
    let slot = WIDTH / columns.len().max(1) as f64;
    let mut segments = Vec::new();
    for (i, values) in columns.iter().enumerate() {
        let mut base = TOP + PLOT;
        for (s, value) in values.iter().enumerate() {
            let height = scale(*value, max) * PLOT;
            if height <= 0.0 {
                continue;
            }
            base -= height;
            segments.push(Segment {
                column: i,
                series: s,
                x: slot * (i as f64 + (1.0 - FILL) / 2.0),
                y: base,
                width: slot * FILL,
                height,
            });
        }
    }
    segments
}

/// Every how many columns a label is written.
pub fn label_every(columns: usize) -> usize {
    columns.div_ceil(MAX_LABELS).max(1)
}

/// A stacked column chart with legend and data table.
#[component]
pub fn StackedChart(
    /// Unique on the page: prefixes the ids the title and description are referred by.
    id: &'static str,
    /// What the chart shows.
    #[prop(into)]
    title: Signal<String>,
    /// One sentence on how to read it.
    #[prop(into)]
    desc: Signal<String>,
    /// The series, bottom of the stack first.
    #[prop(into)]
    series: Signal<Vec<Series>>,
    /// The columns, left to right: a short label and one value per series.
    #[prop(into)]
    columns: Signal<Vec<(String, Vec<f64>)>>,
    /// The data table's first column header (what a column is) and its total's.
    #[prop(into)]
    headers: Signal<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let shapes = move || {
        let columns = columns.get();
        let series = series.get();
        let values: Vec<Vec<f64>> = columns.iter().map(|(_, v)| v.clone()).collect();
        let slot = WIDTH / columns.len().max(1) as f64;
        let count = columns.len();
        let every = label_every(count);
        let segments = layout_stacks(&values)
            .into_iter()
            .map(|s| {
                let class = series.get(s.series).map_or("", |x| x.class);
                view! {
                    <rect x=coord(s.x) y=coord(s.y) width=coord(s.width) height=coord(s.height) class=class />
                }
            })
            .collect_view();
        let max = values
            .iter()
            .map(|c| c.iter().sum::<f64>())
            .fold(0.0, f64::max);
        let labels = columns
            .iter()
            .enumerate()
            // Counted from the newest column, so the current period is always labelled.
            .filter(|(i, _)| (count - 1 - i).is_multiple_of(every))
            .map(|(i, (label, values))| {
                let centre = slot * (i as f64 + 0.5);
                let total: f64 = values.iter().sum();
                let top = TOP + PLOT - scale(total, max) * PLOT;
                view! {
                    <text x=coord(centre) y=coord(TOP + PLOT + BOTTOM - 4.0) text-anchor="middle" class="chart-label">
                        {label.clone()}
                    </text>
                    {(total > 0.0).then(|| view! {
                        <text x=coord(centre) y=coord(top - 4.0) text-anchor="middle" class="chart-value">
                            {number(total as i64)}
                        </text>
                    })}
                }
            })
            .collect_view();
        view! { {segments} {labels} }
    };
    let legend = move || {
        series
            .get()
            .into_iter()
            .map(|s| {
                view! {
                    <li>
                        <svg class="swatch" viewBox="0 0 10 10" width="12" height="12" aria-hidden="true">
                            <rect width="10" height="10" class=s.class />
                        </svg>
                        {s.name}
                    </li>
                }
            })
            .collect_view()
    };
    let table_headers = Signal::derive(move || {
        let (first, total) = headers.get();
        std::iter::once(first)
            .chain(series.get().into_iter().map(|s| s.name))
            .chain(std::iter::once(total))
            .collect()
    });
    let table_rows = Signal::derive(move || {
        columns
            .get()
            .into_iter()
            .map(|(label, values)| {
                let total: f64 = values.iter().sum();
                std::iter::once(Cell::text(label))
                    .chain(values.into_iter().map(|v| Cell::num(number(v as i64))))
                    .chain(std::iter::once(Cell::num(number(total as i64))))
                    .collect::<Vec<_>>()
            })
            .map(Row::new)
            .collect()
    });
    view! {
        <ChartFigure
            id=id
            svg_class="chart-svg"
            view_box=format!("0 0 {} {}", coord(WIDTH), coord(TOP + PLOT + BOTTOM))
            title=title
            desc=desc
            headers=table_headers
            rows=table_rows
            legend=view! { <ul class="legend" aria-label=i18n.text(ChartText::Legend)>{legend}</ul> }.into_any()
        >
            <line x1="0" x2=coord(WIDTH) y1=coord(TOP + PLOT) y2=coord(TOP + PLOT) class="chart-axis" />
            {shapes}
        </ChartFigure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn segments_stack_from_the_baseline_and_labels_thin_out() {
        let segments = layout_stacks(&[vec![2.0, 1.0], vec![0.0, 0.0], vec![1.0, 0.0]]);
        assert_eq!(segments.len(), 3, "empty segments are left out");
        let (a, b) = (segments[0], segments[1]);
        assert_eq!((a.column, a.series, b.column, b.series), (0, 0, 0, 1));
        assert!((a.y + a.height - (TOP + PLOT)).abs() < 1e-9);
        assert!(
            (b.y + b.height - a.y).abs() < 1e-9,
            "the second sits on the first"
        );
        assert!(
            (a.height + b.height - PLOT).abs() < 1e-9,
            "the tallest total fills the plot"
        );
        assert!((segments[2].height - PLOT / 3.0).abs() < 1e-9);
        assert_eq!(
            (label_every(4), label_every(12), label_every(26)),
            (1, 2, 3)
        );
    }
}
