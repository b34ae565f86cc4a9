//! The account and its buying committee: everyone on this device at the lead's company
//! (by account, business e-mail domain, or company name) with their role, the champion
//! marked. Each colleague's buying role and champion flag are edited in place; an edit
//! is one `SetLeadFields` of that colleague through the outbox, like any other edit, and
//! sets only the field changed, so it merges with other devices' edits field by field.

use leadkit_shared::model::{BuyingRole, LeadId};
use leadkit_shared::qualification::CommitteeMember;
use leadkit_shared::sync::OpBody;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::text::DetailText;
use crate::data::use_workspace;
use crate::i18n::use_i18n;
use crate::ui::{from_wire, wire_name};

/// One edit of a colleague's part in the buying decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommitteeEdit {
    /// Their buying role; `None` clears it.
    Role(Option<BuyingRole>),
    /// Whether they are the champion.
    Champion(bool),
}

/// The operation that records `edit` on the lead `lead_id`.
pub fn committee_op(lead_id: LeadId, edit: CommitteeEdit) -> OpBody {
    let (field, value) = match edit {
        CommitteeEdit::Role(role) => (
            "buying_role",
            role.map_or(serde_json::Value::Null, |r| {
                serde_json::Value::String(r.as_str().to_owned())
            }),
        ),
        CommitteeEdit::Champion(champion) => ("champion", serde_json::Value::Bool(champion)),
    };
    OpBody::SetLeadFields {
        lead_id,
        fields: [(field.to_owned(), value)].into(),
    }
}

/// The roles offered, "unknown" first.
const ROLES: [Option<BuyingRole>; 5] = [
    None,
    Some(BuyingRole::DecisionMaker),
    Some(BuyingRole::Influencer),
    Some(BuyingRole::User),
    Some(BuyingRole::Blocker),
];

/// The committee panel.
#[component]
pub fn CommitteePanel(
    /// The lead shown.
    lead_id: LeadId,
    /// The company's name, as typed.
    company: String,
    /// Everyone at the company, the lead included.
    members: Vec<CommitteeMember>,
) -> impl IntoView {
    let i18n = use_i18n();
    let alone = members.len() <= 1;
    let list = members
        .into_iter()
        .map(|m| {
            let this = m.lead_id == lead_id;
            view! { <CommitteeRow member=m this=this /> }
        })
        .collect_view();
    view! {
        <section class="card committee" aria-labelledby="committee-title">
            <h3 id="committee-title">{i18n.text(DetailText::Committee)}</h3>
            <p class="detail">{company}</p>
            {alone.then(|| view! { <p class="empty">{i18n.text(DetailText::NoCompany)}</p> })}
            <ul class="members">{list}</ul>
        </section>
    }
}

/// One colleague: their name (a link to them), buying role and champion flag, each
/// saved when changed.
#[component]
fn CommitteeRow(
    /// The colleague.
    member: CommitteeMember,
    /// Whether they are the lead shown.
    this: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let id = member.lead_id;
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let save = move |edit: CommitteeEdit| {
        let Some(record) = workspace.lead(&id.to_string()) else {
            return;
        };
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let shown = match workspace
                .change(vec![(record, committee_op(id, edit))])
                .await
            {
                Ok(refused) => refused.into_iter().next().map(|(_, why)| why),
                Err(e) => Some(e.to_string()),
            };
            problem.try_set(shown);
            busy.try_set(false);
        });
    };
    let role_id = format!("buying-role-{}", id.0);
    let champion_id = format!("champion-{}", id.0);
    let role = member.role;
    view! {
        <li class="member" class:champion=member.champion data-testid="committee-member" data-lead=id.0.to_string()>
            <div class="member-who">
                <A href=format!("/leads/{}", id.0)>{member.name.clone()}</A>
                {this.then(|| view! { <span class="detail">{i18n.text(DetailText::ThisLead)}</span> })}
                {member.champion.then(|| view! { <span class="badge" data-testid="champion">{i18n.text(DetailText::ChampionBadge)}</span> })}
            </div>
            <label class="field" for=role_id.clone()>
                <span class="field-label">{i18n.text(DetailText::BuyingRole)}</span>
                <select id=role_id.clone() data-testid="committee-role" disabled=move || busy.get()
                    on:change=move |ev| {
                        let name = event_target_value(&ev);
                        let chosen = if name.is_empty() { Some(None) } else { from_wire::<BuyingRole>(&name).map(Some) };
                        if let Some(chosen) = chosen {
                            save(CommitteeEdit::Role(chosen));
                        }
                    }>
                    {ROLES.into_iter().map(|r| view! {
                        <option value=r.map(|r| wire_name(&r)).unwrap_or_default() selected=r == role>
                            {i18n.text(DetailText::Role(r))}
                        </option>
                    }).collect_view()}
                </select>
            </label>
            <label class="check" for=champion_id.clone()>
                <input type="checkbox" id=champion_id.clone() data-testid="committee-champion"
                    prop:checked=member.champion disabled=move || busy.get()
                    on:change=move |ev| save(CommitteeEdit::Champion(event_target_checked(&ev))) />
                <span>{i18n.text(DetailText::ChampionBadge)}</span>
            </label>
            <p class="field-error" aria-live="polite">{move || problem.get()}</p>
        </li>
    }
}
