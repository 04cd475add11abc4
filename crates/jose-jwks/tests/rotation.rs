//! Key rotation, the unknown-`kid` cooldown, and single flight under concurrency.
#![allow(clippy::unwrap_used)] // test helpers fail by panicking

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{TestClock, builder, verifier};
use jose_jwk::{EcCurve, Jwk, KeySpec};
use jose_jwks::{JwtVerifierExt, RemoteJwkSet};
use jose_jws::{JwsAlgorithm, SigningKey};
use jose_jwt::JwtBuilder;
use jose_test_server::{Answer, IdentityProvider};

#[tokio::test]
async fn a_new_kid_appears_and_the_old_one_disappears() {
    let idp = IdentityProvider::http(JwsAlgorithm::ES256).unwrap();
    let clock = TestClock::new();
    let jwks = builder(&clock).build(idp.jwks_uri()).unwrap();
    let verifier = verifier(&idp, JwsAlgorithm::ES256);
    let old = idp.token("alice", "api").unwrap();
    verifier.verify_async(&old, &jwks).await.unwrap();
    assert_eq!(jwks.status().kids, ["key-1"]);

    // The provider publishes key-2 beside key-1, then signs with it.
    idp.add_key().unwrap();
    let new = idp.token("bob", "api").unwrap();
    clock.advance(31); // past the cooldown since the first fetch
    assert_eq!(
        verifier.verify_async(&new, &jwks).await.unwrap().subject(),
        Some("bob")
    );
    assert_eq!(jwks.status().kids, ["key-1", "key-2"]);
    verifier.verify_async(&old, &jwks).await.unwrap();
    assert_eq!(idp.jwks_hits(), 2);

    // key-1 is withdrawn; once the set is refetched, its tokens no longer verify, and the
    // error says the key is unknown.
    idp.retire_oldest();
    clock.advance(10_000);
    verifier.verify_async(&new, &jwks).await.unwrap();
    assert_eq!(jwks.status().kids, ["key-2"]);
    let refused = verifier.verify_async(&old, &jwks).await.unwrap_err();
    assert!(refused.is_unknown_key(), "{refused}");
    assert_eq!(refused.code(), "ERR_JWKS_NO_MATCHING_KEY");
    assert!(!refused.is_provider_failure());
}

/// Tokens signed by a key the provider never published, with random `kid`s.
fn forged_tokens(idp: &IdentityProvider, count: usize) -> Vec<String> {
    let jwk = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
    (0..count)
        .map(|i| {
            let key = SigningKey::from_jwk(
                &jwk.clone().with_kid(format!("random-{i}")),
                JwsAlgorithm::ES256,
            )
            .unwrap();
            JwtBuilder::new()
                .issuer(idp.issuer())
                .audience("api")
                .expires_in(Duration::from_secs(300))
                .sign(&key)
                .unwrap()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ten_thousand_unknown_kids_within_the_cooldown_make_at_most_one_fetch() {
    let idp = IdentityProvider::http(JwsAlgorithm::ES256).unwrap();
    let clock = TestClock::new();
    let jwks = builder(&clock).build(idp.jwks_uri()).unwrap();
    let verifier = Arc::new(verifier(&idp, JwsAlgorithm::ES256));
    verifier
        .verify_async(&idp.token("alice", "api").unwrap(), &jwks)
        .await
        .unwrap();
    assert_eq!(idp.jwks_hits(), 1);

    // All at once, on four threads, once the cooldown since the first fetch has passed.
    let forged = forged_tokens(&idp, 10_000);
    clock.advance(31);
    let tasks: Vec<_> = forged
        .iter()
        .cloned()
        .map(|token| {
            let (jwks, verifier) = (jwks.clone(), Arc::clone(&verifier));
            tokio::spawn(async move { verifier.verify_async(&token, &jwks).await.unwrap_err() })
        })
        .collect();
    for task in tasks {
        let error = task.await.unwrap();
        assert!(error.is_unknown_key(), "{error}");
    }
    assert_eq!(idp.jwks_hits(), 2, "one refetch for 10,000 unknown kids");

    // The next cooldown allows one more.
    clock.advance(31);
    for token in forged.iter().take(100) {
        assert!(
            verifier
                .verify_async(token, &jwks)
                .await
                .unwrap_err()
                .is_unknown_key()
        );
    }
    assert_eq!(idp.jwks_hits(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_thousand_concurrent_verifications_on_a_cold_cache_make_one_fetch() {
    let idp = IdentityProvider::http(JwsAlgorithm::EdDSA).unwrap();
    // A slow answer, so that every verification arrives while the fetch is in flight.
    let json = idp.jwks().to_json();
    idp.server().push(
        idp.jwks_path(),
        Answer::json(json)
            .max_age(600)
            .delay(Duration::from_millis(200)),
    );
    let clock = TestClock::new();
    let jwks = builder(&clock).build(idp.jwks_uri()).unwrap();
    let verifier = Arc::new(verifier(&idp, JwsAlgorithm::EdDSA));
    let token: Arc<str> = idp.token("alice", "api").unwrap().into();

    let tasks: Vec<_> = (0..1000)
        .map(|_| {
            let (jwks, verifier, token) = (jwks.clone(), Arc::clone(&verifier), Arc::clone(&token));
            tokio::spawn(async move { verifier.verify_async(&token, &jwks).await.map(|_| ()) })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(idp.jwks_hits(), 1);
}

#[tokio::test]
async fn a_forced_refresh_fetches() {
    let idp = IdentityProvider::http(JwsAlgorithm::ES256).unwrap();
    let jwks = RemoteJwkSet::builder()
        .allow_http()
        .build(idp.jwks_uri())
        .unwrap();
    let snapshot = jwks.refresh().await.unwrap();
    assert_eq!(snapshot.kids(), ["key-1"]);
    idp.rotate().unwrap();
    assert_eq!(jwks.refresh().await.unwrap().kids(), ["key-2"]);
    assert_eq!(idp.jwks_hits(), 2);
}
