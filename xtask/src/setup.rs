//! Installs what leadkit needs and the machine lacks, each step skipped when already
//! done: the wasm32 target, the pinned wasm-bindgen and worker-build CLIs, the npm tools
//! from package-lock.json, and (for tests) Debian's Chromium and chromedriver.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::cmd::{self, repo_root};

/// Must equal the `wasm-bindgen = "=…"` pin in Cargo.toml: the CLI reads what the
/// crate emits, and the two must match exactly.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
/// worker-build turns the worker crate into a module wrangler can serve.
pub const WORKER_BUILD_VERSION: &str = "0.8.7";

/// What a command needs installed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Building and serving.
    Dev,
    /// Building, serving and testing in a browser.
    All,
}

/// Installs whatever `needs` calls for and is missing.
pub fn run(needs: Needs) -> Result<()> {
    wasm32_target()?;
    cli_tool("wasm-bindgen-cli", WASM_BINDGEN_VERSION, "wasm-bindgen")?;
    cli_tool("worker-build", WORKER_BUILD_VERSION, "worker-build")?;
    npm_tools()?;
    if needs == Needs::All {
        chromium()?;
    }
    Ok(())
}

fn wasm32_target() -> Result<()> {
    let installed = cmd::output(Command::new("rustup").args(["target", "list", "--installed"]))
        .unwrap_or_default();
    if installed
        .lines()
        .any(|t| t.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    cmd::run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// Whether `bin --version` names exactly `version` (e.g. `wasm-bindgen 0.2.130` or `0.8.7`).
fn has_version(bin: &str, version: &str) -> bool {
    cmd::output(Command::new(bin).arg("--version"))
        .is_some_and(|out| out.split_whitespace().any(|word| word == version))
}

/// Installs a crates.io CLI at an exact version with the lock file committed in
/// tools/locks/, unless that version is already on PATH.
fn cli_tool(krate: &str, version: &str, bin: &str) -> Result<()> {
    if has_version(bin, version) {
        return Ok(());
    }
    let root = repo_root();
    cmd::run(
        Command::new("cargo")
            .args(["fetch", "--locked", "--manifest-path"])
            .arg(root.join("tools/sources/Cargo.toml")),
    )?;
    let source = registry_source(krate, version)?;
    let work = root
        .join("target/tool-src")
        .join(format!("{krate}-{version}"));
    if work.exists() {
        fs::remove_dir_all(&work)?;
    }
    fs::create_dir_all(&work)?;
    cmd::run(
        Command::new("cp")
            .arg("-r")
            .arg(source.join("."))
            .arg(&work),
    )?;
    fs::copy(
        root.join("tools/locks")
            .join(format!("{krate}-{version}.Cargo.lock")),
        work.join("Cargo.lock"),
    )?;
    cmd::run(
        Command::new("cargo")
            .args(["install", "--locked", "--force", "--path"])
            .arg(&work)
            .env("CARGO_TARGET_DIR", root.join("target/tool-build")),
    )?;
    if !has_version(bin, version) {
        bail!(
            "installed {krate} {version}, but `{bin} --version` does not report it: is ~/.cargo/bin on PATH?"
        );
    }
    Ok(())
}

/// Where `cargo fetch` unpacked a crate's source.
fn registry_source(krate: &str, version: &str) -> Result<PathBuf> {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .context("neither CARGO_HOME nor HOME is set")?;
    let registries = cargo_home.join("registry/src");
    for registry in
        fs::read_dir(&registries).with_context(|| format!("reading {}", registries.display()))?
    {
        let candidate = registry?.path().join(format!("{krate}-{version}"));
        if candidate.join("Cargo.toml").exists() {
            return Ok(candidate);
        }
    }
    bail!(
        "cargo fetch did not unpack {krate} {version} under {}",
        registries.display()
    )
}

/// `npm ci` when package-lock.json changed since the last install.
fn npm_tools() -> Result<()> {
    let root = repo_root();
    let lock = fs::read(root.join("package-lock.json")).context("reading package-lock.json")?;
    let stamp = root.join("node_modules/.leadkit-installed-lock");
    if fs::read(&stamp).is_ok_and(|installed| installed == lock) && cmd::node().exists() {
        return Ok(());
    }
    cmd::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&root),
    )?;
    fs::write(stamp, lock)?;
    Ok(())
}

/// Debian's Chromium and chromedriver for browser tests, never a downloaded browser.
fn chromium() -> Result<()> {
    if Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists() {
        return Ok(());
    }
    cmd::run(Command::new("apt-get").arg("update"))?;
    cmd::run(
        Command::new("apt-get")
            .args(["install", "-y", "chromium", "chromium-driver"])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinned_wasm_bindgen_matches_the_workspace_pin() {
        let manifest = fs::read_to_string(repo_root().join("Cargo.toml")).unwrap();
        let pin = format!("wasm-bindgen = \"={WASM_BINDGEN_VERSION}\"");
        assert!(manifest.contains(&pin), "Cargo.toml must pin {pin}");
        assert!(
            repo_root()
                .join(format!(
                    "tools/locks/wasm-bindgen-cli-{WASM_BINDGEN_VERSION}.Cargo.lock"
                ))
                .exists()
        );
        assert!(
            repo_root()
                .join(format!(
                    "tools/locks/worker-build-{WORKER_BUILD_VERSION}.Cargo.lock"
                ))
                .exists()
        );
    }
}
