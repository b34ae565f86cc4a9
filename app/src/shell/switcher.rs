//! The workspace switcher in the top bar, for a person in more than one workspace. The
//! worker moves the session (`POST /api/auth/switch`); the page then reloads into the
//! chosen workspace, whose leads live in a local database of their own, so nothing of
//! the workspace left stays on screen or in memory.

use leadkit_shared::api::MeResponse;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::text::ShellText;
use crate::auth::{remember_workspace, switch_workspace};
use crate::i18n::use_i18n;

/// A labelled `<select>` of the person's workspaces, the current one chosen.
#[component]
pub fn WorkspaceSwitcher(
    /// The signed-in caller, whose `workspaces` are offered.
    me: MeResponse,
) -> impl IntoView {
    let i18n = use_i18n();
    let current = me.workspace.id.clone();
    let shown = RwSignal::new(current.clone());
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let options = me
        .workspaces
        .iter()
        .map(|w| {
            view! { <option value=w.id.clone() selected=w.id == current>{w.name.clone()}</option> }
        })
        .collect_view();
    let change = move |ev: leptos::ev::Event| {
        let chosen = event_target_value(&ev);
        if chosen == current || busy.get_untracked() {
            return;
        }
        shown.set(chosen.clone());
        let stay = current.clone();
        busy.set(true);
        failed.set(false);
        spawn_local(async move {
            match switch_workspace(&chosen).await {
                Ok(me) => {
                    remember_workspace(&me.workspace.id);
                    // The leads view of the new workspace: the route shown may name a
                    // lead of the old one.
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().assign("/");
                    }
                }
                Err(_) => {
                    shown.try_set(stay);
                    failed.try_set(true);
                    busy.try_set(false);
                }
            }
        });
    };
    view! {
        <label class="switcher">
            <span class="visually-hidden">{i18n.text(ShellText::Workspace)}</span>
            <select data-testid="workspace-switcher" disabled=move || busy.get()
                prop:value=move || shown.get() on:change=change>
                {options}
            </select>
        </label>
        <span class="form-error" role="status" data-testid="switch-status">
            {move || {
                if busy.get() {
                    Some(i18n.t(ShellText::Switching))
                } else {
                    failed.get().then(|| i18n.t(ShellText::SwitchFailed))
                }
            }}
        </span>
    }
}
