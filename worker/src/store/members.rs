//! D1 access for a workspace's team: its members and their roles, and invitations. Every
//! statement names the workspace it is for. The last-admin rule is decided in
//! `leadkit_shared::auth::check_member_change`; the statements that change memberships
//! repeat it as a guard, so two admins demoting each other at once cannot both succeed.

use leadkit_shared::auth::Role;
use serde::Deserialize;
use time::OffsetDateTime;
use wasm_bindgen::JsValue;
use worker::D1Database;

use super::auth::role;
use super::timestamp;
use crate::error::AppError;

/// SQL that is true while removing member `?2` of workspace `?1` (or giving them a role
/// other than admin) leaves the workspace an admin. A macro so that `concat!` builds
/// each statement at compile time.
macro_rules! keeps_an_admin {
    () => {
        "((SELECT role FROM memberships WHERE workspace_id = ?1 AND user_id = ?2) <> 'admin' \
         OR (SELECT count(*) FROM memberships WHERE workspace_id = ?1 AND role = 'admin') > 1)"
    };
}

/// A member as lists show them.
#[derive(Debug, Deserialize)]
pub struct MemberRow {
    pub user_id: String,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub created_at: String,
}

/// The workspace's members, earliest first.
pub async fn members(db: &D1Database, workspace_id: &str) -> Result<Vec<MemberRow>, AppError> {
    Ok(db
        .prepare(
            "SELECT m.user_id, u.email, u.display_name, m.role, m.created_at \
             FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.workspace_id = ?1 ORDER BY m.created_at, m.user_id",
        )
        .bind(&[JsValue::from_str(workspace_id)])?
        .all()
        .await?
        .results::<MemberRow>()?)
}

/// One member of the workspace, if `user_id` is one.
pub async fn member(
    db: &D1Database,
    workspace_id: &str,
    user_id: &str,
) -> Result<Option<MemberRow>, AppError> {
    Ok(db
        .prepare(
            "SELECT m.user_id, u.email, u.display_name, m.role, m.created_at \
             FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.workspace_id = ?1 AND m.user_id = ?2",
        )
        .bind(&[JsValue::from_str(workspace_id), JsValue::from_str(user_id)])?
        .first::<MemberRow>(None)
        .await?)
}

/// How many admins the workspace has.
pub async fn admin_count(db: &D1Database, workspace_id: &str) -> Result<usize, AppError> {
    let count = db
        .prepare("SELECT count(*) AS n FROM memberships WHERE workspace_id = ?1 AND role = 'admin'")
        .bind(&[JsValue::from_str(workspace_id)])?
        .first::<u32>(Some("n"))
        .await?;
    Ok(count.unwrap_or(0) as usize)
}

/// Whether the account with this (normalised) address is a member of the workspace.
pub async fn is_member_email(
    db: &D1Database,
    workspace_id: &str,
    email: &str,
) -> Result<bool, AppError> {
    let row = db
        .prepare(
            "SELECT 1 AS member FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.workspace_id = ?1 AND u.email = ?2",
        )
        .bind(&[JsValue::from_str(workspace_id), JsValue::from_str(email)])?
        .first::<serde_json::Value>(None)
        .await?;
    Ok(row.is_some())
}

/// Gives a member a new role unless that would leave the workspace without an admin.
/// `false` when nothing changed: the member is gone, or the guard refused.
pub async fn set_role(
    db: &D1Database,
    workspace_id: &str,
    user_id: &str,
    new_role: Role,
) -> Result<bool, AppError> {
    let result = db
        .prepare(concat!(
            "UPDATE memberships SET role = ?3 WHERE workspace_id = ?1 AND user_id = ?2 \
             AND (?3 = 'admin' OR ",
            keeps_an_admin!(),
            ")"
        ))
        .bind(&[
            JsValue::from_str(workspace_id),
            JsValue::from_str(user_id),
            JsValue::from_str(new_role.as_str()),
        ])?
        .run()
        .await?;
    Ok(changes(&result)? > 0)
}

