//! Octet key pairs, `kty` `OKP` (RFC 8037 §2): Ed25519 and X25519.
//!
//! Ed448 and X448 are not supported: there is no maintained RustCrypto-family implementation
//! on the crate generation this library uses.

use core::fmt;

use jose_b64::SecretBytes;
use jose_b64::serde_json::{Map, Value};

use crate::Error;
use crate::members::{Members, put_bytes, put_secret, put_str};

const KTY: &str = "OKP";

/// The curves of `kty` `OKP`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OkpCurve {
    /// `"Ed25519"`: EdDSA signatures.
    Ed25519,
    /// `"X25519"`: ECDH key agreement.
    X25519,
}

impl OkpCurve {
    /// Every supported curve.
    pub const ALL: [Self; 2] = [Self::Ed25519, Self::X25519];

    /// The `crv` value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Ed25519 => "Ed25519",
            Self::X25519 => "X25519",
        }
    }

    /// Reads a `crv` value (case-sensitive).
    pub fn parse(crv: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == crv)
    }
}

impl fmt::Display for OkpCurve {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An Ed25519 or X25519 public key, with its private key when it is a private key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OkpKey {
    crv: OkpCurve,
    x: [u8; 32],
    d: Option<SecretBytes>,
}

impl OkpKey {
    /// The curve.
    pub fn curve(&self) -> OkpCurve {
        self.crv
    }

    /// The public key bytes.
    pub fn x(&self) -> &[u8; 32] {
        &self.x
    }

    /// The private key bytes, for a private key.
    pub fn d(&self) -> Option<&SecretBytes> {
        self.d.as_ref()
    }

    /// The same key without its private part.
    pub fn to_public(&self) -> Self {
        Self {
            crv: self.crv,
            x: self.x,
            d: None,
        }
    }

    /// The Ed25519 verifying key. Small-order ("weak") public keys are refused.
    pub fn to_ed25519_verifying_key(&self) -> Result<ed25519_dalek::VerifyingKey, Error> {
        self.expect_curve(OkpCurve::Ed25519)?;
        let key = ed25519_dalek::VerifyingKey::from_bytes(&self.x)
            .map_err(|_| Error::invalid_key(KTY, "\"x\" is not a valid Ed25519 point"))?;
        if key.is_weak() {
            return Err(Error::invalid_key(
                KTY,
                "\"x\" is a small-order Ed25519 point",
            ));
        }
        Ok(key)
    }

    /// The Ed25519 signing key, checked against the public key.
    pub fn to_ed25519_signing_key(&self) -> Result<ed25519_dalek::SigningKey, Error> {
        let public = self.to_ed25519_verifying_key()?;
        let key = ed25519_dalek::SigningKey::from_bytes(&*self.secret_array()?);
        if key.verifying_key() != public {
            return Err(Error::invalid_key(
                KTY,
                "the private key \"d\" does not match the public key \"x\"",
            ));
        }
        Ok(key)
    }

    /// The X25519 public key.
    pub fn to_x25519_public_key(&self) -> Result<x25519_dalek::PublicKey, Error> {
        self.expect_curve(OkpCurve::X25519)?;
        Ok(x25519_dalek::PublicKey::from(self.x))
    }

    /// The X25519 static secret, checked against the public key.
    pub fn to_x25519_secret(&self) -> Result<x25519_dalek::StaticSecret, Error> {
        let public = self.to_x25519_public_key()?;
        let secret = x25519_dalek::StaticSecret::from(*self.secret_array()?);
        if x25519_dalek::PublicKey::from(&secret) != public {
            return Err(Error::invalid_key(
                KTY,
                "the private key \"d\" does not match the public key \"x\"",
            ));
        }
        Ok(secret)
    }

    /// The JWK parameters of an Ed25519 verifying key.
    pub fn from_ed25519_verifying_key(key: &ed25519_dalek::VerifyingKey) -> Self {
        Self {
            crv: OkpCurve::Ed25519,
            x: key.to_bytes(),
            d: None,
        }
    }

    /// The JWK parameters of an Ed25519 signing key.
    pub fn from_ed25519_signing_key(key: &ed25519_dalek::SigningKey) -> Self {
        let mut jwk = Self::from_ed25519_verifying_key(&key.verifying_key());
        jwk.d = Some(SecretBytes::new(key.to_bytes().to_vec()));
        jwk
    }

    /// The JWK parameters of an X25519 public key.
    pub fn from_x25519_public_key(key: &x25519_dalek::PublicKey) -> Self {
        Self {
            crv: OkpCurve::X25519,
            x: key.to_bytes(),
            d: None,
        }
    }

    /// The JWK parameters of an X25519 static secret.
    pub fn from_x25519_secret(secret: &x25519_dalek::StaticSecret) -> Self {
        let mut jwk = Self::from_x25519_public_key(&x25519_dalek::PublicKey::from(secret));
        jwk.d = Some(SecretBytes::new(secret.to_bytes().to_vec()));
        jwk
    }

    fn secret_array(&self) -> Result<zeroize::Zeroizing<[u8; 32]>, Error> {
        let d = self.d.as_ref().ok_or(Error::NotPrivate)?;
        let mut out = zeroize::Zeroizing::new([0u8; 32]);
        if d.len() != 32 {
            return Err(Error::invalid(
                "d",
                format!("must be 32 bytes, found {}", d.len()),
            ));
        }
        out.copy_from_slice(d.expose_secret());
        Ok(out)
    }

    fn expect_curve(&self, curve: OkpCurve) -> Result<(), Error> {
        if self.crv == curve {
            Ok(())
        } else {
            Err(Error::Unsupported {
                what: format!("an {} key used as an {curve} key", self.crv),
            })
        }
    }

    pub(crate) fn read(members: &mut Members) -> Result<Self, Error> {
        let crv = members.required_string("crv")?;
        let crv = OkpCurve::parse(&crv).ok_or(Error::UnsupportedCurve { kty: KTY, crv })?;
        let x = members.required_bytes("x")?;
        let x: [u8; 32] = x.as_slice().try_into().map_err(|_| {
            Error::invalid(
                "x",
                format!("must be 32 bytes for {crv}, found {}", x.len()),
            )
        })?;
        let d = members.secret("d")?;
        if let Some(d) = &d
            && d.len() != 32
        {
            return Err(Error::invalid(
                "d",
                format!("must be 32 bytes for {crv}, found {}", d.len()),
            ));
        }
        let key = Self { crv, x, d };
        match (crv, key.d.is_some()) {
            (OkpCurve::Ed25519, false) => key.to_ed25519_verifying_key().map(drop)?,
            (OkpCurve::Ed25519, true) => key.to_ed25519_signing_key().map(drop)?,
            (OkpCurve::X25519, false) => key.to_x25519_public_key().map(drop)?,
            (OkpCurve::X25519, true) => key.to_x25519_secret().map(drop)?,
        }
        Ok(key)
    }

    pub(crate) fn write(&self, map: &mut Map<String, Value>) {
        put_str(map, "crv", self.crv.as_str());
        put_bytes(map, "x", &self.x);
        if let Some(d) = &self.d {
            put_secret(map, "d", d);
        }
    }
}

/// The secret members are [`SecretBytes`], each wiped when dropped.
impl zeroize::ZeroizeOnDrop for OkpKey {}
