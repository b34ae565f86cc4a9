//! The app shell: language, who is signed in, and either the sign-in form or the
//! workspace's leads.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::auth::{AuthForm, Session, forget_workspace, remember_workspace, sign_out};
use crate::i18n::{Text, provide_i18n};
use crate::leads::workspace::LeadWorkspace;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let i18n = provide_i18n();
    let session = RwSignal::new(Session::Checking);
    spawn_local(async move {
        session.set(Session::check().await);
    });

    Effect::new(move || {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", i18n.locale.get().tag());
        }
    });

    let on_signed_in = Callback::new(move |me: leadkit_shared::api::MeResponse| {
        remember_workspace(&me.workspace.id);
        session.set(Session::SignedIn(me));
    });
    let on_signed_out = Callback::new(move |()| {
        forget_workspace();
        session.set(Session::SignedOut);
    });
    let sign_out_clicked = move |_| {
        spawn_local(async move {
            // Even if the worker cannot be reached, this device forgets the workspace;
            // the cookie then dies with its session's expiry.
            let _ = sign_out().await;
            on_signed_out.run(());
        });
    };
    // The workspace view is rebuilt only when the workspace changes, not on every
    // session update.
    let workspace_id = Memo::new(move |_| session.with(Session::workspace_id));
    let who = move || match session.get() {
        Session::SignedIn(me) => me.user.map_or(me.workspace.name.clone(), |user| {
            format!("{} · {}", user.email, me.workspace.name)
        }),
        _ => String::new(),
    };

    view! {
        <header class="topbar">
            <h1 class="brand">"leadkit"</h1>
            <p class="who" data-testid="who">{who}</p>
            <Show when=move || matches!(session.get(), Session::SignedIn(_))>
                <button class="sign-out" data-testid="sign-out" on:click=sign_out_clicked>
                    {move || i18n.t(Text::SignOut)}
                </button>
            </Show>
            <button
                class="lang"
                title=move || i18n.t(Text::SwitchLanguage)
                on:click=move |_| i18n.locale.update(|l| *l = l.other())
            >
                {move || i18n.locale.get().other().name()}
            </button>
        </header>
        <main>
            {move || match (workspace_id.get(), session.with(|s| *s == Session::Checking)) {
                (Some(id), _) => {
                    view! { <LeadWorkspace workspace_id=id on_signed_out=on_signed_out /> }
                        .into_any()
                }
                (None, true) => view! { <p class="sync">{move || i18n.t(Text::Loading)}</p> }.into_any(),
                (None, false) => view! { <AuthForm on_signed_in=on_signed_in /> }.into_any(),
            }}
        </main>
    }
}
