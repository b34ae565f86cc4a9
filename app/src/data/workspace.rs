//! The signed-in workspace as every view sees it: its leads (read from IndexedDB at
//! once, then refreshed after each pull that brought changes), the lead table built
//! from them, and where the local copy stands against the worker. A sync (push, then
//! pull) runs every few seconds while the app is open and online; after a failure the
//! next waits by the shared backoff schedule, and coming back online tries at once.

use std::sync::Arc;
use std::time::Duration;

use leadkit_shared::api::{EngineConfigView, HandoffSettingsView, LeadRecord, MeResponse};
use leadkit_shared::lifecycle::LifecycleConfig;
use leadkit_shared::model::Rep;
use leadkit_shared::sync::{OpBody, OpId, Operation, apply_locally, create_locally, next_delay};
use leadkit_shared::table::LeadTable;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::db::{FirstPull, LeadStore, RejectedOp, StoreError, database_name, no_crypto};
use super::pull::{PullError, pull_new_leads};
use super::push::push_pending;

/// The local record of the last sync that succeeded (browser milliseconds), so a reload
/// while offline still says how old the copy is.
const LAST_SYNCED_DOC: &str = "last_synced";

/// How often the app asks the worker for changes while it is open.
const PULL_INTERVAL: Duration = Duration::from_secs(10);

