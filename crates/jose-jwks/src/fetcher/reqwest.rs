//! The default fetcher: reqwest with rustls.

use std::time::Duration;

use reqwest::header::{
    ACCEPT, CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED,
};

use super::{FetchFuture, FetchRequest, FetchResponse, Fetcher};
use crate::{Error, TransportError, TransportErrorKind};

/// The most redirects followed.
const MAX_REDIRECTS: usize = 3;

/// The default [`Fetcher`]: a [`reqwest::Client`] over rustls (the aws-lc-rs provider) with
/// the platform's root certificates.
///
/// Made by [`crate::RemoteJwkSetBuilder`] with its timeouts (connect 5 s, total 10 s by
/// default), at most 3 redirects, each to `https` only (unless plain `http` is allowed), and no
/// proxy from the environment. [`ReqwestFetcher::from_client`] takes a client of your own.
#[derive(Clone, Debug)]
pub struct ReqwestFetcher {
    client: reqwest::Client,
}

impl ReqwestFetcher {
    /// A fetcher using `client` as it is configured (its timeouts, redirects, proxies, TLS).
    pub fn from_client(client: reqwest::Client) -> Self {
        Self { client }
    }

    /// The default client: `connect_timeout` and `timeout`, redirects limited and (unless
    /// `allow_http`) https-only, and the extra trusted roots `roots_pem` (PEM certificates).
    pub(crate) fn with_settings(
        connect_timeout: Duration,
        timeout: Duration,
        allow_http: bool,
        roots_pem: &[String],
    ) -> Result<Self, Error> {
        let redirects = reqwest::redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() >= MAX_REDIRECTS {
                attempt.error("too many redirects")
            } else if !allow_http && attempt.url().scheme() != "https" {
                attempt.error("a redirect away from https")
            } else {
                attempt.follow()
            }
        });
        let mut builder = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .timeout(timeout)
            .redirect(redirects)
            .https_only(!allow_http)
            .no_proxy()
            .user_agent(concat!("jose-jwks/", env!("CARGO_PKG_VERSION")));
        for pem in roots_pem {
            let certs = reqwest::Certificate::from_pem_bundle(pem.as_bytes())
                .ok()
                .filter(|certs| !certs.is_empty())
                .ok_or_else(|| Error::Configuration {
                    reason: "a root certificate is not a PEM certificate".to_owned(),
                })?;
            builder = builder.tls_certs_merge(certs);
        }
        let client = builder.build().map_err(|e| Error::Configuration {
            reason: format!("the HTTP client cannot be built: {e}"),
        })?;
        Ok(Self { client })
    }
}

impl Fetcher for ReqwestFetcher {
    fn fetch<'a>(&'a self, request: &'a FetchRequest) -> FetchFuture<'a> {
        Box::pin(async move {
            let mut get = self.client.get(&request.url).header(ACCEPT, request.accept);
            if let Some(etag) = &request.if_none_match {
                get = get.header(IF_NONE_MATCH, etag);
            }
            if let Some(date) = &request.if_modified_since {
                get = get.header(IF_MODIFIED_SINCE, date);
            }
            let mut response = get.send().await.map_err(transport)?;
            let header = |name| {
                response
                    .headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned)
            };
            let mut answer = FetchResponse {
                status: response.status().as_u16(),
                content_type: header(CONTENT_TYPE),
                cache_control: header(CACHE_CONTROL),
                etag: header(ETAG),
                last_modified: header(LAST_MODIFIED),
                body: Vec::new(),
            };
            if response
                .content_length()
                .is_some_and(|len| len > request.max_body as u64)
            {
                return Err(too_large(request.max_body));
            }
            while let Some(chunk) = response.chunk().await.map_err(transport)? {
                if answer.body.len().saturating_add(chunk.len()) > request.max_body {
                    return Err(too_large(request.max_body));
                }
                answer.body.extend_from_slice(&chunk);
            }
            Ok(answer)
        })
    }
}

fn too_large(limit: usize) -> TransportError {
    TransportError::new(
        TransportErrorKind::TooLarge,
        format!("the body exceeds {limit} bytes"),
    )
}

fn transport(e: reqwest::Error) -> TransportError {
    let kind = if e.is_timeout() {
        TransportErrorKind::Timeout
    } else if e.is_connect() {
        TransportErrorKind::Connect
    } else if e.is_redirect() {
        TransportErrorKind::Redirect
    } else {
        TransportErrorKind::Other
    };
    TransportError::new(kind, e)
}
