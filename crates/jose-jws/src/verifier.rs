//! The verification policy: allowed algorithms, understood extensions and limits.

use jose_b64::JsonLimits;
use jose_b64::serde_json::{Map, Value};
use jose_jwk::alg::JwsAlgorithm;
use jose_jwk::header::{JWS_REGISTERED, JoseHeader, Location};

use crate::Error;
use crate::VerifyingKey;
use crate::resolver::{VerifyingKeyRequest, VerifyingKeyResolver};
use jose_b64::printable;
use jose_jwk::header::HeaderView;

/// Size limits applied before any decoding.
///
/// Read them as fields, set them with the `with_…` methods (each doc gives the default), as
/// for the JWE twin, `jose_jwe::Limits`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The longest compact JWS or JSON serialization accepted, in bytes (default 256 KiB).
    pub max_token_len: usize,
    /// The longest header, in bytes (default 8 KiB): the decoded protected header, and each
    /// unprotected header (`header`) of a JSON serialization as compact JSON.
    pub max_header_len: usize,
    /// The deepest JSON nesting in a header, protected or unprotected (default 16).
    pub max_header_depth: u32,
    /// The most signatures a general JSON serialization may carry (default 16).
    pub max_signatures: usize,
}

impl Limits {
    /// The defaults: 256 KiB tokens, 8 KiB headers nested 16 deep, 16 signatures.
    pub const DEFAULT: Self = Self {
        max_token_len: 256 * 1024,
        max_header_len: 8 * 1024,
        max_header_depth: 16,
        max_signatures: 16,
    };

    /// These limits with compact or JSON serializations of at most `max` bytes (default
    /// 256 KiB).
    ///
    /// ```
    /// use jose_jws::Limits;
    ///
    /// let limits = Limits::DEFAULT.with_max_token_len(1 << 20);
    /// assert_eq!((limits.max_token_len, limits.max_header_len), (1 << 20, 8 * 1024));
    /// ```
    #[must_use]
    pub const fn with_max_token_len(mut self, max: usize) -> Self {
        self.max_token_len = max;
        self
    }

    /// These limits with headers of at most `max` bytes (default 8 KiB).
    ///
    /// ```
    /// use jose_jws::Limits;
    ///
    /// assert_eq!(Limits::DEFAULT.with_max_header_len(512).max_header_len, 512);
    /// ```
    #[must_use]
    pub const fn with_max_header_len(mut self, max: usize) -> Self {
        self.max_header_len = max;
        self
    }

    /// These limits with headers nested at most `max` deep (default 16).
    ///
    /// ```
    /// use jose_jws::Limits;
    ///
    /// assert_eq!(Limits::DEFAULT.with_max_header_depth(4).max_header_depth, 4);
    /// ```
    #[must_use]
    pub const fn with_max_header_depth(mut self, max: u32) -> Self {
        self.max_header_depth = max;
        self
    }

    /// These limits with at most `max` signatures in a general JSON serialization (default
    /// 16).
    ///
    /// ```
    /// use jose_jws::Limits;
    ///
    /// let limits = Limits::DEFAULT.with_max_signatures(4);
    /// assert_eq!((limits.max_signatures, limits.max_token_len), (4, 256 * 1024));
    /// ```
    #[must_use]
    pub const fn with_max_signatures(mut self, max: usize) -> Self {
        self.max_signatures = max;
        self
    }

