//! Strict JSON (RFC 8259 with the JOSE restrictions).
//!
//! JOSE requires member names to be unique (RFC 7515 §4, RFC 7516 §4, RFC 7517 §4, RFC 7519
//! §4). `serde_json` keeps the last of two equal names silently, which is how parser
//! differentials such as `{"alg":"HS256","alg":"none"}` get through. Every function here first
//! walks the whole input once, without building values, and rejects:
//!
//! - a member name that appears twice in one object, at any depth, compared after unescaping
//!   (so `"alg"` and `"\u0061lg"` are the same name);
//! - nesting deeper than [`JsonLimits::max_depth`];
//! - input longer than [`JsonLimits::max_bytes`];
//! - invalid UTF-8, lone surrogates, a byte-order mark, and trailing characters;
//! - a top-level value other than an object, where an object is required.
//!
//! Then it decodes the typed value with `serde_json`.
//!
//! ```
//! use jose_b64::{json, Error, JsonKind};
//!
//! let map = json::parse_object_map(br#"{"alg":"ES256","jwk":{"kty":"EC"}}"#)?;
//! assert_eq!(map["alg"], "ES256");
//!
//! assert!(matches!(json::parse_object_map(br#"{"alg":"RS256","\u0061lg":"none"}"#),
//!     Err(Error::DuplicateMember { .. })));
//! assert_eq!(json::parse_object_map(b"[1]").unwrap_err(),
//!     Error::NotAnObject { found: JsonKind::Array });
//! # Ok::<(), Error>(())
//! ```

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::{Error, JsonKind};

mod flat;
pub use flat::FlatObject;
mod stream;
pub use stream::StreamedObject;
mod wipe;
pub use wipe::{to_string_exact, zeroize_value};

/// Bounds on the JSON a parser accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct JsonLimits {
    /// The deepest nesting of arrays and objects: the top-level object is depth 1.
    pub max_depth: u32,
    /// The largest input, in bytes.
    pub max_bytes: usize,
}

impl JsonLimits {
    /// The defaults: depth 32 and 1 MiB, generous for headers, keys and claims.
    pub const DEFAULT: Self = Self {
        max_depth: 32,
        max_bytes: 1 << 20,
    };

    /// Limits with the given depth and size.
    pub const fn new(max_depth: u32, max_bytes: usize) -> Self {
        Self {
            max_depth,
            max_bytes,
        }
    }

    /// Checks `input` against these limits and the strictness rules, and returns the kind of
    /// its top-level value.
    pub fn check(&self, input: &[u8]) -> Result<JsonKind, Error> {
        let violation = Cell::new(None);
        self.run(
            input,
            &violation,
            Walk {
                depth: 1,
                limits: self,
                violation: &violation,
            },
        )
    }

    /// Parses a strict JSON document of any kind into `T`.
    pub fn parse<T: DeserializeOwned>(&self, input: &[u8]) -> Result<T, Error> {
        self.check(input)?;
        decode_checked(input)
    }

    /// Parses a strict JSON object into a member map in a single pass (no separate check).
    pub fn parse_object_map(&self, input: &[u8]) -> Result<Map<String, Value>, Error> {
        self.object_map(input, false)
    }

    /// [`Self::parse_object_map`] of text, which is UTF-8 already: the same checks, without
    /// validating the encoding a second time.
    pub fn parse_object_map_str(&self, input: &str) -> Result<Map<String, Value>, Error> {
        self.object_map(input.as_bytes(), true)
    }

    fn object_map(&self, input: &[u8], is_utf8: bool) -> Result<Map<String, Value>, Error> {
        let violation = Cell::new(None);
        let build = Build {
            depth: 1,
            max_depth: self.max_depth,
            violation: Some(&violation),
        };
        let value = if is_utf8 {
            self.run_utf8(input, &violation, build)?
        } else {
            self.run(input, &violation, build)?
        };
        match value {
            Value::Object(map) => Ok(map),
            other => Err(Error::NotAnObject {
                found: kind_of(&other),
            }),
        }
    }

    /// [`Error::TooLarge`] when `len` bytes are over the limit.
    fn check_len(&self, len: usize) -> Result<(), Error> {
        if len > self.max_bytes {
            return Err(Error::TooLarge {
                max_bytes: self.max_bytes,
                actual: len,
            });
        }
        Ok(())
    }

