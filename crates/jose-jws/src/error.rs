//! The one error type of this crate.

use core::fmt;

/// Everything that can go wrong while signing, parsing or verifying a JWS.
///
/// Messages say what failed and why, and never contain key material. Every verification
/// failure of a well-formed JWS is [`Error::InvalidSignature`], whatever the algorithm.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The serialization is malformed: wrong number of segments, characters outside the
    /// base64url alphabet, a JSON serialization of the wrong shape, …
    Malformed {
        /// What is wrong.
        reason: String,
    },
    /// The input is larger than the configured limit.
    TooLarge {
        /// What was too large.
        what: &'static str,
        /// The limit in bytes.
        limit: usize,
        /// The size in bytes.
        actual: usize,
    },
    /// A segment is not strict base64url, or a header is not a strict JSON object.
    Encoding {
        /// Which part of the JWS.
        part: &'static str,
        /// The underlying error.
        source: jose_b64::Error,
    },
    /// A header parameter breaks a rule (RFC 7515 §4): a missing or mistyped `alg`, `crit`
    /// misuse, `b64` without `crit`, a parameter in two headers, …
    Header(jose_jwk::Error),
    /// The header's `alg` is not a registered name (names are case-sensitive).
    UnknownAlgorithm {
        /// The header's value, shortened.
        alg: String,
    },
    /// `alg` is `none`: an unsecured JWS is never accepted.
    UnsecuredAlgorithm,
    /// The header's `alg` is not in the caller's allow-list.
    AlgorithmNotAllowed {
        /// The header's algorithm.
        alg: &'static str,
        /// The allow-list.
        allowed: Vec<&'static str>,
    },
    /// The allow-list is empty (or only holds `none`): there is no "accept anything".
    EmptyAllowList,
    /// A key cannot be used as asked: wrong type or curve for the algorithm, too short, its
    /// JWK `alg`/`use`/`key_ops` forbid it, public where a private key is needed, …
    Key(jose_jwk::Error),
    /// A private asymmetric JWK was given where a public key is expected (a verification
    /// key): take its public part with `Jwk::to_public()`.
    PrivateKeyNotAccepted,
    /// The key found for the JWS is bound to another algorithm than the header's `alg`.
    KeyAlgorithmMismatch {
        /// The header's algorithm.
        header: &'static str,
        /// The key's algorithm.
        key: &'static str,
    },
    /// No key matches the JWS (`kid`, algorithm).
    NoMatchingKey {
        /// What was looked for.
        reason: String,
    },
    /// The signature does not verify (or has the wrong length or encoding for the algorithm).
    InvalidSignature,
    /// No signature of a JSON serialization satisfies the verification policy.
    PolicyNotSatisfied {
        /// What the policy required and what verified.
        reason: String,
    },
    /// Signing failed (the random number generator for RSA-PSS, …).
    Signing {
        /// What failed.
        reason: String,
    },
}

impl Error {
    /// A stable, machine-readable code for this error.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Malformed { .. }
            | Self::TooLarge { .. }
            | Self::Encoding { .. }
            | Self::Header(_) => "ERR_JWS_INVALID",
            Self::UnknownAlgorithm { .. }
            | Self::UnsecuredAlgorithm
            | Self::AlgorithmNotAllowed { .. } => "ERR_JOSE_ALG_NOT_ALLOWED",
            Self::EmptyAllowList => "ERR_JOSE_CONFIGURATION",
            Self::Key(_) | Self::PrivateKeyNotAccepted | Self::KeyAlgorithmMismatch { .. } => {
                "ERR_JOSE_KEY_INVALID"
            }
            Self::NoMatchingKey { .. } => "ERR_JWKS_NO_MATCHING_KEY",
            Self::InvalidSignature | Self::PolicyNotSatisfied { .. } => {
                "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"
            }
            Self::Signing { .. } => "ERR_JWS_SIGNING_FAILED",
        }
    }

    pub(crate) fn malformed(reason: impl Into<String>) -> Self {
        Self::Malformed {
            reason: reason.into(),
        }
    }

    pub(crate) fn encoding(part: &'static str) -> impl FnOnce(jose_b64::Error) -> Self {
        move |source| Self::Encoding { part, source }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed { reason } => write!(f, "malformed JWS: {reason}"),
            Self::TooLarge {
                what,
                limit,
                actual,
            } => {
                write!(
                    f,
                    "{what} of {actual} bytes exceeds the limit of {limit} bytes"
                )
            }
            Self::Encoding { part, source } => write!(f, "invalid JWS {part}: {source}"),
            Self::Header(e) => write!(f, "invalid JWS header: {e}"),
            Self::UnknownAlgorithm { alg } => {
                write!(
                    f,
                    "unknown JWS algorithm \"{alg}\" (names are case-sensitive)"
                )
            }
            Self::UnsecuredAlgorithm => {
                f.write_str("the \"none\" algorithm (unsecured JWS) is never accepted")
            }
            Self::AlgorithmNotAllowed { alg, allowed } => {
                write!(
                    f,
                    "algorithm {alg} not in the allowed list [{}]",
                    allowed.join(", ")
                )
            }
            Self::EmptyAllowList => f.write_str("the list of allowed algorithms is empty"),
            Self::Key(e) => write!(f, "unusable key: {e}"),
            Self::PrivateKeyNotAccepted => f.write_str(
                "a private key where a public key is expected: verification needs only the \
                 public key; use its public part (Jwk::to_public())",
            ),
            Self::KeyAlgorithmMismatch { header, key } => {
                write!(f, "the JWS says {header} but the key is bound to {key}")
            }
            Self::NoMatchingKey { reason } => write!(f, "no key for this JWS: {reason}"),
            Self::InvalidSignature => f.write_str("signature verification failed"),
            Self::PolicyNotSatisfied { reason } => {
                write!(f, "signature policy not satisfied: {reason}")
            }
            Self::Signing { reason } => write!(f, "signing failed: {reason}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Encoding { source, .. } => Some(source),
            Self::Header(e) | Self::Key(e) => Some(e),
            _ => None,
        }
    }
}

/// Attacker-chosen text for messages: control characters, quotes and backslashes escaped (no
/// log injection), cut to 64 characters.
pub(crate) fn shorten(s: &str) -> String {
    jose_b64::printable(s)
}
