//! Verification borrows its key: threads verifying with one shared key write nothing shared
//! (no reference count of the key changes per call), whichever of this crate's resolvers
//! holds it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::borrow::Cow;
use std::cell::Cell;

use jose_jwk::JwkSet;
use jose_jws::{
    Error, Header, JwsAlgorithm, SigningKey, Verifier, VerifyingKey, VerifyingKeyRequest,
    VerifyingKeyResolver, VerifyingKeySet, compact,
};

const SECRET: &[u8; 32] = b"0123456789abcdef0123456789abcdef";

/// Wraps a resolver: `resolve` is refused, so verification must call `resolve_borrowed`, and
/// each answer of the inner resolver is recorded as borrowed or not.
struct MustBorrow<'r, R: ?Sized> {
    inner: &'r R,
    borrowed: Cell<Option<bool>>,
}

impl<R: VerifyingKeyResolver + ?Sized> VerifyingKeyResolver for MustBorrow<'_, R> {
    fn resolve(&self, _: &VerifyingKeyRequest<'_>) -> Result<VerifyingKey, Error> {
        panic!("verification cloned the key (it called resolve)");
    }

    fn resolve_borrowed(
        &self,
        request: &VerifyingKeyRequest<'_>,
    ) -> Result<Cow<'_, VerifyingKey>, Error> {
        let key = self.inner.resolve_borrowed(request)?;
        self.borrowed.set(Some(matches!(key, Cow::Borrowed(_))));
        Ok(key)
    }
}

fn verifies_with_a_borrowed_key(keys: &(impl VerifyingKeyResolver + ?Sized), token: &str) {
    let resolver = MustBorrow {
        inner: keys,
        borrowed: Cell::new(None),
    };
    let verifier = Verifier::new([JwsAlgorithm::HS256]).unwrap();
    let verified = verifier.verify_compact(token, &resolver).unwrap();
    assert_eq!(verified.payload(), b"payload");
    assert_eq!(resolver.borrowed.get(), Some(true), "the key was cloned");
    // The general path (a parsed token) borrows too.
    let resolver = MustBorrow {
        inner: keys,
        borrowed: Cell::new(None),
    };
    jose_jws::compact::UnverifiedCompactJws::parse(token)
        .unwrap()
        .verify(&verifier, &resolver)
        .unwrap();
    assert_eq!(resolver.borrowed.get(), Some(true), "the key was cloned");
}

#[test]
fn verification_borrows_the_key_from_every_resolver_of_the_crate() {
    let signing = SigningKey::hmac(SECRET, JwsAlgorithm::HS256).unwrap();
    let token = compact::sign(&signing, &Header::new(), b"payload").unwrap();
    let key = VerifyingKey::hmac(SECRET, JwsAlgorithm::HS256).unwrap();
    verifies_with_a_borrowed_key(&key, &token);
    let list = vec![key.clone()];
    verifies_with_a_borrowed_key(&list, &token);
    verifies_with_a_borrowed_key(list.as_slice(), &token);
    let jwks = JwkSet::from_json(
        r#"{"keys":[{"kty":"oct","alg":"HS256","k":"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY"}]}"#,
    )
    .unwrap();
    let set = VerifyingKeySet::from_jwks(&jwks, &[JwsAlgorithm::HS256]).unwrap();
    verifies_with_a_borrowed_key(&set, &token);
}

#[test]
fn a_resolver_that_only_resolves_still_works() {
    // The default `resolve_borrowed` clones what `resolve` gives.
    let signing = SigningKey::hmac(SECRET, JwsAlgorithm::HS256).unwrap();
    let token = compact::sign(&signing, &Header::new(), b"payload").unwrap();
    let key = VerifyingKey::hmac(SECRET, JwsAlgorithm::HS256).unwrap();
    let closure = |_: &VerifyingKeyRequest<'_>| Ok(key.clone());
    let verifier = Verifier::new([JwsAlgorithm::HS256]).unwrap();
    assert_eq!(
        verifier.verify_compact(&token, &closure).unwrap().payload(),
        b"payload"
    );
}
