//! The error responses of RFC 9449 (§5, §7.1, §8, §9), as data a web layer turns into a
//! response.

use jose_jws::JwsAlgorithm;

use crate::Error;

/// What to answer when a DPoP-protected request fails: the status, the `WWW-Authenticate`
/// value (resource server), the JSON body (authorization server), and the `DPoP-Nonce`
/// header value when the server wants a (new) nonce.
///
/// ```
/// use jose_jws::JwsAlgorithm;
/// use jose_oauth::{DpopChallenge, Error};
///
/// // A proof without the nonce the resource server requires (RFC 9449 §9, Figure 24).
/// let c = DpopChallenge::resource_server(
///     &Error::UseDpopNonce { present: false },
///     &[JwsAlgorithm::ES256],
///     Some("eyJ7S_zG.eyJH0-Z.HX4w-7v".into()),
/// );
/// assert_eq!(c.status(), 401);
/// assert_eq!(c.error(), Some("use_dpop_nonce"));
/// assert_eq!(c.dpop_nonce(), Some("eyJ7S_zG.eyJH0-Z.HX4w-7v"));
/// assert!(c.www_authenticate().starts_with("DPoP error=\"use_dpop_nonce\", error_description=\""));
/// # Ok::<(), Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DpopChallenge {
    status: u16,
    error: Option<&'static str>,
    description: Option<String>,
    algs: Vec<&'static str>,
    nonce: Option<String>,
}

/// The error code (RFC 9449 §7.1, RFC 6750 §3.1) and status a failure maps to at a resource
/// server.
fn resource_error(error: &Error) -> (u16, Option<&'static str>) {
    match error {
        Error::UseDpopNonce { .. } => (401, Some("use_dpop_nonce")),
        Error::DpopProof(_)
        | Error::DpopKey { .. }
        | Error::DpopAlgorithm { .. }
        | Error::HtmMismatch { .. }
        | Error::HtuMismatch { .. }
        | Error::IatOutOfWindow { .. }
        | Error::Replayed
        | Error::AthMismatch { .. } => (401, Some("invalid_dpop_proof")),
        Error::InsufficientScope { .. } => (403, Some("insufficient_scope")),
        Error::ReplayStoreUnavailable { .. } | Error::ReplayStoreFull { .. } => (503, None),
        Error::Configuration { .. } => (500, None),
        _ => (401, Some("invalid_token")),
    }
}

impl DpopChallenge {
    /// The answer of a resource server to a request that failed with `error` (RFC 9449
    /// §7.1, §9): 401 with `WWW-Authenticate: DPoP error="…", error_description="…",
    /// algs="…"` (`use_dpop_nonce`, `invalid_dpop_proof`, `invalid_token`), 403 for
    /// `insufficient_scope`, 503 when the replay store did not answer, 500 for a
    /// configuration error. `algs` are the accepted proof algorithms
    /// ([`crate::DpopVerifier::algorithms`]); `nonce` is a fresh nonce for the
    /// `DPoP-Nonce` header (required with `use_dpop_nonce`, and may come with any answer).
    pub fn resource_server(error: &Error, algs: &[JwsAlgorithm], nonce: Option<String>) -> Self {
        let (status, code) = resource_error(error);
        Self {
            status,
            error: code,
            description: code.map(|_| error.to_string()),
            algs: algs.iter().map(|a| a.as_str()).collect(),
            nonce,
        }
    }

    /// The answer of a resource server to a request without credentials (RFC 9449 §7.1,
    /// Figure 15): 401 with `WWW-Authenticate: DPoP algs="…"`.
    pub fn missing_credentials(algs: &[JwsAlgorithm]) -> Self {
        Self {
            status: 401,
            error: None,
            description: None,
            algs: algs.iter().map(|a| a.as_str()).collect(),
            nonce: None,
        }
    }

