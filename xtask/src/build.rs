//! Builds what wrangler serves: the app (wasm32 → wasm-bindgen → dist/ with the static
//! files of public/) and the worker (worker-build → worker/build/).

use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};

use crate::cmd::{self, repo_root};
use crate::setup::{self, Needs};

/// Where the built app goes; wrangler.toml's `[assets] directory`.
pub const DIST: &str = "dist";

/// Builds app and worker in release mode.
pub fn run() -> Result<()> {
    setup::run(Needs::Dev)?;
    build_app()?;
    build_worker()
}

fn build_app() -> Result<()> {
    let root = repo_root();
    cmd::run(Command::new("cargo").args([
        "build",
        "--package",
        "leadkit-app",
        "--target",
        "wasm32-unknown-unknown",
        "--release",
    ]))?;
    let dist = root.join(DIST);
    if dist.exists() {
        fs::remove_dir_all(&dist)?;
    }
    copy_dir(&root.join("public"), &dist)?;
    cmd::run(
        Command::new("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--remove-name-section",
                "--remove-producers-section",
                "--out-dir",
            ])
            .arg(dist.join("pkg"))
            .arg(root.join("target/wasm32-unknown-unknown/release/leadkit_app.wasm")),
    )
}

fn build_worker() -> Result<()> {
    cmd::run(
        cmd::command("worker-build")
            .arg("--release")
            .current_dir(repo_root().join("worker")),
    )
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
