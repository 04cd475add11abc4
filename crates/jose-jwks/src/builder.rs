//! The settings of a [`RemoteJwkSet`] and their builder.

use std::sync::Arc;
use std::time::Duration;

use jose_jws::JwsAlgorithm;
use jose_jwt::{Clock, SystemClock};

use crate::{CachedJwks, Error, Fetcher, RemoteJwkSet};

/// The asymmetric JWS algorithms (RFC 7518 §3.1, RFC 8037, RFC 8812): what an identity
/// provider publishes public keys for. HMAC keys are secrets and never come from a URL.
pub const ASYMMETRIC_ALGORITHMS: [JwsAlgorithm; 10] = [
    JwsAlgorithm::RS256,
    JwsAlgorithm::RS384,
    JwsAlgorithm::RS512,
    JwsAlgorithm::PS256,
    JwsAlgorithm::PS384,
    JwsAlgorithm::PS512,
    JwsAlgorithm::ES256,
    JwsAlgorithm::ES384,
    JwsAlgorithm::ES512,
    JwsAlgorithm::EdDSA,
];

/// The settings, once built.
#[derive(Clone)]
pub(crate) struct Settings {
    pub(crate) algorithms: Vec<JwsAlgorithm>,
    pub(crate) min_max_age: Duration,
    pub(crate) max_max_age: Duration,
    pub(crate) default_max_age: Duration,
    pub(crate) cooldown: Duration,
    pub(crate) stale_if_error: Duration,
    pub(crate) backoff_initial: Duration,
    pub(crate) backoff_max: Duration,
    pub(crate) max_body: usize,
    pub(crate) allow_http: bool,
    pub(crate) strict: bool,
}

impl Settings {
    /// `max_age` (the answer's, or the default) within the bounds.
    pub(crate) fn clamp(&self, max_age: Option<Duration>) -> Duration {
        max_age
            .unwrap_or(self.default_max_age)
            .clamp(self.min_max_age, self.max_max_age)
    }

    /// The wait before the next attempt after `failures` consecutive failures: doubling from
    /// the initial back-off, capped.
    pub(crate) fn backoff(&self, failures: u32) -> Duration {
        let factor = 1u32
            .checked_shl(failures.saturating_sub(1).min(16))
            .unwrap_or(u32::MAX);
        self.backoff_initial
            .saturating_mul(factor)
            .min(self.backoff_max)
    }
}

/// Configures a [`RemoteJwkSet`]; [`Self::build`] takes the JWK Set URL, [`Self::discover`]
/// the issuer.
///
/// ```
/// use std::time::Duration;
/// use jose_jwks::RemoteJwkSet;
/// use jose_jws::JwsAlgorithm;
///
/// let jwks = RemoteJwkSet::builder()
///     .algorithms([JwsAlgorithm::ES256])
///     .max_age_bounds(Duration::from_secs(60), Duration::from_secs(3600))
///     .cooldown(Duration::from_secs(10))
///     .build("https://issuer.example/.well-known/jwks.json")?;
/// assert_eq!(jwks.url(), "https://issuer.example/.well-known/jwks.json");
///
/// let refused = RemoteJwkSet::builder().build("http://issuer.example/jwks.json").unwrap_err();
/// assert_eq!(refused.code(), "ERR_JWKS_INSECURE_URL");
/// # Ok::<(), jose_jwks::Error>(())
/// ```
#[must_use]
pub struct RemoteJwkSetBuilder {
    settings: Settings,
    connect_timeout: Duration,
    timeout: Duration,
    roots_pem: Vec<String>,
    fetcher: Option<Arc<dyn Fetcher>>,
    clock: Arc<dyn Clock>,
    import: Option<CachedJwks>,
    error: Option<Error>,
}

impl Default for RemoteJwkSetBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl RemoteJwkSetBuilder {
    /// The defaults, as each setter gives them.
    pub fn new() -> Self {
        Self {
            settings: Settings {
                algorithms: ASYMMETRIC_ALGORITHMS.to_vec(),
                min_max_age: Duration::from_secs(5 * 60),
                max_max_age: Duration::from_secs(24 * 60 * 60),
                default_max_age: Duration::from_secs(10 * 60),
                cooldown: Duration::from_secs(30),
                stale_if_error: Duration::from_secs(24 * 60 * 60),
                backoff_initial: Duration::from_secs(1),
                backoff_max: Duration::from_secs(5 * 60),
                max_body: 512 * 1024,
                allow_http: false,
                strict: false,
            },
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(10),
            roots_pem: Vec::new(),
            fetcher: None,
            clock: Arc::new(SystemClock),
            import: None,
            error: None,
        }
    }

