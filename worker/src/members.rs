//! `/api/members`: who is in the caller's workspace and with which role. Everyone in the
//! workspace sees the team; admins change roles and remove members, never leaving the
//! workspace without an admin (`leadkit_shared::auth::check_member_change`). Every
//! statement is scoped to the caller's workspace, so another workspace's member answers
//! 404 exactly as an unknown id does. Invitations, which bring members in, are
//! [`invitations`].

mod invitations;

pub use invitations::{
    handle_delete_invitation, handle_get_invitations, handle_post_invitation,
    handle_post_invitation_accept,
};

use leadkit_shared::api::{MemberList, MemberSummary, SCHEMA_VERSION, UpdateMemberRequest};
use leadkit_shared::auth::{
    LastAdmin, MemberChange, Permission, check_member_change, validate_role_change,
};
use uuid::Uuid;
use worker::{Request, Response, RouteContext};

use crate::auth::{answer, authenticate, read_json};
use crate::error::AppError;
use crate::store::members::MemberRow;
use crate::store::{self, parse_timestamp};

/// `GET /api/members`: the workspace's members, earliest first.
pub async fn handle_get_members(req: Request, ctx: RouteContext<()>) -> worker::Result<Response> {
    answer(list(&req, &ctx).await)
}

/// `PUT /api/members/:user_id`: gives a member another role.
pub async fn handle_put_member(
    mut req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    answer(change_role(&mut req, &ctx).await)
}

/// `DELETE /api/members/:user_id`: removes a member and ends their sessions here.
pub async fn handle_delete_member(req: Request, ctx: RouteContext<()>) -> worker::Result<Response> {
    answer(remove(&req, &ctx).await)
}

fn not_found() -> AppError {
    AppError::NotFound { what: "member" }
}

fn last_admin(problem: LastAdmin) -> AppError {
    AppError::Conflict {
        code: LastAdmin::CODE,
        message: problem.to_string(),
    }
}

/// The `:user_id` of the path. A malformed id cannot name a member: the same 404 as an
/// unknown one.
fn user_id(ctx: &RouteContext<()>) -> Result<String, AppError> {
    ctx.param("user_id")
        .and_then(|id| Uuid::parse_str(id).ok())
        .map(|id| id.to_string())
        .ok_or_else(not_found)
}

async fn list(req: &Request, ctx: &RouteContext<()>) -> Result<Response, AppError> {
    // Every member may see who else is in the team: no permission beyond membership.
    let principal = authenticate(req, &ctx.env).await?;
    let rows =
        store::members::members(&store::database(&ctx.env)?, &principal.workspace_id).await?;
    let members = rows
        .into_iter()
        .map(summary)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Response::from_json(&MemberList {
        schema_version: SCHEMA_VERSION,
        members,
    })?)
}

async fn change_role(req: &mut Request, ctx: &RouteContext<()>) -> Result<Response, AppError> {
    let principal = authenticate(req, &ctx.env).await?;
    principal.require(Permission::ManageMembers, "change members' roles")?;
    let user_id = user_id(ctx)?;
    let request: UpdateMemberRequest = read_json(req).await?;
    let new_role = validate_role_change(&request).map_err(|fields| AppError::Invalid { fields })?;
    let db = store::database(&ctx.env)?;
    let workspace_id = &principal.workspace_id;
    let mut member = store::members::member(&db, workspace_id, &user_id)
        .await?
        .ok_or_else(not_found)?;
    let admins = store::members::admin_count(&db, workspace_id).await?;
    check_member_change(
        member_role(&member)?,
        admins,
        MemberChange::SetRole(new_role),
    )
    .map_err(last_admin)?;
    if !store::members::set_role(&db, workspace_id, &user_id, new_role).await? {
        // The guard saw what the check above did not: the member left, or the other
        // admins were demoted or removed meanwhile.
        return Err(
            match store::members::member(&db, workspace_id, &user_id).await? {
                None => not_found(),
                Some(_) => last_admin(LastAdmin::Demoted),
            },
        );
    }
    member.role = new_role.as_str().to_owned();
    Ok(Response::from_json(&summary(member)?)?)
}

async fn remove(req: &Request, ctx: &RouteContext<()>) -> Result<Response, AppError> {
    let principal = authenticate(req, &ctx.env).await?;
    principal.require(Permission::ManageMembers, "remove members")?;
    let user_id = user_id(ctx)?;
    let db = store::database(&ctx.env)?;
    let workspace_id = &principal.workspace_id;
    let member = store::members::member(&db, workspace_id, &user_id)
        .await?
        .ok_or_else(not_found)?;
    let admins = store::members::admin_count(&db, workspace_id).await?;
    check_member_change(member_role(&member)?, admins, MemberChange::Remove).map_err(last_admin)?;
    if !store::members::remove(&db, workspace_id, &user_id).await? {
        return Err(
            match store::members::member(&db, workspace_id, &user_id).await? {
                None => not_found(),
                Some(_) => last_admin(LastAdmin::Removed),
            },
        );
    }
    Ok(Response::empty()?.with_status(204))
}

fn member_role(row: &MemberRow) -> Result<leadkit_shared::auth::Role, AppError> {
    row.role.parse().map_err(|_| AppError::Storage {
        detail: format!("member {} has an unknown role {:?}", row.user_id, row.role),
    })
}

fn summary(row: MemberRow) -> Result<MemberSummary, AppError> {
    Ok(MemberSummary {
        user_id: Uuid::parse_str(&row.user_id).map_err(|_| AppError::Storage {
            detail: format!("member id {:?} is not a UUID", row.user_id),
        })?,
        role: member_role(&row)?,
        joined_at: parse_timestamp(&row.created_at, "membership created_at")?,
        email: row.email,
        name: row.display_name,
    })
}
