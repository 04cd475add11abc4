//! `cargo xtask bench --peers [--processes N] [--quick]`: builds the comparison harness of
//! `bench/peers` (its own workspace, so that the peers never enter the library's dependency
//! graph) in release, runs it in N processes, and prints the markdown table of the medians
//! over processes, also written to `bench/peers/RESULTS.md` (with `--quick`, a smoke test, to
//! `bench/peers/target/RESULTS-quick.md`).
//!
//! Each process computes its ratios itself (one round at a time, the contenders of a
//! workload one after the other); the table shows the median over processes, whose spread
//! says how much a single process can be trusted (code layout moves one by 10–40 %).
//!
//! Optional contenders are built when the machine can: josekit needs OpenSSL's headers
//! (`apt-get install libssl-dev pkg-config`); jsonwebtoken's `aws_lc_rs` backend needs a C
//! compiler (and, for older aws-lc-sys versions or other platforms, `apt-get install
//! cmake`) and a second build, since its backends are exclusive features. Either is skipped
//! with a message when it cannot be built; nothing is installed.
//!
//! `--callgrind` adds instruction counts of the HS256 and ES256 verify paths under
//! `valgrind --tool=callgrind` (noise-free, but valgrind hides SHA-NI and other extensions, so
//! only the instructions above the floor compare with native runs).

mod callgrind;
mod report;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use report::{Machine, Run};

const USAGE: &str = "usage: cargo xtask bench --peers [--processes N] [--quick] [--callgrind]";

#[derive(Debug)]
struct Options {
    processes: usize,
    quick: bool,
    callgrind: bool,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut peers = false;
    let mut options = Options {
        processes: 5,
        quick: false,
        callgrind: false,
    };
    let mut processes = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--peers" => peers = true,
            "--quick" => options.quick = true,
            "--callgrind" => options.callgrind = true,
            "--processes" => {
                let n = iter.next().ok_or("--processes needs a number")?;
                let n: usize = n
                    .parse()
                    .map_err(|_| format!("--processes takes a whole number, not {n:?}"))?;
                processes = Some(n.max(1));
            }
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    if !peers {
        return Err(
            "only `--peers` exists so far (the criterion benches run with `cargo bench`)".into(),
        );
    }
    options.processes = processes.unwrap_or(if options.quick { 1 } else { 5 });
    Ok(options)
}

