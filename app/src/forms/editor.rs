//! `/forms/:id`: the form editor. The definition is checked on every edit with the
//! worker's own rules (`FormDefinition::validate`), each problem shown beside what it
//! concerns; the preview and embed snippet follow the edits; Save `PUT`s it.

use leadkit_shared::forms::FormDefinition;
use leadkit_shared::model::WorkspaceId;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use super::consents_editor::ConsentsEditor;
use super::fields_editor::FieldsEditor;
use super::inputs::{DefinitionProblem, Editing, FormInput, Problems, bind};
use super::presentation_editor::PresentationEditor;
use super::preview::FormPreview;
use super::snippet::EmbedSnippet;
use super::text::FormsText;
use crate::data::{ApiError, api};
use crate::i18n::{tr, use_i18n};
use crate::ui::{UiText, refusal};

/// `/forms/:id`: the editor of the form named in the path.
#[component]
pub fn FormEditorPage() -> impl IntoView {
    let params = use_params_map();
    let form_id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    move || view! { <FormEditor form_id=form_id.get() /> }
}

/// The editor of one form.
#[component]
fn FormEditor(
    /// The form's id.
    form_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let form: Editing = RwSignal::new(None);
    let saved = RwSignal::new(None::<FormDefinition>);
    let failed = RwSignal::new(None::<ApiError>);
    let outcome = RwSignal::new(None::<UiText>);
    let server_said = RwSignal::new(Vec::<String>::new());
    let busy = RwSignal::new(false);
    {
        let form_id = form_id.clone();
        spawn_local(async move {
            match api::get::<FormDefinition>(&format!("/api/forms/{form_id}")).await {
                Ok(definition) => {
                    saved.try_set(Some(definition.clone()));
                    form.try_set(Some(definition));
                }
                Err(error) if error.status() == Some(404) => {
                    // The worker sets the workspace from the session when it stores it.
                    form.try_set(Some(FormDefinition::default_contact(
                        form_id,
                        WorkspaceId(Uuid::nil()),
                    )));
                }
                Err(error) => {
                    failed.try_set(Some(error));
                }
            }
        });
    }
    let problems: Problems = Memo::new(move |_| {
        form.with(|f| {
            f.as_ref()
                .and_then(|f| f.validate().err())
                .unwrap_or_default()
        })
    })
    .into();
    let loaded = Memo::new(move |_| form.with(Option::is_some));
    let unsaved = move || form.with(|f| saved.with(|s| f != s));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(definition) = form.get_untracked() else {
            return;
        };
        server_said.set(Vec::new());
        if !problems.with_untracked(Vec::is_empty) {
            outcome.set(Some(UiText::FixFields));
            return;
        }
        outcome.set(None);
        busy.set(true);
        spawn_local(async move {
            let path = format!("/api/forms/{}", definition.id);
            match api::put::<_, FormDefinition>(&path, &definition).await {
                Ok(stored) => {
                    saved.try_set(Some(stored.clone()));
                    form.try_set(Some(stored));
                }
                Err(error) => {
                    server_said.try_set(error.fields().into_iter().map(|f| f.message).collect());
                    outcome.try_set(Some(refusal(&error)));
                }
            }
            busy.try_set(false);
        });
    };
    let status = move || match (outcome.get(), saved.with(Option::is_none), unsaved()) {
        (Some(problem), _, _) => i18n.t(problem),
        (None, true, _) => i18n.t(FormsText::NotSavedYet),
        (None, false, true) => i18n.t(FormsText::Unsaved),
        (None, false, false) => i18n.t(FormsText::Saved),
    };
    let editor = move || {
        view! {
            <div class="form-editor">
                <form class="editor-form" novalidate on:submit=save data-testid="form-editor">
                    <Show when=move || saved.with(Option::is_none)>
                        <p class="hint">{tr(FormsText::NewForm)}</p>
                    </Show>
                    <DefinitionProblem problems=problems path="id".to_owned() />
                    <FormInput label=FormsText::FormName path="name".to_owned() problems=problems
                        bound=bind(form, |f| f.name.clone(), |f, t| f.name = t) />
                    <FieldsEditor form=form problems=problems />
                    <ConsentsEditor form=form problems=problems />
                    <PresentationEditor form=form problems=problems />
                    <div class="save-bar">
                        <button type="submit" class="primary" data-testid="save-form" disabled=move || busy.get()>
                            {tr(FormsText::Save)}
                        </button>
                        <span class="status" role="status" data-testid="form-status">{status}</span>
                    </div>
                    <Show when=move || server_said.with(|s| !s.is_empty())>
                        <div class="form-error" role="alert">
                            <p>{tr(FormsText::ServerSaid)}</p>
                            <ul>{move || server_said.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                        </div>
                    </Show>
                </form>
                <div class="editor-side">
                    <FormPreview form=form />
                    <EmbedSnippet form_id=form.with_untracked(|f| f.as_ref().map(|f| f.id.clone()).unwrap_or_default()) />
                </div>
            </div>
        }
    };
    view! {
        <section class="form-editor-page" aria-labelledby="form-title">
            <A href="/forms" attr:class="back">{tr(FormsText::Back)}</A>
            <header class="page-head">
                <h2 id="form-title">{move || form.with(|f| f.as_ref().map(|f| f.name.clone())).unwrap_or_else(|| form_id.clone())}</h2>
            </header>
            {move || match (loaded.get(), failed.get()) {
                (_, Some(error)) => view! {
                    <p class="error" role="alert">{i18n.t(FormsText::NotFound)} " " {i18n.t(refusal(&error))}</p>
                }
                .into_any(),
                (false, None) => view! { <p class="empty">{i18n.t(crate::i18n::Text::Loading)}</p> }.into_any(),
                (true, None) => editor().into_any(),
            }}
        </section>
    }
}
