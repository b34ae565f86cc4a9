//! Saved segments as `/api/segments` sends them and the app caches them.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::segments::Segment;

/// One saved segment with who saved it when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentRecord {
    /// Chosen by the client that created it (`PUT /api/segments/:id`).
    pub id: Uuid,
    pub segment: Segment,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    /// The user who saved it last; `None` when an API token did.
    #[serde(default)]
    pub updated_by: Option<String>,
}

/// `GET /api/segments`: the workspace's segments, by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentList {
    pub schema_version: u32,
    pub segments: Vec<SegmentRecord>,
}
