//! The app's calls to the worker's auth routes, through the app's one JSON client
//! ([`crate::data::api`]). Same-origin requests, so the browser sends and keeps the
//! HttpOnly session cookie itself.

use leadkit_shared::api::{
    AcceptInvitationRequest, LoginRequest, MeResponse, SignupRequest, SwitchWorkspaceRequest,
};

use crate::data::ApiError;
use crate::data::api;

/// Why an auth call failed: the app's API error (unreachable, refused with the worker's
/// `ErrorBody`, or unreadable).
pub type AuthError = ApiError;

/// Who the session belongs to; `None` when there is no (live) session.
pub async fn fetch_me() -> Result<Option<MeResponse>, AuthError> {
    match api::get("/api/me").await {
        Ok(me) => Ok(Some(me)),
        Err(error) if error.status() == Some(401) => Ok(None),
        Err(error) => Err(error),
    }
}

/// A sign-in or a sign-up: the form's two modes.
#[derive(Debug, Clone)]
pub enum Submission {
    /// `POST /api/auth/login`.
    SignIn(LoginRequest),
    /// `POST /api/auth/signup`.
    SignUp(SignupRequest),
}

/// Sends the form; on success the worker has set the session cookie.
pub async fn submit(submission: &Submission) -> Result<MeResponse, AuthError> {
    match submission {
        Submission::SignIn(request) => api::post("/api/auth/login", request).await,
        Submission::SignUp(request) => api::post("/api/auth/signup", request).await,
    }
}

/// Ends the session (the worker clears the cookie).
pub async fn sign_out() -> Result<(), AuthError> {
    match api::post_empty("/api/auth/logout").await {
        // 401: the session had already ended, which is what was asked.
        Err(error) if error.status() == Some(401) => Ok(()),
        other => other,
    }
}

/// Accepts an invitation (`POST /api/invitations/accept`); on success the worker has set
/// the session cookie for the invited workspace.
pub async fn accept_invitation(request: &AcceptInvitationRequest) -> Result<MeResponse, AuthError> {
    api::post("/api/invitations/accept", request).await
}

/// Moves the session to another of the person's workspaces (`POST /api/auth/switch`).
/// Every other call of this page is held first, so nothing of the old workspace travels
/// with the new cookie; on success the caller reloads the page (which lifts the hold),
/// on failure the hold is lifted here.
pub async fn switch_workspace(workspace_id: &str) -> Result<MeResponse, AuthError> {
    api::hold();
    let request = SwitchWorkspaceRequest {
        workspace_id: workspace_id.to_owned(),
    };
    let answer = api::post_while_held("/api/auth/switch", &request).await;
    if answer.is_err() {
        api::release();
    }
    answer
}
