//! The JWE JSON Serializations (RFC 7516 §7.2): general (several recipients) and flattened
//! (one recipient).
//!
//! - Producing: [`encrypt_flattened`] and, for several recipients, unprotected headers or a
//!   JWE AAD, [`Encryptor`].
//! - Consuming: [`Decrypter::decrypt_json`](crate::Decrypter::decrypt_json), or
//!   [`UnverifiedJsonJwe`] to look at a JWE before decrypting it. The recipient is the first
//!   one, in order, whose key the [`DecryptingKeyResolver`](crate::DecryptingKeyResolver) finds and whose CEK
//!   decrypts the content; the result names it
//!   ([`DecryptedJwe::recipient_index`](crate::DecryptedJwe::recipient_index)) and carries its
//!   headers only.
//!
//! The syntax is told by its members (`recipients` or not), never by looking for dots, so a
//! JSON serialization can never be taken for a compact one (RFC 7516 §7.2). The input is
//! strict JSON (no duplicate member names at any depth, bounded size and depth, at most
//! [`Limits::max_recipients`](crate::Limits::max_recipients) recipients); the protected header
//! and the `aad` are kept exactly as received for the AAD (never re-serialized); the three
//! headers of a recipient must be disjoint, and `enc`, `zip` and `crit` must be protected
//! (`enc` unprotected only with
//! [`Decrypter::allow_unprotected_enc`](crate::Decrypter::allow_unprotected_enc)).
//!
//! ```
//! use jose_jwe::{json, Decrypter, EncryptingKey, Header, JweAlgorithm, JweEncryption};
//!
//! let key = EncryptingKey::symmetric(&[42u8; 16], JweAlgorithm::A128KW)?.with_kid("k1");
//! let jwe = json::Encryptor::new(JweEncryption::A128CBC_HS256)
//!     .unprotected(Header::new().param("jku", "https://server.example.com/keys.jwks")?)
//!     .recipient(&key, Header::new())
//!     .encrypt_flattened(b"hello")?;
//! assert!(jwe.contains(r#""unprotected":{"jku":"https://server.example.com/keys.jwks"}"#));
//!
//! let decrypter = Decrypter::new([JweAlgorithm::A128KW], [JweEncryption::A128CBC_HS256])?;
//! let decrypted = decrypter.decrypt_json(&jwe, &key.to_decrypting_key())?;
//! assert_eq!(decrypted.plaintext(), b"hello");
//! assert_eq!(decrypted.kid(), Some("k1"));
//! # Ok::<(), jose_jwe::Error>(())
//! ```

mod decrypt;
mod encrypt;
mod members;
mod parse;

pub use encrypt::{Encryptor, encrypt_flattened};
pub use parse::UnverifiedJsonJwe;

#[cfg(test)]
mod reject_tests;
#[cfg(test)]
mod tests;
