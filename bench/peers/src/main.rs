//! Side-by-side benchmarks of jose-rs against the JOSE crates users would pick instead, and
//! against two floors made of the bare RustCrypto primitives. One process; run several
//! (`cargo xtask bench --peers` does, and makes the table).
//!
//! ```text
//! jose-peers [--quick] [--rounds N] [--batch-ms MS] [--groups jwt,jwe,bulk,nested]
//!            [--peers NAME,…] [--threads N] [--thread-ms MS] [--thread-rounds N]
//! jose-peers --profile "WORKLOAD/CONTENDER" [--iterations N]
//! jose-peers --check
//! ```
//!
//! `--check` runs the correctness checks below and exits, timing nothing (CI runs it, so that
//! a change that breaks interoperability with a peer fails there).
//!
//! `--fixed-keys` makes the HMAC and P-256 signing keys constants. `--only NAME` keeps the workloads whose name starts with NAME (`HS256`, `dir+A256GCM`).
//!
//! `--profile` only calls one operation (after the checks), for `perf` or callgrind.
//!
//! Keys are made once, outside timing. Before anything is timed every reader must accept
//! every producer's token and refuse a tampered one (and readers of claims an expired and a
//! wrong-`aud` one): the process exits with status 1 otherwise. Then each (workload,
//! contender) batch is calibrated to `--batch-ms`, and `--rounds` rounds go round-robin over
//! every pair, the contenders of a workload one after the other (rotated each round), with
//! the stack offset changed between batches. Every ratio is taken inside a round and the
//! median over the rounds reported. Output: JSON lines on stdout (a `meta` line, one `op`
//! line per pair, `threads` lines), a readable summary on stderr.
#![forbid(unsafe_code)]

mod check;
mod claims;
mod contenders;
mod keys;
mod measure;
mod model;
mod workloads;

use std::process::ExitCode;
use std::time::{Duration, Instant};

use serde_json::{Map, Value, json};

use crate::measure::median;
use crate::model::Alg;
use crate::workloads::{Group, Workload};

/// The contenders every ratio can be taken against, when the workload has them.
const REFERENCES: [&str; 5] = [
    "jose-rs",
    "jose-jws",
    "floor",
    "floor+claims",
    "raw aes-gcm",
];

/// The verify workloads whose multi-threaded throughput is measured.
const THREADED: [Alg; 3] = [Alg::HS256, Alg::ES256, Alg::RS256];

struct Options {
    rounds: usize,
    batch: Duration,
    groups: Vec<Group>,
    peers: Option<Vec<String>>,
    threads: usize,
    thread_time: Duration,
    thread_rounds: usize,
    /// `--profile WORKLOAD/CONTENDER`: only call that operation, `iterations` times.
    profile: Option<(String, String)>,
    iterations: u64,
    /// `--only NAME`: the workloads whose name starts with NAME.
    only: Option<String>,
    /// `--fixed-keys`: constant HMAC and P-256 signing keys (for callgrind).
    fixed_keys: bool,
    /// `--check`: the correctness checks only, no timing.
    check_only: bool,
}

