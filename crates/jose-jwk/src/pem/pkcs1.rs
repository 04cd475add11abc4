//! RSA keys: PKCS#1 `RSAPublicKey` and `RSAPrivateKey` (RFC 8017 App. A.1), on their own and
//! inside SPKI and PKCS#8.

use der::Decode;
use pkcs1::{
    EncodeRsaPrivateKey, EncodeRsaPublicKey, RsaPrivateKeyRef, RsaPublicKeyRef, UintRef, Version,
};
use zeroize::Zeroizing;

use super::{RSA_PRIVATE_KEY, RSA_PUBLIC_KEY, der_error, encode_error, private_pem, public_pem};
use crate::convert::revalidate;
use crate::policy::bit_length;
use crate::{Error, Jwk, Key, KeyPolicy, RsaKey};

const KTY: &str = "RSA";

impl Jwk {
    /// Reads a PKCS#1 `RSAPublicKey` (RFC 8017 App. A.1.1) from DER with the default
    /// [`KeyPolicy`].
    pub fn from_pkcs1_public_der(der: &[u8]) -> Result<Self, Error> {
        Self::from_pkcs1_public_der_with(der, &KeyPolicy::DEFAULT)
    }

    /// [`Self::from_pkcs1_public_der`] with an explicit policy.
    pub fn from_pkcs1_public_der_with(der: &[u8], policy: &KeyPolicy) -> Result<Self, Error> {
        revalidate(Self::new(Key::Rsa(public_key(der, policy)?)), policy)
    }

    /// Reads a two-prime PKCS#1 `RSAPrivateKey` (RFC 8017 App. A.1.2) from DER with the default
    /// [`KeyPolicy`]. Multi-prime keys are refused ([`Error::MultiPrimeRsa`]); `d`, `p` and `q`
    /// are checked against `n` and `e`, and the CRT values recomputed.
    pub fn from_pkcs1_private_der(der: &[u8]) -> Result<Self, Error> {
        Self::from_pkcs1_private_der_with(der, &KeyPolicy::DEFAULT)
    }

    /// [`Self::from_pkcs1_private_der`] with an explicit policy.
    pub fn from_pkcs1_private_der_with(der: &[u8], policy: &KeyPolicy) -> Result<Self, Error> {
        revalidate(Self::new(Key::Rsa(private_key(der, policy)?)), policy)
    }

    /// The PKCS#1 `RSAPublicKey` DER of an RSA key (public or private); [`Error::Unsupported`]
    /// for other key types.
    pub fn to_pkcs1_public_der(&self) -> Result<Vec<u8>, Error> {
        let key = rsa_key(self)?.to_public_key()?;
        key.to_pkcs1_der()
            .map(|doc| doc.into_vec())
            .map_err(encode_error)
    }

    /// [`Self::to_pkcs1_public_der`] as PEM, labelled `RSA PUBLIC KEY`.
    pub fn to_pkcs1_public_pem(&self) -> Result<String, Error> {
        public_pem(RSA_PUBLIC_KEY, &self.to_pkcs1_public_der()?)
    }

    /// The PKCS#1 `RSAPrivateKey` DER of a private RSA key: [`Error::NotPrivate`] for a
    /// public key, [`Error::Unsupported`] for other key types.
    pub fn to_pkcs1_private_der(&self) -> Result<Zeroizing<Vec<u8>>, Error> {
        let key = rsa_key(self)?.to_private_key()?;
        key.to_pkcs1_der()
            .map(|doc| doc.to_bytes())
            .map_err(encode_error)
    }

    /// [`Self::to_pkcs1_private_der`] as PEM, labelled `RSA PRIVATE KEY`.
    pub fn to_pkcs1_private_pem(&self) -> Result<Zeroizing<String>, Error> {
        private_pem(RSA_PRIVATE_KEY, &self.to_pkcs1_private_der()?)
    }
}

fn rsa_key(jwk: &Jwk) -> Result<&RsaKey, Error> {
    match jwk.key() {
        Key::Rsa(key) => Ok(key),
        other => Err(Error::Unsupported {
            what: format!(
                "PKCS#1 for {} (PKCS#1 holds RSA keys only)",
                other.describe()
            ),
        }),
    }
}

/// The key of an `RSAPublicKey`, its size checked against `policy` first.
pub(super) fn public_key(der: &[u8], policy: &KeyPolicy) -> Result<RsaKey, Error> {
    let key = RsaPublicKeyRef::from_der(der).map_err(|e| der_error("PKCS#1 RSAPublicKey", e))?;
    check_modulus(key.modulus, policy)?;
    let key = rsa::PublicKey::try_from(key)
        .map_err(|e| Error::invalid_key(KTY, format!("the public key is unusable ({e})")))?;
    Ok(RsaKey::from_public_key(&key))
}

/// The key of an `RSAPrivateKey`, its size checked against `policy` before any arithmetic.
pub(super) fn private_key(der: &[u8], policy: &KeyPolicy) -> Result<RsaKey, Error> {
    let key = RsaPrivateKeyRef::from_der(der).map_err(|e| der_error("PKCS#1 RSAPrivateKey", e))?;
    if key.version() != Version::TwoPrime {
        return Err(Error::MultiPrimeRsa);
    }
    check_modulus(key.modulus, policy)?;
    let key = rsa::PrivateKey::try_from(key)
        .map_err(|e| Error::invalid_key(KTY, format!("the private key is inconsistent ({e})")))?;
    RsaKey::from_private_key(&key)
}

