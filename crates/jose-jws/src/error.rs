//! The one error type of this crate.

use core::fmt;

use jose_b64::{ErrorCode, codes};

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
    /// The operating system's random number generator failed (RSA-PSS draws a random salt).
    Rng,
    /// Signing failed for another reason than the random number generator.
    Signing {
        /// What failed.
        reason: String,
    },
}

impl Error {
    /// A stable, machine-readable code for this error: [`ErrorCode::code`], callable without
    /// importing the trait.
    pub fn code(&self) -> &'static str {
        ErrorCode::code(self)
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

/// The codes agree with jose-jwk's and jose-jwe's for the same failure; a key error keeps
/// the more specific code of the jose-jwk error it wraps.
impl ErrorCode for Error {
    fn code(&self) -> &'static str {
        match self {
            Self::Malformed { .. }
            | Self::TooLarge { .. }
            | Self::Encoding { .. }
            | Self::Header(_) => codes::JWS_INVALID,
            Self::UnknownAlgorithm { .. }
            | Self::UnsecuredAlgorithm
            | Self::AlgorithmNotAllowed { .. } => codes::JOSE_ALG_NOT_ALLOWED,
            Self::EmptyAllowList => codes::JOSE_CONFIGURATION,
            Self::Key(e) => e.code(),
            Self::PrivateKeyNotAccepted => codes::JWK_WRONG_KIND,
            Self::KeyAlgorithmMismatch { .. } => codes::KEY_ALG_MISMATCH,
            Self::NoMatchingKey { .. } => codes::JWKS_NO_MATCHING_KEY,
            Self::InvalidSignature | Self::PolicyNotSatisfied { .. } => {
                codes::JWS_SIGNATURE_VERIFICATION_FAILED
            }
            Self::Rng => codes::RNG,
            Self::Signing { .. } => codes::JWS_SIGNING_FAILED,
        }
    }
}

/// A key error, so that `?` works on jose-jwk's key functions (`Jwk::from_json`, …) in code
/// that returns this crate's error.
impl From<jose_jwk::Error> for Error {
    fn from(e: jose_jwk::Error) -> Self {
        Self::Key(e)
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
            Self::Rng => f.write_str("the operating system random number generator failed"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_has_a_code_of_the_one_list() {
        let key = jose_jwk::Error::KeyTypeMismatch {
            alg: "ES256",
            expected: "an EC P-256 key".into(),
            found: "an RSA key".into(),
        };
        let cases = [
            (Error::malformed("x"), codes::JWS_INVALID),
            (
                Error::TooLarge {
                    what: "JWS",
                    limit: 1,
                    actual: 2,
                },
                codes::JWS_INVALID,
            ),
            (
                Error::encoding("header")(jose_b64::Error::TooDeep { max_depth: 1 }),
                codes::JWS_INVALID,
            ),
            (
                Error::Header(jose_jwk::Error::HeaderParameter {
                    name: "crit".into(),
                    reason: "r".into(),
                }),
                codes::JWS_INVALID,
            ),
            (
                Error::UnknownAlgorithm {
                    alg: "HS999".into(),
                },
                codes::JOSE_ALG_NOT_ALLOWED,
            ),
            (Error::UnsecuredAlgorithm, codes::JOSE_ALG_NOT_ALLOWED),
            (
                Error::AlgorithmNotAllowed {
                    alg: "HS256",
                    allowed: vec!["ES256"],
                },
                codes::JOSE_ALG_NOT_ALLOWED,
            ),
            (Error::EmptyAllowList, codes::JOSE_CONFIGURATION),
            (Error::from(key), codes::KEY_ALG_MISMATCH),
            (Error::PrivateKeyNotAccepted, codes::JWK_WRONG_KIND),
            (
                Error::KeyAlgorithmMismatch {
                    header: "HS256",
                    key: "HS384",
                },
                codes::KEY_ALG_MISMATCH,
            ),
            (
                Error::NoMatchingKey { reason: "r".into() },
                codes::JWKS_NO_MATCHING_KEY,
            ),
            (
                Error::InvalidSignature,
                codes::JWS_SIGNATURE_VERIFICATION_FAILED,
            ),
            (
                Error::PolicyNotSatisfied { reason: "r".into() },
                codes::JWS_SIGNATURE_VERIFICATION_FAILED,
            ),
            (Error::Rng, codes::RNG),
            (
                Error::Signing { reason: "r".into() },
                codes::JWS_SIGNING_FAILED,
            ),
        ];
        for (error, code) in cases {
            assert_eq!(error.code(), code, "{error:?}");
            assert_eq!(ErrorCode::code(&error), code);
            assert!(codes::ALL.contains(&error.code()), "{error:?}");
            assert!(!error.to_string().is_empty());
        }
    }

    #[test]
    fn the_same_failure_has_the_same_code_as_in_jose_jwk() {
        let unknown = jose_jwk::Error::UnknownAlgorithm {
            name: "HS999".into(),
        };
        assert_eq!(
            Error::UnknownAlgorithm {
                alg: "HS999".into()
            }
            .code(),
            unknown.code()
        );
        assert_eq!(
            Error::UnsecuredAlgorithm.code(),
            jose_jwk::Error::UnsecuredAlgorithm.code()
        );
        assert_eq!(
            Error::PrivateKeyNotAccepted.code(),
            jose_jwk::Error::UnexpectedPrivateKey { kid: None }.code()
        );
        assert_eq!(Error::Rng.code(), jose_jwk::Error::Rng.code());
    }
}
