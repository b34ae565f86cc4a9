//! Sign-up, sign-in, sign-out and `GET /api/me`, and [`authenticate`]: the one gate every
//! non-public route passes first, which turns a session cookie or a bearer token into the
//! [`Principal`] whose workspace scopes every query that follows.

pub(crate) mod password;
mod switch;

pub use switch::handle_post_switch;

use leadkit_shared::api::{
    LoginRequest, MeResponse, SCHEMA_VERSION, SignupRequest, UserSummary, WorkspaceMembership,
    WorkspaceSummary,
};
use leadkit_shared::auth::{
    Credential, PASSWORD_SALT_BYTES, PBKDF2_ITERATIONS, Permission, Role, SECRET_BYTES, Secret,
    SessionState, clear_session_cookie, constant_time_eq, cookie_is_secure,
    credential_from_headers, from_hex, hex, session_cookie, session_expires_at, session_state,
    validate_login, validate_signup,
};
use leadkit_shared::capture::{BodyKind, DecodeError, FieldErrorCode, MAX_BODY_BYTES};
use serde::de::DeserializeOwned;
use uuid::Uuid;
use worker::{D1Database, Env, Request, Response, RouteContext};

use crate::capture::read_body_capped;
use crate::error::AppError;
use crate::store::auth::{NewAccount, UserRow};
use crate::{clock, store};

/// Who is calling: resolved from a credential, never from anything else in the request.
#[derive(Debug, Clone)]
pub struct Principal {
    /// The signed-in person; `None` for an API token.
    pub user_id: Option<String>,
    /// The one workspace this caller may see and change.
    pub workspace_id: String,
    /// The caller's role there.
    pub role: Role,
    /// The credential that authenticated the request.
    pub via: Via,
}

/// The kind of credential behind a [`Principal`].
#[derive(Debug, Clone)]
pub enum Via {
    /// A browser session; the id is the hash of its token.
    Session { id: String },
    /// An API token.
    Token,
}

impl Principal {
    /// Refuses with 403 unless the caller's role allows `permission`; `action` completes
    /// "your role may not …" in the answer.
    pub fn require(&self, permission: Permission, action: &str) -> Result<(), AppError> {
        if self.role.allows(permission) {
            Ok(())
        } else {
            Err(AppError::Forbidden {
                role: self.role.to_string(),
                action: action.to_owned(),
            })
        }
    }
}

fn unauthenticated(reason: &str) -> AppError {
    AppError::Unauthenticated {
        reason: reason.to_owned(),
    }
}

/// Resolves the request's credential (the `lk_session` cookie or
/// `Authorization: Bearer lk_live_…`) to a [`Principal`], or refuses with 401.
pub async fn authenticate(req: &Request, env: &Env) -> Result<Principal, AppError> {
    let headers = req.headers();
    let authorization = headers.get("authorization")?;
    let cookie = headers.get("cookie")?;
    let credential = credential_from_headers(authorization.as_deref(), cookie.as_deref())
        .map_err(|e| unauthenticated(&e.to_string()))?
        .ok_or_else(|| unauthenticated("the request carries no credential"))?;
    let db = store::database(env)?;
    match credential {
        Credential::Session(secret) => {
            let id = secret.hash();
            let row = store::auth::session(&db, &id)
                .await?
                .ok_or_else(|| unauthenticated("the session is unknown"))?;
            match session_state(row.expires_at, row.revoked, clock::now()) {
                SessionState::Live => Ok(Principal {
                    user_id: Some(row.user_id),
                    workspace_id: row.workspace_id,
                    role: row.role,
                    via: Via::Session { id },
                }),
                SessionState::Expired => Err(unauthenticated("the session expired")),
                SessionState::Revoked => Err(unauthenticated("the session was signed out")),
            }
        }
        Credential::ApiToken(secret) => {
            let row = store::auth::token_for_auth(&db, &secret.hash())
                .await?
                .ok_or_else(|| unauthenticated("the token is unknown or revoked"))?;
            store::auth::touch_token(&db, &row.id, clock::now()).await?;
            Ok(Principal {
                user_id: None,
                workspace_id: row.workspace_id,
                role: row.role,
                via: Via::Token,
            })
        }
    }
}

/// `POST /api/auth/signup`: creates an account and its workspace, with the new user as
/// admin, and signs them in. The first account on an install claims the seeded demo
/// workspace instead (see `leadkit_shared::auth::DEMO_WORKSPACE_ID`).
pub async fn handle_post_signup(
    mut req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    answer(signup(&mut req, &ctx.env).await)
}

/// `POST /api/auth/login`: checks e-mail and password and sets the session cookie for
/// the workspace named by `workspace_id`, or the account's earliest membership.
pub async fn handle_post_login(
    mut req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    answer(login(&mut req, &ctx.env).await)
}

