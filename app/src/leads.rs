//! The leads feature: the local store, the pull from the worker, and the list view.

pub mod list;
pub mod pull;
pub mod store;
