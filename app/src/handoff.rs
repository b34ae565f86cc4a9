//! The handoff queue: for a rep, the leads handed to them today with a live SLA clock,
//! to accept or reject with a reason; for a manager, how deep the queue is, why leads
//! wait, and each rep's load against capacity. Every decision is the worker's (through
//! `leadkit_shared::handoff`); this view asks, shows and answers.

mod answer;
mod answered;
pub mod countdown;
pub mod load_chart;
mod my_leads;
mod page;
mod rep_loads;
mod team;
pub mod text;

pub use page::HandoffPage;
