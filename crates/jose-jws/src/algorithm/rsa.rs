//! RS256/384/512 (RSASSA-PKCS1-v1_5, RFC 7518 §3.3) and PS256/384/512 (RSASSA-PSS with
//! MGF1 and a salt as long as the hash, RFC 7518 §3.5).
//!
//! RSA private-key operations are not constant time in the `rsa` crate (RUSTSEC-2023-0071);
//! verification is a public-key operation and unaffected.

use jose_jwk::Jwk;
use jose_jwk::alg::JwsAlgorithm;
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use rsa::traits::PublicKeyParts;
use rsa::{PrivateKey as RsaPrivateKey, PublicKey as RsaPublicKey, pkcs1v15, pss};
use sha2::{Sha256, Sha384, Sha512};

use crate::Error;

pub(crate) enum RsaSigner {
    Rs256(pkcs1v15::SigningKey<Sha256>),
    Rs384(pkcs1v15::SigningKey<Sha384>),
    Rs512(pkcs1v15::SigningKey<Sha512>),
    Ps256(pss::SigningKey<Sha256>),
    Ps384(pss::SigningKey<Sha384>),
    Ps512(pss::SigningKey<Sha512>),
}

pub(crate) struct RsaVerifier {
    /// The signature length: the modulus length in bytes.
    len: usize,
    scheme: VerifyScheme,
}

enum VerifyScheme {
    Rs256(pkcs1v15::VerifyingKey<Sha256>),
    Rs384(pkcs1v15::VerifyingKey<Sha384>),
    Rs512(pkcs1v15::VerifyingKey<Sha512>),
    Ps256(pss::VerifyingKey<Sha256>),
    Ps384(pss::VerifyingKey<Sha384>),
    Ps512(pss::VerifyingKey<Sha512>),
}

impl RsaSigner {
    pub(crate) fn new(jwk: &Jwk, alg: JwsAlgorithm) -> Result<Self, Error> {
        let key = RsaPrivateKey::try_from(jwk).map_err(Error::Key)?;
        Ok(match alg {
            JwsAlgorithm::RS256 => Self::Rs256(pkcs1v15::SigningKey::new(key)),
            JwsAlgorithm::RS384 => Self::Rs384(pkcs1v15::SigningKey::new(key)),
            JwsAlgorithm::RS512 => Self::Rs512(pkcs1v15::SigningKey::new(key)),
            JwsAlgorithm::PS256 => Self::Ps256(pss::SigningKey::new(key)),
            JwsAlgorithm::PS384 => Self::Ps384(pss::SigningKey::new(key)),
            _ => Self::Ps512(pss::SigningKey::new(key)),
        })
    }

    pub(crate) fn sign(&self, input: &[u8]) -> Result<Vec<u8>, Error> {
        let failed = signing_error;
        Ok(match self {
            Self::Rs256(k) => k.try_sign(input).map_err(failed)?.to_vec(),
            Self::Rs384(k) => k.try_sign(input).map_err(failed)?.to_vec(),
            Self::Rs512(k) => k.try_sign(input).map_err(failed)?.to_vec(),
            Self::Ps256(k) => k.try_sign(input).map_err(failed)?.to_vec(),
            Self::Ps384(k) => k.try_sign(input).map_err(failed)?.to_vec(),
            Self::Ps512(k) => k.try_sign(input).map_err(failed)?.to_vec(),
        })
    }
}

/// The random number generator's failure (RSA-PSS draws a salt) as [`Error::Rng`], as in
/// every crate; any other failure as [`Error::Signing`].
fn signing_error(e: rsa::signature::Error) -> Error {
    let source = std::error::Error::source(&e);
    if source.and_then(|s| s.downcast_ref::<rsa::Error>()) == Some(&rsa::Error::Rng) {
        return Error::Rng;
    }
    Error::Signing {
        reason: format!("RSA signing failed ({e})"),
    }
}

impl RsaVerifier {
    pub(crate) fn new(jwk: &Jwk, alg: JwsAlgorithm) -> Result<Self, Error> {
        let key = RsaPublicKey::try_from(jwk).map_err(Error::Key)?;
        let len = key.size();
        let scheme = match alg {
            JwsAlgorithm::RS256 => VerifyScheme::Rs256(pkcs1v15::VerifyingKey::new(key)),
            JwsAlgorithm::RS384 => VerifyScheme::Rs384(pkcs1v15::VerifyingKey::new(key)),
            JwsAlgorithm::RS512 => VerifyScheme::Rs512(pkcs1v15::VerifyingKey::new(key)),
            JwsAlgorithm::PS256 => VerifyScheme::Ps256(pss::VerifyingKey::new(key)),
            JwsAlgorithm::PS384 => VerifyScheme::Ps384(pss::VerifyingKey::new(key)),
            _ => VerifyScheme::Ps512(pss::VerifyingKey::new(key)),
        };
        Ok(Self { len, scheme })
    }

    pub(crate) fn verify(&self, input: &[u8], signature: &[u8]) -> bool {
        // RFC 8017 §8.2.2 / §8.1.2 step 1: the signature is exactly k octets.
        if signature.len() != self.len {
            return false;
        }
        match &self.scheme {
            VerifyScheme::Rs256(k) => pkcs1(signature).is_some_and(|s| k.verify(input, &s).is_ok()),
            VerifyScheme::Rs384(k) => pkcs1(signature).is_some_and(|s| k.verify(input, &s).is_ok()),
            VerifyScheme::Rs512(k) => pkcs1(signature).is_some_and(|s| k.verify(input, &s).is_ok()),
            VerifyScheme::Ps256(k) => {
                pss_sig(signature).is_some_and(|s| k.verify(input, &s).is_ok())
            }
            VerifyScheme::Ps384(k) => {
                pss_sig(signature).is_some_and(|s| k.verify(input, &s).is_ok())
            }
            VerifyScheme::Ps512(k) => {
                pss_sig(signature).is_some_and(|s| k.verify(input, &s).is_ok())
            }
        }
    }
}

fn pkcs1(bytes: &[u8]) -> Option<pkcs1v15::Signature> {
    pkcs1v15::Signature::try_from(bytes).ok()
}

fn pss_sig(bytes: &[u8]) -> Option<pss::Signature> {
    pss::Signature::try_from(bytes).ok()
}

#[cfg(test)]
mod error_tests {
    use super::*;

    #[test]
    fn an_rng_failure_is_rng_and_other_failures_are_signing() {
        let rng = rsa::signature::Error::from(rsa::Error::Rng);
        assert_eq!(signing_error(rng), Error::Rng);
        let other = rsa::signature::Error::from(rsa::Error::MessageTooLong);
        assert!(matches!(signing_error(other), Error::Signing { .. }));
    }
}
