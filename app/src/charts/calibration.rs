//! A calibration plot: for each tenth of predicted probability that has leads, the share
//! that actually converted, against the diagonal of a perfectly calibrated model. Dots
//! grow with how many leads their bin holds, so a lone lead does not look like evidence.

use leadkit_shared::predictive::CalibrationBin;
use leptos::prelude::*;

use super::figure::ChartFigure;
use super::table::{Cell, Row};
use super::{WIDTH, coord};
use crate::i18n::format::{number, percent};

/// The plot's left edge (room for the axis's percentages) and size.
const LEFT: f64 = 40.0;
const TOP: f64 = 8.0;
const PLOT_W: f64 = WIDTH - LEFT - 8.0;
const PLOT_H: f64 = 200.0;
/// Room under the plot for ticks and the axis name.
const BOTTOM: f64 = 36.0;

/// Where a bin's dot goes and how big it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dot {
    pub x: f64,
    pub y: f64,
    pub r: f64,
}

/// The dots of the bins that hold leads: predicted along, observed up.
pub fn layout_dots(bins: &[CalibrationBin]) -> Vec<Dot> {
    bins.iter()
        .filter(|b| b.count > 0)
        .map(|b| Dot {
            x: LEFT + b.mean_predicted.clamp(0.0, 1.0) * PLOT_W,
            y: TOP + (1.0 - b.observed_rate.clamp(0.0, 1.0)) * PLOT_H,
            r: (2.5 + (b.count as f64).sqrt()).min(9.0),
        })
        .collect()
}

/// The calibration plot of `bins` with its data table.
#[component]
pub fn CalibrationChart(
    /// Unique on the page: prefixes the ids the title and description are referred by.
    id: &'static str,
    /// What the chart shows.
    #[prop(into)]
    title: Signal<String>,
    /// One sentence on how to read it.
    #[prop(into)]
    desc: Signal<String>,
    /// The held-out leads in ten bins of predicted probability.
    #[prop(into)]
    bins: Signal<Vec<CalibrationBin>>,
    /// The axes' names: predicted (along), observed (up).
    #[prop(into)]
    axes: Signal<(String, String)>,
    /// The data table's headers: bin, leads, predicted, observed.
    #[prop(into)]
    headers: Signal<[String; 4]>,
) -> impl IntoView {
    let dots = move || {
        let dots = layout_dots(&bins.get());
        let path = dots
            .iter()
            .map(|d| format!("{},{}", coord(d.x), coord(d.y)))
            .collect::<Vec<_>>()
            .join(" ");
        view! {
            <polyline points=path class="chart-trace" />
            {dots
                .into_iter()
                .map(|d| view! { <circle cx=coord(d.x) cy=coord(d.y) r=coord(d.r) class="chart-dot" /> })
                .collect_view()}
        }
    };
    let ticks = [0.0, 0.5, 1.0]
        .into_iter()
        .map(|t| {
            let label = format!("{}%", (t * 100.0) as i64);
            view! {
                <text x=coord(LEFT - 4.0) y=coord(TOP + (1.0 - t) * PLOT_H + 4.0) text-anchor="end" class="chart-label">
                    {label.clone()}
                </text>
                <text x=coord(LEFT + t * PLOT_W) y=coord(TOP + PLOT_H + 14.0) text-anchor="middle" class="chart-label">
                    {label}
                </text>
            }
        })
        .collect_view();
    let table_rows = Signal::derive(move || {
        bins.get()
            .into_iter()
            .map(|b| {
                let range = format!(
                    "{}–{}%",
                    (b.lower * 100.0).round() as i64,
                    (b.upper * 100.0).round() as i64
                );
                let (predicted, observed) = if b.count > 0 {
                    (percent(b.mean_predicted), percent(b.observed_rate))
                } else {
                    ("—".to_owned(), "—".to_owned())
                };
                Row::new(vec![
                    Cell::text(range),
                    Cell::num(number(b.count as i64)),
                    Cell::num(predicted),
                    Cell::num(observed),
                ])
            })
            .collect()
    });
    view! {
        <ChartFigure
            id=id
            svg_class="chart-svg calibration"
            view_box=format!("0 0 {} {}", coord(WIDTH), coord(TOP + PLOT_H + BOTTOM))
            title=title
            desc=desc
            headers=Signal::derive(move || headers.get().to_vec())
            rows=table_rows
        >
            <rect x=coord(LEFT) y=coord(TOP) width=coord(PLOT_W) height=coord(PLOT_H) class="chart-frame" />
            <line
                x1=coord(LEFT)
                y1=coord(TOP + PLOT_H)
                x2=coord(LEFT + PLOT_W)
                y2=coord(TOP)
                class="chart-diagonal"
            />
            {ticks}
            <text x=coord(LEFT + PLOT_W / 2.0) y=coord(TOP + PLOT_H + 32.0) text-anchor="middle" class="chart-label">
                {move || axes.get().0}
            </text>
            <text x=coord(LEFT + 6.0) y=coord(TOP + 14.0) class="chart-label">
                {move || axes.get().1}
            </text>
            {dots}
        </ChartFigure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn bin(lower: f64, count: usize, predicted: f64, observed: f64) -> CalibrationBin {
        CalibrationBin {
            lower,
            upper: lower + 0.1,
            count,
            mean_predicted: predicted,
            observed_rate: observed,
        }
    }

    #[wasm_bindgen_test]
    fn dots_sit_at_predicted_and_observed_and_empty_bins_are_skipped() {
        let dots = layout_dots(&[
            bin(0.0, 4, 0.05, 0.0),
            bin(0.1, 0, 0.0, 0.0),
            bin(0.9, 100, 0.95, 1.0),
        ]);
        assert_eq!(dots.len(), 2);
        assert!((dots[0].x - (LEFT + 0.05 * PLOT_W)).abs() < 1e-9);
        assert_eq!(
            dots[0].y,
            TOP + PLOT_H,
            "nothing observed sits on the floor"
        );
        assert_eq!(dots[1].y, TOP, "everything observed at the top");
        assert!(dots[1].r > dots[0].r);
        assert_eq!(dots[1].r, 9.0, "capped");
    }
}
