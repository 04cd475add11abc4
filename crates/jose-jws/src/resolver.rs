//! Choosing the verification key for a JWS: one abstraction for a single key, a key set, or
//! a closure. Header key material (`jwk`, `jku`, `x5u`, `x5c`) is never used.

use std::borrow::Cow;

use jose_b64::serde_json::Value;
use jose_jwk::alg::{JwsAlgorithm, KeyRole};
use jose_jwk::header::HeaderView;
use jose_jwk::selection::select_key;
use jose_jwk::{Jwk, JwkSet};

use crate::{Error, VerifyingKey};

/// What a resolver is asked for: the algorithm of the JWS (already checked against the
/// allow-list) and its `kid`, with the header parameters for resolvers that need more.
#[derive(Clone, Copy, Debug)]
pub struct KeyRequest<'a> {
    /// The header's `alg`.
    pub alg: JwsAlgorithm,
    /// The header's `kid`, compared exactly.
    pub kid: Option<&'a str>,
    header: HeaderView<'a>,
}

impl<'a> KeyRequest<'a> {
    /// A request for a key for `alg` named `kid`, with no other header parameters: for
    /// testing a resolver.
    ///
    /// ```
    /// use jose_jws::{JwsAlgorithm, KeyRequest, KeyResolver, VerifyingKey};
    ///
    /// let key = VerifyingKey::hmac(&[1u8; 32], JwsAlgorithm::HS256)?.with_kid("k1");
    /// let keys = vec![key];
    /// assert!(keys.resolve(&KeyRequest::new(JwsAlgorithm::HS256, Some("k1"))).is_ok());
    /// assert!(keys.resolve(&KeyRequest::new(JwsAlgorithm::HS256, Some("k2"))).is_err());
    /// # Ok::<(), jose_jws::Error>(())
    /// ```
    pub fn new(alg: JwsAlgorithm, kid: Option<&'a str>) -> Self {
        Self {
            alg,
            kid,
            header: HeaderView::Empty,
        }
    }

    pub(crate) fn with_header(
        alg: JwsAlgorithm,
        kid: Option<&'a str>,
        header: HeaderView<'a>,
    ) -> Self {
        Self { alg, kid, header }
    }

    /// A header parameter (from the protected or an unprotected header), `None` when absent.
    /// Header key material (`jwk`, `jku`, `x5u`, `x5c`) must not be trusted for choosing a
    /// key (security.md #3).
    pub fn header_param(&self, name: &str) -> Option<Cow<'a, Value>> {
        self.header.param(name)
    }

    /// A header parameter that is a string, `None` when absent or of another type.
    pub fn header_str(&self, name: &str) -> Option<&'a str> {
        self.header.str_param(name)
    }
}

