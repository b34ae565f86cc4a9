//! Wire types of the workspace's engine configuration (ICP personas, scoring model,
//! stage rules): the current version, a save, and the version history with what each
//! save changed and who made it.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::engine::{ConfigChange, EngineConfig};

/// `GET /api/engine-config` and the answer to a save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EngineConfigView {
    pub schema_version: u32,
    pub config: EngineConfig,
    /// 0 for the defaults (never saved), then 1, 2 … per save.
    pub version: u32,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub saved_at: Option<OffsetDateTime>,
    #[serde(default)]
    pub saved_by: Option<String>,
}

/// `PUT /api/engine-config`: a new configuration, saved only if the workspace's is still
/// `base_version` — two people editing at once cannot silently overwrite each other.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SaveEngineConfig {
    pub config: EngineConfig,
    pub base_version: u32,
    /// Why it changed ("MQL bar lowered after the Q4 review with sales").
    #[serde(default)]
    pub note: Option<String>,
}

/// Longest note kept with a saved version.
pub const MAX_CONFIG_NOTE_CHARS: usize = 500;

/// One saved version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EngineConfigVersion {
    pub version: u32,
    #[serde(with = "time::serde::rfc3339")]
    pub saved_at: OffsetDateTime,
    /// The user id of who saved it (`None` for an API token).
    #[serde(default)]
    pub saved_by: Option<String>,
    /// Their display name when saved.
    #[serde(default)]
    pub saved_by_name: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// What changed from the version before (the defaults, for version 1).
    pub changes: Vec<ConfigChange>,
}

/// `GET /api/engine-config/versions`: newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EngineConfigHistory {
    pub schema_version: u32,
    pub versions: Vec<EngineConfigVersion>,
}
