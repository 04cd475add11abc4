//! `ECDH-ES`, `ECDH-ES+A128KW`, `ECDH-ES+A192KW`, `ECDH-ES+A256KW`: Elliptic Curve
//! Diffie-Hellman Ephemeral-Static key agreement with the Concat KDF (RFC 7518 §4.6), on
//! P-256, P-384, P-521 and X25519 (RFC 8037 §3.2).
//!
//! The producer makes a fresh ephemeral key on the recipient's curve, computes the shared
//! secret Z with the recipient's public key and sends its ephemeral public key as the `epk`
//! header parameter. Both sides derive a key from Z with the Concat KDF ([`derive_key`]):
//! with `ECDH-ES` it is the CEK (Direct Key Agreement, an empty JWE Encrypted Key), with
//! `ECDH-ES+A*KW` it wraps a random CEK with AES Key Wrap ([`crate::keywrap::aes_kw`]). The
//! optional `apu` and `apv` header parameters (base64url) enter the KDF as PartyUInfo and
//! PartyVInfo.
//!
//! # Checks
//!
//! The `epk` is attacker-chosen and used with the recipient's private key, so (RFC 8725 §3.4,
//! RFC 7748 §6.1):
//!
//! - [`Params::from_header`] (before any key is looked up) requires `epk` to be a JSON object
//!   holding a *public* key (no `d`) of kty `EC` on P-256, P-384 or P-521, with coordinates of
//!   the exact length on the curve and not the identity, or of kty `OKP` on X25519; and `apu`
//!   and `apv`, when present, to be strict base64url strings. Anything else is an
//!   [`Error::Header`]: it depends on the token alone. Only the members `kty`, `crv`, `x`,
//!   `y` (and `d`, to refuse it) of the `epk` are read (RFC 7518 §4.6.1.1): it is not imported
//!   as a whole JWK, so its other members (a long `key_ops`, …) cost nothing.
//! - [`agree_recipient`] (after the key lookup) requires the `epk` to be on the recipient
//!   key's curve and refuses an all-zero X25519 shared secret (a small-order `epk`,
//!   RFC 7748 §6.1); those failures are the one [`Error::DecryptionFailed`], and the JWE
//!   layer goes on with a random CEK as for any other key that does not unwrap.
//!
//! ```
//! use jose_jwe::hazmat::keywrap::{aes_kw, ecdh_es};
//! use jose_jwe::hazmat::content::{self, JweEncryption};
//! use jose_jwe::JweAlgorithm;
//! use jose_jwk::alg::Curve;
//!
//! let recipient = ecdh_es::EcdhSecretKey::generate(Curve::P256)?;
//! let (alg, enc) = (JweAlgorithm::ECDH_ES_A128KW, JweEncryption::A128GCM);
//!
//! // The producer: a key-wrapping key and the `epk` to send.
//! let (kek, epk) = ecdh_es::agree_sender(&recipient.public_key(), alg, enc, b"Alice", b"Bob")?;
//! let cek = content::generate_cek(enc)?;
//! let encrypted_key = aes_kw::wrap(&kek, &cek)?;
//!
//! // The recipient, from the header's `epk`, `apu` and `apv`.
//! let params = ecdh_es::Params::new(epk, b"Alice".to_vec(), b"Bob".to_vec());
//! let kek = ecdh_es::agree_recipient(&recipient, alg, enc, &params)?;
//! assert_eq!(aes_kw::unwrap(&kek, &encrypted_key, enc.key_len())?, cek);
//! # Ok::<(), jose_jwe::Error>(())
//! ```

pub mod concat_kdf;
mod epk;
mod keys;

use jose_b64::SecretBytes;
use jose_b64::base64url;
use jose_b64::serde_json::Value;
use jose_jwk::alg::{JweAlgorithm, JweEncryption};
use jose_jwk::header::JoseHeader;

use crate::Error;
use crate::error::header_error;

pub use keys::{EcdhPublicKey, EcdhSecretKey, shared_secret};

/// The ECDH-ES header parameters of a received JWE: the ephemeral public key `epk` and the
/// decoded `apu` and `apv` (empty when absent).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    epk: EcdhPublicKey,
    apu: Vec<u8>,
    apv: Vec<u8>,
}

impl Params {
    /// Parameters from their values.
    pub fn new(epk: EcdhPublicKey, apu: Vec<u8>, apv: Vec<u8>) -> Self {
        Self { epk, apu, apv }
    }

    /// Reads and checks `epk`, `apu` and `apv` from a header (see the module documentation).
    /// Nothing secret is involved: this runs before the key lookup.
    ///
    /// # Errors
    ///
    /// [`Error::Header`] when `epk` is missing, not a JSON object, not a valid public EC
    /// (P-256, P-384, P-521) or OKP (X25519) JWK, or has a `d`; when `apu` or `apv` is not a
    /// string of strict base64url.
    pub fn from_header(header: &JoseHeader<'_>) -> Result<Self, Error> {
        let epk = match header.get("epk") {
            Some((Value::Object(map), _)) => epk::read(map)?,
            Some(_) => {
                return Err(header_error(
                    "epk",
                    "must be a JSON object, a public JWK (RFC 7518 §4.6.1.1)",
                ));
            }
            None => {
                return Err(header_error(
                    "epk",
                    "is required for ECDH-ES (RFC 7518 §4.6.1.1)",
                ));
            }
        };
        Ok(Self {
            epk,
            apu: party_info(header, "apu")?,
            apv: party_info(header, "apv")?,
        })
    }