fn parse_options() -> Result<Options, String> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut options = Options {
        rounds: 15,
        batch: Duration::from_millis(30),
        groups: vec![Group::Jwt, Group::Jwe, Group::Bulk, Group::Nested],
        peers: None,
        threads,
        thread_time: Duration::from_millis(150),
        thread_rounds: 9,
        profile: None,
        iterations: 10_000,
        only: None,
        fixed_keys: false,
        check_only: false,
    };
    let mut args = std::env::args().skip(1);
    let number = |value: Option<String>, flag: &str| -> Result<u64, String> {
        value
            .ok_or_else(|| format!("{flag} needs a value"))?
            .parse()
            .map_err(|e| format!("{flag}: {e}"))
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--quick" => {
                options.rounds = 3;
                options.batch = Duration::from_millis(10);
                options.thread_time = Duration::from_millis(50);
                options.thread_rounds = 3;
            }
            "--rounds" => options.rounds = number(args.next(), &arg)?.max(1) as usize,
            "--batch-ms" => options.batch = Duration::from_millis(number(args.next(), &arg)?),
            "--threads" => options.threads = number(args.next(), &arg)?.max(1) as usize,
            "--thread-ms" => {
                options.thread_time = Duration::from_millis(number(args.next(), &arg)?)
            }
            "--thread-rounds" => options.thread_rounds = number(args.next(), &arg)? as usize,
            "--groups" => {
                let list = args.next().ok_or("--groups needs a value")?;
                options.groups = list
                    .split(',')
                    .map(|g| match g {
                        "jwt" => Ok(Group::Jwt),
                        "jwe" => Ok(Group::Jwe),
                        "bulk" => Ok(Group::Bulk),
                        "nested" => Ok(Group::Nested),
                        _ => Err(format!("unknown group {g:?} (jwt, jwe, bulk, nested)")),
                    })
                    .collect::<Result<_, _>>()?;
            }
            "--profile" => {
                let spec = args.next().ok_or("--profile needs WORKLOAD/CONTENDER")?;
                let (workload, contender) = spec
                    .rsplit_once('/')
                    .ok_or("--profile takes WORKLOAD/CONTENDER, e.g. \"HS256 verify/jose-rs\"")?;
                options.profile = Some((workload.to_owned(), contender.to_owned()));
            }
            "--fixed-keys" => options.fixed_keys = true,
            "--check" => options.check_only = true,
            "--only" => options.only = Some(args.next().ok_or("--only needs a workload name")?),
            "--iterations" => options.iterations = number(args.next(), &arg)?,
            "--peers" => {
                let list = args.next().ok_or("--peers needs a value")?;
                options.peers = Some(list.split(',').map(str::to_owned).collect());
            }
            _ => return Err(format!("unknown argument {arg:?}")),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let options = parse_options()?;
    let started = Instant::now();
    let keys = keys::Keys::generate(options.fixed_keys)?;
    let contenders = contenders::all(options.peers.as_deref());
    let (mut workloads, checked) = workloads::build(
        &contenders,
        &keys,
        &options.groups,
        options
            .only
            .as_deref()
            .or(options.profile.as_ref().map(|(w, _)| w.as_str())),
    )?;
    eprintln!(
        "checks passed: {} tokens read by every reader, {} bad tokens refused ({:.1} s)",
        checked.accepted,
        checked.refused,
        started.elapsed().as_secs_f64()
    );
    if options.check_only {
        eprintln!(
            "contenders: {}",
            contenders
                .iter()
                .map(|c| c.name())
                .collect::<Vec<_>>()
                .join(", ")
        );
        return Ok(());
    }
    if let Some((workload, contender)) = &options.profile {
        let op = workloads
            .iter()
            .filter(|w| &w.name == workload)
            .flat_map(|w| &w.entries)
            .find(|e| e.contender == contender)
            .map(|e| e.op.clone())
            .ok_or_else(|| format!("no workload {workload:?} with contender {contender:?}"))?;
        let start = Instant::now();
        let witness = profile_loop(&op, options.iterations);
        eprintln!(
            "{workload}/{contender}: {} calls, {:.0} ns each (witness {witness})",
            options.iterations,
            start.elapsed().as_nanos() as f64 / options.iterations.max(1) as f64
        );
        return Ok(());
    }

    println!(
        "{}",
        json!({
            "kind": "meta",
            "build": if cfg!(feature = "aws-lc") { "aws-lc" } else { "rust-crypto" },
            "josekit": cfg!(feature = "josekit"),
            "rounds": options.rounds,
            "batch_ms": options.batch.as_millis() as u64,
            "threads": options.threads,
            "contenders": contenders.iter().map(|c| c.name()).collect::<Vec<_>>(),
            "accepted": checked.accepted,
            "refused": checked.refused,
        })
    );

    // Calibrate every pair, then the rounds.
    let calls: Vec<Vec<u64>> = workloads
        .iter()
        .map(|w| {
            w.entries
                .iter()
                .map(|e| measure::calibrate(&e.op, options.batch))
                .collect()
        })
        .collect();
    let mut samples: Vec<Vec<Vec<f64>>> = workloads
        .iter()
        .map(|w| vec![Vec::with_capacity(options.rounds); w.entries.len()])
        .collect();
    for round in 0..options.rounds {
        for ((workload, calls), samples) in workloads.iter().zip(&calls).zip(&mut samples) {
            let len = workload.entries.len();
            for k in 0..len {
                let i = (k + round) % len;
                if let (Some(entry), Some(&n), Some(out)) =
                    (workload.entries.get(i), calls.get(i), samples.get_mut(i))
                {
                    out.push(measure::batch(&entry.op, n, round * 3 + k));
                }
            }
        }
        eprintln!(
            "round {}/{} ({:.0} s)",
            round + 1,
            options.rounds,
            started.elapsed().as_secs_f64()
        );
    }
    for (workload, samples) in workloads.iter().zip(&samples) {
        report(workload, samples);
    }
    threads(&mut workloads, &options);
    eprintln!("done in {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// The loop of `--profile`, by name for `valgrind --tool=callgrind --collect-atstart=no
/// --toggle-collect='*profile_loop*'` (the key generation and checks before it are not
/// counted).
#[inline(never)]
fn profile_loop(op: &measure::Op, iterations: u64) -> usize {
    let mut witness = 0;
    for _ in 0..iterations {
        witness = std::hint::black_box(op());
    }
    witness
}

/// Per contender: the median time, and the median over rounds of its ratio to each reference.
fn report(workload: &Workload, samples: &[Vec<f64>]) {
    eprintln!("{}", workload.name);
    for (entry, own) in workload.entries.iter().zip(samples) {
        let mut vs = Map::new();
        for reference in REFERENCES {
            let Some(theirs) = workload
                .entries
                .iter()
                .position(|e| e.contender == reference)
                .and_then(|i| samples.get(i))
            else {
                continue;
            };
            let mut ratios: Vec<f64> = own.iter().zip(theirs).map(|(a, b)| a / b).collect();
            vs.insert(reference.into(), json!(median(&mut ratios)));
        }
        let ns = median(&mut own.clone());
        eprintln!(
            "  {:<26} {:>12.0} ns  {}",
            entry.contender,
            ns,
            vs.iter()
                .map(|(k, v)| format!("×{k} {:.2}", v.as_f64().unwrap_or(f64::NAN)))
                .collect::<Vec<_>>()
                .join("  ")
        );
        println!(
            "{}",
            json!({
                "kind": "op",
                "group": workload.group.name(),
                "workload": workload.name,
                "contender": entry.contender,
                "ns": ns,
                "vs": Value::Object(vs),
            })
        );
    }
}

/// Verifications per second of one shared verifier, on 1 and on N threads.
///
/// Each round measures every contender on one thread and on N threads back to back (which
/// one first alternates between rounds, and the contenders rotate), so that a change of load
/// on the machine moves both rates of a round together; the speed-up is taken inside each
/// round and its median over the rounds reported with its range. A speed-up above N cannot be
/// real (N threads do at most N times the work) and is flagged as noise.
fn threads(workloads: &mut [Workload], options: &Options) {
    if options.thread_rounds == 0 {
        return;
    }
    let n = options.threads;
    for alg in THREADED {
        let name = format!("{} verify", alg.name());
        let Some(workload) = workloads.iter().find(|w| w.name == name) else {
            continue;
        };
        let len = workload.entries.len();
        // rates[entry][round] on one thread, and on n threads.
        let mut one = vec![Vec::new(); len];
        let mut many = vec![Vec::new(); len];
        for round in 0..options.thread_rounds {
            for k in 0..len {
                let i = (k + round) % len;
                let (Some(entry), Some(one), Some(many)) =
                    (workload.entries.get(i), one.get_mut(i), many.get_mut(i))
                else {
                    continue;
                };
                let run = |threads| measure::throughput(&entry.op, threads, options.thread_time);
                if n == 1 {
                    one.push(run(1));
                } else if (round + k) % 2 == 0 {
                    one.push(run(1));
                    many.push(run(n));
                } else {
                    many.push(run(n));
                    one.push(run(1));
                }
            }
        }
        let counts: &[(usize, &Vec<Vec<f64>>)] = if n > 1 {
            &[(1, &one), (n, &many)]
        } else {
            &[(1, &one)]
        };
        for &(threads, rates) in counts {
            for (i, (entry, own)) in workload.entries.iter().zip(rates).enumerate() {
                let mut vs = Map::new();
                for reference in REFERENCES {
                    let Some(theirs) = workload
                        .entries
                        .iter()
                        .position(|e| e.contender == reference)
                        .and_then(|i| rates.get(i))
                    else {
                        continue;
                    };
                    // Throughput: theirs ÷ own is the time ratio own ÷ theirs.
                    let mut ratios: Vec<f64> = own.iter().zip(theirs).map(|(a, b)| b / a).collect();
                    vs.insert(reference.into(), json!(median(&mut ratios)));
                }
                let rate = median(&mut own.clone());
                let mut line = json!({
                    "kind": "threads",
                    "workload": name,
                    "contender": entry.contender,
                    "threads": threads,
                    "ops_per_sec": rate,
                    "rounds": own.len(),
                    "vs": Value::Object(vs),
                });
                let mut summary = String::new();
                if threads > 1 {
                    // The speed-up of each round: its n-thread rate ÷ its one-thread rate.
                    let mut speedups: Vec<f64> = many
                        .get(i)
                        .into_iter()
                        .flatten()
                        .zip(one.get(i).into_iter().flatten())
                        .map(|(m, o)| m / o)
                        .collect();
                    let speedup = median(&mut speedups);
                    let (lo, hi) = (
                        speedups.first().copied().unwrap_or(f64::NAN),
                        speedups.last().copied().unwrap_or(f64::NAN),
                    );
                    let noise = speedup > threads as f64;
                    if let Some(object) = line.as_object_mut() {
                        object.insert("speedup".into(), json!(speedup));
                        object.insert("speedup_min".into(), json!(lo));
                        object.insert("speedup_max".into(), json!(hi));
                        object.insert("noise".into(), json!(noise));
                    }
                    summary = format!(
                        "  speed-up {speedup:.2} ({lo:.2}–{hi:.2}){}",
                        if noise {
                            " NOISE: above the thread count"
                        } else {
                            ""
                        }
                    );
                }
                eprintln!(
                    "  {name} ×{threads} threads  {:<26} {rate:>12.0} /s{summary}",
                    entry.contender
                );
                println!("{line}");
            }
        }
    }
}
