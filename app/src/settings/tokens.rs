//! The API tokens section (admins): the workspace's tokens without their secrets, a new
//! one made with a name and a role (its secret shown once), and revoking one.

use leadkit_shared::api::{CreateTokenRequest, TokenCreated, TokenList, TokenSummary};
use leadkit_shared::auth::Role;
use leadkit_shared::capture::FieldError;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::fetched::{fetched_list, not_allowed};
use super::secret::OnceSecret;
use super::text::SettingsText;
use crate::data::{ApiError, api};
use crate::i18n::format::{date_time, local_offset};
use crate::i18n::{tr, use_i18n};
use crate::ui::{ConfirmDelete, FieldProblem, UiText, refusal};

/// The API tokens section.
#[component]
pub fn TokensSection() -> impl IntoView {
    let tokens = RwSignal::new(None::<Result<Vec<TokenSummary>, ApiError>>);
    let load = move || {
        spawn_local(async move {
            let got = api::get::<TokenList>("/api/tokens").await.map(|l| l.tokens);
            tokens.try_set(Some(got));
        })
    };
    load();
    let on_changed = Callback::new(move |()| load());
    let allowed = move || !not_allowed(tokens);
    view! {
        <section class="card settings-section" id="tokens" aria-labelledby="tokens-title">
            <h3 id="tokens-title">{tr(SettingsText::Tokens)}</h3>
            {fetched_list(tokens, "token-list", SettingsText::NoTokens, "tokens-not-allowed", move |t| {
                view! { <TokenRow token=t on_changed=on_changed /> }
            })}
            <Show when=allowed>
                <NewTokenForm on_changed=on_changed />
            </Show>
        </section>
    }
}

/// One token: name, role, first characters, when made and last used, and revoking it
/// (asked twice).
#[component]
fn TokenRow(
    /// The token.
    token: TokenSummary,
    /// Called after it was revoked.
    on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let offset = local_offset();
    let id = token.id;
    let (created, last_used, revoked, role) = (
        token.created_at,
        token.last_used_at,
        token.revoked,
        token.role,
    );
    view! {
        <li class="token" class:revoked=revoked data-testid="token-row">
            <strong>{token.name.clone()}</strong>
            <span class="detail">{tr(SettingsText::Role(role))}</span>
            <code>{format!("{}…", token.prefix)}</code>
            <span class="detail">
                {tr(SettingsText::Created)} " " {move || date_time(created, offset, i18n.locale.get())}
            </span>
            <span class="detail">
                {tr(SettingsText::LastUsed)} " "
                {move || last_used.map_or_else(|| i18n.t(SettingsText::Never), |at| date_time(at, offset, i18n.locale.get()))}
            </span>
            <span class="badge" data-testid="token-state">
                {move || i18n.t(if revoked { SettingsText::Revoked } else { SettingsText::TokenActive })}
            </span>
            <Show when=move || !revoked>
                <ConfirmDelete
                    path=format!("/api/tokens/{id}")
                    label=Signal::derive(tr(SettingsText::Revoke))
                    confirm=Signal::derive(tr(SettingsText::ConfirmRevoke))
                    test_id="revoke-token"
                    on_done=on_changed
                />
            </Show>
        </li>
    }
}

/// The form making a token; shows the new token's secret once.
#[component]
fn NewTokenForm(
    /// Called after a token was made.
    on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Sales);
    let problems = RwSignal::new(Vec::<FieldError>::new());
    let refused = RwSignal::new(None::<UiText>);
    let secret = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problems.set(Vec::new());
        refused.set(None);
        let request = CreateTokenRequest {
            name: name.get_untracked(),
            role: Some(role.get_untracked().as_str().to_owned()),
        };
        spawn_local(async move {
            match api::post::<_, TokenCreated>("/api/tokens", &request).await {
                Ok(created) => {
                    secret.try_set(Some(created.secret));
                    name.try_set(String::new());
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
        <OnceSecret secret=secret note=SettingsText::TokenSecretOnce test_id="token-secret" />
        <form class="inline-form" novalidate on:submit=submit data-testid="new-token">
            <label class="field">
                <span class="field-label">{tr(SettingsText::TokenName)}</span>
                <input type="text" name="token-name" prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev)) />
                <FieldProblem problems=problems path="name" />
            </label>
            <label class="field">
                <span class="field-label">{tr(SettingsText::TokenRole)}</span>
                <select name="token-role" on:change=move |ev| {
                    if let Ok(chosen) = event_target_value(&ev).parse::<Role>() {
                        role.set(chosen);
                    }
                }>
                    {move || Role::ALL.into_iter().map(|r| view! {
                        <option value=r.as_str() selected=role.get() == r>{i18n.t(SettingsText::Role(r))}</option>
                    }).collect_view()}
                </select>
                <FieldProblem problems=problems path="role" />
            </label>
            <div class="save-bar">
                <button type="submit" class="primary" data-testid="create-token" disabled=move || busy.get()>
                    {tr(SettingsText::CreateToken)}
                </button>
                <span class="form-error" role="alert">{move || refused.get().map(|r| i18n.t(r))}</span>
            </div>
        </form>
    }
}
