//! Invitations (admins): the pending ones with revoking, and the form inviting an
//! address with a role, whose accept link is shown once to copy and send.

use leadkit_shared::api::{CreateInvitationRequest, InvitationCreated, InvitationSummary};
use leadkit_shared::auth::Role;
use leadkit_shared::capture::FieldError;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::super::secret::OnceSecret;
use super::super::text::SettingsText;
use super::text::MembersText;
use crate::data::api;
use crate::i18n::format::{date, local_offset};
use crate::i18n::use_i18n;
use crate::ui::{ConfirmDelete, FieldProblem, UiText, refusal};

/// One pending invitation: address, role, when it expires, and revoking it.
#[component]
pub fn InvitationRow(
    /// The invitation.
    invitation: InvitationSummary,
    /// Called after it was revoked.
    on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let offset = local_offset();
    let (id, expires, role) = (invitation.id, invitation.expires_at, invitation.role);
    view! {
        <li class="invitation" data-testid="invitation-row" data-email=invitation.email.clone()>
            <strong>{invitation.email.clone()}</strong>
            <span class="detail">{i18n.text(SettingsText::Role(role))}</span>
            <span class="detail">
                {i18n.text(MembersText::Expires)} " " {move || date(expires, offset, i18n.locale.get())}
            </span>
            <ConfirmDelete
                path=format!("/api/invitations/{id}")
                label=i18n.text(MembersText::Revoke)
                confirm=i18n.text(MembersText::ConfirmRevoke)
                test_id="revoke-invitation"
                on_done=on_changed
            />
        </li>
    }
}

/// The invite form: an e-mail address and a role; the new link shown once.
#[component]
pub fn InviteForm(
    /// Called after an invitation was made.
    on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Sales);
    let problems = RwSignal::new(Vec::<FieldError>::new());
    let refused = RwSignal::new(None::<UiText>);
    let link = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problems.set(Vec::new());
        refused.set(None);
        let request = CreateInvitationRequest {
            email: email.get_untracked(),
            role: Some(role.get_untracked().as_str().to_owned()),
        };
        spawn_local(async move {
            match api::post::<_, InvitationCreated>("/api/invitations", &request).await {
                Ok(created) => {
                    link.try_set(Some(created.accept_url));
                    email.try_set(String::new());
                    on_changed.run(());
                }
                Err(error) => {
                    problems.try_set(error.fields());
                    refused.try_set(Some(refusal(&error)));
                }
            }
            busy.try_set(false);
        });
    };
    view! {
        <h4>{i18n.text(MembersText::Invite)}</h4>
        <OnceSecret secret=link note=MembersText::LinkOnce test_id="invite-link" />
        <form class="inline-form" novalidate on:submit=submit data-testid="invite-form">
            <label class="field">
                <span class="field-label">{i18n.text(MembersText::InviteEmail)}</span>
                <input type="email" name="invite-email" autocomplete="off" prop:value=move || email.get()
                    on:input=move |ev| email.set(event_target_value(&ev)) />
                <FieldProblem problems=problems path="email" />
            </label>
            <label class="field">
                <span class="field-label">{i18n.text(MembersText::InviteRole)}</span>
                <select name="invite-role" on:change=move |ev| {
                    if let Ok(chosen) = event_target_value(&ev).parse::<Role>() {
                        role.set(chosen);
                    }
                }>
                    {Role::ALL.into_iter().map(|r| view! {
                        <option value=r.as_str() selected=move || role.get() == r>{i18n.text(SettingsText::Role(r))}</option>
                    }).collect_view()}
                </select>
                <FieldProblem problems=problems path="role" />
            </label>
            <div class="save-bar">
                <button type="submit" class="primary" data-testid="send-invite" disabled=move || busy.get()>
                    {i18n.text(MembersText::SendInvite)}
                </button>
                <span class="form-error" role="alert" data-testid="invite-refused">{move || refused.get().map(|r| i18n.t(r))}</span>
            </div>
        </form>
    }
}
