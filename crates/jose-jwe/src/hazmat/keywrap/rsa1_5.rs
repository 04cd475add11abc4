//! `RSA1_5`: the CEK encrypted to an RSA public key with RSAES-PKCS1-v1_5 (RFC 7518 §4.2,
//! RFC 8017 §7.2). A legacy algorithm, kept for interoperability only: it is compiled only
//! with the cargo feature `rsa1_5` (off by default), and even then a
//! [`Decrypter`](crate::Decrypter) accepts it only when made with
//! `Decrypter::new_allowing_rsa1_5`. RFC 8725 §3.2 says to avoid it; prefer ECDH-ES, or
//! `RSA-OAEP-256` where RSA is required.
//!
//! # Security
//!
//! - **Bleichenbacher's attack (the "million message attack").** A recipient that lets an
//!   attacker tell a ciphertext with valid PKCS #1 v1.5 padding from one without, by an
//!   error, a message or a difference in the work done, lets the attacker decrypt the CEK
//!   (and anything else encrypted to that key) with enough queries. RFC 7516 §11.5: [`unwrap`]
//!   makes a random CEK of the right length *before* the RSA decryption and returns it,
//!   chosen without a branch, whenever the ciphertext is not exactly the modulus size, does
//!   not decrypt, or holds a CEK of another length. It never reports an error for a bad
//!   ciphertext: the JWE layer goes on to the content decryption, whose tag check fails, so
//!   the error and the work are those of a wrong tag (RFC 7516 §11.5).
//! - **The `rsa` crate.** `Pkcs1v15Encrypt` decryption in `rsa` 0.10.0-rc.20 uses implicit
//!   rejection (draft-irtf-cfrg-rsa-guidance §7.2): invalid padding yields a deterministic
//!   pseudo-random message instead of an error, and the decryption is blinded.
//! - **RUSTSEC-2023-0071 (the Marvin attack, CVE-2023-49092).** The `rsa` crate's
//!   private-key operation has not been shown to be constant time: the advisory lists no
//!   patched version. Unwrapping is therefore a timing side channel on the private key,
//!   whatever this crate does around it, and RSAES-PKCS1-v1_5 is the padding for which such
//!   timing leaks are most easily turned into decryption. Do not enable `RSA1_5` where an
//!   attacker can submit many JWEs and time the answers; public-key operations (wrapping) are
//!   not affected.

use jose_b64::SecretBytes;
use rsa::traits::{PaddingScheme, PublicKeyParts};
use rsa::{Pkcs1v15Encrypt, PrivateKey as RsaPrivateKey, PublicKey as RsaPublicKey};
use subtle::{ConditionallySelectable, ConstantTimeEq};
use zeroize::Zeroizing;

use crate::Error;

/// Encrypts `cek` to `key` with RSAES-PKCS1-v1_5; the result, the JWE Encrypted Key, is as
/// long as the modulus.
///
/// # Errors
///
/// [`Error::Invalid`] if the CEK is longer than the modulus size less 11 bytes;
/// [`Error::Rng`] if the random number generator fails.
pub fn wrap(key: &RsaPublicKey, cek: &SecretBytes) -> Result<Vec<u8>, Error> {
    let mut rng = getrandom::SysRng;
    Pkcs1v15Encrypt
        .encrypt(&mut rng, key, cek.expose_secret())
        .map_err(|e| match e {
            rsa::Error::Rng => Error::Rng,
            e => Error::invalid(format!("RSAES-PKCS1-v1_5 encryption failed ({e})")),
        })
}

/// Decrypts a JWE Encrypted Key with `key` and returns the CEK if it is `expected_cek_len`
/// bytes long, or else a random CEK of that length (RFC 7516 §11.5; see the module
/// documentation). The random CEK is made first, every time, and the choice between the two
/// is made in constant time.
///
/// ```
/// # use jose_jwk::{Jwk, Key, KeySpec};
/// use jose_jwe::hazmat::keywrap::rsa1_5;
/// use jose_jwe::SecretBytes;
///
/// # let jwk = Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap();
/// # let Key::Rsa(rsa) = jwk.key() else { unreachable!() };
/// # let (public, private) = (rsa.to_public_key().unwrap(), rsa.to_private_key().unwrap());
/// let cek = SecretBytes::from(&[7u8; 32][..]);
/// let encrypted_key = rsa1_5::wrap(&public, &cek)?;
/// assert_eq!(rsa1_5::unwrap(&private, &encrypted_key, 32)?, cek);
/// // A CEK of another length, or a changed ciphertext: a random CEK, no error.
/// assert_eq!(rsa1_5::unwrap(&private, &encrypted_key, 16)?.len(), 16);
/// assert_ne!(rsa1_5::unwrap(&private, &encrypted_key[1..], 32)?, cek);
/// # Ok::<(), jose_jwe::Error>(())
/// ```
///
/// # Errors
///
/// [`Error::DecryptionFailed`] only when the random number generator fails.
pub fn unwrap(
    key: &RsaPrivateKey,
    encrypted_key: &[u8],
    expected_cek_len: usize,
) -> Result<SecretBytes, Error> {
    let mut cek = Zeroizing::new(vec![0u8; expected_cek_len]);
    crate::random::fill(&mut cek).map_err(|_| Error::DecryptionFailed)?;
    // The length of the ciphertext is public; anything but the modulus size is refused by the
    // RSA decryption too, without touching the key.
    if encrypted_key.len() != key.size() {
        return Ok(SecretBytes::from(cek.as_slice()));
    }
    let decrypted = Zeroizing::new(
        key.decrypt(Pkcs1v15Encrypt, encrypted_key)
            .unwrap_or_default(),
    );
    let fits = (decrypted.len() as u64).ct_eq(&(expected_cek_len as u64));
    for (i, byte) in cek.iter_mut().enumerate() {
        let candidate = decrypted.get(i).copied().unwrap_or_default();
        byte.conditional_assign(&candidate, fits);
    }
    Ok(SecretBytes::from(cek.as_slice()))
}

#[cfg(test)]
mod tests;
