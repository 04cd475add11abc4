//! Bring your own HTTP client: a [`Fetcher`] of the application's, here one wrapping a
//! reqwest client of its own and counting requests.
#![allow(clippy::unwrap_used)] // test helpers fail by panicking

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{TestClock, builder, verifier};
use jose_jwks::{FetchFuture, FetchRequest, Fetcher, JwtVerifierExt, ReqwestFetcher};
use jose_jws::JwsAlgorithm;
use jose_test_server::IdentityProvider;

struct Counting {
    inner: ReqwestFetcher,
    calls: Arc<AtomicUsize>,
    accepts: Arc<std::sync::Mutex<Vec<String>>>,
}

impl Fetcher for Counting {
    fn fetch<'a>(&'a self, request: &'a FetchRequest) -> FetchFuture<'a> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.accepts.lock().unwrap().push(request.accept.to_owned());
        self.inner.fetch(request)
    }
}

#[tokio::test]
async fn a_fetcher_of_the_application() {
    let idp = IdentityProvider::http(JwsAlgorithm::ES256).unwrap();
    let calls = Arc::new(AtomicUsize::new(0));
    let accepts = Arc::new(std::sync::Mutex::new(Vec::new()));
    let fetcher = Counting {
        inner: ReqwestFetcher::from_client(reqwest::Client::new()),
        calls: Arc::clone(&calls),
        accepts: Arc::clone(&accepts),
    };
    let jwks = builder(&TestClock::new())
        .fetcher(fetcher)
        .discover(&idp.issuer())
        .await
        .unwrap();
    let token = idp.token("alice", "api").unwrap();
    verifier(&idp, JwsAlgorithm::ES256)
        .verify_async(&token, &jwks)
        .await
        .unwrap();
    assert_eq!(
        calls.load(Ordering::SeqCst),
        2,
        "discovery, then the JWK Set"
    );
    assert_eq!(
        *accepts.lock().unwrap(),
        [
            "application/json",
            "application/jwk-set+json, application/json"
        ]
    );
    assert_eq!(idp.jwks_hits(), 1);
}

/// A fetcher that tells when it is dropped (by holding a marker).
struct Marked {
    inner: ReqwestFetcher,
    _marker: Arc<()>,
}

impl Fetcher for Marked {
    fn fetch<'a>(&'a self, request: &'a FetchRequest) -> FetchFuture<'a> {
        self.inner.fetch(request)
    }
}

#[tokio::test]
async fn a_set_dropped_during_a_fetch_nobody_awaits_is_freed() {
    let idp = IdentityProvider::http(JwsAlgorithm::ES256).unwrap();
    idp.server()
        .set(idp.jwks_path(), jose_test_server::Answer::hang());
    let marker = Arc::new(());
    let jwks = builder(&TestClock::new())
        .fetcher(Marked {
            inner: ReqwestFetcher::from_client(reqwest::Client::new()),
            _marker: Arc::clone(&marker),
        })
        .build(idp.jwks_uri())
        .unwrap();
    let token = idp.token("alice", "api").unwrap();
    let verifier = verifier(&idp, JwsAlgorithm::ES256);
    // The caller gives up (a client went away) while the fetch hangs.
    let gave_up = tokio::time::timeout(
        std::time::Duration::from_millis(50),
        verifier.verify_async(&token, &jwks),
    )
    .await;
    assert!(gave_up.is_err());
    assert_eq!(idp.jwks_hits(), 1);
    drop(jwks);
    assert_eq!(
        Arc::strong_count(&marker),
        1,
        "the set and its fetcher are freed"
    );
}
