//! The one error type of this crate.

use core::fmt;

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
    /// CEK or IV could be made.
    Random {
        /// What failed.
        reason: String,
    },
}

impl Error {
    /// A stable, machine-readable code for this error.
    ///
    /// ```
    /// assert_eq!(jose_jwe::Error::DecryptionFailed.code(), "ERR_JWE_DECRYPTION_FAILED");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Self::DecryptionFailed => "ERR_JWE_DECRYPTION_FAILED",
            Self::InvalidKey { .. } => "ERR_JOSE_KEY_INVALID",
            Self::Invalid { .. } => "ERR_JWE_INVALID",
            Self::Random { .. } => "ERR_JWE_ENCRYPTION_FAILED",
        }
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

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::DecryptionFailed => f.write_str("JWE decryption failed"),
            Self::InvalidKey { reason } => write!(f, "invalid key: {reason}"),
            Self::Invalid { reason } => write!(f, "invalid JWE input: {reason}"),
            Self::Random { reason } => {
                write!(f, "the random number generator failed: {reason}")
            }
        }
    }
}

impl std::error::Error for Error {}

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
                Error::Random {
                    reason: "unavailable".into(),
                },
                "ERR_JWE_ENCRYPTION_FAILED",
                "the random number generator failed: unavailable",
            ),
        ];
        for (error, code, message) in cases {
            assert_eq!(error.code(), code);
            assert_eq!(error.to_string(), message);
        }
    }
}
