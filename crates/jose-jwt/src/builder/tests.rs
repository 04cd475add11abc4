// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
use jose_b64::serde_json::json;
use jose_jws::{JwsAlgorithm, SigningKey, Verifier};

use super::*;
use crate::JwtVerifier;
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
    assert_eq!(jws.protected_param("typ").unwrap(), "at+jwt");
    assert_eq!(jws.kid(), None);
    assert_eq!(jws.protected_param("kid").unwrap(), "k2");
    assert_eq!(jws.protected_param("x5t#S256").unwrap(), "abc");
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

/// The token as signing the claims set through jose-jws makes it: what the builder made
/// before it kept anything between tokens.
fn reference(b: &JwtBuilder, key: &SigningKey) -> String {
    let json = b.claims_json().unwrap();
    jose_jws::compact::sign(key, &b.jws_header().unwrap(), json.as_bytes()).unwrap()
}

#[test]
fn claims_json_text() {
    let at = NumericDate::from_secs(NOW).unwrap();
    let b = JwtBuilder::new()
        .subject("s")
        .audiences(["a", "b"])
        .claim("n", 1.5)
        .unwrap()
        .issued_at(at)
        .expires_in(Duration::from_secs(60))
        .not_before(at)
        .clock(clock());
    assert_eq!(
        b.claims_json().unwrap(),
        format!(
            r#"{{"aud":["a","b"],"n":1.5,"sub":"s","iat":{NOW},"exp":{},"nbf":{NOW}}}"#,
            NOW + 60
        )
    );
    // Fractional times, no other claims.
    let half = NumericDate::from_system_time(
        std::time::SystemTime::UNIX_EPOCH + Duration::from_millis(7500),
    )
    .unwrap();
    let b = JwtBuilder::new().expires_at(half).not_before(half);
    assert_eq!(b.claims_json().unwrap(), r#"{"exp":7.5,"nbf":7.5}"#);
    // No time claims.
    let b = JwtBuilder::new().without_expiration();
    assert_eq!(b.claims_json().unwrap(), "{}");
    let b = b.subject("s");
    assert_eq!(b.claims_json().unwrap(), r#"{"sub":"s"}"#);
}

#[test]
fn tokens_are_those_of_the_claims_json() {
    let key = hs256().with_kid("k1");
    let verifier = JwtVerifier::new([JwsAlgorithm::HS256], crate::test_util::validation()).unwrap();
    let at = NumericDate::from_secs(NOW - 10).unwrap();
    // Claims sets of every length mod 3 (where the kept encoding stops), multi-byte
    // characters across that point, fractional and relative times.
    for pad in 0..7 {
        for text in ["", "é", "日本", "\u{1F600}x", "\"\\\n"] {
            let subject = format!("{}{text}", "s".repeat(pad));
            let b = JwtBuilder::new()
                .clock(clock())
                .subject(subject.clone())
                .issued_at(at)
                .expires_in(Duration::from_secs(600));
            let token = b.sign(&key).unwrap();
            assert_eq!(token, reference(&b, &key), "{subject:?}");
            // Again, from what was kept.
            assert_eq!(b.sign(&key).unwrap(), token);
            let jwt = verifier.verify(&token, key.verifying_key()).unwrap();
            assert_eq!(jwt.subject(), Some(subject.as_str()));
            assert_eq!(jwt.claims()["exp"], json!(NOW + 600));
        }
    }
    let half = NumericDate::from_system_time(
        std::time::SystemTime::UNIX_EPOCH + Duration::from_millis(NOW * 1000 + 500),
    )
    .unwrap();
    for b in [
        JwtBuilder::new().without_expiration(),
        JwtBuilder::new()
            .expires_at(half)
            .issued_at(half)
            .not_before(half),
        JwtBuilder::new()
            .clock(clock())
            .issued_now()
            .not_before_in(Duration::from_secs(1))
            .claim("exp", NOW + 5)
            .unwrap(),
    ] {
        assert_eq!(b.sign(&key).unwrap(), reference(&b, &key));
        assert_eq!(b.sign(&key).unwrap(), reference(&b, &key));
    }
}

#[test]
fn changes_after_signing_are_signed() {
    let key = hs256();
    let verifier = Verifier::new([JwsAlgorithm::HS256]).unwrap();
    let b = JwtBuilder::new().subject("s").without_expiration();
    let first = b.sign(&key).unwrap();
    // Header changes.
    let changed = b.clone().typ("at+jwt").kid("k9").header_param("x", 1);
    let token = changed.sign(&key).unwrap();
    assert_eq!(token, reference(&changed, &key));
    let jws = verifier
        .verify_compact(&token, key.verifying_key())
        .unwrap();
    assert_eq!(jws.protected_param("typ").unwrap(), "at+jwt");
    assert_eq!(jws.protected_param("kid").unwrap(), "k9");
    assert_eq!(jws.protected_param("x").unwrap(), 1);
    // A managed parameter added after signing is refused, as before signing.
    let e = b.clone().header_param("typ", "x").sign(&key).unwrap_err();
    assert_eq!(e.code(), "ERR_JOSE_CONFIGURATION");
    // Claims and time changes.
    let changed = b
        .clone()
        .issuer("i")
        .clock(clock())
        .expires_in(Duration::from_secs(9));
    assert_eq!(
        changed.claims_json().unwrap(),
        format!(r#"{{"iss":"i","sub":"s","exp":{}}}"#, NOW + 9)
    );
    assert_eq!(changed.sign(&key).unwrap(), reference(&changed, &key));
    let changed = b.clone().claims(&json!({"sub": "t"})).unwrap();
    assert_eq!(changed.claims_json().unwrap(), r#"{"sub":"t"}"#);
    // The original is as it was.
    assert_eq!(b.sign(&key).unwrap(), first);
    // A change that breaks the rules is refused after signing too.
    let e = b
        .clone()
        .claim("aud", json!([]))
        .unwrap()
        .sign(&key)
        .unwrap_err();
    assert_eq!(e.code(), "ERR_JOSE_CONFIGURATION");
}

#[test]
fn each_key_gets_its_header() {
    let b = JwtBuilder::new().subject("s").without_expiration();
    let hs512 = SigningKey::hmac(&[7u8; 64], JwsAlgorithm::HS512).unwrap();
    let keys = [hs256().with_kid("a"), hs256().with_kid("b"), hs256(), hs512];
    for _ in 0..2 {
        for key in &keys {
            let token = b.sign(key).unwrap();
            assert_eq!(token, reference(&b, key));
            Verifier::new([key.alg()])
                .unwrap()
                .verify_compact(&token, key.verifying_key())
                .unwrap();
        }
    }
    // A kid of the builder's own: any key of the algorithm makes the same header.
    let b = b.kid("mine");
    for key in &keys {
        assert_eq!(b.sign(key).unwrap(), reference(&b, key));
    }
}

#[test]
fn the_clock_is_read_once_per_token_and_only_for_relative_times() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};
    let reads = Arc::new(AtomicU64::new(0));
    let counting = {
        let reads = reads.clone();
        move || {
            let n = reads.fetch_add(1, Ordering::SeqCst);
            std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(NOW + n)
        }
    };
    let at = NumericDate::from_secs(NOW).unwrap();
    let fixed = JwtBuilder::new()
        .clock(counting.clone())
        .issued_at(at)
        .expires_at(at);
    fixed.sign(&hs256()).unwrap();
    fixed.sign(&hs256()).unwrap();
    assert_eq!(reads.load(Ordering::SeqCst), 0);
    let relative = JwtBuilder::new()
        .clock(counting)
        .issued_now()
        .expires_in(Duration::from_secs(10))
        .not_before_in(Duration::from_secs(1));
    // Each token has its own times, from one reading.
    for n in 0..3 {
        assert_eq!(
            claims_of(&relative),
            json!({"iat": NOW + n, "exp": NOW + n + 10, "nbf": NOW + n + 1})
        );
        assert_eq!(reads.load(Ordering::SeqCst), n + 1);
    }
    let token = relative.sign(&hs256()).unwrap();
    assert_eq!(reads.load(Ordering::SeqCst), 4);
    let payload = token.split('.').nth(1).unwrap();
    let claims: Value =
        serde_json::from_slice(&jose_b64::base64url::decode(payload).unwrap()).unwrap();
    assert_eq!(
        claims,
        json!({"iat": NOW + 3, "exp": NOW + 13, "nbf": NOW + 4})
    );
}

#[test]
fn refusals_are_not_kept() {
    let b = JwtBuilder::new().subject("s");
    for _ in 0..2 {
        assert_eq!(
            b.sign(&hs256()).unwrap_err().code(),
            "ERR_JOSE_CONFIGURATION"
        );
    }
    let b = b.without_expiration();
    // A builder used once keeps nothing; the second token keeps the template.
    for kept in [false, true] {
        assert_eq!(b.sign(&hs256()).unwrap(), reference(&b, &hs256()));
        let debug = format!("{b:?}");
        assert!(debug.contains(&format!("template: {kept}")), "{debug}");
    }
}

#[test]
fn a_claim_set_again_replaces_the_earlier_value() {
    let b = JwtBuilder::new()
        .without_expiration()
        .issuer("a")
        .claim("iss", "b")
        .unwrap()
        .claim("x", 1)
        .unwrap()
        .claim("x", json!([2]))
        .unwrap()
        .subject("s")
        .claims(&json!({"sub": "t", "y": null}))
        .unwrap()
        .audience("first")
        .audiences(["second"]);
    assert_eq!(
        b.claims_json().unwrap(),
        r#"{"aud":["second"],"iss":"b","sub":"t","x":[2],"y":null}"#
    );
    let b = b.issuer("c").claim("y", "z").unwrap();
    assert_eq!(
        b.claims_json().unwrap(),
        r#"{"aud":["second"],"iss":"c","sub":"t","x":[2],"y":"z"}"#
    );
    assert_eq!(b.sign(&hs256()).unwrap(), reference(&b, &hs256()));
    // A registered name given as an application's claim is checked as that claim, whichever
    // setter came first.
    for b in [
        b.clone().claim("iss", 5).unwrap(),
        b.clone().claim("aud", "").unwrap(),
        JwtBuilder::new()
            .without_expiration()
            .claim("jti", json!({}))
            .unwrap(),
        JwtBuilder::new().without_expiration().audience(""),
        JwtBuilder::new().without_expiration().audiences([""; 0]),
    ] {
        for _ in 0..2 {
            let e = b.sign(&hs256()).unwrap_err();
            assert_eq!(e.code(), "ERR_JOSE_CONFIGURATION", "{e}");
        }
    }
}

#[test]
fn the_first_token_and_the_kept_ones_are_the_same() {
    let at = NumericDate::from_secs(NOW).unwrap();
    let long = "x".repeat(2000);
    let keys = [hs256(), hs256().with_kid("k1")];
    let builders = [
        JwtBuilder::new()
            .clock(clock())
            .expires_in(Duration::from_secs(5)),
        JwtBuilder::new()
            .clock(clock())
            .subject("s")
            .issued_at(at)
            .expires_in(Duration::from_secs(5)),
        JwtBuilder::new().without_expiration().typ("at+jwt"),
        JwtBuilder::new().without_expiration().kid("mine"),
        JwtBuilder::new().without_expiration().header_param("x", 1),
        // Longer than the stack buffer of the first token.
        JwtBuilder::new()
            .without_expiration()
            .claim("long", &long)
            .unwrap(),
    ];
    for _ in 0..2 {
        for b in &builders {
            for key in &keys {
                let fresh = b.clone().subject("u");
                let first = fresh.sign(key).unwrap();
                assert_eq!(first, reference(&fresh, key));
                assert_eq!(fresh.sign(key).unwrap(), first);
                assert_eq!(fresh.sign(key).unwrap(), first);
            }
        }
    }
}
