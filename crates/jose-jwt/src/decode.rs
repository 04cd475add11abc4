//! Reading a JWT Claims Set (RFC 7519 §7.2 steps 9–10): a strict JSON object, the registered
//! claims typed, the application's claims deserialized.
//!
//! The payload is checked once by the strict parser of `jose-b64` (duplicate names at any
//! depth, depth and size bounds, UTF-8, an object at the top), then read once for the
//! registered claims (borrowing, skipping every other member) and once into the
//! application's type.

use std::borrow::Cow;
use std::fmt;

use jose_b64::JsonKind;
use jose_b64::json::JsonLimits;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor,
};

use crate::claims::{Audience, RegisteredClaims};
use crate::error::shorten;
use crate::numeric_date::DateProblem;
use crate::{Error, NumericDate};

/// The bounds on a claims set: nesting depth 32, 256 KiB (the largest token is 256 KiB).
pub(crate) const CLAIMS_LIMITS: JsonLimits = JsonLimits::new(32, 256 * 1024);

/// Reads `payload` as a claims set: the registered claims and the application's `T`.
/// `required` names claims that must be present.
pub(crate) fn decode<T: DeserializeOwned>(
    payload: &[u8],
    required: &[String],
) -> Result<(RegisteredClaims, T), Error> {
    let registered = registered(payload, required)?;
    let custom = serde_json::from_slice(payload).map_err(custom_error)?;
    Ok((registered, custom))
}

/// The strict check and the registered claims only.
pub(crate) fn registered(payload: &[u8], required: &[String]) -> Result<RegisteredClaims, Error> {
    match CLAIMS_LIMITS.check(payload) {
        Ok(JsonKind::Object) => {}
        Ok(found) => return Err(Error::ClaimsSet(jose_b64::Error::NotAnObject { found })),
        Err(e) => return Err(Error::ClaimsSet(e)),
    }
    let mut de = serde_json::Deserializer::from_slice(payload);
    let raw = ClaimsSeed { required }.deserialize(&mut de).map_err(|e| {
        Error::ClaimsSet(jose_b64::Error::JsonSyntax {
            reason: e.to_string(),
        })
    })?;
    if let Some(missing) = raw.missing {
        return Err(Error::MissingClaim { claim: missing });
    }
    raw.into_registered()
}

/// The application's type did not fit. Messages that could quote a claim's value (which may
/// have been encrypted) keep only where the problem is.
fn custom_error(e: serde_json::Error) -> Error {
    let text = e.to_string();
    let reason = if text.starts_with("missing field") || text.starts_with("unknown field") {
        text
    } else {
        format!(
            "a claim has the wrong type or value (line {}, column {})",
            e.line(),
            e.column()
        )
    };
    Error::CustomClaims { reason }
}

/// The registered names, in slot order.
const NAMES: [&str; 7] = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

/// A registered claim as found, before its type is checked.
#[derive(Debug)]
enum Found<'a> {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Str(Cow<'a, str>),
    /// The strings of an array, and the kind of its first element that is not a string.
    Array(Vec<Cow<'a, str>>, Option<JsonKind>),
    Other(JsonKind),
}

impl Found<'_> {
    fn kind(&self) -> JsonKind {
        match self {
            Self::Unsigned(_) | Self::Signed(_) | Self::Float(_) => JsonKind::Number,
            Self::Str(_) => JsonKind::String,
            Self::Array(..) => JsonKind::Array,
            Self::Other(kind) => *kind,
        }
    }
}

#[derive(Debug, Default)]
struct RawClaims<'a> {
    slots: [Option<Found<'a>>; 7],
    /// The first required claim that is missing.
    missing: Option<String>,
}

/// Reads the top-level object, noting the registered claims and the required names seen.
struct ClaimsSeed<'r> {
    required: &'r [String],
}

