//! Hardening after an outside review: ECDSA high-S on every curve, `key_ops` bound to exactly
//! one operation, private JWKs where a public key is expected, header limits in the JSON
//! serializations, protected-only header access.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use jose_b64::base64url;
use jose_jwk::{EcCurve, Jwk, KeySpec};
use jose_jws::{Error, Header, JwsAlgorithm as A, SigningKey, Verifier, VerifyingKey, compact};

fn public(jwk: &Jwk) -> Jwk {
    jwk.to_public().unwrap()
}

/// The token with its signature replaced by `signature`.
fn with_signature(token: &str, signature: &[u8]) -> String {
    let at = token.rfind('.').unwrap();
    format!("{}.{}", &token[..at], base64url::encode(signature))
}

fn signature_of(token: &str) -> Vec<u8> {
    base64url::decode(&token[token.rfind('.').unwrap() + 1..]).unwrap()
}

/// Signs with the library (low-S), then makes the twin (r, n − s) with the curve's own
/// scalar negation: returns (low-S token, high-S token).
macro_rules! high_s_twin {
    ($krate:ident, $token:expr) => {{
        let token: String = $token;
        let low = $krate::ecdsa::Signature::from_slice(&signature_of(&token)).unwrap();
        assert_eq!(low.normalize_s(), low, "the library signs low-S");
        let high = $krate::ecdsa::Signature::from_scalars(low.r(), -low.s()).unwrap();
        assert_ne!(high, low);
        assert_eq!(high.normalize_s(), low, "n − s of a low s is high");
        let high_token = with_signature(&token, &high.to_bytes());
        (token, high_token)
    }};
}

#[test]
fn high_s_verifies_on_every_curve_and_require_low_s_refuses_it() {
    let cases = [
        (EcCurve::P256, A::ES256),
        (EcCurve::P384, A::ES384),
        (EcCurve::P521, A::ES512),
        (EcCurve::Secp256k1, A::ES256K),
    ];
    for (curve, alg) in cases {
        let jwk = Jwk::generate(KeySpec::Ec(curve)).unwrap();
        let signer = SigningKey::from_jwk(&jwk, alg).unwrap();
        let key = VerifyingKey::from_jwk(&public(&jwk), alg).unwrap();
        for i in 0..4 {
            let token = compact::sign(&signer, &Header::new(), format!("{i}").as_bytes()).unwrap();
            let (low, high) = match alg {
                A::ES256 => high_s_twin!(p256, token),
                A::ES384 => high_s_twin!(p384, token),
                A::ES512 => high_s_twin!(p521, token),
                _ => high_s_twin!(k256, token),
            };
            let default = Verifier::new([alg]).unwrap();
            assert!(default.verify_compact(&low, &key).is_ok(), "{alg:?}");
            let verified = default.verify_compact(&high, &key);
            assert!(verified.is_ok(), "{alg:?}: high-S refused: {verified:?}");
            assert_eq!(verified.unwrap().payload(), format!("{i}").as_bytes());

            let strict = Verifier::new([alg]).unwrap().require_low_s();
            assert!(strict.verify_compact(&low, &key).is_ok(), "{alg:?}");
            assert_eq!(
                strict.verify_compact(&high, &key).unwrap_err(),
                Error::InvalidSignature,
                "{alg:?}"
            );
        }
    }
}

