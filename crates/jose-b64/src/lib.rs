//! # jose-b64
//!
//! The lowest layer of jose-rs: the encodings every JOSE structure is made of. Most users
//! reach it through `jose-jws`, `jose-jwe` or `jose-jwt`.
//!
//! ## Encode and decode base64url
//!
//! Strict, unpadded, canonical base64url (RFC 7515 §2 and App. C), constant time for secret
//! values (it is built on [`base64ct`]):
//!
//! ```
//! use jose_b64::base64url;
//!
//! assert_eq!(base64url::encode([3, 236, 255, 224, 193]), "A-z_4ME");
//! assert_eq!(base64url::decode("A-z_4ME")?, [3, 236, 255, 224, 193]);
//! assert!(base64url::decode("A-z_4MF").is_err()); // non-canonical trailing bits
//! # Ok::<(), jose_b64::Error>(())
//! ```
//!
//! ## Read JOSE JSON strictly
//!
//! [`json`] rejects duplicate member names at any depth, bounds nesting depth and size, and
//! insists on an object where JOSE requires one; [`Base64UrlJson`] keeps the exact encoded
//! text a value was read from (signatures and AEAD tags are computed over those bytes):
//!
//! ```
//! use jose_b64::{json, Base64UrlJson};
//!
//! // `{"alg":"HS256","alg":"none"}` must never be read as either value.
//! assert!(json::parse_object_map(br#"{"alg":"HS256","alg":"none"}"#).is_err());
//!
//! let header: Base64UrlJson<serde_json::Value> = Base64UrlJson::decode("eyJhbGciOiJIUzI1NiJ9")?;
//! assert_eq!(header.value()["alg"], "HS256");
//! assert_eq!(header.encoded(), "eyJhbGciOiJIUzI1NiJ9");
//! # Ok::<(), jose_b64::Error>(())
//! ```
//!
//! ## Hold secrets
//!
//! [`SecretBytes`]: key material that zeroizes on drop, compares in constant time and prints
//! as `[redacted]`:
//!
//! ```
//! use jose_b64::SecretBytes;
//!
//! let secret = SecretBytes::new(b"a secret".to_vec());
//! assert_eq!(format!("{secret:?}"), "[redacted]");
//! ```
//!
//! [`serde_base64url`] has serde helpers for base64url byte fields.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod base64url;
mod code;
mod encoded_json;
mod error;
pub mod json;
mod secret;
pub mod serde_base64url;

pub use code::{ErrorCode, codes};
pub use encoded_json::Base64UrlJson;
pub use error::{Base64UrlProblem, Error, JsonKind};
pub use json::JsonLimits;
pub use secret::SecretBytes;

/// Makes untrusted text safe to put in an error message or a log line: control characters,
/// quotes and backslashes are escaped (`\n`, `\u{1b}`, `\"`), and the text is cut to 64
/// characters with `…` after it.
///
/// ```
/// assert_eq!(jose_b64::printable("x\n[ERROR] forged"), "x\\n[ERROR] forged");
/// assert_eq!(jose_b64::printable(&"a".repeat(100)).chars().count(), 65);
/// ```
pub fn printable(text: &str) -> String {
    const MAX: usize = 64;
    let mut out: String = text
        .chars()
        .take(MAX)
        .flat_map(char::escape_debug)
        .collect();
    if text.chars().nth(MAX).is_some() {
        out.push('…');
    }
    out
}

/// Re-exported so that downstream crates name one version of `serde_json`.
pub use serde_json;
