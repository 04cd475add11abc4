//! Hardening of JWK and JWK Set import: bounded work, `kid` sharing (RFC 7517 §4.5), sets
//! that skip odd keys, secret keys beside public ones.
#![allow(clippy::unwrap_used)] // test helpers fail by panicking

use jose_b64::serde_json::{Value, json};
use jose_jwk::{Error, Jwk, JwkSet, JwkSetReader, KeySelector, KeyType, MAX_KEY_OPS};

const EC_X: &str = "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4";
const EC_Y: &str = "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM";
const EC_D: &str = "870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE";
const RSA_N: &str = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
const ED_X: &str = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
const P384_X: &str = "YU4rRUzdmVqmRtWOs2OpDE_T5fsNIodcG8G5FWPrTPMyxpzsSOGaQLpe2FpxBmu2";
const P384_Y: &str = "A8-yxCHxkfBz3hKZfI1jUYMjUhsEveZ9THuwFjH2sCNdtksRJU7D5-SkgaFL1ETP";

fn ec(extra: Value) -> Value {
    let mut key = json!({"kty": "EC", "crv": "P-256", "x": EC_X, "y": EC_Y});
    merge(&mut key, extra);
    key
}

fn rsa(extra: Value) -> Value {
    let mut key = json!({"kty": "RSA", "n": RSA_N, "e": "AQAB"});
    merge(&mut key, extra);
    key
}

fn merge(key: &mut Value, extra: Value) {
    if let (Value::Object(key), Value::Object(extra)) = (key, extra) {
        key.extend(extra);
    }
}

fn set(keys: Vec<Value>) -> Result<JwkSet, Error> {
    JwkSet::from_json(&json!({ "keys": keys }).to_string())
}

#[test]
fn key_ops_is_capped() {
    let ops: Vec<String> = (0..=MAX_KEY_OPS).map(|i| format!("op{i}")).collect();
    let e = Jwk::from_json(&ec(json!({ "key_ops": ops })).to_string()).unwrap_err();
    assert_eq!(e.code(), "ERR_JWK_INVALID");
    assert!(e.to_string().contains("more than the 16 allowed"), "{e}");
    let ops: Vec<String> = (0..MAX_KEY_OPS).map(|i| format!("op{i}")).collect();
    Jwk::from_json(&ec(json!({ "key_ops": ops })).to_string()).unwrap();
}

#[test]
fn key_ops_duplicates_are_found_in_linear_time() {
    // 30,000 distinct values: a quadratic scan takes seconds; the cap refuses them before
    // any scan for duplicates (the refusal names the cap). How long it takes is measured by
    // the jwks_import bench, not here: timing belongs in benchmarks.
    let ops: Vec<String> = (0..30_000).map(|i| format!("op{i}")).collect();
    let text = ec(json!({ "key_ops": ops })).to_string();
    let e = Jwk::from_json(&text).unwrap_err();
    assert!(e.to_string().contains("more than the 16 allowed"), "{e}");
    let e =
        Jwk::from_json(&ec(json!({"key_ops": ["verify", "x", "verify"]})).to_string()).unwrap_err();
    assert_eq!(e.code(), "ERR_JWK_INCONSISTENT_USE");
}

#[test]
fn key_count_is_capped() {
    let keys: Vec<Value> = (0..1001)
        .map(|i| ec(json!({"kid": format!("k{i}")})))
        .collect();
    let e = set(keys.clone()).unwrap_err();
    assert_eq!(
        e,
        Error::TooManyKeys {
            count: 1001,
            max: 1000
        }
    );
    assert_eq!(e.code(), "ERR_JWKS_TOO_MANY_KEYS");
    assert!(e.to_string().contains("JwkSetReader::max_keys"), "{e}");
    let text = json!({ "keys": keys }).to_string();
    assert_eq!(
        JwkSetReader::new()
            .max_keys(1001)
            .read_json(&text)
            .unwrap()
            .len(),
        1001
    );
}

#[test]
fn duplicate_kid_check_is_linear() {
    // 20,000 keys sharing no kid but one: a pairwise scan is 2·10^8 comparisons.
    let mut keys: Vec<Value> = (0..20_000)
        .map(|i| json!({"kty": "oct", "k": "AQ", "kid": format!("k{i}")}))
        .collect();
    keys.push(json!({"kty": "oct", "k": "Ag", "kid": "k7"}));
    let text = json!({ "keys": keys }).to_string();
    let e = JwkSetReader::new()
        .max_keys(30_000)
        .read_json(&text)
        .unwrap_err();
    assert_eq!(e, Error::DuplicateKid { kid: "k7".into() });
}

