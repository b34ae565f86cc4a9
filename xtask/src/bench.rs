//! `cargo xtask bench`: runs the engine's criterion benchmarks (native, release profile)
//! in one go and prints each median, so figures compared in the README come from the
//! same run on the same machine.

use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};

use crate::cmd::{self, repo_root};

/// The benchmark targets of `leadkit-shared`, in the order they are reported.
const BENCHES: [&str; 7] = [
    "scoring",
    "icp",
    "lifecycle",
    "dedupe",
    "attribution",
    "predictive",
    "whatif",
];

/// Runs every benchmark with short warm-up and measurement times, then prints medians.
pub fn run() -> Result<()> {
    let root = repo_root();
    let criterion_dir = root.join("target/criterion");
    if criterion_dir.exists() {
        fs::remove_dir_all(&criterion_dir)?;
    }
    for bench in BENCHES {
        cmd::run(Command::new("cargo").args([
            "bench",
            "--package",
            "leadkit-shared",
            "--bench",
            bench,
            "--",
            "--warm-up-time",
            "1",
            "--measurement-time",
            "3",
        ]))?;
    }
    let mut rows = Vec::new();
    collect(&criterion_dir, &criterion_dir, &mut rows)?;
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let browser = browser_figures()?;
    println!("\n{:<60} {:>14}", "benchmark (native)", "median");
    for (name, nanos) in rows {
        println!("{name:<60} {:>14}", human(nanos));
    }
    println!(
        "\n{:<60} {:>14}",
        "benchmark (wasm32, headless Chromium)", "median"
    );
    for line in browser {
        println!("{line}");
    }
    Ok(())
}

/// Runs the engine in headless Chromium (release wasm) and returns its figure lines.
fn browser_figures() -> Result<Vec<String>> {
    let out = Command::new("cargo")
        .args([
            "test",
            "--package",
            "leadkit-app",
            "--target",
            "wasm32-unknown-unknown",
            "--release",
            "--features",
            "bench",
            "--test",
            "engine_bench",
            "--",
            "--nocapture",
        ])
        .output()
        .context("running the browser benchmark")?;
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        anyhow::bail!("the browser benchmark failed:\n{text}");
    }
    Ok(text
        .lines()
        .filter_map(|l| l.split_once("wasm bench: "))
        .map(|(_, figure)| {
            let (name, value) = figure
                .rsplit_once(' ')
                .map_or((figure, ""), |(n, unit)| (n, unit));
            let (name, number) = name.rsplit_once(' ').unwrap_or((name, ""));
            format!("{name:<60} {:>14}", format!("{number} {value}"))
        })
        .collect())
}

/// Finds every `new/estimates.json` below `dir` and reads its median.
fn collect(base: &Path, dir: &Path, rows: &mut Vec<(String, f64)>) -> Result<()> {
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            let estimates = path.join("new/estimates.json");
            if estimates.exists() {
                let text = fs::read_to_string(&estimates)?;
                let json: serde_json::Value = serde_json::from_str(&text)?;
                if let Some(median) = json["median"]["point_estimate"].as_f64() {
                    let name = path
                        .strip_prefix(base)
                        .unwrap_or(&path)
                        .display()
                        .to_string();
                    rows.push((name, median));
                }
            } else if path.file_name().is_some_and(|n| n != "report") {
                collect(base, &path, rows)?;
            }
        }
    }
    Ok(())
}

fn human(nanos: f64) -> String {
    if nanos >= 1e9 {
        format!("{:.2} s", nanos / 1e9)
    } else if nanos >= 1e6 {
        format!("{:.1} ms", nanos / 1e6)
    } else if nanos >= 1e3 {
        format!("{:.1} µs", nanos / 1e3)
    } else {
        format!("{nanos:.0} ns")
    }
}
