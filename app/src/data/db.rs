//! The app's IndexedDB: its source of truth for the workspace — leads, their touches and
//! stage history, and small cached documents (the engine configuration). The UI reads
//! from here; pulls write here, each page together with the cursor it advances, in one
//! transaction.

use indexed_db_futures::KeyRange;
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use leadkit_shared::api::{LeadRecord, LeadsPage, StageHistoryEntry};
use leadkit_shared::model::Touch;
use leadkit_shared::sync::{Clock, OpBody, Operation, ReplicaId, merge_delta};
use serde::Serialize;
use serde::de::DeserializeOwned;
use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue};

/// What every workspace's database name starts with.
pub const DB_NAME: &str = "leadkit";
/// The database of one workspace, shared by every tab of the app. A database per
/// workspace keeps one account's leads out of another's view on a shared device.
pub fn database_name(workspace_id: &str) -> String {
    format!("{DB_NAME}-{workspace_id}")
}

/// Schema version; each bump adds a step to [`upgrade`].
const DB_VERSION: u32 = 3;
const LEADS: &str = "leads";
const META: &str = "meta";
const TOUCHES: &str = "touches";
const STAGE_CHANGES: &str = "stage_changes";
const OUTBOX: &str = "outbox";
const REJECTED: &str = "rejected";
/// This device's replica identity and clock, in META.
const REPLICA_KEY: &str = "replica";
/// The index of touches and stage changes by their lead.
const BY_LEAD: &str = "by_lead";
const PULL_CURSOR_KEY: &str = "pull_cursor";
/// How far the first download has come ([`FirstPull`]), in META.
const FIRST_PULL_KEY: &str = "first_pull";

/// Where this device's first download of the workspace stands. Until it is `done`,
/// pulls ask for whole leads; after, for changed fields only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FirstPull {
    /// Leads received so far.
    pub received: u64,
    /// The workspace's leads when the download began (from its first page).
    pub total: Option<u64>,
    /// Every page has arrived.
    pub done: bool,
}

/// A failure of the local database.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The database could not be opened or upgraded (private mode, quota, blocked).
    #[error("could not open the local database: {detail}")]
    Open { detail: String },
    /// A read or write failed; nothing of that transaction was kept.
    #[error("the local database failed: {detail}")]
    Io { detail: String },
    /// A pulled delta could not be merged into the lead kept here; nothing of its page
    /// was kept.
    #[error("a pulled change could not be merged: {detail}")]
    Delta { detail: String },
}

/// Records read per page by [`LeadStore::all_of`].
const READ_PAGE: u32 = 5_000;

/// Where the next page of leads starts (the last key read).
pub struct LeadsAfter(JsValue);

/// One page of [`LeadStore::leads_page`].
pub struct LeadsRead {
    pub leads: Vec<LeadRecord>,
    /// `None` once every lead has been read.
    pub next: Option<LeadsAfter>,
}

/// A failed browser call as a store error.
fn io(e: JsValue) -> StoreError {
    StoreError::Io {
        detail: format!("{e:?}"),
    }
}

/// Records put per batch by [`put_all`].
const PUT_BATCH: usize = 2_000;

/// Puts every record of `records` into `store`, in batches of requests.
///
/// Within a batch each request is issued without awaiting its own success: the
/// transaction's commit waits for all of them, and a failed request aborts the
/// transaction (so the commit reports it and nothing is kept). Awaiting each `put` cost
/// a round trip through the event loop per record. The records cross into the browser
/// as one JSON text per batch, parsed natively, which is cheaper than converting each
/// through `serde_wasm_bindgen`; both give the same plain objects, so reads are
/// unchanged. Between batches the last request is awaited: the page gets the main
/// thread back (a 100,000-lead write as one batch held it for over 30 s, long enough
/// for the browser to call the page hung) and the JSON of one batch at a time is held.
async fn put_all<T: Serialize>(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
    records: &[T],
) -> Result<(), StoreError> {
    for batch in records.chunks(PUT_BATCH) {
        let text = serde_json::to_string(batch).map_err(|e| StoreError::Io {
            detail: e.to_string(),
        })?;
        let parsed = js_sys::JSON::parse(&text).map_err(io)?;
        drop(text);
        let array: js_sys::Array = parsed.unchecked_into();
        let last = array.length().saturating_sub(1);
        for (at, record) in array.iter().enumerate() {
            let request = store.put(record).primitive()?;
            if at as u32 == last {
                request.await?;
            } else {
                drop(request);
            }
        }
    }
    Ok(())
}

