//! The import view: file → mapping and duplicate choice → progress → report.

use std::sync::Arc;

use leadkit_shared::csv_io::{
    ColumnMapping, ExistingPolicy, ImportCounts, ImportOptions, Importer, ParseOptions, Table,
    guess_mapping, read_table_with,
};
use leadkit_shared::model::WorkspaceId;
use leadkit_shared::validation::Country;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::cp949::browser_cp949;
use super::duplicates::DuplicateChoice;
use super::file_pick::FilePick;
use super::mapping::MappingTable;
use super::progress::{ImportProgress, Phase};
use super::report::{ImportReportView, Outcome};
use super::run::{
    CHUNK_ROWS, edits_of, existing_leads, file_bytes, new_lead_id, read_all, write_all,
};
use super::text::ImportText;
use crate::data::use_workspace;
use crate::i18n::use_i18n;

/// The file as read, with its name.
#[derive(Debug, Clone)]
struct Loaded {
    name: String,
    table: Arc<Table>,
}

/// The import view.
#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let loaded = RwSignal::new(None::<Loaded>);
    let reading = RwSignal::new(false);
    let file_problem = RwSignal::new(None::<ImportText>);
    let mapping = RwSignal::new(ColumnMapping::default());
    let policy = RwSignal::new(ExistingPolicy::Skip);
    let phase = RwSignal::new(None::<Phase>);
    let outcome = RwSignal::new(None::<Arc<Outcome>>);
    let problem = Memo::new(move |_| {
        loaded.with(|l| {
            l.as_ref()
                .and_then(|l| mapping.with(|m| m.check(&l.table.headers).err()))
        })
    });

    let reset = move || {
        loaded.set(None);
        outcome.set(None);
        phase.set(None);
        file_problem.set(None);
    };
    let on_file = Callback::new(move |file: web_sys::File| {
        reset();
        reading.set(true);
        spawn_local(async move {
            let name = file.name();
            let read = match file_bytes(&file).await {
                Ok(bytes) => read_table_with(&bytes, &ParseOptions::default(), &browser_cp949)
                    .map_err(ImportText::FileRefused),
                Err(_) => Err(ImportText::BrowserRefused),
            };
            reading.set(false);
            match read {
                Ok(table) => {
                    mapping.set(guess_mapping(&table.headers));
                    loaded.set(Some(Loaded {
                        name,
                        table: Arc::new(table),
                    }));
                }
                Err(problem) => file_problem.set(Some(problem)),
            }
        });
    });

    let start = move |_| {
        let Some(file) = loaded.get_untracked() else {
            return;
        };
        // The seeded workspace's id is `default`, not a UUID: the worker files pushed
        // leads in the pusher's workspace whatever they say (as fair captures do).
        let workspace_id = uuid::Uuid::parse_str(&workspace.id.get_value()).unwrap_or_default();
        let now = crate::clock::now();
        let options = ImportOptions {
            workspace_id: WorkspaceId(workspace_id),
            now,
            // Korean teams first: numbers without a country code are Korean.
            default_country: Country::Kr,
            consent_text_version: format!("csv-import-{}-{:02}", now.year(), u8::from(now.month())),
            default_source: None,
        };
        let records = workspace.leads.get_untracked();
        let existing = existing_leads(&records);
        let headers = file.table.headers.clone();
        let importer = match Importer::new(
            (*file.table).clone(),
            mapping.get_untracked(),
            options,
            &existing,
            &[],
        ) {
            Ok(importer) => importer,
            Err(e) => {
                // The memo shows a problem before this; a file changed under the
                // mapping would land here.
                file_problem.set(Some(ImportText::Mapping(e)));
                return;
            }
        };
        drop(existing);
        let chosen = policy.get_untracked();
        phase.set(Some(Phase::Reading(0, file.table.rows.len())));
        spawn_local(async move {
            let mut next_id = new_lead_id;
            let report = read_all(importer, CHUNK_ROWS, &mut next_id, |p| {
                phase.set(Some(Phase::Reading(p.done, p.total)));
            })
            .await;
            let counts = ImportCounts::of(&report, chosen);
            let (refused, error) = match edits_of(&report, &records, chosen) {
                Ok(edits) => {
                    let saved = write_all(workspace, edits, |done, total| {
                        phase.set(Some(Phase::Saving(done, total)));
                    })
                    .await;
                    match saved {
                        Ok(refused) => (refused, None),
                        Err(e) => (Vec::new(), Some(e.to_string())),
                    }
                }
                Err(e) => (Vec::new(), Some(e.to_string())),
            };
            phase.set(None);
            outcome.set(Some(Arc::new(Outcome {
                report,
                counts,
                headers,
                refused,
                error,
            })));
        });
    };

    let facts = move || {
        loaded.get().map(|file| {
            let table = &file.table;
            let undecodable = table.decoding.malformed_count;
            view! {
                <ul class="import-facts" data-testid="import-facts">
                    <li class="file-name">{file.name.clone()}</li>
                    <li data-testid="import-encoding">{i18n.text(ImportText::Encoding(table.decoding.encoding.label()))}</li>
                    <li>{i18n.text(ImportText::Delimiter(table.delimiter))}</li>
                    <li data-testid="import-rows">{i18n.text(ImportText::Rows(table.rows.len()))}</li>
                </ul>
                {(undecodable > 0).then(|| view! {
                    <p class="warning" role="alert">{i18n.text(ImportText::Undecodable(undecodable))}</p>
                })}
            }
        })
    };
    let whole_problem = move || {
        problem
            .get()
            .filter(|p| p.column_index().is_none())
            .map(|p| view! { <p class="error" role="alert" data-testid="mapping-problem">{i18n.t(ImportText::Mapping(p))}</p> })
    };
    // The view switches only when an import starts or ends, not on every chunk.
    let running = Memo::new(move |_| phase.with(Option::is_some));
    let body = move || {
        if let Some(done) = outcome.get() {
            return view! { <ImportReportView outcome=done on_again=Callback::new(move |()| reset()) /> }
                .into_any();
        }
        if running.get() {
            let now = Signal::derive(move || phase.get().unwrap_or(Phase::Reading(0, 0)));
            return view! { <ImportProgress phase=now /> }.into_any();
        }
        match loaded.get() {
            None => view! {
                <FilePick on_file=on_file />
                <Show when=move || reading.get()>
                    <p role="status">{i18n.text(ImportText::ReadingFile)}</p>
                </Show>
                {move || file_problem.get().map(|p| view! {
                    <p class="error" role="alert" data-testid="import-file-problem">{i18n.t(p)}</p>
                })}
            }
            .into_any(),
            Some(file) => view! {
                {facts}
                <h3>{i18n.text(ImportText::MappingTitle)}</h3>
                <MappingTable table=file.table mapping=mapping problem=problem />
                <DuplicateChoice policy=policy />
                {whole_problem}
                {move || file_problem.get().map(|p| view! {
                    <p class="error" role="alert">{i18n.t(p)}</p>
                })}
                <p class="actions">
                    <button
                        class="button primary"
                        data-testid="import-start"
                        disabled=move || problem.with(Option::is_some)
                        on:click=start
                    >
                        {i18n.text(ImportText::Start)}
                    </button>
                    <button class="button" data-testid="import-choose-another" on:click=move |_| reset()>
                        {i18n.text(ImportText::ChooseAnother)}
                    </button>
                </p>
            }
            .into_any(),
        }
    };

    view! {
        <section class="import-page" aria-labelledby="import-title">
            <header class="page-head">
                <h2 id="import-title">{i18n.text(ImportText::Title)}</h2>
                <p class="hint">{i18n.text(ImportText::Intro)}</p>
            </header>
            {body}
        </section>
    }
}
