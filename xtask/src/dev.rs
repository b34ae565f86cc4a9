//! `cargo xtask dev`: the workspace on http://127.0.0.1:8787 — app and API from one
//! `wrangler dev` in workerd, over a local D1 kept in .wrangler/ (ignored by git).

use anyhow::Result;

use crate::cmd;
use crate::setup::{self, Needs};

/// Installs what is missing, migrates the local database and serves until stopped.
/// wrangler runs `cargo xtask build` itself (wrangler.toml `[build]`) and rebuilds on
/// changes.
pub fn run() -> Result<()> {
    setup::run(Needs::Dev)?;
    // CI=true answers wrangler's "apply N migrations?" prompt: local data only.
    cmd::run(
        cmd::wrangler()
            .args(["d1", "migrations", "apply", "leadkit", "--local"])
            .env("CI", "true"),
    )?;
    eprintln!("leadkit: serving on http://127.0.0.1:8787 (Ctrl-C stops)");
    cmd::run(cmd::wrangler().args([
        "dev",
        "--local",
        "--ip",
        "127.0.0.1",
        "--port",
        "8787",
        "--show-interactive-dev-session=false",
        // Accept links of invitations go to this terminal (off in wrangler.toml, which
        // deploys).
        "--var",
        "LOG_INVITE_LINKS:true",
    ]))
}