impl From<indexed_db_futures::error::Error> for StoreError {
    fn from(e: indexed_db_futures::error::Error) -> Self {
        Self::Io {
            detail: e.to_string(),
        }
    }
}

/// This device's identity among the workspace's replicas, its clock and the sequence
/// number its next operation gets.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ReplicaState {
    pub replica: ReplicaId,
    pub clock: Clock,
    pub next_seq: u64,
}

/// An operation the server refused, kept to show the user why.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RejectedOp {
    pub op_id: String,
    pub lead_id: Option<String>,
    pub reason: String,
    /// For a refused settings save, the server's refusal (`not_allowed`, `invalid`,
    /// `stale_version`), so the editor that made it can say what to do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal: Option<String>,
    /// For a refused settings save, the part at fault (`sla_working_hours`, `name` …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// Why a replica or operation id could not be made.
pub fn no_crypto() -> StoreError {
    StoreError::Io {
        detail: "this browser has no Web Crypto to make ids with".into(),
    }
}

/// An open handle on the app's database.
pub struct LeadStore {
    db: Database,
}

impl LeadStore {
    /// Opens (creating or upgrading) the database called `name`.
    pub async fn open(name: &str) -> Result<Self, StoreError> {
        let db = Database::open(name)
            .with_version(DB_VERSION)
            .with_on_upgrade_needed(|event, db| upgrade(event.old_version(), &db))
            .await
            .map_err(|e| StoreError::Open {
                detail: e.to_string(),
            })?;
        Ok(Self { db })
    }

    /// Saves pulled leads and the cursor after them atomically, so a pull interrupted
    /// between pages resumes where it stopped and never skips a lead.
    pub async fn save_pulled(&self, leads: &[LeadRecord], cursor: u64) -> Result<(), StoreError> {
        self.save_page(leads, &[], &[], cursor).await
    }

    /// Saves a pulled page — leads, their touches and stage changes — and the cursor
    /// after it in one transaction.
    pub async fn save_page(
        &self,
        leads: &[LeadRecord],
        touches: &[Touch],
        stage_changes: &[StageHistoryEntry],
        cursor: u64,
    ) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction([LEADS, TOUCHES, STAGE_CHANGES, META])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        put_all(&tx.object_store(LEADS)?, leads).await?;
        put_all(&tx.object_store(TOUCHES)?, touches).await?;
        put_all(&tx.object_store(STAGE_CHANGES)?, stage_changes).await?;
        tx.object_store(META)?
            .put(cursor as f64)
            .with_key(PULL_CURSOR_KEY)
            .primitive()?
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Saves a pulled page: whole leads as they come, deltas merged into the leads kept
    /// here (by the shared merge, a local edit not yet pushed winning over an older
    /// value), touches, stage changes, the cursor after the page and `first_pull`, all in
    /// one transaction. A delta that cannot be merged (a lead this device lacks) writes
    /// nothing and answers [`StoreError::Delta`]: the caller pulls whole leads again.
    pub async fn save_pulled_page(
        &self,
        page: &LeadsPage,
        first_pull: &FirstPull,
    ) -> Result<(), StoreError> {
        let progress = serde_json::to_string(first_pull).map_err(|e| StoreError::Io {
            detail: e.to_string(),
        })?;
        let tx = self
            .db
            .transaction([LEADS, TOUCHES, STAGE_CHANGES, META])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let lead_store = tx.object_store(LEADS)?;
        put_all(&lead_store, &page.leads).await?;
        for delta in &page.deltas {
            let kept: Option<LeadRecord> = lead_store.get(delta.id.to_string()).serde()?.await?;
            // Dropping `tx` unfinished rolls the whole page back.
            let kept = kept.ok_or_else(|| StoreError::Delta {
                detail: format!("lead {} is not on this device", delta.id),
            })?;
            let merged = merge_delta(&kept, delta).map_err(|e| StoreError::Delta {
                detail: e.to_string(),
            })?;
            lead_store.put(&merged).serde()?.await?;
        }
        put_all(&tx.object_store(TOUCHES)?, &page.touches).await?;
        put_all(&tx.object_store(STAGE_CHANGES)?, &page.stage_changes).await?;
        let meta = tx.object_store(META)?;
        meta.put(page.cursor as f64)
            .with_key(PULL_CURSOR_KEY)
            .primitive()?
            .await?;
        meta.put(progress)
            .with_key(FIRST_PULL_KEY.to_owned())
            .primitive()?
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Where the first download stands.
    pub async fn first_pull(&self) -> Result<FirstPull, StoreError> {
        Ok(self.document(FIRST_PULL_KEY).await?.unwrap_or_default())
    }

    /// Starts the download over with whole leads (after a delta could not be merged).
    pub async fn restart_pull(&self) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction(META)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let meta = tx.object_store(META)?;
        meta.put(0.0).with_key(PULL_CURSOR_KEY).primitive()?.await?;
        meta.delete(FIRST_PULL_KEY.to_owned()).primitive()?.await?;
        tx.commit().await?;
        Ok(())
    }

