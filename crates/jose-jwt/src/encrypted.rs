//! Decrypting an encrypted JWT (RFC 7519 §7.2 with a JWE whose plaintext is the claims set).

use jose_b64::serde_json::{Map, Value};
use jose_jwe::{DecryptedJwe, Decrypter, DecryptingKeyResolver};
use jose_jwk::alg::KeyManagementMode;
use serde::de::DeserializeOwned;

use crate::jwt::Protection;
use crate::typ::same_type;
use crate::verify::segments;
use crate::{Error, Jwt, Validation, decode};

/// Decrypts encrypted JWTs whose plaintext is the claims set (a JWE Compact Serialization),
/// then validates the claims.
///
/// **An encrypted JWT is confidential, not authenticated by its issuer.** With a public-key
/// algorithm (`RSA1_5`, `RSA-OAEP*`, `ECDH-ES*`) anyone who has the public key can make one,
/// claims such as `sub: "admin"` included; only a shared symmetric key (`dir`, `A*KW`,
/// `A*GCMKW`, `PBES2-*`) limits who can. So a `JwtDecrypter` whose [`Decrypter`] allows a
/// public-key algorithm refuses every token
/// ([`Error::PublicKeyEncryptionNotAllowed`]) unless the application opts in with
/// [`JwtDecrypter::allow_public_key_encryption`]. When the issuer must be known, sign then
/// encrypt ([`crate::JwtBuilder::sign_then_encrypt`]) and read the token with
/// [`crate::NestedJwtVerifier`] (RFC 7519 §11.2).
///
/// Only a five-segment JWE is accepted (a JWS is refused, RFC 8725 §3.12), and a JWE
/// that carries a nested JWT (`cty: JWT`) is refused: read those with
/// [`crate::NestedJwtVerifier`], which verifies the inner signature.
///
/// ```
/// use std::time::Duration;
/// use jose_jwe::{Decrypter, EncryptingKey, JweAlgorithm, JweEncryption};
/// use jose_jwt::{JwtBuilder, JwtDecrypter, Validation};
///
/// let key = EncryptingKey::symmetric(&[3u8; 32], JweAlgorithm::A256KW)?;
/// let token = JwtBuilder::new()
///     .subject("alice")
///     .claim("card", "4111 1111 1111 1111")?
///     .expires_in(Duration::from_secs(60))
///     .encrypt(&key, JweEncryption::A256GCM)?;
///
/// let decrypter = Decrypter::new([JweAlgorithm::A256KW], [JweEncryption::A256GCM])?;
/// let jwt = JwtDecrypter::new(decrypter, Validation::new()).decrypt(&token, &key.to_decrypting_key())?;
/// assert_eq!(jwt.claims()["card"], "4111 1111 1111 1111");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct JwtDecrypter {
    decrypter: Decrypter,
    validation: Validation,
    public_key_encryption: bool,
}

impl JwtDecrypter {
    /// A decrypter accepting the key management and content encryption algorithms of
    /// `decrypter`, validating claims with `validation` (whose `typ` rule applies to the
    /// JWE's `typ` header).
    pub fn new(decrypter: Decrypter, validation: Validation) -> Self {
        Self {
            decrypter,
            validation,
            public_key_encryption: false,
        }
    }

    /// Accepts tokens whose key management is public-key (`RSA1_5`, `RSA-OAEP*`, `ECDH-ES*`),
    /// if the [`Decrypter`] allows them. Off by default: anyone who has the public key can
    /// make such a token, with any claims, so its claims must not be trusted as the issuer's.
    /// Turn it on only when the claims need no known issuer (the application checks them
    /// otherwise); to know the issuer, read signed-then-encrypted tokens with
    /// [`crate::NestedJwtVerifier`] instead.
    ///
    /// ```
    /// use std::time::Duration;
    /// use jose_jwe::{Decrypter, DecryptingKey, EncryptingKey, JweAlgorithm, JweEncryption};
    /// use jose_jwk::{EcCurve, Jwk, KeySpec};
    /// use jose_jwt::{Error, JwtBuilder, JwtDecrypter, Validation};
    ///
    /// let private = Jwk::generate(KeySpec::Ec(EcCurve::P256))?;
    /// let public = EncryptingKey::from_jwk(&private.to_public()?, JweAlgorithm::ECDH_ES)?;
    /// // Whoever has the public key can make this token.
    /// let token = JwtBuilder::new()
    ///     .subject("admin")
    ///     .expires_in(Duration::from_secs(60))
    ///     .encrypt(&public, JweEncryption::A256GCM)?;
    ///
    /// let key = DecryptingKey::from_jwk(&private, JweAlgorithm::ECDH_ES)?;
    /// let decrypter = Decrypter::new([JweAlgorithm::ECDH_ES], [JweEncryption::A256GCM])?;
    /// let strict = JwtDecrypter::new(decrypter.clone(), Validation::new());
    /// assert!(matches!(
    ///     strict.decrypt(&token, &key),
    ///     Err(Error::PublicKeyEncryptionNotAllowed { alg: "ECDH-ES" })
    /// ));
    /// let lenient = JwtDecrypter::new(decrypter, Validation::new()).allow_public_key_encryption();
    /// assert_eq!(lenient.decrypt(&token, &key)?.subject(), Some("admin"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn allow_public_key_encryption(mut self) -> Self {
        self.public_key_encryption = true;
        self
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
        keys: &(impl DecryptingKeyResolver + ?Sized),
    ) -> Result<Jwt<Map<String, Value>>, Error> {
        self.decrypt_as(token, keys)
    }

    /// Decrypts `token` and validates its claims, deserialized into `T`.
    ///
    /// # Errors
    ///
    /// [`Error::PublicKeyEncryptionNotAllowed`] when the [`Decrypter`] allows a public-key
    /// algorithm and [`JwtDecrypter::allow_public_key_encryption`] was not called (before the
    /// token is looked at); [`Error::Malformed`] for a JWS, or a JWE with `cty: JWT`;
    /// [`Error::Jwe`] when the JWE
    /// layer refuses the token (every failure after the key lookup is the one
    /// [`jose_jwe::Error::DecryptionFailed`]); [`Error::TypeNotAccepted`]; the claims set and
    /// validation errors of [`crate::JwtVerifier::verify_as`].
    pub fn decrypt_as<T: DeserializeOwned>(
        &self,
        token: &str,
        keys: &(impl DecryptingKeyResolver + ?Sized),
    ) -> Result<Jwt<T>, Error> {
        if !self.public_key_encryption
            && let Some(alg) = self
                .decrypter
                .algorithms()
                .iter()
                .find(|alg| alg.is_ecdh_es() || alg.mode() == KeyManagementMode::KeyEncryption)
        {
            return Err(Error::PublicKeyEncryptionNotAllowed { alg: alg.as_str() });
        }
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
    keys: &(impl DecryptingKeyResolver + ?Sized),
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
