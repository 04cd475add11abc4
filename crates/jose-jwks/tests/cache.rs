//! Freshness: `max-age`, conditional requests, refresh ahead, export/import.

mod common;

use common::{TestClock, builder, eventually, verifier};
use jose_jwks::{CachedJwks, JwtVerifierExt};
use jose_jws::JwsAlgorithm;
use jose_test_server::{Answer, IdentityProvider};

#[tokio::test]
async fn max_age_is_honoured_and_revalidated_with_etag() {
    let idp = IdentityProvider::http(JwsAlgorithm::ES256).unwrap();
    idp.set_max_age(600);
    let clock = TestClock::new();
    let jwks = builder(&clock).build(idp.jwks_uri()).unwrap();
    let verifier = verifier(&idp, JwsAlgorithm::ES256);
    let token = idp.token("alice", "api").unwrap();

    for _ in 0..10 {
        verifier.verify_async(&token, &jwks).await.unwrap();
    }
    assert_eq!(idp.jwks_hits(), 1, "one fetch for ten verifications");
    let first = jwks.snapshot().unwrap();
    assert_eq!(first.max_age().as_secs(), 600);

    clock.advance(599);
    // Past the refresh-ahead point (80 %): served from the cache, refreshed in the background
    // with If-None-Match, which the server answers with 304.
    verifier.verify_async(&token, &jwks).await.unwrap();
    eventually("the background refresh", || {
        jwks.snapshot().unwrap().fetched_at() > first.fetched_at()
    })
    .await;
    assert_eq!(idp.jwks_hits(), 2);
    assert_eq!(idp.server().not_modified(idp.jwks_path()), 1);
    assert_eq!(jwks.status().kids, ["key-1"]);
    assert_eq!(jwks.status().consecutive_failures, 0);

    // Long past expiry the set is fetched again; the same ETag gives 304 again.
    clock.advance(100_000);
    verifier.verify_async(&token, &jwks).await.unwrap();
    assert_eq!(idp.jwks_hits(), 3);
    assert_eq!(idp.server().not_modified(idp.jwks_path()), 2);
}

#[tokio::test]
async fn max_age_is_clamped_to_the_bounds() {
    let idp = IdentityProvider::http(JwsAlgorithm::EdDSA).unwrap();
    let clock = TestClock::new();
    let verifier = verifier(&idp, JwsAlgorithm::EdDSA);
    let token = idp.token("alice", "api").unwrap();

    idp.set_max_age(5);
    let jwks = builder(&clock).build(idp.jwks_uri()).unwrap();
    verifier.verify_async(&token, &jwks).await.unwrap();
    assert_eq!(
        jwks.snapshot().unwrap().max_age().as_secs(),
        300,
        "raised to 5 min"
    );

    idp.set_max_age(10_000_000);
    let jwks = builder(&clock).build(idp.jwks_uri()).unwrap();
    verifier.verify_async(&token, &jwks).await.unwrap();
    assert_eq!(
        jwks.snapshot().unwrap().max_age().as_secs(),
        86_400,
        "lowered to 24 h"
    );
}

#[tokio::test]
async fn an_exported_set_starts_a_new_instance_warm() {
    let idp = IdentityProvider::http(JwsAlgorithm::ES256).unwrap();
    let clock = TestClock::new();
    let verifier = verifier(&idp, JwsAlgorithm::ES256);
    let token = idp.token("alice", "api").unwrap();
    let jwks = builder(&clock).build(idp.jwks_uri()).unwrap();
    assert!(jwks.export().is_none());
    verifier.verify_async(&token, &jwks).await.unwrap();
    let exported = jwks.export().unwrap().to_json();

    let cached = CachedJwks::from_json(&exported).unwrap();
    let cold_start = builder(&clock)
        .import(cached.clone())
        .build(idp.jwks_uri())
        .unwrap();
    verifier.verify_async(&token, &cold_start).await.unwrap();
    assert_eq!(idp.jwks_hits(), 1, "the imported set needed no fetch");

    let elsewhere = builder(&clock)
        .import(cached)
        .build(idp.server().url("/other.json"));
    assert_eq!(elsewhere.unwrap_err().code(), "ERR_JOSE_CONFIGURATION");
    let garbage = CachedJwks::from_json(r#"{"url":"x"}"#).unwrap_err();
    assert_eq!(garbage.code(), "ERR_JOSE_CONFIGURATION");
}

#[tokio::test]
async fn a_refresh_ahead_never_makes_a_verification_wait() {
    let idp = IdentityProvider::http(JwsAlgorithm::ES256).unwrap();
    let clock = TestClock::new();
    let jwks = builder(&clock).build(idp.jwks_uri()).unwrap();
    let verifier = verifier(&idp, JwsAlgorithm::ES256);
    let token = idp.token("alice", "api").unwrap();
    verifier.verify_async(&token, &jwks).await.unwrap();
    let first = jwks.snapshot().unwrap();

    // The refresh ahead of expiry meets a server that never answers: verifications go on
    // with the cached set meanwhile (had one waited, it would return only after the fetch
    // timed out and was counted as a failure).
    idp.server().push(idp.jwks_path(), Answer::hang());
    clock.advance(250); // 80 % of the 300 s max-age
    for _ in 0..100 {
        verifier.verify_async(&token, &jwks).await.unwrap();
    }
    eventually("the refresh to start", || idp.jwks_hits() == 2).await;
    assert_eq!(jwks.status().consecutive_failures, 0);
    assert!(std::sync::Arc::ptr_eq(&jwks.snapshot().unwrap(), &first));
    assert_eq!(
        idp.jwks_hits(),
        2,
        "one refresh in flight for 100 verifications"
    );
}

#[tokio::test]
async fn last_modified_makes_a_conditional_request() {
    let idp = IdentityProvider::http(JwsAlgorithm::EdDSA).unwrap();
    let date = "Mon, 07 Dec 2026 04:00:00 GMT";
    idp.server().set(
        idp.jwks_path(),
        Answer::json(idp.jwks().to_json())
            .max_age(300)
            .last_modified(date),
    );
    let clock = TestClock::new();
    let jwks = builder(&clock).build(idp.jwks_uri()).unwrap();
    let verifier = verifier(&idp, JwsAlgorithm::EdDSA);
    let token = idp.token("alice", "api").unwrap();
    verifier.verify_async(&token, &jwks).await.unwrap();
    clock.advance(301);
    verifier.verify_async(&token, &jwks).await.unwrap();
    assert_eq!(idp.jwks_hits(), 2);
    assert_eq!(idp.server().not_modified(idp.jwks_path()), 1);
    assert_eq!(jwks.status().kids, ["key-1"]);
}
