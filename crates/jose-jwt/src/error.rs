//! The one error type of this crate.

use core::fmt;
use std::time::Duration;

use jose_b64::{ErrorCode, codes};

use crate::NumericDate;
use crate::time::Secs;

/// Everything that can go wrong while producing or validating a JWT.
///
/// Messages name the failing claim and the reason (`token expired at 2011-03-22T18:43:00Z (now
/// 2026-01-02T00:00:00Z, leeway 0s)`); [`Error::code`] gives a stable code in the style of
/// Node's `jose` (`ERR_JWT_EXPIRED`, `ERR_JWT_CLAIM_VALIDATION_FAILED`, `ERR_JWT_INVALID`), and
/// [`Error::claim`] the claim (or `typ` header) concerned. Text taken from the token (an
/// issuer, an audience, a subject, a `jti`, a `typ`) is escaped and shortened; no key material
/// appears in a message, and a claims set that does not fit the application's type is
/// described by position, not by value. The values named are the token's own: for an
/// encrypted JWT whose claims are confidential, log the message rather than return it to the
/// token's bearer.
///
/// # Errors of every layer, reported by one function
///
/// Every error type of jose-rs implements [`jose_b64::ErrorCode`], whose codes are the one list
/// [`jose_b64::codes`]; a key error converts into this one with `?`:
///
/// ```
/// use jose_b64::ErrorCode;
///
/// /// `CODE: message`, for an error of any jose-rs crate.
/// fn report(e: &(impl std::error::Error + ErrorCode)) -> String {
///     format!("{}: {e}", e.code())
/// }
///
/// fn load_key() -> Result<(), jose_jwt::Error> {
///     Err(jose_jwk::Error::NotPrivate)? // a jose-jwk error, through `?`
/// }
///
/// let b64 = jose_b64::base64url::decode("A").unwrap_err();
/// assert!(report(&b64).starts_with("ERR_BASE64URL_INVALID: invalid base64url"));
/// assert_eq!(
///     report(&jose_jws::Error::InvalidSignature),
///     "ERR_JWS_SIGNATURE_VERIFICATION_FAILED: signature verification failed"
/// );
/// assert_eq!(
///     report(&jose_jwe::Error::DecryptionFailed),
///     "ERR_JWE_DECRYPTION_FAILED: JWE decryption failed"
/// );
/// let jwt = load_key().unwrap_err();
/// assert_eq!(
///     report(&jwt),
///     "ERR_JWK_WRONG_KIND: a private key is required but this JWK is public"
/// );
/// assert!(jose_b64::codes::ALL.contains(&jwt.code()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The JWS layer refused the token: malformed, algorithm not allowed, no key, bad
    /// signature, … (the code is the JWS error's).
    Jws(jose_jws::Error),
    /// The JWE layer refused the token: malformed, algorithm not allowed, no key, decryption
    /// failed, … (the code is the JWE error's).
    Jwe(jose_jwe::Error),
    /// A key could not be read or used: a JWK that is not valid, a key that does not fit the
    /// algorithm, … (the code is the JWK error's).
    Key(jose_jwk::Error),
    /// The token is not a JWT of the form expected: a JWE where a signed JWT is expected (or
    /// the reverse), a nested JWT where none is expected, an inner token that is not a JWS, …
    Malformed {
        /// What is wrong.
        reason: String,
    },
    /// The JWT Claims Set is not a strict JSON object (RFC 7519 §7.2 step 10): not JSON, not
    /// UTF-8, a duplicate member name, an array or other non-object, too deep or too large.
    ClaimsSet(jose_b64::Error),
    /// A registered claim has the wrong type or is out of range: `exp`, `nbf`, `iat` not a
    /// NumericDate; `iss`, `sub`, `jti` not a string; `aud` neither a non-empty string nor a
    /// non-empty array of non-empty strings.
    InvalidClaim {
        /// The claim.
        claim: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// The claims do not deserialize into the application's type.
    CustomClaims {
        /// What the deserializer reported.
        reason: String,
    },
    /// A claim the validation requires is missing.
    MissingClaim {
        /// The claim.
        claim: String,
    },
    /// `exp` has passed: now ≥ exp + leeway.
    Expired {
        /// The token's `exp`.
        exp: NumericDate,
        /// The time of validation.
        now: NumericDate,
        /// The leeway allowed.
        leeway: Duration,
    },
    /// `nbf` has not come yet: now + leeway < nbf.
    NotYetValid {
        /// The token's `nbf`.
        nbf: NumericDate,
        /// The time of validation.
        now: NumericDate,
        /// The leeway allowed.
        leeway: Duration,
    },
    /// `iat` is in the future (checked with a maximum token age only).
    IssuedInFuture {
        /// The token's `iat`.
        iat: NumericDate,
        /// The time of validation.
        now: NumericDate,
        /// The leeway allowed.
        leeway: Duration,
    },
    /// The token is older than the maximum age: now > iat + max age + leeway.
    TooOld {
        /// The token's `iat`.
        iat: NumericDate,
        /// The time of validation.
        now: NumericDate,
        /// The maximum age.
        max_age: Duration,
        /// The leeway allowed.
        leeway: Duration,
    },
    /// `iss` is not one of the accepted issuers (compared byte for byte).
    IssuerNotAccepted {
        /// The token's `iss`, escaped and shortened.
        found: String,
        /// The accepted issuers.
        expected: Vec<String>,
    },
    /// No value of `aud` is an accepted audience (compared byte for byte).
    AudienceNotAccepted {
        /// The token's `aud` values, escaped and shortened.
        found: Vec<String>,
        /// The accepted audiences.
        expected: Vec<String>,
    },
    /// The token has `aud` but the validation expects no audience (RFC 8725 §3.9); call
    /// [`crate::Validation::audience`] or, explicitly, [`crate::Validation::ignore_audience`].
    UnexpectedAudience {
        /// The token's `aud` values, escaped and shortened.
        found: Vec<String>,
    },
    /// `sub` is not the expected subject.
    SubjectNotAccepted {
        /// The token's `sub`, escaped and shortened.
        found: String,
        /// The expected subject.
        expected: String,
    },
    /// The `typ` header is not the expected type (RFC 8725 §3.11), or the token carries a
    /// specific type that the validation was not told to accept.
    TypeNotAccepted {
        /// The token's `typ` (escaped and shortened), if any.
        found: Option<String>,
        /// What the validation accepts.
        expected: String,
    },
    /// The application's `jti` check rejected the token (a revocation list, a replay cache).
    JtiRejected {
        /// The token's `jti`, escaped and shortened.
        jti: String,
    },
    /// A [`crate::JwtDecrypter`] whose allow-list holds a public-key key management algorithm
    /// (`RSA1_5`, `RSA-OAEP*`, `ECDH-ES*`) without
    /// [`crate::JwtDecrypter::allow_public_key_encryption`]: anyone holding the public key can
    /// make a token it would accept, so such a token says nothing about its issuer.
    PublicKeyEncryptionNotAllowed {
        /// The first such algorithm of the allow-list.
        alg: &'static str,
    },
    /// A configuration or builder value is not acceptable: a leeway above 10 minutes, an
    /// empty expected issuer, a token without `exp` and without an explicit "no expiry", a
    /// clock outside the NumericDate range, …
    Configuration {
        /// What is wrong.
        reason: String,
    },
}

