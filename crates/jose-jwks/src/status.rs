//! What [`crate::RemoteJwkSet::status`] reports, and the exported cache.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jose_b64::serde_json::{Map, Value, json};

use crate::builder::Settings;
use crate::{Error, JwksSnapshot};

/// The state of a [`crate::RemoteJwkSet`], for health checks and metrics.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Status {
    /// The JWK Set URL.
    pub url: String,
    /// When the cached set was fetched (or confirmed by `304`); `None` before the first fetch.
    pub fetched_at: Option<SystemTime>,
    /// The age of the cached set.
    pub age: Option<Duration>,
    /// Whether the cached set is fresh.
    pub fresh: bool,
    /// Whether the cached set is fresh or within the stale-if-error window.
    pub usable: bool,
    /// The `kid`s of the cached set.
    pub kids: Vec<String>,
    /// The keys of the cached set that were skipped, each with its reason.
    pub skipped: Vec<String>,
    /// Fetches failed since the last success.
    pub consecutive_failures: u32,
    /// The last failure (kept after a later success, for the record).
    pub last_error: Option<Error>,
}

/// A cached JWK Set with its freshness, as exported by [`crate::RemoteJwkSet::export`] and
/// imported by [`crate::RemoteJwkSetBuilder::import`]: a serverless function can start with
/// the set its previous instance fetched. The keys are validated again on import.
///
/// ```
/// use jose_jwks::CachedJwks;
///
/// let text = r#"{"url":"https://idp.example/jwks","fetched_at":1700000000,"max_age":600,
///     "jwks":{"keys":[]}}"#;
/// let cached = CachedJwks::from_json(text)?;
/// assert_eq!(cached.url(), "https://idp.example/jwks");
/// assert!(CachedJwks::from_json(&cached.to_json())?.url() == cached.url());
/// # Ok::<(), jose_jwks::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct CachedJwks {
    url: String,
    jwks: Map<String, Value>,
    fetched_at: u64,
    max_age: u64,
    etag: Option<String>,
    last_modified: Option<String>,
}

impl CachedJwks {
    pub(crate) fn from_snapshot(url: &str, snapshot: &JwksSnapshot) -> Self {
        let jwks = jose_b64::json::parse_object_map(snapshot.jwks.to_json().as_bytes())
            .unwrap_or_default();
        Self {
            url: url.to_owned(),
            jwks,
            fetched_at: snapshot
                .fetched_at
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default()
                .as_secs(),
            max_age: snapshot.max_age.as_secs(),
            etag: snapshot.etag.clone(),
            last_modified: snapshot.last_modified.clone(),
        }
    }

    /// The JWK Set URL it was fetched from.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// As JSON: `url`, `jwks` (the set), `fetched_at` (seconds since the epoch), `max_age`
    /// (seconds), and `etag` / `last_modified` when known.
    pub fn to_json(&self) -> String {
        let mut object = json!({
            "url": self.url,
            "jwks": self.jwks,
            "fetched_at": self.fetched_at,
            "max_age": self.max_age,
        });
        if let Some(map) = object.as_object_mut() {
            if let Some(etag) = &self.etag {
                map.insert("etag".to_owned(), Value::from(etag.as_str()));
            }
            if let Some(date) = &self.last_modified {
                map.insert("last_modified".to_owned(), Value::from(date.as_str()));
            }
        }
        object.to_string()
    }

    /// Reads what [`Self::to_json`] wrote (strict JSON).
    ///
    /// # Errors
    ///
    /// [`Error::Configuration`] when a member is missing or of the wrong type.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        let bad = |what: &str| Error::Configuration {
            reason: format!("the cached JWK Set {what}"),
        };
        let map = jose_b64::json::parse_object_map(text.as_bytes())
            .map_err(|e| bad(&format!("is not a JSON object: {e}")))?;
        let string = |name: &str| map.get(name).and_then(Value::as_str).map(str::to_owned);
        let number = |name: &str| map.get(name).and_then(Value::as_u64);
        Ok(Self {
            url: string("url").ok_or_else(|| bad("has no \"url\""))?,
            jwks: map
                .get("jwks")
                .and_then(Value::as_object)
                .cloned()
                .ok_or_else(|| bad("has no \"jwks\" object"))?,
            fetched_at: number("fetched_at").ok_or_else(|| bad("has no \"fetched_at\""))?,
            max_age: number("max_age").ok_or_else(|| bad("has no \"max_age\""))?,
            etag: string("etag"),
            last_modified: string("last_modified"),
        })
    }

    /// The snapshot for the set at `url`.
    pub(crate) fn into_snapshot(
        self,
        url: &str,
        settings: &Settings,
    ) -> Result<JwksSnapshot, Error> {
        if self.url != url {
            return Err(Error::Configuration {
                reason: format!(
                    "the cached JWK Set is from {}, not {}",
                    jose_b64::printable(&self.url),
                    jose_b64::printable(url)
                ),
            });
        }
        let body = Value::Object(self.jwks).to_string();
        let (jwks, keys, skipped) = crate::response::bind(url, settings, body.as_bytes())?;
        let fetched_at =
            UNIX_EPOCH + Duration::from_secs(self.fetched_at.min(u64::from(u32::MAX) * 4));
        let max_age = settings.clamp(Some(Duration::from_secs(self.max_age)));
        Ok(JwksSnapshot {
            jwks,
            keys,
            skipped,
            fetched_at,
            max_age,
            fresh_until: fetched_at + max_age,
            refresh_at: fetched_at + max_age.mul_f64(0.8),
            etag: self.etag,
            last_modified: self.last_modified,
        })
    }
}
