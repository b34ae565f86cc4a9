//! `/api/engine-config`: the workspace's ICP personas, scoring model and stage rules —
//! what marketing and sales agreed on — read by everyone, changed by marketing and
//! admins, every save versioned with who, when, why and what changed.

use leadkit_shared::api::{
    EngineConfigHistory, EngineConfigView, SCHEMA_VERSION, SaveEngineConfig,
};
use leadkit_shared::auth::Permission;
use leadkit_shared::sync::SettingsWrite;
use worker::{Request, Response, RouteContext};

use crate::auth::{answer, authenticate, read_json};
use crate::store::engine::CurrentConfig;
use crate::{clock, settings_write, store};

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
            let db = store::database(&ctx.env)?;
            let write = SettingsWrite::EngineConfig {
                config: save.config,
                base_version: save.base_version,
                note: save.note,
            };
            settings_write::save_by_route(&db, &principal, &write, clock::now()).await?;
            let current = store::engine::current(&db, &principal.workspace_id).await?;
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
