//! Verification through a warm [`RemoteJwkSet`] against a local [`VerifyingKeySet`] with the
//! same keys (RS256, ES256, EdDSA), and the scaling of both over threads.
//!
//! `cargo bench -p jose-jwks --bench remote`. The identity provider is a local test server;
//! the set is fetched once before measuring, so only the cache's read path is measured.
#![allow(clippy::unwrap_used, clippy::expect_used)] // benchmark set-up fails by panicking

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use futures_util::FutureExt;
use jose_jwks::{JwtVerifierExt, RemoteJwkSet};
use jose_jws::{JwsAlgorithm, VerifyingKeySet};
use jose_jwt::{JwtVerifier, Validation};
use jose_test_server::IdentityProvider;

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

/// One verification through the warm remote set: the future is ready on its first poll.
fn verify_remote(s: &Setup) {
    let jwt = s
        .verifier
        .verify_async(black_box(&s.token), &s.remote)
        .now_or_never()
        .expect("a warm set never waits")
        .unwrap();
    black_box(jwt);
}

fn verify_local(s: &Setup) {
    black_box(s.verifier.verify(black_box(&s.token), &s.local).unwrap());
}

fn warm_vs_local(c: &mut Criterion) {
    for alg in [
        JwsAlgorithm::RS256,
        JwsAlgorithm::ES256,
        JwsAlgorithm::EdDSA,
    ] {
        let s = setup(alg);
        let mut group = c.benchmark_group(format!("warm/{}", alg.as_str()));
        group.bench_function("local", |b| b.iter(|| verify_local(&s)));
        group.bench_function("remote", |b| b.iter(|| verify_remote(&s)));
        group.finish();
    }
}

/// `iters` verifications on each of `threads` threads; the wall time.
fn on_threads(threads: usize, iters: u64, verify: &(dyn Fn() + Sync)) -> Duration {
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                for _ in 0..iters {
                    verify();
                }
            });
        }
    });
    start.elapsed()
}

/// Time per verification on each thread: N threads scale perfectly when it equals the
/// one-thread time (throughput N×).
fn scaling(c: &mut Criterion) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    for alg in [JwsAlgorithm::ES256, JwsAlgorithm::EdDSA] {
        let s = setup(alg);
        let mut group = c.benchmark_group(format!("threads/{}", alg.as_str()));
        for threads in [1, cores] {
            group.bench_function(format!("local/{threads}"), |b| {
                b.iter_custom(|iters| on_threads(threads, iters, &|| verify_local(&s)))
            });
            group.bench_function(format!("remote/{threads}"), |b| {
                b.iter_custom(|iters| on_threads(threads, iters, &|| verify_remote(&s)))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, warm_vs_local, scaling);
criterion_main!(benches);
