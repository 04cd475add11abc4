//! Every malformed or unsafe JWK gets a typed error with a clear message, and no panic.
//! Numbers in test names refer to the entries of the project's security catalogue.
#![allow(clippy::panic)] // test helpers report failures by panicking

use jose_jwk::{Error, Jwk, JwkSet, KeyPolicy};
use serde_json::{Value, json};

// RFC 7517 App. A.1 / A.2 (P-256) and RFC 7520 §3.4 (RSA-2048) keys.
const EC_X: &str = "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4";
const EC_Y: &str = "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM";
const EC_D: &str = "870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE";
const RSA_N: &str = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
const ED_X: &str = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
const ED_D: &str = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";

fn ec(extra: Value) -> Value {
    let mut jwk = json!({"kty": "EC", "crv": "P-256", "x": EC_X, "y": EC_Y});
    merge(&mut jwk, extra);
    jwk
}

fn merge(jwk: &mut Value, extra: Value) {
    if let (Value::Object(base), Value::Object(extra)) = (jwk, extra) {
        for (k, v) in extra {
            if v.is_null() {
                base.remove(&k);
            } else {
                base.insert(k, v);
            }
        }
    }
}

fn reject(jwk: &Value) -> Error {
    match Jwk::from_json(&jwk.to_string()) {
        Ok(k) => panic!("accepted {jwk}: {k:?}"),
        Err(e) => {
            assert!(!e.to_string().is_empty());
            e
        }
    }
}

fn b64(bytes: &[u8]) -> String {
    jose_b64::base64url::encode(bytes)
}

#[test]
fn json_level_errors() {
    // #27 duplicates, #32 depth, not an object, not JSON, BOM, invalid UTF-8.
    for text in [
        r#"{"kty":"oct","k":"AAAA","k":"BBBB"}"#.to_string(),
        r#"{"kty":"oct","kty":"RSA","k":"AAAA"}"#.to_string(),
        r#"{"kty":"oct","k":"AAAA","ext":{"a":1,"a":2}}"#.to_string(),
        format!(
            r#"{{"kty":"oct","k":"AAAA","x":{}{}}}"#,
            "[".repeat(100),
            "]".repeat(100)
        ),
        "[]".into(),
        "\"kty\"".into(),
        "{".into(),
        "\u{feff}{\"kty\":\"oct\",\"k\":\"AAAA\"}".into(),
    ] {
        let e = Jwk::from_json(&text).unwrap_err();
        assert!(matches!(e, Error::Encoding(_)), "{text}: {e:?}");
    }
}

#[test]
fn missing_and_mistyped_members() {
    assert_eq!(
        reject(&json!({"k": "AAAA"})),
        Error::MissingMember { member: "kty" }
    );
    assert_eq!(
        reject(&json!({"kty": "EC", "x": EC_X, "y": EC_Y})),
        Error::MissingMember { member: "crv" }
    );
    assert_eq!(
        reject(&ec(json!({"y": null}))),
        Error::MissingMember { member: "y" }
    );
    assert_eq!(
        reject(&json!({"kty": "RSA", "e": "AQAB"})),
        Error::MissingMember { member: "n" }
    );
    assert_eq!(
        reject(&json!({"kty": "oct"})),
        Error::MissingMember { member: "k" }
    );
    assert_eq!(
        reject(&json!({"kty": "OKP", "crv": "Ed25519"})),
        Error::MissingMember { member: "x" }
    );
    for bad in [
        json!({"kty": 1}),
        json!({"kty": null}),
        json!({"kty": ["EC"]}),
    ] {
        assert!(matches!(reject(&bad), Error::InvalidMember { .. }), "{bad}");
    }
    assert!(
        matches!(reject(&ec(json!({"x": 5}))), Error::InvalidMember { member, .. } if member == "x")
    );
    assert!(
        matches!(reject(&ec(json!({"kid": 5}))), Error::InvalidMember { member, .. } if member == "kid")
    );
    assert!(
        matches!(reject(&ec(json!({"use": true}))), Error::InvalidMember { member, .. } if member == "use")
    );
    assert!(
        matches!(reject(&ec(json!({"key_ops": "verify"}))), Error::InvalidMember { member, .. } if member == "key_ops")
    );
    assert!(matches!(
        reject(&ec(json!({"key_ops": ["verify", 1]}))),
        Error::InvalidMember { .. }
    ));
    assert!(matches!(
        reject(&ec(json!({"alg": {"x": 1}}))),
        Error::InvalidMember { .. }
    ));
    let e = reject(&ec(json!({"x5c": "MIIB"})));
    assert!(e.to_string().contains("x5c"), "{e}");
}

