// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
use std::cell::Cell;

use jose_b64::serde_json::{self, Value, json};
use jose_jwk::Jwk;

use super::*;
use crate::DecryptingKeyRequest;
use crate::recipient::is_gcm_kw;
use crate::test_util::assert_decryption_failed;
use crate::{DecryptingKey, DecryptingKeySet};

type A = JweAlgorithm;
type E = JweEncryption;

const ALGS: [A; 7] = [
    A::Dir,
    A::A128KW,
    A::A192KW,
    A::A256KW,
    A::A128GCMKW,
    A::A192GCMKW,
    A::A256GCMKW,
];

/// RFC 7520 Figure 72.
const FIGURE_72: &str = "You can trust us to stick with you through thick and thin\u{2013}to the \
    bitter end. And you can trust us to keep any secret of yours\u{2013}closer than you keep it \
    yourself. But you cannot trust us to let you face trouble alone, and go off without a word. \
    We are your friends, Frodo.";

fn key_len(alg: A, enc: E) -> usize {
    alg.wrap_key_len().unwrap_or(enc.key_len())
}

fn keys(alg: A, enc: E) -> (EncryptingKey, DecryptingKey) {
    let secret: Vec<u8> = (0..key_len(alg, enc)).map(|i| i as u8 ^ 0x5a).collect();
    let key = EncryptingKey::symmetric(&secret, alg).unwrap();
    (key.clone(), DecryptingKey::symmetric(&secret, alg).unwrap())
}

fn decrypter(alg: A, enc: E) -> Decrypter {
    Decrypter::new([alg], [enc]).unwrap()
}

pub(super) fn segments(token: &str) -> Vec<String> {
    token.split('.').map(str::to_owned).collect()
}

/// The token with segment `i` decoded, changed by `f`, and encoded again.
pub(super) fn tamper(token: &str, i: usize, f: impl FnOnce(&mut Vec<u8>)) -> String {
    let mut parts = segments(token);
    let mut bytes = base64url::decode(&parts[i]).unwrap();
    f(&mut bytes);
    parts[i] = base64url::encode(&bytes);
    parts.join(".")
}

/// The token with a protected header made from `f` applied to the decoded one.
pub(super) fn with_header(token: &str, f: impl FnOnce(&mut Map<String, Value>)) -> String {
    let mut parts = segments(token);
    let mut header: Map<String, Value> =
        serde_json::from_slice(&base64url::decode(&parts[0]).unwrap()).unwrap();
    f(&mut header);
    parts[0] = base64url::encode(serde_json::to_vec(&header).unwrap());
    parts.join(".")
}

#[test]
fn round_trips_every_alg_and_enc() {
    for alg in ALGS {
        for &enc in E::ALL {
            let (ek, dk) = keys(alg, enc);
            let ek = ek.with_kid("k1");
            let header = Header::new().typ("JWT").param("x", 1).unwrap();
            let token = encrypt(&ek, enc, &header, b"round trip").unwrap();
            let parts = segments(&token);
            assert_eq!(parts.len(), 5, "{alg} {enc}");
            assert_eq!(parts[1].is_empty(), alg == A::Dir, "{alg} {enc}");
            let decrypted = decrypter(alg, enc)
                .decrypt_compact(&token, &dk.with_kid("k1"))
                .unwrap();
            assert_eq!(decrypted.plaintext(), b"round trip", "{alg} {enc}");
            assert_eq!((decrypted.alg(), decrypted.enc()), (alg, enc));
            assert_eq!(decrypted.kid(), Some("k1"));
            let h = decrypted.protected_header();
            assert_eq!(h["alg"], alg.as_str());
            assert_eq!(h["enc"], enc.as_str());
            assert_eq!(h["typ"], "JWT");
            assert_eq!(h.keys().take(2).collect::<Vec<_>>(), ["alg", "enc"]);
            assert_eq!(h.contains_key("iv"), is_gcm_kw(alg), "{alg}");
            // The empty plaintext too.
            let token = encrypt(&ek, enc, &Header::new(), b"").unwrap();
            let decrypted = decrypter(alg, enc)
                .decrypt_compact(&token, &ek.to_decrypting_key())
                .unwrap();
            assert!(decrypted.plaintext().is_empty());
        }
    }
}

