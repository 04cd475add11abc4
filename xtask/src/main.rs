//! `cargo xtask`: project automation for jose-rs.
//!
//! - `cargo xtask conformance`: runs every RFC test vector and prints one row per case.
//! - `cargo xtask examples`: runs every example of every crate, each checking its results.
//! - `cargo xtask fuzz [--seconds N]`: runs every cargo-fuzz target for N seconds each.
//! - `cargo xtask bench --peers [--processes N] [--quick]`: jose-rs beside jsonwebtoken,
//!   jwt-compact, jwt-simple, josekit and the bare RustCrypto floors (`bench/peers`).
#![forbid(unsafe_code)]

mod bench;
mod examples;
mod fuzz;
mod seeds;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("conformance") => conformance(),
        Some("examples") => examples::run(&fuzz::workspace_root()),
        Some("fuzz") => fuzz::run(args.get(1..).unwrap_or_default()),
        Some("bench") => bench::run(args.get(1..).unwrap_or_default()),
        _ => {
            eprintln!(
                "usage: cargo xtask conformance | examples | fuzz [--seconds N] [--target NAME] \
                 | bench --peers [--processes N] [--quick] [--callgrind]"
            );
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
