//! EdDSA and Ed25519 (RFC 8037 §3.1, RFC 9864): Ed25519 signatures, verified strictly
//! (canonical S, no small-order points).

use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use jose_jwk::Jwk;

use crate::Error;

pub(crate) fn signing_key(jwk: &Jwk) -> Result<SigningKey, Error> {
    SigningKey::try_from(jwk).map_err(Error::Key)
}

pub(crate) fn verifying_key(jwk: &Jwk) -> Result<VerifyingKey, Error> {
    VerifyingKey::try_from(jwk).map_err(Error::Key)
}

pub(crate) fn sign(key: &SigningKey, input: &[u8]) -> Vec<u8> {
    key.sign(input).to_bytes().to_vec()
}

pub(crate) fn verify(key: &VerifyingKey, input: &[u8], signature: &[u8]) -> bool {
    ed25519_dalek::Signature::from_slice(signature)
        .is_ok_and(|s| key.verify_strict(input, &s).is_ok())
}