impl Error {
    /// A stable, machine-readable code for this error: [`ErrorCode::code`], callable without
    /// importing the trait.
    ///
    /// `ERR_JWT_EXPIRED` for an expired token; `ERR_JWT_CLAIM_VALIDATION_FAILED` when a claim
    /// (or `typ`) does not meet the validation's rules; `ERR_JWT_INVALID` when the token is
    /// not a well-formed JWT; `ERR_JOSE_CONFIGURATION` for a configuration error; the JWS,
    /// JWE or JWK error's code for [`Error::Jws`], [`Error::Jwe`] and [`Error::Key`].
    ///
    /// ```
    /// use jose_jwt::{Error, NumericDate};
    ///
    /// let e = Error::Expired {
    ///     exp: NumericDate::from_secs(1_300_819_380)?,
    ///     now: NumericDate::from_secs(1_300_819_400)?,
    ///     leeway: std::time::Duration::ZERO,
    /// };
    /// assert_eq!(e.code(), "ERR_JWT_EXPIRED");
    /// assert_eq!(e.claim(), Some("exp"));
    /// assert_eq!(e.to_string(),
    ///     "token expired at 2011-03-22T18:43:00Z (now 2011-03-22T18:43:20Z, leeway 0s)");
    /// # Ok::<(), Error>(())
    /// ```
    pub fn code(&self) -> &'static str {
        ErrorCode::code(self)
    }

    /// The claim this error is about (`"exp"`, `"aud"`, …; `"typ"` for the header), if any.
    pub fn claim(&self) -> Option<&str> {
        match self {
            Self::InvalidClaim { claim, .. } => Some(claim),
            Self::MissingClaim { claim } => Some(claim),
            Self::Expired { .. } => Some("exp"),
            Self::NotYetValid { .. } => Some("nbf"),
            Self::IssuedInFuture { .. } | Self::TooOld { .. } => Some("iat"),
            Self::IssuerNotAccepted { .. } => Some("iss"),
            Self::AudienceNotAccepted { .. } | Self::UnexpectedAudience { .. } => Some("aud"),
            Self::SubjectNotAccepted { .. } => Some("sub"),
            Self::TypeNotAccepted { .. } => Some("typ"),
            Self::JtiRejected { .. } => Some("jti"),
            _ => None,
        }
    }

    pub(crate) fn malformed(reason: impl Into<String>) -> Self {
        Self::Malformed {
            reason: reason.into(),
        }
    }

    pub(crate) fn configuration(reason: impl Into<String>) -> Self {
        Self::Configuration {
            reason: reason.into(),
        }
    }

    pub(crate) fn invalid_claim(claim: &'static str, reason: impl Into<String>) -> Self {
        Self::InvalidClaim {
            claim,
            reason: reason.into(),
        }
    }
}

