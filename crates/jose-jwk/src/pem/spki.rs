//! Public keys of every type in `SubjectPublicKeyInfo` (RFC 5280 §4.1.2.7): RSA (RFC 3279
//! §2.3.1), EC (RFC 5480 §2), Ed25519 and X25519 (RFC 8410 §4).

use der::Decode;
use spki::{EncodePublicKey, SubjectPublicKeyInfoRef};

use super::algorithm::KeyAlgorithm;
use super::{PUBLIC_KEY, der_error, encode_error, pkcs1, public_pem, rfc8410, sec1};
use crate::convert::revalidate;
use crate::{Error, Jwk, Key, KeyPolicy};

impl Jwk {
    /// Reads a public key from SPKI (`SubjectPublicKeyInfo`) DER with the default
    /// [`KeyPolicy`].
    ///
    /// The algorithm is chosen by its OID: `rsaEncryption` (parameters NULL), `id-ecPublicKey`
    /// with a named curve (P-256, P-384, P-521, secp256k1; compressed points are accepted),
    /// `id-Ed25519`, `id-X25519`. Other OIDs: [`Error::Unsupported`].
    pub fn from_spki_der(der: &[u8]) -> Result<Self, Error> {
        Self::from_spki_der_with(der, &KeyPolicy::DEFAULT)
    }

    /// [`Self::from_spki_der`] with an explicit policy.
    pub fn from_spki_der_with(der: &[u8], policy: &KeyPolicy) -> Result<Self, Error> {
        let spki = SubjectPublicKeyInfoRef::from_der(der)
            .map_err(|e| der_error("SubjectPublicKeyInfo", e))?;
        let algorithm = KeyAlgorithm::identify(&spki.algorithm)?;
        let bytes = spki.subject_public_key.as_bytes().ok_or_else(|| {
            Error::pem(
                "SubjectPublicKeyInfo: the public key BIT STRING is not a whole number of octets",
            )
        })?;
        let key = match algorithm {
            KeyAlgorithm::Rsa => Key::Rsa(pkcs1::public_key(bytes, policy)?),
            KeyAlgorithm::Ec(curve) => Key::Ec(sec1::public_key(curve, bytes)?),
            KeyAlgorithm::Okp(curve) => Key::Okp(rfc8410::public_key(curve, bytes)?),
        };
        revalidate(Self::new(key), policy)
    }

    /// The SPKI (`SubjectPublicKeyInfo`) DER of the public key (of a public or private JWK);
    /// [`Error::NoPublicKey`] for a symmetric key. EC points are written uncompressed.
    pub fn to_spki_der(&self) -> Result<Vec<u8>, Error> {
        match self.key() {
            Key::Rsa(key) => key
                .to_public_key()?
                .to_public_key_der()
                .map(|doc| doc.into_vec())
                .map_err(encode_error),
            Key::Ec(key) => sec1::spki_der(key),
            Key::Okp(key) => rfc8410::spki_der(key),
            Key::Oct(_) => Err(Error::NoPublicKey),
        }
    }

    /// The SPKI of the public key as PEM, labelled `PUBLIC KEY` (LF line endings):
    /// the format of `openssl pkey -pubout` and Node's `exportSPKI`.
    ///
    /// ```
    /// use jose_jwk::{EcCurve, Jwk, KeySpec};
    ///
    /// let jwk = Jwk::generate(KeySpec::Ec(EcCurve::P256))?;
    /// let pem = jwk.to_public_pem()?;
    /// assert!(pem.starts_with("-----BEGIN PUBLIC KEY-----\n"));
    /// assert_eq!(Jwk::from_pem(&pem)?, jwk.to_public()?);
    /// # Ok::<(), jose_jwk::Error>(())
    /// ```
    pub fn to_public_pem(&self) -> Result<String, Error> {
        public_pem(PUBLIC_KEY, &self.to_spki_der()?)
    }
}

#[cfg(test)]
mod tests {
    use der::Encode;
    use der::asn1::BitStringRef;
    use spki::AlgorithmIdentifierRef;

    use super::*;
    use crate::{EcCurve, KeySpec};

    fn spki(oid: &str, parameters: Option<der::asn1::AnyRef<'_>>, key: &[u8]) -> Vec<u8> {
        SubjectPublicKeyInfoRef {
            algorithm: AlgorithmIdentifierRef {
                oid: const_oid::ObjectIdentifier::new_unwrap(oid),
                parameters,
            },
            subject_public_key: BitStringRef::new(0, key).unwrap(),
        }
        .to_der()
        .unwrap()
    }

