//! Decryption borrows its key: threads decrypting with one shared key write nothing shared
//! (no reference count of the key changes per call), whichever of this crate's resolvers
//! holds it, for the compact (parsed or not) and the JSON serializations.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::borrow::Cow;
use std::cell::Cell;

use jose_jwe::json::Encryptor;
use jose_jwe::{
    Decrypter, DecryptingKey, DecryptingKeyRequest, DecryptingKeyResolver, DecryptingKeySet,
    EncryptingKey, Error, Header, JweAlgorithm, JweEncryption, compact,
};
use jose_jwk::JwkSet;

const SECRET: &[u8; 16] = b"0123456789abcdef";

/// Wraps a resolver: `resolve` is refused, so decryption must call `resolve_borrowed`, and
/// each answer of the inner resolver is recorded as borrowed or not.
struct MustBorrow<'r, R: ?Sized> {
    inner: &'r R,
    borrowed: Cell<Option<bool>>,
}

impl<R: DecryptingKeyResolver + ?Sized> DecryptingKeyResolver for MustBorrow<'_, R> {
    fn resolve(&self, _: &DecryptingKeyRequest<'_>) -> Result<DecryptingKey, Error> {
        panic!("decryption cloned the key (it called resolve)");
    }

    fn resolve_borrowed(
        &self,
        request: &DecryptingKeyRequest<'_>,
    ) -> Result<Cow<'_, DecryptingKey>, Error> {
        let key = self.inner.resolve_borrowed(request)?;
        self.borrowed.set(Some(matches!(key, Cow::Borrowed(_))));
        Ok(key)
    }
}

fn decrypter() -> Decrypter {
    Decrypter::new([JweAlgorithm::A128KW], [JweEncryption::A128GCM]).unwrap()
}

fn decrypts_with_a_borrowed_key(
    keys: &(impl DecryptingKeyResolver + ?Sized),
    compact: &str,
    json: &str,
) {
    let check = |decrypt: &dyn Fn(&MustBorrow<'_, _>) -> Vec<u8>| {
        let resolver = MustBorrow {
            inner: keys,
            borrowed: Cell::new(None),
        };
        assert_eq!(decrypt(&resolver), b"payload");
        assert_eq!(resolver.borrowed.get(), Some(true), "the key was cloned");
    };
    let decrypter = decrypter();
    check(&|r| {
        decrypter
            .decrypt_compact(compact, r)
            .unwrap()
            .plaintext()
            .to_vec()
    });
    check(&|r| {
        compact::UnverifiedCompactJwe::parse(compact)
            .unwrap()
            .decrypt(&decrypter, r)
            .unwrap()
            .plaintext()
            .to_vec()
    });
    check(&|r| {
        decrypter
            .decrypt_json(json, r)
            .unwrap()
            .plaintext()
            .to_vec()
    });
}

#[test]
fn decryption_borrows_the_key_from_every_resolver_of_the_crate() {
    let encrypting = EncryptingKey::symmetric(SECRET, JweAlgorithm::A128KW).unwrap();
    let token = compact::encrypt(
        &encrypting,
        JweEncryption::A128GCM,
        &Header::new(),
        b"payload",
    )
    .unwrap();
    let json = Encryptor::new(JweEncryption::A128GCM)
        .recipient(&encrypting, Header::new())
        .encrypt_general(b"payload")
        .unwrap();
    let key = DecryptingKey::symmetric(SECRET, JweAlgorithm::A128KW).unwrap();
    decrypts_with_a_borrowed_key(&key, &token, &json);
    let list = vec![key.clone()];
    decrypts_with_a_borrowed_key(&list, &token, &json);
    decrypts_with_a_borrowed_key(list.as_slice(), &token, &json);
    let jwks = JwkSet::from_json(
        r#"{"keys":[{"kty":"oct","alg":"A128KW","k":"MDEyMzQ1Njc4OWFiY2RlZg"}]}"#,
    )
    .unwrap();
    let set = DecryptingKeySet::from_jwks(&jwks, &[JweAlgorithm::A128KW]).unwrap();
    decrypts_with_a_borrowed_key(&set, &token, &json);
}

#[test]
fn a_resolver_that_only_resolves_still_works() {
    // The default `resolve_borrowed` clones what `resolve` gives.
    let encrypting = EncryptingKey::symmetric(SECRET, JweAlgorithm::A128KW).unwrap();
    let token = compact::encrypt(
        &encrypting,
        JweEncryption::A128GCM,
        &Header::new(),
        b"payload",
    )
    .unwrap();
    let key = DecryptingKey::symmetric(SECRET, JweAlgorithm::A128KW).unwrap();
    let closure = |_: &DecryptingKeyRequest<'_>| Ok(key.clone());
    assert_eq!(
        decrypter()
            .decrypt_compact(&token, &closure)
            .unwrap()
            .plaintext(),
        b"payload"
    );
}
