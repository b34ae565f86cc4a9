//! One labelled input of the capture form, with its problem right under it.

use leadkit_shared::capture::FieldError;
use leptos::prelude::*;

use super::text::CaptureText;
use crate::i18n::use_i18n;
use crate::ui::FieldProblem;

/// A text input bound to `value`, named `name` (the field the shared check reports).
#[component]
pub fn CaptureField(
    /// Its label.
    label: CaptureText,
    /// The field's name, as the shared check names it (`email`).
    name: &'static str,
    /// The input's `type` (`text`, `email`, `tel`).
    #[prop(default = "text")]
    input_type: &'static str,
    /// The browser's autofill hint (`name`, `email`, `tel`, `organization` …).
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// What was typed.
    value: RwSignal<String>,
    /// The problems of the last save.
    problems: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let invalid = move || {
        problems
            .with(|all| all.iter().any(|p| p.field == name))
            .to_string()
    };
    view! {
        <label class="field">
            <span class="field-label">{i18n.text(label)}</span>
            <input
                type=input_type
                name=name
                autocomplete=autocomplete
                aria-invalid=invalid
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <FieldProblem problems=problems path=name />
        </label>
    }
}
