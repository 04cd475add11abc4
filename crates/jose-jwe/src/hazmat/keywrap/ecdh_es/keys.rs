//! The keys of ECDH-ES: P-256, P-384, P-521 (RFC 7518 §4.6) and X25519 (RFC 8037 §3.2), and
//! the Diffie-Hellman shared secret Z.

use core::fmt;

use elliptic_curve::sec1::{FromSec1Point, ModulusSize, ToSec1Point};
use elliptic_curve::{AffinePoint, FieldBytesSize, Generate, PublicKey, SecretKey};
use jose_b64::SecretBytes;
use jose_jwk::alg::Curve;
use jose_jwk::{Jwk, JwkCurve};
use zeroize::Zeroizing;

use crate::Error;

/// A public key for ECDH-ES: the recipient's static key or the producer's ephemeral key
/// (`epk`). A value of this type is a valid point: on its curve and not the identity for
/// P-256/384/521; any 32 bytes for X25519, whose small-order points are caught by
/// [`shared_secret`] (the all-zero Z).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EcdhPublicKey {
    /// A P-256 point.
    P256(p256::PublicKey),
    /// A P-384 point.
    P384(p384::PublicKey),
    /// A P-521 point.
    P521(p521::PublicKey),
    /// An X25519 public key.
    X25519(x25519_dalek::PublicKey),
}

/// A private key for ECDH-ES: the recipient's static key, or an ephemeral key made by
/// [`EcdhSecretKey::generate`]. Zeroized on drop; `Debug` shows only the curve.
#[derive(Clone)]
#[non_exhaustive]
pub enum EcdhSecretKey {
    /// A P-256 scalar.
    P256(p256::SecretKey),
    /// A P-384 scalar.
    P384(p384::SecretKey),
    /// A P-521 scalar.
    P521(p521::SecretKey),
    /// An X25519 secret.
    X25519(x25519_dalek::StaticSecret),
}

impl EcdhPublicKey {
    /// The public key of an `EC` JWK on P-256, P-384 or P-521, or an `OKP` JWK on X25519
    /// (public or private: the public part is taken).
    ///
    /// # Errors
    ///
    /// [`jose_jwk::Error::Unsupported`] for any other key type or curve (secp256k1, Ed25519).
    pub fn from_jwk(jwk: &Jwk) -> Result<Self, jose_jwk::Error> {
        Ok(match curve_of(jwk)? {
            Curve::P256 => Self::P256(PublicKey::try_from(jwk)?),
            Curve::P384 => Self::P384(PublicKey::try_from(jwk)?),
            Curve::P521 => Self::P521(PublicKey::try_from(jwk)?),
            _ => Self::X25519(x25519_dalek::PublicKey::try_from(jwk)?),
        })
    }

    /// The public JWK: `kty`, `crv`, `x` and, for EC keys, `y` (what an `epk` holds,
    /// RFC 7518 §4.6.1.1).
    pub fn to_jwk(&self) -> Jwk {
        match self {
            Self::P256(key) => Jwk::from(key),
            Self::P384(key) => Jwk::from(key),
            Self::P521(key) => Jwk::from(key),
            Self::X25519(key) => Jwk::from(key),
        }
    }

    /// The curve.
    pub fn curve(&self) -> Curve {
        match self {
            Self::P256(_) => Curve::P256,
            Self::P384(_) => Curve::P384,
            Self::P521(_) => Curve::P521,
            Self::X25519(_) => Curve::X25519,
        }
    }

    /// Whether this is an X25519 point of small order, whose shared secret with any private
    /// key is all zeros (RFC 7748 §6.1). Always false for the NIST curves, whose
    /// [`PublicKey`]s are never the identity.
    pub fn is_small_order(&self) -> bool {
        match self {
            // Any clamped scalar (a multiple of 8 below both prime orders) sends exactly the
            // points of order dividing 8 to zero.
            Self::X25519(key) => is_all_zero(&x25519_dalek::x25519([1; 32], key.to_bytes())),
            _ => false,
        }
    }
}

impl EcdhSecretKey {
    /// The private key of a private `EC` JWK on P-256, P-384 or P-521, or a private `OKP`
    /// JWK on X25519.
    ///
    /// # Errors
    ///
    /// [`jose_jwk::Error::NotPrivate`] for a public JWK, [`jose_jwk::Error::Unsupported`] for
    /// any other key type or curve.
    pub fn from_jwk(jwk: &Jwk) -> Result<Self, jose_jwk::Error> {
        Ok(match curve_of(jwk)? {
            Curve::P256 => Self::P256(SecretKey::try_from(jwk)?),
            Curve::P384 => Self::P384(SecretKey::try_from(jwk)?),
            Curve::P521 => Self::P521(SecretKey::try_from(jwk)?),
            _ => Self::X25519(x25519_dalek::StaticSecret::try_from(jwk)?),
        })
    }

    /// A fresh random key on `curve` from the operating system's generator: the ephemeral
    /// key of one JWE (RFC 7518 §4.6: a new one for every key agreement).
    ///
    /// # Errors
    ///
    /// [`Error::Rng`] if the generator fails, [`Error::InvalidKey`] for a curve other
    /// than P-256, P-384, P-521 and X25519.
    pub fn generate(curve: Curve) -> Result<Self, Error> {
        Ok(match curve {
            Curve::P256 => Self::P256(generate_ec()?),
            Curve::P384 => Self::P384(generate_ec()?),
            Curve::P521 => Self::P521(generate_ec()?),
            Curve::X25519 => {
                let mut bytes = Zeroizing::new([0u8; 32]);
                crate::random::fill(&mut bytes[..])?;
                Self::X25519(x25519_dalek::StaticSecret::from(*bytes))
            }
            other => {
                return Err(Error::invalid_key(format!(
                    "ECDH-ES works on P-256, P-384, P-521 and X25519, not {other}"
                )));
            }
        })
    }

