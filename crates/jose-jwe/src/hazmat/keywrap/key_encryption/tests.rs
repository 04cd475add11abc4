// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
use std::sync::OnceLock;

use jose_jwk::{Jwk, KeySpec};

use super::*;
use crate::{Decrypter, DecryptingKey, EncryptingKey, JweEncryption};

type A = JweAlgorithm;
type E = JweEncryption;

/// One 2048-bit key for every test (generating is slow).
fn jwk() -> &'static Jwk {
    static KEY: OnceLock<Jwk> = OnceLock::new();
    KEY.get_or_init(|| Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap())
}

#[test]
fn the_family() {
    for alg in [
        A::RSA_OAEP,
        A::RSA_OAEP_256,
        A::RSA_OAEP_384,
        A::RSA_OAEP_512,
    ] {
        assert!(is_rsa(alg), "{alg}");
    }
    assert_eq!(is_rsa(A::RSA1_5), cfg!(feature = "rsa1_5"));
    for alg in [A::Dir, A::A128KW, A::ECDH_ES, A::PBES2_HS256_A128KW] {
        assert!(!is_rsa(alg), "{alg}");
    }
}

#[test]
fn decrypter_new_never_accepts_rsa1_5() {
    for algs in [vec![A::RSA1_5], vec![A::RSA_OAEP_256, A::RSA1_5]] {
        let e = Decrypter::new(algs, [E::A128CBC_HS256]).unwrap_err();
        assert!(matches!(e, Error::Unsupported { .. }), "{e}");
        assert_eq!(e.code(), "ERR_JOSE_NOT_SUPPORTED");
        let message = e.to_string();
        assert!(message.contains("RSA1_5"), "{message}");
        assert!(
            message.contains("Decrypter::new_allowing_rsa1_5"),
            "{message}"
        );
        assert_eq!(
            message.contains("cargo feature `rsa1_5`"),
            !cfg!(feature = "rsa1_5"),
            "{message}"
        );
    }
}

#[cfg(not(feature = "rsa1_5"))]
#[test]
fn without_the_feature_rsa1_5_keys_are_refused_and_name_the_feature() {
    let public = jwk().to_public().unwrap();
    for e in [
        EncryptingKey::from_jwk(&public, A::RSA1_5).unwrap_err(),
        EncryptingKey::from_jwk(jwk(), A::RSA1_5).unwrap_err(),
        DecryptingKey::from_jwk(jwk(), A::RSA1_5).unwrap_err(),
        EncryptingKey::symmetric(&[1; 16], A::RSA1_5).unwrap_err(),
    ] {
        assert!(matches!(e, Error::Unsupported { .. }), "{e}");
        assert!(e.to_string().contains("cargo feature `rsa1_5`"), "{e}");
    }
    let jwks =
        jose_jwk::JwkSet::from_json(&format!(r#"{{"keys":[{}]}}"#, jwk().to_json())).unwrap();
    let set = crate::DecryptingKeySet::from_jwks(&jwks, &[A::RSA1_5]).unwrap();
    assert!(set.is_empty());
}

#[cfg(feature = "rsa1_5")]
#[test]
fn with_the_feature_rsa1_5_keys_are_rsa_keys() {
    let public = jwk().to_public().unwrap();
    assert!(EncryptingKey::from_jwk(&public, A::RSA1_5).is_ok());
    assert!(DecryptingKey::from_jwk(jwk(), A::RSA1_5).is_ok());
    // Decrypting needs the private key; an oct key is no RSA key.
    let e = DecryptingKey::from_jwk(&public, A::RSA1_5).unwrap_err();
    assert!(matches!(e, Error::Key(_)), "{e}");
    let e = EncryptingKey::symmetric(&[1; 16], A::RSA1_5).unwrap_err();
    assert!(matches!(e, Error::Key(_)), "{e}");
    // A JWK whose `alg` is RSA-OAEP-256 is not an RSA1_5 key.
    let oaep = Jwk::from_json(
        &jwk()
            .to_json()
            .replacen('{', r#"{"alg":"RSA-OAEP-256","#, 1),
    )
    .unwrap();
    assert!(DecryptingKey::from_jwk(&oaep, A::RSA1_5).is_err());
    assert!(DecryptingKey::from_jwk(&oaep, A::RSA_OAEP_256).is_ok());
}