    /// The algorithms keys are bound to (a JWK without `alg` gives a key for each that fits
    /// it). Default: [`ASYMMETRIC_ALGORITHMS`]. The verifier's allow-list still decides what
    /// a token may use.
    pub fn algorithms(mut self, algorithms: impl IntoIterator<Item = JwsAlgorithm>) -> Self {
        self.settings.algorithms = algorithms.into_iter().collect();
        self
    }

    /// The bounds that the answer's `Cache-Control: max-age` is clamped to. Default: 5
    /// minutes to 24 hours.
    pub fn max_age_bounds(mut self, min: Duration, max: Duration) -> Self {
        if min > max {
            self.fail("the minimum max-age is above the maximum");
        }
        self.settings.min_max_age = min;
        self.settings.max_max_age = max;
        self
    }

    /// How long a set is fresh when the answer has no `max-age` (then clamped to the
    /// bounds). Default: 10 minutes.
    pub fn default_max_age(mut self, max_age: Duration) -> Self {
        self.settings.default_max_age = max_age;
        self
    }

    /// The least time between two fetches caused by tokens with an unknown `kid`. Default: 30
    /// seconds.
    pub fn cooldown(mut self, cooldown: Duration) -> Self {
        self.settings.cooldown = cooldown;
        self
    }

    /// How long past its freshness the last good set is still used while the provider fails
    /// (timeouts, 5xx, a malformed set), as RFC 5861 §4's `stale-if-error`. Default: 24 hours.
    pub fn stale_if_error(mut self, window: Duration) -> Self {
        self.settings.stale_if_error = window;
        self
    }

    /// The back-off after a failed fetch: `initial`, doubling with each consecutive failure
    /// up to `max`. Default: 1 second to 5 minutes.
    pub fn retry_backoff(mut self, initial: Duration, max: Duration) -> Self {
        if initial > max {
            self.fail("the initial back-off is above the maximum");
        }
        self.settings.backoff_initial = initial;
        self.settings.backoff_max = max;
        self
    }

    /// The largest answer read, in bytes. Default: 512 KiB.
    pub fn max_body(mut self, bytes: usize) -> Self {
        self.settings.max_body = bytes;
        self
    }

    /// Accepts plain `http` URLs and redirects (for tests and localhost; never for a real
    /// provider). Default: `https` only.
    pub fn allow_http(mut self) -> Self {
        self.settings.allow_http = true;
        self
    }

    /// Refuses a whole set when one key fails validation, instead of skipping and reporting
    /// that key. Default: skip and report.
    pub fn strict(mut self) -> Self {
        self.settings.strict = true;
        self
    }

    /// The connect timeout of the default fetcher. Default: 5 seconds.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The total timeout of one request of the default fetcher (connecting, sending, reading
    /// the body). Default: 10 seconds.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Trusts the PEM certificate `pem` as a root, besides the platform's, in the default
    /// fetcher (a private CA, or a test CA). Default: the platform's roots only.
    pub fn add_root_certificate_pem(mut self, pem: impl Into<String>) -> Self {
        self.roots_pem.push(pem.into());
        self
    }

    /// Fetches with `fetcher` instead of the default (reqwest). The timeouts and root
    /// certificates above are then the fetcher's business. Default: [`crate::ReqwestFetcher`].
    pub fn fetcher(mut self, fetcher: impl Fetcher) -> Self {
        self.fetcher = Some(Arc::new(fetcher));
        self
    }

    /// Where the current time is read for freshness, cooldown and back-off (inject one in
    /// tests). Default: [`SystemClock`].
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Starts warm with a set exported by [`RemoteJwkSet::export`] (a serverless cold start):
    /// used while fresh, then refreshed as any other. Default: start empty.
    pub fn import(mut self, cached: CachedJwks) -> Self {
        self.import = Some(cached);
        self
    }

    /// The remote JWK Set at `url`. Nothing is fetched yet: the first verification fetches.
    ///
    /// # Errors
    ///
    /// [`Error::InsecureUrl`] for an `http` URL without [`Self::allow_http`];
    /// [`Error::Configuration`] for a URL that is not absolute, an empty algorithm list, an
    /// inverted bound, a default fetcher that cannot be built, an import made for another URL.
    pub fn build(self, url: impl Into<String>) -> Result<RemoteJwkSet, Error> {
        let url = url.into();
        check_url(&url, self.settings.allow_http)?;
        if let Some(error) = self.error {
            return Err(error);
        }
        if self.settings.algorithms.is_empty() {
            return Err(Error::Configuration {
                reason: "the algorithm list is empty".to_owned(),
            });
        }
        let fetcher = match self.fetcher {
            Some(fetcher) => fetcher,
            None => default_fetcher(
                self.connect_timeout,
                self.timeout,
                self.settings.allow_http,
                &self.roots_pem,
            )?,
        };
        RemoteJwkSet::from_parts(url, self.settings, fetcher, self.clock, self.import)
    }