    /// One lead by id.
    pub async fn lead(&self, id: &str) -> Result<Option<LeadRecord>, StoreError> {
        let tx = self.db.transaction(LEADS).build()?;
        Ok(tx.object_store(LEADS)?.get(id).serde()?.await?)
    }

    /// Every record of object store `name` (whose key path is `key_path`), in key order.
    async fn all_of<T: DeserializeOwned>(
        &self,
        name: &str,
        key_path: &str,
    ) -> Result<Vec<T>, StoreError> {
        let mut all = Vec::new();
        let mut after = None;
        loop {
            let (mut page, next) = self.page_of(name, key_path, after).await?;
            all.append(&mut page);
            match next {
                Some(key) => after = Some(key),
                None => return Ok(all),
            }
        }
    }

    /// Up to [`READ_PAGE`] records of object store `name` after key `after` (from the
    /// first without), and the key to read the next page after (`None` at the end).
    ///
    /// A page crosses into Rust as one JSON text: the browser's native `JSON.stringify`
    /// plus `serde_json` takes about a third less time than converting every field of
    /// every record through `serde_wasm_bindgen` (most of what remains is IndexedDB's
    /// own read), and pages keep the text's size bounded.
    async fn page_of<T: DeserializeOwned>(
        &self,
        name: &str,
        key_path: &str,
        after: Option<JsValue>,
    ) -> Result<(Vec<T>, Option<JsValue>), StoreError> {
        let tx = self.db.transaction(name).build()?;
        let store = tx.object_store(name)?;
        let records: Vec<JsValue> = match after {
            None => store
                .get_all()
                .with_limit(READ_PAGE)
                .primitive()?
                .await?
                .collect::<Result<_, _>>()?,
            Some(key) => store
                .get_all()
                .with_query::<JsValue, _>(KeyRange::LowerBound(key, true))
                .with_limit(READ_PAGE)
                .primitive()?
                .await?
                .collect::<Result<_, _>>()?,
        };
        let next = match records.last() {
            Some(last) if records.len() == READ_PAGE as usize => {
                Some(js_sys::Reflect::get(last, &JsValue::from_str(key_path)).map_err(io)?)
            }
            _ => None,
        };
        let page = js_sys::Array::new();
        for record in records {
            page.push(&record);
        }
        let text: String = js_sys::JSON::stringify(&page).map_err(io)?.into();
        let parsed = serde_json::from_str(&text).map_err(|e| StoreError::Io {
            detail: format!("a stored record of {name} is unreadable: {e}"),
        })?;
        Ok((parsed, next))
    }

    /// The records of object store `name` that belong to one lead (its `by_lead` index).
    async fn all_of_lead<T: DeserializeOwned>(
        &self,
        name: &str,
        lead_id: &str,
    ) -> Result<Vec<T>, StoreError> {
        let tx = self.db.transaction(name).build()?;
        Ok(tx
            .object_store(name)?
            .index(BY_LEAD)?
            .get_all()
            .with_query::<String, _>(lead_id.to_owned())
            .serde()?
            .await?
            .collect::<Result<_, _>>()?)
    }

    /// Every stored touch.
    pub async fn all_touches(&self) -> Result<Vec<Touch>, StoreError> {
        self.all_of(TOUCHES, "id").await
    }

    /// Every stored stage change, in id order.
    pub async fn all_stage_changes(&self) -> Result<Vec<StageHistoryEntry>, StoreError> {
        self.all_of(STAGE_CHANGES, "id").await
    }

