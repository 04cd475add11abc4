//! Access-token revocation (a `jti` deny-list) and one-time tokens, on a [`ReplayStore`].

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jose_b64::base64url;
use sha2::{Digest, Sha256};

use crate::{AccessToken, Error, ReplayStore};

/// The store key of a token: a hash of its issuer and `jti` (bounded, whatever their size).
fn key(kind: &str, issuer: &str, jti: &str) -> String {
    let mut h = Sha256::new();
    h.update(issuer.as_bytes());
    h.update([0]);
    h.update(jti.as_bytes());
    format!("{kind}:{}", base64url::encode(h.finalize()))
}

/// How long to remember a token: until its `exp` (at least a second).
fn until(exp: Option<u64>) -> Duration {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Duration::from_secs(exp.map_or(0, |exp| exp.saturating_sub(now)).max(1))
}

/// Adds the access token `jti` of `issuer` to the deny-list in `store` until `expires_at`
/// (seconds since the epoch; its `exp`), after which it is refused anyway.
///
/// ```
/// use jose_oauth::{MemoryReplayStore, revoke_access_token};
///
/// # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
/// let denied = MemoryReplayStore::default();
/// revoke_access_token(&denied, "https://as.example", "t-17", Some(4_102_444_800)).await?;
/// # Ok::<(), jose_oauth::Error>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// The store's errors.
pub async fn revoke_access_token(
    store: &(impl ReplayStore + ?Sized),
    issuer: &str,
    jti: &str,
    expires_at: Option<u64>,
) -> Result<(), Error> {
    store
        .insert_if_absent(&key("revoked", issuer, jti), until(expires_at))
        .await
        .map(|_| ())
}

impl AccessToken {
    /// Refuses the token when its `jti` is on the deny-list in `store`
    /// ([`revoke_access_token`]).
    ///
    /// # Errors
    ///
    /// [`Error::Revoked`]; the store's errors (the token is then refused too).
    pub async fn check_not_revoked(
        &self,
        store: &(impl ReplayStore + ?Sized),
    ) -> Result<(), Error> {
        if store
            .contains(&key("revoked", self.issuer(), self.jwt_id()))
            .await?
        {
            Err(Error::Revoked)
        } else {
            Ok(())
        }
    }

    /// Accepts the token once: its `jti` is recorded in `store` until its `exp`, and a
    /// second use (here or at any instance sharing the store) is refused.
    ///
    /// # Errors
    ///
    /// [`Error::Replayed`]; the store's errors (the token is then refused too).
    pub async fn use_once(&self, store: &(impl ReplayStore + ?Sized)) -> Result<(), Error> {
        let ttl = until(self.expires_at().map(|e| e.secs()));
        if store
            .insert_if_absent(&key("used", self.issuer(), self.jwt_id()), ttl)
            .await?
        {
            Ok(())
        } else {
            Err(Error::Replayed)
        }
    }
}

#[cfg(test)]
mod tests {
    use jose_jws::JwsAlgorithm;
    use jose_jwt::Validation;

    use super::*;
    use crate::test_util::es256;
    use crate::{AccessTokenBuilder, AccessTokenVerifier, MemoryReplayStore};

    #[tokio::test]
    async fn revocation_and_one_time_use() {
        let (_, key) = es256();
        let verifier = AccessTokenVerifier::new(
            [JwsAlgorithm::ES256],
            Validation::new()
                .issuer("https://as.example")
                .audience("https://api.example"),
        )
        .unwrap();
        let builder =
            AccessTokenBuilder::new("https://as.example", "alice", "https://api.example", "c");
        let at = verifier
            .verify(&builder.sign(&key).unwrap(), key.verifying_key())
            .unwrap();
        let other = verifier
            .verify(&builder.sign(&key).unwrap(), key.verifying_key())
            .unwrap();

        let denied = MemoryReplayStore::default();
        assert!(at.check_not_revoked(&denied).await.is_ok());
        let exp = at.expires_at().map(|e| e.secs());
        revoke_access_token(&denied, at.issuer(), at.jwt_id(), exp)
            .await
            .unwrap();
        let e = at.check_not_revoked(&denied).await.unwrap_err();
        assert_eq!(e.code(), "ERR_OAUTH_TOKEN_REVOKED");
        assert!(other.check_not_revoked(&denied).await.is_ok());
        // The same jti from another issuer is another token.
        revoke_access_token(&denied, "https://other.example", other.jwt_id(), exp)
            .await
            .unwrap();
        assert!(other.check_not_revoked(&denied).await.is_ok());

        let used = MemoryReplayStore::default();
        assert!(at.use_once(&used).await.is_ok());
        assert_eq!(
            at.use_once(&used).await.unwrap_err().code(),
            "ERR_OAUTH_REPLAYED"
        );
        assert!(other.use_once(&used).await.is_ok());
        // A full store refuses: fail closed.
        let full = MemoryReplayStore::new(1);
        assert!(at.use_once(&full).await.is_ok());
        assert_eq!(
            other.use_once(&full).await.unwrap_err().code(),
            "ERR_OAUTH_REPLAY_STORE_FULL"
        );
        assert_eq!(until(Some(0)), Duration::from_secs(1));
        assert_eq!(until(None), Duration::from_secs(1));
    }
}
