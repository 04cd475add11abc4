//! # jose-jwe
//!
//! JSON Web Encryption (RFC 7516) with the algorithms of RFC 7518 and RFC 8037, on the
//! RustCrypto crates: the compact and JSON serializations, every key management and content
//! encryption algorithm, explicit allow-lists when decrypting.
//!
//! ## Encrypt to a recipient's public key
//!
//! The recipient publishes a public key; anyone with it can encrypt, only the recipient can
//! decrypt. `ECDH-ES` (here on P-256, or X25519) or `RSA-OAEP-256` manage the key, `A256GCM`
//! encrypts the content:
//!
//! ```
//! use jose_jwe::{compact, Decrypter, DecryptingKey, EncryptingKey, Header, JweAlgorithm,
//!     JweEncryption};
//! use jose_jwk::{EcCurve, Jwk, KeySpec};
//!
//! // The recipient's key pair; the sender has only the public JWK.
//! let private = Jwk::generate(KeySpec::Ec(EcCurve::P256))?.with_kid("2026-05");
//! let public = private.to_public()?;
//!
//! let key = EncryptingKey::from_jwk(&public, JweAlgorithm::ECDH_ES)?;
//! let token = compact::encrypt(&key, JweEncryption::A256GCM, &Header::new(), b"the plaintext")?;
//!
//! // The recipient allows exactly what it expects, and gives its own key.
//! let decrypter = Decrypter::new([JweAlgorithm::ECDH_ES], [JweEncryption::A256GCM])?;
//! let key = DecryptingKey::from_jwk(&private, JweAlgorithm::ECDH_ES)?;
//! let decrypted = decrypter.decrypt_compact(&token, &key)?;
//! assert_eq!(decrypted.plaintext(), b"the plaintext");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! With RSA keys (from a JWK, or [`EncryptingKey::from_pem`] /
//! [`DecryptingKey::from_pem`]), the same calls take [`JweAlgorithm::RSA_OAEP_256`]. RSA
//! private-key operations are not constant time (RUSTSEC-2023-0071): prefer ECDH-ES.
//!
//! ## Decrypt with an explicit allow-list and a JWK Set
//!
//! [`Decrypter::new`] takes the `alg` and `enc` values it accepts, never implied by the token;
//! the key comes from a [`DecryptingKeyResolver`] — one key, a list, a [`DecryptingKeySet`]
//! from a JWK Set (chosen by `kid`) or from one JWK for several algorithms
//! ([`DecryptingKeySet::from_jwk`]), or a closure — never from the token itself.
//!
//! ```
//! use jose_jwe::{compact, Decrypter, DecryptingKeySet, EncryptingKey, Header, JweAlgorithm,
//!     JweEncryption};
//! use jose_jwk::{EcCurve, Jwk, JwkSet, KeySpec};
//!
//! let old = Jwk::generate(KeySpec::Ec(EcCurve::P256))?.with_kid("2026-04");
//! let current = Jwk::generate(KeySpec::Ec(EcCurve::P256))?.with_kid("2026-05");
//! let sender = EncryptingKey::from_jwk(&current.to_public()?, JweAlgorithm::ECDH_ES_A256KW)?;
//! let token = compact::encrypt(&sender, JweEncryption::A256GCM, &Header::new(), b"hello")?;
//!
//! let keys = DecryptingKeySet::from_jwks(
//!     &JwkSet::from_keys(vec![old, current])?,
//!     &[JweAlgorithm::ECDH_ES_A256KW],
//! )?;
//! let decrypter = Decrypter::new([JweAlgorithm::ECDH_ES_A256KW], [JweEncryption::A256GCM])?;
//! assert_eq!(decrypter.decrypt_compact(&token, &keys)?.plaintext(), b"hello");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Encrypt with a shared key
//!
//! When both sides hold one secret: `A256KW` or `A256GCMKW` wrap a fresh content key with it,
//! `dir` uses it as the content key.
//!
//! ```
//! use jose_jwe::{compact, Decrypter, EncryptingKey, Header, JweAlgorithm, JweEncryption};
//!
//! let key = EncryptingKey::symmetric(&[7u8; 32], JweAlgorithm::A256KW)?.with_kid("k1");
//! let token = compact::encrypt(&key, JweEncryption::A256GCM, &Header::new().typ("JOSE"), b"hello")?;
//!
//! let decrypter = Decrypter::new([JweAlgorithm::A256KW], [JweEncryption::A256GCM])?;
//! let decrypted = decrypter.decrypt_compact(&token, &key.to_decrypting_key())?;
//! assert_eq!(decrypted.plaintext(), b"hello");
//! # Ok::<(), jose_jwe::Error>(())
//! ```
//!
//! A password instead of a key: [`EncryptingKey::password`] with `PBES2-HS512+A256KW`.
//! Several recipients, unprotected headers and a JWE AAD: the JSON serializations of
//! [`json`] ([`json::Encryptor`], [`Decrypter::decrypt_json`]). JWTs: the `jose-jwt` crate.
//!
//! ## What is where
//!
//! - [`compact`]: the JWE Compact Serialization (RFC 7516 §7.1), [`compact::encrypt`] and
//!   [`compact::UnverifiedCompactJwe`] to look at a header before decrypting.
//! - [`json`]: the general and flattened JWE JSON Serializations (RFC 7516 §7.2).
//! - [`EncryptingKey`] / [`DecryptingKey`]: `oct`, RSA, EC, X25519 or password keys, each
//!   bound to one [`JweAlgorithm`] when it is made and checked against the JWA table.
//! - [`Decrypter`]: allow-lists, size [`Limits`]; the plaintext is only reachable from a
//!   [`DecryptedJwe`].
//! - [`Header`]: the parameters of a JWE being produced (`typ`, `cty`, `kid`, `apu`, `apv`,
//!   custom), and `Header::deflate` for `"zip":"DEF"` (RFC 7516 §4.1.3, RFC 7518 §7.3),
//!   inflated on decryption after the tag verified, up to a cap
//!   ([`Decrypter::with_max_decompressed_len`], default 250 000 bytes).
//! - [`hazmat`]: the raw content encryption and key wrapping primitives, for those who
//!   assemble a JWE themselves.
//! - [`Error`]: one error type with stable [`Error::code`]s.
//!
//! ## Cargo features
//!
//! - `deflate` (default): `"zip":"DEF"` on both sides; without it every `zip` is refused with
//!   [`Error::Unsupported`]. Adds `miniz_oxide`.
//! - `rsa1_5` (off): the key management algorithm `RSA1_5` (RSAES-PKCS1-v1_5). Without it,
//!   keys for `RSA1_5` cannot be made and [`Decrypter::new`] refuses it with an
//!   [`Error::Unsupported`] that names the feature; with it, [`Decrypter::new`] still refuses
//!   it and `Decrypter::new_allowing_rsa1_5` must be used. RFC 8725 §3.2 says to avoid
//!   RSA1_5; see `hazmat::keywrap::rsa1_5` about Bleichenbacher's attack and
//!   RUSTSEC-2023-0071.
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
//! - Decryption reads `enc`, `zip` and `crit` from the protected header only (`enc` may be
//!   unprotected in a JSON serialization with [`Decrypter::allow_unprotected_enc`]), and
//!   `alg` from the protected header of a compact JWE, or from any of the three disjoint
//!   headers of a JSON one (the allow-list and the key's bound algorithm decide what runs);
//!   rejects any `crit` (no JWE extension is understood) and any `zip` but `"DEF"` (or any
//!   `zip` without the feature `deflate`); requires a `kid` of at most 256 bytes, an empty
//!   JWE Encrypted Key for `dir` and `ECDH-ES`, `iv`/`tag` strings for `A*GCMKW`, and for
//!   `ECDH-ES*` an `epk` that is a valid
//!   public EC (P-256/384/521, on the curve, not the identity) or X25519 JWK without `d`; and
//!   a key bound to the header's `alg`. After those checks every failure is
//!   [`Error::DecryptionFailed`]: a key that does not unwrap (or a `dir` key of the wrong
//!   length, an `epk` on another curve than the key's, an all-zero X25519 shared secret) is
//!   replaced by a random CEK, so that the work done and the error are those of a wrong tag.
//! - The work a JWE can cause is bounded by a small multiple of one genuine decryption, by
//!   default ([`Limits`]): every header of a JSON serialization — protected, shared
//!   unprotected, per-recipient — is held to `max_header_len` and `max_header_depth`, its
//!   length checked before it is read; an `epk` is read from `kty`, `crv`, `x`, `y` only;
//!   a key with a `kid` is tried only on the recipients that name it or none; and before any
//!   key is used, a JSON serialization whose recipients to try would need more than
//!   `max_private_key_unwraps` (3) RSA or ECDH private-key operations, or more than
//!   `max_pbes2_iterations` (30 000) PBES2 iterations in total, is refused with
//!   [`Error::TooManyCandidateRecipients`].
//! - `RSA1_5` (feature `rsa1_5`, explicit opt-in): the random CEK is made before every RSA
//!   decryption and replaces, without a branch, whatever does not decrypt to a CEK of the
//!   right length, so that padding errors are no oracle (RFC 7516 §11.5, Bleichenbacher). The
//!   RSA private-key operation itself is not known to be constant time (RUSTSEC-2023-0071).
//! - `zip`: nothing is compressed unless the producer asks. A compressed plaintext is inflated
//!   only after the tag has verified, into buffers that grow up to the cap and never past it,
//!   so a DEFLATE bomb stops at the cap ([`Error::Decompression`]); every plaintext buffer,
//!   compressed or not, is zeroized when dropped.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod compact;
mod decrypted;
mod decrypter;
mod error;
pub mod hazmat;
mod header;
pub mod json;
mod key;
mod random;
mod recipient;
mod resolver;
#[cfg(test)]
mod test_util;
mod zip;

// The crate's own paths to the primitives, which live under `hazmat` for users.
use hazmat::{content, keywrap};

pub use decrypted::DecryptedJwe;
pub use decrypter::{Decrypter, Limits};
pub use error::Error;
pub use header::Header;
pub use jose_b64::SecretBytes;
pub use jose_jwk::alg::{JweAlgorithm, JweEncryption};
pub use jose_jwk::header::Location;
pub use key::{DecryptingKey, EncryptingKey};
pub use resolver::{DecryptingKeyRequest, DecryptingKeyResolver, DecryptingKeySet};
