//! The handoff desk: one Durable Object per workspace that assigns queued leads to reps.
//! One object per workspace means one plan at a time, so two captures that queue leads
//! together can never hand the same rep's last slot to both. It plans whenever it is
//! nudged (a lead queued, settings saved) and wakes itself by alarm when a waiting lead
//! is due an alert, an SLA comes due, or a new working day brings new capacity.

use futures_util::lock::Mutex;
use leadkit_shared::api::HandoffState;
use leadkit_shared::handoff::{
    HandoffSettings, QueuedLead, RepLoad, load_window, plan, queued_lead, waited_too_long,
};
use leadkit_shared::model::{HandoffId, Lead, LeadId};
use leadkit_shared::webhooks::{WaitingTooLong, WebhookEvent};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};
use worker::{DurableObject, Env, Request, Response, State, durable_object};

use crate::error::AppError;
use crate::store::handoff::HandoffRow;
use crate::{clock, store, webhooks};

/// The binding's name in wrangler.toml.
const BINDING: &str = "HANDOFF_DESK";
/// Where the object keeps the workspace it plans for (an alarm has no request).
const WORKSPACE_KEY: &str = "workspace_id";
/// Most queued leads one plan reads.
const PLAN_LIMIT: u32 = 5000;
/// Assignments written per D1 batch.
const BATCH_ASSIGNMENTS: usize = 50;

#[derive(Serialize, Deserialize)]
struct Nudge {
    workspace_id: String,
}

/// Plans one workspace's handoffs.
#[durable_object]
pub struct HandoffDesk {
    state: State,
    env: Env,
    /// Held for a whole plan: requests interleave at every await, and two plans over
    /// the same loads would over-assign.
    planning: Mutex<()>,
}

impl DurableObject for HandoffDesk {
    fn new(state: State, env: Env) -> Self {
        Self {
            state,
            env,
            planning: Mutex::new(()),
        }
    }

    async fn fetch(&self, mut req: Request) -> worker::Result<Response> {
        let nudge: Nudge = req.json().await?;
        self.state
            .storage()
            .put(WORKSPACE_KEY, &nudge.workspace_id)
            .await?;
        self.run(&nudge.workspace_id).await
    }

    async fn alarm(&self) -> worker::Result<Response> {
        let workspace_id: Option<String> = self.state.storage().get(WORKSPACE_KEY).await?;
        match workspace_id {
            Some(workspace_id) => self.run(&workspace_id).await,
            None => Response::ok("no workspace"),
        }
    }
}

impl HandoffDesk {
    async fn run(&self, workspace_id: &str) -> worker::Result<Response> {
        let _plan = self.planning.lock().await;
        let now = clock::now();
        match cycle(&self.env, workspace_id, now).await {
            Ok(next) => {
                if let Some(next) = next {
                    let offset_ms = (next - now).whole_milliseconds().max(1000) as i64;
                    self.state.storage().set_alarm(offset_ms).await?;
                }
                Response::ok("planned")
            }
            Err(e) => {
                worker::console_error!("handoff desk {workspace_id}: {e}");
                // Try again soon rather than leave leads waiting on a transient failure.
                self.state.storage().set_alarm(30_000).await?;
                e.into_json_response()
            }
        }
    }
}

/// Asks the workspace's desk to plan now. A failure is logged, not returned: the lead is
/// safely queued either way, and the desk's alarm or the next nudge assigns it.
pub async fn nudge(env: &Env, workspace_id: &str) {
    if let Err(e) = try_nudge(env, workspace_id).await {
        worker::console_error!("handoff desk {workspace_id}: nudge failed: {e}");
    }
}

async fn try_nudge(env: &Env, workspace_id: &str) -> Result<(), AppError> {
    let stub = env
        .durable_object(BINDING)?
        .id_from_name(workspace_id)?
        .get_stub()?;
    let body = serde_json::to_string(&Nudge {
        workspace_id: workspace_id.to_owned(),
    })
    .map_err(|e| AppError::Storage {
        detail: e.to_string(),
    })?;
    let init = worker::RequestInit {
        method: worker::Method::Post,
        body: Some(wasm_bindgen::JsValue::from_str(&body)),
        ..worker::RequestInit::default()
    };
    let request = Request::new_with_init("https://handoff-desk/plan", &init)?;
    stub.fetch_with_request(request).await?;
    Ok(())
}

/// Each rep of `settings` with what they were already given today and this week.
pub async fn rep_loads(
    db: &worker::D1Database,
    workspace_id: &str,
    settings: &HandoffSettings,
    now: OffsetDateTime,
) -> Result<Vec<RepLoad>, AppError> {
    let (day_start, week_start) = load_window(settings, now);
    let counts = store::handoff::rep_counts(db, workspace_id, day_start, week_start).await?;
    Ok(settings
        .reps
        .iter()
        .map(|rep| {
            let (today, week) = counts.get(&rep.id.0.to_string()).copied().unwrap_or((0, 0));
            RepLoad {
                rep: rep.clone(),
                assigned_today: today,
                assigned_this_week: week,
                out_of_office: Vec::new(),
            }
        })
        .collect())
}

