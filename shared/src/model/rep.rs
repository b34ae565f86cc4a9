//! Reps: the salespeople handed-off leads go to, with how many they can take.

use serde::{Deserialize, Serialize};

use super::RepId;

/// A salesperson and their capacity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rep {
    pub id: RepId,
    pub name: String,
    pub email: String,
    /// New leads the rep can take per working day.
    pub capacity_per_day: u32,
    /// New leads per week (may be less than 5 × the daily figure).
    pub capacity_per_week: u32,
    /// Territories (countries or regions) the rep covers; empty means all.
    #[serde(default)]
    pub territories: Vec<String>,
    /// Segment names the rep covers (`enterprise`, `smb`); empty means all.
    #[serde(default)]
    pub segments: Vec<String>,
    /// Inactive reps (on leave, gone) get no new leads.
    pub active: bool,
}
