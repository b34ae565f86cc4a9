//! The sync badge: whether this device's copy is current, being synced, or stale and why.

use leptos::prelude::*;

use super::text::ShellText;
use crate::data::{SyncStatus, use_workspace};
use crate::i18n::use_i18n;

/// Where the local copy stands, always visible in the top bar.
#[component]
pub fn SyncBadge() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let text = move || match workspace.sync.get() {
        SyncStatus::Loading => i18n.t(ShellText::Loading),
        SyncStatus::Syncing => i18n.t(ShellText::Syncing),
        SyncStatus::Synced => i18n.t(ShellText::Synced),
        SyncStatus::Failed(reason) => format!("{}: {reason}", i18n.t(ShellText::SyncFailed)),
    };
    let class = move || match workspace.sync.get() {
        SyncStatus::Failed(_) => "sync failed",
        SyncStatus::Synced => "sync ok",
        _ => "sync busy",
    };
    let pending = move || {
        let n = workspace.pending.get();
        (n > 0).then(|| view! { <span class="pending" data-testid="pending-count">{i18n.t(ShellText::Pending(n))}</span> })
    };
    let rejected = move || {
        workspace
            .rejected
            .get()
            .into_iter()
            .map(|op| {
                let id = op.op_id.clone();
                view! {
                    <li class="error" data-testid="rejected-op">
                        {format!("{}: {}", i18n.t(ShellText::Refused), op.reason)}
                        <button
                            class="link"
                            on:click=move |_| {
                                let id = id.clone();
                                leptos::task::spawn_local(async move { workspace.dismiss(&id).await });
                            }
                        >
                            {i18n.t(ShellText::Dismiss)}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    // The first download of a workspace can take a while on a phone: show how far it is.
    let first_pull = move || {
        let progress = workspace.first_pull.get()?;
        let total = progress.total.filter(|t| *t > 0)?;
        let received = progress.received.min(total);
        let label = i18n.t(ShellText::FirstPull(received, total));
        Some(view! {
            <label class="first-pull" data-testid="first-pull">
                <span>{label.clone()}</span>
                <progress max=total.to_string() value=received.to_string() aria-label=label></progress>
            </label>
        })
    };
    view! {
        <div class="sync-line">
            <p class=class role="status" data-testid="sync-status">{text}</p>
            {first_pull}
            {pending}
            <ul class="rejected-ops" aria-live="polite">{rejected}</ul>
        </div>
    }
}