pub fn run(args: &[String]) -> ExitCode {
    let options = match parse(args) {
        Ok(options) => options,
        Err(e) => {
            eprintln!("error: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match peers(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// One build of the harness: its cargo features, target directory and arguments.
struct Build {
    name: &'static str,
    features: Vec<&'static str>,
    target_dir: PathBuf,
    args: Vec<&'static str>,
}

fn peers(options: &Options) -> Result<(), String> {
    let started = Instant::now();
    let root = crate::fuzz::workspace_root();
    let dir = root.join("bench").join("peers");
    let mut notes = Vec::new();

    // The main build: every contender that builds here.
    let josekit = has_openssl();
    if !josekit {
        notes.push(
            "josekit skipped: OpenSSL's headers were not found by pkg-config \
             (`apt-get install libssl-dev pkg-config`)."
                .to_owned(),
        );
    }
    let mut main = Build {
        name: "rust-crypto",
        features: if josekit {
            vec!["rust-crypto", "josekit"]
        } else {
            vec!["rust-crypto"]
        },
        target_dir: dir.join("target"),
        args: Vec::new(),
    };
    if let Err(e) = build(&dir, &main) {
        if !josekit {
            return Err(e);
        }
        eprintln!("{e}\nretrying without josekit");
        notes.push("josekit skipped: its build failed (OpenSSL).".to_owned());
        main.features = vec!["rust-crypto"];
        build(&dir, &main)?;
    }

    // jsonwebtoken on aws-lc-rs: a second build, its processes time only the JWT workloads
    // with jose-rs and the floors beside it.
    let aws = Build {
        name: "aws-lc",
        features: vec!["aws-lc"],
        target_dir: dir.join("target").join("aws-lc"),
        args: vec![
            "--groups",
            "jwt",
            "--peers",
            "jsonwebtoken",
            "--thread-rounds",
            "0",
        ],
    };
    let aws_built = match build(&dir, &aws) {
        Ok(()) => true,
        Err(e) => {
            let cmake = Command::new("cmake")
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success());
            let message = format!(
                "jsonwebtoken (aws-lc-rs) skipped: its build failed ({}); aws-lc-sys needs a C \
                 compiler and, on some platforms, cmake (`apt-get install cmake`{}).",
                e.lines().next().unwrap_or("cargo build failed"),
                if cmake {
                    ", present here"
                } else {
                    ", missing here"
                }
            );
            eprintln!("{message}");
            notes.push(message);
            false
        }
    };

    let quick: &[&str] = if options.quick { &["--quick"] } else { &[] };
    let mut runs = Vec::new();
    for i in 1..=options.processes {
        runs.push(process(&main, quick, i, options.processes)?);
    }
    if aws_built {
        for i in 1..=options.processes {
            runs.push(process(&aws, quick, i, options.processes)?);
        }
    }

    let instructions = if options.callgrind {
        callgrind::run(&main.target_dir.join("release").join("jose-peers"), &runs)?
    } else {
        Vec::new()
    };

    let machine = Machine::here(options.processes, options.quick);
    let table = report::markdown(&runs, &machine, &notes, &instructions)?;
    println!("{table}");
    // A smoke test does not replace the committed table.
    let path = if options.quick {
        dir.join("target").join("RESULTS-quick.md")
    } else {
        dir.join("RESULTS.md")
    };
    std::fs::write(&path, &table).map_err(|e| format!("writing {}: {e}", path.display()))?;
    eprintln!(
        "bench --peers: {} processes in {:.0} s; table written to {}",
        runs.len(),
        started.elapsed().as_secs_f64(),
        path.display()
    );
    Ok(())
}

/// Whether pkg-config finds OpenSSL (josekit's `openssl-sys` needs it).
fn has_openssl() -> bool {
    Command::new("pkg-config")
        .args(["--exists", "openssl"])
        .status()
        .is_ok_and(|s| s.success())
}

fn build(dir: &Path, build: &Build) -> Result<(), String> {
    eprintln!(
        "== building the harness ({}: features {})",
        build.name,
        build.features.join(",")
    );
    let output = Command::new("cargo")
        .current_dir(dir)
        .args([
            "build",
            "--release",
            "--locked",
            "--quiet",
            "--no-default-features",
        ])
        .arg("--features")
        .arg(build.features.join(","))
        .arg("--target-dir")
        .arg(&build.target_dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(15).collect();
        let hint = if stderr.contains("--locked") {
            "\nbench/peers/Cargo.lock is stale (the library's dependencies changed): run `cargo \
             build --release --manifest-path bench/peers/Cargo.toml` once, which adds what is \
             missing without updating the peers, and commit the lock file"
        } else {
            ""
        };
        Err(format!(
            "building the harness ({}) failed:\n{}{hint}",
            build.name,
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        ))
    }
}

/// Runs one process of the harness and parses its JSON lines.
fn process(build: &Build, quick: &[&str], i: usize, n: usize) -> Result<Run, String> {
    let started = Instant::now();
    let binary = build.target_dir.join("release").join("jose-peers");
    eprint!("== process {i}/{n} ({}) … ", build.name);
    let output = Command::new(&binary)
        .args(quick)
        .args(&build.args)
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", binary.display()))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        eprintln!("failed");
        return Err(format!("the harness failed ({}):\n{stderr}", output.status));
    }
    eprintln!(
        "{:.0} s; {}",
        started.elapsed().as_secs_f64(),
        stderr.lines().next().unwrap_or("")
    );
    Run::parse(build.name, &String::from_utf8_lossy(&output.stdout))
}

#[cfg(test)]
mod tests;
