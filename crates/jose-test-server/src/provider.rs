//! An identity provider: a JWK Set and an OpenID Connect discovery document on a
//! [`TestServer`], keys that rotate, tokens signed with the current key.

use std::io;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use jose_jwk::{EcCurve, Jwk, JwkSet, KeySpec, OkpCurve};
use jose_jws::{JwsAlgorithm, SigningKey};
use jose_jwt::JwtBuilder;

use crate::{Answer, TestServer};

/// The path of the JWK Set.
const JWKS_PATH: &str = "/jwks.json";
/// The path of the OpenID Connect discovery document (OpenID Connect Discovery 1.0 §4).
const DISCOVERY_PATH: &str = "/.well-known/openid-configuration";

/// A signing key of the provider.
#[derive(Clone)]
pub struct ProviderKey {
    /// The private JWK (with its `kid`).
    pub jwk: Jwk,
    /// The key that signs with it.
    pub signing: SigningKey,
}

struct Keys {
    /// Published keys, oldest first; the last one signs.
    keys: Vec<ProviderKey>,
    /// Keys made so far (names the next `kid`).
    made: usize,
    /// Versions of the JWK Set published so far (names the `ETag`).
    version: usize,
    /// `Cache-Control: max-age` of the JWK Set.
    max_age: u64,
}

/// An identity provider on 127.0.0.1: it publishes its public keys as a JWK Set at
/// `/jwks.json` (with `Cache-Control: max-age` and an `ETag`) and an OpenID Connect discovery
/// document naming its issuer (its base URL) and `jwks_uri`; it signs tokens with its newest
/// key and rotates keys on request.
pub struct IdentityProvider {
    server: TestServer,
    alg: JwsAlgorithm,
    keys: Mutex<Keys>,
}

impl IdentityProvider {
    /// A provider over plain HTTP with one `alg` key (RS256, ES256 or EdDSA), published with
    /// `max-age=300`.
    ///
    /// # Errors
    ///
    /// When the server cannot start or a key cannot be made.
    pub fn http(alg: JwsAlgorithm) -> io::Result<Self> {
        Self::on(TestServer::http()?, alg)
    }

    /// A provider over HTTPS (a test CA, [`TestServer::ca_pem`]).
    ///
    /// # Errors
    ///
    /// As [`Self::http`].
    pub fn https(alg: JwsAlgorithm) -> io::Result<Self> {
        Self::on(TestServer::https()?, alg)
    }

    fn on(server: TestServer, alg: JwsAlgorithm) -> io::Result<Self> {
        let provider = Self {
            server,
            alg,
            keys: Mutex::new(Keys {
                keys: Vec::new(),
                made: 0,
                version: 0,
                max_age: 300,
            }),
        };
        let issuer = provider.issuer();
        let discovery = format!(
            r#"{{"issuer":"{issuer}","jwks_uri":"{}","response_types_supported":["code"],"subject_types_supported":["public"],"id_token_signing_alg_values_supported":["{}"]}}"#,
            provider.jwks_uri(),
            alg.as_str()
        );
        provider.server.set(DISCOVERY_PATH, Answer::json(discovery));
        provider.add_key()?;
        Ok(provider)
    }

    /// The issuer identifier: the server's base URL (`http://127.0.0.1:PORT`).
    pub fn issuer(&self) -> String {
        self.server.url("")
    }

    /// The URL of the JWK Set.
    pub fn jwks_uri(&self) -> String {
        self.server.url(JWKS_PATH)
    }

