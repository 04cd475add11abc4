// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
use std::sync::OnceLock;

use jose_b64::base64url;
use jose_jwk::{Jwk, KeySpec};

use super::*;
use crate::test_util::assert_decryption_failed;
use crate::{Decrypter, DecryptingKey, EncryptingKey, Header, JweEncryption, compact};

type A = JweAlgorithm;
type E = JweEncryption;

const ALGS: [A; 4] = [
    A::RSA_OAEP,
    A::RSA_OAEP_256,
    A::RSA_OAEP_384,
    A::RSA_OAEP_512,
];

/// One 2048-bit key for every test (generating is slow).
fn jwk() -> &'static Jwk {
    static KEY: OnceLock<Jwk> = OnceLock::new();
    KEY.get_or_init(|| Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap())
}

fn keys(alg: A) -> (EncryptingKey, DecryptingKey) {
    let public = jwk().to_public().unwrap();
    (
        EncryptingKey::from_jwk(&public, alg).unwrap(),
        DecryptingKey::from_jwk(jwk(), alg).unwrap(),
    )
}

/// Replaces the encrypted key (segment 1) of a compact JWE.
fn with_encrypted_key(token: &str, encrypted_key: &[u8]) -> String {
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    parts[1] = base64url::encode(encrypted_key);
    parts.join(".")
}

#[test]
fn round_trips() {
    for alg in ALGS {
        let (ek, dk) = keys(alg);
        for enc in [E::A128GCM, E::A256GCM, E::A128CBC_HS256, E::A256CBC_HS512] {
            let token = compact::encrypt(&ek, enc, &Header::new(), b"rsa secret").unwrap();
            let parts: Vec<&str> = token.split('.').collect();
            assert_eq!(
                base64url::decode(parts[1]).unwrap().len(),
                256,
                "{alg} {enc}"
            );
            let d = Decrypter::new([alg], [enc]).unwrap();
            let out = d.decrypt_compact(&token, &dk).unwrap();
            assert_eq!(out.plaintext(), b"rsa secret", "{alg} {enc}");
            assert_eq!(out.alg(), alg);
        }
    }
}

#[test]
fn the_primitive_round_trips_and_checks_lengths() {
    let public = jwk().key().clone();
    let jose_jwk::Key::Rsa(rsa) = public else {
        panic!("not RSA")
    };
    let (public, private) = (rsa.to_public_key().unwrap(), rsa.to_private_key().unwrap());
    let cek = SecretBytes::from(&[5u8; 32][..]);
    for alg in ALGS {
        let wrapped = wrap(&public, alg, &cek).unwrap();
        assert_eq!(unwrap(&private, alg, &wrapped, 32).unwrap(), cek, "{alg}");
        assert_decryption_failed(unwrap(&private, alg, &wrapped, 16), "wrong CEK length");
        assert_decryption_failed(unwrap(&private, alg, &wrapped[1..], 32), "short");
        for other in ALGS.into_iter().filter(|a| *a != alg) {
            assert_decryption_failed(unwrap(&private, other, &wrapped, 32), "other hash");
        }
    }
    assert!(wrap(&public, A::A128KW, &cek).is_err());
    assert_decryption_failed(unwrap(&private, A::A128KW, &[0; 256], 32), "not OAEP");
    // SHA-512 OAEP on a 2048-bit key holds at most 256 - 2·64 - 2 = 126 bytes.
    let long = SecretBytes::from(&[1u8; 127][..]);
    assert!(matches!(
        wrap(&public, A::RSA_OAEP_512, &long),
        Err(Error::Invalid { .. })
    ));
}

#[test]
fn every_unwrap_failure_is_the_error_of_a_flipped_tag() {
    for alg in [A::RSA_OAEP, A::RSA_OAEP_256] {
        let (ek, dk) = keys(alg);
        let enc = E::A128GCM;
        let d = Decrypter::new([alg], [enc]).unwrap();
        let token = compact::encrypt(&ek, enc, &Header::new(), b"x").unwrap();

        let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
        let mut tag = base64url::decode(&parts[4]).unwrap();
        tag[0] ^= 1;
        parts[4] = base64url::encode(&tag);
        let flipped =
            assert_decryption_failed(d.decrypt_compact(&parts.join("."), &dk), "flipped tag");

        // A valid OAEP ciphertext of a CEK of the wrong length (A256GCM's 32 bytes).
        let jose_jwk::Key::Rsa(rsa) = jwk().key() else {
            panic!("not RSA")
        };
        let public = rsa.to_public_key().unwrap();
        let wrong_len = wrap(&public, alg, &SecretBytes::from(&[9u8; 32][..])).unwrap();
        let mut random = vec![0u8; 256];
        crate::random::fill(&mut random).unwrap();
        let mut flipped_key = base64url::decode(token.split('.').nth(1).unwrap()).unwrap();
        flipped_key[100] ^= 0x40;

        for (what, encrypted_key) in [
            ("random 256 bytes", random.clone()),
            ("255 bytes", random[..255].to_vec()),
            ("257 bytes", [random.as_slice(), &[1]].concat()),
            ("all 0xff (≥ n)", vec![0xff; 256]),
            ("empty", Vec::new()),
            ("a 32-byte CEK", wrong_len.clone()),
            ("a changed encrypted key", flipped_key.clone()),
        ] {
            let message = assert_decryption_failed(
                d.decrypt_compact(&with_encrypted_key(&token, &encrypted_key), &dk),
                what,
            );
            assert_eq!(message, flipped, "{alg}: {what}");
        }
    }
}

#[test]
fn keys_need_the_right_material() {
    let public = jwk().to_public().unwrap();
    // Decrypting needs the private key.
    let e = DecryptingKey::from_jwk(&public, A::RSA_OAEP_256).unwrap_err();
    assert!(matches!(e, Error::Key(_)), "{e}");
    // A private JWK is no encrypting key: its public part is.
    let e = EncryptingKey::from_jwk(jwk(), A::RSA_OAEP_256).unwrap_err();
    assert!(matches!(e, Error::PrivateKeyForEncryption), "{e}");
    let ek = EncryptingKey::from_jwk(&public, A::RSA_OAEP_256).unwrap();
    let token = compact::encrypt(&ek, E::A256GCM, &Header::new(), b"y").unwrap();
    let d = Decrypter::new([A::RSA_OAEP_256], [E::A256GCM]).unwrap();
    let dk = DecryptingKey::from_jwk(jwk(), A::RSA_OAEP_256).unwrap();
    assert_eq!(d.decrypt_compact(&token, &dk).unwrap().plaintext(), b"y");
    // The "decrypting" key of a public JWK cannot decrypt: the one opaque error.
    assert_decryption_failed(
        d.decrypt_compact(&token, &ek.to_decrypting_key()),
        "public only",
    );
    // A key bound to RSA-OAEP is not used for RSA-OAEP-256.
    let (_, dk) = keys(A::RSA_OAEP);
    let e = d.decrypt_compact(&token, &dk).unwrap_err();
    assert!(matches!(e, Error::KeyAlgorithmMismatch { .. }), "{e}");
    // Not an RSA key; and an RSA key for another algorithm.
    let e = EncryptingKey::symmetric(&[1; 32], A::RSA_OAEP).unwrap_err();
    assert!(matches!(e, Error::Key(_)), "{e}");
    assert!(EncryptingKey::from_jwk(&public, A::A128KW).is_err());
    assert!(EncryptingKey::from_jwk(&public, A::PBES2_HS256_A128KW).is_err());
}
