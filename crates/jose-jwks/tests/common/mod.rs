//! Helpers shared by the integration tests: a clock the test moves, a verifier for a test
//! identity provider, and a bounded wait for background work.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers fail by panicking
#![allow(dead_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use jose_jwks::RemoteJwkSetBuilder;
use jose_jws::JwsAlgorithm;
use jose_jwt::{JwtVerifier, Validation};
use jose_test_server::IdentityProvider;

/// A clock for the cache that moves only when the test says so (seconds).
#[derive(Clone)]
pub struct TestClock {
    base: SystemTime,
    offset: Arc<AtomicU64>,
}

impl TestClock {
    pub fn new() -> Self {
        Self {
            base: SystemTime::now(),
            offset: Arc::new(AtomicU64::new(0)),
        }
    }

    pub fn advance(&self, secs: u64) {
        self.offset.fetch_add(secs, Ordering::SeqCst);
    }

    pub fn clock(&self) -> impl Fn() -> SystemTime + Send + Sync + 'static {
        let (base, offset) = (self.base, Arc::clone(&self.offset));
        move || base + Duration::from_secs(offset.load(Ordering::SeqCst))
    }
}

/// A verifier for `idp`'s tokens for the audience "api".
pub fn verifier(idp: &IdentityProvider, alg: JwsAlgorithm) -> JwtVerifier {
    JwtVerifier::new(
        [alg],
        Validation::new().issuer(idp.issuer()).audience("api"),
    )
    .expect("verifier")
}

/// A builder for `idp`'s JWK Set with plain http and the test's clock.
pub fn builder(clock: &TestClock) -> RemoteJwkSetBuilder {
    RemoteJwkSetBuilder::new()
        .allow_http()
        .clock(clock.clock())
        .timeout(Duration::from_secs(5))
}

/// Waits (at most 5 s, in 10 ms steps) until `done` holds.
pub async fn eventually(what: &str, done: impl Fn() -> bool) {
    for _ in 0..500 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for {what}");
}
