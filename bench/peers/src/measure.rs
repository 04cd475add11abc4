//! Timing: batches calibrated to a wall time, rounds that go round-robin over every
//! (workload, contender) pair, a stack offset that changes from batch to batch, and the
//! multi-threaded throughput of one shared verifier.

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// One timed operation; returns a witness that is consumed so nothing is optimised away.
pub type Op = Arc<dyn Fn() -> usize + Send + Sync>;

/// Calls in a batch of about `target`.
pub fn calibrate(op: &Op, target: Duration) -> u64 {
    // Warm up (caches, lazy tables), then double until a batch takes a tenth of the target.
    for _ in 0..3 {
        black_box(op());
    }
    let mut n = 1u64;
    loop {
        let start = Instant::now();
        for _ in 0..n {
            black_box(op());
        }
        let elapsed = start.elapsed();
        if elapsed >= target / 10 || n >= 1 << 30 {
            let per_call = elapsed.as_secs_f64() / n as f64;
            return ((target.as_secs_f64() / per_call.max(1e-12)) as u64).max(1);
        }
        n *= 2;
    }
}

/// Runs `n` calls of `op` with the stack moved down by one of eight offsets (`slot`), and
/// returns nanoseconds per call. Layout effects (alignment of the stack frames and of what
/// they point at) move a single measurement by 10–40 %; changing the offset between batches
/// spreads them over the rounds instead of fixing one for the whole process.
pub fn batch(op: &Op, n: u64, slot: usize) -> f64 {
    let mut run = || {
        let start = Instant::now();
        for _ in 0..n {
            black_box(op());
        }
        start.elapsed().as_nanos() as f64 / n as f64
    };
    match slot % 8 {
        0 => at_offset::<0>(&mut run),
        1 => at_offset::<40>(&mut run),
        2 => at_offset::<136>(&mut run),
        3 => at_offset::<264>(&mut run),
        4 => at_offset::<520>(&mut run),
        5 => at_offset::<1096>(&mut run),
        6 => at_offset::<2120>(&mut run),
        _ => at_offset::<3208>(&mut run),
    }
}

#[inline(never)]
fn at_offset<const N: usize>(run: &mut dyn FnMut() -> f64) -> f64 {
    let pad = [0u8; N];
    black_box(&pad);
    let ns = run();
    black_box(&pad);
    ns
}

/// The median of `values` (which it sorts); `NaN` when empty.
pub fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => values.get(n / 2).copied().unwrap_or(f64::NAN),
        _ => {
            let lo = values.get(n / 2 - 1).copied().unwrap_or(f64::NAN);
            let hi = values.get(n / 2).copied().unwrap_or(f64::NAN);
            (lo + hi) / 2.0
        }
    }
}

/// Operations per second of `threads` threads calling the shared `op` for `duration`.
pub fn throughput(op: &Op, threads: usize, duration: Duration) -> f64 {
    let stop = AtomicBool::new(false);
    let total = AtomicU64::new(0);
    let barrier = std::sync::Barrier::new(threads + 1);
    let start = std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                barrier.wait();
                let mut count = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    for _ in 0..8 {
                        black_box(op());
                    }
                    count += 8;
                }
                total.fetch_add(count, Ordering::Relaxed);
            });
        }
        barrier.wait();
        let start = Instant::now();
        std::thread::sleep(duration);
        stop.store(true, Ordering::Relaxed);
        start
    });
    // Every thread has finished its last chunk and joined: all counted calls took place
    // within `elapsed`.
    total.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64()
}