#[test]
fn bad_base64url_in_members() {
    // #29: padding, standard alphabet, whitespace, non-canonical bits — in public and secret members.
    for (member, value) in [
        ("x", format!("{EC_X}=")),
        ("x", EC_X.replacen('M', "+", 1)),
        ("y", EC_Y.replacen('4', "/", 1)),
        ("y", format!(" {EC_Y}")),
        ("d", format!("{EC_D}=")),
        (
            "d",
            "870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAF".to_string(),
        ),
    ] {
        let mut extra = serde_json::Map::new();
        extra.insert(member.to_string(), Value::String(value));
        let e = reject(&ec(Value::Object(extra)));
        assert!(
            matches!(&e, Error::InvalidMember { member: m, reason } if m == member && reason.contains("base64url")),
            "{e:?}"
        );
        assert!(
            !e.to_string().contains(EC_D),
            "secret in error message: {e}"
        );
    }
}

#[test]
fn unsupported_types_and_curves() {
    assert_eq!(
        reject(&json!({"kty": "DSA"})),
        Error::UnsupportedKeyType { kty: "DSA".into() }
    );
    assert_eq!(
        reject(&json!({"kty": "ec", "crv": "P-256"})),
        Error::UnsupportedKeyType { kty: "ec".into() }
    );
    for crv in ["P-999", "p-256", "P-224", "secp256r1", ""] {
        assert_eq!(
            reject(&ec(json!({"crv": crv}))),
            Error::UnsupportedCurve {
                kty: "EC",
                crv: crv.into()
            }
        );
    }
    for crv in ["Ed448", "X448", "ed25519"] {
        let jwk = json!({"kty": "OKP", "crv": crv, "x": ED_X});
        assert_eq!(
            reject(&jwk),
            Error::UnsupportedCurve {
                kty: "OKP",
                crv: crv.into()
            }
        );
    }
}

#[test]
fn members_of_other_key_types_are_rejected() {
    for (jwk, member) in [
        (ec(json!({"k": "AAAA"})), "k"),
        (ec(json!({"n": RSA_N})), "n"),
        (json!({"kty": "oct", "k": "AAAA", "d": EC_D}), "d"),
        (json!({"kty": "oct", "k": "AAAA", "crv": "P-256"}), "crv"),
        (
            json!({"kty": "OKP", "crv": "Ed25519", "x": ED_X, "y": EC_Y}),
            "y",
        ),
        (
            json!({"kty": "RSA", "n": RSA_N, "e": "AQAB", "x": EC_X}),
            "x",
        ),
    ] {
        assert!(
            matches!(reject(&jwk), Error::UnexpectedMember { member: m, .. } if m == member),
            "{jwk}"
        );
    }
}

#[test]
fn ec_points_must_be_on_the_curve() {
    // #14 / #50: off-curve point, identity encoding, wrong lengths, coordinates ≥ p.
    let mut y = jose_b64::base64url::decode(EC_Y).unwrap();
    y[31] ^= 1;
    assert!(matches!(
        reject(&ec(json!({"y": b64(&y)}))),
        Error::InvalidKey { kty: "EC", .. }
    ));
    let zero = b64(&[0u8; 32]);
    assert!(matches!(
        reject(&ec(json!({"x": zero, "y": zero}))),
        Error::InvalidKey { .. }
    ));
    let ff = b64(&[0xffu8; 32]);
    assert!(matches!(
        reject(&ec(json!({"x": ff}))),
        Error::InvalidKey { .. }
    ));
    for len in [31usize, 33, 1] {
        let e = reject(&ec(json!({"x": b64(&vec![1u8; len])})));
        assert!(
            matches!(&e, Error::InvalidMember { member, reason } if member == "x" && reason.contains("32 bytes")),
            "{e}"
        );
    }
    // A P-256 point declared as P-384.
    assert!(matches!(
        reject(&ec(json!({"crv": "P-384"}))),
        Error::InvalidMember { .. }
    ));
}

