//! What the app keeps of its predictive model on the device: the win probability it
//! applied to each lead, with when and how well the model did, so the lead table shows
//! a column and the attribution & predictive view can say where the numbers came from.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::lifecycle::FunnelLevel;

/// Win probabilities applied to the leads (an IndexedDB document).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WinProbabilities {
    pub schema_version: u32,
    /// When the model was trained.
    #[serde(with = "time::serde::rfc3339")]
    pub trained_at: OffsetDateTime,
    /// The level a lead had to reach to count as a win.
    pub win_level: FunnelLevel,
    /// The model's AUC on its held-out leads.
    pub auc: f64,
    /// Each scored lead's probability in whole percent, 1 to 99.
    pub percents: BTreeMap<Uuid, u8>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn probabilities_round_trip_with_lead_ids_as_keys() {
        let doc = WinProbabilities {
            schema_version: crate::api::SCHEMA_VERSION,
            trained_at: datetime!(2026-11-24 09:00 +9),
            win_level: FunnelLevel::Sql,
            auc: 0.81,
            percents: BTreeMap::from([(Uuid::from_u128(1), 42), (Uuid::from_u128(2), 7)]),
        };
        let json = serde_json::to_string(&doc).unwrap();
        assert!(
            json.contains(r#""00000000-0000-0000-0000-000000000001":42"#),
            "{json}"
        );
        assert!(json.contains(r#""win_level":"sql""#), "{json}");
        assert_eq!(
            serde_json::from_str::<WinProbabilities>(&json).unwrap(),
            doc
        );
    }
}
