//! JWT verification: claims parsing and validation. The first byte's low bit says whether the
//! rest is a token (verified as it is) or a claims set (signed here with the fixed HS256 key,
//! then verified, so that every input reaches the claims); its other bits pick validation
//! rules (issuer, audience or ignore it, typ ignored, leeway, maximum age, a required claim).
//! Never panics; a claims set that is accepted is a strict JSON object whose registered
//! claims the JSON map agrees with, and the typed and the map readings agree.
#![no_main]

#[path = "../common/jwt_fixture.rs"]
mod jwt_fixture;

use std::time::Duration;

use jose_b64::serde_json::Value;
use jose_jws::{Header, JwsAlgorithm, SigningKey, compact};
use jose_jwt::{FixedClock, JwtVerifier, NumericDate, Validation};
use libfuzzer_sys::fuzz_target;

fn validation(rules: u8) -> Validation {
    let mut v = Validation::new().clock(FixedClock::at_secs(jwt_fixture::NOW));
    if rules & 1 != 0 {
        v = v.issuer("https://issuer.example");
    }
    v = match (rules >> 1) & 3 {
        0 => v,
        1 => v.audience("api"),
        2 => v.audiences(["api", "other"]),
        _ => v.ignore_audience(),
    };
    if rules & 8 != 0 {
        v = v.ignore_typ();
    }
    if rules & 16 != 0 {
        v = v.leeway(Duration::from_secs(600));
    }
    if rules & 32 != 0 {
        v = v.max_age(Duration::from_secs(3600));
    }
    if rules & 64 != 0 {
        v = v.require("role").allow_missing_expiration();
    }
    v
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct Typed {
    sub: Option<String>,
    aud: Option<Value>,
    exp: Option<NumericDate>,
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let key = SigningKey::hmac(&jwt_fixture::SECRET, JwsAlgorithm::HS256).expect("a key");
    let token = if selector & 1 == jwt_fixture::CLAIMS {
        compact::sign(&key, &Header::new().typ("JWT"), rest).expect("signing")
    } else {
        match std::str::from_utf8(rest) {
            Ok(token) => token.to_owned(),
            Err(_) => return,
        }
    };
    let verifier =
        JwtVerifier::new([JwsAlgorithm::HS256], validation(selector >> 1)).expect("a verifier");
    let map = verifier.verify(&token, key.verifying_key());
    let typed = verifier.verify_as::<Typed>(&token, key.verifying_key());
    match &map {
        Ok(jwt) => {
            let payload = jwt.signature().expect("a signed JWT").payload();
            let strict =
                jose_b64::json::parse_object_map(payload).expect("accepted claims are strict JSON");
            assert_eq!(&strict, jwt.claims());
            let registered = jwt.registered();
            let exp = strict.get("exp");
            assert_eq!(exp.is_some(), registered.expires_at().is_some());
            if let (Some(Value::Number(n)), Some(date)) = (exp, registered.expires_at()) {
                let secs = n.as_f64().expect("a number");
                assert!(secs >= 0.0 && secs <= NumericDate::MAX_SECS as f64);
                assert!((secs - date.since_epoch().as_secs_f64()).abs() < 1.0);
            }
            assert_eq!(
                strict.get("sub").and_then(Value::as_str),
                registered.subject()
            );
            if let Some(aud) = registered.audience() {
                assert!(!aud.is_empty() && aud.iter().all(|a| !a.is_empty()));
            }
            // The typed reading accepts what the map reading accepts, unless the type is
            // stricter than the claims set.
            if let Err(e) = &typed {
                assert_eq!(e.code(), "ERR_JWT_INVALID", "{e}");
            }
        }
        Err(e) => {
            assert!(e.code().starts_with("ERR_"));
            let _ = e.to_string();
            let _ = e.claim();
            // A token refused for its signature, header or claims rules is refused by the
            // typed reading too (which skips, with syntax checks only, the members it does
            // not read: a number such as 1e400 there is the map reading's problem alone).
            if !matches!(
                e,
                jose_jwt::Error::CustomClaims { .. } | jose_jwt::Error::ClaimsSet(_)
            ) {
                assert!(
                    typed.is_err(),
                    "the map refused ({e}) what the typed reading accepted"
                );
            }
        }
    }
});
