//! The empty workspace's offer: fill it with the demo (POST /api/demo), then pull the
//! demo leads at once.

use gloo_net::http::Request;
use leadkit_shared::api::ErrorBody;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::text::LeadsText;
use crate::data::use_workspace;
use crate::i18n::use_i18n;

/// What the demo button shows while it works and after.
#[derive(Debug, Clone, PartialEq, Eq)]
enum DemoState {
    Idle,
    Filling,
    Failed(String),
}

/// The "fill with demo data" button with its explanation.
#[component]
pub fn DemoOffer() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let state = RwSignal::new(DemoState::Idle);
    let fill = move |_| {
        state.set(DemoState::Filling);
        spawn_local(async move {
            let sent = Request::post("/api/demo")
                .header("content-type", "application/json")
                .body("{}")
                .map(|r| r.send());
            let outcome = match sent {
                Ok(request) => match request.await {
                    Ok(response) if response.ok() => Ok(()),
                    Ok(response) => Err(response
                        .json::<ErrorBody>()
                        .await
                        .map(|b| b.message)
                        .unwrap_or_else(|_| response.status_text())),
                    Err(e) => Err(e.to_string()),
                },
                Err(e) => Err(e.to_string()),
            };
            match outcome {
                Ok(()) => {
                    let _ = workspace.sync_now().await;
                    state.try_set(DemoState::Idle);
                }
                Err(message) => {
                    state.try_set(DemoState::Failed(message));
                }
            }
        });
    };
    view! {
        <div class="demo-offer">
            <p>{move || i18n.t(LeadsText::DemoHint)}</p>
            <button
                class="primary"
                data-testid="fill-demo"
                disabled=move || state.get() == DemoState::Filling
                on:click=fill
            >
                {move || {
                    if state.get() == DemoState::Filling {
                        i18n.t(LeadsText::FillingDemo)
                    } else {
                        i18n.t(LeadsText::FillDemo)
                    }
                }}
            </button>
            {move || match state.get() {
                DemoState::Failed(message) => Some(view! { <p class="error" role="alert">{message}</p> }),
                _ => None,
            }}
        </div>
    }
}
