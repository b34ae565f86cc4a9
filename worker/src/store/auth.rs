//! D1 access for accounts, memberships, sessions and API tokens. Every statement that
//! reads or changes workspace data names the workspace it is for.

use leadkit_shared::auth::{DEMO_WORKSPACE_ID, Role};
use serde::Deserialize;
use time::OffsetDateTime;
use wasm_bindgen::JsValue;
use worker::D1Database;

use super::{parse_timestamp, timestamp};
use crate::error::AppError;

/// SQL that is true while the demo workspace (bound as `?1`) may be claimed: it exists
/// and nobody is a member yet. Evaluated inside the sign-up batch, so two sign-ups at
/// once cannot both claim it. A macro so that `concat!` builds each statement at compile
/// time: no SQL is assembled at run time.
macro_rules! demo_claimable {
    () => {
        "(EXISTS (SELECT 1 FROM workspaces WHERE id = ?1) \
         AND NOT EXISTS (SELECT 1 FROM memberships WHERE workspace_id = ?1))"
    };
}

/// A new account, as sign-up stores it.
pub struct NewAccount<'a> {
    /// The new user's id.
    pub user_id: &'a str,
    /// Normalised e-mail address.
    pub email: &'a str,
    /// The person's name.
    pub display_name: &'a str,
    /// Hex of the PBKDF2 output.
    pub password_hash: &'a str,
    /// Hex of the salt.
    pub password_salt: &'a str,
    /// PBKDF2 rounds used.
    pub password_iterations: u32,
    /// The id the new workspace gets unless the demo workspace is claimed instead.
    pub new_workspace_id: &'a str,
    /// The name of the new (or claimed) workspace.
    pub workspace_name: &'a str,
    /// The SHA-256 of the session token that signs the new account in.
    pub session_id: &'a str,
    /// When the account is made.
    pub now: OffsetDateTime,
    /// When its first session expires.
    pub session_expires_at: OffsetDateTime,
}

/// A user as sign-in needs them.
#[derive(Debug, Deserialize)]
pub struct UserRow {
    pub id: String,
    pub password_hash: String,
    pub password_salt: String,
    pub password_iterations: u32,
}

/// A session joined with the member's current role.
#[derive(Debug)]
pub struct SessionRow {
    pub user_id: String,
    pub workspace_id: String,
    pub role: Role,
    pub expires_at: OffsetDateTime,
    pub revoked: bool,
}

#[derive(Debug, Deserialize)]
struct RawSessionRow {
    user_id: String,
    workspace_id: String,
    role: String,
    expires_at: String,
    revoked: u8,
}

/// An unrevoked API token as authentication needs it.
#[derive(Debug)]
pub struct TokenAuthRow {
    pub id: String,
    pub workspace_id: String,
    pub role: Role,
}

#[derive(Debug, Deserialize)]
struct RawTokenAuthRow {
    id: String,
    workspace_id: String,
    role: String,
}

/// An API token as lists show it (never its hash).
#[derive(Debug, Deserialize)]
pub struct TokenRow {
    pub id: String,
    pub name: String,
    pub role: String,
    pub prefix: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked: u8,
}

/// A workspace's id and name.
#[derive(Debug, Deserialize)]
pub struct WorkspaceRow {
    pub id: String,
    pub name: String,
}

/// A user's public fields.
#[derive(Debug, Deserialize)]
pub struct UserSummaryRow {
    pub id: String,
    pub email: String,
    pub display_name: String,
}

/// A stored role name as a [`Role`]; an unknown one means the row is corrupt.
pub(super) fn role(text: &str) -> Result<Role, AppError> {
    text.parse().map_err(|_| AppError::Storage {
        detail: format!("stored role {text:?} is unknown"),
    })
}

/// Whether an account uses this (normalised) address.
pub async fn email_taken(db: &D1Database, email: &str) -> Result<bool, AppError> {
    let row = db
        .prepare("SELECT 1 AS taken FROM users WHERE email = ?1")
        .bind(&[JsValue::from_str(email)])?
        .first::<serde_json::Value>(None)
        .await?;
    Ok(row.is_some())
}

