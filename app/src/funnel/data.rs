//! What the funnel view reads: the stage history from IndexedDB (the app is offline
//! first), and sales' answers from `GET /api/handoff/queue`, kept on the device so the
//! accept/reject figures still show offline.

use std::sync::Arc;

use gloo_net::http::Request;
use leadkit_shared::api::{HandoffEntry, HandoffQueue};
use leadkit_shared::lifecycle::StageHistory;

use crate::data::Workspace;

/// The local copy of the last handoff queue answer.
const HANDOFF_QUEUE_DOC: &str = "handoff_queue";

/// Every stage change stored on this device, grouped by lead.
pub async fn stage_history(workspace: Workspace) -> Result<Arc<StageHistory>, String> {
    let store = workspace.store().await.map_err(|e| e.to_string())?;
    let changes = store.all_stage_changes().await;
    store.close();
    let changes = changes.map_err(|e| e.to_string())?;
    Ok(Arc::new(StageHistory::new(
        changes.iter().map(|entry| entry.change()).collect(),
    )))
}

/// Where the handoffs shown came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedSource {
    /// The worker answered just now.
    Live,
    /// The worker could not be reached; the copy saved on this device.
    Cached,
    /// Neither: nothing to show.
    Unavailable,
}

/// The handoffs sales answered or still holds.
#[derive(Debug, Clone, PartialEq)]
pub struct HandoffFeed {
    pub entries: Arc<Vec<HandoffEntry>>,
    pub source: FeedSource,
}

/// The queue from the worker (saved on the device), else the saved copy.
pub async fn handoff_feed(workspace: Workspace) -> HandoffFeed {
    let store = workspace.store().await.ok();
    let live = match Request::get("/api/handoff/queue").send().await {
        Ok(response) if response.ok() => response.json::<HandoffQueue>().await.ok(),
        _ => None,
    };
    let (queue, source) = match live {
        Some(queue) => {
            if let Some(store) = &store {
                // A failed save only costs the offline copy; the figures still show.
                let _ = store.put_document(HANDOFF_QUEUE_DOC, &queue).await;
            }
            (Some(queue), FeedSource::Live)
        }
        None => {
            let cached = match &store {
                Some(store) => store
                    .document::<HandoffQueue>(HANDOFF_QUEUE_DOC)
                    .await
                    .ok()
                    .flatten(),
                None => None,
            };
            let source = if cached.is_some() {
                FeedSource::Cached
            } else {
                FeedSource::Unavailable
            };
            (cached, source)
        }
    };
    if let Some(store) = store {
        store.close();
    }
    let entries = queue.map_or_else(Vec::new, |q| {
        q.answered.into_iter().chain(q.assigned).collect::<Vec<_>>()
    });
    HandoffFeed {
        entries: Arc::new(entries),
        source,
    }
}
