//! AES-GCM with a 96-bit IV and a 128-bit tag (RFC 7518 §5.3 for content, §4.7 for key
//! wrapping), on the detached-tag API of `aes-gcm`.

use aes::Aes192;
use aes_gcm::aead::consts::U12;
use aes_gcm::aead::{AeadInOut, KeyInit, Nonce, Tag};
use aes_gcm::{Aes128Gcm, Aes256Gcm, AesGcm};
use zeroize::Zeroizing;

use crate::Error;

/// AES-192-GCM with a 96-bit nonce (`aes-gcm` names only the 128- and 256-bit ones).
type Aes192Gcm = AesGcm<Aes192, U12>;

/// The IV length: 96 bits (RFC 7518 §4.7, §5.3).
pub(crate) const IV_LEN: usize = 12;

/// The tag length: 128 bits, whatever the key size (RFC 7518 §4.7, §5.3).
pub(crate) const TAG_LEN: usize = 16;

/// Encrypts with the AES-GCM variant of `key`'s length (16, 24 or 32 bytes).
///
/// `iv` must be [`IV_LEN`] bytes. The plaintext is copied into a buffer that is zeroized if
/// encryption fails, then encrypted in place.
pub(crate) fn seal(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<(Vec<u8>, [u8; TAG_LEN]), Error> {
    if iv.len() != IV_LEN {
        return Err(Error::invalid(format!(
            "AES-GCM needs a {IV_LEN}-byte IV, got {} bytes",
            iv.len()
        )));
    }
    match key.len() {
        16 => seal_with::<Aes128Gcm>(key, iv, aad, plaintext),
        24 => seal_with::<Aes192Gcm>(key, iv, aad, plaintext),
        32 => seal_with::<Aes256Gcm>(key, iv, aad, plaintext),
        n => Err(Error::invalid_key(format!(
            "AES-GCM needs a 16-, 24- or 32-byte key, got {n} bytes"
        ))),
    }
}

/// Decrypts with the AES-GCM variant of `key`'s length, after checking every length.
///
/// The tag is verified before the keystream is applied; on any failure the working buffer is
/// zeroized and [`Error::DecryptionFailed`] is returned.
pub(crate) fn open(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Error> {
    // Check the lengths before copying anything.
    if iv.len() != IV_LEN || tag.len() != TAG_LEN || !matches!(key.len(), 16 | 24 | 32) {
        return Err(Error::DecryptionFailed);
    }
    open_in_place(key, iv, aad, Zeroizing::new(ciphertext.to_vec()), tag)
}

/// As [`open`], in place: `buffer` holds the ciphertext and, on success, the plaintext.
pub(crate) fn open_in_place(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    buffer: Zeroizing<Vec<u8>>,
    tag: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Error> {
    // `Nonce::from_slice` and friends panic on other lengths: check first.
    if iv.len() != IV_LEN || tag.len() != TAG_LEN {
        return Err(Error::DecryptionFailed);
    }
    match key.len() {
        16 => open_with::<Aes128Gcm>(key, iv, aad, buffer, tag),
        24 => open_with::<Aes192Gcm>(key, iv, aad, buffer, tag),
        32 => open_with::<Aes256Gcm>(key, iv, aad, buffer, tag),
        _ => Err(Error::DecryptionFailed),
    }
}

fn seal_with<C: AeadInOut + KeyInit>(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<(Vec<u8>, [u8; TAG_LEN]), Error> {
    let cipher = C::new_from_slice(key)
        .map_err(|_| Error::invalid_key("AES-GCM key of the wrong length"))?;
    let nonce = Nonce::<C>::try_from(iv)
        .map_err(|_| Error::invalid(format!("AES-GCM needs a {IV_LEN}-byte IV")))?;
    let mut buffer = Zeroizing::new(plaintext.to_vec());
    let tag = cipher
        .encrypt_inout_detached(&nonce, aad, buffer.as_mut_slice().into())
        .map_err(|_| Error::invalid("the plaintext or the AAD is too long for AES-GCM"))?;
    let tag: [u8; TAG_LEN] = tag
        .as_slice()
        .try_into()
        .map_err(|_| Error::invalid(format!("AES-GCM must produce a {TAG_LEN}-byte tag")))?;
    // The buffer now holds the ciphertext: move it out (no copy is left behind).
    Ok((core::mem::take(&mut *buffer), tag))
}

fn open_with<C: AeadInOut + KeyInit>(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    mut buffer: Zeroizing<Vec<u8>>,
    tag: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Error> {
    let cipher = C::new_from_slice(key).map_err(|_| Error::DecryptionFailed)?;
    let nonce = Nonce::<C>::try_from(iv).map_err(|_| Error::DecryptionFailed)?;
    let tag = Tag::<C>::try_from(tag).map_err(|_| Error::DecryptionFailed)?;
    // On failure `buffer` is dropped, and so zeroized, before the error is returned.
    cipher
        .decrypt_inout_detached(&nonce, aad, buffer.as_mut_slice().into(), &tag)
        .map_err(|_| Error::DecryptionFailed)?;
    Ok(buffer)
}
