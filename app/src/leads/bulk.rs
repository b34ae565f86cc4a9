//! Bulk actions on the selected leads: move them to a stage (with a reason where the
//! rules ask for one) or give them to a rep. Each lead's change is applied here at once
//! and queued for the server; leads the rules refuse are listed with why.

use std::collections::BTreeSet;

use leadkit_shared::model::{Actor, LeadId, RepId, Stage, StageChange};
use leadkit_shared::sync::OpBody;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::add_to_segment::AddToSegment;
use super::text::{LeadsText, stage_name};
use crate::data::use_workspace;
use crate::i18n::use_i18n;

/// Stages a person may move leads to from the list.
const TARGETS: [Stage; 9] = [
    Stage::Lead,
    Stage::Mql,
    Stage::Pql,
    Stage::Sql,
    Stage::Opportunity,
    Stage::Customer,
    Stage::Nurture,
    Stage::Recycled,
    Stage::Disqualified,
];

/// The stage and owner controls for `selected`.
#[component]
pub fn BulkActions(
    /// The selected leads.
    selected: RwSignal<BTreeSet<Uuid>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let stage = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let report = RwSignal::new(None::<String>);
    let refused = RwSignal::new(Vec::<(String, String)>::new());

    let actor = move || {
        workspace.me.get_untracked().and_then(|me| me.user).map_or(
            Actor::System { rule: "app".into() },
            |u| Actor::User {
                id: u.id.to_string(),
                name: u.name,
            },
        )
    };
    let run = move |edits: Vec<(leadkit_shared::api::LeadRecord, OpBody)>| {
        let count = edits.len();
        spawn_local(async move {
            match workspace.change(edits).await {
                Ok(refusals) => {
                    let applied = count - refusals.len();
                    report.try_set(Some(i18n.t(LeadsText::Changed(applied))));
                    refused.try_set(refusals);
                }
                Err(e) => {
                    report.try_set(Some(e.to_string()));
                }
            }
        });
    };
    let chosen_records = move || {
        let ids = selected.get_untracked();
        workspace
            .leads
            .get_untracked()
            .iter()
            .filter(|l| ids.contains(&l.id))
            .cloned()
            .collect::<Vec<_>>()
    };
    let move_stage = move |_| {
        let Some(to) = Stage::from_name(&stage.get_untracked()) else {
            return;
        };
        let why = reason.get_untracked().trim().to_owned();
        let at = crate::clock::now();
        let edits = chosen_records()
            .into_iter()
            .filter(|r| r.stage != Some(to))
            .map(|r| {
                let body = OpBody::ChangeStage {
                    change: StageChange {
                        lead_id: LeadId(r.id),
                        from: r.stage,
                        to,
                        at,
                        actor: actor(),
                        reason: (!why.is_empty()).then(|| why.clone()),
                    },
                };
                (r, body)
            })
            .collect();
        run(edits);
    };
    let assign = move |_| {
        let Ok(rep) = Uuid::parse_str(&owner.get_untracked()) else {
            return;
        };
        let edits = chosen_records()
            .into_iter()
            .map(|r| {
                let body = OpBody::SetLeadFields {
                    lead_id: LeadId(r.id),
                    fields: [("owner".to_owned(), serde_json::json!(RepId(rep)))].into(),
                };
                (r, body)
            })
            .collect();
        run(edits);
    };
    let none_selected = move || selected.with(BTreeSet::is_empty);

    view! {
        <div class="bulk-actions" role="group" aria-label=move || i18n.t(LeadsText::BulkActions)>
            <label>
                <span>{move || i18n.t(LeadsText::MoveTo)}</span>
                <select
                    data-testid="bulk-stage"
                    on:change=move |ev| stage.set(event_target_value(&ev))
                    prop:value=move || stage.get()
                >
                    <option value="">"—"</option>
                    {TARGETS
                        .into_iter()
                        .map(|s| {
                            view! {
                                <option value=s.as_str()>
                                    {move || stage_name(s, i18n.locale.get())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <label>
                <span>{move || i18n.t(LeadsText::Reason)}</span>
                <input
                    data-testid="bulk-reason"
                    prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))
                />
            </label>
            <button
                data-testid="bulk-move"
                disabled=move || none_selected() || stage.with(String::is_empty)
                on:click=move_stage
            >
                {move || i18n.t(LeadsText::Apply)}
            </button>
            <label>
                <span>{move || i18n.t(LeadsText::AssignTo)}</span>
                <select
                    data-testid="bulk-owner"
                    on:change=move |ev| owner.set(event_target_value(&ev))
                    prop:value=move || owner.get()
                >
                    <option value="">"—"</option>
                    {move || {
                        workspace
                            .reps
                            .get()
                            .into_iter()
                            .filter(|r| r.active)
                            .map(|r| view! { <option value=r.id.0.to_string()>{r.name}</option> })
                            .collect_view()
                    }}
                </select>
            </label>
            <button
                data-testid="bulk-assign"
                disabled=move || none_selected() || owner.with(String::is_empty)
                on:click=assign
            >
                {move || i18n.t(LeadsText::Apply)}
            </button>
            <AddToSegment selected=selected />
            {move || report.get().map(|r| view! { <p class="note" role="status" data-testid="bulk-report">{r}</p> })}
            <ul class="refusals">
                {move || {
                    refused
                        .get()
                        .into_iter()
                        .map(|(name, why)| view! { <li class="error">{name}": "{why}</li> })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