impl<'de> DeserializeSeed<'de> for ClaimsSeed<'_> {
    type Value = RawClaims<'de>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ClaimsSeed<'_> {
    type Value = RawClaims<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JWT Claims Set (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut raw = RawClaims::default();
        // Which required claims were seen (no allocation without required claims).
        let mut seen = vec![false; self.required.len()];
        while let Some(key) = map.next_key_seed(KeySeed {
            required: self.required,
        })? {
            if let Some(flag) = key.required.and_then(|i| seen.get_mut(i)) {
                *flag = true;
            }
            match key.slot.and_then(|i| raw.slots.get_mut(i)) {
                Some(slot) => *slot = Some(map.next_value::<FoundSeed>()?.0),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        raw.missing = self
            .required
            .iter()
            .zip(&seen)
            .find(|(_, seen)| !**seen)
            .map(|(name, _)| name.clone());
        Ok(raw)
    }
}

impl<'a> RawClaims<'a> {
    fn take(&mut self, index: usize) -> Option<Found<'a>> {
        self.slots.get_mut(index).and_then(Option::take)
    }

    fn into_registered(mut self) -> Result<RegisteredClaims, Error> {
        Ok(RegisteredClaims {
            iss: self.take(0).map(|f| string("iss", f)).transpose()?,
            sub: self.take(1).map(|f| string("sub", f)).transpose()?,
            aud: self.take(2).map(audience).transpose()?,
            exp: self.take(3).map(|f| date("exp", f)).transpose()?,
            nbf: self.take(4).map(|f| date("nbf", f)).transpose()?,
            iat: self.take(5).map(|f| date("iat", f)).transpose()?,
            jti: self.take(6).map(|f| string("jti", f)).transpose()?,
        })
    }
}

fn string(claim: &'static str, found: Found<'_>) -> Result<String, Error> {
    match found {
        Found::Str(s) => Ok(s.into_owned()),
        other => Err(Error::invalid_claim(
            claim,
            format!("must be a string, found {}", other.kind()),
        )),
    }
}

fn date(claim: &'static str, found: Found<'_>) -> Result<NumericDate, Error> {
    let result = match found {
        Found::Unsigned(n) => NumericDate::from_u64(n),
        Found::Signed(n) => NumericDate::from_i64(n),
        Found::Float(n) => NumericDate::from_f64(n),
        other => {
            return Err(Error::invalid_claim(
                claim,
                format!(
                    "must be a NumericDate (a JSON number of seconds), found {}",
                    other.kind()
                ),
            ));
        }
    };
    result.map_err(|problem: DateProblem| Error::invalid_claim(claim, problem.describe()))
}

fn audience(found: Found<'_>) -> Result<Audience, Error> {
    let invalid = |reason: String| Error::invalid_claim("aud", reason);
    match found {
        Found::Str(s) if s.is_empty() => Err(invalid("must not be an empty string".into())),
        Found::Str(s) => Ok(Audience::new(vec![s.into_owned()], false)),
        Found::Array(_, Some(kind)) => Err(invalid(format!(
            "must be a string or an array of strings, found an array holding {kind}"
        ))),
        Found::Array(values, None) if values.is_empty() => {
            Err(invalid("must not be an empty array".into()))
        }
        Found::Array(values, None) if values.iter().any(|v| v.is_empty()) => {
            Err(invalid("must not hold an empty string".into()))
        }
        Found::Array(values, None) => Ok(Audience::new(
            values.into_iter().map(Cow::into_owned).collect(),
            true,
        )),
        other => Err(invalid(format!(
            "must be a string or an array of strings, found {}",
            other.kind()
        ))),
    }
}

/// A member name: which registered slot, and which required claim, it is.
struct Key {
    slot: Option<usize>,
    required: Option<usize>,
}

struct KeySeed<'r> {
    required: &'r [String],
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed<'_> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a claim name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Key, E> {
        Ok(Key {
            slot: NAMES.iter().position(|n| *n == name),
            required: self.required.iter().position(|r| r == name),
        })
    }
}

/// Reads any JSON value into a [`Found`], skipping what no registered claim can be.
struct FoundSeed<'a>(Found<'a>);

impl<'de> de::Deserialize<'de> for FoundSeed<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FoundVisitor).map(FoundSeed)
    }
}

struct FoundVisitor;

impl<'de> Visitor<'de> for FoundVisitor {
    type Value = Found<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Found<'de>, E> {
        Ok(Found::Other(JsonKind::Bool))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Found<'de>, E> {
        Ok(Found::Other(JsonKind::Null))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Found<'de>, E> {
        Ok(Found::Unsigned(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Found<'de>, E> {
        Ok(Found::Signed(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Found<'de>, E> {
        Ok(Found::Float(v))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Found<'de>, E> {
        Ok(Found::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Found<'de>, E> {
        Ok(Found::Str(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Found<'de>, E> {
        Ok(Found::Str(Cow::Owned(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Found<'de>, A::Error> {
        let mut strings = Vec::new();
        let mut other = None;
        while let Some(FoundSeed(element)) = seq.next_element::<FoundSeed<'de>>()? {
            match element {
                Found::Str(s) => strings.push(s),
                found => {
                    other.get_or_insert(found.kind());
                }
            }
        }
        Ok(Found::Array(strings, other))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Found<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Found::Other(JsonKind::Object))
    }
}

/// Attacker-chosen values for messages.
pub(crate) fn shown(values: &[String]) -> Vec<String> {
    values.iter().map(|v| shorten(v)).collect()
}

#[cfg(test)]
mod tests;
