//! Hostile JWE JSON Serializations: the work spent on what an attacker controls is bounded by
//! a small multiple of one genuine decryption.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use jose_b64::serde_json::{self, Map, Value, json};
use jose_jwe::{
    Decrypter, DecryptingKey, EncryptingKey, Error, Header, JweAlgorithm, JweEncryption, Limits,
    json as jwe_json,
};
use jose_jwk::{EcCurve, Jwk, KeySpec};

fn parse(text: &str) -> Map<String, Value> {
    match serde_json::from_str(text).unwrap() {
        Value::Object(map) => map,
        _ => unreachable!(),
    }
}

/// A flattened ECDH-ES+A128KW JWE for a fresh P-256 key, and that key.
fn ecdh_flattened() -> (Map<String, Value>, DecryptingKey) {
    let alg = JweAlgorithm::ECDH_ES_A128KW;
    let private = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
    let encrypting = EncryptingKey::from_jwk(&private.to_public().unwrap(), alg).unwrap();
    let jwe = jwe_json::Encryptor::new(JweEncryption::A128GCM)
        .recipient(&encrypting, Header::new())
        .encrypt_general(b"epk")
        .unwrap();
    let map = flatten(parse(&jwe));
    assert!(map["header"]["epk"].is_object(), "{map:?}");
    (map, DecryptingKey::from_jwk(&private, alg).unwrap())
}

/// The flattened syntax of a general JWE with one recipient: its `header` (where the
/// algorithm's parameters are) and `encrypted_key` at the top level (RFC 7516 §7.2.2).
fn flatten(mut general: Map<String, Value>) -> Map<String, Value> {
    let Some(Value::Array(mut recipients)) = general.remove("recipients") else {
        unreachable!()
    };
    let Some(Value::Object(only)) = recipients.pop() else {
        unreachable!()
    };
    general.extend(only);
    general
}

/// RFC 7518 §4.6.1.1: only `kty`, `crv`, `x`, `y` of an `epk` are read. Other members, even
/// ones a JWK import refuses (duplicate or unknown `key_ops`, a `use` of `sig`, a number as
/// `alg`), are not looked at.
#[test]
fn an_epk_is_read_from_its_minimal_members_only() {
    let (jwe, key) = ecdh_flattened();
    let decrypter =
        Decrypter::new([JweAlgorithm::ECDH_ES_A128KW], [JweEncryption::A128GCM]).unwrap();
    let extras = [
        ("key_ops", json!(["deriveKey", "deriveKey"])),
        ("key_ops", json!(["sign", "verify", "sign"])),
        ("key_ops", json!(7)),
        ("use", json!("sig")),
        ("alg", json!(256)),
        ("x5c", json!("not a list")),
    ];
    for (name, value) in extras {
        let mut changed = jwe.clone();
        changed["header"]["epk"][name] = value.clone();
        let text = Value::Object(changed).to_string();
        let decrypted = decrypter
            .decrypt_json(&text, &key)
            .unwrap_or_else(|e| panic!("{name}: {value}: {e}"));
        assert_eq!(decrypted.plaintext(), b"epk");
    }
    // A long `key_ops` costs only its parsing: with the header limit raised to let it in,
    // 28,000 entries decrypt as any other epk.
    let mut changed = jwe.clone();
    changed["header"]["epk"]["key_ops"] = Value::from(vec!["deriveKey"; 28_000]);
    let text = Value::Object(changed).to_string();
    let roomy = decrypter.clone().with_limits(
        Limits::DEFAULT
            .with_max_token_len(1 << 20)
            .with_max_header_len(1 << 20),
    );
    assert_eq!(roomy.decrypt_json(&text, &key).unwrap().plaintext(), b"epk");
}

/// The checks that make an `epk` a usable ephemeral key stay: a known curve, coordinates of
/// the curve's length, on the curve, no `d`.
#[test]
fn an_epk_off_the_curve_or_with_d_is_still_refused() {
    let (jwe, key) = ecdh_flattened();
    let decrypter =
        Decrypter::new([JweAlgorithm::ECDH_ES_A128KW], [JweEncryption::A128GCM]).unwrap();
    let zero = jose_b64::base64url::encode([0u8; 32]);
    let cases = [
        ("y", json!(zero.clone()), "not on P-256"),
        ("x", json!("AAAA"), "must be 32 bytes"),
        ("crv", json!("secp256k1"), "not an ECDH-ES key"),
        ("d", json!(zero.clone()), "private member"),
        ("x", json!(1), "must be a string"),
        ("kty", json!("RSA"), "EC or OKP"),
    ];
    for (name, value, why) in cases {
        let mut changed = jwe.clone();
        changed["header"]["epk"][name] = value;
        let text = Value::Object(changed).to_string();
        let e = decrypter.decrypt_json(&text, &key).unwrap_err();
        assert!(matches!(e, Error::Header(_)), "{name}: {e}");
        assert!(e.to_string().contains(why), "{name}: {e}");
    }
    let mut changed = jwe;
    changed["header"]["epk"]
        .as_object_mut()
        .unwrap()
        .remove("y");
    let e = decrypter
        .decrypt_json(&Value::Object(changed).to_string(), &key)
        .unwrap_err();
    assert!(e.to_string().contains("\"y\" is missing"), "{e}");
}

