//! Conversions between [`Jwk`] and the RustCrypto key types.
//!
//! **JWK → RustCrypto**: `X::try_from(&jwk)` for
//!
//! | JWK | RustCrypto types |
//! |-----|------------------|
//! | `RSA` | [`rsa::PublicKey`], [`rsa::PrivateKey`] |
//! | `EC` | [`elliptic_curve::PublicKey<C>`], [`elliptic_curve::SecretKey<C>`] for every [`JwkCurve`] `C`; `p256::ecdsa`, `p384::ecdsa`, `p521::ecdsa`, `k256::ecdsa` `SigningKey` and `VerifyingKey` |
//! | `OKP` `Ed25519` | [`ed25519_dalek::SigningKey`], [`ed25519_dalek::VerifyingKey`] |
//! | `OKP` `X25519` | [`x25519_dalek::StaticSecret`], [`x25519_dalek::PublicKey`] |
//!
//! A JWK of another key type or curve is refused ([`Error::Unsupported`]); a private type asks
//! for a private JWK ([`Error::NotPrivate`]); a public type can be made from a private JWK (it
//! gets the public part).
//!
//! **RustCrypto → JWK**: `Jwk::from(&key)` where the conversion cannot fail (EC, ECDSA, Ed25519
//! signing keys, X25519), `Jwk::try_from(&key)` where the key must first pass the
//! [`KeyPolicy::DEFAULT`] (RSA: modulus size and exponent, see
//! [`Jwk::from_rsa_public_key_with`] for another policy) or a validity check (an Ed25519
//! verifying key of small order is refused). The JWK has no `kid`, `alg`, `use` or `key_ops`:
//! add them with [`Jwk::with_kid`] and the other builders.
//!
//! ```
//! use jose_jwk::Jwk;
//!
//! let signing_key = p256::ecdsa::SigningKey::from_slice(&[7; 32])?;
//! let jwk = Jwk::from(&signing_key).with_kid("k1");
//! assert!(jwk.is_private());
//!
//! let again = p256::ecdsa::SigningKey::try_from(&jwk)?;
//! assert_eq!(again, signing_key);
//! // The JWK is a P-256 key: it is not a P-384 key.
//! assert!(p384::ecdsa::VerifyingKey::try_from(&jwk).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use elliptic_curve::sec1::{FromSec1Point, ModulusSize, ToSec1Point};
use elliptic_curve::{AffinePoint, FieldBytesSize, PublicKey, SecretKey};
use rsa::{PrivateKey as RsaPrivateKey, PublicKey as RsaPublicKey};

use crate::{EcKey, Error, Jwk, JwkCurve, Key, KeyPolicy, OkpKey, RsaKey};

/// Re-reads a JWK built from key material through the full import checks of
/// [`Jwk::from_map`] (key validity and `policy`): every conversion into a [`Jwk`] ends here.
///
/// The private members pass through base64url strings that [`Jwk::from_map`] zeroizes as it
/// reads them.
pub(crate) fn revalidate(jwk: Jwk, policy: &KeyPolicy) -> Result<Jwk, Error> {
    Jwk::from_map(jwk.to_map(), policy)
}

/// The error for a JWK used as a key of another type.
fn wrong_key(jwk: &Jwk, wanted: &str) -> Error {
    Error::Unsupported {
        what: format!("{} used as {wanted}", jwk.key().describe()),
    }
}

fn rsa_key(jwk: &Jwk) -> Result<&RsaKey, Error> {
    match jwk.key() {
        Key::Rsa(key) => Ok(key),
        _ => Err(wrong_key(jwk, "an RSA key")),
    }
}

fn ec_key<C>(jwk: &Jwk) -> Result<&EcKey, Error>
where
    C: JwkCurve,
    FieldBytesSize<C>: ModulusSize,
    AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
{
    match jwk.key() {
        Key::Ec(key) => Ok(key),
        _ => Err(wrong_key(jwk, &format!("an EC key on {}", C::CURVE))),
    }
}

fn okp_key<'a>(jwk: &'a Jwk, wanted: &str) -> Result<&'a OkpKey, Error> {
    match jwk.key() {
        Key::Okp(key) => Ok(key),
        _ => Err(wrong_key(jwk, wanted)),
    }
}

// ---------------------------------------------------------------------------------------------
// RSA

impl TryFrom<&Jwk> for RsaPublicKey {
    type Error = Error;

    /// The RSA public key of an `RSA` JWK (public or private).
    fn try_from(jwk: &Jwk) -> Result<Self, Error> {
        rsa_key(jwk)?.to_public_key()
    }
}

