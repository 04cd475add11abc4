//! The curves the algorithm table names, EC (RFC 7518 §6.2.1.1, RFC 8812 §3.1) and OKP
//! (RFC 8037 §2), in one enum so that a table row can list both kinds (ECDH-ES).

use crate::{Key, KeyType};

/// A `crv` value that some algorithm of the table requires.
///
/// The key types keep their own curve enums ([`crate::EcCurve`], [`crate::OkpCurve`]); this
/// one spans both, because `ECDH-ES` accepts an EC key on P-256/P-384/P-521 or an OKP key on
/// X25519 (RFC 7518 §4.6, RFC 8037 §3.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Curve {
    /// NIST P-256 (`"P-256"`, RFC 7518 §6.2.1.1), kty `EC`.
    P256,
    /// NIST P-384 (`"P-384"`, RFC 7518 §6.2.1.1), kty `EC`.
    P384,
    /// NIST P-521 (`"P-521"`, RFC 7518 §6.2.1.1), kty `EC`.
    P521,
    /// SECG secp256k1 (`"secp256k1"`, RFC 8812 §3.1), kty `EC`.
    Secp256k1,
    /// Ed25519 signatures (`"Ed25519"`, RFC 8037 §2), kty `OKP`.
    Ed25519,
    /// X25519 key agreement (`"X25519"`, RFC 8037 §2), kty `OKP`.
    X25519,
}

impl Curve {
    /// The registered `crv` name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::P256 => "P-256",
            Self::P384 => "P-384",
            Self::P521 => "P-521",
            Self::Secp256k1 => "secp256k1",
            Self::Ed25519 => "Ed25519",
            Self::X25519 => "X25519",
        }
    }

    /// The key type that carries this curve: `EC` or `OKP`.
    #[must_use]
    pub const fn key_type(self) -> KeyType {
        match self {
            Self::P256 | Self::P384 | Self::P521 | Self::Secp256k1 => KeyType::Ec,
            Self::Ed25519 | Self::X25519 => KeyType::Okp,
        }
    }

    /// The curve of an EC or OKP key; `None` for RSA and `oct` keys.
    #[must_use]
    pub fn of_key(key: &Key) -> Option<Self> {
        match key {
            Key::Ec(ec) => Some(match ec.curve() {
                crate::EcCurve::P256 => Self::P256,
                crate::EcCurve::P384 => Self::P384,
                crate::EcCurve::P521 => Self::P521,
                crate::EcCurve::Secp256k1 => Self::Secp256k1,
            }),
            Key::Okp(okp) => Some(match okp.curve() {
                crate::OkpCurve::Ed25519 => Self::Ed25519,
                crate::OkpCurve::X25519 => Self::X25519,
            }),
            Key::Rsa(_) | Key::Oct(_) => None,
        }
    }
}

impl core::fmt::Display for Curve {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alg::test_keys::{self, jwk};

    #[test]
    fn names_and_key_types() {
        let table = [
            (Curve::P256, "P-256", KeyType::Ec),
            (Curve::P384, "P-384", KeyType::Ec),
            (Curve::P521, "P-521", KeyType::Ec),
            (Curve::Secp256k1, "secp256k1", KeyType::Ec),
            (Curve::Ed25519, "Ed25519", KeyType::Okp),
            (Curve::X25519, "X25519", KeyType::Okp),
        ];
        for (curve, name, kty) in table {
            assert_eq!(curve.as_str(), name);
            assert_eq!(curve.to_string(), name);
            assert_eq!(curve.key_type(), kty);
        }
    }

    #[test]
    fn of_key() {
        let table = [
            (test_keys::P256, Some(Curve::P256)),
            (test_keys::P384, Some(Curve::P384)),
            (test_keys::P521, Some(Curve::P521)),
            (test_keys::SECP256K1, Some(Curve::Secp256k1)),
            (test_keys::ED25519, Some(Curve::Ed25519)),
            (test_keys::X25519, Some(Curve::X25519)),
            (test_keys::RSA_2048, None),
        ];
        for (json, curve) in table {
            let key = jwk(json);
            assert_eq!(Curve::of_key(key.key()), curve);
            if let Some(curve) = curve {
                assert_eq!(curve.key_type(), key.kty());
            }
        }
        assert_eq!(Curve::of_key(test_keys::oct(32).key()), None);
    }
}
