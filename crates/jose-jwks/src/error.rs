//! The one error type of this crate.

use core::fmt;
use std::sync::Arc;
use std::time::Duration;

/// Everything that can go wrong while fetching a JWK Set, discovering it, or verifying a
/// token with it.
///
/// A token whose `kid` is not in the set is [`Error::Jwt`] or [`Error::Jws`] with a
/// "no matching key" error (code `ERR_JWKS_NO_MATCHING_KEY`, [`Error::is_unknown_key`]), even
/// when the refetch it caused failed: the network failure is logged and shown by
/// [`crate::RemoteJwkSet::status`], never reported as the token's fault.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Error {
    /// A setting cannot work: a URL that is not absolute, an empty algorithm list, a bound
    /// that is inverted, a cached set made for another URL, …
    Configuration {
        /// What is wrong.
        reason: String,
    },
    /// A URL is plain `http` (or another scheme) where `https` is required; plain `http` is
    /// accepted only with [`crate::RemoteJwkSetBuilder::allow_http`].
    InsecureUrl {
        /// The URL, shortened.
        url: String,
    },
    /// The request did not complete: the connection failed or was refused, it timed out, a
    /// redirect was refused, the body could not be read. The transport's error is the
    /// [`source`](std::error::Error::source).
    Transport {
        /// The URL fetched.
        url: String,
        /// What failed.
        source: TransportError,
    },
    /// The server answered with a status other than `200 OK` (or `304 Not Modified` to a
    /// conditional request).
    Status {
        /// The URL fetched.
        url: String,
        /// The HTTP status code.
        status: u16,
    },
    /// The answer is not `application/json` or `application/jwk-set+json` (RFC 7517 §8.5.1).
    ContentType {
        /// The URL fetched.
        url: String,
        /// The answer's `Content-Type`, shortened (empty when absent).
        content_type: String,
    },
    /// The answer's body is larger than the configured cap.
    TooLarge {
        /// The URL fetched.
        url: String,
        /// The cap in bytes.
        limit: usize,
    },
    /// The JWK Set is not a valid JWK Set (RFC 7517 §5): malformed JSON, duplicate members,
    /// too many keys, or (in strict mode) a key that fails validation.
    InvalidJwkSet {
        /// The URL fetched.
        url: String,
        /// Why.
        source: jose_jwk::Error,
    },
    /// The JWK Set holds no key usable with the configured algorithms: every key was skipped.
    NoUsableKey {
        /// The URL fetched.
        url: String,
        /// Each skipped key with its reason.
        skipped: Vec<String>,
    },
    /// The discovery document could not be used (OpenID Connect Discovery 1.0 §4, RFC 8414
    /// §3): not a JSON object, no `jwks_uri`, …
    Discovery {
        /// The issuer.
        issuer: String,
        /// What is wrong.
        reason: String,
    },
    /// The discovery document's `issuer` is not exactly the configured issuer (OpenID
    /// Connect Discovery 1.0 §4.3, RFC 8414 §3.3): the mix-up defence.
    IssuerMismatch {
        /// The configured issuer.
        expected: String,
        /// The document's `issuer`, shortened.
        found: String,
    },
    /// The token's `iss` is not one the [`crate::IssuerRegistry`] knows: refused before any
    /// key is looked up or fetched.
    UnknownIssuer {
        /// The token's `iss`, shortened (empty when the token has none).
        issuer: String,
    },
    /// No JWK Set is cached and the provider failed recently: the next attempt waits for the
    /// back-off to end.
    BackingOff {
        /// The last failure.
        last_error: Box<Error>,
        /// How long until the next attempt.
        retry_in: Duration,
    },
    /// The JWS layer refused the token or the keys.
    Jws(jose_jws::Error),
    /// The JWT layer refused the token.
    Jwt(jose_jwt::Error),
}

