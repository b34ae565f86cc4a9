//! One member of the team: name, e-mail, role and when they joined; an admin changes the
//! role in place (a refusal such as the last admin's shown beside the control) or
//! removes the member (asked twice).

use leadkit_shared::api::{MemberSummary, UpdateMemberRequest};
use leadkit_shared::auth::Role;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::super::text::SettingsText;
use super::text::MembersText;
use crate::data::api;
use crate::i18n::format::{date, local_offset};
use crate::i18n::use_i18n;
use crate::ui::{ConfirmDelete, UiText, refusal};

/// What became of the last role change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Saved,
    Refused(UiText),
}

/// One member's row.
#[component]
pub fn MemberRow(
    /// The member.
    member: MemberSummary,
    /// Whether this is the signed-in person.
    is_me: bool,
    /// Whether the signed-in person may change roles and remove members.
    can_manage: bool,
    /// Called after a change, to list the team again.
    on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let offset = local_offset();
    let user_id = member.user_id;
    let joined = member.joined_at;
    let role = RwSignal::new(member.role);
    let outcome = RwSignal::new(None::<Outcome>);
    let select_id = format!("member-role-{user_id}");
    let change = move |ev: leptos::ev::Event| {
        let Ok(chosen) = event_target_value(&ev).parse::<Role>() else {
            return;
        };
        let before = role.get_untracked();
        role.set(chosen);
        outcome.set(None);
        let request = UpdateMemberRequest {
            role: Some(chosen.as_str().to_owned()),
        };
        spawn_local(async move {
            let path = format!("/api/members/{user_id}");
            match api::put::<_, MemberSummary>(&path, &request).await {
                Ok(saved) => {
                    role.try_set(saved.role);
                    outcome.try_set(Some(Outcome::Saved));
                }
                Err(error) => {
                    // The control shows the role the member still has.
                    role.try_set(before);
                    outcome.try_set(Some(Outcome::Refused(refusal(&error))));
                }
            }
        });
    };
    let role_control = if can_manage {
        view! {
            <label class="field" for=select_id.clone()>
                <span class="field-label">{i18n.text(MembersText::RoleOf)}</span>
                <select id=select_id.clone() data-testid="member-role" prop:value=move || role.get().as_str() on:change=change>
                    {Role::ALL.into_iter().map(|r| view! {
                        <option value=r.as_str() selected=move || role.get() == r>{i18n.text(SettingsText::Role(r))}</option>
                    }).collect_view()}
                </select>
            </label>
            <span class="form-error" role="status" data-testid="member-role-outcome">
                {move || outcome.get().map(|o| match o {
                    Outcome::Saved => i18n.t(MembersText::RoleSaved),
                    Outcome::Refused(why) => i18n.t(why),
                })}
            </span>
        }
        .into_any()
    } else {
        view! { <span class="badge" data-testid="member-role-text">{move || i18n.t(SettingsText::Role(role.get()))}</span> }
            .into_any()
    };
    view! {
        <li class="member-row" data-testid="member-row" data-email=member.email.clone()>
            <div class="member-who">
                <strong>{member.name.clone()}</strong>
                {is_me.then(|| view! { <span class="badge">{i18n.text(MembersText::You)}</span> })}
                <span class="detail">{member.email.clone()}</span>
                <span class="detail">
                    {i18n.text(MembersText::Joined)} " " {move || date(joined, offset, i18n.locale.get())}
                </span>
            </div>
            {role_control}
            {can_manage.then(|| view! {
                <ConfirmDelete
                    path=format!("/api/members/{user_id}")
                    label=i18n.text(MembersText::Remove)
                    confirm=i18n.text(MembersText::ConfirmRemove)
                    test_id="remove-member"
                    on_done=on_changed
                />
            })}
        </li>
    }
}
