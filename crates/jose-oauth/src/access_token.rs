//! JWT profile for OAuth 2.0 access tokens (RFC 9068).

use std::time::Duration;

use jose_b64::serde_json::{Map, Value};
use jose_jws::{JwsAlgorithm, SigningKey, VerifyingKeyResolver};
use jose_jwt::{Clock, Jwt, JwtBuilder, JwtVerifier, NumericDate, Validation};
use serde::Serialize;

use crate::claims;
use crate::random::random_id;
use crate::{Confirmation, Error, Scope};

/// The `typ` of a JWT access token (RFC 9068 §2.1); `application/at+jwt` is the same type.
pub const ACCESS_TOKEN_TYP: &str = "at+jwt";

/// Verifies JWT access tokens at a resource server (RFC 9068 §4).
///
/// A preset of [`JwtVerifier`]: on top of the caller's [`Validation`] (which names the
/// issuer and the resource's audience, and may set a leeway or a clock) it requires
///
/// - the `typ` header `at+jwt` (or `application/at+jwt`): a token without `typ`, with
///   `JWT`, or of another type (an ID token, a logout token) is refused with
///   [`Error::TokenType`] (RFC 9068 §4 point 1, RFC 8725 §3.11);
/// - the claims `iss`, `exp`, `aud`, `sub`, `client_id`, `iat` and `jti` (RFC 9068 §2.2),
///   missing ones refused with the JWT layer's missing-claim error;
/// - `scope`, when present, a valid space-separated list ([`Scope`]), and `cnf`, when
///   present, a valid confirmation claim ([`Confirmation`]);
/// - the scopes set with [`AccessTokenVerifier::require_scopes`], if any.
///
/// Without an issuer in the validation any `iss` is accepted, and without an audience every
/// token is refused (a JWT access token always has `aud`): always set both.
///
/// ```
/// use jose_jws::{JwsAlgorithm, SigningKey};
/// use jose_jwt::Validation;
/// use jose_oauth::{AccessTokenBuilder, AccessTokenVerifier};
///
/// let key = SigningKey::from_jwk(
///     &jose_jwk::Jwk::generate(jose_jwk::KeySpec::Ec(jose_jwk::EcCurve::P256))?,
///     JwsAlgorithm::ES256,
/// )?;
/// let token = AccessTokenBuilder::new("https://as.example", "alice", "https://api.example", "app-1")
///     .scopes(["read", "write"])
///     .sign(&key)?;
///
/// let verifier = AccessTokenVerifier::new(
///     [JwsAlgorithm::ES256],
///     Validation::new().issuer("https://as.example").audience("https://api.example"),
/// )?
/// .require_scopes(["read"]);
/// let at = verifier.verify(&token, key.verifying_key())?;
/// assert_eq!((at.subject(), at.client_id()), ("alice", "app-1"));
/// assert!(at.scope().contains("write"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct AccessTokenVerifier {
    verifier: JwtVerifier,
    required_scopes: Vec<String>,
}

impl AccessTokenVerifier {
    /// A verifier accepting the signature `algorithms`, validating with `validation` and the
    /// RFC 9068 rules.
    ///
    /// # Errors
    ///
    /// [`Error::Jwt`] when `algorithms` is empty.
    pub fn new(
        algorithms: impl IntoIterator<Item = JwsAlgorithm>,
        validation: Validation,
    ) -> Result<Self, Error> {
        let validation = ["iss", "exp", "aud", "sub", "client_id", "iat", "jti"]
            .into_iter()
            .fold(validation.typ(ACCESS_TOKEN_TYP), Validation::require);
        Ok(Self {
            verifier: JwtVerifier::new(algorithms, validation)?,
            required_scopes: Vec::new(),
        })
    }

    /// Requires every one of `scopes` in the token's `scope` (default: none required).
    pub fn require_scopes(mut self, scopes: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.required_scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Verifies `token` with a key from `keys` and applies the rules above.
    ///
    /// # Errors
    ///
    /// [`Error::TokenType`] for a `typ` other than `at+jwt`; [`Error::Jwt`] for the
    /// signature and the registered claims (a missing `client_id` is
    /// `ERR_JWT_CLAIM_VALIDATION_FAILED` with [`Error::claim`] `client_id`);
    /// [`Error::InvalidClaim`] for a `client_id`, `scope` or `cnf` of the wrong form;
    /// [`Error::InsufficientScope`].
    pub fn verify(
        &self,
        token: &str,
        keys: &(impl VerifyingKeyResolver + ?Sized),
    ) -> Result<AccessToken, Error> {
        let jwt = self.verifier.verify(token, keys)?;
        let at = AccessToken::from_jwt(jwt)?;
        at.scope.require(&self.required_scopes)?;
        Ok(at)
    }
}

/// A verified JWT access token.
#[derive(Clone, Debug)]
pub struct AccessToken {
    jwt: Jwt,
    client_id: String,
    scope: Scope,
    cnf: Option<Confirmation>,
}

impl AccessToken {
    fn from_jwt(jwt: Jwt) -> Result<Self, Error> {
        let claims = jwt.claims();
        let client_id = claims::required_string(claims, "client_id")?.to_owned();
        let scope = match claims::string(claims, "scope")? {
            Some(scope) => Scope::parse(scope)?,
            None => Scope::default(),
        };
        let cnf = Confirmation::from_claims(claims)?;
        Ok(Self {
            jwt,
            client_id,
            scope,
            cnf,
        })
    }

    /// The whole verified JWT: its header, all claims, the registered claims.
    pub fn jwt(&self) -> &Jwt {
        &self.jwt
    }

