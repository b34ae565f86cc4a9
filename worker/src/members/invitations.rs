//! `/api/invitations`: admins invite an e-mail address with a role and get an accept
//! link, shown once (only the token's SHA-256 is stored); they list and revoke pending
//! invitations. `POST /api/invitations/accept` is public — the token is the credential
//! — and joins the invitee, with a new account or the one their address has, signed in
//! to the workspace. With `LOG_INVITE_LINKS = "true"` (local development only) the link
//! is also written to the log, standing in for the e-mail a deployment would send.

use leadkit_shared::api::{
    AcceptInvitationRequest, CreateInvitationRequest, InvitationCreated, InvitationList,
    InvitationSummary, SCHEMA_VERSION,
};
use leadkit_shared::auth::{
    InvitationProblem, InvitationState, PASSWORD_SALT_BYTES, PBKDF2_ITERATIONS, Permission,
    SECRET_BYTES, Secret, ValidAcceptance, hex, invitation_expires_at, invitation_state,
    invitation_token, session_cookie, session_expires_at, validate_acceptance, validate_invitation,
};
use time::OffsetDateTime;
use uuid::Uuid;
use worker::{Env, Request, Response, RouteContext};

use crate::auth::{
    Via, answer, authenticate, me_response, password, read_json, secure_cookie, verify_password,
    with_cookie,
};
use crate::clock;
use crate::error::AppError;
use crate::rate_limit::{self, Counted};
use crate::store::members::{Acceptance, InvitationRow, NewInvitation, NewUser};
use crate::store::{self, parse_timestamp};

/// The `[vars]` flag that writes accept links to the log. wrangler.toml ships it off;
/// `cargo xtask dev` and the tests turn it on.
const LOG_INVITE_LINKS: &str = "LOG_INVITE_LINKS";

/// `POST /api/invitations`: invites an address with a role; answers the accept link once.
pub async fn handle_post_invitation(
    mut req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    answer(create(&mut req, &ctx.env).await)
}

/// `GET /api/invitations`: the workspace's pending invitations, without tokens.
pub async fn handle_get_invitations(
    req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    answer(list(&req, &ctx.env).await)
}

/// `DELETE /api/invitations/:id`: withdraws an invitation of the caller's workspace.
pub async fn handle_delete_invitation(
    req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    answer(revoke(&req, &ctx).await)
}

/// `POST /api/invitations/accept`: joins the invitation's workspace and signs in there.
pub async fn handle_post_invitation_accept(
    mut req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    answer(accept(&mut req, &ctx.env).await)
}

fn already_member(message: &str) -> AppError {
    AppError::Conflict {
        code: "already_member",
        message: message.to_owned(),
    }
}

async fn create(req: &mut Request, env: &Env) -> Result<Response, AppError> {
    let principal = authenticate(req, env).await?;
    principal.require(Permission::ManageMembers, "invite members")?;
    let request: CreateInvitationRequest = read_json(req).await?;
    let valid = validate_invitation(&request).map_err(|fields| AppError::Invalid { fields })?;
    let db = store::database(env)?;
    if store::members::is_member_email(&db, &principal.workspace_id, &valid.email).await? {
        return Err(already_member(&format!(
            "{} is already a member of this workspace; change their role instead",
            valid.email
        )));
    }
    let token = Secret::new_invitation_token(clock::random_bytes::<SECRET_BYTES>()?);
    let id = clock::random_uuid();
    let id_text = id.to_string();
    let now = clock::now();
    let expires_at = invitation_expires_at(now);
    let invited_by = match &principal.via {
        Via::Session { .. } => principal.user_id.as_deref(),
        Via::Token => None,
    };
    store::members::insert_invitation(
        &db,
        &NewInvitation {
            id: &id_text,
            workspace_id: &principal.workspace_id,
            email: &valid.email,
            role: valid.role,
            token_hash: &token.hash(),
            invited_by,
            now,
            expires_at,
        },
    )
    .await?;
    let origin = req.url()?.origin().ascii_serialization();
    let accept_url = format!("{origin}/?invite={}", token.expose());
    if log_invite_links(env) {
        worker::console_log!(
            "invitation for {} to workspace {} as {}: {accept_url}",
            valid.email,
            principal.workspace_id,
            valid.role
        );
    }
    let created = InvitationCreated {
        schema_version: SCHEMA_VERSION,
        invitation: InvitationSummary {
            id,
            email: valid.email,
            role: valid.role,
            invited_by: invited_by.and_then(|id| Uuid::parse_str(id).ok()),
            created_at: now,
            expires_at,
        },
        token: token.expose().to_owned(),
        accept_url,
    };
    Ok(Response::from_json(&created)?.with_status(201))
}

