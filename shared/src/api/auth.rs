//! Wire types of sign-up, sign-in and API tokens. Requests default every field to empty
//! so that a missing field reaches validation and is reported by name, rather than
//! failing JSON decoding as a whole.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::auth::Role;

/// `POST /api/auth/signup`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SignupRequest {
    /// The account's e-mail address.
    pub email: String,
    /// The new password; the policy is `auth::validate_password`.
    pub password: String,
    /// The person's display name.
    pub name: String,
    /// The name of the workspace sign-up creates.
    pub workspace_name: String,
}

/// `POST /api/auth/login`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoginRequest {
    /// The account's e-mail address.
    pub email: String,
    /// The password.
    pub password: String,
    /// The workspace to sign into, for a member of several; their earliest membership
    /// when absent.
    pub workspace_id: Option<String>,
}

/// `POST /api/auth/switch`: move the signed-in person's session to another of their
/// workspaces, without asking their password again (the session already proves who
/// they are; the membership decides where they may go).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SwitchWorkspaceRequest {
    /// One of `MeResponse::workspaces`.
    pub workspace_id: String,
}

/// `POST /api/tokens`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CreateTokenRequest {
    /// What the token is for ("CRM sync").
    pub name: String,
    /// `admin`, `marketing` or `sales`; `sales` when absent.
    pub role: Option<String>,
}

/// A person, as `GET /api/me` shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    /// Stable id.
    pub id: Uuid,
    /// Normalised e-mail address.
    pub email: String,
    /// Display name.
    pub name: String,
}

/// A workspace, as `GET /api/me` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceSummary {
    /// Stable id (`default` for the seeded demo workspace).
    pub id: String,
    /// Display name.
    pub name: String,
}

/// `GET /api/me` (and the answer to sign-up and sign-in): who the caller is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeResponse {
    /// Wire format version.
    pub schema_version: u32,
    /// The signed-in person; `None` when the caller is an API token.
    pub user: Option<UserSummary>,
    /// The workspace every request of this caller is scoped to.
    pub workspace: WorkspaceSummary,
    /// The caller's role there.
    pub role: Role,
    /// Every workspace the caller may sign into, earliest membership first, so the app
    /// can offer a switch (`POST /api/auth/switch`). An API token acts in its
    /// own workspace only. Absent in answers stored before it existed.
    #[serde(default)]
    pub workspaces: Vec<WorkspaceMembership>,
}

/// One of the caller's workspaces and their role there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceMembership {
    /// Stable id, for `LoginRequest::workspace_id`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The caller's role in it.
    pub role: Role,
}

/// An API token without its secret, as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenSummary {
    /// Stable id, for revoking.
    pub id: Uuid,
    /// What the token is for.
    pub name: String,
    /// The role it acts with.
    pub role: Role,
    /// Its first characters (`lk_live_abcd`), to recognise it by.
    pub prefix: String,
    /// When it was made.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When it last authenticated a request, if ever.
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_used_at: Option<OffsetDateTime>,
    /// Whether it was revoked.
    pub revoked: bool,
}

/// `POST /api/tokens`: the new token, its secret included — the only time it is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenCreated {
    /// Wire format version.
    pub schema_version: u32,
    /// The stored description.
    pub token: TokenSummary,
    /// The secret to put in `Authorization: Bearer …`.
    pub secret: String,
}

/// `GET /api/tokens`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenList {
    /// Wire format version.
    pub schema_version: u32,
    /// The workspace's tokens, newest first.
    pub tokens: Vec<TokenSummary>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_stored_before_the_workspace_list_still_reads() {
        let stored = r#"{"schema_version":1,"user":null,
            "workspace":{"id":"default","name":"에이크미"},"role":"sales"}"#;
        let me: MeResponse = serde_json::from_str(stored).unwrap();
        assert!(me.workspaces.is_empty());
        assert_eq!(me.role, Role::Sales);
        let login: LoginRequest =
            serde_json::from_str(r#"{"email":"kim@acme.kr","password":"x"}"#).unwrap();
        assert_eq!(login.workspace_id, None);
    }
}
