//! Attribution & predictive (`/attribution`): credit for conversions by channel and
//! campaign under a model the user picks (first/last/linear/U/W/time decay), and a
//! win-probability model trained in the browser on the device's history, evaluated on
//! held-out leads and applied to the lead table as a column.

mod credit;
mod credit_block;
mod page;
mod predictive;
pub mod probabilities;
mod report;
pub mod text;
pub mod trainer;

pub use page::AttributionPage;
pub use probabilities::{WinProbabilityColumn, provide_win_probabilities, use_win_probabilities};
