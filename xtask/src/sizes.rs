//! `cargo xtask sizes`: what a browser downloads on first load and what Cloudflare
//! runs, raw and gzipped, from the last build, and the snippets' size limits.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use flate2::Compression;
use flate2::write::GzEncoder;

use crate::build::{self, DIST};
use crate::cmd::repo_root;

/// The snippets that load on customers' pages, with the most bytes each may weigh
/// gzipped: the form embed, and the tracking snippet that loads on every page.
const SNIPPETS: [(&str, usize); 2] = [
    ("worker/embed/embed.js", 5 * 1024),
    ("worker/embed/t.js", 2 * 1024),
];

/// Builds, then prints a table of sizes; fails when a snippet is over its limit.
pub fn run() -> Result<()> {
    build::run()?;
    let root = repo_root();
    let dist = root.join(DIST);
    let first_load = [
        dist.join("index.html"),
        dist.join("style.css"),
        dist.join("pkg/leadkit_app.js"),
        dist.join("pkg/leadkit_app_bg.wasm"),
    ];
    println!("{:<44} {:>10} {:>10}", "file", "raw KB", "gzip KB");
    let (mut raw_total, mut gzip_total) = (0, 0);
    for path in &first_load {
        let (raw, gzip) = sizes(path)?;
        raw_total += raw;
        gzip_total += gzip;
        print_row(&root, path, raw, gzip);
    }
    println!(
        "{:<44} {:>10.1} {:>10.1}",
        "app first load (total)",
        kb(raw_total),
        kb(gzip_total)
    );
    let worker = root.join("worker/build/index_bg.wasm");
    let (raw, gzip) = sizes(&worker)?;
    print_row(&root, &worker, raw, gzip);
    let mut over = Vec::new();
    for (file, limit) in SNIPPETS {
        let path = root.join(file);
        let (raw, gzip) = sizes(&path)?;
        print_row(&root, &path, raw, gzip);
        if gzip > limit {
            over.push(format!(
                "{file} is {gzip} bytes gzipped, over its {limit}-byte limit"
            ));
        }
    }
    if !over.is_empty() {
        bail!("{}", over.join("; "));
    }
    Ok(())
}

fn print_row(root: &Path, path: &Path, raw: usize, gzip: usize) {
    let name = path
        .strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string();
    println!("{name:<44} {:>10.1} {:>10.1}", kb(raw), kb(gzip));
}

fn sizes(path: &Path) -> Result<(usize, usize)> {
    let bytes = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(&bytes)?;
    Ok((bytes.len(), encoder.finish()?.len()))
}

fn kb(bytes: usize) -> f64 {
    bytes as f64 / 1024.0
}
