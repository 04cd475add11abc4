//! OpenID Connect ID tokens (OpenID Connect Core 1.0 §2, §3.1.3.7, §3.2.2.11, §3.3.2.12).

use std::time::Duration;

use jose_b64::serde_json::{Map, Value};
use jose_jws::{JwsAlgorithm, VerifyingKeyResolver};
use jose_jwt::{Clock, Jwt, JwtVerifier, Validation};

use crate::error::shorten;
use crate::time::SharedClock;
use crate::{Error, claims, token_hash};

/// The largest age of an ID token (`iat` before now) accepted by default: 10 minutes.
pub const DEFAULT_ID_TOKEN_MAX_AGE: Duration = Duration::from_secs(600);

/// Verifies ID tokens at a relying party (OpenID Connect Core 1.0 §3.1.3.7, with §3.2.2.11
/// for the implicit flow and §3.3.2.12 for the hybrid flow).
///
/// | step of §3.1.3.7 | rule | error |
/// | --- | --- | --- |
/// | 2 | `iss` exactly the issuer | [`Error::Jwt`] (`iss`) |
/// | 3 | `aud` contains the client id; every other audience trusted ([`IdTokenVerifier::trusted_audiences`]) | [`Error::Jwt`] (`aud`) |
/// | 4–5 | several audiences: `azp` required; `azp` present: equal to the client id | [`Error::AuthorizedParty`] |
/// | 6–8 | the signature, with the caller's algorithms and keys (`none` never) | [`Error::Jwt`] |
/// | 9 | `exp` required and not passed | [`Error::Jwt`] (`exp`) |
/// | 10 | `iat` required, at most [`IdTokenVerifier::max_token_age`] old (default 10 minutes) and not in the future | [`Error::Jwt`] (`iat`) |
/// | 11 | `nonce` equal to the one sent ([`IdTokenContext::nonce`]) | [`Error::NonceMismatch`] |
/// | 12 | `acr` among the requested values ([`IdTokenContext::acr_values`]) | [`Error::AcrNotAccepted`] |
/// | 13 | `auth_time` within `max_age` ([`IdTokenContext::max_age`]) | [`Error::AuthenticationTooOld`] |
/// | §3.2.2.9, §3.3.2.11 | `at_hash`, `c_hash` ([`IdTokenContext::access_token`], [`IdTokenContext::code`]) | [`Error::TokenHashMismatch`] |
///
/// `sub` is required too (§2). The `typ` header may be absent or `JWT`; a token of a
/// specific type (an `at+jwt` access token, a `logout+jwt` logout token) is refused with
/// [`Error::TokenType`].
///
/// ```
/// use jose_jwk::{EcCurve, Jwk, KeySpec};
/// use jose_jws::{JwsAlgorithm, SigningKey};
/// use jose_jwt::JwtBuilder;
/// use jose_oauth::{IdTokenContext, IdTokenVerifier};
///
/// let key = SigningKey::from_jwk(&Jwk::generate(KeySpec::Ec(EcCurve::P256))?, JwsAlgorithm::ES256)?;
/// let id_token = JwtBuilder::new()
///     .issuer("https://op.example").audience("client-1").subject("248289761001")
///     .claim("nonce", "n-0S6_WzA2Mj")?
///     .issued_now().expires_in(std::time::Duration::from_secs(300))
///     .sign(&key)?;
///
/// let verifier = IdTokenVerifier::new([JwsAlgorithm::ES256], "https://op.example", "client-1")?;
/// let verified = verifier.verify(&id_token, key.verifying_key(), &IdTokenContext::new().nonce("n-0S6_WzA2Mj"))?;
/// assert_eq!(verified.subject(), "248289761001");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct IdTokenVerifier {
    algorithms: Vec<JwsAlgorithm>,
    client_id: String,
    trusted: Vec<String>,
    validation: Validation,
    clock: SharedClock,
    verifier: JwtVerifier,
    error: Option<Error>,
}

