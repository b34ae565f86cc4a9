//! The charts' own texts.

use crate::i18n::{Locale, Translate};

/// Every text the chart components show themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartText {
    /// Opens the data table under a chart.
    ShowTable,
    Legend,
}

impl Translate for ChartText {
    fn translate(&self, locale: Locale) -> String {
        use Locale::{En, Ko};
        match (*self, locale) {
            (Self::ShowTable, Ko) => "표로 보기",
            (Self::ShowTable, En) => "Show as a table",
            (Self::Legend, Ko) => "범례",
            (Self::Legend, En) => "Legend",
        }
        .to_owned()
    }
}
