//! The account and its buying committee: everyone on this device at the lead's company
//! (by account, business e-mail domain, or company name) with their role, the champion
//! marked.

use leadkit_shared::model::LeadId;
use leadkit_shared::qualification::CommitteeMember;
use leptos::prelude::*;
use leptos_router::components::A;

use super::text::DetailText;
use crate::i18n::use_i18n;

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
            view! {
                <li class="member" class:champion=m.champion data-testid="committee-member">
                    <A href=format!("/leads/{}", m.lead_id.0)>{m.name.clone()}</A>
                    {this.then(|| view! { <span class="detail">{i18n.text(DetailText::ThisLead)}</span> })}
                    <span class="role">{i18n.text(DetailText::Role(m.role))}</span>
                    {m.champion.then(|| view! { <span class="badge" data-testid="champion">{i18n.text(DetailText::ChampionBadge)}</span> })}
                </li>
            }
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
