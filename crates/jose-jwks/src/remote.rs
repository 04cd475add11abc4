//! [`RemoteJwkSet`]: a JWK Set at a URL, fetched once for many verifications, refreshed
//! ahead of expiry, single-flight, with an unknown-`kid` cooldown and stale-if-error.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use arc_swap::ArcSwapOption;
use futures_util::future::{BoxFuture, FutureExt, Shared, WeakShared};
use jose_jws::{VerifyingKey, VerifyingKeyRequest, VerifyingKeyResolver};
use jose_jwt::Clock;

use crate::builder::Settings;
use crate::fetcher::{FetchRequest, Fetcher};
use crate::response::ACCEPT_JWKS;
use crate::{CachedJwks, Error, JwksSnapshot, RemoteJwkSetBuilder, Status, TransportErrorKind};

/// The fetch in flight, shared by everyone who waits for it.
type Flight = Shared<BoxFuture<'static, Result<Arc<JwksSnapshot>, Error>>>;
/// The fetch in flight as the set remembers it: weakly, so that the set and its fetch do not
/// keep each other alive (a fetch nobody waits for any more is dropped).
type WeakFlight = WeakShared<BoxFuture<'static, Result<Arc<JwksSnapshot>, Error>>>;

/// A JWK Set published at a URL (RFC 7517 §5) by an identity provider, cached for
/// verification.
///
/// Cheap to clone (one shared cache). Verification reads the cached snapshot without a lock
/// or a reference-count write of its own ([`arc_swap`]'s `load`), so readers on many threads
/// do not contend, and it never waits on the network while the set is fresh:
///
/// - **Freshness** from `Cache-Control: max-age`, clamped to the configured bounds (default 5
///   minutes to 24 hours); conditional requests with `If-None-Match` / `If-Modified-Since`.
/// - **Refresh ahead**: after 80 % of its lifetime, the set is refreshed in the background
///   (on the current tokio runtime) while verification goes on with it.
/// - **Single flight**: concurrent misses share one request.
/// - **Unknown `kid`**: one refetch, then none until the cooldown (default 30 s) has passed
///   since the last fetch; a flood of random `kid`s makes at most one request per cooldown.
/// - **Stale-if-error**: when the provider fails, the last good set is used for up to 24 hours
///   past its freshness, with retries backing off from 1 second to 5 minutes; see
///   [`Self::status`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use jose_jwks::{JwtVerifierExt, RemoteJwkSet};
/// use jose_jws::JwsAlgorithm;
/// use jose_jwt::{JwtVerifier, Validation};
/// # let idp = jose_test_server::IdentityProvider::http(JwsAlgorithm::ES256)?;
/// # let (jwks_uri, issuer) = (idp.jwks_uri(), idp.issuer());
/// # let token = idp.token("alice", "my-api")?;
///
/// let jwks = RemoteJwkSet::builder().allow_http().build(jwks_uri)?;
/// let verifier = JwtVerifier::new(
///     [JwsAlgorithm::ES256],
///     Validation::new().issuer(issuer).audience("my-api"),
/// )?;
/// let jwt = verifier.verify_async(&token, &jwks).await?;
/// assert_eq!(jwt.subject(), Some("alice"));
/// assert_eq!(jwks.status().kids, ["key-1"]);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct RemoteJwkSet {
    inner: Arc<Inner>,
}

struct Inner {
    url: String,
    settings: Settings,
    fetcher: Arc<dyn Fetcher>,
    clock: Arc<dyn Clock>,
    current: ArcSwapOption<JwksSnapshot>,
    flight: Mutex<Option<WeakFlight>>,
    health: Mutex<Health>,
    /// When the last fetch started (ms since the epoch; 0: never). An atomic, so that a flood
    /// of unknown `kid`s reads it without a lock; the one token that claims a refetch swaps it.
    last_attempt_ms: AtomicU64,
    /// No fetch before this (ms since the epoch; 0: none): the back-off after a failure.
    next_attempt_ms: AtomicU64,
    /// A background refresh has been started and not finished.
    refreshing: AtomicBool,
}

