//! The app's calls to the worker's JSON API for the workspace's settings-like documents
//! (handoff queue and settings, webhooks, tokens, forms). Same-origin, so the browser
//! sends the session cookie itself; a refusal carries the worker's `ErrorBody`, whose
//! field paths the views show beside their fields.

use std::cell::Cell;

use gloo_net::http::{Request, RequestBuilder, Response};
use leadkit_shared::api::ErrorBody;
use leadkit_shared::capture::FieldError;
use serde::Serialize;
use serde::de::DeserializeOwned;
use thiserror::Error;

/// Why a call failed.
#[derive(Debug, Clone, Error)]
pub enum ApiError {
    /// The worker could not be reached (offline, DNS).
    #[error("the server could not be reached: {detail}")]
    Network { detail: String },
    /// The worker refused, saying why.
    #[error("{}", body.message)]
    Refused { status: u16, body: ErrorBody },
    /// The worker answered something this app cannot read (a newer wire format).
    #[error("the answer could not be read: {detail}")]
    Unreadable { detail: String },
}

impl ApiError {
    /// The fields the worker named, if it refused for them.
    pub fn fields(&self) -> Vec<FieldError> {
        match self {
            Self::Refused { body, .. } => body.fields.clone(),
            _ => Vec::new(),
        }
    }

    /// The HTTP status of a refusal.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Refused { status, .. } => Some(*status),
            _ => None,
        }
    }
}

thread_local! {
    /// Set while the session moves to another workspace: from then on this page sends
    /// nothing, so no pull or push of the old workspace can travel with the new
    /// workspace's cookie (and land in the wrong local database, or the wrong workspace
    /// on the server). The page reloads into the new workspace, which clears it.
    static HELD: Cell<bool> = const { Cell::new(false) };
}

/// Stops every later call of this page (see `HELD`); [`release`] undoes it.
pub fn hold() {
    HELD.with(|held| held.set(true));
}

/// Lets calls through again, after a switch that did not happen.
pub fn release() {
    HELD.with(|held| held.set(false));
}

fn held() -> Result<(), ApiError> {
    if HELD.with(Cell::get) {
        Err(ApiError::Network {
            detail: "held while switching workspace".into(),
        })
    } else {
        Ok(())
    }
}

fn network(e: gloo_net::Error) -> ApiError {
    ApiError::Network {
        detail: e.to_string(),
    }
}

async fn refused(response: Response) -> ApiError {
    let status = response.status();
    let body = response
        .json::<ErrorBody>()
        .await
        .unwrap_or_else(|_| ErrorBody {
            error: "unexpected".into(),
            message: response.status_text(),
            fields: Vec::new(),
        });
    ApiError::Refused { status, body }
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if !response.ok() {
        return Err(refused(response).await);
    }
    response.json().await.map_err(|e| ApiError::Unreadable {
        detail: e.to_string(),
    })
}

/// `GET path`, read as `T`.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    held()?;
    read(Request::get(path).send().await.map_err(network)?).await
}

/// `POST path` with a JSON body, read as `T`.
pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    send(Request::post(path), body).await
}

/// `PUT path` with a JSON body, read as `T`.
pub async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    send(Request::put(path), body).await
}

async fn send<B: Serialize, T: DeserializeOwned>(
    request: RequestBuilder,
    body: &B,
) -> Result<T, ApiError> {
    held()?;
    let request = request.json(body).map_err(|e| ApiError::Unreadable {
        detail: e.to_string(),
    })?;
    read(request.send().await.map_err(network)?).await
}

/// `POST path` with a JSON body, read as `T`, sent even while calls are held: the one
/// call that moves the session to another workspace.
pub async fn post_while_held<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    let request = Request::post(path)
        .json(body)
        .map_err(|e| ApiError::Unreadable {
            detail: e.to_string(),
        })?;
    read(request.send().await.map_err(network)?).await
}

/// `POST path` without a body; any 2xx is success.
pub async fn post_empty(path: &str) -> Result<(), ApiError> {
    succeed(Request::post(path)).await
}

/// `DELETE path`; any 2xx is success.
pub async fn delete(path: &str) -> Result<(), ApiError> {
    succeed(Request::delete(path)).await
}

/// Sends `request` without a body; any 2xx is success, its body ignored.
async fn succeed(request: RequestBuilder) -> Result<(), ApiError> {
    held()?;
    let response = request.send().await.map_err(network)?;
    if response.ok() {
        Ok(())
    } else {
        Err(refused(response).await)
    }
}