#[test]
fn keys_of_different_types_may_share_a_kid() {
    // RFC 7520 §4.8: an RSA key and an EC key with one kid.
    let s = set(vec![
        rsa(json!({"kid": "shared", "use": "sig"})),
        ec(json!({"kid": "shared", "use": "sig"})),
    ])
    .unwrap();
    let by_alg = |alg| {
        s.select(&KeySelector::new().kid("shared").alg(alg))
            .unwrap()
            .kty()
    };
    assert_eq!(by_alg("RS256"), KeyType::Rsa);
    assert_eq!(by_alg("ES256"), KeyType::Ec);
    assert!(
        s.select(&KeySelector::new().kid("shared").alg("ES384"))
            .is_err()
    );
    assert_eq!(
        s.find_kid("shared").unwrap_err(),
        Error::AmbiguousKid {
            kid: "shared".into()
        }
    );
    assert_eq!(
        s.find_kid("shared").unwrap_err().code(),
        "ERR_JWKS_MULTIPLE_MATCHING_KEYS"
    );
    let kty = s.select(&KeySelector::new().kid("shared").kty(KeyType::Rsa));
    assert_eq!(kty.unwrap().kty(), KeyType::Rsa);

    // Same type, told apart by curve, alg or use.
    let p384 = json!({"kty": "EC", "crv": "P-384", "x": P384_X, "y": P384_Y, "kid": "k"});
    assert_eq!(set(vec![ec(json!({"kid": "k"})), p384]).unwrap().len(), 2);
    set(vec![
        rsa(json!({"kid": "k", "alg": "RS256"})),
        rsa(json!({"kid": "k", "alg": "PS256"})),
    ])
    .unwrap();
    set(vec![
        rsa(json!({"kid": "k", "use": "sig"})),
        rsa(json!({"kid": "k", "use": "enc"})),
    ])
    .unwrap();
}

#[test]
fn keys_one_algorithm_could_not_tell_apart_are_refused() {
    let dup = |a: Value, b: Value| {
        assert_eq!(
            set(vec![a, b]).unwrap_err(),
            Error::DuplicateKid { kid: "k".into() }
        );
    };
    dup(ec(json!({"kid": "k"})), ec(json!({"kid": "k"})));
    dup(
        ec(json!({"kid": "k", "alg": "ES256"})),
        ec(json!({"kid": "k"})),
    );
    dup(
        ec(json!({"kid": "k"})),
        ec(json!({"kid": "k", "alg": "ES256"})),
    );
    dup(
        rsa(json!({"kid": "k", "use": "sig"})),
        rsa(json!({"kid": "k", "alg": "RS256"})),
    );
    dup(
        rsa(json!({"kid": "k", "alg": "RS256", "use": "sig"})),
        rsa(json!({"kid": "k", "alg": "RS256"})),
    );
    // Keys without kid are not compared.
    set(vec![ec(json!({})), ec(json!({}))]).unwrap();
    // push follows the same rule.
    let mut s = set(vec![ec(json!({"kid": "k"}))]).unwrap();
    let again = Jwk::from_json(&ec(json!({"kid": "k"})).to_string()).unwrap();
    assert!(s.push(again).is_err());
    assert_eq!(s.len(), 1);
}

#[test]
fn secret_keys_beside_public_keys_are_refused() {
    let oct = json!({"kty": "oct", "kid": "s", "k": "GawgguFyGrWKav7AX4VKUg"});
    let e = set(vec![ec(json!({"kid": "a"})), oct.clone()]).unwrap_err();
    assert_eq!(
        e,
        Error::SymmetricKeyBesidePublicKeys {
            kid: Some("s".into())
        }
    );
    assert_eq!(e.code(), "ERR_JWKS_INVALID");
    assert!(e.to_string().contains("symmetric"), "{e}");
    // Secret keys together (a decryption set) are fine.
    set(vec![ec(json!({"kid": "a", "d": EC_D})), oct.clone()]).unwrap();
    set(vec![oct.clone()]).unwrap();
    let public = Jwk::from_json(&ec(json!({})).to_string()).unwrap();
    let secret = Jwk::from_json(&oct.to_string()).unwrap();
    assert!(JwkSet::from_keys(vec![public, secret]).is_err());
}