impl IdTokenVerifier {
    /// A verifier of the ID tokens of `issuer` (compared exactly) for the client
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
        let clock = SharedClock::system();
        let validation = Validation::new()
            .issuer(issuer)
            .max_age(DEFAULT_ID_TOKEN_MAX_AGE)
            .require("sub")
            .clock(clock.clone());
        let algorithms: Vec<JwsAlgorithm> = algorithms.into_iter().collect();
        let client_id: String = client_id.into();
        Ok(Self {
            verifier: JwtVerifier::new(
                algorithms.iter().copied(),
                validation.clone().audience(client_id.clone()),
            )?,
            algorithms,
            client_id,
            trusted: Vec::new(),
            validation,
            clock,
            error: None,
        })
    }

    /// Accepts these audiences besides the client id (default: none; OpenID Connect Core
    /// 1.0 §3.1.3.7 step 3 refuses audiences the client does not trust).
    pub fn trusted_audiences(
        mut self,
        audiences: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        self.trusted = audiences.into_iter().map(Into::into).collect();
        self.rebuild();
        self
    }

    /// The largest accepted age of the token, from its `iat` (default
    /// [`DEFAULT_ID_TOKEN_MAX_AGE`], 10 minutes).
    pub fn max_token_age(mut self, max_age: Duration) -> Self {
        self.validation = self.validation.max_age(max_age);
        self.rebuild();
        self
    }

    /// The clock skew tolerated for `exp`, `iat` and `auth_time` (default 0; at most 10
    /// minutes, a larger value is reported by [`IdTokenVerifier::verify`]).
    pub fn leeway(mut self, leeway: Duration) -> Self {
        self.validation = self.validation.clone().leeway(leeway);
        self.rebuild();
        self
    }

    /// Reads the current time from `clock` (default: the system clock).
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = SharedClock::new(clock);
        self.validation = self.validation.clone().clock(self.clock.clone());
        self.rebuild();
        self
    }

    /// Makes the JWT verifier again after a setter changed the validation.
    fn rebuild(&mut self) {
        let audiences =
            core::iter::once(self.client_id.clone()).chain(self.trusted.iter().cloned());
        let validation = self.validation.clone().audiences(audiences);
        match JwtVerifier::new(self.algorithms.iter().copied(), validation) {
            Ok(verifier) => self.verifier = verifier,
            Err(e) => {
                self.error.get_or_insert(e.into());
            }
        }
    }

    /// Verifies `id_token` with a key from `keys` (the provider's JWK Set) and checks it
    /// against what the client sent and received with it (`context`).
    ///
    /// # Errors
    ///
    /// The errors of the table above; a configuration error of a setter.
    pub fn verify(
        &self,
        id_token: &str,
        keys: &(impl VerifyingKeyResolver + ?Sized),
        context: &IdTokenContext,
    ) -> Result<IdToken, Error> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        let jwt = self.verifier.verify(id_token, keys)?;
        let alg = jwt
            .signature()
            .map(|s| s.alg())
            .ok_or_else(|| Error::configuration("an ID token must be signed"))?;
        let claims = jwt.claims();
        self.check_audiences(&jwt)?;
        let azp = claims::string(claims, "azp")?;
        let several = jwt.registered().audience().is_some_and(|a| a.len() > 1);
        match azp {
            None if several => {
                return Err(Error::AuthorizedParty {
                    reason: "the token has several audiences and no azp".into(),
                });
            }
            Some(azp) if azp != self.client_id => {
                return Err(Error::AuthorizedParty {
                    reason: format!("azp \"{}\" is not this client", shorten(azp)),
                });
            }
            _ => {}
        }
        let nonce = claims::string(claims, "nonce")?;
        if let Some(sent) = &context.nonce {
            match nonce {
                None => return Err(Error::missing("nonce")),
                Some(nonce) if nonce != sent => return Err(Error::NonceMismatch),
                Some(_) => {}
            }
        }
        let acr = claims::string(claims, "acr")?;
        if !context.acr_values.is_empty()
            && !acr.is_some_and(|a| context.acr_values.iter().any(|v| v == a))
        {
            return Err(Error::AcrNotAccepted {
                found: acr.map(shorten),
                expected: context.acr_values.clone(),
            });
        }
        let auth_time = claims::numeric_date(claims, "auth_time")?;
        if let Some(max_age) = context.max_age {
            let auth_time = auth_time.ok_or_else(|| Error::missing("auth_time"))?;
            let now = self.clock.now_secs();
            let limit = auth_time
                .saturating_add(max_age.as_secs())
                .saturating_add(self.validation.leeway_duration().as_secs());
            if now > limit {
                return Err(Error::AuthenticationTooOld {
                    auth_time,
                    now,
                    max_age,
                });
            }
        }
        for (claim, value, required) in [
            ("at_hash", &context.access_token, context.at_hash_required),
            ("c_hash", &context.code, true),
        ] {
            let Some(value) = value else { continue };
            match claims::string(claims, claim)? {
                Some(received) => token_hash::check(claim, received, alg, value)?,
                None if required => return Err(Error::missing(claim)),
                None => {}
            }
        }
        Ok(IdToken { jwt })
    }

    /// Every audience must be the client or trusted (§3.1.3.7 step 3).
    fn check_audiences(&self, jwt: &Jwt) -> Result<(), Error> {
        let Some(aud) = jwt.registered().audience() else {
            return Err(Error::missing("aud"));
        };
        let untrusted: Vec<String> = aud
            .iter()
            .filter(|a| *a != self.client_id && !self.trusted.iter().any(|t| t == a))
            .map(shorten)
            .collect();
        if untrusted.is_empty() {
            return Ok(());
        }
        let mut expected = vec![self.client_id.clone()];
        expected.extend(self.trusted.iter().cloned());
        Err(Error::Jwt(jose_jwt::Error::AudienceNotAccepted {
            found: untrusted,
            expected,
        }))
    }
}

