//! The team's saved segments in context: fetched from the worker and cached in
//! IndexedDB (read offline), and the local leads as a [`Population`] to count members.

use std::sync::Arc;

use leadkit_shared::api::{SegmentList, SegmentRecord};
use leadkit_shared::segments::Population;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::data::Workspace;
use crate::data::api;

/// The IndexedDB document holding the last segment list fetched.
const SEGMENTS_DOC: &str = "segments";

/// Saved segments and what they are counted over.
#[derive(Clone, Copy)]
pub struct SavedSegments {
    /// The segments, by name.
    pub list: RwSignal<Vec<SegmentRecord>>,
    /// Whether the list was read (from the worker or the cache).
    pub loaded: RwSignal<bool>,
    /// Whether the list is the cached copy because the worker could not be reached.
    pub offline: RwSignal<bool>,
    /// The local leads with their touches, rebuilt after each pull.
    pub population: RwSignal<Arc<Population>>,
    workspace: Workspace,
}

impl SavedSegments {
    /// The segment with this id.
    pub fn get(&self, id: Uuid) -> Option<SegmentRecord> {
        self.list.with(|l| l.iter().find(|s| s.id == id).cloned())
    }

    /// Puts a saved segment in the list (replacing its old version) and caches the list.
    pub fn adopt(&self, record: SegmentRecord) {
        self.list.update(|list| {
            list.retain(|s| s.id != record.id);
            list.push(record);
            list.sort_by(|a, b| a.segment.name.cmp(&b.segment.name));
        });
        self.cache();
    }

    /// Drops a deleted segment and caches the list.
    pub fn forget(&self, id: Uuid) {
        self.list.update(|list| list.retain(|s| s.id != id));
        self.cache();
    }

    fn cache(&self) {
        let list = SegmentList {
            schema_version: leadkit_shared::api::SCHEMA_VERSION,
            segments: self.list.get_untracked(),
        };
        let workspace = self.workspace;
        spawn_local(async move {
            if let Ok(store) = workspace.store().await {
                let _ = store.put_document(SEGMENTS_DOC, &list).await;
                store.close();
            }
        });
    }
}

async fn load(workspace: Workspace, saved: SavedSegments) {
    let Ok(store) = workspace.store().await else {
        saved.loaded.try_set(true);
        return;
    };
    match api::get::<SegmentList>("/api/segments").await {
        Ok(fresh) => {
            let _ = store.put_document(SEGMENTS_DOC, &fresh).await;
            saved.offline.try_set(false);
            saved.list.try_set(fresh.segments);
        }
        Err(_) => {
            let cached = store
                .document::<SegmentList>(SEGMENTS_DOC)
                .await
                .ok()
                .flatten();
            saved.offline.try_set(true);
            saved
                .list
                .try_set(cached.map(|c| c.segments).unwrap_or_default());
        }
    }
    saved.loaded.try_set(true);
    store.close();
}

/// Provides [`SavedSegments`] for the workspace's views, loading the list once and
/// rebuilding the population after each pull.
pub fn provide_segments(workspace: Workspace) -> SavedSegments {
    let saved = SavedSegments {
        list: RwSignal::new(Vec::new()),
        loaded: RwSignal::new(false),
        offline: RwSignal::new(false),
        population: RwSignal::new(Arc::new(Population::default())),
        workspace,
    };
    spawn_local(load(workspace, saved));
    Effect::new(move |_| {
        workspace.revision.track();
        let leads = workspace.leads.get();
        spawn_local(async move {
            let touches = match workspace.store().await {
                Ok(store) => {
                    let touches = store.all_touches().await.unwrap_or_default();
                    store.close();
                    touches
                }
                Err(_) => Vec::new(),
            };
            saved
                .population
                .try_set(Arc::new(Population::new(&leads, &touches)));
        });
    });
    provide_context(saved);
    saved
}

/// The saved segments of the workspace (see [`provide_segments`]).
pub fn use_segments() -> SavedSegments {
    expect_context::<SavedSegments>()
}
