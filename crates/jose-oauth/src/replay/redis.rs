//! A replay store in Redis, shared by every instance of a service (feature `redis`).

use core::future::Future;
use std::time::Duration;

use redis::aio::MultiplexedConnection;
use redis::{AsyncConnectionConfig, Client};

use super::ReplayStore;
use crate::Error;

/// How long [`RedisReplayStore::connect`] waits for the connection: 2 seconds.
pub const REDIS_CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

/// How long [`RedisReplayStore::connect`]'s connection waits for an answer: 1 second.
pub const REDIS_RESPONSE_TIMEOUT: Duration = Duration::from_secs(1);

/// A [`ReplayStore`] in Redis: every instance of a service that uses the same Redis sees the
/// same keys.
///
/// [`ReplayStore::insert_if_absent`] is one atomic `SET key 1 NX PX ttl`: of any number of
/// instances racing on one `jti`, exactly one gets `true`, and Redis drops the key when its
/// time to live ends. [`ReplayStore::contains`] is `EXISTS key`. Keys are the caller's,
/// after a prefix (default `jose-oauth:`).
///
/// The connection is a multiplexed one (`redis::aio::MultiplexedConnection`, on tokio),
/// cloned per call. When Redis cannot answer — refused, dropped, restarting, slower than the
/// response timeout — the operation fails with [`Error::ReplayStoreUnavailable`], so the
/// token is refused (fail closed); the connection does not reconnect by itself: build a new
/// store (or pass a connection of your own, e.g. one that reconnects) to recover.
#[derive(Clone)]
pub struct RedisReplayStore {
    conn: MultiplexedConnection,
    prefix: String,
}

impl core::fmt::Debug for RedisReplayStore {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RedisReplayStore")
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

fn unavailable(e: &redis::RedisError) -> Error {
    Error::ReplayStoreUnavailable {
        reason: format!("Redis: {e}"),
    }
}

impl RedisReplayStore {
    /// Connects to the Redis at `url` (`redis://host:port/db`), with a connection timeout of
    /// [`REDIS_CONNECT_TIMEOUT`] and a response timeout of [`REDIS_RESPONSE_TIMEOUT`].
    ///
    /// # Errors
    ///
    /// [`Error::ReplayStoreUnavailable`] when the URL is not valid or Redis does not answer.
    pub async fn connect(url: &str) -> Result<Self, Error> {
        let client = Client::open(url).map_err(|e| unavailable(&e))?;
        let config = AsyncConnectionConfig::new()
            .set_connection_timeout(Some(REDIS_CONNECT_TIMEOUT))
            .set_response_timeout(Some(REDIS_RESPONSE_TIMEOUT));
        let conn = client
            .get_multiplexed_async_connection_with_config(&config)
            .await
            .map_err(|e| unavailable(&e))?;
        Ok(Self::from_connection(conn))
    }

    /// A store on a connection of the application's.
    pub fn from_connection(conn: MultiplexedConnection) -> Self {
        Self {
            conn,
            prefix: "jose-oauth:".into(),
        }
    }

    /// The prefix of every key (default `jose-oauth:`), to share a Redis with other data.
    #[must_use]
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self
    }
}

impl ReplayStore for RedisReplayStore {
    fn insert_if_absent(
        &self,
        key: &str,
        ttl: Duration,
    ) -> impl Future<Output = Result<bool, Error>> + Send {
        let mut conn = self.conn.clone();
        let key = format!("{}{key}", self.prefix);
        // PX takes whole milliseconds, at least 1.
        let millis = u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1);
        async move {
            let reply: Option<String> = redis::cmd("SET")
                .arg(&key)
                .arg(1)
                .arg("NX")
                .arg("PX")
                .arg(millis)
                .query_async(&mut conn)
                .await
                .map_err(|e| unavailable(&e))?;
            match reply.as_deref() {
                Some("OK") => Ok(true),
                None => Ok(false),
                Some(other) => Err(Error::ReplayStoreUnavailable {
                    reason: format!(
                        "Redis answered SET NX with {:?}",
                        jose_b64::printable(other)
                    ),
                }),
            }
        }
    }

    fn contains(&self, key: &str) -> impl Future<Output = Result<bool, Error>> + Send {
        let mut conn = self.conn.clone();
        let key = format!("{}{key}", self.prefix);
        async move {
            let n: i64 = redis::cmd("EXISTS")
                .arg(&key)
                .query_async(&mut conn)
                .await
                .map_err(|e| unavailable(&e))?;
            Ok(n > 0)
        }
    }
}
