//! A button that deletes (or revokes) something, asking once more first: the first
//! press turns it into its confirmation, the second deletes — through the API
//! (`DELETE path`, needs the network) or, for a settings document, through the outbox
//! (works offline); a refusal is said beside it.

use leadkit_shared::sync::SettingsWrite;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::text::{UiText, refusal, settings_refusal};
use crate::data::{SettingsSaved, Workspace, api};
use crate::i18n::use_i18n;

/// What the button deletes.
#[derive(Debug, Clone)]
pub enum DeleteTarget {
    /// The API path to `DELETE`.
    Api(String),
    /// A settings write (a segment's deletion) saved like every settings change.
    Settings(SettingsWrite),
}

impl From<String> for DeleteTarget {
    fn from(path: String) -> Self {
        Self::Api(path)
    }
}

impl From<SettingsWrite> for DeleteTarget {
    fn from(write: SettingsWrite) -> Self {
        Self::Settings(write)
    }
}

impl DeleteTarget {
    /// Deletes it: `Ok` once deleted (or, offline, once queued on this device).
    async fn delete(self, workspace: Option<Workspace>) -> Result<(), UiText> {
        match self {
            Self::Api(path) => api::delete(&path).await.map_err(|e| refusal(&e)),
            Self::Settings(write) => {
                let workspace = workspace.ok_or(UiText::Failed)?;
                match workspace.save_settings(write).await {
                    Ok(SettingsSaved::Synced | SettingsSaved::OnDevice) => Ok(()),
                    Ok(SettingsSaved::Refused(refused)) => Err(settings_refusal(&refused)),
                    Err(_) => Err(UiText::Failed),
                }
            }
        }
    }
}

/// Deletes `path` on the second press.
#[component]
pub fn ConfirmDelete(
    /// What to delete: an API path, or a settings write.
    #[prop(into)]
    path: DeleteTarget,
    /// The button's text before it is pressed ("Delete", "Revoke").
    #[prop(into)]
    label: Signal<String>,
    /// Its text once pressed, asking to confirm.
    #[prop(into)]
    confirm: Signal<String>,
    /// The button's test id.
    test_id: &'static str,
    /// Called after it was deleted (or queued for deletion on this device).
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_context::<Workspace>();
    let confirming = RwSignal::new(false);
    let problem = RwSignal::new(None::<UiText>);
    let press = move |_| {
        if !confirming.get_untracked() {
            confirming.set(true);
            return;
        }
        let target = path.clone();
        spawn_local(async move {
            match target.delete(workspace).await {
                Ok(()) => on_done.run(()),
                Err(why) => {
                    problem.try_set(Some(why));
                }
            }
        });
    };
    view! {
        <button type="button" class="danger" data-testid=test_id on:click=press>
            {move || if confirming.get() { confirm.get() } else { label.get() }}
        </button>
        <span class="form-error" role="alert">{move || problem.get().map(|p| i18n.t(p))}</span>
    }
}
