//! The workspace's settings documents (engine configuration, handoff settings, saved
//! segments) as the editors read and save them. Reading: the worker's copy when it
//! answers, kept on this device, else the kept copy; either way with this device's
//! pending saves laid over it (shared `show_pending_*`), so a save made offline shows
//! until the server has it. Saving: checked by the shared rules first (problems beside
//! their fields, nothing queued), then the document and a `SaveSettings` operation are
//! stored in one transaction, then pushed when online.

use leadkit_shared::api::{EngineConfigView, HandoffSettingsView, SCHEMA_VERSION, SegmentList};
use leadkit_shared::capture::{FieldError, FieldErrorCode};
use leadkit_shared::engine::{Engine, EngineConfig};
use leadkit_shared::handoff::HandoffSettings;
use leadkit_shared::sync::{
    OpBody, OpId, Operation, SettingsWrite, show_pending_engine_config,
    show_pending_handoff_settings, show_pending_segments,
};
use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::api::{self, ApiError};
use super::db::{LeadStore, RejectedOp, ReplicaState, StoreError, no_crypto};
use super::workspace::Workspace;

/// The local copy of the workspace's engine configuration.
pub const ENGINE_CONFIG_DOC: &str = "engine_config";

/// The local copy of the workspace's handoff settings.
pub const HANDOFF_SETTINGS_DOC: &str = "handoff_settings";

/// The local copy of the workspace's saved segments.
pub const SEGMENTS_DOC: &str = "segments";

/// A settings document: where the worker serves it, where this device keeps it, and how
/// pending saves show over it.
pub trait SettingsDoc: Serialize + DeserializeOwned + Clone + 'static {
    /// The worker's route for it.
    const PATH: &'static str;
    /// Its name in the local `meta` store.
    const DOC: &'static str;
    /// The document with `pending` saves laid over it; `me` is the saving user.
    fn with_pending(self, pending: &[Operation], me: Option<&str>) -> Self;
    /// What a device that never fetched it starts from (the worker's defaults).
    fn unfetched() -> Self;
}

impl SettingsDoc for EngineConfigView {
    const PATH: &'static str = "/api/engine-config";
    const DOC: &'static str = ENGINE_CONFIG_DOC;
    fn with_pending(self, pending: &[Operation], _me: Option<&str>) -> Self {
        show_pending_engine_config(self, pending)
    }
    fn unfetched() -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            config: EngineConfig::korean_b2b_default(),
            version: 0,
            saved_at: None,
            saved_by: None,
        }
    }
}

impl SettingsDoc for HandoffSettingsView {
    const PATH: &'static str = "/api/handoff/settings";
    const DOC: &'static str = HANDOFF_SETTINGS_DOC;
    fn with_pending(self, pending: &[Operation], _me: Option<&str>) -> Self {
        show_pending_handoff_settings(self, pending)
    }
    fn unfetched() -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            settings: HandoffSettings::default(),
            version: 0,
            updated_at: None,
            updated_by: None,
        }
    }
}

impl SettingsDoc for SegmentList {
    const PATH: &'static str = "/api/segments";
    const DOC: &'static str = SEGMENTS_DOC;
    fn with_pending(self, pending: &[Operation], me: Option<&str>) -> Self {
        show_pending_segments(self, pending, me)
    }
    fn unfetched() -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            segments: Vec::new(),
        }
    }
}

/// A document as read, and whether the worker answered for it just now.
#[derive(Debug, Clone)]
pub struct Read<T> {
    pub doc: T,
    /// `false`: the worker could not be reached and this is the copy kept here.
    pub fresh: bool,
}

/// How a settings save went.
#[derive(Debug, Clone, PartialEq)]
pub enum SettingsSaved {
    /// The server has it.
    Synced,
    /// Stored on this device and queued: it goes to the server once online.
    OnDevice,
    /// The server refused it, with why (also listed in the sync line).
    Refused(RejectedOp),
}

/// Why a settings save was not queued.
#[derive(Debug, thiserror::Error)]
pub enum SaveSettingsError {
    /// The shared rules refuse it: the field at fault, shown beside it.
    #[error("{}", problem.message)]
    Invalid { problem: FieldError },
    /// The local database failed: nothing was stored.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The document this device keeps under `T::DOC`, with its pending saves.
async fn kept<T: SettingsDoc>(
    store: &LeadStore,
    pending: &[Operation],
    me: Option<&str>,
) -> Result<Option<T>, StoreError> {
    Ok(store
        .document::<T>(T::DOC)
        .await?
        .map(|doc| doc.with_pending(pending, me)))
}

/// Stores `op` with the kept document `T` in one transaction and returns the document
/// as this device now shows it. The kept copy stays the server's last one (the defaults
/// if never fetched): reads lay pending saves over it, so a save the server refuses
/// stops showing as soon as it is settled, with or without a fresh fetch.
async fn queue_with<T: SettingsDoc>(
    store: &LeadStore,
    op: &Operation,
    replica: &ReplicaState,
    pending: &[Operation],
    me: Option<&str>,
) -> Result<T, StoreError> {
    let kept = store
        .document::<T>(T::DOC)
        .await?
        .unwrap_or_else(T::unfetched);
    store.record_settings(T::DOC, &kept, op, replica).await?;
    Ok(kept.with_pending(pending, me))
}

impl Workspace {
    /// The signed-in user's id, when the worker has said who it is.
    fn my_id(&self) -> Option<String> {
        self.me.with_untracked(|me| {
            me.as_ref()
                .and_then(|m| m.user.as_ref())
                .map(|u| u.id.to_string())
        })
    }

