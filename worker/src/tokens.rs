//! `/api/tokens`: API tokens for integrations. Admins create them (the secret is in the
//! answer once and stored only as its SHA-256), list them without secrets, and revoke
//! them. Every statement is scoped to the caller's workspace, so another workspace's
//! token id answers 404 exactly as an unknown one does.

use leadkit_shared::api::{
    CreateTokenRequest, SCHEMA_VERSION, TokenCreated, TokenList, TokenSummary,
};
use leadkit_shared::auth::{Permission, Role, SECRET_BYTES, Secret, validate_new_token};
use uuid::Uuid;
use worker::{Request, Response, RouteContext};

use crate::auth::{Principal, Via, answer, authenticate, read_json};
use crate::clock;
use crate::error::AppError;
use crate::store::auth::{NewToken, TokenRow};
use crate::store::{self, parse_timestamp};

/// `POST /api/tokens`: creates a token and shows its secret, once.
pub async fn handle_post_token(
    mut req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    answer(create(&mut req, &ctx).await)
}

/// `GET /api/tokens`: the workspace's tokens, without secrets or hashes.
pub async fn handle_get_tokens(req: Request, ctx: RouteContext<()>) -> worker::Result<Response> {
    answer(list(&req, &ctx).await)
}

/// `DELETE /api/tokens/:id`: revokes a token of the caller's workspace.
pub async fn handle_delete_token(req: Request, ctx: RouteContext<()>) -> worker::Result<Response> {
    answer(revoke(&req, &ctx).await)
}

async fn admin(req: &Request, ctx: &RouteContext<()>, action: &str) -> Result<Principal, AppError> {
    let principal = authenticate(req, &ctx.env).await?;
    principal.require(Permission::ManageTokens, action)?;
    Ok(principal)
}

async fn create(req: &mut Request, ctx: &RouteContext<()>) -> Result<Response, AppError> {
    let principal = admin(req, ctx, "create API tokens").await?;
    let request: CreateTokenRequest = read_json(req).await?;
    let valid = validate_new_token(&request).map_err(|fields| AppError::Invalid { fields })?;
    let secret = Secret::new_api_token(clock::random_bytes::<SECRET_BYTES>()?);
    let id = clock::random_uuid();
    let now = clock::now();
    let id_text = id.to_string();
    let created_by = match &principal.via {
        Via::Session { .. } => principal.user_id.as_deref(),
        Via::Token => None,
    };
    store::auth::insert_token(
        &store::database(&ctx.env)?,
        &NewToken {
            id: &id_text,
            workspace_id: &principal.workspace_id,
            name: &valid.name,
            token_hash: &secret.hash(),
            prefix: secret.display_prefix(),
            role: valid.role,
            created_by,
            now,
        },
    )
    .await?;
    let created = TokenCreated {
        schema_version: SCHEMA_VERSION,
        token: TokenSummary {
            id,
            name: valid.name,
            role: valid.role,
            prefix: secret.display_prefix().to_owned(),
            created_at: now,
            last_used_at: None,
            revoked: false,
        },
        secret: secret.expose().to_owned(),
    };
    Ok(Response::from_json(&created)?.with_status(201))
}

async fn list(req: &Request, ctx: &RouteContext<()>) -> Result<Response, AppError> {
    let principal = admin(req, ctx, "list API tokens").await?;
    let rows = store::auth::tokens(&store::database(&ctx.env)?, &principal.workspace_id).await?;
    let tokens = rows
        .into_iter()
        .map(summary)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Response::from_json(&TokenList {
        schema_version: SCHEMA_VERSION,
        tokens,
    })?)
}

async fn revoke(req: &Request, ctx: &RouteContext<()>) -> Result<Response, AppError> {
    let principal = admin(req, ctx, "revoke API tokens").await?;
    let not_found = AppError::NotFound { what: "API token" };
    // A malformed id cannot name a token: the same 404 as an unknown one.
    let Some(id) = ctx.param("id").and_then(|id| Uuid::parse_str(id).ok()) else {
        return Err(not_found);
    };
    let db = store::database(&ctx.env)?;
    if store::auth::revoke_token(&db, &principal.workspace_id, &id.to_string()).await? {
        Ok(Response::empty()?.with_status(204))
    } else {
        Err(not_found)
    }
}

fn summary(row: TokenRow) -> Result<TokenSummary, AppError> {
    let corrupt = |what: &str| AppError::Storage {
        detail: format!("api token {} has an unreadable {what}", row.id),
    };
    Ok(TokenSummary {
        id: Uuid::parse_str(&row.id).map_err(|_| corrupt("id"))?,
        role: row.role.parse::<Role>().map_err(|_| corrupt("role"))?,
        created_at: parse_timestamp(&row.created_at, "api token created_at")?,
        last_used_at: row
            .last_used_at
            .as_deref()
            .map(|at| parse_timestamp(at, "api token last_used_at"))
            .transpose()?,
        revoked: row.revoked != 0,
        name: row.name,
        prefix: row.prefix,
    })
}
