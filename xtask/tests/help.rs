//! Every `cargo xtask` command answers `--help` without doing its work, and the `xtask`
//! alias lets cargo show its build progress.

use std::process::Command;

fn xtask(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("xtask runs");
    (
        output.status.code().expect("xtask exits"),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn every_command_answers_help() {
    for command in ["conformance", "examples", "fuzz", "bench"] {
        for help in ["--help", "-h"] {
            let (status, out, err) = xtask(&[command, help]);
            assert_eq!((status, err.as_str()), (0, ""), "{command} {help}");
            assert!(
                out.starts_with(&format!("Usage: cargo xtask {command}")),
                "{command}: {out}"
            );
        }
        let (status, out, _) = xtask(&["help", command]);
        assert!(status == 0 && out.contains(command), "help {command}");
    }
    // After other options too: `bench --peers --help` does not start a benchmark.
    let (status, out, _) = xtask(&["bench", "--peers", "--help"]);
    assert!(status == 0 && out.contains("--processes"), "{out}");
    let (status, out, _) = xtask(&["--help"]);
    assert!(
        status == 0 && out.contains("conformance") && out.contains("bench"),
        "{out}"
    );
    let (status, _, err) = xtask(&[]);
    assert!(status == 2 && err.contains("Commands:"), "{err}");
    let (status, _, err) = xtask(&["nope"]);
    assert!(status == 2 && err.contains("unknown command"), "{err}");
    let (status, _, err) = xtask(&["examples", "extra"]);
    assert!(status == 2 && err.contains("takes no arguments"), "{err}");
}

#[test]
fn the_alias_shows_build_progress() {
    let config = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../.cargo/config.toml"),
    )
    .unwrap();
    let alias = config
        .lines()
        .find(|line| line.trim_start().starts_with("xtask"))
        .expect("an xtask alias");
    assert!(alias.contains("--package xtask"), "{alias}");
    assert!(
        !alias.contains("--quiet") && !alias.contains(" -q"),
        "the alias hides cargo's build progress: {alias}"
    );
}
