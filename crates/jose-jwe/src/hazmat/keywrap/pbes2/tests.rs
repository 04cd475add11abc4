// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
use std::cell::Cell;

use jose_b64::serde_json::{self, Map, Value, json};
use jose_jwk::Jwk;

use super::*;
use crate::test_util::assert_decryption_failed;
use crate::{
    Decrypter, DecryptingKey, DecryptingKeyRequest, EncryptingKey, Header, JweEncryption, compact,
};

type A = JweAlgorithm;
type E = JweEncryption;

const ALGS: [A; 3] = [
    A::PBES2_HS256_A128KW,
    A::PBES2_HS384_A192KW,
    A::PBES2_HS512_A256KW,
];
const PASSWORD: &[u8] = b"Thus from my lips, by yours, my sin is purged.";

fn header_of(token: &str) -> Map<String, Value> {
    let first = token.split('.').next().unwrap();
    serde_json::from_slice(&base64url::decode(first).unwrap()).unwrap()
}

/// The token with its protected header changed (the AAD no longer matches, but every check
/// tested here comes first).
fn with_header(token: &str, f: impl FnOnce(&mut Map<String, Value>)) -> String {
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let mut header = header_of(token);
    f(&mut header);
    parts[0] = base64url::encode(serde_json::to_vec(&header).unwrap());
    parts.join(".")
}

fn sample(alg: A, enc: E) -> (String, DecryptingKey) {
    let ek = EncryptingKey::password(PASSWORD, alg).unwrap();
    let token = compact::encrypt(&ek, enc, &Header::new(), b"pbes2").unwrap();
    (token, DecryptingKey::password(PASSWORD, alg).unwrap())
}

#[test]
fn round_trips_and_writes_p2s_and_p2c() {
    for alg in ALGS {
        for enc in [E::A128GCM, E::A256GCM, E::A128CBC_HS256, E::A256CBC_HS512] {
            let (token, dk) = sample(alg, enc);
            let header = header_of(&token);
            assert_eq!(header["p2c"], json!(10_000), "{alg} {enc}");
            let p2s = base64url::decode(header["p2s"].as_str().unwrap()).unwrap();
            assert_eq!(p2s.len(), SALT_LEN);
            let wrapped = base64url::decode(token.split('.').nth(1).unwrap()).unwrap();
            assert_eq!(wrapped.len(), enc.key_len() + 8);
            let d = Decrypter::new([alg], [enc]).unwrap();
            assert_eq!(
                d.decrypt_compact(&token, &dk).unwrap().plaintext(),
                b"pbes2"
            );
        }
    }
    // An oct JWK is a password too.
    let jwk = Jwk::from_json(r#"{"kty":"oct","k":"c2VjcmV0LXBhc3N3b3Jk"}"#).unwrap();
    let ek = EncryptingKey::from_jwk(&jwk, A::PBES2_HS384_A192KW).unwrap();
    let token = compact::encrypt(&ek, E::A192GCM, &Header::new(), b"z").unwrap();
    let d = Decrypter::new([A::PBES2_HS384_A192KW], [E::A192GCM]).unwrap();
    let dk = DecryptingKey::password(b"secret-password", A::PBES2_HS384_A192KW).unwrap();
    assert_eq!(d.decrypt_compact(&token, &dk).unwrap().plaintext(), b"z");
    // Two encryptions never share a salt.
    let (a, _) = sample(A::PBES2_HS256_A128KW, E::A128GCM);
    let (b, _) = sample(A::PBES2_HS256_A128KW, E::A128GCM);
    assert_ne!(header_of(&a)["p2s"], header_of(&b)["p2s"]);
}

#[test]
fn wrong_password_is_the_decryption_error() {
    for alg in ALGS {
        let (token, _) = sample(alg, E::A128CBC_HS256);
        let d = Decrypter::new([alg], [E::A128CBC_HS256]).unwrap();
        let wrong = DecryptingKey::password(b"Thus from my lips", alg).unwrap();
        assert_decryption_failed(d.decrypt_compact(&token, &wrong), "wrong password");
        // A changed salt derives another key: the same error.
        let (token, dk) = sample(alg, E::A128CBC_HS256);
        let changed = with_header(&token, |h| {
            h.insert("p2s".into(), json!("AAAAAAAAAAAAAAAAAAAAAA"));
        });
        assert_decryption_failed(d.decrypt_compact(&changed, &dk), "changed p2s");
    }
}

/// Decrypts with a resolver that records whether it was asked: every `p2s`/`p2c` check runs
/// before the key is looked up, hence before PBKDF2.
fn decrypt_counting(d: &Decrypter, token: &str, key: &DecryptingKey) -> (Result<(), Error>, bool) {
    let asked = Cell::new(false);
    let resolver = |_: &DecryptingKeyRequest<'_>| {
        asked.set(true);
        Ok(key.clone())
    };
    let result = d.decrypt_compact(token, &resolver).map(|_| ());
    (result, asked.get())
}

