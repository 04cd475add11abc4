//! `VerifyingKeySet::try_candidates`: a JWS without `kid` against several keys for its
//! algorithm is refused by default (the message names the option), and with the option the
//! keys are tried in turn, at most `max_candidates` of them.
#![allow(clippy::unwrap_used)]

use std::cell::Cell;

use jose_jwk::{EcCurve, Jwk, JwkSet, KeySpec};
use jose_jws::{
    Error, Header, JwsAlgorithm as A, SigningKey, Verifier, VerifyingKey, VerifyingKeyRequest,
    VerifyingKeyResolver, VerifyingKeySet, compact,
};

/// `n` P-256 key pairs without `kid`, as a JWK Set of the public keys.
fn keys(n: usize) -> (Vec<Jwk>, VerifyingKeySet) {
    let private: Vec<Jwk> = (0..n)
        .map(|_| Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap())
        .collect();
    let public = private.iter().map(|k| k.to_public().unwrap()).collect();
    let set = VerifyingKeySet::from_jwks(&JwkSet::from_keys(public).unwrap(), &[A::ES256]).unwrap();
    (private, set)
}

fn token(jwk: &Jwk) -> String {
    let key = SigningKey::from_jwk(jwk, A::ES256).unwrap();
    compact::sign(&key, &Header::new(), b"hello").unwrap()
}

fn verifier() -> Verifier {
    Verifier::new([A::ES256]).unwrap()
}

#[test]
fn by_default_several_candidates_are_refused_naming_the_option() {
    let (private, set) = keys(2);
    let e = verifier()
        .verify_compact(&token(&private[1]), &set)
        .unwrap_err();
    assert!(matches!(e, Error::NoMatchingKey { .. }), "{e}");
    assert!(
        e.to_string().contains("VerifyingKeySet::try_candidates"),
        "{e}"
    );
}

#[test]
fn with_the_option_each_candidate_is_tried_in_turn() {
    let (private, set) = keys(4);
    let set = set.try_candidates();
    for signer in &private {
        let verified = verifier().verify_compact(&token(signer), &set).unwrap();
        assert_eq!(verified.payload(), b"hello");
    }
    // A forged JWS gets the error one key would give.
    let forged = {
        let t = token(&private[0]);
        let (head, _) = t.rsplit_once('.').unwrap();
        let key = SigningKey::from_jwk(&private[1], A::ES256).unwrap();
        let other = compact::sign(&key, &Header::new(), b"other").unwrap();
        format!("{head}.{}", other.rsplit_once('.').unwrap().1)
    };
    let e = verifier().verify_compact(&forged, &set).unwrap_err();
    let single = VerifyingKey::from_jwk(&private[0].to_public().unwrap(), A::ES256).unwrap();
    let one = verifier().verify_compact(&forged, &single).unwrap_err();
    assert_eq!(e.code(), one.code());
    assert_eq!(e.to_string(), one.to_string());
}

#[test]
fn a_jws_with_a_kid_is_unaffected() {
    let (private, set) = keys(2);
    let signing = SigningKey::from_jwk(&private[0], A::ES256).unwrap();
    let named = compact::sign(&signing, &Header::new().kid("absent"), b"hello").unwrap();
    let e = verifier()
        .verify_compact(&named, &set.try_candidates())
        .unwrap_err();
    assert!(e.to_string().contains("no ES256 key with kid"), "{e}");
}

/// Counts the candidates the verifier is handed.
struct Counting<'s> {
    set: &'s VerifyingKeySet,
    tried: Cell<usize>,
}

impl VerifyingKeyResolver for Counting<'_> {
    fn resolve(&self, request: &VerifyingKeyRequest<'_>) -> Result<VerifyingKey, Error> {
        self.set.resolve(request)
    }

    fn resolve_candidates(
        &self,
        request: &VerifyingKeyRequest<'_>,
    ) -> Option<Result<Vec<&VerifyingKey>, Error>> {
        let candidates = self.set.resolve_candidates(request)?;
        if let Ok(keys) = &candidates {
            self.tried.set(keys.len());
        }
        Some(candidates)
    }
}

#[test]
fn more_candidates_than_the_bound_are_refused_before_any_is_tried() {
    let (private, set) = keys(5);
    // Five keys, at most four by default: refused, whichever key signed.
    let set = set.try_candidates();
    let counting = Counting {
        set: &set,
        tried: Cell::new(0),
    };
    let e = verifier()
        .verify_compact(&token(&private[0]), &counting)
        .unwrap_err();
    assert!(matches!(e, Error::NoMatchingKey { .. }), "{e}");
    assert!(e.to_string().contains("max_candidates"), "{e}");
    assert_eq!(counting.tried.get(), 0);
    // Raising the bound lets them be tried; lowering it refuses fewer.
    let raised = set.clone().max_candidates(5);
    assert!(
        verifier()
            .verify_compact(&token(&private[4]), &raised)
            .is_ok()
    );
    let lowered = set.max_candidates(1);
    assert!(
        verifier()
            .verify_compact(&token(&private[0]), &lowered)
            .is_err()
    );
}
