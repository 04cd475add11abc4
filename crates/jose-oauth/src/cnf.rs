//! Confirmation claims (RFC 7800): the `cnf` claim of a proof-of-possession token.

use jose_b64::serde_json::{Map, Value};
use jose_jwk::{Jwk, KeyPolicy, ThumbprintHash};

use crate::Error;
use crate::error::shorten;

/// The `cnf` claim (RFC 7800 §3.1): the key whose holder may present the token.
///
/// The confirmation methods this crate reads: `jwk` (a public JWK, RFC 7800 §3.2), `jkt`
/// (the base64url SHA-256 JWK thumbprint of RFC 7638, RFC 9449 §6.1), `kid` (RFC 7800 §3.4)
/// and `jku` (RFC 7800 §3.5). Other methods (`jwe`, the `x5t#S256` of RFC 8705, …) are
/// accepted and kept ([`Confirmation::members`]) but not interpreted here.
///
/// ```
/// use jose_jwk::{EcCurve, Jwk, KeySpec};
/// use jose_oauth::Confirmation;
///
/// let key = Jwk::generate(KeySpec::Ec(EcCurve::P256))?;
/// let cnf = Confirmation::thumbprint_of(&key);
/// assert!(cnf.is_bound_to(&key));
/// assert_eq!(cnf.jkt(), Some(key.thumbprint(Default::default()).as_str()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Confirmation {
    jwk: Option<Jwk>,
    jkt: Option<String>,
    kid: Option<String>,
    jku: Option<String>,
    /// The other members, as received.
    other: Map<String, Value>,
}

impl Confirmation {
    /// `{"jkt": <the SHA-256 thumbprint of key>}`: what a DPoP-bound access token carries
    /// (RFC 9449 §6.1). The thumbprint is of the public members only (RFC 7638 §3.2).
    pub fn thumbprint_of(key: &Jwk) -> Self {
        Self {
            jkt: Some(key.thumbprint(ThumbprintHash::Sha256)),
            ..Self::default()
        }
    }

    /// `{"jwk": <key>}` (RFC 7800 §3.2), with the public part of `key`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidClaim`] for a symmetric key: RFC 7800 §3.3 wants those encrypted,
    /// which this crate does not do.
    pub fn public_key(key: &Jwk) -> Result<Self, Error> {
        let public = key
            .to_public()
            .map_err(|e| Error::invalid_claim("cnf", format!("no public key: {e}")))?;
        Ok(Self {
            jwk: Some(public),
            ..Self::default()
        })
    }

    /// `{"kid": <kid>}` (RFC 7800 §3.4).
    pub fn key_id(kid: impl Into<String>) -> Self {
        Self {
            kid: Some(kid.into()),
            ..Self::default()
        }
    }

    /// `{"jku": <url>}` (RFC 7800 §3.5), usually with a `kid`.
    pub fn jwk_set_url(jku: impl Into<String>, kid: Option<String>) -> Self {
        Self {
            jku: Some(jku.into()),
            kid,
            ..Self::default()
        }
    }

    /// Reads `cnf` from a claims set: `None` when absent.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidClaim`] (claim `cnf`) when it is not an object or an empty one, when
    /// a member read here has the wrong type, or when `jwk` is not a sound JWK or holds a
    /// private or symmetric key.
    pub fn from_claims(claims: &Map<String, Value>) -> Result<Option<Self>, Error> {
        let Some(cnf) = claims.get("cnf") else {
            return Ok(None);
        };
        let Some(cnf) = cnf.as_object() else {
            return Err(Error::invalid_claim("cnf", "not a JSON object"));
        };
        let jwk = match cnf.get("jwk") {
            None => None,
            Some(Value::Object(map)) => {
                let jwk = Jwk::from_map(map.clone(), &KeyPolicy::DEFAULT)
                    .map_err(|e| Error::invalid_claim("cnf", format!("cnf.jwk: {e}")))?;
                if jwk.is_private() || jwk.to_public().is_err() {
                    return Err(Error::invalid_claim(
                        "cnf",
                        "cnf.jwk must be a public key (RFC 7800 §3.2)",
                    ));
                }
                Some(jwk)
            }
            Some(_) => return Err(Error::invalid_claim("cnf", "cnf.jwk is not an object")),
        };
        let text = |name: &str| -> Result<Option<String>, Error> {
            match cnf.get(name) {
                None => Ok(None),
                Some(Value::String(s)) if !s.is_empty() => Ok(Some(s.clone())),
                Some(_) => Err(Error::invalid_claim(
                    "cnf",
                    format!("cnf.{name} is not a non-empty string"),
                )),
            }
        };
        if cnf.is_empty() {
            return Err(Error::invalid_claim("cnf", "no confirmation method"));
        }
        let other = cnf
            .iter()
            .filter(|(name, _)| !matches!(name.as_str(), "jwk" | "jkt" | "kid" | "jku"))
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect();
        Ok(Some(Self {
            jwk,
            jkt: text("jkt")?,
            kid: text("kid")?,
            jku: text("jku")?,
            other,
        }))
    }

    /// The claim's value, a JSON object.
    pub fn to_value(&self) -> Value {
        let mut map = Map::new();
        if let Some(jwk) = &self.jwk {
            map.insert("jwk".into(), Value::Object(jwk.to_map()));
        }
        for (name, value) in [("jkt", &self.jkt), ("kid", &self.kid), ("jku", &self.jku)] {
            if let Some(value) = value {
                map.insert(name.into(), Value::String(value.clone()));
            }
        }
        for (name, value) in &self.other {
            map.insert(name.clone(), value.clone());
        }
        Value::Object(map)
    }