#[test]
fn every_encryption_is_fresh() {
    for alg in [A::A128KW, A::A128GCMKW, A::Dir] {
        let (ek, _) = keys(alg, E::A128GCM);
        let a = segments(&encrypt(&ek, E::A128GCM, &Header::new(), b"same").unwrap());
        let b = segments(&encrypt(&ek, E::A128GCM, &Header::new(), b"same").unwrap());
        assert_ne!(a[2], b[2], "{alg}: IV");
        assert_ne!(a[3], b[3], "{alg}: ciphertext");
        if alg != A::Dir {
            assert_ne!(a[1], b[1], "{alg}: encrypted key");
        }
    }
}

#[test]
fn encrypting_checks_the_dir_key_length() {
    let key = EncryptingKey::symmetric(&[1; 16], A::Dir).unwrap();
    assert!(encrypt(&key, E::A128GCM, &Header::new(), b"x").is_ok());
    for enc in [E::A256GCM, E::A128CBC_HS256] {
        let e = encrypt(&key, enc, &Header::new(), b"x").unwrap_err();
        assert_eq!(e.code(), "ERR_JOSE_KEY_INVALID", "{e}");
    }
}

fn rfc_case(jwk: &str, alg: A, enc: E, token: &[&str]) {
    let jwk = Jwk::from_json(jwk).unwrap();
    let key = DecryptingKey::from_jwk(&jwk, alg).unwrap();
    let token = token.concat();
    let decrypted = decrypter(alg, enc).decrypt_compact(&token, &key).unwrap();
    assert_eq!(decrypted.plaintext(), FIGURE_72.as_bytes());
    assert_eq!((decrypted.alg(), decrypted.enc()), (alg, enc));
    assert_eq!(decrypted.kid(), jwk.kid());
    // Any flipped bit of the tag is refused.
    let tampered = tamper(&token, 4, |t| t[0] ^= 1);
    assert_decryption_failed(
        decrypter(alg, enc).decrypt_compact(&tampered, &key),
        "RFC tag",
    );
}

const RFC7520_5_6: [&str; 9] = [
    "eyJhbGciOiJkaXIiLCJraWQiOiI3N2M3ZTJiOC02ZTEzLTQ1Y2YtODY3Mi02MT",
    "diNWI0NTI0M2EiLCJlbmMiOiJBMTI4R0NNIn0",
    "..refa467QzzKx6QAB.",
    "JW_i_f52hww_ELQPGaYyeAB6HYGcR559l9TYnSovc23XJoBcW29rHP8yZOZG7Y",
    "hLpT1bjFuvZPjQS-m0IFtVcXkZXdH_lr_FrdYt9HRUYkshtrMmIUAyGmUnd9zM",
    "DB2n0cRDIHAzFVeJUDxkUwVAE7_YGRPdcqMyiBoCO-FBdE-Nceb4h3-FtBP-c_",
    "BIwCPTjb9o0SbdcdREEMJMyZBH8ySWMVi1gPD9yxi-aQpGbSv_F9N4IZAxscj5",
    "g-NJsUPbjk29-s7LJAGb15wEBtXphVCgyy53CoIKLHHeJHXex45Uz9aKZSRSIn",
    "ZI-wjsY0yu3cT4_aQ3i1o-tiE-F8Ios61EKgyIQ4CWao8PFMj8TTnp.vbb32Xvllea2OtmHAdccRQ",
];

