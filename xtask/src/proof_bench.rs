//! `cargo xtask proof-bench`: leadkit side by side with real peers in one run, written
//! to BENCHMARKS.md — the engine vs json-rules-engine and the app's IndexedDB store vs
//! Dexie.js in the same headless Chromium page, the capture endpoint vs an empty worker
//! under autocannon, the predictive trainer vs scikit-learn, the sizes, and Lighthouse.
//! Installs what it needs (npm peers from package-lock.json, scikit-learn into a venv
//! under target/). Reports medians and ratios; asserts nothing about time. CI does not
//! run it.
//!
//! `PROOF_BENCH_LEADS` (default 100000), `PROOF_BENCH_RUNS` (default 5) and
//! `PROOF_BENCH_CAPTURE_SECONDS` (default 10) make a quick check of the harness possible.

mod machine;
mod python;
mod report;

use std::fs;
use std::process::Command;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::cmd::{self, repo_root};
use crate::sizes::Sizes;
use crate::{build, setup};

/// Where the run keeps its exports (CSV for scikit-learn) and the Python venv.
const WORK_DIR: &str = "target/proof-bench";

/// How big and how often: read from the environment once.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub leads: usize,
    pub runs: usize,
    pub capture_seconds: u32,
}

impl Settings {
    fn from_env() -> Result<Self> {
        let read = |name: &str, default: usize| -> Result<usize> {
            std::env::var(name).ok().map_or(Ok(default), |v| {
                v.parse().with_context(|| format!("{name}={v}"))
            })
        };
        Ok(Self {
            leads: read("PROOF_BENCH_LEADS", 100_000)?,
            runs: read("PROOF_BENCH_RUNS", 5)?.max(1),
            capture_seconds: u32::try_from(read("PROOF_BENCH_CAPTURE_SECONDS", 10)?)?,
        })
    }
}

/// Every figure of the run, as the `proof: {json}` lines the parts print.
#[derive(Debug, Default)]
pub struct Figures {
    pub lines: Vec<Value>,
}

impl Figures {
    /// The figure named `name`, or `null` when that part printed none.
    pub fn get(&self, name: &str) -> &Value {
        self.lines
            .iter()
            .find(|v| v["figure"] == name)
            .unwrap_or(&Value::Null)
    }

    fn take(&mut self, output: &str) {
        self.lines.extend(
            output
                .lines()
                .filter_map(|l| l.split_once("proof: "))
                .filter_map(|(_, json)| serde_json::from_str(json).ok()),
        );
    }
}

/// Runs everything and writes BENCHMARKS.md.
pub fn run() -> Result<()> {
    let settings = Settings::from_env()?;
    let root = repo_root();
    let work = root.join(WORK_DIR);
    fs::create_dir_all(&work)?;
    setup::run(setup::Needs::All)?;
    let python = python::install(&work)?;
    bundle_peers()?;
    build::run()?;
    let before = machine::load_average();
    let mut figures = Figures::default();

    eprintln!("proof-bench: native (release)");
    figures.take(&capture(
        Command::new("cargo")
            .args(["run", "--quiet", "--release", "--package", "xtask"])
            .args(["--bin", "proof_native", "--"])
            .arg(&work)
            .arg(settings.leads.to_string())
            .arg(settings.runs.to_string()),
    )?);
    let l2 = figures.get("training_native")["l2"]
        .as_f64()
        .context("the native run printed no training figure")?;

    eprintln!("proof-bench: scikit-learn");
    figures.take(&capture(
        Command::new(&python)
            .arg(root.join("tests/proof/sklearn_train.py"))
            .arg(&work)
            .arg(settings.runs.to_string())
            .arg(l2.to_string()),
    )?);

    eprintln!("proof-bench: headless Chromium (wasm beside json-rules-engine and Dexie.js)");
    figures.take(&capture(
        Command::new("cargo")
            .args(["test", "--package", "leadkit-app", "--target"])
            .args(["wasm32-unknown-unknown", "--release", "--features", "bench"])
            .args(["--test", "proof_bench", "--", "--nocapture"])
            .env("PROOF_BENCH_LEADS", settings.leads.to_string())
            .env("PROOF_BENCH_RUNS", settings.runs.to_string())
            // json-rules-engine takes minutes over 100k leads; the runner's default
            // timeout would cut it off.
            .env("WASM_BINDGEN_TEST_TIMEOUT", "7200"),
    )?);

    eprintln!("proof-bench: capture endpoint (autocannon)");
    figures.take(&capture(
        cmd::command(cmd::node())
            .arg(root.join("tests/proof/capture.mjs"))
            .env("PROOF_BENCH_RUNS", settings.runs.min(3).to_string())
            .env(
                "PROOF_BENCH_CAPTURE_SECONDS",
                settings.capture_seconds.to_string(),
            ),
    )?);

    eprintln!("proof-bench: Lighthouse");
    figures.take(&capture(
        cmd::command(cmd::node()).arg(root.join("tests/proof/lighthouse.mjs")),
    )?);

    let sizes = Sizes::measure()?;
    let after = machine::load_average();
    let machine = machine::Machine::read(&python, &before, &after);
    let text = report::markdown(&settings, &machine, &figures, &sizes);
    let path = root.join("BENCHMARKS.md");
    fs::write(&path, &text).with_context(|| format!("writing {}", path.display()))?;
    println!("{text}");
    eprintln!("proof-bench: wrote {}", path.display());
    Ok(())
}

/// Bundles tests/proof/peers.mjs (json-rules-engine, Dexie.js and their glue) into the
/// one ES module the browser test imports, with wrangler's esbuild.
fn bundle_peers() -> Result<()> {
    let root = repo_root();
    cmd::run(
        Command::new(root.join("node_modules/.bin/esbuild"))
            .arg(root.join("tests/proof/peers.mjs"))
            .args([
                "--bundle",
                "--format=esm",
                "--platform=browser",
                "--log-level=warning",
            ])
            .arg(format!(
                "--outfile={}",
                root.join("app/tests/proof/peers.js").display()
            )),
    )
}

/// Runs a command and returns what it printed (standard output, then standard error:
/// the browser runner prints the console on either), echoed as well.
fn capture(command: &mut Command) -> Result<String> {
    eprintln!("$ {command:?}");
    let out = command
        .output()
        .with_context(|| format!("could not start {command:?}"))?;
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    eprint!("{text}");
    if !out.status.success() {
        bail!("{command:?} failed with {}", out.status);
    }
    Ok(text)
}