impl TryFrom<&Jwk> for RsaPrivateKey {
    type Error = Error;

    /// The RSA private key of a private `RSA` JWK.
    fn try_from(jwk: &Jwk) -> Result<Self, Error> {
        rsa_key(jwk)?.to_private_key()
    }
}

impl TryFrom<&RsaPublicKey> for Jwk {
    type Error = Error;

    /// The JWK of an RSA public key, checked against [`KeyPolicy::DEFAULT`].
    fn try_from(key: &RsaPublicKey) -> Result<Self, Error> {
        Self::from_rsa_public_key_with(key, &KeyPolicy::DEFAULT)
    }
}

impl TryFrom<&RsaPrivateKey> for Jwk {
    type Error = Error;

    /// The JWK of a two-prime RSA private key (with its CRT values), checked against
    /// [`KeyPolicy::DEFAULT`].
    fn try_from(key: &RsaPrivateKey) -> Result<Self, Error> {
        Self::from_rsa_private_key_with(key, &KeyPolicy::DEFAULT)
    }
}

impl Jwk {
    /// The JWK of an RSA public key, checked against `policy` (modulus size, exponent):
    /// [`Error::WeakKey`] otherwise.
    pub fn from_rsa_public_key_with(key: &RsaPublicKey, policy: &KeyPolicy) -> Result<Self, Error> {
        revalidate(Self::new(Key::Rsa(RsaKey::from_public_key(key))), policy)
    }

    /// The JWK of a two-prime RSA private key (with its CRT values), checked against `policy`
    /// (modulus size, exponent): [`Error::WeakKey`] otherwise. Multi-prime keys are refused
    /// ([`Error::MultiPrimeRsa`]).
    pub fn from_rsa_private_key_with(
        key: &RsaPrivateKey,
        policy: &KeyPolicy,
    ) -> Result<Self, Error> {
        revalidate(Self::new(Key::Rsa(RsaKey::from_private_key(key)?)), policy)
    }
}

// ---------------------------------------------------------------------------------------------
// EC, generic over the curve

impl<C> TryFrom<&Jwk> for PublicKey<C>
where
    C: JwkCurve,
    FieldBytesSize<C>: ModulusSize,
    AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
{
    type Error = Error;

    /// The public key of an `EC` JWK (public or private) on curve `C`.
    fn try_from(jwk: &Jwk) -> Result<Self, Error> {
        ec_key::<C>(jwk)?.to_public_key::<C>()
    }
}

impl<C> TryFrom<&Jwk> for SecretKey<C>
where
    C: JwkCurve,
    FieldBytesSize<C>: ModulusSize,
    AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
{
    type Error = Error;

    /// The secret key of a private `EC` JWK on curve `C`.
    fn try_from(jwk: &Jwk) -> Result<Self, Error> {
        ec_key::<C>(jwk)?.to_secret_key::<C>()
    }
}

impl<C> From<&PublicKey<C>> for Jwk
where
    C: JwkCurve,
    FieldBytesSize<C>: ModulusSize,
    AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
{
    /// The JWK of an EC public key. A [`PublicKey`] is on its curve and not the identity, so
    /// this cannot fail.
    fn from(key: &PublicKey<C>) -> Self {
        Self::new(Key::Ec(EcKey::from_public_key(key)))
    }
}

impl<C> From<&SecretKey<C>> for Jwk
where
    C: JwkCurve,
    FieldBytesSize<C>: ModulusSize,
    AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
{
    /// The JWK of an EC secret key, with its public point.
    fn from(key: &SecretKey<C>) -> Self {
        Self::new(Key::Ec(EcKey::from_secret_key(key)))
    }
}

// ---------------------------------------------------------------------------------------------
// ECDSA, per curve (the `ecdsa` types are named through each curve crate)

