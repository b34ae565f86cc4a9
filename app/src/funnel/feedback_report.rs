//! The accept/reject figures of one grouping: accept rate as bars, and a table with the
//! counts and the most frequent reject reasons of each group.

use std::sync::Arc;

use leadkit_shared::handoff::FeedbackRow;
use leptos::prelude::*;

use super::data::FeedSource;
use super::text::{FunnelText, group_name, reason_name};
use crate::charts::{Bar, BarChart, Cell, DataTable, Row};
use crate::i18n::format::{number, percent};
use crate::i18n::{Locale, use_i18n};

/// Reject reasons listed per group.
const TOP_REASONS: usize = 3;

/// A group's accept rate as a bar, if anything was answered.
fn bar(row: &FeedbackRow, locale: Locale) -> Option<Bar> {
    let rate = row.accept_rate_percent()?;
    Some(Bar {
        label: group_name(&row.group, locale),
        value: rate,
        text: format!(
            "{} ({}/{})",
            percent(rate / 100.0),
            number(i64::from(row.accepted)),
            number(i64::from(row.accepted + row.rejected))
        ),
    })
}

/// A group's row in the table.
fn table_row(row: &FeedbackRow, locale: Locale) -> Row {
    let rate = row
        .accept_rate_percent()
        .map_or_else(|| "—".to_owned(), |r| percent(r / 100.0));
    let reasons = row
        .reasons
        .iter()
        .take(TOP_REASONS)
        .map(|(reason, n)| {
            format!(
                "{} ({})",
                reason_name(*reason, locale),
                number(i64::from(*n))
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    Row::new(vec![
        Cell::text(group_name(&row.group, locale)).id("group"),
        Cell::num(number(i64::from(row.handed_off))).id("handed-off"),
        Cell::num(number(i64::from(row.accepted))).id("accepted"),
        Cell::num(number(i64::from(row.rejected))).id("rejected"),
        Cell::num(number(i64::from(row.pending))),
        Cell::num(rate).id("accept-rate"),
        Cell::text(reasons).id("reasons"),
    ])
    .id("feedback-row")
}

/// The figures of `rows`.
#[component]
pub fn FeedbackReport(
    /// One row per group, busiest first.
    rows: Vec<FeedbackRow>,
    /// Whether the answers are live or the copy kept on the device.
    source: FeedSource,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = Arc::new(rows);
    let bars = {
        let rows = rows.clone();
        Signal::derive(move || {
            let locale = i18n.locale.get();
            rows.iter().filter_map(|r| bar(r, locale)).collect()
        })
    };
    let table_rows = Signal::derive(move || {
        let locale = i18n.locale.get();
        rows.iter().map(|r| table_row(r, locale)).collect()
    });
    let headers = Signal::derive(move || {
        [
            FunnelText::GroupHeader,
            FunnelText::HandedOff,
            FunnelText::Accepted,
            FunnelText::Rejected,
            FunnelText::Pending,
            FunnelText::AcceptRate,
            FunnelText::TopReasons,
        ]
        .into_iter()
        .map(|h| i18n.t(h))
        .collect()
    });
    let chart_headers = Signal::derive(move || {
        (
            i18n.t(FunnelText::GroupHeader),
            i18n.t(FunnelText::AcceptRate),
        )
    });
    view! {
        {(source == FeedSource::Cached).then(|| view! {
            <p class="note warn" role="status">{i18n.text(FunnelText::FeedbackCached)}</p>
        })}
        <BarChart
            id="accept-chart"
            title=i18n.text(FunnelText::AcceptRateChart)
            desc=i18n.text(FunnelText::AcceptRateDesc)
            bars=bars
            headers=chart_headers
            tone="bar-ok"
        />
        <DataTable headers=headers rows=table_rows testid="feedback-table" />
        <p class="note">{i18n.text(FunnelText::FeedbackScope)}</p>
    }
}
