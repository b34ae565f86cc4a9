//! The app shell: language, who is signed in, and either the sign-in form or the
//! workspace with its views.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::attribution::{AttributionPage, provide_win_probabilities};
use crate::auth::invite::token_in_address;
use crate::auth::{
    AcceptInvitation, AuthForm, Session, forget_workspace, remember_workspace, sign_out,
};
use crate::capture::CapturePage;
use crate::data::provide_workspace;
use crate::engine_config::provide_config_editor;
use crate::forms::{FormEditorPage, FormsPage};
use crate::funnel::FunnelPage;
use crate::handoff::HandoffPage;
use crate::i18n::{Text, provide_i18n};
use crate::icp::IcpPage;
use crate::import::ImportPage;
use crate::lead_detail::LeadDetailPage;
use crate::leads::LeadsPage;
use crate::scoring::ScoringPage;
use crate::segments::{SegmentsPage, provide_segments};
use crate::settings::SettingsPage;
use crate::shell::{Nav, SyncBadge, UpdateBanner, WorkspaceSwitcher};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let i18n = provide_i18n();
    let session = RwSignal::new(Session::Checking);
    // An accept link (`/?invite=…`) shows the invitation screen first, signed in or not.
    let invite = RwSignal::new(token_in_address());
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
        invite.set(None);
        session.set(Session::SignedIn(me));
    });
    let on_left_invitation = Callback::new(move |()| invite.set(None));
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
    // The workspace is rebuilt only when the workspace changes, not on every session
    // update.
    let workspace_id = Memo::new(move |_| session.with(Session::workspace_id));
    let who = move || match session.get() {
        Session::SignedIn(me) => me.user.map_or(me.workspace.name.clone(), |user| {
            format!("{} · {}", user.email, me.workspace.name)
        }),
        _ => String::new(),
    };

    view! {
        <Router>
            <header class="topbar">
                <h1 class="brand">"leadkit"</h1>
                <p class="who" data-testid="who">{who}</p>
                {move || session.with(|s| match s {
                    Session::SignedIn(me) if me.workspaces.len() > 1 => {
                        Some(view! { <WorkspaceSwitcher me=me.clone() /> })
                    }
                    _ => None,
                })}
                <Show when=move || matches!(session.get(), Session::SignedIn(_))>
                    <button class="sign-out" data-testid="sign-out" on:click=sign_out_clicked>
                        {move || i18n.t(Text::SignOut)}
                    </button>
                </Show>
                <button
                    class="lang"
                    data-testid="switch-language"
                    title=move || i18n.t(Text::SwitchLanguage)
                    on:click=move |_| i18n.switch()
                >
                    {move || i18n.locale.get().other().name()}
                </button>
            </header>
            <UpdateBanner />
            {move || match (workspace_id.get(), session.with(|s| *s == Session::Checking)) {
                _ if invite.with(Option::is_some) => {
                    let token = invite.get_untracked().unwrap_or_default();
                    view! {
                        <main>
                            <AcceptInvitation token=token on_signed_in=on_signed_in on_leave=on_left_invitation />
                        </main>
                    }
                        .into_any()
                }
                (Some(id), _) => {
                    let me = session.with_untracked(|s| match s {
                        Session::SignedIn(me) => Some(me.clone()),
                        _ => None,
                    });
                    view! { <WorkspaceView workspace_id=id me=me on_signed_out=on_signed_out /> }
                        .into_any()
                }
                (None, true) => view! { <main><p class="sync">{move || i18n.t(Text::Loading)}</p></main> }.into_any(),
                (None, false) => view! { <main><AuthForm on_signed_in=on_signed_in /></main> }.into_any(),
            }}
        </Router>
    }
}

/// A signed-in workspace: its data in context, the menu, and the routed view.
#[component]
fn WorkspaceView(
    workspace_id: String,
    me: Option<leadkit_shared::api::MeResponse>,
    on_signed_out: Callback<()>,
) -> impl IntoView {
    let workspace = provide_workspace(workspace_id, me, on_signed_out);
    provide_win_probabilities(workspace);
    // One draft of the engine configuration for both editors, so an edit survives a
    // switch between them until it is saved or discarded.
    provide_config_editor();
    provide_segments(workspace);
    view! {
        <div class="workspace">
            <Nav />
            <main>
                <SyncBadge />
                <Routes fallback=|| view! { <LeadsPage /> }>
                    <Route path=path!("/") view=LeadsPage />
                    <Route path=path!("/leads") view=LeadsPage />
                    <Route path=path!("/leads/:id") view=LeadDetailPage />
                    <Route path=path!("/capture") view=CapturePage />
                    <Route path=path!("/icp") view=IcpPage />
                    <Route path=path!("/scoring") view=ScoringPage />
                    <Route path=path!("/funnel") view=FunnelPage />
                    <Route path=path!("/attribution") view=AttributionPage />
                    <Route path=path!("/handoff") view=HandoffPage />
                    <Route path=path!("/forms") view=FormsPage />
                    <Route path=path!("/forms/:id") view=FormEditorPage />
                    <Route path=path!("/segments") view=SegmentsPage />
                    <Route path=path!("/settings") view=SettingsPage />
                    <Route path=path!("/import") view=ImportPage />
                </Routes>
            </main>
        </div>
    }
}
