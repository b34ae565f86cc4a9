//! A secret shown once (a webhook's signing secret, a new API token, an invitation link) with a copy button,
//! until the person says they stored it.

use leptos::prelude::*;

use super::text::SettingsText;
use crate::i18n::{Translate, use_i18n};
use crate::ui::CopyButton;

/// The secret in `secret`, while it holds one.
#[component]
pub fn OnceSecret<N>(
    /// The secret; cleared when the person is done.
    secret: RwSignal<Option<String>>,
    /// What to say about it.
    note: N,
    /// The test id of the box.
    test_id: &'static str,
) -> impl IntoView
where
    N: Translate + Copy + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! {
        {move || secret.get().map(|value| {
            let copied = value.clone();
            view! {
                <div class="secret" role="status" data-testid=test_id>
                    <p>{i18n.t(note)}</p>
                    <code class="secret-value" data-testid=format!("{test_id}-value")>{value}</code>
                    <div class="row">
                        <CopyButton text=Signal::derive(move || copied.clone()) test_id="copy-secret" />
                        <button type="button" class="secondary" on:click=move |_| secret.set(None)>
                            {i18n.t(SettingsText::Done)}
                        </button>
                    </div>
                </div>
            }
        })}
    }
}
