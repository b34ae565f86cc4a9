//! The leads feature: the local store, the pull from the worker, the list view and the
//! workspace view that ties them together.

pub mod list;
pub mod pull;
pub mod store;
pub mod workspace;
