//! `/api/engine-config`: the workspace's ICP personas, scoring model and stage rules —
//! what marketing and sales agreed on — read by everyone, changed by marketing and
//! admins, every save versioned with who, when, why and what changed.

use leadkit_shared::api::{
    EngineConfigHistory, EngineConfigView, MAX_CONFIG_NOTE_CHARS, SCHEMA_VERSION, SaveEngineConfig,
};
use leadkit_shared::auth::Permission;
use leadkit_shared::engine::{Engine, EngineError, config_diff};
use worker::{Request, Response, RouteContext};

use crate::auth::{answer, authenticate, read_json};
use crate::error::AppError;
use crate::store::engine::{CurrentConfig, NewVersion};
use crate::{clock, store};

/// `GET /api/engine-config`.
pub async fn handle_get_engine_config(
    req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    answer(
        async {
            let principal = authenticate(&req, &ctx.env).await?;
            principal.require(Permission::ReadLeads, "read the scoring rules")?;
            let db = store::database(&ctx.env)?;
            let current = store::engine::current(&db, &principal.workspace_id).await?;
            Ok(Response::from_json(&view(current))?)
        }
        .await,
    )
}

/// `GET /api/engine-config/versions`.
pub async fn handle_get_engine_config_versions(
    req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    answer(
        async {
            let principal = authenticate(&req, &ctx.env).await?;
            principal.require(Permission::ReadLeads, "read the scoring rules")?;
            let db = store::database(&ctx.env)?;
            let versions = store::engine::history(&db, &principal.workspace_id).await?;
            Ok(Response::from_json(&EngineConfigHistory {
                schema_version: SCHEMA_VERSION,
                versions,
            })?)
        }
        .await,
    )
}

/// `PUT /api/engine-config`: saves a new version if the editor's base is still current
/// (409 otherwise) and the engine can run it (422 naming the part at fault).
pub async fn handle_put_engine_config(
    mut req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    answer(
        async {
            let principal = authenticate(&req, &ctx.env).await?;
            principal.require(Permission::ManageScoring, "change the scoring rules")?;
            let save: SaveEngineConfig = read_json(&mut req).await?;
            let note = save
                .note
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty());
            if note.is_some_and(|n| n.chars().count() > MAX_CONFIG_NOTE_CHARS) {
                return Err(AppError::breaks_rule(
                    "note",
                    format!("note must be at most {MAX_CONFIG_NOTE_CHARS} characters"),
                ));
            }
            if let Err(error) = Engine::new(save.config.clone()) {
                let part = match error {
                    EngineError::Icp(_) => "config.icp",
                    EngineError::Scoring(_) => "config.scoring",
                    EngineError::Lifecycle(_) => "config.lifecycle",
                };
                return Err(AppError::breaks_rule(part, error.to_string()));
            }
            let db = store::database(&ctx.env)?;
            let ws = &principal.workspace_id;
            let current = store::engine::current(&db, ws).await?;
            if current.version != save.base_version {
                return Err(stale(current.version));
            }
            let to_value = |config| {
                serde_json::to_value(config).map_err(|e| AppError::Storage {
                    detail: e.to_string(),
                })
            };
            let changes = config_diff(&to_value(&current.config)?, &to_value(&save.config)?);
            let user = match &principal.user_id {
                Some(id) => store::auth::user(&db, id).await?,
                None => None,
            };
            let saved = store::engine::save(
                &db,
                &NewVersion {
                    workspace_id: ws,
                    config: &save.config,
                    base_version: save.base_version,
                    saved_by: principal.user_id.as_deref(),
                    saved_by_name: user.as_ref().map(|u| u.display_name.as_str()),
                    note,
                    changes: &changes,
                    at: clock::now(),
                },
            )
            .await?;
            let current = store::engine::current(&db, ws).await?;
            if !saved {
                return Err(stale(current.version));
            }
            Ok(Response::from_json(&view(current))?)
        }
        .await,
    )
}

fn view(current: CurrentConfig) -> EngineConfigView {
    EngineConfigView {
        schema_version: SCHEMA_VERSION,
        config: current.config,
        version: current.version,
        saved_at: current.saved_at,
        saved_by: current.saved_by,
    }
}

fn stale(current: u32) -> AppError {
    AppError::Conflict {
        code: "version_conflict",
        message: format!(
            "the rules were changed by someone else (now version {current}); reload and edit again"
        ),
    }
}