#[test]
fn rfc7520_5_6_dir_a128gcm() {
    let jwk = r#"{"kty":"oct","kid":"77c7e2b8-6e13-45cf-8672-617b5b45243a","use":"enc",
        "alg":"A128GCM","k":"XctOhJAkA-pD9Lh7ZgW_2A"}"#;
    rfc_case(jwk, A::Dir, E::A128GCM, &RFC7520_5_6);
    // The RFC's key names A128GCM as its `alg`. A dir key so restricted is refused for
    // another content algorithm of the same key length, like a key of the wrong length.
    let k = base64url::encode([7u8; 32]);
    let jwk = Jwk::from_json(&format!(r#"{{"kty":"oct","alg":"A256GCM","k":"{k}"}}"#)).unwrap();
    let restricted = DecryptingKey::from_jwk(&jwk, A::Dir).unwrap();
    let any = EncryptingKey::symmetric(&[7u8; 32], A::Dir).unwrap();
    let d = Decrypter::new([A::Dir], [E::A256GCM, E::A128CBC_HS256]).unwrap();
    let ok = encrypt(&any, E::A256GCM, &Header::new(), b"x").unwrap();
    assert!(d.decrypt_compact(&ok, &restricted).is_ok());
    let cbc = encrypt(&any, E::A128CBC_HS256, &Header::new(), b"x").unwrap();
    assert!(d.decrypt_compact(&cbc, &any.to_decrypting_key()).is_ok());
    assert_decryption_failed(d.decrypt_compact(&cbc, &restricted), "restricted dir key");
}

#[test]
fn rfc7520_5_7_a256gcmkw_a128cbc_hs256() {
    rfc_case(
        r#"{"kty":"oct","kid":"18ec08e1-bfa9-4d95-b205-2b4dd1d4321d","use":"enc",
            "alg":"A256GCMKW","k":"qC57l_uxcm7Nm3K-ct4GFjx8tM1U8CZ0NLBvdQstiS8"}"#,
        A::A256GCMKW,
        E::A128CBC_HS256,
        &[
            "eyJhbGciOiJBMjU2R0NNS1ciLCJraWQiOiIxOGVjMDhlMS1iZmE5LTRkOTUtYj",
            "IwNS0yYjRkZDFkNDMyMWQiLCJ0YWciOiJrZlBkdVZRM1QzSDZ2bmV3dC0ta3N3",
            "IiwiaXYiOiJLa1lUMEdYXzJqSGxmcU5fIiwiZW5jIjoiQTEyOENCQy1IUzI1Ni",
            "J9.lJf3HbOApxMEBkCMOoTnnABxs_CvTWUmZQ2ElLvYNok.gz6NjyEFNm_vm8Gj6FwoFQ.",
            "Jf5p9-ZhJlJy_IQ_byKFmI0Ro7w7G1QiaZpI8OaiVgD8EqoDZHyFKFBupS8iaE",
            "eVIgMqWmsuJKuoVgzR3YfzoMd3GxEm3VxNhzWyWtZKX0gxKdy6HgLvqoGNbZCz",
            "LjqcpDiF8q2_62EVAbr2uSc2oaxFmFuIQHLcqAHxy51449xkjZ7ewzZaGV3eFq",
            "hpco8o4DijXaG5_7kp3h2cajRfDgymuxUbWgLqaeNQaJtvJmSMFuEOSAzw9Hde",
            "b6yhdTynCRmu-kqtO5Dec4lT2OMZKpnxc_F1_4yDJFcqb5CiDSmA-psB2k0Jtj",
            "xAj4UPI61oONK7zzFIu4gBfjJCndsZfdvG7h8wGjV98QhrKEnR7xKZ3KCr0_qR",
            "1B-gxpNk3xWU.DKW7jrb4WaRSNfbXVPlT5g",
        ],
    );
}