    /// All claims, as a JSON object.
    pub fn claims(&self) -> &Map<String, Value> {
        self.jwt.claims()
    }

    /// `sub` (RFC 9068 §2.2): the resource owner, or the client itself.
    pub fn subject(&self) -> &str {
        self.jwt.subject().unwrap_or_default()
    }

    /// `iss`.
    pub fn issuer(&self) -> &str {
        self.jwt.issuer().unwrap_or_default()
    }

    /// `client_id` (RFC 8693 §4.3): the client the token was issued to.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// `jti`.
    pub fn jwt_id(&self) -> &str {
        self.jwt.registered().jwt_id().unwrap_or_default()
    }

    /// `exp`.
    pub fn expires_at(&self) -> Option<NumericDate> {
        self.jwt.registered().expires_at()
    }

    /// The scopes (empty when the token has no `scope`).
    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    /// `cnf` (RFC 7800), for a sender-constrained token (DPoP binds with `cnf.jkt`).
    pub fn confirmation(&self) -> Option<&Confirmation> {
        self.cnf.as_ref()
    }

    /// Requires every one of `scopes` (for a rule of one route).
    ///
    /// # Errors
    ///
    /// [`Error::InsufficientScope`].
    pub fn require_scopes(
        &self,
        scopes: impl IntoIterator<Item = impl AsRef<str>>,
    ) -> Result<(), Error> {
        self.scope.require(scopes)
    }
}

/// Issues JWT access tokens (RFC 9068 §2): `typ` `at+jwt`, with `iss`, `sub`, `aud`,
/// `client_id`, `iat`, `exp` and `jti` always set.
///
/// Setters don't fail; the first error is reported by [`AccessTokenBuilder::sign`]. Each
/// token signed gets a fresh random `jti` unless one was set.
#[derive(Clone, Debug)]
#[must_use]
pub struct AccessTokenBuilder {
    jwt: JwtBuilder,
    jti: Option<String>,
    error: Option<Error>,
}

/// The lifetime of a token when none is set: 5 minutes.
pub const DEFAULT_ACCESS_TOKEN_LIFETIME: Duration = Duration::from_secs(300);

impl AccessTokenBuilder {
    /// A token from `issuer` about `subject`, for the resource `audience`, issued to the
    /// client `client_id`.
    pub fn new(
        issuer: impl Into<String>,
        subject: impl Into<String>,
        audience: impl Into<String>,
        client_id: impl Into<String>,
    ) -> Self {
        Self {
            jwt: JwtBuilder::new()
                .typ(ACCESS_TOKEN_TYP)
                .issuer(issuer)
                .subject(subject)
                .audience(audience)
                .issued_now()
                .expires_in(DEFAULT_ACCESS_TOKEN_LIFETIME),
            jti: None,
            error: None,
        }
        .claim("client_id", client_id.into())
    }

    /// Several audiences instead of the one of [`AccessTokenBuilder::new`].
    pub fn audiences(mut self, audiences: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.jwt = self.jwt.audiences(audiences);
        self
    }

    /// Sets `scope` from a list of scope tokens (default: no `scope` claim).
    pub fn scopes(self, scopes: impl IntoIterator<Item = impl AsRef<str>>) -> Self {
        match Scope::from_tokens(scopes) {
            Ok(scope) => self.scope(&scope),
            Err(e) => self.fail(e),
        }
    }

    /// Sets `scope` (default: no `scope` claim).
    pub fn scope(self, scope: &Scope) -> Self {
        self.claim("scope", scope.to_string())
    }

    /// The token's lifetime from its `iat` (default [`DEFAULT_ACCESS_TOKEN_LIFETIME`], 5
    /// minutes).
    pub fn expires_in(mut self, lifetime: Duration) -> Self {
        self.jwt = self.jwt.expires_in(lifetime);
        self
    }

    /// Sets `jti` (default: a fresh random value for each token).
    pub fn jwt_id(mut self, jti: impl Into<String>) -> Self {
        self.jti = Some(jti.into());
        self
    }

    /// Binds the token to a key with `cnf` (RFC 7800; for DPoP, RFC 9449 §6.1,
    /// [`Confirmation::thumbprint_of`]). Default: not bound.
    pub fn confirmation(self, cnf: &Confirmation) -> Self {
        self.claim("cnf", cnf.to_value())
    }

    /// Adds any other claim (`auth_time`, `acr`, `groups`, …; RFC 9068 §2.2.2–§2.2.3.1).
    /// Default: none.
    pub fn claim(mut self, name: impl Into<String>, value: impl Serialize) -> Self {
        match self.jwt.clone().claim(name, value) {
            Ok(jwt) => self.jwt = jwt,
            Err(e) => return self.fail(e.into()),
        }
        self
    }

    /// Sets the `kid` header (default: the signing key's `kid`, if any).
    pub fn kid(mut self, kid: impl Into<String>) -> Self {
        self.jwt = self.jwt.kid(kid);
        self
    }

    /// Reads the current time from `clock` (default: the system clock).
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.jwt = self.jwt.clock(clock);
        self
    }

    fn fail(mut self, e: Error) -> Self {
        self.error.get_or_insert(e);
        self
    }

    /// Signs a token with `key`.
    ///
    /// # Errors
    ///
    /// The first error of a setter; [`Error::Jwt`] from signing.
    pub fn sign(&self, key: &SigningKey) -> Result<String, Error> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        let jti = match &self.jti {
            Some(jti) => jti.clone(),
            None => random_id()?,
        };
        Ok(self.jwt.clone().jwt_id(jti).sign(key)?)
    }
}

#[cfg(test)]
mod tests;
