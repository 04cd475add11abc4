//! # jose-jwk
//!
//! JSON Web Keys for jose-rs:
//!
//! - [`Jwk`] and [`JwkSet`] (RFC 7517): every key validated on import, unknown members kept,
//!   private members never leaked by [`Jwk::to_public`] or `Debug`. A JWK Set skips the keys
//!   that fail validation and reports them ([`JwkSet::skipped`]); [`JwkSetReader`] caps the
//!   number of keys and offers an all-or-nothing mode.
//! - Key types `RSA`, `EC` (P-256, P-384, P-521, secp256k1), `oct` and `OKP` (Ed25519,
//!   X25519), with conversions to and from the RustCrypto key types.
//! - PEM and DER import and export (SPKI, PKCS#8, PKCS#1, SEC1) and key generation.
//! - Thumbprints (RFC 7638) and thumbprint URIs (RFC 9278).
//! - [`alg`]: the JWA algorithm table, and the check "may this key be used for this algorithm
//!   and this operation" that every signing and encryption key goes through.
//!
//! ```
//! use jose_jwk::{Jwk, ThumbprintHash};
//!
//! // RFC 7638 §3.1
//! let jwk = Jwk::from_json(r#"{"kty":"RSA","e":"AQAB","alg":"RS256","kid":"2011-04-29",
//!   "n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"}"#)?;
//! assert_eq!(jwk.thumbprint(ThumbprintHash::Sha256), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
//! # Ok::<(), jose_jwk::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod alg;
mod convert;
mod error;
mod generate;
pub mod header;
mod jwk;
mod key;
mod members;
mod params;
mod pem;
mod policy;
pub mod selection;
mod set;
mod skipped;
mod thumbprint;

pub use error::Error;
pub use generate::KeySpec;
pub use jwk::Jwk;
pub use key::ec::JwkCurve;
pub use key::{EcCurve, EcKey, Key, KeyType, OctKey, OkpCurve, OkpKey, RsaKey, RsaPrivateParams};
pub use params::{KeyOperation, KeyUse, MAX_KEY_OPS};
pub use policy::KeyPolicy;
pub use set::{JwkSet, JwkSetReader, KeySelector};
pub use skipped::SkippedKey;
pub use thumbprint::ThumbprintHash;

pub use jose_b64::SecretBytes;
