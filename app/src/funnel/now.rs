//! Where every lead on the device stands now, stage by stage (parked stages included).

use std::sync::Arc;

use leadkit_shared::insights::FunnelDashboard;
use leptos::prelude::*;

use super::text::FunnelText;
use crate::charts::{Cell, DataTable, Row};
use crate::i18n::format::number;
use crate::i18n::use_i18n;
use crate::leads::text::stage_name;

/// The current stage counts.
#[component]
pub fn StagesNow(
    /// The report (its counts are of every lead, whatever the period).
    dashboard: Arc<FunnelDashboard>,
) -> impl IntoView {
    let i18n = use_i18n();
    let total: usize = dashboard.stages_now.values().sum();
    let rows = Signal::derive(move || {
        let locale = i18n.locale.get();
        dashboard
            .stages_now
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(stage, n)| {
                Row::new(vec![
                    Cell::text(stage_name(*stage, locale)),
                    Cell::num(number(*n as i64)),
                ])
                .id(format!("now-{}", stage.as_str()))
            })
            .collect()
    });
    let footer = Signal::derive(move || {
        Row::new(vec![
            Cell::text(i18n.t(FunnelText::TotalHeader)),
            Cell::num(number(total as i64)),
        ])
    });
    view! {
        <section class="card" aria-labelledby="now-heading">
            <h3 id="now-heading">{i18n.text(FunnelText::NowTitle)}</h3>
            <DataTable
                headers=Signal::derive(move || vec![i18n.t(FunnelText::StageHeader), i18n.t(FunnelText::LeadsHeader)])
                rows=rows
                footer=footer
            />
        </section>
    }
}
