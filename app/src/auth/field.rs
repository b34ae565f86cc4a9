//! One labelled input of the sign-in form, with the worker's complaint about it shown
//! right under it, in the UI's language.

use leadkit_shared::capture::FieldError;
use leptos::prelude::*;

use crate::i18n::{Text, use_i18n};

/// A text input bound to `value`, showing the problem `problems` holds for `name`.
#[component]
pub fn Field(
    /// The field's name: the form field and the `field` of the worker's errors.
    name: &'static str,
    /// Its label.
    label: Text,
    /// The input's `type`.
    input_type: &'static str,
    /// The browser's autofill hint; it may change with the form's mode (a password is
    /// `current-password` to sign in, `new-password` to sign up).
    #[prop(into)]
    autocomplete: Signal<&'static str>,
    /// What the person typed.
    value: RwSignal<String>,
    /// The field errors of the last attempt.
    problems: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let problem = move || problems.with(|all| all.iter().find(|p| p.field == name).map(|p| p.code));
    let error_id = format!("{name}-error");
    view! {
        <label class="field">
            <span class="field-label">{move || i18n.t(label)}</span>
            <input
                type=input_type
                name=name
                autocomplete=move || autocomplete.get()
                aria-invalid=move || problem().is_some().to_string()
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <span class="field-error" id=error_id data-testid=format!("error-{name}") aria-live="polite">
                {move || problem().map(|code| i18n.t(Text::Problem(code)))}
            </span>
        </label>
    }
}
