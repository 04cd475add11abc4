//! The key material of a JWK, one module per key type (RFC 7518 §6, RFC 8037 §2).

pub(crate) mod ec;
pub(crate) mod oct;
pub(crate) mod okp;
mod roca;
pub(crate) mod rsa;

use core::fmt;

pub use ec::{EcCurve, EcKey};
pub use oct::OctKey;
pub use okp::{OkpCurve, OkpKey};
pub use rsa::{RsaKey, RsaPrivateParams};

/// The `kty` of a JWK (RFC 7518 §6.1, RFC 8037 §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyType {
    /// `"RSA"`
    Rsa,
    /// `"EC"`
    Ec,
    /// `"oct"`: a symmetric key.
    Oct,
    /// `"OKP"`: an octet key pair (Ed25519, X25519).
    Okp,
}

impl KeyType {
    /// The `kty` value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Rsa => "RSA",
            Self::Ec => "EC",
            Self::Oct => "oct",
            Self::Okp => "OKP",
        }
    }
}

impl fmt::Display for KeyType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The key-type-specific members of a JWK.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    /// An RSA public or private key.
    Rsa(RsaKey),
    /// An elliptic-curve public or private key.
    Ec(EcKey),
    /// A symmetric key.
    Oct(OctKey),
    /// An Ed25519 or X25519 public or private key.
    Okp(OkpKey),
}

impl Key {
    /// The key type.
    pub fn kty(&self) -> KeyType {
        match self {
            Self::Rsa(_) => KeyType::Rsa,
            Self::Ec(_) => KeyType::Ec,
            Self::Oct(_) => KeyType::Oct,
            Self::Okp(_) => KeyType::Okp,
        }
    }

    /// Whether the key holds secret material (a private key, or any symmetric key).
    pub fn is_private(&self) -> bool {
        match self {
            Self::Rsa(k) => k.private().is_some(),
            Self::Ec(k) => k.d().is_some(),
            Self::Oct(_) => true,
            Self::Okp(k) => k.d().is_some(),
        }
    }

    /// The public part; `None` for a symmetric key.
    pub fn to_public(&self) -> Option<Key> {
        match self {
            Self::Rsa(k) => Some(Self::Rsa(k.to_public())),
            Self::Ec(k) => Some(Self::Ec(k.to_public())),
            Self::Oct(_) => None,
            Self::Okp(k) => Some(Self::Okp(k.to_public())),
        }
    }

    /// A short description for error messages, such as "an EC key on P-256".
    pub fn describe(&self) -> String {
        match self {
            Self::Rsa(k) => format!("an RSA key of {} bits", k.modulus_bits()),
            Self::Ec(k) => format!("an EC key on {}", k.curve()),
            Self::Oct(k) => format!("a symmetric key of {} bits", k.len() * 8),
            Self::Okp(k) => format!("an OKP key on {}", k.curve()),
        }
    }
}

/// Every member name that belongs to some key type; a JWK may hold only its own.
pub(crate) const KEY_MEMBERS: &[&str] = &[
    "n", "e", "d", "p", "q", "dp", "dq", "qi", "oth", "crv", "x", "y", "k",
];

/// Every key type wipes its secret members when dropped.
impl zeroize::ZeroizeOnDrop for Key {}
