//! The members section: everyone in the workspace with role and joining date (every
//! member sees it), and for admins role changes, removal, the pending invitations and
//! the invite form. Members without the permission see the team read-only; the worker
//! answers their invitations list 403, which the section says plainly.

mod invitations;
mod row;
pub mod text;

use leadkit_shared::api::{InvitationList, InvitationSummary, MemberList, MemberSummary};
use leadkit_shared::auth::Permission;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::fetched::{fetched_list, not_allowed};
use crate::data::{ApiError, api, use_workspace};
use crate::i18n::use_i18n;
use invitations::{InvitationRow, InviteForm};
use row::MemberRow;
use text::MembersText;

/// The members and invitations section.
#[component]
pub fn MembersSection() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let members = RwSignal::new(None::<Result<Vec<MemberSummary>, ApiError>>);
    let invitations = RwSignal::new(None::<Result<Vec<InvitationSummary>, ApiError>>);
    let load = move || {
        spawn_local(async move {
            let got = api::get::<MemberList>("/api/members")
                .await
                .map(|l| l.members);
            members.try_set(Some(got));
            let got = api::get::<InvitationList>("/api/invitations")
                .await
                .map(|l| l.invitations);
            invitations.try_set(Some(got));
        })
    };
    load();
    let on_changed = Callback::new(move |()| load());
    // The role as the session knows it; the worker still decides every change.
    let can_manage = Memo::new(move |_| {
        workspace.me.with(|me| {
            me.as_ref()
                .is_some_and(|me| me.role.allows(Permission::ManageMembers))
        })
    });
    let my_id = Memo::new(move |_| {
        workspace
            .me
            .with(|me| me.as_ref().and_then(|me| me.user.as_ref().map(|u| u.id)))
    });
    let member_row = move |member: MemberSummary| {
        let is_me = my_id.get_untracked() == Some(member.user_id);
        view! { <MemberRow member=member is_me=is_me can_manage=can_manage.get_untracked() on_changed=on_changed /> }
    };
    view! {
        <section class="card settings-section members" id="members" aria-labelledby="members-title">
            <h3 id="members-title">{i18n.text(MembersText::Members)}</h3>
            <Show when=move || !can_manage.get()>
                <p class="hint" data-testid="members-read-only">{i18n.text(MembersText::ReadOnly)}</p>
            </Show>
            {move || {
                // Rebuilt when the role is known, so the rows offer the right controls.
                can_manage.track();
                fetched_list(members, "member-list", MembersText::NoMembers, "members-not-allowed", member_row)
            }}
            <h4>{i18n.text(MembersText::Invitations)}</h4>
            {fetched_list(invitations, "invitation-list", MembersText::NoInvitations, "invitations-not-allowed", move |invitation| {
                view! { <InvitationRow invitation=invitation on_changed=on_changed /> }
            })}
            <Show when=move || can_manage.get() && !not_allowed(invitations)>
                <InviteForm on_changed=on_changed />
            </Show>
        </section>
    }
}
