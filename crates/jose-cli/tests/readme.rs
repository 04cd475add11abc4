//! The README's command-line walkthrough runs as written: its `sh` blocks, in order, in an
//! empty directory, with the built `jose` first on `PATH`. A command that needs a tool this
//! machine does not have (such as `jq`) is skipped with a message on standard error; `cargo
//! install` is skipped, the built binary standing in for the installed one.
#![cfg(test)]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::temp_dir;

/// Commands that the shell runs itself.
const BUILTINS: [&str; 6] = ["echo", "printf", "export", "cd", "true", "test"];

/// The `sh` blocks of the README's section `heading`, as logical commands (continuation
/// lines joined), comments and blank lines kept for the log.
fn shell_blocks(readme: &str, heading: &str) -> Vec<String> {
    let start = readme.find(heading).expect("the README has the section");
    let section = &readme[start + heading.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let mut commands = Vec::new();
    let mut in_block = false;
    let mut current = String::new();
    for line in section.lines() {
        match line.trim() {
            "```sh" => in_block = true,
            "```" if in_block => in_block = false,
            _ if in_block => {
                current.push_str(line);
                if current.ends_with('\\') {
                    current.push('\n');
                } else {
                    commands.push(std::mem::take(&mut current));
                }
            }
            _ => {}
        }
    }
    assert!(
        current.is_empty() && !in_block,
        "an unterminated block or line"
    );
    commands
}

/// The programs a command runs: the first word of each pipeline stage.
fn programs(command: &str) -> Vec<&str> {
    let code = command
        .lines()
        .map(|line| line.split(" #").next().unwrap_or(line))
        .collect::<Vec<_>>()
        .join(" ");
    let code: &'static str = Box::leak(code.into_boxed_str());
    code.split(['|', '&', ';'])
        .filter_map(|stage| stage.split_whitespace().next())
        .filter(|word| !word.starts_with('#'))
        .collect()
}

/// Why `command` cannot run here, if it cannot: a program missing from `path`, or `cargo
/// install` (the built binary stands in for the installed one).
fn skip_reason(command: &str, path: &str) -> Option<String> {
    if command.trim_start().starts_with("cargo install") {
        return Some("the built jose stands in for `cargo install`".to_owned());
    }
    let missing: Vec<&str> = programs(command)
        .into_iter()
        .filter(|p| !BUILTINS.contains(p) && !on_path(p, path))
        .collect();
    (!missing.is_empty()).then(|| format!("not installed: {}", missing.join(", ")))
}

fn on_path(program: &str, path: &str) -> bool {
    std::env::split_paths(path).any(|dir| dir.join(program).is_file())
}

#[test]
fn the_walkthrough_runs_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let commands = shell_blocks(&readme, "## Command-line tool");
    assert!(commands.len() > 40, "{} commands", commands.len());

    let jose_dir = PathBuf::from(env!("CARGO_BIN_EXE_jose"))
        .parent()
        .unwrap()
        .to_owned();
    let path = std::env::join_paths(std::iter::once(jose_dir).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .unwrap();
    let path = path.to_str().unwrap().to_owned();

    let mut script = String::from("set -euo pipefail\n");
    let mut stderr = std::io::stderr();
    for command in &commands {
        let trimmed = command.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        match skip_reason(command, &path) {
            None => {
                script.push_str(command);
                script.push('\n');
            }
            // Written to the terminal (not captured): the skip is visible in CI's log.
            Some(reason) => {
                let _ = writeln!(
                    stderr,
                    "README walkthrough: skipped ({reason}): {}",
                    command.replace("\\\n", " ")
                );
            }
        }
    }

    let dir = temp_dir("readme");
    std::fs::write(dir.join("walkthrough.sh"), &script).unwrap();
    let output = Command::new("bash")
        .arg("walkthrough.sh")
        .current_dir(&dir)
        .env("PATH", &path)
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr_text = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the walkthrough failed ({}):\nstdout:\n{stdout}\nstderr:\n{stderr_text}",
        output.status
    );
    // Only the refusal of the expired token, which the walkthrough shows on purpose.
    let lines: Vec<&str> = stderr_text.lines().collect();
    assert!(
        matches!(lines.as_slice(), [line] if line.starts_with("error[ERR_JWT_EXPIRED]: ")),
        "standard error:\n{stderr_text}"
    );
    for expected in [
        "verified",
        "valid",
        "the secret",
        "50000",
        "refused with status 1",
    ] {
        assert!(stdout.contains(expected), "no {expected:?} in:\n{stdout}");
    }
}

#[test]
fn commands_and_their_programs() {
    let readme = "## Command-line tool\n```sh\n# c\njose a \\\n  --b | jq -r .x\necho 1 && seq 2   # note | x\n```\n## Next\n```sh\nnot this\n```\n";
    let commands = shell_blocks(readme, "## Command-line tool");
    assert_eq!(commands.len(), 3, "{commands:?}");
    assert_eq!(programs(&commands[1]), ["jose", "jq"]);
    assert_eq!(programs(&commands[2]), ["echo", "seq"]);
    // Without jq on the path, the command that pipes into it is skipped, and says why.
    let jose_only = PathBuf::from(env!("CARGO_BIN_EXE_jose"));
    let jose_only = jose_only.parent().unwrap().to_str().unwrap();
    assert_eq!(
        skip_reason(&commands[1], jose_only).as_deref(),
        Some("not installed: jq")
    );
    assert_eq!(skip_reason("jose jwt inspect < jwt", jose_only), None);
    assert!(skip_reason("cargo install --path x", jose_only).is_some());
}
