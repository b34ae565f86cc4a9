//! The leads page: search box, filter panel, the count of what the query leaves, bulk
//! actions on the selection, and the virtualised table.

use std::collections::BTreeSet;
use std::sync::Arc;

use leadkit_shared::table::TableQuery;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

use super::bulk::BulkActions;
use super::demo::DemoOffer;
use super::export::{csv_of, download};
use super::filters::FilterPanel;
use super::segment_filter::{SegmentFilter, members_of};
use super::table::LeadGrid;
use super::text::LeadsText;
use crate::data::use_workspace;
use crate::i18n::use_i18n;
use crate::segments::use_segments;

/// The whole lead base, searchable and filterable.
#[component]
pub fn LeadsPage() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let query = RwSignal::new(TableQuery::default());
    let selected = RwSignal::new(BTreeSet::<Uuid>::new());
    let export_error = RwSignal::new(None::<String>);
    let table = Signal::derive(move || workspace.table.get());
    // "Open in leads" from the segments view arrives with `?segment=<id>`.
    let segment = RwSignal::new(
        use_query_map()
            .get_untracked()
            .get("segment")
            .and_then(|s| Uuid::parse_str(&s).ok()),
    );
    let segments = use_segments();
    let members = Memo::new(move |_| members_of(segments, segment.get()));
    // Re-querying 100k rows takes milliseconds; a memo keeps it to once per change.
    let positions = Memo::new(move |_| {
        let q = query.get();
        let members = members.get();
        Arc::new(workspace.table.with(|t| {
            let mut positions = t.query(&q);
            if let Some(members) = members {
                positions.retain(|&p| t.row(p).is_some_and(|r| members.contains(&r.id)));
            }
            positions
        }))
    });
    let options = Memo::new(move |_| workspace.table.with(|t| t.filter_options()));
    let total = move || workspace.table.with(|t| t.len());
    let shown = move || positions.with(|p| p.len());
    let filtered = move || {
        segment.with(Option::is_some)
            || query.with(|q| {
                *q != TableQuery {
                    sort: q.sort,
                    ..TableQuery::default()
                }
            })
    };

    let export = move |_| {
        let chosen = selected.get_untracked();
        let leads = workspace.leads.get_untracked();
        let text = if chosen.is_empty() {
            let table = workspace.table.get_untracked();
            let ids: BTreeSet<Uuid> = positions
                .get_untracked()
                .iter()
                .filter_map(|&p| table.row(p).map(|r| r.id))
                .collect();
            let records: Vec<_> = leads.iter().filter(|l| ids.contains(&l.id)).collect();
            csv_of(&records, i18n.locale.get_untracked())
        } else {
            let records: Vec<_> = leads.iter().filter(|l| chosen.contains(&l.id)).collect();
            csv_of(&records, i18n.locale.get_untracked())
        };
        export_error.set(download("leads.csv", &text).err().map(|e| e.to_string()));
    };
    let select_all = move |_| {
        let table = workspace.table.get_untracked();
        selected.set(
            positions
                .get_untracked()
                .iter()
                .filter_map(|&p| table.row(p).map(|r| r.id))
                .collect(),
        );
    };

    view! {
        <section class="leads-page" aria-labelledby="leads-title">
            <header class="page-head">
                <h2 id="leads-title">{move || i18n.t(LeadsText::Title)}</h2>
                <p class="count" data-testid="lead-count" role="status">
                    {move || i18n.t(LeadsText::Showing(shown(), total()))}
                    <Show when=move || workspace.reading.get()>
                        " "
                        <span data-testid="still-reading">{i18n.text(LeadsText::StillReading)}</span>
                    </Show>
                </p>
            </header>
            <div class="toolbar">
                <label class="search">
                    <span class="visually-hidden">{move || i18n.t(LeadsText::Search)}</span>
                    <input
                        type="search"
                        data-testid="lead-search"
                        placeholder=move || i18n.t(LeadsText::SearchHint)
                        prop:value=move || query.with(|q| q.text.clone())
                        on:input=move |ev| query.update(|q| q.text = event_target_value(&ev))
                    />
                </label>
                <SegmentFilter segment=segment />
                <details class="filters">
                    <summary>{move || i18n.t(LeadsText::Filters)}</summary>
                    <FilterPanel options=options.into() query=query />
                </details>
                <Show when=filtered>
                    <button
                        class="link"
                        on:click=move |_| {
                            segment.set(None);
                            query.update(|q| {
                                q.text.clear();
                                q.filters = Default::default();
                            });
                        }
                    >
                        {move || i18n.t(LeadsText::ClearFilters)}
                    </button>
                </Show>
                <leptos_router::components::A href="/import" attr:class="button import-link" attr:data-testid="import-link">
                    {i18n.text(crate::import::text::ImportText::Title)}
                </leptos_router::components::A>
                <div class="bulk" role="group">
                    <span class="selected-count">
                        {move || i18n.t(LeadsText::Selected(selected.with(BTreeSet::len)))}
                    </span>
                    <button on:click=select_all>{move || i18n.t(LeadsText::SelectAll)}</button>
                    <button
                        disabled=move || selected.with(BTreeSet::is_empty)
                        on:click=move |_| selected.set(BTreeSet::new())
                    >
                        {move || i18n.t(LeadsText::ClearSelection)}
                    </button>
                    <button
                        data-testid="export-csv"
                        title=move || i18n.t(LeadsText::ExportHint)
                        on:click=export
                    >
                        {move || i18n.t(LeadsText::ExportCsv)}
                    </button>
                </div>
                {move || export_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            </div>
            <Show when=move || !selected.with(BTreeSet::is_empty)>
                <BulkActions selected=selected />
            </Show>
            {move || {
                if !workspace.loaded.get() {
                    view! { <p class="empty">{i18n.t(crate::i18n::Text::Loading)}</p> }.into_any()
                } else if total() == 0 {
                    view! {
                        <p class="empty">{i18n.t(LeadsText::NoLeadsYet)}</p>
                        <DemoOffer />
                    }
                        .into_any()
                } else if shown() == 0 {
                    view! { <p class="empty">{i18n.t(LeadsText::NoMatch)}</p> }.into_any()
                } else {
                    view! {
                        <LeadGrid
                            table=table
                            positions=Signal::derive(move || positions.get())
                            query=query
                            selected=selected
                        />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
