//! Accepting an invitation: the app opened at `/?invite=<token>` shows this screen
//! instead of sign-in (or the workspace). A person new to leadkit picks a name and a
//! password; one with an account gives its password. The worker decides and sets the
//! session cookie for the invited workspace. The token leaves the address bar
//! (`history.replaceState`) once used or left, so it does not stay in the history.

mod text;

pub use text::InviteText;

use leadkit_shared::api::{AcceptInvitationRequest, MeResponse};
use leadkit_shared::capture::FieldError;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::api::{AuthError, accept_invitation};
use super::field::Field;
use crate::i18n::{Text, use_i18n};

/// The query parameter the accept link carries.
const PARAM: &str = "invite";

/// The invitation token in a `location.search` such as `?invite=lk_inv_…`, if any.
/// Tokens are URL-safe, so no decoding is needed; an empty value is no token.
pub fn invite_token(search: &str) -> Option<String> {
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix(PARAM)?.strip_prefix('='))
        .filter(|token| !token.is_empty())
        .map(str::to_owned)
}

/// `search` without its `invite` parameter, ready for `replaceState` (`""` when
/// nothing else remains).
pub fn search_without_invite(search: &str) -> String {
    let kept: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| {
            !pair.is_empty()
                && *pair != PARAM
                && !pair.strip_prefix(PARAM).is_some_and(|r| r.starts_with('='))
        })
        .collect();
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    }
}

/// The token in the address bar now, if the app was opened from an accept link.
pub fn token_in_address() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    invite_token(&search)
}

/// Takes the token out of the address bar without adding a history entry. Best effort:
/// a browser refusing it only leaves the (then spent) link visible.
pub fn forget_token_in_address() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let (Ok(path), Ok(search), Ok(hash)) =
        (location.pathname(), location.search(), location.hash())
    else {
        return;
    };
    let url = format!("{path}{}{hash}", search_without_invite(&search));
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// What to say for a refused acceptance that is about the link rather than a field.
pub fn link_problem(error: &AuthError) -> Option<InviteText> {
    let AuthError::Refused { body, .. } = error else {
        return None;
    };
    match body.error.as_str() {
        "invitation_unknown" => Some(InviteText::Unknown),
        "invitation_expired" => Some(InviteText::Expired),
        "invitation_revoked" => Some(InviteText::Revoked),
        "invitation_used" | "invitation_accepted" => Some(InviteText::Used),
        "already_member" => Some(InviteText::AlreadyMember),
        _ => None,
    }
}

/// The accept-invitation screen.
#[component]
pub fn AcceptInvitation(
    /// The token from the link.
    token: String,
    /// Called with the caller once the worker has set the cookie for the invited
    /// workspace.
    on_signed_in: Callback<MeResponse>,
    /// Called when the person leaves for the sign-in form.
    on_leave: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let existing = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<FieldError>::new());
    let link = RwSignal::new(None::<InviteText>);
    let form_problem = RwSignal::new(None::<Text>);
    let busy = RwSignal::new(false);
    let token = StoredValue::new(token);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problems.set(Vec::new());
        form_problem.set(None);
        let request = AcceptInvitationRequest {
            token: token.get_value(),
            name: if existing.get_untracked() {
                String::new()
            } else {
                name.get_untracked()
            },
            password: password.get_untracked(),
        };
        spawn_local(async move {
            match accept_invitation(&request).await {
                Ok(me) => {
                    forget_token_in_address();
                    on_signed_in.run(me);
                }
                Err(error) => {
                    if let Some(problem) = link_problem(&error) {
                        link.try_set(Some(problem));
                    } else if !error.fields().is_empty() {
                        // The address has no account yet: the worker asks for a name.
                        if error.fields().iter().any(|f| f.field == "name") {
                            existing.try_set(false);
                        }
                        problems.try_set(error.fields());
                    } else {
                        form_problem.try_set(Some(match error {
                            AuthError::Refused { status: 401, .. } => Text::WrongCredentials,
                            AuthError::Network { .. } => Text::ServerUnreachable,
                            _ => Text::RequestFailed,
                        }));
                    }
                }
            }
            busy.try_set(false);
        });
    };
    let leave = move |_| {
        forget_token_in_address();
        on_leave.run(());
    };

    view! {
        <section class="auth invite" aria-labelledby="invite-title" data-testid="accept-invitation">
            <h2 id="invite-title">{i18n.text(InviteText::Title)}</h2>
            {move || match link.get() {
                Some(problem) => view! {
                    <p class="form-error" role="alert" data-testid="invite-problem">{i18n.t(problem)}</p>
                }.into_any(),
                None => view! {
                    <p class="hint">{move || i18n.t(if existing.get() { InviteText::ExistingIntro } else { InviteText::NewIntro })}</p>
                    <form class="auth-form" data-testid="invite-form" novalidate on:submit=on_submit>
                        <Show when=move || !existing.get()>
                            <Field name="name" label=Text::YourName input_type="text" autocomplete="name" value=name problems=problems />
                        </Show>
                        <Field
                            name="password"
                            label=Text::Password
                            input_type="password"
                            autocomplete=Signal::derive(move || if existing.get() { "current-password" } else { "new-password" })
                            value=password
                            problems=problems
                        />
                        <p class="form-error" data-testid="form-error" aria-live="polite">
                            {move || form_problem.get().map(|text| i18n.t(text))}
                        </p>
                        <button type="submit" class="primary" data-testid="accept-invite" disabled=move || busy.get()>
                            {i18n.text(InviteText::Join)}
                        </button>
                    </form>
                    <button type="button" class="link" data-testid="invite-mode"
                        on:click=move |_| { existing.update(|e| *e = !*e); problems.set(Vec::new()); form_problem.set(None); }>
                        {move || i18n.t(if existing.get() { InviteText::NeedAccount } else { InviteText::HaveAccount })}
                    </button>
                }.into_any(),
            }}
            <button type="button" class="link" data-testid="invite-sign-in" on:click=leave>
                {i18n.text(InviteText::SignInInstead)}
            </button>
        </section>
    }
}
