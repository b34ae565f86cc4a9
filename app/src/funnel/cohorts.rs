//! Capture cohorts as a heat map: a row per week of the period, a cell per level with
//! the share of that week's leads that has reached it so far, shaded by the share.

use std::sync::Arc;

use leadkit_shared::insights::FunnelDashboard;
use leadkit_shared::lifecycle::FunnelLevel;
use leptos::prelude::*;

use super::text::{FunnelText, level_name, week_long};
use crate::charts::{Cell, DataTable, Row};
use crate::i18n::format::{number, percent};
use crate::i18n::use_i18n;

/// The levels a cohort is followed through: from capture to a customer.
const LEVELS: [FunnelLevel; 5] = [
    FunnelLevel::Lead,
    FunnelLevel::MqlOrPql,
    FunnelLevel::Sql,
    FunnelLevel::Opportunity,
    FunnelLevel::Customer,
];

/// The cohort heat map.
#[component]
pub fn CohortTable(
    /// The period's report.
    dashboard: Arc<FunnelDashboard>,
) -> impl IntoView {
    let i18n = use_i18n();
    let headers = Signal::derive(move || {
        let locale = i18n.locale.get();
        [
            i18n.t(FunnelText::WeekHeader),
            i18n.t(FunnelText::LeadsHeader),
        ]
        .into_iter()
        .chain(LEVELS.iter().map(|l| level_name(*l, locale).to_owned()))
        .collect()
    });
    // Newest week first: the cohort still filling up is the one people look for.
    let rows = Signal::derive(move || {
        let locale = i18n.locale.get();
        dashboard
            .cohorts
            .iter()
            .rev()
            .map(|(week, cohort)| {
                let shares = LEVELS.iter().map(|level| {
                    let n = cohort.reached[level.index()];
                    if cohort.leads == 0 {
                        return Cell::num("—");
                    }
                    let share = n as f64 / cohort.leads as f64;
                    Cell::num(format!("{} ({})", percent(share), number(n as i64))).heat(share)
                });
                let cells = [
                    Cell::text(week_long(*week, locale)),
                    Cell::num(number(cohort.leads as i64)),
                ]
                .into_iter()
                .chain(shares)
                .collect();
                Row::new(cells)
            })
            .collect()
    });
    view! {
        <section class="card wide" aria-labelledby="cohort-heading">
            <h3 id="cohort-heading">{i18n.text(FunnelText::CohortTitle)}</h3>
            <p class="note">{i18n.text(FunnelText::CohortDesc)}</p>
            <DataTable headers=headers rows=rows testid="cohort-table" class="cohorts" />
        </section>
    }
}
