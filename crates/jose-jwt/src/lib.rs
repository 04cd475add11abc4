//! # jose-jwt
//!
//! JSON Web Tokens (RFC 7519) with the best practices of RFC 8725, on `jose-jws` and
//! `jose-jwe`: typed claims, strict validation with safe defaults, signed, encrypted and
//! nested JWTs.
//!
//! `jose-jwt` is the one dependency a JWT user needs: it re-exports the key and algorithm
//! types its builders and verifiers take ([`SigningKey`], [`VerifyingKeySet`], [`Jwk`],
//! [`EncryptingKey`], [`JwsAlgorithm`] …), and the crates below it as [`jws`], [`jwe`] and
//! [`jwk`].
//!
//! ## Issue a token
//!
//! ```
//! use std::time::Duration;
//! use jose_jwt::{JwtBuilder, JwsAlgorithm, SigningKey};
//!
//! let key = SigningKey::hmac(b"a secret of at least thirty-two bytes!!", JwsAlgorithm::HS256)?;
//! let token = JwtBuilder::new()
//!     .issuer("https://issuer.example")
//!     .audience("https://api.example")
//!     .subject("alice")
//!     .claim("scope", "read write")?
//!     .issued_now()
//!     .expires_in(Duration::from_secs(15 * 60)) // a token must expire (or say it never does)
//!     .sign(&key)?;
//! # Ok::<(), jose_jwt::Error>(())
//! ```
//!
//! ## Verify a token
//!
//! The algorithms are pinned, the key is the caller's, and the claims are validated:
//! `exp` required, `nbf` checked, `iss` and `aud` exact.
//!
//! ```
//! # use std::time::Duration;
//! # use jose_jwt::{JwsAlgorithm, JwtBuilder, SigningKey};
//! # let key = SigningKey::hmac(b"a secret of at least thirty-two bytes!!", JwsAlgorithm::HS256)?;
//! # let token = JwtBuilder::new().issuer("https://issuer.example").audience("https://api.example")
//! #     .subject("alice").claim("scope", "read write")?.expires_in(Duration::from_secs(900)).sign(&key)?;
//! use jose_jwt::{JwtVerifier, Validation};
//!
//! let verifier = JwtVerifier::new(
//!     [JwsAlgorithm::HS256],
//!     Validation::new().issuer("https://issuer.example").audience("https://api.example"),
//! )?;
//! let jwt = verifier.verify(&token, key.verifying_key())?;
//! assert_eq!(jwt.subject(), Some("alice"));
//! assert_eq!(jwt.claims()["scope"], "read write");
//! # Ok::<(), jose_jwt::Error>(())
//! ```
//!
//! With the application's own claims type, decoded once and directly:
//!
//! ```
//! # use std::time::Duration;
//! # use jose_jwt::{JwsAlgorithm, JwtBuilder, JwtVerifier, SigningKey, Validation};
//! # let key = SigningKey::hmac(b"a secret of at least thirty-two bytes!!", JwsAlgorithm::HS256)?;
//! # let token = JwtBuilder::new().subject("alice").claim("scope", "read write")?
//! #     .expires_in(Duration::from_secs(900)).sign(&key)?;
//! # let verifier = JwtVerifier::new([JwsAlgorithm::HS256], Validation::new())?;
//! #[derive(serde::Deserialize)]
//! struct Claims {
//!     sub: String,
//!     scope: String,
//! }
//!
//! let jwt = verifier.verify_as::<Claims>(&token, key.verifying_key())?;
//! assert_eq!(jwt.claims().scope, "read write");
//! # assert_eq!(jwt.claims().sub, "alice");
//! # Ok::<(), jose_jwt::Error>(())
//! ```
//!
//! ## Verify tokens of an identity provider (a JWK Set, keys rotated by `kid`)
//!
//! ```
//! use jose_jwt::{
//!     EcCurve, Jwk, JwkSet, JwsAlgorithm, JwtBuilder, JwtVerifier, KeySpec, SigningKey,
//!     Validation, VerifyingKeySet,
//! };
//!
//! // The provider signs with its current key…
//! let current = Jwk::generate(KeySpec::Ec(EcCurve::P256))?.with_kid("2026-05");
//! let token = JwtBuilder::new()
//!     .issuer("https://idp.example")
//!     .audience("my-app")
//!     .subject("alice")
//!     .expires_in(std::time::Duration::from_secs(300))
//!     .sign(&SigningKey::from_jwk(&current, JwsAlgorithm::ES256)?)?;
//!
//! // …and publishes its public keys, which the application loads as a JWK Set.
//! let jwks = JwkSet::from_keys(vec![current.to_public()?])?;
//! let keys = VerifyingKeySet::from_jwks(&jwks, &[JwsAlgorithm::ES256])?;
//! let verifier = JwtVerifier::new(
//!     [JwsAlgorithm::ES256],
//!     Validation::new().issuer("https://idp.example").audience("my-app"),
//! )?;
//! assert_eq!(verifier.verify(&token, &keys)?.subject(), Some("alice"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Encrypted and nested JWTs
//!
//! [`JwtBuilder::encrypt`] makes an encrypted JWT, read with [`JwtDecrypter`];
//! [`JwtBuilder::sign_then_encrypt`] a nested JWT (signed, then encrypted), read with
//! [`NestedJwtVerifier`], which decrypts with one allow-list and key and verifies the inner
//! signature with another. A JWE is never accepted where a signed JWT is expected, nor the
//! reverse. An encrypted JWT does not say who made it: with public-key key management
//! (`RSA-OAEP*`, `ECDH-ES*`) anyone with the public key can, so [`JwtDecrypter`] refuses
//! those algorithms unless asked ([`JwtDecrypter::allow_public_key_encryption`]); sign, then
//! encrypt, when the issuer matters.
//!
//! ## What is checked
//!
//! - **Signature first**: the claims are read only after the signature verified (or the
//!   JWE decrypted), with the algorithms the caller allows and the caller's keys; `none` is
//!   never accepted, `b64: false` is refused in a JWT.
//! - **The claims set** is a strict JSON object (duplicate names refused at any depth, RFC
//!   7519 §4); `exp`, `nbf`, `iat` must be NumericDates (JSON numbers from 0 to
//!   253402300799), `iss`, `sub`, `jti` strings, `aud` a non-empty string or array of
//!   strings — a claim of the wrong type makes the token invalid, it is never "absent".
//! - **The [`Validation`] rules**, with safe defaults: `exp` required; leeway 0 (at most 10
//!   minutes); expected `iss`, `aud` (any of several), `sub`, `typ` (RFC 8725 §3.11); a token
//!   with `aud` refused when no audience is expected; required claims; a maximum age; a
//!   `jti` hook for revocation lists; an injectable [`Clock`].
//! - **Errors** say which claim failed and why (`token expired at 2011-03-22T18:43:00Z
//!   (now …, leeway 0s)`), with stable [`Error::code`]s.
//!
//! The `examples/` folder has runnable versions of the usual jobs: HS256 tokens, RSA keys in
//! PEM files, encrypted claims, nested tokens, key rotation with a JWK Set, and an HTTP API
//! protected by bearer tokens.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod builder;
mod claims;
mod decode;
mod encrypted;
mod error;
mod jwt;
mod nested;
mod numeric_date;
mod time;
mod typ;
mod validation;
mod verify;

