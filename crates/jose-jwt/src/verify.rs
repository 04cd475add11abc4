//! Verifying a signed JWT (RFC 7519 §7.2 with a JWS): the signature with the caller's
//! algorithms and keys, then the claims.

use std::cell::Cell;

use jose_b64::serde_json::{Map, Value};
use jose_jws::{JwsAlgorithm, Verifier, VerifyingKey, VerifyingKeyRequest, VerifyingKeyResolver};
use serde::de::DeserializeOwned;

use crate::jwt::Protection;
use crate::typ::same_type;
use crate::{Error, Jwt, Validation, decode};

/// Verifies signed JWTs (a JWS Compact Serialization): the algorithm against an explicit
/// allow-list, the key from the caller's resolver, then the claims with a [`Validation`].
///
/// Like Node's `jwtVerify`. Only a three-segment JWS is accepted: a JWE is refused, never
/// decrypted (RFC 8725 §3.12, §2.8); so are `alg: none`, unencoded payloads
/// (`b64: false`), a JWS that carries a nested JWT (`cty: JWT`), and a payload that is not a
/// JSON object.
///
/// ```
/// use std::time::Duration;
/// use jose_jws::{JwsAlgorithm, SigningKey};
/// use jose_jwt::{JwtBuilder, JwtVerifier, Validation};
///
/// let key = SigningKey::hmac(&[7u8; 32], JwsAlgorithm::HS256)?;
/// let token = JwtBuilder::new()
///     .issuer("https://issuer.example")
///     .audience("https://api.example")
///     .subject("alice")
///     .issued_now()
///     .expires_in(Duration::from_secs(15 * 60))
///     .sign(&key)?;
///
/// let verifier = JwtVerifier::new(
///     [JwsAlgorithm::HS256],
///     Validation::new().issuer("https://issuer.example").audience("https://api.example"),
/// )?;
/// let jwt = verifier.verify(&token, key.verifying_key())?;
/// assert_eq!(jwt.subject(), Some("alice"));
/// # Ok::<(), jose_jwt::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct JwtVerifier {
    verifier: Verifier,
    validation: Validation,
}

impl JwtVerifier {
    /// A verifier accepting exactly the signature `algorithms` and validating claims with
    /// `validation`.
    ///
    /// # Errors
    ///
    /// [`Error::Jws`] with [`jose_jws::Error::EmptyAllowList`] when `algorithms` is empty
    /// (or holds only `none`); [`Error::Configuration`] when `validation` is out of range (a
    /// leeway above [`MAX_LEEWAY`](crate::MAX_LEEWAY)).
    pub fn new(
        algorithms: impl IntoIterator<Item = JwsAlgorithm>,
        validation: Validation,
    ) -> Result<Self, Error> {
        validation.check_settings()?;
        Ok(Self::from_verifier(Verifier::new(algorithms)?, validation))
    }

    /// A verifier from a configured JWS [`Verifier`] (its limits and understood `crit`
    /// extensions). Unencoded payloads (RFC 7797) are turned off whatever it says.
    pub fn from_verifier(verifier: Verifier, validation: Validation) -> Self {
        Self {
            verifier: verifier.without_unencoded_payloads(),
            validation,
        }
    }

    /// The claim validation.
    pub fn validation(&self) -> &Validation {
        &self.validation
    }

    /// The accepted signature algorithms.
    pub fn algorithms(&self) -> &[JwsAlgorithm] {
        self.verifier.algorithms()
    }

    /// Verifies `token` with a key from `keys` (one [`VerifyingKey`], a list, a
    /// [`jose_jws::VerifyingKeySet`] from a JWK Set, a closure) and validates its claims; the
    /// claims come as a JSON object.
    ///
    /// # Errors
    ///
    /// As [`JwtVerifier::verify_as`].
    pub fn verify(
        &self,
        token: &str,
        keys: &(impl VerifyingKeyResolver + ?Sized),
    ) -> Result<Jwt<Map<String, Value>>, Error> {
        self.verify_as(token, keys)
    }