    /// The size and UTF-8 checks, then one strict pass of `seed`, which records the first
    /// rule it breaks in `violation` (reported as that typed error).
    fn run<'a, S: DeserializeSeed<'a>>(
        &self,
        input: &'a [u8],
        violation: &Cell<Option<Error>>,
        seed: S,
    ) -> Result<S::Value, Error> {
        self.check_len(input.len())?;
        if let Err(e) = std::str::from_utf8(input) {
            return Err(Error::InvalidUtf8 {
                offset: e.valid_up_to(),
            });
        }
        self.run_utf8(input, violation, seed)
    }

    /// [`Self::run`] for input known to be UTF-8.
    fn run_utf8<'a, S: DeserializeSeed<'a>>(
        &self,
        input: &'a [u8],
        violation: &Cell<Option<Error>>,
        seed: S,
    ) -> Result<S::Value, Error> {
        self.check_len(input.len())?;
        let mut de = serde_json::Deserializer::from_slice(input);
        let result = seed.deserialize(&mut de).and_then(|v| de.end().map(|()| v));
        match (result, violation.take()) {
            (_, Some(violation)) => Err(violation),
            (Ok(value), None) => Ok(value),
            (Err(e), None) => Err(Error::JsonSyntax {
                reason: e.to_string(),
            }),
        }
    }

    /// Parses a strict JSON document that must be an object into `T`.
    pub fn parse_object<T: DeserializeOwned>(&self, input: &[u8]) -> Result<T, Error> {
        match self.check(input)? {
            JsonKind::Object => decode_checked(input),
            found => Err(Error::NotAnObject { found }),
        }
    }
}

impl Default for JsonLimits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Parses a strict JSON object into `T` with the default limits.
pub fn parse_object<T: DeserializeOwned>(input: &[u8]) -> Result<T, Error> {
    JsonLimits::DEFAULT.parse_object(input)
}

/// Parses a strict JSON object into a member map with the default limits.
pub fn parse_object_map(input: &[u8]) -> Result<Map<String, Value>, Error> {
    JsonLimits::DEFAULT.parse_object_map(input)
}

/// Parses a strict JSON document of any kind into `T` with the default limits.
pub fn parse<T: DeserializeOwned>(input: &[u8]) -> Result<T, Error> {
    JsonLimits::DEFAULT.parse(input)
}

/// The kind of a `serde_json` value.
pub fn kind_of(value: &Value) -> JsonKind {
    match value {
        Value::Null => JsonKind::Null,
        Value::Bool(_) => JsonKind::Bool,
        Value::Number(_) => JsonKind::Number,
        Value::String(_) => JsonKind::String,
        Value::Array(_) => JsonKind::Array,
        Value::Object(_) => JsonKind::Object,
    }
}

/// Whether `object` nests arrays and objects deeper than `max_depth`, counting `object` itself
/// as depth 1, as [`JsonLimits::max_depth`] does. For a member of a larger document (such as
/// an unprotected header inside a JSON serialization) that must obey a header's own limit.
/// Iterative, so that no value can exhaust the stack.
///
/// ```
/// use jose_b64::json::{nesting_exceeds, parse_object_map};
///
/// let header = parse_object_map(br#"{"epk":{"kty":"EC"},"x":[1]}"#)?;
/// assert!(!nesting_exceeds(&header, 2));
/// assert!(nesting_exceeds(&header, 1));
/// # Ok::<(), jose_b64::Error>(())
/// ```
pub fn nesting_exceeds(object: &Map<String, Value>, max_depth: u32) -> bool {
    if max_depth < 1 {
        return true;
    }
    let mut stack: Vec<(&Value, u32)> = object.values().map(|v| (v, 2)).collect();
    while let Some((value, depth)) = stack.pop() {
        let inner = depth.saturating_add(1);
        match value {
            Value::Array(items) if depth <= max_depth => {
                stack.extend(items.iter().map(|v| (v, inner)));
            }
            Value::Object(members) if depth <= max_depth => {
                stack.extend(members.values().map(|v| (v, inner)));
            }
            Value::Array(_) | Value::Object(_) => return true,
            _ => {}
        }
    }
    false
}