macro_rules! ecdsa_conversions {
    ($($krate:ident :: $curve:ident),* $(,)?) => {$(
        impl TryFrom<&Jwk> for $krate::ecdsa::SigningKey {
            type Error = Error;

            /// The ECDSA signing key of a private `EC` JWK on this curve.
            fn try_from(jwk: &Jwk) -> Result<Self, Error> {
                SecretKey::<$krate::$curve>::try_from(jwk).map(|secret| Self::from(&secret))
            }
        }

        impl TryFrom<&Jwk> for $krate::ecdsa::VerifyingKey {
            type Error = Error;

            /// The ECDSA verifying key of an `EC` JWK (public or private) on this curve.
            fn try_from(jwk: &Jwk) -> Result<Self, Error> {
                PublicKey::<$krate::$curve>::try_from(jwk).map(Self::from)
            }
        }

        impl From<&$krate::ecdsa::SigningKey> for Jwk {
            /// The JWK of an ECDSA signing key, with its public point.
            fn from(key: &$krate::ecdsa::SigningKey) -> Self {
                Self::from(&SecretKey::<$krate::$curve>::from(key))
            }
        }

        impl From<&$krate::ecdsa::VerifyingKey> for Jwk {
            /// The JWK of an ECDSA verifying key.
            fn from(key: &$krate::ecdsa::VerifyingKey) -> Self {
                Self::from(&PublicKey::<$krate::$curve>::from(key))
            }
        }
    )*};
}

ecdsa_conversions!(
    p256::NistP256,
    p384::NistP384,
    p521::NistP521,
    k256::Secp256k1
);

// ---------------------------------------------------------------------------------------------
// Ed25519

impl TryFrom<&Jwk> for ed25519_dalek::SigningKey {
    type Error = Error;

    /// The signing key of a private `OKP` `Ed25519` JWK.
    fn try_from(jwk: &Jwk) -> Result<Self, Error> {
        okp_key(jwk, "an Ed25519 key")?.to_ed25519_signing_key()
    }
}

impl TryFrom<&Jwk> for ed25519_dalek::VerifyingKey {
    type Error = Error;

    /// The verifying key of an `OKP` `Ed25519` JWK (public or private).
    fn try_from(jwk: &Jwk) -> Result<Self, Error> {
        okp_key(jwk, "an Ed25519 key")?.to_ed25519_verifying_key()
    }
}

impl From<&ed25519_dalek::SigningKey> for Jwk {
    /// The JWK of an Ed25519 signing key: `d` is the 32-byte seed (RFC 8037 §2).
    fn from(key: &ed25519_dalek::SigningKey) -> Self {
        Self::new(Key::Okp(OkpKey::from_ed25519_signing_key(key)))
    }
}

impl TryFrom<&ed25519_dalek::VerifyingKey> for Jwk {
    type Error = Error;

    /// The JWK of an Ed25519 verifying key; a small-order ("weak") key is refused
    /// ([`Error::InvalidKey`]).
    fn try_from(key: &ed25519_dalek::VerifyingKey) -> Result<Self, Error> {
        revalidate(
            Self::new(Key::Okp(OkpKey::from_ed25519_verifying_key(key))),
            &KeyPolicy::DEFAULT,
        )
    }
}

// ---------------------------------------------------------------------------------------------
// X25519

impl TryFrom<&Jwk> for x25519_dalek::StaticSecret {
    type Error = Error;

    /// The static secret of a private `OKP` `X25519` JWK.
    fn try_from(jwk: &Jwk) -> Result<Self, Error> {
        okp_key(jwk, "an X25519 key")?.to_x25519_secret()
    }
}

impl TryFrom<&Jwk> for x25519_dalek::PublicKey {
    type Error = Error;

    /// The public key of an `OKP` `X25519` JWK (public or private).
    fn try_from(jwk: &Jwk) -> Result<Self, Error> {
        okp_key(jwk, "an X25519 key")?.to_x25519_public_key()
    }
}

impl From<&x25519_dalek::StaticSecret> for Jwk {
    /// The JWK of an X25519 static secret, with its public key.
    fn from(secret: &x25519_dalek::StaticSecret) -> Self {
        Self::new(Key::Okp(OkpKey::from_x25519_secret(secret)))
    }
}

impl From<&x25519_dalek::PublicKey> for Jwk {
    /// The JWK of an X25519 public key.
    fn from(key: &x25519_dalek::PublicKey) -> Self {
        Self::new(Key::Okp(OkpKey::from_x25519_public_key(key)))
    }
}

#[cfg(test)]
mod tests {
    use elliptic_curve::Generate;
    use rsa::traits::PublicKeyParts;

    use super::*;
    use crate::generate::tests::{rsa_1024, rsa_2048};
    use crate::{EcCurve, KeySpec, OkpCurve};

    /// The JWK survives a round trip through its JSON text (the import checks accept it).
    fn assert_importable(jwk: &Jwk) {
        assert_eq!(&Jwk::from_json(&jwk.to_json()).unwrap(), jwk);
    }

