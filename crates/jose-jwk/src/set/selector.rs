//! What to look for in a JWK Set.

use crate::alg::{Algorithm, KeyRequirement};
use crate::{Jwk, KeyType, KeyUse};

/// What to look for in a [`crate::JwkSet`]: every criterion given must match exactly.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeySelector<'a> {
    pub(super) kid: Option<&'a str>,
    alg: Option<&'a str>,
    key_use: Option<KeyUse>,
    kty: Option<KeyType>,
}

impl<'a> KeySelector<'a> {
    /// Matches every key.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only the keys with this `kid`.
    pub fn kid(mut self, kid: &'a str) -> Self {
        self.kid = Some(kid);
        self
    }

    /// Only keys whose `alg` is this algorithm, or that have no `alg`; for a registered
    /// algorithm, only keys of the type (and curve) it requires, so that keys sharing a `kid`
    /// (RFC 7517 §4.5) are told apart by the algorithm.
    pub fn alg(mut self, alg: &'a str) -> Self {
        self.alg = Some(alg);
        self
    }

    /// Only keys whose `use` is this, or that have no `use`.
    pub fn key_use(mut self, key_use: KeyUse) -> Self {
        self.key_use = Some(key_use);
        self
    }

    /// Only keys of this type.
    pub fn kty(mut self, kty: KeyType) -> Self {
        self.kty = Some(kty);
        self
    }

    /// Whether `jwk` matches.
    pub fn matches(&self, jwk: &Jwk) -> bool {
        self.kid.is_none_or(|kid| jwk.kid() == Some(kid))
            && self
                .alg
                .is_none_or(|alg| jwk.alg().is_none_or(|a| a == alg) && fits_algorithm(jwk, alg))
            && self
                .key_use
                .as_ref()
                .is_none_or(|u| jwk.key_use().is_none_or(|k| k == u))
            && self.kty.is_none_or(|kty| jwk.kty() == kty)
    }

    pub(super) fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(kid) = self.kid {
            parts.push(format!("kid \"{}\"", jose_b64::printable(kid)));
        }
        if let Some(alg) = self.alg {
            parts.push(format!("alg {}", jose_b64::printable(alg)));
        }
        if let Some(u) = &self.key_use {
            parts.push(format!("use \"{}\"", jose_b64::printable(u.as_str())));
        }
        if let Some(kty) = self.kty {
            parts.push(format!("kty {kty}"));
        }
        if parts.is_empty() {
            "any key".into()
        } else {
            parts.join(", ")
        }
    }
}

/// Whether the key has the type the algorithm `alg` requires; true for a name that is not
/// registered (the `alg` member alone decides then).
fn fits_algorithm(jwk: &Jwk, alg: &str) -> bool {
    match alg.parse::<Algorithm>().ok().and_then(KeyRequirement::of) {
        Some(requirement) => requirement.shape.fits(jwk.key()),
        None => true,
    }
}
