//! Hazardous materials: the raw primitives under JWE, for those who assemble a JWE
//! themselves.
//!
//! As in RustCrypto's `signature::hazmat`, these functions are sharp: they take the content
//! encryption key, the IV and the additional authenticated data as the caller gives them,
//! and check lengths only. Nothing here makes a JWE, checks an allow-list, a header or a
//! key's bound algorithm, or keeps a CEK or an IV from being reused, which with AES-GCM loses
//! both confidentiality and authenticity. Use [`crate::compact`], [`crate::json`] and
//! [`crate::Decrypter`] unless you are implementing a JWE layer or checking one against test
//! vectors.
//!
//! - [`content`]: the content encryption algorithms of RFC 7518 §5 (`A*CBC-HS*`, `A*GCM`),
//!   fresh random CEKs and IVs.
//! - [`keywrap`]: the key management algorithms of RFC 7518 §4 (AES Key Wrap, AES-GCM key
//!   wrap, RSA-OAEP, PBES2, ECDH-ES with the Concat KDF, and RSA1_5 with the feature
//!   `rsa1_5`).
//!
//! ```
//! use jose_b64::SecretBytes;
//! use jose_jwe::hazmat::content::{self, JweEncryption};
//! use jose_jwe::hazmat::keywrap::aes_kw;
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

pub mod content;
pub mod keywrap;