/// Whether accept links go to the log: only when the flag is exactly `"true"`, so a
/// deployment that never heard of it logs nothing.
fn log_invite_links(env: &Env) -> bool {
    env.var(LOG_INVITE_LINKS)
        .is_ok_and(|value| value.to_string() == "true")
}

async fn list(req: &Request, env: &Env) -> Result<Response, AppError> {
    let principal = authenticate(req, env).await?;
    principal.require(Permission::ManageMembers, "list invitations")?;
    let rows =
        store::members::open_invitations(&store::database(env)?, &principal.workspace_id).await?;
    let now = clock::now();
    let mut invitations = Vec::with_capacity(rows.len());
    for row in rows {
        if state(&row, now)? == InvitationState::Pending {
            invitations.push(summary(row)?);
        }
    }
    Ok(Response::from_json(&InvitationList {
        schema_version: SCHEMA_VERSION,
        invitations,
    })?)
}

async fn revoke(req: &Request, ctx: &RouteContext<()>) -> Result<Response, AppError> {
    let principal = authenticate(req, &ctx.env).await?;
    principal.require(Permission::ManageMembers, "revoke invitations")?;
    let not_found = || AppError::NotFound { what: "invitation" };
    // A malformed id cannot name an invitation: the same 404 as an unknown one.
    let id = ctx
        .param("id")
        .and_then(|id| Uuid::parse_str(id).ok())
        .ok_or_else(not_found)?
        .to_string();
    let db = store::database(&ctx.env)?;
    if store::members::revoke_invitation(&db, &principal.workspace_id, &id).await? {
        return Ok(Response::empty()?.with_status(204));
    }
    match store::members::invitation(&db, &principal.workspace_id, &id).await? {
        None => Err(not_found()),
        Some(_) => Err(AppError::Conflict {
            code: "invitation_accepted",
            message: "this invitation was already accepted; remove the member instead".into(),
        }),
    }
}

