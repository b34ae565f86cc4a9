//! `cargo xtask sizes`: what a browser downloads on first load and what Cloudflare
//! runs, raw and gzipped, from the last build, and the embed snippet's size limit.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use flate2::Compression;
use flate2::write::GzEncoder;

use crate::build::{self, DIST};
use crate::cmd::repo_root;

/// Most bytes the embed snippet may weigh gzipped: it loads on customers' pages.
const EMBED_GZIP_LIMIT: usize = 5 * 1024;

/// Builds, then prints a table of sizes; fails when the embed snippet is over its limit.
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
    let embed = root.join("worker/embed/embed.js");
    let (raw, gzip) = sizes(&embed)?;
    print_row(&root, &embed, raw, gzip);
    if gzip > EMBED_GZIP_LIMIT {
        bail!(
            "{} is {gzip} bytes gzipped, over the {EMBED_GZIP_LIMIT}-byte limit",
            embed.display()
        );
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
