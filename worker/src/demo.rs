//! `POST /api/demo`: fills an empty workspace with a realistic demo — generated Korean
//! and English B2B leads with six months of touches and a sales history — and the demo's
//! scoring rules (when the workspace never saved its own), so a newcomer sees every view
//! alive. Admins only; a workspace that has leads is refused rather than mixed with
//! made-up people.

use leadkit_shared::api::SCHEMA_VERSION;
use leadkit_shared::auth::Permission;
use leadkit_shared::demo::{MAX_DEMO_LEADS, demo_engine_config, demo_leads, seed_of};
use leadkit_shared::engine::{Engine, config_diff};
use leadkit_shared::forms::FormDefinition;
use leadkit_shared::model::WorkspaceId;
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use worker::{Request, Response, RouteContext};

use crate::auth::{answer, authenticate, read_json};
use crate::error::AppError;
use crate::store::engine::NewVersion;
use crate::store::leads::LeadWrite;
use crate::{clock, store};

/// Leads written per D1 batch (each with its touches and history: ~12 statements).
const LEADS_PER_BATCH: usize = 40;
/// Leads a demo has when the request names no number.
const DEFAULT_DEMO_LEADS: usize = 400;

/// The request: how many leads (1 to `MAX_DEMO_LEADS`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DemoRequest {
    leads: Option<usize>,
}

/// The answer: how many leads were made.
#[derive(Debug, Serialize)]
struct DemoFilled {
    schema_version: u32,
    leads: usize,
    touches: usize,
}

/// `POST /api/demo`.
pub async fn handle_post_demo(mut req: Request, ctx: RouteContext<()>) -> worker::Result<Response> {
    answer(
        async {
            let principal = authenticate(&req, &ctx.env).await?;
            principal.require(
                Permission::ManageMembers,
                "fill the workspace with demo data",
            )?;
            let request: DemoRequest = read_json(&mut req).await?;
            let count = request.leads.unwrap_or(DEFAULT_DEMO_LEADS);
            if !(1..=MAX_DEMO_LEADS).contains(&count) {
                return Err(AppError::breaks_rule(
                    "leads",
                    format!("leads must be from 1 to {MAX_DEMO_LEADS}"),
                ));
            }
            let db = store::database(&ctx.env)?;
            let ws = principal.workspace_id.clone();
            if store::leads::count(&db, &ws).await? > 0 {
                return Err(AppError::Conflict {
                    code: "workspace_not_empty",
                    message: "demo data only fills an empty workspace".into(),
                });
            }
            let now = clock::now();
            let mut current = store::engine::current(&db, &ws).await?;
            if current.version == 0 {
                let config = demo_engine_config();
                let to_value = |c| {
                    serde_json::to_value(c).map_err(|e| AppError::Storage {
                        detail: e.to_string(),
                    })
                };
                let changes = config_diff(&to_value(&current.config)?, &to_value(&config)?);
                store::engine::save(
                    &db,
                    &NewVersion {
                        workspace_id: &ws,
                        config: &config,
                        base_version: 0,
                        saved_by: principal.user_id.as_deref(),
                        saved_by_name: Some("demo"),
                        note: Some("demo workspace: the Korean B2B defaults and one persona"),
                        changes: &changes,
                        at: now,
                    },
                )
                .await?;
                current = store::engine::current(&db, &ws).await?;
            }
            let engine = Engine::new(current.config).map_err(|e| AppError::Storage {
                detail: format!("workspace {ws} has an unusable engine config: {e}"),
            })?;
            let workspace = WorkspaceId(Uuid::parse_str(&ws).unwrap_or(Uuid::nil()));
            // The demo's leads came in through a fair's sign-up form, like a real team's.
            let form_id = format!("demo-fair-{ws}");
            let mut form = FormDefinition::default_contact(&form_id, workspace);
            form.name = "데모 박람회 상담 신청 (Demo fair sign-up)".into();
            let definition = serde_json::to_string(&form).map_err(|e| AppError::Storage {
                detail: e.to_string(),
            })?;
            store::upsert_form(
                &db,
                &ws,
                &form_id,
                &form.name,
                &definition,
                &store::timestamp(now)?,
            )
            .await?;
            let updates = demo_leads(&engine, workspace, seed_of(&ws), count, now);
            let touches = updates.iter().map(|u| u.new_touches.len()).sum();
            for chunk in updates.chunks(LEADS_PER_BATCH) {
                let mut statements = Vec::new();
                for update in chunk {
                    statements.extend(store::leads::write_statements(
                        &db,
                        &LeadWrite {
                            workspace_id: &ws,
                            form_id: &form_id,
                            update,
                            read_version: None,
                            before: None,
                            extra_json: "{}",
                            at: update.lead.created_at,
                        },
                    )?);
                }
                db.batch(statements).await?;
            }
            Ok(Response::from_json(&DemoFilled {
                schema_version: SCHEMA_VERSION,
                leads: updates.len(),
                touches,
            })?
            .with_status(201))
        }
        .await,
    )
}
