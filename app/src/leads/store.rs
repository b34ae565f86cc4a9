//! The app's IndexedDB: its source of truth for leads. The UI reads from here; pulls
//! write here, each page together with the cursor it advances, in one transaction.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use leadkit_shared::api::LeadRecord;
use thiserror::Error;

/// What every workspace's database name starts with.
pub const DB_NAME: &str = "leadkit";
/// The database of one workspace, shared by every tab of the app. A database per
/// workspace keeps one account's leads out of another's view on a shared device.
pub fn database_name(workspace_id: &str) -> String {
    format!("{DB_NAME}-{workspace_id}")
}

/// Schema version; each bump adds a step to [`upgrade`].
const DB_VERSION: u32 = 1;
const LEADS: &str = "leads";
const META: &str = "meta";
const PULL_CURSOR_KEY: &str = "pull_cursor";

/// A failure of the local database.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The database could not be opened or upgraded (private mode, quota, blocked).
    #[error("could not open the local database: {detail}")]
    Open { detail: String },
    /// A read or write failed; nothing of that transaction was kept.
    #[error("the local database failed: {detail}")]
    Io { detail: String },
}

impl From<indexed_db_futures::error::Error> for StoreError {
    fn from(e: indexed_db_futures::error::Error) -> Self {
        Self::Io {
            detail: e.to_string(),
        }
    }
}

/// An open handle on the app's database.
pub struct LeadStore {
    db: Database,
}

impl LeadStore {
    /// Opens (creating or upgrading) the database called `name`.
    pub async fn open(name: &str) -> Result<Self, StoreError> {
        let db = Database::open(name)
            .with_version(DB_VERSION)
            .with_on_upgrade_needed(|event, db| upgrade(event.old_version(), &db))
            .await
            .map_err(|e| StoreError::Open {
                detail: e.to_string(),
            })?;
        Ok(Self { db })
    }

    /// Saves pulled leads and the cursor after them atomically, so a pull interrupted
    /// between pages resumes where it stopped and never skips a lead.
    pub async fn save_pulled(&self, leads: &[LeadRecord], cursor: u64) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction([LEADS, META])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let lead_store = tx.object_store(LEADS)?;
        for lead in leads {
            lead_store.put(lead).serde()?.await?;
        }
        tx.object_store(META)?
            .put(cursor as f64)
            .with_key(PULL_CURSOR_KEY)
            .primitive()?
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every stored lead, in key order.
    pub async fn all_leads(&self) -> Result<Vec<LeadRecord>, StoreError> {
        let tx = self.db.transaction(LEADS).build()?;
        let leads: Vec<LeadRecord> = tx
            .object_store(LEADS)?
            .get_all()
            .serde()?
            .await?
            .collect::<Result<_, _>>()?;
        Ok(leads)
    }

    /// The `seq` of the last lead pulled; 0 before the first pull.
    pub async fn pull_cursor(&self) -> Result<u64, StoreError> {
        let tx = self.db.transaction(META).build()?;
        let cursor: Option<f64> = tx
            .object_store(META)?
            .get(PULL_CURSOR_KEY)
            .primitive()?
            .await?;
        Ok(cursor.map_or(0, |c| c as u64))
    }

    /// Closes the connection, letting another open upgrade or delete the database.
    pub fn close(self) {
        self.db.close();
    }
}

/// Creates the stores a database of an older version lacks.
fn upgrade(old_version: f64, db: &Database) -> indexed_db_futures::Result<()> {
    if old_version < 1.0 {
        db.create_object_store(LEADS)
            .with_key_path("id".into())
            .build()?;
        db.create_object_store(META).build()?;
    }
    Ok(())
}