/// How often the wait between pulls looks whether a view asked for one sooner.
const WAKE_CHECK: Duration = Duration::from_millis(250);

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
    /// The browser says it is offline: no attempt is made until it is back.
    Offline,
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
    /// Whether the local database has been read yet (its first page, for a large base).
    pub loaded: RwSignal<bool>,
    /// Whether the rest of a large base is still being read after its first page.
    pub reading: RwSignal<bool>,
    pub sync: RwSignal<SyncStatus>,
    /// Whether the browser says it is online (`navigator.onLine`, kept current by the
    /// window's `online` / `offline` events).
    pub online: RwSignal<bool>,
    /// When a sync last succeeded (browser milliseconds), kept across reloads.
    pub last_synced: RwSignal<Option<f64>>,
    /// Why the last sync failed, kept while retrying (cleared by a success).
    pub last_error: RwSignal<Option<String>>,
    /// Failed syncs in a row: the backoff's input.
    failures: StoredValue<u32>,
    /// Local changes not yet acknowledged by the server.
    pub pending: RwSignal<usize>,
    /// Handoff answers among them, so the handoff queue shows them answered at once.
    pub pending_answers: RwSignal<Vec<Operation>>,
    /// The kinds of settings saves among them (`handoff_settings`, `engine_config`,
    /// `put_segment` …), so each editor can say its save waits on this device.
    pub pending_settings: RwSignal<Vec<&'static str>>,
    /// Bumped whenever the settings documents were re-read after the server took a save,
    /// so views holding a copy (the segment list, an unedited configuration) re-read.
    pub settings_revision: RwSignal<u64>,
    /// Changes the server refused, with why.
    pub rejected: RwSignal<Vec<RejectedOp>>,
    /// The workspace's stage rules, to check a change locally before it is queued.
    pub lifecycle: RwSignal<LifecycleConfig>,
    /// The workspace's reps (from its handoff settings), to show owners by name.
    pub reps: RwSignal<Vec<Rep>>,
    /// The workspace's handoff settings as last fetched (or kept locally): the reject
    /// reasons a rep picks from, and the settings page's starting point.
    pub handoff_settings: RwSignal<Option<HandoffSettingsView>>,
    /// The first download's progress while it runs (`None` once done, or before it
    /// starts): leads received and the workspace's total.
    pub first_pull: RwSignal<Option<FirstPull>>,
    /// Set to ask the sync loop for a pull now rather than at its next interval.
    wake: StoredValue<bool>,
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

    /// Re-reads every lead from the local database into the signals. On the first read
    /// the first page is shown at once, so a large base's table appears while the rest
    /// is read (`reading` says so meanwhile).
    pub async fn reload(&self) -> Result<(), StoreError> {
        let store = self.store().await?;
        let cursor = store.pull_cursor().await?;
        let first_read = !self.loaded.get_untracked();
        let mut read = store.leads_page(None).await?;
        let mut leads = std::mem::take(&mut read.leads);
        if first_read && read.next.is_some() {
            self.reading.try_set(true);
            self.publish(leads.clone());
        }
        while let Some(after) = read.next {
            read = store.leads_page(Some(after)).await?;
            leads.append(&mut read.leads);
        }
        store.close();
        self.seen_cursor.try_set_value(cursor);
        self.publish(leads);
        self.reading.try_set(false);
        Ok(())
    }

    /// Shows `leads` (and the table over them) to every view.
    fn publish(&self, leads: Vec<LeadRecord>) {
        let table = LeadTable::new(&leads);
        self.leads.try_set(Arc::new(leads));
        self.table.try_set(Arc::new(table));
        self.loaded.try_set(true);
        self.revision.try_update(|r| *r += 1);
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

    /// Re-reads the small documents the views need besides leads (the stage rules, the
    /// reps), from the worker when it answers, else from the copy kept locally; with this
    /// device's pending saves.
    pub async fn refresh_documents(&self) {
        if let Ok(read) = self.read_settings::<EngineConfigView>().await {
            self.lifecycle.try_set(read.doc.config.lifecycle);
        }
        if let Ok(read) = self.read_settings::<HandoffSettingsView>().await {
            self.reps.try_set(read.doc.settings.reps.clone());
            self.handoff_settings.try_set(Some(read.doc));
        }
        self.settings_revision.try_update(|r| *r += 1);
    }

    /// Makes a change on this device: each `(lead, body)` becomes an operation, applied
    /// to the local copy by the shared merge (a `SetLeadFields` for a lead not stored
    /// yet creates it) and queued in the outbox in one transaction, then pushed. Returns the leads the change could not apply to, with
    /// why (shown to the user; nothing of them is queued).
    pub async fn change(
        &self,
        edits: Vec<(LeadRecord, OpBody)>,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let store = self.store().await?;
        let mut replica = store.replica().await?;
        let lifecycle = self.lifecycle.get_untracked();
        let now_ms = js_sys::Date::now() as u64;
        let mut leads = Vec::new();
        let mut operations = Vec::new();
        let mut refused = Vec::new();
        for (record, body) in edits {
            // A merge names other leads besides `record`: take this device's copies (and
            // those changed by an earlier edit of this same change).
            let mut others = Vec::new();
            for id in body.leads() {
                if id.0 == record.id {
                    continue;
                }
                let copy = leads
                    .iter()
                    .rev()
                    .find(|l: &&LeadRecord| l.id == id.0)
                    .cloned()
                    .or_else(|| self.lead(&id.0.to_string()));
                match copy {
                    Some(copy) => others.push(copy),
                    None => {
                        refused.push((
                            record.name.clone(),
                            format!("lead {id} is not on this device"),
                        ));
                    }
                }
            }
            let op = Operation {
                id: OpId(crate::clock::random_uuid().ok_or_else(no_crypto)?),
                replica: replica.replica,
                seq: replica.next_seq,
                hlc: replica.clock.tick(now_ms),
                body,
            };
            // Setting the fields of a lead this device does not have yet creates it (a
            // fair capture); everything else edits the copies it was given.
            let creates = matches!(op.body, OpBody::SetLeadFields { .. })
                && self.lead(&record.id.to_string()).is_none();
            let applied = if creates {
                create_locally(&op, &lifecycle).map(|lead| vec![lead])
            } else {
                let records: Vec<&LeadRecord> = std::iter::once(&record).chain(&others).collect();
                apply_locally(&records, &op, &lifecycle)
            };
            match applied {
                Ok(next) => {
                    replica.next_seq += 1;
                    leads.extend(next);
                    operations.push(op);
                }
                Err(reason) => refused.push((record.name.clone(), reason.to_string())),
            }
        }
        if !operations.is_empty() {
            store.record_change(&leads, &operations, &replica).await?;
        }
        store.close();
        self.reload().await?;
        self.refresh_outbox().await;
        let workspace = *self;
        leptos::task::spawn_local(async move {
            let _ = workspace.sync_now().await;
        });
        Ok(refused)
    }

    /// Re-reads the outbox count and the refused operations.
    pub async fn refresh_outbox(&self) {
        if let Ok(store) = self.store().await {
            if let Ok(pending) = store.pending().await {
                self.pending.try_set(pending.len());
                let mut kinds: Vec<&'static str> = pending
                    .iter()
                    .filter_map(|op| match &op.body {
                        OpBody::SaveSettings { write } => Some(write.kind()),
                        _ => None,
                    })
                    .collect();
                kinds.sort_unstable();
                kinds.dedup();
                self.pending_settings.try_set(kinds);
                let answers = pending
                    .into_iter()
                    .filter(|op| matches!(op.body, OpBody::AnswerHandoff { .. }))
                    .collect();
                self.pending_answers.try_set(answers);
            }
            if let Ok(rejected) = store.rejected().await {
                self.rejected.try_set(rejected);
            }
            store.close();
        }
    }

    /// Forgets a refused operation the user has read.
    pub async fn dismiss(&self, op_id: &str) {
        if let Ok(store) = self.store().await {
            let _ = store.dismiss_rejected(op_id).await;
            store.close();
        }
        self.refresh_outbox().await;
    }

    /// Pushes pending changes, then pulls (rather than at the next tick), and shows what
    /// arrived. While the browser is offline nothing is attempted (the outbox keeps the
    /// changes; coming back online syncs them).
    pub async fn sync_now(&self) -> Result<usize, PullError> {
        if !self.online.get_untracked() {
            self.sync.try_set(SyncStatus::Offline);
            return Ok(0);
        }
        self.sync.try_set(SyncStatus::Syncing);
        let store = self.store().await?;
        let pushed = push_pending(&store).await;
        let settings_settled = pushed.as_ref().is_ok_and(|p| p.settings);
        let result = match pushed {
            Ok(pushed) => match self.take_back(&store, &pushed).await {
                Ok(()) => pull_new_leads(&store, self.progress_reporter()).await,
                Err(e) => Err(PullError::Store(e)),
            },
            Err(e) => Err(e),
        };
        store.close();
        self.refresh_outbox().await;
        if settings_settled {
            self.refresh_documents().await;
        }
        match &result {
            Ok(_) => {
                self.reload().await?;
                self.succeeded().await;
            }
            Err(e) => self.failed(e.to_string()),
        }
        result
    }

    /// Whether a sync is under way (the "sync now" button waits for it).
    pub fn syncing(&self) -> bool {
        matches!(self.sync.get(), SyncStatus::Syncing | SyncStatus::Loading)
    }

    /// Records a successful sync: the time (kept locally), no error, the backoff reset.
    async fn succeeded(&self) {
        let now = js_sys::Date::now();
        self.sync.try_set(SyncStatus::Synced);
        self.last_synced.try_set(Some(now));
        self.last_error.try_set(None);
        self.failures.try_set_value(0);
        if let Ok(store) = self.store().await {
            let _ = store.put_document(LAST_SYNCED_DOC, &now).await;
            store.close();
        }
    }

    /// Records a failed sync: why, and one more failure for the backoff.
    fn failed(&self, why: String) {
        self.sync.try_set(SyncStatus::Failed(why.clone()));
        self.last_error.try_set(Some(why));
        self.failures.try_update_value(|n| *n = n.saturating_add(1));
    }

    /// Follows the browser's online state: going offline shows it at once, coming back
    /// asks for a sync at once.
    fn set_online(&self, online: bool) {
        self.online.try_set(online);
        if online {
            self.sync_soon();
        } else {
            self.sync.try_set(SyncStatus::Offline);
        }
    }

    /// What the pull calls after each page of the first download: shows its progress
    /// until it is done.
    fn progress_reporter(&self) -> impl Fn(FirstPull) + use<> {
        let first_pull = self.first_pull;
        move |progress: FirstPull| {
            first_pull.try_set((!progress.done).then_some(progress));
        }
    }

    /// Asks for a pull now: after an action on the worker (a handoff answered) the
    /// changed leads arrive within a moment instead of at the next interval.
    pub fn sync_soon(&self) {
        self.wake.set_value(true);
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
        reading: RwSignal::new(false),
        sync: RwSignal::new(SyncStatus::Loading),
        online: RwSignal::new(navigator_online()),
        last_synced: RwSignal::new(None),
        last_error: RwSignal::new(None),
        failures: StoredValue::new(0),
        pending_answers: RwSignal::new(Vec::new()),
        pending_settings: RwSignal::new(Vec::new()),
        settings_revision: RwSignal::new(0),
        revision: RwSignal::new(0),
        reps: RwSignal::new(Vec::new()),
        pending: RwSignal::new(0),
        rejected: RwSignal::new(Vec::new()),
        lifecycle: RwSignal::new(LifecycleConfig::korean_b2b_default()),
        handoff_settings: RwSignal::new(None),
        first_pull: RwSignal::new(None),
        wake: StoredValue::new(false),
        seen_cursor: StoredValue::new(0),
    };
    provide_context(workspace);
    let online = window_event_listener(leptos::ev::online, move |_| workspace.set_online(true));
    let offline = window_event_listener(leptos::ev::offline, move |_| workspace.set_online(false));
    on_cleanup(move || {
        online.remove();
        offline.remove();
    });
    spawn_local(load_and_sync(workspace, on_signed_out));
    workspace
}

