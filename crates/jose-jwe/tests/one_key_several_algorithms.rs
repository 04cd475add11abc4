//! `DecryptingKeySet::from_jwk`: one JWK with any of several algorithms, without a JWK Set.
#![allow(clippy::unwrap_used)]

use jose_jwe::{
    Decrypter, DecryptingKeySet, EncryptingKey, Error, Header, JweAlgorithm as A,
    JweEncryption as E, compact,
};
use jose_jwk::Jwk;

const RSA_PRIVATE: &str = include_str!("../../jose-jwk/tests/data/rsa_private.json");

#[test]
fn one_rsa_jwk_decrypts_rsa_oaep_and_rsa_oaep_256() {
    let private = Jwk::from_json(RSA_PRIVATE).unwrap();
    let keys = DecryptingKeySet::from_jwk(&private, &[A::RSA_OAEP, A::RSA_OAEP_256]).unwrap();
    assert_eq!(keys.len(), 2);
    let decrypter = Decrypter::new([A::RSA_OAEP, A::RSA_OAEP_256], [E::A128GCM]).unwrap();
    let public = private.to_public().unwrap();
    for alg in [A::RSA_OAEP, A::RSA_OAEP_256] {
        let encrypting = EncryptingKey::from_jwk(&public, alg).unwrap();
        let token = compact::encrypt(&encrypting, E::A128GCM, &Header::new(), b"hi").unwrap();
        let decrypted = decrypter.decrypt_compact(&token, &keys).unwrap();
        assert_eq!(decrypted.plaintext(), b"hi", "{alg}");
    }
}

#[test]
fn a_jwk_that_fits_none_of_the_algorithms_is_refused_with_the_reason() {
    let jwk = Jwk::from_json(r#"{"kty":"oct","k":"GZy6sIZ6wl9NJOKB-jnmVQ"}"#).unwrap();
    // A 128-bit key is no A256KW key; and an oct key without `alg` is no `dir` key.
    let e = DecryptingKeySet::from_jwk(&jwk, &[A::A256KW, A::Dir]).unwrap_err();
    assert!(matches!(e, Error::Key(_) | Error::InvalidKey { .. }), "{e}");
    assert!(matches!(
        DecryptingKeySet::from_jwk(&jwk, &[]),
        Err(Error::EmptyAllowList { .. })
    ));
}
