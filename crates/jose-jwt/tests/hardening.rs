//! Hardening after an outside review: public-key key management in `JwtDecrypter`.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::time::Duration;

use jose_jwe::{Decrypter, DecryptingKey, EncryptingKey, JweAlgorithm, JweEncryption};
use jose_jwk::{EcCurve, Jwk, KeySpec};
use jose_jwt::{Error, JwtBuilder, JwtDecrypter, Validation};

fn token(key: &EncryptingKey) -> String {
    JwtBuilder::new()
        .subject("admin")
        .expires_in(Duration::from_secs(60))
        .encrypt(key, JweEncryption::A128GCM)
        .unwrap()
}

fn decrypter(algs: &[JweAlgorithm]) -> Decrypter {
    Decrypter::new(algs.iter().copied(), [JweEncryption::A128GCM]).unwrap()
}

#[test]
fn public_key_encryption_is_refused_unless_allowed() {
    let ec = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
    let rsa = Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap();
    let cases = [
        (&ec, JweAlgorithm::ECDH_ES),
        (&ec, JweAlgorithm::ECDH_ES_A128KW),
        (&rsa, JweAlgorithm::RSA_OAEP_256),
        (&rsa, JweAlgorithm::RSA_OAEP),
    ];
    for (private, alg) in cases {
        // Anyone with the public key makes this token.
        let public = EncryptingKey::from_jwk(&private.to_public().unwrap(), alg).unwrap();
        let token = token(&public);
        let key = DecryptingKey::from_jwk(private, alg).unwrap();

        let e = JwtDecrypter::new(decrypter(&[alg]), Validation::new())
            .decrypt(&token, &key)
            .unwrap_err();
        assert!(
            matches!(e, Error::PublicKeyEncryptionNotAllowed { alg: name } if name == alg.as_str()),
            "{alg:?}: {e:?}"
        );
        assert_eq!(e.code(), "ERR_JOSE_CONFIGURATION");
        let message = e.to_string();
        for hint in [
            "NestedJwtVerifier",
            "sign then encrypt",
            "allow_public_key_encryption",
        ] {
            assert!(message.contains(hint), "{message}");
        }

        let jwt = JwtDecrypter::new(decrypter(&[alg]), Validation::new())
            .allow_public_key_encryption()
            .decrypt(&token, &key)
            .unwrap();
        assert_eq!(jwt.subject(), Some("admin"));
    }
}

#[test]
fn an_allow_list_with_a_public_key_algorithm_refuses_even_symmetric_tokens() {
    let shared = EncryptingKey::symmetric(&[5u8; 16], JweAlgorithm::A128KW).unwrap();
    let token = token(&shared);
    let mixed = decrypter(&[JweAlgorithm::A128KW, JweAlgorithm::RSA_OAEP_256]);
    let e = JwtDecrypter::new(mixed.clone(), Validation::new())
        .decrypt(&token, &shared.to_decrypting_key())
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::PublicKeyEncryptionNotAllowed {
                alg: "RSA-OAEP-256"
            }
        ),
        "{e:?}"
    );
    assert!(
        JwtDecrypter::new(mixed, Validation::new())
            .allow_public_key_encryption()
            .decrypt(&token, &shared.to_decrypting_key())
            .is_ok()
    );
}

#[test]
fn symmetric_key_management_stays_allowed() {
    let cases = [
        (JweAlgorithm::A128KW, 16),
        (JweAlgorithm::A128GCMKW, 16),
        (JweAlgorithm::Dir, 16),
    ];
    for (alg, len) in cases {
        let shared = EncryptingKey::symmetric(&vec![6u8; len], alg).unwrap();
        let jwt = JwtDecrypter::new(decrypter(&[alg]), Validation::new())
            .decrypt(&token(&shared), &shared.to_decrypting_key())
            .unwrap();
        assert_eq!(jwt.subject(), Some("admin"), "{alg:?}");
    }
    let alg = JweAlgorithm::PBES2_HS256_A128KW;
    let password = EncryptingKey::password(b"correct horse battery staple", alg).unwrap();
    let jwt = JwtDecrypter::new(decrypter(&[alg]), Validation::new())
        .decrypt(&token(&password), &password.to_decrypting_key())
        .unwrap();
    assert_eq!(jwt.subject(), Some("admin"));
}