    /// The public key.
    pub fn public_key(&self) -> EcdhPublicKey {
        match self {
            Self::P256(key) => EcdhPublicKey::P256(key.public_key()),
            Self::P384(key) => EcdhPublicKey::P384(key.public_key()),
            Self::P521(key) => EcdhPublicKey::P521(key.public_key()),
            Self::X25519(key) => EcdhPublicKey::X25519(x25519_dalek::PublicKey::from(key)),
        }
    }

    /// The curve.
    pub fn curve(&self) -> Curve {
        match self {
            Self::P256(_) => Curve::P256,
            Self::P384(_) => Curve::P384,
            Self::P521(_) => Curve::P521,
            Self::X25519(_) => Curve::X25519,
        }
    }

    /// The private JWK (`kty`, `crv`, `x`[, `y`], `d`).
    pub(crate) fn to_jwk(&self) -> Jwk {
        match self {
            Self::P256(key) => Jwk::from(key),
            Self::P384(key) => Jwk::from(key),
            Self::P521(key) => Jwk::from(key),
            Self::X25519(key) => Jwk::from(key),
        }
    }
}

/// The Diffie-Hellman shared secret Z of `secret` and `public` (RFC 7518 §4.6.2): the
/// x-coordinate of the shared point for P-256/384/521 (SEC 1 §3.3.1, as long as a field
/// element), the X25519 output for X25519 (RFC 8037 §3.2).
///
/// # Errors
///
/// [`Error::InvalidKey`] when the two keys are not on the same curve, and when the X25519
/// output is all zeros (`public` is of small order, RFC 7748 §6.1).
pub fn shared_secret(secret: &EcdhSecretKey, public: &EcdhPublicKey) -> Result<SecretBytes, Error> {
    match (secret, public) {
        (EcdhSecretKey::P256(s), EcdhPublicKey::P256(p)) => Ok(ec_shared_secret(s, p)),
        (EcdhSecretKey::P384(s), EcdhPublicKey::P384(p)) => Ok(ec_shared_secret(s, p)),
        (EcdhSecretKey::P521(s), EcdhPublicKey::P521(p)) => Ok(ec_shared_secret(s, p)),
        (EcdhSecretKey::X25519(s), EcdhPublicKey::X25519(p)) => {
            let shared = s.diffie_hellman(p);
            if !shared.was_contributory() {
                return Err(Error::invalid_key(
                    "the X25519 public key is of small order: the shared secret is all zeros",
                ));
            }
            Ok(SecretBytes::from(&shared.as_bytes()[..]))
        }
        _ => Err(Error::invalid_key(format!(
            "a {} private key cannot agree with a {} public key",
            secret.curve(),
            public.curve()
        ))),
    }
}

fn ec_shared_secret<C: JwkCurve>(secret: &SecretKey<C>, public: &PublicKey<C>) -> SecretBytes
where
    FieldBytesSize<C>: ModulusSize,
    AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
{
    let shared =
        elliptic_curve::ecdh::diffie_hellman(secret.to_nonzero_scalar(), public.as_affine());
    SecretBytes::from(&shared.raw_secret_bytes()[..])
}

fn generate_ec<C: JwkCurve>() -> Result<SecretKey<C>, Error>
where
    FieldBytesSize<C>: ModulusSize,
    AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
{
    SecretKey::<C>::try_generate_from_rng(&mut getrandom::SysRng).map_err(|_| Error::Rng)
}

/// The curve of an ECDH-ES key: P-256, P-384, P-521 or X25519.
fn curve_of(jwk: &Jwk) -> Result<Curve, jose_jwk::Error> {
    match Curve::of_key(jwk.key()) {
        Some(curve @ (Curve::P256 | Curve::P384 | Curve::P521 | Curve::X25519)) => Ok(curve),
        _ => Err(jose_jwk::Error::Unsupported {
            what: format!(
                "{} for ECDH-ES (P-256, P-384, P-521 or X25519 only)",
                jwk.key().describe()
            ),
        }),
    }
}

/// Whether every byte is zero, in constant time.
fn is_all_zero(bytes: &[u8]) -> bool {
    bytes.iter().fold(0u8, |acc, &b| acc | b) == 0
}

/// `From` each RustCrypto key type for its variant.
macro_rules! from_variants {
    ($target:ident: $($key:ty => $variant:ident),+ $(,)?) => {$(
        impl From<$key> for $target {
            fn from(key: $key) -> Self {
                Self::$variant(key)
            }
        }
    )+};
}

from_variants!(EcdhPublicKey:
    p256::PublicKey => P256,
    p384::PublicKey => P384,
    p521::PublicKey => P521,
    x25519_dalek::PublicKey => X25519,
);

from_variants!(EcdhSecretKey:
    p256::SecretKey => P256,
    p384::SecretKey => P384,
    p521::SecretKey => P521,
    x25519_dalek::StaticSecret => X25519,
);

impl fmt::Debug for EcdhSecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EcdhSecretKey")
            .field("curve", &self.curve())
            .finish_non_exhaustive()
    }
}
