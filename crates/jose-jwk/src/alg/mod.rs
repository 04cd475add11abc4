//! The JWA algorithm table: every registered `alg` and `enc` name, and for each the key it
//! needs.
//!
//! - [`JwsAlgorithm`] (RFC 7518 §3.1, RFC 8037 §3.1, RFC 8812 §3.2, RFC 9864),
//!   [`JweAlgorithm`] (RFC 7518 §4.1) and [`JweEncryption`] (RFC 7518 §5.1): the names, parsed
//!   exactly and case-sensitively, with the fixed sizes each algorithm implies.
//! - [`Algorithm`]: any of the three.
//! - [`KeyRequirement`]: the table, one row per algorithm: key type and curves, size,
//!   `use`, and per [`KeyRole`] the `key_ops` values and whether the private key is needed.
//! - [`check_key`] / [`Jwk::check_for`](crate::Jwk::check_for): the one check every layer
//!   calls before it binds a key to an algorithm (RFC 8725 §3.1: one key, one algorithm).
//!
//! `none` (RFC 7518 §3.6) is a name here and nothing more: no key check accepts it.
//!
//! ```
//! use jose_jwk::Jwk;
//! use jose_jwk::alg::{check_key, JweAlgorithm, JwsAlgorithm, KeyRole};
//!
//! // RFC 7520 §3.5
//! let key = Jwk::from_json(r#"{"kty":"oct","kid":"018c0ae5-4d9b-471b-bfd6-eef314bc7037",
//!   "use":"sig","alg":"HS256","k":"hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg"}"#)?;
//!
//! let alg: JwsAlgorithm = "HS256".parse()?;
//! check_key(&key, alg, KeyRole::Sign)?;
//! key.check_for(alg, KeyRole::Verify)?;
//!
//! assert!("hs256".parse::<JwsAlgorithm>().is_err()); // names are case-sensitive
//! let e = key.check_for(JwsAlgorithm::RS256, KeyRole::Verify).unwrap_err();
//! assert_eq!(e.to_string(), "algorithm RS256 requires an RSA key, found an oct key");
//! assert!(key.check_for(JweAlgorithm::A256KW, KeyRole::Decrypt).is_err()); // its alg is HS256
//! assert!(key.check_for(JwsAlgorithm::None, KeyRole::Verify).is_err()); // never
//! # Ok::<(), jose_jwk::Error>(())
//! ```

mod algorithm;
mod check;
mod curve;
mod jwe_alg;
mod jwe_enc;
mod jws;
mod names;
mod requirement;
mod role;

pub use algorithm::Algorithm;
pub use check::check_key;
pub use curve::Curve;
pub use jwe_alg::{JweAlgorithm, KeyManagementMode};
pub use jwe_enc::JweEncryption;
pub use jws::JwsAlgorithm;
pub use requirement::{KeyRequirement, KeyShape, RoleRule, SizeRule};
pub use role::KeyRole;

#[cfg(test)]
mod test_keys;