#[test]
fn rfc7520_5_8_a128kw_a128gcm() {
    rfc_case(
        r#"{"kty":"oct","kid":"81b20965-8332-43d9-a468-82160ad91ac8","use":"enc",
            "alg":"A128KW","k":"GZy6sIZ6wl9NJOKB-jnmVQ"}"#,
        A::A128KW,
        E::A128GCM,
        &[
            "eyJhbGciOiJBMTI4S1ciLCJraWQiOiI4MWIyMDk2NS04MzMyLTQzZDktYTQ2OC",
            "04MjE2MGFkOTFhYzgiLCJlbmMiOiJBMTI4R0NNIn0.CBI6oDw8MydIx1IBntf_lQcw2MmJKIQx.",
            "Qx0pmsDa8KnJc9Jo.",
            "AwliP-KmWgsZ37BvzCefNen6VTbRK3QMA4TkvRkH0tP1bTdhtFJgJxeVmJkLD6",
            "1A1hnWGetdg11c9ADsnWgL56NyxwSYjU1ZEHcGkd3EkU0vjHi9gTlb90qSYFfe",
            "F0LwkcTtjbYKCsiNJQkcIp1yeM03OmuiYSoYJVSpf7ej6zaYcMv3WwdxDFl8RE",
            "wOhNImk2Xld2JXq6BR53TSFkyT7PwVLuq-1GwtGHlQeg7gDT6xW0JqHDPn_H-p",
            "uQsmthc9Zg0ojmJfqqFvETUxLAF-KjcBTS5dNy6egwkYtOt8EIHK-oEsKYtZRa",
            "a8Z7MOZ7UGxGIMvEmxrGCPeJa14slv2-gaqK0kEThkaSqdYw0FkQZF.ER7MWJZ1FBI_NKvn7Zb1Lw",
        ],
    );
}

fn sample(alg: A, enc: E) -> (String, DecryptingKey) {
    let (ek, dk) = keys(alg, enc);
    (encrypt(&ek, enc, &Header::new(), b"secret").unwrap(), dk)
}

#[track_caller]
fn code_of(result: Result<DecryptedJwe, Error>) -> (&'static str, String) {
    let e = result.unwrap_err();
    (e.code(), e.to_string())
}

#[test]
fn structural_rejections() {
    let (token, key) = sample(A::A128KW, E::A128GCM);
    let d = decrypter(A::A128KW, E::A128GCM);
    let parts = segments(&token);
    let four = parts[..4].join(".");
    let six = format!("{token}.AAAA");
    for bad in [four.as_str(), six.as_str(), "", "....", "a.b.c.d.e.f.g"] {
        let (code, msg) = code_of(d.decrypt_compact(bad, &key));
        assert_eq!(code, "ERR_JWE_INVALID", "{bad:?}: {msg}");
    }
    let (_, msg) = code_of(d.decrypt_compact(&six, &key));
    assert!(msg.contains("exactly five segments"), "{msg}");
    // Alphabet: '+', '/', '=', whitespace, in every segment.
    for i in 0..5 {
        for c in ["+", "/", "=", " ", "\n"] {
            let mut p = parts.clone();
            p[i].push_str(c);
            let (code, msg) = code_of(d.decrypt_compact(&p.join("."), &key));
            assert_eq!(code, "ERR_JWE_INVALID", "{i} {c:?}");
            assert!(msg.contains("base64url alphabet"), "{msg}");
        }
    }
    // Non-canonical base64url (trailing bits) after the alphabet check.
    let mut p = parts.clone();
    p[2] = "AB".into();
    assert_eq!(
        code_of(d.decrypt_compact(&p.join("."), &key)).0,
        "ERR_JWE_INVALID"
    );
    // Not a JSON object; duplicate members.
    for header in [
        r#"[1]"#,
        r#"{"alg":"A128KW","alg":"A128KW","enc":"A128GCM"}"#,
        "x",
    ] {
        let mut p = parts.clone();
        p[0] = base64url::encode(header);
        assert_eq!(
            code_of(d.decrypt_compact(&p.join("."), &key)).0,
            "ERR_JWE_INVALID"
        );
    }
    // Size limits.
    let small = d.clone().with_limits(
        Limits::DEFAULT
            .with_max_token_len(100)
            .with_max_header_len(8 * 1024),
    );
    assert_eq!(
        code_of(small.decrypt_compact(&token, &key)).0,
        "ERR_JWE_INVALID"
    );
    let tiny_header = d.clone().with_limits(
        Limits::DEFAULT
            .with_max_token_len(1 << 18)
            .with_max_header_len(10),
    );
    assert_eq!(
        code_of(tiny_header.decrypt_compact(&token, &key)).0,
        "ERR_JWE_INVALID"
    );
    assert!(UnverifiedCompactJwe::parse(&token).is_ok());
}