/// What the client sent in the authentication request and received with the ID token: the
/// values [`IdTokenVerifier::verify`] checks the token against.
///
/// Each is optional, and a check is made only for what is given: **give the `nonce` you
/// sent** (required in the implicit and hybrid flows), and the access token and code that
/// came with the ID token.
#[derive(Clone, Debug, Default)]
#[must_use]
pub struct IdTokenContext {
    nonce: Option<String>,
    max_age: Option<Duration>,
    acr_values: Vec<String>,
    access_token: Option<String>,
    at_hash_required: bool,
    code: Option<String>,
}

impl IdTokenContext {
    /// Nothing sent, nothing received with the token.
    pub fn new() -> Self {
        Self::default()
    }

    /// The `nonce` sent in the authentication request: the token's must be equal (default:
    /// the token's `nonce` is not checked).
    pub fn nonce(mut self, nonce: impl Into<String>) -> Self {
        self.nonce = Some(nonce.into());
        self
    }

    /// The `max_age` sent in the authentication request: `auth_time` is then required and
    /// must be at most this long ago, with the leeway (default: not checked).
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.max_age = Some(max_age);
        self
    }

    /// The `acr_values` requested: the token's `acr` is then required and must be one of
    /// them (default: not checked).
    pub fn acr_values(mut self, values: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.acr_values = values.into_iter().map(Into::into).collect();
        self
    }

    /// The access token that came with the ID token from the authorization endpoint
    /// (implicit `id_token token`, hybrid `code id_token token`): `at_hash` is then required
    /// and must be its hash (§3.2.2.10, §3.3.2.11). Default: none.
    pub fn access_token(mut self, access_token: impl Into<String>) -> Self {
        self.access_token = Some(access_token.into());
        self.at_hash_required = true;
        self
    }

    /// The access token that came with the ID token from the token endpoint: `at_hash` is
    /// optional there, and checked when present (§3.1.3.8, §3.3.3.9). Default: none.
    pub fn token_endpoint_access_token(mut self, access_token: impl Into<String>) -> Self {
        self.access_token = Some(access_token.into());
        self.at_hash_required = false;
        self
    }

    /// The authorization code that came with the ID token (hybrid flow): `c_hash` is then
    /// required and must be its hash (§3.3.2.11). Default: none.
    pub fn code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }
}

/// A verified ID token.
#[derive(Clone, Debug)]
pub struct IdToken {
    jwt: Jwt,
}

impl IdToken {
    /// The whole verified JWT: header, claims, registered claims.
    pub fn jwt(&self) -> &Jwt {
        &self.jwt
    }

    /// All claims (`name`, `email`, … as the provider sent them).
    pub fn claims(&self) -> &Map<String, Value> {
        self.jwt.claims()
    }

    /// `sub`: the end-user's identifier at the issuer (with `iss`, the user's key).
    pub fn subject(&self) -> &str {
        self.jwt.subject().unwrap_or_default()
    }

    /// `iss`.
    pub fn issuer(&self) -> &str {
        self.jwt.issuer().unwrap_or_default()
    }

    /// `nonce`, if any.
    pub fn nonce(&self) -> Option<&str> {
        self.str_claim("nonce")
    }

    /// `azp`, if any.
    pub fn authorized_party(&self) -> Option<&str> {
        self.str_claim("azp")
    }

    /// `acr`, if any.
    pub fn acr(&self) -> Option<&str> {
        self.str_claim("acr")
    }

    /// `sid` (the session id of OpenID Connect Front- and Back-Channel Logout), if any.
    pub fn session_id(&self) -> Option<&str> {
        self.str_claim("sid")
    }

    /// `auth_time`, in seconds since the epoch, if any.
    pub fn auth_time(&self) -> Option<u64> {
        claims::numeric_date(self.claims(), "auth_time")
            .ok()
            .flatten()
    }

    fn str_claim(&self, name: &str) -> Option<&str> {
        self.claims().get(name).and_then(Value::as_str)
    }
}

#[cfg(test)]
mod tests;
