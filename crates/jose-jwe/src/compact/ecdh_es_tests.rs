// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
//! The compact serialization with `ECDH-ES` and `ECDH-ES+A*KW`: round trips on every curve,
//! the key rules, and one test per ECDH-ES entry of the security catalogue (security.md #14,
//! #15), each asserting the exact error.

use std::cell::Cell;

use jose_b64::serde_json::{Value, json};
use jose_jwk::{EcCurve, Jwk, JwkSet, KeySpec, OkpCurve};
use proptest::prelude::*;

use super::tests::{segments, tamper, with_header};
use super::*;
use crate::DecryptingKeyRequest;
use crate::test_util::{X25519_SMALL_ORDER, assert_decryption_failed, hex};
use crate::{DecryptingKey, DecryptingKeySet};

type A = JweAlgorithm;
type E = JweEncryption;

const SPECS: [KeySpec; 4] = [
    KeySpec::Ec(EcCurve::P256),
    KeySpec::Ec(EcCurve::P384),
    KeySpec::Ec(EcCurve::P521),
    KeySpec::Okp(OkpCurve::X25519),
];
const ALGS: [A; 4] = [
    A::ECDH_ES,
    A::ECDH_ES_A128KW,
    A::ECDH_ES_A192KW,
    A::ECDH_ES_A256KW,
];
const ENCS: [E; 2] = [E::A128GCM, E::A256CBC_HS512];

/// A recipient: its private JWK (with `kid` "r") and the keys for `alg`.
fn recipient(spec: KeySpec, alg: A) -> (Jwk, EncryptingKey, DecryptingKey) {
    let private = Jwk::generate(spec).unwrap().with_kid("r");
    let public = private.to_public().unwrap();
    let ek = EncryptingKey::from_jwk(&public, alg).unwrap();
    let dk = DecryptingKey::from_jwk(&private, alg).unwrap();
    (private, ek, dk)
}

fn decrypter(alg: A, enc: E) -> Decrypter {
    Decrypter::new([alg], [enc]).unwrap()
}

/// A token for a fresh P-256 (or other) recipient, and the recipient's decrypting key.
fn sample(spec: KeySpec, alg: A, enc: E) -> (String, DecryptingKey) {
    let (_, ek, dk) = recipient(spec, alg);
    (encrypt(&ek, enc, &Header::new(), b"secret").unwrap(), dk)
}

fn header_of(token: &str) -> Map<String, Value> {
    UnverifiedCompactJwe::parse(token)
        .unwrap()
        .protected_header()
        .clone()
}

/// The token with its `epk` replaced.
fn with_epk(token: &str, epk: Value) -> String {
    with_header(token, |h| {
        h.insert("epk".into(), epk);
    })
}

/// The token's `epk` with one member changed.
fn with_epk_member(token: &str, name: &str, value: Value) -> String {
    let mut epk = header_of(token)["epk"].clone();
    epk[name] = value;
    with_epk(token, epk)
}

/// Decrypts with a resolver that counts its calls, and returns the error and that count.
fn reject(d: &Decrypter, token: &str, key: &DecryptingKey) -> (Error, usize) {
    let calls = Cell::new(0);
    let resolver = |_: &DecryptingKeyRequest<'_>| -> Result<DecryptingKey, Error> {
        calls.set(calls.get() + 1);
        Ok(key.clone())
    };
    let e = d.decrypt_compact(token, &resolver).unwrap_err();
    (e, calls.get())
}

/// Asserts a header error naming `name`, raised before the key lookup.
#[track_caller]
fn assert_header_error(d: &Decrypter, token: &str, key: &DecryptingKey, name: &str, why: &str) {
    let (e, calls) = reject(d, token, key);
    assert!(matches!(e, Error::Header(_)), "{why}: {e:?}");
    assert_eq!(e.code(), "ERR_JWE_INVALID", "{why}");
    assert!(e.to_string().contains(&format!("\"{name}\"")), "{why}: {e}");
    assert_eq!(calls, 0, "{why}: the key was looked up");
}