    /// Reads settings document `T`: fetched and kept when the worker answers, the kept
    /// copy when it cannot be reached; with this device's pending saves. Fails with the
    /// worker's refusal, or offline when nothing was ever kept.
    pub async fn read_settings<T: SettingsDoc>(&self) -> Result<Read<T>, ApiError> {
        let store = self.store().await.map_err(|e| ApiError::Network {
            detail: e.to_string(),
        })?;
        let me = self.my_id();
        let fetched = api::get::<T>(T::PATH).await;
        let pending = store.pending().await.unwrap_or_default();
        let read = match fetched {
            Ok(doc) => {
                let _ = store.put_document(T::DOC, &doc).await;
                Ok(Read {
                    doc: doc.with_pending(&pending, me.as_deref()),
                    fresh: true,
                })
            }
            Err(ApiError::Network { detail }) => {
                match kept::<T>(&store, &pending, me.as_deref()).await {
                    Ok(Some(doc)) => Ok(Read { doc, fresh: false }),
                    _ => Err(ApiError::Network { detail }),
                }
            }
            Err(other) => Err(other),
        };
        store.close();
        read
    }

    /// Reads settings document `T` from this device only (with its pending saves).
    pub async fn kept_settings<T: SettingsDoc>(&self) -> Option<T> {
        let store = self.store().await.ok()?;
        let pending = store.pending().await.unwrap_or_default();
        let doc = kept::<T>(&store, &pending, self.my_id().as_deref())
            .await
            .ok()
            .flatten();
        store.close();
        doc
    }

    /// Saves a settings change the way every change is made: checked by the shared rules
    /// against this device's engine configuration, stored with its operation in one
    /// transaction (once this returns `OnDevice` or better, it survives the tab closing),
    /// then pushed at once when online. Says whether the server has it, refused it, or
    /// it waits on this device.
    pub async fn save_settings(
        &self,
        write: SettingsWrite,
    ) -> Result<SettingsSaved, SaveSettingsError> {
        let store = self.store().await?;
        let saved = self.queue_settings(&store, write).await;
        store.close();
        let op_id = saved?;
        self.refresh_outbox().await;
        if !self.online.get_untracked() {
            return Ok(SettingsSaved::OnDevice);
        }
        let _ = self.sync_now().await;
        let store = self.store().await?;
        let waiting = store
            .pending()
            .await?
            .iter()
            .any(|op| op.id.0.to_string() == op_id);
        let refused = store
            .rejected()
            .await?
            .into_iter()
            .find(|r| r.op_id == op_id);
        store.close();
        Ok(match (waiting, refused) {
            (true, _) => SettingsSaved::OnDevice,
            (false, Some(refused)) => {
                // Refused while the user watched: the editor says so beside the save,
                // so the sync line need not list it too (a save refused later, after
                // waiting offline, stays listed there).
                self.dismiss(&refused.op_id).await;
                SettingsSaved::Refused(refused)
            }
            // The sync re-read the documents (the server's new version number).
            (false, None) => SettingsSaved::Synced,
        })
    }

    /// Checks `write` and stores it with its document; returns the operation's id.
    async fn queue_settings(
        &self,
        store: &LeadStore,
        write: SettingsWrite,
    ) -> Result<String, SaveSettingsError> {
        let mut pending = store.pending().await?;
        let me = self.my_id();
        let config = kept::<EngineConfigView>(store, &pending, me.as_deref())
            .await?
            .unwrap_or_else(EngineConfigView::unfetched)
            .config;
        let engine = Engine::new(config)
            .or_else(|_| Engine::new(EngineConfig::korean_b2b_default()))
            .map_err(|e| StoreError::Io {
                detail: e.to_string(),
            })?;
        if let Err(problem) = write.validate(&engine) {
            return Err(SaveSettingsError::Invalid {
                problem: FieldError::new(
                    &problem.field,
                    FieldErrorCode::InvalidDefinition,
                    problem.message,
                ),
            });
        }
        let mut replica = store.replica().await?;
        let op = Operation {
            id: OpId(crate::clock::random_uuid().ok_or_else(no_crypto)?),
            replica: replica.replica,
            seq: replica.next_seq,
            hlc: replica.clock.tick(js_sys::Date::now() as u64),
            body: OpBody::SaveSettings {
                write: write.clone(),
            },
        };
        replica.next_seq += 1;
        let op_id = op.id.0.to_string();
        pending.push(op.clone());
        let me = me.as_deref();
        match write {
            SettingsWrite::EngineConfig { .. } => {
                let doc: EngineConfigView = queue_with(store, &op, &replica, &pending, me).await?;
                self.lifecycle.try_set(doc.config.lifecycle);
            }
            SettingsWrite::HandoffSettings { .. } => {
                let doc: HandoffSettingsView =
                    queue_with(store, &op, &replica, &pending, me).await?;
                self.reps.try_set(doc.settings.reps.clone());
                self.handoff_settings.try_set(Some(doc));
            }
            SettingsWrite::PutSegment { .. } | SettingsWrite::DeleteSegment { .. } => {
                queue_with::<SegmentList>(store, &op, &replica, &pending, me).await?;
            }
        }
        Ok(op_id)
    }
}
