//! EC keys: SEC1 `ECPrivateKey` (RFC 5915 §3), on its own and inside PKCS#8, and EC public
//! keys in SPKI (RFC 5480 §2).

use der::Decode;
use elliptic_curve::sec1::{FromSec1Point, ModulusSize, ToSec1Point};
use elliptic_curve::{AffinePoint, FieldBytesSize, PublicKey, SecretKey};
use pkcs8::{AssociatedOid, EncodePrivateKey};
use sec1::{EcParameters, EcPrivateKey};
use spki::EncodePublicKey;
use zeroize::Zeroizing;

use super::algorithm::{curve_from_oid, curve_oid};
use super::{EC_PRIVATE_KEY, der_error, encode_error, private_pem};
use crate::convert::revalidate;
use crate::{EcCurve, EcKey, Error, Jwk, JwkCurve, Key, KeyPolicy};

const KTY: &str = "EC";

impl Jwk {
    /// Reads a SEC1 `ECPrivateKey` (RFC 5915 §3) from DER with the default [`KeyPolicy`].
    ///
    /// The key must name its curve in its `parameters` (SEC1 alone has no other place for it):
    /// [`Error::Pem`] otherwise. An embedded public key must match the private key.
    pub fn from_sec1_der(der: &[u8]) -> Result<Self, Error> {
        Self::from_sec1_der_with(der, &KeyPolicy::DEFAULT)
    }

    /// [`Self::from_sec1_der`] with an explicit policy.
    pub fn from_sec1_der_with(der: &[u8], policy: &KeyPolicy) -> Result<Self, Error> {
        let key = EcPrivateKey::from_der(der).map_err(|e| der_error("SEC1 ECPrivateKey", e))?;
        let Some(EcParameters::NamedCurve(oid)) = key.parameters else {
            return Err(Error::pem(
                "SEC1 ECPrivateKey without curve parameters: the curve is unknown (use PKCS#8, or a key with namedCurve parameters)",
            ));
        };
        let curve = curve_from_oid(oid)?;
        revalidate(Self::new(Key::Ec(private_key(curve, &key, None)?)), policy)
    }

    /// The SEC1 `ECPrivateKey` DER of a private EC key, with its named curve and public key:
    /// [`Error::NotPrivate`] for a public key, [`Error::Unsupported`] for other key types.
    pub fn to_sec1_der(&self) -> Result<Zeroizing<Vec<u8>>, Error> {
        let key = match self.key() {
            Key::Ec(key) => key,
            other => {
                return Err(Error::Unsupported {
                    what: format!(
                        "SEC1 for {} (SEC1 holds EC private keys only)",
                        other.describe()
                    ),
                });
            }
        };
        with_curve!(key.curve(), sec1_der(key))
    }

    /// [`Self::to_sec1_der`] as PEM, labelled `EC PRIVATE KEY`.
    pub fn to_sec1_pem(&self) -> Result<Zeroizing<String>, Error> {
        private_pem(EC_PRIVATE_KEY, &self.to_sec1_der()?)
    }
}

/// The key of an `ECPrivateKey` on `curve`: parameters, if present, naming the same curve; the
/// scalar in range; the embedded public key and `outer_public` (PKCS#8 v2), if present, on the
/// curve and matching.
pub(super) fn private_key(
    curve: EcCurve,
    key: &EcPrivateKey<'_>,
    outer_public: Option<&[u8]>,
) -> Result<EcKey, Error> {
    if let Some(EcParameters::NamedCurve(oid)) = key.parameters
        && oid != curve_oid(curve)
    {
        return Err(Error::pem(format!(
            "the ECPrivateKey parameters name another curve (OID {oid}) than {curve}"
        )));
    }
    with_curve!(curve, private_key_on(key, outer_public))
}

