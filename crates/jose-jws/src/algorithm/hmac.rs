//! HS256, HS384, HS512: HMAC with SHA-2 (RFC 7518 §3.2).

use hmac::{Hmac, KeyInit, Mac};
use jose_b64::base64url;
use jose_jwk::alg::JwsAlgorithm;
use jose_jwk::{Jwk, Key};
use sha2::{Sha256, Sha384, Sha512};

use crate::Error;

/// The keyed HMAC state, computed once; each use clones it (no re-keying per call).
#[derive(Clone)]
pub(crate) enum HmacKey {
    Sha256(Hmac<Sha256>),
    Sha384(Hmac<Sha384>),
    Sha512(Hmac<Sha512>),
}

impl HmacKey {
    pub(crate) fn from_jwk(jwk: &Jwk, alg: JwsAlgorithm) -> Result<Self, Error> {
        let Key::Oct(oct) = jwk.key() else {
            return Err(Error::Key(jose_jwk::Error::Unsupported {
                what: "an HMAC key that is not symmetric".into(),
            }));
        };
        Self::new(oct.k().expose_secret(), alg)
    }

    pub(crate) fn new(secret: &[u8], alg: JwsAlgorithm) -> Result<Self, Error> {
        let bad = |_| {
            Error::Key(jose_jwk::Error::WeakKey {
                reason: "invalid HMAC key".into(),
            })
        };
        Ok(match alg {
            JwsAlgorithm::HS256 => Self::Sha256(Hmac::new_from_slice(secret).map_err(bad)?),
            JwsAlgorithm::HS384 => Self::Sha384(Hmac::new_from_slice(secret).map_err(bad)?),
            _ => Self::Sha512(Hmac::new_from_slice(secret).map_err(bad)?),
        })
    }

    /// The full-length MAC of `input`.
    pub(crate) fn mac(&self, input: &[u8]) -> Vec<u8> {
        match self {
            Self::Sha256(key) => key
                .clone()
                .chain_update(input)
                .finalize()
                .into_bytes()
                .to_vec(),
            Self::Sha384(key) => key
                .clone()
                .chain_update(input)
                .finalize()
                .into_bytes()
                .to_vec(),
            Self::Sha512(key) => key
                .clone()
                .chain_update(input)
                .finalize()
                .into_bytes()
                .to_vec(),
        }
    }

    /// MACs the whole of `out` (a JWS Signing Input), then appends `.` and the base64url
    /// full-length tag, which never leaves the stack.
    pub(crate) fn append_mac(&self, out: &mut String) {
        fn append<D: hmac::EagerHash>(key: &Hmac<D>, out: &mut String)
        where
            Hmac<D>: Clone,
        {
            let tag = key
                .clone()
                .chain_update(out.as_bytes())
                .finalize()
                .into_bytes();
            out.push('.');
            base64url::encode_to(tag, out);
        }
        match self {
            Self::Sha256(key) => append(key, out),
            Self::Sha384(key) => append(key, out),
            Self::Sha512(key) => append(key, out),
        }
    }

    /// Constant-time comparison against a full-length tag only (never a truncated one).
    pub(crate) fn verify(&self, input: &[u8], tag: &[u8]) -> bool {
        match self {
            Self::Sha256(key) => key.clone().chain_update(input).verify_slice(tag).is_ok(),
            Self::Sha384(key) => key.clone().chain_update(input).verify_slice(tag).is_ok(),
            Self::Sha512(key) => key.clone().chain_update(input).verify_slice(tag).is_ok(),
        }
    }
}
