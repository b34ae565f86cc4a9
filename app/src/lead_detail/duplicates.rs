//! Duplicates: records that look like this lead (same e-mail, phone, or name at the
//! same company, by the shared dedupe), what a merge would keep, "merge into this lead",
//! and the undo — right after, from the survivor's page, or from the merged record's.

use leadkit_shared::identity::DuplicateReason;
use leadkit_shared::lead_view::merge_preview;
use leadkit_shared::model::{Actor, Lead, LeadId};
use leadkit_shared::sync::OpBody;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::text::DetailText;
use crate::data::{Workspace, use_workspace};
use crate::i18n::use_i18n;

/// Applies `body` to the record `lead_id` through the outbox; the refusal, if any.
fn run(workspace: Workspace, lead_id: LeadId, body: OpBody, problem: RwSignal<Option<String>>) {
    let Some(record) = workspace.lead(&lead_id.to_string()) else {
        problem.set(Some(String::new()));
        return;
    };
    spawn_local(async move {
        let shown = match workspace.change(vec![(record, body)]).await {
            Ok(refused) => refused.into_iter().next().map(|(_, why)| why),
            Err(e) => Some(e.to_string()),
        };
        problem.try_set(shown);
    });
}

/// Who is acting, for the merge preview.
fn actor(workspace: Workspace) -> Actor {
    workspace
        .me
        .with_untracked(|me| match me.as_ref().and_then(|m| m.user.as_ref()) {
            Some(user) => Actor::User {
                id: user.id.to_string(),
                name: user.name.clone(),
            },
            None => Actor::System { rule: "app".into() },
        })
}

/// The duplicates panel of `lead`.
#[component]
pub fn DuplicatesPanel(
    /// The lead shown (the survivor of any merge made here).
    lead: Lead,
    /// Records that look like it, with why.
    candidates: Vec<(Lead, Vec<DuplicateReason>)>,
    /// Records merged into it.
    absorbed: Vec<Lead>,
) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let problem = RwSignal::new(None::<String>);
    let survivor = lead.id;
    let now = crate::clock::now();
    let by = actor(workspace);
    let none = candidates
        .is_empty()
        .then(|| view! { <p class="empty">{i18n.text(DetailText::NoDuplicates)}</p> });
    let list = candidates
        .into_iter()
        .map(|(dup, reasons)| {
            let reasons = reasons
                .into_iter()
                .map(|r| view! { <span class="badge">{i18n.text(DetailText::Reason(r))}</span> })
                .collect_view();
            let preview = merge_preview(&lead, &dup, by.clone(), now)
                .ok()
                .map(|merged| {
                    let row = |label: DetailText, value: Option<String>| {
                        value.filter(|v| !v.trim().is_empty()).map(|v| {
                            view! {
                                <div class="field"><dt>{i18n.text(label)}</dt><dd>{v}</dd></div>
                            }
                        })
                    };
                    view! {
                        <details class="merge-preview">
                            <summary>{i18n.text(DetailText::Preview)}</summary>
                            <dl class="fields" data-testid="merge-preview">
                                {row(DetailText::Name, Some(merged.name.clone()))}
                                {row(DetailText::Email, merged.email.clone())}
                                {row(DetailText::Phone, merged.phone.clone())}
                                {row(DetailText::Company, merged.company_name.clone())}
                                {row(DetailText::Title, merged.title.clone())}
                            </dl>
                        </details>
                    }
                });
            let dup_id = dup.id;
            let merge = move |_| {
                run(
                    workspace,
                    dup_id,
                    OpBody::MergeLeads {
                        survivor,
                        absorbed: vec![dup_id],
                    },
                    problem,
                );
            };
            view! {
                <li class="duplicate" data-testid="duplicate">
                    <A href=format!("/leads/{}", dup.id.0)>{dup.name.clone()}</A>
                    <span class="detail">{dup.email.clone().unwrap_or_default()}</span>
                    {reasons}
                    {preview}
                    <button type="button" class="primary" data-testid="merge-here" on:click=merge>
                        {i18n.text(DetailText::MergeHere)}
                    </button>
                </li>
            }
        })
        .collect_view();
    let merged_here = (!absorbed.is_empty()).then(|| {
        let rows = absorbed
            .into_iter()
            .map(|a| {
                let id = a.id;
                view! {
                    <li class="absorbed" data-testid="absorbed">
                        <A href=format!("/leads/{}", a.id.0)>{a.name.clone()}</A>
                        <span class="detail">{a.email.clone().unwrap_or_default()}</span>
                        <button type="button" class="secondary" data-testid="undo-merge"
                            on:click=move |_| run(workspace, id, OpBody::UnmergeLeads { survivor, absorbed: vec![id] }, problem)>
                            {i18n.text(DetailText::Undo)}
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h4>{i18n.text(DetailText::MergedHere)}</h4>
            <ul class="absorbed-list">{rows}</ul>
        }
    });
    view! {
        <section class="card duplicates" aria-labelledby="duplicates-title">
            <h3 id="duplicates-title">{i18n.text(DetailText::Duplicates)}</h3>
            {none}
            <ul class="duplicate-list">{list}</ul>
            {merged_here}
            <p class="form-error" role="alert" data-testid="merge-error">
                {move || problem.get().map(|why| format!("{}: {why}", i18n.t(DetailText::NotApplied)))}
            </p>
        </section>
    }
}

/// Shown on a record merged into another: where it went, and the undo.
#[component]
pub fn MergedBanner(
    /// This record.
    lead_id: LeadId,
    /// The lead it was merged into.
    survivor: LeadId,
) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let problem = RwSignal::new(None::<String>);
    view! {
        <section class="card merged-banner" role="status" data-testid="merged-banner">
            <p>{i18n.text(DetailText::MergedInto)}</p>
            <A href=format!("/leads/{}", survivor.0)>{i18n.text(DetailText::OpenSurvivor)}</A>
            <button type="button" class="secondary" data-testid="undo-merge"
                on:click=move |_| run(workspace, lead_id, OpBody::UnmergeLeads { survivor, absorbed: vec![lead_id] }, problem)>
                {i18n.text(DetailText::Undo)}
            </button>
            <p class="form-error" role="alert">
                {move || problem.get().map(|why| format!("{}: {why}", i18n.t(DetailText::NotApplied)))}
            </p>
        </section>
    }
}