#[test]
fn private_keys_must_match_their_public_keys() {
    // #50: d·G ≠ (x, y); d = 0; d ≥ n; wrong length.
    ec(json!({"d": EC_D})); // well formed
    Jwk::from_json(&ec(json!({"d": EC_D})).to_string()).unwrap();
    let other = b64(&[7u8; 32]);
    let e = reject(&ec(json!({"d": other})));
    assert!(
        matches!(&e, Error::InvalidKey { reason, .. } if reason.contains("does not match")),
        "{e}"
    );
    assert!(matches!(
        reject(&ec(json!({"d": b64(&[0u8; 32])}))),
        Error::InvalidKey { .. }
    ));
    assert!(matches!(
        reject(&ec(json!({"d": b64(&[0xffu8; 32])}))),
        Error::InvalidKey { .. }
    ));
    assert!(matches!(
        reject(&ec(json!({"d": b64(&[1u8; 31])}))),
        Error::InvalidMember { .. }
    ));
    // Ed25519 and X25519 likewise.
    let ed = json!({"kty": "OKP", "crv": "Ed25519", "x": ED_X, "d": ED_D});
    Jwk::from_json(&ed.to_string()).unwrap();
    let mut wrong = ed.clone();
    wrong["d"] = b64(&[9u8; 32]).into();
    assert!(matches!(
        reject(&wrong),
        Error::InvalidKey { kty: "OKP", .. }
    ));
    let x25519 = json!({"kty": "OKP", "crv": "X25519", "x": ED_X, "d": ED_D});
    assert!(matches!(
        reject(&x25519),
        Error::InvalidKey { kty: "OKP", .. }
    ));
}

#[test]
fn small_order_ed25519_public_keys_are_rejected() {
    // The identity point (0, 1) encodes as 01 00 … 00.
    let mut identity = [0u8; 32];
    identity[0] = 1;
    let jwk = json!({"kty": "OKP", "crv": "Ed25519", "x": b64(&identity)});
    assert!(matches!(reject(&jwk), Error::InvalidKey { .. }));
}

fn rsa_public(n: &str, e: &str) -> Value {
    json!({"kty": "RSA", "n": n, "e": e})
}

#[test]
fn rsa_strength_and_encoding() {
    // #10: short moduli, bad exponents, non-minimal encodings, huge moduli.
    Jwk::from_json(&rsa_public(RSA_N, "AQAB").to_string()).unwrap();
    let n = jose_b64::base64url::decode(RSA_N).unwrap();
    let mut short = n[..128].to_vec();
    short[127] |= 1;
    let short = b64(&short);
    assert!(matches!(
        reject(&rsa_public(&short, "AQAB")),
        Error::WeakKey { .. }
    ));
    for e in ["AQ", "Ag", "Aw", "AQAAAQ"] {
        let err = reject(&rsa_public(RSA_N, e));
        assert!(matches!(err, Error::WeakKey { .. }), "e={e}: {err:?}");
    }
    let mut padded = vec![0u8];
    padded.extend_from_slice(&n);
    assert!(
        matches!(reject(&rsa_public(&b64(&padded), "AQAB")), Error::InvalidMember { member, .. } if member == "n")
    );
    assert!(
        matches!(reject(&rsa_public(RSA_N, "AAEAAQ")), Error::InvalidMember { member, .. } if member == "e")
    );
    assert!(matches!(
        reject(&rsa_public("", "AQAB")),
        Error::InvalidMember { .. }
    ));
    let huge = b64(&vec![0xc5u8; 1024]); // 8192 bits
    assert!(matches!(
        reject(&rsa_public(&huge, "AQAB")),
        Error::WeakKey { .. }
    ));
    // An even modulus is not a key.
    let mut even = n.clone();
    *even.last_mut().unwrap() &= 0xfe;
    assert!(matches!(
        reject(&rsa_public(&b64(&even), "AQAB")),
        Error::InvalidKey { .. }
    ));
    // Opting in to other exponents still refuses even ones.
    let relaxed = KeyPolicy {
        allow_any_rsa_exponent: true,
        ..KeyPolicy::default()
    };
    Jwk::from_json_with(&rsa_public(RSA_N, "Aw").to_string(), &relaxed).unwrap();
    assert!(Jwk::from_json_with(&rsa_public(RSA_N, "Ag").to_string(), &relaxed).is_err());
    let smaller = KeyPolicy {
        min_rsa_bits: 1024,
        ..KeyPolicy::default()
    };
    Jwk::from_json_with(&rsa_public(&short, "AQAB").to_string(), &smaller).unwrap();
}

