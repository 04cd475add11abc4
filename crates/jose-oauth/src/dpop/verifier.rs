//! Checking DPoP proofs, the server's side (RFC 9449 §4.3, §7.1, §11.1).

use std::cell::RefCell;
use std::sync::Arc;
use std::time::Duration;

use jose_b64::base64url;
use jose_b64::serde_json::Value;
use jose_jwk::{Jwk, KeyPolicy, ThumbprintHash};
use jose_jws::{JwsAlgorithm, VerifyingKey, VerifyingKeyRequest};
use jose_jwt::{Clock, Jwt, JwtVerifier, MAX_LEEWAY, Validation};
use sha2::{Digest, Sha256};

use super::htu::HtuTarget;
use super::proof::{DPOP_TYP, access_token_hash};
use crate::error::shorten;
use crate::replay::ReplayStore;
use crate::time::SharedClock;
use crate::{Confirmation, Error, claims};

/// The default age limit of a proof, from its `iat`: 60 seconds.
pub const DEFAULT_DPOP_MAX_AGE: Duration = Duration::from_secs(60);

/// The default tolerance for a client clock ahead of the server's: 5 seconds.
pub const DEFAULT_DPOP_LEEWAY: Duration = Duration::from_secs(5);

/// A server's check of a nonce it issued: `true` accepts it.
type NonceCheck = Arc<dyn Fn(&str) -> bool + Send + Sync>;

/// The request a DPoP proof came with: its method, its URI (as the server was reached:
/// scheme, host, port, path; the query is ignored), and the access token of the
/// `Authorization: DPoP …` header at a resource server.
#[derive(Clone, Copy, Debug)]
pub struct DpopRequest<'a> {
    method: &'a str,
    uri: &'a str,
    access_token: Option<&'a str>,
}

impl<'a> DpopRequest<'a> {
    /// A request to the token endpoint (no access token): `method` (`"POST"`) and the
    /// absolute `uri` the request was sent to.
    pub fn new(method: &'a str, uri: &'a str) -> Self {
        Self {
            method,
            uri,
            access_token: None,
        }
    }

    /// The access token presented with the proof (resource access, RFC 9449 §7): the proof
    /// must then carry its hash in `ath`.
    pub fn access_token(mut self, access_token: &'a str) -> Self {
        self.access_token = Some(access_token);
        self
    }
}

/// Verifies DPoP proofs (RFC 9449 §4.3), at an authorization server's token endpoint or a
/// resource server.
///
/// | point of §4.3 | rule | error |
/// | --- | --- | --- |
/// | 2–4 | one compact JWS, `typ` `dpop+jwt`, claims `jti`, `htm`, `htu`, `iat` present (strings, a NumericDate) | [`Error::DpopProof`] |
/// | 5 | `alg` asymmetric and in the server's list (never `none` or `HS*`) | [`Error::DpopAlgorithm`] |
/// | 6–7 | the `jwk` header a public key of the `alg`'s type; the signature verifies with it | [`Error::DpopKey`], [`Error::DpopProof`] |
/// | 8 | `htm` exactly the request's method | [`Error::HtmMismatch`] |
/// | 9 | `htu` the request's URI without query and fragment, both normalized (RFC 3986 §6.2.2, §6.2.3: scheme and host case, default port, percent-encoding, dot-segments) | [`Error::HtuMismatch`] |
/// | 10 | `nonce` one the server accepts, when it requires one ([`DpopVerifier::require_nonce`]) | [`Error::UseDpopNonce`] |
/// | 11 | `iat` at most [`DpopVerifier::max_age`] old (default 60 s) and at most [`DpopVerifier::leeway`] ahead (default 5 s) | [`Error::IatOutOfWindow`] |
/// | §11.1 | `jti` not seen before for this key, in the [`ReplayStore`] | [`Error::Replayed`] |
/// | 12 | with an access token: `ath` its SHA-256 hash; `cnf.jkt` the proof key's thumbprint ([`DpopVerifier::verify_bound`]) | [`Error::AthMismatch`], [`Error::KeyBinding`] |
///
/// Point 1 (a single `DPoP` header field) is the HTTP layer's: give the verifier the one
/// header value, and refuse a request with several. Point 11's alternative, a time carried
/// in a server nonce instead of `iat`, is the nonce check's to make: `iat` is always checked.
///
/// A proof's `jti` is recorded for as long as the proof would be accepted (max age plus
/// twice the leeway), under a key derived from the proof key's thumbprint and the `jti`
/// (hashed: a huge `jti` costs no memory).
#[derive(Clone)]
pub struct DpopVerifier {
    algorithms: Vec<JwsAlgorithm>,
    jwt: JwtVerifier,
    max_age: Duration,
    leeway: Duration,
    nonce: Option<NonceCheck>,
    clock: SharedClock,
    error: Option<Error>,
}