/// Creates the user, their workspace (or claims the demo workspace, see
/// [`DEMO_WORKSPACE_ID`]), their admin membership and a first session, in one atomic
/// batch. Returns the workspace the user became admin of.
pub async fn create_account(db: &D1Database, account: &NewAccount<'_>) -> Result<String, AppError> {
    let now = timestamp(account.now)?;
    let expires = timestamp(account.session_expires_at)?;
    let demo = JsValue::from_str(DEMO_WORKSPACE_ID);
    let name = JsValue::from_str(account.workspace_name);
    let new_id = JsValue::from_str(account.new_workspace_id);
    let user = JsValue::from_str(account.user_id);
    let now_js = JsValue::from_str(&now);
    // Order matters: the claim check reads memberships, so the membership is inserted
    // after both workspace statements have seen the same answer.
    let statements = vec![
        db.prepare(concat!(
            "UPDATE workspaces SET name = ?2 WHERE id = ?1 AND ",
            demo_claimable!()
        ))
        .bind(&[demo.clone(), name.clone()])?,
        db.prepare(concat!(
            "INSERT INTO workspaces (id, name, created_at) SELECT ?2, ?3, ?4 WHERE NOT ",
            demo_claimable!()
        ))
        .bind(&[demo.clone(), new_id.clone(), name, now_js.clone()])?,
        db.prepare(
            "INSERT INTO users (id, email, display_name, password_hash, password_salt, \
             password_iterations, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .bind(&[
            user.clone(),
            JsValue::from_str(account.email),
            JsValue::from_str(account.display_name),
            JsValue::from_str(account.password_hash),
            JsValue::from_str(account.password_salt),
            JsValue::from_f64(f64::from(account.password_iterations)),
            now_js.clone(),
        ])?,
        db.prepare(concat!(
            "INSERT INTO memberships (user_id, workspace_id, role, created_at) \
             SELECT ?2, CASE WHEN ",
            demo_claimable!(),
            " THEN ?1 ELSE ?3 END, 'admin', ?4"
        ))
        .bind(&[demo, user.clone(), new_id, now_js.clone()])?,
        db.prepare(
            "INSERT INTO sessions (id, user_id, workspace_id, created_at, expires_at) \
             SELECT ?1, user_id, workspace_id, ?3, ?4 FROM memberships WHERE user_id = ?2",
        )
        .bind(&[
            JsValue::from_str(account.session_id),
            user.clone(),
            now_js,
            JsValue::from_str(&expires),
        ])?,
    ];
    db.batch(statements).await?;
    let workspace = db
        .prepare("SELECT workspace_id FROM memberships WHERE user_id = ?1")
        .bind(&[user])?
        .first::<String>(Some("workspace_id"))
        .await?;
    workspace.ok_or_else(|| AppError::Storage {
        detail: "sign-up stored no membership".into(),
    })
}

/// The account with this (normalised) address, if any.
pub async fn user_by_email(db: &D1Database, email: &str) -> Result<Option<UserRow>, AppError> {
    Ok(db
        .prepare(
            "SELECT id, password_hash, password_salt, password_iterations FROM users \
             WHERE email = ?1",
        )
        .bind(&[JsValue::from_str(email)])?
        .first::<UserRow>(None)
        .await?)
}

/// The membership a user signs into when they name none: their earliest, so the choice
/// stays stable as invitations add more.
pub async fn first_membership(
    db: &D1Database,
    user_id: &str,
) -> Result<Option<(String, Role)>, AppError> {
    #[derive(Deserialize)]
    struct Row {
        workspace_id: String,
        role: String,
    }
    let row = db
        .prepare(
            "SELECT workspace_id, role FROM memberships WHERE user_id = ?1 \
             ORDER BY created_at, workspace_id LIMIT 1",
        )
        .bind(&[JsValue::from_str(user_id)])?
        .first::<Row>(None)
        .await?;
    row.map(|row| Ok((row.workspace_id, role(&row.role)?)))
        .transpose()
}

/// The user's role in this workspace, if they are a member.
pub async fn membership_role(
    db: &D1Database,
    user_id: &str,
    workspace_id: &str,
) -> Result<Option<Role>, AppError> {
    let row = db
        .prepare("SELECT role FROM memberships WHERE user_id = ?1 AND workspace_id = ?2")
        .bind(&[JsValue::from_str(user_id), JsValue::from_str(workspace_id)])?
        .first::<String>(Some("role"))
        .await?;
    row.as_deref().map(role).transpose()
}

