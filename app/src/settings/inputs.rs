//! One labelled input of the handoff settings form bound to a part of the draft, with
//! the problem reported for its path right under it.

use leadkit_shared::capture::FieldError;
use leptos::prelude::*;

pub use crate::ui::bind;

use super::draft::SettingsDraft;
use super::text::{SettingsText, settings_problem};
use crate::i18n::use_i18n;
use crate::ui::FieldProblem;

/// The draft being edited; `None` until the settings are loaded.
pub type Draft = RwSignal<Option<SettingsDraft>>;

/// A text or number input named after its settings path.
#[component]
pub fn DraftInput(
    /// Its label.
    label: SettingsText,
    /// The settings path it edits, also the input's name (`reps[0].email`).
    #[prop(into)]
    path: String,
    /// The input's `type`.
    #[prop(default = "text")]
    input_type: &'static str,
    /// The value and its write, from [`bind`].
    bound: (Signal<String>, Callback<String>),
    /// The problems of the last save.
    problems: RwSignal<Vec<FieldError>>,
    /// A line of help under the label.
    #[prop(optional)]
    hint: Option<SettingsText>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (value, write) = bound;
    let invalid = {
        let path = path.clone();
        move || {
            problems
                .with(|all| all.iter().any(|p| p.field == path))
                .to_string()
        }
    };
    let numeric = input_type == "number";
    view! {
        <label class="field">
            <span class="field-label">{move || i18n.t(label)}</span>
            {hint.map(|hint| view! { <span class="hint">{move || i18n.t(hint)}</span> })}
            <input
                type=if numeric { "text" } else { input_type }
                inputmode=if numeric { "numeric" } else { "text" }
                name=path.clone()
                aria-invalid=invalid
                prop:value=move || value.get()
                on:input=move |ev| write.run(event_target_value(&ev))
            />
            <FieldProblem problems=problems path=path explain=settings_problem />
        </label>
    }
}
