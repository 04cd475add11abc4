//! JWK Sets (RFC 7517 §5) and key selection.

use jose_b64::json::{self, StrictValue, kind_of};
use jose_b64::serde_json::{Map, Value};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{Error, Jwk, KeyPolicy, KeyType, KeyUse};

/// A JWK Set: `{"keys":[…]}`.
///
/// - Keys whose `kty` or `crv` this library does not support are skipped, as RFC 7517 §5
///   asks; [`JwkSet::skipped`] says which and why. A key of a supported type that is
///   malformed or weak makes the whole set an error: a half-broken key set is a
///   configuration mistake worth hearing about.
/// - **Duplicate `kid`s are rejected**: two keys with one `kid` make a lookup ambiguous, and
///   "try each" turns a key set into a signature oracle. Give each key its own `kid`.
/// - A set mixing public and private asymmetric keys is rejected (a private key published by
///   mistake).
///
/// ```
/// use jose_jwk::{JwkSet, KeySelector};
///
/// let set = JwkSet::from_json(r#"{"keys":[
///   {"kty":"oct","kid":"a","k":"GawgguFyGrWKav7AX4VKUg","alg":"A128KW"},
///   {"kty":"oct","kid":"b","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}]}"#)?;
/// assert_eq!(set.find_kid("b")?.kid(), Some("b"));
/// assert!(set.find_kid("c").is_err());
/// assert_eq!(set.select(&KeySelector::new().alg("A128KW"))?.kid(), Some("a"));
/// # Ok::<(), jose_jwk::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct JwkSet {
    keys: Vec<Jwk>,
    skipped: Vec<(usize, Error)>,
    other: Map<String, Value>,
}

/// What to look for in a [`JwkSet`]: every criterion given must match exactly.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeySelector<'a> {
    kid: Option<&'a str>,
    alg: Option<&'a str>,
    key_use: Option<KeyUse>,
    kty: Option<KeyType>,
}

impl<'a> KeySelector<'a> {
    /// Matches every key.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only the key with this `kid`.
    pub fn kid(mut self, kid: &'a str) -> Self {
        self.kid = Some(kid);
        self
    }

