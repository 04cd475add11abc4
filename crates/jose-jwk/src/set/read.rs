//! Reading a JWK Set (RFC 7517 §5): the key cap, lenient and strict modes.

use jose_b64::json::{JsonLimits, kind_of, zeroize_value};
use jose_b64::serde_json::{Map, Value};

use super::{JwkSet, rules};
use crate::{Error, Jwk, KeyPolicy, SkippedKey};

/// How a [`JwkSet`] is read: the key policy, the most keys a set may hold, and whether a key
/// that fails validation is skipped (the default) or refuses the whole set (strict).
///
/// A JWK Set is often fetched over the network, so its size is bounded before any key is
/// examined, and one odd key (a legacy 1024-bit RSA key, a malformed entry) does not make the
/// good keys unusable: it is left out and reported by [`JwkSet::skipped`].
///
/// Whatever the mode, keys of a type or curve this library does not support are skipped, as
/// RFC 7517 §5 asks, and a set that breaks a rule of the set as a whole (two keys one
/// algorithm could not tell apart, secret keys beside public ones, too many keys) is refused.
///
/// ```
/// use jose_jwk::JwkSetReader;
///
/// let text = r#"{"keys":[{"kty":"oct","kid":"empty","k":""},
///                        {"kty":"oct","kid":"good","k":"GawgguFyGrWKav7AX4VKUg"}]}"#;
/// let set = JwkSetReader::new().read_json(text)?;
/// assert_eq!((set.len(), set.skipped().len()), (1, 1));
///
/// let strict = JwkSetReader::new().strict().read_json(text).unwrap_err();
/// assert!(strict.to_string().contains("kid \"empty\""));
///
/// let capped = JwkSetReader::new().max_keys(1).read_json(text).unwrap_err();
/// assert_eq!(capped.code(), "ERR_JWKS_TOO_MANY_KEYS");
/// # Ok::<(), jose_jwk::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[must_use]
pub struct JwkSetReader {
    policy: KeyPolicy,
    max_keys: usize,
    strict: bool,
}

impl Default for JwkSetReader {
    fn default() -> Self {
        Self::new()
    }
}

impl JwkSetReader {
    /// The default cap on the number of keys of a set: 1,000. Identity providers publish a
    /// handful.
    pub const DEFAULT_MAX_KEYS: usize = 1000;

    /// A reader with the default settings.
    pub const fn new() -> Self {
        Self {
            policy: KeyPolicy::DEFAULT,
            max_keys: Self::DEFAULT_MAX_KEYS,
            strict: false,
        }
    }

