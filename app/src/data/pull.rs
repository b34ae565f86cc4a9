//! Pulling changes from the worker into the local store, page by page from the stored
//! cursor (leads with their touches and stage history), so a pull interrupted by a lost
//! connection resumes where it stopped. The first download brings whole leads; later
//! pulls only the fields changed since the cursor, merged into the leads kept here.

use leadkit_shared::api::{LeadsPage, SCHEMA_VERSION};
use thiserror::Error;

use super::api::{self, ApiError};
use super::db::{FirstPull, LeadStore, StoreError};

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

impl From<ApiError> for PullError {
    fn from(e: ApiError) -> Self {
        match e {
            ApiError::Refused { status, body } => Self::Refused {
                status,
                message: body.message,
            },
            ApiError::Network { detail } | ApiError::Unreadable { detail } => {
                Self::Network { detail }
            }
        }
    }
}

/// Pulls every lead changed since the stored cursor; returns how many arrived. Until the
/// first download is complete, whole leads come, and `progress` hears after each page
/// how many of how many have arrived; after it, only changed fields.
pub async fn pull_new_leads(
    store: &LeadStore,
    progress: impl Fn(FirstPull),
) -> Result<usize, PullError> {
    let mut cursor = store.pull_cursor().await?;
    let mut first = store.first_pull().await?;
    let mut pulled = 0;
    loop {
        let delta = first.done;
        let page: LeadsPage = api::get(&format!(
            "/api/leads?after={cursor}&limit={PAGE_SIZE}&delta={delta}"
        ))
        .await?;
        if page.schema_version != SCHEMA_VERSION {
            return Err(PullError::SchemaMismatch {
                found: page.schema_version,
            });
        }
        if !first.done {
            first.total = first.total.or(page.total);
            first.received += page.leads.len() as u64;
            first.done = !page.has_more;
        }
        match store.save_pulled_page(&page, &first).await {
            Ok(()) => {}
            Err(StoreError::Delta { detail }) => {
                // This device lacks what the delta changes: download whole leads again.
                store.restart_pull().await?;
                return Err(PullError::Store(StoreError::Delta { detail }));
            }
            Err(e) => return Err(e.into()),
        }
        if !delta {
            progress(first);
        }
        pulled += page.leads.len() + page.deltas.len();
        cursor = page.cursor;
        if !page.has_more {
            return Ok(pulled);
        }
    }
}
