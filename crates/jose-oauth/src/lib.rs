//! # jose-oauth
//!
//! The token profiles that OAuth 2.0 and OpenID Connect services check, on `jose-jwt`: JWT
//! access tokens (RFC 9068), ID tokens (OpenID Connect Core 1.0) and logout tokens
//! (OpenID Connect Back-Channel Logout 1.0), DPoP (RFC 9449), confirmation claims (RFC
//! 7800), and the replay stores they need, in memory or shared by a fleet in Redis. Each
//! profile is a preset of `jose-jwt`'s validation plus its own rules.
//!
//! ## Verify an access token
//!
//! A resource server checks a JWT access token (RFC 9068 §4): `typ` `at+jwt`, the
//! issuer, its own audience, the required claims, and the scopes a route needs.
//!
//! ```
//! use jose_jwk::{EcCurve, Jwk, KeySpec};
//! use jose_jws::{JwsAlgorithm, SigningKey};
//! use jose_jwt::Validation;
//! use jose_oauth::{AccessTokenBuilder, AccessTokenVerifier};
//!
//! // The authorization server issues the token…
//! let as_key = SigningKey::from_jwk(&Jwk::generate(KeySpec::Ec(EcCurve::P256))?, JwsAlgorithm::ES256)?;
//! let token = AccessTokenBuilder::new("https://as.example", "alice", "https://api.example", "client-1")
//!     .scopes(["orders:read"])
//!     .sign(&as_key)?;
//!
//! // …and the API verifies it.
//! let verifier = AccessTokenVerifier::new(
//!     [JwsAlgorithm::ES256],
//!     Validation::new().issuer("https://as.example").audience("https://api.example"),
//! )?;
//! let at = verifier.verify(&token, as_key.verifying_key())?;
//! at.require_scopes(["orders:read"])?;
//! assert_eq!((at.subject(), at.client_id()), ("alice", "client-1"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Verify an ID token
//!
//! A relying party checks the ID token of the provider against what it sent (the `nonce`)
//! and what came with it (the access token for `at_hash`, the code for `c_hash`), as
//! OpenID Connect Core 1.0 §3.1.3.7 says.
//!
//! ```
//! use jose_jwk::{EcCurve, Jwk, KeySpec};
//! use jose_jws::{JwsAlgorithm, SigningKey};
//! use jose_jwt::JwtBuilder;
//! use jose_oauth::{IdTokenContext, IdTokenVerifier, token_hash};
//!
//! let op_key = SigningKey::from_jwk(&Jwk::generate(KeySpec::Ec(EcCurve::P256))?, JwsAlgorithm::ES256)?;
//! let access_token = "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y";
//! let id_token = JwtBuilder::new()
//!     .issuer("https://op.example").audience("client-1").subject("248289761001")
//!     .claim("nonce", "n-0S6_WzA2Mj")?
//!     .claim("at_hash", token_hash(JwsAlgorithm::ES256, access_token)?)?
//!     .issued_now().expires_in(std::time::Duration::from_secs(300))
//!     .sign(&op_key)?;
//!
//! let verifier = IdTokenVerifier::new([JwsAlgorithm::ES256], "https://op.example", "client-1")?;
//! let context = IdTokenContext::new().nonce("n-0S6_WzA2Mj").access_token(access_token);
//! let id = verifier.verify(&id_token, op_key.verifying_key(), &context)?;
//! assert_eq!(id.subject(), "248289761001");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Accept DPoP-bound tokens
//!
//! The client proves with each request that it holds the key its access token is bound to
//! (RFC 9449). The resource server verifies the token, then the proof: its signature with
//! the key in its header, the method and URI, its age, the access token's hash, that its
//! `jti` was never seen (in a [`ReplayStore`] every instance shares), and that the token's
//! `cnf.jkt` is the proof key's thumbprint.
//!
//! ```
//! use jose_jwk::{EcCurve, Jwk, KeySpec};
//! use jose_jws::{JwsAlgorithm, SigningKey};
//! use jose_jwt::Validation;
//! use jose_oauth::{
//!     AccessTokenBuilder, AccessTokenVerifier, Confirmation, DpopChallenge, DpopKey,
//!     DpopRequest, DpopVerifier, MemoryReplayStore,
//! };
//!
//! # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
//! // The client's key, and a token bound to it by the authorization server.
//! let client = DpopKey::new(&Jwk::generate(KeySpec::Ec(EcCurve::P256))?, JwsAlgorithm::ES256)?;
//! let as_key = SigningKey::from_jwk(&Jwk::generate(KeySpec::Ec(EcCurve::P256))?, JwsAlgorithm::ES256)?;
//! let token = AccessTokenBuilder::new("https://as.example", "alice", "https://api.example", "client-1")
//!     .confirmation(&Confirmation::thumbprint_of(client.public_jwk()))
//!     .sign(&as_key)?;
//!
//! // The request: `Authorization: DPoP <token>` and `DPoP: <proof>`.
//! let uri = "https://api.example/orders?page=2";
//! let proof = client.proof("GET", uri).access_token(&token).sign()?;
//!
//! // The resource server.
//! let tokens = AccessTokenVerifier::new(
//!     [JwsAlgorithm::ES256],
//!     Validation::new().issuer("https://as.example").audience("https://api.example"),
//! )?;
//! let proofs = DpopVerifier::new([JwsAlgorithm::ES256, JwsAlgorithm::EdDSA])?;
//! let seen = MemoryReplayStore::default(); // or RedisReplayStore, shared by the fleet
//!
//! let at = tokens.verify(&token, as_key.verifying_key())?;
//! let request = DpopRequest::new("GET", uri).access_token(&token);
//! proofs.verify_bound(&proof, &request, at.confirmation(), &seen).await?;
//!
//! // The same proof again is a replay; the answer is RFC 9449 §7.1's.
//! let e = proofs.verify_bound(&proof, &request, at.confirmation(), &seen).await.unwrap_err();
//! let answer = DpopChallenge::resource_server(&e, proofs.algorithms(), None);
//! assert_eq!(answer.status(), 401);
//! assert!(answer.www_authenticate().starts_with("DPoP error=\"invalid_dpop_proof\""));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## What each profile checks
//!
//! - [`AccessTokenVerifier`] (RFC 9068 §4): `typ` `at+jwt` (an ID token or any other type
//!   is refused), `iss`, `exp`, `aud`, `sub`, `client_id`, `iat`, `jti` required, `scope`
//!   parsed ([`Scope`]), `cnf` typed ([`Confirmation`]); [`AccessTokenBuilder`] issues them.
//! - [`IdTokenVerifier`] (OpenID Connect Core 1.0 §3.1.3.7): `iss` exact, `aud` holding the
//!   client id and no untrusted audience, `azp` when there are several audiences, `exp`,
//!   `iat` age, `nonce`, `auth_time` with `max_age`, `acr`, `at_hash`, `c_hash`
//!   ([`token_hash`]: the left half of the hash of the `alg`'s hash function, SHA-512 for
//!   Ed25519; Ed448 would be SHAKE256 with a 114-byte output, which this crate does not
//!   have; an algorithm without a known hash is refused). A token of a specific `typ` (an
//!   access token, a logout token) is refused.
//! - [`LogoutTokenVerifier`] (OpenID Connect Back-Channel Logout 1.0 §2.4, §2.6): `typ`
//!   `logout+jwt`, `events` with the back-channel logout event, `sid` or `sub`, `jti`, no
//!   `nonce`.
//! - [`DpopVerifier`] (RFC 9449 §4.3): the table on its page; [`DpopKey`] makes proofs;
//!   [`DpopChallenge`] is the error response (`WWW-Authenticate: DPoP error=…`,
//!   `use_dpop_nonce` with a `DPoP-Nonce` header) for a web layer to send;
//!   [`DpopNonces`] issues and checks server nonces without server state.
//! - [`ReplayStore`]: insert-if-absent with expiry, and contains. [`MemoryReplayStore`] is
//!   bounded (a full store refuses, fail closed); `RedisReplayStore` (feature `redis`) uses
//!   one atomic `SET key 1 NX PX ttl`, so that instances racing on one `jti` cannot both
//!   win, and refuses when Redis does not answer. On a store: DPoP `jti`s, a deny-list of
//!   revoked access tokens ([`revoke_access_token`], [`AccessToken::check_not_revoked`]),
//!   one-time tokens ([`AccessToken::use_once`]).
//!
//! `examples/dpop_flow.rs` runs a whole DPoP flow: the token request and its nonce dance,
//! the bound token, the resource call, a replay and a stolen token refused.
//!
//! Errors are one [`Error`] with stable [`Error::code`]s: the JWT layer's
//! (`ERR_JWT_EXPIRED`, `ERR_JWT_CLAIM_VALIDATION_FAILED` with [`Error::claim`], …) and the
//! profiles' (`ERR_OAUTH_TOKEN_TYPE`, `ERR_OIDC_NONCE_MISMATCH`, `ERR_DPOP_HTU_MISMATCH`,
//! `ERR_OAUTH_REPLAYED`, …).
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(clippy::await_holding_lock)]