fn decode_checked<T: DeserializeOwned>(input: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(input).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => Error::JsonSchema {
            reason: e.to_string(),
        },
        _ => Error::JsonSyntax {
            reason: e.to_string(),
        },
    })
}

/// Objects with more members than this switch from a linear scan to a hash set.
const LINEAR_SCAN_MEMBERS: usize = 16;

/// Walks one value without building it, recording the first rule it breaks in `violation`.
struct Walk<'a> {
    depth: u32,
    limits: &'a JsonLimits,
    violation: &'a Cell<Option<Error>>,
}

impl Walk<'_> {
    fn fail<E: de::Error>(&self, violation: Error) -> E {
        let message = violation.to_string();
        self.violation.set(Some(violation));
        E::custom(message)
    }

    /// Called on entering an array or object at `self.depth`.
    fn enter<E: de::Error>(&self) -> Result<(), E> {
        if self.depth > self.limits.max_depth {
            return Err(self.fail(Error::TooDeep {
                max_depth: self.limits.max_depth,
            }));
        }
        Ok(())
    }

    /// The walker for a member or element of the container being walked.
    fn nested(&self) -> Walk<'_> {
        Walk {
            depth: self.depth + 1,
            limits: self.limits,
            violation: self.violation,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = JsonKind;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<JsonKind, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = JsonKind;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<JsonKind, E> {
        Ok(JsonKind::Bool)
    }
    fn visit_i64<E>(self, _: i64) -> Result<JsonKind, E> {
        Ok(JsonKind::Number)
    }
    fn visit_u64<E>(self, _: u64) -> Result<JsonKind, E> {
        Ok(JsonKind::Number)
    }
    fn visit_f64<E>(self, _: f64) -> Result<JsonKind, E> {
        Ok(JsonKind::Number)
    }
    fn visit_str<E>(self, _: &str) -> Result<JsonKind, E> {
        Ok(JsonKind::String)
    }
    fn visit_unit<E>(self) -> Result<JsonKind, E> {
        Ok(JsonKind::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<JsonKind, A::Error> {
        self.enter()?;
        while seq.next_element_seed(self.nested())?.is_some() {}
        Ok(JsonKind::Array)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsonKind, A::Error> {
        self.enter()?;
        let mut few: Vec<Cow<'de, str>> = Vec::new();
        let mut many: HashSet<Cow<'de, str>> = HashSet::new();
        while let Some(Name(name)) = map.next_key()? {
            let duplicate = if many.is_empty() && few.len() < LINEAR_SCAN_MEMBERS {
                let seen = few.contains(&name);
                few.push(name.clone());
                seen
            } else {
                if many.is_empty() {
                    many.extend(few.drain(..));
                }
                !many.insert(name.clone())
            };
            if duplicate {
                return Err(self.fail(Error::DuplicateMember {
                    name: crate::printable(&name),
                }));
            }
            map.next_value_seed(self.nested())?;
        }
        Ok(JsonKind::Object)
    }
}

/// A member name, borrowed from the input when it has no escapes.
struct Name<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Name<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameVisitor;
        impl<'de> Visitor<'de> for NameVisitor {
            type Value = Name<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(NameVisitor)
    }
}

/// A JSON value read strictly by any serde `Deserializer`: duplicate member names are rejected
/// at every depth and nesting is bounded by [`JsonLimits::DEFAULT`]'s depth.
///
/// Use it in `Deserialize` impls of types that must be strict even when a caller reaches them
/// through `serde_json::from_str` rather than through this module.
///
/// ```
/// use jose_b64::json::StrictValue;
///
/// let ok: StrictValue = serde_json::from_str(r#"{"a":[{"b":1}]}"#)?;
/// assert_eq!(ok.0["a"][0]["b"], 1);
/// assert!(serde_json::from_str::<StrictValue>(r#"{"a":[{"b":1,"b":2}]}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct StrictValue(pub Value);

impl<'de> de::Deserialize<'de> for StrictValue {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let build = Build {
            depth: 1,
            max_depth: JsonLimits::DEFAULT.max_depth,
            violation: None,
        };
        deserializer.deserialize_any(build).map(StrictValue)
    }
}

/// Builds a value, enforcing uniqueness of names and the default depth.
#[derive(Clone, Copy)]
struct Build<'a> {
    depth: u32,
    max_depth: u32,
    violation: Option<&'a Cell<Option<Error>>>,
}