    /// Only keys whose `alg` is this algorithm, or that have no `alg`.
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
                .is_none_or(|alg| jwk.alg().is_none_or(|a| a == alg))
            && self
                .key_use
                .as_ref()
                .is_none_or(|u| jwk.key_use().is_none_or(|k| k == u))
            && self.kty.is_none_or(|kty| jwk.kty() == kty)
    }

    fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(kid) = self.kid {
            parts.push(format!("kid \"{kid}\""));
        }
        if let Some(alg) = self.alg {
            parts.push(format!("alg {alg}"));
        }
        if let Some(u) = &self.key_use {
            parts.push(format!("use \"{u}\""));
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

impl JwkSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads a JWK Set from JSON text with the default [`KeyPolicy`].
    pub fn from_json(json: &str) -> Result<Self, Error> {
        Self::from_json_with(json, &KeyPolicy::DEFAULT)
    }

    /// [`Self::from_json`] with an explicit policy.
    pub fn from_json_with(text: &str, policy: &KeyPolicy) -> Result<Self, Error> {
        Self::from_map(json::parse_object_map(text.as_bytes())?, policy)
    }

    /// Reads a JWK Set from a strictly parsed JSON object.
    pub fn from_map(mut map: Map<String, Value>, policy: &KeyPolicy) -> Result<Self, Error> {
        let keys = match map.remove("keys") {
            Some(Value::Array(keys)) => keys,
            Some(other) => {
                return Err(Error::invalid(
                    "keys",
                    format!("must be an array, found {}", kind_of(&other)),
                ));
            }
            None => return Err(Error::MissingMember { member: "keys" }),
        };
        let mut set = Self {
            keys: Vec::with_capacity(keys.len()),
            skipped: Vec::new(),
            other: map,
        };
        for (index, key) in keys.into_iter().enumerate() {
            let Value::Object(key) = key else {
                return Err(Error::invalid(
                    "keys",
                    format!("element {index} is {}, not an object", kind_of(&key)),
                ));
            };
            match Jwk::from_map(key, policy) {
                Ok(jwk) => set.keys.push(jwk),
                Err(e @ (Error::UnsupportedKeyType { .. } | Error::UnsupportedCurve { .. })) => {
                    set.skipped.push((index, e));
                }
                Err(e) => {
                    return Err(Error::invalid("keys", format!("element {index}: {e}")));
                }
            }
        }
        set.check()?;
        Ok(set)
    }

    /// A set of the given keys, checked like a parsed set.
    pub fn from_keys(keys: Vec<Jwk>) -> Result<Self, Error> {
        let set = Self {
            keys,
            skipped: Vec::new(),
            other: Map::new(),
        };
        set.check()?;
        Ok(set)
    }

    /// Adds a key, checking the set's rules.
    pub fn push(&mut self, jwk: Jwk) -> Result<(), Error> {
        self.keys.push(jwk);
        if let Err(e) = self.check() {
            self.keys.pop();
            return Err(e);
        }
        Ok(())
    }

    fn check(&self) -> Result<(), Error> {
        for (i, key) in self.keys.iter().enumerate() {
            if let Some(kid) = key.kid()
                && self.keys.iter().take(i).any(|k| k.kid() == Some(kid))
            {
                return Err(Error::DuplicateKid {
                    kid: kid.to_owned(),
                });
            }
        }
        let asymmetric = || self.keys.iter().filter(|k| k.kty() != KeyType::Oct);
        if asymmetric().any(Jwk::is_private) && asymmetric().any(|k| !k.is_private()) {
            return Err(Error::MixedKeySet);
        }
        Ok(())
    }

    /// The keys, in order.
    pub fn keys(&self) -> &[Jwk] {
        &self.keys
    }

    /// The keys skipped on reading (position in `keys` and why): unsupported `kty` or `crv`.
    pub fn skipped(&self) -> &[(usize, Error)] {
        &self.skipped
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the set has no keys.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The key with exactly this `kid` (case-sensitive, no normalisation).
    pub fn find_kid(&self, kid: &str) -> Result<&Jwk, Error> {
        self.keys
            .iter()
            .find(|k| k.kid() == Some(kid))
            .ok_or_else(|| Error::KidNotFound {
                kid: kid.to_owned(),
            })
    }

    /// The first key that matches `selector`. With a `kid`, an unknown `kid` is an error even
    /// if other keys would match the rest.
    pub fn select(&self, selector: &KeySelector<'_>) -> Result<&Jwk, Error> {
        if let Some(kid) = selector.kid {
            let key = self.find_kid(kid)?;
            return if selector.matches(key) {
                Ok(key)
            } else {
                Err(Error::NoMatchingKey {
                    selection: selector.describe(),
                })
            };
        }
        self.keys
            .iter()
            .find(|k| selector.matches(k))
            .ok_or_else(|| Error::NoMatchingKey {
                selection: selector.describe(),
            })
    }

    /// Every key that matches `selector`, in order.
    pub fn iter_matching<'s>(
        &'s self,
        selector: &'s KeySelector<'_>,
    ) -> impl Iterator<Item = &'s Jwk> + 's {
        self.keys.iter().filter(move |k| selector.matches(k))
    }

    /// The set of the public keys (symmetric keys are left out).
    pub fn to_public(&self) -> Self {
        Self {
            keys: self
                .keys
                .iter()
                .filter_map(|k| k.to_public().ok())
                .collect(),
            skipped: Vec::new(),
            other: Map::new(),
        }
    }

    /// The set as a JSON object.
    pub fn to_map(&self) -> Map<String, Value> {
        let mut map = self.other.clone();
        map.insert(
            "keys".into(),
            Value::Array(
                self.keys
                    .iter()
                    .map(|k| Value::Object(k.to_map()))
                    .collect(),
            ),
        );
        map
    }

    /// The set as compact JSON text.
    pub fn to_json(&self) -> String {
        Value::Object(self.to_map()).to_string()
    }
}

impl Serialize for JwkSet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_map().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for JwkSet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match StrictValue::deserialize(deserializer)?.0 {
            Value::Object(map) => {
                Self::from_map(map, &KeyPolicy::DEFAULT).map_err(serde::de::Error::custom)
            }
            other => Err(serde::de::Error::custom(format!(
                "a JWK Set must be a JSON object, found {}",
                kind_of(&other)
            ))),
        }
    }
}
