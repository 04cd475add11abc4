//! The one error type of this crate.

use core::fmt;

use jose_b64::{ErrorCode, codes};

/// Everything that can go wrong while encrypting, decrypting, wrapping or unwrapping.
///
/// Messages never contain key material, plaintext or any other secret.
///
/// Every failure on the receiving side (decrypting content, unwrapping a key) is the single
/// variant [`Error::DecryptionFailed`], whatever went wrong: a wrong authentication tag, wrong
/// PKCS #7 padding, a ciphertext, IV, tag, encrypted key or key of the wrong length. Its message
/// never says which step failed, so that the error cannot serve as an oracle (RFC 7516 §11.4,
/// §11.5; RFC 7518 §5.2.2.2).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// Decryption or key unwrapping failed. There is deliberately no detail.
    DecryptionFailed,
    /// A key given for encryption or key wrapping has the wrong length for the algorithm.
    InvalidKey {
        /// What is wrong, with the lengths (never the key).
        reason: String,
    },
    /// An input to encryption or key wrapping is not acceptable: an IV of the wrong length, a
    /// CEK that AES Key Wrap cannot wrap, a plaintext beyond the algorithm's limit, …
    Invalid {
        /// What is wrong.
        reason: String,
    },
    /// The operating system's random number generator failed (or returned only zeros), so no
    /// CEK, IV or ephemeral key could be made.
    Rng,
    /// The serialization is malformed: wrong number of segments, characters outside the
    /// base64url alphabet, a non-empty JWE Encrypted Key with `dir`, …
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
    /// A segment is not strict base64url, or the protected header is not a strict JSON object.
    Encoding {
        /// Which part of the JWE.
        part: &'static str,
        /// The underlying error.
        source: jose_b64::Error,
    },
    /// A header parameter breaks a rule (RFC 7516 §4): a missing or mistyped `alg` or `enc`,
    /// `crit` misuse, a missing `iv`/`tag` for `A*GCMKW`, a missing, short or out-of-range
    /// `p2s`/`p2c` for `PBES2-*`, …
    Header(jose_jwk::Error),
    /// The header's `alg` is not a registered JWE key management algorithm (names are
    /// case-sensitive; `none` is not one).
    UnknownAlgorithm {
        /// The header's value, shortened.
        alg: String,
    },
    /// The header's `enc` is not a registered JWE content encryption algorithm.
    UnknownEncryption {
        /// The header's value, shortened.
        enc: String,
    },
    /// The header's `alg` is not in the caller's allow-list.
    AlgorithmNotAllowed {
        /// The header's algorithm.
        alg: &'static str,
        /// The allow-list.
        allowed: Vec<&'static str>,
    },
    /// The header's `enc` is not in the caller's allow-list.
    EncryptionNotAllowed {
        /// The header's content encryption algorithm.
        enc: &'static str,
        /// The allow-list.
        allowed: Vec<&'static str>,
    },
    /// An allow-list is empty: there is no "accept anything".
    EmptyAllowList {
        /// Which list: `"alg"` or `"enc"`.
        list: &'static str,
    },
    /// The plaintext of a `"zip":"DEF"` JWE, whose authentication tag has verified, does not
    /// inflate: it would be larger than the decrypter's cap
    /// ([`Decrypter::with_max_decompressed_len`](crate::Decrypter::with_max_decompressed_len),
    /// default 250 000 bytes) or it is not a raw DEFLATE stream (RFC 1951).
    ///
    /// This is not [`Error::DecryptionFailed`]: it can only happen after the tag has verified,
    /// so the compressed plaintext comes from someone who had the CEK, and saying what is
    /// wrong with it tells them nothing they did not know.
    Decompression {
        /// What is wrong (never any of the plaintext).
        reason: String,
    },
    /// Something this build does not support: a `zip` value other than `"DEF"`, or `"DEF"`
    /// without the cargo feature `deflate`; or a key management algorithm that needs a cargo
    /// feature (`RSA1_5`).
    Unsupported {
        /// What is not supported.
        what: String,
    },
    /// A JWK cannot be used as asked: wrong type or size for the algorithm, its JWK
    /// `alg`/`use`/`key_ops` forbid it, …
    Key(jose_jwk::Error),
    /// The key found for the JWE is bound to another algorithm than the header's `alg`.
    KeyAlgorithmMismatch {
        /// The header's algorithm.
        header: &'static str,
        /// The key's algorithm.
        key: &'static str,
    },
    /// A JWE JSON Serialization has more recipients that the resolver's keys would be tried
    /// on, at a cost, than the decrypter's limits allow: more needing a private-key operation
    /// (RSA, ECDH) than [`Limits::max_private_key_unwraps`](crate::Limits), or more PBES2
    /// iterations in total than [`Limits::max_pbes2_iterations`](crate::Limits). Counted
    /// before any key is used, from the token and the resolver alone: it says nothing about
    /// any key or decryption.
    TooManyCandidateRecipients {
        /// What was counted, and the limit.
        reason: String,
    },
    /// A private JWK (RSA, EC or OKP) was given where a JWE is produced: an
    /// [`EncryptingKey`](crate::EncryptingKey) needs only the recipient's public key, and
    /// keeping the private one beside it invites using it where a public key belongs. Pass
    /// the public part, `Jwk::to_public()`, or the SPKI PEM.
    PrivateKeyForEncryption,
    /// No key matches the JWE (`kid`, algorithm).
    NoMatchingKey {
        /// What was looked for.
        reason: String,
    },
}

