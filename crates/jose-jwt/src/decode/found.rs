//! A registered claim's JSON value as found, and a deserializer that hands the same value on
//! to the application's type.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use jose_b64::JsonKind;
use jose_b64::serde_json::Value;
use serde::de::value::SeqDeserializer;
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// A registered claim as found, before its type is checked.
#[derive(Clone, Debug)]
pub(super) enum Found<'a> {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Str(Cow<'a, str>),
    /// The strings of an array, and the kind of its first element that is not a string.
    Array(Vec<Cow<'a, str>>, Option<JsonKind>),
    Other(JsonKind),
}

impl<'a> Found<'a> {
    /// A JSON value already parsed (for checking what a producer is about to write).
    pub(super) fn of(value: &'a Value) -> Self {
        match value {
            Value::String(s) => Self::Str(Cow::Borrowed(s)),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => Self::Unsigned(u),
                (None, Some(i), _) => Self::Signed(i),
                (None, None, Some(f)) => Self::Float(f),
                (None, None, None) => Self::Other(JsonKind::Number),
            },
            Value::Array(items) => {
                let mut strings = Vec::new();
                let mut other = None;
                for item in items {
                    match item {
                        Value::String(s) => strings.push(Cow::Borrowed(s.as_str())),
                        item => {
                            other.get_or_insert(jose_b64::json::kind_of(item));
                        }
                    }
                }
                Self::Array(strings, other)
            }
            other => Self::Other(jose_b64::json::kind_of(other)),
        }
    }

    pub(super) fn kind(&self) -> JsonKind {
        match self {
            Self::Unsigned(_) | Self::Signed(_) | Self::Float(_) => JsonKind::Number,
            Self::Str(_) => JsonKind::String,
            Self::Array(..) => JsonKind::Array,
            Self::Other(kind) => *kind,
        }
    }
}

/// Reads any JSON value into a [`Found`], skipping what no registered claim can be.
pub(super) struct FoundSeed<'a>(pub(super) Found<'a>);

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

/// Hands a registered claim whose type was checked (a number, a string, an array of strings)
/// to the application's type, as `serde_json` would have.
pub(super) struct FoundDeserializer<'a, E> {
    found: Found<'a>,
    error: PhantomData<E>,
}

impl<'a, E> FoundDeserializer<'a, E> {
    pub(super) fn new(found: Found<'a>) -> Self {
        Self {
            found,
            error: PhantomData,
        }
    }
}

impl<'de, E: de::Error> de::IntoDeserializer<'de, E> for FoundDeserializer<'de, E> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de, E: de::Error> de::Deserializer<'de> for FoundDeserializer<'de, E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.found {
            Found::Unsigned(n) => visitor.visit_u64(n),
            Found::Signed(n) => visitor.visit_i64(n),
            Found::Float(n) => visitor.visit_f64(n),
            Found::Str(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Found::Str(Cow::Owned(s)) => visitor.visit_string(s),
            Found::Array(strings, None) => {
                let elements = strings
                    .into_iter()
                    .map(|s| FoundDeserializer::new(Found::Str(s)));
                visitor.visit_seq(SeqDeserializer::new(elements))
            }
            // The claim's type was checked before: no other value reaches here.
            found => Err(E::custom(format!(
                "unexpected {} in a registered claim",
                found.kind()
            ))),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, E> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}