/// One of a user's workspaces with their role there.
#[derive(Debug, Deserialize)]
pub struct MembershipRow {
    pub workspace_id: String,
    pub name: String,
    pub role: String,
}

/// Every workspace the user is a member of, earliest membership first (the order
/// sign-in without a `workspace_id` picks from).
pub async fn memberships_of(
    db: &D1Database,
    user_id: &str,
) -> Result<Vec<MembershipRow>, AppError> {
    Ok(db
        .prepare(
            "SELECT m.workspace_id, w.name, m.role FROM memberships m \
             JOIN workspaces w ON w.id = m.workspace_id WHERE m.user_id = ?1 \
             ORDER BY m.created_at, m.workspace_id",
        )
        .bind(&[JsValue::from_str(user_id)])?
        .all()
        .await?
        .results::<MembershipRow>()?)
}

/// Stores a new session under the hash of its token.
pub async fn insert_session(
    db: &D1Database,
    session_id: &str,
    user_id: &str,
    workspace_id: &str,
    now: OffsetDateTime,
    expires_at: OffsetDateTime,
) -> Result<(), AppError> {
    db.prepare(
        "INSERT INTO sessions (id, user_id, workspace_id, created_at, expires_at) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(&[
        JsValue::from_str(session_id),
        JsValue::from_str(user_id),
        JsValue::from_str(workspace_id),
        JsValue::from_str(&timestamp(now)?),
        JsValue::from_str(&timestamp(expires_at)?),
    ])?
    .run()
    .await?;
    Ok(())
}

/// Moves a person's browser session to another of their workspaces: the new session is
/// written only while the membership exists (checked in the statement itself, so a
/// membership removed meanwhile writes nothing), and the old session is revoked in the
/// same batch. `Ok(false)` when the membership was gone.
pub async fn switch_session(
    db: &D1Database,
    old_session_id: &str,
    new_session_id: &str,
    user_id: &str,
    workspace_id: &str,
    now: OffsetDateTime,
    expires_at: OffsetDateTime,
) -> Result<bool, AppError> {
    let results = db
        .batch(vec![
            db.prepare(
                "INSERT INTO sessions (id, user_id, workspace_id, created_at, expires_at) \
                 SELECT ?1, user_id, workspace_id, ?4, ?5 FROM memberships \
                 WHERE user_id = ?2 AND workspace_id = ?3",
            )
            .bind(&[
                JsValue::from_str(new_session_id),
                JsValue::from_str(user_id),
                JsValue::from_str(workspace_id),
                JsValue::from_str(&timestamp(now)?),
                JsValue::from_str(&timestamp(expires_at)?),
            ])?,
            // Revoked only when the new one was written: the person is never left without
            // a session by a refused switch.
            db.prepare(
                "UPDATE sessions SET revoked = 1 WHERE id = ?1 \
                 AND EXISTS (SELECT 1 FROM sessions WHERE id = ?2)",
            )
            .bind(&[
                JsValue::from_str(old_session_id),
                JsValue::from_str(new_session_id),
            ])?,
        ])
        .await?;
    let inserted = match results.first() {
        Some(result) => result.meta()?.and_then(|meta| meta.changes).unwrap_or(0),
        None => 0,
    };
    Ok(inserted > 0)
}

/// The session stored under this hash, with the member's role as it is now (a role
/// changed or a membership removed takes effect on the next request).
pub async fn session(db: &D1Database, session_id: &str) -> Result<Option<SessionRow>, AppError> {
    let row = db
        .prepare(
            "SELECT s.user_id, s.workspace_id, m.role, s.expires_at, s.revoked \
             FROM sessions s JOIN memberships m \
             ON m.user_id = s.user_id AND m.workspace_id = s.workspace_id \
             WHERE s.id = ?1",
        )
        .bind(&[JsValue::from_str(session_id)])?
        .first::<RawSessionRow>(None)
        .await?;
    row.map(|raw| {
        Ok(SessionRow {
            role: role(&raw.role)?,
            expires_at: parse_timestamp(&raw.expires_at, "session expires_at")?,
            revoked: raw.revoked != 0,
            user_id: raw.user_id,
            workspace_id: raw.workspace_id,
        })
    })
    .transpose()
}

/// Ends a session.
pub async fn revoke_session(db: &D1Database, session_id: &str) -> Result<(), AppError> {
    db.prepare("UPDATE sessions SET revoked = 1 WHERE id = ?1")
        .bind(&[JsValue::from_str(session_id)])?
        .run()
        .await?;
    Ok(())
}

