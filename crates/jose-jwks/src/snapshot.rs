//! One fetched JWK Set, bound to the allowed algorithms: what verification reads.

use std::time::{Duration, SystemTime};

use jose_jwk::JwkSet;
use jose_jws::{VerifyingKey, VerifyingKeyRequest, VerifyingKeyResolver, VerifyingKeySet};

/// A JWK Set as fetched at one time, with its keys bound to the allowed algorithms and its
/// freshness. It implements jose-jws's synchronous [`VerifyingKeyResolver`]: verification never waits
/// on the network.
#[derive(Debug)]
pub struct JwksSnapshot {
    pub(crate) jwks: JwkSet,
    pub(crate) keys: VerifyingKeySet,
    pub(crate) skipped: Vec<String>,
    pub(crate) fetched_at: SystemTime,
    pub(crate) max_age: Duration,
    pub(crate) fresh_until: SystemTime,
    pub(crate) refresh_at: SystemTime,
    pub(crate) etag: Option<String>,
    pub(crate) last_modified: Option<String>,
}

impl JwksSnapshot {
    /// The JWK Set as published (public keys).
    pub fn jwks(&self) -> &JwkSet {
        &self.jwks
    }

    /// The verification keys, each bound to one algorithm.
    pub fn keys(&self) -> &VerifyingKeySet {
        &self.keys
    }

    /// The `kid`s of the set, in order, each once.
    pub fn kids(&self) -> Vec<String> {
        let mut kids: Vec<String> = Vec::new();
        for kid in self.jwks.keys().iter().filter_map(|k| k.kid()) {
            if !kids.iter().any(|k| k == kid) {
                kids.push(kid.to_owned());
            }
        }
        kids
    }

    /// The keys of the published set that were left out, each with its reason (a key that
    /// fails validation, of an unsupported type, or fitting no allowed algorithm).
    pub fn skipped(&self) -> &[String] {
        &self.skipped
    }

    /// When the set was fetched (or last confirmed by `304 Not Modified`).
    pub fn fetched_at(&self) -> SystemTime {
        self.fetched_at
    }

    /// How long the set is fresh after [`Self::fetched_at`]: the answer's `Cache-Control:
    /// max-age` within the configured bounds.
    pub fn max_age(&self) -> Duration {
        self.max_age
    }

    /// Whether the set is still fresh at `now`.
    pub fn is_fresh_at(&self, now: SystemTime) -> bool {
        now < self.fresh_until
    }
}

impl VerifyingKeyResolver for JwksSnapshot {
    fn resolve(&self, request: &VerifyingKeyRequest<'_>) -> Result<VerifyingKey, jose_jws::Error> {
        self.keys.resolve(request)
    }

    /// Borrows the key from the snapshot: verifying through a warm cache writes nothing
    /// shared (no reference count).
    fn resolve_borrowed(
        &self,
        request: &VerifyingKeyRequest<'_>,
    ) -> Result<std::borrow::Cow<'_, VerifyingKey>, jose_jws::Error> {
        self.keys.resolve_borrowed(request)
    }
}
