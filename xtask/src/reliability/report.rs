//! The reliability summary: one row per target, as a terminal table and as
//! RELIABILITY.md with the date, the machine (cores, CPU model) and the versions.

use std::fmt::Write as _;
use std::fs;
use std::process::Command;

use crate::cmd;

/// One target's result.
pub struct Row {
    /// The fuzz target or node file.
    pub target: String,
    /// How many cases ran, in words ("20000 × 7 tests", "3 tests").
    pub cases: String,
    /// Crashes (fuzz) or failed tests (node).
    pub failures: usize,
    /// Whether anything ran at all (a filter that matched nothing is a failure too).
    pub ran: bool,
    pub seconds: f64,
}

/// The rows as a plain-text table.
pub fn table(rows: &[Row]) -> String {
    let mut out = format!(
        "{:<52} {:>22} {:>9} {:>9}\n",
        "target", "cases", "failures", "time"
    );
    for r in rows {
        let failures = if r.ran {
            r.failures.to_string()
        } else {
            "none ran".into()
        };
        let _ = writeln!(
            out,
            "{:<52} {:>22} {:>9} {:>8.1}s",
            r.target, r.cases, failures, r.seconds
        );
    }
    out
}

/// RELIABILITY.md: what ran, on what, with which versions.
pub fn markdown(rows: &[Row], cases: u32) -> String {
    let first_line = |c: &mut Command| {
        cmd::output(c)
            .and_then(|o| o.lines().next().map(str::to_owned))
            .unwrap_or_else(|| "unknown".into())
    };
    let date = first_line(Command::new("date").args(["-u", "+%Y-%m-%d %H:%M UTC"]));
    let cores = first_line(&mut Command::new("nproc"));
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".into());
    let rustc = first_line(Command::new("rustc").arg("--version"));
    let node = first_line(Command::new(cmd::node()).arg("--version"));
    let wrangler = fs::read_to_string(cmd::repo_root().join("node_modules/wrangler/package.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v["version"].as_str().map(str::to_owned))
        .unwrap_or_else(|| "unknown".into());
    let mut md = String::from(
        "# Reliability\n\nWritten by `cargo xtask reliability`: the shared fuzz targets \
         (proptest, `leadkit_shared::fuzz`, optimised with overflow checks), the \
         malformed-request corpus against `wrangler dev` (tests/malformed.test.mjs) and \
         every node:test file in tests/reliability/.\n\n",
    );
    let _ = writeln!(md, "- date: {date}");
    let _ = writeln!(md, "- machine: {cores} cores, {cpu}");
    let _ = writeln!(md, "- versions: {rustc}; node {node}; wrangler {wrangler}");
    let _ = writeln!(md, "- fuzz cases per property: {cases}\n");
    md.push_str("| target | cases | failures | time |\n|---|---:|---:|---:|\n");
    for r in rows {
        let failures = if r.ran {
            r.failures.to_string()
        } else {
            "none ran".into()
        };
        let _ = writeln!(
            md,
            "| {} | {} | {} | {:.1} s |",
            r.target, r.cases, failures, r.seconds
        );
    }
    md
}