#[test]
fn algorithm_rejections() {
    let (token, key) = sample(A::A128KW, E::A128GCM);
    // Not allowed: distinct typed errors, not decryption failures.
    let e = decrypter(A::A256KW, E::A128GCM)
        .decrypt_compact(&token, &key)
        .unwrap_err();
    assert!(
        matches!(e, Error::AlgorithmNotAllowed { alg: "A128KW", .. }),
        "{e}"
    );
    assert_eq!(
        e.to_string(),
        "key management algorithm A128KW not in the allowed list [A256KW]"
    );
    let e = decrypter(A::A128KW, E::A256GCM)
        .decrypt_compact(&token, &key)
        .unwrap_err();
    assert!(
        matches!(e, Error::EncryptionNotAllowed { enc: "A128GCM", .. }),
        "{e}"
    );
    let d = decrypter(A::A128KW, E::A128GCM);
    for alg in ["none", "None", "NONE", "", "a128kw", "A128KW ", "HS256"] {
        let t = with_header(&token, |h| {
            h.insert("alg".into(), json!(alg));
        });
        let e = d.decrypt_compact(&t, &key).unwrap_err();
        assert!(matches!(e, Error::UnknownAlgorithm { .. }), "{alg:?}: {e}");
        assert_eq!(e.code(), "ERR_JOSE_ALG_NOT_ALLOWED");
    }
    for enc in ["A128gcm", "none", "A128GCMKW", ""] {
        let t = with_header(&token, |h| {
            h.insert("enc".into(), json!(enc));
        });
        let e = d.decrypt_compact(&t, &key).unwrap_err();
        assert!(matches!(e, Error::UnknownEncryption { .. }), "{enc:?}: {e}");
    }
    for (name, value) in [("alg", json!(1)), ("enc", json!(["A128GCM"]))] {
        let t = with_header(&token, |h| {
            h.insert(name.into(), value);
        });
        assert!(
            matches!(d.decrypt_compact(&t, &key), Err(Error::Header(_))),
            "{name}"
        );
    }
    for name in ["alg", "enc"] {
        let t = with_header(&token, |h| {
            h.remove(name);
        });
        let e = d.decrypt_compact(&t, &key).unwrap_err();
        assert!(matches!(e, Error::Header(_)), "{name}: {e}");
        assert!(e.to_string().contains("is required"), "{e}");
    }
    assert!(Decrypter::new([], [E::A128GCM]).is_err());
    assert!(matches!(
        Decrypter::new([A::A128KW], []),
        Err(Error::EmptyAllowList { list: "enc" })
    ));
    assert!(matches!(
        Decrypter::new([A::RSA1_5], [E::A128GCM]),
        Err(Error::Unsupported { .. })
    ));
}

