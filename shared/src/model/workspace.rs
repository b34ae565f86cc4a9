//! A workspace: one team's leads, rules and people.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::WorkspaceId;

/// A team's workspace and the settings that are not rules of their own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    pub id: WorkspaceId,
    pub name: String,
    /// Time zone offset the team works in, in minutes east of UTC (Seoul: 540); weeks
    /// and days in reports are cut in this zone, and the scoring model's caps use it
    /// (`ScoringModel::utc_offset_minutes` is set from here). The score reset lives in
    /// the scoring model (`ScoringModel::reset_at`), which is versioned with the rules.
    pub utc_offset_minutes: i16,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}
