//! `POST /api/sync/push`: a replica (a browser or phone of a member) pushes its pending
//! operations, oldest first. Each is admitted by `sync::admit` (exactly once, in order
//! per replica), checked and merged into its leads by `sync::apply_to_leads` (per-field
//! last-writer-wins by hybrid logical clock, stage moves by the workspace's rules), then
//! re-scored by the engine — and stored with the replica's new sequence in one D1 batch,
//! so a crash can neither apply an operation twice nor skip one. Refused operations are
//! answered with their reason and still use up their sequence number.

use std::collections::BTreeMap;

use leadkit_shared::api::{PushOutcome, PushRequest, PushResponse, PushResult, SCHEMA_VERSION};
use leadkit_shared::auth::Permission;
use leadkit_shared::engine::Engine;
use leadkit_shared::forms::FormDefinition;
use leadkit_shared::handoff::{HandoffAnswer, HandoffSettings};
use leadkit_shared::lead_update::on_applied;
use leadkit_shared::model::{LeadId, Touch, WorkspaceId};
use leadkit_shared::sync::{
    Admission, OpBody, Operation, Rejection, SettingsWrite, StoredRegisters, admit, apply_to_leads,
    lead_of,
};
use uuid::Uuid;
use worker::{Env, Request, Response, RouteContext};

use crate::auth::{Principal, answer, authenticate, read_json_capped};
use crate::error::AppError;
use crate::store::leads::{LeadWrite, StoredLead};
use crate::store::retry::{Attempt, with_retries};
use crate::{clock, handoff, settings_write, store, webhooks};

/// Most operations one push may carry.
pub const MAX_PUSH_OPERATIONS: usize = 500;

/// Largest push body read: 500 operations of up to ~2 KB each (a lead created offline
/// is the largest). The capture limit of 64 KB refused an app's push of 200 logged calls.
pub const MAX_PUSH_BYTES: usize = 1024 * 1024;

/// `POST /api/sync/push`.
pub async fn handle_post_sync_push(
    mut req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    answer(
        async {
            let principal = authenticate(&req, &ctx.env).await?;
            principal.require(Permission::ReadLeads, "change leads")?;
            let push: PushRequest = read_json_capped(&mut req, MAX_PUSH_BYTES).await?;
            validate(&push)?;
            let response = push_all(&ctx.env, &principal, &push).await?;
            Ok(Response::from_json(&response)?)
        }
        .await,
    )
}

fn validate(push: &PushRequest) -> Result<(), AppError> {
    if push.schema_version != SCHEMA_VERSION {
        return Err(AppError::breaks_rule(
            "schema_version",
            format!("this server speaks schema version {SCHEMA_VERSION}"),
        ));
    }
    if push.operations.len() > MAX_PUSH_OPERATIONS {
        return Err(AppError::breaks_rule(
            "operations",
            format!("at most {MAX_PUSH_OPERATIONS} operations per push"),
        ));
    }
    for (i, op) in push.operations.iter().enumerate() {
        if op.replica != push.replica {
            return Err(AppError::breaks_rule(
                &format!("operations[{i}].replica"),
                "every operation must come from the pushing replica",
            ));
        }
        if i > 0 && op.seq <= push.operations[i - 1].seq {
            return Err(AppError::breaks_rule(
                &format!("operations[{i}].seq"),
                "operations must be sent in increasing sequence order",
            ));
        }
    }
    Ok(())
}

/// What the push needs of the workspace, read once.
struct Context<'a> {
    env: &'a Env,
    db: worker::D1Database,
    workspace_id: &'a str,
    engine: Engine,
    handoff: HandoffSettings,
    /// The form leads created in the app are filed under.
    app_form: String,
    /// Who pushes: handoff answers are theirs, decided as the answer route decides.
    principal: &'a Principal,
}

async fn push_all(
    env: &Env,
    principal: &Principal,
    push: &PushRequest,
) -> Result<PushResponse, AppError> {
    let workspace_id = principal.workspace_id.as_str();
    let db = store::database(env)?;
    let engine = store::workspace_engine(&db, workspace_id).await?;
    let handoff_settings = store::handoff::settings(&db, workspace_id).await?.settings;
    let app_form = ensure_app_form(&db, workspace_id).await?;
    let cx = Context {
        env,
        db,
        workspace_id,
        engine,
        handoff: handoff_settings,
        app_form,
        principal,
    };
    let replica = push.replica.0.to_string();
    let mut last = store::sync::last_applied(&cx.db, workspace_id, &replica).await?;
    let mut results = Vec::with_capacity(push.operations.len());
    for op in &push.operations {
        let outcome = match admit(last, op.seq) {
            Admission::Duplicate => PushOutcome::Duplicate,
            Admission::Gap { expected } => PushOutcome::Deferred {
                expected_seq: expected,
            },
            Admission::Apply => {
                let outcome = apply_one(&cx, op).await?;
                last = store::sync::last_applied(&cx.db, workspace_id, &replica).await?;
                outcome
            }
        };
        results.push(PushResult {
            op_id: op.id,
            outcome,
        });
    }
    Ok(PushResponse {
        schema_version: SCHEMA_VERSION,
        results,
        last_applied_seq: last,
    })
}

