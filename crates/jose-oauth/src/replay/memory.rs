//! An in-memory replay store for a single instance, bounded.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use core::future::{Future, ready};

use super::ReplayStore;
use crate::Error;

/// The capacity of [`MemoryReplayStore::default`]: 100 000 keys.
pub const DEFAULT_MEMORY_STORE_CAPACITY: usize = 100_000;

/// The longest key recorded: longer keys are refused (the DPoP verifier records a 43-byte
/// hash).
const MAX_KEY_LEN: usize = 512;

/// The longest time to live: a year.
const MAX_TTL: Duration = Duration::from_secs(366 * 86_400);

/// A [`ReplayStore`] in this process's memory, for a single instance of a service (every
/// instance has its own: a fleet shares the Redis store of the `redis` feature).
///
/// Bounded: at most `capacity` keys. Expired keys are dropped first, oldest expiry first, in
/// O(log n) each; when the store is full of keys that have not expired, a new key is
/// refused with [`Error::ReplayStoreFull`] — the token is refused (fail closed), and memory
/// does not grow under a flood of fresh `jti`s. Size the capacity for the peak rate times the
/// proofs' lifetime (100 000 keys is 1 000 proofs per second for 100 s), and it is never
/// reached in normal operation.
///
/// Time is the monotonic clock ([`Instant`]), so wall-clock jumps do not free keys early.
#[derive(Debug)]
pub struct MemoryReplayStore {
    capacity: usize,
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    /// Key → its expiry.
    keys: HashMap<String, Instant>,
    /// (expiry, key), to drop the expired ones in order.
    by_expiry: BTreeSet<(Instant, String)>,
}

impl Default for MemoryReplayStore {
    fn default() -> Self {
        Self::new(DEFAULT_MEMORY_STORE_CAPACITY)
    }
}

impl MemoryReplayStore {
    /// A store of at most `capacity` keys (at least 1).
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity: capacity.max(1),
            inner: Mutex::new(Inner::default()),
        }
    }

    /// The number of keys held (expired ones included until they are dropped).
    pub fn len(&self) -> usize {
        self.lock().keys.len()
    }

    /// Whether no key is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // The map is consistent after every statement that can panic (none can, by design),
        // so a poisoned lock is still usable.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// [`ReplayStore::insert_if_absent`], synchronously, at `now`.
    pub fn insert_if_absent_at(
        &self,
        key: &str,
        ttl: Duration,
        now: Instant,
    ) -> Result<bool, Error> {
        if key.len() > MAX_KEY_LEN {
            return Err(Error::configuration(format!(
                "a replay-store key is longer than {MAX_KEY_LEN} bytes"
            )));
        }
        let mut inner = self.lock();
        inner.drop_expired(now);
        if inner.keys.contains_key(key) {
            return Ok(false);
        }
        if inner.keys.len() >= self.capacity {
            return Err(Error::ReplayStoreFull {
                capacity: self.capacity,
            });
        }
        let expiry = now.checked_add(ttl.min(MAX_TTL)).unwrap_or(now);
        inner.keys.insert(key.to_owned(), expiry);
        inner.by_expiry.insert((expiry, key.to_owned()));
        Ok(true)
    }

    /// [`ReplayStore::contains`], synchronously, at `now`.
    pub fn contains_at(&self, key: &str, now: Instant) -> bool {
        self.lock()
            .keys
            .get(key)
            .is_some_and(|&expiry| expiry > now)
    }
}

impl Inner {
    fn drop_expired(&mut self, now: Instant) {
        while let Some(first) = self.by_expiry.first() {
            if first.0 > now {
                break;
            }
            if let Some((_, key)) = self.by_expiry.pop_first() {
                self.keys.remove(&key);
            }
        }
    }
}

impl ReplayStore for MemoryReplayStore {
    fn insert_if_absent(
        &self,
        key: &str,
        ttl: Duration,
    ) -> impl Future<Output = Result<bool, Error>> + Send {
        ready(self.insert_if_absent_at(key, ttl, Instant::now()))
    }

    fn contains(&self, key: &str) -> impl Future<Output = Result<bool, Error>> + Send {
        ready(Ok(self.contains_at(key, Instant::now())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Duration = Duration::from_secs(1);

    #[test]
    fn once_then_replay_then_expiry() {
        let store = MemoryReplayStore::new(10);
        let t0 = Instant::now();
        assert!(store.insert_if_absent_at("a", S, t0).unwrap());
        assert!(!store.insert_if_absent_at("a", S, t0).unwrap());
        assert!(store.contains_at("a", t0));
        assert!(!store.contains_at("a", t0 + S));
        assert!(store.insert_if_absent_at("a", S, t0 + S).unwrap());
        assert_eq!(store.len(), 1);
        assert!(!store.is_empty());
    }

    #[test]
    fn a_flood_is_refused_not_stored() {
        let store = MemoryReplayStore::new(3);
        let t0 = Instant::now();
        for k in ["a", "b", "c"] {
            assert!(store.insert_if_absent_at(k, 10 * S, t0).unwrap());
        }
        for i in 0..1000 {
            let e = store
                .insert_if_absent_at(&format!("f{i}"), 10 * S, t0)
                .unwrap_err();
            assert_eq!(e.code(), "ERR_OAUTH_REPLAY_STORE_FULL");
        }
        assert_eq!(store.len(), 3);
        // A replay is still recognised when full.
        assert!(!store.insert_if_absent_at("a", 10 * S, t0).unwrap());
        // Once they expire, room again.
        assert!(store.insert_if_absent_at("d", S, t0 + 10 * S).unwrap());
        assert_eq!(store.len(), 1);
        assert!(
            store
                .insert_if_absent_at(&"k".repeat(MAX_KEY_LEN + 1), S, t0)
                .is_err()
        );
    }

    #[tokio::test]
    async fn through_the_trait() {
        let store = std::sync::Arc::new(MemoryReplayStore::default());
        assert!(store.insert_if_absent("x", S).await.unwrap());
        let by_ref: &MemoryReplayStore = &store;
        assert!(
            !ReplayStore::insert_if_absent(&by_ref, "x", S)
                .await
                .unwrap()
        );
        assert!(store.contains("x").await.unwrap());
        assert!(!store.contains("y").await.unwrap());
    }
}
