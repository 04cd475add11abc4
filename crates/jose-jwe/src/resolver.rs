//! Choosing the decryption key for a JWE: one abstraction for a single key, a key set, or a
//! closure. Header key material (`jwk`, `jku`, `x5u`, `x5c`) is never used.

use jose_b64::serde_json::Value;
use jose_jwk::alg::{JweAlgorithm, JweEncryption};
use jose_jwk::header::HeaderView;
use jose_jwk::selection::{misfit_weight, select_key};
use jose_jwk::{Jwk, JwkSet, SkippedKey};
use std::borrow::Cow;

use crate::{DecryptingKey, Error};
use jose_b64::printable;

/// What a resolver is asked for: the key management and content encryption algorithms of the
/// JWE (already checked against the allow-lists) and its `kid`, with the whole header for
/// resolvers that need more. For a JSON serialization a resolver is asked once per recipient,
/// in order, before any key is used; [`Error::NoMatchingKey`] means "not this recipient". A
/// key with a `kid` is then tried only on the recipients that name that `kid` or none, within
/// the work limits of [`crate::Limits`].
#[derive(Clone, Copy, Debug)]
pub struct DecryptingKeyRequest<'a> {
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

impl<'a> DecryptingKeyRequest<'a> {
    /// A request for a key for `alg` and `enc` named `kid`, with no other header parameters:
    /// for testing a resolver.
    ///
    /// ```
    /// use jose_jwe::{DecryptingKey, JweAlgorithm, JweEncryption, DecryptingKeyRequest, DecryptingKeyResolver};
    ///
    /// let keys = vec![DecryptingKey::symmetric(&[1u8; 16], JweAlgorithm::A128KW)?.with_kid("k1")];
    /// let request = DecryptingKeyRequest::new(JweAlgorithm::A128KW, JweEncryption::A128GCM, Some("k1"));
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
    /// (RFC 8725 §3.10).
    pub fn header_param(&self, name: &str) -> Option<Cow<'a, Value>> {
        self.header.param(name)
    }

    /// A header parameter that is a string, `None` when absent or of another type.
    pub fn header_str(&self, name: &str) -> Option<&'a str> {
        self.header.str_param(name)
    }
}

/// Finds the key that decrypts a JWE.
pub trait DecryptingKeyResolver {
    /// The key for `request`, or an error saying why there is none.
    fn resolve(&self, request: &DecryptingKeyRequest<'_>) -> Result<DecryptingKey, Error>;

    /// As [`DecryptingKeyResolver::resolve`], borrowing the key where the resolver holds it;
    /// this is what decryption calls. The default clones what `resolve` gives; the resolvers
    /// of this crate (a key, a list, a [`DecryptingKeySet`]) borrow, so that threads
    /// decrypting with one shared key write nothing shared (not even a reference count).
    fn resolve_borrowed(
        &self,
        request: &DecryptingKeyRequest<'_>,
    ) -> Result<Cow<'_, DecryptingKey>, Error> {
        self.resolve(request).map(Cow::Owned)
    }
}

/// A single key: used when, if both the JWE and the key have a `kid`, the `kid`s are equal.
/// (The decrypter then requires the key's algorithm to be the JWE's.)
impl DecryptingKeyResolver for DecryptingKey {
    fn resolve(&self, request: &DecryptingKeyRequest<'_>) -> Result<DecryptingKey, Error> {
        self.resolve_borrowed(request).map(Cow::into_owned)
    }

    fn resolve_borrowed(
        &self,
        request: &DecryptingKeyRequest<'_>,
    ) -> Result<Cow<'_, DecryptingKey>, Error> {
        if let (Some(wanted), Some(have)) = (request.kid, self.kid())
            && wanted != have
        {
            return Err(Error::NoMatchingKey {
                reason: format!("the JWE names kid \"{}\"", printable(wanted)),
            });
        }
        Ok(Cow::Borrowed(self))
    }
}

/// A list of keys: the key whose `kid` equals the JWE's (exactly) and whose algorithm is the
/// JWE's. Without a `kid` in the JWE, the only key for the algorithm; several candidates are
/// an error (add `kid`s), never "try each".
impl DecryptingKeyResolver for [DecryptingKey] {
    fn resolve(&self, request: &DecryptingKeyRequest<'_>) -> Result<DecryptingKey, Error> {
        self.resolve_borrowed(request).map(Cow::into_owned)
    }

