//! Elliptic-curve keys, `kty` `EC` (RFC 7518 §6.2, RFC 8812 §3.1 for secp256k1).

use core::fmt;

use elliptic_curve::sec1::{FromSec1Point, ModulusSize, ToSec1Point};
use elliptic_curve::{AffinePoint, CurveArithmetic, FieldBytesSize, PublicKey, SecretKey};
use jose_b64::SecretBytes;
use jose_b64::serde_json::{Map, Value};

use crate::Error;
use crate::members::{Members, put_bytes, put_secret, put_str};

const KTY: &str = "EC";

/// The curves of `kty` `EC`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EcCurve {
    /// `"P-256"` (secp256r1).
    P256,
    /// `"P-384"` (secp384r1).
    P384,
    /// `"P-521"` (secp521r1).
    P521,
    /// `"secp256k1"` (RFC 8812).
    Secp256k1,
}

impl EcCurve {
    /// Every supported curve.
    pub const ALL: [Self; 4] = [Self::P256, Self::P384, Self::P521, Self::Secp256k1];

    /// The `crv` value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::P256 => "P-256",
            Self::P384 => "P-384",
            Self::P521 => "P-521",
            Self::Secp256k1 => "secp256k1",
        }
    }

    /// Reads a `crv` value (case-sensitive).
    pub fn parse(crv: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == crv)
    }

    /// The length of a coordinate and of the private scalar, in bytes (RFC 7518 §6.2.1.2).
    pub const fn coordinate_len(self) -> usize {
        match self {
            Self::P256 | Self::Secp256k1 => 32,
            Self::P384 => 48,
            Self::P521 => 66,
        }
    }
}

impl fmt::Display for EcCurve {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A RustCrypto curve that a JWK can hold.
pub trait JwkCurve: CurveArithmetic
where
    FieldBytesSize<Self>: ModulusSize,
    AffinePoint<Self>: FromSec1Point<Self> + ToSec1Point<Self>,
{
    /// The JWK curve.
    const CURVE: EcCurve;
}

impl JwkCurve for p256::NistP256 {
    const CURVE: EcCurve = EcCurve::P256;
}
impl JwkCurve for p384::NistP384 {
    const CURVE: EcCurve = EcCurve::P384;
}
impl JwkCurve for p521::NistP521 {
    const CURVE: EcCurve = EcCurve::P521;
}
impl JwkCurve for k256::Secp256k1 {
    const CURVE: EcCurve = EcCurve::Secp256k1;
}

/// An elliptic-curve public key, with its private scalar when it is a private key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EcKey {
    crv: EcCurve,
    x: Vec<u8>,
    y: Vec<u8>,
    d: Option<SecretBytes>,
}

impl EcKey {
    /// The curve.
    pub fn curve(&self) -> EcCurve {
        self.crv
    }

    /// The x coordinate, big-endian, full length.
    pub fn x(&self) -> &[u8] {
        &self.x
    }

    /// The y coordinate, big-endian, full length.
    pub fn y(&self) -> &[u8] {
        &self.y
    }

    /// The private scalar, for a private key.
    pub fn d(&self) -> Option<&SecretBytes> {
        self.d.as_ref()
    }

    /// The same key without its private scalar.
    pub fn to_public(&self) -> Self {
        Self {
            crv: self.crv,
            x: self.x.clone(),
            y: self.y.clone(),
            d: None,
        }
    }

    /// The uncompressed SEC1 encoding of the public point, `04 ‖ x ‖ y`.
    pub fn to_sec1_bytes(&self) -> Vec<u8> {
        let mut sec1 = Vec::with_capacity(1 + self.x.len() + self.y.len());
        sec1.push(4);
        sec1.extend_from_slice(&self.x);
        sec1.extend_from_slice(&self.y);
        sec1
    }

    /// The RustCrypto public key on curve `C`.
    pub fn to_public_key<C: JwkCurve>(&self) -> Result<PublicKey<C>, Error>
    where
        FieldBytesSize<C>: ModulusSize,
        AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
    {
        self.expect_curve(C::CURVE)?;
        PublicKey::<C>::from_sec1_bytes(&self.to_sec1_bytes()).map_err(|_| {
            Error::invalid_key(
                KTY,
                format!("the point (x, y) is not on {} or is the identity", self.crv),
            )
        })
    }

