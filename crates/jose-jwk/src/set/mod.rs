//! JWK Sets (RFC 7517 §5) and key selection.

mod read;
mod rules;
mod selector;

use jose_b64::json::{StrictValue, kind_of};
use jose_b64::serde_json::{Map, Value};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use read::JwkSetReader;
pub use selector::KeySelector;

use crate::members::WipedObject;
use crate::{Error, Jwk, KeyPolicy, SkippedKey};

/// A JWK Set: `{"keys":[…]}`.
///
/// - Keys whose `kty` or `crv` this library does not support are skipped, as RFC 7517 §5
///   asks, and so are keys that fail validation (malformed, weak, inconsistent): one odd key
///   does not make the good ones unusable. [`JwkSet::skipped`] says which and why;
///   [`JwkSetReader::strict`] refuses the whole set instead.
/// - At most [`JwkSetReader::DEFAULT_MAX_KEYS`] keys (see [`JwkSetReader::max_keys`]).
/// - Keys may share a `kid` when no algorithm could use two of them: they differ in `kty`
///   (RFC 7517 §4.5), curve, `alg` or `use`. Two keys one algorithm could not tell apart are
///   refused ([`Error::DuplicateKid`]): "try each" turns a key set into a signature oracle.
/// - A set holds public keys, or secret keys (private and symmetric), never both: a secret
///   beside public keys was most likely published by mistake ([`Error::MixedKeySet`],
///   [`Error::SymmetricKeyBesidePublicKeys`]).
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
    skipped: Vec<SkippedKey>,
    other: Map<String, Value>,
}

impl JwkSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads a JWK Set from JSON text with the default [`JwkSetReader`].
    pub fn from_json(json: &str) -> Result<Self, Error> {
        JwkSetReader::new().read_json(json)
    }

    /// [`Self::from_json`] with an explicit key policy (see [`JwkSetReader`] for the other
    /// settings).
    pub fn from_json_with(text: &str, policy: &KeyPolicy) -> Result<Self, Error> {
        JwkSetReader::new().key_policy(*policy).read_json(text)
    }

    /// Reads a JWK Set from a strictly parsed JSON object, as [`Self::from_json_with`].
    pub fn from_map(map: Map<String, Value>, policy: &KeyPolicy) -> Result<Self, Error> {
        JwkSetReader::new().key_policy(*policy).read_map(map)
    }

    /// A set of the given keys, checked like a parsed set (the key cap aside).
    pub fn from_keys(keys: Vec<Jwk>) -> Result<Self, Error> {
        rules::check(&keys)?;
        Ok(Self {
            keys,
            skipped: Vec::new(),
            other: Map::new(),
        })
    }

    /// Adds a key, checking the set's rules.
    pub fn push(&mut self, jwk: Jwk) -> Result<(), Error> {
        self.keys.push(jwk);
        if let Err(e) = rules::check(&self.keys) {
            self.keys.pop();
            return Err(e);
        }
        Ok(())
    }

    /// The keys, in order.
    pub fn keys(&self) -> &[Jwk] {
        &self.keys
    }

    /// The keys left out on reading, each with its position in `"keys"`, its `kid` and why:
    /// an unsupported `kty` or `crv`, or a key that failed validation.
    pub fn skipped(&self) -> &[SkippedKey] {
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

    /// The key with exactly this `kid` (case-sensitive, no normalisation). When several keys
    /// share the `kid` (keys of different types, RFC 7517 §4.5), [`Error::AmbiguousKid`]:
    /// use [`Self::select`] with the algorithm.
    pub fn find_kid(&self, kid: &str) -> Result<&Jwk, Error> {
        self.select(&KeySelector::new().kid(kid))
    }

    /// The key that matches `selector`. With a `kid`, the one key with that `kid` that matches
    /// the rest (an unknown `kid` is an error even if other keys would match the rest, and
    /// several matches are [`Error::AmbiguousKid`]); without a `kid`, the first key that
    /// matches.
    pub fn select(&self, selector: &KeySelector<'_>) -> Result<&Jwk, Error> {
        let no_match = || Error::NoMatchingKey {
            selection: selector.describe(),
        };
        let Some(kid) = selector.kid else {
            return self
                .keys
                .iter()
                .find(|k| selector.matches(k))
                .ok_or_else(no_match);
        };
        let mut named = self.keys.iter().filter(|k| k.kid() == Some(kid)).peekable();
        if named.peek().is_none() {
            return Err(Error::KidNotFound {
                kid: kid.to_owned(),
            });
        }
        let mut matching = named.filter(|k| selector.matches(k));
        match (matching.next(), matching.next()) {
            (Some(key), None) => Ok(key),
            (None, _) => Err(no_match()),
            (Some(_), Some(_)) => Err(Error::AmbiguousKid {
                kid: kid.to_owned(),
            }),
        }
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

    /// The set as a JSON object (with the private members of private keys: the object is
    /// then the caller's to wipe, e.g. with [`jose_b64::json::zeroize_value`]).
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
    ///
    /// For a set of private keys the text holds the secrets: wrap it in
    /// [`zeroize::Zeroizing`]. No other copy is left behind.
    pub fn to_json(&self) -> String {
        WipedObject(self.to_map()).to_json()
    }
}

impl Serialize for JwkSet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        WipedObject(self.to_map()).0.serialize(serializer)
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