pub use builder::JwtBuilder;
pub use claims::{Audience, RegisteredClaims};
pub use encrypted::JwtDecrypter;
pub use error::Error;
pub use jwt::Jwt;
pub use nested::NestedJwtVerifier;
pub use numeric_date::NumericDate;
pub use time::{Clock, FixedClock, SystemClock};
pub use validation::{MAX_LEEWAY, Validation};
pub use verify::JwtVerifier;

// What a JWT user needs from the layers below, so that `jose-jwt` is the one dependency.
pub use jose_b64::serde_json;
pub use jose_jwe::{
    Decrypter, DecryptingKey, DecryptingKeyRequest, DecryptingKeyResolver, DecryptingKeySet,
    EncryptingKey, JweAlgorithm, JweEncryption,
};
pub use jose_jwk::{EcCurve, Jwk, JwkSet, KeySpec, OkpCurve};
pub use jose_jws::{
    JwsAlgorithm, SigningKey, Verifier, VerifyingKey, VerifyingKeyRequest, VerifyingKeyResolver,
    VerifyingKeySet,
};

// The crates themselves, for what goes beyond JWTs (raw JWS and JWE, JWK Set readers …).
pub use jose_jwe as jwe;
pub use jose_jwk as jwk;
pub use jose_jws as jws;

#[cfg(test)]
mod test_util;
