//! The HTTP seam: a [`Fetcher`] performs one GET; everything else (status, content type,
//! size, parsing, caching) is this crate's.

use std::future::Future;
use std::pin::Pin;

use crate::TransportError;

#[cfg(feature = "reqwest")]
mod reqwest;

#[cfg(feature = "reqwest")]
pub use self::reqwest::ReqwestFetcher;

/// A boxed, sendable future: what a [`Fetcher`] returns.
pub type FetchFuture<'a> =
    Pin<Box<dyn Future<Output = Result<FetchResponse, TransportError>> + Send + 'a>>;

/// Performs the GET requests of a [`crate::RemoteJwkSet`] and of discovery.
///
/// The default is [`ReqwestFetcher`] (feature `reqwest`). Implement it to use another client,
/// a proxy, mutual TLS, or a test double. An implementation must follow the [`FetchRequest`]:
/// send its conditional headers, stop reading a body larger than
/// [`FetchRequest::max_body`] (with [`crate::TransportErrorKind::TooLarge`]), follow redirects
/// only to `https` (unless the set allows plain `http`) and a few times, and bound the request
/// in time: this crate sets no timer of its own.
pub trait Fetcher: Send + Sync + 'static {
    /// GETs `request.url`.
    fn fetch<'a>(&'a self, request: &'a FetchRequest) -> FetchFuture<'a>;
}

/// One GET request.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FetchRequest {
    /// The URL.
    pub url: String,
    /// The `Accept` header to send.
    pub accept: &'static str,
    /// The `If-None-Match` header to send (the cached set's `ETag`, RFC 9110 §13.1.2).
    pub if_none_match: Option<String>,
    /// The `If-Modified-Since` header to send (the cached set's `Last-Modified`, RFC 9110
    /// §13.1.3).
    pub if_modified_since: Option<String>,
    /// The largest body to read, in bytes.
    pub max_body: usize,
}

impl FetchRequest {
    /// A GET of `url` accepting `accept`, reading at most `max_body` bytes.
    pub fn new(url: impl Into<String>, accept: &'static str, max_body: usize) -> Self {
        Self {
            url: url.into(),
            accept,
            if_none_match: None,
            if_modified_since: None,
            max_body,
        }
    }
}

/// The answer to a [`FetchRequest`]: its status, the headers this crate reads, and the body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct FetchResponse {
    /// The HTTP status code.
    pub status: u16,
    /// `Content-Type`.
    pub content_type: Option<String>,
    /// `Cache-Control`.
    pub cache_control: Option<String>,
    /// `ETag`.
    pub etag: Option<String>,
    /// `Last-Modified`.
    pub last_modified: Option<String>,
    /// The body (at most [`FetchRequest::max_body`] bytes).
    pub body: Vec<u8>,
}

impl FetchResponse {
    /// An answer with `status` and `body`, and no headers.
    pub fn new(status: u16, body: Vec<u8>) -> Self {
        Self {
            status,
            body,
            ..Self::default()
        }
    }
}
