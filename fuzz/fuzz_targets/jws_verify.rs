//! Compact JWS verification: the first byte picks the key (HS256, RS256, ES256 or EdDSA,
//! fixed keys built once: RFC 7515 App. A.1–A.3, RFC 8037 App. A.1), the rest is the token.
//! The verifier allows all four algorithms, so mismatched keys are exercised too. Never
//! panics; a token that verifies verifies again, identically, through both entry points, and
//! one that fails fails with the same error through both; a verified token with one bit
//! flipped in its signature or payload (or in an uninterpreted header member) is refused with
//! `ERR_JWS_SIGNATURE_VERIFICATION_FAILED`, and with any bit of its header flipped it is
//! refused.
#![no_main]

#[path = "../common/jws_keys.rs"]
mod jws_keys;
#[path = "../common/tamper.rs"]
mod tamper;

use std::sync::OnceLock;

use jose_jwk::Jwk;
use jose_jws::compact::UnverifiedCompactJws;
use jose_jws::{JwsAlgorithm, Verifier, VerifyingKey};
use libfuzzer_sys::fuzz_target;

struct Fixture {
    verifier: Verifier,
    keys: Vec<VerifyingKey>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let keys: Vec<VerifyingKey> = jws_keys::FAMILIES
            .iter()
            .map(|(alg, jwk)| {
                let alg: JwsAlgorithm = alg.parse().expect("a JWS algorithm");
                let jwk = Jwk::from_json(jwk).expect("a fuzz key");
                let public = jwk.to_public().unwrap_or(jwk);
                VerifyingKey::from_jwk(&public, alg).expect("a verifying key")
            })
            .collect();
        let verifier = Verifier::new(keys.iter().map(VerifyingKey::alg)).expect("a verifier");
        Fixture { verifier, keys }
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(token) = std::str::from_utf8(rest) else {
        return;
    };
    let f = fixture();
    let key = &f.keys[usize::from(selector) % f.keys.len()];
    let result = f.verifier.verify_compact(token, key);
    // The two entry points agree, on failure too.
    let through = UnverifiedCompactJws::parse_with(token, f.verifier.limits())
        .and_then(|parsed| parsed.verify(&f.verifier, key));
    match (&result, &through) {
        (Ok(a), Ok(b)) => assert_eq!(a.payload(), b.payload()),
        (Err(a), Err(b)) => assert_eq!(a, b, "the two entry points fail differently"),
        _ => panic!(
            "the two entry points disagree: {:?} / {:?}",
            result.as_ref().err(),
            through.as_ref().err()
        ),
    }
    match result {
        Ok(verified) => {
            assert_eq!(verified.alg(), key.alg());
            let again = f
                .verifier
                .verify_compact(token, key)
                .expect("a token that verified verifies again");
            assert_eq!(again.payload(), verified.payload());
            assert_eq!(again.protected_header(), verified.protected_header());
            let parsed = UnverifiedCompactJws::parse(token).expect("a verified token parses");
            let through_parse = parsed
                .verify(&f.verifier, key)
                .expect("a verified token verifies after parse");
            assert_eq!(through_parse.payload(), verified.payload());
            // A key list of one resolves to the same key when the token names no kid (the
            // fuzz keys have none; a list matches a header kid exactly, a single key without
            // a kid accepts any).
            let listed = f.verifier.verify_compact(token, std::slice::from_ref(key));
            if verified.protected_header().contains_key("kid") {
                assert!(listed.is_err(), "a kid matched a key that has none");
            } else {
                let listed = listed.expect("a verified token verifies with the key in a list");
                assert_eq!(listed.payload(), verified.payload());
            }
            tampered(f, token, key, usize::from(selector), &verified);
        }
        Err(e) => {
            assert!(!e.code().is_empty());
            let _ = e.to_string();
        }
    }
    let _ = f.verifier.verify_compact_detached(token, b"", key);
});

const SIGNATURE_FAILED: &str = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";

/// The header parameters the JWS verifier reads (RFC 7515 §4.1, RFC 7797 §3).
const INTERPRETED: &[&str] = &[
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "b64",
];

/// One bit flipped in each segment of a verified token: the specific refusal.
fn tampered(
    f: &Fixture,
    token: &str,
    key: &VerifyingKey,
    bit: usize,
    verified: &jose_jws::VerifiedJws,
) {
    let code = |token: &str| match f.verifier.verify_compact(token, key) {
        Ok(_) => panic!("a tampered token verified: {token}"),
        Err(e) => e.code(),
    };
    // The signature, and the payload (base64url unless `b64: false`): only the signature
    // check can notice.
    let unencoded =
        verified.protected_header().get("b64") == Some(&jose_b64::serde_json::Value::Bool(false));
    let segments: &[usize] = if unencoded { &[2] } else { &[1, 2] };
    for &index in segments {
        if let Some(changed) = tamper::flip_segment(token, index, bit) {
            assert_eq!(code(&changed), SIGNATURE_FAILED, "segment {index}");
        }
    }
    // The header: any bit is refused; a changed uninterpreted member reaches the signature.
    if let Some(changed) = tamper::flip_segment(token, 0, bit) {
        let _ = code(&changed);
    }
    if let Some(changed) = tamper::flip_uninterpreted(token, INTERPRETED, bit) {
        assert_eq!(
            code(&changed),
            SIGNATURE_FAILED,
            "an uninterpreted header member"
        );
    }
}