impl ErrorCode for Error {
    fn code(&self) -> &'static str {
        match self {
            Self::Jws(e) => e.code(),
            Self::Jwe(e) => e.code(),
            Self::Key(e) => e.code(),
            Self::Malformed { .. }
            | Self::ClaimsSet(_)
            | Self::InvalidClaim { .. }
            | Self::CustomClaims { .. } => codes::JWT_INVALID,
            Self::Expired { .. } => codes::JWT_EXPIRED,
            Self::MissingClaim { .. }
            | Self::NotYetValid { .. }
            | Self::IssuedInFuture { .. }
            | Self::TooOld { .. }
            | Self::IssuerNotAccepted { .. }
            | Self::AudienceNotAccepted { .. }
            | Self::UnexpectedAudience { .. }
            | Self::SubjectNotAccepted { .. }
            | Self::TypeNotAccepted { .. }
            | Self::JtiRejected { .. } => codes::JWT_CLAIM_VALIDATION_FAILED,
            Self::Configuration { .. } | Self::PublicKeyEncryptionNotAllowed { .. } => {
                codes::JOSE_CONFIGURATION
            }
        }
    }
}

/// A key error, so that `?` works on jose-jwk's key functions (`Jwk::from_json`,
/// `JwkSet::from_json`, …) in code that returns this crate's error.
impl From<jose_jwk::Error> for Error {
    fn from(e: jose_jwk::Error) -> Self {
        Self::Key(e)
    }
}

