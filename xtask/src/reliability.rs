//! `cargo xtask reliability`: the reliability suite in one command. It runs (a) the
//! shared fuzz targets (`leadkit_shared::fuzz`, proptest) with a large case count,
//! optimised but with overflow checks on; (b) the malformed-request corpus,
//! tests/malformed.test.mjs, against the real worker; (c) every node:test file in
//! tests/reliability/ (load with a kill, XSS …), whatever is there. A table of target,
//! cases, failures and time closes the run and is written to RELIABILITY.md with the
//! machine and versions. CI runs only the short forms: the fuzz targets at their default
//! case count inside `cargo test`, the corpus in the normal node layer.

mod report;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::cmd;
use crate::setup::{self, Needs};
use report::Row;

/// Cases per fuzz property when `--cases` is not given: a few minutes of fuzzing on two
/// shared cores (50,000 took 2.5 minutes).
const DEFAULT_CASES: u32 = 100_000;

/// The shared fuzz targets, by module under `leadkit_shared::fuzz`.
const FUZZ_TARGETS: [(&str, &str); 4] = [
    ("capture_body", "fuzz: capture bodies (every content type)"),
    ("csv_import", "fuzz: CSV import"),
    ("sync_push", "fuzz: sync push decoding + apply"),
    ("filters", "fuzz: segment / predicate / stage-rule filters"),
];

/// Runs the suite; `args` may carry `--cases N`.
pub fn run(args: &[String]) -> Result<()> {
    let cases = cases_arg(args)?;
    setup::run(Needs::All)?;
    crate::build::run()?;
    // Built first, so a target's time is its fuzzing alone.
    cmd::run(cmd::command("cargo").args([
        "test",
        "--package",
        "leadkit-shared",
        "--profile",
        "fuzz",
        "--lib",
        "--no-run",
    ]))?;
    let mut rows = Vec::new();
    for (module, name) in FUZZ_TARGETS {
        rows.push(fuzz_target(module, name, cases)?);
    }
    for file in node_files()? {
        rows.push(node_file(&file)?);
    }
    let table = report::table(&rows);
    println!("\n{table}");
    let path = cmd::repo_root().join("RELIABILITY.md");
    std::fs::write(&path, report::markdown(&rows, cases))
        .with_context(|| format!("could not write {}", path.display()))?;
    eprintln!("written to {}", path.display());
    let failed: Vec<&str> = rows
        .iter()
        .filter(|r| r.failures > 0 || !r.ran)
        .map(|r| r.target.as_str())
        .collect();
    if !failed.is_empty() {
        bail!("reliability failures in: {}", failed.join(", "));
    }
    Ok(())
}

fn cases_arg(args: &[String]) -> Result<u32> {
    match args {
        [] => Ok(DEFAULT_CASES),
        [flag, n] if flag == "--cases" => n
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .with_context(|| format!("--cases wants a positive whole number, not {n:?}")),
        other => bail!("usage: cargo xtask reliability [--cases N]; got {other:?}"),
    }
}

/// One fuzz target's properties, `cases` cases each, in the `fuzz` profile.
fn fuzz_target(module: &str, name: &str, cases: u32) -> Result<Row> {
    let mut command = cmd::command("cargo");
    command
        .args(["test", "--package", "leadkit-shared", "--profile", "fuzz"])
        .args([
            "--lib",
            &format!("fuzz::{module}::"),
            "--",
            "--test-threads=2",
        ])
        .env("LEADKIT_FUZZ_CASES", cases.to_string());
    let run = streamed(command)?;
    let passed = count_lines(&run.lines, |l| l.starts_with("test ") && l.ends_with(" ok"));
    let failed = count_lines(&run.lines, |l| {
        l.starts_with("test ") && l.ends_with("FAILED")
    });
    Ok(Row {
        target: name.to_owned(),
        cases: format!("{cases} × {} tests", passed + failed),
        failures: failed.max(usize::from(!run.success && failed == 0)),
        ran: passed + failed > 0,
        seconds: run.seconds,
    })
}

/// The malformed-request corpus, then each tests/reliability/*.mjs file, by name.
fn node_files() -> Result<Vec<PathBuf>> {
    let root = cmd::repo_root();
    let mut files = vec![root.join("tests/malformed.test.mjs")];
    let dir = root.join("tests/reliability");
    if dir.is_dir() {
        let mut more: Vec<PathBuf> = std::fs::read_dir(&dir)
            .with_context(|| format!("could not list {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "mjs"))
            .collect();
        more.sort();
        files.extend(more);
    }
    Ok(files)
}

/// One node:test file with the TAP reporter, whose closing `# pass` / `# fail` lines
/// give the counts.
fn node_file(file: &Path) -> Result<Row> {
    let root = cmd::repo_root();
    let shown = file
        .strip_prefix(&root)
        .unwrap_or(file)
        .display()
        .to_string();
    let mut command = cmd::command(cmd::node());
    command.args([
        "--disable-warning=ExperimentalWarning",
        "--test",
        "--test-concurrency=1",
        "--test-reporter=tap",
    ]);
    command.arg(file);
    let run = streamed(command)?;
    let summary = |key: &str| {
        run.lines.iter().rev().find_map(|l| {
            l.strip_prefix(key)
                .and_then(|n| n.trim().parse::<usize>().ok())
        })
    };
    let tests = summary("# tests ").unwrap_or(0);
    let failed = summary("# fail ").unwrap_or(usize::from(!run.success));
    Ok(Row {
        target: shown,
        cases: format!("{tests} tests"),
        failures: failed.max(usize::from(!run.success && failed == 0)),
        ran: tests > 0,
        seconds: run.seconds,
    })
}

/// What a streamed command printed and how it ended.
struct Run {
    lines: Vec<String>,
    success: bool,
    seconds: f64,
}

/// Runs `command`, echoing its standard output line by line as it comes (a long fuzz
/// run shows progress) and keeping it for the counts; standard error passes through.
fn streamed(mut command: Command) -> Result<Run> {
    eprintln!("$ {command:?}");
    let started = Instant::now();
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| format!("could not start {command:?}"))?;
    let mut lines = Vec::new();
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines() {
            let line = line.unwrap_or_default();
            println!("{line}");
            lines.push(line);
        }
    }
    let status = child.wait()?;
    Ok(Run {
        lines,
        success: status.success(),
        seconds: started.elapsed().as_secs_f64(),
    })
}

fn count_lines(lines: &[String], keep: impl Fn(&str) -> bool) -> usize {
    lines.iter().filter(|l| keep(l.trim())).count()
}