    pub(crate) fn header_json(&self) -> JsonLimits {
        JsonLimits::new(self.max_header_depth, self.max_header_len)
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// How JWSs are verified: the algorithms accepted (always explicit), the `crit` extensions
/// the application understands, and the size limits.
///
/// ```
/// use jose_jws::{JwsAlgorithm, Verifier};
///
/// let verifier = Verifier::new([JwsAlgorithm::ES256, JwsAlgorithm::EdDSA])?;
/// assert!(Verifier::new([]).is_err());
/// assert!(Verifier::new([JwsAlgorithm::None]).is_err());
/// # let _ = verifier;
/// # Ok::<(), jose_jws::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Verifier {
    algorithms: Vec<JwsAlgorithm>,
    understood: Vec<String>,
    limits: Limits,
    unprotected_alg: bool,
    b64: bool,
    low_s_only: bool,
}

/// A header accepted by [`Verifier::check_header`]: its algorithm, whether the payload is
/// base64url-encoded, its `kid`, and the header itself.
pub(crate) type HeaderCheck<'h> = (JwsAlgorithm, bool, Option<&'h str>, HeaderView<'h>);

/// The outcome of checking one signature.
pub(crate) struct Checked {
    pub(crate) alg: JwsAlgorithm,
    /// The `kid` of the key that verified.
    pub(crate) kid: Option<String>,
    pub(crate) b64: bool,
}

impl Verifier {
    /// A verifier accepting exactly `algorithms`. An empty list, or one holding only `none`,
    /// is an error; `none` itself is never accepted.
    pub fn new(algorithms: impl IntoIterator<Item = JwsAlgorithm>) -> Result<Self, Error> {
        let algorithms: Vec<JwsAlgorithm> = algorithms
            .into_iter()
            .filter(|a| *a != JwsAlgorithm::None)
            .collect();
        if algorithms.is_empty() {
            return Err(Error::EmptyAllowList);
        }
        Ok(Self {
            algorithms,
            understood: Vec::new(),
            limits: Limits::DEFAULT,
            unprotected_alg: false,
            b64: true,
            low_s_only: false,
        })
    }

    /// HS256, HS384, HS512.
    pub fn hmac() -> Self {
        Self::preset(&[
            JwsAlgorithm::HS256,
            JwsAlgorithm::HS384,
            JwsAlgorithm::HS512,
        ])
    }

    /// Every asymmetric algorithm: RS*, PS*, ES*, ES256K, EdDSA, Ed25519.
    pub fn asymmetric() -> Self {
        use JwsAlgorithm as A;
        Self::preset(&[
            A::RS256,
            A::RS384,
            A::RS512,
            A::PS256,
            A::PS384,
            A::PS512,
            A::ES256,
            A::ES384,
            A::ES512,
            A::ES256K,
            A::EdDSA,
            A::Ed25519,
        ])
    }

    fn preset(algorithms: &[JwsAlgorithm]) -> Self {
        Self {
            algorithms: algorithms.to_vec(),
            understood: Vec::new(),
            limits: Limits::DEFAULT,
            unprotected_alg: false,
            b64: true,
            low_s_only: false,
        }
    }

    /// Declares a `crit` extension the application understands and checks itself. `b64` is
    /// handled by the library and cannot be declared here (see
    /// [`Verifier::without_unencoded_payloads`]).
    pub fn understand(mut self, extension: impl Into<String>) -> Self {
        let extension = extension.into();
        if extension != "b64" {
            self.understood.push(extension);
        }
        self
    }

    /// Refuses RFC 7797 unencoded payloads (`b64`), which are accepted by default when marked
    /// critical. The JWT layer uses this.
    pub fn without_unencoded_payloads(mut self) -> Self {
        self.b64 = false;
        self
    }

    /// Accepts `alg` from the unprotected header of a JSON serialization (RFC 7520 §4.7 and
    /// §4.8 produce such JWSs). Off by default: an unprotected `alg` can be changed by anyone.
    pub fn allow_unprotected_alg(mut self) -> Self {
        self.unprotected_alg = true;
        self
    }

