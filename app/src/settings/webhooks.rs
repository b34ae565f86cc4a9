//! The webhooks section: the workspace's endpoints (add with URL, description and
//! events — the signing secret shown once — or delete), and the delivery log with each
//! delivery's status, attempts and last error, filtered by endpoint.

use std::collections::BTreeSet;

use leadkit_shared::api::{
    CreateWebhookRequest, DeliveriesPage, DeliveryRecord, WebhookCreated, WebhookEndpointSummary,
    WebhookList,
};
use leadkit_shared::capture::FieldError;
use leadkit_shared::webhooks::WebhookEventType;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::fetched::{fetched_list, not_allowed};
use super::secret::OnceSecret;
use super::text::SettingsText;
use crate::data::{ApiError, api};
use crate::i18n::format::{date_time, local_offset};
use crate::i18n::{tr, use_i18n};
use crate::ui::{ConfirmDelete, FieldProblem, UiText, refusal};

/// What a list fetch holds: `None` while loading.
type Loaded<T> = Option<Result<T, ApiError>>;

/// The webhooks section.
#[component]
pub fn WebhooksSection() -> impl IntoView {
    let endpoints = RwSignal::new(None::<Result<Vec<WebhookEndpointSummary>, ApiError>>);
    let deliveries = RwSignal::new(None::<Result<Vec<DeliveryRecord>, ApiError>>);
    let older = RwSignal::new(None::<u64>);
    let filter = RwSignal::new(String::new());

    let load_endpoints = move || {
        spawn_local(async move {
            let got = api::get::<WebhookList>("/api/webhooks")
                .await
                .map(|l| l.endpoints);
            endpoints.try_set(Some(got));
        })
    };
    let load_deliveries = move |before: Option<u64>| {
        let endpoint = filter.get_untracked();
        spawn_local(async move {
            let mut path = format!("/api/webhooks/deliveries?endpoint_id={endpoint}");
            if let Some(before) = before {
                path.push_str(&format!("&before={before}"));
            }
            match api::get::<DeliveriesPage>(&path).await {
                Ok(page) => {
                    older.try_set(page.next_before);
                    deliveries.try_update(|d| match (before, d) {
                        (Some(_), Some(Ok(list))) => list.extend(page.deliveries),
                        (_, d) => *d = Some(Ok(page.deliveries)),
                    });
                }
                Err(error) => {
                    deliveries.try_set(Some(Err(error)));
                }
            }
        })
    };
    load_endpoints();
    load_deliveries(None);
    let on_changed = Callback::new(move |()| {
        load_endpoints();
        load_deliveries(None);
    });

    let url_of = move |id: Uuid| {
        endpoints.with(|e| match e {
            Some(Ok(list)) => list.iter().find(|e| e.id == id).map(|e| e.url.clone()),
            _ => None,
        })
    };
    let offset = local_offset();

    view! {
        <section class="card settings-section" id="webhooks" aria-labelledby="webhooks-title">
            <h3 id="webhooks-title">{tr(SettingsText::Webhooks)}</h3>
            {fetched_list(endpoints, "endpoint-list", SettingsText::NoWebhooks, "webhooks-not-allowed", move |e| {
                view! { <EndpointRow endpoint=e on_changed=on_changed /> }
            })}
            <Show when=move || !not_allowed(endpoints)>
                <NewEndpointForm on_changed=on_changed />
                <h4>{tr(SettingsText::Deliveries)}</h4>
                <div class="row">
                    <select
                        name="delivery-endpoint"
                        aria-label=tr(SettingsText::Endpoint)
                        on:change=move |ev| {
                            filter.set(event_target_value(&ev));
                            load_deliveries(None);
                        }
                    >
                        <option value="">{tr(SettingsText::AllEndpoints)}</option>
                        {move || match endpoints.get() {
                            Some(Ok(list)) => list.into_iter().map(|e| {
                                let id = e.id.to_string();
                                let selected = filter.get() == id;
                                view! { <option value=id selected=selected>{e.url}</option> }
                            }).collect_view().into_any(),
                            _ => ().into_any(),
                        }}
                    </select>
                    <button type="button" class="secondary" data-testid="refresh-deliveries" on:click=move |_| load_deliveries(None)>
                        {tr(SettingsText::Refresh)}
                    </button>
                </div>
                <DeliveryLog deliveries=deliveries url_of=url_of offset=offset />
                <Show when=move || older.get().is_some()>
                    <button type="button" class="secondary" on:click=move |_| load_deliveries(older.get_untracked())>
                        {tr(SettingsText::Older)}
                    </button>
                </Show>
            </Show>
        </section>
    }
}

/// One endpoint: where, what for, which events, and deleting it (asked twice).
#[component]
fn EndpointRow(
    /// The endpoint.
    endpoint: WebhookEndpointSummary,
    /// Called after it was deleted.
    on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let events = endpoint.event_types.clone();
    view! {
        <li class="endpoint" data-testid="webhook-row">
            <code class="url">{endpoint.url.clone()}</code>
            <span class="detail">{endpoint.description.clone()}</span>
            <span class="detail">
                {move || events.iter().map(|e| i18n.t(SettingsText::Event(*e))).collect::<Vec<_>>().join(", ")}
            </span>
            <ConfirmDelete
                path=format!("/api/webhooks/{}", endpoint.id)
                label=Signal::derive(tr(SettingsText::Delete))
                confirm=Signal::derive(tr(SettingsText::ConfirmDelete))
                test_id="delete-webhook"
                on_done=on_changed
            />
        </li>
    }
}