mod access_token;
mod claims;
mod cnf;
mod dpop;
mod error;
mod id_token;
mod logout_token;
mod random;
mod replay;
mod revocation;
mod scope;
mod time;
mod token_hash;

#[cfg(test)]
mod test_util;

pub use access_token::{
    ACCESS_TOKEN_TYP, AccessToken, AccessTokenBuilder, AccessTokenVerifier,
    DEFAULT_ACCESS_TOKEN_LIFETIME,
};
pub use cnf::Confirmation;
pub use dpop::{
    DEFAULT_DPOP_LEEWAY, DEFAULT_DPOP_MAX_AGE, DEFAULT_DPOP_NONCE_LIFETIME, DPOP_TYP,
    DpopChallenge, DpopKey, DpopNonces, DpopProof, DpopProofBuilder, DpopRequest, DpopVerifier,
    access_token_hash,
};
pub use error::Error;
pub use id_token::{DEFAULT_ID_TOKEN_MAX_AGE, IdToken, IdTokenContext, IdTokenVerifier};
pub use logout_token::{
    BACKCHANNEL_LOGOUT_EVENT, LOGOUT_TOKEN_TYP, LogoutToken, LogoutTokenVerifier,
};
pub use replay::{DEFAULT_MEMORY_STORE_CAPACITY, MemoryReplayStore, ReplayStore};
#[cfg(feature = "redis")]
pub use replay::{REDIS_CONNECT_TIMEOUT, REDIS_RESPONSE_TIMEOUT, RedisReplayStore};
pub use revocation::revoke_access_token;
pub use scope::Scope;
pub use token_hash::token_hash;