    /// The policy every key is checked against. Default: [`KeyPolicy::DEFAULT`].
    pub const fn key_policy(mut self, policy: KeyPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The most entries `"keys"` may hold (skipped ones included); a larger set is refused
    /// with [`Error::TooManyKeys`], and no key past the cap is examined. The JSON text read by
    /// [`Self::read_json`] may be 1 KiB per key on average, and at least 1 MiB
    /// ([`JsonLimits::DEFAULT`]). Default: [`Self::DEFAULT_MAX_KEYS`].
    pub const fn max_keys(mut self, max_keys: usize) -> Self {
        self.max_keys = max_keys;
        self
    }

    /// All or nothing: a key that fails validation refuses the whole set instead of being
    /// skipped. Keys of an unsupported type or curve are still skipped (RFC 7517 §5). Default:
    /// off.
    pub const fn strict(mut self) -> Self {
        self.strict = true;
        self
    }

    /// Reads a JWK Set from JSON text (strict JSON: no duplicate members, bounded depth). The
    /// keys are read one by one as the text is parsed, never all held as JSON at once.
    pub fn read_json(&self, text: &str) -> Result<JwkSet, Error> {
        let max_bytes = self
            .max_keys
            .saturating_mul(1024)
            .max(JsonLimits::DEFAULT.max_bytes);
        let limits = JsonLimits::new(JsonLimits::DEFAULT.max_depth, max_bytes);
        let mut reading = Reading::new(self);
        // Room for keys of about 512 bytes of text each (an RSA 2048 public key is ~450),
        // within the cap: most sets then never move their keys.
        reading.keys.reserve((text.len() / 512).min(self.max_keys));
        let read = limits.parse_object_streaming(text, "keys", |entry| reading.entry(entry))?;
        match read.elements {
            Some(_) => reading.finish(read.members),
            // Absent or not an array: as for a parsed object.
            None => self.read_map(read.members),
        }
    }

    /// Reads a JWK Set from a JSON object already parsed (strictly). Members of a key that is
    /// refused are overwritten with zeros before they are dropped.
    pub fn read_map(&self, mut map: Map<String, Value>) -> Result<JwkSet, Error> {
        let entries = match map.remove("keys") {
            Some(Value::Array(entries)) => entries,
            Some(mut other) => {
                let found = kind_of(&other);
                zeroize_value(&mut other);
                return Err(Error::invalid(
                    "keys",
                    format!("must be an array, found {found}"),
                ));
            }
            None => return Err(Error::MissingMember { member: "keys" }),
        };
        let mut reading = Reading::new(self);
        if entries.len() > self.max_keys {
            // Refused before any key is examined.
            reading.count = entries.len();
            zeroize_value(&mut Value::Array(entries));
        } else {
            reading.keys.reserve(entries.len());
            entries.into_iter().for_each(|entry| reading.entry(entry));
        }
        reading.finish(map)
    }
}

/// A JWK Set being read, entry by entry.
struct Reading<'r> {
    reader: &'r JwkSetReader,
    /// The entries seen.
    count: usize,
    keys: Vec<Jwk>,
    skipped: Vec<SkippedKey>,
    /// The error of strict mode: from then on, entries are only wiped.
    refused: Option<Error>,
}

impl<'r> Reading<'r> {
    fn new(reader: &'r JwkSetReader) -> Self {
        Self {
            reader,
            count: 0,
            keys: Vec::new(),
            skipped: Vec::new(),
            refused: None,
        }
    }

    /// Reads the next entry of `"keys"`.
    fn entry(&mut self, mut entry: Value) {
        let index = self.count;
        self.count += 1;
        if self.refused.is_some() || self.count > self.reader.max_keys {
            zeroize_value(&mut entry);
            return;
        }
        let (result, kid) = match entry {
            Value::Object(members) => match Jwk::read(members, &self.reader.policy) {
                Ok(jwk) => (Ok(jwk), None),
                Err((e, kid)) => (Err(e), kid),
            },
            mut other => {
                let found = kind_of(&other);
                zeroize_value(&mut other);
                let e = Error::invalid("keys", format!("the entry is {found}, not an object"));
                (Err(e), None)
            }
        };
        match result {
            Ok(jwk) => self.keys.push(jwk),
            Err(e @ (Error::UnsupportedKeyType { .. } | Error::UnsupportedCurve { .. })) => {
                self.skipped.push(SkippedKey::new(index, kid, e));
            }
            Err(e) if self.reader.strict => {
                let named = kid.map_or(String::new(), |kid| {
                    format!(" (kid \"{}\")", jose_b64::printable(&kid))
                });
                self.refused = Some(Error::invalid("keys", format!("key {index}{named}: {e}")));
            }
            Err(e) => self.skipped.push(SkippedKey::new(index, kid, e)),
        }
    }

    /// The set, once every entry has been read.
    fn finish(self, other: Map<String, Value>) -> Result<JwkSet, Error> {
        if self.count > self.reader.max_keys {
            return Err(Error::TooManyKeys {
                count: self.count,
                max: self.reader.max_keys,
            });
        }
        if let Some(refused) = self.refused {
            return Err(refused);
        }
        rules::check(&self.keys)?;
        Ok(JwkSet {
            keys: self.keys,
            skipped: self.skipped,
            other,
        })
    }
}