    /// The confirmation methods this crate does not interpret (`x5t#S256` of RFC 8705 §3.1,
    /// `jwe`, …), as received.
    pub fn members(&self) -> &Map<String, Value> {
        &self.other
    }

    /// `cnf.jwk`, a public key.
    pub fn jwk(&self) -> Option<&Jwk> {
        self.jwk.as_ref()
    }

    /// `cnf.jkt`, a base64url SHA-256 JWK thumbprint.
    pub fn jkt(&self) -> Option<&str> {
        self.jkt.as_deref()
    }

    /// `cnf.kid`.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// `cnf.jku`.
    pub fn jku(&self) -> Option<&str> {
        self.jku.as_deref()
    }

    /// Whether the token is bound to `key`: `jkt` is its SHA-256 thumbprint (RFC 9449 §6.1)
    /// or `jwk` is the same public key (same thumbprint). `kid` and `jku` name a key without
    /// pinning it, so they never match here.
    pub fn is_bound_to(&self, key: &Jwk) -> bool {
        self.check_bound_to(key).is_ok()
    }

    /// As [`Confirmation::is_bound_to`], with the reason when it is not.
    ///
    /// # Errors
    ///
    /// [`Error::KeyBinding`].
    pub fn check_bound_to(&self, key: &Jwk) -> Result<(), Error> {
        let thumbprint = key.thumbprint(ThumbprintHash::Sha256);
        if let Some(jkt) = &self.jkt {
            return if *jkt == thumbprint {
                Ok(())
            } else {
                Err(Error::KeyBinding {
                    reason: format!(
                        "cnf.jkt \"{}\" is not the thumbprint of the proof key ({thumbprint})",
                        shorten(jkt)
                    ),
                })
            };
        }
        if let Some(jwk) = &self.jwk {
            return if jwk.thumbprint(ThumbprintHash::Sha256) == thumbprint {
                Ok(())
            } else {
                Err(Error::KeyBinding {
                    reason: "cnf.jwk is another key than the proof key".into(),
                })
            };
        }
        Err(Error::KeyBinding {
            reason: "the cnf claim has neither jkt nor jwk".into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use jose_jwk::{EcCurve, KeySpec};

    use super::*;

    fn claims(json: &str) -> Map<String, Value> {
        jose_b64::serde_json::from_str(json).unwrap()
    }

    #[test]
    fn reads_writes_and_binds() {
        let key = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
        let other = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
        let by_jwk = Confirmation::public_key(&key).unwrap();
        assert!(!by_jwk.jwk().unwrap().is_private());
        assert!(by_jwk.is_bound_to(&key) && !by_jwk.is_bound_to(&other));
        let mut map = Map::new();
        map.insert("cnf".into(), by_jwk.to_value());
        assert_eq!(Confirmation::from_claims(&map).unwrap(), Some(by_jwk));

        let by_jkt = Confirmation::thumbprint_of(&key);
        let e = by_jkt.check_bound_to(&other).unwrap_err();
        assert_eq!(e.code(), "ERR_DPOP_KEY_BINDING_MISMATCH");
        let by_kid = Confirmation::key_id("k1");
        assert_eq!(by_kid.kid(), Some("k1"));
        assert!(!by_kid.is_bound_to(&key));
        let jku = Confirmation::jwk_set_url("https://x.example/jwks", Some("k".into()));
        assert_eq!(jku.jku(), Some("https://x.example/jwks"));
        let mut map = Map::new();
        map.insert("cnf".into(), jku.to_value());
        assert_eq!(Confirmation::from_claims(&map).unwrap(), Some(jku));
        assert_eq!(Confirmation::from_claims(&Map::new()).unwrap(), None);
        // A certificate-bound token (RFC 8705): read, kept, not bound to a JWK.
        let mtls = claims(r#"{"cnf":{"x5t#S256":"bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2"}}"#);
        let cnf = Confirmation::from_claims(&mtls).unwrap().unwrap();
        assert_eq!(cnf.members().len(), 1);
        assert_eq!(cnf.to_value(), mtls["cnf"]);
        assert!(!cnf.is_bound_to(&key));
    }

    #[test]
    fn refuses_malformed() {
        let private = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
        let with_private = format!(r#"{{"cnf":{{"jwk":{}}}}}"#, private.to_json());
        for bad in [
            r#"{"cnf":"x"}"#,
            r#"{"cnf":{}}"#,
            r#"{"cnf":{"jkt":1}}"#,
            r#"{"cnf":{"jkt":""}}"#,
            r#"{"cnf":{"jwk":"x"}}"#,
            r#"{"cnf":{"jwk":{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}}}"#,
            r#"{"cnf":{"jwk":{"kty":"EC"}}}"#,
            with_private.as_str(),
        ] {
            let e = Confirmation::from_claims(&claims(bad)).unwrap_err();
            assert_eq!(e.code(), "ERR_OAUTH_INVALID_CLAIM", "{bad}");
        }
        let oct =
            Jwk::from_json(r#"{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#)
                .unwrap();
        assert!(Confirmation::public_key(&oct).is_err());
    }
}