#[test]
fn crit_and_zip_rejections() {
    let (token, key) = sample(A::A128KW, E::A128GCM);
    let d = decrypter(A::A128KW, E::A128GCM);
    for crit in [json!(["exp"]), json!([]), json!("exp"), json!(["alg"])] {
        let t = with_header(&token, |h| {
            h.insert("crit".into(), crit.clone());
            h.insert("exp".into(), json!(1));
        });
        let e = d.decrypt_compact(&t, &key).unwrap_err();
        assert!(matches!(e, Error::Header(_)), "{crit}: {e}");
        assert!(e.to_string().contains("crit"), "{e}");
    }
    for zip in [json!("def"), json!("GZIP"), json!("DEF ")] {
        let t = with_header(&token, |h| {
            h.insert("zip".into(), zip.clone());
        });
        let e = d.decrypt_compact(&t, &key).unwrap_err();
        assert!(matches!(e, Error::Unsupported { .. }), "{zip}: {e}");
        assert!(e.to_string().contains("zip"), "{e}");
    }
    let t = with_header(&token, |h| {
        h.insert("zip".into(), json!(["DEF"]));
    });
    let e = d.decrypt_compact(&t, &key).unwrap_err();
    assert!(matches!(e, Error::Header(_)), "{e}");
    // "DEF" passes the header checks with the feature (and then the changed header fails the
    // tag); without it, it is refused.
    let t = with_header(&token, |h| {
        h.insert("zip".into(), json!("DEF"));
    });
    let result = d.decrypt_compact(&t, &key);
    if cfg!(feature = "deflate") {
        assert_decryption_failed(result, "zip added to the header");
    } else {
        let e = result.unwrap_err();
        assert!(matches!(e, Error::Unsupported { .. }), "{e}");
        assert!(e.to_string().contains("feature `deflate`"), "{e}");
    }
}

#[test]
fn dir_rejections() {
    let (token, key) = sample(A::Dir, E::A128GCM);
    let d = decrypter(A::Dir, E::A128GCM);
    // A non-empty encrypted key with dir.
    let mut p = segments(&token);
    p[1] = base64url::encode([0u8; 24]);
    let e = d.decrypt_compact(&p.join("."), &key).unwrap_err();
    assert!(matches!(e, Error::Malformed { .. }), "{e}");
    assert!(e.to_string().contains("must be empty"), "{e}");
    // A dir key of the wrong length for enc: the generic error.
    for len in [15, 17, 32] {
        let wrong = DecryptingKey::symmetric(&vec![1; len], A::Dir).unwrap();
        assert_decryption_failed(d.decrypt_compact(&token, &wrong), "dir key length");
    }
}

#[test]
fn key_wrap_rejections() {
    let (token, key) = sample(A::A128KW, E::A128GCM);
    let d = decrypter(A::A128KW, E::A128GCM);
    let mut messages = Vec::new();
    for len in [0usize, 8, 16, 23, 25, 32, 40] {
        let mut p = segments(&token);
        p[1] = base64url::encode(vec![0xa6; len]);
        messages.push(assert_decryption_failed(
            d.decrypt_compact(&p.join("."), &key),
            &format!("encrypted key of {len} bytes"),
        ));
    }
    // A wrong KEK.
    let other = DecryptingKey::symmetric(&[3; 16], A::A128KW).unwrap();
    messages.push(assert_decryption_failed(
        d.decrypt_compact(&token, &other),
        "wrong KEK",
    ));
    messages.dedup();
    assert_eq!(messages.len(), 1);
}

#[test]
fn gcm_key_wrap_rejections() {
    let (token, key) = sample(A::A192GCMKW, E::A256CBC_HS512);
    let d = decrypter(A::A192GCMKW, E::A256CBC_HS512);
    for name in ["iv", "tag"] {
        let t = with_header(&token, |h| {
            h.remove(name);
        });
        let e = d.decrypt_compact(&t, &key).unwrap_err();
        assert!(matches!(e, Error::Header(_)), "{name}: {e}");
        assert!(e.to_string().contains("is required"), "{e}");
        for value in [json!(12), json!(["AAAA"]), Value::Null] {
            let t = with_header(&token, |h| {
                h.insert(name.into(), value.clone());
            });
            assert!(
                matches!(d.decrypt_compact(&t, &key), Err(Error::Header(_))),
                "{name}"
            );
        }
        for value in [0usize, 3, 8, 11, 13, 15, 16, 17] {
            let t = with_header(&token, |h| {
                h.insert(name.into(), json!(base64url::encode(vec![1; value])));
            });
            assert_decryption_failed(d.decrypt_compact(&t, &key), &format!("{name} {value}"));
        }
        let t = with_header(&token, |h| {
            h.insert(name.into(), json!("AAA="));
        });
        assert_decryption_failed(d.decrypt_compact(&t, &key), "padded");
    }
    // The wrapping tag changed (the protected header changes too, so the content would fail
    // anyway; the unwrap fails first).
    let t = with_header(&token, |h| {
        let tag = h["tag"].as_str().unwrap().to_owned();
        let mut bytes = base64url::decode(tag).unwrap();
        bytes[0] ^= 1;
        h.insert("tag".into(), json!(base64url::encode(bytes)));
    });
    assert_decryption_failed(d.decrypt_compact(&t, &key), "wrap tag");
}