/// The workspace's form for leads entered in the app (leads name the form that made
/// them); made on first use.
async fn ensure_app_form(db: &worker::D1Database, workspace_id: &str) -> Result<String, AppError> {
    let form_id = format!("app-{workspace_id}");
    if store::find_form(db, &form_id).await?.is_none() {
        let workspace = WorkspaceId(Uuid::parse_str(workspace_id).unwrap_or(Uuid::nil()));
        let mut form = FormDefinition::default_contact(&form_id, workspace);
        form.name = "앱에서 입력 (Entered in the app)".into();
        let definition = serde_json::to_string(&form).map_err(|e| AppError::Storage {
            detail: e.to_string(),
        })?;
        let now = store::timestamp(clock::now())?;
        store::upsert_form(db, workspace_id, &form_id, &form.name, &definition, &now).await?;
    }
    Ok(form_id)
}

/// Applies one admitted operation (retrying when a concurrent write to one of its leads
/// won). A merge or its undo writes every lead it names in the same batch.
async fn apply_one(cx: &Context<'_>, op: &Operation) -> Result<PushOutcome, AppError> {
    if let OpBody::AnswerHandoff {
        handoff_id,
        lead_id,
        answer,
        ..
    } = &op.body
    {
        return answer_one(cx, op, &handoff_id.0.to_string(), *lead_id, answer).await;
    }
    if let OpBody::SaveSettings { write } = &op.body {
        return save_one(cx, op, write).await;
    }
    let what = format!("sync operation {}", op.id.0);
    let replica = op.replica.0.to_string();
    let lead_ids = op.body.leads();
    with_retries(&what, async || {
        let now = clock::now();
        let at = store::timestamp(now)?;
        let mut stored: BTreeMap<LeadId, StoredLead> = BTreeMap::new();
        let mut registers: BTreeMap<LeadId, StoredRegisters> = BTreeMap::new();
        for lead_id in &lead_ids {
            let id = lead_id.0.to_string();
            if let Some(lead) = store::leads::lead_by_id(&cx.db, cx.workspace_id, &id).await? {
                registers.insert(
                    *lead_id,
                    StoredRegisters {
                        lead: lead.known.lead.clone(),
                        stamps: store::sync::stamps_of(&cx.db, &id).await?,
                    },
                );
                stored.insert(*lead_id, lead);
            }
        }
        // A new lead's id must not be one another workspace already uses.
        let taken = match lead_ids.as_slice() {
            [only] if stored.is_empty() => {
                store::leads::exists_anywhere(&cx.db, &only.0.to_string()).await?
            }
            _ => false,
        };
        let applied = if taken {
            Err(Rejection::InvalidLead {
                detail: "this lead id is already in use".into(),
            })
        } else {
            apply_to_leads(op, &registers, &cx.engine.config().lifecycle)
        };
        let applied = match applied {
            Ok(applied) => applied,
            Err(rejection) => {
                let code = serde_json::to_value(&rejection)
                    .ok()
                    .and_then(|v| v.get("code").and_then(|c| c.as_str().map(str::to_owned)))
                    .unwrap_or_else(|| "rejected".into());
                let lead_id = lead_of(op).map(|id| id.0.to_string());
                return refuse(cx, &replica, op, &code, lead_id.as_deref(), &at, rejection).await;
            }
        };
        let mut statements = Vec::new();
        let mut events = Vec::new();
        let mut queued = false;
        for mut applied in applied {
            // The lead belongs to the pusher's workspace, whatever the operation said.
            applied.lead.workspace_id =
                WorkspaceId(Uuid::parse_str(cx.workspace_id).unwrap_or(Uuid::nil()));
            let lead_id = applied.lead.id;
            let stamps = std::mem::take(&mut applied.stamps);
            let touches = touches_counted(op, lead_id, &stored);
            let before = stored.get(&lead_id);
            let update = on_applied(&cx.engine, applied, touches, now);
            let id = lead_id.0.to_string();
            statements.extend(store::leads::write_statements(
                &cx.db,
                &LeadWrite {
                    workspace_id: cx.workspace_id,
                    form_id: &cx.app_form,
                    update: &update,
                    read_version: before.map(|s| s.version),
                    before: before.map(|s| &s.known.lead),
                    extra_json: "{}",
                    at: now,
                },
            )?);
            statements.push(store::sync::stamps_statement(&cx.db, &id, &stamps)?);
            if let Some(statement) =
                handoff::enqueue_if_entered(&cx.db, cx.workspace_id, &cx.handoff, &update, now)?
            {
                statements.push(statement);
                queued = true;
            }
            statements.extend(webhooks::outbox_statements(
                &cx.db,
                cx.workspace_id,
                &update.events,
                now,
            )?);
            events.extend(update.events);
        }
        let primary = lead_of(op).map(|id| id.0.to_string());
        statements.extend(store::sync::record_statements(
            &cx.db,
            cx.workspace_id,
            op,
            "applied",
            primary.as_deref(),
            &at,
        )?);
        match cx.db.batch(statements).await {
            Ok(_) => {
                webhooks::dispatch_logged(cx.env, cx.workspace_id, &events, now).await;
                if queued {
                    handoff::nudge(cx.env, cx.workspace_id).await;
                }
                applied_outcome(cx, op).await
            }
            Err(e) => retry_or_duplicate(cx, &replica, op, e).await,
        }
    })
    .await
}

