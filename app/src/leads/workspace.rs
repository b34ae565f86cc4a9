//! A signed-in workspace's leads: shown from the local store at once, then kept in step
//! with the worker by a pull every few seconds while the app is open.

use std::time::Duration;

use leadkit_shared::api::LeadRecord;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::list::LeadList;
use super::pull::{PullError, pull_new_leads};
use super::store::{LeadStore, database_name};
use crate::i18n::{Text, use_i18n};

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

/// The sync status and the lead list of one workspace.
#[component]
pub fn LeadWorkspace(
    /// The workspace whose leads to show; each has a local database of its own, so one
    /// device never shows one workspace's leads to another's member.
    workspace_id: String,
    /// Called when the worker says the session has ended.
    on_signed_out: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let leads = RwSignal::new(Vec::<LeadRecord>::new());
    let loaded = RwSignal::new(false);
    let sync = RwSignal::new(SyncState::Loading);
    spawn_local(load_and_sync(
        database_name(&workspace_id),
        leads,
        loaded,
        sync,
        on_signed_out,
    ));
    let status_text = move || match sync.get() {
        SyncState::Loading => i18n.t(Text::Loading),
        SyncState::Syncing => i18n.t(Text::Syncing),
        SyncState::Synced => i18n.t(Text::Synced),
        SyncState::Failed(reason) => format!("{}: {reason}", i18n.t(Text::SyncFailed)),
    };
    view! {
        <p class="sync" role="status" data-testid="sync-status">{status_text}</p>
        <LeadList leads=leads.into() loaded=loaded.into() />
    }
}

/// Shows what the local store holds, then keeps pulling new leads into it. Stops when
/// the signals are gone (the workspace was left) or the session has ended.
async fn load_and_sync(
    db_name: String,
    leads: RwSignal<Vec<LeadRecord>>,
    loaded: RwSignal<bool>,
    sync: RwSignal<SyncState>,
    on_signed_out: Callback<()>,
) {
    let store = match LeadStore::open(&db_name).await {
        Ok(store) => store,
        Err(e) => {
            sync.try_set(SyncState::Failed(e.to_string()));
            return;
        }
    };
    let show_local = async || match store.all_leads().await {
        Ok(mut local) => {
            LeadRecord::sort_newest_first(&mut local);
            leads.try_set(local);
            loaded.try_set(true);
        }
        Err(e) => {
            sync.try_set(SyncState::Failed(e.to_string()));
        }
    };
    show_local().await;
    loop {
        // `try_set` hands the value back once the component is gone: stop pulling then.
        if sync.try_set(SyncState::Syncing).is_some() {
            return;
        }
        match pull_new_leads(&store).await {
            Ok(pulled) => {
                if pulled > 0 {
                    show_local().await;
                }
                sync.try_set(SyncState::Synced);
            }
            Err(PullError::Refused { status: 401, .. }) => {
                on_signed_out.run(());
                return;
            }
            Err(e) => {
                sync.try_set(SyncState::Failed(e.to_string()));
            }
        }
        gloo_timers::future::sleep(PULL_INTERVAL).await;
    }
}