/// What the fetches did so far.
#[derive(Default)]
struct Health {
    /// Failures since the last success.
    consecutive_failures: u32,
    /// The last failure.
    last_error: Option<Error>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl RemoteJwkSet {
    /// The JWK Set at `url` (`https`), with the default settings.
    ///
    /// # Errors
    ///
    /// As [`RemoteJwkSetBuilder::build`].
    pub fn new(url: impl Into<String>) -> Result<Self, Error> {
        RemoteJwkSetBuilder::new().build(url)
    }

    /// The JWK Set of `issuer`, found by discovery, with the default settings.
    ///
    /// # Errors
    ///
    /// As [`RemoteJwkSetBuilder::discover`].
    pub async fn discover(issuer: &str) -> Result<Self, Error> {
        RemoteJwkSetBuilder::new().discover(issuer).await
    }

    /// A builder for the settings.
    pub fn builder() -> RemoteJwkSetBuilder {
        RemoteJwkSetBuilder::new()
    }

    pub(crate) fn from_parts(
        url: String,
        settings: Settings,
        fetcher: Arc<dyn Fetcher>,
        clock: Arc<dyn Clock>,
        import: Option<CachedJwks>,
    ) -> Result<Self, Error> {
        let current = match import {
            Some(cached) => Some(Arc::new(cached.into_snapshot(&url, &settings)?)),
            None => None,
        };
        Ok(Self {
            inner: Arc::new(Inner {
                url,
                settings,
                fetcher,
                clock,
                current: ArcSwapOption::new(current),
                flight: Mutex::new(None),
                health: Mutex::new(Health::default()),
                last_attempt_ms: AtomicU64::new(0),
                next_attempt_ms: AtomicU64::new(0),
                refreshing: AtomicBool::new(false),
            }),
        })
    }

    /// The JWK Set URL.
    pub fn url(&self) -> &str {
        &self.inner.url
    }

    /// Runs `verify` with the keys: the cached set when fresh (fetching only when none is,
    /// or in the background ahead of expiry), then once more after one refetch if the token
    /// names an unknown key and the cooldown allows it.
    ///
    /// This is what [`crate::JwtVerifierExt::verify_async`] and
    /// [`crate::VerifierExt::verify_compact_async`] call; use it for any other synchronous
    /// verification with a [`VerifyingKeyResolver`].
    ///
    /// # Errors
    ///
    /// The fetch errors when no usable set is cached; `verify`'s error otherwise.
    pub async fn with_keys<T>(
        &self,
        verify: impl Fn(&JwksSnapshot) -> Result<T, Error> + Send,
    ) -> Result<T, Error> {
        let now = self.inner.clock.now();
        let warm = {
            let guard = self.inner.current.load();
            match guard.as_deref() {
                Some(snapshot) if now < snapshot.fresh_until => {
                    if now >= snapshot.refresh_at {
                        self.refresh_in_background(now);
                    }
                    Some(verify(snapshot))
                }
                _ => None,
            }
        };
        let result = match warm {
            Some(result) => result,
            None => verify(&*self.usable(now).await?),
        };
        match result {
            Err(e) if e.is_unknown_key() => self.after_unknown_key(e, verify).await,
            result => result,
        }
    }

    /// Fetches the set now (joining a fetch in flight), whatever its freshness, as after a
    /// key compromise. Stale-if-error does not apply.
    ///
    /// # Errors
    ///
    /// The fetch errors.
    pub async fn refresh(&self) -> Result<Arc<JwksSnapshot>, Error> {
        self.flight().await
    }

    /// The cached snapshot, fresh or not, without fetching; `None` before the first fetch.
    pub fn snapshot(&self) -> Option<Arc<JwksSnapshot>> {
        self.inner.current.load_full()
    }

    /// The state of the cache, for health checks and metrics.
    pub fn status(&self) -> Status {
        let now = self.inner.clock.now();
        let snapshot = self.snapshot();
        let health = lock(&self.inner.health);
        Status {
            url: self.inner.url.clone(),
            fetched_at: snapshot.as_ref().map(|s| s.fetched_at),
            age: snapshot
                .as_ref()
                .map(|s| now.duration_since(s.fetched_at).unwrap_or_default()),
            fresh: snapshot.as_ref().is_some_and(|s| s.is_fresh_at(now)),
            usable: snapshot
                .as_ref()
                .is_some_and(|s| self.within_stale_window(s, now)),
            kids: snapshot.as_ref().map(|s| s.kids()).unwrap_or_default(),
            skipped: snapshot
                .as_ref()
                .map(|s| s.skipped.clone())
                .unwrap_or_default(),
            consecutive_failures: health.consecutive_failures,
            last_error: health.last_error.clone(),
        }
    }

    /// The cached set with its freshness, to [`RemoteJwkSetBuilder::import`] into another
    /// process (a serverless cold start); `None` before the first fetch.
    pub fn export(&self) -> Option<CachedJwks> {
        self.snapshot()
            .map(|snapshot| CachedJwks::from_snapshot(&self.inner.url, &snapshot))
    }

    /// No fresh set: a fetch; when it fails, or while backing off after a failure, the last
    /// good set within the stale-if-error window.
    async fn usable(&self, now: SystemTime) -> Result<Arc<JwksSnapshot>, Error> {
        let stale = self.snapshot().filter(|s| self.within_stale_window(s, now));
        let next = self.inner.next_attempt_ms.load(Ordering::Acquire);
        if millis(now) < next {
            if let Some(stale) = stale {
                return Ok(stale);
            }
            if let Some(last) = &lock(&self.inner.health).last_error {
                return Err(Error::BackingOff {
                    last_error: Box::new(last.clone()),
                    retry_in: std::time::Duration::from_millis(next.saturating_sub(millis(now))),
                });
            }
        }
        match (self.flight().await, stale) {
            (Ok(fresh), _) => Ok(fresh),
            (Err(error), Some(stale)) => {
                tracing::warn!(
                    url = %self.inner.url,
                    error = %error,
                    "using the last good JWK Set past its freshness (stale-if-error)"
                );
                Ok(stale)
            }
            (Err(error), None) => Err(error),
        }
    }

    fn within_stale_window(&self, snapshot: &JwksSnapshot, now: SystemTime) -> bool {
        snapshot
            .fresh_until
            .checked_add(self.inner.settings.stale_if_error)
            .is_none_or(|end| now < end)
    }

    /// A token named a key the set lacks: refetch once, if the cooldown since the last
    /// fetch has passed, and try again. The token's error stands if the refetch fails.
    async fn after_unknown_key<T>(
        &self,
        unknown: Error,
        verify: impl Fn(&JwksSnapshot) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let now = millis(self.inner.clock.now());
        if now < self.inner.next_attempt_ms.load(Ordering::Acquire) {
            return Err(unknown);
        }
        let last = self.inner.last_attempt_ms.load(Ordering::Acquire);
        let cooldown = u64::try_from(self.inner.settings.cooldown.as_millis()).unwrap_or(u64::MAX);
        if last != 0 && now < last.saturating_add(cooldown) {
            return Err(unknown);
        }
        // Of the tokens that got here at once, one claims the refetch.
        if self
            .inner
            .last_attempt_ms
            .compare_exchange(last, now.max(1), Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            return Err(unknown);
        }
        tracing::debug!(url = %self.inner.url, "unknown key: refetching the JWK Set");
        match self.flight().await {
            Ok(snapshot) => verify(&snapshot),
            Err(_) => Err(unknown),
        }
    }

    /// Starts a fetch on the current tokio runtime unless one is in flight or the set is
    /// backing off; without a runtime, nothing (the next expired use fetches).
    fn refresh_in_background(&self, now: SystemTime) {
        if millis(now) < self.inner.next_attempt_ms.load(Ordering::Acquire)
            || self
                .inner
                .refreshing
                .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
                .is_err()
        {
            return;
        }
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                let flight = self.flight();
                let inner = Arc::clone(&self.inner);
                runtime.spawn(async move {
                    let _ = flight.await;
                    inner.refreshing.store(false, Ordering::Release);
                });
            }
            Err(_) => self.inner.refreshing.store(false, Ordering::Release),
        }
    }

    /// The fetch in flight, or a new one.
    fn flight(&self) -> Flight {
        let mut slot = lock(&self.inner.flight);
        if let Some(flight) = slot.as_ref().and_then(WeakShared::upgrade) {
            return flight;
        }
        let inner = Arc::clone(&self.inner);
        let flight = async move {
            let result = inner.fetch().await;
            *lock(&inner.flight) = None;
            result
        }
        .boxed()
        .shared();
        *slot = flight.downgrade();
        flight
    }
}