    #[test]
    fn rsa_round_trips() {
        let private = rsa_2048();
        let jwk = Jwk::try_from(private).unwrap();
        assert!(jwk.is_private());
        assert_importable(&jwk);
        assert_eq!(&RsaPrivateKey::try_from(&jwk).unwrap(), private);

        let public = private.to_public_key();
        let public_jwk = Jwk::try_from(&public).unwrap();
        assert!(!public_jwk.is_private());
        assert_importable(&public_jwk);
        assert_eq!(RsaPublicKey::try_from(&public_jwk).unwrap(), public);
        // The public key of a private JWK.
        assert_eq!(RsaPublicKey::try_from(&jwk).unwrap(), public);
        assert_eq!(public_jwk, jwk.to_public().unwrap());
    }

    #[test]
    fn rsa_public_jwk_is_not_a_private_key() {
        let public_jwk = Jwk::try_from(&rsa_2048().to_public_key()).unwrap();
        assert_eq!(RsaPrivateKey::try_from(&public_jwk), Err(Error::NotPrivate));
    }

    #[test]
    fn rsa_policy_applies_to_conversions() {
        let weak = rsa_1024();
        assert!(matches!(Jwk::try_from(weak), Err(Error::WeakKey { .. })));
        assert!(matches!(
            Jwk::try_from(&weak.to_public_key()),
            Err(Error::WeakKey { .. })
        ));

        let legacy = KeyPolicy {
            min_rsa_bits: 1024,
            ..KeyPolicy::DEFAULT
        };
        let jwk = Jwk::from_rsa_private_key_with(weak, &legacy).unwrap();
        assert_eq!(
            RsaPrivateKey::try_from(&jwk).unwrap().n_bytes(),
            weak.n_bytes()
        );
        assert!(Jwk::from_rsa_public_key_with(&weak.to_public_key(), &legacy).is_ok());
    }

    fn ec_round_trip<C>()
    where
        C: JwkCurve,
        FieldBytesSize<C>: ModulusSize,
        AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
    {
        let secret = SecretKey::<C>::try_generate_from_rng(&mut getrandom::SysRng).unwrap();
        let jwk = Jwk::from(&secret);
        assert_importable(&jwk);
        assert_eq!(SecretKey::<C>::try_from(&jwk).unwrap(), secret);
        assert_eq!(PublicKey::<C>::try_from(&jwk).unwrap(), secret.public_key());

        let public_jwk = Jwk::from(&secret.public_key());
        assert_importable(&public_jwk);
        assert_eq!(public_jwk, jwk.to_public().unwrap());
        assert_eq!(
            PublicKey::<C>::try_from(&public_jwk).unwrap(),
            secret.public_key()
        );
        assert_eq!(
            SecretKey::<C>::try_from(&public_jwk),
            Err(Error::NotPrivate)
        );
    }

    #[test]
    fn ec_round_trips_on_every_curve() {
        ec_round_trip::<p256::NistP256>();
        ec_round_trip::<p384::NistP384>();
        ec_round_trip::<p521::NistP521>();
        ec_round_trip::<k256::Secp256k1>();
    }

    macro_rules! ecdsa_round_trip {
        ($krate:ident) => {{
            let signing =
                $krate::ecdsa::SigningKey::try_generate_from_rng(&mut getrandom::SysRng).unwrap();
            let jwk = Jwk::from(&signing);
            assert_importable(&jwk);
            assert_eq!($krate::ecdsa::SigningKey::try_from(&jwk).unwrap(), signing);
            assert_eq!(
                &$krate::ecdsa::VerifyingKey::try_from(&jwk).unwrap(),
                signing.verifying_key()
            );

            let public_jwk = Jwk::from(signing.verifying_key());
            assert_importable(&public_jwk);
            assert_eq!(public_jwk, jwk.to_public().unwrap());
            assert_eq!(
                &$krate::ecdsa::VerifyingKey::try_from(&public_jwk).unwrap(),
                signing.verifying_key()
            );
            assert_eq!(
                $krate::ecdsa::SigningKey::try_from(&public_jwk).err(),
                Some(Error::NotPrivate)
            );
        }};
    }

    #[test]
    fn ecdsa_round_trips_on_every_curve() {
        ecdsa_round_trip!(p256);
        ecdsa_round_trip!(p384);
        ecdsa_round_trip!(p521);
        ecdsa_round_trip!(k256);
    }

