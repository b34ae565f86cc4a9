//! Handoff to sales over HTTP: the workspace's handoff settings (`/api/handoff/settings`),
//! the queue as managers and reps see it (`/api/handoff/queue`), and a rep's accept or
//! reject (`/api/handoffs/:id/answer`). Assignment itself runs in the [`HandoffDesk`]
//! Durable Object; every decision is `leadkit_shared::handoff`'s.

mod answer;
mod desk;

use leadkit_shared::api::{
    HandoffEntry, HandoffQueue, HandoffSettingsView, HandoffState, RepLoadView, SCHEMA_VERSION,
};
use leadkit_shared::auth::{Permission, Role};
use leadkit_shared::handoff::{Answerer, HandoffAnswer, HandoffSettings, WaitReason, sla_breached};
use leadkit_shared::lead_update::LeadUpdate;
use leadkit_shared::model::{Actor, LeadId, RepId};
use leadkit_shared::sync::SettingsWrite;
use time::OffsetDateTime;
use worker::{Env, Request, Response, RouteContext};

use crate::auth::{Principal, answer, authenticate, read_json};
use crate::error::AppError;
use crate::store::handoff::{HandoffRow, StoredSettings};
use crate::{clock, settings_write, store, webhooks};

/// Most waiting and open handoffs one queue answer lists.
const QUEUE_LIMIT: u32 = 500;
/// Answered handoffs the queue shows.
const ANSWERED_LIMIT: u32 = 50;

/// `GET /api/handoff/settings`.
pub async fn handle_get_handoff_settings(
    req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    answer(
        async {
            let principal = authenticate(&req, &ctx.env).await?;
            principal.require(Permission::ReadLeads, "read handoff settings")?;
            let db = store::database(&ctx.env)?;
            let stored = store::handoff::settings(&db, &principal.workspace_id).await?;
            Ok(Response::from_json(&view(stored))?)
        }
        .await,
    )
}

/// `PUT /api/handoff/settings`: replaces the settings (admins and marketing: they set
/// the pace with sales), then lets the desk assign with the new reps and capacity.
pub async fn handle_put_handoff_settings(
    mut req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    answer(
        async {
            let principal = authenticate(&req, &ctx.env).await?;
            principal.require(Permission::HandOffLeads, "change handoff settings")?;
            let settings: HandoffSettings = read_json(&mut req).await?;
            let db = store::database(&ctx.env)?;
            let write = SettingsWrite::HandoffSettings {
                settings,
                base_version: None,
            };
            settings_write::save_by_route(&db, &principal, &write, clock::now()).await?;
            desk::nudge(&ctx.env, &principal.workspace_id).await;
            let stored = store::handoff::settings(&db, &principal.workspace_id).await?;
            Ok(Response::from_json(&view(stored))?)
        }
        .await,
    )
}

fn view(stored: StoredSettings) -> HandoffSettingsView {
    HandoffSettingsView {
        schema_version: SCHEMA_VERSION,
        settings: stored.settings,
        version: stored.version,
        updated_at: stored.updated_at,
        updated_by: stored.updated_by,
    }
}

/// `GET /api/handoff/queue[?mine=true]`: the waiting queue with its depth and oldest
/// lead, open handoffs with their SLA clocks, recent answers, and each rep's load. With
/// `mine=true` a rep sees only their own open handoffs.
pub async fn handle_get_handoff_queue(
    req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    answer(queue(&req, &ctx).await)
}

