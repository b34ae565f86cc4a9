//! Builds what wrangler serves: the app (wasm32 → wasm-bindgen → dist/ with the static
//! files of public/, the service worker stamped with the build's version) and the
//! worker (worker-build → worker/build/).

use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};

use crate::cmd::{self, repo_root};
use crate::setup::{self, Needs};
use crate::shell;

/// Where the built app goes; wrangler.toml's `[assets] directory`.
pub const DIST: &str = "dist";

/// Builds app and worker in release mode.
pub fn run() -> Result<()> {
    setup::run(Needs::Dev)?;
    build_app()?;
    build_worker()
}

fn build_app() -> Result<()> {
    let root = repo_root();
    cmd::run(Command::new("cargo").args([
        "build",
        "--package",
        "leadkit-app",
        "--target",
        "wasm32-unknown-unknown",
        "--release",
    ]))?;
    let dist = root.join(DIST);
    if dist.exists() {
        fs::remove_dir_all(&dist)?;
    }
    copy_dir(&root.join("public"), &dist)?;
    cmd::run(
        Command::new("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--remove-name-section",
                "--remove-producers-section",
                "--out-dir",
            ])
            .arg(dist.join("pkg"))
            .arg(root.join("target/wasm32-unknown-unknown/release/leadkit_app.wasm")),
    )?;
    // Last, once every shell file is in place: the service worker names this build.
    let version = shell::stamp(&dist)?;
    println!("app shell version {version}");
    Ok(())
}

fn build_worker() -> Result<()> {
    cmd::run(
        cmd::command("worker-build")
            .arg("--release")
            .current_dir(repo_root().join("worker")),
    )?;
    // worker-build keeps the name section (function names for stack traces), about a
    // fifth of the module; workerd does not need it, so drop it as the app build does.
    strip_custom_sections(
        &repo_root().join("worker/build/index_bg.wasm"),
        &["name", "producers"],
    )
}

/// Rewrites a wasm module without the custom sections called `names`.
fn strip_custom_sections(path: &Path, names: &[&str]) -> Result<()> {
    let bytes = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let stripped = without_custom_sections(&bytes, names)
        .with_context(|| format!("{} is not a wasm module", path.display()))?;
    fs::write(path, stripped)?;
    Ok(())
}

/// The module without the named custom sections; `None` when it does not parse.
fn without_custom_sections(bytes: &[u8], names: &[&str]) -> Option<Vec<u8>> {
    let leb = |at: &mut usize| -> Option<usize> {
        let mut value = 0usize;
        let mut shift = 0;
        loop {
            let byte = *bytes.get(*at)?;
            *at += 1;
            value |= usize::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(value);
            }
            shift += 7;
            if shift > 35 {
                return None;
            }
        }
    };
    if bytes.get(..4)? != b"\0asm" {
        return None;
    }
    let mut out = bytes.get(..8)?.to_vec();
    let mut at = 8;
    while at < bytes.len() {
        let start = at;
        let id = *bytes.get(at)?;
        at += 1;
        let size = leb(&mut at)?;
        let body_start = at;
        let end = body_start.checked_add(size)?;
        let drop = id == 0 && {
            let mut name_at = body_start;
            let len = leb(&mut name_at)?;
            let name = bytes.get(name_at..name_at.checked_add(len)?)?;
            names.iter().any(|n| n.as_bytes() == name)
        };
        if !drop {
            out.extend_from_slice(bytes.get(start..end)?);
        }
        at = end;
    }
    Some(out)
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::without_custom_sections;

    #[test]
    fn named_custom_sections_go_and_the_rest_stays() {
        // Header, a type section (id 1, 1 byte), custom "name" (4 bytes), custom "keep".
        let module = [
            b"\0asm".as_slice(),
            &[1, 0, 0, 0],
            &[1, 1, 0],
            &[0, 5, 4, b'n', b'a', b'm', b'e'],
            &[0, 6, 4, b'k', b'e', b'e', b'p', 9],
        ]
        .concat();
        let stripped = without_custom_sections(&module, &["name"]).unwrap();
        let expected = [
            b"\0asm".as_slice(),
            &[1, 0, 0, 0],
            &[1, 1, 0],
            &[0, 6, 4, b'k', b'e', b'e', b'p', 9],
        ]
        .concat();
        assert_eq!(stripped, expected);
        assert!(without_custom_sections(b"not wasm", &["name"]).is_none());
        assert!(without_custom_sections(&module[..12], &["name"]).is_none());
    }
}
