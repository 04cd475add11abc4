//! # jose-jwe
//!
//! JSON Web Encryption (RFC 7516) for jose-rs, built on the RustCrypto AES, HMAC and SHA-2
//! crates.
//!
//! ## What exists now
//!
//! - [`compact`]: the JWE Compact Serialization (RFC 7516 §7.1) — [`compact::encrypt`] and
//!   [`Decrypter::decrypt_compact`] (or [`compact::UnverifiedCompactJwe`] to parse first) —
//!   with the key management algorithms `dir`, `A128KW`, `A192KW`, `A256KW`, `A128GCMKW`,
//!   `A192GCMKW`, `A256GCMKW`, `RSA-OAEP`, `RSA-OAEP-256`, `RSA-OAEP-384`, `RSA-OAEP-512`,
//!   `PBES2-HS256+A128KW`, `PBES2-HS384+A192KW`, `PBES2-HS512+A256KW`, `ECDH-ES`,
//!   `ECDH-ES+A128KW`, `ECDH-ES+A192KW`, `ECDH-ES+A256KW` (P-256, P-384, P-521, X25519), and
//!   every `enc`; and the legacy `RSA1_5` with the cargo feature `rsa1_5` (off by default),
//!   which a decrypter accepts only when made with `Decrypter::new_allowing_rsa1_5`.
//! - [`json`]: the general and flattened JWE JSON Serializations (RFC 7516 §7.2), with the
//!   same algorithms — [`json::Encryptor`] (several recipients, protected, shared unprotected
//!   and per-recipient headers, a JWE AAD) or [`json::encrypt_flattened`], and
//!   [`Decrypter::decrypt_json`] (or [`json::UnverifiedJsonJwe`]), which finds the recipient
//!   whose key the resolver knows and reports it ([`DecryptedJwe::recipient_index`]).
//! - [`EncryptingKey`] / [`DecryptingKey`]: `oct`, RSA, EC, X25519 or password keys bound to
//!   one [`JweAlgorithm`] when they are made (from a JWK, checked with the JWA table, from
//!   secret bytes, from a password, or from a RustCrypto EC or X25519 key). RSA private-key
//!   operations are not constant time (RUSTSEC-2023-0071); prefer ECDH-ES.
//! - [`Decrypter`]: explicit allow-lists for `alg` and `enc`, size [`Limits`]; the key comes
//!   from a [`DecryptingKeyResolver`] (one key, a list, a [`DecryptingKeySet`] from a JWK Set, a
//!   closure), never from the token. The plaintext is only reachable from a [`DecryptedJwe`].
//! - [`Header`]: the parameters of a JWE being produced (`typ`, `cty`, `kid`, `apu`, `apv`,
//!   custom), and `Header::deflate` for `"zip":"DEF"` (RFC 7516 §4.1.3, RFC 7518 §7.3): the
//!   plaintext is compressed with raw DEFLATE (RFC 1951) only when asked. Decrypting inflates
//!   it after the tag has verified, up to a cap ([`Decrypter::with_max_decompressed_len`],
//!   default 250 000 bytes). Cargo feature `deflate`, on by default.
//! - [`content`]: the content encryption algorithms of RFC 7518 §5 — `A128CBC-HS256`,
//!   `A192CBC-HS384`, `A256CBC-HS512` (§5.2) and `A128GCM`, `A192GCM`, `A256GCM` (§5.3) — with
//!   [`content::encrypt`], [`content::decrypt`], and fresh random CEKs and IVs from
//!   [`content::generate_cek`] and [`content::generate_iv`].
//! - [`keywrap`]: the AES-based key wrapping of RFC 7518 §4.4 ([`keywrap::aes_kw`]: `A128KW`,
//!   `A192KW`, `A256KW`) and §4.7 ([`keywrap::aes_gcm_kw`]: `A128GCMKW`, `A192GCMKW`,
//!   `A256GCMKW`), RSA-OAEP (§4.3, [`keywrap::rsa_oaep`]), PBES2 (§4.8,
//!   [`keywrap::pbes2`], with `p2c` capped at 10 000 by default), ECDH-ES with the Concat
//!   KDF (§4.6, RFC 8037 §3.2, [`keywrap::ecdh_es`]), and with the feature `rsa1_5`,
//!   RSAES-PKCS1-v1_5 (§4.2, `keywrap::rsa1_5`).
//! - [`Error`]: one error type with stable [`Error::code`]s.
//!
//! ```
//! use jose_jwe::{compact, Decrypter, EncryptingKey, Header, JweAlgorithm, JweEncryption};
//!
//! let key = EncryptingKey::symmetric(&[7u8; 32], JweAlgorithm::A256GCMKW)?.with_kid("k1");
//! let token = compact::encrypt(&key, JweEncryption::A256GCM, &Header::new(), b"hello")?;
//!
//! let decrypter = Decrypter::new([JweAlgorithm::A256GCMKW], [JweEncryption::A256GCM])?;
//! let decrypted = decrypter.decrypt_compact(&token, &key.to_decrypting_key())?;
//! assert_eq!(decrypted.plaintext(), b"hello");
//! # Ok::<(), jose_jwe::Error>(())
//! ```
//!
//! ## Cargo features
//!
//! - `deflate` (default): `"zip":"DEF"` on both sides; without it every `zip` is refused with
//!   [`Error::Unsupported`]. Adds `miniz_oxide`.
//! - `rsa1_5` (off): the key management algorithm `RSA1_5` (RSAES-PKCS1-v1_5). Without it,
//!   keys for `RSA1_5` cannot be made and [`Decrypter::new`] refuses it with an
//!   [`Error::Unsupported`] that names the feature; with it, [`Decrypter::new`] still refuses
//!   it and `Decrypter::new_allowing_rsa1_5` must be used. RFC 8725 §3.2 says to avoid
//!   RSA1_5; see `keywrap::rsa1_5` about Bleichenbacher's attack and RUSTSEC-2023-0071.
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
//!
//! ```
//! use jose_jwe::content::{self, JweEncryption};
//! use jose_jwe::keywrap::aes_kw;
//! use jose_b64::SecretBytes;
//!
//! // What a producer of an `{"alg":"A256KW","enc":"A128CBC-HS256"}` JWE does.
//! let kek = SecretBytes::new(vec![7; 32]);
//! let enc = JweEncryption::A128CBC_HS256;
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

pub mod compact;
pub mod content;
mod decrypted;
mod decrypter;
mod error;
mod header;
pub mod json;
mod key;
pub mod keywrap;
mod random;
mod recipient;
mod resolver;
#[cfg(test)]
mod test_util;
mod zip;

pub use decrypted::DecryptedJwe;
pub use decrypter::{Decrypter, Limits};
pub use error::Error;
pub use header::Header;
pub use jose_b64::SecretBytes;
pub use jose_jwk::alg::{JweAlgorithm, JweEncryption};
pub use jose_jwk::header::Location;
pub use key::{DecryptingKey, EncryptingKey};
pub use resolver::{DecryptingKeyRequest, DecryptingKeyResolver, DecryptingKeySet};