/// `POST /api/auth/logout`: ends the caller's session and clears the cookie.
pub async fn handle_post_logout(req: Request, ctx: RouteContext<()>) -> worker::Result<Response> {
    answer(logout(&req, &ctx.env).await)
}

/// `GET /api/me`: the caller, their workspace and role, and every workspace they may
/// sign into.
pub async fn handle_get_me(req: Request, ctx: RouteContext<()>) -> worker::Result<Response> {
    answer(me(&req, &ctx.env).await)
}

/// Sends a response, or the JSON answer for the error; auth answers are never cached.
pub fn answer(result: Result<Response, AppError>) -> worker::Result<Response> {
    let mut response = match result {
        Ok(response) => response,
        Err(e) => e.into_json_response()?,
    };
    response.headers_mut().set("cache-control", "no-store")?;
    Ok(response)
}

/// Reads a JSON body of at most `MAX_BODY_BYTES`. Only `application/json` is accepted:
/// a cross-site HTML form cannot send it, which keeps forged form posts out.
pub async fn read_json<T: DeserializeOwned>(req: &mut Request) -> Result<T, AppError> {
    read_json_capped(req, MAX_BODY_BYTES).await
}

/// [`read_json`] with a cap of `max_bytes` for bodies that are legitimately larger (a
/// sync push of hundreds of operations).
pub async fn read_json_capped<T: DeserializeOwned>(
    req: &mut Request,
    max_bytes: usize,
) -> Result<T, AppError> {
    let content_type = req.headers().get("content-type")?;
    match BodyKind::from_content_type(content_type.as_deref())? {
        BodyKind::Json => {}
        BodyKind::UrlEncoded => {
            return Err(DecodeError::UnsupportedMediaType {
                content_type: "application/x-www-form-urlencoded".into(),
            }
            .into());
        }
    }
    let body = read_body_capped(req, max_bytes).await?;
    serde_json::from_slice(&body).map_err(|e| {
        DecodeError::MalformedJson {
            detail: e.to_string(),
        }
        .into()
    })
}

/// Whether the session cookie set for this request must carry `Secure`.
pub(crate) fn secure_cookie(req: &Request) -> Result<bool, AppError> {
    let url = req.url()?;
    Ok(cookie_is_secure(
        url.scheme(),
        url.host_str().unwrap_or_default(),
    ))
}

/// The response with a `Set-Cookie` header.
pub(crate) fn with_cookie(response: Response, cookie: &str) -> Result<Response, AppError> {
    let mut response = response;
    response.headers_mut().set("set-cookie", cookie)?;
    Ok(response)
}

async fn signup(req: &mut Request, env: &Env) -> Result<Response, AppError> {
    let request: SignupRequest = read_json(req).await?;
    let valid = validate_signup(&request).map_err(|fields| AppError::Invalid { fields })?;
    let db = store::database(env)?;
    if store::auth::email_taken(&db, &valid.email).await? {
        return Err(AppError::EmailTaken);
    }
    let salt = clock::random_bytes::<PASSWORD_SALT_BYTES>()?;
    let hash = password::derive(&valid.password, &salt, PBKDF2_ITERATIONS).await?;
    let session = Secret::new_session_token(clock::random_bytes::<SECRET_BYTES>()?);
    let user_id = clock::random_uuid().to_string();
    let new_workspace_id = clock::random_uuid().to_string();
    let now = clock::now();
    let account = NewAccount {
        user_id: &user_id,
        email: &valid.email,
        display_name: &valid.display_name,
        password_hash: &hex(&hash),
        password_salt: &hex(&salt),
        password_iterations: PBKDF2_ITERATIONS,
        new_workspace_id: &new_workspace_id,
        workspace_name: &valid.workspace_name,
        session_id: &session.hash(),
        now,
        session_expires_at: session_expires_at(now),
    };
    let workspace_id = match store::auth::create_account(&db, &account).await {
        Ok(id) => id,
        // Two sign-ups with one address at once: the loser hits the unique index.
        Err(AppError::Storage { detail })
            if detail.contains("UNIQUE") && detail.contains("users.email") =>
        {
            return Err(AppError::EmailTaken);
        }
        Err(e) => return Err(e),
    };
    let me = me_response(&db, Some(&user_id), &workspace_id, Role::Admin).await?;
    let response = Response::from_json(&me)?.with_status(201);
    with_cookie(response, &session_cookie(&session, secure_cookie(req)?))
}

