//! Choosing the decryption key for a JWE: one abstraction for a single key, a key set, or a
//! closure. Header key material (`jwk`, `jku`, `x5u`, `x5c`) is never used.

use jose_b64::serde_json::Value;
use jose_jwk::JwkSet;
use jose_jwk::alg::{JweAlgorithm, JweEncryption};
use jose_jwk::header::HeaderView;
use jose_jwk::selection::select_key;
use std::borrow::Cow;

use crate::error::shorten;
use crate::{DecryptingKey, Error};

/// What a resolver is asked for: the key management and content encryption algorithms of the
/// JWE (already checked against the allow-lists) and its `kid`, with the whole header for
/// resolvers that need more. For a JSON serialization a resolver is asked once per recipient,
/// in order, before any key is used; [`Error::NoMatchingKey`] means "not this recipient". A
/// key with a `kid` is then tried only on the recipients that name that `kid` or none, within
/// the work limits of [`crate::Limits`].
#[derive(Clone, Copy, Debug)]
pub struct KeyRequest<'a> {
    /// The header's `alg`.
    pub alg: JweAlgorithm,
    /// The header's `enc`.
    pub enc: JweEncryption,
    /// The header's `kid`, compared exactly.
    pub kid: Option<&'a str>,
    /// The JOSE Header: the protected header of a compact JWE; for a JSON serialization the
    /// union of the recipient's protected, shared unprotected and per-recipient headers.
    header: HeaderView<'a>,
}

impl<'a> KeyRequest<'a> {
    /// A request for a key for `alg` and `enc` named `kid`, with no other header parameters:
    /// for testing a resolver.
    ///
    /// ```
    /// use jose_jwe::{DecryptingKey, JweAlgorithm, JweEncryption, KeyRequest, KeyResolver};
    ///
    /// let keys = vec![DecryptingKey::symmetric(&[1u8; 16], JweAlgorithm::A128Kw)?.with_kid("k1")];
    /// let request = KeyRequest::new(JweAlgorithm::A128Kw, JweEncryption::A128Gcm, Some("k1"));
    /// assert!(keys.resolve(&request).is_ok());
    /// # Ok::<(), jose_jwe::Error>(())
    /// ```
    pub fn new(alg: JweAlgorithm, enc: JweEncryption, kid: Option<&'a str>) -> Self {
        Self::with_header(alg, enc, kid, HeaderView::Empty)
    }

    pub(crate) fn with_header(
        alg: JweAlgorithm,
        enc: JweEncryption,
        kid: Option<&'a str>,
        header: HeaderView<'a>,
    ) -> Self {
        Self {
            alg,
            enc,
            kid,
            header,
        }
    }

    /// A header parameter (from any part of the JOSE Header), `None` when absent. Header key
    /// material (`jwk`, `jku`, `x5u`, `x5c`) must not be trusted for choosing a key
    /// (security.md #4, #5).
    pub fn header_param(&self, name: &str) -> Option<Cow<'a, Value>> {
        self.header.param(name)
    }

    /// A header parameter that is a string, `None` when absent or of another type.
    pub fn header_str(&self, name: &str) -> Option<&'a str> {
        self.header.str_param(name)
    }
}

