//! Several issuers, each with its JWK Set: the token's `iss` chooses the set.

use std::collections::HashMap;

use jose_b64::serde_json::Value;

use crate::{Error, RemoteJwkSet};

/// The largest token whose `iss` is read before verification (verification applies its own
/// limits afterwards).
const MAX_TOKEN: usize = 256 * 1024;

/// Where [`crate::JwtVerifierExt::verify_async`] gets the keys for a token: one
/// [`RemoteJwkSet`], or an [`IssuerRegistry`] choosing one by the token's `iss`.
pub trait KeySource: Send + Sync {
    /// The set that verifies `token`.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownIssuer`] when no set is configured for the token.
    fn jwk_set_for(&self, token: &str) -> Result<&RemoteJwkSet, Error>;
}

impl KeySource for RemoteJwkSet {
    fn jwk_set_for(&self, _: &str) -> Result<&RemoteJwkSet, Error> {
        Ok(self)
    }
}

/// JWK Sets by issuer, for a multi-tenant API: the token's `iss` (read before verification)
/// selects the set before any key is used, and an `iss` not configured is refused without a
/// fetch. Configure the [`jose_jwt::Validation`] with the same issuers
/// ([`Self::issuers`]) so that the claim is checked after verification as well.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use jose_jwks::{IssuerRegistry, JwtVerifierExt, RemoteJwkSet};
/// use jose_jws::JwsAlgorithm;
/// use jose_jwt::{JwtVerifier, Validation};
/// # let a = jose_test_server::IdentityProvider::http(JwsAlgorithm::EdDSA)?;
/// # let b = jose_test_server::IdentityProvider::http(JwsAlgorithm::EdDSA)?;
///
/// let mut registry = IssuerRegistry::new();
/// for idp in [&a, &b] {
///     registry.insert(idp.issuer(), RemoteJwkSet::builder().allow_http().build(idp.jwks_uri())?);
/// }
/// let verifier = JwtVerifier::new(
///     [JwsAlgorithm::EdDSA],
///     Validation::new().issuers(registry.issuers()).audience("api"),
/// )?;
/// let jwt = verifier.verify_async(&b.token("bob", "api")?, &registry).await?;
/// assert_eq!(jwt.issuer(), Some(b.issuer().as_str()));
/// assert_eq!((a.jwks_hits(), b.jwks_hits()), (0, 1));
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, Default)]
pub struct IssuerRegistry {
    sets: HashMap<String, RemoteJwkSet>,
}

impl IssuerRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Uses `jwks` for tokens whose `iss` is exactly `issuer` (replacing any earlier set).
    pub fn insert(&mut self, issuer: impl Into<String>, jwks: RemoteJwkSet) -> &mut Self {
        self.sets.insert(issuer.into(), jwks);
        self
    }

    /// The set of `issuer`.
    pub fn get(&self, issuer: &str) -> Option<&RemoteJwkSet> {
        self.sets.get(issuer)
    }

    /// The configured issuers.
    pub fn issuers(&self) -> Vec<String> {
        self.sets.keys().cloned().collect()
    }
}

impl KeySource for IssuerRegistry {
    fn jwk_set_for(&self, token: &str) -> Result<&RemoteJwkSet, Error> {
        let issuer = unverified_issuer(token);
        self.sets
            .get(issuer.as_deref().unwrap_or_default())
            .ok_or_else(|| Error::UnknownIssuer {
                issuer: jose_b64::printable(issuer.as_deref().unwrap_or_default()),
            })
    }
}

/// The `iss` of a JWS Compact Serialization, unverified: only to choose the keys.
fn unverified_issuer(token: &str) -> Option<String> {
    if token.len() > MAX_TOKEN {
        return None;
    }
    let mut segments = token.split('.');
    let payload = segments.nth(1)?;
    let claims = jose_b64::base64url::decode(payload).ok()?;
    let claims = jose_b64::json::parse_object_map(&claims).ok()?;
    match claims.get("iss") {
        Some(Value::String(iss)) => Some(iss.clone()),
        _ => None,
    }
}