#[test]
fn rsa_private_keys_must_be_consistent() {
    let key: Value = serde_json::from_str(include_str!("data/rsa_private.json")).unwrap();
    Jwk::from_json(&key.to_string()).unwrap();
    // `oth`: multi-prime keys are refused clearly.
    let mut oth = key.clone();
    oth["oth"] = json!([{"r": "AQAB", "d": "AQAB", "t": "AQAB"}]);
    let e = reject(&oth);
    assert_eq!(e, Error::MultiPrimeRsa);
    assert!(e.to_string().contains("oth"));
    // Each CRT value must match.
    for member in ["dp", "dq", "qi"] {
        let mut bad = key.clone();
        let mut bytes = jose_b64::base64url::decode(bad[member].as_str().unwrap()).unwrap();
        bytes[10] ^= 0x40;
        bad[member] = b64(&bytes).into();
        let e = reject(&bad);
        assert!(
            matches!(&e, Error::InvalidKey { reason, .. } if reason.contains(member)),
            "{member}: {e}"
        );
    }
    // d, p, q must form the key.
    for member in ["d", "p", "q"] {
        let mut bad = key.clone();
        let mut bytes = jose_b64::base64url::decode(bad[member].as_str().unwrap()).unwrap();
        bytes[10] ^= 0x40;
        bad[member] = b64(&bytes).into();
        assert!(matches!(reject(&bad), Error::InvalidKey { .. }), "{member}");
    }
    // Partial CRT parameters.
    let mut partial = key.clone();
    partial.as_object_mut().unwrap().remove("qi");
    assert_eq!(reject(&partial), Error::MissingMember { member: "qi" });
    let mut no_d = key.clone();
    no_d.as_object_mut().unwrap().remove("d");
    assert!(matches!(reject(&no_d), Error::InvalidMember { member, .. } if member == "d"));
    // `d` alone (primes recovered) is accepted.
    let mut d_only = key.clone();
    for m in ["p", "q", "dp", "dq", "qi"] {
        d_only.as_object_mut().unwrap().remove(m);
    }
    assert!(Jwk::from_json(&d_only.to_string()).unwrap().is_private());
}

