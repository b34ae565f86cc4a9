//! The lead detail page, read from the local database: the lead from memory at once, its
//! touches (with those of records merged into it), stage history and the workspace's
//! engine settings from IndexedDB (reloaded whenever a pull or a local change moves
//! data), and the panels computed from them on this device.

use leadkit_shared::api::{EngineConfigView, LeadRecord, StageHistoryEntry};
use leadkit_shared::engine::{Engine, EngineConfig};
use leadkit_shared::handoff::WorkCalendar;
use leadkit_shared::lead_view::{
    absorbed_into, cadence, colleagues, duplicate_candidates, explain_lead, stage_entered_at,
};
use leadkit_shared::model::{Lead, Touch};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::cadence::CadencePanel;
use super::checklist::Checklist;
use super::committee::CommitteePanel;
use super::duplicates::{DuplicatesPanel, MergedBanner};
use super::icp::IcpPanel;
use super::log_touch::LogTouch;
use super::score::ScorePanel;
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
        // Records merged into this lead bring their touches along.
        let absorbed: Vec<String> = workspace.leads.with_untracked(|leads| {
            leads
                .iter()
                .filter(|r| {
                    r.record
                        .as_ref()
                        .and_then(|l| l.merged_into)
                        .is_some_and(|s| s.0.to_string() == id)
                })
                .map(|r| r.id.to_string())
                .collect()
        });
        async move {
            let store = workspace.store().await.ok()?;
            let mut touches = store.touches_of(&id).await.ok()?;
            for other in &absorbed {
                touches.extend(store.touches_of(other).await.ok()?);
            }
            let changes = store.stage_changes_of(&id).await.ok()?;
            store.close();
            // With this device's configuration saves that wait to sync.
            let config = workspace
                .kept_settings::<EngineConfigView>()
                .await
                .map_or_else(EngineConfig::korean_b2b_default, |view| view.config);
            Some(Loaded {
                touches,
                changes,
                config,
            })
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
            <Suspense fallback=move || view! { <p>{i18n.t(crate::i18n::Text::Loading)}</p> }>
                {move || {
                    let loaded = history.get().flatten()?;
                    let record = record.get()?;
                    let lead = record.record.as_deref().cloned()?;
                    Some(view! { <Panels record=record lead=lead loaded=loaded /> })
                }}
            </Suspense>
            <section class="card" aria-labelledby="timeline-title">
                <h3 id="timeline-title">{move || i18n.t(DetailText::Timeline)}</h3>
                <Suspense fallback=move || view! { <p>{i18n.t(crate::i18n::Text::Loading)}</p> }>
                    {move || history.get().flatten().map(|loaded| view! { <Timeline entries=merged(loaded.touches, loaded.changes) /> })}
                </Suspense>
            </section>
        </section>
    }
}

/// What the panels read from IndexedDB besides the lead.
#[derive(Debug, Clone)]
struct Loaded {
    /// The lead's touches and those of records merged into it.
    touches: Vec<Touch>,
    /// The lead's stage history.
    changes: Vec<StageHistoryEntry>,
    /// The engine configuration kept on this device (the defaults before the first
    /// fetch).
    config: EngineConfig,
}

/// Every panel computed on this device: the score explained, ICP criteria, the
/// checklist, the buying committee, the cadence, duplicates, and touch logging.
#[component]
fn Panels(
    /// The lead's record.
    record: LeadRecord,
    /// The lead in full.
    lead: Lead,
    /// Its touches, history and the engine settings.
    loaded: Loaded,
) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let now = crate::clock::now();
    let leads: Vec<Lead> = workspace.leads.with_untracked(|all| {
        all.iter()
            .filter_map(|r| r.record.as_deref().cloned())
            .collect()
    });
    let score = match Engine::new(loaded.config.clone())
        .ok()
        .and_then(|engine| explain_lead(&engine, &lead, None, &loaded.touches, now).ok())
    {
        Some(explained) => {
            let personas = explained.personas.clone();
            view! { <ScorePanel explained=explained /> <IcpPanel personas=personas /> }.into_any()
        }
        None => {
            view! { <p class="form-error" role="alert">{i18n.text(DetailText::ConfigFailed)}</p> }
                .into_any()
        }
    };
    let changes: Vec<_> = loaded.changes.iter().map(|c| (c.to, c.at)).collect();
    let calendar = workspace
        .handoff_settings
        .with_untracked(|v| v.as_ref().map(|v| v.settings.calendar.clone()))
        .unwrap_or_else(WorkCalendar::korea_2026);
    let cadence = cadence(
        &lead,
        &loaded.touches,
        stage_entered_at(&lead, &changes),
        &calendar,
        now,
    );
    let members = colleagues(&lead, &leads);
    let find = |id| leads.iter().find(|l| l.id == id).cloned();
    let candidates: Vec<_> = duplicate_candidates(&lead, &leads)
        .into_iter()
        .filter_map(|c| find(c.lead_id).map(|l| (l, c.reasons)))
        .collect();
    let absorbed: Vec<Lead> = absorbed_into(lead.id, &leads)
        .into_iter()
        .filter_map(find)
        .collect();
    let banner = lead
        .merged_into
        .map(|survivor| view! { <MergedBanner lead_id=lead.id survivor=survivor /> });
    view! {
        {banner}
        <section class="card log" aria-labelledby="log-title">
            <h3 id="log-title">{i18n.text(DetailText::LogTouch)}</h3>
            <LogTouch lead_id=record.id.to_string() />
        </section>
        <div class="detail-grid">
            {score}
            <Checklist lead=lead.clone() />
            <CommitteePanel lead_id=lead.id company=record.company.clone() members=members />
            <CadencePanel cadence=cadence />
            <DuplicatesPanel lead=lead candidates=candidates absorbed=absorbed />
        </div>
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