    /// Refuses ECDSA signatures (ES256, ES384, ES512, ES256K) whose `s` is above half the
    /// group order. Off by default: RFC 7518 §3.4 and RFC 8812 §3.2 allow high-S, and
    /// producers on OpenSSL emit it about half the time, so requiring low-S refuses about half
    /// of their tokens. This library always signs low-S.
    ///
    /// Turn it on when the application keys a cache on the token *string*, such as a replay
    /// cache of used tokens: an ECDSA signature (r, s) has a twin (r, n − s) that verifies as
    /// well, so with high-S accepted one signed token has two valid spellings, and a replayed
    /// token with the twin signature would miss the cache. (Alternatively, key such a cache
    /// on a claim such as `jti`, which is covered by the signature.)
    ///
    /// ```
    /// use jose_jws::{JwsAlgorithm, Verifier};
    ///
    /// let verifier = Verifier::new([JwsAlgorithm::ES256])?.require_low_s();
    /// # let _ = verifier;
    /// # Ok::<(), jose_jws::Error>(())
    /// ```
    pub fn require_low_s(mut self) -> Self {
        self.low_s_only = true;
        self
    }

    /// Replaces the size limits.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The accepted algorithms.
    pub fn algorithms(&self) -> &[JwsAlgorithm] {
        &self.algorithms
    }

    /// The limits.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    pub(crate) fn check_len(&self, what: &'static str, len: usize) -> Result<(), Error> {
        if len > self.limits.max_token_len {
            return Err(Error::TooLarge {
                what,
                limit: self.limits.max_token_len,
                actual: len,
            });
        }
        Ok(())
    }

    /// Checks the header of one signature, finds its key and verifies `signature` over
    /// `protected_b64 ‖ '.' ‖ payload_segment`.
    pub(crate) fn check(
        &self,
        protected: Option<&Map<String, Value>>,
        unprotected: Option<&Map<String, Value>>,
        signing_input: &[u8],
        signature: &[u8],
        keys: &(impl VerifyingKeyResolver + ?Sized),
    ) -> Result<Checked, Error> {
        let header = self.check_header(protected, unprotected)?;
        self.check_signature(header, signing_input, signature, keys)
    }

    /// The rest of [`Self::check`], for a header that [`Self::check_header`] has accepted:
    /// finds the key and verifies `signature` over `signing_input`.
    pub(crate) fn check_signature(
        &self,
        (alg, b64, kid, header): HeaderCheck<'_>,
        signing_input: &[u8],
        signature: &[u8],
        keys: &(impl VerifyingKeyResolver + ?Sized),
    ) -> Result<Checked, Error> {
        let request = VerifyingKeyRequest::with_header(alg, kid, header);
        let kid = self.check_key_and_signature(&request, signing_input, signature, keys)?;
        Ok(Checked { alg, kid, b64 })
    }

    /// Finds the key for `request`, which must be bound to the request's algorithm, and
    /// verifies `signature` over `signing_input` with it; returns the key's `kid`. The key is
    /// borrowed ([`VerifyingKeyResolver::resolve_borrowed`]): verifying with a key shared by threads
    /// writes nothing shared.
    pub(crate) fn check_key_and_signature(
        &self,
        request: &VerifyingKeyRequest<'_>,
        signing_input: &[u8],
        signature: &[u8],
        keys: &(impl VerifyingKeyResolver + ?Sized),
    ) -> Result<Option<String>, Error> {
        if let Some(candidates) = keys.resolve_candidates(request) {
            return self.check_candidates(request, signing_input, signature, &candidates?);
        }
        let key = keys.resolve_borrowed(request)?;
        if key.alg() != request.alg {
            return Err(Error::KeyAlgorithmMismatch {
                header: request.alg.as_str(),
                key: key.alg().as_str(),
            });
        }
        key.verify(signing_input, signature, self.low_s_only)?;
        Ok(key.kid().map(str::to_owned))
    }

