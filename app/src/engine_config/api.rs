//! The worker's `/api/engine-config` routes as the app calls them: the current version,
//! a save from a base version, and the history. Same-origin requests, so the browser
//! sends the session cookie itself.

use gloo_net::http::{Request, Response};
use leadkit_shared::api::{
    EngineConfigHistory, EngineConfigView, ErrorBody, SCHEMA_VERSION, SaveEngineConfig,
};
use leadkit_shared::capture::FieldError;
use thiserror::Error;

/// Why a call to the engine configuration routes failed.
#[derive(Debug, Clone, Error)]
pub enum ConfigApiError {
    /// The worker could not be reached (offline).
    #[error("the server could not be reached: {detail}")]
    Network { detail: String },
    /// Someone saved another version since the draft's base (409 `version_conflict`).
    #[error("{message}")]
    Conflict { message: String },
    /// The worker refused parts of the save (422), naming each (`config.icp`, `note` …).
    #[error("{message}")]
    Invalid {
        message: String,
        fields: Vec<FieldError>,
    },
    /// The signed-in member may not do this (403).
    #[error("{message}")]
    Forbidden { message: String },
    /// Any other refusal.
    #[error("the server refused ({status}): {message}")]
    Refused { status: u16, message: String },
    /// The worker speaks a newer wire format than this app.
    #[error("the server sent schema version {found}; reload the app to update it")]
    SchemaMismatch { found: u32 },
}

impl From<gloo_net::Error> for ConfigApiError {
    fn from(e: gloo_net::Error) -> Self {
        Self::Network {
            detail: e.to_string(),
        }
    }
}

async fn refused(response: Response) -> ConfigApiError {
    let status = response.status();
    let body = response
        .json::<ErrorBody>()
        .await
        .unwrap_or_else(|_| ErrorBody {
            error: "unexpected".into(),
            message: response.status_text(),
            fields: Vec::new(),
        });
    match status {
        409 => ConfigApiError::Conflict {
            message: body.message,
        },
        422 => ConfigApiError::Invalid {
            message: body.message,
            fields: body.fields,
        },
        403 => ConfigApiError::Forbidden {
            message: body.message,
        },
        _ => ConfigApiError::Refused {
            status,
            message: body.message,
        },
    }
}

fn checked(found: u32) -> Result<(), ConfigApiError> {
    if found == SCHEMA_VERSION {
        Ok(())
    } else {
        Err(ConfigApiError::SchemaMismatch { found })
    }
}

/// `GET /api/engine-config`: the saved configuration and its version.
pub async fn fetch_config() -> Result<EngineConfigView, ConfigApiError> {
    let response = Request::get("/api/engine-config").send().await?;
    if !response.ok() {
        return Err(refused(response).await);
    }
    let view: EngineConfigView = response.json().await?;
    checked(view.schema_version)?;
    Ok(view)
}

/// `PUT /api/engine-config`: saves `save.config` as the next version if the workspace's
/// is still `save.base_version`.
pub async fn save_config(save: &SaveEngineConfig) -> Result<EngineConfigView, ConfigApiError> {
    let response = Request::put("/api/engine-config")
        .json(save)?
        .send()
        .await?;
    if !response.ok() {
        return Err(refused(response).await);
    }
    let view: EngineConfigView = response.json().await?;
    checked(view.schema_version)?;
    Ok(view)
}

/// `GET /api/engine-config/versions`: every saved version, newest first.
pub async fn fetch_history() -> Result<EngineConfigHistory, ConfigApiError> {
    let response = Request::get("/api/engine-config/versions").send().await?;
    if !response.ok() {
        return Err(refused(response).await);
    }
    let history: EngineConfigHistory = response.json().await?;
    checked(history.schema_version)?;
    Ok(history)
}