/// Asserts the one decryption error, raised after the key lookup.
#[track_caller]
fn assert_opaque(d: &Decrypter, token: &str, key: &DecryptingKey, why: &str) -> String {
    let (e, calls) = reject(d, token, key);
    assert_eq!(calls, 1, "{why}: the key was not looked up");
    assert_decryption_failed(Err::<(), _>(e), why)
}

#[test]
fn round_trips_every_curve_alg_and_enc() {
    for spec in SPECS {
        for alg in ALGS {
            let (private, ek, dk) = recipient(spec, alg);
            for enc in ENCS {
                let header = Header::new().typ("JWT");
                let token = encrypt(&ek, enc, &header, b"round trip").unwrap();
                let parts = segments(&token);
                let wrapped = base64url::decode(&parts[1]).unwrap();
                let expected = if alg == A::ECDH_ES {
                    0
                } else {
                    enc.key_len() + 8
                };
                assert_eq!(wrapped.len(), expected, "{spec:?} {alg} {enc}");
                // `epk`: the public JWK of a key on the recipient's curve, nothing more.
                let h = header_of(&token);
                let epk = h["epk"].as_object().unwrap();
                let mut names: Vec<&str> = epk.keys().map(String::as_str).collect();
                names.sort_unstable();
                let public = private.to_map();
                let expected_names: &[&str] = match spec {
                    KeySpec::Okp(_) => &["crv", "kty", "x"],
                    _ => &["crv", "kty", "x", "y"],
                };
                assert_eq!(names, expected_names, "{spec:?}");
                assert_eq!((&epk["kty"], &epk["crv"]), (&public["kty"], &public["crv"]));
                assert_ne!(
                    epk["x"], public["x"],
                    "the ephemeral key is not the recipient's"
                );
                assert!(!h.contains_key("apu") && !h.contains_key("apv"));
                let decrypted = decrypter(alg, enc).decrypt_compact(&token, &dk).unwrap();
                assert_eq!(decrypted.plaintext(), b"round trip", "{spec:?} {alg} {enc}");
                assert_eq!((decrypted.alg(), decrypted.enc()), (alg, enc));
                assert_eq!(decrypted.kid(), Some("r"));
                assert_eq!(decrypted.protected_header()["typ"], "JWT");
            }
        }
    }
}

#[test]
fn every_encryption_has_a_fresh_ephemeral_key() {
    for alg in [A::ECDH_ES, A::ECDH_ES_A256KW] {
        let (_, ek, _) = recipient(KeySpec::Okp(OkpCurve::X25519), alg);
        let a = encrypt(&ek, E::A128GCM, &Header::new(), b"same").unwrap();
        let b = encrypt(&ek, E::A128GCM, &Header::new(), b"same").unwrap();
        assert_ne!(header_of(&a)["epk"], header_of(&b)["epk"], "{alg}");
        assert_ne!(segments(&a)[3], segments(&b)[3], "{alg}");
    }
}

#[test]
fn apu_and_apv_are_written_and_bound_into_the_key() {
    let (_, ek, dk) = recipient(KeySpec::Ec(EcCurve::P256), A::ECDH_ES_A128KW);
    let header = Header::new().apu(b"Alice").apv(b"Bob");
    let token = encrypt(&ek, E::A128GCM, &header, b"x").unwrap();
    let h = header_of(&token);
    assert_eq!((&h["apu"], &h["apv"]), (&json!("QWxpY2U"), &json!("Qm9i")));
    let d = decrypter(A::ECDH_ES_A128KW, E::A128GCM);
    assert_eq!(d.decrypt_compact(&token, &dk).unwrap().plaintext(), b"x");
    // Another apv, or none: another key-wrapping key (and another AAD).
    for apv in [Some("Qm9j"), None] {
        let t = with_header(&token, |h| match apv {
            Some(apv) => {
                h.insert("apv".into(), json!(apv));
            }
            None => {
                h.remove("apv");
            }
        });
        assert_opaque(&d, &t, &dk, "changed apv");
    }
    // Only ECDH-ES uses them, and they must differ.
    let kw = EncryptingKey::symmetric(&[1; 16], A::A128KW).unwrap();
    let e = encrypt(&kw, E::A128GCM, &header, b"x").unwrap_err();
    assert!(matches!(e, Error::Invalid { .. }), "{e}");
    let same = Header::new().apu(b"Bob").apv(b"Bob");
    let e = encrypt(&ek, E::A128GCM, &same, b"x").unwrap_err();
    assert!(e.to_string().contains("distinct"), "{e}");
}