/// Finds the key that verifies a JWS.
pub trait KeyResolver {
    /// The key for `request`, or an error saying why there is none.
    fn resolve(&self, request: &KeyRequest<'_>) -> Result<VerifyingKey, Error>;

    /// As [`KeyResolver::resolve`], borrowing the key where the resolver holds it; this is
    /// what verification calls. The default clones what `resolve` gives; the resolvers of
    /// this crate (a key, a list, a [`VerifyingKeySet`]) borrow, so that threads verifying
    /// with one shared key write nothing shared (not even a reference count).
    fn resolve_borrowed(&self, request: &KeyRequest<'_>) -> Result<Cow<'_, VerifyingKey>, Error> {
        self.resolve(request).map(Cow::Owned)
    }
}

/// A single key: used when the algorithms agree and, if both the JWS and the key have a
/// `kid`, the `kid`s are equal.
impl KeyResolver for VerifyingKey {
    fn resolve(&self, request: &KeyRequest<'_>) -> Result<VerifyingKey, Error> {
        self.resolve_borrowed(request).map(Cow::into_owned)
    }

    fn resolve_borrowed(&self, request: &KeyRequest<'_>) -> Result<Cow<'_, VerifyingKey>, Error> {
        if let (Some(wanted), Some(have)) = (request.kid, self.kid())
            && wanted != have
        {
            return Err(Error::NoMatchingKey {
                reason: format!("the JWS names kid \"{}\"", crate::error::shorten(wanted)),
            });
        }
        Ok(Cow::Borrowed(self))
    }
}

/// A list of keys: the key whose `kid` equals the JWS's (exactly) and whose algorithm is the
/// JWS's. Without a `kid` in the JWS, the only key for the algorithm; several candidates are
/// an error (add `kid`s), never "try each".
impl KeyResolver for [VerifyingKey] {
    fn resolve(&self, request: &KeyRequest<'_>) -> Result<VerifyingKey, Error> {
        self.resolve_borrowed(request).map(Cow::into_owned)
    }

    fn resolve_borrowed(&self, request: &KeyRequest<'_>) -> Result<Cow<'_, VerifyingKey>, Error> {
        select_key(
            self,
            request.kid,
            |k| k.alg() == request.alg,
            VerifyingKey::kid,
        )
        .map(Cow::Borrowed)
        .map_err(|why| Error::NoMatchingKey {
            reason: why.describe(request.alg.as_str(), request.kid, "JWS", "verify"),
        })
    }
}

impl KeyResolver for Vec<VerifyingKey> {
    fn resolve(&self, request: &KeyRequest<'_>) -> Result<VerifyingKey, Error> {
        self.as_slice().resolve(request)
    }

    fn resolve_borrowed(&self, request: &KeyRequest<'_>) -> Result<Cow<'_, VerifyingKey>, Error> {
        self.as_slice().resolve_borrowed(request)
    }
}

/// A closure deciding from the request.
impl<F> KeyResolver for F
where
    F: Fn(&KeyRequest<'_>) -> Result<VerifyingKey, Error>,
{
    fn resolve(&self, request: &KeyRequest<'_>) -> Result<VerifyingKey, Error> {
        self(request)
    }
}

/// Verification keys made from a JWK Set, each bound to one algorithm.
///
/// A JWK with `alg` gives one key for that algorithm (if allowed); a JWK without `alg` gives a
/// key for every allowed algorithm its type fits. JWKs that fit none (encryption keys, …) are
/// left out. Lookup follows the rules of the `[VerifyingKey]` resolver.
///
/// ```
/// use jose_jws::{JwsAlgorithm, VerifyingKeySet};
/// use jose_jwk::JwkSet;
///
/// let jwks = JwkSet::from_json(r#"{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"a",
///     "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"#)?;
/// let keys = VerifyingKeySet::from_jwks(&jwks, &[JwsAlgorithm::EdDSA])?;
/// assert_eq!(keys.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct VerifyingKeySet {
    keys: Vec<VerifyingKey>,
}

impl VerifyingKeySet {
    /// Binds the keys of `jwks` to the `allowed` algorithms.
    pub fn from_jwks(jwks: &JwkSet, allowed: &[JwsAlgorithm]) -> Result<Self, Error> {
        let mut keys = Vec::new();
        for jwk in jwks.keys() {
            Self::bind(jwk, allowed, &mut keys)?;
        }
        Ok(Self { keys })
    }

    fn bind(
        jwk: &Jwk,
        allowed: &[JwsAlgorithm],
        keys: &mut Vec<VerifyingKey>,
    ) -> Result<(), Error> {
        for &alg in allowed {
            if jwk.alg().is_some_and(|a| a != alg.as_str())
                || jwk.check_for(alg, KeyRole::Verify).is_err()
            {
                continue;
            }
            keys.push(VerifyingKey::from_jwk(jwk, alg)?);
        }
        Ok(())
    }

    /// The bound keys.
    pub fn keys(&self) -> &[VerifyingKey] {
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

impl KeyResolver for VerifyingKeySet {
    fn resolve(&self, request: &KeyRequest<'_>) -> Result<VerifyingKey, Error> {
        self.keys.as_slice().resolve(request)
    }

    fn resolve_borrowed(&self, request: &KeyRequest<'_>) -> Result<Cow<'_, VerifyingKey>, Error> {
        self.keys.as_slice().resolve_borrowed(request)
    }
}
