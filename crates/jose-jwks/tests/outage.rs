//! A failing provider: errors, timeouts, hanging, oversized or malformed answers, refused
//! connections; the last good set serves meanwhile (stale-if-error) and retries back off.
#![allow(clippy::unwrap_used)] // test helpers fail by panicking

mod common;

use std::time::Duration;

use common::{TestClock, builder, verifier};
use jose_jwks::{Error, JwtVerifierExt};
use jose_jws::JwsAlgorithm;
use jose_test_server::{Answer, IdentityProvider, TestServer};

/// The error of a first (cold) fetch of `answer`.
async fn cold_error(
    answer: Answer,
    configure: impl FnOnce(jose_jwks::RemoteJwkSetBuilder) -> jose_jwks::RemoteJwkSetBuilder,
) -> Error {
    let idp = IdentityProvider::http(JwsAlgorithm::ES256).unwrap();
    idp.server().set(idp.jwks_path(), answer);
    let clock = TestClock::new();
    let jwks = configure(builder(&clock)).build(idp.jwks_uri()).unwrap();
    let token = idp.token("alice", "api").unwrap();
    let error = verifier(&idp, JwsAlgorithm::ES256)
        .verify_async(&token, &jwks)
        .await
        .unwrap_err();
    assert!(error.is_provider_failure(), "{error}");
    assert!(!error.is_unknown_key());
    assert_eq!(jwks.status().consecutive_failures, 1);
    error
}

#[tokio::test]
async fn a_server_error_is_reported() {
    let error = cold_error(Answer::status(500), |b| b).await;
    assert!(
        matches!(error, Error::Status { status: 500, .. }),
        "{error}"
    );
    assert_eq!(error.code(), "ERR_JWKS_FETCH_FAILED");
}

#[tokio::test]
async fn a_hanging_server_times_out() {
    let error = cold_error(Answer::hang(), |b| b.timeout(Duration::from_millis(300))).await;
    assert!(error.is_timeout(), "{error}");
    assert_eq!(error.code(), "ERR_JWKS_TIMEOUT");
    assert!(std::error::Error::source(&error).is_some());
}

#[tokio::test]
async fn a_ten_megabyte_body_is_refused() {
    let body = format!(
        r#"{{"keys":[],"padding":"{}"}}"#,
        "x".repeat(10 * 1024 * 1024)
    );
    let error = cold_error(Answer::json(body), |b| b).await;
    assert!(
        matches!(error, Error::TooLarge { limit: 524_288, .. }),
        "{error}"
    );
    assert_eq!(error.code(), "ERR_JWKS_INVALID");
}

#[tokio::test]
async fn a_wrong_content_type_is_refused() {
    let idp = IdentityProvider::http(JwsAlgorithm::ES256).unwrap();
    let json = idp.jwks().to_json();
    let error = cold_error(Answer::json(json).content_type("text/html"), |b| b).await;
    assert!(
        matches!(&error, Error::ContentType { content_type, .. } if content_type == "text/html"),
        "{error}"
    );
}

#[tokio::test]
async fn the_jwk_set_media_type_is_accepted() {
    let idp = IdentityProvider::http(JwsAlgorithm::ES256).unwrap();
    let json = idp.jwks().to_json();
    idp.server().set(
        idp.jwks_path(),
        Answer::json(json).content_type("application/jwk-set+json; charset=utf-8"),
    );
    let jwks = builder(&TestClock::new()).build(idp.jwks_uri()).unwrap();
    let token = idp.token("alice", "api").unwrap();
    verifier(&idp, JwsAlgorithm::ES256)
        .verify_async(&token, &jwks)
        .await
        .unwrap();
}

#[tokio::test]
async fn malformed_json_is_refused() {
    for body in [r#"{"keys":[}"#, r#"{"keys":[],"keys":[]}"#, "[]"] {
        let error = cold_error(Answer::json(body), |b| b).await;
        assert!(
            matches!(error, Error::InvalidJwkSet { .. }),
            "{body}: {error}"
        );
    }
}

#[tokio::test]
async fn a_set_with_one_invalid_key_keeps_the_others_and_reports_it() {
    let idp = IdentityProvider::http(JwsAlgorithm::ES256).unwrap();
    let good = idp.jwks().to_json();
    let bad_key = r#"{"kty":"EC","crv":"P-256","kid":"off-curve","x":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","y":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#;
    let mixed = good.replacen(r#"{"keys":["#, &format!(r#"{{"keys":[{bad_key},"#), 1);
    idp.server()
        .set(idp.jwks_path(), Answer::json(mixed.clone()));
    let clock = TestClock::new();
    let jwks = builder(&clock).build(idp.jwks_uri()).unwrap();
    let token = idp.token("alice", "api").unwrap();
    verifier(&idp, JwsAlgorithm::ES256)
        .verify_async(&token, &jwks)
        .await
        .unwrap();
    let status = jwks.status();
    assert_eq!(status.skipped.len(), 1, "{:?}", status.skipped);
    assert!(
        status.skipped[0].contains("off-curve"),
        "{:?}",
        status.skipped
    );

    // Strict mode refuses the set.
    let strict = builder(&clock).strict().build(idp.jwks_uri()).unwrap();
    let error = verifier(&idp, JwsAlgorithm::ES256)
        .verify_async(&token, &strict)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidJwkSet { .. }), "{error}");

    // A set where no key is usable is refused.
    idp.server().set(
        idp.jwks_path(),
        Answer::json(format!(r#"{{"keys":[{bad_key}]}}"#)),
    );
    let none = builder(&clock).build(idp.jwks_uri()).unwrap();
    let error = verifier(&idp, JwsAlgorithm::ES256)
        .verify_async(&token, &none)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::NoUsableKey { skipped, .. } if skipped.len() == 1),
        "{error}"
    );
}

