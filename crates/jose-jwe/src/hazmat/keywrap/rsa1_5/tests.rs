// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
use std::sync::OnceLock;

use jose_b64::base64url;
use jose_jwk::alg::JweAlgorithm;
use jose_jwk::{Jwk, KeySpec};

use super::*;
use crate::test_util::assert_decryption_failed;
use crate::{Decrypter, DecryptingKey, EncryptingKey, Header, JweEncryption, compact};

type A = JweAlgorithm;
type E = JweEncryption;

/// One 2048-bit key for every test (generating is slow).
fn jwk() -> &'static Jwk {
    static KEY: OnceLock<Jwk> = OnceLock::new();
    KEY.get_or_init(|| Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap())
}

fn rsa_keys() -> (RsaPublicKey, RsaPrivateKey) {
    let jose_jwk::Key::Rsa(rsa) = jwk().key() else {
        panic!("not RSA")
    };
    (rsa.to_public_key().unwrap(), rsa.to_private_key().unwrap())
}

fn keys() -> (EncryptingKey, DecryptingKey) {
    (
        EncryptingKey::from_jwk(&jwk().to_public().unwrap(), A::RSA1_5).unwrap(),
        DecryptingKey::from_jwk(jwk(), A::RSA1_5).unwrap(),
    )
}

fn decrypter(enc: E) -> Decrypter {
    Decrypter::new_allowing_rsa1_5([A::RSA1_5], [enc]).unwrap()
}

/// Replaces segment `i` of a compact JWE.
fn with_segment(token: &str, i: usize, bytes: &[u8]) -> String {
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    parts[i] = base64url::encode(bytes);
    parts.join(".")
}

fn segment(token: &str, i: usize) -> Vec<u8> {
    base64url::decode(token.split('.').nth(i).unwrap()).unwrap()
}

#[test]
fn round_trips() {
    let (ek, dk) = keys();
    for enc in [E::A128CBC_HS256, E::A256CBC_HS512, E::A128GCM, E::A256GCM] {
        let token = compact::encrypt(&ek, enc, &Header::new(), b"legacy secret").unwrap();
        assert_eq!(segment(&token, 1).len(), 256, "{enc}");
        let out = decrypter(enc).decrypt_compact(&token, &dk).unwrap();
        assert_eq!(out.plaintext(), b"legacy secret", "{enc}");
        assert_eq!(out.alg(), A::RSA1_5);
        assert_eq!(out.protected_header()["alg"], "RSA1_5");
    }
}

#[test]
fn the_primitive_round_trips_and_falls_back_to_a_random_cek() {
    let (public, private) = rsa_keys();
    let cek = SecretBytes::from(&[5u8; 32][..]);
    let wrapped = wrap(&public, &cek).unwrap();
    assert_eq!(wrapped.len(), 256);
    assert_ne!(wrap(&public, &cek).unwrap(), wrapped, "random padding");
    assert_eq!(unwrap(&private, &wrapped, 32).unwrap(), cek);
    // Never an error, always a CEK of the asked length, never the real one.
    let mut flipped = wrapped.clone();
    flipped[200] ^= 1;
    for (what, encrypted_key, len) in [
        ("another CEK length", wrapped.clone(), 16),
        ("another CEK length", wrapped.clone(), 64),
        ("short", wrapped[1..].to_vec(), 32),
        ("long", [wrapped.as_slice(), &[0]].concat(), 32),
        ("empty", Vec::new(), 32),
        ("all 0xff (≥ n)", vec![0xff; 256], 32),
        ("changed", flipped, 32),
    ] {
        let out = unwrap(&private, &encrypted_key, len).unwrap();
        assert_eq!(out.len(), len, "{what}");
        // Not the real CEK, nor any of it.
        assert!(
            !out.expose_secret().starts_with(&[5u8; 32][..len.min(32)]),
            "{what}"
        );
    }
    // Two fallbacks for a ciphertext the RSA decryption refuses are independent.
    assert_ne!(
        unwrap(&private, &[0xff; 256], 32).unwrap(),
        unwrap(&private, &[0xff; 256], 32).unwrap()
    );
    // RSAES-PKCS1-v1_5 holds at most k - 11 = 245 bytes.
    assert!(wrap(&public, &SecretBytes::from(&[1u8; 245][..])).is_ok());
    let e = wrap(&public, &SecretBytes::from(&[1u8; 246][..])).unwrap_err();
    assert!(matches!(e, Error::Invalid { .. }), "{e}");
}

