//! Choosing the verification key for a JWS: one abstraction for a single key, a key set, or
//! a closure. Header key material (`jwk`, `jku`, `x5u`, `x5c`) is never used.

use std::borrow::Cow;

use jose_b64::serde_json::Value;
use jose_jwk::alg::{JwsAlgorithm, KeyRole};
use jose_jwk::header::HeaderView;
use jose_jwk::selection::{NoKey, misfit_weight, select_key};
use jose_jwk::{Jwk, JwkSet, KeyType, SkippedKey};

use crate::{Error, VerifyingKey};

/// What a resolver is asked for: the algorithm of the JWS (already checked against the
/// allow-list) and its `kid`, with the header parameters for resolvers that need more.
#[derive(Clone, Copy, Debug)]
pub struct VerifyingKeyRequest<'a> {
    /// The header's `alg`.
    pub alg: JwsAlgorithm,
    /// The header's `kid`, compared exactly.
    pub kid: Option<&'a str>,
    header: HeaderView<'a>,
}

impl<'a> VerifyingKeyRequest<'a> {
    /// A request for a key for `alg` named `kid`, with no other header parameters: for
    /// testing a resolver.
    ///
    /// ```
    /// use jose_jws::{JwsAlgorithm, VerifyingKeyRequest, VerifyingKeyResolver, VerifyingKey};
    ///
    /// let key = VerifyingKey::hmac(&[1u8; 32], JwsAlgorithm::HS256)?.with_kid("k1");
    /// let keys = vec![key];
    /// assert!(keys.resolve(&VerifyingKeyRequest::new(JwsAlgorithm::HS256, Some("k1"))).is_ok());
    /// assert!(keys.resolve(&VerifyingKeyRequest::new(JwsAlgorithm::HS256, Some("k2"))).is_err());
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
    /// key (RFC 8725 §3.10). A value from an unprotected header of a JSON serialization is
    /// not integrity protected: for a decision other than picking a key, read
    /// [`VerifyingKeyRequest::protected_param`].
    pub fn header_param(&self, name: &str) -> Option<Cow<'a, Value>> {
        self.header.param(name)
    }

    /// A header parameter that is a string, `None` when absent or of another type (from the
    /// protected or an unprotected header, as [`VerifyingKeyRequest::header_param`]).
    pub fn header_str(&self, name: &str) -> Option<&'a str> {
        self.header.str_param(name)
    }

    /// A parameter of the protected header only, `None` when that header lacks it: the value
    /// the signature covers, once it verifies (RFC 7515 §5.2).
    pub fn protected_param(&self, name: &str) -> Option<Cow<'a, Value>> {
        match self.header {
            HeaderView::Parts(parts) => parts
                .protected()
                .and_then(|protected| protected.get(name))
                .map(Cow::Borrowed),
            // The flat view is only ever a compact JWS's protected header.
            HeaderView::Flat(_) => self.header.param(name),
            _ => None,
        }
    }

    /// A string parameter of the protected header only, `None` when absent or of another
    /// type (see [`VerifyingKeyRequest::protected_param`]).
    pub fn protected_str(&self, name: &str) -> Option<&'a str> {
        match self.header {
            HeaderView::Parts(parts) => parts
                .protected()
                .and_then(|protected| protected.get(name))
                .and_then(Value::as_str),
            HeaderView::Flat(_) => self.header.str_param(name),
            _ => None,
        }
    }
}

/// Finds the key that verifies a JWS.
pub trait VerifyingKeyResolver {
    /// The key for `request`, or an error saying why there is none.
    fn resolve(&self, request: &VerifyingKeyRequest<'_>) -> Result<VerifyingKey, Error>;

    /// As [`VerifyingKeyResolver::resolve`], borrowing the key where the resolver holds it; this is
    /// what verification calls. The default clones what `resolve` gives; the resolvers of
    /// this crate (a key, a list, a [`VerifyingKeySet`]) borrow, so that threads verifying
    /// with one shared key write nothing shared (not even a reference count).
    fn resolve_borrowed(
        &self,
        request: &VerifyingKeyRequest<'_>,
    ) -> Result<Cow<'_, VerifyingKey>, Error> {
        self.resolve(request).map(Cow::Owned)
    }

    /// The keys to try in turn, for a resolver that has been told to try several candidates
    /// for a JWS without a `kid` ([`VerifyingKeySet::try_candidates`]); `None`, the default,
    /// when there is a single key to use ([`VerifyingKeyResolver::resolve_borrowed`]).
    /// Verification then succeeds with the first candidate whose signature verifies, and
    /// fails with the same error as for one key otherwise. A resolver returning `Some` must
    /// bound the list.
    fn resolve_candidates(
        &self,
        request: &VerifyingKeyRequest<'_>,
    ) -> Option<Result<Vec<&VerifyingKey>, Error>> {
        let _ = request;
        None
    }
}