#[test]
fn keys_from_rustcrypto_types() {
    let alg = A::ECDH_ES_A192KW;
    let d = decrypter(alg, E::A192GCM);
    let p256 = p256::SecretKey::from_slice(&[3; 32]).unwrap();
    let p384 = p384::SecretKey::from_slice(&[3; 48]).unwrap();
    let mut p521_bytes = [3u8; 66];
    p521_bytes[0] = 1;
    let p521 = p521::SecretKey::from_slice(&p521_bytes).unwrap();
    let x25519 = x25519_dalek::StaticSecret::from([3; 32]);
    let pairs = [
        (
            EncryptingKey::ecdh(p256.public_key(), alg).unwrap(),
            DecryptingKey::ecdh(p256, alg).unwrap(),
        ),
        (
            EncryptingKey::ecdh(p384.public_key(), alg).unwrap(),
            DecryptingKey::ecdh(p384, alg).unwrap(),
        ),
        (
            EncryptingKey::ecdh(p521.public_key(), alg).unwrap(),
            DecryptingKey::ecdh(p521, alg).unwrap(),
        ),
        (
            EncryptingKey::ecdh(x25519_dalek::PublicKey::from(&x25519), alg).unwrap(),
            DecryptingKey::ecdh(x25519, alg).unwrap(),
        ),
    ];
    for (ek, dk) in &pairs {
        let token = encrypt(ek, E::A192GCM, &Header::new(), b"typed").unwrap();
        assert_eq!(d.decrypt_compact(&token, dk).unwrap().plaintext(), b"typed");
        // The encrypting key's own decrypting key has no private part: it decrypts nothing.
        assert_opaque(&d, &token, &ek.to_decrypting_key(), "public key only");
    }
    let debug = format!("{:?}", pairs[0].1);
    assert!(
        debug.contains("ECDH_ES_A192KW") && !debug.contains("3, 3"),
        "{debug}"
    );
    // Keys of the wrong family.
    let e = EncryptingKey::ecdh(x25519_dalek::PublicKey::from([9; 32]), A::A128KW).unwrap_err();
    assert!(matches!(e, Error::Key(_)), "{e}");
}

