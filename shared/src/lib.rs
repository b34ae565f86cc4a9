//! leadkit's domain: the types that cross HTTP and IndexedDB, and every decision about a
//! lead, written once and run by both the app (wasm32, in the browser) and the worker
//! (wasm32, at the edge). Pure: no I/O and no clock; callers pass `now`.

pub mod api;
pub mod attribution;
pub mod auth;
pub mod capture;
pub mod csv_io;
#[cfg(feature = "demo")]
pub mod demo;
pub mod engine;
pub mod facts;
pub mod fair_capture;
pub mod fixtures;
pub mod forms;
pub mod handoff;
pub mod icp;
pub mod identity;
pub mod insights;
pub mod lead_update;
pub mod lead_view;
pub mod lifecycle;
mod mac;
pub mod model;
pub mod predicate;
pub mod predictive;
pub mod qualification;
pub mod scoring;
pub mod segments;
pub mod sync;
pub mod table;
pub mod text;
pub mod tracking;
pub mod validation;
pub mod webhooks;
pub mod whatif;

// Fuzz targets (tests only): see the module.
#[cfg(test)]
mod fuzz;