/// A single key: used when the algorithms agree and, if both the JWS and the key have a
/// `kid`, the `kid`s are equal.
impl VerifyingKeyResolver for VerifyingKey {
    fn resolve(&self, request: &VerifyingKeyRequest<'_>) -> Result<VerifyingKey, Error> {
        self.resolve_borrowed(request).map(Cow::into_owned)
    }

    fn resolve_borrowed(
        &self,
        request: &VerifyingKeyRequest<'_>,
    ) -> Result<Cow<'_, VerifyingKey>, Error> {
        if let (Some(wanted), Some(have)) = (request.kid, self.kid())
            && wanted != have
        {
            return Err(Error::NoMatchingKey {
                reason: format!("the JWS names kid \"{}\"", jose_b64::printable(wanted)),
            });
        }
        Ok(Cow::Borrowed(self))
    }
}

/// A list of keys: the key whose `kid` equals the JWS's (exactly) and whose algorithm is the
/// JWS's. Without a `kid` in the JWS, the only key for the algorithm; several candidates are
/// an error (add `kid`s), never "try each".
impl VerifyingKeyResolver for [VerifyingKey] {
    fn resolve(&self, request: &VerifyingKeyRequest<'_>) -> Result<VerifyingKey, Error> {
        self.resolve_borrowed(request).map(Cow::into_owned)
    }

    fn resolve_borrowed(
        &self,
        request: &VerifyingKeyRequest<'_>,
    ) -> Result<Cow<'_, VerifyingKey>, Error> {
        select_key(
            self,
            request.kid,
            |k| k.alg() == request.alg,
            VerifyingKey::kid,
        )
        .map(Cow::Borrowed)
        .map_err(|why| {
            let mut reason = why.describe(request.alg.as_str(), request.kid, "JWS", "verify");
            if why == NoKey::Ambiguous && request.kid.is_none() {
                reason.push_str(
                    " (give the keys kids, or let a VerifyingKeySet try them: \
                     VerifyingKeySet::try_candidates)",
                );
            }
            Error::NoMatchingKey { reason }
        })
    }
}

impl VerifyingKeyResolver for Vec<VerifyingKey> {
    fn resolve(&self, request: &VerifyingKeyRequest<'_>) -> Result<VerifyingKey, Error> {
        self.as_slice().resolve(request)
    }

    fn resolve_borrowed(
        &self,
        request: &VerifyingKeyRequest<'_>,
    ) -> Result<Cow<'_, VerifyingKey>, Error> {
        self.as_slice().resolve_borrowed(request)
    }
}

