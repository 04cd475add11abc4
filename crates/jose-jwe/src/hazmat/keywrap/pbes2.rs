//! `PBES2-HS256+A128KW`, `PBES2-HS384+A192KW`, `PBES2-HS512+A256KW`: a key-wrapping key
//! derived from a password with PBKDF2 (HMAC-SHA-256/384/512), then AES Key Wrap
//! (RFC 7518 §4.8, RFC 8018 §6.2).
//!
//! The PBKDF2 salt is `UTF8(alg) || 0x00 || p2s` (RFC 7518 §4.8.1.1) and the iteration count
//! is `p2c`, both from the protected header. Both are attacker-controlled and used before
//! anything is authenticated, so they are checked *before* PBKDF2 runs ([`Params::from_header`]):
//! `p2s` must decode to at least 8 bytes, and `p2c` must be a JSON integer in
//! [[`MIN_COUNT`], cap], where the cap is [`DEFAULT_MAX_COUNT`] unless the
//! [`crate::Decrypter`] raises it (at most [`MAX_COUNT_LIMIT`]) (RFC 7518 §4.8.1.2).
//!
//! ```
//! use jose_jwe::JweAlgorithm;
//! use jose_jwe::hazmat::keywrap::{aes_kw, pbes2};
//! use jose_jwe::hazmat::content::{self, JweEncryption};
//!
//! let alg = JweAlgorithm::PBES2_HS256_A128KW;
//! let params = pbes2::Params::generate(pbes2::DEFAULT_COUNT)?;
//! let kek = pbes2::derive_kek(alg, b"correct horse", &params)?;
//! let cek = content::generate_cek(JweEncryption::A128GCM)?;
//! let wrapped = aes_kw::wrap(&kek, &cek)?;
//! let again = pbes2::derive_kek(alg, b"correct horse", &params)?;
//! assert_eq!(aes_kw::unwrap(&again, &wrapped, 16)?, cek);
//! # Ok::<(), jose_jwe::Error>(())
//! ```

use jose_b64::SecretBytes;
use jose_b64::base64url;
use jose_b64::serde_json::Value;
use jose_jwk::alg::JweAlgorithm;
use jose_jwk::header::JoseHeader;
use sha2::{Sha256, Sha384, Sha512};

use crate::Error;
use crate::error::header_error;

/// The smallest `p2c` accepted (RFC 7518 §4.8.1.2 recommends at least 1000).
pub const MIN_COUNT: u32 = 1000;

/// The largest `p2c` a [`crate::Decrypter`] accepts unless configured otherwise, as panva/jose,
/// erlang-jose and jwx chose (RFC 7518 §4.8.1.2).
pub const DEFAULT_MAX_COUNT: u32 = 10_000;

/// The largest cap that can be configured (the RFC 8725bis draft's 1,200,000).
pub const MAX_COUNT_LIMIT: u32 = 1_200_000;

/// The `p2c` written when encrypting, unless the key sets another one.
pub const DEFAULT_COUNT: u32 = 10_000;

/// The length of the random `p2s` made when encrypting.
pub const SALT_LEN: usize = 16;

/// The shortest `p2s` accepted (RFC 7518 §4.8.1.1: at least 8 octets).
pub const MIN_SALT_LEN: usize = 8;

/// Whether `alg` is one of the three PBES2 algorithms.
pub fn is_pbes2(alg: JweAlgorithm) -> bool {
    alg.is_pbes2()
}

/// The PBES2 header parameters: the salt input `p2s` (decoded) and the count `p2c`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    salt_input: Vec<u8>,
    count: u32,
}

impl Params {
    /// Fresh parameters for encrypting: a random 16-byte `p2s` and the given `p2c`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for a count outside [[`MIN_COUNT`], [`MAX_COUNT_LIMIT`]];
    /// [`Error::Rng`] if the random number generator fails.
    pub fn generate(count: u32) -> Result<Self, Error> {
        check_count_setting(count)?;
        let mut salt_input = vec![0u8; SALT_LEN];
        crate::random::fill(&mut salt_input)?;
        Ok(Self { salt_input, count })
    }

