//! `A128KW`, `A192KW`, `A256KW`: AES Key Wrap with the default initial value A6A6A6A6A6A6A6A6
//! (RFC 7518 §4.4, RFC 3394 §2.2).

use aes::cipher::consts::U16;
use aes::cipher::{BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};
use aes::{Aes128, Aes192, Aes256};
use aes_kw::AesKw;
use jose_b64::SecretBytes;

use crate::Error;

/// The length AES Key Wrap adds to the key it wraps: one 64-bit block (RFC 3394 §2.2.1).
pub const OVERHEAD: usize = 8;

/// The smallest key AES Key Wrap accepts: two 64-bit blocks (RFC 3394 §2: n ≥ 2).
const MIN_KEY_LEN: usize = 16;

/// Wraps `cek` under `kek` with AES Key Wrap; the result is `cek.len() + 8` bytes, the JWE
/// Encrypted Key.
///
/// `kek` must be 16, 24 or 32 bytes (`A128KW`, `A192KW`, `A256KW`), else
/// [`Error::InvalidKey`]; `cek` must be a multiple of 8 bytes and at least 16 (every JWE CEK
/// is), else [`Error::Invalid`].
///
/// # Errors
///
/// [`Error::InvalidKey`], [`Error::Invalid`] as above.
pub fn wrap(kek: &SecretBytes, cek: &SecretBytes) -> Result<Vec<u8>, Error> {
    if !valid_key_len(cek.len()) {
        return Err(Error::invalid(format!(
            "AES Key Wrap needs a CEK of a multiple of 8 bytes, at least 16, got {} bytes",
            cek.len()
        )));
    }
    let wrapped_len = cek
        .len()
        .checked_add(OVERHEAD)
        .ok_or_else(|| Error::invalid("the CEK is too long"))?;
    let mut out = vec![0u8; wrapped_len];
    let cek = cek.expose_secret();
    let kek_bytes = kek.expose_secret();
    let written = match kek.len() {
        16 => wrap_with::<Aes128>(kek_bytes, cek, &mut out)?,
        24 => wrap_with::<Aes192>(kek_bytes, cek, &mut out)?,
        32 => wrap_with::<Aes256>(kek_bytes, cek, &mut out)?,
        n => return Err(wrong_kek(n)),
    };
    if written != wrapped_len {
        return Err(Error::invalid(
            "AES Key Wrap produced an output of the wrong length",
        ));
    }
    Ok(out)
}

/// Unwraps a JWE Encrypted Key with AES Key Wrap and checks its integrity value.
///
/// `wrapped` must be exactly `expected_cek_len + 8` bytes (the CEK length comes from the
/// `enc` algorithm, [`JweEncryption::key_len`](crate::content::JweEncryption::key_len)); that
/// and the KEK length (16, 24 or 32 bytes) are checked before AES Key Wrap runs. The CEK is
/// written straight into a [`SecretBytes`].
///
/// # Errors
///
/// [`Error::DecryptionFailed`] for every failure: a wrong length of anything, a wrong KEK, a
/// modified `wrapped`.
pub fn unwrap(
    kek: &SecretBytes,
    wrapped: &[u8],
    expected_cek_len: usize,
) -> Result<SecretBytes, Error> {
    if !valid_key_len(expected_cek_len)
        || expected_cek_len.checked_add(OVERHEAD) != Some(wrapped.len())
    {
        return Err(Error::DecryptionFailed);
    }
    let mut cek = SecretBytes::zeroed(expected_cek_len);
    let kek_bytes = kek.expose_secret();
    let out = cek.expose_secret_mut();
    // On an integrity failure aes-kw zeroes `out`; `cek` is zeroized on drop anyway.
    let unwrapped = match kek.len() {
        16 => unwrap_with::<Aes128>(kek_bytes, wrapped, out)?,
        24 => unwrap_with::<Aes192>(kek_bytes, wrapped, out)?,
        32 => unwrap_with::<Aes256>(kek_bytes, wrapped, out)?,
        _ => return Err(Error::DecryptionFailed),
    };
    if unwrapped != expected_cek_len {
        return Err(Error::DecryptionFailed);
    }
    Ok(cek)
}

/// A multiple of 64 bits, at least two blocks.
fn valid_key_len(len: usize) -> bool {
    len >= MIN_KEY_LEN && len.is_multiple_of(OVERHEAD)
}

/// Wraps with one AES size; returns the number of bytes written.
fn wrap_with<C: BlockCipherEncrypt<BlockSize = U16> + KeyInit>(
    kek: &[u8],
    cek: &[u8],
    out: &mut [u8],
) -> Result<usize, Error> {
    let kw = AesKw::<C>::new_from_slice(kek).map_err(|_| wrong_kek(kek.len()))?;
    kw.wrap_key(cek, out)
        .map(<[u8]>::len)
        .map_err(|e| Error::invalid(format!("AES Key Wrap failed: {e}")))
}

/// Unwraps with one AES size; returns the number of bytes written.
fn unwrap_with<C: BlockCipherDecrypt<BlockSize = U16> + KeyInit>(
    kek: &[u8],
    wrapped: &[u8],
    out: &mut [u8],
) -> Result<usize, Error> {
    let kw = AesKw::<C>::new_from_slice(kek).map_err(|_| Error::DecryptionFailed)?;
    kw.unwrap_key(wrapped, out)
        .map(<[u8]>::len)
        .map_err(|_| Error::DecryptionFailed)
}

fn wrong_kek(len: usize) -> Error {
    Error::invalid_key(format!(
        "an AES Key Wrap KEK must be 16, 24 or 32 bytes (A128KW, A192KW, A256KW), got {len} bytes"
    ))
}

#[cfg(test)]
mod tests;
