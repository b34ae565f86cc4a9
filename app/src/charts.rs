//! Inline SVG charts built by plain Rust, no chart library: horizontal bars (the funnel,
//! credit by channel), columns (a histogram), stacked columns (weekly flow) and a
//! calibration plot. Each scales to its container (a `viewBox` at 100% width, drawn for
//! a 375 px phone first), carries a `<title>` and `<desc>` for screen readers, writes
//! its numbers as text beside the shapes, and offers its data as a table — the same
//! [`DataTable`] every report table uses.
//!
//! The geometry lives in plain functions (`layout_*`) so it is tested without a DOM.

mod bars;
mod calibration;
mod columns;
mod figure;
mod stacked;
mod table;
pub mod text;

pub use bars::{Bar, BarChart};
pub use calibration::CalibrationChart;
pub use columns::ColumnChart;
pub use stacked::{Series, StackedChart};
pub use table::{Cell, DataTable, Row};

/// The width every chart is drawn at, in viewBox units: about a phone's content width,
/// so text drawn at 12 units reads at 12 px there and grows with wider screens.
pub const WIDTH: f64 = 340.0;

/// `value` as a share of `max`, 0 when there is nothing to scale by.
pub fn scale(value: f64, max: f64) -> f64 {
    if max > 0.0 && value.is_finite() {
        (value / max).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// A number for an SVG attribute, rounded to a tenth so the markup stays short.
pub fn coord(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn scales_and_coordinates() {
        assert_eq!(scale(5.0, 10.0), 0.5);
        assert_eq!(scale(5.0, 0.0), 0.0);
        assert_eq!(scale(f64::NAN, 1.0), 0.0);
        assert_eq!(scale(20.0, 10.0), 1.0);
        assert_eq!(coord(12.0), "12");
        assert_eq!(coord(12.345), "12.3");
        assert_eq!(coord(-0.04), "0");
    }
}
