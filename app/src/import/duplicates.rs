//! The choice for rows that match a lead already in the workspace.

use leadkit_shared::csv_io::ExistingPolicy;
use leptos::prelude::*;

use super::text::ImportText;
use crate::i18n::use_i18n;

/// Skip, fill the existing lead's empty fields, or overwrite them.
#[component]
pub fn DuplicateChoice(
    /// The chosen policy.
    policy: RwSignal<ExistingPolicy>,
) -> impl IntoView {
    let i18n = use_i18n();
    let option = move |value: ExistingPolicy, text: ImportText, id: &'static str| {
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name="import-existing"
                    data-testid=id
                    prop:checked=move || policy.get() == value
                    on:change=move |_| policy.set(value)
                />
                {i18n.text(text)}
            </label>
        }
    };
    view! {
        <fieldset class="import-duplicates">
            <legend>{i18n.text(ImportText::DuplicatesTitle)}</legend>
            {option(ExistingPolicy::Skip, ImportText::Skip, "import-skip")}
            {option(ExistingPolicy::FillEmpty, ImportText::FillEmpty, "import-fill")}
            {option(ExistingPolicy::Overwrite, ImportText::Overwrite, "import-overwrite")}
            <p class="hint">{i18n.text(ImportText::InFileNote)}</p>
        </fieldset>
    }
}
