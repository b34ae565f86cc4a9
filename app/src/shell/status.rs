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
    view! { <p class=class role="status" data-testid="sync-status">{text}</p> }
}
