//! The AES-based key-wrapping primitives of JWE key management.
//!
//! - [`aes_kw`]: `A128KW`, `A192KW`, `A256KW`, AES Key Wrap with the default initial value
//!   (RFC 7518 §4.4, RFC 3394).
//! - [`aes_gcm_kw`]: `A128GCMKW`, `A192GCMKW`, `A256GCMKW`, the CEK encrypted with AES-GCM under
//!   a 96-bit IV and a 128-bit tag that travel in the `iv` and `tag` header parameters
//!   (RFC 7518 §4.7).
//! - [`rsa_oaep`]: `RSA-OAEP`, `RSA-OAEP-256`, `RSA-OAEP-384`, `RSA-OAEP-512`, the CEK encrypted
//!   to an RSA public key (RFC 7518 §4.3; see RUSTSEC-2023-0071 there).
//! - `rsa1_5` (cargo feature `rsa1_5`, off by default): `RSA1_5`, the CEK encrypted with
//!   RSAES-PKCS1-v1_5 (RFC 7518 §4.2), a legacy algorithm; a failed unwrapping gives a random
//!   CEK (RFC 7516 §11.5; see the Bleichenbacher and RUSTSEC-2023-0071 notes there).
//! - [`pbes2`]: `PBES2-HS256+A128KW`, `PBES2-HS384+A192KW`, `PBES2-HS512+A256KW`, AES Key Wrap
//!   under a key derived from a password with PBKDF2 (RFC 7518 §4.8).
//! - [`ecdh_es`]: `ECDH-ES` (the CEK derived by key agreement) and `ECDH-ES+A128KW`,
//!   `ECDH-ES+A192KW`, `ECDH-ES+A256KW` (the derived key wraps the CEK with AES Key Wrap), on
//!   P-256, P-384, P-521 and X25519, with the Concat KDF (RFC 7518 §4.6, RFC 8037 §3.2).
//!
//! The KEK's length picks the variant (16, 24 or 32 bytes); the JWE layer checks that it
//! matches the header's `alg`. Unwrapping takes the CEK length that the `enc` algorithm
//! requires ([`JweEncryption::key_len`](crate::content::JweEncryption::key_len)) and checks
//! every length against it before any primitive runs (RFC 7518 §4.4, §4.7). Every unwrapping
//! failure is the one [`Error::DecryptionFailed`](crate::Error::DecryptionFailed), the same
//! error as a failed content decryption; so is every ECDH-ES agreement failure on the
//! recipient's side (an `epk` on another curve than the key, an all-zero X25519 secret).
//!
//! ```
//! use jose_jwe::hazmat::content::{self, JweEncryption};
//! use jose_jwe::hazmat::keywrap::{aes_gcm_kw, aes_kw};
//! use jose_b64::SecretBytes;
//!
//! let enc = JweEncryption::A128CBC_HS256;
//! let cek = content::generate_cek(enc)?;
//!
//! let kek = SecretBytes::from_base64url("GZy6sIZ6wl9NJOKB-jnmVQ").unwrap(); // RFC 7520 §5.8
//! let encrypted_key = aes_kw::wrap(&kek, &cek)?;
//! assert_eq!(encrypted_key.len(), enc.key_len() + 8);
//! assert_eq!(aes_kw::unwrap(&kek, &encrypted_key, enc.key_len())?, cek);
//!
//! let (encrypted_key, iv, tag) = aes_gcm_kw::wrap(&kek, &cek)?;
//! assert_eq!(aes_gcm_kw::unwrap(&kek, &encrypted_key, &iv, &tag, enc.key_len())?, cek);
//! assert!(aes_gcm_kw::unwrap(&kek, &encrypted_key, &iv[..8], &tag, enc.key_len()).is_err());
//! # Ok::<(), jose_jwe::Error>(())
//! ```

pub mod aes_gcm_kw;
pub mod aes_kw;
pub mod ecdh_es;
pub(crate) mod key_encryption;
pub mod pbes2;
#[cfg(feature = "rsa1_5")]
pub mod rsa1_5;
pub mod rsa_oaep;
