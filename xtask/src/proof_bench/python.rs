//! scikit-learn for the training comparison: a venv under target/proof-bench with the
//! versions pinned in tests/proof/requirements.txt, from PyPI, reinstalled only when that
//! file changes. Where `python3 -m venv` is unavailable (Debian without python3-venv),
//! `pip install --target` into the same directory instead.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::cmd::{self, repo_root};

/// Installs the pinned packages if needed; returns the Python to run them with.
pub fn install(work: &Path) -> Result<PathBuf> {
    let requirements = repo_root().join("tests/proof/requirements.txt");
    let wanted = fs::read(&requirements).context("reading tests/proof/requirements.txt")?;
    let venv = work.join("venv");
    let stamp = work.join("venv.requirements");
    let python = venv.join("bin/python");
    if fs::read(&stamp).is_ok_and(|had| had == wanted) && python.exists() {
        return Ok(python);
    }
    if venv.exists() {
        fs::remove_dir_all(&venv)?;
    }
    let made = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .is_ok_and(|s| s.success());
    let python = if made {
        cmd::run(
            Command::new(&python)
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--disable-pip-version-check",
                    "-q",
                    "-r",
                ])
                .arg(&requirements),
        )?;
        python
    } else {
        let target = venv.join("site-packages");
        cmd::run(
            Command::new("python3")
                .args(["-m", "pip", "install", "--disable-pip-version-check", "-q"])
                .arg("--target")
                .arg(&target)
                .arg("-r")
                .arg(&requirements),
        )?;
        // A small launcher so callers need not know where the packages went.
        let launcher = venv.join("python");
        fs::write(
            &launcher,
            format!(
                "#!/bin/sh\nPYTHONPATH={} exec python3 \"$@\"\n",
                target.display()
            ),
        )?;
        cmd::run(Command::new("chmod").arg("+x").arg(&launcher))?;
        launcher
    };
    let check = Command::new(&python)
        .args(["-c", "import sklearn, numpy"])
        .status()?;
    if !check.success() {
        bail!(
            "scikit-learn did not import after installing {}",
            requirements.display()
        );
    }
    fs::write(stamp, wanted)?;
    Ok(python)
}
