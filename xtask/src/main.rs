//! `cargo xtask`: project automation for jose-rs.
//!
//! - `cargo xtask conformance`: runs every RFC test vector and prints one row per case.
//! - `cargo xtask examples`: runs every example of every crate, each checking its results.
//! - `cargo xtask fuzz [--seconds N] [--target NAME]`: runs every cargo-fuzz target for N
//!   seconds each.
//! - `cargo xtask bench --peers [--processes N] [--quick] [--callgrind]`: jose-rs beside
//!   jsonwebtoken, jwt-compact, jwt-simple, josekit and the bare RustCrypto floors
//!   (`bench/peers`).
//!
//! Every command answers `--help` (or `-h`); `cargo xtask --help` lists them.
#![forbid(unsafe_code)]

mod bench;
mod examples;
mod fuzz;
mod seeds;

use std::process::ExitCode;

/// `cargo xtask --help`.
const HELP: &str = "\
cargo xtask: project automation for jose-rs

Usage: cargo xtask <COMMAND> [OPTIONS]

Commands:
  conformance   run every RFC test vector (tests/vectors) and print one row per case
  examples      run every example of every crate (crates/*/examples), each checking its results
  fuzz          run every cargo-fuzz target for a while (needs a nightly toolchain)
  bench         compare jose-rs with other JOSE crates and the bare RustCrypto floors

`cargo xtask <COMMAND> --help` tells more about each.";

/// `--help` of each command.
const COMMANDS: [(&str, &str); 4] = [
    (
        "conformance",
        "\
Usage: cargo xtask conformance

Runs every RFC test vector of tests/vectors through the library and prints one row per case
(case, RFC section, result), then a summary. Exit status 0 when every case passes, 1 when one
fails, 2 when the vectors cannot be read. The first run builds the workspace (cargo's
progress is shown).",
    ),
    (
        "examples",
        "\
Usage: cargo xtask examples

Builds every example of every crate (crates/*/examples/*.rs), then runs each; an example
checks its own results and exits non-zero when one is wrong. Exit status 0 when all pass.",
    ),
    (
        "fuzz",
        "\
Usage: cargo xtask fuzz [--seconds N] [--target NAME]

Runs every cargo-fuzz target of fuzz/ (or only NAME) for N seconds each (default 10), from a
corpus of seeds it writes first. Needs a nightly toolchain; installs cargo-fuzz when absent.

Options:
  --seconds N     how long each target runs (at least 1; default 10)
  --target NAME   run only this target",
    ),
    (
        "bench",
        "\
Usage: cargo xtask bench --peers [--processes N] [--quick] [--callgrind]

Builds the comparison harness of bench/peers in release and runs it in N processes; prints
the markdown table of the medians over processes and writes it to bench/peers/RESULTS.md
(with --quick, to bench/peers/target/RESULTS-quick.md).

Options:
  --peers         compare with jsonwebtoken, jwt-compact, jwt-simple, josekit and the floors
  --processes N   how many processes to run (their median is reported)
  --quick         a short smoke run
  --callgrind     add instruction counts of the HS256 and ES256 verify paths (valgrind)",
    ),
];

fn is_help(arg: &str) -> bool {
    matches!(arg, "--help" | "-h" | "help")
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = args.first().map(String::as_str);
    if command.is_none_or(is_help) {
        // `cargo xtask help bench` is `cargo xtask bench --help`.
        return match args.get(1).map(String::as_str) {
            Some(name) => command_help(name),
            None if command.is_some() => {
                println!("{HELP}");
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("{HELP}");
                ExitCode::from(2)
            }
        };
    }
    let rest = args.get(1..).unwrap_or_default();
    if let Some(name) = command
        && rest.iter().any(|arg| is_help(arg))
    {
        return command_help(name);
    }
    match command {
        Some("conformance") if rest.is_empty() => conformance(),
        Some("examples") if rest.is_empty() => examples::run(&fuzz::workspace_root()),
        Some("fuzz") => fuzz::run(rest),
        Some("bench") => bench::run(rest),
        Some(name @ ("conformance" | "examples")) => {
            eprintln!("error: `cargo xtask {name}` takes no arguments (see --help)");
            ExitCode::from(2)
        }
        _ => {
            eprintln!(
                "error: unknown command {:?}\n\n{HELP}",
                command.unwrap_or_default()
            );
            ExitCode::from(2)
        }
    }
}

/// Prints the help of the command `name`.
fn command_help(name: &str) -> ExitCode {
    match COMMANDS.iter().find(|(command, _)| *command == name) {
        Some((_, help)) => {
            println!("{help}");
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("error: unknown command {name:?}\n\n{HELP}");
            ExitCode::from(2)
        }
    }
}

fn conformance() -> ExitCode {
    let results = match jose_tests::run_all() {
        Ok(results) => results,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    println!("{:<42} {:<22} result", "case", "section");
    for result in &results {
        println!("{result}");
    }
    let summary = jose_tests::Summary::of(&results);
    println!("{summary}");
    // A pending case is not passed: it fails the run as a failed one does.
    if !summary.all_passed() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