impl From<jose_jws::Error> for Error {
    fn from(e: jose_jws::Error) -> Self {
        Self::Jws(e)
    }
}

impl From<jose_jwe::Error> for Error {
    fn from(e: jose_jwe::Error) -> Self {
        Self::Jwe(e)
    }
}

/// `"a", "b"`
struct Quoted<'a>(&'a [String]);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, value) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "\"{value}\"")?;
        }
        Ok(())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Jws(e) => write!(f, "{e}"),
            Self::Jwe(e) => write!(f, "{e}"),
            Self::Key(e) => write!(f, "{e}"),
            Self::Malformed { reason } => write!(f, "invalid JWT: {reason}"),
            Self::ClaimsSet(e) => write!(f, "invalid JWT Claims Set: {e}"),
            Self::InvalidClaim { claim, reason } => {
                write!(f, "invalid \"{claim}\" claim: {reason}")
            }
            Self::CustomClaims { reason } => {
                write!(f, "the claims do not fit the application's type: {reason}")
            }
            Self::MissingClaim { claim } => write!(f, "missing required \"{claim}\" claim"),
            Self::Expired { exp, now, leeway } => write!(
                f,
                "token expired at {exp} (now {now}, leeway {})",
                Secs(*leeway)
            ),
            Self::NotYetValid { nbf, now, leeway } => write!(
                f,
                "token not valid before {nbf} (now {now}, leeway {})",
                Secs(*leeway)
            ),
            Self::IssuedInFuture { iat, now, leeway } => write!(
                f,
                "token issued in the future, at {iat} (now {now}, leeway {})",
                Secs(*leeway)
            ),
            Self::TooOld {
                iat,
                now,
                max_age,
                leeway,
            } => write!(
                f,
                "token issued at {iat} is older than the maximum age of {} (now {now}, leeway {})",
                Secs(*max_age),
                Secs(*leeway)
            ),
            Self::IssuerNotAccepted { found, expected } => write!(
                f,
                "issuer \"{found}\" not accepted (expected {})",
                OneOf(expected)
            ),
            Self::AudienceNotAccepted { found, expected } => write!(
                f,
                "audience {} not accepted (expected {})",
                Values(found),
                OneOf(expected)
            ),
            Self::UnexpectedAudience { found } => write!(
                f,
                "the token has audience {} but no audience is expected \
                 (set the accepted audiences, or ignore the audience explicitly)",
                Values(found)
            ),
            Self::SubjectNotAccepted { found, expected } => {
                write!(
                    f,
                    "subject \"{found}\" not accepted (expected \"{expected}\")"
                )
            }
            Self::TypeNotAccepted {
                found: Some(found),
                expected,
            } => write!(f, "token type (typ) \"{found}\" not accepted ({expected})"),
            Self::TypeNotAccepted {
                found: None,
                expected,
            } => write!(f, "token has no type (typ) header ({expected})"),
            Self::JtiRejected { jti } => write!(f, "token id (jti) \"{jti}\" was rejected"),
            Self::Configuration { reason } => write!(f, "invalid JWT configuration: {reason}"),
            Self::PublicKeyEncryptionNotAllowed { alg } => write!(
                f,
                "JwtDecrypter refuses {alg}: with public-key key management anyone who has the \
                 public key can make a token it accepts; to know the issuer, sign then encrypt \
                 (JwtBuilder::sign_then_encrypt, read with NestedJwtVerifier), or, if the \
                 claims need no known issuer, call JwtDecrypter::allow_public_key_encryption"
            ),
        }
    }
}

/// `"x"` for one value, `["x", "y"]` for several.
struct Values<'a>(&'a [String]);

impl fmt::Display for Values<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            [one] => write!(f, "\"{one}\""),
            many => write!(f, "[{}]", Quoted(many)),
        }
    }
}

/// `"x"` for one value, `one of "x", "y"` for several.
struct OneOf<'a>(&'a [String]);

