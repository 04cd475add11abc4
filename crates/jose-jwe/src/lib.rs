//! # jose-jwe
//!
//! JSON Web Encryption (RFC 7516) for jose-rs, built on the RustCrypto AES, HMAC and SHA-2
//! crates.
//!
//! ## What exists now
//!
//! This first increment holds the cryptographic core that the JWE serializations will be
//! built on:
//!
//! - [`content`]: the content encryption algorithms of RFC 7518 §5 — `A128CBC-HS256`,
//!   `A192CBC-HS384`, `A256CBC-HS512` (§5.2) and `A128GCM`, `A192GCM`, `A256GCM` (§5.3) — with
//!   [`content::encrypt`], [`content::decrypt`], and fresh random CEKs and IVs from
//!   [`content::generate_cek`] and [`content::generate_iv`].
//! - [`keywrap`]: the AES-based key wrapping of RFC 7518 §4.4 ([`keywrap::aes_kw`]: `A128KW`,
//!   `A192KW`, `A256KW`) and §4.7 ([`keywrap::aes_gcm_kw`]: `A128GCMKW`, `A192GCMKW`,
//!   `A256GCMKW`).
//! - [`Error`]: one error type with stable [`Error::code`]s.
//!
//! ## What comes next
//!
//! The JWE Compact and JSON Serializations (RFC 7516 §7), headers and `crit`, the
//! encrypter/decrypter types with explicit allow-lists for `alg` and `enc` and keys bound to
//! one algorithm, and the other key management algorithms (`dir`, ECDH-ES, RSA-OAEP, PBES2).
//! Until then this crate is the layer those will call; it does not parse JWEs.
//!
//! ## Safety properties
//!
//! - Every length (CEK, KEK, IV, tag, ciphertext, encrypted key) is checked against the
//!   algorithm before a primitive is constructed; no input can panic.
//! - `A*CBC-HS*`: the full HMAC is computed and its first T_LEN bytes compared with the tag in
//!   constant time before anything is decrypted; AL uses checked 64-bit arithmetic.
//! - Every decryption or unwrapping failure is the single [`Error::DecryptionFailed`], whose
//!   message never says which step failed; no plaintext is released, or left in memory that
//!   is not zeroized, when the tag does not verify.
//! - CEKs and IVs come from the operating system's generator; a failing generator is an
//!   error, never a panic.
//!
//! ```
//! use jose_jwe::content::{self, JweEncryption};
//! use jose_jwe::keywrap::aes_kw;
//! use jose_b64::SecretBytes;
//!
//! // What a producer of an `{"alg":"A256KW","enc":"A128CBC-HS256"}` JWE does.
//! let kek = SecretBytes::new(vec![7; 32]);
//! let enc = JweEncryption::A128CbcHs256;
//! let cek = content::generate_cek(enc)?;
//! let encrypted_key = aes_kw::wrap(&kek, &cek)?;
//! let iv = content::generate_iv(enc)?;
//! let aad = b"eyJhbGciOiJBMjU2S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0";
//! let (ciphertext, tag) = content::encrypt(enc, &cek, &iv, aad, b"hello")?;
//!
//! // And its recipient.
//! let cek = aes_kw::unwrap(&kek, &encrypted_key, enc.key_len())?;
//! let plaintext = content::decrypt(enc, &cek, &iv, aad, &ciphertext, &tag)?;
//! assert_eq!(plaintext.as_slice(), b"hello");
//! # Ok::<(), jose_jwe::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod content;
mod error;
pub mod keywrap;
mod random;
#[cfg(test)]
mod test_util;

pub use error::Error;
pub use jose_b64::SecretBytes;
pub use jose_jwk::alg::JweEncryption;