/// The planner's view of waiting rows: score, age, and where the lead is.
pub fn queue_of(rows: &[HandoffRow]) -> Result<Vec<QueuedLead>, AppError> {
    rows.iter()
        .map(|row| {
            let queued_at = store::parse_timestamp(&row.queued_at, "queued_at")?;
            let lead: Option<Lead> = row
                .record_json
                .as_deref()
                .and_then(|json| serde_json::from_str(json).ok());
            Ok(match lead {
                Some(lead) => queued_lead(&lead, row.score, queued_at),
                None => QueuedLead {
                    lead_id: row.lead()?,
                    score: row.score,
                    queued_at,
                    country: None,
                    region: None,
                    segment: None,
                },
            })
        })
        .collect()
}

/// One planning pass: flags breached SLAs, assigns what today's capacity allows, alerts
/// on leads waiting too long. Returns when the desk should look again.
async fn cycle(
    env: &Env,
    workspace_id: &str,
    now: OffsetDateTime,
) -> Result<Option<OffsetDateTime>, AppError> {
    let db = store::database(env)?;
    let settings = store::handoff::settings(&db, workspace_id).await?.settings;
    store::handoff::flag_breaches(&db, workspace_id, now).await?;
    let waiting =
        store::handoff::in_state(&db, workspace_id, HandoffState::Waiting, PLAN_LIMIT).await?;
    let loads = rep_loads(&db, workspace_id, &settings, now).await?;
    let queue = queue_of(&waiting)?;
    let day_plan = plan(&settings, &loads, &queue, now);
    let row_of = |lead_id: LeadId| waiting.iter().find(|row| row.lead().ok() == Some(lead_id));
    for chunk in day_plan.assignments.chunks(BATCH_ASSIGNMENTS) {
        let mut statements = Vec::with_capacity(chunk.len() * 6);
        let mut events = Vec::with_capacity(chunk.len());
        for assignment in chunk {
            if let Some(row) = row_of(assignment.lead_id) {
                statements.extend(store::handoff::assign_statements(
                    &db,
                    workspace_id,
                    &row.id,
                    assignment,
                    now,
                )?);
                events.push(WebhookEvent::HandoffAssigned(
                    assignment.handoff(HandoffId(row.uuid()?), now),
                ));
            }
        }
        statements.extend(webhooks::outbox_statements(
            &db,
            workspace_id,
            &events,
            now,
        )?);
        db.batch(statements).await?;
        webhooks::dispatch_logged(env, workspace_id, &events, now).await;
    }
    // Alerts for leads still waiting too long, once each.
    let mut next: Option<OffsetDateTime> = None;
    let mut soonest =
        |at: OffsetDateTime| next = Some(next.map_or(at, |n: OffsetDateTime| n.min(at)));
    let mut alerts = Vec::new();
    let mut alert_events = Vec::new();
    for waiting_lead in &day_plan.waiting {
        let Some(row) = row_of(waiting_lead.lead_id) else {
            continue;
        };
        let queued_at = store::parse_timestamp(&row.queued_at, "queued_at")?;
        if row.alerted_at.is_some() {
            continue;
        }
        if waited_too_long(&settings, queued_at, now) {
            alerts.push(store::handoff::alerted_statement(&db, &row.id, now)?);
            alert_events.push(WebhookEvent::HandoffWaitingTooLong(WaitingTooLong {
                lead_id: waiting_lead.lead_id,
                queued_at,
                waited_secs: (now - queued_at).whole_seconds(),
                reason: waiting_lead.reason,
            }));
        } else {
            soonest(queued_at + Duration::seconds(i64::from(settings.alert_after_secs) + 1));
        }
    }
    if !alerts.is_empty() {
        alerts.extend(webhooks::outbox_statements(
            &db,
            workspace_id,
            &alert_events,
            now,
        )?);
        db.batch(alerts).await?;
        webhooks::dispatch_logged(env, workspace_id, &alert_events, now).await;
    }
    if !day_plan.waiting.is_empty() {
        // Capacity comes back with the next day: look again at its start.
        let (day_start, _) = load_window(&settings, now);
        soonest(day_start + Duration::days(1) + Duration::seconds(1));
    }
    let open =
        store::handoff::in_state(&db, workspace_id, HandoffState::Assigned, PLAN_LIMIT).await?;
    for row in &open {
        if let Some(due) = row.time(&row.sla_due, "sla_due")?
            && due > now
        {
            soonest(due + Duration::seconds(1));
        }
    }
    Ok(next)
}
