//! The result of a successful verification.

use jose_b64::serde_json::{Map, Value};
use jose_jwe::DecryptedJwe;
use jose_jws::VerifiedJws;

use crate::RegisteredClaims;

/// A validated JWT: its claims, only reachable through this type, and how it was protected.
///
/// `T` is the application's view of the claims set (a `serde` type, or by default the JSON
/// object as a map); [`Jwt::registered`] has the registered claims, typed and validated.
#[derive(Clone, Debug)]
pub struct Jwt<T = Map<String, Value>> {
    pub(crate) claims: T,
    pub(crate) registered: RegisteredClaims,
    pub(crate) protection: Protection,
}

/// The two levels of a nested JWT.
#[derive(Clone, Debug)]
pub(crate) struct Nested {
    pub(crate) outer: DecryptedJwe,
    pub(crate) inner: VerifiedJws,
}

/// How a JWT was protected.
#[derive(Clone, Debug)]
pub(crate) enum Protection {
    Signed(VerifiedJws),
    Encrypted(DecryptedJwe),
    /// Boxed: the rarer case, kept from making every result larger.
    Nested(Box<Nested>),
}

impl<T> Jwt<T> {
    /// The claims, as the application's type.
    pub fn claims(&self) -> &T {
        &self.claims
    }

    /// The claims, consuming the value.
    pub fn into_claims(self) -> T {
        self.claims
    }

    /// The registered claims (`iss`, `sub`, `aud`, `exp`, `nbf`, `iat`, `jti`).
    pub fn registered(&self) -> &RegisteredClaims {
        &self.registered
    }

    /// `sub`, if any.
    pub fn subject(&self) -> Option<&str> {
        self.registered.subject()
    }

    /// `iss`, if any.
    pub fn issuer(&self) -> Option<&str> {
        self.registered.issuer()
    }

    /// The signature that verified (the inner JWS of a nested JWT): its algorithm, `kid` and
    /// protected header. `None` for an encrypted, unsigned JWT.
    pub fn signature(&self) -> Option<&VerifiedJws> {
        match &self.protection {
            Protection::Signed(jws) => Some(jws),
            Protection::Nested(nested) => Some(&nested.inner),
            Protection::Encrypted(_) => None,
        }
    }

    /// The encryption that was removed (the outer JWE of a nested JWT): its algorithms, `kid`
    /// and protected header. `None` for a signed JWT.
    pub fn encryption(&self) -> Option<&DecryptedJwe> {
        match &self.protection {
            Protection::Encrypted(jwe) => Some(jwe),
            Protection::Nested(nested) => Some(&nested.outer),
            Protection::Signed(_) => None,
        }
    }

    /// The protected header of the JWT that carried the claims: the JWS's (the inner one of a
    /// nested JWT), or the JWE's for an encrypted JWT.
    pub fn header(&self) -> &Map<String, Value> {
        match &self.protection {
            Protection::Signed(jws) => jws.protected_header(),
            Protection::Nested(nested) => nested.inner.protected_header(),
            Protection::Encrypted(jwe) => jwe.protected_header(),
        }
    }
}
