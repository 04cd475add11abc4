//! The claim validation policy (RFC 7519 §4.1, §7.2; RFC 8725 §3.8, §3.9, §3.11, §3.12).

use core::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::claims::RegisteredClaims;
use crate::decode::shown;
use crate::time::{Clock, SharedClock};
use crate::typ::TypPolicy;
use crate::{Error, NumericDate};
use jose_b64::printable;

/// The largest leeway [`Validation::leeway`] accepts: 10 minutes.
pub const MAX_LEEWAY: Duration = Duration::from_secs(600);

/// A `jti` check of the application's: `true` rejects the token.
type JtiCheck = Arc<dyn Fn(&str) -> bool + Send + Sync>;

/// How the claims of a JWT are validated, with safe defaults.
///
/// | rule | default | change with |
/// | --- | --- | --- |
/// | `exp` | required; rejected when now ≥ exp + leeway | [`Validation::allow_missing_expiration`] |
/// | `nbf` | checked when present: rejected when now + leeway < nbf | |
/// | `iat` | type-checked when present; age and "in the future" only with a maximum age | [`Validation::max_age`] |
/// | leeway | 0, at most 10 minutes | [`Validation::leeway`] |
/// | `iss` | any | [`Validation::issuer`], [`Validation::issuers`] (then required, exact match) |
/// | `aud` | a token with `aud` is **rejected** (RFC 8725 §3.9) | [`Validation::audience`], [`Validation::audiences`] (then required, one exact match), or [`Validation::ignore_audience`] |
/// | `sub` | any | [`Validation::subject`] (then required, exact match) |
/// | `typ` header | none, or `JWT`; a specific type such as `at+jwt` is **rejected** | [`Validation::typ`] (then required), or [`Validation::ignore_typ`] |
/// | other claims | none required | [`Validation::require`] |
/// | `jti` | any | [`Validation::reject_jti`] (then required) |
/// | clock | the system clock | [`Validation::clock`] |
///
/// The claim types are always checked: `exp`, `nbf`, `iat` must be NumericDates (JSON numbers
/// from 0 to 253402300799), `iss`, `sub`, `jti` strings, `aud` a non-empty string or a
/// non-empty array of non-empty strings; anything else makes the token invalid, whether or
/// not a rule asks for the claim.
///
/// The `typ` default follows RFC 8725 §3.11–§3.12 without making every caller name a type:
/// tokens without `typ` or with the generic `JWT` are accepted, and a token that declares a
/// specific type (an `at+jwt` access token, a `logout+jwt` logout token, …) is refused unless
/// the validation expects that type, so that a token made for one purpose is not accepted
/// for another. Types compare as media types (RFC 7515 §4.1.9): case-insensitively, with
/// `application/` implied.
///
/// ```
/// use std::time::Duration;
/// use jose_jwt::{JwtVerifier, Validation};
/// use jose_jws::JwsAlgorithm;
///
/// let access_tokens = Validation::new()
///     .issuer("https://issuer.example")
///     .audience("https://api.example")
///     .typ("at+jwt")
///     .leeway(Duration::from_secs(30));
/// let verifier = JwtVerifier::new([JwsAlgorithm::ES256], access_tokens)?;
///
/// // A leeway above 10 minutes is refused where the verifier is made.
/// let too_lax = Validation::new().leeway(Duration::from_secs(3600));
/// assert!(JwtVerifier::new([JwsAlgorithm::ES256], too_lax).is_err());
/// # let _ = verifier;
/// # Ok::<(), jose_jwt::Error>(())
/// ```
#[derive(Clone)]
pub struct Validation {
    require_exp: bool,
    leeway: Duration,
    issuers: Vec<String>,
    audiences: Vec<String>,
    ignore_audience: bool,
    subject: Option<String>,
    typ: TypPolicy,
    required: Vec<String>,
    max_age: Option<Duration>,
    jti_check: Option<JtiCheck>,
    clock: SharedClock,
}

impl Default for Validation {
    fn default() -> Self {
        Self::new()
    }
}

impl Validation {
    /// The defaults: `exp` required, no leeway, no audience accepted, generic `typ` only,
    /// the system clock.
    pub fn new() -> Self {
        Self {
            require_exp: true,
            leeway: Duration::ZERO,
            issuers: Vec::new(),
            audiences: Vec::new(),
            ignore_audience: false,
            subject: None,
            typ: TypPolicy::Generic,
            required: Vec::new(),
            max_age: None,
            jti_check: None,
            clock: SharedClock::system(),
        }
    }

