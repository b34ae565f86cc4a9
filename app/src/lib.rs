//! leadkit's lead workspace: a Leptos app rendered in the browser. IndexedDB holds the
//! team's leads, so the app reads locally and only syncs over the network. One module
//! per view (`leads`, `lead_detail`, `icp`, `scoring` …), the frame in `shell`, the data
//! in `data`, the engine configuration both editors share in `engine_config`.

pub mod app;
pub mod auth;
pub mod data;
pub mod engine_config;
pub mod i18n;
pub mod icp;
pub mod lead_detail;
pub mod leads;
pub mod scoring;
pub mod shell;

use wasm_bindgen::prelude::wasm_bindgen;

/// Entry point wasm-bindgen runs once the module loads.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
