//! Horizontal bars, one row each: the label and its number on a line of text, the bar
//! under them. Text never sits on the bar, so a long Korean company name or a small
//! bar stays readable on a phone. Centred bars make a funnel.

use leptos::prelude::*;

use super::figure::ChartFigure;
use super::table::{Cell, Row};
use super::{WIDTH, coord, scale};

/// One bar: what it is, how long it is, and the number written for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// The value as the locale writes it (`1,234`, `42.5%`, `₩1,200,000`).
    pub text: String,
}

/// Height of one row (text line and bar) in viewBox units.
const ROW: f64 = 42.0;
/// Height of a bar.
const BAR: f64 = 16.0;
/// Baseline of the text line within a row.
const TEXT_BASELINE: f64 = 14.0;
/// Where the bar starts within a row.
const BAR_TOP: f64 = 20.0;
/// Bars this short still show, so a small non-zero value is never invisible.
const MIN_BAR: f64 = 2.0;

/// Where one bar goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BarBox {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    /// Baseline of the row's text.
    pub text_y: f64,
}

/// The boxes of bars of `values`, the longest spanning the width; centred bars grow
/// from the middle both ways.
pub fn layout_bars(values: &[f64], centered: bool) -> Vec<BarBox> {
    let max = values.iter().copied().fold(0.0, f64::max);
    values
        .iter()
        .enumerate()
        .map(|(i, value)| {
            let share = scale(*value, max);
            let width = if share > 0.0 {
                (share * WIDTH).max(MIN_BAR)
            } else {
                0.0
            };
            let top = i as f64 * ROW;
            BarBox {
                x: if centered { (WIDTH - width) / 2.0 } else { 0.0 },
                y: top + BAR_TOP,
                width,
                text_y: top + TEXT_BASELINE,
            }
        })
        .collect()
}

/// A horizontal bar chart with its data table.
#[component]
pub fn BarChart(
    /// Unique on the page: prefixes the ids the title and description are referred by.
    id: &'static str,
    /// What the chart shows, read first by screen readers.
    #[prop(into)]
    title: Signal<String>,
    /// One sentence on how to read it.
    #[prop(into)]
    desc: Signal<String>,
    /// The bars, top to bottom.
    #[prop(into)]
    bars: Signal<Vec<Bar>>,
    /// The data table's column headers: what the labels are, what the numbers are.
    #[prop(into)]
    headers: Signal<(String, String)>,
    /// Bars centred on the middle (a funnel) instead of grown from the left.
    #[prop(optional)]
    centered: bool,
    /// A class for the bars' colour (`bar-accent` unless given).
    #[prop(optional, into)]
    tone: Option<&'static str>,
) -> impl IntoView {
    let tone = tone.unwrap_or("bar-accent");
    let height = move || bars.with(|b| (b.len().max(1) as f64) * ROW);
    let shapes = move || {
        let bars = bars.get();
        let values: Vec<f64> = bars.iter().map(|b| b.value).collect();
        layout_bars(&values, centered)
            .into_iter()
            .zip(bars)
            .map(|(place, bar)| {
                let (label_x, label_anchor) = if centered {
                    (WIDTH / 2.0, "middle")
                } else {
                    (0.0, "start")
                };
                let label = if centered {
                    format!("{} · {}", bar.label, bar.text)
                } else {
                    bar.label.clone()
                };
                view! {
                    <text x=coord(label_x) y=coord(place.text_y) text-anchor=label_anchor class="chart-label">
                        {label}
                    </text>
                    {(!centered).then(|| view! {
                        <text x=coord(WIDTH) y=coord(place.text_y) text-anchor="end" class="chart-value">
                            {bar.text.clone()}
                        </text>
                    })}
                    <rect
                        x=coord(place.x)
                        y=coord(place.y)
                        width=coord(place.width)
                        height=coord(BAR)
                        rx="2"
                        class=tone
                    />
                }
            })
            .collect_view()
    };
    let table_rows = Signal::derive(move || {
        bars.get()
            .into_iter()
            .map(|bar| Row::new(vec![Cell::text(bar.label), Cell::num(bar.text)]))
            .collect()
    });
    view! {
        <ChartFigure
            id=id
            svg_class="chart-svg"
            view_box=Signal::derive(move || format!("0 0 {} {}", coord(WIDTH), coord(height())))
            title=title
            desc=desc
            headers=Signal::derive(move || {
                let (a, b) = headers.get();
                vec![a, b]
            })
            rows=table_rows
        >
            {shapes}
        </ChartFigure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn the_longest_bar_spans_the_width_and_funnels_centre() {
        let left = layout_bars(&[10.0, 5.0, 0.0, 0.01], false);
        assert_eq!(left[0].width, WIDTH);
        assert_eq!(left[1].width, WIDTH / 2.0);
        assert_eq!(left[2].width, 0.0, "zero draws nothing");
        assert_eq!(left[3].width, MIN_BAR, "a tiny value still shows");
        assert_eq!(left[1].y, ROW + BAR_TOP);
        let funnel = layout_bars(&[12.0, 6.0], true);
        assert_eq!(funnel[0].x, 0.0);
        assert_eq!(funnel[1].x, WIDTH / 4.0);
        assert!(
            layout_bars(&[0.0, 0.0], true)
                .iter()
                .all(|b| b.width == 0.0)
        );
    }
}
