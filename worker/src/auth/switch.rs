//! `POST /api/auth/switch`: a signed-in person moves to another of their workspaces. The
//! live session proves who they are, so no password is asked again; their membership
//! decides where they may go. The old session ends in the same batch as the new one
//! starts, so one browser holds one workspace's session at a time.

use leadkit_shared::api::SwitchWorkspaceRequest;
use leadkit_shared::auth::{SECRET_BYTES, Secret, session_cookie, session_expires_at};
use leadkit_shared::capture::FieldErrorCode;
use worker::{Env, Request, Response, RouteContext};

use super::{Via, answer, authenticate, me_response, read_json, secure_cookie, with_cookie};
use crate::error::AppError;
use crate::{clock, store};

/// `POST /api/auth/switch`: re-issues the caller's session for `workspace_id`, one of
/// the workspaces `GET /api/me` lists, and answers the new `/api/me`.
pub async fn handle_post_switch(
    mut req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    answer(switch(&mut req, &ctx.env).await)
}

fn not_a_member() -> AppError {
    AppError::field(
        "workspace_id",
        FieldErrorCode::UnknownValue,
        "workspace_id is not a workspace this account belongs to",
    )
}

async fn switch(req: &mut Request, env: &Env) -> Result<Response, AppError> {
    let principal = authenticate(req, env).await?;
    let (Via::Session { id: old_session }, Some(user_id)) = (&principal.via, &principal.user_id)
    else {
        return Err(AppError::NotASession);
    };
    let request: SwitchWorkspaceRequest = read_json(req).await?;
    let workspace_id = request.workspace_id.trim();
    if workspace_id.is_empty() {
        return Err(AppError::field(
            "workspace_id",
            FieldErrorCode::Required,
            "workspace_id is required",
        ));
    }
    let db = store::database(env)?;
    // Another workspace's id answers exactly like an unknown one: the caller learns
    // nothing about workspaces they are not in.
    let role = store::auth::membership_role(&db, user_id, workspace_id)
        .await?
        .ok_or_else(not_a_member)?;
    let session = Secret::new_session_token(clock::random_bytes::<SECRET_BYTES>()?);
    let now = clock::now();
    let switched = store::auth::switch_session(
        &db,
        old_session,
        &session.hash(),
        user_id,
        workspace_id,
        now,
        session_expires_at(now),
    )
    .await?;
    if !switched {
        // Removed from that workspace between the check and the write.
        return Err(not_a_member());
    }
    let me = me_response(&db, Some(user_id), workspace_id, role).await?;
    with_cookie(
        Response::from_json(&me)?,
        &session_cookie(&session, secure_cookie(req)?),
    )
}
