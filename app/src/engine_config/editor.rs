//! The editing state shared by the ICP and scoring views: the saved version, the draft,
//! and what keeps the draft from being saved. One per signed-in workspace, so an edit
//! made in one view is still there in the other until it is saved or discarded.

use std::collections::BTreeMap;

use leadkit_shared::api::EngineConfigView;
use leadkit_shared::capture::FieldError;
use leadkit_shared::engine::EngineConfig;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::api::{ConfigApiError, fetch_config};
use super::inputs::InputProblem;
use super::problems::{Problem, problem_of};
use crate::data::{Workspace, use_workspace};

/// The local copy of the saved configuration, for offline use.
const ENGINE_CONFIG_DOC: &str = "engine_config";

/// Where the saved configuration came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadState {
    /// Asking the worker.
    Loading,
    /// The worker's current version.
    Ready,
    /// The worker could not be reached: the copy kept on this device (saving will say
    /// whether it is still current).
    Cached,
    /// Neither the worker nor a local copy: why.
    Failed(String),
}

/// The configuration being edited, shared through context.
#[derive(Clone, Copy)]
pub struct ConfigEditor {
    /// The saved version the draft started from; `None` until loaded.
    pub base: RwSignal<Option<EngineConfigView>>,
    /// The configuration as edited.
    pub draft: RwSignal<EngineConfig>,
    pub state: RwSignal<LoadState>,
    /// Text typed into an input that could not be used, by the input's key. The draft
    /// keeps the last usable value; nothing is saved while any remain.
    pub input_problems: RwSignal<BTreeMap<String, InputProblem>>,
    /// Bumped when a list in the draft gains or loses an item, or the draft is replaced,
    /// so the editors rebuild their rows.
    pub shape: RwSignal<u64>,
    /// The parts the worker refused at the last save (`config.icp`, `note` …).
    pub server_problems: RwSignal<Vec<FieldError>>,
    /// Bumped after each save, so the history reloads.
    pub saved: RwSignal<u64>,
    /// The first problem the engine finds in the draft, placed where it is shown.
    pub problem: Memo<Option<Problem>>,
}

impl ConfigEditor {
    /// Changes values in the draft (no list changes shape).
    pub fn edit(&self, f: impl FnOnce(&mut EngineConfig)) {
        self.draft.update(f);
    }

    /// Adds or removes list items in the draft: rows are rebuilt from the draft, so
    /// problems of inputs that no longer show are dropped.
    pub fn restructure(&self, f: impl FnOnce(&mut EngineConfig)) {
        self.draft.update(f);
        self.input_problems.set(BTreeMap::new());
        self.shape.update(|s| *s += 1);
    }

    /// Starts over from `view`: the saved version and a draft equal to it.
    pub fn replace(&self, view: EngineConfigView) {
        self.draft.set(view.config.clone());
        self.base.set(Some(view));
        self.input_problems.set(BTreeMap::new());
        self.server_problems.set(Vec::new());
        self.shape.update(|s| *s += 1);
    }

    /// Throws the edits away.
    pub fn discard(&self) {
        if let Some(view) = self.base.get_untracked() {
            self.replace(view);
        }
    }

    /// Whether the draft differs from the saved version.
    pub fn dirty(&self) -> bool {
        let draft = self.draft.read();
        self.base
            .with(|b| b.as_ref().is_some_and(|b| b.config != *draft))
    }

    /// Records (or, with `None`, clears) what is wrong with the text in input `key`.
    pub fn set_input_problem(&self, key: &str, problem: Option<InputProblem>) {
        let current = self.input_problems.with_untracked(|p| p.get(key).copied());
        if current == problem {
            return;
        }
        self.input_problems.update(|all| match problem {
            Some(p) => {
                all.insert(key.to_owned(), p);
            }
            None => {
                all.remove(key);
            }
        });
    }

    /// Fetches the saved configuration, keeping a copy on this device; offline, reads
    /// that copy.
    pub async fn load(&self, workspace: Workspace) {
        self.state.set(LoadState::Loading);
        match fetch_config().await {
            Ok(view) => {
                if let Ok(store) = workspace.store().await {
                    let _ = store.put_document(ENGINE_CONFIG_DOC, &view).await;
                    store.close();
                }
                self.replace(view);
                self.state.set(LoadState::Ready);
            }
            Err(error) => {
                let cached = match workspace.store().await {
                    Ok(store) => {
                        let doc = store
                            .document::<EngineConfigView>(ENGINE_CONFIG_DOC)
                            .await
                            .ok()
                            .flatten();
                        store.close();
                        doc
                    }
                    Err(_) => None,
                };
                match (cached, error) {
                    (Some(view), ConfigApiError::Network { .. }) => {
                        self.replace(view);
                        self.state.set(LoadState::Cached);
                    }
                    (_, error) => self.state.set(LoadState::Failed(error.to_string())),
                }
            }
        }
    }

    /// Keeps a saved version's copy on this device.
    pub async fn remember(&self, workspace: Workspace, view: &EngineConfigView) {
        if let Ok(store) = workspace.store().await {
            let _ = store.put_document(ENGINE_CONFIG_DOC, view).await;
            store.close();
        }
    }
}

/// Puts the editor in context and loads the saved configuration. Call inside the
/// workspace (it caches through the workspace's database).
pub fn provide_config_editor() -> ConfigEditor {
    let workspace = use_workspace();
    let draft = RwSignal::new(EngineConfig::korean_b2b_default());
    let editor = ConfigEditor {
        base: RwSignal::new(None),
        draft,
        state: RwSignal::new(LoadState::Loading),
        input_problems: RwSignal::new(BTreeMap::new()),
        shape: RwSignal::new(0),
        server_problems: RwSignal::new(Vec::new()),
        saved: RwSignal::new(0),
        problem: Memo::new(move |_| draft.with(problem_of)),
    };
    provide_context(editor);
    spawn_local(async move { editor.load(workspace).await });
    editor
}

/// The editor from context.
pub fn use_config_editor() -> ConfigEditor {
    expect_context::<ConfigEditor>()
}