    fn resolve_borrowed(
        &self,
        request: &DecryptingKeyRequest<'_>,
    ) -> Result<Cow<'_, DecryptingKey>, Error> {
        select_key(
            self,
            request.kid,
            |k| k.alg() == request.alg,
            DecryptingKey::kid,
        )
        .map(Cow::Borrowed)
        .map_err(|why| Error::NoMatchingKey {
            reason: why.describe(request.alg.as_str(), request.kid, "JWE", "decrypt"),
        })
    }
}

impl DecryptingKeyResolver for Vec<DecryptingKey> {
    fn resolve(&self, request: &DecryptingKeyRequest<'_>) -> Result<DecryptingKey, Error> {
        self.as_slice().resolve(request)
    }

    fn resolve_borrowed(
        &self,
        request: &DecryptingKeyRequest<'_>,
    ) -> Result<Cow<'_, DecryptingKey>, Error> {
        self.as_slice().resolve_borrowed(request)
    }
}

/// A closure deciding from the request.
impl<F> DecryptingKeyResolver for F
where
    F: Fn(&DecryptingKeyRequest<'_>) -> Result<DecryptingKey, Error>,
{
    fn resolve(&self, request: &DecryptingKeyRequest<'_>) -> Result<DecryptingKey, Error> {
        self(request)
    }
}

/// Decryption keys made from a JWK Set, each bound to one algorithm.
///
/// Each JWK gives a key for every allowed algorithm it fits (its `alg`, `use`, `key_ops`,
/// type and size decide). Three algorithms bind a JWK only when its JWK `alg` names them:
/// `PBES2-*`, so that an `A*KW` or `dir` key is never also used as a password; `RSA1_5`, so
/// that an RSA key never answers both RSA1_5 and RSA-OAEP (an RSA1_5 padding oracle would
/// otherwise reach the RSA-OAEP-wrapped keys); and `dir` (its `alg` may also name the content
/// encryption, as in RFC 7520 §5.6), so that a key-wrapping key never becomes a content key.
///
/// A JWK that fits none of the allowed algorithms (a public key, a key too short, …) is left
/// out and reported by [`Self::skipped`] with its reason. Keys may share a `kid` when their
/// types differ (RFC 7517 §4.5): the JWE's algorithm tells them apart. Lookup follows the
/// rules of the `[DecryptingKey]` resolver.
///
/// ```
/// use jose_jwe::{DecryptingKeySet, JweAlgorithm};
/// use jose_jwk::JwkSet;
///
/// let jwks = JwkSet::from_json(r#"{"keys":[{"kty":"oct","kid":"a","alg":"A128KW",
///     "k":"GZy6sIZ6wl9NJOKB-jnmVQ"}]}"#)?;
/// let keys = DecryptingKeySet::from_jwks(&jwks, &[JweAlgorithm::A128KW, JweAlgorithm::A256KW])?;
/// assert_eq!(keys.len(), 1);
///
/// // An oct key without `alg` is no PBES2 password (nor a `dir` key) unless it says so.
/// let jwks = JwkSet::from_json(r#"{"keys":[{"kty":"oct","k":"GZy6sIZ6wl9NJOKB-jnmVQ"},
///     {"kty":"oct","alg":"PBES2-HS256+A128KW","k":"cGFzc3dvcmQ"}]}"#)?;
/// let allowed = [JweAlgorithm::A128KW, JweAlgorithm::PBES2_HS256_A128KW, JweAlgorithm::Dir];
/// let keys = DecryptingKeySet::from_jwks(&jwks, &allowed)?;
/// let algs: Vec<_> = keys.keys().iter().map(|k| k.alg()).collect();
/// assert_eq!(algs, [JweAlgorithm::A128KW, JweAlgorithm::PBES2_HS256_A128KW]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct DecryptingKeySet {
    keys: Vec<DecryptingKey>,
    skipped: Vec<SkippedKey<Error>>,
}

impl DecryptingKeySet {
    /// Binds the keys of `jwks` to the `allowed` algorithms.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyAllowList`] when `allowed` is empty.
    pub fn from_jwks(jwks: &JwkSet, allowed: &[JweAlgorithm]) -> Result<Self, Error> {
        if allowed.is_empty() {
            return Err(Error::EmptyAllowList { list: "alg" });
        }
        let mut set = Self::default();
        for (index, jwk) in jwks.keys().iter().enumerate() {
            if let Err(reason) = set.bind(jwk, allowed) {
                let kid = jwk.kid().map(str::to_owned);
                set.skipped.push(SkippedKey::new(index, kid, reason));
            }
        }
        Ok(set)
    }

