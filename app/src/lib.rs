//! leadkit's lead workspace: a Leptos app rendered in the browser. IndexedDB holds the
//! team's leads, so the app reads locally and only syncs over the network. One module
//! per view (`leads`, `lead_detail`, `capture`, `funnel`, `attribution`, `handoff`, `forms`,
//! `settings`, `icp`, `scoring` …), the frame in `shell`, the data in `data`, inline
//! SVG charts in `charts`, the engine configuration both editors share in `engine_config`.

pub mod app;
pub mod attribution;
pub mod auth;
pub mod capture;
pub mod charts;
pub mod clock;
pub mod data;
pub mod engine_config;
pub mod forms;
pub mod funnel;
pub mod handoff;
pub mod i18n;
pub mod icp;
pub mod import;
pub mod lead_detail;
pub mod leads;
pub mod picker;
pub mod scoring;
pub mod segments;
pub mod settings;
pub mod shell;
pub mod ui;

use wasm_bindgen::prelude::wasm_bindgen;

/// Entry point wasm-bindgen runs once the module loads.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
