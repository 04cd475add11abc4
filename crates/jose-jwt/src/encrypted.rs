//! Decrypting an encrypted JWT (RFC 7519 §7.2 with a JWE whose plaintext is the claims set).

use jose_b64::serde_json::{Map, Value};
use jose_jwe::{DecryptedJwe, Decrypter, KeyResolver};
use serde::de::DeserializeOwned;

use crate::jwt::Protection;
use crate::typ::same_type;
use crate::verify::segments;
use crate::{Error, Jwt, Validation, decode};

/// Decrypts encrypted JWTs whose plaintext is the claims set (a JWE Compact Serialization),
/// then validates the claims.
///
/// **An encrypted JWT is confidential, not authenticated by its issuer.** With a public-key
/// algorithm (`RSA-OAEP*`, `ECDH-ES*`) anyone who has the public key can make one; only a
/// shared symmetric key (`dir`, `A*KW`, `A*GCMKW`) limits who can. When the issuer must be
/// known, sign then encrypt and read the token with [`crate::NestedJwtVerifier`].
///
/// Only a five-segment JWE is accepted (a JWS is refused, security catalogue #45), and a JWE
/// that carries a nested JWT (`cty: JWT`) is refused: read those with
/// [`crate::NestedJwtVerifier`], which verifies the inner signature.
///
/// ```
/// use std::time::Duration;
/// use jose_jwe::{Decrypter, EncryptingKey, JweAlgorithm, JweEncryption};
/// use jose_jwt::{JwtBuilder, JwtDecrypter, Validation};
///
/// let key = EncryptingKey::symmetric(&[3u8; 32], JweAlgorithm::A256Kw)?;
/// let token = JwtBuilder::new()
///     .subject("alice")
///     .claim("card", "4111 1111 1111 1111")?
///     .expires_in(Duration::from_secs(60))
///     .encrypt(&key, JweEncryption::A256Gcm)?;
///
/// let decrypter = Decrypter::new([JweAlgorithm::A256Kw], [JweEncryption::A256Gcm])?;
/// let jwt = JwtDecrypter::new(decrypter, Validation::new()).decrypt(&token, &key.decrypting_key())?;
/// assert_eq!(jwt.claims()["card"], "4111 1111 1111 1111");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct JwtDecrypter {
    decrypter: Decrypter,
    validation: Validation,
}

impl JwtDecrypter {
    /// A decrypter accepting the key management and content encryption algorithms of
    /// `decrypter`, validating claims with `validation` (whose `typ` rule applies to the
    /// JWE's `typ` header).
    pub fn new(decrypter: Decrypter, validation: Validation) -> Self {
        Self {
            decrypter,
            validation,
        }
    }

    /// The claim validation.
    pub fn validation(&self) -> &Validation {
        &self.validation
    }

    /// Decrypts `token` with a key from `keys` and validates its claims, which come as a
    /// JSON object.
    ///
    /// # Errors
    ///
    /// As [`JwtDecrypter::decrypt_as`].
    pub fn decrypt(
        &self,
        token: &str,
        keys: &(impl KeyResolver + ?Sized),
    ) -> Result<Jwt<Map<String, Value>>, Error> {
        self.decrypt_as(token, keys)
    }

    /// Decrypts `token` and validates its claims, deserialized into `T`.
    ///
    /// # Errors
    ///
    /// [`Error::Malformed`] for a JWS, or a JWE with `cty: JWT`; [`Error::Jwe`] when the JWE
    /// layer refuses the token (every failure after the key lookup is the one
    /// [`jose_jwe::Error::DecryptionFailed`]); [`Error::TypeNotAccepted`]; the claims set and
    /// validation errors of [`crate::JwtVerifier::verify_as`].
    pub fn decrypt_as<T: DeserializeOwned>(
        &self,
        token: &str,
        keys: &(impl KeyResolver + ?Sized),
    ) -> Result<Jwt<T>, Error> {
        let now = self.validation.now()?;
        let decrypted = decrypt_jwe(&self.decrypter, token, keys)?;
        let header = decrypted.protected_header();
        if header_str(header, "cty")?.is_some_and(|cty| same_type(cty, "application/jwt")) {
            return Err(Error::malformed(
                "the JWE carries a nested JWT (cty JWT); read it with NestedJwtVerifier, which \
                 verifies the inner signature",
            ));
        }
        self.validation.check_typ(header_str(header, "typ")?)?;
        let (registered, claims) =
            decode::decode(decrypted.plaintext(), self.validation.required())?;
        self.validation.check(&registered, now)?;
        Ok(Jwt {
            claims,
            registered,
            protection: Protection::Encrypted(decrypted),
        })
    }
}

/// Decrypts a compact JWE, refusing a JWS with a clear message.
pub(crate) fn decrypt_jwe(
    decrypter: &Decrypter,
    token: &str,
    keys: &(impl KeyResolver + ?Sized),
) -> Result<DecryptedJwe, Error> {
    decrypter.decrypt_compact(token, keys).map_err(|e| match e {
        jose_jwe::Error::Malformed { .. } if segments(token) == 3 => Error::malformed(
            "a JWS (three segments) where an encrypted JWT (a JWE, five segments) is expected",
        ),
        e => Error::Jwe(e),
    })
}

/// A header parameter that must be a string when present.
pub(crate) fn header_str<'h>(
    header: &'h Map<String, Value>,
    name: &str,
) -> Result<Option<&'h str>, Error> {
    match header.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(Error::malformed(format!(
            "the \"{name}\" header parameter must be a string"
        ))),
    }
}