fn private_key_on<C>(key: &EcPrivateKey<'_>, outer_public: Option<&[u8]>) -> Result<EcKey, Error>
where
    C: JwkCurve,
    FieldBytesSize<C>: ModulusSize,
    AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
{
    let secret = SecretKey::<C>::from_slice(key.private_key).map_err(|_| {
        Error::invalid_key(
            KTY,
            format!(
                "the private key is zero, not below the group order of {}, or too long",
                C::CURVE
            ),
        )
    })?;
    for point in [key.public_key, outer_public].into_iter().flatten() {
        if point_on::<C>(point)? != secret.public_key() {
            return Err(Error::invalid_key(
                KTY,
                "the embedded public key does not match the private key",
            ));
        }
    }
    Ok(EcKey::from_secret_key(&secret))
}

/// The key of a SEC1 point (uncompressed or compressed) on `curve`.
pub(super) fn public_key(curve: EcCurve, point: &[u8]) -> Result<EcKey, Error> {
    with_curve!(curve, public_key_on(point))
}

fn public_key_on<C>(point: &[u8]) -> Result<EcKey, Error>
where
    C: JwkCurve,
    FieldBytesSize<C>: ModulusSize,
    AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
{
    point_on::<C>(point).map(|key| EcKey::from_public_key(&key))
}

fn point_on<C>(point: &[u8]) -> Result<PublicKey<C>, Error>
where
    C: JwkCurve,
    FieldBytesSize<C>: ModulusSize,
    AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
{
    PublicKey::<C>::from_sec1_bytes(point).map_err(|_| {
        Error::invalid_key(
            KTY,
            format!(
                "the public key is not a point on {} (malformed, off the curve, or the identity)",
                C::CURVE
            ),
        )
    })
}

/// The SPKI of an EC key's public point (uncompressed).
pub(super) fn spki_der(key: &EcKey) -> Result<Vec<u8>, Error> {
    with_curve!(key.curve(), spki_der_on(key))
}

fn spki_der_on<C>(key: &EcKey) -> Result<Vec<u8>, Error>
where
    C: JwkCurve + AssociatedOid,
    FieldBytesSize<C>: ModulusSize,
    AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
{
    key.to_public_key::<C>()?
        .to_public_key_der()
        .map(|doc| doc.into_vec())
        .map_err(encode_error)
}

/// The PKCS#8 of a private EC key (the curve in the algorithm parameters, the public key in
/// the `ECPrivateKey`).
pub(super) fn pkcs8_der(key: &EcKey) -> Result<Zeroizing<Vec<u8>>, Error> {
    with_curve!(key.curve(), pkcs8_der_on(key))
}

fn pkcs8_der_on<C>(key: &EcKey) -> Result<Zeroizing<Vec<u8>>, Error>
where
    C: JwkCurve + AssociatedOid,
    FieldBytesSize<C>: ModulusSize,
    AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
{
    key.to_secret_key::<C>()?
        .to_pkcs8_der()
        .map(|doc| doc.to_bytes())
        .map_err(encode_error)
}

fn sec1_der<C>(key: &EcKey) -> Result<Zeroizing<Vec<u8>>, Error>
where
    C: JwkCurve + AssociatedOid,
    FieldBytesSize<C>: ModulusSize,
    AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
{
    key.to_secret_key::<C>()?
        .to_sec1_der()
        .map_err(encode_error)
}

#[cfg(test)]
mod tests {
    use der::Encode;

    use super::*;
    use crate::generate::tests::rsa_2048_jwk;
    use crate::{KeySpec, OkpCurve};

    fn sec1_of(jwk: &Jwk) -> Zeroizing<Vec<u8>> {
        jwk.to_sec1_der().unwrap()
    }

    #[test]
    fn sec1_needs_the_curve() {
        let jwk = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
        let der = sec1_of(&jwk);
        let key = EcPrivateKey::from_der(&der).unwrap();
        let without = EcPrivateKey {
            parameters: None,
            ..key.clone()
        }
        .to_der()
        .unwrap();
        let err = Jwk::from_sec1_der(&without).unwrap_err();
        assert!(matches!(err, Error::Pem { .. }), "{err}");
        assert!(
            err.to_string().contains("without curve parameters"),
            "{err}"
        );

        // An unsupported named curve (secp224r1).
        let secp224r1 = const_oid::ObjectIdentifier::new_unwrap("1.3.132.0.33");
        let other = EcPrivateKey {
            parameters: Some(EcParameters::NamedCurve(secp224r1)),
            ..key
        }
        .to_der()
        .unwrap();
        let err = Jwk::from_sec1_der(&other).unwrap_err();
        assert!(matches!(err, Error::Unsupported { .. }), "{err}");
        assert!(err.to_string().contains("1.3.132.0.33"), "{err}");
    }

    #[test]
    fn sec1_public_key_must_match() {
        let one = Jwk::generate(KeySpec::Ec(EcCurve::Secp256k1)).unwrap();
        let two = Jwk::generate(KeySpec::Ec(EcCurve::Secp256k1)).unwrap();
        let (der_one, der_two) = (sec1_of(&one), sec1_of(&two));
        let key_one = EcPrivateKey::from_der(&der_one).unwrap();
        let key_two = EcPrivateKey::from_der(&der_two).unwrap();
        let mixed = EcPrivateKey {
            public_key: key_two.public_key,
            ..key_one.clone()
        }
        .to_der()
        .unwrap();
        let err = Jwk::from_sec1_der(&mixed).unwrap_err();
        assert!(matches!(err, Error::InvalidKey { kty: "EC", .. }), "{err}");

        // Without the (optional) public key, the key is still read.
        let bare = EcPrivateKey {
            public_key: None,
            ..key_one
        }
        .to_der()
        .unwrap();
        assert_eq!(Jwk::from_sec1_der(&bare).unwrap(), one);
    }

    #[test]
    fn sec1_scalar_must_be_in_range() {
        let jwk = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
        let der = sec1_of(&jwk);
        let key = EcPrivateKey::from_der(&der).unwrap();
        for scalar in [[0u8; 32], [0xff; 32]] {
            let bad = EcPrivateKey {
                private_key: &scalar,
                public_key: None,
                ..key.clone()
            }
            .to_der()
            .unwrap();
            assert!(matches!(
                Jwk::from_sec1_der(&bad),
                Err(Error::InvalidKey { kty: "EC", .. })
            ));
        }
    }

    #[test]
    fn sec1_is_for_ec_private_keys_only() {
        let ec = Jwk::generate(KeySpec::Ec(EcCurve::P521)).unwrap();
        assert_eq!(
            ec.to_public().unwrap().to_sec1_der().err(),
            Some(Error::NotPrivate)
        );
        assert_eq!(
            ec.to_public().unwrap().to_sec1_pem().err(),
            Some(Error::NotPrivate)
        );
        for other in [
            rsa_2048_jwk().clone(),
            Jwk::generate(KeySpec::Okp(OkpCurve::Ed25519)).unwrap(),
        ] {
            assert!(matches!(
                other.to_sec1_der(),
                Err(Error::Unsupported { .. })
            ));
        }
    }

    #[test]
    fn truncated_and_trailing_sec1_is_refused() {
        let der = sec1_of(&Jwk::generate(KeySpec::Ec(EcCurve::P384)).unwrap());
        assert!(matches!(
            Jwk::from_sec1_der(&der[..der.len() - 3]),
            Err(Error::Pem { .. })
        ));
        let mut trailing = der.to_vec();
        trailing.push(0);
        assert!(matches!(
            Jwk::from_sec1_der(&trailing),
            Err(Error::Pem { .. })
        ));
        assert!(matches!(Jwk::from_sec1_der(&[]), Err(Error::Pem { .. })));
    }
}
