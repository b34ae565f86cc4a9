//! The win probabilities applied to leads, kept on the device as one IndexedDB document
//! and shared through context, so the lead table shows a "Win probability" column
//! wherever it is opened, and only once a model was applied.

use std::sync::Arc;

use leadkit_shared::api::WinProbabilities;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::data::{StoreError, Workspace};

/// The document's name in the local store.
pub const WIN_PROBABILITIES_DOC: &str = "win_probabilities";

/// The applied probabilities, if any.
#[derive(Debug, Clone, Copy)]
pub struct WinProbabilityColumn {
    pub applied: RwSignal<Option<Arc<WinProbabilities>>>,
}

impl WinProbabilityColumn {
    /// Whether a model was applied (the column shows).
    pub fn shown(&self) -> bool {
        self.applied.with(Option::is_some)
    }

    /// A lead's probability in whole percent, if it was scored.
    pub fn percent(&self, lead: &Uuid) -> Option<u8> {
        self.applied
            .with(|a| a.as_ref().and_then(|doc| doc.percents.get(lead).copied()))
    }

    /// Saves `doc` on the device, then shows it.
    pub async fn apply(
        &self,
        workspace: &Workspace,
        doc: WinProbabilities,
    ) -> Result<(), StoreError> {
        let store = workspace.store().await?;
        let saved = store.put_document(WIN_PROBABILITIES_DOC, &doc).await;
        store.close();
        saved?;
        self.applied.try_set(Some(Arc::new(doc)));
        Ok(())
    }
}

/// Puts the column in context and loads what was applied before on this device.
pub fn provide_win_probabilities(workspace: Workspace) -> WinProbabilityColumn {
    let column = WinProbabilityColumn {
        applied: RwSignal::new(None),
    };
    provide_context(column);
    spawn_local(async move {
        let Ok(store) = workspace.store().await else {
            return;
        };
        let doc = store
            .document::<WinProbabilities>(WIN_PROBABILITIES_DOC)
            .await;
        store.close();
        if let Ok(Some(doc)) = doc {
            column.applied.try_set(Some(Arc::new(doc)));
        }
    });
    column
}

/// The column from context; `None` outside a workspace.
pub fn use_win_probabilities() -> Option<WinProbabilityColumn> {
    use_context::<WinProbabilityColumn>()
}
