//! The JWS JSON Serializations (RFC 7515 §7.2): general (several signatures) and flattened
//! (one signature), with detached (RFC 7515 App. F) and unencoded (RFC 7797 §5.1, §5.3)
//! payloads.
//!
//! - Producing: [`sign_flattened`], [`sign_flattened_detached`] and, for several signatures or
//!   exact control over the headers, [`Signer`].
//! - Consuming: [`Verifier::verify_flattened`](crate::Verifier::verify_flattened) for the
//!   flattened syntax (one signature), [`Verifier::verify_json`](crate::Verifier::verify_json)
//!   and [`Verifier::verify_json_detached`](crate::Verifier::verify_json_detached) for either
//!   syntax, or [`UnverifiedJsonJws`] to look at a JWS before verifying it. Which of several
//!   signatures must verify is the caller's [`SignaturePolicy`] (RFC 7515 §5.2 leaves it to
//!   the application); at least one always must. Each takes the text or an already-parsed
//!   `serde_json::Value` ([`JsonInput`]).
//!
//! The syntax is told by its members (`signatures` or `signature`), never by looking for dots,
//! so a JSON serialization can never be taken for a compact one (RFC 7515 §7.2). The input
//! is strict JSON (no duplicate member names at any depth, bounded size and depth), every
//! signature's protected header is kept exactly as received for the signing input (never
//! re-serialized), and the verified result carries the headers of the signature that
//! verified, and of no other.
//!
//! ```
//! use jose_jws::{json, Header, JwsAlgorithm, SignaturePolicy, SigningKey, Verifier};
//!
//! let key = SigningKey::hmac(&[42u8; 32], JwsAlgorithm::HS256)?.with_kid("k1");
//! let jws = json::sign_flattened(&key, &Header::new().typ("example"), None, b"hello")?;
//! assert!(jws.starts_with(r#"{"payload":"aGVsbG8","protected":"#));
//!
//! let verifier = Verifier::new([JwsAlgorithm::HS256])?;
//! let verified = verifier.verify_json(&jws, key.verifying_key(), &SignaturePolicy::AnyOne)?;
//! assert_eq!(verified.payload(), b"hello");
//! assert_eq!(verified.kid(), Some("k1"));
//! # Ok::<(), jose_jws::Error>(())
//! ```

mod input;
mod parse;
mod policy;
mod sign;
mod verify;

pub use input::JsonInput;
pub use parse::UnverifiedJsonJws;
pub use policy::SignaturePolicy;
pub use sign::{Signer, sign_flattened, sign_flattened_detached};

#[cfg(test)]
mod tests;
