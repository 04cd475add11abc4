//! `cargo xtask examples`: builds, then runs every example of every crate
//! (`crates/*/examples/*.rs`); each checks its own results and exits non-zero when one is
//! wrong.

use std::path::Path;
use std::process::{Command, ExitCode};

pub fn run(root: &Path) -> ExitCode {
    let examples = match find(&root.join("crates")) {
        Ok(examples) => examples,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    // Built first, with cargo's progress shown; each run below then starts at once.
    println!("== building {} examples", examples.len());
    match Command::new("cargo")
        .current_dir(root)
        .args(["build", "--locked", "--workspace", "--examples"])
        .status()
    {
        Ok(s) if s.success() => {}
        Ok(s) => {
            eprintln!("error: building the examples failed ({s})");
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("error: could not start cargo: {e}");
            return ExitCode::from(2);
        }
    }
    let mut failed = Vec::new();
    for (krate, example) in &examples {
        println!("== example {krate}/{example}");
        let status = Command::new("cargo")
            .current_dir(root)
            .args(["run", "--locked", "-q", "-p", krate, "--example", example])
            .status();
        match status {
            Ok(s) if s.success() => {}
            Ok(s) => failed.push(format!("{krate}/{example} ({s})")),
            Err(e) => failed.push(format!("{krate}/{example} (could not start: {e})")),
        }
    }
    if failed.is_empty() {
        println!("examples: {} passed, 0 failed", examples.len());
        ExitCode::SUCCESS
    } else {
        eprintln!("examples: failures: {}", failed.join(", "));
        ExitCode::FAILURE
    }
}

/// `(crate, example)` for every `crates/<crate>/examples/<example>.rs`, sorted.
fn find(crates: &Path) -> Result<Vec<(String, String)>, String> {
    let read = |dir: &Path| {
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))
    };
    let mut found = Vec::new();
    for entry in read(crates)?.flatten() {
        let examples = entry.path().join("examples");
        if !examples.is_dir() {
            continue;
        }
        let krate = entry.file_name().to_string_lossy().into_owned();
        for file in read(&examples)?.flatten() {
            let path = file.path();
            if path.extension().is_some_and(|e| e == "rs")
                && let Some(stem) = path.file_stem()
            {
                found.push((krate.clone(), stem.to_string_lossy().into_owned()));
            }
        }
    }
    found.sort();
    Ok(found)
}
