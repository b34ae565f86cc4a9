//! Stamps the service worker (dist/sw.js) with the build it serves: the list of the app
//! shell's files to precache and a version made from their contents, so each build
//! that changes any of them installs as a new worker with a cache of its own.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// The token public/sw.js carries where the version goes.
const VERSION_TOKEN: &str = "__BUILD_VERSION__";

/// The token (a one-element JS array) public/sw.js carries where the file list goes.
const PRECACHE_TOKEN: &str = "[\"__PRECACHE__\"]";

/// Files in dist/ that are not part of the shell: the worker itself (a browser fetches
/// it on its own) and wrangler's headers file (never served).
const NOT_SHELL: &[&str] = &["sw.js", "_headers"];

/// Writes the version and the precache list into `dist/sw.js`; returns the version.
pub fn stamp(dist: &Path) -> Result<String> {
    let mut files = Vec::new();
    collect(dist, dist, &mut files)?;
    files.sort();
    let mut contents = Vec::with_capacity(files.len());
    for path in &files {
        let bytes = fs::read(dist.join(path)).with_context(|| format!("reading {path}"))?;
        contents.push((path.clone(), bytes));
    }
    let version = version(&contents);
    // index.html is fetched as `/` (wrangler answers /index.html with a redirect to /).
    let urls: Vec<String> = files
        .iter()
        .map(|p| match p.as_str() {
            "index.html" => "/".to_owned(),
            other => format!("/{other}"),
        })
        .collect();
    let sw_path = dist.join("sw.js");
    let sw = fs::read_to_string(&sw_path).context("reading dist/sw.js")?;
    if !sw.contains(VERSION_TOKEN) || !sw.contains(PRECACHE_TOKEN) {
        bail!("dist/sw.js lacks {VERSION_TOKEN} or {PRECACHE_TOKEN}");
    }
    let sw = sw
        .replace(VERSION_TOKEN, &version)
        .replace(PRECACHE_TOKEN, &serde_json::to_string(&urls)?);
    fs::write(&sw_path, sw)?;
    Ok(version)
}

/// Every file under `dir`, as a `/`-separated path relative to `root`, shell files only.
fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<()> {
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            collect(root, &path, out)?;
            continue;
        }
        let relative = path
            .strip_prefix(root)?
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if !NOT_SHELL.contains(&relative.as_str()) {
            out.push(relative);
        }
    }
    Ok(())
}

/// A 64-bit FNV-1a hash of every path and its bytes, in order, as 16 hex digits. Not
/// cryptographic: it only has to change when a file does.
fn version(files: &[(String, Vec<u8>)]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for byte in bytes {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for (path, bytes) in files {
        // Lengths keep ("ab","c") apart from ("a","bc").
        feed(&(path.len() as u64).to_le_bytes());
        feed(path.as_bytes());
        feed(&(bytes.len() as u64).to_le_bytes());
        feed(bytes);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_moves_with_any_byte_or_name_and_only_then() {
        let files = |wasm: &[u8]| {
            vec![
                ("index.html".to_owned(), b"<html>".to_vec()),
                ("pkg/app_bg.wasm".to_owned(), wasm.to_vec()),
            ]
        };
        let a = version(&files(b"\0asm1"));
        assert_eq!(a, version(&files(b"\0asm1")));
        assert_ne!(a, version(&files(b"\0asm2")));
        let renamed = vec![
            ("index.htm".to_owned(), b"l<html>".to_vec()),
            ("pkg/app_bg.wasm".to_owned(), b"\0asm1".to_vec()),
        ];
        assert_ne!(a, version(&renamed));
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn stamping_lists_the_shell_and_leaves_the_worker_out() {
        let dist = std::env::temp_dir().join(format!("leadkit-shell-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dist);
        fs::create_dir_all(dist.join("pkg")).unwrap();
        fs::write(dist.join("index.html"), "<html>").unwrap();
        fs::write(dist.join("pkg/app.js"), "js").unwrap();
        fs::write(dist.join("_headers"), "/sw.js").unwrap();
        fs::write(
            dist.join("sw.js"),
            "const VERSION = \"__BUILD_VERSION__\";\nconst SHELL = [\"__PRECACHE__\"];\n",
        )
        .unwrap();
        let version = stamp(&dist).unwrap();
        let sw = fs::read_to_string(dist.join("sw.js")).unwrap();
        assert_eq!(
            sw,
            format!("const VERSION = \"{version}\";\nconst SHELL = [\"/\",\"/pkg/app.js\"];\n")
        );
        assert!(stamp(&dist).is_err(), "a stamped worker has no tokens left");
        fs::remove_dir_all(&dist).unwrap();
    }
}
