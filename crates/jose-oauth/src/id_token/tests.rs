use jose_b64::serde_json::{Value, json};
use jose_jwk::{Jwk, KeySpec, OkpCurve};
use jose_jws::{JwsAlgorithm, SigningKey};
use jose_jwt::FixedClock;

use super::*;
use crate::test_util::{NOW, es256, sign_raw};

const AT: &str = "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y";
const CODE: &str = "Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk";

fn verifier() -> IdTokenVerifier {
    IdTokenVerifier::new(
        [JwsAlgorithm::ES256, JwsAlgorithm::EdDSA],
        "https://op.example",
        "client-1",
    )
    .unwrap()
    .clock(FixedClock::at_secs(NOW))
}

fn claims() -> Value {
    json!({
        "iss": "https://op.example",
        "sub": "248289761001",
        "aud": "client-1",
        "nonce": "n-0S6_WzA2Mj",
        "iat": NOW - 5,
        "exp": NOW + 300,
        "auth_time": NOW - 60,
        "acr": "urn:acr:mfa",
        "sid": "s-1",
        "at_hash": token_hash(JwsAlgorithm::ES256, AT).unwrap(),
        "c_hash": token_hash(JwsAlgorithm::ES256, CODE).unwrap(),
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

fn full_context() -> IdTokenContext {
    IdTokenContext::new()
        .nonce("n-0S6_WzA2Mj")
        .max_age(Duration::from_secs(300))
        .acr_values(["urn:acr:mfa", "urn:acr:pwd"])
        .access_token(AT)
        .code(CODE)
}

fn refused(claims: &Value, context: &IdTokenContext) -> Error {
    let (_, key) = es256();
    verifier()
        .verify(
            &sign_raw(&key, None, &[], claims),
            key.verifying_key(),
            context,
        )
        .unwrap_err()
}

#[test]
fn verifies_every_rule() {
    let (_, key) = es256();
    for typ in [None, Some("JWT")] {
        let token = sign_raw(&key, typ, &[], &claims());
        let id = verifier()
            .verify(&token, key.verifying_key(), &full_context())
            .unwrap();
        assert_eq!(
            (id.subject(), id.issuer()),
            ("248289761001", "https://op.example")
        );
        assert_eq!(id.nonce(), Some("n-0S6_WzA2Mj"));
        assert_eq!(id.acr(), Some("urn:acr:mfa"));
        assert_eq!(id.session_id(), Some("s-1"));
        assert_eq!(id.auth_time(), Some(NOW - 60));
        assert_eq!(id.authorized_party(), None);
        assert_eq!(id.claims()["aud"], "client-1");
        assert!(id.jwt().signature().is_some());
    }
    // Nothing sent: nothing of the context checked.
    let token = sign_raw(&key, None, &[], &with(&[("nonce", Value::Null)]));
    assert!(
        verifier()
            .verify(&token, key.verifying_key(), &IdTokenContext::new())
            .is_ok()
    );
}

#[test]
fn refuses_a_wrong_or_missing_nonce() {
    let e = refused(&with(&[("nonce", json!("other"))]), &full_context());
    assert_eq!(e.code(), "ERR_OIDC_NONCE_MISMATCH");
    let e = refused(&with(&[("nonce", Value::Null)]), &full_context());
    assert_eq!(
        (e.code(), e.claim()),
        ("ERR_JWT_CLAIM_VALIDATION_FAILED", Some("nonce"))
    );
    let e = refused(&with(&[("nonce", json!(5))]), &full_context());
    assert_eq!(
        (e.code(), e.claim()),
        ("ERR_OAUTH_INVALID_CLAIM", Some("nonce"))
    );
}

#[test]
fn refuses_several_audiences_without_azp() {
    let (_, key) = es256();
    let two = with(&[("aud", json!(["client-1", "api-2"]))]);
    let trusting = verifier().trusted_audiences(["api-2"]);
    let e = trusting
        .verify(
            &sign_raw(&key, None, &[], &two),
            key.verifying_key(),
            &full_context(),
        )
        .unwrap_err();
    assert_eq!(e.code(), "ERR_OIDC_AZP_INVALID");
    assert!(e.to_string().contains("several audiences"), "{e}");
    // With azp = the client: accepted.
    let mut with_azp = two.clone();
    with_azp["azp"] = json!("client-1");
    let id = trusting
        .verify(
            &sign_raw(&key, None, &[], &with_azp),
            key.verifying_key(),
            &full_context(),
        )
        .unwrap();
    assert_eq!(id.authorized_party(), Some("client-1"));
    // An azp that is another client, even with one audience.
    let e = refused(&with(&[("azp", json!("client-2"))]), &full_context());
    assert_eq!(e.code(), "ERR_OIDC_AZP_INVALID");
    // An audience the client does not trust.
    let e = verifier()
        .verify(
            &sign_raw(&key, None, &[], &with_azp),
            key.verifying_key(),
            &full_context(),
        )
        .unwrap_err();
    assert_eq!(
        (e.code(), e.claim()),
        ("ERR_JWT_CLAIM_VALIDATION_FAILED", Some("aud"))
    );
    // Not for this client at all.
    let e = refused(&with(&[("aud", json!("client-2"))]), &full_context());
    assert_eq!(e.claim(), Some("aud"));
}

#[test]
fn refuses_a_wrong_at_hash() {
    let other = token_hash(JwsAlgorithm::ES256, "another token").unwrap();
    let e = refused(&with(&[("at_hash", json!(other))]), &full_context());
    assert_eq!(
        (e.code(), e.claim()),
        ("ERR_OIDC_TOKEN_HASH_MISMATCH", Some("at_hash"))
    );
    let e = refused(&with(&[("c_hash", json!(other))]), &full_context());
    assert_eq!(
        (e.code(), e.claim()),
        ("ERR_OIDC_TOKEN_HASH_MISMATCH", Some("c_hash"))
    );
}

#[test]
fn refuses_an_at_hash_of_the_wrong_length() {
    use sha2::Digest;
    // The whole SHA-256 hash, whose left half is right: refused, not prefix-matched.
    let whole = jose_b64::base64url::encode(sha2::Sha256::digest(AT.as_bytes()));
    let e = refused(&with(&[("at_hash", json!(whole))]), &full_context());
    assert_eq!(e.code(), "ERR_OIDC_TOKEN_HASH_MISMATCH");
    assert!(e.to_string().contains("32 bytes"), "{e}");
}

#[test]
fn at_hash_is_required_from_the_authorization_endpoint_only() {
    let no_at_hash = with(&[("at_hash", Value::Null)]);
    let e = refused(&no_at_hash, &full_context());
    assert_eq!(e.claim(), Some("at_hash"));
    let (_, key) = es256();
    let token = sign_raw(&key, None, &[], &no_at_hash);
    let context = IdTokenContext::new().token_endpoint_access_token(AT);
    assert!(
        verifier()
            .verify(&token, key.verifying_key(), &context)
            .is_ok()
    );
    // …but checked when present.
    let token = sign_raw(
        &key,
        None,
        &[],
        &with(&[("at_hash", json!("AAAAAAAAAAAAAAAAAAAAAA"))]),
    );
    assert!(
        verifier()
            .verify(&token, key.verifying_key(), &context)
            .is_err()
    );
    let e = refused(&with(&[("c_hash", Value::Null)]), &full_context());
    assert_eq!(e.claim(), Some("c_hash"));
}

#[test]
fn eddsa_hashes_with_sha_512() {
    let jwk = Jwk::generate(KeySpec::Okp(OkpCurve::Ed25519)).unwrap();
    let key = SigningKey::from_jwk(&jwk, JwsAlgorithm::EdDSA).unwrap();
    let c = with(&[
        (
            "at_hash",
            json!(token_hash(JwsAlgorithm::EdDSA, AT).unwrap()),
        ),
        (
            "c_hash",
            json!(token_hash(JwsAlgorithm::EdDSA, CODE).unwrap()),
        ),
    ]);
    let token = sign_raw(&key, None, &[], &c);
    assert!(
        verifier()
            .verify(&token, key.verifying_key(), &full_context())
            .is_ok()
    );
    // The SHA-256 value (another algorithm's hash) is refused.
    let token = sign_raw(&key, None, &[], &claims());
    let e = verifier()
        .verify(&token, key.verifying_key(), &full_context())
        .unwrap_err();
    assert_eq!(e.code(), "ERR_OIDC_TOKEN_HASH_MISMATCH");
}

#[test]
fn refuses_old_authentication_and_other_acr() {
    let e = refused(&with(&[("auth_time", json!(NOW - 301))]), &full_context());
    assert_eq!(e.code(), "ERR_OIDC_AUTH_TIME_TOO_OLD");
    let e = refused(&with(&[("auth_time", Value::Null)]), &full_context());
    assert_eq!(e.claim(), Some("auth_time"));
    let e = refused(&with(&[("auth_time", json!("yesterday"))]), &full_context());
    assert_eq!(e.code(), "ERR_OAUTH_INVALID_CLAIM");
    let e = refused(&with(&[("acr", json!("urn:acr:none"))]), &full_context());
    assert_eq!(e.code(), "ERR_OIDC_ACR_NOT_ACCEPTED");
    let e = refused(&with(&[("acr", Value::Null)]), &full_context());
    assert_eq!(e.code(), "ERR_OIDC_ACR_NOT_ACCEPTED");
    // With a leeway, a little older is fine.
    let (_, key) = es256();
    let token = sign_raw(&key, None, &[], &with(&[("auth_time", json!(NOW - 301))]));
    let lenient = verifier().leeway(Duration::from_secs(5));
    assert!(
        lenient
            .verify(&token, key.verifying_key(), &full_context())
            .is_ok()
    );
}

#[test]
fn refuses_the_registered_claims_rules() {
    for (changes, code, claim) in [
        (
            vec![("iss", json!("https://op.example/"))],
            "ERR_JWT_CLAIM_VALIDATION_FAILED",
            "iss",
        ),
        (vec![("exp", json!(NOW))], "ERR_JWT_EXPIRED", "exp"),
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
            vec![("iat", json!(NOW + 60))],
            "ERR_JWT_CLAIM_VALIDATION_FAILED",
            "iat",
        ),
        (
            vec![("iat", Value::Null)],
            "ERR_JWT_CLAIM_VALIDATION_FAILED",
            "iat",
        ),
        (
            vec![("sub", Value::Null)],
            "ERR_JWT_CLAIM_VALIDATION_FAILED",
            "sub",
        ),
    ] {
        let e = refused(&with(&changes), &full_context());
        assert_eq!(
            (e.code(), e.claim()),
            (code, Some(claim)),
            "{changes:?}: {e}"
        );
    }
    // A longer maximum age.
    let (_, key) = es256();
    let token = sign_raw(&key, None, &[], &with(&[("iat", json!(NOW - 601))]));
    let v = verifier().max_token_age(Duration::from_secs(3600));
    assert!(
        v.verify(&token, key.verifying_key(), &full_context())
            .is_ok()
    );
}

#[test]
fn refuses_an_access_token_as_an_id_token() {
    let (_, key) = es256();
    let mut at = claims();
    at["client_id"] = json!("client-1");
    at["jti"] = json!("j");
    for typ in ["at+jwt", "application/at+jwt", "logout+jwt"] {
        let e = verifier()
            .verify(
                &sign_raw(&key, Some(typ), &[], &at),
                key.verifying_key(),
                &full_context(),
            )
            .unwrap_err();
        assert_eq!(e.code(), "ERR_OAUTH_TOKEN_TYPE", "{typ}");
    }
}

#[test]
fn configuration_errors() {
    assert!(IdTokenVerifier::new([], "i", "c").is_err());
    let (_, key) = es256();
    let token = sign_raw(&key, None, &[], &claims());
    let e = verifier()
        .leeway(Duration::from_secs(3600))
        .verify(&token, key.verifying_key(), &full_context())
        .unwrap_err();
    assert_eq!(e.code(), "ERR_JOSE_CONFIGURATION");
}