impl Inner {
    /// One fetch: conditional on the cached set, stored on success, counted on failure.
    async fn fetch(&self) -> Result<Arc<JwksSnapshot>, Error> {
        self.last_attempt_ms
            .store(millis(self.clock.now()).max(1), Ordering::Release);
        let previous = self.current.load_full();
        let mut request = FetchRequest::new(&self.url, ACCEPT_JWKS, self.settings.max_body);
        if let Some(previous) = &previous {
            request.if_none_match.clone_from(&previous.etag);
            request
                .if_modified_since
                .clone_from(&previous.last_modified);
        }
        let answer = self.fetcher.fetch(&request).await;
        let now = self.clock.now();
        let result = match answer {
            Ok(response) => crate::response::snapshot(
                &self.url,
                &self.settings,
                response,
                previous.as_deref(),
                now,
            ),
            Err(source) if source.kind() == TransportErrorKind::TooLarge => Err(Error::TooLarge {
                url: self.url.clone(),
                limit: self.settings.max_body,
            }),
            Err(source) => Err(Error::Transport {
                url: self.url.clone(),
                source,
            }),
        };
        match result {
            Ok(snapshot) => {
                let snapshot = Arc::new(snapshot);
                self.report_change(previous.as_deref(), &snapshot);
                self.current.store(Some(Arc::clone(&snapshot)));
                let mut health = lock(&self.health);
                health.consecutive_failures = 0;
                self.next_attempt_ms.store(0, Ordering::Release);
                Ok(snapshot)
            }
            Err(error) => {
                let mut health = lock(&self.health);
                health.consecutive_failures = health.consecutive_failures.saturating_add(1);
                let wait = self.settings.backoff(health.consecutive_failures);
                self.next_attempt_ms.store(
                    now.checked_add(wait).map_or(u64::MAX, millis),
                    Ordering::Release,
                );
                health.last_error = Some(error.clone());
                tracing::warn!(
                    url = %self.url,
                    error = %error,
                    failures = health.consecutive_failures,
                    retry_in_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
                    serving_cached = previous.is_some(),
                    "fetching the JWK Set failed"
                );
                Err(error)
            }
        }
    }