impl<'a> Build<'a> {
    fn fail<E: de::Error>(self, violation: Error) -> E {
        let message = violation.to_string();
        if let Some(slot) = self.violation {
            slot.set(Some(violation));
        }
        E::custom(message)
    }

    fn enter<E: de::Error>(self) -> Result<Build<'a>, E> {
        if self.depth > self.max_depth {
            return Err(self.fail(Error::TooDeep {
                max_depth: self.max_depth,
            }));
        }
        Ok(Build {
            depth: self.depth + 1,
            ..self
        })
    }
}

impl<'de> DeserializeSeed<'de> for Build<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Build<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        serde_json::Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("a JSON number must be finite"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let inner = self.enter()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(inner)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let inner = self.enter()?;
        let mut members = Map::new();
        while let Some(Name(name)) = map.next_key()? {
            // One lookup per member: the slot found free is the one filled.
            match members.entry(name.into_owned()) {
                serde_json::map::Entry::Occupied(taken) => {
                    return Err(self.fail(Error::DuplicateMember {
                        name: crate::printable(taken.key()),
                    }));
                }
                serde_json::map::Entry::Vacant(slot) => {
                    slot.insert(map.next_value_seed(inner)?);
                }
            }
        }
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_measured_as_the_parser_does() {
        for depth in 1..6u32 {
            let text = format!(
                "{}1{}",
                r#"{"a":"#.repeat(depth as usize),
                "}".repeat(depth as usize)
            );
            let map = parse_object_map(text.as_bytes()).unwrap();
            assert!(!nesting_exceeds(&map, depth), "{text}");
            assert!(nesting_exceeds(&map, depth - 1), "{text}");
            let limits = JsonLimits::new(depth - 1, 1 << 10);
            assert!(limits.parse_object_map(text.as_bytes()).is_err(), "{text}");
        }
        let map = parse_object_map(br#"{"a":[[1]],"b":2}"#).unwrap();
        assert!(!nesting_exceeds(&map, 3));
        assert!(nesting_exceeds(&map, 2));
        assert!(nesting_exceeds(&Map::new(), 0));
        assert!(!nesting_exceeds(&Map::new(), 1));
    }

    fn err(input: &str) -> Error {
        parse_object_map(input.as_bytes()).unwrap_err()
    }

    #[test]
    fn accepts_objects() {
        let map = parse_object_map(br#" {"a":1,"b":[true,null,{"c":"d"}],"e":1.5e3} "#).unwrap();
        assert_eq!(map.len(), 3);
        assert_eq!(map["b"][2]["c"], "d");
    }

    #[test]
    fn rejects_duplicates_at_every_depth() {
        for input in [
            r#"{"alg":"HS256","alg":"none"}"#,
            r#"{"alg":"RS256","\u0061lg":"none"}"#,
            r#"{"a":{"x":1,"x":2}}"#,
            r#"{"a":[{"x":1},{"y":1,"y":1}]}"#,
            r#"{"sub":"alice","sub":"admin"}"#,
            r#"{"exp":1,"exp":9999999999}"#,
        ] {
            assert!(
                matches!(err(input), Error::DuplicateMember { .. }),
                "{input}"
            );
        }
        assert_eq!(
            err(r#"{"alg":"HS256","alg":"none"}"#).to_string(),
            "duplicate JSON member name \"alg\" (member names must be unique)"
        );
        // Same names in different objects are fine; names are case-sensitive.
        parse_object_map(br#"{"a":{"x":1},"b":{"x":1},"ALG":1,"alg":2}"#).unwrap();
    }

    #[test]
    fn rejects_duplicates_in_large_objects() {
        let mut members: Vec<String> = (0..100).map(|i| format!("\"m{i}\":{i}")).collect();
        let ok = format!("{{{}}}", members.join(","));
        assert_eq!(parse_object_map(ok.as_bytes()).unwrap().len(), 100);
        members.push("\"m3\":0".into());
        let dup = format!("{{{}}}", members.join(","));
        assert_eq!(err(&dup), Error::DuplicateMember { name: "m3".into() });
    }

    #[test]
    fn bounds_depth() {
        let limits = JsonLimits::new(3, 1000);
        limits.check(br#"{"a":{"b":[1]}}"#).unwrap();
        assert_eq!(
            limits.check(br#"{"a":{"b":[[1]]}}"#).unwrap_err(),
            Error::TooDeep { max_depth: 3 }
        );
        let deep = format!("{}1{}", "{\"x\":".repeat(100_000), "}".repeat(100_000));
        assert_eq!(err(&deep), Error::TooDeep { max_depth: 32 });
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(err(&deep), Error::TooDeep { max_depth: 32 });
    }

    #[test]
    fn bounds_size() {
        let limits = JsonLimits::new(32, 8);
        assert_eq!(
            limits.check(br#"{"a":"bcdef"}"#).unwrap_err(),
            Error::TooLarge {
                max_bytes: 8,
                actual: 13
            }
        );
    }

    #[test]
    fn requires_an_object() {
        for (input, found) in [
            ("[]", JsonKind::Array),
            ("null", JsonKind::Null),
            ("1", JsonKind::Number),
            ("\"\"", JsonKind::String),
            ("true", JsonKind::Bool),
        ] {
            assert_eq!(err(input), Error::NotAnObject { found }, "{input}");
        }
        assert_eq!(parse::<Value>(b"[1]").unwrap(), serde_json::json!([1]));
    }

    #[test]
    fn rejects_bad_text() {
        assert!(matches!(err(""), Error::JsonSyntax { .. }));
        assert!(matches!(err("{"), Error::JsonSyntax { .. }));
        assert!(matches!(err("{} {}"), Error::JsonSyntax { .. }));
        assert!(matches!(err("{'a':1}"), Error::JsonSyntax { .. }));
        assert!(matches!(err("{\"a\":1,}"), Error::JsonSyntax { .. }));
        assert!(matches!(err("\u{feff}{}"), Error::JsonSyntax { .. }));
        assert!(matches!(err(r#"{"a":"\ud800"}"#), Error::JsonSyntax { .. }));
        assert!(matches!(err(r#"{"\ud800":1}"#), Error::JsonSyntax { .. }));
        assert!(matches!(err(r#"{"a":1e400}"#), Error::JsonSyntax { .. }));
        assert!(matches!(err(r#"{"a":NaN}"#), Error::JsonSyntax { .. }));
        assert_eq!(
            parse_object_map(b"{\"a\":\"\xc0\xaf\"}").unwrap_err(),
            Error::InvalidUtf8 { offset: 6 }
        );
        assert_eq!(
            parse_object_map(b"\xfe\xff{}").unwrap_err(),
            Error::InvalidUtf8 { offset: 0 }
        );
    }

    #[test]
    fn typed_decoding_reports_schema_errors() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Claims {
            exp: u64,
        }
        assert!(matches!(
            parse_object::<Claims>(br#"{"exp":"9999999999"}"#).unwrap_err(),
            Error::JsonSchema { .. }
        ));
        assert_eq!(parse_object::<Claims>(br#"{"exp":5}"#).unwrap().exp, 5);
        assert_eq!(err("[]").code(), "ERR_JSON_NOT_OBJECT");
    }

    #[test]
    fn strict_value_through_serde() {
        let v: StrictValue = serde_json::from_str(r#"{"a":{"b":[1,2.5,"x",null,true]}}"#).unwrap();
        assert_eq!(v.0["a"]["b"][1], 2.5);
        let e = serde_json::from_str::<StrictValue>(r#"{"a":{"x":1,"\u0078":2}}"#).unwrap_err();
        assert!(
            e.to_string().contains("duplicate JSON member name \"x\""),
            "{e}"
        );
        let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
        let e = serde_json::from_str::<StrictValue>(&deep).unwrap_err();
        assert!(e.to_string().contains("deeper than the limit"), "{e}");
    }

    #[test]
    fn kinds() {
        assert_eq!(kind_of(&serde_json::json!({})), JsonKind::Object);
        assert_eq!(kind_of(&serde_json::json!("x")), JsonKind::String);
        assert_eq!(JsonLimits::default(), JsonLimits::DEFAULT);
    }
}
