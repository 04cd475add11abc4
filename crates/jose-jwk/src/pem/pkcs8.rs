//! Private keys of every type in PKCS#8 `OneAsymmetricKey` (RFC 5958 §2): RSA (RFC 8017), EC
//! (RFC 5915 §2), Ed25519 and X25519 (RFC 8410 §7). Unencrypted only.

use ::sec1::EcPrivateKey;
use der::asn1::AnyRef;
use der::{Decode, Tagged};
use pkcs8::{EncodePrivateKey, PrivateKeyInfoRef};
use zeroize::Zeroizing;

use super::algorithm::KeyAlgorithm;
use super::{
    PRIVATE_KEY, der_error, encode_error, encrypted_pkcs8, pkcs1, private_pem, rfc8410, sec1,
};
use crate::convert::revalidate;
use crate::{Error, Jwk, Key, KeyPolicy};

impl Jwk {
    /// Reads a private key from unencrypted PKCS#8 (`PrivateKeyInfo`, `OneAsymmetricKey`) DER
    /// with the default [`KeyPolicy`].
    ///
    /// The algorithm is chosen by its OID, as in [`Jwk::from_spki_der`]. An optional
    /// `publicKey` (version 2) must match the private key; attributes are ignored. Encrypted
    /// PKCS#8 (`EncryptedPrivateKeyInfo`) is refused with [`Error::Unsupported`].
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, Error> {
        Self::from_pkcs8_der_with(der, &KeyPolicy::DEFAULT)
    }

    /// [`Self::from_pkcs8_der`] with an explicit policy.
    pub fn from_pkcs8_der_with(der: &[u8], policy: &KeyPolicy) -> Result<Self, Error> {
        let info = PrivateKeyInfoRef::from_der(der).map_err(|e| {
            if looks_encrypted(der) {
                encrypted_pkcs8()
            } else {
                der_error("PKCS#8 PrivateKeyInfo", e)
            }
        })?;
        let algorithm = KeyAlgorithm::identify(&info.algorithm)?;
        let private_key = info.private_key.as_bytes();
        let public_key = info
            .public_key
            .map(|bits| {
                bits.as_bytes().ok_or_else(|| {
                    Error::pem("PKCS#8: the publicKey BIT STRING is not a whole number of octets")
                })
            })
            .transpose()?;
        let key = match algorithm {
            KeyAlgorithm::Rsa => {
                if public_key.is_some() {
                    return Err(Error::pem("PKCS#8: an RSA key has no publicKey field"));
                }
                Key::Rsa(pkcs1::private_key(private_key, policy)?)
            }
            KeyAlgorithm::Ec(curve) => {
                let ec = EcPrivateKey::from_der(private_key)
                    .map_err(|e| der_error("PKCS#8 EC privateKey (ECPrivateKey)", e))?;
                Key::Ec(sec1::private_key(curve, &ec, public_key)?)
            }
            KeyAlgorithm::Okp(curve) => {
                Key::Okp(rfc8410::private_key(curve, private_key, public_key)?)
            }
        };
        revalidate(Self::new(key), policy)
    }

    /// The unencrypted PKCS#8 DER of a private key: [`Error::NotPrivate`] for a public key,
    /// [`Error::Unsupported`] for a symmetric key.
    pub fn to_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>, Error> {
        match self.key() {
            Key::Rsa(key) => key
                .to_private_key()?
                .to_pkcs8_der()
                .map(|doc| doc.to_bytes())
                .map_err(encode_error),
            Key::Ec(key) => sec1::pkcs8_der(key),
            Key::Okp(key) => rfc8410::pkcs8_der(key),
            Key::Oct(_) => Err(Error::Unsupported {
                what: "PKCS#8 for a symmetric (\"oct\") key".into(),
            }),
        }
    }

    /// [`Self::to_pkcs8_der`] as PEM, labelled `PRIVATE KEY` (LF line endings): the format of
    /// `openssl pkey` and Node's `exportPKCS8`.
    pub fn to_pkcs8_pem(&self) -> Result<Zeroizing<String>, Error> {
        private_pem(PRIVATE_KEY, &self.to_pkcs8_der()?)
    }
}