#[test]
fn tampering_is_one_opaque_error() {
    for (alg, enc) in [
        (A::Dir, E::A128GCM),
        (A::A256KW, E::A128CBC_HS256),
        (A::A128GCMKW, E::A256GCM),
        (A::A192KW, E::A192CBC_HS384),
    ] {
        let (token, key) = sample(alg, enc);
        let d = decrypter(alg, enc);
        let mut messages = Vec::new();
        let mut check = |t: String, what: &str| {
            messages.push(assert_decryption_failed(
                d.decrypt_compact(&t, &key),
                &format!("{alg} {enc}: {what}"),
            ));
        };
        check(tamper(&token, 4, |t| t[0] ^= 1), "tag");
        check(tamper(&token, 4, |t| t.truncate(15)), "short tag");
        check(tamper(&token, 4, |t| t.push(0)), "long tag");
        check(tamper(&token, 3, |c| c[0] ^= 0x80), "ciphertext");
        check(
            tamper(&token, 3, |c| c.truncate(c.len() - 1)),
            "short ciphertext",
        );
        check(tamper(&token, 2, |iv| iv[0] ^= 1), "IV");
        check(tamper(&token, 2, |iv| iv.push(0)), "long IV");
        check(
            with_header(&token, |h| {
                h.insert("x".into(), json!(1));
            }),
            "AAD",
        );
        if alg != A::Dir {
            check(tamper(&token, 1, |k| k[3] ^= 1), "encrypted key");
        }
        messages.dedup();
        assert_eq!(messages.len(), 1, "{alg} {enc}");
    }
}

