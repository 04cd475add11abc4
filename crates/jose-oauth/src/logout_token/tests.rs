use jose_b64::serde_json::{Value, json};
use jose_jws::JwsAlgorithm;
use jose_jwt::FixedClock;

use super::*;
use crate::test_util::{NOW, es256, sign_raw};

fn verifier() -> LogoutTokenVerifier {
    LogoutTokenVerifier::new([JwsAlgorithm::ES256], "https://op.example", "client-1")
        .unwrap()
        .clock(FixedClock::at_secs(NOW))
}

/// The claims of Back-Channel Logout 1.0 §2.4's example, at the tests' time.
fn claims() -> Value {
    json!({
        "iss": "https://op.example",
        "sub": "248289761001",
        "aud": "client-1",
        "iat": NOW - 1,
        "exp": NOW + 120,
        "jti": "bWJq",
        "sid": "08a5019c-17e1-4977-8f42-65a12843ea02",
        "events": { BACKCHANNEL_LOGOUT_EVENT: {} },
    })
}

fn with(changes: &[(&str, Value)]) -> Value {
    let mut c = claims();
    for (name, value) in changes {
        if value.is_null() {
            c.as_object_mut().unwrap().remove(*name);
        } else {
            c[*name] = value.clone();
        }
    }
    c
}

fn run(v: &LogoutTokenVerifier, typ: Option<&str>, claims: &Value) -> Result<LogoutToken, Error> {
    let (_, key) = es256();
    v.verify(&sign_raw(&key, typ, &[], claims), key.verifying_key())
}

#[test]
fn verifies() {
    let t = run(&verifier(), Some("logout+jwt"), &claims()).unwrap();
    assert_eq!(t.subject(), Some("248289761001"));
    assert_eq!(t.session_id(), Some("08a5019c-17e1-4977-8f42-65a12843ea02"));
    assert_eq!(t.jwt_id(), "bWJq");
    assert!(t.claims().contains_key("events") && t.jwt().signature().is_some());
    // sid alone, sub alone.
    assert!(
        run(
            &verifier(),
            Some("logout+jwt"),
            &with(&[("sub", Value::Null)])
        )
        .is_ok()
    );
    assert!(
        run(
            &verifier(),
            Some("logout+jwt"),
            &with(&[("sid", Value::Null)])
        )
        .is_ok()
    );
}

#[test]
fn requires_the_type_unless_allowed() {
    for typ in [None, Some("JWT")] {
        let e = run(&verifier(), typ, &claims()).unwrap_err();
        assert_eq!(e.code(), "ERR_OAUTH_TOKEN_TYPE");
        assert!(run(&verifier().allow_untyped(), typ, &claims()).is_ok());
    }
    let e = run(&verifier(), Some("at+jwt"), &claims()).unwrap_err();
    assert_eq!(e.code(), "ERR_OAUTH_TOKEN_TYPE");
}

#[test]
fn refuses_bad_events_nonce_and_missing_claims() {
    let t = Some("logout+jwt");
    for (changes, code, claim) in [
        (
            vec![("events", Value::Null)],
            "ERR_JWT_CLAIM_VALIDATION_FAILED",
            "events",
        ),
        (
            vec![("events", json!("logout"))],
            "ERR_OIDC_LOGOUT_EVENT_INVALID",
            "events",
        ),
        (
            vec![("events", json!({}))],
            "ERR_OIDC_LOGOUT_EVENT_INVALID",
            "events",
        ),
        (
            vec![("events", json!({ BACKCHANNEL_LOGOUT_EVENT: true }))],
            "ERR_OIDC_LOGOUT_EVENT_INVALID",
            "events",
        ),
        (
            vec![("nonce", json!("n"))],
            "ERR_OAUTH_INVALID_CLAIM",
            "nonce",
        ),
        (
            vec![("sid", Value::Null), ("sub", Value::Null)],
            "ERR_JWT_CLAIM_VALIDATION_FAILED",
            "sid",
        ),
        (vec![("sid", json!(1))], "ERR_OAUTH_INVALID_CLAIM", "sid"),
        (
            vec![("jti", Value::Null)],
            "ERR_JWT_CLAIM_VALIDATION_FAILED",
            "jti",
        ),
        (
            vec![("exp", Value::Null)],
            "ERR_JWT_CLAIM_VALIDATION_FAILED",
            "exp",
        ),
        (
            vec![("iat", json!(NOW - 601))],
            "ERR_JWT_CLAIM_VALIDATION_FAILED",
            "iat",
        ),
        (
            vec![("iss", json!("https://evil.example"))],
            "ERR_JWT_CLAIM_VALIDATION_FAILED",
            "iss",
        ),
        (
            vec![("aud", json!("client-2"))],
            "ERR_JWT_CLAIM_VALIDATION_FAILED",
            "aud",
        ),
    ] {
        let e = run(&verifier(), t, &with(&changes)).unwrap_err();
        assert_eq!(
            (e.code(), e.claim()),
            (code, Some(claim)),
            "{changes:?}: {e}"
        );
    }
}

#[test]
fn options() {
    let t = Some("logout+jwt");
    let no_exp = with(&[("exp", Value::Null)]);
    assert!(run(&verifier().allow_missing_expiration(), t, &no_exp).is_ok());
    let old = with(&[("iat", json!(NOW - 700))]);
    assert!(run(&verifier().max_token_age(Duration::from_secs(800)), t, &old).is_ok());
    let e = run(&verifier().leeway(Duration::from_secs(601)), t, &claims()).unwrap_err();
    assert_eq!(e.code(), "ERR_JOSE_CONFIGURATION");
    assert!(LogoutTokenVerifier::new([], "i", "c").is_err());
}