/// A flattened A128KW JWE whose `unprotected` and `header` members carry `filler` bytes of
/// an application parameter each.
fn padded_headers(filler: usize) -> (String, String, DecryptingKey) {
    let key = EncryptingKey::symmetric(&[9u8; 16], JweAlgorithm::A128KW).unwrap();
    let jwe = jwe_json::Encryptor::new(JweEncryption::A128GCM)
        .recipient(&key, Header::new())
        .encrypt_general(b"headers")
        .unwrap();
    let base = flatten(parse(&jwe));
    let mut shared = base.clone();
    shared.insert("unprotected".into(), json!({"x-pad": "a".repeat(filler)}));
    let mut own = base;
    own["header"]["x-pad"] = Value::from("a".repeat(filler));
    (
        Value::Object(shared).to_string(),
        Value::Object(own).to_string(),
        key.to_decrypting_key(),
    )
}

/// RFC 7516 §7.2: the shared unprotected header and every per-recipient header are held to
/// `max_header_len` (and the depth limit), as the protected header is.
#[test]
fn unprotected_headers_are_held_to_the_header_limits() {
    let decrypter = Decrypter::new([JweAlgorithm::A128KW], [JweEncryption::A128GCM]).unwrap();
    let max = Limits::DEFAULT.max_header_len;
    // Within the limit: decrypts.
    let (shared, own, key) = padded_headers(max - 200);
    for jwe in [&shared, &own] {
        assert_eq!(
            decrypter.decrypt_json(jwe, &key).unwrap().plaintext(),
            b"headers"
        );
    }
    // One byte of JSON past it: refused before any key is used, naming the header.
    let (shared, own, key) = padded_headers(max);
    for (jwe, what) in [
        (&shared, "shared unprotected header"),
        (&own, "per-recipient header"),
    ] {
        let e = decrypter.decrypt_json(jwe, &key).unwrap_err();
        assert!(
            matches!(e, Error::TooLarge { what: w, limit, .. } if w == what && limit == max),
            "{e}"
        );
        let e = jwe_json::UnverifiedJsonJwe::parse(jwe).unwrap_err();
        assert!(matches!(e, Error::TooLarge { .. }), "{e}");
    }
    // Parsed with roomier limits, the decrypter's own limit still holds.
    let roomy = Limits::DEFAULT
        .with_max_token_len(Limits::DEFAULT.max_token_len)
        .with_max_header_len(4 * max);
    let parsed = jwe_json::UnverifiedJsonJwe::parse_with(&own, &roomy).unwrap();
    let e = parsed.decrypt(&decrypter, &key).unwrap_err();
    assert!(matches!(e, Error::TooLarge { .. }), "{e}");
    let roomy_decrypter = decrypter.clone().with_limits(roomy);
    assert!(parsed.decrypt(&roomy_decrypter, &key).is_ok());
    // The depth limit, in a per-recipient header.
    let mut deep = json!("leaf");
    for _ in 0..Limits::DEFAULT.max_header_depth {
        deep = json!([deep]);
    }
    let (_, own, key) = padded_headers(1);
    let mut own = parse(&own);
    own["header"]["x-deep"] = deep;
    let e = decrypter
        .decrypt_json(&Value::Object(own).to_string(), &key)
        .unwrap_err();
    assert!(matches!(e, Error::Encoding { .. }), "{e}");
}

/// Members that a JWE does not use are not read, but they must still be strict JSON: no
/// repeated names at any depth, at the top level as in a recipient.
#[test]
fn unused_members_are_still_strict_json() {
    let (_, own, key) = padded_headers(1);
    let decrypter = Decrypter::new([JweAlgorithm::A128KW], [JweEncryption::A128GCM]).unwrap();
    let top = own.replacen('{', r#"{"x-extra":{"a":1,"a":2},"#, 1);
    let e = decrypter.decrypt_json(&top, &key).unwrap_err();
    assert!(
        matches!(
            e,
            Error::Encoding {
                part: "JSON serialization",
                ..
            }
        ),
        "{e}"
    );
    let fine = own.replacen('{', r#"{"x-extra":{"a":1,"b":[{"c":2}]},"#, 1);
    assert!(decrypter.decrypt_json(&fine, &key).is_ok());

    let encrypting = EncryptingKey::symmetric(&[9u8; 16], JweAlgorithm::A128KW).unwrap();
    let general = jwe_json::Encryptor::new(JweEncryption::A128GCM)
        .recipient(&encrypting, Header::new())
        .encrypt_general(b"x")
        .unwrap();
    let nested = general.replacen(r#"{"header":"#, r#"{"x-r":[{"k":1,"k":1}],"header":"#, 1);
    assert_ne!(nested, general);
    let e = decrypter.decrypt_json(&nested, &key).unwrap_err();
    assert!(
        matches!(
            e,
            Error::Encoding {
                part: "JSON serialization",
                ..
            }
        ),
        "{e}"
    );
}