#[test]
fn one_odd_key_does_not_spoil_the_set() {
    let weak_rsa = json!({"kty": "RSA", "kid": "old", "e": "AQAB",
        "n": "wf-wiusGhA-gleZYQAOPQlNUIucPiqXdPVyieDqQbXXOPBe3nuggtVzeq7pVFH1dZz4dY2Q2LMTYA-QFJ-cR2g"});
    let s = set(vec![
        weak_rsa,
        ec(json!({"kid": "good"})),
        json!({"kty": "OKP", "crv": "Ed25519", "x": ED_X, "kid": "bad", "use": "sig",
               "key_ops": ["encrypt"]}),
        json!(42),
    ])
    .unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(s.keys()[0].kid(), Some("good"));
    let skipped: Vec<_> = s
        .skipped()
        .iter()
        .map(|k| (k.index(), k.kid(), k.reason().code()))
        .collect();
    assert_eq!(
        skipped,
        [
            (0, Some("old"), "ERR_JWK_WEAK_KEY"),
            (2, Some("bad"), "ERR_JWK_INCONSISTENT_USE"),
            (3, None, "ERR_JWK_INVALID"),
        ]
    );
    assert!(
        s.skipped()[0]
            .to_string()
            .starts_with("key 0 (kid \"old\") skipped: ")
    );

    let text = json!({"keys": [ec(json!({"kid": "good"})), {"kty": "oct", "kid": "e", "k": ""}]})
        .to_string();
    let e = JwkSetReader::new().strict().read_json(&text).unwrap_err();
    assert!(e.to_string().contains("key 1 (kid \"e\")"), "{e}");
    // Unsupported types are skipped even in strict mode (RFC 7517 §5).
    let text = json!({"keys": [{"kty": "DSA"}, ec(json!({}))]}).to_string();
    assert_eq!(
        JwkSetReader::new().strict().read_json(&text).unwrap().len(),
        1
    );
}

/// A 2048-bit key whose primes have the structure of Infineon RSALib's (`k·M + 65537^a mod
/// M`, M the product of the first 126 primes), made for this test.
const ROCA_PRIVATE: &str = include_str!("data/roca_private.json");

#[test]
fn roca_moduli_are_refused() {
    let e = Jwk::from_json(ROCA_PRIVATE).unwrap_err();
    assert_eq!(e.code(), "ERR_JWK_WEAK_KEY");
    assert!(e.to_string().contains("CVE-2017-15361"), "{e}");
    let private: Value = jose_b64::serde_json::from_str(ROCA_PRIVATE).unwrap();
    let public = json!({"kty": "RSA", "n": private["n"], "e": private["e"]});
    let e = Jwk::from_json(&public.to_string()).unwrap_err();
    assert!(e.to_string().contains("ROCA"), "{e}");
    // Through the RustCrypto conversion (and so PEM and DER import) too.
    let n = jose_b64::base64url::decode(private["n"].as_str().unwrap()).unwrap();
    let key = rsa::PublicKey::new(
        rsa::BoxedUint::from_be_slice(&n, 2048).unwrap(),
        rsa::BoxedUint::from(65537u32),
    )
    .unwrap();
    assert!(
        Jwk::try_from(&key)
            .unwrap_err()
            .to_string()
            .contains("ROCA")
    );
    // In a set, the key is skipped with that reason.
    let s = set(vec![public, ec(json!({}))]).unwrap();
    assert!(s.skipped()[0].reason().to_string().contains("ROCA"));
    // Genuine keys pass.
    Jwk::from_json(&rsa(json!({})).to_string()).unwrap();
    Jwk::from_json(include_str!("data/rsa_private.json")).unwrap();
}

#[test]
fn many_algorithms_under_one_kid_stay_linear_and_exact() {
    // More algs under one kid than the short list holds: the hash map takes over.
    let mut keys: Vec<Value> = (0..20)
        .map(|i| json!({"kty": "oct", "k": "AQ", "kid": "k", "alg": format!("x{i}")}))
        .collect();
    assert_eq!(set(keys.clone()).unwrap().len(), 20);
    keys.push(json!({"kty": "oct", "k": "Ag", "kid": "k", "alg": "x3"}));
    assert_eq!(
        set(keys.clone()).unwrap_err(),
        Error::DuplicateKid { kid: "k".into() }
    );
    keys.pop();
    keys.push(json!({"kty": "oct", "k": "Ag", "kid": "k"}));
    assert_eq!(
        set(keys).unwrap_err(),
        Error::DuplicateKid { kid: "k".into() }
    );
}

#[test]
fn streamed_keys_follow_the_strict_json_rules() {
    let key = ec(json!({"kid": "a"})).to_string();
    for text in [
        format!(r#"{{"keys":[{key}],"keys":[]}}"#),
        format!(r#"{{"keys":[],"keys":[{key}]}}"#),
        format!(r#"{{"keys":[{key}]}} x"#),
        format!(r#"{{"keys":[{key}],"x":1,"x":2}}"#),
        "[]".to_owned(),
        r#"{"keys":{}}"#.to_owned(),
        r#"{"keys":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"#
            .to_owned(),
    ] {
        assert!(JwkSet::from_json(&text).is_err(), "{text}");
    }
    let s = JwkSet::from_json(&format!(r#"{{"x":{{"y":[1]}},"keys":[{key}]}}"#)).unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(s.to_map()["x"], json!({"y": [1]}));
    assert_eq!(JwkSet::from_json(r#"{"keys":[]}"#).unwrap().len(), 0);
}
