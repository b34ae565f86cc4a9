//! Saving the draft as a new version: a note saying why, the version it was edited
//! from (so a save never silently overwrites someone else's), and what the worker said.

use leadkit_shared::api::MAX_CONFIG_NOTE_CHARS;
use leadkit_shared::sync::SettingsWrite;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::editor::{LoadState, use_config_editor};
use super::text::ConfigText;
use crate::data::{SaveSettingsError, SettingsSaved, use_workspace};
use crate::i18n::use_i18n;
use crate::ui::refused_fields;

/// The outcome of the last save, shown beside the button.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Saved(u32),
    /// Stored on this device as this version, waiting for the network.
    OnDevice(u32),
    Conflict,
    Forbidden,
    /// Parts refused: shown at the parts (and the note, if named).
    Refused,
    Failed(String),
}

/// The save bar: status, note, Save and Discard, and what the last save did.
#[component]
pub fn SaveBar() -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_config_editor();
    let workspace = use_workspace();
    let note = RwSignal::new(String::new());
    let saving = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    let dirty = Memo::new(move |_| editor.dirty());
    let blocked = move || {
        editor.problem.with(Option::is_some) || editor.input_problems.with(|p| !p.is_empty())
    };
    let loaded = move || matches!(editor.state.get(), LoadState::Ready | LoadState::Cached);
    let can_save = move || loaded() && dirty.get() && !blocked() && !saving.get();
    let note_problem = move || {
        editor.server_problems.with(|all| {
            all.iter()
                .find(|p| p.field == "note")
                .map(|p| i18n.t(ConfigText::RefusedPart(p.message.clone())))
        })
    };

    let save = move || {
        let Some(base) = editor.base.get_untracked() else {
            return;
        };
        let write = SettingsWrite::EngineConfig {
            config: editor.draft.get_untracked(),
            base_version: base.version,
            note: Some(note.get_untracked()).filter(|n| !n.trim().is_empty()),
        };
        saving.set(true);
        outcome.set(None);
        editor.server_problems.set(Vec::new());
        spawn_local(async move {
            let result = workspace.save_settings(write).await;
            saving.set(false);
            match result {
                Ok(saved @ (SettingsSaved::Synced | SettingsSaved::OnDevice)) => {
                    editor.reread(workspace).await;
                    note.set(String::new());
                    editor.saved.update(|s| *s += 1);
                    let version = editor
                        .base
                        .with_untracked(|b| b.as_ref().map_or(0, |b| b.version));
                    outcome.set(Some(if saved == SettingsSaved::Synced {
                        Outcome::Saved(version)
                    } else {
                        Outcome::OnDevice(version)
                    }));
                }
                Ok(SettingsSaved::Refused(refused)) => match refused.refusal.as_deref() {
                    Some("stale_version") => outcome.set(Some(Outcome::Conflict)),
                    Some("not_allowed") => outcome.set(Some(Outcome::Forbidden)),
                    Some("invalid") => {
                        editor.server_problems.set(refused_fields(&refused));
                        outcome.set(Some(Outcome::Refused));
                    }
                    _ => outcome.set(Some(Outcome::Failed(refused.reason))),
                },
                Err(SaveSettingsError::Invalid { problem }) => {
                    editor.server_problems.set(vec![problem]);
                    outcome.set(Some(Outcome::Refused));
                }
                Err(SaveSettingsError::Store(e)) => {
                    outcome.set(Some(Outcome::Failed(e.to_string())));
                }
            }
        });
    };
    let reload = move |_| {
        outcome.set(None);
        spawn_local(async move { editor.load(workspace).await });
    };

    let status = move || match editor.state.get() {
        LoadState::Loading => i18n.t(ConfigText::Loading),
        LoadState::Failed(why) => i18n.t(ConfigText::LoadFailed(why)),
        _ if dirty.get() => i18n.t(ConfigText::Unsaved),
        _ => i18n.t(ConfigText::NoChanges),
    };
    let version = move || {
        editor.base.with(|b| {
            b.as_ref()
                .map(|b| i18n.t(ConfigText::EditingVersion(b.version)))
        })
    };
    let message = move || {
        let text = match outcome.get()? {
            Outcome::Saved(v) => ConfigText::SavedAs(v),
            Outcome::Conflict => ConfigText::Conflict,
            Outcome::Forbidden => ConfigText::Forbidden,
            Outcome::OnDevice(v) => ConfigText::SavedOnDevice(v),
            Outcome::Refused => ConfigText::FixProblems,
            Outcome::Failed(why) => ConfigText::SaveFailed(why),
        };
        Some(i18n.t(text))
    };
    let is_error = move || {
        !matches!(
            outcome.get(),
            Some(Outcome::Saved(_) | Outcome::OnDevice(_)) | None
        )
    };

    view! {
        <section class="card save-bar" aria-labelledby="save-title">
            <h3 id="save-title" class="visually-hidden">{i18n.text(ConfigText::Save)}</h3>
            <p class="save-status" data-testid="save-status">
                <span>{status}</span>
                " "
                <span class="muted">{version}</span>
            </p>
            {move || (editor.state.get() == LoadState::Cached).then(|| view! { <p class="muted">{i18n.t(ConfigText::Cached)}</p> })}
            <label class="edit-field note" for="config-note">
                <span class="label">{i18n.text(ConfigText::Note)}</span>
                <textarea
                    id="config-note"
                    data-testid="config-note"
                    rows="2"
                    maxlength=MAX_CONFIG_NOTE_CHARS.to_string()
                    placeholder=i18n.text(ConfigText::NoteHint)
                    aria-invalid=move || note_problem().is_some().to_string()
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                ></textarea>
                <span class="field-error" aria-live="polite">{note_problem}</span>
            </label>
            <div class="actions">
                <button
                    class="primary"
                    data-testid="save-config"
                    disabled=move || !can_save()
                    on:click=move |_| save()
                >
                    {move || i18n.t(if saving.get() { ConfigText::Saving } else { ConfigText::Save })}
                </button>
                <button
                    class="secondary"
                    disabled=move || !dirty.get() || saving.get()
                    on:click=move |_| {
                        outcome.set(None);
                        editor.discard();
                    }
                >
                    {i18n.text(ConfigText::Discard)}
                </button>
            </div>
            <Show when=move || dirty.get() && blocked()>
                <p class="field-error">{i18n.text(ConfigText::FixProblems)}</p>
            </Show>
            <div class="save-outcome" role="status" aria-live="polite" data-testid="save-outcome">
                {move || message().map(|m| view! { <p class:error=is_error>{m}</p> })}
                <Show when=move || outcome.get() == Some(Outcome::Conflict)>
                    <button class="secondary" data-testid="reload-config" on:click=reload>
                        {i18n.text(ConfigText::Reload)}
                    </button>
                </Show>
            </div>
        </section>
    }
}