impl core::fmt::Debug for DpopVerifier {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("DpopVerifier")
            .field("algorithms", &self.algorithms)
            .field("max_age", &self.max_age)
            .field("leeway", &self.leeway)
            .field("nonce", &self.nonce.is_some())
            .finish_non_exhaustive()
    }
}

impl DpopVerifier {
    /// A verifier accepting proofs signed with one of `algorithms` (the server's
    /// `dpop_signing_alg_values_supported`, RFC 9449 §5.1).
    ///
    /// # Errors
    ///
    /// [`Error::Configuration`] when the list is empty or holds a symmetric algorithm or
    /// `none`.
    pub fn new(algorithms: impl IntoIterator<Item = JwsAlgorithm>) -> Result<Self, Error> {
        let algorithms: Vec<JwsAlgorithm> = algorithms.into_iter().collect();
        if let Some(bad) = algorithms
            .iter()
            .find(|a| a.is_symmetric() || **a == JwsAlgorithm::None)
        {
            return Err(Error::configuration(format!(
                "DPoP proofs are signed with asymmetric algorithms only, not {bad}"
            )));
        }
        if algorithms.is_empty() {
            return Err(Error::configuration("no DPoP proof algorithm is accepted"));
        }
        let clock = SharedClock::system();
        Ok(Self {
            jwt: Self::jwt_verifier(&algorithms, &clock)?,
            algorithms,
            max_age: DEFAULT_DPOP_MAX_AGE,
            leeway: DEFAULT_DPOP_LEEWAY,
            nonce: None,
            clock,
            error: None,
        })
    }

    fn jwt_verifier(
        algorithms: &[JwsAlgorithm],
        clock: &SharedClock,
    ) -> Result<JwtVerifier, Error> {
        let validation = ["jti", "htm", "htu", "iat"]
            .into_iter()
            .fold(Validation::new(), Validation::require)
            .typ(DPOP_TYP)
            .allow_missing_expiration()
            .ignore_audience()
            .clock(clock.clone());
        Ok(JwtVerifier::new(algorithms.iter().copied(), validation)?)
    }

    /// The accepted algorithms (for the `algs` of a challenge, RFC 9449 §7.1).
    pub fn algorithms(&self) -> &[JwsAlgorithm] {
        &self.algorithms
    }