/// A closure deciding from the request.
impl<F> VerifyingKeyResolver for F
where
    F: Fn(&VerifyingKeyRequest<'_>) -> Result<VerifyingKey, Error>,
{
    fn resolve(&self, request: &VerifyingKeyRequest<'_>) -> Result<VerifyingKey, Error> {
        self(request)
    }
}

/// Verification keys made from a JWK Set, each bound to one algorithm.
///
/// A JWK with `alg` gives one key for that algorithm (if allowed); a JWK without `alg` gives a
/// key for every allowed algorithm its type fits. A JWK that fits none (an encryption key, an
/// HMAC secret shorter than the hash, a key of an algorithm not allowed) is left out and
/// reported by [`Self::skipped`] with its reason, so that one odd key does not make the set
/// unusable and the reason is not lost. Keys may share a `kid` when their types differ (RFC
/// 7517 §4.5): the token's algorithm tells them apart. Lookup follows the rules of the
/// `[VerifyingKey]` resolver.
///
/// ```
/// use jose_jws::{JwsAlgorithm, VerifyingKeySet};
/// use jose_jwk::JwkSet;
///
/// let jwks = JwkSet::from_json(r#"{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"a",
///     "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"#)?;
/// let keys = VerifyingKeySet::from_jwks(&jwks, &[JwsAlgorithm::EdDSA])?;
/// assert_eq!(keys.len(), 1);
///
/// // An HMAC secret shorter than the hash is left out, and says why.
/// let jwks = JwkSet::from_json(r#"{"keys":[
///     {"kty":"oct","kid":"short","k":"GawgguFyGrWKav7AX4VKUg"},
///     {"kty":"oct","kid":"good","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}]}"#)?;
/// let keys = VerifyingKeySet::from_jwks(&jwks, &[JwsAlgorithm::HS256])?;
/// assert_eq!(keys.len(), 1);
/// assert_eq!(keys.skipped()[0].kid(), Some("short"));
/// assert!(keys.skipped()[0].to_string().contains("HS256 requires a key of at least 256 bits"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// A JWS without a `kid` for which several keys of the set could verify is refused by
/// default; [`VerifyingKeySet::try_candidates`] tries them in turn instead, up to a bound.
#[derive(Clone, Debug)]
pub struct VerifyingKeySet {
    keys: Vec<VerifyingKey>,
    skipped: Vec<SkippedKey<Error>>,
    try_candidates: bool,
    max_candidates: usize,
}

impl Default for VerifyingKeySet {
    fn default() -> Self {
        Self {
            keys: Vec::new(),
            skipped: Vec::new(),
            try_candidates: false,
            max_candidates: Self::DEFAULT_MAX_CANDIDATES,
        }
    }
}

impl VerifyingKeySet {
    /// Binds the keys of `jwks` to the `allowed` algorithms.
    ///
    /// # Errors
    ///
    /// [`Error::Key`] with [`jose_jwk::Error::UnexpectedPrivateKey`] when the set holds a
    /// private asymmetric key: verification takes public keys, and a private key here is a
    /// configuration mistake (pass [`JwkSet::to_public`]). [`Error::EmptyAllowList`] when
    /// `allowed` is empty.
    pub fn from_jwks(jwks: &JwkSet, allowed: &[JwsAlgorithm]) -> Result<Self, Error> {
        if allowed.is_empty() {
            return Err(Error::EmptyAllowList);
        }
        let mut set = Self::default();
        for (index, jwk) in jwks.keys().iter().enumerate() {
            if jwk.is_private() && jwk.kty() != KeyType::Oct {
                return Err(Error::Key(jose_jwk::Error::UnexpectedPrivateKey {
                    kid: jwk.kid().map(str::to_owned),
                }));
            }
            if let Err(reason) = set.bind(jwk, allowed) {
                let kid = jwk.kid().map(str::to_owned);
                set.skipped.push(SkippedKey::new(index, kid, reason));
            }
        }
        Ok(set)
    }

    /// One JWK, for any of the `algorithms` it fits: "this key, with RS256 or PS256" without
    /// building a JWK Set. The token's `alg` picks the binding; unlike
    /// [`Self::from_jwks`], a JWK that fits none of `algorithms` is an error.
    ///
    /// ```
    /// use jose_jws::{JwsAlgorithm, Verifier, VerifyingKeySet};
    /// use jose_jwk::Jwk;
    ///
    /// let jwk = Jwk::from_json(r#"{"kty":"OKP","crv":"Ed25519",
    ///     "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#)?;
    /// let keys = VerifyingKeySet::from_jwk(&jwk, &[JwsAlgorithm::EdDSA, JwsAlgorithm::ES256])?;
    /// assert_eq!(keys.len(), 1); // an Ed25519 key fits EdDSA only
    /// assert!(VerifyingKeySet::from_jwk(&jwk, &[JwsAlgorithm::RS256]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::EmptyAllowList`] when `algorithms` is empty; [`Error::Key`] with
    /// [`jose_jwk::Error::UnexpectedPrivateKey`] for a private asymmetric key; otherwise,
    /// when the JWK fits none of `algorithms`, the most telling reason (the error
    /// [`VerifyingKey::from_jwk`] gives).
    pub fn from_jwk(jwk: &Jwk, algorithms: &[JwsAlgorithm]) -> Result<Self, Error> {
        if algorithms.is_empty() {
            return Err(Error::EmptyAllowList);
        }
        if jwk.is_private() && jwk.kty() != KeyType::Oct {
            return Err(Error::Key(jose_jwk::Error::UnexpectedPrivateKey {
                kid: jwk.kid().map(str::to_owned),
            }));
        }
        let mut set = Self::default();
        set.bind(jwk, algorithms)?;
        Ok(set)
    }

    /// Binds `jwk` to every allowed algorithm it fits; when it fits none, the most telling
    /// reason.
    fn bind(&mut self, jwk: &Jwk, allowed: &[JwsAlgorithm]) -> Result<(), Error> {
        let before = self.keys.len();
        let mut reason: Option<(u8, Error)> = None;
        for &alg in allowed {
            let result = jwk
                .check_for(alg, KeyRole::Verify)
                .map_err(|e| (misfit_weight(&e), Error::Key(e)))
                .and_then(|()| VerifyingKey::from_jwk(jwk, alg).map_err(|e| (2, e)));
            match result {
                Ok(key) => self.keys.push(key),
                Err((weight, e)) => {
                    if reason.as_ref().is_none_or(|(w, _)| weight > *w) {
                        reason = Some((weight, e));
                    }
                }
            }
        }
        match reason {
            _ if self.keys.len() > before => Ok(()),
            Some((_, reason)) => Err(reason),
            None => Err(Error::EmptyAllowList),
        }
    }

    /// How many keys [`VerifyingKeySet::try_candidates`] tries at most, unless
    /// [`VerifyingKeySet::max_candidates`] says otherwise.
    pub const DEFAULT_MAX_CANDIDATES: usize = 4;

    /// For a JWS without a `kid` for which several keys of the set could verify (keys for
    /// its algorithm), tries them in turn, in the set's order, instead of refusing the JWS
    /// (as Node's `jose` does for JWK Sets). At most [`VerifyingKeySet::max_candidates`]
    /// keys (default 4): with more, the JWS is refused before any is tried, so that the work
    /// one JWS costs stays bounded. Which key failed is never told: a JWS that none
    /// verifies gets the error one key would give. A JWS with a `kid` is unaffected.
    ///
    /// Prefer `kid`s: each candidate costs one signature verification.
    ///
    /// ```
    /// use jose_jws::{compact, Header, JwsAlgorithm, SigningKey, Verifier, VerifyingKeySet};
    /// use jose_jwk::{EcCurve, Jwk, JwkSet, KeySpec};
    ///
    /// let first = Jwk::generate(KeySpec::Ec(EcCurve::P256))?;
    /// let second = Jwk::generate(KeySpec::Ec(EcCurve::P256))?;
    /// let token = compact::sign(&SigningKey::from_jwk(&second, JwsAlgorithm::ES256)?,
    ///     &Header::new(), b"hello")?;
    /// let jwks = JwkSet::from_keys(vec![first.to_public()?, second.to_public()?])?;
    /// let keys = VerifyingKeySet::from_jwks(&jwks, &[JwsAlgorithm::ES256])?;
    /// let verifier = Verifier::new([JwsAlgorithm::ES256])?;
    /// let refused = verifier.verify_compact(&token, &keys).unwrap_err();
    /// assert!(refused.to_string().contains("try_candidates"));
    /// let verified = verifier.verify_compact(&token, &keys.try_candidates())?;
    /// assert_eq!(verified.payload(), b"hello");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn try_candidates(mut self) -> Self {
        self.try_candidates = true;
        self
    }

    /// The most keys [`VerifyingKeySet::try_candidates`] tries for one JWS (default
    /// [`VerifyingKeySet::DEFAULT_MAX_CANDIDATES`], 4); a JWS with more candidates is
    /// refused. Without `try_candidates`, it has no effect.
    #[must_use]
    pub fn max_candidates(mut self, max: usize) -> Self {
        self.max_candidates = max;
        self
    }

    /// The bound keys.
    pub fn keys(&self) -> &[VerifyingKey] {
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

impl VerifyingKeyResolver for VerifyingKeySet {
    fn resolve(&self, request: &VerifyingKeyRequest<'_>) -> Result<VerifyingKey, Error> {
        self.keys.as_slice().resolve(request)
    }

    fn resolve_borrowed(
        &self,
        request: &VerifyingKeyRequest<'_>,
    ) -> Result<Cow<'_, VerifyingKey>, Error> {
        self.keys.as_slice().resolve_borrowed(request)
    }

    /// With [`VerifyingKeySet::try_candidates`], for a JWS without a `kid`: the keys for its
    /// algorithm when there are several, at most [`VerifyingKeySet::max_candidates`].
    fn resolve_candidates(
        &self,
        request: &VerifyingKeyRequest<'_>,
    ) -> Option<Result<Vec<&VerifyingKey>, Error>> {
        if !self.try_candidates || request.kid.is_some() {
            return None;
        }
        let found: Vec<&VerifyingKey> = self
            .keys
            .iter()
            .filter(|key| key.alg() == request.alg)
            .take(self.max_candidates.saturating_add(1))
            .collect();
        match found.len() {
            // None or one: the ordinary lookup answers (and says why there is none).
            0 | 1 => None,
            n if n > self.max_candidates => Some(Err(Error::NoMatchingKey {
                reason: format!(
                    "the JWS has no kid and more than {} {} keys could verify it, more than \
                     VerifyingKeySet::max_candidates allows (give the keys kids)",
                    self.max_candidates, request.alg
                ),
            })),
            _ => Some(Ok(found)),
        }
    }
}
