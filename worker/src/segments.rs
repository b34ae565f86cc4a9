//! `/api/segments`: the team's saved segments and their message templates — read by
//! everyone, changed by marketing and admins. A segment is saved only if the shared
//! rules accept it (its personas checked against the workspace's ICP set); a 422 names
//! the part at fault (`filter.all[1].any[0].value`).

use leadkit_shared::api::{SCHEMA_VERSION, SegmentList, SegmentRecord};
use leadkit_shared::auth::Permission;
use leadkit_shared::segments::Segment;
use leadkit_shared::sync::SettingsWrite;
use uuid::Uuid;
use worker::{Request, Response, RouteContext};

use crate::auth::{Principal, answer, authenticate, read_json};
use crate::error::AppError;
use crate::{clock, settings_write, store};

/// `GET /api/segments`.
pub async fn handle_get_segments(req: Request, ctx: RouteContext<()>) -> worker::Result<Response> {
    answer(list(&req, &ctx).await)
}

/// `PUT /api/segments/:id`: creates or replaces a segment.
pub async fn handle_put_segment(
    mut req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    answer(put(&mut req, &ctx).await)
}

/// `DELETE /api/segments/:id`.
pub async fn handle_delete_segment(
    req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    answer(delete(&req, &ctx).await)
}

async fn caller(
    req: &Request,
    ctx: &RouteContext<()>,
    permission: Permission,
    action: &str,
) -> Result<Principal, AppError> {
    let principal = authenticate(req, &ctx.env).await?;
    principal.require(permission, action)?;
    Ok(principal)
}

/// The id in the path; a malformed one names no segment.
fn segment_id(ctx: &RouteContext<()>) -> Result<Uuid, AppError> {
    ctx.param("id")
        .and_then(|id| Uuid::parse_str(id).ok())
        .ok_or(AppError::NotFound { what: "segment" })
}

async fn list(req: &Request, ctx: &RouteContext<()>) -> Result<Response, AppError> {
    let principal = caller(req, ctx, Permission::ReadLeads, "read segments").await?;
    let db = store::database(&ctx.env)?;
    let segments = store::segments::list(&db, &principal.workspace_id).await?;
    Ok(Response::from_json(&SegmentList {
        schema_version: SCHEMA_VERSION,
        segments,
    })?)
}

async fn put(req: &mut Request, ctx: &RouteContext<()>) -> Result<Response, AppError> {
    let principal = caller(req, ctx, Permission::ManageSegments, "change segments").await?;
    let id = segment_id(ctx)?;
    let segment: Segment = read_json(req).await?;
    let db = store::database(&ctx.env)?;
    let at = clock::now();
    let write = SettingsWrite::PutSegment {
        id,
        segment: segment.clone(),
    };
    settings_write::save_by_route(&db, &principal, &write, at).await?;
    Ok(Response::from_json(&SegmentRecord {
        id,
        segment,
        updated_at: at,
        updated_by: principal.user_id,
    })?)
}

async fn delete(req: &Request, ctx: &RouteContext<()>) -> Result<Response, AppError> {
    let principal = caller(req, ctx, Permission::ManageSegments, "change segments").await?;
    let id = segment_id(ctx)?;
    let db = store::database(&ctx.env)?;
    let write = SettingsWrite::DeleteSegment { id };
    if settings_write::save_by_route(&db, &principal, &write, clock::now())
        .await?
        .gone
    {
        Err(AppError::NotFound { what: "segment" })
    } else {
        Ok(Response::empty()?.with_status(204))
    }
}