    /// The touches of one lead, oldest first.
    pub async fn touches_of(&self, lead_id: &str) -> Result<Vec<Touch>, StoreError> {
        let mut touches: Vec<Touch> = self.all_of_lead(TOUCHES, lead_id).await?;
        touches.sort_by(|a, b| a.at.cmp(&b.at).then(a.id.cmp(&b.id)));
        Ok(touches)
    }

    /// The stage changes of one lead, oldest first.
    pub async fn stage_changes_of(
        &self,
        lead_id: &str,
    ) -> Result<Vec<StageHistoryEntry>, StoreError> {
        let mut changes: Vec<StageHistoryEntry> = self.all_of_lead(STAGE_CHANGES, lead_id).await?;
        changes.sort_by_key(|c| c.id);
        Ok(changes)
    }

    /// This device's replica state, made on first use.
    pub async fn replica(&self) -> Result<ReplicaState, StoreError> {
        if let Some(state) = self.document::<ReplicaState>(REPLICA_KEY).await? {
            return Ok(state);
        }
        let replica = ReplicaId(crate::clock::random_uuid().ok_or_else(no_crypto)?);
        let state = ReplicaState {
            replica,
            clock: Clock::new(replica),
            next_seq: 1,
        };
        self.put_document(REPLICA_KEY, &state).await?;
        Ok(state)
    }

