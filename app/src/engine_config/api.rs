//! The worker's engine configuration history as the app reads it, and how its refusals
//! read. (The configuration itself is read and saved as a settings document: see
//! `data::settings`.) Same-origin requests, so the browser sends the session cookie.

use leadkit_shared::api::{EngineConfigHistory, SCHEMA_VERSION};
use leadkit_shared::capture::FieldError;
use thiserror::Error;

use crate::data::api::{self, ApiError};

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

impl From<ApiError> for ConfigApiError {
    fn from(e: ApiError) -> Self {
        match e {
            // An answer that cannot be read is treated as no answer: the draft stays.
            ApiError::Network { detail } | ApiError::Unreadable { detail } => {
                Self::Network { detail }
            }
            ApiError::Refused { status, body } => match status {
                409 => Self::Conflict {
                    message: body.message,
                },
                422 => Self::Invalid {
                    message: body.message,
                    fields: body.fields,
                },
                403 => Self::Forbidden {
                    message: body.message,
                },
                _ => Self::Refused {
                    status,
                    message: body.message,
                },
            },
        }
    }
}

fn checked(found: u32) -> Result<(), ConfigApiError> {
    if found == SCHEMA_VERSION {
        Ok(())
    } else {
        Err(ConfigApiError::SchemaMismatch { found })
    }
}

/// `GET /api/engine-config/versions`: every saved version, newest first.
pub async fn fetch_history() -> Result<EngineConfigHistory, ConfigApiError> {
    let history: EngineConfigHistory = api::get("/api/engine-config/versions").await?;
    checked(history.schema_version)?;
    Ok(history)
}
