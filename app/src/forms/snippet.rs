//! The embed snippet for a form, pointed at the origin the app is served from (the
//! worker serves app, API and snippets together), with a copy button.

use leadkit_shared::forms::embed_snippet;
use leptos::prelude::*;

use super::text::FormsText;
use crate::i18n::tr;
use crate::ui::CopyButton;

/// The snippet for form `form_id`.
#[component]
pub fn EmbedSnippet(
    /// The form's id.
    form_id: String,
) -> impl IntoView {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let snippet = embed_snippet(&origin, &form_id);
    let copied = snippet.clone();
    view! {
        <section class="card embed" aria-labelledby="embed-title">
            <h3 id="embed-title">{tr(FormsText::Embed)}</h3>
            <p class="hint">{tr(FormsText::EmbedHint)}</p>
            <pre class="snippet"><code data-testid="embed-snippet">{snippet}</code></pre>
            <CopyButton text=Signal::derive(move || copied.clone()) test_id="copy-snippet" />
        </section>
    }
}
