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

/// One measured file: its path from the repository root, raw and gzipped bytes.
pub struct Size {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
}

/// What `sizes` reports, from the last build: the app's first-load files, the worker
/// wasm and the snippets, in that order.
pub struct Sizes {
    pub first_load: Vec<Size>,
    pub worker: Size,
    pub snippets: Vec<Size>,
}

impl Sizes {
    /// Measures the files of the last build.
    pub fn measure() -> Result<Self> {
        let root = repo_root();
        let dist = root.join(DIST);
        let first_load = [
            dist.join("index.html"),
            dist.join("style.css"),
            dist.join("pkg/leadkit_app.js"),
            dist.join("pkg/leadkit_app_bg.wasm"),
        ]
        .iter()
        .map(|p| size(&root, p))
        .collect::<Result<_>>()?;
        let worker = size(&root, &root.join("worker/build/index_bg.wasm"))?;
        let snippets = SNIPPETS
            .iter()
            .map(|(file, _)| size(&root, &root.join(file)))
            .collect::<Result<_>>()?;
        Ok(Self {
            first_load,
            worker,
            snippets,
        })
    }

    /// Raw and gzipped bytes of the app's first load together.
    pub fn first_load_total(&self) -> (usize, usize) {
        self.first_load
            .iter()
            .fold((0, 0), |(r, g), s| (r + s.raw, g + s.gzip))
    }
}

/// Builds, then prints a table of sizes; fails when a snippet is over its limit.
pub fn run() -> Result<()> {
    build::run()?;
    let sizes = Sizes::measure()?;
    println!("{:<44} {:>10} {:>10}", "file", "raw KB", "gzip KB");
    for s in &sizes.first_load {
        print_row(s);
    }
    let (raw_total, gzip_total) = sizes.first_load_total();
    println!(
        "{:<44} {:>10.1} {:>10.1}",
        "app first load (total)",
        kb(raw_total),
        kb(gzip_total)
    );
    print_row(&sizes.worker);
    let mut over = Vec::new();
    for (s, (file, limit)) in sizes.snippets.iter().zip(SNIPPETS) {
        print_row(s);
        if s.gzip > limit {
            over.push(format!(
                "{file} is {} bytes gzipped, over its {limit}-byte limit",
                s.gzip
            ));
        }
    }
    if !over.is_empty() {
        bail!("{}", over.join("; "));
    }
    Ok(())
}

fn print_row(s: &Size) {
    println!("{:<44} {:>10.1} {:>10.1}", s.name, kb(s.raw), kb(s.gzip));
}

fn size(root: &Path, path: &Path) -> Result<Size> {
    let bytes = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(&bytes)?;
    Ok(Size {
        name: path
            .strip_prefix(root)
            .unwrap_or(path)
            .display()
            .to_string(),
        raw: bytes.len(),
        gzip: encoder.finish()?.len(),
    })
}

pub fn kb(bytes: usize) -> f64 {
    bytes as f64 / 1024.0
}
