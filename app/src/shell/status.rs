//! The sync line: whether the browser is online, whether this device's copy is current,
//! being synced or stale and why, how many changes wait to be sent, when the last sync
//! succeeded, and a button to sync now.

use leptos::prelude::*;

use super::text::ShellText;
use crate::data::{SyncStatus, use_workspace};
use crate::i18n::use_i18n;

/// How often "last synced … ago" is brought up to date.
const AGO_TICK: std::time::Duration = std::time::Duration::from_secs(15);

/// Where the local copy stands, always visible in the top bar.
#[component]
pub fn SyncBadge() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let now_ms = RwSignal::new(js_sys::Date::now());
    leptos::task::spawn_local(async move {
        loop {
            gloo_timers::future::sleep(AGO_TICK).await;
            // The line is gone once its signal is: stop ticking then.
            if now_ms.try_set(js_sys::Date::now()).is_some() {
                return;
            }
        }
    });
    let text = move || match workspace.sync.get() {
        SyncStatus::Loading => i18n.t(ShellText::Loading),
        SyncStatus::Syncing => i18n.t(ShellText::Syncing),
        SyncStatus::Synced => i18n.t(ShellText::Synced),
        SyncStatus::Failed(_) => i18n.t(ShellText::SyncFailed),
        SyncStatus::Offline => i18n.t(ShellText::WaitingForNetwork),
    };
    let class = move || match workspace.sync.get() {
        SyncStatus::Failed(_) => "sync failed",
        SyncStatus::Synced => "sync ok",
        SyncStatus::Offline => "sync offline",
        _ => "sync busy",
    };
    let chip = move || {
        if workspace.online.get() {
            ("chip online", i18n.t(ShellText::Online))
        } else {
            ("chip offline", i18n.t(ShellText::Offline))
        }
    };
    let last_synced = move || {
        let label = match workspace.last_synced.get() {
            Some(at) => {
                // `now_ms` ticks; a sync that just happened may be a moment past it.
                let now = now_ms.get().max(js_sys::Date::now());
                ShellText::LastSynced(((now - at) / 1000.0).max(0.0) as u64)
            }
            None => ShellText::NeverSynced,
        };
        i18n.t(label)
    };
    let error = move || {
        let why = workspace.last_error.get()?;
        Some(view! {
            <span class="sync-error" data-testid="sync-error">
                {move || i18n.t(ShellText::LastError)} ": " {why}
            </span>
        })
    };
    let pending = move || {
        let n = workspace.pending.get();
        (n > 0).then(|| view! { <span class="pending" data-testid="pending-count">{i18n.t(ShellText::Pending(n))}</span> })
    };
    let busy = move || workspace.syncing() || !workspace.online.get();
    let sync_now = move |_| {
        leptos::task::spawn_local(async move {
            let _ = workspace.sync_now().await;
        });
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
        <div class="sync-line" data-testid="sync-line">
            <span class=move || chip().0 data-testid="online-chip">{move || chip().1}</span>
            <p class=class role="status" data-testid="sync-status">{text}</p>
            <span class="last-synced" data-testid="last-synced">{last_synced}</span>
            {pending}
            {error}
            <button
                type="button"
                class="secondary sync-now"
                data-testid="sync-now"
                disabled=busy
                on:click=sync_now
            >
                {i18n.text(ShellText::SyncNow)}
            </button>
            {first_pull}
            <ul class="rejected-ops" aria-live="polite">{rejected}</ul>
        </div>
    }
}
