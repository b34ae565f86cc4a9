//! The geometry of the rep load chart: one bar per rep, today's assignments against
//! the daily capacity, marked when over capacity or with an SLA breached. Plain numbers
//! so the chart's logic is tested apart from its SVG.

use leadkit_shared::api::RepLoadView;

/// Width of the chart's drawing, in viewBox units.
pub const CHART_WIDTH: f64 = 320.0;
/// Height of one rep's row: two lines of text and the bar.
pub const ROW_HEIGHT: f64 = 44.0;

/// One rep's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadBar {
    pub name: String,
    pub active: bool,
    pub assigned_today: u32,
    pub capacity_per_day: u32,
    pub assigned_this_week: u32,
    pub capacity_per_week: u32,
    pub breached: u32,
    /// How much of the track the bar fills, 0 to 1.
    pub fill: f64,
    /// Assigned today beyond the day's capacity (possible after capacity was lowered).
    pub over: bool,
    /// Top of the row, in viewBox units.
    pub y: f64,
}

/// The bars, in the order the queue lists the reps.
pub fn load_bars(reps: &[RepLoadView]) -> Vec<LoadBar> {
    reps.iter()
        .enumerate()
        .map(|(i, rep)| {
            let fill = match rep.capacity_per_day {
                0 if rep.assigned_today > 0 => 1.0,
                0 => 0.0,
                cap => (f64::from(rep.assigned_today) / f64::from(cap)).min(1.0),
            };
            LoadBar {
                name: rep.name.clone(),
                active: rep.active,
                assigned_today: rep.assigned_today,
                capacity_per_day: rep.capacity_per_day,
                assigned_this_week: rep.assigned_this_week,
                capacity_per_week: rep.capacity_per_week,
                breached: rep.breached,
                fill,
                over: rep.assigned_today > rep.capacity_per_day,
                y: i as f64 * ROW_HEIGHT,
            }
        })
        .collect()
}

/// The chart's viewBox height for `rows` reps.
pub fn chart_height(rows: usize) -> f64 {
    (rows.max(1) as f64) * ROW_HEIGHT
}
