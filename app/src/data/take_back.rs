//! Taking back what the server refused. A change is applied on this device before the
//! server sees it; when the server refuses it (a handoff someone else answered first, a
//! stage move its rules forbid, a lead merged meanwhile), its fields here carry a later
//! stamp than the server's, so no pull would ever replace them. The device therefore
//! asks for the server's copy of each lead a refused operation named, lays its own
//! still-pending changes over it (the same local merge), and stores that; the refused
//! operation's touches leave the timelines. The refusal itself stays listed in the sync
//! line with its reason.

use leadkit_shared::api::LeadRecord;
use leadkit_shared::sync::replay_pending;
use leptos::prelude::*;

use super::api;
use super::db::{LeadStore, StoreError};
use super::push::Pushed;
use super::workspace::Workspace;

impl Workspace {
    /// Takes back this device's copies of the leads `pushed` refused changes to. A lead
    /// the server does not have (a creation it refused) is kept as this device has it,
    /// so nothing entered here is lost; one the worker cannot be asked for now is taken
    /// back at the next refusal or pull.
    pub(super) async fn take_back(
        &self,
        store: &LeadStore,
        pushed: &Pushed,
    ) -> Result<(), StoreError> {
        if pushed.refused_leads.is_empty() && pushed.refused_touches.is_empty() {
            return Ok(());
        }
        let pending = store.pending().await?;
        let lifecycle = self.lifecycle.get_untracked();
        let mut restored = Vec::new();
        for id in &pushed.refused_leads {
            let Ok(lead) = api::get::<LeadRecord>(&format!("/api/leads/{id}")).await else {
                continue;
            };
            let lead = replay_pending(lead, &pending, &lifecycle);
            restored.push(lead);
        }
        store.take_back(&restored, &pushed.refused_touches).await?;
        // The views show the taken-back copies at once (a pull may bring nothing).
        self.reload().await
    }
}
