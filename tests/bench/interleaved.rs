//! The interleaved ratio measurement shared by the `ratios` benches of jose-jws and jose-jwe
//! (each includes this file with `#[path]`).
//!
//! Criterion times one function after the other, so load that comes and goes on the machine
//! (other builds, a second benchmark) skews the ratio of two measurements. Here the library
//! and its floor run in alternating batches of about the same wall time, the ratio is taken
//! per round, and the median over rounds is reported: a drift in load moves both sides of a
//! round together.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// The result of [`compare`]: nanoseconds per call of each side in the median round, and the
/// median ratio.
pub struct Ratio {
    pub library_ns: f64,
    pub floor_ns: f64,
    pub ratio: f64,
}

/// Runs `library` and `floor` in `rounds` alternating batches of about `batch` each and
/// returns the median round.
pub fn compare<A, B>(
    rounds: usize,
    batch: Duration,
    library: impl Fn() -> A,
    floor: impl Fn() -> B,
) -> Ratio {
    // Calibrate: how many calls of each fill a batch.
    let calls = |f: &dyn Fn()| {
        let start = Instant::now();
        let mut n = 0u64;
        while start.elapsed() < batch / 4 {
            f();
            n += 1;
        }
        (n * 4).max(1)
    };
    let run_library = || {
        black_box(library());
    };
    let run_floor = || {
        black_box(floor());
    };
    let (n_library, n_floor) = (calls(&run_library), calls(&run_floor));
    let time = |f: &dyn Fn(), n: u64| {
        let start = Instant::now();
        for _ in 0..n {
            f();
        }
        start.elapsed().as_nanos() as f64 / n as f64
    };
    let mut results: Vec<(f64, f64)> = (0..rounds.max(1))
        .map(|_| (time(&run_library, n_library), time(&run_floor, n_floor)))
        .collect();
    results.sort_by(|a, b| (a.0 / a.1).total_cmp(&(b.0 / b.1)));
    let (library_ns, floor_ns) = results[results.len() / 2];
    Ratio {
        library_ns,
        floor_ns,
        ratio: library_ns / floor_ns,
    }
}

/// Formats nanoseconds with a unit.
pub fn human(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

/// The 10 000 calls of a `RATIOS_ONLY` run (one side of a comparison alone, for instruction
/// counts), in a function of their own for callgrind's `--toggle-collect='*only_loop*'`.
#[inline(never)]
#[allow(dead_code)] // not every bench has a `RATIOS_ONLY` mode
pub fn only_loop(f: &dyn Fn()) {
    for _ in 0..10_000 {
        f();
    }
}
