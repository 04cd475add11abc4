//! The one error type of this crate.

use core::fmt;
use std::time::Duration;

/// Everything that can go wrong while issuing or checking an access token, an ID token, a
/// logout token or a DPoP proof.
///
/// [`Error::code`] gives a stable code: the JWT layer's own (`ERR_JWT_EXPIRED`, …) for
/// [`Error::Jwt`], and `ERR_OAUTH_…`, `ERR_OIDC_…`, `ERR_DPOP_…` for the profiles' rules.
/// Text taken from a token is escaped and shortened; no key material appears in a message.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The JWT layer refused the token: signature, algorithm, a registered claim (`exp`,
    /// `iss`, `aud`, …), a required claim that is missing (the code is the JWT error's).
    Jwt(jose_jwt::Error),
    /// The `typ` header is not that of the profile (RFC 8725 §3.11): an ID token offered as
    /// an access token, an access token as an ID token, a token without `typ` where the
    /// profile requires one, …
    TokenType {
        /// The token's `typ` (escaped and shortened), if any.
        found: Option<String>,
        /// What the profile accepts.
        expected: String,
    },
    /// A claim of the profile has the wrong type or an unusable value: `scope` not a
    /// string, `client_id` not a string, `nonce` in a logout token, `cnf` malformed, …
    InvalidClaim {
        /// The claim.
        claim: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// The access token lacks scopes the resource requires (RFC 6750 §3.1
    /// `insufficient_scope`).
    InsufficientScope {
        /// The required scopes the token does not have.
        missing: Vec<String>,
    },
    /// The ID token's `nonce` is not the one sent in the authentication request (OpenID
    /// Connect Core 1.0 §3.1.3.7 step 11).
    NonceMismatch,
    /// The ID token has several audiences and no `azp`, or an `azp` that is not the client
    /// (OpenID Connect Core 1.0 §3.1.3.7 steps 4–5).
    AuthorizedParty {
        /// What is wrong.
        reason: String,
    },
    /// The end-user authenticated longer ago than the `max_age` of the request (OpenID
    /// Connect Core 1.0 §3.1.3.7 step 13).
    AuthenticationTooOld {
        /// The token's `auth_time`, in seconds since the epoch.
        auth_time: u64,
        /// The time of validation, in seconds since the epoch.
        now: u64,
        /// The request's `max_age`.
        max_age: Duration,
    },
    /// The ID token's `acr` is not one of the requested values (OpenID Connect Core 1.0
    /// §3.1.3.7 step 12).
    AcrNotAccepted {
        /// The token's `acr` (escaped and shortened), if any.
        found: Option<String>,
        /// The accepted values.
        expected: Vec<String>,
    },
    /// `at_hash` or `c_hash` is not the hash of the access token or code (OpenID Connect
    /// Core 1.0 §3.2.2.9, §3.3.2.11), or not even a value of the right length.
    TokenHashMismatch {
        /// `at_hash` or `c_hash`.
        claim: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// The token's algorithm has no hash function for `at_hash`/`c_hash` that this crate
    /// knows; the hash is refused rather than guessed.
    TokenHashAlgorithm {
        /// The algorithm.
        alg: String,
    },
    /// The logout token's `events` claim lacks the back-channel logout event, or is not a
    /// JSON object (OpenID Connect Back-Channel Logout 1.0 §2.4, §2.6).
    LogoutEvent {
        /// What is wrong.
        reason: String,
    },
    /// The DPoP proof is not a valid JWT of its type: not a JWS, a bad signature, `typ` not
    /// `dpop+jwt`, a required claim (`jti`, `htm`, `htu`, `iat`) missing or of the wrong type
    /// (RFC 9449 §4.3 points 2–4, 6); [`Error::claim`] names the claim.
    DpopProof(jose_jwt::Error),
    /// The DPoP proof's `jwk` header is missing, not a JWK, a private key, or a key that does
    /// not fit the proof's `alg` (RFC 9449 §4.3 points 5–6).
    DpopKey {
        /// What is wrong.
        reason: String,
    },
    /// The DPoP proof's `alg` is symmetric, `none`, or not among the server's accepted
    /// algorithms (RFC 9449 §4.3 point 5).
    DpopAlgorithm {
        /// The proof's `alg` (escaped and shortened).
        alg: String,
    },
    /// The DPoP proof's `htm` is not the request's method (RFC 9449 §4.3 point 8).
    HtmMismatch {
        /// The proof's `htm` (escaped and shortened).
        found: String,
        /// The request's method.
        expected: String,
    },
    /// The DPoP proof's `htu` is not the request's URI, compared without query and fragment
    /// after normalization (RFC 9449 §4.3 point 9).
    HtuMismatch {
        /// What differs.
        reason: String,
    },
    /// The DPoP proof's `iat` is outside the accepted window around the server's time (RFC
    /// 9449 §4.3 point 11, §11.1).
    IatOutOfWindow {
        /// The proof's `iat`, in seconds since the epoch.
        iat: u64,
        /// The time of validation, in seconds since the epoch.
        now: u64,
    },
    /// The access token's `jti` is on the deny-list of revoked tokens.
    Revoked,
    /// The `jti` was seen before, within its lifetime: a replayed DPoP proof, a revoked or
    /// already used one-time token (RFC 9449 §11.1).
    Replayed,
    /// The DPoP proof's `ath` is missing or is not the hash of the access token it is
    /// presented with (RFC 9449 §4.3 point 12 with §4.2).
    AthMismatch {
        /// What is wrong.
        reason: String,
    },
    /// The server requires a nonce and the proof carries none, or a nonce the server does
    /// not accept (RFC 9449 §8, §9): answer with `use_dpop_nonce` and a fresh `DPoP-Nonce`.
    UseDpopNonce {
        /// Whether the proof had a nonce at all.
        present: bool,
    },
    /// The access token is not bound to the proof's key: no `cnf.jkt`, or one that is not
    /// the RFC 7638 thumbprint of the proof's `jwk` (RFC 9449 §6.1, §7.1).
    KeyBinding {
        /// What is wrong.
        reason: String,
    },
    /// The replay store could not answer (a connection refused or dropped, a server
    /// restarting): the token is refused, never accepted unchecked (fail closed).
    ReplayStoreUnavailable {
        /// What the store reported.
        reason: String,
    },
    /// The in-memory replay store is full of entries that have not expired: the token is
    /// refused (fail closed) rather than the store allowed to grow without bound.
    ReplayStoreFull {
        /// The store's capacity.
        capacity: usize,
    },
    /// A configuration or builder value is not acceptable: an empty algorithm list, an
    /// unusable `htu`, a symmetric key for a DPoP proof, …
    Configuration {
        /// What is wrong.
        reason: String,
    },
}

impl Error {
    /// A stable, machine-readable code for this error.
    ///
    /// ```
    /// use jose_oauth::Error;
    ///
    /// assert_eq!(Error::Replayed.code(), jose_b64::codes::OAUTH_REPLAYED);
    /// assert_eq!(Error::NonceMismatch.code(), jose_b64::codes::OIDC_NONCE_MISMATCH);
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Self::Jwt(e) => e.code(),
            Self::TokenType { .. } => jose_b64::codes::OAUTH_TOKEN_TYPE,
            Self::InvalidClaim { .. } => jose_b64::codes::OAUTH_INVALID_CLAIM,
            Self::InsufficientScope { .. } => jose_b64::codes::OAUTH_INSUFFICIENT_SCOPE,
            Self::NonceMismatch => jose_b64::codes::OIDC_NONCE_MISMATCH,
            Self::AuthorizedParty { .. } => jose_b64::codes::OIDC_AZP_INVALID,
            Self::AuthenticationTooOld { .. } => jose_b64::codes::OIDC_AUTH_TIME_TOO_OLD,
            Self::AcrNotAccepted { .. } => jose_b64::codes::OIDC_ACR_NOT_ACCEPTED,
            Self::TokenHashMismatch { .. } => jose_b64::codes::OIDC_TOKEN_HASH_MISMATCH,
            Self::TokenHashAlgorithm { .. } => jose_b64::codes::OIDC_TOKEN_HASH_ALG_UNSUPPORTED,
            Self::LogoutEvent { .. } => jose_b64::codes::OIDC_LOGOUT_EVENT_INVALID,
            Self::DpopProof(_) => jose_b64::codes::DPOP_INVALID_PROOF,
            Self::DpopKey { .. } => jose_b64::codes::DPOP_KEY_INVALID,
            Self::DpopAlgorithm { .. } => jose_b64::codes::DPOP_ALG_NOT_ALLOWED,
            Self::HtmMismatch { .. } => jose_b64::codes::DPOP_HTM_MISMATCH,
            Self::HtuMismatch { .. } => jose_b64::codes::DPOP_HTU_MISMATCH,
            Self::IatOutOfWindow { .. } => jose_b64::codes::DPOP_IAT_OUT_OF_WINDOW,
            Self::Replayed => jose_b64::codes::OAUTH_REPLAYED,
            Self::Revoked => jose_b64::codes::OAUTH_TOKEN_REVOKED,
            Self::AthMismatch { .. } => jose_b64::codes::DPOP_ATH_MISMATCH,
            Self::UseDpopNonce { .. } => jose_b64::codes::DPOP_USE_NONCE,
            Self::KeyBinding { .. } => jose_b64::codes::DPOP_KEY_BINDING_MISMATCH,
            Self::ReplayStoreUnavailable { .. } => jose_b64::codes::OAUTH_REPLAY_STORE_UNAVAILABLE,
            Self::ReplayStoreFull { .. } => jose_b64::codes::OAUTH_REPLAY_STORE_FULL,
            Self::Configuration { .. } => jose_b64::codes::JOSE_CONFIGURATION,
        }
    }

    /// The claim (or `typ` header) this error is about, if any.
    pub fn claim(&self) -> Option<&str> {
        match self {
            Self::Jwt(e) | Self::DpopProof(e) => e.claim(),
            Self::TokenType { .. } => Some("typ"),
            Self::InvalidClaim { claim, .. } | Self::TokenHashMismatch { claim, .. } => Some(claim),
            Self::InsufficientScope { .. } => Some("scope"),
            Self::NonceMismatch => Some("nonce"),
            Self::AuthorizedParty { .. } => Some("azp"),
            Self::AuthenticationTooOld { .. } => Some("auth_time"),
            Self::AcrNotAccepted { .. } => Some("acr"),
            Self::LogoutEvent { .. } => Some("events"),
            Self::HtmMismatch { .. } => Some("htm"),
            Self::HtuMismatch { .. } => Some("htu"),
            Self::IatOutOfWindow { .. } => Some("iat"),
            Self::Replayed | Self::Revoked => Some("jti"),
            Self::AthMismatch { .. } => Some("ath"),
            Self::UseDpopNonce { .. } => Some("nonce"),
            Self::KeyBinding { .. } => Some("cnf"),
            _ => None,
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

    /// A required claim is missing: the JWT layer's error, so that its code and claim are
    /// the same whichever layer noticed.
    pub(crate) fn missing(claim: &str) -> Self {
        Self::Jwt(jose_jwt::Error::MissingClaim {
            claim: claim.to_owned(),
        })
    }
}

impl From<jose_jwt::Error> for Error {
    /// Wraps a JWT error; a `typ` the validation refused becomes [`Error::TokenType`].
    fn from(e: jose_jwt::Error) -> Self {
        match e {
            jose_jwt::Error::TypeNotAccepted { found, expected } => {
                Self::TokenType { found, expected }
            }
            e => Self::Jwt(e),
        }
    }
}

impl From<jose_jws::Error> for Error {
    fn from(e: jose_jws::Error) -> Self {
        Self::Jwt(jose_jwt::Error::Jws(e))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Jwt(e) => write!(f, "{e}"),
            Self::TokenType {
                found: Some(found),
                expected,
            } => write!(f, "token type (typ) \"{found}\" not accepted ({expected})"),
            Self::TokenType {
                found: None,
                expected,
            } => write!(f, "token has no type (typ) header ({expected})"),
            Self::InvalidClaim { claim, reason } => {
                write!(f, "invalid \"{claim}\" claim: {reason}")
            }
            Self::InsufficientScope { missing } => {
                write!(f, "the token lacks the required scope(s) {missing:?}")
            }
            Self::NonceMismatch => f.write_str(
                "the ID token's nonce is not the one sent in the authentication request",
            ),
            Self::AuthorizedParty { reason } => write!(f, "invalid \"azp\" claim: {reason}"),
            Self::AuthenticationTooOld {
                auth_time,
                now,
                max_age,
            } => write!(
                f,
                "the end-user authenticated at {auth_time}, more than max_age {}s before now \
                 ({now})",
                max_age.as_secs()
            ),
            Self::AcrNotAccepted { found, expected } => write!(
                f,
                "authentication context class {} not accepted (expected one of {expected:?})",
                found
                    .as_deref()
                    .map_or("(none)".to_owned(), |a| format!("\"{a}\""))
            ),
            Self::TokenHashMismatch { claim, reason } => write!(f, "invalid \"{claim}\": {reason}"),
            Self::TokenHashAlgorithm { alg } => write!(
                f,
                "no at_hash/c_hash hash function is known for algorithm \"{alg}\"; refused \
                 rather than guessed"
            ),
            Self::LogoutEvent { reason } => write!(f, "invalid logout token \"events\": {reason}"),
            Self::DpopProof(e) => write!(f, "invalid DPoP proof: {e}"),
            Self::DpopKey { reason } => write!(f, "invalid DPoP proof key (jwk header): {reason}"),
            Self::DpopAlgorithm { alg } => write!(
                f,
                "DPoP proof algorithm \"{alg}\" not accepted (an asymmetric algorithm of the \
                 server's list is required)"
            ),
            Self::HtmMismatch { found, expected } => write!(
                f,
                "DPoP proof htm \"{found}\" is not the request's method \"{expected}\""
            ),
            Self::HtuMismatch { reason } => write!(f, "DPoP proof htu does not match: {reason}"),
            Self::IatOutOfWindow { iat, now } => write!(
                f,
                "DPoP proof issued at {iat}, outside the accepted window around now ({now})"
            ),
            Self::Replayed => f.write_str("the token id (jti) was already used"),
            Self::Revoked => f.write_str("the token was revoked"),
            Self::AthMismatch { reason } => write!(f, "DPoP proof \"ath\": {reason}"),
            Self::UseDpopNonce { present: false } => {
                f.write_str("the server requires a nonce in the DPoP proof")
            }
            Self::UseDpopNonce { present: true } => {
                f.write_str("the DPoP proof's nonce is not one the server accepts")
            }
            Self::KeyBinding { reason } => {
                write!(f, "the access token is not bound to the DPoP key: {reason}")
            }
            Self::ReplayStoreUnavailable { reason } => write!(
                f,
                "the replay store did not answer, the token is refused: {reason}"
            ),
            Self::ReplayStoreFull { capacity } => write!(
                f,
                "the replay store is full ({capacity} unexpired entries), the token is refused"
            ),
            Self::Configuration { reason } => write!(f, "invalid configuration: {reason}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Jwt(e) | Self::DpopProof(e) => Some(e),
            _ => None,
        }
    }
}

/// Attacker-chosen text for messages: escaped and cut to 64 characters.
pub(crate) fn shorten(s: &str) -> String {
    jose_b64::printable(s)
}

impl jose_b64::ErrorCode for Error {
    fn code(&self) -> &'static str {
        Error::code(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_has_a_code_and_a_message() {
        let errors = [
            Error::Jwt(jose_jwt::Error::MissingClaim { claim: "x".into() }),
            Error::TokenType {
                found: Some("JWT".into()),
                expected: "at+jwt".into(),
            },
            Error::TokenType {
                found: None,
                expected: "at+jwt".into(),
            },
            Error::invalid_claim("scope", "not a string"),
            Error::InsufficientScope {
                missing: vec!["a".into()],
            },
            Error::NonceMismatch,
            Error::AuthorizedParty { reason: "r".into() },
            Error::AuthenticationTooOld {
                auth_time: 1,
                now: 100,
                max_age: Duration::from_secs(10),
            },
            Error::AcrNotAccepted {
                found: None,
                expected: vec!["a".into()],
            },
            Error::TokenHashMismatch {
                claim: "at_hash",
                reason: "r".into(),
            },
            Error::TokenHashAlgorithm { alg: "none".into() },
            Error::LogoutEvent { reason: "r".into() },
            Error::DpopProof(jose_jwt::Error::MissingClaim {
                claim: "htm".into(),
            }),
            Error::DpopKey { reason: "r".into() },
            Error::DpopAlgorithm {
                alg: "HS256".into(),
            },
            Error::HtmMismatch {
                found: "GET".into(),
                expected: "POST".into(),
            },
            Error::HtuMismatch { reason: "r".into() },
            Error::IatOutOfWindow { iat: 1, now: 1000 },
            Error::Replayed,
            Error::Revoked,
            Error::AthMismatch { reason: "r".into() },
            Error::UseDpopNonce { present: false },
            Error::UseDpopNonce { present: true },
            Error::KeyBinding { reason: "r".into() },
            Error::ReplayStoreUnavailable { reason: "r".into() },
            Error::ReplayStoreFull { capacity: 1 },
            Error::configuration("c"),
        ];
        let mut codes = std::collections::BTreeSet::new();
        for e in &errors {
            assert!(e.code().starts_with("ERR_"), "{e:?}");
            assert!(jose_b64::codes::ALL.contains(&e.code()), "{e:?}");
            assert!(!e.to_string().is_empty());
            codes.insert(e.code());
        }
        // Distinct codes for distinct failures (the TokenType and UseDpopNonce pairs share).
        assert_eq!(codes.len(), errors.len() - 2);
        assert_eq!(
            Error::from(jose_jwt::Error::TypeNotAccepted {
                found: None,
                expected: "x".into()
            })
            .code(),
            jose_b64::codes::OAUTH_TOKEN_TYPE
        );
        assert_eq!(Error::missing("client_id").claim(), Some("client_id"));
        assert!(std::error::Error::source(&Error::missing("x")).is_some());
    }
}
