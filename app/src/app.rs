//! The app shell: language, sync status, and the lead list, wired to the local store
//! and the periodic pull.

use std::time::Duration;

use leadkit_shared::api::LeadRecord;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{Text, provide_i18n};
use crate::leads::list::LeadList;
use crate::leads::pull::pull_new_leads;
use crate::leads::store::{DB_NAME, LeadStore};

/// How often the app asks the worker for new leads while it is open.
const PULL_INTERVAL: Duration = Duration::from_secs(10);

/// Where the local copy stands against the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
enum SyncState {
    Loading,
    Syncing,
    Synced,
    Failed(String),
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let i18n = provide_i18n();
    let leads = RwSignal::new(Vec::<LeadRecord>::new());
    let loaded = RwSignal::new(false);
    let sync = RwSignal::new(SyncState::Loading);
    spawn_local(load_and_sync(leads, loaded, sync));

    Effect::new(move || {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", i18n.locale.get().tag());
        }
    });

    let status_text = move || match sync.get() {
        SyncState::Loading => i18n.t(Text::Loading),
        SyncState::Syncing => i18n.t(Text::Syncing),
        SyncState::Synced => i18n.t(Text::Synced),
        SyncState::Failed(reason) => format!("{}: {reason}", i18n.t(Text::SyncFailed)),
    };
    view! {
        <header class="topbar">
            <h1 class="brand">"leadkit"</h1>
            <p class="sync" role="status" data-testid="sync-status">{status_text}</p>
            <button
                class="lang"
                title=move || i18n.t(Text::SwitchLanguage)
                on:click=move |_| i18n.locale.update(|l| *l = l.other())
            >
                {move || i18n.locale.get().other().name()}
            </button>
        </header>
        <main>
            <LeadList leads=leads.into() loaded=loaded.into() />
        </main>
    }
}

/// Shows what the local store holds, then keeps pulling new leads into it.
async fn load_and_sync(
    leads: RwSignal<Vec<LeadRecord>>,
    loaded: RwSignal<bool>,
    sync: RwSignal<SyncState>,
) {
    let store = match LeadStore::open(DB_NAME).await {
        Ok(store) => store,
        Err(e) => {
            sync.set(SyncState::Failed(e.to_string()));
            return;
        }
    };
    let show_local = async || match store.all_leads().await {
        Ok(mut local) => {
            LeadRecord::sort_newest_first(&mut local);
            leads.set(local);
            loaded.set(true);
        }
        Err(e) => sync.set(SyncState::Failed(e.to_string())),
    };
    show_local().await;
    loop {
        sync.set(SyncState::Syncing);
        match pull_new_leads(&store).await {
            Ok(pulled) => {
                if pulled > 0 {
                    show_local().await;
                }
                sync.set(SyncState::Synced);
            }
            Err(e) => sync.set(SyncState::Failed(e.to_string())),
        }
        gloo_timers::future::sleep(PULL_INTERVAL).await;
    }
}