impl fmt::Display for OneOf<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            [one] => write!(f, "\"{one}\""),
            many => write!(f, "one of {}", Quoted(many)),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Jws(e) => Some(e),
            Self::Jwe(e) => Some(e),
            Self::Key(e) => Some(e),
            Self::ClaimsSet(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(secs: u64) -> NumericDate {
        NumericDate::from_secs(secs).unwrap()
    }

    #[test]
    fn every_variant_has_a_code_and_a_message() {
        let errors = [
            Error::Jws(jose_jws::Error::InvalidSignature),
            Error::Jwe(jose_jwe::Error::DecryptionFailed),
            Error::malformed("x"),
            Error::ClaimsSet(jose_b64::Error::TooDeep { max_depth: 1 }),
            Error::invalid_claim("exp", "is a string"),
            Error::CustomClaims { reason: "r".into() },
            Error::MissingClaim {
                claim: "exp".into(),
            },
            Error::Expired {
                exp: date(0),
                now: date(1),
                leeway: Duration::ZERO,
            },
            Error::NotYetValid {
                nbf: date(2),
                now: date(1),
                leeway: Duration::from_secs(1),
            },
            Error::IssuedInFuture {
                iat: date(2),
                now: date(1),
                leeway: Duration::ZERO,
            },
            Error::TooOld {
                iat: date(0),
                now: date(100),
                max_age: Duration::from_secs(10),
                leeway: Duration::ZERO,
            },
            Error::IssuerNotAccepted {
                found: "a".into(),
                expected: vec!["b".into()],
            },
            Error::AudienceNotAccepted {
                found: vec!["x".into()],
                expected: vec!["a".into(), "b".into()],
            },
            Error::UnexpectedAudience {
                found: vec!["x".into(), "y".into()],
            },
            Error::SubjectNotAccepted {
                found: "a".into(),
                expected: "b".into(),
            },
            Error::TypeNotAccepted {
                found: Some("at+jwt".into()),
                expected: "expected \"JWT\"".into(),
            },
            Error::TypeNotAccepted {
                found: None,
                expected: "expected \"at+jwt\"".into(),
            },
            Error::JtiRejected { jti: "j".into() },
            Error::configuration("c"),
            Error::PublicKeyEncryptionNotAllowed { alg: "ECDH-ES" },
        ];
        for e in &errors {
            assert!(codes::ALL.contains(&e.code()), "{e:?}");
            assert!(!e.to_string().is_empty());
        }
        assert_eq!(errors[0].code(), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
        assert_eq!(errors[1].code(), "ERR_JWE_DECRYPTION_FAILED");
        assert_eq!(
            errors[12].to_string(),
            "audience \"x\" not accepted (expected one of \"a\", \"b\")"
        );
        assert_eq!(
            errors[11].to_string(),
            "issuer \"a\" not accepted (expected \"b\")"
        );
        assert!(errors[13].to_string().contains("[\"x\", \"y\"]"));
        assert_eq!(
            errors[8].to_string(),
            "token not valid before 1970-01-01T00:00:02Z (now 1970-01-01T00:00:01Z, leeway 1s)"
        );
        assert_eq!(errors[12].claim(), Some("aud"));
        assert_eq!(errors[6].claim(), Some("exp"));
        assert_eq!(errors[0].claim(), None);
        assert!(std::error::Error::source(&errors[0]).is_some());
        assert!(std::error::Error::source(&errors[2]).is_none());
    }

    #[test]
    fn a_key_error_keeps_the_jwk_code() {
        let e = Error::from(jose_jwk::Error::NotPrivate);
        assert_eq!(e, Error::Key(jose_jwk::Error::NotPrivate));
        assert_eq!(e.code(), "ERR_JWK_WRONG_KIND");
        assert!(codes::ALL.contains(&e.code()));
        assert_eq!(e.to_string(), jose_jwk::Error::NotPrivate.to_string());
        assert!(std::error::Error::source(&e).is_some());
    }
}