    /// Verifies `signature` with each of `candidates` in turn (a bounded list from
    /// [`VerifyingKeyResolver::resolve_candidates`]); the first that verifies gives its
    /// `kid`. When none does, the error of the last one: the same as for a single key, so
    /// that which keys were tried is not told.
    fn check_candidates(
        &self,
        request: &VerifyingKeyRequest<'_>,
        signing_input: &[u8],
        signature: &[u8],
        candidates: &[&VerifyingKey],
    ) -> Result<Option<String>, Error> {
        let mut failure = None;
        for key in candidates {
            if key.alg() != request.alg {
                return Err(Error::KeyAlgorithmMismatch {
                    header: request.alg.as_str(),
                    key: key.alg().as_str(),
                });
            }
            match key.verify(signing_input, signature, self.low_s_only) {
                Ok(()) => return Ok(key.kid().map(str::to_owned)),
                Err(e) => failure = Some(e),
            }
        }
        Err(failure.unwrap_or_else(|| Error::NoMatchingKey {
            reason: format!("no {} key", request.alg),
        }))
    }

    /// The header rules of RFC 7515 §4 and §5.2, in the order that rejects cheaply: disjoint
    /// headers, `crit`, `b64`, then `alg` against the allow-list.
    pub(crate) fn check_header<'h>(
        &self,
        protected: Option<&'h Map<String, Value>>,
        unprotected: Option<&'h Map<String, Value>>,
    ) -> Result<HeaderCheck<'h>, Error> {
        let header = JoseHeader::new(protected, unprotected, None).map_err(Error::Header)?;
        // Without extensions of the application's, no list is built (the common case).
        let extended: Vec<&str>;
        let understood: &[&str] = match (self.understood.is_empty(), self.b64) {
            (true, true) => &["b64"],
            (true, false) => &[],
            (false, b64) => {
                extended = self
                    .understood
                    .iter()
                    .map(String::as_str)
                    .chain(b64.then_some("b64"))
                    .collect();
                &extended
            }
        };
        let critical = header
            .check_crit(understood, JWS_REGISTERED)
            .map_err(Error::Header)?;
        let b64 = match header.get("b64") {
            None => true,
            Some(_) if !self.b64 => {
                return Err(Error::Header(header_error(
                    "b64",
                    "is not accepted by this verifier (unencoded payloads are turned off)",
                )));
            }
            Some((_, Location::Protected)) if !critical.contains(&"b64") => {
                return Err(Error::Header(header_error(
                    "b64",
                    "requires \"crit\":[\"b64\"] (RFC 7797 §6)",
                )));
            }
            Some((Value::Bool(b), Location::Protected)) => *b,
            Some((_, Location::Protected)) => {
                return Err(Error::Header(header_error("b64", "must be a boolean")));
            }
            Some(_) => {
                return Err(Error::Header(header_error(
                    "b64",
                    "must be integrity protected",
                )));
            }
        };
        let (name, location) = match header.get_str("alg").map_err(Error::Header)? {
            Some(found) => found,
            None => return Err(Error::Header(header_error("alg", "is required"))),
        };
        if location != Location::Protected && !self.unprotected_alg {
            return Err(Error::Header(header_error(
                "alg",
                "must be integrity protected (Verifier::allow_unprotected_alg accepts it unprotected)",
            )));
        }
        let alg = self.check_alg(name)?;
        let kid = header.kid().map_err(Error::Header)?;
        Ok((alg, b64, kid, HeaderView::Parts(header)))
    }

    /// The header's `alg` (its `name`), which must be registered, not `none`, and allowed.
    pub(crate) fn check_alg(&self, name: &str) -> Result<JwsAlgorithm, Error> {
        let alg: JwsAlgorithm = name.parse().map_err(|_| Error::UnknownAlgorithm {
            alg: printable(name),
        })?;
        if alg == JwsAlgorithm::None {
            return Err(Error::UnsecuredAlgorithm);
        }
        if !self.algorithms.contains(&alg) {
            return Err(Error::AlgorithmNotAllowed {
                alg: alg.as_str(),
                allowed: self.algorithms.iter().map(|a| a.as_str()).collect(),
            });
        }
        Ok(alg)
    }
}

fn header_error(name: &str, reason: &str) -> jose_jwk::Error {
    jose_jwk::Error::HeaderParameter {
        name: name.to_owned(),
        reason: reason.to_owned(),
    }
}
