//! A warm [`RemoteJwkSet`] against a local [`VerifyingKeySet`] with the same keys, as ratios
//! measured interleaved in one process (the median of 21 rounds; see
//! `tests/bench/interleaved.rs`), so that load on the machine does not skew them; and the
//! scaling of both over threads. Prints markdown tables.
//!
//! Run: `cargo bench -p jose-jwks --bench ratios`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use futures_util::FutureExt;
use jose_jwks::{JwtVerifierExt, RemoteJwkSet};
use jose_jws::{JwsAlgorithm, VerifyingKeyRequest, VerifyingKeyResolver, VerifyingKeySet};
use jose_jwt::{JwtVerifier, Validation};
use jose_test_server::IdentityProvider;

#[path = "../../../tests/bench/interleaved.rs"]
mod interleaved;

use interleaved::{compare, human};

struct Setup {
    _idp: IdentityProvider,
    token: String,
    verifier: JwtVerifier,
    local: VerifyingKeySet,
    remote: RemoteJwkSet,
}

fn setup(alg: JwsAlgorithm) -> Setup {
    let idp = IdentityProvider::http(alg).unwrap();
    idp.set_max_age(86_400);
    let token = idp.token("alice", "api").unwrap();
    let verifier = JwtVerifier::new(
        [alg],
        Validation::new().issuer(idp.issuer()).audience("api"),
    )
    .unwrap();
    let local = VerifyingKeySet::from_jwks(&idp.jwks(), &[alg]).unwrap();
    let remote = RemoteJwkSet::builder()
        .allow_http()
        .algorithms([alg])
        .build(idp.jwks_uri())
        .unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(remote.refresh()).unwrap();
    Setup {
        _idp: idp,
        token,
        verifier,
        local,
        remote,
    }
}

impl Setup {
    fn remote(&self) {
        let jwt = self
            .verifier
            .verify_async(black_box(&self.token), &self.remote)
            .now_or_never()
            .expect("a warm set never waits")
            .unwrap();
        black_box(jwt);
    }

    fn local(&self) {
        black_box(
            self.verifier
                .verify(black_box(&self.token), &self.local)
                .unwrap(),
        );
    }
}

/// Calls of `f` per second on `threads` threads together, over `window`.
fn throughput(threads: usize, window: Duration, f: &(dyn Fn() + Sync)) -> f64 {
    let calls = AtomicU64::new(0);
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut mine = 0u64;
                while start.elapsed() < window {
                    for _ in 0..16 {
                        f();
                    }
                    mine += 16;
                }
                calls.fetch_add(mine, Ordering::Relaxed);
            });
        }
    });
    calls.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64()
}

/// The median over `rounds` of the throughput on `threads` threads ÷ on one, for `f`; the
/// four measurements of a round (remote and local, 1 and N threads) run back to back.
fn scaling(
    rounds: usize,
    threads: usize,
    remote: &(dyn Fn() + Sync),
    local: &(dyn Fn() + Sync),
) -> (f64, f64) {
    let window = Duration::from_millis(100);
    let (mut r, mut l) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let r1 = throughput(1, window, remote);
        let l1 = throughput(1, window, local);
        let rn = throughput(threads, window, remote);
        let ln = throughput(threads, window, local);
        r.push(rn / r1);
        l.push(ln / l1);
    }
    r.sort_by(f64::total_cmp);
    l.sort_by(f64::total_cmp);
    (r[rounds / 2], l[rounds / 2])
}

fn main() {
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .max(2);
    let algs = [
        JwsAlgorithm::RS256,
        JwsAlgorithm::ES256,
        JwsAlgorithm::EdDSA,
    ];
    println!("| JWT verify | remote set | local set | ratio |");
    println!("|---|---:|---:|---:|");
    for alg in algs {
        let s = setup(alg);
        let r = compare(21, Duration::from_millis(60), || s.remote(), || s.local());
        println!(
            "| {} | {} | {} | {:.3} |",
            alg.as_str(),
            human(r.library_ns),
            human(r.floor_ns),
            r.ratio
        );
    }

    // The cache alone: finding the key, without the token or the signature.
    let s = setup(JwsAlgorithm::EdDSA);
    let kid = s.local.keys()[0].kid().unwrap().to_owned();
    let request = VerifyingKeyRequest::new(JwsAlgorithm::EdDSA, Some(&kid));
    let remote_key = || {
        black_box(
            s.remote
                .with_keys(|snapshot| Ok(snapshot.resolve(black_box(&request))?))
                .now_or_never()
                .unwrap()
                .unwrap(),
        )
    };
    let local_key = || black_box(s.local.resolve(black_box(&request)).unwrap());
    let r = compare(21, Duration::from_millis(20), remote_key, local_key);
    println!(
        "| key lookup only (EdDSA) | {} | {} | {:.3} |",
        human(r.library_ns),
        human(r.floor_ns),
        r.ratio
    );

    println!();
    println!("| {threads} threads ÷ 1 thread (throughput) | remote set | local set |");
    println!("|---|---:|---:|");
    for alg in [JwsAlgorithm::ES256, JwsAlgorithm::EdDSA] {
        let s = setup(alg);
        let (remote, local) = scaling(7, threads, &|| s.remote(), &|| s.local());
        println!("| {} verify | {remote:.2}× | {local:.2}× |", alg.as_str());
    }
    let (remote, local) = scaling(
        7,
        threads,
        &|| {
            remote_key();
        },
        &|| {
            local_key();
        },
    );
    println!("| key lookup only | {remote:.2}× | {local:.2}× |");
}
