//! `/forms`: the workspace's forms with how many fields each asks, and a new form made
//! from an id (it opens in the editor, starting from the default contact form).

use leadkit_shared::forms::FormDefinition;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use serde::Deserialize;

use super::text::FormsText;
use crate::data::{ApiError, api};
use crate::i18n::{tr, use_i18n};
use crate::ui::refusal;

/// The answer of `GET /api/forms`.
#[derive(Debug, Clone, Deserialize)]
pub struct FormList {
    pub forms: Vec<FormDefinition>,
}

/// The list of forms.
#[component]
pub fn FormsPage() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let forms = RwSignal::new(None::<Result<Vec<FormDefinition>, ApiError>>);
    spawn_local(async move {
        let got = api::get::<FormList>("/api/forms").await.map(|l| l.forms);
        forms.try_set(Some(got));
    });
    let new_id = RwSignal::new(String::new());
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = new_id.get_untracked().trim().to_owned();
        if !id.is_empty() {
            navigate(&format!("/forms/{id}"), Default::default());
        }
    };
    view! {
        <section class="forms-page" aria-labelledby="forms-title">
            <header class="page-head">
                <h2 id="forms-title">{tr(FormsText::Title)}</h2>
            </header>
            {move || match forms.get() {
                None => view! { <p class="empty">{i18n.t(crate::i18n::Text::Loading)}</p> }.into_any(),
                Some(Err(error)) => view! { <p class="error" role="alert">{i18n.t(refusal(&error))}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="empty">{i18n.t(FormsText::NoForms)}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class="form-list">
                        {list.into_iter().map(|form| {
                            let count = form.fields.iter().filter(|f| f.is_visible()).count();
                            view! {
                                <li data-testid="form-row">
                                    <A href=format!("/forms/{}", form.id)>{form.name.clone()}</A>
                                    <code>{form.id.clone()}</code>
                                    <span class="detail">{tr(FormsText::FieldCount(count))}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any(),
            }}
            <form class="inline-form card" novalidate on:submit=create>
                <label class="field">
                    <span class="field-label">{tr(FormsText::NewFormId)}</span>
                    <span class="hint">{tr(FormsText::NewFormIdHint)}</span>
                    <input type="text" name="new-form-id" autocapitalize="off" spellcheck="false"
                        prop:value=move || new_id.get() on:input=move |ev| new_id.set(event_target_value(&ev)) />
                </label>
                <button type="submit" class="secondary">{tr(FormsText::CreateForm)}</button>
            </form>
        </section>
    }
}