    /// The path of the JWK Set (for [`TestServer::hits`] and scripting).
    pub fn jwks_path(&self) -> &'static str {
        JWKS_PATH
    }

    /// The server, to script failures and count requests.
    pub fn server(&self) -> &TestServer {
        &self.server
    }

    /// How many requests for the JWK Set the server has received.
    pub fn jwks_hits(&self) -> usize {
        self.server.hits(JWKS_PATH)
    }

    /// Publishes the JWK Set with `Cache-Control: max-age=secs` from now on.
    pub fn set_max_age(&self, secs: u64) {
        self.with_keys(|keys| keys.max_age = secs);
        self.publish();
    }

    /// Makes a new key, publishes it beside the others and signs with it from now on;
    /// returns its `kid`.
    ///
    /// # Errors
    ///
    /// When the key cannot be made.
    pub fn add_key(&self) -> io::Result<String> {
        let made = self.with_keys(|keys| {
            keys.made += 1;
            keys.made
        });
        let kid = format!("key-{made}");
        let spec = match self.alg {
            JwsAlgorithm::ES256 => KeySpec::Ec(EcCurve::P256),
            JwsAlgorithm::EdDSA => KeySpec::Okp(OkpCurve::Ed25519),
            _ => KeySpec::Rsa { bits: 2048 },
        };
        let jwk = Jwk::generate(spec)
            .map_err(io::Error::other)?
            .with_kid(kid.clone());
        let signing = SigningKey::from_jwk(&jwk, self.alg).map_err(io::Error::other)?;
        self.with_keys(|keys| keys.keys.push(ProviderKey { jwk, signing }));
        self.publish();
        Ok(kid)
    }

    /// Stops publishing the oldest key (tokens it signed no longer verify once a verifier
    /// refreshes).
    pub fn retire_oldest(&self) {
        self.with_keys(|keys| {
            if keys.keys.len() > 1 {
                keys.keys.remove(0);
            }
        });
        self.publish();
    }

    /// Rotates: a new key signs from now on, and the old ones are no longer published (a
    /// new `kid` appears, the old one disappears). Returns the new `kid`.
    ///
    /// # Errors
    ///
    /// When the key cannot be made.
    pub fn rotate(&self) -> io::Result<String> {
        let kid = self.add_key()?;
        self.with_keys(|keys| {
            let keep = keys.keys.len().saturating_sub(1);
            keys.keys.drain(..keep);
        });
        self.publish();
        Ok(kid)
    }

    /// The `kid` of the key that signs now.
    pub fn current_kid(&self) -> Option<String> {
        self.with_keys(|keys| {
            keys.keys
                .last()
                .and_then(|k| k.jwk.kid().map(str::to_owned))
        })
    }

    /// The published JWK Set (public keys).
    pub fn jwks(&self) -> JwkSet {
        let public = self.with_keys(|keys| {
            keys.keys
                .iter()
                .filter_map(|k| k.jwk.to_public().ok())
                .collect::<Vec<_>>()
        });
        JwkSet::from_keys(public).unwrap_or_default()
    }

    /// A token for `subject` from this issuer for the audience `audience`, valid for five
    /// minutes, signed with the current key.
    ///
    /// # Errors
    ///
    /// When signing fails.
    pub fn token(&self, subject: &str, audience: &str) -> Result<String, jose_jwt::Error> {
        let key = self.with_keys(|keys| keys.keys.last().map(|k| k.signing.clone()));
        let key = key.ok_or_else(|| {
            jose_jwt::Error::Jws(jose_jws::Error::NoMatchingKey {
                reason: "the provider has no key".to_owned(),
            })
        })?;
        JwtBuilder::new()
            .issuer(self.issuer())
            .audience(audience)
            .subject(subject)
            .issued_now()
            .expires_in(Duration::from_secs(300))
            .sign(&key)
    }

    fn publish(&self) {
        let (version, max_age) = self.with_keys(|keys| {
            keys.version += 1;
            (keys.version, keys.max_age)
        });
        let json = self.jwks().to_json();
        self.server.set(
            JWKS_PATH,
            Answer::json(json)
                .max_age(max_age)
                .etag(format!("\"v{version}\"")),
        );
    }

    fn with_keys<T>(&self, f: impl FnOnce(&mut Keys) -> T) -> T {
        f(&mut self.keys.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

impl std::fmt::Debug for IdentityProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdentityProvider")
            .field("issuer", &self.issuer())
            .field("alg", &self.alg)
            .finish_non_exhaustive()
    }
}
