//! Multi-touch attribution: which touches — of every person at the account, since a B2B
//! purchase is decided by about ten of them — earned a won deal's revenue. Credits are
//! integer minor units of the deal's currency and add up to its amount exactly.

mod allocate;
mod model;
mod report;

pub use allocate::allocate_exactly;
pub use model::{
    AttributionConfig, AttributionError, AttributionModel, OpportunityAttribution, TouchCredit,
    attribute,
};
pub use report::{AttributionReport, CreditTotals};
