//! A JWT without `kid` verified against a JWK Set with several keys for its algorithm:
//! refused by default, accepted with `VerifyingKeySet::try_candidates`, and the `typ` check
//! still applies on that path.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::time::Duration;

use jose_jwk::{EcCurve, Jwk, JwkSet, KeySpec};
use jose_jws::{JwsAlgorithm, SigningKey, VerifyingKeySet};
use jose_jwt::{Error, JwtBuilder, JwtVerifier, Validation};

#[test]
fn a_jwt_verifier_tries_the_candidates_when_told() {
    let private: Vec<Jwk> = (0..2)
        .map(|_| Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap())
        .collect();
    let public = private.iter().map(|k| k.to_public().unwrap()).collect();
    let jwks = JwkSet::from_keys(public).unwrap();
    let set = VerifyingKeySet::from_jwks(&jwks, &[JwsAlgorithm::ES256]).unwrap();
    let key = SigningKey::from_jwk(&private[1], JwsAlgorithm::ES256).unwrap();
    let token = JwtBuilder::new()
        .subject("s")
        .expires_in(Duration::from_secs(600))
        .sign(&key)
        .unwrap();
    let verifier = JwtVerifier::new([JwsAlgorithm::ES256], Validation::new()).unwrap();
    let refused = verifier.verify(&token, &set).unwrap_err();
    assert!(refused.to_string().contains("try_candidates"), "{refused}");
    let set = set.try_candidates();
    let jwt = verifier.verify(&token, &set).unwrap();
    assert_eq!(jwt.claims()["sub"], "s");
    // The header checks run on the candidates path too.
    let strict = JwtVerifier::new([JwsAlgorithm::ES256], Validation::new().typ("at+jwt")).unwrap();
    let e = strict.verify(&token, &set).unwrap_err();
    assert!(matches!(e, Error::TypeNotAccepted { .. }), "{e}");
}
