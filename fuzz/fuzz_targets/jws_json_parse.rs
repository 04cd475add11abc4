//! JWS JSON Serialization verification (`Verifier::verify_json`) on arbitrary text, with a
//! fixed HS256 key (RFC 7515 App. A.1) and the `AnyOne` policy: never panics; a JWS that
//! verifies verifies again to the same payload, and the parsed form's accessors hold up.
#![no_main]

#[path = "../common/jws_keys.rs"]
mod jws_keys;

use std::sync::OnceLock;

use jose_jwk::Jwk;
use jose_jws::json::UnverifiedJsonJws;
use jose_jws::{JwsAlgorithm, SignaturePolicy, Verifier, VerifyingKey};
use libfuzzer_sys::fuzz_target;

struct Fixture {
    strict: Verifier,
    lax: Verifier,
    key: VerifyingKey,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let jwk = Jwk::from_json(jws_keys::HS256_JWK).expect("the fuzz HS256 key");
        let strict = Verifier::new([JwsAlgorithm::HS256]).expect("a verifier");
        Fixture {
            lax: strict.clone().allow_unprotected_alg().understand("x"),
            strict,
            key: VerifyingKey::from_jwk(&jwk, JwsAlgorithm::HS256).expect("an HS256 key"),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let f = fixture();
    let policy = SignaturePolicy::AnyOne;
    for verifier in [&f.strict, &f.lax] {
        if let Ok(verified) = verifier.verify_json(text, &f.key, &policy) {
            let again = verifier
                .verify_json(text, &f.key, &policy)
                .expect("a JWS that verified verifies again");
            assert_eq!(again.payload(), verified.payload());
            assert_eq!(again.signature_index(), verified.signature_index());
            assert!(
                verified
                    .verified_indexes()
                    .contains(&verified.signature_index())
            );
            assert_eq!(verified.alg(), JwsAlgorithm::HS256);
        }
        let _ = verifier.verify_json(text, &f.key, &SignaturePolicy::All);
        let _ = verifier.verify_json_detached(text, b"", &f.key, &policy);
    }
    if let Ok(parsed) = UnverifiedJsonJws::parse(text) {
        let count = parsed.signature_count();
        assert!(count >= 1, "an accepted JWS has a signature");
        for i in 0..=count {
            let _ = parsed.protected_header(i);
            let _ = parsed.protected_header_encoded(i);
            let _ = parsed.unprotected_header(i);
        }
        let _ = (parsed.is_flattened(), parsed.has_payload(), parsed.is_b64());
        let _ = parsed.dangerous_insecure_payload();
    }
});