/// Whether DER that is not a `PrivateKeyInfo` is an `EncryptedPrivateKeyInfo` (RFC 5958 §3):
/// a SEQUENCE of a SEQUENCE (the encryption algorithm) and an OCTET STRING (the encrypted
/// data), where a `PrivateKeyInfo` starts with its INTEGER version.
fn looks_encrypted(der: &[u8]) -> bool {
    let Ok(outer) = AnyRef::from_der(der) else {
        return false;
    };
    let Ok((first, rest)) = AnyRef::from_der_partial(outer.value()) else {
        return false;
    };
    outer.tag() == der::Tag::Sequence
        && first.tag() == der::Tag::Sequence
        && AnyRef::from_der(rest).is_ok_and(|second| second.tag() == der::Tag::OctetString)
}

#[cfg(test)]
mod tests {
    use der::Encode;
    use der::asn1::{BitStringRef, OctetStringRef};

    use super::*;
    use crate::generate::tests::rsa_2048_jwk;
    use crate::{EcCurve, KeySpec, OkpCurve};

    #[test]
    fn public_keys_and_symmetric_keys_have_no_pkcs8() {
        for curve in EcCurve::ALL {
            let public = Jwk::generate(KeySpec::Ec(curve))
                .unwrap()
                .to_public()
                .unwrap();
            assert_eq!(public.to_pkcs8_der().err(), Some(Error::NotPrivate));
            assert_eq!(public.to_pkcs8_pem().err(), Some(Error::NotPrivate));
        }
        for curve in OkpCurve::ALL {
            let public = Jwk::generate(KeySpec::Okp(curve))
                .unwrap()
                .to_public()
                .unwrap();
            assert_eq!(public.to_pkcs8_der().err(), Some(Error::NotPrivate));
        }
        let public = rsa_2048_jwk().to_public().unwrap();
        assert_eq!(public.to_pkcs8_der().err(), Some(Error::NotPrivate));
        let err = Jwk::generate(KeySpec::Oct { bytes: 32 })
            .unwrap()
            .to_pkcs8_der()
            .unwrap_err();
        assert!(matches!(err, Error::Unsupported { .. }), "{err}");
        assert_eq!(err.code(), "ERR_JWK_UNSUPPORTED");
        assert_eq!(Error::NotPrivate.code(), "ERR_JWK_WRONG_KIND");
    }

    #[test]
    fn encrypted_pkcs8_der_is_recognised() {
        // EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier,
        // encryptedData OCTET STRING } with PBES2 and dummy parameters.
        let encrypted = [
            0x30, 0x16, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05,
            0x0d, 0x30, 0x00, 0x04, 0x05, 1, 2, 3, 4, 5,
        ];
        let err = Jwk::from_pkcs8_der(&encrypted).unwrap_err();
        assert!(matches!(err, Error::Unsupported { .. }), "{err}");
        assert!(
            err.to_string()
                .contains("encrypted PKCS#8 is not supported"),
            "{err}"
        );
        assert!(!looks_encrypted(b""));
        assert!(!looks_encrypted(&[0x30, 0x03, 0x02, 0x01, 0x00]));
        // An SPKI: a SEQUENCE and a BIT STRING.
        let spki = Jwk::generate(KeySpec::Okp(OkpCurve::X25519))
            .unwrap()
            .to_spki_der()
            .unwrap();
        assert!(!looks_encrypted(&spki));
    }

    #[test]
    fn truncated_and_trailing_pkcs8_is_refused() {
        for jwk in [
            Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap(),
            rsa_2048_jwk().clone(),
        ] {
            let der = jwk.to_pkcs8_der().unwrap();
            for cut in [0, 1, 20, der.len() - 1] {
                assert!(
                    matches!(Jwk::from_pkcs8_der(&der[..cut]), Err(Error::Pem { .. })),
                    "{cut}"
                );
            }
            let mut trailing = der.to_vec();
            trailing.push(0);
            assert!(matches!(
                Jwk::from_pkcs8_der(&trailing),
                Err(Error::Pem { .. })
            ));
            // An SPKI is not a PKCS#8 key.
            assert!(matches!(
                Jwk::from_pkcs8_der(&jwk.to_spki_der().unwrap()),
                Err(Error::Pem { .. })
            ));
        }
    }

    /// Re-encodes PKCS#8 DER with another algorithm identifier or public key.
    fn rebuild(
        der: &[u8],
        oid: Option<&str>,
        parameters: Option<Option<AnyRef<'_>>>,
        public_key: Option<&[u8]>,
    ) -> Vec<u8> {
        let mut info = PrivateKeyInfoRef::from_der(der).unwrap();
        if let Some(oid) = oid {
            info.algorithm.oid = const_oid::ObjectIdentifier::new_unwrap(oid);
        }
        if let Some(parameters) = parameters {
            info.algorithm.parameters = parameters;
        }
        if let Some(public_key) = public_key {
            info.public_key = Some(BitStringRef::new(0, public_key).unwrap());
        }
        info.to_der().unwrap()
    }

