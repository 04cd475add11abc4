use jose_b64::serde_json::{Value, json};
use jose_jws::JwsAlgorithm;
use jose_jwt::{FixedClock, Validation};

use super::*;
use crate::test_util::{NOW, es256, sign_raw};

fn verifier() -> AccessTokenVerifier {
    AccessTokenVerifier::new(
        [JwsAlgorithm::ES256],
        Validation::new()
            .issuer("https://as.example")
            .audience("https://api.example")
            .clock(FixedClock::at_secs(NOW)),
    )
    .unwrap()
}

fn claims() -> Value {
    json!({
        "iss": "https://as.example",
        "sub": "alice",
        "aud": "https://api.example",
        "client_id": "app-1",
        "iat": NOW - 10,
        "exp": NOW + 300,
        "jti": "j-1",
        "scope": "read write",
    })
}

fn without(claim: &str) -> Value {
    let mut c = claims();
    c.as_object_mut().unwrap().remove(claim);
    c
}

#[test]
fn issues_and_verifies() {
    let (jwk, key) = es256();
    let cnf = Confirmation::thumbprint_of(&jwk);
    let builder = AccessTokenBuilder::new(
        "https://as.example",
        "alice",
        "https://api.example",
        "app-1",
    )
    .scopes(["read", "write"])
    .confirmation(&cnf)
    .claim("acr", "urn:mace:incommon:iap:silver")
    .clock(FixedClock::at_secs(NOW));
    let token = builder.sign(&key).unwrap();
    let at = verifier()
        .require_scopes(["read"])
        .verify(&token, key.verifying_key())
        .unwrap();
    assert_eq!(at.jwt().header()["typ"], "at+jwt");
    assert_eq!(
        (at.issuer(), at.subject(), at.client_id()),
        ("https://as.example", "alice", "app-1")
    );
    assert_eq!(at.scope().to_string(), "read write");
    assert_eq!(at.confirmation(), Some(&cnf));
    assert_eq!(at.expires_at().unwrap().secs(), NOW + 300);
    assert_eq!(at.claims()["acr"], "urn:mace:incommon:iap:silver");
    assert_eq!(at.jwt_id().len(), 22);
    assert!(at.require_scopes(["write"]).is_ok());
    // A fresh jti for each token; a set one is kept.
    let again = verifier()
        .verify(&builder.sign(&key).unwrap(), key.verifying_key())
        .unwrap();
    assert_ne!(again.jwt_id(), at.jwt_id());
    let fixed = builder.clone().jwt_id("fixed").sign(&key).unwrap();
    assert_eq!(
        verifier()
            .verify(&fixed, key.verifying_key())
            .unwrap()
            .jwt_id(),
        "fixed"
    );
    // Several audiences.
    let two = builder
        .clone()
        .audiences(["https://other.example", "https://api.example"])
        .expires_in(Duration::from_secs(60))
        .kid("k1")
        .sign(&key)
        .unwrap();
    let at = verifier().verify(&two, key.verifying_key()).unwrap();
    assert_eq!(at.expires_at().unwrap().secs(), NOW + 60);
    assert_eq!(at.jwt().header()["kid"], "k1");
}

#[test]
fn the_media_type_form_is_accepted() {
    let (_, key) = es256();
    let token = sign_raw(&key, Some("application/at+jwt"), &[], &claims());
    assert!(verifier().verify(&token, key.verifying_key()).is_ok());
}

#[test]
fn refuses_a_token_without_typ() {
    let (_, key) = es256();
    let token = sign_raw(&key, None, &[], &claims());
    let e = verifier().verify(&token, key.verifying_key()).unwrap_err();
    assert_eq!(e.code(), "ERR_OAUTH_TOKEN_TYPE");
    assert_eq!(
        e,
        Error::TokenType {
            found: None,
            expected: "expected \"at+jwt\"".into()
        }
    );
}

#[test]
fn refuses_typ_jwt_and_an_id_token() {
    let (_, key) = es256();
    for typ in ["JWT", "application/jwt", "logout+jwt", "dpop+jwt"] {
        let token = sign_raw(&key, Some(typ), &[], &claims());
        let e = verifier().verify(&token, key.verifying_key()).unwrap_err();
        assert_eq!(e.code(), "ERR_OAUTH_TOKEN_TYPE", "{typ}");
    }
    // An ID token (no typ, or JWT; no client_id) offered as an access token.
    let id_token = json!({"iss": "https://as.example", "sub": "alice", "aud": "https://api.example",
        "iat": NOW, "exp": NOW + 60, "nonce": "n"});
    let e = verifier()
        .verify(
            &sign_raw(&key, Some("JWT"), &[], &id_token),
            key.verifying_key(),
        )
        .unwrap_err();
    assert_eq!(e.code(), "ERR_OAUTH_TOKEN_TYPE");
}