/// The form adding an endpoint; shows the new endpoint's secret once.
#[component]
fn NewEndpointForm(
    /// Called after an endpoint was added.
    on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let url = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let events = RwSignal::new(BTreeSet::<WebhookEventType>::new());
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
        let request = CreateWebhookRequest {
            url: url.get_untracked().trim().to_owned(),
            description: description.get_untracked(),
            event_types: events
                .get_untracked()
                .iter()
                .map(|e| e.as_str().to_owned())
                .collect(),
        };
        spawn_local(async move {
            match api::post::<_, WebhookCreated>("/api/webhooks", &request).await {
                Ok(created) => {
                    secret.try_set(Some(created.secret));
                    url.try_set(String::new());
                    description.try_set(String::new());
                    events.try_set(BTreeSet::new());
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
    let event_box = move |kind: WebhookEventType| {
        let checked = move || events.with(|e| e.contains(&kind));
        let toggle = move |ev| {
            let on = event_target_checked(&ev);
            events.update(|e| {
                if on {
                    e.insert(kind);
                } else {
                    e.remove(&kind);
                }
            });
        };
        view! {
            <label class="check">
                <input type="checkbox" name=format!("event-{}", kind.as_str()) prop:checked=checked on:change=toggle />
                {tr(SettingsText::Event(kind))}
            </label>
        }
    };
    view! {
        <OnceSecret secret=secret note=SettingsText::SecretOnce test_id="webhook-secret" />
        <form class="inline-form" novalidate on:submit=submit data-testid="new-webhook">
            <label class="field">
                <span class="field-label">{tr(SettingsText::WebhookUrl)}</span>
                <input type="url" name="url" placeholder="https://" prop:value=move || url.get()
                    on:input=move |ev| url.set(event_target_value(&ev)) />
                <FieldProblem problems=problems path="url" />
            </label>
            <label class="field">
                <span class="field-label">{tr(SettingsText::WebhookDescription)}</span>
                <input type="text" name="description" prop:value=move || description.get()
                    on:input=move |ev| description.set(event_target_value(&ev)) />
                <FieldProblem problems=problems path="description" />
            </label>
            <fieldset class="group">
                <legend>{tr(SettingsText::WebhookEvents)}</legend>
                {WebhookEventType::ALL.into_iter().map(event_box).collect_view()}
                <FieldProblem problems=problems path="event_types" />
            </fieldset>
            <div class="save-bar">
                <button type="submit" class="primary" data-testid="add-webhook" disabled=move || busy.get()>
                    {tr(SettingsText::AddWebhook)}
                </button>
                <span class="form-error" role="alert">{move || refused.get().map(|r| i18n.t(r))}</span>
            </div>
        </form>
    }
}

/// The delivery log as a table (cards on a phone).
#[component]
fn DeliveryLog(
    /// The deliveries fetched so far.
    deliveries: RwSignal<Loaded<Vec<DeliveryRecord>>>,
    /// An endpoint's URL by id, to name it.
    url_of: impl Fn(Uuid) -> Option<String> + Copy + Send + Sync + 'static,
    /// The browser's offset, for times.
    offset: time::UtcOffset,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        match deliveries.get() {
        None => view! { <p class="empty">{i18n.t(SettingsText::Loading)}</p> }.into_any(),
        Some(Err(error)) => view! { <p class="error" role="alert">{i18n.t(refusal(&error))}</p> }.into_any(),
        Some(Ok(list)) if list.is_empty() => {
            view! { <p class="empty" data-testid="no-deliveries">{i18n.t(SettingsText::NoDeliveries)}</p> }.into_any()
        }
        Some(Ok(list)) => {
            let head = |text: SettingsText| view! { <th scope="col">{move || i18n.t(text)}</th> };
            let rows = list
                .into_iter()
                .map(|record| {
                    let log = record.log;
                    let failed = !matches!(log.status, leadkit_shared::webhooks::DeliveryStatus::Succeeded);
                    let cell = |label: SettingsText| move || i18n.t(label);
                    view! {
                        <tr data-testid="delivery-row" class:failed=failed>
                            <td data-label=cell(SettingsText::When)>{date_time(record.updated_at, offset, i18n.locale.get())}</td>
                            <td data-label=cell(SettingsText::WebhookEvents)><code>{log.event_type.as_str()}</code></td>
                            <td data-label=cell(SettingsText::Endpoint) class="url">{url_of(log.endpoint_id).unwrap_or_else(|| log.endpoint_id.to_string())}</td>
                            <td data-label=cell(SettingsText::Status) data-testid="delivery-status">{i18n.t(SettingsText::Delivery(log.status))}</td>
                            <td data-label=cell(SettingsText::Attempts) class="num">{log.attempts}</td>
                            <td data-label=cell(SettingsText::LastAnswer) class="num">{log.last_status_code.map(|c| c.to_string()).unwrap_or_else(|| "—".into())}</td>
                            <td data-label=cell(SettingsText::LastError) class="detail">{log.last_error.unwrap_or_default()}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="log-table">
                    <thead>
                        <tr>
                            {head(SettingsText::When)}
                            {head(SettingsText::WebhookEvents)}
                            {head(SettingsText::Endpoint)}
                            {head(SettingsText::Status)}
                            {head(SettingsText::Attempts)}
                            {head(SettingsText::LastAnswer)}
                            {head(SettingsText::LastError)}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }
    }
    }
}
