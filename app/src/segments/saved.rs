//! The team's saved segments in context: fetched from the worker and kept in IndexedDB
//! (read offline), with this device's saves that wait to sync; and the local leads as a
//! [`Population`] to count members.

use std::sync::Arc;

use leadkit_shared::api::{SegmentList, SegmentRecord};
use leadkit_shared::segments::Population;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::data::Workspace;

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

    /// Re-reads the list kept on this device (after a save was stored here).
    pub async fn reread(&self) {
        if let Some(list) = self.workspace.kept_settings::<SegmentList>().await {
            self.list.try_set(list.segments);
        }
    }
}

async fn load(workspace: Workspace, saved: SavedSegments) {
    match workspace.read_settings::<SegmentList>().await {
        Ok(read) => {
            saved.offline.try_set(!read.fresh);
            saved.list.try_set(read.doc.segments);
        }
        Err(_) => {
            // Offline and never fetched on this device.
            saved.offline.try_set(true);
        }
    }
    saved.loaded.try_set(true);
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
    // Saves made here reached the server (or were refused): read its list again.
    Effect::new(move |first: Option<()>| {
        workspace.settings_revision.track();
        if first.is_some() {
            spawn_local(load(workspace, saved));
        }
    });
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