    #[test]
    fn ec_point_off_the_curve_is_refused() {
        for curve in EcCurve::ALL {
            let jwk = Jwk::generate(KeySpec::Ec(curve)).unwrap();
            let mut der = jwk.to_spki_der().unwrap();
            // The last byte is the last byte of y.
            *der.last_mut().unwrap() ^= 1;
            let err = Jwk::from_spki_der(&der).unwrap_err();
            assert!(
                matches!(err, Error::InvalidKey { kty: "EC", .. }),
                "{curve}: {err}"
            );
            assert_eq!(err.code(), "ERR_JWK_INVALID_KEY");
        }
    }

    #[test]
    fn ec_identity_and_malformed_points_are_refused() {
        let p256 = const_oid::ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
        for point in [&[0u8][..], &[4u8; 65][..], &[4u8, 1, 2][..], &[][..]] {
            let der = spki(
                "1.2.840.10045.2.1",
                Some(der::asn1::AnyRef::from(&p256)),
                point,
            );
            assert!(Jwk::from_spki_der(&der).is_err(), "{point:?}");
        }
    }

    #[test]
    fn ec_compressed_point_is_accepted() {
        let jwk = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
        let public = p256::PublicKey::try_from(&jwk).unwrap();
        let compressed = elliptic_curve::sec1::ToSec1Point::to_sec1_point(public.as_affine(), true);
        let oid = const_oid::ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
        let der = spki(
            "1.2.840.10045.2.1",
            Some(der::asn1::AnyRef::from(&oid)),
            compressed.as_bytes(),
        );
        assert_eq!(Jwk::from_spki_der(&der).unwrap(), jwk.to_public().unwrap());
    }

    #[test]
    fn unknown_algorithms_and_curves_are_named() {
        // Ed448 (57-byte keys), a made-up OID, and EC on secp224r1.
        let err = Jwk::from_spki_der(&spki("1.3.101.113", None, &[0; 57])).unwrap_err();
        assert!(matches!(err, Error::Unsupported { .. }), "{err}");
        assert!(err.to_string().contains("Ed448 (OID 1.3.101.113)"), "{err}");
        let err = Jwk::from_spki_der(&spki("1.2.3.4.5", None, &[0; 32])).unwrap_err();
        assert!(err.to_string().contains("1.2.3.4.5"), "{err}");
        let secp224r1 = const_oid::ObjectIdentifier::new_unwrap("1.3.132.0.33");
        let der = spki(
            "1.2.840.10045.2.1",
            Some(der::asn1::AnyRef::from(&secp224r1)),
            &[4; 57],
        );
        let err = Jwk::from_spki_der(&der).unwrap_err();
        assert!(matches!(err, Error::Unsupported { .. }), "{err}");
        assert!(
            err.to_string()
                .contains("elliptic curve with OID 1.3.132.0.33"),
            "{err}"
        );
        // id-ecPublicKey without a named curve.
        let err = Jwk::from_spki_der(&spki("1.2.840.10045.2.1", None, &[4; 65])).unwrap_err();
        assert!(matches!(err, Error::Pem { .. }), "{err}");
    }

    #[test]
    fn truncated_trailing_and_garbage_der_is_refused() {
        let jwk = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
        let der = jwk.to_spki_der().unwrap();
        for cut in [1, 10, der.len() - 1] {
            assert!(
                matches!(Jwk::from_spki_der(&der[..cut]), Err(Error::Pem { .. })),
                "{cut}"
            );
        }
        let mut trailing = der.clone();
        trailing.push(0);
        assert!(matches!(
            Jwk::from_spki_der(&trailing),
            Err(Error::Pem { .. })
        ));
        assert!(matches!(
            Jwk::from_spki_der(b"garbage"),
            Err(Error::Pem { .. })
        ));
        // A private key is not an SPKI.
        assert!(matches!(
            Jwk::from_spki_der(&jwk.to_pkcs8_der().unwrap()),
            Err(Error::Pem { .. })
        ));
        // A BIT STRING with unused bits.
        let mut unused = der.clone();
        let bit_string_start = der.len() - 66;
        assert_eq!(unused[bit_string_start], 0);
        unused[bit_string_start] = 1;
        assert!(matches!(
            Jwk::from_spki_der(&unused),
            Err(Error::Pem { .. })
        ));
    }

    #[test]
    fn symmetric_keys_have_no_spki() {
        let oct = Jwk::generate(KeySpec::Oct { bytes: 32 }).unwrap();
        assert_eq!(oct.to_spki_der(), Err(Error::NoPublicKey));
        assert_eq!(oct.to_public_pem(), Err(Error::NoPublicKey));
    }
}