#[test]
fn key_rules_for_ecdh_es() {
    let alg = A::ECDH_ES;
    // Ed25519 (security.md #8, #15) and secp256k1 keys are no ECDH-ES keys; nor are oct keys.
    for spec in [
        KeySpec::Okp(OkpCurve::Ed25519),
        KeySpec::Ec(EcCurve::Secp256k1),
        KeySpec::Oct { bytes: 32 },
    ] {
        let jwk = Jwk::generate(spec).unwrap();
        let e = EncryptingKey::from_jwk(&jwk, alg).unwrap_err();
        assert!(matches!(e, Error::Key(_)), "{spec:?}: {e}");
        assert!(DecryptingKey::from_jwk(&jwk, alg).is_err(), "{spec:?}");
    }
    // Decrypting needs the private key.
    let private = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
    let public = private.to_public().unwrap();
    let e = DecryptingKey::from_jwk(&public, alg).unwrap_err();
    assert!(
        matches!(e, Error::Key(jose_jwk::Error::PrivateKeyRequired { .. })),
        "{e}"
    );
    // The JWK's alg, use and key_ops.
    let named = public.clone().with_alg("ECDH-ES");
    assert!(EncryptingKey::from_jwk(&named, A::ECDH_ES).is_ok());
    assert!(EncryptingKey::from_jwk(&named, A::ECDH_ES_A128KW).is_err());
    let sig = public
        .clone()
        .with_use(jose_jwk::KeyUse::Signature)
        .unwrap();
    assert!(EncryptingKey::from_jwk(&sig, alg).is_err());
    let derive = private
        .clone()
        .with_key_ops(vec![jose_jwk::KeyOperation::DeriveBits])
        .unwrap();
    assert!(DecryptingKey::from_jwk(&derive, alg).is_ok());
    let sign = private
        .with_key_ops(vec![jose_jwk::KeyOperation::Sign])
        .unwrap();
    assert!(DecryptingKey::from_jwk(&sign, alg).is_err());
    // A recipient X25519 key of small order would give every JWE the all-zero secret.
    for u in X25519_SMALL_ORDER {
        let x = base64url::encode(hex(&[u]));
        let jwk = Jwk::from_json(&format!(r#"{{"kty":"OKP","crv":"X25519","x":"{x}"}}"#)).unwrap();
        let e = EncryptingKey::from_jwk(&jwk, alg).unwrap_err();
        assert!(matches!(e, Error::InvalidKey { .. }), "{u}: {e}");
        assert!(e.to_string().contains("small order"), "{e}");
    }
}

#[test]
fn keys_from_a_jwk_set() {
    let ec = Jwk::generate(KeySpec::Ec(EcCurve::P384))
        .unwrap()
        .with_kid("ec");
    let x = Jwk::generate(KeySpec::Okp(OkpCurve::X25519))
        .unwrap()
        .with_kid("x");
    let ed = Jwk::generate(KeySpec::Okp(OkpCurve::Ed25519))
        .unwrap()
        .with_kid("ed");
    let text = format!(
        r#"{{"keys":[{},{},{}]}}"#,
        ec.to_json(),
        x.to_json(),
        ed.to_json()
    );
    let jwks = JwkSet::from_json(&text).unwrap();
    let set = DecryptingKeySet::from_jwks(&jwks, &[A::ECDH_ES, A::A128KW]).unwrap();
    let kids: Vec<_> = set.keys().iter().map(|k| k.kid()).collect();
    assert_eq!(kids, [Some("ec"), Some("x")]);
    let d = decrypter(A::ECDH_ES, E::A128GCM);
    for jwk in [&ec, &x] {
        let ek = EncryptingKey::from_jwk(&jwk.to_public().unwrap(), A::ECDH_ES).unwrap();
        let token = encrypt(&ek, E::A128GCM, &Header::new(), b"set").unwrap();
        let decrypted = d.decrypt_compact(&token, &set).unwrap();
        assert_eq!(decrypted.kid(), jwk.kid());
    }
}

/// security.md #14: an `epk` off the curve. Any (x, y) not on P-256 lies on some curve
/// y² = x³ − 3x + b′, which is what the invalid-curve attack uses; the identity has no affine
/// coordinates and is sent as (0, 0). All are header errors before the key is looked up.
#[test]
fn security_14_epk_off_the_curve() {
    let (token, key) = sample(KeySpec::Ec(EcCurve::P256), A::ECDH_ES, E::A128GCM);
    let d = decrypter(A::ECDH_ES, E::A128GCM);
    let epk = header_of(&token)["epk"].clone();
    let coordinate = |name: &str| base64url::decode(epk[name].as_str().unwrap()).unwrap();
    let mut y = coordinate("y");
    y[31] ^= 1;
    let p = hex(&["ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"]);
    let zero = base64url::encode([0u8; 32]);
    let x = coordinate("x");
    let cases = [
        (
            "y changed: off the curve",
            "y",
            json!(base64url::encode(&y)),
        ),
        ("x = p", "x", json!(base64url::encode(&p))),
        ("x of 31 bytes", "x", json!(base64url::encode(&x[1..]))),
        (
            "x of 33 bytes",
            "x",
            json!(base64url::encode([&[0], &x[..]].concat())),
        ),
        (
            "y of 33 bytes",
            "y",
            json!(base64url::encode([&[0], &y[..]].concat())),
        ),
        ("x not a string", "x", json!(1)),
        ("y missing", "y", Value::Null),
    ];
    for (why, name, value) in cases {
        let mut changed = epk.clone();
        match value {
            Value::Null => {
                changed.as_object_mut().unwrap().remove(name);
            }
            value => changed[name] = value,
        }
        assert_header_error(&d, &with_epk(&token, changed), &key, "epk", why);
    }
    let identity = json!({"kty":"EC","crv":"P-256","x": zero,"y": zero});
    assert_header_error(&d, &with_epk(&token, identity), &key, "epk", "(0, 0)");
    // A point on P-384 declared as P-256, and an unknown curve.
    let p384 = Jwk::generate(KeySpec::Ec(EcCurve::P384)).unwrap();
    let mut mixed = p384.to_public().unwrap().to_map();
    mixed.insert("crv".into(), json!("P-256"));
    assert_header_error(
        &d,
        &with_epk(&token, Value::Object(mixed)),
        &key,
        "epk",
        "P-384 point",
    );
    let t = with_epk_member(&token, "crv", json!("P-999"));
    assert_header_error(&d, &t, &key, "epk", "crv P-999");
}

/// security.md #14: an `epk` that is valid but on another curve, or of another key type,
/// than the recipient's key: found only after the key lookup, so the one decryption error.
#[test]
fn security_14_epk_on_another_curve_or_key_type() {
    let mut messages = Vec::new();
    for (spec, others) in [
        (
            KeySpec::Ec(EcCurve::P256),
            [
                KeySpec::Ec(EcCurve::P384),
                KeySpec::Ec(EcCurve::P521),
                KeySpec::Okp(OkpCurve::X25519),
            ],
        ),
        (
            KeySpec::Okp(OkpCurve::X25519),
            [
                KeySpec::Ec(EcCurve::P256),
                KeySpec::Ec(EcCurve::P384),
                KeySpec::Ec(EcCurve::P521),
            ],
        ),
    ] {
        for alg in [A::ECDH_ES, A::ECDH_ES_A256KW] {
            let (token, key) = sample(spec, alg, E::A256GCM);
            let d = decrypter(alg, E::A256GCM);
            for other in others {
                let epk = Jwk::generate(other).unwrap().to_public().unwrap().to_map();
                let t = with_epk(&token, Value::Object(epk));
                messages.push(assert_opaque(&d, &t, &key, &format!("{spec:?} {other:?}")));
            }
            // A valid point of the right curve that is not the producer's: the same error.
            let epk = Jwk::generate(spec).unwrap().to_public().unwrap().to_map();
            let t = with_epk(&token, Value::Object(epk));
            messages.push(assert_opaque(&d, &t, &key, "another epk"));
        }
    }
    messages.dedup();
    assert_eq!(messages.len(), 1);
}

/// security.md #14 and #49: `epk` is required, must be a JSON object holding a public EC or
/// X25519 JWK: never a private key, never another key type or curve.
#[test]
fn security_14_epk_must_be_a_public_jwk() {
    let (token, key) = sample(KeySpec::Ec(EcCurve::P256), A::ECDH_ES_A128KW, E::A128GCM);
    let d = decrypter(A::ECDH_ES_A128KW, E::A128GCM);
    let t = with_header(&token, |h| {
        h.remove("epk");
    });
    let (e, _) = reject(&d, &t, &key);
    assert!(e.to_string().contains("\"epk\" is required"), "{e}");
    assert_header_error(&d, &t, &key, "epk", "missing");
    for value in [
        json!("eyJrdHkiOiJFQyJ9"),
        json!([header_of(&token)["epk"].clone()]),
        Value::Null,
        json!(1),
        json!(true),
    ] {
        let t = with_epk(&token, value.clone());
        let (e, _) = reject(&d, &t, &key);
        assert!(
            e.to_string().contains("must be a JSON object"),
            "{value}: {e}"
        );
        assert_header_error(&d, &t, &key, "epk", "not an object");
    }
    // A private key as `epk`: a valid P-256 key pair, refused for its `d`.
    let private = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
    let t = with_epk(&token, Value::Object(private.to_map()));
    let (e, _) = reject(&d, &t, &key);
    assert!(e.to_string().contains("\"d\""), "{e}");
    assert_header_error(&d, &t, &key, "epk", "private epk");
    // Other key types and curves, Ed25519 included (an Ed25519 key offered for agreement).
    for spec in [
        KeySpec::Okp(OkpCurve::Ed25519),
        KeySpec::Ec(EcCurve::Secp256k1),
        KeySpec::Oct { bytes: 16 },
    ] {
        let jwk = Jwk::generate(spec).unwrap();
        let map = jwk
            .to_public()
            .map(|p| p.to_map())
            .unwrap_or_else(|_| jwk.to_map());
        let t = with_epk(&token, Value::Object(map));
        assert_header_error(&d, &t, &key, "epk", &format!("{spec:?}"));
    }
    let t = with_epk(&token, json!({"kty":"RSA","n":"AQAB","e":"AQAB"}));
    assert_header_error(&d, &t, &key, "epk", "RSA");
    for kty in [json!("ec"), json!(null), json!(["EC"])] {
        let t = with_epk_member(&token, "kty", kty);
        assert_header_error(&d, &t, &key, "epk", "kty");
    }
    // Duplicate members inside `epk` are refused by the strict header parser.
    let header = r#"{"alg":"ECDH-ES+A128KW","enc":"A128GCM","epk":{"kty":"EC","kty":"EC"}}"#;
    let mut parts = segments(&token);
    parts[0] = base64url::encode(header);
    let e = d.decrypt_compact(&parts.join("."), &key).unwrap_err();
    assert!(matches!(e, Error::Encoding { .. }), "{e}");
}

/// security.md #14 (latchset/jwcrypto#391): direct key agreement has no encrypted key.
#[test]
fn security_14_ecdh_es_needs_an_empty_encrypted_key() {
    let (token, key) = sample(KeySpec::Ec(EcCurve::P256), A::ECDH_ES, E::A128GCM);
    let d = decrypter(A::ECDH_ES, E::A128GCM);
    let mut parts = segments(&token);
    parts[1] = base64url::encode([0u8; 24]);
    let (e, calls) = reject(&d, &parts.join("."), &key);
    assert!(matches!(e, Error::Malformed { .. }), "{e}");
    assert!(e.to_string().contains("must be empty"), "{e}");
    assert_eq!(calls, 0);
}

/// security.md #15: a small-order X25519 `epk` makes the shared secret all zeros whatever the
/// private key; the agreement refuses it (`was_contributory`) with the one decryption error.
/// (That it is the agreement that refuses is shown by the unit tests of
/// `keywrap::ecdh_es`.)
#[test]
fn security_15_small_order_x25519_epk() {
    for alg in [A::ECDH_ES, A::ECDH_ES_A128KW] {
        let (token, key) = sample(KeySpec::Okp(OkpCurve::X25519), alg, E::A128CBC_HS256);
        let d = decrypter(alg, E::A128CBC_HS256);
        let mut messages = Vec::new();
        for u in X25519_SMALL_ORDER {
            let x = base64url::encode(hex(&[u]));
            let t = with_epk(&token, json!({"kty":"OKP","crv":"X25519","x": x}));
            messages.push(assert_opaque(&d, &t, &key, &format!("{alg} u = {u}")));
        }
        messages.dedup();
        assert_eq!(messages.len(), 1);
        // An Ed25519 key offered for agreement is a header error.
        let ed = Jwk::generate(KeySpec::Okp(OkpCurve::Ed25519)).unwrap();
        let t = with_epk(&token, Value::Object(ed.to_public().unwrap().to_map()));
        assert_header_error(&d, &t, &key, "epk", "Ed25519 epk");
        // A 31-byte X25519 key too.
        let t = with_epk_member(&token, "x", json!(base64url::encode([9u8; 31])));
        assert_header_error(&d, &t, &key, "epk", "31-byte x");
    }
}

/// `apu` and `apv` (RFC 7518 §4.6.1.2, §4.6.1.3) must be strings of strict base64url: header
/// errors before the key lookup.
#[test]
fn apu_and_apv_must_be_base64url_strings() {
    let (token, key) = sample(KeySpec::Ec(EcCurve::P384), A::ECDH_ES, E::A128GCM);
    let d = decrypter(A::ECDH_ES, E::A128GCM);
    for name in ["apu", "apv"] {
        for value in [
            json!(1),
            json!(["QWxpY2U"]),
            Value::Null,
            json!("QWxpY2U="),
            json!("QWxpY2V"),
            json!("QWxp+2U"),
            json!("QWxp Y2U"),
        ] {
            let t = with_header(&token, |h| {
                h.insert(name.into(), value.clone());
            });
            assert_header_error(&d, &t, &key, name, &format!("{name} {value}"));
        }
    }
}

/// ECDH-ES+A*KW: everything wrong after the lookup is the one decryption error.
#[test]
fn key_wrapping_rejections_are_opaque() {
    let (token, key) = sample(KeySpec::Ec(EcCurve::P521), A::ECDH_ES_A128KW, E::A128GCM);
    let d = decrypter(A::ECDH_ES_A128KW, E::A128GCM);
    let mut messages = Vec::new();
    for len in [0usize, 8, 16, 23, 25, 32] {
        let mut parts = segments(&token);
        parts[1] = base64url::encode(vec![0xa6; len]);
        messages.push(assert_opaque(
            &d,
            &parts.join("."),
            &key,
            &format!("{len} bytes"),
        ));
    }
    messages.push(assert_opaque(
        &d,
        &tamper(&token, 1, |k| k[0] ^= 1),
        &key,
        "wrapped key",
    ));
    let (_, _, other) = recipient(KeySpec::Ec(EcCurve::P521), A::ECDH_ES_A128KW);
    messages.push(assert_opaque(&d, &token, &other, "another recipient key"));
    messages.push(assert_opaque(
        &d,
        &tamper(&token, 4, |t| t[0] ^= 1),
        &key,
        "tag",
    ));
    messages.dedup();
    assert_eq!(messages.len(), 1);
    // A key bound to another ECDH-ES algorithm is not used.
    let (private, _, _) = recipient(KeySpec::Ec(EcCurve::P256), A::ECDH_ES);
    let wrong = DecryptingKey::from_jwk(&private, A::ECDH_ES).unwrap();
    let e = d.decrypt_compact(&token, &wrong).unwrap_err();
    assert!(matches!(e, Error::KeyAlgorithmMismatch { .. }), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn ecdh_es_round_trips(
        spec in 0..SPECS.len(),
        alg in 0..ALGS.len(),
        enc in 0..E::ALL.len(),
        apu in proptest::collection::vec(any::<u8>(), 0..24),
        plaintext in proptest::collection::vec(any::<u8>(), 0..300),
    ) {
        let (alg, enc) = (ALGS[alg], E::ALL[enc]);
        let (_, ek, dk) = recipient(SPECS[spec], alg);
        let header = Header::new().apu(&apu);
        let token = encrypt(&ek, enc, &header, &plaintext).unwrap();
        let decrypted = decrypter(alg, enc).decrypt_compact(&token, &dk).unwrap();
        prop_assert_eq!(decrypted.plaintext(), plaintext.as_slice());
    }
}