    /// The oldest accepted proof, from its `iat` (default [`DEFAULT_DPOP_MAX_AGE`], 60 s).
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.max_age = max_age;
        self
    }

    /// How far ahead of the server's clock `iat` may be (default [`DEFAULT_DPOP_LEEWAY`], 5
    /// s; at most 10 minutes, a larger value is reported when verifying).
    pub fn leeway(mut self, leeway: Duration) -> Self {
        if leeway > MAX_LEEWAY {
            self.error.get_or_insert(Error::configuration(format!(
                "a leeway of {}s is above the maximum of {}s",
                leeway.as_secs(),
                MAX_LEEWAY.as_secs()
            )));
        } else {
            self.leeway = leeway;
        }
        self
    }

    /// Requires a `nonce` in every proof that `accept` accepts (one the server issued
    /// recently in a `DPoP-Nonce` header, RFC 9449 §8, §9). Default: no nonce required, a
    /// nonce present is not checked. A proof without one, or with one refused, fails with
    /// [`Error::UseDpopNonce`]: answer with [`crate::DpopChallenge`] and a fresh nonce.
    /// [`crate::DpopNonces::checker`] is such a check, for nonces that need no server state.
    pub fn require_nonce(mut self, accept: impl Fn(&str) -> bool + Send + Sync + 'static) -> Self {
        self.nonce = Some(Arc::new(accept));
        self
    }

    /// Reads the current time from `clock` (default: the system clock).
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = SharedClock::new(clock);
        match Self::jwt_verifier(&self.algorithms, &self.clock) {
            Ok(jwt) => self.jwt = jwt,
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
        self
    }

    /// How long a proof's `jti` is remembered: as long as the proof could be accepted.
    pub fn replay_window(&self) -> Duration {
        self.max_age + self.leeway * 2 + Duration::from_secs(1)
    }

    /// Every check of §4.3 but the `jti` replay check and the token binding: for a server
    /// that keeps its own replay cache. Prefer [`DpopVerifier::verify`].
    ///
    /// # Errors
    ///
    /// As the table above.
    pub fn verify_without_replay_check(
        &self,
        proof: &str,
        request: &DpopRequest<'_>,
    ) -> Result<DpopProof, Error> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        let key: RefCell<Option<Result<Jwk, Error>>> = RefCell::new(None);
        let resolver = |req: &VerifyingKeyRequest<'_>| -> Result<VerifyingKey, jose_jws::Error> {
            let found = header_key(req);
            let verifying = found.as_ref().map(|(v, _)| v.clone()).map_err(|_| {
                jose_jws::Error::NoMatchingKey {
                    reason: "the DPoP proof's jwk header".into(),
                }
            });
            *key.borrow_mut() = Some(found.map(|(_, jwk)| jwk));
            verifying
        };
        let verified = self.jwt.verify(proof, &resolver);
        let jwk = match key.into_inner() {
            Some(Err(e)) => return Err(e),
            Some(Ok(jwk)) => Some(jwk),
            None => None,
        };
        let jwt = verified.map_err(|e| match e {
            jose_jwt::Error::Jws(jose_jws::Error::AlgorithmNotAllowed { alg, .. }) => {
                Error::DpopAlgorithm {
                    alg: alg.to_owned(),
                }
            }
            jose_jwt::Error::Jws(jose_jws::Error::UnsecuredAlgorithm) => {
                Error::DpopAlgorithm { alg: "none".into() }
            }
            e => Error::DpopProof(e),
        })?;
        let jwk = jwk.ok_or_else(|| Error::DpopKey {
            reason: "missing".into(),
        })?;
        self.check_claims(jwt, jwk, request)
    }

    fn check_claims(
        &self,
        jwt: Jwt,
        jwk: Jwk,
        request: &DpopRequest<'_>,
    ) -> Result<DpopProof, Error> {
        let claims = jwt.claims();
        let proof_claim = |name: &'static str| -> Result<&str, Error> {
            match claims.get(name) {
                Some(Value::String(s)) => Ok(s),
                _ => Err(Error::DpopProof(jose_jwt::Error::InvalidClaim {
                    claim: name,
                    reason: "not a string".into(),
                })),
            }
        };
        let htm = proof_claim("htm")?;
        if htm != request.method {
            return Err(Error::HtmMismatch {
                found: shorten(htm),
                expected: shorten(request.method),
            });
        }
        let htu = HtuTarget::parse(proof_claim("htu")?).map_err(|reason| Error::HtuMismatch {
            reason: format!("the proof's htu: {reason}"),
        })?;
        let target = HtuTarget::parse(request.uri).map_err(|reason| {
            Error::configuration(format!("the request URI given to the verifier: {reason}"))
        })?;
        if let Some(reason) = htu.difference(&target) {
            return Err(Error::HtuMismatch { reason });
        }
        let iat = jwt
            .registered()
            .issued_at()
            .map(|d| d.secs())
            .ok_or_else(|| {
                Error::DpopProof(jose_jwt::Error::MissingClaim {
                    claim: "iat".into(),
                })
            })?;
        let now = self.clock.now_secs();
        let oldest = now.saturating_sub(self.max_age.as_secs());
        let newest = now.saturating_add(self.leeway.as_secs());
        if iat < oldest || iat > newest {
            return Err(Error::IatOutOfWindow { iat, now });
        }
        if let Some(accept) = &self.nonce {
            match claims::string(claims, "nonce") {
                Ok(Some(nonce)) if accept(nonce) => {}
                Ok(Some(_)) | Err(_) => return Err(Error::UseDpopNonce { present: true }),
                Ok(None) => return Err(Error::UseDpopNonce { present: false }),
            }
        }
        if let Some(access_token) = request.access_token {
            match claims.get("ath") {
                None => {
                    return Err(Error::AthMismatch {
                        reason: "missing; a proof sent with an access token must carry its hash"
                            .into(),
                    });
                }
                Some(Value::String(ath)) if *ath == access_token_hash(access_token) => {}
                Some(_) => {
                    return Err(Error::AthMismatch {
                        reason: "not the SHA-256 hash of the access token presented".into(),
                    });
                }
            }
        }
        let thumbprint = jwk.thumbprint(ThumbprintHash::Sha256);
        Ok(DpopProof {
            jwk,
            thumbprint,
            htu: target.to_string(),
            iat,
            jwt,
        })
    }

    /// Verifies a proof (§4.3) and records its `jti` in `store`: a second use of the proof,
    /// here or at any instance sharing the store, fails with [`Error::Replayed`].
    ///
    /// # Errors
    ///
    /// As the table above; [`Error::ReplayStoreUnavailable`] or [`Error::ReplayStoreFull`]
    /// when the store cannot answer (the proof is then refused).
    pub async fn verify(
        &self,
        proof: &str,
        request: &DpopRequest<'_>,
        store: &(impl ReplayStore + ?Sized),
    ) -> Result<DpopProof, Error> {
        let proof = self.verify_without_replay_check(proof, request)?;
        if store
            .insert_if_absent(&proof.replay_key(), self.replay_window())
            .await?
        {
            Ok(proof)
        } else {
            Err(Error::Replayed)
        }
    }

    /// At a resource server: verifies the proof sent with a DPoP-bound access token
    /// (`request` must name the token, for `ath`), records its `jti`, and checks that the
    /// token is bound to the proof's key: `cnf` is the token's confirmation claim (from
    /// [`crate::AccessToken::confirmation`], or from introspection), and its `jkt` must be
    /// the proof key's thumbprint (RFC 9449 §6, §7.1).
    ///
    /// # Errors
    ///
    /// As [`DpopVerifier::verify`]; [`Error::KeyBinding`] when the token is not bound or
    /// is bound to another key; [`Error::Configuration`] when `request` has no access token.
    pub async fn verify_bound(
        &self,
        proof: &str,
        request: &DpopRequest<'_>,
        cnf: Option<&Confirmation>,
        store: &(impl ReplayStore + ?Sized),
    ) -> Result<DpopProof, Error> {
        if request.access_token.is_none() {
            return Err(Error::configuration(
                "verify_bound needs the access token in the DpopRequest, for ath",
            ));
        }
        let verified = self.verify_without_replay_check(proof, request)?;
        verified.check_bound(cnf)?;
        if store
            .insert_if_absent(&verified.replay_key(), self.replay_window())
            .await?
        {
            Ok(verified)
        } else {
            Err(Error::Replayed)
        }
    }
}