/// The policy's modulus limits, checked on the encoding so that an oversized key costs nothing.
fn check_modulus(modulus: UintRef<'_>, policy: &KeyPolicy) -> Result<(), Error> {
    policy.check_rsa_bits(bit_length(modulus.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::tests::rsa_2048_jwk;
    use crate::{EcCurve, KeySpec};

    #[test]
    fn bit_lengths() {
        assert_eq!(bit_length(&[]), 0);
        assert_eq!(bit_length(&[0, 0]), 0);
        assert_eq!(bit_length(&[1]), 1);
        assert_eq!(bit_length(&[0, 0x80, 0]), 16);
        assert_eq!(bit_length(&[0x7f, 0xff]), 15);
    }

    #[test]
    fn pkcs1_is_for_rsa_only() {
        let ec = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
        for result in [
            ec.to_pkcs1_public_der().err(),
            ec.to_pkcs1_private_der().err(),
        ] {
            let err = result.unwrap();
            assert!(matches!(err, Error::Unsupported { .. }), "{err}");
            assert!(err.to_string().contains("RSA keys only"), "{err}");
        }
        let public = rsa_2048_jwk().to_public().unwrap();
        assert_eq!(public.to_pkcs1_private_der().err(), Some(Error::NotPrivate));
        assert_eq!(public.to_pkcs1_private_pem().err(), Some(Error::NotPrivate));
        assert!(public.to_pkcs1_public_pem().is_ok());
    }

    #[test]
    fn truncated_and_trailing_der_is_refused() {
        let jwk = rsa_2048_jwk();
        let private = jwk.to_pkcs1_private_der().unwrap();
        let public = jwk.to_pkcs1_public_der().unwrap();
        assert!(matches!(
            Jwk::from_pkcs1_private_der(&private[..private.len() - 1]),
            Err(Error::Pem { .. })
        ));
        assert!(matches!(
            Jwk::from_pkcs1_public_der(&public[..public.len() - 1]),
            Err(Error::Pem { .. })
        ));
        let mut trailing = private.to_vec();
        trailing.push(0);
        assert!(matches!(
            Jwk::from_pkcs1_private_der(&trailing),
            Err(Error::Pem { .. })
        ));
        let mut trailing = public.clone();
        trailing.extend_from_slice(&[0, 0]);
        assert!(matches!(
            Jwk::from_pkcs1_public_der(&trailing),
            Err(Error::Pem { .. })
        ));
        // A public key is not a private key, and the reverse.
        assert!(matches!(
            Jwk::from_pkcs1_private_der(&public),
            Err(Error::Pem { .. })
        ));
        assert!(matches!(
            Jwk::from_pkcs1_public_der(&private),
            Err(Error::Pem { .. })
        ));
    }

    #[test]
    fn inconsistent_private_key_is_refused() {
        let jwk = rsa_2048_jwk();
        let der = jwk.to_pkcs1_private_der().unwrap();
        let key = RsaPrivateKeyRef::from_der(&der).unwrap();
        // Swap d for p: n, e, p, q stay consistent, d does not.
        let forged = pkcs1::RsaPrivateKey {
            private_exponent: key.prime1,
            ..key.clone()
        };
        let forged = der::Encode::to_der(&forged).unwrap();
        let err = Jwk::from_pkcs1_private_der(&forged).unwrap_err();
        assert!(matches!(err, Error::InvalidKey { kty: "RSA", .. }), "{err}");
    }

    #[test]
    fn multi_prime_keys_are_refused() {
        let der = rsa_2048_jwk().to_pkcs1_private_der().unwrap();
        let key = RsaPrivateKeyRef::from_der(&der).unwrap();
        let third = pkcs1::OtherPrimeInfo {
            prime: key.prime1,
            exponent: key.exponent1,
            coefficient: key.coefficient,
        };
        let multi = pkcs1::RsaPrivateKey {
            other_prime_infos: Some(vec![third]),
            ..key
        };
        let multi = der::Encode::to_der(&multi).unwrap();
        assert_eq!(
            Jwk::from_pkcs1_private_der(&multi),
            Err(Error::MultiPrimeRsa)
        );
    }

    #[test]
    fn other_exponents_follow_the_policy() {
        // n of the test key with e = 3.
        let der = rsa_2048_jwk().to_pkcs1_public_der().unwrap();
        let key = RsaPublicKeyRef::from_der(&der).unwrap();
        let three = [3u8];
        let forged = RsaPublicKeyRef {
            modulus: key.modulus,
            public_exponent: UintRef::new(&three).unwrap(),
        };
        let forged = der::Encode::to_der(&forged).unwrap();
        assert!(matches!(
            Jwk::from_pkcs1_public_der(&forged),
            Err(Error::WeakKey { .. })
        ));
        let any = KeyPolicy {
            allow_any_rsa_exponent: true,
            ..KeyPolicy::DEFAULT
        };
        let jwk = Jwk::from_pkcs1_public_der_with(&forged, &any).unwrap();
        assert!(jwk.to_json().contains("\"e\":\"Aw\""));
    }
}