async fn queue(req: &Request, ctx: &RouteContext<()>) -> Result<Response, AppError> {
    let principal = authenticate(req, &ctx.env).await?;
    principal.require(Permission::ReadLeads, "read the handoff queue")?;
    let mine = req
        .url()?
        .query_pairs()
        .any(|(k, v)| k == "mine" && (v == "true" || v == "1"));
    let db = store::database(&ctx.env)?;
    let ws = &principal.workspace_id;
    let settings = store::handoff::settings(&db, ws).await?.settings;
    let now = clock::now();
    let waiting_rows =
        store::handoff::in_state(&db, ws, HandoffState::Waiting, QUEUE_LIMIT).await?;
    let assigned_rows =
        store::handoff::in_state(&db, ws, HandoffState::Assigned, QUEUE_LIMIT).await?;
    let answered_rows = store::handoff::answered(&db, ws, ANSWERED_LIMIT).await?;
    let loads = desk::rep_loads(&db, ws, &settings, now).await?;
    // Why each lead still waits: today's plan over the queue as it stands (the desk
    // already assigned whatever the plan could).
    let plan =
        leadkit_shared::handoff::plan(&settings, &loads, &desk::queue_of(&waiting_rows)?, now);
    let reason_of = |lead: LeadId| {
        plan.waiting
            .iter()
            .find(|w| w.lead_id == lead)
            .map(|w| w.reason)
    };
    let my_rep = match (mine, &principal.user_id) {
        (true, Some(user_id)) => {
            let user = store::auth::user(&db, user_id).await?;
            user.and_then(|u| settings.rep_by_email(&u.email).map(|r| r.id))
        }
        _ => None,
    };
    let waiting = waiting_rows
        .iter()
        .map(|row| {
            let reason = reason_of(row.lead()?).or(Some(WaitReason::NoCapacity));
            entry(row, &settings, now, reason)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let assigned = assigned_rows
        .iter()
        .filter(|row| !mine || (my_rep.is_some() && row.rep().ok().flatten() == my_rep))
        .map(|row| entry(row, &settings, now, None))
        .collect::<Result<Vec<_>, _>>()?;
    let answered = answered_rows
        .iter()
        .map(|row| entry(row, &settings, now, None))
        .collect::<Result<Vec<_>, _>>()?;
    let all_open: Vec<HandoffEntry> = assigned_rows
        .iter()
        .map(|row| entry(row, &settings, now, None))
        .collect::<Result<_, _>>()?;
    let reps = loads
        .iter()
        .map(|load| {
            let open = all_open.iter().filter(|e| e.rep_id == Some(load.rep.id));
            RepLoadView {
                rep_id: load.rep.id,
                name: load.rep.name.clone(),
                active: load.rep.active,
                capacity_per_day: load.rep.capacity_per_day,
                assigned_today: load.assigned_today,
                capacity_per_week: load.rep.capacity_per_week,
                assigned_this_week: load.assigned_this_week,
                open: open.clone().count() as u32,
                breached: open.filter(|e| e.sla_breached).count() as u32,
            }
        })
        .collect();
    Ok(Response::from_json(&HandoffQueue {
        schema_version: SCHEMA_VERSION,
        now,
        depth: waiting.len() as u32,
        oldest_waiting_since: waiting.first().map(|e| e.queued_at),
        waiting,
        assigned,
        answered,
        reps,
    })?)
}

/// One handoff row as the queue shows it.
fn entry(
    row: &HandoffRow,
    settings: &HandoffSettings,
    now: OffsetDateTime,
    waiting_reason: Option<WaitReason>,
) -> Result<HandoffEntry, AppError> {
    let state = row.state()?;
    let rep_id = row.rep()?;
    let sla_due = row.time(&row.sla_due, "sla_due")?;
    let breached = match state {
        HandoffState::Assigned => row.handoff().map(|h| sla_breached(&h, now))?,
        _ => false,
    };
    Ok(HandoffEntry {
        id: row.uuid()?,
        lead_id: row.lead()?,
        lead_name: row.lead_name.clone(),
        company: row.company.clone(),
        score: row.score,
        state,
        queued_at: store::parse_timestamp(&row.queued_at, "queued_at")?,
        rep_name: rep_id.and_then(|id| {
            settings
                .reps
                .iter()
                .find(|r| r.id == id)
                .map(|r| r.name.clone())
        }),
        rep_id,
        assigned_by: row
            .assigned_by
            .as_deref()
            .and_then(|b| serde_json::from_value(serde_json::Value::String(b.to_owned())).ok()),
        assigned_at: row.time(&row.assigned_at, "assigned_at")?,
        sla_seconds_left: match state {
            HandoffState::Assigned => sla_due.map(|due| (due - now).whole_seconds()),
            _ => None,
        },
        sla_due,
        sla_breached: breached,
        waiting_reason: waiting_reason.filter(|_| state == HandoffState::Waiting),
        alerted: row.alerted_at.is_some(),
        answered_at: row.time(&row.answered_at, "answered_at")?,
        reject_reason: row.reject_reason()?,
        note: row.note.clone(),
    })
}

/// `POST /api/handoffs/:id/answer`: the rep accepts or rejects (with a reason from the
/// workspace's list). The lead moves per the settings, in one batch with the answer.
pub async fn handle_post_handoff_answer(
    mut req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    answer(
        async {
            let principal = authenticate(&req, &ctx.env).await?;
            principal.require(Permission::WorkHandoffs, "answer handoffs")?;
            let body: HandoffAnswer = read_json(&mut req).await?;
            let id = ctx.param("id").cloned().unwrap_or_default();
            let entry = answer_one(&ctx.env, &principal, &id, &body).await?;
            Ok(Response::from_json(&entry)?)
        }
        .await,
    )
}

/// How often an answer that lost a race with another write to its lead is retried.
const ANSWER_ATTEMPTS: u32 = 5;

async fn answer_one(
    env: &Env,
    principal: &Principal,
    handoff_id: &str,
    body: &HandoffAnswer,
) -> Result<HandoffEntry, AppError> {
    let db = store::database(env)?;
    let ws = &principal.workspace_id;
    let settings = store::handoff::settings(&db, ws).await?.settings;
    let answerer = answerer(&db, principal, &settings).await?;
    let engine = store::workspace_engine(&db, ws).await?;
    let desk = answer::Desk {
        db: &db,
        workspace_id: ws,
        settings: &settings,
        engine: &engine,
        answerer: &answerer,
    };
    let mut last_error = None;
    for attempt in 0..ANSWER_ATTEMPTS {
        if attempt > 0 {
            clock::pause_before_retry(attempt).await;
        }
        let now = clock::now();
        let planned = answer::plan(&desk, handoff_id, None, body, now)
            .await?
            .map_err(answer::Refusal::into_app_error)?;
        match db.batch(planned.statements).await {
            Ok(_) => {
                webhooks::dispatch_logged(env, ws, &planned.events, now).await;
                let row = store::handoff::by_id(&db, ws, handoff_id)
                    .await?
                    .ok_or(AppError::NotFound { what: "handoff" })?;
                return entry(&row, &settings, now, None);
            }
            Err(error) => last_error = Some(error),
        }
    }
    Err(last_error.map_or_else(
        || AppError::Storage {
            detail: "handoff answer failed".into(),
        },
        AppError::from,
    ))
}

/// Who is answering: a signed-in member is the rep whose e-mail they sign in with;
/// admins (and admin tokens) may answer for any rep.
pub async fn answerer(
    db: &worker::D1Database,
    principal: &Principal,
    settings: &HandoffSettings,
) -> Result<Answerer, AppError> {
    let user = match &principal.user_id {
        Some(id) => store::auth::user(db, id).await?,
        None => None,
    };
    let rep_id: Option<RepId> = user
        .as_ref()
        .and_then(|u| settings.rep_by_email(&u.email).map(|r| r.id));
    let actor = match &user {
        Some(u) => Actor::User {
            id: u.id.clone(),
            name: u.display_name.clone(),
        },
        None => Actor::System {
            rule: "api-token".into(),
        },
    };
    Ok(Answerer {
        actor,
        rep_id,
        answers_for_anyone: principal.role == Role::Admin,
    })
}

/// Queues `update`'s lead for sales when the update moved it into the workspace's
/// handoff stage: the statement to add to the update's batch.
pub fn enqueue_if_entered(
    db: &worker::D1Database,
    workspace_id: &str,
    settings: &HandoffSettings,
    update: &LeadUpdate,
    now: OffsetDateTime,
) -> Result<Option<worker::D1PreparedStatement>, AppError> {
    if !update.entered(settings.handoff_stage) {
        return Ok(None);
    }
    store::handoff::enqueue_statement(db, workspace_id, update.lead.id, update.scores.total, now)
        .map(Some)
}

pub use answer::{Desk, Refusal, plan as plan_answer};
pub use desk::nudge;
