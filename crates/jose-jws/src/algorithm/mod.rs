//! The signing algorithms of RFC 7518 §3, RFC 8037 §3.1 and RFC 8812 §3.2, on RustCrypto.
//!
//! Each key is prepared once (HMAC keyed state, RSA precomputation, decoded EC points) and
//! shared by every call.

mod ecdsa;
mod eddsa;
mod hmac;
mod rsa;

use jose_b64::base64url;
use jose_jwk::Jwk;
use jose_jwk::alg::JwsAlgorithm;

use crate::Error;

pub(crate) use self::ecdsa::{EcdsaSigner, EcdsaVerifier};
pub(crate) use self::hmac::HmacKey;
pub(crate) use self::rsa::{RsaSigner, RsaVerifier};

/// A prepared signing key.
pub(crate) enum SignerImpl {
    Hmac(HmacKey),
    Rsa(RsaSigner),
    Ecdsa(EcdsaSigner),
    Ed25519(Box<ed25519_dalek::SigningKey>),
}

/// A prepared verification key.
pub(crate) enum VerifierImpl {
    Hmac(HmacKey),
    Rsa(RsaVerifier),
    Ecdsa(EcdsaVerifier),
    Ed25519(ed25519_dalek::VerifyingKey),
}

impl SignerImpl {
    /// Prepares `jwk` for `alg`; the JWK was checked against the algorithm table.
    pub(crate) fn from_jwk(jwk: &Jwk, alg: JwsAlgorithm) -> Result<Self, Error> {
        use JwsAlgorithm as A;
        Ok(match alg {
            A::HS256 | A::HS384 | A::HS512 => Self::Hmac(HmacKey::from_jwk(jwk, alg)?),
            A::RS256 | A::RS384 | A::RS512 | A::PS256 | A::PS384 | A::PS512 => {
                Self::Rsa(RsaSigner::new(jwk, alg)?)
            }
            A::ES256 | A::ES384 | A::ES512 | A::ES256K => Self::Ecdsa(EcdsaSigner::new(jwk, alg)?),
            A::EdDSA | A::Ed25519 => Self::Ed25519(Box::new(eddsa::signing_key(jwk)?)),
            _ => return Err(Error::UnsecuredAlgorithm),
        })
    }

    /// Signs `input` (the JWS Signing Input).
    pub(crate) fn sign(&self, input: &[u8]) -> Result<Vec<u8>, Error> {
        match self {
            Self::Hmac(key) => Ok(key.mac(input)),
            Self::Rsa(key) => key.sign(input),
            Self::Ecdsa(key) => Ok(key.sign(input)),
            Self::Ed25519(key) => Ok(eddsa::sign(key, input)),
        }
    }

    /// Signs the whole of `out` (the JWS Signing Input), then appends `.` and the base64url
    /// signature; HMAC tags never leave the stack.
    pub(crate) fn append_signature(&self, out: &mut String) -> Result<(), Error> {
        if let Self::Hmac(key) = self {
            key.append_mac(out);
            return Ok(());
        }
        let signature = self.sign(out.as_bytes())?;
        out.push('.');
        base64url::encode_to(signature, out);
        Ok(())
    }
}

impl VerifierImpl {
    /// Prepares `jwk` for `alg`; the JWK was checked against the algorithm table.
    pub(crate) fn from_jwk(jwk: &Jwk, alg: JwsAlgorithm) -> Result<Self, Error> {
        use JwsAlgorithm as A;
        Ok(match alg {
            A::HS256 | A::HS384 | A::HS512 => Self::Hmac(HmacKey::from_jwk(jwk, alg)?),
            A::RS256 | A::RS384 | A::RS512 | A::PS256 | A::PS384 | A::PS512 => {
                Self::Rsa(RsaVerifier::new(jwk, alg)?)
            }
            A::ES256 | A::ES384 | A::ES512 | A::ES256K => {
                Self::Ecdsa(EcdsaVerifier::new(jwk, alg)?)
            }
            A::EdDSA | A::Ed25519 => Self::Ed25519(eddsa::verifying_key(jwk)?),
            _ => return Err(Error::UnsecuredAlgorithm),
        })
    }

    /// Verifies `signature` over `input`; `low_s_only` refuses high-S ECDSA signatures. Every
    /// failure is [`Error::InvalidSignature`].
    pub(crate) fn verify(
        &self,
        input: &[u8],
        signature: &[u8],
        low_s_only: bool,
    ) -> Result<(), Error> {
        let ok = match self {
            Self::Hmac(key) => key.verify(input, signature),
            Self::Rsa(key) => key.verify(input, signature),
            Self::Ecdsa(key) => key.verify(input, signature, low_s_only),
            Self::Ed25519(key) => eddsa::verify(key, input, signature),
        };
        if ok {
            Ok(())
        } else {
            Err(Error::InvalidSignature)
        }
    }
}
