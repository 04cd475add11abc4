//! The JWK parameters shared by every key type: `use` and `key_ops` (RFC 7517 §4.2, §4.3).

use core::fmt;

use crate::Error;

/// The intended use of a public key, the `use` member (RFC 7517 §4.2).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum KeyUse {
    /// `"sig"`: signatures (and MACs).
    Signature,
    /// `"enc"`: encryption.
    Encryption,
    /// Any other value, kept as given (RFC 7517 §4.2 allows registered extensions).
    Other(String),
}

impl KeyUse {
    /// Reads a `use` value.
    pub fn parse(value: &str) -> Self {
        match value {
            "sig" => Self::Signature,
            "enc" => Self::Encryption,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The JSON value.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Signature => "sig",
            Self::Encryption => "enc",
            Self::Other(other) => other,
        }
    }
}

impl fmt::Display for KeyUse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One value of the `key_ops` member (RFC 7517 §4.3).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum KeyOperation {
    /// `"sign"`: compute a digital signature or MAC.
    Sign,
    /// `"verify"`: verify a digital signature or MAC.
    Verify,
    /// `"encrypt"`: encrypt content.
    Encrypt,
    /// `"decrypt"`: decrypt content and validate decryption.
    Decrypt,
    /// `"wrapKey"`: encrypt a key.
    WrapKey,
    /// `"unwrapKey"`: decrypt a key and validate decryption.
    UnwrapKey,
    /// `"deriveKey"`: derive a key.
    DeriveKey,
    /// `"deriveBits"`: derive bits not to be used as a key.
    DeriveBits,
    /// Any other value, kept as given.
    Other(String),
}

impl KeyOperation {
    /// Reads a `key_ops` value (case-sensitive).
    pub fn parse(value: &str) -> Self {
        match value {
            "sign" => Self::Sign,
            "verify" => Self::Verify,
            "encrypt" => Self::Encrypt,
            "decrypt" => Self::Decrypt,
            "wrapKey" => Self::WrapKey,
            "unwrapKey" => Self::UnwrapKey,
            "deriveKey" => Self::DeriveKey,
            "deriveBits" => Self::DeriveBits,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The JSON value.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Sign => "sign",
            Self::Verify => "verify",
            Self::Encrypt => "encrypt",
            Self::Decrypt => "decrypt",
            Self::WrapKey => "wrapKey",
            Self::UnwrapKey => "unwrapKey",
            Self::DeriveKey => "deriveKey",
            Self::DeriveBits => "deriveBits",
            Self::Other(other) => other,
        }
    }

    /// The `use` this operation belongs to, for the registered operations.
    pub fn key_use(&self) -> Option<KeyUse> {
        match self {
            Self::Sign | Self::Verify => Some(KeyUse::Signature),
            Self::Encrypt
            | Self::Decrypt
            | Self::WrapKey
            | Self::UnwrapKey
            | Self::DeriveKey
            | Self::DeriveBits => Some(KeyUse::Encryption),
            Self::Other(_) => None,
        }
    }

    /// Whether the operation can be done with a public key alone.
    pub fn is_public(&self) -> bool {
        matches!(self, Self::Verify | Self::Encrypt | Self::WrapKey)
    }
}

impl fmt::Display for KeyOperation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The most values a `key_ops` member may list: the eight registered operations (RFC 7517
/// §4.3) leave room for as many unregistered ones. A longer list is refused before it is
/// examined, so that a key cannot be made expensive to read.
pub const MAX_KEY_OPS: usize = 16;

/// Checks RFC 7517 §4.3: at most [`MAX_KEY_OPS`] values, no repeated value, and, when both
/// members are present, every registered operation agrees with `use`. Linear in the number
/// of values.
pub(crate) fn check_consistent(
    key_use: Option<&KeyUse>,
    key_ops: Option<&[KeyOperation]>,
) -> Result<(), Error> {
    let Some(ops) = key_ops else { return Ok(()) };
    if ops.len() > MAX_KEY_OPS {
        return Err(Error::invalid(
            "key_ops",
            format!(
                "lists {} operations, more than the {MAX_KEY_OPS} allowed (RFC 7517 §4.3 registers eight)",
                ops.len()
            ),
        ));
    }
    let mut seen = std::collections::HashSet::with_capacity(ops.len());
    if let Some(op) = ops.iter().find(|op| !seen.insert(op.as_str())) {
        return Err(Error::InconsistentKeyUse {
            reason: format!(
                "\"key_ops\" lists \"{}\" twice",
                jose_b64::printable(op.as_str())
            ),
        });
    }
    if let Some(key_use @ (KeyUse::Signature | KeyUse::Encryption)) = key_use
        && let Some(op) = ops
            .iter()
            .find(|op| op.key_use().is_some_and(|u| &u != key_use))
    {
        return Err(Error::InconsistentKeyUse {
            reason: format!("\"use\":\"{key_use}\" does not allow key operation \"{op}\""),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in ["sig", "enc", "other"] {
            assert_eq!(KeyUse::parse(s).as_str(), s);
        }
        for s in [
            "sign",
            "verify",
            "encrypt",
            "decrypt",
            "wrapKey",
            "unwrapKey",
            "deriveKey",
            "deriveBits",
            "x",
        ] {
            assert_eq!(KeyOperation::parse(s).to_string(), s);
        }
        assert_eq!(
            KeyOperation::parse("Sign"),
            KeyOperation::Other("Sign".into())
        );
        assert!(KeyOperation::WrapKey.is_public());
        assert!(!KeyOperation::UnwrapKey.is_public());
    }

    #[test]
    fn consistency() {
        use KeyOperation::*;
        check_consistent(Some(&KeyUse::Signature), Some(&[Sign, Verify])).unwrap();
        check_consistent(
            Some(&KeyUse::Encryption),
            Some(&[WrapKey, UnwrapKey, Other("x".into())]),
        )
        .unwrap();
        check_consistent(None, Some(&[Sign, Encrypt])).unwrap();
        check_consistent(Some(&KeyUse::Other("x".into())), Some(&[Sign])).unwrap();
        let e = check_consistent(Some(&KeyUse::Signature), Some(&[Verify, Encrypt])).unwrap_err();
        assert_eq!(
            e.to_string(),
            "inconsistent \"use\"/\"key_ops\": \"use\":\"sig\" does not allow key operation \"encrypt\""
        );
        let e = check_consistent(None, Some(&[Sign, Sign])).unwrap_err();
        assert_eq!(e.code(), "ERR_JWK_INCONSISTENT_USE");
    }
}
