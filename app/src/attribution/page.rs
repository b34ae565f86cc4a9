//! `/attribution`: credit for conversions by channel and campaign under the model the
//! user picks, and the win-probability model trained on this device's history.

use std::sync::Arc;

use leadkit_shared::lifecycle::StageHistory;
use leadkit_shared::model::Touch;
use leptos::prelude::*;

use super::credit::CreditSection;
use super::predictive::PredictiveSection;
use super::text::AttributionText;
use crate::data::{Workspace, use_workspace};
use crate::i18n::use_i18n;

/// The touches and stage history this view works from.
#[derive(Clone)]
pub struct LocalHistory {
    pub touches: Arc<Vec<Touch>>,
    pub history: Arc<StageHistory>,
}

/// Reads every touch and stage change stored on the device.
pub async fn local_history(workspace: Workspace) -> Result<LocalHistory, String> {
    let store = workspace.store().await.map_err(|e| e.to_string())?;
    let touches = store.all_touches().await;
    let changes = store.all_stage_changes().await;
    store.close();
    let touches = touches.map_err(|e| e.to_string())?;
    let changes = changes.map_err(|e| e.to_string())?;
    Ok(LocalHistory {
        touches: Arc::new(touches),
        history: Arc::new(StageHistory::new(
            changes.iter().map(|entry| entry.change()).collect(),
        )),
    })
}

/// The attribution & predictive view.
#[component]
pub fn AttributionPage() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let data = LocalResource::new(move || {
        workspace.revision.track();
        local_history(workspace)
    });
    view! {
        <section class="insights" aria-labelledby="attribution-title">
            <header class="page-head">
                <h2 id="attribution-title">{i18n.text(AttributionText::Title)}</h2>
            </header>
            <div class="insight-grid">
                {move || match data.get() {
                    None => view! {
                        <p class="empty card wide" role="status">{i18n.text(AttributionText::Loading)}</p>
                    }
                    .into_any(),
                    Some(Err(reason)) => view! {
                        <p class="error card wide" role="alert">
                            {move || format!("{}: {reason}", i18n.t(AttributionText::LoadFailed))}
                        </p>
                    }
                    .into_any(),
                    Some(Ok(local)) => view! { <CreditSection local=local /> }.into_any(),
                }}
                <PredictiveSection />
            </div>
        </section>
    }
}
