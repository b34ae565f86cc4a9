//! A button that copies a text (a secret shown once, an embed snippet) to the clipboard
//! and says whether it worked.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

use super::text::UiText;
use crate::i18n::{tr, use_i18n};

/// Copies `text` when pressed.
#[component]
pub fn CopyButton(
    /// What to copy.
    #[prop(into)]
    text: Signal<String>,
    /// The button's test id.
    #[prop(optional)]
    test_id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let outcome = RwSignal::new(None::<UiText>);
    let copy = move |_| {
        let value = text.get_untracked();
        spawn_local(async move {
            let copied = match web_sys::window() {
                Some(window) => {
                    let promise = window.navigator().clipboard().write_text(&value);
                    JsFuture::from(promise).await.is_ok()
                }
                None => false,
            };
            outcome.try_set(Some(if copied {
                UiText::Copied
            } else {
                UiText::CopyFailed
            }));
        });
    };
    view! {
        <span class="copy">
            <button type="button" class="secondary" data-testid=test_id on:click=copy>
                {tr(UiText::Copy)}
            </button>
            <span class="copy-outcome" role="status">{move || outcome.get().map(|o| i18n.t(o))}</span>
        </span>
    }
}