/// What the browser says of its connection (`true` when it cannot say).
fn navigator_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
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
    if let Ok(store) = workspace.store().await {
        let kept = store.document::<f64>(LAST_SYNCED_DOC).await.ok().flatten();
        workspace.last_synced.try_set(kept);
        store.close();
    }
    workspace.refresh_documents().await;
    workspace.refresh_outbox().await;
    loop {
        // `try_get` answers `None` once the workspace is gone: stop syncing then.
        let Some(online) = workspace.online.try_get_untracked() else {
            return;
        };
        if !online {
            // No attempt while the browser says offline; the pending count still shows.
            workspace.sync.try_set(SyncStatus::Offline);
            workspace.refresh_outbox().await;
            wait_for_next_pull(workspace, PULL_INTERVAL).await;
            continue;
        }
        workspace.sync.try_set(SyncStatus::Syncing);
        let mut settings_settled = false;
        let pulled = match workspace.store().await {
            Ok(store) => {
                let result = match push_pending(&store).await {
                    Ok(pushed) => {
                        settings_settled = pushed.settings;
                        match workspace.take_back(&store, &pushed).await {
                            Ok(()) => pull_new_leads(&store, workspace.progress_reporter()).await,
                            Err(e) => Err(PullError::Store(e)),
                        }
                    }
                    Err(e) => Err(e),
                };
                let cursor = store.pull_cursor().await.ok();
                store.close();
                result.map(|count| (count, cursor))
            }
            Err(e) => Err(PullError::Store(e)),
        };
        workspace.refresh_outbox().await;
        if settings_settled {
            // Saves made offline reached the server: show its versions.
            workspace.refresh_documents().await;
        }
        match pulled {
            Ok((count, cursor)) => {
                let behind =
                    cursor.is_some_and(|c| Some(c) != workspace.seen_cursor.try_get_value());
                if (count > 0 || behind)
                    && let Err(e) = workspace.reload().await
                {
                    workspace.failed(e.to_string());
                } else {
                    workspace.succeeded().await;
                }
            }
            Err(PullError::Refused { status: 401, .. }) => {
                on_signed_out.run(());
                return;
            }
            Err(e) => workspace.failed(e.to_string()),
        }
        let wait = match workspace.failures.try_get_value() {
            None => return,
            Some(0) => PULL_INTERVAL,
            // Seeded by the clock: replicas failing together spread their retries.
            Some(failures) => next_delay(failures, js_sys::Date::now() as u64),
        };
        wait_for_next_pull(workspace, wait).await;
    }
}

/// Sleeps `wait`, or until a view (or the browser coming back online) asks for a sync
/// sooner.
async fn wait_for_next_pull(workspace: Workspace, wait: Duration) {
    let mut waited = Duration::ZERO;
    while waited < wait {
        gloo_timers::future::sleep(WAKE_CHECK).await;
        waited += WAKE_CHECK;
        // The workspace is gone (signed out): stop waiting, the loop then ends.
        match workspace.wake.try_update_value(std::mem::take) {
            Some(true) | None => return,
            Some(false) => {}
        }
    }
}
