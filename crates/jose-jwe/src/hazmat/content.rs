//! Content encryption: the JWA `enc` algorithms (RFC 7518 §5).
//!
//! - `A128CBC-HS256`, `A192CBC-HS384`, `A256CBC-HS512`: AES-CBC with PKCS #7 padding, then
//!   HMAC-SHA-2 over AAD ‖ IV ‖ ciphertext ‖ AL, truncated to its first half (RFC 7518 §5.2).
//! - `A128GCM`, `A192GCM`, `A256GCM`: AES-GCM with a 96-bit IV and a 128-bit tag
//!   (RFC 7518 §5.3).
//!
//! [`encrypt`] and [`decrypt`] take the CEK, IV and AAD explicitly; the JWE layer computes the
//! AAD (RFC 7516 §5.1 step 14). [`generate_cek`] and [`generate_iv`] make fresh random values
//! from the operating system's generator; a CEK or an IV must never be reused under one key.
//! AES-GCM in particular loses both confidentiality and authenticity when an IV repeats, and
//! with random 96-bit IVs one key should protect at most 2^32 messages (NIST SP 800-38D
//! §8.3), which matters for a long-lived `dir` key.
//!
//! Every decryption failure — a wrong tag, wrong padding, a CEK, IV, tag or ciphertext of the
//! wrong length — is the one [`Error::DecryptionFailed`], and no plaintext is released unless
//! the tag verified.
//!
//! ```
//! use jose_jwe::hazmat::content::{self, JweEncryption};
//!
//! let enc = JweEncryption::A256GCM;
//! let cek = content::generate_cek(enc)?;
//! let iv = content::generate_iv(enc)?;
//! let aad = b"eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0";
//!
//! let (ciphertext, tag) = content::encrypt(enc, &cek, &iv, aad, b"Live long and prosper.")?;
//! let plaintext = content::decrypt(enc, &cek, &iv, aad, &ciphertext, &tag)?;
//! assert_eq!(plaintext.as_slice(), b"Live long and prosper.");
//!
//! // Any change is the same opaque error.
//! let err = content::decrypt(enc, &cek, &iv, b"other aad", &ciphertext, &tag).unwrap_err();
//! assert_eq!(err, jose_jwe::Error::DecryptionFailed);
//! # Ok::<(), jose_jwe::Error>(())
//! ```

mod cbc_hmac;
pub(crate) mod gcm;

pub use jose_jwk::alg::JweEncryption;

use jose_b64::SecretBytes;
use zeroize::Zeroizing;

use crate::{Error, random};

/// Encrypts `plaintext` with the content encryption algorithm `enc` (RFC 7516 §5.1 step 15).
///
/// Returns the ciphertext and the authentication tag.
///
/// - `cek` must be exactly `enc.key_len()` bytes (32, 48, 64 for `A*CBC-HS*`, where it is
///   MAC_KEY ‖ ENC_KEY; 16, 24, 32 for `A*GCM`), else [`Error::InvalidKey`].
/// - `iv` must be exactly `enc.iv_len()` bytes (16 for CBC, 12 for GCM), else
///   [`Error::Invalid`]. Use a fresh one from [`generate_iv`] for every encryption.
/// - `aad` is the JWE's Additional Authenticated Data.
///
/// # Errors
///
/// [`Error::InvalidKey`] or [`Error::Invalid`] for wrong lengths, [`Error::Invalid`] for a
/// plaintext or AAD beyond the algorithm's limits.
pub fn encrypt(
    enc: JweEncryption,
    cek: &SecretBytes,
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<(Vec<u8>, Vec<u8>), Error> {
    if cek.len() != enc.key_len() {
        return Err(Error::invalid_key(format!(
            "{enc} needs a {}-byte CEK, got {} bytes",
            enc.key_len(),
            cek.len()
        )));
    }
    if iv.len() != enc.iv_len() {
        return Err(Error::invalid(format!(
            "{enc} needs a {}-byte IV, got {} bytes",
            enc.iv_len(),
            iv.len()
        )));
    }
    let cek = cek.expose_secret();
    if enc.is_cbc_hmac() {
        cbc_hmac::encrypt(enc, cek, iv, aad, plaintext)
    } else {
        let (ciphertext, tag) = gcm::seal(cek, iv, aad, plaintext)?;
        Ok((ciphertext, tag.to_vec()))
    }
}

/// Decrypts and verifies a JWE ciphertext (RFC 7516 §5.2 step 11).
///
/// The lengths of `cek`, `iv` and `tag` must be exactly those of `enc`
/// ([`JweEncryption::key_len`], [`JweEncryption::iv_len`], [`JweEncryption::tag_len`]); they
/// are checked before any primitive is constructed. For `A*CBC-HS*` the full HMAC is computed
/// and compared with `tag` in constant time before anything is decrypted (RFC 7518 §5.2.2.2).
/// The plaintext is returned in a buffer that zeroizes on drop.
///
/// # Errors
///
/// [`Error::DecryptionFailed`] for every failure, whatever its cause.
pub fn decrypt(
    enc: JweEncryption,
    cek: &SecretBytes,
    iv: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Error> {
    if cek.len() != enc.key_len() || iv.len() != enc.iv_len() || tag.len() != enc.tag_len() {
        return Err(Error::DecryptionFailed);
    }
    decrypt_in_place(enc, cek, iv, aad, Zeroizing::new(ciphertext.to_vec()), tag)
}

/// As [`decrypt`], in place: `buffer` holds the ciphertext and becomes the plaintext, so
/// that a large ciphertext is neither copied nor allocated twice. On failure the buffer is
/// zeroized with everything else.
pub(crate) fn decrypt_in_place(
    enc: JweEncryption,
    cek: &SecretBytes,
    iv: &[u8],
    aad: &[u8],
    buffer: Zeroizing<Vec<u8>>,
    tag: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Error> {
    if cek.len() != enc.key_len() || iv.len() != enc.iv_len() || tag.len() != enc.tag_len() {
        return Err(Error::DecryptionFailed);
    }
    let cek = cek.expose_secret();
    if enc.is_cbc_hmac() {
        cbc_hmac::decrypt(enc, cek, iv, aad, buffer, tag)
    } else {
        gcm::open_in_place(cek, iv, aad, buffer, tag)
    }
}

/// A fresh random Content Encryption Key of `enc.key_len()` bytes (RFC 7516 §5.1 step 2), from
/// the operating system's random number generator.
///
/// # Errors
///
/// [`Error::Rng`] if the generator fails (never a panic).
pub fn generate_cek(enc: JweEncryption) -> Result<SecretBytes, Error> {
    let mut cek = SecretBytes::zeroed(enc.key_len());
    random::fill(cek.expose_secret_mut())?;
    Ok(cek)
}

/// A fresh random Initialization Vector of `enc.iv_len()` bytes (RFC 7516 §5.1 step 9), from
/// the operating system's random number generator.
///
/// # Errors
///
/// [`Error::Rng`] if the generator fails (never a panic).
pub fn generate_iv(enc: JweEncryption) -> Result<Vec<u8>, Error> {
    let mut iv = vec![0u8; enc.iv_len()];
    random::fill(&mut iv)?;
    Ok(iv)
}

#[cfg(test)]
mod tests;
