//! The score histogram as inline SVG: one bar per score band, the threshold as a
//! vertical line with its label, axis labels in text. Scales with the viewBox, so it
//! reads on a 375 px phone.

use leadkit_shared::model::Stage;
use leptos::prelude::*;

use super::text::ScoringText;
use super::wiring::Histogram;
use crate::i18n::format::number;
use crate::i18n::use_i18n;

/// The drawing's size in SVG units.
pub const WIDTH: f64 = 320.0;
pub const HEIGHT: f64 = 180.0;
const LEFT: f64 = 36.0;
const RIGHT: f64 = 312.0;
const TOP: f64 = 22.0;
const BOTTOM: f64 = 150.0;

/// One bar, in SVG units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub count: u32,
    /// The band's lowest score.
    pub from: i64,
}

/// Where everything goes.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartLayout {
    pub bars: Vec<Bar>,
    /// The threshold line's x, when there is a threshold.
    pub threshold_x: Option<f64>,
    /// The tallest bar's count (the y axis label).
    pub max_count: u32,
}

/// Lays `histogram` out, with the line at `threshold`: bars share the plot's width,
/// heights are proportional to the tallest, the line sits at the threshold's score.
pub fn layout(histogram: &Histogram, threshold: Option<i64>) -> ChartLayout {
    let bins = histogram.counts.len().max(1);
    let max_count = histogram.counts.iter().copied().max().unwrap_or(0);
    let bar_width = (RIGHT - LEFT) / bins as f64;
    let span = (histogram.end() - histogram.start).max(1) as f64;
    let bars = histogram
        .counts
        .iter()
        .enumerate()
        .map(|(i, count)| {
            let height = if max_count == 0 {
                0.0
            } else {
                (BOTTOM - TOP) * f64::from(*count) / f64::from(max_count)
            };
            Bar {
                x: LEFT + bar_width * i as f64,
                y: BOTTOM - height,
                width: bar_width,
                height,
                count: *count,
                from: histogram.start + histogram.width * i as i64,
            }
        })
        .collect();
    let threshold_x = threshold.map(|t| {
        let share = ((t - histogram.start) as f64 / span).clamp(0.0, 1.0);
        LEFT + (RIGHT - LEFT) * share
    });
    ChartLayout {
        bars,
        threshold_x,
        max_count,
    }
}

/// The histogram of current totals with `stage`'s threshold over it.
#[component]
pub fn HistogramChart(
    /// The bands and their counts.
    histogram: Histogram,
    /// The threshold drawn.
    threshold: Option<i64>,
    /// The stage it belongs to.
    stage: Stage,
    /// Leads at or over the threshold.
    over: u32,
    /// Leads counted.
    leads: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let chart = layout(&histogram, threshold);
    let label = move || {
        i18n.t(ScoringText::HistogramLabel {
            leads,
            stage,
            threshold,
            over,
        })
    };
    let threshold_line = chart.threshold_x.zip(threshold).map(|(x, t)| {
        let anchor = if x > WIDTH * 0.7 { "end" } else { "start" };
        let text_x = if anchor == "end" { x - 3.0 } else { x + 3.0 };
        view! {
            <line class="threshold-line" x1=x x2=x y1=TOP - 8.0 y2=BOTTOM />
            <text class="threshold-label" x=text_x y=TOP - 10.0 text-anchor=anchor>
                {i18n.text(ScoringText::ThresholdLine(stage, t))}
            </text>
        }
    });
    let bars = chart
        .bars
        .iter()
        .map(|b| {
            let over_threshold = threshold.is_some_and(|t| b.from >= t);
            view! {
                <rect
                    class=if over_threshold { "bar over" } else { "bar" }
                    x=b.x + 0.5
                    y=b.y
                    width=(b.width - 1.0).max(0.5)
                    height=b.height
                />
            }
        })
        .collect_view();
    let end = histogram.end();
    view! {
        <svg
            class="histogram"
            viewBox=format!("0 0 {WIDTH} {HEIGHT}")
            width="100%"
            role="img"
            aria-label=label
            data-testid="histogram"
        >
            <title>{label}</title>
            <line class="axis" x1=LEFT x2=RIGHT y1=BOTTOM y2=BOTTOM />
            <text class="axis-label" x=LEFT - 4.0 y=TOP + 4.0 text-anchor="end">{number(i64::from(chart.max_count))}</text>
            <text class="axis-label" x=LEFT - 4.0 y=BOTTOM text-anchor="end">"0"</text>
            {bars}
            <text class="axis-label" x=LEFT y=BOTTOM + 14.0 text-anchor="start">{number(histogram.start)}</text>
            <text class="axis-label" x=RIGHT y=BOTTOM + 14.0 text-anchor="end">{number(end)}</text>
            <text class="axis-title" x=(LEFT + RIGHT) / 2.0 y=BOTTOM + 26.0 text-anchor="middle">
                {i18n.text(ScoringText::ScoreAxis)}
            </text>
            {threshold_line}
        </svg>
    }
}