    #[test]
    fn unknown_oids_and_wrong_parameters_are_refused() {
        let ed = Jwk::generate(KeySpec::Okp(OkpCurve::Ed25519)).unwrap();
        let der = ed.to_pkcs8_der().unwrap();
        let err = Jwk::from_pkcs8_der(&rebuild(&der, Some("1.3.101.113"), None, None)).unwrap_err();
        assert!(err.to_string().contains("Ed448 (OID 1.3.101.113)"), "{err}");
        let err = Jwk::from_pkcs8_der(&rebuild(&der, Some("1.2.3.4"), None, None)).unwrap_err();
        assert!(matches!(err, Error::Unsupported { .. }), "{err}");
        // The same bytes as X25519 are a valid X25519 key, with another public key.
        let x = Jwk::from_pkcs8_der(&rebuild(&der, Some("1.3.101.110"), None, None)).unwrap();
        assert_eq!(x.key().describe(), "an OKP key on X25519");
        assert_ne!(
            x.to_public()
                .unwrap()
                .to_json()
                .replace("X25519", "Ed25519"),
            ed.to_public().unwrap().to_json()
        );

        // An EC key whose algorithm names another curve than its ECPrivateKey.
        let p256 = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
        let der = p256.to_pkcs8_der().unwrap();
        let k1 = const_oid::ObjectIdentifier::new_unwrap("1.3.132.0.10");
        let ec = EcPrivateKey::from_der(
            PrivateKeyInfoRef::from_der(&der)
                .unwrap()
                .private_key
                .as_bytes(),
        )
        .unwrap();
        assert!(
            ec.parameters.is_none(),
            "RustCrypto omits the inner parameters"
        );
        let with_params = EcPrivateKey {
            parameters: Some(::sec1::EcParameters::NamedCurve(
                const_oid::ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7"),
            )),
            ..ec
        }
        .to_der()
        .unwrap();
        let mut info = PrivateKeyInfoRef::from_der(&der).unwrap();
        info.private_key = OctetStringRef::new(&with_params).unwrap();
        let consistent = info.to_der().unwrap();
        assert_eq!(Jwk::from_pkcs8_der(&consistent).unwrap(), p256);
        info.algorithm.parameters = Some(AnyRef::from(&k1));
        let err = Jwk::from_pkcs8_der(&info.to_der().unwrap()).unwrap_err();
        assert!(err.to_string().contains("another curve"), "{err}");

        // RSA parameters must be NULL.
        let rsa = rsa_2048_jwk().to_pkcs8_der().unwrap();
        assert!(matches!(
            Jwk::from_pkcs8_der(&rebuild(&rsa, None, Some(None), None)),
            Err(Error::Pem { .. })
        ));
    }

    #[test]
    fn v2_public_key_must_match() {
        for spec in [
            KeySpec::Ec(EcCurve::P384),
            KeySpec::Okp(OkpCurve::Ed25519),
            KeySpec::Okp(OkpCurve::X25519),
        ] {
            let jwk = Jwk::generate(spec).unwrap();
            let other = Jwk::generate(spec).unwrap();
            let der = jwk.to_pkcs8_der().unwrap();
            let public_of = |jwk: &Jwk| {
                let spki = jwk.to_spki_der().unwrap();
                let spki = spki::SubjectPublicKeyInfoRef::from_der(&spki).unwrap();
                spki.subject_public_key.as_bytes().unwrap().to_vec()
            };
            let right = rebuild(&der, None, None, Some(&public_of(&jwk)));
            assert_eq!(Jwk::from_pkcs8_der(&right).unwrap(), jwk, "{spec:?}");
            let wrong = rebuild(&der, None, None, Some(&public_of(&other)));
            let err = Jwk::from_pkcs8_der(&wrong).unwrap_err();
            assert!(matches!(err, Error::InvalidKey { .. }), "{spec:?}: {err}");
        }
        let rsa = rsa_2048_jwk().to_pkcs8_der().unwrap();
        let with_public = rebuild(&rsa, None, None, Some(&[1, 2, 3]));
        assert!(matches!(
            Jwk::from_pkcs8_der(&with_public),
            Err(Error::Pem { .. })
        ));
    }
}