/// Removes a member and ends their sessions in this workspace, in one batch, unless
/// that would leave the workspace without an admin. `false` when nothing changed. The
/// sessions are deleted, not marked revoked: a session row must name a membership
/// (migration 0002), and the membership is what goes.
pub async fn remove(db: &D1Database, workspace_id: &str, user_id: &str) -> Result<bool, AppError> {
    let params = [JsValue::from_str(workspace_id), JsValue::from_str(user_id)];
    // Both statements see the same memberships (the first changes only sessions), so
    // the guard answers alike in each.
    let statements = vec![
        db.prepare(concat!(
            "DELETE FROM sessions WHERE workspace_id = ?1 AND user_id = ?2 AND ",
            keeps_an_admin!()
        ))
        .bind(&params)?,
        db.prepare(concat!(
            "DELETE FROM memberships WHERE workspace_id = ?1 AND user_id = ?2 AND ",
            keeps_an_admin!()
        ))
        .bind(&params)?,
    ];
    let results = db.batch(statements).await?;
    let removed = match results.last() {
        Some(result) => changes(result)?,
        None => 0,
    };
    Ok(removed > 0)
}

fn changes(result: &worker::D1Result) -> Result<usize, AppError> {
    Ok(result.meta()?.and_then(|meta| meta.changes).unwrap_or(0))
}

/// An invitation to store: the hash of its token, never the token.
pub struct NewInvitation<'a> {
    pub id: &'a str,
    pub workspace_id: &'a str,
    /// Normalised address.
    pub email: &'a str,
    pub role: Role,
    /// SHA-256 (hex) of the token.
    pub token_hash: &'a str,
    /// The inviting admin; `None` when an API token invited.
    pub invited_by: Option<&'a str>,
    pub now: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// Stores an invitation, revoking any open one to the same address in the workspace in
/// the same batch: the newest link is the only one that works.
pub async fn insert_invitation(
    db: &D1Database,
    invitation: &NewInvitation<'_>,
) -> Result<(), AppError> {
    let workspace = JsValue::from_str(invitation.workspace_id);
    let email = JsValue::from_str(invitation.email);
    let statements = vec![
        db.prepare(
            "UPDATE invitations SET revoked = 1 WHERE workspace_id = ?1 AND email = ?2 \
             AND accepted_at IS NULL AND revoked = 0",
        )
        .bind(&[workspace.clone(), email.clone()])?,
        db.prepare(
            "INSERT INTO invitations (id, workspace_id, email, role, token_hash, invited_by, \
             created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .bind(&[
            JsValue::from_str(invitation.id),
            workspace,
            email,
            JsValue::from_str(invitation.role.as_str()),
            JsValue::from_str(invitation.token_hash),
            invitation
                .invited_by
                .map_or(JsValue::NULL, JsValue::from_str),
            JsValue::from_str(&timestamp(invitation.now)?),
            JsValue::from_str(&timestamp(invitation.expires_at)?),
        ])?,
    ];
    db.batch(statements).await?;
    Ok(())
}

/// A stored invitation (never its token hash).
#[derive(Debug, Deserialize)]
pub struct InvitationRow {
    pub id: String,
    pub workspace_id: String,
    pub email: String,
    pub role: String,
    pub invited_by: Option<String>,
    pub created_at: String,
    pub expires_at: String,
    pub accepted_at: Option<String>,
    pub revoked: u8,
}

impl InvitationRow {
    /// The stored role.
    pub fn role(&self) -> Result<Role, AppError> {
        role(&self.role)
    }
}

/// The columns of [`InvitationRow`], for every SELECT of one.
macro_rules! invitation_columns {
    () => {
        "SELECT id, workspace_id, email, role, invited_by, created_at, expires_at, \
         accepted_at, revoked FROM invitations "
    };
}

/// The workspace's invitations neither accepted nor revoked, newest first. Expired ones
/// are among them: whether one has expired is decided with the clock, by the caller.
pub async fn open_invitations(
    db: &D1Database,
    workspace_id: &str,
) -> Result<Vec<InvitationRow>, AppError> {
    Ok(db
        .prepare(concat!(
            invitation_columns!(),
            "WHERE workspace_id = ?1 AND accepted_at IS NULL AND revoked = 0 \
             ORDER BY created_at DESC, id"
        ))
        .bind(&[JsValue::from_str(workspace_id)])?
        .all()
        .await?
        .results::<InvitationRow>()?)
}

/// An invitation of this workspace by id.
pub async fn invitation(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
) -> Result<Option<InvitationRow>, AppError> {
    Ok(db
        .prepare(concat!(
            invitation_columns!(),
            "WHERE workspace_id = ?1 AND id = ?2"
        ))
        .bind(&[JsValue::from_str(workspace_id), JsValue::from_str(id)])?
        .first::<InvitationRow>(None)
        .await?)
}