    /// Discovers the JWK Set URL of `issuer` (OpenID Connect Discovery 1.0 §4, then RFC 8414
    /// §3), checks that the metadata names exactly `issuer`, and builds the set at its
    /// `jwks_uri`.
    ///
    /// # Errors
    ///
    /// As [`Self::build`]; the fetch errors; [`Error::Discovery`] for a document that is not
    /// usable; [`Error::IssuerMismatch`] when its `issuer` differs.
    pub async fn discover(self, issuer: &str) -> Result<RemoteJwkSet, Error> {
        check_url(issuer, self.settings.allow_http)?;
        let fetcher = match &self.fetcher {
            Some(fetcher) => Arc::clone(fetcher),
            None => default_fetcher(
                self.connect_timeout,
                self.timeout,
                self.settings.allow_http,
                &self.roots_pem,
            )?,
        };
        let jwks_uri = crate::discovery::jwks_uri(
            fetcher.as_ref(),
            issuer,
            self.settings.allow_http,
            self.settings.max_body,
        )
        .await?;
        Self {
            fetcher: Some(fetcher),
            ..self
        }
        .build(jwks_uri)
    }

    fn fail(&mut self, reason: &str) {
        if self.error.is_none() {
            self.error = Some(Error::Configuration {
                reason: reason.to_owned(),
            });
        }
    }
}

impl std::fmt::Debug for RemoteJwkSetBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RemoteJwkSetBuilder")
            .field("algorithms", &self.settings.algorithms)
            .finish_non_exhaustive()
    }
}

#[cfg(feature = "reqwest")]
fn default_fetcher(
    connect_timeout: Duration,
    timeout: Duration,
    allow_http: bool,
    roots_pem: &[String],
) -> Result<Arc<dyn Fetcher>, Error> {
    Ok(Arc::new(crate::ReqwestFetcher::with_settings(
        connect_timeout,
        timeout,
        allow_http,
        roots_pem,
    )?))
}

#[cfg(not(feature = "reqwest"))]
fn default_fetcher(
    _: Duration,
    _: Duration,
    _: bool,
    _: &[String],
) -> Result<Arc<dyn Fetcher>, Error> {
    Err(Error::Configuration {
        reason: "no fetcher: enable the `reqwest` feature or set one with `fetcher`".to_owned(),
    })
}

/// The longest URL accepted.
const MAX_URL_LEN: usize = 2048;

/// An absolute `https` URL (or `http` when allowed) with a host.
pub(crate) fn check_url(url: &str, allow_http: bool) -> Result<(), Error> {
    let shown = || jose_b64::printable(url);
    if url.len() > MAX_URL_LEN {
        return Err(Error::Configuration {
            reason: format!("the URL is longer than {MAX_URL_LEN} bytes"),
        });
    }
    let (scheme, rest) = url.split_once("://").unwrap_or(("", ""));
    let host_present = rest
        .split(['/', '?', '#'])
        .next()
        .is_some_and(|host| !host.is_empty());
    match scheme.to_ascii_lowercase().as_str() {
        "https" if host_present => Ok(()),
        "http" if host_present && allow_http => Ok(()),
        "http" if host_present => Err(Error::InsecureUrl { url: shown() }),
        _ => Err(Error::Configuration {
            reason: format!("\"{}\" is not an absolute https URL", shown()),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_its_cap() {
        let settings = RemoteJwkSetBuilder::new().settings;
        let secs = |n| settings.backoff(n).as_secs();
        assert_eq!([secs(1), secs(2), secs(3), secs(9)], [1, 2, 4, 256]);
        assert_eq!(secs(10), 300);
        assert_eq!(secs(u32::MAX), 300);
    }

    #[test]
    fn urls() {
        assert!(check_url("https://idp.example", false).is_ok());
        assert!(check_url("HTTPS://idp.example/jwks?x=1", false).is_ok());
        assert!(check_url("http://127.0.0.1:8080/jwks", true).is_ok());
        assert!(matches!(
            check_url("http://idp.example", false),
            Err(Error::InsecureUrl { .. })
        ));
        for bad in [
            "ftp://idp.example",
            "https://",
            "https:///path",
            "idp.example",
            "",
        ] {
            assert!(
                matches!(check_url(bad, true), Err(Error::Configuration { .. })),
                "{bad}"
            );
        }
        let long = format!("https://idp.example/{}", "a".repeat(MAX_URL_LEN));
        assert!(matches!(
            check_url(&long, false),
            Err(Error::Configuration { .. })
        ));
    }
}
