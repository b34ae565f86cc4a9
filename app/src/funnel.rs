//! The funnel dashboard (`/funnel`): stage counts with conversion and time between
//! levels, step-time histogram, weekly flow, capture cohorts, and sales' accept/reject
//! rates by source, campaign or persona, over the last 4, 12 or 26 weeks.

mod cohorts;
mod data;
mod feedback;
mod feedback_report;
mod flow;
mod levels;
mod now;
mod page;
pub mod text;
mod times;

pub use data::stage_history;
pub use flow::stage_class;
pub use page::FunnelPage;