#[test]
fn every_unwrap_failure_is_the_error_of_a_flipped_tag() {
    let (ek, dk) = keys();
    let (public, _) = rsa_keys();
    for enc in [E::A128GCM, E::A128CBC_HS256] {
        let d = decrypter(enc);
        let token = compact::encrypt(&ek, enc, &Header::new(), b"x").unwrap();
        let mut tag = segment(&token, 4);
        tag[0] ^= 1;
        let flipped = assert_decryption_failed(
            d.decrypt_compact(&with_segment(&token, 4, &tag), &dk),
            "flipped tag",
        );

        let mut random = vec![0u8; 256];
        crate::random::fill(&mut random).unwrap();
        let mut changed = segment(&token, 1);
        changed[100] ^= 0x40;
        let other_len = |len: usize| wrap(&public, &SecretBytes::from(vec![9u8; len])).unwrap();
        // security.md #16: random bytes, valid ciphertexts of 15- and 33-byte (and another
        // enc's) CEKs, ≥ n, 255 bytes, empty, and a changed encrypted key.
        for (what, encrypted_key) in [
            ("random 256 bytes", random.clone()),
            ("a 15-byte CEK", other_len(15)),
            ("a 33-byte CEK", other_len(33)),
            ("an empty CEK", other_len(0)),
            ("a CEK for another enc", other_len(enc.key_len() * 2)),
            ("all 0xff (≥ n)", vec![0xff; 256]),
            ("255 bytes", random[..255].to_vec()),
            ("257 bytes", [random.as_slice(), &[1]].concat()),
            ("empty", Vec::new()),
            ("a changed encrypted key", changed),
        ] {
            let message = assert_decryption_failed(
                d.decrypt_compact(&with_segment(&token, 1, &encrypted_key), &dk),
                what,
            );
            assert_eq!(message, flipped, "{enc}: {what}");
        }
    }
}

#[test]
fn only_an_explicitly_allowed_decrypter_with_a_bound_key_opens_rsa1_5() {
    let (ek, dk) = keys();
    let token = compact::encrypt(&ek, E::A128CBC_HS256, &Header::new(), b"y").unwrap();
    // Decrypter::new refuses RSA1_5 even with the feature.
    let e = Decrypter::new([A::RSA1_5], [E::A128CBC_HS256]).unwrap_err();
    assert!(matches!(e, Error::Unsupported { .. }), "{e}");
    assert!(
        e.to_string().contains("Decrypter::new_allowing_rsa1_5"),
        "{e}"
    );
    // Allowing it does not add it: it must be listed.
    let d = Decrypter::new_allowing_rsa1_5([A::RSA_OAEP_256], [E::A128CBC_HS256]).unwrap();
    let e = d.decrypt_compact(&token, &dk).unwrap_err();
    assert!(matches!(e, Error::AlgorithmNotAllowed { .. }), "{e}");
    // A key bound to RSA-OAEP-256 is not used for RSA1_5, nor an RSA1_5 key for RSA-OAEP-256.
    let oaep = DecryptingKey::from_jwk(jwk(), A::RSA_OAEP_256).unwrap();
    let d =
        Decrypter::new_allowing_rsa1_5([A::RSA1_5, A::RSA_OAEP_256], [E::A128CBC_HS256]).unwrap();
    let e = d.decrypt_compact(&token, &oaep).unwrap_err();
    assert!(matches!(e, Error::KeyAlgorithmMismatch { .. }), "{e}");
    let oaep_token = compact::encrypt(
        &EncryptingKey::from_jwk(&jwk().to_public().unwrap(), A::RSA_OAEP_256).unwrap(),
        E::A128CBC_HS256,
        &Header::new(),
        b"y",
    )
    .unwrap();
    let e = d.decrypt_compact(&oaep_token, &dk).unwrap_err();
    assert!(matches!(e, Error::KeyAlgorithmMismatch { .. }), "{e}");
    assert_eq!(d.decrypt_compact(&token, &dk).unwrap().plaintext(), b"y");
    // A public key's "decrypting" key cannot decrypt: the one opaque error.
    assert_decryption_failed(d.decrypt_compact(&token, &ek.to_decrypting_key()), "public");
}
