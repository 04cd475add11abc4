//! Finding the JWK Set URL of an issuer: OpenID Connect Discovery 1.0 §4, then RFC 8414 §3.

use jose_b64::serde_json::Value;

use crate::fetcher::{FetchRequest, Fetcher};
use crate::response::media_type_is;
use crate::{Error, TransportErrorKind};

/// The `jwks_uri` of `issuer`'s metadata, after checking that the metadata's `issuer` is
/// exactly `issuer` (OpenID Connect Discovery 1.0 §4.3, RFC 8414 §3.3).
///
/// The OpenID Connect location (`issuer` + `/.well-known/openid-configuration`, §4.1) is
/// tried first; when it answers 404, the RFC 8414 location (`/.well-known/
/// oauth-authorization-server` inserted between the host and the issuer's path, §3.1).
pub(crate) async fn jwks_uri(
    fetcher: &dyn Fetcher,
    issuer: &str,
    allow_http: bool,
    max_body: usize,
) -> Result<String, Error> {
    let oidc = format!(
        "{}/.well-known/openid-configuration",
        issuer.trim_end_matches('/')
    );
    let metadata = match metadata(fetcher, issuer, &oidc, max_body).await {
        Err(Error::Status { status: 404, .. }) => {
            metadata(fetcher, issuer, &rfc8414_url(issuer), max_body).await?
        }
        other => other?,
    };
    let discovery = |reason: &str| Error::Discovery {
        issuer: jose_b64::printable(issuer),
        reason: reason.to_owned(),
    };
    match metadata.get("issuer") {
        Some(Value::String(found)) if found == issuer => {}
        Some(Value::String(found)) => {
            return Err(Error::IssuerMismatch {
                expected: jose_b64::printable(issuer),
                found: jose_b64::printable(found),
            });
        }
        _ => return Err(discovery("the metadata has no \"issuer\" string")),
    }
    let Some(Value::String(jwks_uri)) = metadata.get("jwks_uri") else {
        return Err(discovery("the metadata has no \"jwks_uri\" string"));
    };
    crate::builder::check_url(jwks_uri, allow_http)?;
    Ok(jwks_uri.clone())
}

/// The RFC 8414 §3.1 metadata URL: the well-known segment between the host and the path.
fn rfc8414_url(issuer: &str) -> String {
    let (scheme, rest) = issuer.split_once("://").unwrap_or(("https", issuer));
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let path = path.trim_end_matches('/');
    if path.is_empty() {
        format!("{scheme}://{host}/.well-known/oauth-authorization-server")
    } else {
        format!("{scheme}://{host}/.well-known/oauth-authorization-server/{path}")
    }
}

async fn metadata(
    fetcher: &dyn Fetcher,
    issuer: &str,
    url: &str,
    max_body: usize,
) -> Result<jose_b64::serde_json::Map<String, Value>, Error> {
    let request = FetchRequest::new(url, "application/json", max_body);
    let response = fetcher.fetch(&request).await.map_err(|source| {
        if source.kind() == TransportErrorKind::TooLarge {
            Error::TooLarge {
                url: url.to_owned(),
                limit: max_body,
            }
        } else {
            Error::Transport {
                url: url.to_owned(),
                source,
            }
        }
    })?;
    if response.status != 200 {
        return Err(Error::Status {
            url: url.to_owned(),
            status: response.status,
        });
    }
    if !media_type_is(response.content_type.as_deref(), &["application/json"]) {
        return Err(Error::ContentType {
            url: url.to_owned(),
            content_type: jose_b64::printable(response.content_type.as_deref().unwrap_or("")),
        });
    }
    jose_b64::json::parse_object_map(&response.body).map_err(|e| Error::Discovery {
        issuer: jose_b64::printable(issuer),
        reason: format!("the metadata is not a JSON object: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::rfc8414_url;

    #[test]
    fn rfc8414_locations() {
        assert_eq!(
            rfc8414_url("https://as.example"),
            "https://as.example/.well-known/oauth-authorization-server"
        );
        assert_eq!(
            rfc8414_url("https://as.example/tenant/1/"),
            "https://as.example/.well-known/oauth-authorization-server/tenant/1"
        );
    }
}