    /// The answer of an authorization server's token endpoint to a proof that failed with
    /// `error` (RFC 9449 §5, §8): 400 with the JSON body `{"error": "use_dpop_nonce" |
    /// "invalid_dpop_proof", "error_description": …}`, or 503 / 500 when the server itself
    /// failed.
    pub fn token_endpoint(error: &Error, nonce: Option<String>) -> Self {
        let (status, code) = match error {
            Error::UseDpopNonce { .. } => (400, Some("use_dpop_nonce")),
            Error::ReplayStoreUnavailable { .. } | Error::ReplayStoreFull { .. } => (503, None),
            Error::Configuration { .. } => (500, None),
            _ => (400, Some("invalid_dpop_proof")),
        };
        Self {
            status,
            error: code,
            description: code.map(|_| error.to_string()),
            algs: Vec::new(),
            nonce,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The OAuth error code, if any.
    pub fn error(&self) -> Option<&'static str> {
        self.error
    }

    /// The value of the `DPoP-Nonce` response header, if any.
    pub fn dpop_nonce(&self) -> Option<&str> {
        self.nonce.as_deref()
    }

    /// The value of the `WWW-Authenticate` response header (resource server, RFC 9449
    /// §7.1): the `DPoP` scheme with `error`, `error_description` and `algs` as present.
    pub fn www_authenticate(&self) -> String {
        let mut params: Vec<String> = Vec::new();
        if let Some(error) = self.error {
            params.push(format!("error=\"{error}\""));
        }
        if let Some(description) = &self.description {
            params.push(format!("error_description=\"{}\"", quoted(description)));
        }
        if !self.algs.is_empty() {
            params.push(format!("algs=\"{}\"", self.algs.join(" ")));
        }
        if params.is_empty() {
            "DPoP".into()
        } else {
            format!("DPoP {}", params.join(", "))
        }
    }

    /// The JSON body of a token endpoint's error response (RFC 6749 §5.2).
    pub fn json_body(&self) -> String {
        let mut body = jose_b64::serde_json::Map::new();
        if let Some(error) = self.error {
            body.insert("error".into(), error.into());
        }
        if let Some(description) = &self.description {
            body.insert("error_description".into(), quoted(description).into());
        }
        jose_b64::serde_json::Value::Object(body).to_string()
    }
}

/// Text fit for a quoted-string and for RFC 6749's `error_description` (printable ASCII but
/// `"` and `\`).
fn quoted(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '"' => '\'',
            '\\' => '/',
            c if (' '..='~').contains(&c) => c,
            _ => '?',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_errors_to_rfc_9449_responses() {
        let algs = [JwsAlgorithm::ES256, JwsAlgorithm::PS256];
        assert_eq!(
            DpopChallenge::missing_credentials(&algs).www_authenticate(),
            "DPoP algs=\"ES256 PS256\""
        );
        let c = DpopChallenge::resource_server(
            &Error::KeyBinding { reason: "x".into() },
            &algs[..1],
            None,
        );
        assert_eq!((c.status(), c.error()), (401, Some("invalid_token")));
        assert!(c.www_authenticate().ends_with(", algs=\"ES256\""));
        for e in [
            Error::Replayed,
            Error::AthMismatch {
                reason: "\"\\é".into(),
            },
        ] {
            let c = DpopChallenge::resource_server(&e, &algs, None);
            assert_eq!(c.error(), Some("invalid_dpop_proof"));
            assert!(!c.www_authenticate()["DPoP ".len()..].contains('\\'));
        }
        let c = DpopChallenge::resource_server(
            &Error::InsufficientScope { missing: vec![] },
            &algs,
            None,
        );
        assert_eq!(c.status(), 403);
        let c =
            DpopChallenge::resource_server(&Error::ReplayStoreFull { capacity: 1 }, &algs, None);
        assert_eq!((c.status(), c.error()), (503, None));
        assert_eq!(c.www_authenticate(), "DPoP algs=\"ES256 PS256\"");
        let c = DpopChallenge::resource_server(&Error::configuration("x"), &[], None);
        assert_eq!((c.status(), c.www_authenticate().as_str()), (500, "DPoP"));

        let c = DpopChallenge::token_endpoint(
            &Error::UseDpopNonce { present: false },
            Some("n".into()),
        );
        assert_eq!(
            (c.status(), c.error(), c.dpop_nonce()),
            (400, Some("use_dpop_nonce"), Some("n"))
        );
        assert!(
            c.json_body()
                .starts_with("{\"error\":\"use_dpop_nonce\",\"error_description\":")
        );
        let c = DpopChallenge::token_endpoint(&Error::Replayed, None);
        assert_eq!(c.error(), Some("invalid_dpop_proof"));
        let c = DpopChallenge::token_endpoint(
            &Error::ReplayStoreUnavailable { reason: "x".into() },
            None,
        );
        assert_eq!((c.status(), c.json_body().as_str()), (503, "{}"));
        assert_eq!(
            DpopChallenge::token_endpoint(&Error::configuration("x"), None).status(),
            500
        );
    }
}
