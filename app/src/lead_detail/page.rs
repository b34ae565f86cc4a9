//! The lead detail page, read from the local database: the lead from memory at once, its
//! touches and stage history from IndexedDB (reloaded whenever a pull changes data).

use leadkit_shared::api::LeadRecord;
use leadkit_shared::model::Lead;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::text::DetailText;
use super::timeline::{Timeline, merged};
use crate::data::use_workspace;
use crate::i18n::format::{date_time, local_offset, number};
use crate::i18n::use_i18n;
use crate::leads::text::stage_name;

/// `/leads/:id`.
#[component]
pub fn LeadDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let params = use_params_map();
    let lead_id = move || params.read().get("id").unwrap_or_default();
    let record = Memo::new(move |_| {
        workspace.leads.track();
        workspace.lead(&lead_id())
    });
    let history = LocalResource::new(move || {
        let id = lead_id();
        workspace.revision.track();
        async move {
            let store = workspace.store().await.ok()?;
            let touches = store.touches_of(&id).await.ok()?;
            let changes = store.stage_changes_of(&id).await.ok()?;
            store.close();
            Some(merged(touches, changes))
        }
    });

    view! {
        <section class="lead-detail">
            <A href="/leads" attr:class="back">{move || i18n.t(DetailText::Back)}</A>
            {move || match record.get() {
                None if workspace.loaded.get() => {
                    view! { <p class="empty">{i18n.t(DetailText::NotFound)}</p> }.into_any()
                }
                None => view! { <p class="empty">{i18n.t(crate::i18n::Text::Loading)}</p> }.into_any(),
                Some(record) => view! { <Summary record=record /> }.into_any(),
            }}
            <section class="card" aria-labelledby="timeline-title">
                <h3 id="timeline-title">{move || i18n.t(DetailText::Timeline)}</h3>
                <Suspense fallback=move || view! { <p>{i18n.t(crate::i18n::Text::Loading)}</p> }>
                    {move || history.get().flatten().map(|entries| view! { <Timeline entries=entries /> })}
                </Suspense>
            </section>
        </section>
    }
}

/// Profile, stage and scores, and consent records of one lead.
#[component]
fn Summary(record: LeadRecord) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let offset = local_offset();
    let lead: Option<Lead> = record.record.as_deref().cloned();
    let field = move |label: DetailText, value: String| {
        (!value.trim().is_empty()).then(|| {
            view! {
                <div class="field">
                    <dt>{move || i18n.t(label)}</dt>
                    <dd>{value}</dd>
                </div>
            }
        })
    };
    let profile = {
        let lead = lead.clone();
        let owner = workspace.rep_name(
            lead.as_ref()
                .and_then(|l| l.owner)
                .map(|o| o.0.to_string())
                .as_deref(),
        );
        view! {
            <dl class="fields">
                {field(DetailText::Email, record.email.clone())}
                {field(DetailText::Phone, lead.as_ref().and_then(|l| l.phone.clone()).unwrap_or_default())}
                {field(DetailText::Company, record.company.clone())}
                {field(DetailText::Title, lead.as_ref().and_then(|l| l.title.clone()).unwrap_or_default())}
                {field(DetailText::Source, lead.as_ref().and_then(|l| l.source.clone().or_else(|| l.utm.source.clone())).unwrap_or_default())}
                {field(DetailText::Owner, owner)}
            </dl>
        }
    };
    let stage = record.stage;
    let scores = record.scores.clone().map(|s| {
        view! {
            <dl class="scores">
                <div class="field"><dt>{move || i18n.t(DetailText::Fit)}</dt><dd class="num">{number(s.fit)}</dd></div>
                <div class="field"><dt>{move || i18n.t(DetailText::Engagement)}</dt><dd class="num">{number(s.engagement)}</dd></div>
                <div class="field total"><dt>{move || i18n.t(DetailText::Total)}</dt><dd class="num" data-testid="lead-total">{number(s.total)}</dd></div>
                <div class="field"><dt>{move || i18n.t(DetailText::Tier)}</dt><dd>{s.tier.map(|t| t.as_str()).unwrap_or("—")}</dd></div>
                <div class="field"><dt>{move || i18n.t(DetailText::Persona)}</dt><dd>{s.persona.clone().unwrap_or_else(|| "—".into())}</dd></div>
            </dl>
        }
    });
    let consents = lead.map(|l| l.consents).unwrap_or_default();
    let consent_list = if consents.is_empty() {
        view! { <p class="empty">{move || i18n.t(DetailText::NoConsents)}</p> }.into_any()
    } else {
        consents
            .into_iter()
            .map(|c| {
                let at = c.at;
                view! {
                    <li>
                        <span class="what">{move || i18n.t(DetailText::Purpose(c.purpose))}</span>
                        <span class=if c.granted { "yes" } else { "no" }>
                            {move || i18n.t(if c.granted { DetailText::Granted } else { DetailText::Refused })}
                        </span>
                        <span class="detail">{c.text_version.clone()}</span>
                        <time>{move || date_time(at, offset, i18n.locale.get())}</time>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <header class="page-head">
            <h2 data-testid="lead-name">{record.name.clone()}</h2>
            <p class="stage-badge" data-testid="lead-stage">
                {move || stage.map(|s| stage_name(s, i18n.locale.get())).unwrap_or("")}
            </p>
        </header>
        <div class="detail-grid">
            <section class="card" aria-label=move || i18n.t(DetailText::Profile)>
                <h3>{move || i18n.t(DetailText::Profile)}</h3>
                {profile}
            </section>
            <section class="card">
                <h3>{move || i18n.t(DetailText::Scores)}</h3>
                {scores}
            </section>
            <section class="card">
                <h3>{move || i18n.t(DetailText::Consents)}</h3>
                <ul class="consents">{consent_list}</ul>
            </section>
        </div>
    }
}
