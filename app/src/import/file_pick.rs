//! Picking the file: a labelled file input, and on desktop a zone to drop it on.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::text::ImportText;
use crate::i18n::use_i18n;

/// The file input and drop zone.
#[component]
pub fn FilePick(
    /// Called with the file the person picked or dropped.
    on_file: Callback<web_sys::File>,
) -> impl IntoView {
    let i18n = use_i18n();
    let over = RwSignal::new(false);
    let picked = move |ev: leptos::ev::Event| {
        let file = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| {
                let file = input.files().and_then(|files| files.get(0));
                // The same file can be picked again after a fix.
                input.set_value("");
                file
            });
        if let Some(file) = file {
            on_file.run(file);
        }
    };
    let dropped = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        over.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|files| files.get(0))
        {
            on_file.run(file);
        }
    };
    view! {
        <div
            class="import-drop"
            class:over=move || over.get()
            data-testid="import-drop"
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                over.set(true);
            }
            on:dragleave=move |_| over.set(false)
            on:drop=dropped
        >
            <label class="button import-file">
                {i18n.text(ImportText::ChooseFile)}
                <input
                    type="file"
                    accept=".csv,text/csv"
                    data-testid="import-file"
                    on:change=picked
                />
            </label>
            <p class="hint">{i18n.text(ImportText::DropHint)}</p>
        </div>
    }
}
