//! Logout tokens of OpenID Connect Back-Channel Logout 1.0 (§2.4 contents, §2.6
//! validation).
//!
//! (Back-Channel Logout 1.0 is not among the RFC texts this crate's conformance rows come
//! from; the rules below follow its final specification of 12 September 2022.)

use std::time::Duration;

use jose_b64::serde_json::{Map, Value};
use jose_jws::{JwsAlgorithm, VerifyingKeyResolver};
use jose_jwt::{Clock, Jwt, JwtVerifier, Validation};

use crate::id_token::DEFAULT_ID_TOKEN_MAX_AGE;
use crate::{Error, claims};

/// The `typ` of a logout token (Back-Channel Logout 1.0 §2.4); `application/logout+jwt` is
/// the same type.
pub const LOGOUT_TOKEN_TYP: &str = "logout+jwt";

/// The member of `events` that makes a JWT a back-channel logout token (§2.4).
pub const BACKCHANNEL_LOGOUT_EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";

/// Verifies logout tokens at a relying party's back-channel logout endpoint (OpenID Connect
/// Back-Channel Logout 1.0 §2.6).
///
/// - the signature, with the caller's algorithms and keys (step 3);
/// - `typ` `logout+jwt` (§2.4 recommends explicit typing; [`LogoutTokenVerifier::allow_untyped`]
///   also accepts none or `JWT`, for providers that do not type them) — [`Error::TokenType`];
/// - `iss` exactly the provider, `aud` containing the client id, `iat` at most
///   [`LogoutTokenVerifier::max_token_age`] old (default 10 minutes), `exp` not passed, all
///   required, and `jti` required (step 4, §2.4) — [`Error::Jwt`];
/// - `sub`, `sid` or both (step 5), strings;
/// - `events` a JSON object with the member [`BACKCHANNEL_LOGOUT_EVENT`] whose value is a
///   JSON object (step 6) — [`Error::LogoutEvent`];
/// - no `nonce` (step 7), so that an ID token can never pass for a logout token —
///   [`Error::InvalidClaim`].
///
/// Refusing a replayed `jti` (step 8, optional) is the caller's: give
/// [`LogoutToken::jwt_id`] to a [`crate::ReplayStore`].
///
/// ```
/// use jose_jwk::{EcCurve, Jwk, KeySpec};
/// use jose_jws::{JwsAlgorithm, SigningKey};
/// use jose_jwt::JwtBuilder;
/// use jose_oauth::{BACKCHANNEL_LOGOUT_EVENT, LogoutTokenVerifier};
///
/// let key = SigningKey::from_jwk(&Jwk::generate(KeySpec::Ec(EcCurve::P256))?, JwsAlgorithm::ES256)?;
/// let token = JwtBuilder::new()
///     .typ("logout+jwt")
///     .issuer("https://op.example").audience("client-1").subject("248289761001")
///     .jwt_id("bWJq").claim("sid", "08a5019c-17e1-4977-8f42-65a12843ea02")?
///     .claim("events", serde_json::json!({ BACKCHANNEL_LOGOUT_EVENT: {} }))?
///     .issued_now().expires_in(std::time::Duration::from_secs(120))
///     .sign(&key)?;
///
/// let verifier = LogoutTokenVerifier::new([JwsAlgorithm::ES256], "https://op.example", "client-1")?;
/// let logout = verifier.verify(&token, key.verifying_key())?;
/// assert_eq!(logout.session_id(), Some("08a5019c-17e1-4977-8f42-65a12843ea02"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct LogoutTokenVerifier {
    algorithms: Vec<JwsAlgorithm>,
    validation: Validation,
    verifier: JwtVerifier,
    error: Option<Error>,
}

impl LogoutTokenVerifier {
    /// A verifier of the logout tokens of `issuer` (compared exactly) for the client
    /// `client_id`, signed with one of `algorithms`.
    ///
    /// # Errors
    ///
    /// [`Error::Jwt`] when `algorithms` is empty.
    pub fn new(
        algorithms: impl IntoIterator<Item = JwsAlgorithm>,
        issuer: impl Into<String>,
        client_id: impl Into<String>,
    ) -> Result<Self, Error> {
        let validation = Validation::new()
            .issuer(issuer)
            .audience(client_id)
            .typ(LOGOUT_TOKEN_TYP)
            .max_age(DEFAULT_ID_TOKEN_MAX_AGE)
            .require("jti");
        let algorithms: Vec<JwsAlgorithm> = algorithms.into_iter().collect();
        Ok(Self {
            verifier: JwtVerifier::new(algorithms.iter().copied(), validation.clone())?,
            algorithms,
            validation,
            error: None,
        })
    }

