//! The report after an import: where every data row went, the rejected rows with the
//! reason per field (as text, never markup) and a CSV of them to fix and import again,
//! and the duplicate rows with what they matched.

use std::sync::Arc;

use leadkit_shared::csv_io::{
    DuplicateClass, ImportCounts, ImportReport, duplicate_class, rejected_csv,
};
use leptos::prelude::*;
use leptos_router::components::A;

use super::text::ImportText;
use crate::i18n::use_i18n;
use crate::leads::export::download;

/// Rejected or duplicate rows listed on the page; the download has them all.
const LISTED: usize = 500;

/// What an import did.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The shared import's report.
    pub report: ImportReport,
    /// Where the rows went under the chosen policy.
    pub counts: ImportCounts,
    /// The file's headers, for the rejected rows' CSV.
    pub headers: Vec<String>,
    /// Leads the local store refused, with why.
    pub refused: Vec<(String, String)>,
    /// Why the result could not be saved, if it could not.
    pub error: Option<String>,
}

/// The report.
#[component]
pub fn ImportReportView(
    /// The import's outcome.
    outcome: Arc<Outcome>,
    /// Starts over with another file.
    on_again: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let counts = outcome.counts;
    let count = move |text: ImportText, id: &'static str| {
        view! { <li data-testid=id>{i18n.text(text)}</li> }
    };
    let download_error = RwSignal::new(None::<String>);
    let for_download = Arc::clone(&outcome);
    let download_rejected = move |_| {
        let text = rejected_csv(&for_download.headers, &for_download.report.rejected);
        download_error.set(
            download("rejected-rows.csv", &text)
                .err()
                .map(|e| e.to_string()),
        );
    };
    let rejected_rows = outcome
        .report
        .rejected
        .iter()
        .take(LISTED)
        .map(|row| {
            let problems = row.problems.clone();
            let raw = row.raw.join(", ");
            view! {
                <tr data-testid="rejected-row">
                    <td data-label=move || i18n.t(ImportText::Line)>{row.line}</td>
                    <td data-label=move || i18n.t(ImportText::Reasons)>
                        <ul class="reasons">
                            {problems
                                .into_iter()
                                .map(|p| view! { <li>{i18n.text(ImportText::Problem(p))}</li> })
                                .collect_view()}
                        </ul>
                    </td>
                    <td data-label=move || i18n.t(ImportText::RawRow)>
                        <code class="raw">{raw}</code>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let duplicate_rows = outcome
        .report
        .duplicates
        .iter()
        .take(LISTED)
        .map(|row| {
            let what = match duplicate_class(row) {
                DuplicateClass::InFile(line) => ImportText::RepeatsLine(line),
                DuplicateClass::Existing(_) => ImportText::MatchesLead(row.lead.name.clone()),
            };
            view! {
                <li data-testid="duplicate-row">
                    <span class="line">{row.line}</span>
                    " "
                    {i18n.text(what)}
                </li>
            }
        })
        .collect_view();
    let has_rejected = !outcome.report.rejected.is_empty();
    let has_duplicates = !outcome.report.duplicates.is_empty();
    let refused = outcome
        .refused
        .iter()
        .map(|(name, why)| {
            view! { <li>{i18n.text(ImportText::Refused(name.clone(), why.clone()))}</li> }
        })
        .collect_view();
    let error = outcome.error.clone().map(
        |e| view! { <p class="error" role="alert">{i18n.text(ImportText::SaveFailed(e))}</p> },
    );
    view! {
        <section class="import-report" data-testid="import-report" aria-labelledby="import-report-title">
            <h3 id="import-report-title">{i18n.text(ImportText::ReportTitle)}</h3>
            {error}
            <ul class="import-counts" role="status">
                {count(ImportText::DataRows(counts.total()), "count-rows")}
                {count(ImportText::Imported(counts.imported), "count-imported")}
                {count(ImportText::Updated(counts.updated), "count-updated")}
                {count(ImportText::Skipped(counts.skipped), "count-skipped")}
                {(counts.in_file > 0).then(|| count(ImportText::InFile(counts.in_file), "count-in-file"))}
                {count(ImportText::Rejected(counts.rejected), "count-rejected")}
                {(counts.blank > 0).then(|| count(ImportText::Blank(counts.blank), "count-blank"))}
            </ul>
            <ul class="error">{refused}</ul>
            <h4>{i18n.text(ImportText::RejectedTitle)}</h4>
            {if has_rejected {
                view! {
                    <button class="button" data-testid="download-rejected" on:click=download_rejected>
                        {i18n.text(ImportText::DownloadRejected)}
                    </button>
                    {move || download_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                    <table class="import-rejected" data-testid="rejected-table">
                        <thead>
                            <tr>
                                <th scope="col">{i18n.text(ImportText::Line)}</th>
                                <th scope="col">{i18n.text(ImportText::Reasons)}</th>
                                <th scope="col">{i18n.text(ImportText::RawRow)}</th>
                            </tr>
                        </thead>
                        <tbody>{rejected_rows}</tbody>
                    </table>
                }
                    .into_any()
            } else {
                view! { <p>{i18n.text(ImportText::NoneRejected)}</p> }.into_any()
            }}
            {has_duplicates.then(|| view! {
                <h4>{i18n.text(ImportText::DuplicatesListTitle)}</h4>
                <ul class="import-duplicate-rows">{duplicate_rows}</ul>
            })}
            <p class="actions">
                <A href="/leads">{i18n.text(ImportText::ToLeads)}</A>
                <button class="button" data-testid="import-again" on:click=move |_| on_again.run(())>
                    {i18n.text(ImportText::ImportAnother)}
                </button>
            </p>
        </section>
    }
}