/// Applies an admitted handoff answer exactly as the answer route does (see
/// `handoff::plan_answer`), with the operation's record and the replica's sequence in the
/// same batch. A refusal (already answered, another rep's lead, an unknown handoff) is
/// recorded as the operation's outcome, like any refused operation.
async fn answer_one(
    cx: &Context<'_>,
    op: &Operation,
    handoff_id: &str,
    lead_id: LeadId,
    body: &HandoffAnswer,
) -> Result<PushOutcome, AppError> {
    let what = format!("sync operation {}", op.id.0);
    let replica = op.replica.0.to_string();
    let may_answer = cx
        .principal
        .require(Permission::WorkHandoffs, "answer handoffs")
        .is_ok();
    let answerer = handoff::answerer(&cx.db, cx.principal, &cx.handoff).await?;
    let desk = handoff::Desk {
        db: &cx.db,
        workspace_id: cx.workspace_id,
        settings: &cx.handoff,
        engine: &cx.engine,
        answerer: &answerer,
    };
    with_retries(&what, async || {
        let now = clock::now();
        let at = store::timestamp(now)?;
        let planned = if may_answer {
            handoff::plan_answer(&desk, handoff_id, Some(lead_id), body, now)
                .await?
                .map_err(handoff::Refusal::into_rejection)
        } else {
            Err(Rejection::Handoff {
                refusal: "not_allowed".into(),
                detail: format!("your role ({}) may not answer handoffs", cx.principal.role),
            })
        };
        let id = lead_id.0.to_string();
        let mut planned = match planned {
            Ok(planned) => planned,
            Err(rejection) => {
                let code = match &rejection {
                    Rejection::Handoff { refusal, .. } => refusal.clone(),
                    _ => "rejected".to_owned(),
                };
                return refuse(cx, &replica, op, &code, Some(&id), &at, rejection).await;
            }
        };
        if planned.change.is_some() {
            // The device showed the move stamped with the operation's clock; the server's
            // stage carries the same stamp, so its result replaces the device's guess.
            let mut stamps = store::sync::stamps_of(&cx.db, &id).await?;
            let stamp = stamps.entry("stage".to_owned()).or_insert(op.hlc);
            *stamp = (*stamp).max(op.hlc);
            planned
                .statements
                .push(store::sync::stamps_statement(&cx.db, &id, &stamps)?);
        }
        planned.statements.extend(store::sync::record_statements(
            &cx.db,
            cx.workspace_id,
            op,
            "applied",
            Some(&id),
            &at,
        )?);
        match cx.db.batch(planned.statements).await {
            Ok(_) => {
                webhooks::dispatch_logged(cx.env, cx.workspace_id, &planned.events, now).await;
                applied_outcome(cx, op).await
            }
            Err(e) => retry_or_duplicate(cx, &replica, op, e).await,
        }
    })
    .await
}

