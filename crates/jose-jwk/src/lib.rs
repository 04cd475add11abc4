//! # jose-jwk
//!
//! JSON Web Keys (RFC 7517) for jose-rs: make keys, publish their public part as a JWK Set,
//! read the JWK Sets that others publish, convert to and from PEM, and compute thumbprints.
//!
//! ## Generate a key and publish its public part
//!
//! ```
//! use jose_jwk::{EcCurve, Jwk, JwkSet, KeySpec};
//!
//! let private = Jwk::generate(KeySpec::Ec(EcCurve::P256))?.with_kid("2026-05");
//! let jwks = JwkSet::from_keys(vec![private.to_public()?])?;
//! let published = jwks.to_json(); // serve this at the `jwks_uri`
//! assert!(published.contains(r#""kid":"2026-05""#));
//! assert!(!published.contains(r#""d":"#)); // never a private member
//! # Ok::<(), jose_jwk::Error>(())
//! ```
//!
//! ## Read a JWK Set that an identity provider publishes
//!
//! Every key is validated on import. A key that fails validation, or of a type this crate
//! does not know, is skipped and reported ([`JwkSet::skipped`]) rather than making the whole
//! set unusable; [`JwkSetReader`] caps the number of keys and offers an all-or-nothing mode.
//!
//! ```
//! use jose_jwk::JwkSet;
//!
//! let jwks = JwkSet::from_json(r#"{"keys":[
//!   {"kty":"EC","crv":"P-256","kid":"2026-05",
//!    "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
//!    "y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}"#)?;
//! assert_eq!(jwks.find_kid("2026-05")?.kid(), Some("2026-05"));
//! # Ok::<(), jose_jwk::Error>(())
//! ```
//!
//! ## PEM files
//!
//! ```
//! use jose_jwk::{EcCurve, Jwk, KeySpec};
//!
//! let private = Jwk::generate(KeySpec::Ec(EcCurve::P256))?;
//! let pem = private.to_public_pem()?; // SPKI, `-----BEGIN PUBLIC KEY-----`
//! assert_eq!(Jwk::from_pem(&pem)?, private.to_public()?);
//! # Ok::<(), jose_jwk::Error>(())
//! ```
//!
//! ## Thumbprints
//!
//! A key's thumbprint (RFC 7638) is a stable identifier, as a URI with RFC 9278:
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
//!
//! ## What is where
//!
//! - [`Jwk`] and [`JwkSet`] (RFC 7517): every key validated on import, unknown members kept,
//!   private members never leaked by [`Jwk::to_public`] or `Debug`.
//! - Key types `RSA`, `EC` (P-256, P-384, P-521, secp256k1), `oct` and `OKP` (Ed25519,
//!   X25519), with conversions to and from the RustCrypto key types.
//! - PEM and DER import and export (SPKI, PKCS#8, PKCS#1, SEC1) and key generation
//!   ([`KeySpec`]).
//! - [`alg`]: the JWA algorithm table, and the check "may this key be used for this algorithm
//!   and this operation" that every signing and encryption key goes through.
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
