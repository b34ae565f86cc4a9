//! Vertical columns over short labels: a histogram. Each column's count stands above
//! it and its label below, so nothing has to be read off an axis.

use leptos::prelude::*;

use super::bars::Bar;
use super::figure::ChartFigure;
use super::table::{Cell, Row};
use super::{WIDTH, coord, scale};

/// Height of the tallest column.
const PLOT: f64 = 120.0;
/// Room above the columns for their numbers.
const TOP: f64 = 16.0;
/// Room below for the labels: two lines, since crowded labels alternate between them.
const BOTTOM: f64 = 32.0;
/// Height of one label line.
const LINE: f64 = 14.0;
/// Slots narrower than this alternate their labels between two lines so neighbours
/// never overlap (a Korean "2주–30일" needs about this much at 12 px).
const CROWDED_SLOT: f64 = 64.0;
/// Share of its slot a column fills.
const FILL: f64 = 0.72;

/// Where one column goes: its left edge, top, width and height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ColumnBox {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// The middle of the slot, where its texts are centred.
    pub centre: f64,
    /// Baseline of the label under the column.
    pub label_y: f64,
}

/// The columns of `values` side by side across the width, the tallest `PLOT` high.
pub fn layout_columns(values: &[f64]) -> Vec<ColumnBox> {
    let max = values.iter().copied().fold(0.0, f64::max);
    let slot = WIDTH / values.len().max(1) as f64;
    let crowded = slot < CROWDED_SLOT;
    values
        .iter()
        .enumerate()
        .map(|(i, value)| {
            let height = scale(*value, max) * PLOT;
            let width = slot * FILL;
            let centre = slot * (i as f64 + 0.5);
            ColumnBox {
                x: centre - width / 2.0,
                y: TOP + PLOT - height,
                width,
                height,
                centre,
                label_y: TOP + PLOT + LINE + if crowded && i % 2 == 1 { LINE } else { 0.0 },
            }
        })
        .collect()
}

/// A column chart (histogram) with its data table.
#[component]
pub fn ColumnChart(
    /// Unique on the page: prefixes the ids the title and description are referred by.
    id: &'static str,
    /// What the chart shows.
    #[prop(into)]
    title: Signal<String>,
    /// One sentence on how to read it.
    #[prop(into)]
    desc: Signal<String>,
    /// The columns, left to right; labels short enough for a phone (`<1h`, `3–7d`).
    #[prop(into)]
    columns: Signal<Vec<Bar>>,
    /// The data table's column headers.
    #[prop(into)]
    headers: Signal<(String, String)>,
) -> impl IntoView {
    let shapes = move || {
        let columns = columns.get();
        let values: Vec<f64> = columns.iter().map(|c| c.value).collect();
        layout_columns(&values)
            .into_iter()
            .zip(columns)
            .map(|(place, column)| {
                view! {
                    <rect
                        x=coord(place.x)
                        y=coord(place.y)
                        width=coord(place.width)
                        height=coord(place.height)
                        rx="2"
                        class="bar-accent"
                    />
                    <text x=coord(place.centre) y=coord(place.y - 4.0) text-anchor="middle" class="chart-value">
                        {column.text.clone()}
                    </text>
                    <text x=coord(place.centre) y=coord(place.label_y) text-anchor="middle" class="chart-label">
                        {column.label.clone()}
                    </text>
                }
            })
            .collect_view()
    };
    let table_rows = Signal::derive(move || {
        columns
            .get()
            .into_iter()
            .map(|c| Row::new(vec![Cell::text(c.label), Cell::num(c.text)]))
            .collect()
    });
    view! {
        <ChartFigure
            id=id
            svg_class="chart-svg"
            view_box=format!("0 0 {} {}", coord(WIDTH), coord(TOP + PLOT + BOTTOM))
            title=title
            desc=desc
            headers=Signal::derive(move || {
                let (a, b) = headers.get();
                vec![a, b]
            })
            rows=table_rows
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
    fn columns_share_the_width_and_stand_on_one_baseline() {
        let boxes = layout_columns(&[4.0, 2.0, 0.0, 1.0]);
        let slot = WIDTH / 4.0;
        assert_eq!(boxes[0].height, PLOT);
        assert_eq!(boxes[1].height, PLOT / 2.0);
        assert_eq!(boxes[2].height, 0.0);
        assert!(
            boxes
                .iter()
                .all(|b| (b.y + b.height - (TOP + PLOT)).abs() < 1e-9)
        );
        assert_eq!(boxes[1].centre, slot * 1.5);
        assert!(
            boxes.windows(2).all(|w| w[0].x + w[0].width < w[1].x),
            "no overlap"
        );
    }
}
