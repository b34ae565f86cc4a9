//! leadkit's build, run and test entry point. Each command first installs what is
//! missing (idempotently), so a fresh machine needs nothing but cargo:
//!
//! - `cargo xtask dev`: build app and worker, migrate the local D1, serve on 127.0.0.1:8787
//! - `cargo xtask test`: every test layer, from formatting to the browser end-to-end test
//! - `cargo xtask build`: the app into dist/ and the worker into worker/build/
//! - `cargo xtask sizes`: gzipped sizes of what a browser and Cloudflare download
//! - `cargo xtask bench`: the engine's benchmarks, medians in one table
//! - `cargo xtask load`: 2,000 submissions at concurrency 20 against `wrangler dev`
//! - `cargo xtask bench-sync`: bytes and time of pulling 100,000 leads, then a delta
//! - `cargo xtask bench-table`: time to the first lead table with 100k leads on the device
//! - `cargo xtask proof-bench`: side by side with real peers, written to BENCHMARKS.md
//! - `cargo xtask reliability`: long fuzz runs, the malformed-request corpus and
//!   tests/reliability/, written to RELIABILITY.md
//! - `cargo xtask setup`: only the installs

mod bench;
mod build;
mod cmd;
mod dev;
mod proof_bench;
mod reliability;
mod setup;
mod shell;
mod sizes;
mod test;

use anyhow::{Result, bail};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = cmd::repo_root();
    std::env::set_current_dir(&root)?;
    match args.first().map(String::as_str) {
        Some("dev") => dev::run(&args[1..]),
        Some("test") => test::run(),
        Some("build") => build::run(),
        Some("sizes") => sizes::run(),
        Some("bench") => bench::run(),
        Some("load") => node_script("tests/load/capture.mjs"),
        Some("bench-sync") => node_script("tests/load/sync-pull.mjs"),
        Some("bench-table") => node_script("tests/load/first-table.mjs"),
        Some("proof-bench") => proof_bench::run(),
        Some("reliability") => reliability::run(&args[1..]),
        Some("setup") => setup::run(setup::Needs::All),
        other => {
            bail!(
                "unknown command {other:?}; use one of: dev, test, build, sizes, bench, bench-sync, bench-table, load, proof-bench, reliability, setup"
            )
        }
    }
}

/// Builds, then runs a figure-printing script of tests/load/ (a benchmark against the
/// real worker and Chromium, not a test) with the pinned Node.
fn node_script(script: &str) -> Result<()> {
    setup::run(setup::Needs::All)?;
    build::run()?;
    cmd::run(
        cmd::command(cmd::node())
            .arg("--disable-warning=ExperimentalWarning")
            .arg(script),
    )
}
