//! A scripted HTTP(S) server on 127.0.0.1 playing an identity provider, for the tests,
//! doctests and benchmarks of `jose-jwks` (and later `jose-axum`). Not published.
//!
//! - [`TestServer`]: answers each path with scripted [`Answer`]s (status, headers, body,
//!   delay, hang), counts the requests it receives per path, and answers `If-None-Match` /
//!   `If-Modified-Since` with `304 Not Modified` when they match. It binds `127.0.0.1:0`, runs
//!   on a thread of its own (so it works from sync and async code, and a test's paused tokio
//!   clock does not touch it), and stops when dropped.
//! - [`TestServer::https`]: the same over TLS, with a certificate for `127.0.0.1` issued by a
//!   fresh test certificate authority ([`TestServer::ca_pem`]) made with `rcgen`.
//! - [`IdentityProvider`]: a server that publishes a JWK Set and an OpenID Connect discovery
//!   document, signs tokens with its current key and rotates its keys.
//!
//! ```
//! use jose_test_server::{Answer, TestServer};
//!
//! let server = TestServer::http()?;
//! server.set("/jwks.json", Answer::json(r#"{"keys":[]}"#).max_age(60));
//! assert!(server.url("/jwks.json").starts_with("http://127.0.0.1:"));
//! assert_eq!(server.hits("/jwks.json"), 0);
//! # Ok::<(), std::io::Error>(())
//! ```

#![forbid(unsafe_code)]

mod answer;
mod provider;
mod server;
mod tls;

pub use answer::Answer;
pub use provider::{IdentityProvider, ProviderKey};
pub use server::TestServer;