    /// Verifies `token` and validates its claims, which are deserialized into `T`, the
    /// application's claims type (which may include registered claims too).
    ///
    /// In order: the JWS (size, three segments, header, `alg` in the allow-list, the key, the
    /// signature); the `typ` and `cty` headers; the claims set (a strict JSON object, the
    /// registered claims' types, the required claims, `T`); then the [`Validation`]'s rules.
    ///
    /// # Errors
    ///
    /// [`Error::Malformed`] for a JWE or a nested JWT; [`Error::Jws`] when the JWS layer
    /// refuses the token; [`Error::TypeNotAccepted`]; [`Error::ClaimsSet`],
    /// [`Error::InvalidClaim`], [`Error::MissingClaim`], [`Error::CustomClaims`] for the
    /// claims set; the validation errors ([`Error::Expired`], [`Error::AudienceNotAccepted`],
    /// …).
    pub fn verify_as<T: DeserializeOwned>(
        &self,
        token: &str,
        keys: &(impl VerifyingKeyResolver + ?Sized),
    ) -> Result<Jwt<T>, Error> {
        let now = self.validation.now()?;
        let capture = HeaderCheck {
            keys,
            validation: &self.validation,
            outcome: Cell::new(None),
        };
        let verified = self
            .verifier
            .verify_compact(token, &capture)
            .map_err(|e| jws_error(e, token))?;
        match capture.outcome.take() {
            Some(outcome) => outcome?,
            None => return Err(Error::malformed("the JWS header was not checked")),
        }
        let (registered, claims) = decode::decode(verified.payload(), self.validation.required())?;
        self.validation.check(&registered, now)?;
        Ok(Jwt {
            claims,
            registered,
            protection: Protection::Signed(verified),
        })
    }
}

/// A JWS error, or a clearer one when the token is a JWE (five segments).
fn jws_error(e: jose_jws::Error, token: &str) -> Error {
    if matches!(e, jose_jws::Error::Malformed { .. }) && segments(token) == 5 {
        return Error::malformed(
            "a JWE (five segments) where a signed JWT (a JWS, three segments) is expected; \
             encrypted JWTs are read with JwtDecrypter or NestedJwtVerifier",
        );
    }
    Error::Jws(e)
}

/// The number of '.'-separated segments.
pub(crate) fn segments(token: &str) -> usize {
    token.bytes().filter(|&b| b == b'.').count() + 1
}

/// The key resolver that checks the JWS's `typ` and `cty` on the way: it sees the header
/// that verification reads, without building a header map.
struct HeaderCheck<'a, R: ?Sized> {
    keys: &'a R,
    validation: &'a Validation,
    outcome: Cell<Option<Result<(), Error>>>,
}

impl<R: VerifyingKeyResolver + ?Sized> VerifyingKeyResolver for HeaderCheck<'_, R> {
    fn resolve(&self, request: &VerifyingKeyRequest<'_>) -> Result<VerifyingKey, jose_jws::Error> {
        self.outcome
            .set(Some(check_header(request, self.validation)));
        self.keys.resolve(request)
    }

    fn resolve_borrowed(
        &self,
        request: &VerifyingKeyRequest<'_>,
    ) -> Result<std::borrow::Cow<'_, VerifyingKey>, jose_jws::Error> {
        self.outcome
            .set(Some(check_header(request, self.validation)));
        self.keys.resolve_borrowed(request)
    }

    fn resolve_candidates(
        &self,
        request: &VerifyingKeyRequest<'_>,
    ) -> Option<Result<Vec<&VerifyingKey>, jose_jws::Error>> {
        let candidates = self.keys.resolve_candidates(request)?;
        self.outcome
            .set(Some(check_header(request, self.validation)));
        Some(candidates)
    }
}

fn check_header(request: &VerifyingKeyRequest<'_>, validation: &Validation) -> Result<(), Error> {
    let typ = string_param(request, "typ")?;
    validation.check_typ(typ)?;
    if string_param(request, "cty")?.is_some_and(|cty| same_type(cty, "application/jwt")) {
        return Err(Error::malformed(
            "the JWS carries a nested JWT (cty JWT); only one level of nesting, a signed JWT \
             inside a JWE, is accepted",
        ));
    }
    Ok(())
}

/// A parameter of the protected header that must be a string when present. Only the
/// protected header is read: a JWT is a compact JWS, whose header is all protected, and `typ`
/// and `cty` decide how the token is read (RFC 8725 §3.11), so they must be covered by the
/// signature.
fn string_param<'a>(
    request: &VerifyingKeyRequest<'a>,
    name: &str,
) -> Result<Option<&'a str>, Error> {
    match request.protected_str(name) {
        Some(value) => Ok(Some(value)),
        None if request.protected_param(name).is_some() => Err(Error::malformed(format!(
            "the \"{name}\" header parameter must be a string"
        ))),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests;