/// The invitation stored under this token hash, whatever its workspace: the token is
/// the invitee's only credential.
pub async fn invitation_by_token(
    db: &D1Database,
    token_hash: &str,
) -> Result<Option<InvitationRow>, AppError> {
    Ok(db
        .prepare(concat!(invitation_columns!(), "WHERE token_hash = ?1"))
        .bind(&[JsValue::from_str(token_hash)])?
        .first::<InvitationRow>(None)
        .await?)
}

/// Revokes an invitation of this workspace unless someone already joined with it;
/// `false` when nothing changed.
pub async fn revoke_invitation(
    db: &D1Database,
    workspace_id: &str,
    id: &str,
) -> Result<bool, AppError> {
    let result = db
        .prepare(
            "UPDATE invitations SET revoked = 1 \
             WHERE workspace_id = ?1 AND id = ?2 AND accepted_at IS NULL",
        )
        .bind(&[JsValue::from_str(workspace_id), JsValue::from_str(id)])?
        .run()
        .await?;
    Ok(changes(&result)? > 0)
}

/// The account an acceptance makes, when the invited address has none.
pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    /// Hex of the PBKDF2 output.
    pub password_hash: &'a str,
    /// Hex of the salt.
    pub password_salt: &'a str,
    pub password_iterations: u32,
}

/// An invitation being accepted.
pub struct Acceptance<'a> {
    pub invitation_id: &'a str,
    /// The invitation's workspace, which the new session signs into.
    pub workspace_id: &'a str,
    /// The joining user: new (with `new_user`) or the invited address's account.
    pub user_id: &'a str,
    pub new_user: Option<NewUser<'a>>,
    /// SHA-256 of the new session's token.
    pub session_id: &'a str,
    pub now: OffsetDateTime,
    pub session_expires_at: OffsetDateTime,
}

/// Accepts an invitation in one batch: the account (if new), the invitation marked
/// accepted, the membership with the invited role, and a session. The membership takes
/// its workspace from the invitation only if this very batch marked it accepted;
/// otherwise (used or revoked meanwhile) that is NULL, the NOT NULL constraint fails,
/// and the whole batch — account included — is rolled back.
pub async fn accept(db: &D1Database, acceptance: &Acceptance<'_>) -> Result<(), AppError> {
    let user = JsValue::from_str(acceptance.user_id);
    let invitation = JsValue::from_str(acceptance.invitation_id);
    let now = JsValue::from_str(&timestamp(acceptance.now)?);
    let mut statements = Vec::with_capacity(4);
    if let Some(new_user) = &acceptance.new_user {
        statements.push(
            db.prepare(
                "INSERT INTO users (id, email, display_name, password_hash, password_salt, \
                 password_iterations, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .bind(&[
                user.clone(),
                JsValue::from_str(new_user.email),
                JsValue::from_str(new_user.display_name),
                JsValue::from_str(new_user.password_hash),
                JsValue::from_str(new_user.password_salt),
                JsValue::from_f64(f64::from(new_user.password_iterations)),
                now.clone(),
            ])?,
        );
    }
    statements.push(
        db.prepare(
            "UPDATE invitations SET accepted_at = ?3, accepted_by = ?2 \
             WHERE id = ?1 AND accepted_at IS NULL AND revoked = 0",
        )
        .bind(&[invitation.clone(), user.clone(), now.clone()])?,
    );
    statements.push(
        db.prepare(
            "INSERT INTO memberships (user_id, workspace_id, role, created_at) VALUES (?2, \
             (SELECT workspace_id FROM invitations \
              WHERE id = ?1 AND accepted_by = ?2 AND accepted_at = ?3), \
             (SELECT role FROM invitations WHERE id = ?1), ?3)",
        )
        .bind(&[invitation, user.clone(), now.clone()])?,
    );
    statements.push(
        db.prepare(
            "INSERT INTO sessions (id, user_id, workspace_id, created_at, expires_at) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .bind(&[
            JsValue::from_str(acceptance.session_id),
            user,
            JsValue::from_str(acceptance.workspace_id),
            now,
            JsValue::from_str(&timestamp(acceptance.session_expires_at)?),
        ])?,
    );
    db.batch(statements).await?;
    Ok(())
}
