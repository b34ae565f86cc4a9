//! `cargo xtask test`: every test layer in order, cheapest first, stopping at the first
//! failure. Each layer's own runner prints its summary; a table of layers closes the run.

use std::process::Command;
use std::time::Instant;

use anyhow::{Result, bail};

use crate::cmd;
use crate::setup::{self, Needs};

/// One layer: a name for the summary and the command that runs it.
struct Layer {
    name: &'static str,
    command: Command,
}

fn cargo(args: &[&str]) -> Command {
    let mut command = cmd::command("cargo");
    command.args(args);
    command
}

fn layers() -> Vec<Layer> {
    let mut node_tests = cmd::command(cmd::node());
    node_tests.args([
        "--disable-warning=ExperimentalWarning",
        "--test",
        "--test-concurrency=1",
        "tests/*.test.mjs",
    ]);
    let mut build = cmd::command(std::env::current_exe().unwrap_or_else(|_| "cargo".into()));
    build.arg("build");
    vec![
        Layer {
            name: "format (cargo fmt --check)",
            command: cargo(&["fmt", "--all", "--check"]),
        },
        Layer {
            name: "lint native (clippy)",
            command: cargo(&[
                "clippy",
                "--package",
                "leadkit-shared",
                "--package",
                "xtask",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
        },
        Layer {
            name: "lint wasm32 (clippy)",
            command: cargo(&[
                "clippy",
                "--package",
                "leadkit-app",
                "--package",
                "leadkit-worker",
                "--target",
                "wasm32-unknown-unknown",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
        },
        Layer {
            name: "unit + property tests (native)",
            command: cargo(&["test", "--package", "leadkit-shared", "--package", "xtask"]),
        },
        // The app builds shared without its default features (no public suffix list, no
        // encoding_rs, no demo generator): its fallbacks are tested as it gets them.
        Layer {
            name: "shared as the app builds it (no default features)",
            command: cargo(&[
                "test",
                "--package",
                "leadkit-shared",
                "--no-default-features",
                "--lib",
            ]),
        },
        Layer {
            name: "build app + worker (release)",
            command: build,
        },
        Layer {
            name: "app in headless Chromium (wasm-bindgen-test)",
            command: cargo(&[
                "test",
                "--package",
                "leadkit-app",
                "--target",
                "wasm32-unknown-unknown",
            ]),
        },
        Layer {
            name: "HTTP + end-to-end (wrangler dev, Playwright)",
            command: node_tests,
        },
    ]
}

/// Installs what is missing, then runs every layer.
pub fn run() -> Result<()> {
    setup::run(Needs::All)?;
    let mut results: Vec<(&str, bool, f64)> = Vec::new();
    for mut layer in layers() {
        eprintln!("\n=== {} ===", layer.name);
        let started = Instant::now();
        let passed = cmd::run(&mut layer.command).is_ok();
        results.push((layer.name, passed, started.elapsed().as_secs_f64()));
        if !passed {
            break;
        }
    }
    eprintln!("\nlayer results:");
    for (name, passed, seconds) in &results {
        eprintln!(
            "  {:<48} {:>6} {seconds:>7.1} s",
            name,
            if *passed { "ok" } else { "FAILED" }
        );
    }
    let failed = results.iter().filter(|r| !r.1).count();
    let passed = results.len() - failed;
    println!("layers: {passed} passed, {failed} failed");
    if failed > 0 || results.len() < layers().len() {
        bail!("a test layer failed");
    }
    Ok(())
}