    /// Applies a local change in one transaction: the leads as they now read, the
    /// operations that carry the change to the server, and the replica's advanced state.
    /// Touches the operations add are stored too, so timelines show them at once.
    /// Once this returns, the change survives the tab closing.
    pub async fn record_change(
        &self,
        leads: &[LeadRecord],
        operations: &[Operation],
        replica: &ReplicaState,
    ) -> Result<(), StoreError> {
        let text = serde_json::to_string(replica).map_err(|e| StoreError::Io {
            detail: e.to_string(),
        })?;
        let tx = self
            .db
            .transaction([LEADS, TOUCHES, OUTBOX, META])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        put_all(&tx.object_store(LEADS)?, leads).await?;
        // A logged touch shows in the timeline at once, before the server has it; the
        // pull later brings the same touch (same id), which replaces this copy.
        let touches: Vec<&Touch> = operations
            .iter()
            .filter_map(|op| match &op.body {
                OpBody::AddTouch { touch } => Some(touch),
                _ => None,
            })
            .collect();
        put_all(&tx.object_store(TOUCHES)?, &touches).await?;
        put_all(&tx.object_store(OUTBOX)?, operations).await?;
        tx.object_store(META)?
            .put(text)
            .with_key(REPLICA_KEY.to_owned())
            .primitive()?
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Saves a settings change on this device in one transaction: the `SaveSettings`
    /// operation that carries it to the server, the document kept under `name` (reads
    /// lay the pending operations over it), and the replica's advanced state. Once this
    /// returns the save survives the tab closing; a refusal by the server shows in the
    /// sync line, and the change stops showing once the operation is settled.
    pub async fn record_settings<T: Serialize>(
        &self,
        name: &str,
        document: &T,
        operation: &Operation,
        replica: &ReplicaState,
    ) -> Result<(), StoreError> {
        let io = |e: serde_json::Error| StoreError::Io {
            detail: e.to_string(),
        };
        let document = serde_json::to_string(document).map_err(io)?;
        let replica = serde_json::to_string(replica).map_err(io)?;
        let tx = self
            .db
            .transaction([OUTBOX, META])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        tx.object_store(OUTBOX)?.put(operation).serde()?.await?;
        let meta = tx.object_store(META)?;
        meta.put(document)
            .with_key(name.to_owned())
            .primitive()?
            .await?;
        meta.put(replica)
            .with_key(REPLICA_KEY.to_owned())
            .primitive()?
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Takes back changes the server refused, in one transaction: `leads` (as the server
    /// has them, with this device's still-pending changes laid over) replace this
    /// device's copies, and the touches `touch_ids` of refused `add_touch` operations
    /// leave the timelines.
    pub async fn take_back(
        &self,
        leads: &[LeadRecord],
        touch_ids: &[String],
    ) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction([LEADS, TOUCHES])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        put_all(&tx.object_store(LEADS)?, leads).await?;
        let touches = tx.object_store(TOUCHES)?;
        for id in touch_ids {
            touches.delete(id.clone()).primitive()?.await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Operations not yet acknowledged by the server, oldest first.
    pub async fn pending(&self) -> Result<Vec<Operation>, StoreError> {
        let mut ops: Vec<Operation> = self.all_of(OUTBOX, "seq").await?;
        ops.sort_by_key(|op| op.seq);
        Ok(ops)
    }

    /// Removes acknowledged operations (by sequence) and keeps the refused ones' reasons.
    pub async fn settle(&self, done: &[u64], rejected: &[RejectedOp]) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction([OUTBOX, REJECTED])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let outbox = tx.object_store(OUTBOX)?;
        for seq in done {
            outbox.delete(*seq as f64).primitive()?.await?;
        }
        let store = tx.object_store(REJECTED)?;
        for op in rejected {
            store.put(op).serde()?.await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Operations the server refused, with why.
    pub async fn rejected(&self) -> Result<Vec<RejectedOp>, StoreError> {
        self.all_of(REJECTED, "op_id").await
    }

    /// Forgets a refused operation once the user has seen it.
    pub async fn dismiss_rejected(&self, op_id: &str) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction(REJECTED)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        tx.object_store(REJECTED)?
            .delete(op_id.to_owned())
            .primitive()?
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A cached document (the engine configuration, the signed-in member) by name.
    pub async fn document<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, StoreError> {
        let tx = self.db.transaction(META).build()?;
        let text: Option<String> = tx.object_store(META)?.get(name).primitive()?.await?;
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
    }

    /// Caches a document under `name`.
    pub async fn put_document<T: Serialize>(
        &self,
        name: &str,
        value: &T,
    ) -> Result<(), StoreError> {
        let text = serde_json::to_string(value).map_err(|e| StoreError::Io {
            detail: e.to_string(),
        })?;
        let tx = self
            .db
            .transaction(META)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        tx.object_store(META)?
            .put(text)
            .with_key(name.to_owned())
            .primitive()?
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every stored lead, in key order.
    pub async fn all_leads(&self) -> Result<Vec<LeadRecord>, StoreError> {
        self.all_of(LEADS, "id").await
    }

    /// A page of leads after `after` (see [`Self::page_of`]): a view can show the first
    /// page of a large base while the rest is read.
    pub async fn leads_page(&self, after: Option<LeadsAfter>) -> Result<LeadsRead, StoreError> {
        let (leads, next) = self.page_of(LEADS, "id", after.map(|a| a.0)).await?;
        Ok(LeadsRead {
            leads,
            next: next.map(LeadsAfter),
        })
    }

    /// The `seq` of the last lead pulled; 0 before the first pull.
    pub async fn pull_cursor(&self) -> Result<u64, StoreError> {
        let tx = self.db.transaction(META).build()?;
        let cursor: Option<f64> = tx
            .object_store(META)?
            .get(PULL_CURSOR_KEY)
            .primitive()?
            .await?;
        Ok(cursor.map_or(0, |c| c as u64))
    }

    /// Closes the connection, letting another open upgrade or delete the database.
    pub fn close(self) {
        self.db.close();
    }
}

/// Creates the stores a database of an older version lacks.
fn upgrade(old_version: f64, db: &Database) -> indexed_db_futures::Result<()> {
    if old_version < 1.0 {
        db.create_object_store(LEADS)
            .with_key_path("id".into())
            .build()?;
        db.create_object_store(META).build()?;
    }
    if old_version < 2.0 {
        // Touches and stage history arrived with the workspace views; leads pulled
        // before them are pulled again (cursor reset) so their timelines fill in.
        let touches = db
            .create_object_store(TOUCHES)
            .with_key_path("id".into())
            .build()?;
        touches.create_index(BY_LEAD, "lead_id".into()).build()?;
        let changes = db
            .create_object_store(STAGE_CHANGES)
            .with_key_path("id".into())
            .build()?;
        changes.create_index(BY_LEAD, "lead_id".into()).build()?;
        if old_version >= 1.0 {
            // Leads pulled before touches were stored are pulled again so their
            // timelines fill in. (The upgrade's own transaction cannot await a delete of
            // the cursor, so a schema bump clears the whole meta store instead.)
            db.delete_object_store(META)?;
            db.create_object_store(META).build()?;
        }
    }
    if old_version < 3.0 {
        // The outbox of local changes (by the replica's sequence number) and the
        // operations the server refused (by operation id).
        db.create_object_store(OUTBOX)
            .with_key_path("seq".into())
            .build()?;
        db.create_object_store(REJECTED)
            .with_key_path("op_id".into())
            .build()?;
    }
    Ok(())
}
