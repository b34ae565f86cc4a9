//! The BANT / MEDDICC checklist: each item met, not met or unknown, with the evidence a
//! rep wrote; an item counts as met only with evidence (the shared rule). Saving sets
//! the lead's `qualification` field through the outbox like any other edit.

use leadkit_shared::lead_view::set_checklist_item;
use leadkit_shared::model::{ChecklistEntry, Lead, LeadId, Qualification, QualificationItem};
use leadkit_shared::qualification::{Framework, is_met};
use leadkit_shared::sync::OpBody;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::text::{DetailText, item_name};
use crate::data::use_workspace;
use crate::i18n::use_i18n;

/// What a rep says of one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemStatus {
    Unknown,
    Met,
    NotMet,
}

impl ItemStatus {
    /// The status an entry records.
    pub fn of(entry: Option<&ChecklistEntry>) -> Self {
        match entry {
            None => Self::Unknown,
            Some(e) if e.met => Self::Met,
            Some(_) => Self::NotMet,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Self::Unknown => "unknown",
            Self::Met => "met",
            Self::NotMet => "not_met",
        }
    }

    fn text(self) -> DetailText {
        match self {
            Self::Unknown => DetailText::Unknown,
            Self::Met => DetailText::Met,
            Self::NotMet => DetailText::NotMet,
        }
    }
}

/// The operation that records `status` and `evidence` for `item` on `lead`.
pub fn checklist_op(
    lead: &Lead,
    item: QualificationItem,
    status: ItemStatus,
    evidence: &str,
    by: Option<String>,
    now: time::OffsetDateTime,
) -> OpBody {
    let met = match status {
        ItemStatus::Unknown => None,
        ItemStatus::Met => Some(true),
        ItemStatus::NotMet => Some(false),
    };
    let qualification = set_checklist_item(&lead.qualification, item, met, evidence, by, now);
    OpBody::SetLeadFields {
        lead_id: lead.id,
        fields: [(
            "qualification".to_owned(),
            serde_json::to_value(&qualification).unwrap_or_default(),
        )]
        .into(),
    }
}

/// The checklist panel.
#[component]
pub fn Checklist(
    /// The lead as it reads now.
    lead: Lead,
) -> impl IntoView {
    let i18n = use_i18n();
    let framework = RwSignal::new(Framework::Bant);
    let qualification = lead.qualification.clone();
    let lead_id = lead.id;
    let percent = {
        let qualification = qualification.clone();
        move || framework.get().percent(&qualification)
    };
    let items = move || {
        framework
            .get()
            .items()
            .iter()
            .map(|item| {
                view! { <ChecklistItem lead_id=lead_id item=*item qualification=qualification.clone() /> }
            })
            .collect_view()
    };
    let tab = move |f: Framework, label: DetailText| {
        view! {
            <button type="button" role="tab" class="tab" aria-selected=move || (framework.get() == f).to_string()
                data-testid=format!("framework-{}", f.as_str())
                on:click=move |_| framework.set(f)>
                {i18n.text(label)}
            </button>
        }
    };
    view! {
        <section class="card checklist" aria-labelledby="checklist-title">
            <h3 id="checklist-title">{i18n.text(DetailText::Checklist)}</h3>
            <div class="tabs" role="tablist">
                {tab(Framework::Bant, DetailText::Bant)}
                {tab(Framework::Meddicc, DetailText::Meddic)}
            </div>
            <p class="detail" data-testid="checklist-percent">{move || i18n.t(DetailText::ChecklistPercent(percent()))}</p>
            <p class="hint">{i18n.text(DetailText::NeedsEvidence)}</p>
            <ul class="checklist-items">{items}</ul>
        </section>
    }
}

/// One checklist item with its status and evidence, saved on its own.
#[component]
fn ChecklistItem(
    /// The lead.
    lead_id: LeadId,
    /// The item.
    item: QualificationItem,
    /// The lead's checklist as it reads now.
    qualification: Qualification,
) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let entry = qualification.entries.get(&item).cloned();
    let met_now = is_met(&qualification, item);
    let status = RwSignal::new(ItemStatus::of(entry.as_ref()));
    let evidence = RwSignal::new(
        entry
            .as_ref()
            .map(|e| e.evidence.clone())
            .unwrap_or_default(),
    );
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let key = format!("{item:?}").to_lowercase();
    let status_id = format!("item-{key}");
    let evidence_id = format!("evidence-{key}");
    let save = move |_| {
        let Some(lead) = workspace.lead(&lead_id.to_string()) else {
            return;
        };
        let Some(current) = lead.record.as_deref() else {
            return;
        };
        let by = workspace.me.with_untracked(|me| {
            me.as_ref()
                .and_then(|m| m.user.as_ref().map(|u| u.name.clone()))
        });
        let op = checklist_op(
            current,
            item,
            status.get_untracked(),
            &evidence.get_untracked(),
            by,
            crate::clock::now(),
        );
        busy.set(true);
        spawn_local(async move {
            let shown = match workspace.change(vec![(lead, op)]).await {
                Ok(refused) => refused.into_iter().next().map(|(_, why)| why),
                Err(e) => Some(e.to_string()),
            };
            problem.try_set(shown);
            busy.try_set(false);
        });
    };
    let statuses = [ItemStatus::Unknown, ItemStatus::Met, ItemStatus::NotMet];
    let ticked_without_evidence =
        move || status.get() == ItemStatus::Met && evidence.with(|e| e.trim().is_empty());
    view! {
        <li class="checklist-item" class:met=met_now data-testid=format!("item-{key}")>
            <label class="field" for=status_id.clone()>
                <span class="field-label">{move || item_name(item, i18n.locale.get())}</span>
                <select id=status_id.clone() data-testid="item-status"
                    on:change=move |ev| {
                        let code = event_target_value(&ev);
                        if let Some(s) = statuses.into_iter().find(|s| s.code() == code) {
                            status.set(s);
                        }
                    }>
                    {statuses.into_iter().map(|s| view! {
                        <option value=s.code() selected=move || status.get() == s>{i18n.text(s.text())}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="field" for=evidence_id.clone()>
                <span class="field-label">{i18n.text(DetailText::Evidence)}</span>
                <input id=evidence_id.clone() type="text" maxlength="500" data-testid="item-evidence"
                    prop:value=move || evidence.get()
                    on:input=move |ev| evidence.set(event_target_value(&ev)) />
            </label>
            <p class="field-error" aria-live="polite">
                {move || ticked_without_evidence().then(|| i18n.t(DetailText::NeedsEvidence))}
                {move || problem.get()}
            </p>
            <button type="button" class="secondary" data-testid="item-save" disabled=move || busy.get() on:click=save>
                {i18n.text(DetailText::Save)}
            </button>
        </li>
    }
}
