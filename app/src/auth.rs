//! Signing in from the app. The app asks `GET /api/me` first: a 401 shows the sign-in /
//! sign-up form, an answer shows the workspace, and no answer at all (offline) shows
//! the leads kept locally for the workspace last signed into.

mod api;
mod field;
mod form;
pub mod invite;
mod remember;

pub use api::{AuthError, Submission, fetch_me, sign_out, submit, switch_workspace};
pub use form::AuthForm;
pub use invite::AcceptInvitation;
pub use remember::{forget_workspace, remember_workspace, remembered_workspace};

use leadkit_shared::api::MeResponse;

/// Whether, and as whom, the app is signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Session {
    /// `GET /api/me` has not answered yet.
    Checking,
    /// The worker answered 401: the form is shown.
    SignedOut,
    /// Signed in.
    SignedIn(MeResponse),
    /// The worker is unreachable; the workspace (by id) last signed into on this device.
    Offline(String),
}

impl Session {
    /// Asks the worker who the browser's session belongs to.
    pub async fn check() -> Self {
        match fetch_me().await {
            Ok(Some(me)) => {
                remember_workspace(&me.workspace.id);
                Self::SignedIn(me)
            }
            Ok(None) => {
                forget_workspace();
                Self::SignedOut
            }
            Err(_) => remembered_workspace().map_or(Self::SignedOut, Self::Offline),
        }
    }

    /// The workspace whose leads to show, if any.
    pub fn workspace_id(&self) -> Option<String> {
        match self {
            Self::SignedIn(me) => Some(me.workspace.id.clone()),
            Self::Offline(id) => Some(id.clone()),
            Self::Checking | Self::SignedOut => None,
        }
    }
}