#[test]
fn require_low_s_applies_to_json_serializations() {
    let jwk = Jwk::generate(KeySpec::Ec(EcCurve::Secp256k1)).unwrap();
    let signer = SigningKey::from_jwk(&jwk, A::ES256K).unwrap();
    let key = VerifyingKey::from_jwk(&public(&jwk), A::ES256K).unwrap();
    let token = compact::sign(&signer, &Header::new(), b"x").unwrap();
    let (_, high) = high_s_twin!(k256, token);
    let mut parts = high.split('.');
    let (h, p, s) = (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap(),
    );
    let json = format!(r#"{{"payload":"{p}","protected":"{h}","signature":"{s}"}}"#);
    let policy = jose_jws::SignaturePolicy::AnyOne;
    let default = Verifier::new([A::ES256K]).unwrap();
    assert!(default.verify_json(&json, &key, &policy).is_ok());
    let strict = default.require_low_s();
    assert_eq!(
        strict.verify_json(&json, &key, &policy).unwrap_err(),
        Error::InvalidSignature
    );
}

fn with_ops(jwk: &Jwk, ops: &[jose_jwk::KeyOperation]) -> Jwk {
    jwk.clone().with_key_ops(ops.to_vec()).unwrap()
}

#[test]
fn key_ops_sign_only_signs_and_verify_only_verifies() {
    use jose_jwk::KeyOperation as Op;
    let cases = [
        (KeySpec::Ec(EcCurve::P256), A::ES256),
        (KeySpec::Okp(jose_jwk::OkpCurve::Ed25519), A::EdDSA),
        (KeySpec::Rsa { bits: 2048 }, A::PS256),
    ];
    for (spec, alg) in cases {
        let private = Jwk::generate(spec).unwrap();
        let sign_only = with_ops(&private, &[Op::Sign]);
        let signer = SigningKey::from_jwk(&sign_only, alg);
        assert!(signer.is_ok(), "{alg:?}: {signer:?}");
        let token = compact::sign(&signer.unwrap(), &Header::new(), b"x").unwrap();

        let verify_only = with_ops(&public(&private), &[Op::Verify]);
        let key = VerifyingKey::from_jwk(&verify_only, alg).unwrap();
        assert!(
            Verifier::new([alg])
                .unwrap()
                .verify_compact(&token, &key)
                .is_ok()
        );

        // Exactly that operation: a verify-only key does not sign, a sign-only key does not
        // verify.
        assert!(matches!(
            SigningKey::from_jwk(&with_ops(&private, &[Op::Verify]), alg),
            Err(Error::Key(jose_jwk::Error::OperationNotPermitted { .. }))
        ));
        assert!(matches!(
            VerifyingKey::from_jwk(&with_ops(&public(&private), &[Op::Sign]), alg),
            Err(Error::Key(jose_jwk::Error::OperationNotPermitted { .. }))
        ));
    }
    // HMAC: the same secret, one operation each.
    let secret =
        Jwk::from_json(r#"{"kty":"oct","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"}"#)
            .unwrap();
    let signer = SigningKey::from_jwk(&with_ops(&secret, &[Op::Sign]), A::HS256).unwrap();
    let token = compact::sign(&signer, &Header::new(), b"x").unwrap();
    let key = VerifyingKey::from_jwk(&with_ops(&secret, &[Op::Verify]), A::HS256).unwrap();
    assert!(
        Verifier::new([A::HS256])
            .unwrap()
            .verify_compact(&token, &key)
            .is_ok()
    );
    assert!(SigningKey::from_jwk(&with_ops(&secret, &[Op::Verify]), A::HS256).is_err());
    assert!(VerifyingKey::from_jwk(&with_ops(&secret, &[Op::Sign]), A::HS256).is_err());
}

#[test]
fn a_private_jwk_is_not_a_verification_key() {
    let cases = [
        (KeySpec::Ec(EcCurve::P256), A::ES256),
        (KeySpec::Ec(EcCurve::Secp256k1), A::ES256K),
        (KeySpec::Okp(jose_jwk::OkpCurve::Ed25519), A::EdDSA),
        (KeySpec::Rsa { bits: 2048 }, A::RS256),
    ];
    for (spec, alg) in cases {
        let private = Jwk::generate(spec).unwrap();
        let e = VerifyingKey::from_jwk(&private, alg).unwrap_err();
        assert_eq!(e, Error::PrivateKeyNotAccepted, "{alg:?}");
        assert_eq!(e.code(), "ERR_JWK_WRONG_KIND");
        assert!(e.to_string().contains("Jwk::to_public()"), "{e}");
        // The same through PEM and DER-converted keys.
        let pem = private.to_pkcs8_pem().unwrap();
        assert_eq!(
            VerifyingKey::from_pem(&pem, alg).unwrap_err(),
            Error::PrivateKeyNotAccepted
        );
        assert!(VerifyingKey::from_jwk(&public(&private), alg).is_ok());
        // Signing keys still verify their own tokens through their verifying half.
        let signer = SigningKey::from_jwk(&private, alg).unwrap();
        let token = compact::sign(&signer, &Header::new(), b"x").unwrap();
        let verifier = Verifier::new([alg]).unwrap();
        assert!(
            verifier
                .verify_compact(&token, signer.verifying_key())
                .is_ok()
        );
    }
    // Symmetric keys are secret by nature and verify as before.
    let secret =
        Jwk::from_json(r#"{"kty":"oct","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"}"#)
            .unwrap();
    assert!(VerifyingKey::from_jwk(&secret, A::HS256).is_ok());
    // A RustCrypto signing key is private too.
    let p256 = p256::ecdsa::SigningKey::from_slice(&[7u8; 32]).unwrap();
    assert_eq!(
        VerifyingKey::from_key(&p256, A::ES256).unwrap_err(),
        Error::PrivateKeyNotAccepted
    );
    assert!(VerifyingKey::from_key(p256.verifying_key(), A::ES256).is_ok());
}

/// A JWS JSON serialization whose signature `index` of `count` carries an unprotected header
/// with a parameter of `filler` bytes.
fn json_with_large_unprotected_header(count: usize, index: usize, filler: usize) -> String {
    let key = SigningKey::hmac(&[9u8; 32], A::HS256).unwrap();
    let mut signer = jose_jws::json::Signer::new(b"payload");
    for i in 0..count {
        let mut unprotected = jose_b64::serde_json::Map::new();
        unprotected.insert("kid".into(), format!("k{i}").into());
        if i == index {
            unprotected.insert("x-filler".into(), "A".repeat(filler).into());
        }
        signer = signer.signature(&key, Header::new(), Some(unprotected));
    }
    signer.sign_general().unwrap()
}

#[test]
fn every_unprotected_header_is_held_to_max_header_len() {
    use jose_jws::json::UnverifiedJsonJws;
    let limits = jose_jws::Limits::DEFAULT;
    // Under the token limit (256 KiB), over the header limit (8 KiB): refused, in the first
    // or in a later signature.
    for (count, index) in [(1, 0), (3, 2)] {
        let json = json_with_large_unprotected_header(count, index, 100 * 1024);
        assert!(json.len() < limits.max_token_len);
        let e = UnverifiedJsonJws::parse(&json).unwrap_err();
        assert!(
            matches!(e, Error::TooLarge { what: "unprotected header", limit, actual }
                if limit == limits.max_header_len && actual > 100 * 1024),
            "{e:?}"
        );
        // A header just within the limit is accepted, and a larger limit admits more.
        let fits = json_with_large_unprotected_header(count, index, limits.max_header_len - 64);
        assert!(UnverifiedJsonJws::parse(&fits).is_ok());
        let mut larger = limits;
        larger.max_header_len = 128 * 1024;
        assert!(UnverifiedJsonJws::parse_with(&json, &larger).is_ok());
    }
    // The flattened syntax too, through the verifier.
    let key = SigningKey::hmac(&[9u8; 32], A::HS256).unwrap();
    let mut unprotected = jose_b64::serde_json::Map::new();
    unprotected.insert("x-filler".into(), "B".repeat(9 * 1024).into());
    let flat =
        jose_jws::json::sign_flattened(&key, &Header::new(), Some(unprotected), b"p").unwrap();
    let e = Verifier::new([A::HS256])
        .unwrap()
        .verify_json(
            &flat,
            key.verifying_key(),
            &jose_jws::SignaturePolicy::AnyOne,
        )
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::TooLarge {
                what: "unprotected header",
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn every_unprotected_header_is_held_to_max_header_depth() {
    use jose_jws::json::UnverifiedJsonJws;
    let key = SigningKey::hmac(&[9u8; 32], A::HS256).unwrap();
    let deep = |levels: usize| {
        let value: jose_b64::serde_json::Value = jose_b64::serde_json::from_str(&format!(
            "{}1{}",
            "[".repeat(levels),
            "]".repeat(levels)
        ))
        .unwrap();
        let mut unprotected = jose_b64::serde_json::Map::new();
        unprotected.insert("x-deep".into(), value);
        jose_jws::json::sign_flattened(&key, &Header::new(), Some(unprotected), b"p").unwrap()
    };
    // The header object and 15 arrays: 16 levels, the default limit.
    assert!(UnverifiedJsonJws::parse(&deep(15)).is_ok());
    let e = UnverifiedJsonJws::parse(&deep(16)).unwrap_err();
    assert!(
        matches!(
            e,
            Error::Encoding {
                part: "unprotected header",
                source: jose_b64::Error::TooDeep { max_depth: 16 }
            }
        ),
        "{e:?}"
    );
}

#[test]
fn protected_only_header_access() {
    use jose_b64::serde_json::{Map, Value, json};
    use jose_jws::{Location, SignaturePolicy, VerifyingKeyRequest};
    use std::cell::RefCell;
    let key = SigningKey::hmac(&[9u8; 32], A::HS256).unwrap();
    let mut unprotected = Map::new();
    unprotected.insert("typ".into(), json!("attacker-chosen"));
    let jws =
        jose_jws::json::sign_flattened(&key, &Header::new().cty("ok"), Some(unprotected), b"p")
            .unwrap();
    // What a resolver sees.
    let seen = RefCell::new(Vec::new());
    let resolver = |request: &VerifyingKeyRequest<'_>| {
        seen.borrow_mut().push((
            request.header_str("typ").map(str::to_owned),
            request.protected_str("typ").map(str::to_owned),
            request.protected_param("typ").map(|v| v.into_owned()),
            request.protected_str("cty").map(str::to_owned),
        ));
        Ok(key.verifying_key().clone())
    };
    let verified = Verifier::new([A::HS256])
        .unwrap()
        .verify_json(&jws, &resolver, &SignaturePolicy::AnyOne)
        .unwrap();
    assert_eq!(
        seen.into_inner(),
        [(
            Some("attacker-chosen".into()),
            None,
            None,
            Some("ok".into())
        )]
    );
    assert_eq!(verified.protected_param("typ"), None);
    assert_eq!(verified.protected_param("cty"), Some(&json!("ok")));
    assert_eq!(
        verified.header_param("typ"),
        Some((&Value::from("attacker-chosen"), Location::Shared))
    );
    assert_eq!(
        verified.header_param("cty"),
        Some((&Value::from("ok"), Location::Protected))
    );

    // A compact JWS: every parameter is protected, on either verification path.
    let compact = compact::sign(&key, &Header::new().typ("JWT"), b"p").unwrap();
    let seen = RefCell::new(None);
    let resolver = |request: &VerifyingKeyRequest<'_>| {
        *seen.borrow_mut() = request.protected_str("typ").map(str::to_owned);
        Ok(key.verifying_key().clone())
    };
    let verified = Verifier::new([A::HS256])
        .unwrap()
        .verify_compact(&compact, &resolver)
        .unwrap();
    assert_eq!(seen.into_inner().as_deref(), Some("JWT"));
    assert_eq!(verified.protected_param("typ"), Some(&json!("JWT")));
}

/// An HS256 compact JWS made by another stack with `secret`, whatever its length.
fn foreign_hs256(secret: &[u8], payload: &[u8]) -> String {
    use hmac::{KeyInit, Mac};
    let input = format!(
        "{}.{}",
        base64url::encode(br#"{"alg":"HS256","typ":"JWT"}"#),
        base64url::encode(payload)
    );
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret).unwrap();
    mac.update(input.as_bytes());
    format!("{input}.{}", base64url::encode(mac.finalize().into_bytes()))
}

#[test]
fn short_hmac_secrets_verify_only_through_the_opt_in() {
    let secret = b"my-legacy-secret"; // 16 bytes, below the 32 of HS256
    let token = foreign_hs256(secret, b"issued long ago");
    assert!(matches!(
        VerifyingKey::hmac(secret, A::HS256),
        Err(Error::Key(jose_jwk::Error::KeySizeMismatch { .. }))
    ));
    assert!(SigningKey::hmac(secret, A::HS256).is_err());

    let legacy = VerifyingKey::hmac_allowing_short_secret(secret, A::HS256).unwrap();
    let verifier = Verifier::new([A::HS256]).unwrap();
    assert_eq!(
        verifier.verify_compact(&token, &legacy).unwrap().payload(),
        b"issued long ago"
    );
    // Still a real check: another secret, or a changed token, fails.
    let other = VerifyingKey::hmac_allowing_short_secret(b"my-legacy-secreT", A::HS256).unwrap();
    assert_eq!(
        verifier.verify_compact(&token, &other).unwrap_err(),
        Error::InvalidSignature
    );
    // A full-length secret works through it as through `hmac`; never empty; HMAC only.
    assert!(VerifyingKey::hmac_allowing_short_secret(&[1; 64], A::HS512).is_ok());
    assert!(matches!(
        VerifyingKey::hmac_allowing_short_secret(b"", A::HS256),
        Err(Error::Key(jose_jwk::Error::WeakKey { .. }))
    ));
    for alg in [A::ES256, A::RS256, A::EdDSA, A::None] {
        assert!(
            VerifyingKey::hmac_allowing_short_secret(secret, alg).is_err(),
            "{alg:?}"
        );
    }
}

#[test]
fn flattened_verification_needs_no_policy_and_takes_parsed_json() {
    use jose_b64::serde_json::{self, Value, json};
    use jose_jws::SignaturePolicy;
    let key = SigningKey::hmac(&[3u8; 32], A::HS256).unwrap();
    let verifier = Verifier::new([A::HS256]).unwrap();
    let flat = jose_jws::json::sign_flattened(&key, &Header::new(), None, b"hello").unwrap();
    assert_eq!(
        verifier
            .verify_flattened(&flat, key.verifying_key())
            .unwrap()
            .payload(),
        b"hello"
    );
    // Already parsed, borrowed or owned; through verify_json too.
    let parsed: Value = serde_json::from_str(&flat).unwrap();
    assert!(
        verifier
            .verify_flattened(&parsed, key.verifying_key())
            .is_ok()
    );
    assert!(
        verifier
            .verify_json(parsed.clone(), key.verifying_key(), &SignaturePolicy::All)
            .is_ok()
    );
    // A changed payload in the parsed value fails like in the text.
    let mut changed = parsed.clone();
    changed["payload"] = json!("aGVsbG9v");
    assert_eq!(
        verifier
            .verify_flattened(&changed, key.verifying_key())
            .unwrap_err(),
        Error::InvalidSignature
    );

    // The general syntax needs a policy, even with one signature.
    let general = jose_jws::json::Signer::new(b"hello")
        .signature(&key, Header::new(), None)
        .sign_general()
        .unwrap();
    let e = verifier
        .verify_flattened(&general, key.verifying_key())
        .unwrap_err();
    assert!(
        matches!(&e, Error::Malformed { reason } if reason.contains("verify_json")),
        "{e}"
    );
}

#[test]
fn parsed_json_is_held_to_the_limits_of_text() {
    use jose_b64::serde_json::{Value, json};
    use jose_jws::json::UnverifiedJsonJws;
    let key = SigningKey::hmac(&[3u8; 32], A::HS256).unwrap();
    let verifier = Verifier::new([A::HS256]).unwrap();
    let flat = jose_jws::json::sign_flattened(&key, &Header::new(), None, b"p").unwrap();
    let mut parsed: Value = jose_b64::serde_json::from_str(&flat).unwrap();
    // Over the token size limit, measured as compact JSON.
    let mut big = parsed.clone();
    big["x-extra"] = json!("A".repeat(300 * 1024));
    assert!(matches!(
        verifier.verify_flattened(&big, key.verifying_key()),
        Err(Error::TooLarge {
            what: "JWS JSON serialization",
            ..
        })
    ));
    // Too deep.
    let mut deep = json!(1);
    for _ in 0..30 {
        deep = json!([deep]);
    }
    parsed["x-deep"] = deep;
    assert!(matches!(
        UnverifiedJsonJws::parse(&parsed),
        Err(Error::Encoding {
            part: "JSON serialization",
            source: jose_b64::Error::TooDeep { .. }
        })
    ));
    // Not an object.
    assert!(matches!(
        UnverifiedJsonJws::parse(json!(["payload"])),
        Err(Error::Encoding {
            part: "JSON serialization",
            source: jose_b64::Error::NotAnObject { .. }
        })
    ));
}

#[test]
fn short_hmac_secrets_in_a_jwk_keep_every_other_rule() {
    // "my-legacy-secret", 16 bytes.
    let k = base64url::encode(b"my-legacy-secret");
    let jwk =
        |extra: &str| Jwk::from_json(&format!(r#"{{"kty":"oct","k":"{k}"{extra}}}"#)).unwrap();
    let token = foreign_hs256(b"my-legacy-secret", b"old");
    let verifier = Verifier::new([A::HS256]).unwrap();

    let plain = jwk(r#","kid":"legacy","alg":"HS256","use":"sig","key_ops":["verify"]"#);
    assert!(VerifyingKey::from_jwk(&plain, A::HS256).is_err());
    let key = VerifyingKey::from_jwk_allowing_short_secret(&plain, A::HS256).unwrap();
    assert_eq!(key.kid(), Some("legacy"));
    assert!(verifier.verify_compact(&token, &key).is_ok());

    let refused = |extra: &str, alg: A| {
        VerifyingKey::from_jwk_allowing_short_secret(&jwk(extra), alg).unwrap_err()
    };
    assert!(matches!(
        refused(r#","alg":"HS384""#, A::HS256),
        Error::Key(jose_jwk::Error::AlgorithmMismatch { .. })
    ));
    assert!(matches!(
        refused(r#","use":"enc""#, A::HS256),
        Error::Key(jose_jwk::Error::UseMismatch { .. })
    ));
    assert!(matches!(
        refused(r#","key_ops":["sign"]"#, A::HS256),
        Error::Key(jose_jwk::Error::OperationNotPermitted { .. })
    ));
    assert!(matches!(
        refused("", A::ES256),
        Error::Key(jose_jwk::Error::KeyTypeMismatch { .. })
    ));
    // A public key never becomes an HMAC secret this way either.
    let ec = public(&Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap());
    assert!(VerifyingKey::from_jwk_allowing_short_secret(&ec, A::HS256).is_err());
    // A full-length secret or an asymmetric key behaves as with from_jwk.
    assert!(VerifyingKey::from_jwk_allowing_short_secret(&ec, A::ES256).is_ok());
}
