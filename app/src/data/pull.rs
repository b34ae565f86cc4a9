//! Pulling changes from the worker into the local store, page by page from the stored
//! cursor (leads with their touches and stage history), so a pull interrupted by a lost
//! connection resumes where it stopped.

use gloo_net::http::Request;
use leadkit_shared::api::{ErrorBody, LeadsPage, SCHEMA_VERSION};
use thiserror::Error;

use super::db::{LeadStore, StoreError};

/// Leads asked for per request.
const PAGE_SIZE: u32 = 500;

/// Why a pull stopped.
#[derive(Debug, Error)]
pub enum PullError {
    /// The worker could not be reached (offline, DNS, CORS).
    #[error("the server could not be reached: {detail}")]
    Network { detail: String },
    /// The worker answered with an error.
    #[error("the server refused the pull ({status}): {message}")]
    Refused { status: u16, message: String },
    /// The worker speaks a newer wire format than this app.
    #[error("the server sent schema version {found}; reload the app to update it")]
    SchemaMismatch { found: u32 },
    /// The local database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<gloo_net::Error> for PullError {
    fn from(e: gloo_net::Error) -> Self {
        Self::Network {
            detail: e.to_string(),
        }
    }
}

/// Pulls every lead changed since the stored cursor; returns how many arrived.
pub async fn pull_new_leads(store: &LeadStore) -> Result<usize, PullError> {
    let mut cursor = store.pull_cursor().await?;
    let mut pulled = 0;
    loop {
        let response = Request::get("/api/leads")
            .query([
                ("after", cursor.to_string()),
                ("limit", PAGE_SIZE.to_string()),
            ])
            .send()
            .await?;
        if !response.ok() {
            let status = response.status();
            let message = match response.json::<ErrorBody>().await {
                Ok(body) => body.message,
                Err(_) => response.status_text(),
            };
            return Err(PullError::Refused { status, message });
        }
        let page: LeadsPage = response.json().await?;
        if page.schema_version != SCHEMA_VERSION {
            return Err(PullError::SchemaMismatch {
                found: page.schema_version,
            });
        }
        store.save_pulled_page(&page).await?;
        pulled += page.leads.len();
        cursor = page.cursor;
        if !page.has_more {
            return Ok(pulled);
        }
    }
}
