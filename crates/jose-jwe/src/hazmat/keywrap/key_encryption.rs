//! The Key Encryption algorithms of RFC 7518 (the CEK encrypted to an RSA public key) as one
//! family: `RSA-OAEP*` ([`super::rsa_oaep`]) always, and `RSA1_5` (`super::rsa1_5`) only with
//! the cargo feature `rsa1_5`; and the refusal of `RSA1_5` where it is not allowed.

use jose_b64::SecretBytes;
use jose_jwk::alg::JweAlgorithm;
use rsa::{PrivateKey as RsaPrivateKey, PublicKey as RsaPublicKey};

use super::rsa_oaep;
#[cfg(feature = "rsa1_5")]
use super::rsa1_5;
use crate::Error;

/// Whether this build encrypts the CEK to an RSA key for `alg`: `RSA-OAEP*`, and `RSA1_5`
/// with the feature `rsa1_5`.
pub(crate) fn is_rsa(alg: JweAlgorithm) -> bool {
    rsa_oaep::is_rsa_oaep(alg) || (cfg!(feature = "rsa1_5") && alg == JweAlgorithm::RSA1_5)
}

/// Encrypts `cek` to `key` with `alg`.
///
/// # Errors
///
/// As [`rsa_oaep::wrap`] (and `rsa1_5::wrap`).
pub(crate) fn wrap(
    key: &RsaPublicKey,
    alg: JweAlgorithm,
    cek: &SecretBytes,
) -> Result<Vec<u8>, Error> {
    #[cfg(feature = "rsa1_5")]
    if alg == JweAlgorithm::RSA1_5 {
        return rsa1_5::wrap(key, cek);
    }
    rsa_oaep::wrap(key, alg, cek)
}

/// Decrypts a JWE Encrypted Key with `key` and `alg`. For `RSA1_5` a failure gives a random
/// CEK (made beforehand); for `RSA-OAEP*`, [`Error::DecryptionFailed`], after which the JWE
/// layer goes on with a random CEK.
///
/// # Errors
///
/// [`Error::DecryptionFailed`].
pub(crate) fn unwrap(
    key: &RsaPrivateKey,
    alg: JweAlgorithm,
    encrypted_key: &[u8],
    expected_cek_len: usize,
) -> Result<SecretBytes, Error> {
    #[cfg(feature = "rsa1_5")]
    if alg == JweAlgorithm::RSA1_5 {
        return rsa1_5::unwrap(key, encrypted_key, expected_cek_len);
    }
    rsa_oaep::unwrap(key, alg, encrypted_key, expected_cek_len)
}

/// The refusal of `RSA1_5` by a decrypter not made to allow it, or by a build without the
/// feature `rsa1_5` (keys and decrypters alike).
pub(crate) fn rsa1_5_refused() -> Error {
    Error::unsupported(if cfg!(feature = "rsa1_5") {
        "the key management algorithm RSA1_5 in Decrypter::new: this legacy algorithm \
         (RSAES-PKCS1-v1_5, which RFC 8725 §3.2 says to avoid) is accepted only by a decrypter \
         made with Decrypter::new_allowing_rsa1_5"
    } else {
        "the key management algorithm RSA1_5 (RSAES-PKCS1-v1_5, which RFC 8725 §3.2 says to \
         avoid): it needs the cargo feature `rsa1_5` of jose-jwe, and then a decrypter made \
         with Decrypter::new_allowing_rsa1_5"
    })
}

#[cfg(test)]
mod tests;
