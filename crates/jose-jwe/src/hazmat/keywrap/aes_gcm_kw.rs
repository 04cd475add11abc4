//! `A128GCMKW`, `A192GCMKW`, `A256GCMKW`: the CEK encrypted with AES-GCM under the KEK
//! (RFC 7518 §4.7).
//!
//! The IV is 96 bits and the tag 128 bits, whatever the key size; the AAD is empty. The JWE
//! carries the IV and the tag in its `iv` and `tag` header parameters (RFC 7518 §4.7.1), which
//! is why they are attacker-controlled on the receiving side and their lengths are checked
//! here before AES-GCM is set up (dvsekhvalnov/jose2go#42: a short `iv` crashed the receiver).

use jose_b64::SecretBytes;

use crate::content::gcm;
use crate::{Error, random};

/// The length of the key-wrapping IV: 96 bits (RFC 7518 §4.7).
pub const IV_LEN: usize = gcm::IV_LEN;

/// The length of the key-wrapping authentication tag: 128 bits (RFC 7518 §4.7).
pub const TAG_LEN: usize = gcm::TAG_LEN;

/// What [`wrap`] returns: the JWE Encrypted Key, the IV (the `iv` header parameter) and the
/// authentication tag (the `tag` header parameter).
pub type WrappedKey = (Vec<u8>, [u8; IV_LEN], [u8; TAG_LEN]);

/// Encrypts `cek` under `kek` with AES-GCM and a fresh random IV.
///
/// Returns the JWE Encrypted Key (as long as the CEK), and the IV and the tag for the `iv` and
/// `tag` header parameters. `kek` must be 16, 24 or 32 bytes (`A128GCMKW`, `A192GCMKW`,
/// `A256GCMKW`).
///
/// # Errors
///
/// [`Error::InvalidKey`] for a KEK of another length, [`Error::Invalid`] for an empty CEK,
/// [`Error::Rng`] if no IV can be made.
pub fn wrap(kek: &SecretBytes, cek: &SecretBytes) -> Result<WrappedKey, Error> {
    let mut iv = [0u8; IV_LEN];
    random::fill(&mut iv)?;
    wrap_with_iv(kek, cek, iv)
}

/// [`wrap`] with a given IV (for known-answer tests; an IV must never repeat under one KEK).
pub(crate) fn wrap_with_iv(
    kek: &SecretBytes,
    cek: &SecretBytes,
    iv: [u8; IV_LEN],
) -> Result<WrappedKey, Error> {
    if !matches!(kek.len(), 16 | 24 | 32) {
        return Err(Error::invalid_key(format!(
            "an AES-GCM key wrapping KEK must be 16, 24 or 32 bytes (A128GCMKW, A192GCMKW, \
             A256GCMKW), got {} bytes",
            kek.len()
        )));
    }
    if cek.is_empty() {
        return Err(Error::invalid("the CEK to wrap is empty"));
    }
    let (encrypted_key, tag) = gcm::seal(kek.expose_secret(), &iv, &[], cek.expose_secret())?;
    Ok((encrypted_key, iv, tag))
}

/// Decrypts a JWE Encrypted Key with AES-GCM, given the `iv` and `tag` header parameters
/// (decoded).
///
/// Before AES-GCM is set up: `kek` must be 16, 24 or 32 bytes, `iv` exactly 12, `tag` exactly
/// 16, and `encrypted_key` exactly `expected_cek_len` bytes (the CEK length of the `enc`
/// algorithm, [`JweEncryption::key_len`](crate::content::JweEncryption::key_len)), which must
/// not be zero. The CEK is returned as [`SecretBytes`].
///
/// # Errors
///
/// [`Error::DecryptionFailed`] for every failure, whatever its cause.
pub fn unwrap(
    kek: &SecretBytes,
    encrypted_key: &[u8],
    iv: &[u8],
    tag: &[u8],
    expected_cek_len: usize,
) -> Result<SecretBytes, Error> {
    if !matches!(kek.len(), 16 | 24 | 32)
        || iv.len() != IV_LEN
        || tag.len() != TAG_LEN
        || expected_cek_len == 0
        || encrypted_key.len() != expected_cek_len
    {
        return Err(Error::DecryptionFailed);
    }
    let plaintext = gcm::open(kek.expose_secret(), iv, &[], encrypted_key, tag)?;
    // Copy into the secret; `plaintext` zeroizes itself when dropped.
    let mut cek = SecretBytes::zeroed(plaintext.len());
    cek.expose_secret_mut().copy_from_slice(&plaintext);
    Ok(cek)
}

#[cfg(test)]
mod tests;
