//! # jose-jws
//!
//! JSON Web Signature (RFC 7515) with every signing algorithm of RFC 7518 §3, EdDSA (RFC 8037),
//! ES256K (RFC 8812) and unencoded payloads (RFC 7797), safe by default. It never compiles
//! JWE code; for JWTs, use the `jose-jwt` crate.
//!
//! ## Sign and verify a payload
//!
//! ```
//! use jose_jws::{compact, Header, JwsAlgorithm, SigningKey, Verifier, VerifyingKey};
//! use jose_jwk::{Jwk, KeySpec, EcCurve};
//!
//! let private = Jwk::generate(KeySpec::Ec(EcCurve::P256))?.with_kid("2026-05");
//! let signing_key = SigningKey::from_jwk(&private, JwsAlgorithm::ES256)?;
//! let token = compact::sign(&signing_key, &Header::new().typ("JWT"), b"hello")?;
//!
//! let verifying_key = VerifyingKey::from_jwk(&private.to_public()?, JwsAlgorithm::ES256)?;
//! let verified = Verifier::new([JwsAlgorithm::ES256])?.verify_compact(&token, &verifying_key)?;
//! assert_eq!(verified.payload(), b"hello");
//! assert_eq!(verified.kid(), Some("2026-05"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Verify with the keys of a JWK Set
//!
//! ```
//! use jose_jwk::{EcCurve, Jwk, JwkSet, KeySpec};
//! use jose_jws::{compact, Header, JwsAlgorithm, SigningKey, Verifier, VerifyingKeySet};
//!
//! let current = Jwk::generate(KeySpec::Ec(EcCurve::P256))?.with_kid("2026-05");
//! let token = compact::sign(
//!     &SigningKey::from_jwk(&current, JwsAlgorithm::ES256)?,
//!     &Header::new(),
//!     b"hello",
//! )?;
//!
//! // The signer's public keys, as it publishes them; the key is chosen by `kid`.
//! let jwks = JwkSet::from_keys(vec![current.to_public()?])?;
//! let keys = VerifyingKeySet::from_jwks(&jwks, &[JwsAlgorithm::ES256])?;
//! let verified = Verifier::new([JwsAlgorithm::ES256])?.verify_compact(&token, &keys)?;
//! assert_eq!(verified.payload(), b"hello");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The JSON serializations (several signatures, unprotected headers) are in [`json`].
//!
//! ## What is checked
//!
//! - keys are bound to one algorithm when they are made ([`SigningKey`], [`VerifyingKey`]);
//! - every verification takes an explicit allow-list ([`Verifier`]); `none` is never accepted;
//! - the key comes from a [`VerifyingKeyResolver`] (one key, a JWK Set, one JWK for several
//!   algorithms with [`VerifyingKeySet::from_jwk`], a closure), never from the token's
//!   `jwk`/`jku`/`x5u`/`x5c`; a token without `kid` that several keys could verify is refused
//!   unless the set is told to try them, a bounded number ([`VerifyingKeySet::try_candidates`]);
//! - a parsed JWS ([`compact::UnverifiedCompactJws`]) and a verified one ([`VerifiedJws`]) are
//!   different types; the payload is only reachable after verification.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod algorithm;
pub mod compact;
mod error;
mod header;
pub mod json;
mod key;
mod resolver;
mod verified;
mod verifier;

pub use error::Error;
pub use header::Header;
pub use jose_jwk::alg::JwsAlgorithm;
pub use jose_jwk::header::Location;
pub use json::SignaturePolicy;
pub use key::{SigningKey, VerifyingKey};
pub use resolver::{VerifyingKeyRequest, VerifyingKeyResolver, VerifyingKeySet};
pub use verified::VerifiedJws;
pub use verifier::{Limits, Verifier};