impl Error {
    /// A stable, machine-readable code for this error.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Configuration { .. } => jose_b64::codes::JOSE_CONFIGURATION,
            Self::InsecureUrl { .. } => jose_b64::codes::JWKS_INSECURE_URL,
            Self::Transport { source, .. } if source.is_timeout() => jose_b64::codes::JWKS_TIMEOUT,
            Self::Transport { .. } | Self::Status { .. } => jose_b64::codes::JWKS_FETCH_FAILED,
            Self::ContentType { .. }
            | Self::TooLarge { .. }
            | Self::InvalidJwkSet { .. }
            | Self::NoUsableKey { .. } => jose_b64::codes::JWKS_INVALID,
            Self::Discovery { .. } => jose_b64::codes::JWKS_DISCOVERY_FAILED,
            Self::IssuerMismatch { .. } => jose_b64::codes::JWKS_ISSUER_MISMATCH,
            Self::UnknownIssuer { .. } => jose_b64::codes::JWKS_UNKNOWN_ISSUER,
            Self::BackingOff { last_error, .. } => last_error.code(),
            Self::Jws(e) => e.code(),
            Self::Jwt(e) => e.code(),
        }
    }

    /// Whether the token names a key (`kid`, algorithm) that the JWK Set does not hold.
    pub fn is_unknown_key(&self) -> bool {
        matches!(
            self,
            Self::Jws(jose_jws::Error::NoMatchingKey { .. })
                | Self::Jwt(jose_jwt::Error::Jws(jose_jws::Error::NoMatchingKey { .. }))
        )
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        self.transport().is_some_and(TransportError::is_timeout)
    }

    /// Whether the connection could not be made (refused, unreachable, TLS handshake).
    pub fn is_connect(&self) -> bool {
        self.transport().is_some_and(TransportError::is_connect)
    }

    /// Whether a redirect was refused (too many, or away from `https`).
    pub fn is_redirect(&self) -> bool {
        self.transport().is_some_and(TransportError::is_redirect)
    }

    /// Whether the failure is the provider's or the network's (the transport, a status, an
    /// answer that is not a usable JWK Set), as opposed to the token's or the configuration's.
    pub fn is_provider_failure(&self) -> bool {
        matches!(
            self,
            Self::Transport { .. }
                | Self::Status { .. }
                | Self::ContentType { .. }
                | Self::TooLarge { .. }
                | Self::InvalidJwkSet { .. }
                | Self::NoUsableKey { .. }
                | Self::BackingOff { .. }
        )
    }

    fn transport(&self) -> Option<&TransportError> {
        match self {
            Self::Transport { source, .. } => Some(source),
            Self::BackingOff { last_error, .. } => last_error.transport(),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Configuration { reason } => write!(f, "invalid JWK Set configuration: {reason}"),
            Self::InsecureUrl { url } => write!(
                f,
                "{url} is not an https URL (plain http only with allow_http, for tests and localhost)"
            ),
            Self::Transport { url, source } => write!(f, "fetching {url} failed: {source}"),
            Self::Status { url, status } => {
                write!(
                    f,
                    "fetching {url} failed: the server answered HTTP {status}"
                )
            }
            Self::ContentType { url, content_type } => write!(
                f,
                "{url} answered with content type \"{content_type}\", not application/json or \
                 application/jwk-set+json"
            ),
            Self::TooLarge { url, limit } => {
                write!(
                    f,
                    "the answer of {url} is larger than the limit of {limit} bytes"
                )
            }
            Self::InvalidJwkSet { url, source } => {
                write!(f, "{url} did not answer with a valid JWK Set: {source}")
            }
            Self::NoUsableKey { url, skipped } => {
                write!(f, "the JWK Set of {url} holds no usable key")?;
                if !skipped.is_empty() {
                    write!(f, " ({})", skipped.join("; "))?;
                }
                Ok(())
            }
            Self::Discovery { issuer, reason } => {
                write!(f, "discovery for issuer {issuer} failed: {reason}")
            }
            Self::IssuerMismatch { expected, found } => write!(
                f,
                "the discovery document names issuer \"{found}\", not the configured \"{expected}\""
            ),
            Self::UnknownIssuer { issuer } if issuer.is_empty() => {
                f.write_str("the token has no \"iss\" claim; its issuer cannot be chosen")
            }
            Self::UnknownIssuer { issuer } => {
                write!(f, "the token's issuer \"{issuer}\" is not configured")
            }
            Self::BackingOff {
                last_error,
                retry_in,
            } => write!(
                f,
                "no JWK Set is available; the next fetch is in {} ms after: {last_error}",
                retry_in.as_millis()
            ),
            Self::Jws(e) => e.fmt(f),
            Self::Jwt(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Transport { source, .. } => Some(source),
            Self::InvalidJwkSet { source, .. } => Some(source),
            Self::BackingOff { last_error, .. } => Some(last_error.as_ref()),
            Self::Jws(e) => Some(e),
            Self::Jwt(e) => Some(e),
            _ => None,
        }
    }
}

impl From<jose_jws::Error> for Error {
    fn from(e: jose_jws::Error) -> Self {
        Self::Jws(e)
    }
}

impl From<jose_jwt::Error> for Error {
    fn from(e: jose_jwt::Error) -> Self {
        Self::Jwt(e)
    }
}

/// What kind of transport failure a [`TransportError`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connect or total timeout passed.
    Timeout,
    /// The connection could not be made (refused, unreachable, TLS handshake failed).
    Connect,
    /// A redirect was refused.
    Redirect,
    /// The body exceeded the size cap while being read.
    TooLarge,
    /// Anything else (reading the body, a protocol error).
    Other,
}

/// A failure of the HTTP transport, from a [`crate::Fetcher`]: its kind, and the underlying
/// error (reqwest's, or a custom fetcher's) as [`source`](std::error::Error::source).
#[derive(Clone, Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    source: Arc<dyn std::error::Error + Send + Sync>,
}

impl TransportError {
    /// A transport error of `kind` caused by `source`.
    pub fn new(
        kind: TransportErrorKind,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Self {
            kind,
            source: Arc::from(source.into()),
        }
    }

    /// The kind of failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        self.kind == TransportErrorKind::Timeout
    }

    /// Whether the connection could not be made.
    pub fn is_connect(&self) -> bool {
        self.kind == TransportErrorKind::Connect
    }

    /// Whether a redirect was refused.
    pub fn is_redirect(&self) -> bool {
        self.kind == TransportErrorKind::Redirect
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Redirect => "redirect refused",
            TransportErrorKind::TooLarge => "body too large",
            TransportErrorKind::Other => "transport error",
        };
        write!(f, "{what}: {}", self.source)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

impl jose_b64::ErrorCode for Error {
    fn code(&self) -> &'static str {
        Error::code(self)
    }
}
