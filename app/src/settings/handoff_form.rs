//! The handoff settings section: the stages, SLA and alert time, reject reasons and
//! where each sends a lead, the calendar and the reps, saved as one document through the
//! outbox (offline too), with field problems beside their fields.

use leadkit_shared::capture::FieldError;
use leadkit_shared::model::{RejectReason, Stage};
use leadkit_shared::sync::SettingsWrite;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::calendar::CalendarEditor;
use super::draft::{PARKING_STAGES, SettingsDraft};
use super::inputs::{Draft, DraftInput, bind};
use super::reps::RepsEditor;
use super::text::{SettingsText, settings_problem};
use crate::data::{SaveSettingsError, SettingsSaved, use_workspace};
use crate::handoff::text::{ALL_REJECT_REASONS, HandoffText};
use crate::i18n::{tr, use_i18n};
use crate::leads::text::stage_name;
use crate::ui::{FieldProblem, UiText, from_wire, refused_fields, settings_refusal, wire_name};

/// The handoff settings form.
#[component]
pub fn HandoffSection() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let draft: Draft = RwSignal::new(None);
    let problems = RwSignal::new(Vec::<FieldError>::new());
    let outcome = RwSignal::new(None::<UiText>);
    let busy = RwSignal::new(false);

    // Start from the freshest settings the worker has; offline, from the local copy
    // (with this device's pending saves either way). Until the worker answered (or could
    // not), the draft waits, so it never starts from a stale copy.
    let asked = RwSignal::new(false);
    spawn_local(async move {
        workspace.refresh_documents().await;
        asked.try_set(true);
    });
    Effect::new(move || {
        if asked.get()
            && let Some(view) = workspace.handoff_settings.get()
            && draft.with_untracked(Option::is_none)
        {
            draft.set(Some(SettingsDraft::from_settings(&view.settings)));
        }
    });
    // Only loading the draft swaps the form in; edits must not rebuild it (focus).
    let loaded = Memo::new(move |_| draft.with(Option::is_some));
    let version = move || {
        workspace
            .handoff_settings
            .with(|v| v.as_ref().map(|v| v.version))
    };
    let waiting = move || {
        workspace
            .pending_settings
            .with(|kinds| kinds.contains(&"handoff_settings"))
    };
    let unsaved = move || {
        workspace.handoff_settings.with(|saved| {
            draft.with(|d| match (saved, d) {
                (Some(saved), Some(d)) => *d != SettingsDraft::from_settings(&saved.settings),
                _ => false,
            })
        })
    };

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(current) = draft.get_untracked() else {
            return;
        };
        outcome.set(None);
        let settings = match current.to_settings() {
            Ok(settings) => settings,
            Err(found) => {
                problems.set(found);
                outcome.set(Some(UiText::FixFields));
                return;
            }
        };
        problems.set(Vec::new());
        busy.set(true);
        spawn_local(async move {
            let write = SettingsWrite::HandoffSettings {
                settings,
                base_version: None,
            };
            match workspace.save_settings(write).await {
                Ok(SettingsSaved::Synced | SettingsSaved::OnDevice) => {
                    if let Some(view) = workspace.handoff_settings.get_untracked() {
                        draft.try_set(Some(SettingsDraft::from_settings(&view.settings)));
                    }
                }
                Ok(SettingsSaved::Refused(refused)) => {
                    problems.try_set(refused_fields(&refused));
                    outcome.try_set(Some(settings_refusal(&refused)));
                }
                Err(SaveSettingsError::Invalid { problem }) => {
                    problems.try_set(vec![problem]);
                    outcome.try_set(Some(UiText::FixFields));
                }
                Err(SaveSettingsError::Store(_)) => {
                    outcome.try_set(Some(UiText::Failed));
                }
            }
            busy.try_set(false);
        });
    };

    let stage_select = move |name: &'static str,
                             choices: &'static [Stage],
                             get: fn(&SettingsDraft) -> Stage,
                             set: fn(&mut SettingsDraft, Stage)| {
        let current = Memo::new(move |_| draft.with(|d| d.as_ref().map(get)));
        view! {
            <select name=name on:change=move |ev| {
                if let Some(stage) = from_wire::<Stage>(&event_target_value(&ev)) {
                    draft.update(|d| if let Some(d) = d { set(d, stage) });
                }
            }>
                {move || choices.iter().map(|s| view! {
                    <option value=wire_name(s) selected=current.get() == Some(*s)>{stage_name(*s, i18n.locale.get())}</option>
                }).collect_view()}
            </select>
            <FieldProblem problems=problems path=name explain=settings_problem />
        }
    };

    view! {
        <section class="card settings-section" id="handoff" aria-labelledby="handoff-settings-title">
            <h3 id="handoff-settings-title">{tr(SettingsText::Handoff)}</h3>
            {move || match (loaded.get(), asked.get()) {
                // Neither the worker nor this device has the settings.
                (false, true) if workspace.handoff_settings.with(Option::is_none) => {
                    view! { <p class="error" role="alert">{i18n.t(UiText::Offline)}</p> }.into_any()
                }
                (false, _) => view! { <p class="empty">{i18n.t(SettingsText::Loading)}</p> }.into_any(),
                (true, _) => view! {
                    <form class="settings-form" novalidate on:submit=save data-testid="handoff-settings">
                        <div class="pair">
                            <label class="field">
                                <span class="field-label">{tr(SettingsText::HandoffStage)}</span>
                                {stage_select("handoff_stage", &[Stage::Mql, Stage::Pql, Stage::Sql], |d| d.handoff_stage, |d, s| d.handoff_stage = s)}
                            </label>
                            <label class="field">
                                <span class="field-label">{tr(SettingsText::AcceptedStage)}</span>
                                {stage_select("accepted_stage", &[Stage::Pql, Stage::Sql, Stage::Opportunity], |d| d.accepted_stage, |d, s| d.accepted_stage = s)}
                            </label>
                        </div>
                        <div class="pair">
                            <DraftInput label=SettingsText::SlaHours path="sla_working_hours" input_type="number" problems=problems
                                hint=SettingsText::SlaHoursHint
                                bound=bind(draft, |d| d.sla_working_hours.clone(), |d, t| d.sla_working_hours = t) />
                            <DraftInput label=SettingsText::AlertMinutes path="alert_after_secs" input_type="number" problems=problems
                                hint=SettingsText::AlertMinutesHint
                                bound=bind(draft, |d| d.alert_after_minutes.clone(), |d, t| d.alert_after_minutes = t) />
                        </div>
                        <ReasonsEditor draft=draft problems=problems />
                        <CalendarEditor draft=draft problems=problems />
                        <RepsEditor draft=draft problems=problems />
                        <div class="save-bar">
                            <button type="submit" class="primary" data-testid="save-handoff" disabled=move || busy.get()>
                                {move || i18n.t(if busy.get() { SettingsText::Loading } else { SettingsText::Save })}
                            </button>
                            <span class="status" role="status" data-testid="handoff-status">
                                {move || match (outcome.get(), unsaved()) {
                                    (Some(problem), _) => i18n.t(problem),
                                    (None, true) => i18n.t(SettingsText::Unsaved),
                                    (None, false) if waiting() => i18n.t(UiText::SavedOnDevice),
                                    (None, false) => version().map(|v| i18n.t(SettingsText::Saved(v))).unwrap_or_default(),
                                }}
                            </span>
                        </div>
                    </form>
                }
                .into_any(),
            }}
        </section>
    }
}