    /// The ephemeral public key.
    pub fn epk(&self) -> &EcdhPublicKey {
        &self.epk
    }

    /// PartyUInfo: the decoded `apu`.
    pub fn apu(&self) -> &[u8] {
        &self.apu
    }

    /// PartyVInfo: the decoded `apv`.
    pub fn apv(&self) -> &[u8] {
        &self.apv
    }
}

/// `apu` or `apv`: absent is empty; otherwise a string of strict base64url.
fn party_info(header: &JoseHeader<'_>, name: &str) -> Result<Vec<u8>, Error> {
    match header.get_str(name).map_err(Error::Header)? {
        Some((text, _)) => base64url::decode(text)
            .map_err(|_| header_error(name, "is not base64url (RFC 7518 §4.6.1.2, §4.6.1.3)")),
        None => Ok(Vec::new()),
    }
}

/// The key that the Concat KDF derives from Z (RFC 7518 §4.6.2): for `ECDH-ES` the CEK of
/// `enc` (AlgorithmID is the `enc` name, `keydatalen` its key length), for `ECDH-ES+A*KW`
/// the AES Key Wrap key (AlgorithmID is the `alg` name, 128, 192 or 256 bits).
///
/// ```
/// use jose_jwe::hazmat::keywrap::ecdh_es;
/// use jose_jwe::{JweAlgorithm, JweEncryption, SecretBytes};
///
/// // RFC 7518 App. C
/// let z = SecretBytes::from(&[158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191,
///     132, 38, 156, 251, 49, 110, 163, 218, 128, 106, 72, 246, 218, 167, 121, 140, 254, 144,
///     196][..]);
/// let key = ecdh_es::derive_key(JweAlgorithm::ECDH_ES, JweEncryption::A128GCM, &z, b"Alice", b"Bob")?;
/// assert_eq!(key, SecretBytes::from_base64url("VqqN6vgjbSBcIijNcacQGg").unwrap());
/// # Ok::<(), jose_jwe::Error>(())
/// ```
///
/// # Errors
///
/// [`Error::Invalid`] when `alg` is not of the ECDH-ES family, or for an empty `z`.
pub fn derive_key(
    alg: JweAlgorithm,
    enc: JweEncryption,
    z: &SecretBytes,
    apu: &[u8],
    apv: &[u8],
) -> Result<SecretBytes, Error> {
    let (algorithm_id, key_len) = match (alg, alg.wrap_key_len()) {
        (JweAlgorithm::ECDH_ES, _) => (enc.as_str(), enc.key_len()),
        (_, Some(len)) if alg.is_ecdh_es() => (alg.as_str(), len),
        _ => {
            return Err(Error::invalid(format!("{alg} is not an ECDH-ES algorithm")));
        }
    };
    let info = concat_kdf::other_info(algorithm_id.as_bytes(), apu, apv, key_len)?;
    concat_kdf::derive(z, &info, key_len)
}

/// The producer's side: a fresh ephemeral key on the curve of `recipient`, the shared secret
/// with it and the derived key ([`derive_key`]). Returns the derived key (the CEK for
/// `ECDH-ES`, the key-wrapping key for `ECDH-ES+A*KW`) and the ephemeral public key, the
/// `epk` to send.
///
/// # Errors
///
/// [`Error::Rng`] if the random number generator fails; [`Error::InvalidKey`] for an X25519
/// `recipient` of small order; [`Error::Invalid`] when `alg` is not of the ECDH-ES family.
pub fn agree_sender(
    recipient: &EcdhPublicKey,
    alg: JweAlgorithm,
    enc: JweEncryption,
    apu: &[u8],
    apv: &[u8],
) -> Result<(SecretBytes, EcdhPublicKey), Error> {
    let ephemeral = EcdhSecretKey::generate(recipient.curve())?;
    let z = shared_secret(&ephemeral, recipient)?;
    let key = derive_key(alg, enc, &z, apu, apv)?;
    Ok((key, ephemeral.public_key()))
}

/// The recipient's side: the shared secret of `secret` and the `epk` of `params`, and the
/// derived key ([`derive_key`]).
///
/// # Errors
///
/// [`Error::DecryptionFailed`] for every failure: an `epk` on another curve than `secret`, an
/// all-zero X25519 shared secret (small-order `epk`), an `alg` not of the ECDH-ES family.
pub fn agree_recipient(
    secret: &EcdhSecretKey,
    alg: JweAlgorithm,
    enc: JweEncryption,
    params: &Params,
) -> Result<SecretBytes, Error> {
    let z = shared_secret(secret, &params.epk).map_err(|_| Error::DecryptionFailed)?;
    derive_key(alg, enc, &z, &params.apu, &params.apv).map_err(|_| Error::DecryptionFailed)
}

/// The `epk` header member of a producer: the public JWK (`kty`, `crv`, `x`, `y`).
pub(crate) fn epk_member(epk: &EcdhPublicKey) -> (&'static str, Value) {
    ("epk", Value::Object(epk.to_jwk().to_map()))
}

#[cfg(test)]
mod tests;
