//! What the lead page shows about one lead beyond its fields: every number with its
//! reasons at a moment, how near each persona it is, its colleagues on the buying
//! committee, its follow-up cadence, and its likely duplicates with what a merge would
//! keep. The app recomputes these on the device from the lead, its touches and the
//! cached engine configuration, so they show offline and right after a local change.

mod cadence;
mod checklist;
mod colleagues;
mod duplicates;
mod explanation;

pub use cadence::{Cadence, KindCount, cadence, cadence_template, stage_entered_at};
pub use checklist::set_checklist_item;
pub use colleagues::{colleagues, company_key};
pub use duplicates::{DuplicateCandidate, absorbed_into, duplicate_candidates, merge_preview};
pub use explanation::{DecaySummary, LeadExplanation, explain_lead};