/// The verification key from the `jwk` header: a public key of the `alg`'s type.
fn header_key(request: &VerifyingKeyRequest<'_>) -> Result<(VerifyingKey, Jwk), Error> {
    let value = request
        .protected_param("jwk")
        .ok_or_else(|| Error::DpopKey {
            reason: "missing".into(),
        })?;
    let Value::Object(map) = value.into_owned() else {
        return Err(Error::DpopKey {
            reason: "not a JSON object".into(),
        });
    };
    let jwk = Jwk::from_map(map, &KeyPolicy::DEFAULT).map_err(|e| Error::DpopKey {
        reason: e.to_string(),
    })?;
    if jwk.is_private() {
        return Err(Error::DpopKey {
            reason: "it holds a private key (RFC 9449 §4.2: it must not)".into(),
        });
    }
    let key = VerifyingKey::from_jwk(&jwk, request.alg).map_err(|e| Error::DpopKey {
        reason: format!("not a key for {}: {e}", request.alg),
    })?;
    Ok((key, jwk))
}

/// A verified DPoP proof.
#[derive(Clone, Debug)]
pub struct DpopProof {
    jwk: Jwk,
    thumbprint: String,
    htu: String,
    iat: u64,
    jwt: Jwt,
}

impl DpopProof {
    /// The proof's public key (the `jwk` header).
    pub fn jwk(&self) -> &Jwk {
        &self.jwk
    }

    /// Its RFC 7638 SHA-256 thumbprint: the `cnf.jkt` to put in the access token issued for
    /// this proof (RFC 9449 §6.1), and to compare with a bound token's.
    pub fn thumbprint(&self) -> &str {
        &self.thumbprint
    }

    /// The `cnf` claim that binds a token to this proof's key.
    pub fn confirmation(&self) -> Confirmation {
        Confirmation::thumbprint_of(&self.jwk)
    }

    /// `jti`.
    pub fn jwt_id(&self) -> &str {
        self.jwt.registered().jwt_id().unwrap_or_default()
    }

    /// `iat`, in seconds since the epoch.
    pub fn issued_at(&self) -> u64 {
        self.iat
    }

    /// The normalized `htu`.
    pub fn htu(&self) -> &str {
        &self.htu
    }

    /// `nonce`, if any.
    pub fn nonce(&self) -> Option<&str> {
        self.jwt.claims().get("nonce").and_then(Value::as_str)
    }

    /// The whole verified JWT.
    pub fn jwt(&self) -> &Jwt {
        &self.jwt
    }

    /// Checks that the token whose confirmation claim is `cnf` is bound to this proof's key
    /// (`cnf.jkt`, or `cnf.jwk`, RFC 9449 §6).
    ///
    /// # Errors
    ///
    /// [`Error::KeyBinding`].
    pub fn check_bound(&self, cnf: Option<&Confirmation>) -> Result<(), Error> {
        cnf.ok_or_else(|| Error::KeyBinding {
            reason: "the access token has no cnf claim: it is not DPoP-bound".into(),
        })?
        .check_bound_to(&self.jwk)
    }

    /// The replay-store key: a hash of the key's thumbprint and the `jti`.
    pub fn replay_key(&self) -> String {
        let mut h = Sha256::new();
        h.update(self.thumbprint.as_bytes());
        h.update([0]);
        h.update(self.jwt_id().as_bytes());
        format!("dpop-jti:{}", base64url::encode(h.finalize()))
    }
}
