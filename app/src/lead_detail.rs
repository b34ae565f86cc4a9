//! One lead: who they are, where they stand (stage, scores, owner), what they consented
//! to, everything they did and every stage they passed through, newest first — and, on
//! this device, why they score what they do, how they fit each persona, their
//! qualification checklist, colleagues, follow-up cadence and duplicates; a call, e-mail
//! or meeting is logged here (and from the handoff queue).

mod cadence;
pub mod checklist;
pub mod committee;
mod duplicates;
mod icp;
pub mod log_touch;
mod page;
mod score;
pub mod text;
mod timeline;

pub use log_touch::LogTouch;
pub use page::LeadDetailPage;
