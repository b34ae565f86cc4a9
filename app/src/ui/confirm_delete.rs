//! A button that deletes (or revokes) something through the API, asking once more
//! first: the first press turns it into its confirmation, the second sends
//! `DELETE path`; a refusal is said beside it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::text::{UiText, refusal};
use crate::data::api;
use crate::i18n::use_i18n;

/// Deletes `path` on the second press.
#[component]
pub fn ConfirmDelete(
    /// The API path to `DELETE`.
    path: String,
    /// The button's text before it is pressed ("Delete", "Revoke").
    #[prop(into)]
    label: Signal<String>,
    /// Its text once pressed, asking to confirm.
    #[prop(into)]
    confirm: Signal<String>,
    /// The button's test id.
    test_id: &'static str,
    /// Called after the worker deleted it.
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let problem = RwSignal::new(None::<UiText>);
    let press = move |_| {
        if !confirming.get_untracked() {
            confirming.set(true);
            return;
        }
        let path = path.clone();
        spawn_local(async move {
            match api::delete(&path).await {
                Ok(()) => on_done.run(()),
                Err(error) => {
                    problem.try_set(Some(refusal(&error)));
                }
            }
        });
    };
    view! {
        <button type="button" class="danger" data-testid=test_id on:click=press>
            {move || if confirming.get() { confirm.get() } else { label.get() }}
        </button>
        <span class="form-error" role="alert">{move || problem.get().map(|p| i18n.t(p))}</span>
    }
}