/// Applies an admitted settings save exactly as its route does (see
/// `settings_write::plan`), with the operation's record and the replica's sequence in the
/// same batch. A refusal (the pusher's role may not, invalid, a stale base version) is
/// recorded as the operation's outcome, like any refused operation.
async fn save_one(
    cx: &Context<'_>,
    op: &Operation,
    write: &SettingsWrite,
) -> Result<PushOutcome, AppError> {
    let what = format!("sync operation {}", op.id.0);
    let replica = op.replica.0.to_string();
    with_retries(&what, async || {
        let now = clock::now();
        let at = store::timestamp(now)?;
        let (mut statements, outcome, nudge) =
            match settings_write::plan(&cx.db, cx.principal, write, now).await? {
                Ok(planned) => (planned.statements, None, planned.nudge_handoff),
                Err(refusal) => (Vec::new(), Some(refusal), false),
            };
        let code = outcome
            .as_ref()
            .map_or("applied", settings_write::Refusal::code);
        statements.extend(store::sync::record_statements(
            &cx.db,
            cx.workspace_id,
            op,
            code,
            None,
            &at,
        )?);
        match cx.db.batch(statements).await {
            Ok(_) => {
                if let Some(refusal) = outcome {
                    return Ok(Attempt::Done(PushOutcome::Rejected {
                        reason: refusal.into_rejection(),
                    }));
                }
                if nudge {
                    handoff::nudge(cx.env, cx.workspace_id).await;
                }
                applied_outcome(cx, op).await
            }
            // A stale guard fails the batch: the retry plans again and records the
            // refusal.
            Err(e) => retry_or_duplicate(cx, &replica, op, e).await,
        }
    })
    .await
}

/// Records `op` as refused with `code` (its sequence used up, like an applied one) and
/// answers the refusal; a failed batch means another push of the replica got there first
/// or a concurrent write won.
async fn refuse(
    cx: &Context<'_>,
    replica: &str,
    op: &Operation,
    code: &str,
    lead_id: Option<&str>,
    at: &str,
    rejection: Rejection,
) -> Result<Attempt<PushOutcome>, AppError> {
    let statements =
        store::sync::record_statements(&cx.db, cx.workspace_id, op, code, lead_id, at)?;
    match cx.db.batch(statements).await {
        Ok(_) => Ok(Attempt::Done(PushOutcome::Rejected { reason: rejection })),
        Err(e) => retry_or_duplicate(cx, replica, op, e).await,
    }
}

/// The answer for an operation whose batch was stored: its place in the workspace's log.
async fn applied_outcome(
    cx: &Context<'_>,
    op: &Operation,
) -> Result<Attempt<PushOutcome>, AppError> {
    let log_seq = store::sync::log_seq_of(&cx.db, &op.id.0.to_string())
        .await?
        .unwrap_or(0);
    Ok(Attempt::Done(PushOutcome::Applied { log_seq }))
}

/// The touches a lead is scored with after `op`: its own (with those of leads merged
/// into it before); a merge's survivor adds the absorbed leads', an undo's drops them.
fn touches_counted(
    op: &Operation,
    lead_id: LeadId,
    stored: &BTreeMap<LeadId, StoredLead>,
) -> Vec<Touch> {
    let own = stored
        .get(&lead_id)
        .map(|s| s.known.touches.clone())
        .unwrap_or_default();
    let of = |ids: &[LeadId]| -> Vec<Touch> {
        ids.iter()
            .filter_map(|id| stored.get(id))
            .flat_map(|s| s.known.touches.iter().cloned())
            .collect()
    };
    match &op.body {
        OpBody::MergeLeads { survivor, absorbed } if *survivor == lead_id => {
            let mut touches = own;
            for touch in of(absorbed) {
                if !touches.iter().any(|t| t.id == touch.id) {
                    touches.push(touch);
                }
            }
            touches.sort_by(|a, b| a.at.cmp(&b.at).then(a.id.cmp(&b.id)));
            touches
        }
        OpBody::UnmergeLeads { survivor, absorbed } if *survivor == lead_id => {
            let leaving = of(absorbed);
            own.into_iter()
                .filter(|t| !leaving.iter().any(|l| l.id == t.id))
                .collect()
        }
        _ => own,
    }
}

/// After a failed batch: another push of this replica applied the operation meanwhile
/// (a duplicate now), or a concurrent write to the lead won (try again).
async fn retry_or_duplicate(
    cx: &Context<'_>,
    replica: &str,
    op: &Operation,
    error: worker::Error,
) -> Result<Attempt<PushOutcome>, AppError> {
    if store::sync::last_applied(&cx.db, cx.workspace_id, replica).await? >= op.seq {
        return Ok(Attempt::Done(PushOutcome::Duplicate));
    }
    // Not this replica's retry, yet its id is logged: the id is another operation's
    // (operation ids are unique in the log). Retrying cannot help; it was a 500 until the
    // malformed-request corpus sent one.
    if store::sync::log_seq_of(&cx.db, &op.id.0.to_string())
        .await?
        .is_some()
    {
        return Err(AppError::Conflict {
            code: "operation_id_taken",
            message: format!(
                "operation id {} is already used by another operation",
                op.id.0
            ),
        });
    }
    Ok(Attempt::Retry {
        reason: error.to_string(),
    })
}
