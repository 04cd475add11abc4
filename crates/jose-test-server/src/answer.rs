//! One scripted HTTP answer.

use std::time::Duration;

use bytes::Bytes;

/// What the server answers to one request: a status, headers, a body, and optionally a delay
/// before answering or no answer at all.
#[derive(Clone, Debug)]
pub struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Bytes,
    pub(crate) delay: Duration,
    pub(crate) hang: bool,
}

impl Answer {
    /// `status` with an empty body.
    pub fn status(status: u16) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: Bytes::new(),
            delay: Duration::ZERO,
            hang: false,
        }
    }

    /// `200 OK` with `body` as `application/json`.
    pub fn json(body: impl Into<String>) -> Self {
        Self::status(200)
            .header("content-type", "application/json")
            .body(body.into())
    }

    /// An answer that never comes: the connection stays open, silent, until the server stops.
    pub fn hang() -> Self {
        Self {
            hang: true,
            ..Self::status(200)
        }
    }

    /// Sets the body.
    pub fn body(mut self, body: impl Into<Bytes>) -> Self {
        self.body = body.into();
        self
    }

    /// Adds a header (names are sent as given; `content-length` is set by the server).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Replaces the `content-type` header.
    pub fn content_type(mut self, value: impl Into<String>) -> Self {
        self.headers
            .retain(|(name, _)| !name.eq_ignore_ascii_case("content-type"));
        self.header("content-type", value)
    }

    /// Adds `Cache-Control: max-age=SECS`.
    pub fn max_age(self, secs: u64) -> Self {
        self.header("cache-control", format!("max-age={secs}"))
    }

    /// Adds an `ETag` (give it with its quotes, `"v1"`): a request whose `If-None-Match`
    /// equals it gets `304 Not Modified`.
    pub fn etag(self, etag: impl Into<String>) -> Self {
        self.header("etag", etag)
    }

    /// Adds a `Last-Modified` date: a request whose `If-Modified-Since` equals it gets `304
    /// Not Modified`.
    pub fn last_modified(self, date: impl Into<String>) -> Self {
        self.header("last-modified", date)
    }

    /// Waits `delay` before answering.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// The value of a header of this answer.
    pub(crate) fn header_value(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}
