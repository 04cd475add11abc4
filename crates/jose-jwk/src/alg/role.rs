//! What the caller wants to do with a key under an algorithm.

/// The operation a key is about to be used for, under one algorithm.
///
/// JWS algorithms take [`KeyRole::Sign`] and [`KeyRole::Verify`]; JWE algorithms (key
/// management and content encryption) take [`KeyRole::Encrypt`] and [`KeyRole::Decrypt`].
/// For JWE key management the role is that of the JWE as a whole: `Encrypt` is the sender's
/// side (wrap or encrypt the CEK to the recipient, or agree on it with the recipient's public
/// key), `Decrypt` the recipient's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyRole {
    /// Produce a JWS signature or MAC (RFC 7515 §5.1).
    Sign,
    /// Check a JWS signature or MAC (RFC 7515 §5.2).
    Verify,
    /// Produce a JWE (RFC 7516 §5.1).
    Encrypt,
    /// Open a JWE (RFC 7516 §5.2).
    Decrypt,
}

impl KeyRole {
    /// Every role.
    pub const ALL: &'static [Self] = &[Self::Sign, Self::Verify, Self::Encrypt, Self::Decrypt];

    /// A lower-case name for messages: `"sign"`, `"verify"`, `"encrypt"`, `"decrypt"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Sign => "sign",
            Self::Verify => "verify",
            Self::Encrypt => "encrypt",
            Self::Decrypt => "decrypt",
        }
    }

    /// Whether this is a JWS role (`Sign` or `Verify`).
    #[must_use]
    pub const fn is_jws(self) -> bool {
        matches!(self, Self::Sign | Self::Verify)
    }
}

impl core::fmt::Display for KeyRole {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let names: Vec<String> = KeyRole::ALL.iter().map(|r| r.to_string()).collect();
        assert_eq!(names, ["sign", "verify", "encrypt", "decrypt"]);
        assert!(KeyRole::Sign.is_jws() && KeyRole::Verify.is_jws());
        assert!(!KeyRole::Encrypt.is_jws() && !KeyRole::Decrypt.is_jws());
    }
}