    #[test]
    fn ec_curve_and_type_mismatches_are_refused() {
        let p256_jwk = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
        let err = p384::PublicKey::try_from(&p256_jwk).unwrap_err();
        assert!(matches!(err, Error::Unsupported { .. }), "{err}");
        assert!(err.to_string().contains("P-384"), "{err}");
        assert!(k256::ecdsa::SigningKey::try_from(&p256_jwk).is_err());
        assert!(p521::ecdsa::VerifyingKey::try_from(&p256_jwk).is_err());

        let okp = Jwk::generate(KeySpec::Okp(OkpCurve::Ed25519)).unwrap();
        let err = p256::SecretKey::try_from(&okp).unwrap_err();
        assert_eq!(
            err.to_string(),
            "unsupported: an OKP key on Ed25519 used as an EC key on P-256"
        );
        let oct = Jwk::generate(KeySpec::Oct { bytes: 32 }).unwrap();
        assert!(matches!(
            RsaPublicKey::try_from(&oct),
            Err(Error::Unsupported { .. })
        ));
        assert!(matches!(
            p256::PublicKey::try_from(&oct),
            Err(Error::Unsupported { .. })
        ));
        assert!(matches!(
            RsaPrivateKey::try_from(&p256_jwk),
            Err(Error::Unsupported { .. })
        ));
    }

    #[test]
    fn ed25519_round_trips() {
        let signing =
            ed25519_dalek::SigningKey::generate(&mut rand_core::UnwrapErr(getrandom::SysRng));
        let jwk = Jwk::from(&signing);
        assert_importable(&jwk);
        assert_eq!(
            ed25519_dalek::SigningKey::try_from(&jwk)
                .unwrap()
                .to_bytes(),
            signing.to_bytes()
        );
        assert_eq!(
            ed25519_dalek::VerifyingKey::try_from(&jwk).unwrap(),
            signing.verifying_key()
        );

        let public_jwk = Jwk::try_from(&signing.verifying_key()).unwrap();
        assert_importable(&public_jwk);
        assert_eq!(public_jwk, jwk.to_public().unwrap());
        assert_eq!(
            ed25519_dalek::VerifyingKey::try_from(&public_jwk).unwrap(),
            signing.verifying_key()
        );
        assert_eq!(
            ed25519_dalek::SigningKey::try_from(&public_jwk).err(),
            Some(Error::NotPrivate)
        );
    }

    #[test]
    fn ed25519_small_order_key_is_refused() {
        // The identity point: a valid encoding, of order 1.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        let weak = ed25519_dalek::VerifyingKey::from_bytes(&identity).unwrap();
        let err = Jwk::try_from(&weak).unwrap_err();
        assert!(matches!(err, Error::InvalidKey { kty: "OKP", .. }), "{err}");
    }

    #[test]
    fn x25519_round_trips() {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).unwrap();
        let secret = x25519_dalek::StaticSecret::from(bytes);
        let public = x25519_dalek::PublicKey::from(&secret);
        let jwk = Jwk::from(&secret);
        assert_importable(&jwk);
        assert_eq!(
            x25519_dalek::StaticSecret::try_from(&jwk)
                .unwrap()
                .to_bytes(),
            secret.to_bytes()
        );
        assert_eq!(x25519_dalek::PublicKey::try_from(&jwk).unwrap(), public);

        let public_jwk = Jwk::from(&public);
        assert_importable(&public_jwk);
        assert_eq!(public_jwk, jwk.to_public().unwrap());
        assert_eq!(
            x25519_dalek::PublicKey::try_from(&public_jwk).unwrap(),
            public
        );
        assert!(matches!(
            x25519_dalek::StaticSecret::try_from(&public_jwk),
            Err(Error::NotPrivate)
        ));
    }

    #[test]
    fn okp_curve_mismatches_are_refused() {
        let ed = Jwk::generate(KeySpec::Okp(OkpCurve::Ed25519)).unwrap();
        let x = Jwk::generate(KeySpec::Okp(OkpCurve::X25519)).unwrap();
        assert!(matches!(
            x25519_dalek::PublicKey::try_from(&ed),
            Err(Error::Unsupported { .. })
        ));
        assert!(matches!(
            x25519_dalek::StaticSecret::try_from(&ed),
            Err(Error::Unsupported { .. })
        ));
        assert!(matches!(
            ed25519_dalek::VerifyingKey::try_from(&x),
            Err(Error::Unsupported { .. })
        ));
        assert!(matches!(
            ed25519_dalek::SigningKey::try_from(&x),
            Err(Error::Unsupported { .. })
        ));
        let ec = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
        assert!(matches!(
            ed25519_dalek::VerifyingKey::try_from(&ec),
            Err(Error::Unsupported { .. })
        ));
        assert!(matches!(
            x25519_dalek::PublicKey::try_from(&ec),
            Err(Error::Unsupported { .. })
        ));
    }
}