impl Error {
    /// A stable, machine-readable code for this error: [`ErrorCode::code`], callable without
    /// importing the trait.
    ///
    /// ```
    /// assert_eq!(jose_jwe::Error::DecryptionFailed.code(), "ERR_JWE_DECRYPTION_FAILED");
    /// ```
    pub fn code(&self) -> &'static str {
        ErrorCode::code(self)
    }

    pub(crate) fn invalid_key(reason: impl Into<String>) -> Self {
        Self::InvalidKey {
            reason: reason.into(),
        }
    }

    pub(crate) fn invalid(reason: impl Into<String>) -> Self {
        Self::Invalid {
            reason: reason.into(),
        }
    }
}

/// The codes agree with jose-jwk's and jose-jws's for the same failure; a key error keeps
/// the more specific code of the jose-jwk error it wraps.
impl ErrorCode for Error {
    fn code(&self) -> &'static str {
        match self {
            Self::DecryptionFailed => codes::JWE_DECRYPTION_FAILED,
            Self::InvalidKey { .. } => codes::JOSE_KEY_INVALID,
            Self::Rng => codes::RNG,
            Self::Invalid { .. }
            | Self::Malformed { .. }
            | Self::TooLarge { .. }
            | Self::Encoding { .. }
            | Self::Header(_)
            | Self::TooManyCandidateRecipients { .. } => codes::JWE_INVALID,
            Self::UnknownAlgorithm { .. }
            | Self::UnknownEncryption { .. }
            | Self::AlgorithmNotAllowed { .. }
            | Self::EncryptionNotAllowed { .. } => codes::JOSE_ALG_NOT_ALLOWED,
            Self::EmptyAllowList { .. } => codes::JOSE_CONFIGURATION,
            Self::Decompression { .. } => codes::JWE_DECOMPRESSION_FAILED,
            Self::Unsupported { .. } => codes::JOSE_NOT_SUPPORTED,
            Self::Key(e) => e.code(),
            Self::KeyAlgorithmMismatch { .. } => codes::KEY_ALG_MISMATCH,
            Self::PrivateKeyForEncryption => codes::JWK_WRONG_KIND,
            Self::NoMatchingKey { .. } => codes::JWKS_NO_MATCHING_KEY,
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
            Self::DecryptionFailed => f.write_str("JWE decryption failed"),
            Self::InvalidKey { reason } => write!(f, "invalid key: {reason}"),
            Self::Invalid { reason } => write!(f, "invalid JWE input: {reason}"),
            Self::Rng => f.write_str("the operating system random number generator failed"),
            Self::Malformed { reason } => write!(f, "malformed JWE: {reason}"),
            Self::TooLarge {
                what,
                limit,
                actual,
            } => write!(
                f,
                "{what} of {actual} bytes exceeds the limit of {limit} bytes"
            ),
            Self::Encoding { part, source } => write!(f, "invalid JWE {part}: {source}"),
            Self::Header(e) => write!(f, "invalid JWE header: {e}"),
            Self::UnknownAlgorithm { alg } => write!(
                f,
                "unknown JWE key management algorithm \"{alg}\" (names are case-sensitive)"
            ),
            Self::UnknownEncryption { enc } => write!(
                f,
                "unknown JWE content encryption algorithm \"{enc}\" (names are case-sensitive)"
            ),
            Self::AlgorithmNotAllowed { alg, allowed } => write!(
                f,
                "key management algorithm {alg} not in the allowed list [{}]",
                allowed.join(", ")
            ),
            Self::EncryptionNotAllowed { enc, allowed } => write!(
                f,
                "content encryption algorithm {enc} not in the allowed list [{}]",
                allowed.join(", ")
            ),
            Self::EmptyAllowList { list } => {
                write!(f, "the list of allowed \"{list}\" algorithms is empty")
            }
            Self::Decompression { reason } => {
                write!(
                    f,
                    "the JWE's \"zip\":\"DEF\" plaintext does not inflate: {reason}"
                )
            }
            Self::Unsupported { what } => write!(f, "not supported: {what}"),
            Self::Key(e) => write!(f, "unusable key: {e}"),
            Self::KeyAlgorithmMismatch { header, key } => {
                write!(f, "the JWE says {header} but the key is bound to {key}")
            }
            Self::TooManyCandidateRecipients { reason } => {
                write!(f, "the JWE has too many candidate recipients: {reason}")
            }
            Self::PrivateKeyForEncryption => f.write_str(
                "an encrypting key takes the recipient's public key, but this JWK has the \
                 private key: pass its public part (Jwk::to_public())",
            ),
            Self::NoMatchingKey { reason } => write!(f, "no key for this JWE: {reason}"),
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

impl Error {
    pub(crate) fn malformed(reason: impl Into<String>) -> Self {
        Self::Malformed {
            reason: reason.into(),
        }
    }

    pub(crate) fn encoding(part: &'static str) -> impl FnOnce(jose_b64::Error) -> Self {
        move |source| Self::Encoding { part, source }
    }

    pub(crate) fn unsupported(what: impl Into<String>) -> Self {
        Self::Unsupported { what: what.into() }
    }
}

/// A header error from jose-jwk's shared type.
pub(crate) fn header_error(name: &str, reason: &str) -> Error {
    Error::Header(jose_jwk::Error::HeaderParameter {
        name: name.to_owned(),
        reason: reason.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_messages() {
        let cases = [
            (
                Error::DecryptionFailed,
                "ERR_JWE_DECRYPTION_FAILED",
                "JWE decryption failed",
            ),
            (
                Error::invalid_key("A128GCM needs a 16-byte CEK, got 15 bytes"),
                "ERR_JOSE_KEY_INVALID",
                "invalid key: A128GCM needs a 16-byte CEK, got 15 bytes",
            ),
            (
                Error::invalid("A128GCM needs a 12-byte IV, got 16 bytes"),
                "ERR_JWE_INVALID",
                "invalid JWE input: A128GCM needs a 12-byte IV, got 16 bytes",
            ),
            (
                Error::Rng,
                "ERR_RNG",
                "the operating system random number generator failed",
            ),
            (
                Error::Decompression {
                    reason: "the plaintext inflates to more than the limit of 10 bytes".into(),
                },
                "ERR_JWE_DECOMPRESSION_FAILED",
                "the JWE's \"zip\":\"DEF\" plaintext does not inflate: the plaintext \
                 inflates to more than the limit of 10 bytes",
            ),
        ];
        for (error, code, message) in cases {
            assert_eq!(error.code(), code);
            assert_eq!(error.to_string(), message);
        }
    }

    #[test]
    fn every_variant_has_a_code_of_the_one_list() {
        let key = jose_jwk::Error::KeySizeMismatch {
            alg: "A128KW",
            expected: "16 bytes".into(),
            found: "32 bytes".into(),
        };
        let cases = [
            (Error::DecryptionFailed, codes::JWE_DECRYPTION_FAILED),
            (Error::invalid_key("k"), codes::JOSE_KEY_INVALID),
            (Error::invalid("i"), codes::JWE_INVALID),
            (Error::Rng, codes::RNG),
            (Error::malformed("m"), codes::JWE_INVALID),
            (
                Error::TooLarge {
                    what: "JWE",
                    limit: 1,
                    actual: 2,
                },
                codes::JWE_INVALID,
            ),
            (
                Error::encoding("header")(jose_b64::Error::TooDeep { max_depth: 1 }),
                codes::JWE_INVALID,
            ),
            (header_error("crit", "r"), codes::JWE_INVALID),
            (
                Error::UnknownAlgorithm { alg: "X".into() },
                codes::JOSE_ALG_NOT_ALLOWED,
            ),
            (
                Error::UnknownEncryption { enc: "X".into() },
                codes::JOSE_ALG_NOT_ALLOWED,
            ),
            (
                Error::AlgorithmNotAllowed {
                    alg: "dir",
                    allowed: vec!["A128KW"],
                },
                codes::JOSE_ALG_NOT_ALLOWED,
            ),
            (
                Error::EncryptionNotAllowed {
                    enc: "A128GCM",
                    allowed: vec!["A256GCM"],
                },
                codes::JOSE_ALG_NOT_ALLOWED,
            ),
            (
                Error::EmptyAllowList { list: "alg" },
                codes::JOSE_CONFIGURATION,
            ),
            (
                Error::Decompression { reason: "r".into() },
                codes::JWE_DECOMPRESSION_FAILED,
            ),
            (Error::unsupported("zip"), codes::JOSE_NOT_SUPPORTED),
            (Error::from(key), codes::KEY_ALG_MISMATCH),
            (
                Error::KeyAlgorithmMismatch {
                    header: "A128KW",
                    key: "A256KW",
                },
                codes::KEY_ALG_MISMATCH,
            ),
            (
                Error::TooManyCandidateRecipients { reason: "r".into() },
                codes::JWE_INVALID,
            ),
            (Error::PrivateKeyForEncryption, codes::JWK_WRONG_KIND),
            (
                Error::NoMatchingKey { reason: "r".into() },
                codes::JWKS_NO_MATCHING_KEY,
            ),
        ];
        for (error, code) in cases {
            assert_eq!(error.code(), code, "{error:?}");
            assert!(codes::ALL.contains(&error.code()), "{error:?}");
            assert!(!error.to_string().is_empty());
        }
    }

    #[test]
    fn the_same_failure_has_the_same_code_as_in_jose_jwk() {
        let unknown = jose_jwk::Error::UnknownAlgorithm { name: "X".into() };
        assert_eq!(
            Error::UnknownAlgorithm { alg: "X".into() }.code(),
            unknown.code()
        );
        assert_eq!(
            Error::PrivateKeyForEncryption.code(),
            jose_jwk::Error::UnexpectedPrivateKey { kid: None }.code()
        );
        assert_eq!(Error::Rng.code(), jose_jwk::Error::Rng.code());
    }
}
