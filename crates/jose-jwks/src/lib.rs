//! Remote JWK Sets: verify the tokens of an identity provider (Auth0, Okta, Keycloak, Entra
//! ID, Google, your own OAuth server) with the keys it publishes at a URL (RFC 7517 §5),
//! fetched, cached and rotated for you.
//!
//! Fetching is async (tokio, and reqwest with rustls by default); verification is the
//! synchronous [`jose_jwt::JwtVerifier`] on the cached keys, so a warm cache costs no more
//! than a local [`jose_jws::VerifyingKeySet`] and never waits on the network.
//!
//! ## Verify tokens from your identity provider
//!
//! One call: key lookup, fetch if needed, signature, claims. Here a local identity provider
//! (on 127.0.0.1, plain http for the example; a real one is `https`) signs the token.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use jose_jwks::{JwtVerifierExt, RemoteJwkSet};
//! use jose_jws::JwsAlgorithm;
//! use jose_jwt::{JwtVerifier, Validation};
//!
//! let idp = jose_test_server::IdentityProvider::http(JwsAlgorithm::RS256)?;
//! let token = idp.token("alice", "my-api")?;
//!
//! let jwks = RemoteJwkSet::builder().allow_http().build(idp.jwks_uri())?;
//! let verifier = JwtVerifier::new(
//!     [JwsAlgorithm::RS256, JwsAlgorithm::ES256],
//!     Validation::new().issuer(idp.issuer()).audience("my-api"),
//! )?;
//! let jwt = verifier.verify_async(&token, &jwks).await?;
//! assert_eq!(jwt.subject(), Some("alice"));
//! # Ok(()) }
//! ```
//!
//! ## Discover the keys from the issuer
//!
//! [`RemoteJwkSet::discover`] reads the issuer's metadata (OpenID Connect Discovery 1.0 §4,
//! or RFC 8414 §3), checks that it names exactly that issuer (a mix-up defence), and uses its
//! `jwks_uri`.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use jose_jwks::RemoteJwkSet;
//! # let idp = jose_test_server::IdentityProvider::http(jose_jws::JwsAlgorithm::ES256)?;
//! # let issuer = idp.issuer();
//!
//! let jwks = RemoteJwkSet::builder().allow_http().discover(&issuer).await?;
//! assert_eq!(jwks.url(), format!("{issuer}/jwks.json"));
//! # Ok(()) }
//! ```
//!
//! ## Keys rotate; tokens keep verifying
//!
//! A token signed with a new key names a `kid` the cached set lacks: the set is fetched again
//! (once per cooldown, default 30 s) and the token verifies. Tokens of a retired key fail
//! with "no matching key", never with a network error.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use std::time::Duration;
//! use jose_jwks::{JwtVerifierExt, RemoteJwkSet};
//! use jose_jws::JwsAlgorithm;
//! use jose_jwt::{JwtVerifier, Validation};
//!
//! let idp = jose_test_server::IdentityProvider::http(JwsAlgorithm::EdDSA)?;
//! let jwks = RemoteJwkSet::builder()
//!     .allow_http()
//!     .cooldown(Duration::ZERO)
//!     .build(idp.jwks_uri())?;
//! let verifier = JwtVerifier::new(
//!     [JwsAlgorithm::EdDSA],
//!     Validation::new().issuer(idp.issuer()).audience("api"),
//! )?;
//!
//! let old = idp.token("alice", "api")?;
//! verifier.verify_async(&old, &jwks).await?;          // fetches key-1
//!
//! idp.rotate()?;                                       // key-2 signs; key-1 is withdrawn
//! let new = idp.token("bob", "api")?;
//! verifier.verify_async(&new, &jwks).await?;          // unknown kid: refetch, verified
//! assert_eq!(jwks.status().kids, ["key-2"]);
//!
//! let refused = verifier.verify_async(&old, &jwks).await.unwrap_err();
//! assert!(refused.is_unknown_key());
//! assert_eq!(refused.code(), "ERR_JWKS_NO_MATCHING_KEY");
//! # Ok(()) }
//! ```
//!
//! ## What it does
//!
//! - **Cache**: freshness from `Cache-Control: max-age` (clamped, default 5 min to 24 h),
//!   conditional requests (`ETag`, `Last-Modified`), refresh ahead of expiry in the
//!   background, single flight. See [`RemoteJwkSet`].
//! - **Outage tolerance**: the last good set is used for up to 24 h past its freshness while
//!   the provider fails, retried with back-off; [`RemoteJwkSet::status`] reports it, and
//!   `tracing` events record fetches, key changes, skipped keys and failures.
//! - **Safety**: `https` only (plain `http` by [`RemoteJwkSetBuilder::allow_http`]), redirects
//!   limited and `https`-only, connect and total timeouts, a 512 KiB cap, the media type
//!   `application/json` or `application/jwk-set+json` (RFC 7517 §8.5.1), the set read with
//!   the strict parser and each key validated (RFC 7517 §5: keys that fail are skipped and
//!   reported, [`RemoteJwkSetBuilder::strict`] refuses the set).
//! - **Several issuers**: [`IssuerRegistry`].
//! - **Your own HTTP client**: [`Fetcher`]; the default is [`ReqwestFetcher`] (feature
//!   `reqwest`, on by default).
//! - **Serverless cold starts**: [`RemoteJwkSet::export`] and
//!   [`RemoteJwkSetBuilder::import`].
#![forbid(unsafe_code)]
#![deny(clippy::await_holding_lock)]

mod builder;
mod cache_control;
mod discovery;
mod error;
mod fetcher;
mod registry;
mod remote;
mod response;
mod snapshot;
mod status;
mod verify;

pub use builder::{ASYMMETRIC_ALGORITHMS, RemoteJwkSetBuilder};
pub use error::{Error, TransportError, TransportErrorKind};
#[cfg(feature = "reqwest")]
pub use fetcher::ReqwestFetcher;
pub use fetcher::{FetchFuture, FetchRequest, FetchResponse, Fetcher};
pub use registry::{IssuerRegistry, KeySource};
pub use remote::RemoteJwkSet;
pub use snapshot::JwksSnapshot;
pub use status::{CachedJwks, Status};
pub use verify::{JwtVerifierExt, VerifierExt};