/// The reasons a rep may reject with, each with where it sends the lead.
#[component]
fn ReasonsEditor(
    /// The draft being edited.
    draft: Draft,
    /// The problems of the last save.
    problems: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let row = move |reason: RejectReason| {
        let code = wire_name(&reason);
        let offered = Memo::new(move |_| {
            draft.with(|d| {
                d.as_ref()
                    .is_some_and(|d| d.reject_reasons.contains(&reason))
            })
        });
        let goes_to = Memo::new(move |_| {
            draft.with(|d| d.as_ref().and_then(|d| d.rejected_to.get(&reason).copied()))
        });
        let toggle = move |ev| {
            let on = event_target_checked(&ev);
            draft.update(|d| {
                if let Some(d) = d {
                    if on {
                        d.reject_reasons.insert(reason);
                    } else {
                        d.reject_reasons.remove(&reason);
                    }
                }
            });
        };
        let choose = move |ev| {
            if let Some(stage) = from_wire::<Stage>(&event_target_value(&ev)) {
                draft.update(|d| {
                    if let Some(d) = d {
                        d.rejected_to.insert(reason, stage);
                    }
                });
            }
        };
        view! {
            <div class="reason-row">
                <label class="check">
                    <input type="checkbox" name=format!("reason-{code}") prop:checked=offered on:change=toggle />
                    {tr(HandoffText::RejectReason(reason))}
                </label>
                <select name=format!("sends-{code}") aria-label=tr(SettingsText::RejectSendsTo)
                    disabled=move || !offered.get() on:change=choose>
                    {move || PARKING_STAGES.iter().map(|s| view! {
                        <option value=wire_name(s) selected=goes_to.get() == Some(*s)>{stage_name(*s, i18n.locale.get())}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <fieldset class="group reasons">
            <legend>{tr(SettingsText::RejectReasons)}</legend>
            {ALL_REJECT_REASONS.into_iter().map(row).collect_view()}
            <FieldProblem problems=problems path="reject_reasons" explain=settings_problem />
            <FieldProblem problems=problems path="rejected_to" explain=settings_problem />
        </fieldset>
    }
}