#[test]
fn refuses_a_token_without_client_id() {
    let (_, key) = es256();
    let token = sign_raw(&key, Some("at+jwt"), &[], &without("client_id"));
    let e = verifier().verify(&token, key.verifying_key()).unwrap_err();
    assert_eq!(e.code(), "ERR_JWT_CLAIM_VALIDATION_FAILED");
    assert_eq!(e.claim(), Some("client_id"));
}

#[test]
fn refuses_every_missing_required_claim() {
    let (_, key) = es256();
    for claim in ["iss", "exp", "aud", "sub", "iat", "jti"] {
        let token = sign_raw(&key, Some("at+jwt"), &[], &without(claim));
        let e = verifier().verify(&token, key.verifying_key()).unwrap_err();
        assert_eq!(e.code(), "ERR_JWT_CLAIM_VALIDATION_FAILED", "{claim}: {e}");
        assert_eq!(e.claim(), Some(claim), "{e}");
    }
}

#[test]
fn refuses_claims_of_the_wrong_form() {
    let (_, key) = es256();
    for (claim, value) in [
        ("client_id", json!(7)),
        ("scope", json!(["read"])),
        ("scope", json!("read  write")),
        ("cnf", json!({"jkt": 1})),
    ] {
        let mut c = claims();
        c[claim] = value;
        let token = sign_raw(&key, Some("at+jwt"), &[], &c);
        let e = verifier().verify(&token, key.verifying_key()).unwrap_err();
        assert_eq!(e.code(), "ERR_OAUTH_INVALID_CLAIM", "{claim}");
        assert_eq!(e.claim(), Some(claim));
    }
}

#[test]
fn refuses_missing_scopes() {
    let (_, key) = es256();
    let token = sign_raw(&key, Some("at+jwt"), &[], &claims());
    let e = verifier()
        .require_scopes(["read", "admin"])
        .verify(&token, key.verifying_key())
        .unwrap_err();
    assert_eq!(
        e,
        Error::InsufficientScope {
            missing: vec!["admin".into()]
        }
    );
    // No scope claim at all: no scope.
    let token = sign_raw(&key, Some("at+jwt"), &[], &without("scope"));
    let e = verifier()
        .require_scopes(["read"])
        .verify(&token, key.verifying_key())
        .unwrap_err();
    assert_eq!(e.code(), "ERR_OAUTH_INSUFFICIENT_SCOPE");
}

#[test]
fn refuses_the_wrong_issuer_audience_and_expiry() {
    let (_, key) = es256();
    for (claim, value, code) in [
        (
            "iss",
            json!("https://evil.example"),
            "ERR_JWT_CLAIM_VALIDATION_FAILED",
        ),
        (
            "aud",
            json!("https://other.example"),
            "ERR_JWT_CLAIM_VALIDATION_FAILED",
        ),
        ("exp", json!(NOW - 1), "ERR_JWT_EXPIRED"),
    ] {
        let mut c = claims();
        c[claim] = value;
        let e = verifier()
            .verify(
                &sign_raw(&key, Some("at+jwt"), &[], &c),
                key.verifying_key(),
            )
            .unwrap_err();
        assert_eq!(e.code(), code, "{claim}");
    }
}

#[test]
fn the_builder_reports_its_first_error() {
    let (_, key) = es256();
    let e = AccessTokenBuilder::new("i", "s", "a", "c")
        .scopes(["ok", "not ok"])
        .scopes(["also\"bad"])
        .sign(&key)
        .unwrap_err();
    assert_eq!(e.code(), "ERR_OAUTH_INVALID_CLAIM");
    assert!(e.to_string().contains("space"), "{e}");
    let e = AccessTokenBuilder::new("i", "s", "a", "c")
        .claim("exp", "soon")
        .sign(&key)
        .unwrap_err();
    assert_eq!(e.code(), "ERR_JOSE_CONFIGURATION");
    assert!(AccessTokenVerifier::new([], Validation::new()).is_err());
}

#[test]
fn a_certificate_bound_token_is_accepted() {
    let (_, key) = es256();
    let mut c = claims();
    c["cnf"] = json!({"x5t#S256": "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2"});
    let at = verifier()
        .verify(
            &sign_raw(&key, Some("at+jwt"), &[], &c),
            key.verifying_key(),
        )
        .unwrap();
    assert_eq!(at.confirmation().unwrap().members().len(), 1);
}
