//! The banner that offers a new build of the app. index.html registers the service
//! worker and, when a newer build has installed and waits, keeps it in
//! `window.leadkitUpdate` and fires `leadkit-update`; the banner's button fires
//! `leadkit-apply-update`, upon which index.html lets the new worker take over and
//! reloads once. The page never runs the old JS with the new wasm: it reloads whole.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::text::ShellText;
use crate::i18n::use_i18n;

/// Whether a newer build is waiting already (it installed before the app started).
fn update_waiting() -> bool {
    js_sys::Reflect::get(&window(), &JsValue::from_str("leadkitUpdate"))
        .is_ok_and(|worker| worker.is_truthy())
}

/// "A new version is available — Reload", shown while a newer build waits.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let i18n = use_i18n();
    let ready = RwSignal::new(update_waiting());
    let listener = window_event_listener_untyped("leadkit-update", move |_| ready.set(true));
    on_cleanup(move || listener.remove());
    let reload = move |_| {
        if let Ok(event) = web_sys::Event::new("leadkit-apply-update") {
            let _ = window().dispatch_event(&event);
        }
    };
    view! {
        <Show when=move || ready.get()>
            <div class="update-banner" role="status" data-testid="update-banner">
                <span>{i18n.text(ShellText::UpdateReady)}</span>
                <button class="primary" data-testid="update-reload" on:click=reload>
                    {i18n.text(ShellText::Reload)}
                </button>
            </div>
        </Show>
    }
}