/// The unrevoked API token stored under this hash, if any.
pub async fn token_for_auth(
    db: &D1Database,
    token_hash: &str,
) -> Result<Option<TokenAuthRow>, AppError> {
    let row = db
        .prepare(
            "SELECT id, workspace_id, role FROM api_tokens \
             WHERE token_hash = ?1 AND revoked = 0",
        )
        .bind(&[JsValue::from_str(token_hash)])?
        .first::<RawTokenAuthRow>(None)
        .await?;
    row.map(|raw| {
        Ok(TokenAuthRow {
            role: role(&raw.role)?,
            id: raw.id,
            workspace_id: raw.workspace_id,
        })
    })
    .transpose()
}

/// Records that a token authenticated a request.
pub async fn touch_token(db: &D1Database, id: &str, now: OffsetDateTime) -> Result<(), AppError> {
    db.prepare("UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1")
        .bind(&[JsValue::from_str(id), JsValue::from_str(&timestamp(now)?)])?
        .run()
        .await?;
    Ok(())
}

/// A token to store: its hash, never its secret.
pub struct NewToken<'a> {
    /// The token's id.
    pub id: &'a str,
    /// The workspace it acts in.
    pub workspace_id: &'a str,
    /// What it is for.
    pub name: &'a str,
    /// SHA-256 (hex) of the secret.
    pub token_hash: &'a str,
    /// The secret's first characters, for lists.
    pub prefix: &'a str,
    /// The role it acts with.
    pub role: Role,
    /// The admin who made it; `None` when another token did.
    pub created_by: Option<&'a str>,
    /// When it is made.
    pub now: OffsetDateTime,
}

/// Stores a new API token.
pub async fn insert_token(db: &D1Database, token: &NewToken<'_>) -> Result<(), AppError> {
    db.prepare(
        "INSERT INTO api_tokens (id, workspace_id, name, token_hash, prefix, role, \
         created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .bind(&[
        JsValue::from_str(token.id),
        JsValue::from_str(token.workspace_id),
        JsValue::from_str(token.name),
        JsValue::from_str(token.token_hash),
        JsValue::from_str(token.prefix),
        JsValue::from_str(token.role.as_str()),
        token.created_by.map_or(JsValue::NULL, JsValue::from_str),
        JsValue::from_str(&timestamp(token.now)?),
    ])?
    .run()
    .await?;
    Ok(())
}

/// A workspace's tokens, newest first.
pub async fn tokens(db: &D1Database, workspace_id: &str) -> Result<Vec<TokenRow>, AppError> {
    Ok(db
        .prepare(
            "SELECT id, name, role, prefix, created_at, last_used_at, revoked \
             FROM api_tokens WHERE workspace_id = ?1 ORDER BY created_at DESC, id",
        )
        .bind(&[JsValue::from_str(workspace_id)])?
        .all()
        .await?
        .results::<TokenRow>()?)
}

/// Revokes a token of this workspace; `false` when the workspace has no such token.
pub async fn revoke_token(db: &D1Database, workspace_id: &str, id: &str) -> Result<bool, AppError> {
    let result = db
        .prepare("UPDATE api_tokens SET revoked = 1 WHERE id = ?1 AND workspace_id = ?2")
        .bind(&[JsValue::from_str(id), JsValue::from_str(workspace_id)])?
        .run()
        .await?;
    let changes = result.meta()?.and_then(|meta| meta.changes).unwrap_or(0);
    Ok(changes > 0)
}

/// A workspace by id.
pub async fn workspace(db: &D1Database, id: &str) -> Result<Option<WorkspaceRow>, AppError> {
    Ok(db
        .prepare("SELECT id, name FROM workspaces WHERE id = ?1")
        .bind(&[JsValue::from_str(id)])?
        .first::<WorkspaceRow>(None)
        .await?)
}

/// A user's public fields by id.
pub async fn user(db: &D1Database, id: &str) -> Result<Option<UserSummaryRow>, AppError> {
    Ok(db
        .prepare("SELECT id, email, display_name FROM users WHERE id = ?1")
        .bind(&[JsValue::from_str(id)])?
        .first::<UserSummaryRow>(None)
        .await?)
}