    /// Reads and checks `p2s` and `p2c` from a header, with `max_count` as the cap on `p2c`.
    /// Nothing is derived here: this runs before PBKDF2, so an excessive count costs nothing.
    ///
    /// # Errors
    ///
    /// [`Error::Header`] when `p2s` is missing, not a string, not base64url or shorter than 8
    /// bytes, or `p2c` is missing, not a non-negative JSON integer (`1.5`, `"1000"`, `-1`,
    /// `1e9` are refused), below [`MIN_COUNT`] or above `max_count`.
    pub fn from_header(header: &JoseHeader<'_>, max_count: u32) -> Result<Self, Error> {
        let salt_input = match header.get_str("p2s").map_err(Error::Header)? {
            Some((text, _)) => base64url::decode(text)
                .map_err(|_| header_error("p2s", "is not base64url (RFC 7518 §4.8.1.1)"))?,
            None => {
                return Err(header_error(
                    "p2s",
                    "is required for PBES2 (RFC 7518 §4.8.1.1)",
                ));
            }
        };
        if salt_input.len() < MIN_SALT_LEN {
            return Err(header_error(
                "p2s",
                &format!(
                    "must be at least {MIN_SALT_LEN} bytes (RFC 7518 §4.8.1.1), got {}",
                    salt_input.len()
                ),
            ));
        }
        let count = match header.get("p2c") {
            Some((Value::Number(n), _)) => n.as_u64().ok_or_else(|| {
                header_error("p2c", "must be a non-negative integer (RFC 7518 §4.8.1.2)")
            })?,
            Some(_) => {
                return Err(header_error(
                    "p2c",
                    "must be a JSON integer (RFC 7518 §4.8.1.2)",
                ));
            }
            None => {
                return Err(header_error(
                    "p2c",
                    "is required for PBES2 (RFC 7518 §4.8.1.2)",
                ));
            }
        };
        if count < u64::from(MIN_COUNT) || count > u64::from(max_count) {
            return Err(header_error(
                "p2c",
                &format!("must be between {MIN_COUNT} and {max_count}, got {count}"),
            ));
        }
        let count = u32::try_from(count)
            .map_err(|_| header_error("p2c", &format!("is too large ({count})")))?;
        Ok(Self { salt_input, count })
    }

    /// The decoded `p2s`.
    pub fn salt_input(&self) -> &[u8] {
        &self.salt_input
    }

    /// The iteration count `p2c`.
    pub fn count(&self) -> u32 {
        self.count
    }

    /// `p2s` and `p2c` as header members.
    pub(crate) fn header_members(&self) -> [(&'static str, Value); 2] {
        [
            ("p2s", Value::String(base64url::encode(&self.salt_input))),
            ("p2c", Value::from(self.count)),
        ]
    }
}

/// Checks a configured count (an encrypting `p2c` or a decrypting cap).
pub(crate) fn check_count_setting(count: u32) -> Result<(), Error> {
    if (MIN_COUNT..=MAX_COUNT_LIMIT).contains(&count) {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "a PBES2 count must be between {MIN_COUNT} and {MAX_COUNT_LIMIT}, got {count}"
        )))
    }
}

/// Derives the AES Key Wrap key of `alg` from `password` and `params` with PBKDF2
/// (RFC 7518 §4.8.1.1): 16, 24 or 32 bytes for HS256, HS384, HS512.
///
/// # Errors
///
/// [`Error::Invalid`] if `alg` is not a PBES2 algorithm or the count is below [`MIN_COUNT`].
pub fn derive_kek(
    alg: JweAlgorithm,
    password: &[u8],
    params: &Params,
) -> Result<SecretBytes, Error> {
    if params.count < MIN_COUNT {
        return Err(Error::invalid("the PBES2 count is below 1000"));
    }
    let len = match alg.wrap_key_len() {
        Some(len) if alg.is_pbes2() => len,
        _ => return Err(Error::invalid(format!("{alg} is not a PBES2 algorithm"))),
    };
    let name = alg.as_str().as_bytes();
    let mut salt = Vec::with_capacity(name.len() + 1 + params.salt_input.len());
    salt.extend_from_slice(name);
    salt.push(0);
    salt.extend_from_slice(&params.salt_input);
    let mut kek = SecretBytes::zeroed(len);
    let out = kek.expose_secret_mut();
    match alg {
        JweAlgorithm::PBES2_HS256_A128KW => {
            pbkdf2::pbkdf2_hmac::<Sha256>(password, &salt, params.count, out);
        }
        JweAlgorithm::PBES2_HS384_A192KW => {
            pbkdf2::pbkdf2_hmac::<Sha384>(password, &salt, params.count, out);
        }
        _ => pbkdf2::pbkdf2_hmac::<Sha512>(password, &salt, params.count, out),
    }
    Ok(kek)
}

#[cfg(test)]
mod tests;
