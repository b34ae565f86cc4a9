//! The segments view: saved nested AND/OR segments shared by the team, their live
//! counts over the local leads, and a message template per segment with a per-lead
//! preview. The leads view uses the same saved segments as a filter and to add leads
//! by hand.

mod condition;
mod editor;
mod group;
mod page;
pub mod saved;
mod template;
pub mod text;
pub mod tree;

pub use page::SegmentsPage;
pub use saved::{SavedSegments, provide_segments, use_segments};