    fn with(
        mut self,
        change: impl FnOnce(Validation) -> Result<Validation, jose_jwt::Error>,
    ) -> Self {
        match change(self.validation.clone()).and_then(|v| {
            JwtVerifier::new(self.algorithms.iter().copied(), v.clone()).map(|j| (v, j))
        }) {
            Ok((validation, verifier)) => {
                self.validation = validation;
                self.verifier = verifier;
            }
            Err(e) => {
                self.error.get_or_insert(e.into());
            }
        }
        self
    }

    /// Also accepts a logout token without `typ`, or with `JWT` (default: `logout+jwt`
    /// required). The `events` claim and the absence of `nonce` still tell it from an ID
    /// token.
    pub fn allow_untyped(self) -> Self {
        self.with(|v| Ok(v.ignore_typ()))
    }

    /// Accepts a logout token without `exp` (default: required, as Back-Channel Logout 1.0
    /// §2.4 says; some providers predate that rule).
    pub fn allow_missing_expiration(self) -> Self {
        self.with(|v| Ok(v.allow_missing_expiration()))
    }

    /// The largest accepted age of the token, from its `iat` (default 10 minutes).
    pub fn max_token_age(self, max_age: Duration) -> Self {
        self.with(|v| Ok(v.max_age(max_age)))
    }

    /// The clock skew tolerated (default 0; at most 10 minutes, a larger value is reported
    /// by [`LogoutTokenVerifier::verify`]).
    pub fn leeway(self, leeway: Duration) -> Self {
        self.with(|v| Ok(v.leeway(leeway)))
    }

    /// Reads the current time from `clock` (default: the system clock).
    pub fn clock(self, clock: impl Clock + 'static) -> Self {
        self.with(|v| Ok(v.clock(clock)))
    }

    /// Verifies a logout token.
    ///
    /// # Errors
    ///
    /// As listed above; a configuration error of a setter.
    pub fn verify(
        &self,
        token: &str,
        keys: &(impl VerifyingKeyResolver + ?Sized),
    ) -> Result<LogoutToken, Error> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        let jwt = self.verifier.verify(token, keys)?;
        let claims = jwt.claims();
        // `sub` is type-checked by the JWT layer.
        if claims::string(claims, "sid")?.is_none() && jwt.subject().is_none() {
            return Err(Error::missing("sid"));
        }
        match claims.get("events") {
            None => return Err(Error::missing("events")),
            Some(Value::Object(events)) => match events.get(BACKCHANNEL_LOGOUT_EVENT) {
                Some(Value::Object(_)) => {}
                Some(_) => {
                    return Err(Error::LogoutEvent {
                        reason: "the back-channel logout event is not a JSON object".into(),
                    });
                }
                None => {
                    return Err(Error::LogoutEvent {
                        reason: format!("no member \"{BACKCHANNEL_LOGOUT_EVENT}\""),
                    });
                }
            },
            Some(_) => {
                return Err(Error::LogoutEvent {
                    reason: "not a JSON object".into(),
                });
            }
        }
        if claims.contains_key("nonce") {
            return Err(Error::invalid_claim(
                "nonce",
                "a logout token must not have a nonce (Back-Channel Logout 1.0 §2.4)",
            ));
        }
        Ok(LogoutToken { jwt })
    }
}

/// A verified logout token: end the sessions it names.
#[derive(Clone, Debug)]
pub struct LogoutToken {
    jwt: Jwt,
}

impl LogoutToken {
    /// The whole verified JWT.
    pub fn jwt(&self) -> &Jwt {
        &self.jwt
    }

    /// All claims.
    pub fn claims(&self) -> &Map<String, Value> {
        self.jwt.claims()
    }

    /// `sub`: log out every session of this end-user at the provider, if given.
    pub fn subject(&self) -> Option<&str> {
        self.jwt.subject()
    }

    /// `sid`: log out this session, if given.
    pub fn session_id(&self) -> Option<&str> {
        self.claims().get("sid").and_then(Value::as_str)
    }

    /// `jti`, for replay detection (Back-Channel Logout 1.0 §2.6 step 8).
    pub fn jwt_id(&self) -> &str {
        self.jwt.registered().jwt_id().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests;
