//! Fuzz targets for every entry point that reads untrusted bytes: capture bodies (each
//! content type), CSV import, sync pushes and the saved filter forms (segments,
//! predicates, lifecycle stage criteria). They are proptest properties rather than
//! cargo-fuzz targets because cargo-fuzz needs nightly and libFuzzer, which CI does not
//! have; structured generators plus byte mutations reach past the parsers' first
//! checks, which blind bytes rarely do.
//!
//! `cargo test` runs each target with [`DEFAULT_CASES`] cases (seconds in all);
//! `LEADKIT_FUZZ_CASES=200000 cargo test -p leadkit-shared fuzz::` (what
//! `cargo xtask reliability` runs) runs as many as asked. A crash found this way
//! becomes a named regression test in the target's module, with the minimal input.

mod capture_body;
#[cfg(feature = "cp949")]
mod csv_import;
mod filters;
mod mutate;
mod sync_push;

use proptest::test_runner::{Config, FileFailurePersistence};

/// The environment variable that sets how many cases each target runs.
pub(crate) const CASES_VAR: &str = "LEADKIT_FUZZ_CASES";

/// Cases per target in a plain `cargo test`: enough to catch a regression on the
/// beaten paths, small enough that the whole fuzz layer stays well under a minute on
/// two cores.
pub(crate) const DEFAULT_CASES: u32 = 256;

/// The proptest configuration of every target: [`CASES_VAR`] cases (else
/// [`DEFAULT_CASES`]), shrinking bounded so a failure in a long run still reports
/// quickly, and failing seeds kept beside the target so they replay first next time.
pub(crate) fn config() -> Config {
    let cases = std::env::var(CASES_VAR)
        .ok()
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|n| *n > 0)
        .unwrap_or(DEFAULT_CASES);
    Config {
        cases,
        max_shrink_iters: 4096,
        failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel(
            "proptest-regressions",
        ))),
        ..Config::default()
    }
}
