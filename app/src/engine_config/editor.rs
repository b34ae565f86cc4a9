//! The editing state shared by the ICP and scoring views: the saved version, the draft,
//! and what keeps the draft from being saved. One per signed-in workspace, so an edit
//! made in one view is still there in the other until it is saved or discarded.

use std::collections::BTreeMap;

use leadkit_shared::api::{EngineConfigView, SCHEMA_VERSION};
use leadkit_shared::capture::FieldError;
use leadkit_shared::engine::EngineConfig;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::api::ConfigApiError;
use super::inputs::InputProblem;
use super::problems::{Problem, problem_of};
use crate::data::{Workspace, use_workspace};

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

    /// Reads the saved configuration: the worker's, kept on this device; offline, the
    /// copy kept here; with this device's saves that wait to sync.
    /// A draft edited while the read was under way (the views show the defaults at once)
    /// is kept, now against the read version.
    pub async fn load(&self, workspace: Workspace) {
        self.state.set(LoadState::Loading);
        let started_from = self.draft.get_untracked();
        match workspace.read_settings::<EngineConfigView>().await {
            Ok(read) if read.doc.schema_version != SCHEMA_VERSION => {
                let error = ConfigApiError::SchemaMismatch {
                    found: read.doc.schema_version,
                };
                self.state.set(LoadState::Failed(error.to_string()));
            }
            Ok(read) => {
                if self.draft.with_untracked(|d| *d == started_from) {
                    self.replace(read.doc);
                } else {
                    self.base.set(Some(read.doc));
                }
                self.state.set(if read.fresh {
                    LoadState::Ready
                } else {
                    LoadState::Cached
                });
            }
            Err(error) => {
                let error = ConfigApiError::from(error);
                self.state.set(LoadState::Failed(error.to_string()));
            }
        }
    }

    /// Starts over from the copy kept on this device (after a save was stored).
    pub async fn reread(&self, workspace: Workspace) {
        if let Some(view) = workspace.kept_settings::<EngineConfigView>().await {
            self.replace(view);
        }
    }

    /// Follows the copy kept on this device while the draft is unedited: checked again
    /// once the copy is read, so an edit made meanwhile is never replaced.
    async fn follow(&self, workspace: Workspace) {
        let Some(view) = workspace.kept_settings::<EngineConfigView>().await else {
            return;
        };
        let unedited = self.draft.with_untracked(|draft| {
            self.base
                .with_untracked(|b| b.as_ref().is_some_and(|b| b.config == *draft))
        });
        if unedited && self.base.with_untracked(|b| b.as_ref() != Some(&view)) {
            self.replace(view);
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
    // A save made here reached the server (or was refused) after the editor read it:
    // an unedited draft follows the server's copy.
    Effect::new(move |first: Option<()>| {
        workspace.settings_revision.track();
        if first.is_some() {
            spawn_local(async move { editor.follow(workspace).await });
        }
    });
    editor
}

/// The editor from context.
pub fn use_config_editor() -> ConfigEditor {
    expect_context::<ConfigEditor>()
}