    /// Accepts tokens without `exp` (which are then valid forever unless a maximum age is
    /// set). An `exp` that is present is still checked.
    pub fn allow_missing_expiration(mut self) -> Self {
        self.require_exp = false;
        self
    }

    /// The clock skew tolerated for `exp`, `nbf` and `iat` (default 0), at most
    /// [`MAX_LEEWAY`] (10 minutes).
    ///
    /// The setter does not fail, so that the chain reads on: a leeway above the maximum is
    /// reported as [`Error::Configuration`] by [`JwtVerifier::new`](crate::JwtVerifier::new),
    /// and by every verification or decryption made with this validation.
    pub fn leeway(mut self, leeway: Duration) -> Self {
        self.leeway = leeway;
        self
    }

    /// [`Error::Configuration`] when a setting is out of range (a leeway above
    /// [`MAX_LEEWAY`]).
    pub(crate) fn check_settings(&self) -> Result<(), Error> {
        if self.leeway > MAX_LEEWAY {
            return Err(Error::configuration(format!(
                "a leeway of {}s is above the maximum of {}s",
                self.leeway.as_secs(),
                MAX_LEEWAY.as_secs()
            )));
        }
        Ok(())
    }

    /// Requires `iss` to be exactly `issuer`.
    pub fn issuer(self, issuer: impl Into<String>) -> Self {
        self.issuers([issuer])
    }

    /// Requires `iss` to be exactly one of `issuers`.
    pub fn issuers(mut self, issuers: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.issuers = issuers.into_iter().map(Into::into).collect();
        self
    }

    /// Requires `aud` to hold exactly `audience` (among its values).
    pub fn audience(self, audience: impl Into<String>) -> Self {
        self.audiences([audience])
    }

    /// Requires `aud` to hold at least one of `audiences` (each compared exactly).
    pub fn audiences(mut self, audiences: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.audiences = audiences.into_iter().map(Into::into).collect();
        self
    }

    /// Accepts a token with any `aud`, or none, when no audience is set. Only for
    /// applications that are the sole audience of their issuer (RFC 8725 §3.9).
    pub fn ignore_audience(mut self) -> Self {
        self.ignore_audience = true;
        self
    }

    /// Requires `sub` to be exactly `subject`.
    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// Requires the `typ` header to be `typ` (RFC 8725 §3.11), such as `"at+jwt"` for OAuth
    /// access tokens (RFC 9068); compared as a media type, so `AT+JWT` and
    /// `application/at+jwt` are the same. For a nested JWT, the inner JWT's `typ` is
    /// checked. An empty value, or one with surrounding spaces, accepts nothing.
    pub fn typ(mut self, typ: impl AsRef<str>) -> Self {
        self.typ = TypPolicy::expect(typ.as_ref());
        self
    }

    /// Accepts any `typ` header, or none.
    pub fn ignore_typ(mut self) -> Self {
        self.typ = TypPolicy::Ignore;
        self
    }

    /// Requires the claim `name` to be present (any claim, registered or not).
    pub fn require(mut self, name: impl Into<String>) -> Self {
        let name = name.into();
        if !self.required.contains(&name) {
            self.required.push(name);
        }
        self
    }

