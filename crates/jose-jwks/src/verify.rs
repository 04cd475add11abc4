//! The one-call path: verify a token with the keys of a remote JWK Set.

use std::future::Future;

use jose_b64::serde_json::{Map, Value};
use jose_jws::{VerifiedJws, Verifier};
use jose_jwt::{Jwt, JwtVerifier};
use serde::de::DeserializeOwned;

use crate::{Error, KeySource};

/// Verifies JWTs with the keys of a [`crate::RemoteJwkSet`] or an [`crate::IssuerRegistry`]:
/// key lookup, fetch if needed, signature, claims, in one call.
///
/// Fetching is async; verification itself is [`JwtVerifier::verify`], synchronous, on the
/// cached keys.
pub trait JwtVerifierExt {
    /// Verifies `token` with a key from `keys` and validates its claims, as
    /// [`JwtVerifier::verify`].
    ///
    /// # Errors
    ///
    /// [`Error::Jwt`] when the token is refused (an unknown `kid` after the refetch the
    /// cooldown allows: [`Error::is_unknown_key`]); the fetch errors when no usable set is
    /// cached; [`Error::UnknownIssuer`] from an [`crate::IssuerRegistry`].
    fn verify_async<'a>(
        &'a self,
        token: &'a str,
        keys: &'a (impl KeySource + ?Sized),
    ) -> impl Future<Output = Result<Jwt<Map<String, Value>>, Error>> + Send + 'a;

    /// Verifies `token` and deserializes its claims into `T`, as [`JwtVerifier::verify_as`].
    ///
    /// # Errors
    ///
    /// As [`Self::verify_async`].
    fn verify_async_as<'a, T: DeserializeOwned + Send + 'a>(
        &'a self,
        token: &'a str,
        keys: &'a (impl KeySource + ?Sized),
    ) -> impl Future<Output = Result<Jwt<T>, Error>> + Send + 'a;
}

impl JwtVerifierExt for JwtVerifier {
    fn verify_async<'a>(
        &'a self,
        token: &'a str,
        keys: &'a (impl KeySource + ?Sized),
    ) -> impl Future<Output = Result<Jwt<Map<String, Value>>, Error>> + Send + 'a {
        self.verify_async_as(token, keys)
    }

    async fn verify_async_as<'a, T: DeserializeOwned + Send + 'a>(
        &'a self,
        token: &'a str,
        keys: &'a (impl KeySource + ?Sized),
    ) -> Result<Jwt<T>, Error> {
        let jwks = keys.jwk_set_for(token)?;
        jwks.with_keys(|snapshot| Ok(self.verify_as(token, snapshot)?))
            .await
    }
}

/// Verifies JWS Compact Serializations (any payload) with the keys of a
/// [`crate::RemoteJwkSet`].
pub trait VerifierExt {
    /// Verifies `token` with a key from `keys`, as [`Verifier::verify_compact`].
    ///
    /// # Errors
    ///
    /// [`Error::Jws`] when the JWS is refused; the fetch errors when no usable set is cached.
    fn verify_compact_async<'a>(
        &'a self,
        token: &'a str,
        keys: &'a (impl KeySource + ?Sized),
    ) -> impl Future<Output = Result<VerifiedJws, Error>> + Send + 'a;
}

impl VerifierExt for Verifier {
    async fn verify_compact_async<'a>(
        &'a self,
        token: &'a str,
        keys: &'a (impl KeySource + ?Sized),
    ) -> Result<VerifiedJws, Error> {
        let jwks = keys.jwk_set_for(token)?;
        jwks.with_keys(|snapshot| Ok(self.verify_compact(token, snapshot)?))
            .await
    }
}
