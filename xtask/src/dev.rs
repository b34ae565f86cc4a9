//! `cargo xtask dev [--demo]`: the workspace on http://127.0.0.1:8787 — app and API from
//! one `wrangler dev` in workerd, over a local D1 kept in .wrangler/ (ignored by git).
//! With `--demo`, the demo account's workspace is filled with generated leads once the
//! worker answers (xtask/demo.mjs), so a newcomer sees every view alive.

use anyhow::{Context, Result, bail};

use crate::cmd;
use crate::setup::{self, Needs};

/// Where the local workspace is served.
const URL: &str = "http://127.0.0.1:8787";

/// Installs what is missing, migrates the local database and serves until stopped.
/// wrangler runs `cargo xtask build` itself (wrangler.toml `[build]`) and rebuilds on
/// changes.
pub fn run(args: &[String]) -> Result<()> {
    let demo = match args {
        [] => false,
        [flag] if flag == "--demo" => true,
        other => bail!("unknown arguments {other:?}; `cargo xtask dev [--demo]`"),
    };
    setup::run(Needs::Dev)?;
    // CI=true answers wrangler's "apply N migrations?" prompt: local data only.
    cmd::run(
        cmd::wrangler()
            .args(["d1", "migrations", "apply", "leadkit", "--local"])
            .env("CI", "true"),
    )?;
    eprintln!("leadkit: serving on {URL} (Ctrl-C stops)");
    let mut wrangler = cmd::wrangler();
    wrangler.args([
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
    ]);
    if !demo {
        return cmd::run(&mut wrangler);
    }
    let mut server = wrangler.spawn().context("starting wrangler dev")?;
    let filled = cmd::run(
        cmd::command(cmd::node())
            .arg(cmd::repo_root().join("xtask/demo.mjs"))
            .arg(URL),
    );
    if let Err(e) = filled {
        eprintln!("leadkit: the demo could not be filled: {e:#}");
    }
    let status = server.wait().context("waiting for wrangler dev")?;
    if !status.success() {
        bail!("wrangler dev exited with {status}");
    }
    Ok(())
}