/// Finds the key that decrypts a JWE.
pub trait KeyResolver {
    /// The key for `request`, or an error saying why there is none.
    fn resolve(&self, request: &KeyRequest<'_>) -> Result<DecryptingKey, Error>;
}

/// A single key: used when, if both the JWE and the key have a `kid`, the `kid`s are equal.
/// (The decrypter then requires the key's algorithm to be the JWE's.)
impl KeyResolver for DecryptingKey {
    fn resolve(&self, request: &KeyRequest<'_>) -> Result<DecryptingKey, Error> {
        if let (Some(wanted), Some(have)) = (request.kid, self.kid())
            && wanted != have
        {
            return Err(Error::NoMatchingKey {
                reason: format!("the JWE names kid \"{}\"", shorten(wanted)),
            });
        }
        Ok(self.clone())
    }
}

/// A list of keys: the key whose `kid` equals the JWE's (exactly) and whose algorithm is the
/// JWE's. Without a `kid` in the JWE, the only key for the algorithm; several candidates are
/// an error (add `kid`s), never "try each".
impl KeyResolver for [DecryptingKey] {
    fn resolve(&self, request: &KeyRequest<'_>) -> Result<DecryptingKey, Error> {
        select_key(
            self,
            request.kid,
            |k| k.alg() == request.alg,
            DecryptingKey::kid,
        )
        .cloned()
        .map_err(|why| Error::NoMatchingKey {
            reason: why.describe(request.alg.as_str(), request.kid, "JWE", "decrypt"),
        })
    }
}

impl KeyResolver for Vec<DecryptingKey> {
    fn resolve(&self, request: &KeyRequest<'_>) -> Result<DecryptingKey, Error> {
        self.as_slice().resolve(request)
    }
}

/// A closure deciding from the request.
impl<F> KeyResolver for F
where
    F: Fn(&KeyRequest<'_>) -> Result<DecryptingKey, Error>,
{
    fn resolve(&self, request: &KeyRequest<'_>) -> Result<DecryptingKey, Error> {
        self(request)
    }
}

/// Decryption keys made from a JWK Set, each bound to one algorithm.
///
/// Each JWK gives a key for every allowed algorithm it fits (its `alg`, `use`, `key_ops`,
/// type and size decide); JWKs that fit none are left out. A JWK becomes a `PBES2-*`
/// (password) key only when its JWK `alg` names that algorithm, so that an `A*KW` or `dir`
/// key is never also used as a password (security.md #20). Lookup follows the rules of the
/// `[DecryptingKey]` resolver.
///
/// ```
/// use jose_jwe::{DecryptingKeySet, JweAlgorithm};
/// use jose_jwk::JwkSet;
///
/// let jwks = JwkSet::from_json(r#"{"keys":[{"kty":"oct","kid":"a","alg":"A128KW",
///     "k":"GZy6sIZ6wl9NJOKB-jnmVQ"}]}"#)?;
/// let keys = DecryptingKeySet::from_jwks(&jwks, &[JweAlgorithm::A128Kw, JweAlgorithm::A256Kw]);
/// assert_eq!(keys.len(), 1);
///
/// // An oct key without `alg` is no PBES2 password unless it says so.
/// let jwks = JwkSet::from_json(r#"{"keys":[{"kty":"oct","k":"GZy6sIZ6wl9NJOKB-jnmVQ"},
///     {"kty":"oct","alg":"PBES2-HS256+A128KW","k":"cGFzc3dvcmQ"}]}"#)?;
/// let allowed = [JweAlgorithm::A128Kw, JweAlgorithm::Pbes2Hs256A128Kw];
/// let keys = DecryptingKeySet::from_jwks(&jwks, &allowed);
/// let algs: Vec<_> = keys.keys().iter().map(|k| k.alg()).collect();
/// assert_eq!(algs, [JweAlgorithm::A128Kw, JweAlgorithm::Pbes2Hs256A128Kw]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct DecryptingKeySet {
    keys: Vec<DecryptingKey>,
}

impl DecryptingKeySet {
    /// Binds the keys of `jwks` to the `allowed` algorithms.
    pub fn from_jwks(jwks: &JwkSet, allowed: &[JweAlgorithm]) -> Self {
        let keys = jwks
            .keys()
            .iter()
            .flat_map(|jwk| {
                allowed
                    .iter()
                    .filter(|alg| !alg.is_pbes2() || jwk.alg() == Some(alg.as_str()))
                    .filter_map(|&alg| DecryptingKey::from_jwk(jwk, alg).ok())
            })
            .collect();
        Self { keys }
    }

    /// The bound keys.
    pub fn keys(&self) -> &[DecryptingKey] {
        &self.keys
    }

    /// The number of bound keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether no key could be bound.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

impl KeyResolver for DecryptingKeySet {
    fn resolve(&self, request: &KeyRequest<'_>) -> Result<DecryptingKey, Error> {
        self.keys.as_slice().resolve(request)
    }
}
