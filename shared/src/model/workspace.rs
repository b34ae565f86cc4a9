//! A workspace: one team's leads, rules and people.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::WorkspaceId;

/// A team's workspace and the settings that are not rules of their own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    pub id: WorkspaceId,
    pub name: String,
    /// Engagement earned before this moment no longer counts (a "score reset", e.g. at
    /// the start of a fiscal year or after the scoring model changed).
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub score_reset_at: Option<OffsetDateTime>,
    /// Time zone offset the team works in, in minutes east of UTC (Seoul: 540); weeks
    /// and days in reports are cut in this zone.
    pub utc_offset_minutes: i16,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}
