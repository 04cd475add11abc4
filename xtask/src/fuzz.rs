//! `cargo xtask fuzz`: seeds the corpora from the RFC vectors, then runs every cargo-fuzz
//! target for a fixed time. Installs cargo-fuzz when it is missing; needs the nightly
//! toolchain (cargo-fuzz builds with sanitizers).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The targets, as named in `fuzz/Cargo.toml`.
pub const TARGETS: &[&str] = &[
    "base64url_decode",
    "json_strict",
    "jwk_parse",
    "jwk_set_parse",
    "key_import",
    "jws_compact_parse",
    "jws_json_parse",
    "jws_verify",
    "jwe_compact_parse",
    "jwe_decrypt",
    "jwe_decrypt_ecdh",
    "jwe_decrypt_rsa",
    "jwe_json_parse",
    "jwe_json_decrypt",
    "jwt_verify",
];

pub fn run(args: &[String]) -> ExitCode {
    let mut seconds: u64 = 10;
    let mut only: Option<String> = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match (arg.as_str(), iter.next()) {
            ("--seconds", Some(n)) => match n.parse() {
                // libFuzzer reads 0 as "no limit".
                Ok(0) => return usage("--seconds must be at least 1"),
                Ok(n) => seconds = n,
                Err(_) => return usage(&format!("--seconds takes a whole number, not {n:?}")),
            },
            ("--target", Some(name)) if TARGETS.contains(&name.as_str()) => {
                only = Some(name.clone())
            }
            (other, _) => return usage(&format!("unexpected argument {other:?}")),
        }
    }
    let root = workspace_root();
    if let Err(e) = ensure_tools() {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    if let Err(e) = crate::seeds::write_all(&root.join("fuzz").join("corpus")) {
        eprintln!("error: writing seed corpora: {e}");
        return ExitCode::FAILURE;
    }
    let mut failed = Vec::new();
    for target in TARGETS
        .iter()
        .filter(|t| only.as_deref().is_none_or(|o| o == **t))
    {
        println!("== fuzz {target} for {seconds}s");
        let corpus = root.join("fuzz").join("corpus").join(target);
        let status = Command::new("cargo")
            .current_dir(root.join("fuzz"))
            .args(["+nightly", "fuzz", "run", target])
            .arg(&corpus)
            .args([
                "--",
                &format!("-max_total_time={seconds}"),
                "-rss_limit_mb=2048",
                "-max_len=16384",
                "-print_final_stats=1",
            ])
            .status();
        match status {
            Ok(s) if s.success() => {}
            Ok(s) => failed.push(format!("{target} ({s})")),
            Err(e) => failed.push(format!("{target} (could not start: {e})")),
        }
    }
    if failed.is_empty() {
        println!("fuzz: every target ran {seconds}s without a crash");
        ExitCode::SUCCESS
    } else {
        eprintln!("fuzz: failures: {}", failed.join(", "));
        ExitCode::FAILURE
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!(
        "error: {problem}\nusage: cargo xtask fuzz [--seconds N] [--target {}]",
        TARGETS.join("|")
    );
    ExitCode::from(2)
}

/// The repository root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Checks the nightly toolchain and installs cargo-fuzz when it is missing.
fn ensure_tools() -> Result<(), String> {
    let nightly = Command::new("cargo")
        .args(["+nightly", "--version"])
        .output();
    match nightly {
        Ok(out) if out.status.success() => {}
        _ => return Err(
            "the nightly toolchain is required for fuzzing (`rustup toolchain install nightly`)"
                .into(),
        ),
    }
    let have_fuzz = Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_fuzz {
        println!("== installing cargo-fuzz");
        let status = Command::new("cargo")
            .args(["install", "cargo-fuzz", "--locked"])
            .status()
            .map_err(|e| format!("cannot run cargo install: {e}"))?;
        if !status.success() {
            return Err("cargo install cargo-fuzz failed".into());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{TARGETS, workspace_root};

    /// The `[[bin]]` names of `fuzz/Cargo.toml`, in order.
    fn targets_in_the_tree() -> Vec<String> {
        let manifest = std::fs::read_to_string(workspace_root().join("fuzz").join("Cargo.toml"))
            .unwrap_or_default();
        manifest
            .split("[[bin]]")
            .skip(1)
            .filter_map(|bin| {
                let line = bin.lines().find(|l| l.trim_start().starts_with("name"))?;
                Some(line.split('"').nth(1)?.to_owned())
            })
            .collect()
    }

    #[test]
    fn every_target_in_the_tree_is_run_and_counted_in_the_readme() {
        let mut tree = targets_in_the_tree();
        assert!(!tree.is_empty(), "no [[bin]] in fuzz/Cargo.toml");
        let mut run: Vec<String> = TARGETS.iter().map(|t| (*t).to_owned()).collect();
        tree.sort();
        run.sort();
        assert_eq!(run, tree, "xtask's TARGETS and fuzz/Cargo.toml differ");
        for target in &tree {
            let path = workspace_root()
                .join("fuzz")
                .join("fuzz_targets")
                .join(format!("{target}.rs"));
            assert!(path.is_file(), "{} is missing", path.display());
        }
        let readme =
            std::fs::read_to_string(workspace_root().join("README.md")).unwrap_or_default();
        let sentence = format!("The {} targets live in `fuzz/`", tree.len());
        assert!(
            readme.contains(&sentence),
            "README.md does not say {sentence:?}"
        );
        for target in &tree {
            assert!(
                readme.contains(&format!("`{target}`")),
                "README.md does not name {target}"
            );
        }
    }
}