async fn login(req: &mut Request, env: &Env) -> Result<Response, AppError> {
    // Each attempt costs a full password hash: cap them per address before any work.
    let address = crate::rate_limit::client_address(req)?;
    crate::rate_limit::check(env, crate::rate_limit::Counted::SignIn, &address).await?;
    let request: LoginRequest = read_json(req).await?;
    let valid = validate_login(&request).map_err(|fields| AppError::Invalid { fields })?;
    let db = store::database(env)?;
    let Some(user) = store::auth::user_by_email(&db, &valid.email).await? else {
        // Spend the same work as for a real account, so response times do not tell
        // which addresses have one.
        password::derive(
            &valid.password,
            &[0; PASSWORD_SALT_BYTES],
            PBKDF2_ITERATIONS,
        )
        .await?;
        return Err(AppError::InvalidCredentials);
    };
    verify_password(&user, &valid.password).await?;
    let (workspace_id, role) = match &valid.workspace_id {
        None => store::auth::first_membership(&db, &user.id)
            .await?
            .ok_or_else(|| unauthenticated("this account belongs to no workspace"))?,
        // Asked only once the password proved who is asking, so the answer tells a
        // stranger nothing about which workspaces an address belongs to.
        Some(id) => {
            let role = store::auth::membership_role(&db, &user.id, id)
                .await?
                .ok_or_else(|| {
                    AppError::field(
                        "workspace_id",
                        FieldErrorCode::UnknownValue,
                        "workspace_id is not a workspace this account belongs to",
                    )
                })?;
            (id.clone(), role)
        }
    };
    let session = Secret::new_session_token(clock::random_bytes::<SECRET_BYTES>()?);
    let now = clock::now();
    store::auth::insert_session(
        &db,
        &session.hash(),
        &user.id,
        &workspace_id,
        now,
        session_expires_at(now),
    )
    .await?;
    let me = me_response(&db, Some(&user.id), &workspace_id, role).await?;
    with_cookie(
        Response::from_json(&me)?,
        &session_cookie(&session, secure_cookie(req)?),
    )
}

/// Checks `password` against the account's stored PBKDF2 hash; 401 when it differs.
pub(crate) async fn verify_password(user: &UserRow, password: &str) -> Result<(), AppError> {
    let corrupt = |what: &str| AppError::Storage {
        detail: format!("user {} has an unreadable password {what}", user.id),
    };
    let salt = from_hex(&user.password_salt).ok_or_else(|| corrupt("salt"))?;
    let expected = from_hex(&user.password_hash).ok_or_else(|| corrupt("hash"))?;
    let derived = password::derive(password, &salt, user.password_iterations).await?;
    if constant_time_eq(&derived, &expected) {
        Ok(())
    } else {
        Err(AppError::InvalidCredentials)
    }
}

async fn logout(req: &Request, env: &Env) -> Result<Response, AppError> {
    let principal = authenticate(req, env).await?;
    let Via::Session { id } = &principal.via else {
        return Err(AppError::NotASession);
    };
    store::auth::revoke_session(&store::database(env)?, id).await?;
    with_cookie(
        Response::empty()?.with_status(204),
        &clear_session_cookie(secure_cookie(req)?),
    )
}

async fn me(req: &Request, env: &Env) -> Result<Response, AppError> {
    let principal = authenticate(req, env).await?;
    let db = store::database(env)?;
    let me = me_response(
        &db,
        principal.user_id.as_deref(),
        &principal.workspace_id,
        principal.role,
    )
    .await?;
    Ok(Response::from_json(&me)?)
}

/// Who the caller is: user, workspace, role, and every workspace they may sign into.
pub(crate) async fn me_response(
    db: &D1Database,
    user_id: Option<&str>,
    workspace_id: &str,
    role: Role,
) -> Result<MeResponse, AppError> {
    let workspace = store::auth::workspace(db, workspace_id)
        .await?
        .ok_or_else(|| AppError::Storage {
            detail: format!("workspace {workspace_id} is gone"),
        })?;
    let user = match user_id {
        None => None,
        Some(id) => {
            let row = store::auth::user(db, id)
                .await?
                .ok_or_else(|| AppError::Storage {
                    detail: format!("user {id} is gone"),
                })?;
            Some(UserSummary {
                id: Uuid::parse_str(&row.id).map_err(|_| AppError::Storage {
                    detail: format!("user id {:?} is not a UUID", row.id),
                })?,
                email: row.email,
                name: row.display_name,
            })
        }
    };
    let workspaces = match user_id {
        // An API token acts in its own workspace only.
        None => vec![WorkspaceMembership {
            id: workspace.id.clone(),
            name: workspace.name.clone(),
            role,
        }],
        Some(id) => store::auth::memberships_of(db, id)
            .await?
            .into_iter()
            .map(|row| {
                Ok(WorkspaceMembership {
                    role: row.role.parse().map_err(|_| AppError::Storage {
                        detail: format!("membership of {id} has role {:?}", row.role),
                    })?,
                    id: row.workspace_id,
                    name: row.name,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?,
    };
    Ok(MeResponse {
        schema_version: SCHEMA_VERSION,
        user,
        workspace: WorkspaceSummary {
            id: workspace.id,
            name: workspace.name,
        },
        role,
        workspaces,
    })
}