    /// The RustCrypto secret key on curve `C`, checked against the public point.
    pub fn to_secret_key<C: JwkCurve>(&self) -> Result<SecretKey<C>, Error>
    where
        FieldBytesSize<C>: ModulusSize,
        AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
    {
        let public = self.to_public_key::<C>()?;
        let d = self.d.as_ref().ok_or(Error::NotPrivate)?;
        let secret = SecretKey::<C>::from_slice(d.expose_secret())
            .map_err(|_| Error::invalid_key(KTY, "\"d\" is zero or not below the group order"))?;
        if secret.public_key() != public {
            return Err(Error::invalid_key(
                KTY,
                "the private key \"d\" does not match the public key (x, y)",
            ));
        }
        Ok(secret)
    }

    /// The JWK parameters of a RustCrypto public key.
    pub fn from_public_key<C: JwkCurve>(key: &PublicKey<C>) -> Self
    where
        FieldBytesSize<C>: ModulusSize,
        AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
    {
        let point = key.to_sec1_point(false);
        let coordinate =
            |c: Option<&elliptic_curve::FieldBytes<C>>| c.map(|c| c.to_vec()).unwrap_or_default();
        Self {
            crv: C::CURVE,
            x: coordinate(point.x()),
            y: coordinate(point.y()),
            d: None,
        }
    }

    /// The JWK parameters of a RustCrypto secret key.
    pub fn from_secret_key<C: JwkCurve>(key: &SecretKey<C>) -> Self
    where
        FieldBytesSize<C>: ModulusSize,
        AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
    {
        let mut jwk = Self::from_public_key(&key.public_key());
        jwk.d = Some(SecretBytes::new(key.to_bytes().to_vec()));
        jwk
    }

    fn expect_curve(&self, curve: EcCurve) -> Result<(), Error> {
        if self.crv == curve {
            Ok(())
        } else {
            Err(Error::Unsupported {
                what: format!("a {} key used as a {curve} key", self.crv),
            })
        }
    }

    pub(crate) fn read(members: &mut Members) -> Result<Self, Error> {
        let crv = members.required_string("crv")?;
        let crv = EcCurve::parse(&crv).ok_or(Error::UnsupportedCurve { kty: KTY, crv })?;
        let len = crv.coordinate_len();
        let x = members.required_bytes("x")?;
        let y = members.required_bytes("y")?;
        let d = members.secret("d")?;
        for (name, actual) in [
            ("x", x.len()),
            ("y", y.len()),
            ("d", d.as_ref().map_or(len, SecretBytes::len)),
        ] {
            if actual != len {
                return Err(Error::invalid(
                    name,
                    format!("must be {len} bytes for {crv} (RFC 7518 §6.2.1.2), found {actual}"),
                ));
            }
        }
        let key = Self { crv, x, y, d };
        key.validate()?;
        Ok(key)
    }

    /// Checks the point (and the scalar) on the curve the JWK names.
    fn validate(&self) -> Result<(), Error> {
        let private = self.d.is_some();
        match self.crv {
            EcCurve::P256 => self.validate_on::<p256::NistP256>(private),
            EcCurve::P384 => self.validate_on::<p384::NistP384>(private),
            EcCurve::P521 => self.validate_on::<p521::NistP521>(private),
            EcCurve::Secp256k1 => self.validate_on::<k256::Secp256k1>(private),
        }
    }

    fn validate_on<C: JwkCurve>(&self, private: bool) -> Result<(), Error>
    where
        FieldBytesSize<C>: ModulusSize,
        AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
    {
        if private {
            self.to_secret_key::<C>().map(drop)
        } else {
            self.to_public_key::<C>().map(drop)
        }
    }

    pub(crate) fn write(&self, map: &mut Map<String, Value>) {
        put_str(map, "crv", self.crv.as_str());
        put_bytes(map, "x", &self.x);
        put_bytes(map, "y", &self.y);
        if let Some(d) = &self.d {
            put_secret(map, "d", d);
        }
    }
}

/// The secret members are [`SecretBytes`], each wiped when dropped.
impl zeroize::ZeroizeOnDrop for EcKey {}
