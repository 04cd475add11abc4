//! The Concat KDF of NIST SP 800-56A §5.8.1 with SHA-256, as ECDH-ES uses it
//! (RFC 7518 §4.6.2). The hashing loop is RustCrypto's `one-step-kdf` (the same function,
//! under its NIST SP 800-56C name); this file builds its `OtherInfo` input.

use jose_b64::SecretBytes;
use sha2::Sha256;

use crate::Error;

/// `OtherInfo = AlgorithmID ‖ PartyUInfo ‖ PartyVInfo ‖ SuppPubInfo` (RFC 7518 §4.6.2): the
/// first three each `Datalen ‖ Data` with a 32-bit big-endian length, `SuppPubInfo` the
/// 32-bit big-endian `keydatalen` in bits; `SuppPrivInfo` is empty.
///
/// # Errors
///
/// [`Error::Invalid`] when a part is longer than 2^32 − 1 bytes or `keydatalen` does not fit
/// in 32 bits.
pub fn other_info(
    algorithm_id: &[u8],
    party_u_info: &[u8],
    party_v_info: &[u8],
    key_len: usize,
) -> Result<Vec<u8>, Error> {
    let keydatalen = key_len
        .checked_mul(8)
        .and_then(|bits| u32::try_from(bits).ok())
        .ok_or_else(|| Error::invalid("the Concat KDF output length does not fit in 32 bits"))?;
    let parts = [algorithm_id, party_u_info, party_v_info];
    let mut out = Vec::with_capacity(parts.iter().map(|p| p.len() + 4).sum::<usize>() + 4);
    for part in parts {
        let len = u32::try_from(part.len())
            .map_err(|_| Error::invalid("a Concat KDF input is longer than 2^32 - 1 bytes"))?;
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(part);
    }
    out.extend_from_slice(&keydatalen.to_be_bytes());
    Ok(out)
}

/// The first `key_len` bytes of `SHA-256(counter ‖ Z ‖ OtherInfo)` for counter = 1, 2, …
/// (NIST SP 800-56A §5.8.1, counters 32-bit big-endian).
///
/// # Errors
///
/// [`Error::Invalid`] for an empty `z` or a `key_len` of zero.
pub fn derive(z: &SecretBytes, other_info: &[u8], key_len: usize) -> Result<SecretBytes, Error> {
    let mut key = SecretBytes::zeroed(key_len);
    one_step_kdf::derive_key_into::<Sha256>(z.expose_secret(), other_info, key.expose_secret_mut())
        .map_err(|e| Error::invalid(format!("Concat KDF: {e}")))?;
    Ok(key)
}
