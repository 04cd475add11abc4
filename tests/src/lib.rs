//! The conformance engine of jose-rs: it reads the project's RFC test vectors under
//! `tests/vectors/` and runs each case against the library crates.
//!
//! `cargo xtask conformance` prints the table; `cargo test -p jose-tests` runs the same cases.
//! The vector format is documented in `tests/vectors/README.md`.
#![forbid(unsafe_code)]

mod case;
mod kinds;

use std::path::{Path, PathBuf};

pub use case::{Case, CaseResult, Outcome, Summary};

/// The folder holding the vector files.
pub fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors")
}

/// Reads every `*.json` file of `dir`, in file-name order.
pub fn load(dir: &Path) -> Result<Vec<Case>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for file in files {
        cases.extend(case::read_file(&file)?);
    }
    let mut ids: Vec<&str> = cases.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    if let Some(pair) = ids.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(format!("case id {} appears twice", pair[0]));
    }
    Ok(cases)
}

/// Runs one case.
pub fn run(case: &Case) -> CaseResult {
    let outcome = match &case.pending {
        Some(reason) => Outcome::Pending(reason.clone()),
        None => match kinds::run(case) {
            Ok(()) => Outcome::Passed,
            Err(reason) => Outcome::Failed(reason),
        },
    };
    CaseResult {
        id: case.id.clone(),
        section: case.section.clone(),
        outcome,
    }
}

/// Loads and runs every case of the project's vectors.
pub fn run_all() -> Result<Vec<CaseResult>, String> {
    Ok(load(&vectors_dir())?.iter().map(run).collect())
}

/// The README's examples run as doc tests.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
