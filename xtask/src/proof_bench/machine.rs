//! What the figures were taken on: date, cores, CPU model, memory, load, and the
//! version of every program and peer library that took part.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::cmd::{self, repo_root};

/// The machine and the versions, as shown at the top of BENCHMARKS.md.
#[derive(Debug)]
pub struct Machine {
    pub date: String,
    pub cores: String,
    pub cpu: String,
    pub memory: String,
    pub load_before: String,
    pub load_after: String,
    pub versions: Vec<(&'static str, String)>,
}

/// The npm peers (and tools) whose versions are reported.
const NPM_PACKAGES: [&str; 6] = [
    "json-rules-engine",
    "dexie",
    "autocannon",
    "lighthouse",
    "wrangler",
    "playwright-core",
];

impl Machine {
    /// Reads /proc and asks each program its version.
    pub fn read(python: &Path, load_before: &str, load_after: &str) -> Self {
        let first_line = |out: Option<String>| {
            out.and_then(|o| o.lines().next().map(str::to_owned))
                .unwrap_or_else(|| "unknown".into())
        };
        let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find_map(|l| l.strip_prefix("model name"))
            .and_then(|l| l.split_once(':'))
            .map_or_else(|| "unknown".into(), |(_, m)| m.trim().to_owned());
        let memory = fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|m| {
                m.lines()
                    .find_map(|l| l.strip_prefix("MemTotal:"))
                    .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            })
            .map_or_else(
                || "unknown".into(),
                |kb| format!("{:.1} GiB", kb / 1024.0 / 1024.0),
            );
        let mut versions = vec![
            ("rustc", first_line(cmd::output(Command::new("rustc").arg("--version")))),
            ("node", first_line(cmd::output(Command::new(cmd::node()).arg("--version")))),
            (
                "chromium",
                first_line(cmd::output(Command::new("/usr/bin/chromium").arg("--version"))),
            ),
            ("python", first_line(cmd::output(Command::new(python).arg("--version")))),
            (
                "scikit-learn",
                first_line(cmd::output(Command::new(python).args([
                    "-c",
                    "import sklearn, numpy; print(sklearn.__version__, '(numpy', numpy.__version__ + ')')",
                ]))),
            ),
        ];
        for name in NPM_PACKAGES {
            versions.push((name, npm_version(name)));
        }
        Self {
            date: first_line(cmd::output(
                Command::new("date").args(["-u", "+%Y-%m-%d %H:%M UTC"]),
            )),
            cores: first_line(cmd::output(&mut Command::new("nproc"))),
            cpu,
            memory,
            load_before: load_before.to_owned(),
            load_after: load_after.to_owned(),
            versions,
        }
    }
}

/// The 1, 5 and 15-minute load averages, as /proc/loadavg gives them.
pub fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// The installed version of an npm package, from its package.json.
fn npm_version(name: &str) -> String {
    let path = repo_root()
        .join("node_modules")
        .join(name)
        .join("package.json");
    fs::read_to_string(path)
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v["version"].as_str().map(str::to_owned))
        .unwrap_or_else(|| "not installed".into())
}