#[test]
fn key_lookup_rejections() {
    let (ek, dk) = keys(A::A128KW, E::A128GCM);
    let token = encrypt(&ek.clone().with_kid("a"), E::A128GCM, &Header::new(), b"x").unwrap();
    let d = decrypter(A::A128KW, E::A128GCM);
    // kid: single key, list, set.
    let e = d
        .decrypt_compact(&token, &dk.clone().with_kid("b"))
        .unwrap_err();
    assert!(matches!(e, Error::NoMatchingKey { .. }), "{e}");
    assert_eq!(e.code(), "ERR_JWKS_NO_MATCHING_KEY");
    let list = vec![dk.clone().with_kid("b"), dk.clone().with_kid("c")];
    assert!(matches!(
        d.decrypt_compact(&token, &list),
        Err(Error::NoMatchingKey { .. })
    ));
    let list = vec![dk.clone().with_kid("b"), dk.clone().with_kid("a")];
    assert_eq!(d.decrypt_compact(&token, &list).unwrap().kid(), Some("a"));
    assert!(d.decrypt_compact(&token, list.as_slice()).is_ok());
    // No kid in the token: exactly one candidate for the algorithm.
    let no_kid = encrypt(&ek, E::A128GCM, &Header::new(), b"x").unwrap();
    assert!(matches!(
        d.decrypt_compact(&no_kid, &list),
        Err(Error::NoMatchingKey { .. })
    ));
    assert!(d.decrypt_compact(&no_kid, &vec![dk.clone()]).is_ok());
    assert!(
        d.decrypt_compact(&no_kid, &Vec::<DecryptingKey>::new())
            .is_err()
    );
    // A key bound to another algorithm (same bytes).
    let gcm = DecryptingKey::symmetric(&[0x5a; 16], A::A128GCMKW).unwrap();
    let e = d.decrypt_compact(&no_kid, &gcm).unwrap_err();
    assert!(
        matches!(
            e,
            Error::KeyAlgorithmMismatch {
                header: "A128KW",
                key: "A128GCMKW"
            }
        ),
        "{e}"
    );
    // A closure, and a JWK Set.
    let closure = |r: &DecryptingKeyRequest<'_>| {
        assert_eq!((r.alg, r.enc, r.kid), (A::A128KW, E::A128GCM, Some("a")));
        Ok(dk.clone())
    };
    assert!(d.decrypt_compact(&token, &closure).is_ok());
    let refuse = |_: &DecryptingKeyRequest<'_>| -> Result<DecryptingKey, Error> {
        Err(Error::NoMatchingKey {
            reason: "none".into(),
        })
    };
    assert!(d.decrypt_compact(&token, &refuse).is_err());
    let k = base64url::encode((0..16).map(|i| i as u8 ^ 0x5a).collect::<Vec<u8>>());
    let jwks = jose_jwk::JwkSet::from_json(&format!(
        r#"{{"keys":[{{"kty":"oct","kid":"a","k":"{k}"}},{{"kty":"oct","kid":"s","use":"sig","k":"{k}"}}]}}"#
    ))
    .unwrap();
    let set = DecryptingKeySet::from_jwks(&jwks, &[A::A128KW, A::A256KW]).unwrap();
    assert_eq!(set.len(), 1);
    assert!(!set.is_empty() && set.keys()[0].kid() == Some("a"));
    assert_eq!(d.decrypt_compact(&token, &set).unwrap().plaintext(), b"x");
    // A kid that is not a string, or longer than 256 bytes, is refused before any lookup
    // (security.md #6); 256 bytes are looked up.
    let looked_up = Cell::new(false);
    let watch = |_: &DecryptingKeyRequest<'_>| -> Result<DecryptingKey, Error> {
        looked_up.set(true);
        Ok(dk.clone())
    };
    for (kid, why) in [
        (
            json!("k".repeat(257)),
            "257 bytes long, more than the 256 accepted",
        ),
        (json!(7), "must be a string"),
        (json!(null), "must be a string"),
    ] {
        let t = with_header(&token, |h| {
            h.insert("kid".into(), kid.clone());
        });
        let e = d.decrypt_compact(&t, &watch).unwrap_err();
        assert!(matches!(e, Error::Header(_)), "{kid}: {e}");
        assert!(e.to_string().contains(why), "{e}");
        assert!(!looked_up.get(), "{kid}");
    }
    let t = with_header(&token, |h| {
        h.insert("kid".into(), json!("k".repeat(256)));
    });
    assert_decryption_failed(
        d.decrypt_compact(&t, &watch),
        "a 256-byte kid, header changed",
    );
    assert!(looked_up.get());
}

#[test]
fn header_parameters_of_the_producer() {
    let (ek, dk) = keys(A::A256GCMKW, E::A256GCM);
    let header = Header::new().kid("mine").cty("JWT");
    let token = encrypt(&ek.with_kid("key"), E::A256GCM, &header, b"x").unwrap();
    let parsed = UnverifiedCompactJwe::parse(&token).unwrap();
    let h = parsed.protected_header();
    assert_eq!(h["kid"], "mine");
    assert_eq!(h["cty"], "JWT");
    assert_eq!(
        base64url::decode(h["iv"].as_str().unwrap()).unwrap().len(),
        12
    );
    assert_eq!(
        base64url::decode(h["tag"].as_str().unwrap()).unwrap().len(),
        16
    );
    assert_eq!(parsed.protected_header_encoded(), segments(&token)[0]);
    let d = decrypter(A::A256GCMKW, E::A256GCM);
    let decrypted = parsed.decrypt(&d, &dk.with_kid("mine")).unwrap();
    assert_eq!(decrypted.into_plaintext().as_slice(), b"x");
}
