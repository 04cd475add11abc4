//! Nested JWTs (RFC 7519 §5.2, §7.2 step 8; RFC 8725 §3.3): a signed JWT inside a JWE,
//! decrypted then verified, each level with the caller's algorithms and keys.

use jose_b64::serde_json::{Map, Value};
use jose_jwe::Decrypter;
use serde::de::DeserializeOwned;

use crate::encrypted::{decrypt_jwe, header_str};
use crate::jwt::{Nested, Protection};
use crate::typ::same_type;
use crate::verify::segments;
use crate::{Error, Jwt, JwtVerifier};

/// Reads nested JWTs: decrypts the JWE (its `alg` and `enc` in the [`Decrypter`]'s
/// allow-lists, a key from the caller's resolver), then verifies the signed JWT inside with
/// the [`JwtVerifier`] (its own allow-list and keys, never anything from the outer token) and
/// validates the claims, whose `typ` is the inner JWT's (RFC 8725 §3.11).
///
/// The JWE must say `cty: JWT` (RFC 7519 §5.2) and hold a JWS: a JWE whose plaintext is a
/// claims set, another JWE, or a JWS that itself holds a JWT (one level of nesting only) is
/// refused (RFC 8725 §3.12).
///
/// ```
/// use std::time::Duration;
/// use jose_jwe::{Decrypter, EncryptingKey, JweAlgorithm, JweEncryption};
/// use jose_jws::{JwsAlgorithm, SigningKey};
/// use jose_jwt::{JwtBuilder, JwtVerifier, NestedJwtVerifier, Validation};
///
/// let signing = SigningKey::hmac(&[1u8; 32], JwsAlgorithm::HS256)?;
/// let encrypting = EncryptingKey::symmetric(&[2u8; 16], JweAlgorithm::A128KW)?;
/// let token = JwtBuilder::new()
///     .subject("alice")
///     .expires_in(Duration::from_secs(60))
///     .sign_then_encrypt(&signing, &encrypting, JweEncryption::A128GCM)?;
///
/// let nested = NestedJwtVerifier::new(
///     Decrypter::new([JweAlgorithm::A128KW], [JweEncryption::A128GCM])?,
///     JwtVerifier::new([JwsAlgorithm::HS256], Validation::new())?,
/// );
/// let jwt = nested.verify(&token, &encrypting.to_decrypting_key(), signing.verifying_key())?;
/// assert_eq!(jwt.subject(), Some("alice"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct NestedJwtVerifier {
    decrypter: Decrypter,
    inner: JwtVerifier,
}

impl NestedJwtVerifier {
    /// Decrypts with `decrypter`, then verifies and validates the inner JWT with `inner`.
    pub fn new(decrypter: Decrypter, inner: JwtVerifier) -> Self {
        Self { decrypter, inner }
    }

    /// The verifier of the inner JWT.
    pub fn inner(&self) -> &JwtVerifier {
        &self.inner
    }

    /// Decrypts `token` with a key from `decrypting_keys`, verifies the inner JWT with a key
    /// from `verifying_keys` and validates its claims, which come as a JSON object.
    ///
    /// # Errors
    ///
    /// As [`NestedJwtVerifier::verify_as`].
    pub fn verify(
        &self,
        token: &str,
        decrypting_keys: &(impl jose_jwe::DecryptingKeyResolver + ?Sized),
        verifying_keys: &(impl jose_jws::VerifyingKeyResolver + ?Sized),
    ) -> Result<Jwt<Map<String, Value>>, Error> {
        self.verify_as(token, decrypting_keys, verifying_keys)
    }

    /// As [`NestedJwtVerifier::verify`], with the claims deserialized into `T`.
    ///
    /// # Errors
    ///
    /// [`Error::Malformed`] for a JWS where the JWE is expected, a JWE without `cty: JWT`,
    /// or a JWE whose content is not a signed JWT; [`Error::Jwe`] for the outer JWE; then the
    /// errors of [`JwtVerifier::verify_as`] for the inner JWT.
    pub fn verify_as<T: DeserializeOwned>(
        &self,
        token: &str,
        decrypting_keys: &(impl jose_jwe::DecryptingKeyResolver + ?Sized),
        verifying_keys: &(impl jose_jws::VerifyingKeyResolver + ?Sized),
    ) -> Result<Jwt<T>, Error> {
        let outer = decrypt_jwe(&self.decrypter, token, decrypting_keys)?;
        let cty = header_str(outer.protected_header(), "cty")?;
        if !cty.is_some_and(|cty| same_type(cty, "application/jwt")) {
            return Err(Error::malformed(
                "a nested JWT's JWE must have the header cty JWT (RFC 7519 §5.2)",
            ));
        }
        let inner_token = core::str::from_utf8(outer.plaintext())
            .ok()
            .filter(|inner| segments(inner) == 3)
            .ok_or_else(|| {
                Error::malformed("the content of the JWE is not a signed JWT (a compact JWS)")
            })?;
        let jwt = self.inner.verify_as::<T>(inner_token, verifying_keys)?;
        let Protection::Signed(inner) = jwt.protection else {
            return Err(Error::malformed("the inner JWT is not signed"));
        };
        Ok(Jwt {
            claims: jwt.claims,
            registered: jwt.registered,
            protection: Protection::Nested(Box::new(Nested { outer, inner })),
        })
    }
}