    /// Requires `iat` and rejects a token issued more than `max_age` ago, or in the future
    /// (each with the leeway).
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.max_age = Some(max_age);
        self
    }

    /// Requires `jti` and rejects the token when `rejected(jti)` is true: a revocation
    /// list, a replay cache.
    ///
    /// ```
    /// use std::collections::HashSet;
    /// use jose_jwt::Validation;
    ///
    /// let revoked: HashSet<String> = ["t-17".to_owned()].into();
    /// let validation = Validation::new().reject_jti(move |jti| revoked.contains(jti));
    /// # let _ = validation;
    /// ```
    pub fn reject_jti(mut self, rejected: impl Fn(&str) -> bool + Send + Sync + 'static) -> Self {
        self.jti_check = Some(Arc::new(rejected));
        self
    }

    /// Reads the current time from `clock` (for tests).
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = SharedClock::new(clock);
        self
    }

    /// The leeway.
    pub fn leeway_duration(&self) -> Duration {
        self.leeway
    }

    /// The claims that must be present besides those the rules imply.
    pub(crate) fn required(&self) -> &[String] {
        &self.required
    }

    /// The current time from the clock, once the settings are known to be in range (every
    /// verification and decryption starts here).
    pub(crate) fn now(&self) -> Result<NumericDate, Error> {
        self.check_settings()?;
        NumericDate::from_system_time(self.clock.now()).map_err(|_| {
            Error::configuration(
                "the clock reads a time outside 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z",
            )
        })
    }

    /// Checks the `typ` header (`None` when absent).
    pub(crate) fn check_typ(&self, typ: Option<&str>) -> Result<(), Error> {
        self.typ.check(typ)
    }

    /// Checks the registered claims at time `now` (RFC 7519 §4.1).
    pub(crate) fn check(&self, claims: &RegisteredClaims, now: NumericDate) -> Result<(), Error> {
        self.check_times(claims, now)?;
        self.check_issuer(claims)?;
        self.check_audience(claims)?;
        if let Some(expected) = &self.subject {
            match claims.subject() {
                None => return Err(missing("sub")),
                Some(sub) if sub == expected => {}
                Some(sub) => {
                    return Err(Error::SubjectNotAccepted {
                        found: printable(sub),
                        expected: expected.clone(),
                    });
                }
            }
        }
        if let Some(rejected) = &self.jti_check {
            let jti = claims.jwt_id().ok_or_else(|| missing("jti"))?;
            if rejected(jti) {
                return Err(Error::JtiRejected {
                    jti: printable(jti),
                });
            }
        }
        Ok(())
    }

    /// `exp`, `nbf`, `iat`, with checked arithmetic: `exp + leeway` and the others are
    /// computed as durations since the epoch, which cannot overflow for NumericDates.
    fn check_times(&self, claims: &RegisteredClaims, now: NumericDate) -> Result<(), Error> {
        let leeway = self.leeway;
        let now_d = now.since_epoch();
        match claims.exp {
            None if self.require_exp => return Err(missing("exp")),
            None => {}
            Some(exp) => {
                let limit = exp.since_epoch().checked_add(leeway);
                if limit.is_none_or(|limit| now_d >= limit) {
                    return Err(Error::Expired { exp, now, leeway });
                }
            }
        }
        if let Some(nbf) = claims.nbf {
            let earliest = now_d.checked_add(leeway);
            if earliest.is_none_or(|earliest| earliest < nbf.since_epoch()) {
                return Err(Error::NotYetValid { nbf, now, leeway });
            }
        }
        if let Some(max_age) = self.max_age {
            let iat = claims.iat.ok_or_else(|| missing("iat"))?;
            if now_d.checked_add(leeway) < Some(iat.since_epoch()) {
                return Err(Error::IssuedInFuture { iat, now, leeway });
            }
            let latest = iat
                .since_epoch()
                .checked_add(max_age)
                .and_then(|t| t.checked_add(leeway));
            if latest.is_some_and(|latest| now_d > latest) {
                return Err(Error::TooOld {
                    iat,
                    now,
                    max_age,
                    leeway,
                });
            }
        }
        Ok(())
    }

    fn check_issuer(&self, claims: &RegisteredClaims) -> Result<(), Error> {
        if self.issuers.is_empty() {
            return Ok(());
        }
        match claims.issuer() {
            None => Err(missing("iss")),
            Some(iss) if self.issuers.iter().any(|i| i == iss) => Ok(()),
            Some(iss) => Err(Error::IssuerNotAccepted {
                found: printable(iss),
                expected: self.issuers.clone(),
            }),
        }
    }

    fn check_audience(&self, claims: &RegisteredClaims) -> Result<(), Error> {
        match (claims.audience(), self.audiences.is_empty()) {
            (None, true) => Ok(()),
            (Some(_), true) if self.ignore_audience => Ok(()),
            (Some(aud), true) => Err(Error::UnexpectedAudience {
                found: shown(aud.iter()),
            }),
            (None, false) => Err(missing("aud")),
            (Some(aud), false) if self.audiences.iter().any(|a| aud.contains(a)) => Ok(()),
            (Some(aud), false) => Err(Error::AudienceNotAccepted {
                found: shown(aud.iter()),
                expected: self.audiences.clone(),
            }),
        }
    }
}

fn missing(claim: &str) -> Error {
    Error::MissingClaim {
        claim: claim.to_owned(),
    }
}

impl fmt::Debug for Validation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Validation")
            .field("require_exp", &self.require_exp)
            .field("leeway", &self.leeway)
            .field("issuers", &self.issuers)
            .field("audiences", &self.audiences)
            .field("ignore_audience", &self.ignore_audience)
            .field("subject", &self.subject)
            .field("typ", &self.typ)
            .field("required", &self.required)
            .field("max_age", &self.max_age)
            .field("jti_check", &self.jti_check.is_some())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests;
