//! Replay and revocation stores: DPoP `jti`s (RFC 9449 §11.1), a `jti` deny-list of revoked
//! access tokens, one-time tokens — shared by every instance of a service when the store is
//! (Redis).

use core::future::Future;
use std::time::Duration;

use crate::Error;

mod memory;
#[cfg(feature = "redis")]
mod redis;

pub use memory::{DEFAULT_MEMORY_STORE_CAPACITY, MemoryReplayStore};
#[cfg(feature = "redis")]
pub use redis::{REDIS_CONNECT_TIMEOUT, REDIS_RESPONSE_TIMEOUT, RedisReplayStore};

/// A set of keys that each expire after their own time to live.
///
/// Two operations, both atomic with respect to every other user of the store (every instance
/// of a service, when the store is shared):
///
/// - [`ReplayStore::insert_if_absent`]: records a key unless it is already there; of two
///   callers racing on one key exactly one gets `true`. Replay detection: a DPoP proof, a
///   one-time token is accepted only when its `jti` was absent.
/// - [`ReplayStore::contains`]: whether a key is there (a deny-list of revoked `jti`s,
///   recorded with `insert_if_absent` until the token's `exp`).
///
/// [`crate::DpopVerifier::verify`] records proofs' `jti`s; [`crate::revoke_access_token`]
/// with [`crate::AccessToken::check_not_revoked`] keeps a deny-list of access tokens, and
/// [`crate::AccessToken::use_once`] makes a token single-use.
///
/// A store that cannot answer returns [`Error::ReplayStoreUnavailable`] (or
/// [`Error::ReplayStoreFull`]): callers refuse the token then, never accept it unchecked.
pub trait ReplayStore: Send + Sync {
    /// Records `key` for `ttl` unless it is present: `true` when it was absent (and is now
    /// recorded), `false` when it was already there (a replay).
    fn insert_if_absent(
        &self,
        key: &str,
        ttl: Duration,
    ) -> impl Future<Output = Result<bool, Error>> + Send;

    /// Whether `key` is present and not expired.
    fn contains(&self, key: &str) -> impl Future<Output = Result<bool, Error>> + Send;
}

impl<S: ReplayStore + ?Sized> ReplayStore for &S {
    fn insert_if_absent(
        &self,
        key: &str,
        ttl: Duration,
    ) -> impl Future<Output = Result<bool, Error>> + Send {
        (**self).insert_if_absent(key, ttl)
    }

    fn contains(&self, key: &str) -> impl Future<Output = Result<bool, Error>> + Send {
        (**self).contains(key)
    }
}

impl<S: ReplayStore + ?Sized> ReplayStore for std::sync::Arc<S> {
    fn insert_if_absent(
        &self,
        key: &str,
        ttl: Duration,
    ) -> impl Future<Output = Result<bool, Error>> + Send {
        (**self).insert_if_absent(key, ttl)
    }

    fn contains(&self, key: &str) -> impl Future<Output = Result<bool, Error>> + Send {
        (**self).contains(key)
    }
}
