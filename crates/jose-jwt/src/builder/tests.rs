// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
use jose_b64::serde_json::json;
use jose_jws::{JwsAlgorithm, Verifier};

use super::*;
use crate::test_util::{NOW, clock, hs256};

fn claims_of(builder: &JwtBuilder) -> Value {
    serde_json::from_str(&builder.claims_json().unwrap()).unwrap()
}

#[test]
fn times_are_whole_seconds_from_the_clock() {
    let b = JwtBuilder::new()
        .clock(|| std::time::SystemTime::UNIX_EPOCH + Duration::from_millis(NOW * 1000 + 999))
        .issued_now()
        .expires_in(Duration::from_secs(900))
        .not_before_in(Duration::from_secs(5));
    assert_eq!(
        claims_of(&b),
        json!({"iat": NOW, "exp": NOW + 900, "nbf": NOW + 5})
    );
    let at = NumericDate::from_secs(7).unwrap();
    let b = JwtBuilder::new()
        .issued_at(at)
        .expires_at(at)
        .not_before(at);
    assert_eq!(claims_of(&b), json!({"iat": 7, "exp": 7, "nbf": 7}));
}

#[test]
fn registered_and_custom_claims() {
    #[derive(serde::Serialize)]
    struct Mine {
        role: &'static str,
        scopes: [&'static str; 2],
    }
    let b = JwtBuilder::new()
        .clock(clock())
        .issuer("i")
        .subject("s")
        .audience("a")
        .jwt_id("j")
        .claims(&Mine {
            role: "admin",
            scopes: ["read", "write"],
        })
        .unwrap()
        .claim("n", 1)
        .unwrap()
        .expires_in(Duration::from_secs(1));
    assert_eq!(
        claims_of(&b),
        json!({"iss":"i","sub":"s","aud":"a","jti":"j","role":"admin",
               "scopes":["read","write"],"n":1,"exp":NOW + 1})
    );
    let b = b.audiences(["x", "y"]);
    assert_eq!(claims_of(&b)["aud"], json!(["x", "y"]));
}

#[test]
fn a_token_must_expire_unless_told_otherwise() {
    let e = JwtBuilder::new().subject("s").sign(&hs256()).unwrap_err();
    assert_eq!(e.code(), "ERR_JOSE_CONFIGURATION");
    assert!(e.to_string().contains("without_expiration"), "{e}");
    let token = JwtBuilder::new()
        .subject("s")
        .without_expiration()
        .sign(&hs256())
        .unwrap();
    assert_eq!(token.split('.').count(), 3);
    // An exp among the application's claims counts.
    let b = JwtBuilder::new().claim("exp", NOW).unwrap();
    assert_eq!(claims_of(&b), json!({"exp": NOW}));
    // But not twice.
    let e = b
        .expires_in(Duration::from_secs(1))
        .claims_json()
        .unwrap_err();
    assert!(e.to_string().contains("set both"), "{e}");
}

#[test]
fn never_produces_what_verification_refuses() {
    for (name, value) in [
        ("exp", json!("9999999999")),
        ("exp", json!(-1)),
        ("nbf", json!(253_402_300_800u64)),
        ("aud", json!([])),
        ("aud", json!("")),
        ("iss", json!(1)),
        ("aud", json!(["a", 1])),
        ("sub", json!({"x": 1})),
        ("jti", json!(null)),
        ("iat", json!(-1.5)),
    ] {
        let e = JwtBuilder::new()
            .without_expiration()
            .claim(name, value.clone())
            .unwrap()
            .claims_json()
            .unwrap_err();
        assert_eq!(e.code(), "ERR_JOSE_CONFIGURATION", "{name} {value}");
        assert!(e.to_string().contains(name), "{e}");
    }
    let e = JwtBuilder::new()
        .clock(clock())
        .expires_in(Duration::from_secs(NumericDate::MAX_SECS))
        .claims_json()
        .unwrap_err();
    assert!(e.to_string().contains("9999"), "{e}");
    // Valid registered claims of every JSON number kind pass.
    let fine = JwtBuilder::new()
        .claims(&json!({"exp": 1.5, "nbf": 2, "aud": ["a", "b"], "custom": -1}))
        .unwrap();
    assert_eq!(claims_of(&fine)["exp"], 1.5);
    let e = JwtBuilder::new().claims(&[1, 2]).unwrap_err();
    assert!(e.to_string().contains("JSON object"), "{e}");
    let late = JwtBuilder::new()
        .clock(|| std::time::SystemTime::UNIX_EPOCH - Duration::from_secs(1))
        .expires_in(Duration::from_secs(1));
    assert_eq!(
        late.claims_json().unwrap_err().code(),
        "ERR_JOSE_CONFIGURATION"
    );
}

#[test]
fn headers() {
    let key = hs256().with_kid("k1");
    let verifier = Verifier::new([JwsAlgorithm::HS256]).unwrap();
    let b = JwtBuilder::new().without_expiration();
    let jws = verifier
        .verify_compact(&b.sign(&key).unwrap(), key.verifying_key())
        .unwrap();
    assert_eq!(
        jws.protected_header(),
        json!({"alg":"HS256","kid":"k1","typ":"JWT"})
            .as_object()
            .unwrap()
    );
    let b = b.typ("at+jwt").kid("k2").header_param("x5t#S256", "abc");
    let token = b.sign(&key).unwrap();
    let any_kid = hs256();
    let jws = verifier
        .verify_compact(&token, any_kid.verifying_key())
        .unwrap();
    assert_eq!(jws.header_param("typ").unwrap(), "at+jwt");
    assert_eq!(jws.kid(), None);
    assert_eq!(jws.header_param("kid").unwrap(), "k2");
    assert_eq!(jws.header_param("x5t#S256").unwrap(), "abc");
    for name in ["typ", "kid", "cty"] {
        let e = JwtBuilder::new()
            .without_expiration()
            .header_param(name, "x")
            .sign(&key)
            .unwrap_err();
        assert_eq!(e.code(), "ERR_JOSE_CONFIGURATION", "{name}");
    }
    let e = JwtBuilder::new()
        .without_expiration()
        .header_param("alg", "none")
        .sign(&key)
        .unwrap_err();
    assert!(matches!(e, Error::Jws(_)), "{e:?}");
}