    fn report_change(&self, previous: Option<&JwksSnapshot>, snapshot: &JwksSnapshot) {
        for skipped in &snapshot.skipped {
            tracing::warn!(url = %self.url, "{skipped}");
        }
        let kids = snapshot.kids();
        match previous.map(JwksSnapshot::kids) {
            Some(old) if old == kids => tracing::debug!(
                url = %self.url,
                max_age_s = snapshot.max_age.as_secs(),
                "JWK Set refreshed, keys unchanged"
            ),
            old => tracing::info!(
                url = %self.url,
                kids = ?kids,
                previous = ?old,
                max_age_s = snapshot.max_age.as_secs(),
                "JWK Set fetched, keys changed"
            ),
        }
    }
}

/// The cached snapshot as it is, never fetching: for synchronous code that keeps the set
/// warm elsewhere. Prefer [`RemoteJwkSet::with_keys`].
impl VerifyingKeyResolver for RemoteJwkSet {
    fn resolve(&self, request: &VerifyingKeyRequest<'_>) -> Result<VerifyingKey, jose_jws::Error> {
        match self.inner.current.load().as_deref() {
            Some(snapshot) => snapshot.resolve(request),
            None => Err(jose_jws::Error::NoMatchingKey {
                reason: "the remote JWK Set has not been fetched yet".to_owned(),
            }),
        }
    }
}

impl std::fmt::Debug for RemoteJwkSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RemoteJwkSet")
            .field("url", &self.inner.url)
            .finish_non_exhaustive()
    }
}

/// `time` in milliseconds since the epoch (0 before it).
fn millis(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}
