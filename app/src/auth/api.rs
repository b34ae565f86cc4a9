//! The app's calls to the worker's auth routes. Same-origin requests, so the browser
//! sends and keeps the HttpOnly session cookie itself.

use gloo_net::http::{Request, Response};
use leadkit_shared::api::{ErrorBody, LoginRequest, MeResponse, SignupRequest};
use serde::Serialize;
use thiserror::Error;

/// Why an auth call failed.
#[derive(Debug, Error)]
pub enum AuthError {
    /// The worker could not be reached.
    #[error("the server could not be reached: {detail}")]
    Network { detail: String },
    /// The worker refused, saying why (fields at fault, wrong credentials).
    #[error("{}", body.message)]
    Refused { status: u16, body: ErrorBody },
}

impl From<gloo_net::Error> for AuthError {
    fn from(e: gloo_net::Error) -> Self {
        Self::Network {
            detail: e.to_string(),
        }
    }
}

async fn refused(response: Response) -> AuthError {
    let status = response.status();
    let body = response
        .json::<ErrorBody>()
        .await
        .unwrap_or_else(|_| ErrorBody {
            error: "unexpected".into(),
            message: response.status_text(),
            fields: Vec::new(),
        });
    AuthError::Refused { status, body }
}

/// Who the session belongs to; `None` when there is no (live) session.
pub async fn fetch_me() -> Result<Option<MeResponse>, AuthError> {
    let response = Request::get("/api/me").send().await?;
    match response.status() {
        200 => Ok(Some(response.json().await?)),
        401 => Ok(None),
        _ => Err(refused(response).await),
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

async fn post<T: Serialize>(path: &str, body: &T) -> Result<MeResponse, AuthError> {
    let response = Request::post(path).json(body)?.send().await?;
    if response.ok() {
        Ok(response.json().await?)
    } else {
        Err(refused(response).await)
    }
}

/// Sends the form; on success the worker has set the session cookie.
pub async fn submit(submission: &Submission) -> Result<MeResponse, AuthError> {
    match submission {
        Submission::SignIn(request) => post("/api/auth/login", request).await,
        Submission::SignUp(request) => post("/api/auth/signup", request).await,
    }
}

/// Ends the session (the worker clears the cookie).
pub async fn sign_out() -> Result<(), AuthError> {
    let response = Request::post("/api/auth/logout").send().await?;
    // 401: the session had already ended, which is what was asked.
    if response.ok() || response.status() == 401 {
        Ok(())
    } else {
        Err(refused(response).await)
    }
}
