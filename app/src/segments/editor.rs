//! The segment editor: name, the nested AND/OR tree with its live count (recounted a
//! moment after the last edit), the message template with its preview, save and
//! delete. Problems are shown beside the part at fault, whether the shared rules found
//! them here or the worker did on save.

use std::time::Duration;

use leadkit_shared::capture::FieldError;
use leadkit_shared::segments::Segment;
use leadkit_shared::sync::SettingsWrite;
use leptos::leptos_dom::helpers::{TimeoutHandle, set_timeout_with_handle};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::group::node_view;
use super::saved::use_segments;
use super::template::TemplateEditor;
use super::text::SegmentsText;
use super::tree::{local_problems, shape};
use crate::data::{SaveSettingsError, SettingsSaved, use_workspace};
use crate::i18n::use_i18n;
use crate::ui::{ConfirmDelete, FieldProblem, UiText, refused_fields, settings_refusal};

/// How long the count waits after an edit, so typing does not recount every key.
const RECOUNT_AFTER: Duration = Duration::from_millis(250);

/// Edits the segment `id`, starting from `initial`.
#[component]
pub fn SegmentEditor(
    /// The segment's id (new segments get one before they are saved).
    id: Uuid,
    /// The segment as saved, or a new one's starting point.
    initial: Segment,
    /// Whether it is saved already (so it can be deleted).
    saved: bool,
    /// Closes the editor.
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let segments = use_segments();
    let workspace = use_workspace();
    let draft = RwSignal::new(initial.clone());
    let counted = RwSignal::new(initial);
    let server_problems = RwSignal::new(Vec::<FieldError>::new());
    // Saved: `Ok(true)` on the server, `Ok(false)` on this device waiting to sync.
    let outcome = RwSignal::new(None::<Result<bool, UiText>>);
    let timer = StoredValue::new(None::<TimeoutHandle>);

    // Recount a moment after the last change; a save attempt's problems are stale once
    // the draft changes.
    Effect::new(move |first: Option<()>| {
        let latest = draft.get();
        if first.is_none() {
            return;
        }
        server_problems.set(Vec::new());
        outcome.set(None);
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || counted.set(latest), RECOUNT_AFTER).ok();
        timer.set_value(handle);
    });
    let problems = Signal::derive(move || {
        let mut all = server_problems.get();
        all.extend(draft.with(local_problems));
        all
    });
    let compiled = Memo::new(move |_| counted.with(|s| s.filter.compile().ok()));
    let members = Memo::new(move |_| {
        let population = segments.population.get();
        compiled.with(|c| {
            c.as_ref()
                .map(|c| population.select(c, crate::clock::now()))
        })
    });
    let count_text = move || match members.get() {
        Some(ids) => i18n.t(SegmentsText::Matches(ids.len())),
        None => i18n.t(SegmentsText::FixToCount),
    };
    let template_problem = Signal::derive(move || {
        server_problems.with(|all| {
            all.iter()
                .find(|p| p.field == "template")
                .map(|p| p.message.clone())
        })
    });
    let shape = Memo::new(move |_| draft.with(|d| shape(&d.filter)));

    let save = move |_| {
        let segment = draft.get_untracked();
        spawn_local(async move {
            let saved = workspace
                .save_settings(SettingsWrite::PutSegment { id, segment })
                .await;
            segments.reread().await;
            match saved {
                Ok(SettingsSaved::Synced) => {
                    outcome.try_set(Some(Ok(true)));
                }
                Ok(SettingsSaved::OnDevice) => {
                    outcome.try_set(Some(Ok(false)));
                }
                Ok(SettingsSaved::Refused(refused)) => {
                    server_problems.try_set(refused_fields(&refused));
                    outcome.try_set(Some(Err(settings_refusal(&refused))));
                }
                Err(SaveSettingsError::Invalid { problem }) => {
                    server_problems.try_set(vec![problem]);
                    outcome.try_set(Some(Err(UiText::FixFields)));
                }
                Err(SaveSettingsError::Store(_)) => {
                    outcome.try_set(Some(Err(UiText::Failed)));
                }
            }
        });
    };

    view! {
        <section class="seg-editor" aria-labelledby="seg-editor-title" data-testid="segment-editor">
            <h3 id="seg-editor-title">{i18n.text(SegmentsText::Editor)}</h3>
            <label class="seg-name">
                <span>{i18n.text(SegmentsText::Name)}</span>
                <input
                    data-testid="segment-name"
                    maxlength="120"
                    prop:value=move || draft.with(|d| d.name.clone())
                    on:input=move |ev| draft.update(|d| d.name = event_target_value(&ev))
                />
            </label>
            <FieldProblem problems=problems path="name" />
            <p class="seg-count" data-testid="segment-count" role="status">{count_text}</p>
            <ul class="seg-tree">
                {move || {
                    // Read, not only tracked: a memo recomputes when it is read.
                    let _ = shape.get();
                    node_view(draft, Vec::new(), problems)
                }}
            </ul>
            <TemplateEditor
                draft=draft
                members=Signal::derive(move || members.get().unwrap_or_default())
                problem=template_problem
            />
            <div class="seg-actions">
                <button type="button" class="primary" data-testid="save-segment" on:click=save>
                    {i18n.text(SegmentsText::Save)}
                </button>
                {saved
                    .then(|| view! {
                        <ConfirmDelete
                            path=SettingsWrite::DeleteSegment { id }
                            label=i18n.text(SegmentsText::Delete)
                            confirm=i18n.text(SegmentsText::ConfirmDelete)
                            test_id="delete-segment"
                            on_done=Callback::new(move |()| {
                                spawn_local(async move { segments.reread().await });
                                on_close.run(());
                            })
                        />
                    })}
                <button type="button" data-testid="close-editor" on:click=move |_| on_close.run(())>
                    {i18n.text(SegmentsText::Cancel)}
                </button>
                <p class="seg-outcome" role="status" data-testid="save-outcome">
                    {move || match outcome.get() {
                        Some(Ok(true)) => i18n.t(SegmentsText::Saved),
                        Some(Ok(false)) => i18n.t(UiText::SavedOnDevice),
                        Some(Err(problem)) => i18n.t(problem),
                        None => String::new(),
                    }}
                </p>
            </div>
        </section>
    }
}
