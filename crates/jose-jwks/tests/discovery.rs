//! Discovery, https with a test CA, redirects, the issuer registry, the JWS path.

mod common;

use std::time::Duration;

use common::{TestClock, builder, verifier};
use jose_jwks::{Error, IssuerRegistry, JwtVerifierExt, RemoteJwkSet, VerifierExt};
use jose_jws::{JwsAlgorithm, Verifier};
use jose_test_server::{Answer, IdentityProvider};

#[tokio::test]
async fn discovery_finds_the_jwks_uri() {
    let idp = IdentityProvider::http(JwsAlgorithm::ES256).unwrap();
    let jwks = builder(&TestClock::new())
        .discover(&idp.issuer())
        .await
        .unwrap();
    assert_eq!(jwks.url(), idp.jwks_uri());
    let token = idp.token("alice", "api").unwrap();
    verifier(&idp, JwsAlgorithm::ES256)
        .verify_async(&token, &jwks)
        .await
        .unwrap();
}

#[tokio::test]
async fn discovery_falls_back_to_rfc8414() {
    let idp = IdentityProvider::http(JwsAlgorithm::ES256).unwrap();
    let issuer = idp.server().url("/tenant");
    idp.server().set(
        "/.well-known/oauth-authorization-server/tenant",
        Answer::json(format!(
            r#"{{"issuer":"{issuer}","jwks_uri":"{}"}}"#,
            idp.jwks_uri()
        )),
    );
    let jwks = builder(&TestClock::new()).discover(&issuer).await.unwrap();
    assert_eq!(jwks.url(), idp.jwks_uri());
    assert_eq!(
        idp.server()
            .hits("/tenant/.well-known/openid-configuration"),
        1
    );
}

#[tokio::test]
async fn a_discovery_document_for_another_issuer_is_refused() {
    let idp = IdentityProvider::http(JwsAlgorithm::ES256).unwrap();
    idp.server().set(
        "/.well-known/openid-configuration",
        Answer::json(format!(
            r#"{{"issuer":"https://evil.example","jwks_uri":"{}"}}"#,
            idp.jwks_uri()
        )),
    );
    let error = builder(&TestClock::new())
        .discover(&idp.issuer())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::IssuerMismatch { found, .. } if found == "https://evil.example"),
        "{error}"
    );
    assert_eq!(error.code(), "ERR_JWKS_ISSUER_MISMATCH");
    assert_eq!(idp.jwks_hits(), 0);

    idp.server().set(
        "/.well-known/openid-configuration",
        Answer::json(format!(r#"{{"issuer":"{}"}}"#, idp.issuer())),
    );
    let error = builder(&TestClock::new())
        .discover(&idp.issuer())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Discovery { .. }), "{error}");
    assert_eq!(error.code(), "ERR_JWKS_DISCOVERY_FAILED");

    // A jwks_uri over plain http is refused when http is not allowed.
    let error = RemoteJwkSet::discover(&idp.issuer()).await.unwrap_err();
    assert_eq!(error.code(), "ERR_JWKS_INSECURE_URL");
}

#[tokio::test]
async fn https_with_a_test_ca() {
    let idp = IdentityProvider::https(JwsAlgorithm::EdDSA).unwrap();
    let ca = idp.server().ca_pem().unwrap().to_owned();
    assert!(idp.issuer().starts_with("https://127.0.0.1:"));
    let jwks = RemoteJwkSet::builder()
        .add_root_certificate_pem(ca)
        .discover(&idp.issuer())
        .await
        .unwrap();
    let token = idp.token("alice", "api").unwrap();
    verifier(&idp, JwsAlgorithm::EdDSA)
        .verify_async(&token, &jwks)
        .await
        .unwrap();

    // Without the CA the handshake fails.
    let untrusted = RemoteJwkSet::new(idp.jwks_uri()).unwrap();
    let error = verifier(&idp, JwsAlgorithm::EdDSA)
        .verify_async(&token, &untrusted)
        .await
        .unwrap_err();
    assert!(error.is_connect(), "{error}");

    // A redirect from https to plain http is refused.
    let plain = IdentityProvider::http(JwsAlgorithm::EdDSA).unwrap();
    idp.server().set(
        "/moved",
        Answer::status(302).header("location", plain.jwks_uri()),
    );
    let ca = idp.server().ca_pem().unwrap().to_owned();
    let moved = RemoteJwkSet::builder()
        .add_root_certificate_pem(ca)
        .build(idp.server().url("/moved"))
        .unwrap();
    let error = verifier(&idp, JwsAlgorithm::EdDSA)
        .verify_async(&token, &moved)
        .await
        .unwrap_err();
    assert!(error.is_redirect(), "{error}");
    assert_eq!(plain.jwks_hits(), 0);
}

#[tokio::test]
async fn an_unknown_issuer_is_refused_without_a_fetch() {
    let a = IdentityProvider::http(JwsAlgorithm::ES256).unwrap();
    let b = IdentityProvider::http(JwsAlgorithm::ES256).unwrap();
    let mut registry = IssuerRegistry::new();
    registry.insert(
        a.issuer(),
        builder(&TestClock::new()).build(a.jwks_uri()).unwrap(),
    );
    let verifier = verifier(&a, JwsAlgorithm::ES256);
    verifier
        .verify_async(&a.token("alice", "api").unwrap(), &registry)
        .await
        .unwrap();

    let error = verifier
        .verify_async(&b.token("mallory", "api").unwrap(), &registry)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::UnknownIssuer { issuer } if *issuer == b.issuer()),
        "{error}"
    );
    assert_eq!(error.code(), "ERR_JWKS_UNKNOWN_ISSUER");
    assert_eq!(b.jwks_hits(), 0);
    let error = verifier
        .verify_async("not-a-token", &registry)
        .await
        .unwrap_err();
    assert!(error.to_string().contains("no \"iss\""), "{error}");
}

#[tokio::test]
async fn any_jws_verifies_through_the_remote_set() {
    let idp = IdentityProvider::http(JwsAlgorithm::ES256).unwrap();
    let jwks = builder(&TestClock::new()).build(idp.jwks_uri()).unwrap();
    let token = idp.token("alice", "api").unwrap();
    let verifier = Verifier::new([JwsAlgorithm::ES256]).unwrap();
    let verified = verifier.verify_compact_async(&token, &jwks).await.unwrap();
    assert!(!verified.payload().is_empty());
    let error = verifier
        .verify_compact_async("a.b.c", &jwks)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Jws(_)), "{error}");
}

#[test]
fn configuration_errors() {
    assert_eq!(
        RemoteJwkSet::new("http://idp.example/jwks")
            .unwrap_err()
            .code(),
        "ERR_JWKS_INSECURE_URL"
    );
    for (builder, url) in [
        (RemoteJwkSet::builder(), "idp.example/jwks"),
        (RemoteJwkSet::builder(), "https:///jwks"),
        (
            RemoteJwkSet::builder().algorithms([]),
            "https://idp.example/jwks",
        ),
        (
            RemoteJwkSet::builder().max_age_bounds(Duration::from_secs(2), Duration::from_secs(1)),
            "https://idp.example/jwks",
        ),
        (
            RemoteJwkSet::builder().add_root_certificate_pem("not pem"),
            "https://idp.example/jwks",
        ),
    ] {
        let error = builder.build(url).unwrap_err();
        assert!(
            matches!(error, Error::Configuration { .. }),
            "{url}: {error}"
        );
        assert_eq!(error.code(), "ERR_JOSE_CONFIGURATION");
    }
}
