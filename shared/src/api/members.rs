//! Wire types of a workspace's team: its members and their roles, and the invitations
//! that bring new members in. Requests default every field to empty so that a missing
//! field reaches validation and is reported by name.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::auth::Role;

/// One member of a workspace, as `GET /api/members` lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberSummary {
    /// The person's user id.
    pub user_id: Uuid,
    /// Their normalised e-mail address.
    pub email: String,
    /// Their display name.
    pub name: String,
    /// Their role in this workspace.
    pub role: Role,
    /// When they became a member.
    #[serde(with = "time::serde::rfc3339")]
    pub joined_at: OffsetDateTime,
}

/// `GET /api/members`: everyone in the caller's workspace, earliest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberList {
    /// Wire format version.
    pub schema_version: u32,
    /// The members.
    pub members: Vec<MemberSummary>,
}

/// `PUT /api/members/{user_id}`: the member's new role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UpdateMemberRequest {
    /// `admin`, `marketing` or `sales`.
    pub role: Option<String>,
}

/// `POST /api/invitations`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CreateInvitationRequest {
    /// Whom to invite.
    pub email: String,
    /// The role they join with: `admin`, `marketing` or `sales`.
    pub role: Option<String>,
}

/// An invitation without its token, as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationSummary {
    /// Stable id, for revoking.
    pub id: Uuid,
    /// The invited, normalised e-mail address.
    pub email: String,
    /// The role the invitee joins with.
    pub role: Role,
    /// The user id of the admin who invited; `None` when an API token did.
    pub invited_by: Option<Uuid>,
    /// When it was made.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When its link stops working.
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
}

/// `POST /api/invitations`: the invitation and its accept link — the only time the token
/// is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationCreated {
    /// Wire format version.
    pub schema_version: u32,
    /// The stored invitation.
    pub invitation: InvitationSummary,
    /// The secret the invitee presents to `POST /api/invitations/accept`.
    pub token: String,
    /// The link to send the invitee: the app at `/?invite=<token>`.
    pub accept_url: String,
}

/// `GET /api/invitations`: the workspace's pending invitations, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationList {
    /// Wire format version.
    pub schema_version: u32,
    /// Invitations neither accepted, revoked nor expired.
    pub invitations: Vec<InvitationSummary>,
}

/// `POST /api/invitations/accept`. A new account sends `name` and a new `password`; a
/// person who already has an account sends its `password` only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AcceptInvitationRequest {
    /// The token from the accept link.
    pub token: String,
    /// The new account's display name; ignored for an existing account.
    pub name: String,
    /// The new account's password, or the existing account's.
    pub password: String,
}