    /// One JWK, for any of the `algorithms` it fits (with the rules of [`Self::from_jwks`]
    /// for `PBES2-*`, `RSA1_5` and `dir`): "this key, with RSA-OAEP or RSA-OAEP-256" without
    /// building a JWK Set. The JWE's `alg` picks the binding; unlike [`Self::from_jwks`], a
    /// JWK that fits none of `algorithms` is an error.
    ///
    /// ```
    /// use jose_jwe::{DecryptingKeySet, JweAlgorithm};
    /// use jose_jwk::Jwk;
    ///
    /// let jwk = Jwk::from_json(r#"{"kty":"oct","k":"GZy6sIZ6wl9NJOKB-jnmVQ"}"#)?;
    /// let keys = DecryptingKeySet::from_jwk(&jwk, &[JweAlgorithm::A128KW, JweAlgorithm::A128GCMKW])?;
    /// assert_eq!(keys.len(), 2);
    /// assert!(DecryptingKeySet::from_jwk(&jwk, &[JweAlgorithm::A256KW]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::EmptyAllowList`] when `algorithms` is empty; otherwise, when the JWK fits
    /// none of `algorithms`, the most telling reason.
    pub fn from_jwk(jwk: &Jwk, algorithms: &[JweAlgorithm]) -> Result<Self, Error> {
        if algorithms.is_empty() {
            return Err(Error::EmptyAllowList { list: "alg" });
        }
        let mut set = Self::default();
        set.bind(jwk, algorithms)?;
        Ok(set)
    }

    /// Binds `jwk` to every allowed algorithm it fits; when it fits none, the most telling
    /// reason.
    fn bind(&mut self, jwk: &Jwk, allowed: &[JweAlgorithm]) -> Result<(), Error> {
        let before = self.keys.len();
        let mut reason: Option<(u8, Error)> = None;
        for &alg in allowed {
            let result = if named_only(alg) && !names(jwk, alg) {
                Err(Error::Key(match jwk.alg() {
                    Some(key_alg) => jose_jwk::Error::AlgorithmMismatch {
                        alg: alg.as_str(),
                        key_alg: key_alg.to_owned(),
                    },
                    None => jose_jwk::Error::AlgorithmNotNamed { alg: alg.as_str() },
                }))
            } else {
                DecryptingKey::from_jwk(jwk, alg)
            };
            match result {
                Ok(key) => self.keys.push(key),
                Err(e) => {
                    let weight = match &e {
                        Error::Key(inner) => misfit_weight(inner),
                        _ => 2,
                    };
                    if reason.as_ref().is_none_or(|(w, _)| weight > *w) {
                        reason = Some((weight, e));
                    }
                }
            }
        }
        match reason {
            _ if self.keys.len() > before => Ok(()),
            Some((_, reason)) => Err(reason),
            None => Err(Error::EmptyAllowList { list: "alg" }),
        }
    }

    /// The bound keys.
    pub fn keys(&self) -> &[DecryptingKey] {
        &self.keys
    }

    /// The JWKs of the set that fit none of the allowed algorithms, each with its position in
    /// the [`JwkSet`], its `kid` and the most telling reason.
    pub fn skipped(&self) -> &[SkippedKey<Error>] {
        &self.skipped
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

/// The algorithms a JWK of a set is bound to only when its JWK `alg` names them.
fn named_only(alg: JweAlgorithm) -> bool {
    alg.is_pbes2() || matches!(alg, JweAlgorithm::RSA1_5 | JweAlgorithm::Dir)
}

/// Whether the JWK's `alg` names `alg`; for `dir`, a content encryption name also does (RFC
/// 7520 §5.6).
fn names(jwk: &Jwk, alg: JweAlgorithm) -> bool {
    match jwk.alg() {
        Some(name) if name == alg.as_str() => true,
        Some(name) => alg == JweAlgorithm::Dir && name.parse::<JweEncryption>().is_ok(),
        None => false,
    }
}

impl DecryptingKeyResolver for DecryptingKeySet {
    fn resolve(&self, request: &DecryptingKeyRequest<'_>) -> Result<DecryptingKey, Error> {
        self.keys.as_slice().resolve(request)
    }

    fn resolve_borrowed(
        &self,
        request: &DecryptingKeyRequest<'_>,
    ) -> Result<Cow<'_, DecryptingKey>, Error> {
        self.keys.as_slice().resolve_borrowed(request)
    }
}
