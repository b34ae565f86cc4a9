//! The reps: who takes handed-off leads, how many a day and a week, which territories
//! and segments, and whether they take leads now. Reps with history are deactivated,
//! not removed, so their handoffs keep a name; a rep added in this edit can be removed.

use leadkit_shared::capture::FieldError;
use leadkit_shared::model::RepId;
use leptos::prelude::*;
use uuid::Uuid;

use super::draft::RepDraft;
use super::inputs::{Draft, DraftInput, bind};
use super::text::SettingsText;
use crate::i18n::{tr, use_i18n};

/// A fresh rep id from the browser's generator.
fn new_rep_id() -> RepId {
    let text = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_default();
    // A browser without crypto.randomUUID is not one the app runs in; the nil id would
    // then be refused by the worker as a duplicate on the second rep, never stored twice.
    RepId(Uuid::parse_str(&text).unwrap_or(Uuid::nil()))
}

/// The reps' rows and the button adding one.
#[component]
pub fn RepsEditor(
    /// The draft being edited.
    draft: Draft,
    /// The problems of the last save.
    problems: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = Memo::new(move |_| draft.with(|d| d.as_ref().map_or(0, |d| d.reps.len())));
    let add = move |_| {
        draft.update(|d| {
            if let Some(d) = d {
                d.reps.push(RepDraft::new(new_rep_id()));
            }
        });
    };
    view! {
        <fieldset class="group reps">
            <legend>{tr(SettingsText::Reps)}</legend>
            {move || {
                let n = count.get();
                if n == 0 {
                    view! { <p class="empty">{i18n.t(SettingsText::NoRepsYet)}</p> }.into_any()
                } else {
                    (0..n).map(|i| view! { <RepRow draft=draft problems=problems index=i /> }).collect_view().into_any()
                }
            }}
            <button type="button" class="secondary" data-testid="add-rep" on:click=add>
                {tr(SettingsText::AddRep)}
            </button>
        </fieldset>
    }
}

/// One rep's inputs.
#[component]
fn RepRow(
    /// The draft being edited.
    draft: Draft,
    /// The problems of the last save.
    problems: RwSignal<Vec<FieldError>>,
    /// The rep's position in the list.
    index: usize,
) -> impl IntoView {
    let rep = move |f: fn(&RepDraft) -> String| {
        move |d: &super::draft::SettingsDraft| d.reps.get(index).map(f).unwrap_or_default()
    };
    let set = move |f: fn(&mut RepDraft, String)| {
        move |d: &mut super::draft::SettingsDraft, text: String| {
            if let Some(r) = d.reps.get_mut(index) {
                f(r, text);
            }
        }
    };
    let path = move |field: &str| format!("reps[{index}].{field}");
    let active = move || {
        draft.with(|d| {
            d.as_ref()
                .and_then(|d| d.reps.get(index))
                .is_some_and(|r| r.active)
        })
    };
    let is_new = move || {
        draft.with(|d| {
            d.as_ref()
                .and_then(|d| d.reps.get(index))
                .is_some_and(|r| r.new)
        })
    };
    let toggle = move |ev| {
        let on = event_target_checked(&ev);
        draft.update(|d| {
            if let Some(r) = d.as_mut().and_then(|d| d.reps.get_mut(index)) {
                r.active = on;
            }
        });
    };
    let remove = move |_| {
        draft.update(|d| {
            if let Some(d) = d
                && index < d.reps.len()
            {
                d.reps.remove(index);
            }
        });
    };
    view! {
        <div class="rep" class:inactive=move || !active() data-testid="rep-row">
            <DraftInput label=SettingsText::RepName path=path("name") problems=problems
                bound=bind(draft, rep(|r| r.name.clone()), set(|r, t| r.name = t)) />
            <DraftInput label=SettingsText::RepEmail path=path("email") input_type="email" problems=problems
                bound=bind(draft, rep(|r| r.email.clone()), set(|r, t| r.email = t)) />
            <DraftInput label=SettingsText::PerDay path=path("capacity_per_day") input_type="number" problems=problems
                bound=bind(draft, rep(|r| r.capacity_per_day.clone()), set(|r, t| r.capacity_per_day = t)) />
            <DraftInput label=SettingsText::PerWeek path=path("capacity_per_week") input_type="number" problems=problems
                bound=bind(draft, rep(|r| r.capacity_per_week.clone()), set(|r, t| r.capacity_per_week = t)) />
            <DraftInput label=SettingsText::Territories path=path("territories") problems=problems hint=SettingsText::ListHint
                bound=bind(draft, rep(|r| r.territories.clone()), set(|r, t| r.territories = t)) />
            <DraftInput label=SettingsText::Segments path=path("segments") problems=problems hint=SettingsText::ListHint
                bound=bind(draft, rep(|r| r.segments.clone()), set(|r, t| r.segments = t)) />
            <label class="check">
                <input type="checkbox" name=path("active") prop:checked=active on:change=toggle />
                {tr(SettingsText::Active)}
            </label>
            <Show when=is_new>
                <button type="button" class="link" on:click=remove>{tr(SettingsText::RemoveRep)}</button>
            </Show>
        </div>
    }
}
