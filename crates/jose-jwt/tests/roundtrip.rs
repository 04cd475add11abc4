//! Property tests: any claims the builder accepts come back unchanged through every form
//! (signed, encrypted, nested) and every signature family; any single-byte change of a token
//! is refused; arbitrary input never panics.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::sync::OnceLock;
use std::time::Duration;

use jose_b64::serde_json::{Map, Value};
use jose_jwe::{Decrypter, EncryptingKey, JweAlgorithm, JweEncryption};
use jose_jwk::{EcCurve, Jwk, KeySpec, OkpCurve};
use jose_jws::{JwsAlgorithm, SigningKey};
use jose_jwt::{FixedClock, JwtBuilder, JwtDecrypter, JwtVerifier, NestedJwtVerifier, Validation};
use proptest::prelude::*;

const NOW: u64 = 1_767_225_600;

fn keys() -> &'static [SigningKey] {
    static KEYS: OnceLock<Vec<SigningKey>> = OnceLock::new();
    KEYS.get_or_init(|| {
        vec![
            SigningKey::hmac(&[9; 32], JwsAlgorithm::HS256).unwrap(),
            SigningKey::from_jwk(
                &Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap(),
                JwsAlgorithm::ES256,
            )
            .unwrap(),
            SigningKey::from_jwk(
                &Jwk::generate(KeySpec::Okp(OkpCurve::Ed25519)).unwrap(),
                JwsAlgorithm::EdDSA,
            )
            .unwrap(),
        ]
    })
}

fn validation() -> Validation {
    Validation::new()
        .clock(FixedClock::at_secs(NOW))
        .ignore_audience()
}

fn verifier(key: &SigningKey) -> JwtVerifier {
    JwtVerifier::new([key.alg()], validation()).unwrap()
}

/// Claims the application might add: names that are not registered, JSON values of every kind.
fn custom() -> impl Strategy<Value = Map<String, Value>> {
    let leaf = prop_oneof![
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "[ -~é€😀]{0,12}".prop_map(Value::from),
        Just(Value::Null),
    ];
    let value = leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map("[a-z]{1,4}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    });
    prop::collection::btree_map("x[a-z0-9_]{0,8}", value, 0..5)
        .prop_map(|m| m.into_iter().collect())
}

fn builder(sub: &str, aud: &[String], lifetime: u64, custom: &Map<String, Value>) -> JwtBuilder {
    let builder = JwtBuilder::new()
        .clock(FixedClock::at_secs(NOW))
        .issuer("https://issuer.example")
        .subject(sub)
        .issued_now()
        .expires_in(Duration::from_secs(lifetime))
        .claims(custom)
        .unwrap();
    match aud {
        [] => builder,
        [one] => builder.audience(one),
        many => builder.audiences(many),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn signed_claims_round_trip(
        family in 0usize..3,
        sub in "[ -~]{0,20}",
        aud in prop::collection::vec("[a-z:/.]{1,12}", 0..3),
        lifetime in 1u64..100_000,
        custom in custom(),
    ) {
        let key = &keys()[family];
        let token = builder(&sub, &aud, lifetime, &custom).sign(key).unwrap();
        let jwt = verifier(key).verify(&token, key.verifying_key()).unwrap();
        prop_assert_eq!(jwt.subject(), Some(sub.as_str()));
        prop_assert_eq!(jwt.registered().expires_at().unwrap().secs(), NOW + lifetime);
        let got: Vec<&str> = jwt.registered().audience().map(|a| a.iter().collect()).unwrap_or_default();
        prop_assert_eq!(got, aud.iter().map(String::as_str).collect::<Vec<_>>());
        for (name, value) in &custom {
            prop_assert_eq!(jwt.claims().get(name), Some(value));
        }
    }

    #[test]
    fn any_single_byte_change_is_refused(
        family in 0usize..3,
        custom in custom(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let key = &keys()[family];
        let token = builder("alice", &[], 60, &custom).sign(key).unwrap();
        let mut bytes = token.clone().into_bytes();
        let i = at.index(bytes.len());
        prop_assume!(bytes[i] != byte);
        bytes[i] = byte;
        if let Ok(changed) = String::from_utf8(bytes) {
            prop_assert!(verifier(key).verify(&changed, key.verifying_key()).is_err());
        }
    }

    #[test]
    fn encrypted_and_nested_round_trip(
        sub in "[ -~]{0,20}",
        lifetime in 1u64..100_000,
        custom in custom(),
    ) {
        let enc = EncryptingKey::symmetric(&[4; 16], JweAlgorithm::A128KW).unwrap();
        let decrypter = Decrypter::new([JweAlgorithm::A128KW], [JweEncryption::A128GCM]).unwrap();
        let b = builder(&sub, &[], lifetime, &custom);
        let token = b.encrypt(&enc, JweEncryption::A128GCM).unwrap();
        let jwt = JwtDecrypter::new(decrypter.clone(), validation())
            .decrypt(&token, &enc.to_decrypting_key())
            .unwrap();
        prop_assert_eq!(jwt.subject(), Some(sub.as_str()));
        let key = &keys()[0];
        let token = b.sign_then_encrypt(key, &enc, JweEncryption::A128GCM).unwrap();
        let nested = NestedJwtVerifier::new(decrypter, verifier(key))
            .verify(&token, &enc.to_decrypting_key(), key.verifying_key())
            .unwrap();
        prop_assert_eq!(nested.claims(), jwt.claims());
    }

    #[test]
    fn arbitrary_tokens_never_panic(token in "[A-Za-z0-9_.\\-]{0,300}") {
        let key = &keys()[0];
        let _ = verifier(key).verify(&token, key.verifying_key());
    }
}
