//! The signed-in workspace as every view sees it: its leads (read from IndexedDB at
//! once, then refreshed after each pull that brought changes), the lead table built
//! from them, and where the local copy stands against the worker. A pull runs every few
//! seconds while the app is open.

use std::sync::Arc;
use std::time::Duration;

use leadkit_shared::api::{HandoffSettingsView, LeadRecord, MeResponse};
use leadkit_shared::handoff::HandoffSettings;
use leadkit_shared::model::Rep;
use leadkit_shared::table::LeadTable;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::db::{LeadStore, StoreError, database_name};
use super::pull::{PullError, pull_new_leads};

/// The local copy of the workspace's handoff settings.
const HANDOFF_SETTINGS_DOC: &str = "handoff_settings";

/// How often the app asks the worker for changes while it is open.
const PULL_INTERVAL: Duration = Duration::from_secs(10);

/// Where the local copy stands against the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncStatus {
    /// Reading the local database.
    Loading,
    /// A pull is under way.
    Syncing,
    /// The last pull succeeded.
    Synced,
    /// The last pull failed (offline, server error), with why.
    Failed(String),
}

/// The workspace's data and status, shared by every view.
#[derive(Clone, Copy)]
pub struct Workspace {
    /// The workspace's id (its local database's name derives from it).
    pub id: StoredValue<String>,
    /// Who is signed in, when the worker could say (offline: `None`).
    pub me: RwSignal<Option<MeResponse>>,
    /// Every lead of the workspace, as stored locally.
    pub leads: RwSignal<Arc<Vec<LeadRecord>>>,
    /// The table over `leads` (search, filters, sort).
    pub table: RwSignal<Arc<LeadTable>>,
    /// Whether the local database has been read yet.
    pub loaded: RwSignal<bool>,
    pub sync: RwSignal<SyncStatus>,
    /// The workspace's reps (from its handoff settings), to show owners by name.
    pub reps: RwSignal<Vec<Rep>>,
    /// Bumped whenever the local data changed (a pull brought something): views that
    /// read touches or history from IndexedDB reload when it moves.
    pub revision: RwSignal<u64>,
    /// The pull cursor the leads in memory were read at. Another tab of the app pulls
    /// into the same database: when the stored cursor moves past this, this tab reloads
    /// though its own pull brought nothing.
    seen_cursor: StoredValue<u64>,
}

impl Workspace {
    /// Opens this workspace's local database.
    pub async fn store(&self) -> Result<LeadStore, StoreError> {
        LeadStore::open(&database_name(&self.id.get_value())).await
    }

    /// Re-reads every lead from the local database into the signals.
    pub async fn reload(&self) -> Result<(), StoreError> {
        let store = self.store().await?;
        let cursor = store.pull_cursor().await?;
        let leads = store.all_leads().await?;
        store.close();
        self.seen_cursor.try_set_value(cursor);
        let table = LeadTable::new(&leads);
        self.leads.try_set(Arc::new(leads));
        self.table.try_set(Arc::new(table));
        self.loaded.try_set(true);
        self.revision.try_update(|r| *r += 1);
        Ok(())
    }

    /// The name of the rep with id `owner`, or the id itself for a rep no longer listed.
    pub fn rep_name(&self, owner: Option<&str>) -> String {
        let Some(owner) = owner else {
            return String::new();
        };
        self.reps.with(|reps| {
            reps.iter()
                .find(|r| r.id.0.to_string() == owner)
                .map_or_else(|| owner.to_owned(), |r| r.name.clone())
        })
    }

    /// Re-reads the small documents the views need besides leads (the reps), from the
    /// worker when it answers, else from the copy kept locally.
    pub async fn refresh_documents(&self) {
        let Ok(store) = self.store().await else {
            return;
        };
        let fetched = gloo_net::http::Request::get("/api/handoff/settings")
            .send()
            .await
            .ok()
            .filter(|r| r.ok());
        let settings: Option<HandoffSettingsView> = match fetched {
            Some(response) => response.json().await.ok(),
            None => None,
        };
        match settings {
            Some(view) => {
                let _ = store.put_document(HANDOFF_SETTINGS_DOC, &view).await;
                self.reps.try_set(view.settings.reps);
            }
            None => {
                if let Ok(Some(view)) = store
                    .document::<HandoffSettingsView>(HANDOFF_SETTINGS_DOC)
                    .await
                {
                    self.reps.try_set(view.settings.reps);
                }
            }
        }
        store.close();
    }

    /// The workspace's handoff settings as last fetched (kept on this device), if ever.
    pub async fn handoff_settings(&self) -> Option<HandoffSettings> {
        let store = self.store().await.ok()?;
        let view = store
            .document::<HandoffSettingsView>(HANDOFF_SETTINGS_DOC)
            .await
            .ok()
            .flatten();
        store.close();
        view.map(|v| v.settings)
    }

    /// The lead with this id, from memory.
    pub fn lead(&self, id: &str) -> Option<LeadRecord> {
        self.leads
            .with(|leads| leads.iter().find(|l| l.id.to_string() == id).cloned())
    }
}

/// Puts `workspace_id`'s data in context and starts loading and syncing it. Stops
/// syncing when the workspace is left; `on_signed_out` runs when the worker says the
/// session has ended.
pub fn provide_workspace(
    workspace_id: String,
    me: Option<MeResponse>,
    on_signed_out: Callback<()>,
) -> Workspace {
    let workspace = Workspace {
        id: StoredValue::new(workspace_id),
        me: RwSignal::new(me),
        leads: RwSignal::new(Arc::new(Vec::new())),
        table: RwSignal::new(Arc::new(LeadTable::default())),
        loaded: RwSignal::new(false),
        sync: RwSignal::new(SyncStatus::Loading),
        revision: RwSignal::new(0),
        reps: RwSignal::new(Vec::new()),
        seen_cursor: StoredValue::new(0),
    };
    provide_context(workspace);
    spawn_local(load_and_sync(workspace, on_signed_out));
    workspace
}

/// The workspace from context.
pub fn use_workspace() -> Workspace {
    expect_context::<Workspace>()
}

async fn load_and_sync(workspace: Workspace, on_signed_out: Callback<()>) {
    if let Err(e) = workspace.reload().await {
        workspace.sync.try_set(SyncStatus::Failed(e.to_string()));
        return;
    }
    workspace.refresh_documents().await;
    loop {
        // `try_set` hands the value back once the workspace is gone: stop pulling then.
        if workspace.sync.try_set(SyncStatus::Syncing).is_some() {
            return;
        }
        let pulled = match workspace.store().await {
            Ok(store) => {
                let result = pull_new_leads(&store).await;
                let cursor = store.pull_cursor().await.ok();
                store.close();
                result.map(|count| (count, cursor))
            }
            Err(e) => Err(PullError::Store(e)),
        };
        match pulled {
            Ok((count, cursor)) => {
                let behind =
                    cursor.is_some_and(|c| Some(c) != workspace.seen_cursor.try_get_value());
                if (count > 0 || behind)
                    && let Err(e) = workspace.reload().await
                {
                    workspace.sync.try_set(SyncStatus::Failed(e.to_string()));
                } else {
                    workspace.sync.try_set(SyncStatus::Synced);
                }
            }
            Err(PullError::Refused { status: 401, .. }) => {
                on_signed_out.run(());
                return;
            }
            Err(e) => {
                workspace.sync.try_set(SyncStatus::Failed(e.to_string()));
            }
        }
        gloo_timers::future::sleep(PULL_INTERVAL).await;
    }
}