async fn accept(req: &mut Request, env: &Env) -> Result<Response, AppError> {
    // A wrong password for an existing account costs a full hash, as a sign-in does:
    // the same cap per address, counted before any work.
    let address = rate_limit::client_address(req)?;
    rate_limit::check(env, Counted::SignIn, &address).await?;
    let request: AcceptInvitationRequest = read_json(req).await?;
    let token = invitation_token(&request)?;
    let db = store::database(env)?;
    let invitation = store::members::invitation_by_token(&db, &token.hash())
        .await?
        .ok_or(InvitationProblem::Unknown)?;
    let now = clock::now();
    state(&invitation, now)?.acceptable()?;
    let role = invitation.role()?;
    let account = store::auth::user_by_email(&db, &invitation.email).await?;
    let valid = validate_acceptance(&request, &invitation.email, account.is_some())
        .map_err(|fields| AppError::Invalid { fields })?;
    // What a new account's row borrows lives here, outside the match that makes it.
    let new_user_id;
    let new_display_name;
    let password_hash;
    let password_salt;
    let (user_id, new_user) = match (valid, &account) {
        (ValidAcceptance::ExistingAccount { password }, Some(user)) => {
            verify_password(user, &password).await?;
            if store::auth::membership_role(&db, &user.id, &invitation.workspace_id)
                .await?
                .is_some()
            {
                return Err(already_member(
                    "you are already a member of this workspace; sign in instead",
                ));
            }
            (user.id.as_str(), None)
        }
        (
            ValidAcceptance::NewAccount {
                display_name,
                password,
            },
            None,
        ) => {
            let salt = clock::random_bytes::<PASSWORD_SALT_BYTES>()?;
            let hash = password::derive(&password, &salt, PBKDF2_ITERATIONS).await?;
            new_user_id = clock::random_uuid().to_string();
            password_hash = hex(&hash);
            password_salt = hex(&salt);
            new_display_name = display_name;
            let user = NewUser {
                email: &invitation.email,
                display_name: &new_display_name,
                password_hash: &password_hash,
                password_salt: &password_salt,
                password_iterations: PBKDF2_ITERATIONS,
            };
            (new_user_id.as_str(), Some(user))
        }
        _ => {
            return Err(AppError::Storage {
                detail: "acceptance checked for the wrong kind of account".into(),
            });
        }
    };
    let session = Secret::new_session_token(clock::random_bytes::<SECRET_BYTES>()?);
    let acceptance = Acceptance {
        invitation_id: &invitation.id,
        workspace_id: &invitation.workspace_id,
        user_id,
        new_user,
        session_id: &session.hash(),
        now,
        session_expires_at: session_expires_at(now),
    };
    if let Err(error) = store::members::accept(&db, &acceptance).await {
        return Err(lost_race(&db, &invitation.id, &invitation.workspace_id, error).await);
    }
    let me = me_response(&db, Some(user_id), &invitation.workspace_id, role).await?;
    let response = Response::from_json(&me)?.with_status(201);
    with_cookie(response, &session_cookie(&session, secure_cookie(req)?))
}

/// What to answer when the accept batch failed (and wrote nothing): another request got
/// there first — the same link used or withdrawn, the address signed up, the member
/// joined — or storage failed. The invitation's state is asked first: two accepts of
/// one link may fail on the account's address before reaching the invitation.
async fn lost_race(
    db: &worker::D1Database,
    invitation_id: &str,
    workspace_id: &str,
    error: AppError,
) -> AppError {
    let AppError::Storage { detail } = &error else {
        return error;
    };
    match store::members::invitation(db, workspace_id, invitation_id).await {
        Ok(Some(row)) => match state(&row, clock::now()).map(InvitationState::acceptable) {
            Ok(Err(problem)) => return problem.into(),
            Ok(Ok(())) => {}
            Err(e) => return e,
        },
        Ok(None) => return InvitationProblem::Unknown.into(),
        Err(e) => return e,
    }
    if detail.contains("UNIQUE") && detail.contains("users.email") {
        return AppError::EmailTaken;
    }
    if detail.contains("UNIQUE") && detail.contains("memberships.") {
        return already_member("you are already a member of this workspace; sign in instead");
    }
    error
}

fn state(row: &InvitationRow, now: OffsetDateTime) -> Result<InvitationState, AppError> {
    Ok(invitation_state(
        parse_timestamp(&row.expires_at, "invitation expires_at")?,
        row.accepted_at.is_some(),
        row.revoked != 0,
        now,
    ))
}

fn summary(row: InvitationRow) -> Result<InvitationSummary, AppError> {
    let corrupt = |what: &str| AppError::Storage {
        detail: format!("invitation {} has an unreadable {what}", row.id),
    };
    Ok(InvitationSummary {
        id: Uuid::parse_str(&row.id).map_err(|_| corrupt("id"))?,
        role: row.role()?,
        invited_by: row
            .invited_by
            .as_deref()
            .map(|id| Uuid::parse_str(id).map_err(|_| corrupt("invited_by")))
            .transpose()?,
        created_at: parse_timestamp(&row.created_at, "invitation created_at")?,
        expires_at: parse_timestamp(&row.expires_at, "invitation expires_at")?,
        email: row.email,
    })
}
