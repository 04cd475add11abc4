//! `RSA-OAEP`, `RSA-OAEP-256`, `RSA-OAEP-384`, `RSA-OAEP-512`: the CEK encrypted to an RSA
//! public key with RSAES-OAEP (RFC 7518 §4.3, RFC 8017 §7.1), with SHA-1, SHA-256, SHA-384 or
//! SHA-512 as both the OAEP hash and the MGF1 hash, and an empty label.
//!
//! # Security
//!
//! RSA *private-key* operations in the `rsa` crate are not constant time
//! ([RUSTSEC-2023-0071](https://rustsec.org/advisories/RUSTSEC-2023-0071), the "Marvin"
//! timing attack; no patched release exists). Unwrapping is therefore a timing side channel on
//! the private key, whatever this crate does around it; prefer ECDH-ES where an attacker can
//! submit many JWEs and time the answers. Public-key operations (wrapping) are not affected.
//! `RSA-OAEP` (SHA-1) is kept for interoperability only; prefer `RSA-OAEP-256`.
//!
//! Every unwrapping failure (a ciphertext not exactly the modulus size, a decryption error, a
//! CEK of the wrong length) is the one [`Error::DecryptionFailed`]; the JWE layer then goes on
//! with a random CEK, so that the error and the work are those of a wrong tag (RFC 7516 §11.5).

use jose_b64::SecretBytes;
use jose_jwk::alg::JweAlgorithm;
use rsa::traits::{PaddingScheme, PublicKeyParts};
use rsa::{Oaep, PrivateKey as RsaPrivateKey, PublicKey as RsaPublicKey};
use sha1::Sha1;
use sha2::{Sha256, Sha384, Sha512};
use zeroize::Zeroizing;

use crate::Error;

/// Whether `alg` is one of the four RSA-OAEP algorithms.
pub fn is_rsa_oaep(alg: JweAlgorithm) -> bool {
    matches!(
        alg,
        JweAlgorithm::RSA_OAEP
            | JweAlgorithm::RSA_OAEP_256
            | JweAlgorithm::RSA_OAEP_384
            | JweAlgorithm::RSA_OAEP_512
    )
}

/// Encrypts `cek` to `key` with the OAEP variant of `alg`; the result, the JWE Encrypted
/// Key, is as long as the modulus.
///
/// # Errors
///
/// [`Error::Invalid`] if `alg` is not an RSA-OAEP algorithm or the CEK is too long for the
/// modulus; [`Error::Rng`] if the random number generator fails.
pub fn wrap(key: &RsaPublicKey, alg: JweAlgorithm, cek: &SecretBytes) -> Result<Vec<u8>, Error> {
    let mut rng = getrandom::SysRng;
    let cek = cek.expose_secret();
    let result = match alg {
        JweAlgorithm::RSA_OAEP => Oaep::<Sha1>::new().encrypt(&mut rng, key, cek),
        JweAlgorithm::RSA_OAEP_256 => Oaep::<Sha256>::new().encrypt(&mut rng, key, cek),
        JweAlgorithm::RSA_OAEP_384 => Oaep::<Sha384>::new().encrypt(&mut rng, key, cek),
        JweAlgorithm::RSA_OAEP_512 => Oaep::<Sha512>::new().encrypt(&mut rng, key, cek),
        other => {
            return Err(Error::invalid(format!(
                "{other} is not an RSA-OAEP algorithm"
            )));
        }
    };
    result.map_err(|e| match e {
        rsa::Error::Rng => Error::Rng,
        e => Error::invalid(format!("RSA-OAEP encryption failed ({e})")),
    })
}

/// Decrypts a JWE Encrypted Key with `key` and the OAEP variant of `alg`, and checks that the
/// CEK is `expected_cek_len` bytes.
///
/// `encrypted_key` must be exactly as long as the modulus; that is checked before the RSA
/// operation. See the module documentation about timing (RUSTSEC-2023-0071).
///
/// # Errors
///
/// [`Error::DecryptionFailed`] for every failure.
pub fn unwrap(
    key: &RsaPrivateKey,
    alg: JweAlgorithm,
    encrypted_key: &[u8],
    expected_cek_len: usize,
) -> Result<SecretBytes, Error> {
    if encrypted_key.len() != key.size() {
        return Err(Error::DecryptionFailed);
    }
    let result = match alg {
        JweAlgorithm::RSA_OAEP => key.decrypt(Oaep::<Sha1>::new(), encrypted_key),
        JweAlgorithm::RSA_OAEP_256 => key.decrypt(Oaep::<Sha256>::new(), encrypted_key),
        JweAlgorithm::RSA_OAEP_384 => key.decrypt(Oaep::<Sha384>::new(), encrypted_key),
        JweAlgorithm::RSA_OAEP_512 => key.decrypt(Oaep::<Sha512>::new(), encrypted_key),
        _ => return Err(Error::DecryptionFailed),
    };
    let cek = Zeroizing::new(result.map_err(|_| Error::DecryptionFailed)?);
    if cek.len() != expected_cek_len {
        return Err(Error::DecryptionFailed);
    }
    Ok(SecretBytes::from(cek.as_slice()))
}

#[cfg(test)]
mod tests;