#[test]
fn p2c_is_checked_before_any_derivation() {
    let alg = A::PBES2_HS256_A128KW;
    let (token, dk) = sample(alg, E::A128GCM);
    let d = Decrypter::new([alg], [E::A128GCM]).unwrap();
    for p2c in [
        json!(0),
        json!(999),
        json!(10_001),
        json!(2_147_483_647_u64),
        json!(9_007_199_254_740_992_u64),
        json!(u64::MAX),
        json!(1.5),
        json!(1000.0),
        json!(1e9),
        json!("1000"),
        json!(-1),
        json!(null),
        json!([1000]),
    ] {
        let changed = with_header(&token, |h| {
            h.insert("p2c".into(), p2c.clone());
        });
        let (result, asked) = decrypt_counting(&d, &changed, &dk);
        let e = result.unwrap_err();
        assert!(matches!(e, Error::Header(_)), "{p2c}: {e}");
        assert!(e.to_string().contains("p2c"), "{p2c}: {e}");
        assert!(!asked, "{p2c}: the key was looked up");
    }
    let missing = with_header(&token, |h| {
        h.remove("p2c");
    });
    let e = d.decrypt_compact(&missing, &dk).unwrap_err();
    assert!(e.to_string().contains("\"p2c\" is required"), "{e}");

    // The bounds themselves are accepted (the header change then fails as a decryption).
    let (result, asked) = decrypt_counting(
        &d,
        &with_header(&token, |h| {
            h.insert("p2c".into(), json!(1000));
        }),
        &dk,
    );
    assert_decryption_failed(result, "p2c 1000, changed AAD");
    assert!(asked);
}

#[test]
fn the_cap_can_be_raised_within_the_limit() {
    let alg = A::PBES2_HS512_A256KW;
    let ek = EncryptingKey::password(PASSWORD, alg)
        .unwrap()
        .with_pbes2_count(10_001)
        .unwrap();
    let token = compact::encrypt(&ek, E::A256GCM, &Header::new(), b"more").unwrap();
    assert_eq!(header_of(&token)["p2c"], json!(10_001));
    let dk = DecryptingKey::password(PASSWORD, alg).unwrap();
    let d = Decrypter::new([alg], [E::A256GCM]).unwrap();
    let e = d.decrypt_compact(&token, &dk).unwrap_err();
    assert!(matches!(e, Error::Header(_)), "{e}");
    assert!(e.to_string().contains("between 1000 and 10000"), "{e}");
    let raised = d.clone().with_max_pbes2_count(10_001).unwrap();
    assert_eq!(
        raised.decrypt_compact(&token, &dk).unwrap().plaintext(),
        b"more"
    );
    let e = raised
        .decrypt_compact(
            &with_header(&token, |h| {
                h.insert("p2c".into(), json!(2_147_483_647));
            }),
            &dk,
        )
        .unwrap_err();
    assert!(matches!(e, Error::Header(_)), "{e}");
    for bad in [0, 999, 1_200_001, u32::MAX] {
        assert!(d.clone().with_max_pbes2_count(bad).is_err(), "{bad}");
    }
    assert!(d.with_max_pbes2_count(1_200_000).is_ok());
}

#[test]
fn p2s_must_be_at_least_8_bytes() {
    let alg = A::PBES2_HS256_A128KW;
    let (token, dk) = sample(alg, E::A128GCM);
    let d = Decrypter::new([alg], [E::A128GCM]).unwrap();
    for (what, p2s) in [
        ("missing", None),
        ("empty", Some(json!(""))),
        ("7 bytes", Some(json!(base64url::encode([1u8; 7])))),
        ("not base64url", Some(json!("AAAA+AAAAAAA"))),
        ("a number", Some(json!(12345678))),
    ] {
        let changed = with_header(&token, |h| match &p2s {
            Some(v) => {
                h.insert("p2s".into(), v.clone());
            }
            None => {
                h.remove("p2s");
            }
        });
        let (result, asked) = decrypt_counting(&d, &changed, &dk);
        let e = result.unwrap_err();
        assert!(matches!(e, Error::Header(_)), "{what}: {e}");
        assert!(e.to_string().contains("p2s"), "{what}: {e}");
        assert!(!asked, "{what}");
    }
    // 8 bytes is enough (then the changed AAD fails as a decryption).
    let changed = with_header(&token, |h| {
        h.insert("p2s".into(), json!(base64url::encode([1u8; 8])));
    });
    assert_decryption_failed(d.decrypt_compact(&changed, &dk), "8-byte p2s");
}

#[test]
fn rfc7518_derivation_matches_rfc7517_c() {
    // RFC 7517 App. C.2 (salt input, p2c 4096), C.4 (the derived key), C.3 and C.5 (the CEK
    // and its wrapping).
    let params = Params {
        salt_input: vec![
            217, 96, 147, 112, 150, 117, 70, 247, 127, 8, 155, 137, 174, 42, 80, 215,
        ],
        count: 4096,
    };
    let kek = derive_kek(A::PBES2_HS256_A128KW, PASSWORD, &params).unwrap();
    assert_eq!(
        kek.expose_secret(),
        [
            110, 171, 169, 92, 129, 92, 109, 117, 233, 242, 116, 233, 170, 14, 24, 75
        ]
    );
    let cek = crate::keywrap::aes_kw::unwrap(
        &kek,
        &base64url::decode("TrqXOwuNUfDV9VPTNbyGvEJ9JMjefAVn-TR1uIxR9p6hsRQh9Tk7BA").unwrap(),
        32,
    )
    .unwrap();
    assert_eq!(
        cek.expose_secret(),
        [
            111, 27, 25, 52, 66, 29, 20, 78, 92, 176, 56, 240, 65, 208, 82, 112, 161, 131, 36, 55,
            202, 236, 185, 172, 129, 23, 153, 194, 195, 48, 253, 182
        ]
    );
    assert!(derive_kek(A::A128KW, PASSWORD, &params).is_err());
    let low = Params {
        salt_input: params.salt_input.clone(),
        count: 999,
    };
    assert!(derive_kek(A::PBES2_HS256_A128KW, PASSWORD, &low).is_err());
    assert!(Params::generate(999).is_err());
    assert_eq!(Params::generate(1000).unwrap().salt_input().len(), SALT_LEN);
    assert!(is_pbes2(A::PBES2_HS384_A192KW) && !is_pbes2(A::A192KW));
}
