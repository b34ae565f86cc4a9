//! The scoring model editor: engagement and negative rules, caps, decay, and each
//! stage's entry criteria with the MQL threshold on a slider, beside a what-if panel that
//! shows — before anything is saved — the score histogram, how many leads would enter
//! each stage per week and each rep's load against capacity.

mod decay;
pub mod edit;
mod histogram;
mod page;
mod profile;
mod rules;
mod stages;
pub mod text;
mod threshold;
mod whatif;
pub mod wiring;

pub use page::ScoringPage;
