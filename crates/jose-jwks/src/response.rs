//! Turning an HTTP answer into a [`JwksSnapshot`]: status, content type (RFC 7517 §8.5.1),
//! size, strict parsing, key validation (RFC 7517 §5).

use std::time::SystemTime;

use jose_jwk::{JwkSet, JwkSetReader};
use jose_jws::VerifyingKeySet;

use crate::builder::Settings;
use crate::fetcher::FetchResponse;
use crate::{Error, JwksSnapshot};

/// The `Accept` header of a JWK Set request.
pub(crate) const ACCEPT_JWKS: &str = "application/jwk-set+json, application/json";

/// Whether `content_type` (parameters aside) is one of `accepted`.
pub(crate) fn media_type_is(content_type: Option<&str>, accepted: &[&str]) -> bool {
    let media = content_type
        .and_then(|ct| ct.split(';').next())
        .map(str::trim)
        .unwrap_or_default();
    accepted.iter().any(|a| media.eq_ignore_ascii_case(a))
}

/// The snapshot for `response`, fetched at `now`; `previous` is the cached set a `304` keeps.
pub(crate) fn snapshot(
    url: &str,
    settings: &Settings,
    response: FetchResponse,
    previous: Option<&JwksSnapshot>,
    now: SystemTime,
) -> Result<JwksSnapshot, Error> {
    let max_age = settings.clamp(crate::cache_control::max_age(
        response.cache_control.as_deref(),
    ));
    let (jwks, keys, skipped) = match (response.status, previous) {
        (304, Some(previous)) => (
            previous.jwks.clone(),
            previous.keys.clone(),
            previous.skipped.clone(),
        ),
        (200, _) => read(url, settings, &response)?,
        (status, _) => {
            return Err(Error::Status {
                url: url.to_owned(),
                status,
            });
        }
    };
    let (etag, last_modified) = match (response.status, previous) {
        (304, Some(previous)) => (
            response.etag.or_else(|| previous.etag.clone()),
            response
                .last_modified
                .or_else(|| previous.last_modified.clone()),
        ),
        _ => (response.etag, response.last_modified),
    };
    Ok(JwksSnapshot {
        jwks,
        keys,
        skipped,
        fetched_at: now,
        max_age,
        fresh_until: now + max_age,
        refresh_at: now + max_age.mul_f64(0.8),
        etag,
        last_modified,
    })
}

/// The JWK Set of a `200` answer, its keys bound to the algorithms, and the skipped keys.
pub(crate) fn read(
    url: &str,
    settings: &Settings,
    response: &FetchResponse,
) -> Result<(JwkSet, VerifyingKeySet, Vec<String>), Error> {
    if !media_type_is(
        response.content_type.as_deref(),
        &["application/json", "application/jwk-set+json"],
    ) {
        return Err(Error::ContentType {
            url: url.to_owned(),
            content_type: jose_b64::printable(response.content_type.as_deref().unwrap_or("")),
        });
    }
    if response.body.len() > settings.max_body {
        return Err(Error::TooLarge {
            url: url.to_owned(),
            limit: settings.max_body,
        });
    }
    bind(url, settings, &response.body)
}

/// Parses `body` as a JWK Set and binds its keys.
pub(crate) fn bind(
    url: &str,
    settings: &Settings,
    body: &[u8],
) -> Result<(JwkSet, VerifyingKeySet, Vec<String>), Error> {
    let invalid = |source| Error::InvalidJwkSet {
        url: url.to_owned(),
        source,
    };
    let map = jose_b64::json::parse_object_map(body).map_err(|e| invalid(e.into()))?;
    let reader = if settings.strict {
        JwkSetReader::new().strict()
    } else {
        JwkSetReader::new()
    };
    let jwks = reader.read_map(map).map_err(invalid)?;
    let keys = VerifyingKeySet::from_jwks(&jwks, &settings.algorithms)?;
    let mut skipped: Vec<String> = jwks.skipped().iter().map(ToString::to_string).collect();
    skipped.extend(keys.skipped().iter().map(ToString::to_string));
    if keys.is_empty() {
        return Err(Error::NoUsableKey {
            url: url.to_owned(),
            skipped,
        });
    }
    Ok((jwks, keys, skipped))
}
