//! The workspace section: its name and id, and who is signed in with which role, as
//! `GET /api/me` said (read-only here).

use leptos::prelude::*;

use super::text::SettingsText;
use crate::data::use_workspace;
use crate::i18n::{tr, use_i18n};

/// The workspace, read-only.
#[component]
pub fn WorkspaceSection() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let body = move || match workspace.me.get() {
        None => view! { <p class="empty">{i18n.t(SettingsText::Loading)}</p> }.into_any(),
        Some(me) => {
            let role = me.role;
            view! {
                <dl class="fields">
                    <div class="field">
                        <dt>{tr(SettingsText::WorkspaceName)}</dt>
                        <dd data-testid="workspace-name">{me.workspace.name.clone()}</dd>
                    </div>
                    <div class="field">
                        <dt>{tr(SettingsText::WorkspaceId)}</dt>
                        <dd><code>{me.workspace.id.clone()}</code></dd>
                    </div>
                    {me.user.map(|user| view! {
                        <div class="field">
                            <dt>{tr(SettingsText::You)}</dt>
                            <dd>{format!("{} · {}", user.name, user.email)}</dd>
                        </div>
                    })}
                    <div class="field">
                        <dt>{tr(SettingsText::YourRole)}</dt>
                        <dd>{tr(SettingsText::Role(role))}</dd>
                    </div>
                </dl>
            }
            .into_any()
        }
    };
    view! {
        <section class="card settings-section" id="workspace" aria-labelledby="workspace-title">
            <h3 id="workspace-title">{tr(SettingsText::Workspace)}</h3>
            {body}
        </section>
    }
}
