//! The sign-in / sign-up form the app shows when the worker answers 401. One form, two
//! modes: signing in asks e-mail and password; signing up also the person's and the
//! workspace's names. The worker validates (the rules live in `leadkit_shared::auth`);
//! the form shows each field error under its field.

use leadkit_shared::api::{LoginRequest, MeResponse, SignupRequest};
use leadkit_shared::capture::FieldError;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::api::{AuthError, Submission, submit};
use super::field::Field;
use crate::i18n::{Text, use_i18n};

/// Which of its two forms the form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    SignIn,
    SignUp,
}

/// Signs a person in, or up; calls `on_signed_in` once the worker has set the cookie.
#[component]
pub fn AuthForm(
    /// Called with the signed-in caller.
    on_signed_in: Callback<MeResponse>,
) -> impl IntoView {
    let i18n = use_i18n();
    let mode = RwSignal::new(Mode::SignIn);
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let workspace_name = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<FieldError>::new());
    let form_problem = RwSignal::new(None::<Text>);
    let busy = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problems.set(Vec::new());
        form_problem.set(None);
        let submission = match mode.get_untracked() {
            Mode::SignIn => Submission::SignIn(LoginRequest {
                email: email.get_untracked(),
                password: password.get_untracked(),
                workspace_id: None,
            }),
            Mode::SignUp => Submission::SignUp(SignupRequest {
                email: email.get_untracked(),
                password: password.get_untracked(),
                name: name.get_untracked(),
                workspace_name: workspace_name.get_untracked(),
            }),
        };
        spawn_local(async move {
            match submit(&submission).await {
                Ok(me) => on_signed_in.run(me),
                Err(AuthError::Refused { body, .. }) if !body.fields.is_empty() => {
                    problems.try_set(body.fields);
                }
                Err(AuthError::Refused { status: 401, .. }) => {
                    form_problem.try_set(Some(Text::WrongCredentials));
                }
                Err(AuthError::Refused { .. } | AuthError::Unreadable { .. }) => {
                    form_problem.try_set(Some(Text::RequestFailed));
                }
                Err(AuthError::Network { .. }) => {
                    form_problem.try_set(Some(Text::ServerUnreachable));
                }
            }
            // Signed in, the form is gone and its signals with it: `try_set` says so.
            busy.try_set(false);
        });
    };
    let switch = move |_| {
        mode.update(|m| {
            *m = match m {
                Mode::SignIn => Mode::SignUp,
                Mode::SignUp => Mode::SignIn,
            }
        });
        problems.set(Vec::new());
        form_problem.set(None);
    };
    let signing_up = move || mode.get() == Mode::SignUp;
    let title = move || {
        i18n.t(if signing_up() {
            Text::SignUp
        } else {
            Text::SignIn
        })
    };

    view! {
        <section class="auth" aria-labelledby="auth-title">
            <h2 id="auth-title">{title}</h2>
            <form class="auth-form" data-testid="auth-form" novalidate on:submit=on_submit>
                <Field name="email" label=Text::Email input_type="email" autocomplete="email" value=email problems=problems />
                <Field
                    name="password"
                    label=Text::Password
                    input_type="password"
                    autocomplete=Signal::derive(move || {
                        if signing_up() { "new-password" } else { "current-password" }
                    })
                    value=password
                    problems=problems
                />
                <Show when=signing_up>
                    <Field name="name" label=Text::YourName input_type="text" autocomplete="name" value=name problems=problems />
                    <Field
                        name="workspace_name"
                        label=Text::WorkspaceName
                        input_type="text"
                        autocomplete="organization"
                        value=workspace_name
                        problems=problems
                    />
                </Show>
                <p class="form-error" data-testid="form-error" aria-live="polite">
                    {move || form_problem.get().map(|text| i18n.t(text))}
                </p>
                <button type="submit" class="primary" disabled=move || busy.get()>{title}</button>
            </form>
            <button type="button" class="link" data-testid="auth-switch" on:click=switch>
                {move || i18n.t(if signing_up() { Text::HaveAccount } else { Text::NeedAccount })}
            </button>
        </section>
    }
}