#[tokio::test]
async fn a_refused_connection_is_reported() {
    let server = TestServer::http().unwrap();
    let url = server.url("/jwks.json");
    drop(server); // nothing listens on the port any more
    let jwks = builder(&TestClock::new()).build(url).unwrap();
    let idp = IdentityProvider::http(JwsAlgorithm::ES256).unwrap();
    let token = idp.token("alice", "api").unwrap();
    let error = verifier(&idp, JwsAlgorithm::ES256)
        .verify_async(&token, &jwks)
        .await
        .unwrap_err();
    assert!(error.is_connect(), "{error}");
    assert_eq!(error.code(), "ERR_JWKS_FETCH_FAILED");

    // Within the back-off, no new attempt: the last error, with the wait.
    let again = verifier(&idp, JwsAlgorithm::ES256)
        .verify_async(&token, &jwks)
        .await
        .unwrap_err();
    assert!(matches!(again, Error::BackingOff { .. }), "{again}");
    assert!(again.is_connect());
}

#[tokio::test]
async fn errors_and_timeouts_during_a_rotation_keep_the_last_good_set() {
    let idp = IdentityProvider::http(JwsAlgorithm::ES256).unwrap();
    let clock = TestClock::new();
    let jwks = builder(&clock)
        .timeout(Duration::from_millis(300))
        .build(idp.jwks_uri())
        .unwrap();
    let verifier = verifier(&idp, JwsAlgorithm::ES256);
    let old = idp.token("alice", "api").unwrap();
    verifier.verify_async(&old, &jwks).await.unwrap();

    // The provider rotates but fails to serve: a 500, then a timeout.
    idp.rotate().unwrap();
    let new = idp.token("bob", "api").unwrap();
    idp.server().push(idp.jwks_path(), Answer::status(500));
    idp.server().push(idp.jwks_path(), Answer::hang());
    clock.advance(301); // expired: a fetch is due, and fails; the stale set serves
    verifier.verify_async(&old, &jwks).await.unwrap();
    assert_eq!(jwks.status().consecutive_failures, 1);
    assert!(!jwks.status().fresh && jwks.status().usable);
    // Within the back-off: no request, the stale set serves.
    verifier.verify_async(&old, &jwks).await.unwrap();
    assert_eq!(idp.jwks_hits(), 2);
    // The new key's token is unknown, and the cooldown/back-off allow no refetch yet.
    assert!(
        verifier
            .verify_async(&new, &jwks)
            .await
            .unwrap_err()
            .is_unknown_key()
    );

    clock.advance(2); // the back-off (1 s) has passed: the next attempt times out
    verifier.verify_async(&old, &jwks).await.unwrap();
    assert_eq!(jwks.status().consecutive_failures, 2);
    assert!(jwks.status().last_error.unwrap().is_timeout());

    clock.advance(3); // the back-off (2 s) has passed: the provider answers again
    verifier.verify_async(&new, &jwks).await.unwrap();
    assert_eq!(jwks.status().kids, ["key-2"]);
    assert_eq!(jwks.status().consecutive_failures, 0);
    assert_eq!(idp.jwks_hits(), 4);
}

#[tokio::test]
async fn the_stale_set_ends_with_its_window() {
    let idp = IdentityProvider::http(JwsAlgorithm::ES256).unwrap();
    let clock = TestClock::new();
    let jwks = builder(&clock)
        .stale_if_error(Duration::from_secs(3600))
        .build(idp.jwks_uri())
        .unwrap();
    let verifier = verifier(&idp, JwsAlgorithm::ES256);
    let token = idp.token("alice", "api").unwrap();
    verifier.verify_async(&token, &jwks).await.unwrap();

    idp.server().set(idp.jwks_path(), Answer::status(503));
    clock.advance(300 + 3599);
    verifier.verify_async(&token, &jwks).await.unwrap();
    clock.advance(2);
    let error = verifier.verify_async(&token, &jwks).await.unwrap_err();
    assert!(
        matches!(error, Error::Status { status: 503, .. }),
        "{error}"
    );
    assert!(!jwks.status().usable);
}