#[test]
fn symmetric_keys_must_not_be_empty() {
    // #9
    assert!(matches!(
        reject(&json!({"kty": "oct", "k": ""})),
        Error::InvalidMember { .. }
    ));
    assert!(
        Jwk::from_json(r#"{"kty":"oct","k":"AA"}"#).is_ok(),
        "length is checked per algorithm"
    );
}

#[test]
fn use_and_key_ops_must_agree() {
    assert!(matches!(
        reject(&ec(json!({"use": "sig", "key_ops": ["deriveKey"]}))),
        Error::InconsistentKeyUse { .. }
    ));
    assert!(matches!(
        reject(&ec(json!({"key_ops": ["verify", "verify"]}))),
        Error::InconsistentKeyUse { .. }
    ));
    Jwk::from_json(&ec(json!({"use": "enc", "key_ops": ["deriveKey", "deriveBits"]})).to_string())
        .unwrap();
}

#[test]
fn x509_members_are_checked_for_shape() {
    assert!(matches!(
        reject(&ec(json!({"x5t": b64(&[1; 19])}))),
        Error::InvalidMember { .. }
    ));
    assert!(matches!(
        reject(&ec(json!({"x5t#S256": b64(&[1; 20])}))),
        Error::InvalidMember { .. }
    ));
    assert!(matches!(
        reject(&ec(json!({"x5c": []}))),
        Error::InvalidMember { .. }
    ));
    assert!(matches!(
        reject(&ec(json!({"x5c": ["MII-_"]}))),
        Error::InvalidMember { .. }
    ));
    let ok = Jwk::from_json(
        &ec(json!({"x5c": ["AQID"], "x5t": b64(&[1; 20]), "x5u": "https://example.com/c"}))
            .to_string(),
    )
    .unwrap();
    assert_eq!(ok.x5c().unwrap()[0], [1, 2, 3]);
}

#[test]
fn unknown_members_round_trip_and_never_reach_the_public_key() {
    let input = ec(json!({"d": EC_D, "ext": true, "custom": {"nested": [1, "two"]}, "kid": "k"}));
    let jwk = Jwk::from_json(&input.to_string()).unwrap();
    assert_eq!(Value::Object(jwk.to_map()), input);
    let public = jwk.to_public().unwrap();
    let public = public.to_map();
    assert!(!public.contains_key("custom") && !public.contains_key("d"));
    assert_eq!(public["kid"], "k");
}

#[test]
fn public_extraction_drops_private_members_for_every_type() {
    let rsa: Value = serde_json::from_str(include_str!("data/rsa_private.json")).unwrap();
    for input in [
        ec(json!({"d": EC_D, "key_ops": ["sign", "verify"]})),
        json!({"kty": "OKP", "crv": "Ed25519", "x": ED_X, "d": ED_D}),
        rsa,
    ] {
        let jwk = Jwk::from_json(&input.to_string()).unwrap();
        assert!(jwk.is_private());
        let public = jwk.to_public().unwrap();
        assert!(!public.is_private());
        let map = public.to_map();
        for member in ["d", "p", "q", "dp", "dq", "qi", "k", "oth"] {
            assert!(!map.contains_key(member), "{member} survived in {map:?}");
        }
        if let Some(ops) = public.key_ops() {
            assert!(ops.iter().all(|op| op.is_public()));
        }
    }
    let oct = Jwk::from_json(r#"{"kty":"oct","k":"AAAA"}"#).unwrap();
    assert_eq!(oct.to_public().unwrap_err(), Error::NoPublicKey);
}

#[test]
fn secrets_never_appear_in_debug_or_errors() {
    let jwk = Jwk::from_json(&ec(json!({"d": EC_D})).to_string()).unwrap();
    let debug = format!("{jwk:?}");
    assert!(
        !debug.contains(EC_D) && debug.contains("[redacted]"),
        "{debug}"
    );
    let oct = Jwk::from_json(r#"{"kty":"oct","k":"c2VjcmV0LWtleS1tYXRlcmlhbA"}"#).unwrap();
    assert!(!format!("{oct:?}").contains("c2VjcmV0"));
    let e = Jwk::from_json(r#"{"kty":"oct","k":"c2VjcmV0LWtleS1tYXRlcmlhbA=="}"#).unwrap_err();
    assert!(!e.to_string().contains("c2VjcmV0"), "{e}");
}

#[test]
fn key_sets() {
    let a = ec(json!({"kid": "a"}));
    let b = json!({"kty": "OKP", "crv": "Ed25519", "x": ED_X, "kid": "b"});
    let set = |keys: Vec<Value>| JwkSet::from_json(&json!({ "keys": keys }).to_string());
    assert_eq!(set(vec![a.clone(), b.clone()]).unwrap().len(), 2);
    // Keys of different types may share a kid (RFC 7517 §4.5); two EC keys may not.
    let mut b_as_a = b.clone();
    b_as_a["kid"] = "a".into();
    assert_eq!(set(vec![a.clone(), b_as_a]).unwrap().len(), 2);
    assert_eq!(
        set(vec![a.clone(), a.clone()]).unwrap_err(),
        Error::DuplicateKid { kid: "a".into() }
    );
    // Public and private asymmetric keys together (#49).
    let private = json!({"kty": "OKP", "crv": "Ed25519", "x": ED_X, "d": ED_D, "kid": "c"});
    assert_eq!(
        set(vec![a.clone(), private]).unwrap_err(),
        Error::MixedKeySet
    );
    // Unsupported types are skipped (RFC 7517 §5), and so are malformed known ones, unless
    // the reader is strict.
    let s = set(vec![
        json!({"kty": "DSA", "kid": "x"}),
        a.clone(),
        json!({"kty":"OKP","crv":"X448","x":"AA"}),
    ])
    .unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(s.skipped().len(), 2);
    let bad = vec![a.clone(), ec(json!({"x": "AA", "kid": "z"}))];
    assert_eq!(set(bad.clone()).unwrap().skipped()[0].kid(), Some("z"));
    let strict = jose_jwk::JwkSetReader::new().strict();
    assert!(
        strict
            .read_json(&json!({ "keys": bad }).to_string())
            .is_err()
    );
    assert_eq!(set(vec![json!("x")]).unwrap().skipped().len(), 1);
    assert!(strict.read_json(r#"{"keys":["x"]}"#).is_err());
    assert!(JwkSet::from_json(r#"{"keys":{}}"#).is_err());
    assert_eq!(
        JwkSet::from_json(r#"{}"#).unwrap_err(),
        Error::MissingMember { member: "keys" }
    );
    // Lookup is exact.
    let s = set(vec![a, b]).unwrap();
    assert_eq!(
        s.find_kid("A").unwrap_err(),
        Error::KidNotFound { kid: "A".into() }
    );
    assert_eq!(
        s.find_kid("a ").unwrap_err(),
        Error::KidNotFound { kid: "a ".into() }
    );
    assert!(s.find_kid("a").is_ok());
    // serde goes through the same checks.
    for (e, why) in [
        (
            serde_json::from_str::<JwkSet>(r#"{"keys":[],"keys":[]}"#).unwrap_err(),
            r#"duplicate JSON member name "keys""#,
        ),
        (
            serde_json::from_str::<Jwk>(r#"{"kty":"oct","k":"AAAA","k":"AAAA"}"#).unwrap_err(),
            r#"duplicate JSON member name "k""#,
        ),
        (
            serde_json::from_str::<Jwk>(r#"[]"#).unwrap_err(),
            "a JWK must be a JSON object, found an array",
        ),
    ] {
        assert!(e.to_string().starts_with(why), "{e}");
    }
}
