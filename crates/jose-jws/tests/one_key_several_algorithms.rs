//! `VerifyingKeySet::from_jwk`: one JWK with any of several algorithms, without a JWK Set.
#![allow(clippy::unwrap_used)]

use jose_jwk::Jwk;
use jose_jws::{Error, Header, JwsAlgorithm as A, SigningKey, Verifier, VerifyingKeySet, compact};

const RSA_PRIVATE: &str = include_str!("../../jose-jwk/tests/data/rsa_private.json");

#[test]
fn one_rsa_jwk_verifies_rs256_and_ps256_tokens() {
    let private = Jwk::from_json(RSA_PRIVATE).unwrap();
    let keys =
        VerifyingKeySet::from_jwk(&private.to_public().unwrap(), &[A::RS256, A::PS256]).unwrap();
    assert_eq!(keys.len(), 2);
    let verifier = Verifier::new([A::RS256, A::PS256]).unwrap();
    for alg in [A::RS256, A::PS256] {
        let signing = SigningKey::from_jwk(&private, alg).unwrap();
        let token = compact::sign(&signing, &Header::new(), b"hello").unwrap();
        let verified = verifier.verify_compact(&token, &keys).unwrap();
        assert_eq!(verified.payload(), b"hello", "{alg}");
    }
    // An algorithm the key was not bound to is not verified with it.
    let signing = SigningKey::from_jwk(&private, A::RS384).unwrap();
    let token = compact::sign(&signing, &Header::new(), b"hello").unwrap();
    let verifier = Verifier::new([A::RS384]).unwrap();
    assert!(matches!(
        verifier.verify_compact(&token, &keys),
        Err(Error::NoMatchingKey { .. })
    ));
}

#[test]
fn a_jwk_that_fits_none_of_the_algorithms_is_refused_with_the_reason() {
    let private = Jwk::from_json(RSA_PRIVATE).unwrap();
    let public = private.to_public().unwrap();
    let e = VerifyingKeySet::from_jwk(&public, &[A::ES256, A::EdDSA]).unwrap_err();
    assert!(matches!(e, Error::Key(_)), "{e}");
    assert!(matches!(
        VerifyingKeySet::from_jwk(&public, &[]),
        Err(Error::EmptyAllowList)
    ));
    // A private asymmetric key is a configuration mistake, as in a set.
    assert!(matches!(
        VerifyingKeySet::from_jwk(&private, &[A::RS256]),
        Err(Error::Key(jose_jwk::Error::UnexpectedPrivateKey { .. }))
    ));
}
