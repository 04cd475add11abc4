//! ES256, ES384, ES512 (RFC 7518 §3.4) and ES256K (RFC 8812 §3.2): ECDSA with the signature as
//! the fixed-length R ‖ S (never DER), low-S when signing, deterministic nonces (RFC 6979);
//! high-S accepted when verifying unless the verifier requires low-S.

use jose_jwk::Jwk;
use jose_jwk::alg::JwsAlgorithm;
use p256::ecdsa::signature::{Signer, Verifier};

use crate::Error;

pub(crate) enum EcdsaSigner {
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
    P521(p521::ecdsa::SigningKey),
    K256(k256::ecdsa::SigningKey),
}

pub(crate) enum EcdsaVerifier {
    P256(p256::ecdsa::VerifyingKey),
    P384(p384::ecdsa::VerifyingKey),
    P521(p521::ecdsa::VerifyingKey),
    K256(k256::ecdsa::VerifyingKey),
}

impl EcdsaSigner {
    pub(crate) fn new(jwk: &Jwk, alg: JwsAlgorithm) -> Result<Self, Error> {
        Ok(match alg {
            JwsAlgorithm::ES256 => Self::P256(jwk.try_into().map_err(Error::Key)?),
            JwsAlgorithm::ES384 => Self::P384(jwk.try_into().map_err(Error::Key)?),
            JwsAlgorithm::ES512 => Self::P521(jwk.try_into().map_err(Error::Key)?),
            _ => Self::K256(jwk.try_into().map_err(Error::Key)?),
        })
    }

    pub(crate) fn sign(&self, input: &[u8]) -> Vec<u8> {
        match self {
            Self::P256(k) => Signer::<p256::ecdsa::Signature>::sign(k, input)
                .normalize_s()
                .to_bytes()
                .to_vec(),
            Self::P384(k) => Signer::<p384::ecdsa::Signature>::sign(k, input)
                .normalize_s()
                .to_bytes()
                .to_vec(),
            Self::P521(k) => Signer::<p521::ecdsa::Signature>::sign(k, input)
                .normalize_s()
                .to_bytes()
                .to_vec(),
            Self::K256(k) => Signer::<k256::ecdsa::Signature>::sign(k, input)
                .normalize_s()
                .to_bytes()
                .to_vec(),
        }
    }
}

impl EcdsaVerifier {
    pub(crate) fn new(jwk: &Jwk, alg: JwsAlgorithm) -> Result<Self, Error> {
        Ok(match alg {
            JwsAlgorithm::ES256 => Self::P256(jwk.try_into().map_err(Error::Key)?),
            JwsAlgorithm::ES384 => Self::P384(jwk.try_into().map_err(Error::Key)?),
            JwsAlgorithm::ES512 => Self::P521(jwk.try_into().map_err(Error::Key)?),
            _ => Self::K256(jwk.try_into().map_err(Error::Key)?),
        })
    }

    /// `from_slice` accepts exactly 2·L bytes and rejects r or s of zero or not below the
    /// group order. High-S signatures (s > n/2) verify on every curve unless `low_s_only`:
    /// RFC 7518 §3.4 and RFC 8812 §3.2 do not forbid them, and producers on OpenSSL emit them
    /// about half the time.
    ///
    /// k256 marks secp256k1 as a low-S curve (`EcdsaCurve::NORMALIZE_S`, the Bitcoin rule),
    /// and its verifier then refuses every high-S signature; (r, s) and (r, n − s) verify
    /// alike (negating s negates the recovered point, whose x is the same), so ES256K
    /// normalizes s before handing the signature to k256.
    pub(crate) fn verify(&self, input: &[u8], signature: &[u8], low_s_only: bool) -> bool {
        match self {
            Self::P256(k) => p256::ecdsa::Signature::from_slice(signature).is_ok_and(|s| {
                !(low_s_only && s.normalize_s() != s) && k.verify(input, &s).is_ok()
            }),
            Self::P384(k) => p384::ecdsa::Signature::from_slice(signature).is_ok_and(|s| {
                !(low_s_only && s.normalize_s() != s) && k.verify(input, &s).is_ok()
            }),
            Self::P521(k) => p521::ecdsa::Signature::from_slice(signature).is_ok_and(|s| {
                !(low_s_only && s.normalize_s() != s) && k.verify(input, &s).is_ok()
            }),
            Self::K256(k) => k256::ecdsa::Signature::from_slice(signature).is_ok_and(|s| {
                let low = s.normalize_s();
                !(low_s_only && low != s) && k.verify(input, &low).is_ok()
            }),
        }
    }
}
