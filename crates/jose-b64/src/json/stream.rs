//! Reading the array member of a large JSON object one element at a time.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::{Build, JsonLimits, Name};
use crate::Error;

/// What [`JsonLimits::parse_object_streaming`] read: the members other than the streamed
/// one, and how many elements were handed over.
#[derive(Debug)]
pub struct StreamedObject {
    /// The other members; the streamed member too when it was not an array.
    pub members: Map<String, Value>,
    /// The number of elements handed over; `None` when the member was absent or not an array.
    pub elements: Option<usize>,
}

impl JsonLimits {
    /// Parses a strict JSON object, as [`Self::parse_object_map_str`] does, except that the
    /// elements of its member `name`, when it is an array, are handed to `element` one by one
    /// as they are read rather than collected: a large array (the `"keys"` of a JWK Set) is
    /// never held whole. The same rules apply (size, depth, duplicate names at every depth,
    /// the member `name` included).
    ///
    /// ```
    /// use jose_b64::json::JsonLimits;
    ///
    /// let mut seen = Vec::new();
    /// let read = JsonLimits::DEFAULT
    ///     .parse_object_streaming(r#"{"keys":[1,{"a":2}],"x":3}"#, "keys", |v| seen.push(v))?;
    /// assert_eq!(read.elements, Some(2));
    /// assert_eq!(seen.len(), 2);
    /// assert!(read.members.contains_key("x") && !read.members.contains_key("keys"));
    /// # Ok::<(), jose_b64::Error>(())
    /// ```
    pub fn parse_object_streaming(
        &self,
        input: &str,
        name: &str,
        mut element: impl FnMut(Value),
    ) -> Result<StreamedObject, Error> {
        if !input.trim_start().starts_with('{') {
            // Not an object: the usual parse says what it is.
            let members = self.parse_object_map_str(input)?;
            return Ok(StreamedObject {
                members,
                elements: None,
            });
        }
        let violation = Cell::new(None);
        let top = Top {
            build: Build {
                depth: 1,
                max_depth: self.max_depth,
                violation: Some(&violation),
            },
            name,
            element: &mut element,
        };
        self.run_utf8(input.as_bytes(), &violation, top)
    }
}

/// The top-level object.
struct Top<'a, 'f> {
    build: Build<'a>,
    name: &'f str,
    element: &'f mut dyn FnMut(Value),
}

impl<'de> DeserializeSeed<'de> for Top<'_, '_> {
    type Value = StreamedObject;
    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Top<'_, '_> {
    type Value = StreamedObject;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let inner = self.build.enter()?;
        let mut members = Map::new();
        let mut elements = None;
        while let Some(Name(key)) = map.next_key()? {
            let streamed_twice = elements.is_some() && key == self.name;
            match members.entry(key.into_owned()) {
                serde_json::map::Entry::Occupied(taken) => {
                    return Err(self.build.fail(Error::DuplicateMember {
                        name: crate::printable(taken.key()),
                    }));
                }
                serde_json::map::Entry::Vacant(slot) if streamed_twice => {
                    return Err(self.build.fail(Error::DuplicateMember {
                        name: crate::printable(slot.key()),
                    }));
                }
                serde_json::map::Entry::Vacant(slot) if slot.key() == self.name => {
                    let seed = Elements {
                        build: inner,
                        element: &mut *self.element,
                    };
                    match map.next_value_seed(seed)? {
                        Streamed::Elements(count) => elements = Some(count),
                        Streamed::Other(value) => {
                            slot.insert(value);
                        }
                    }
                }
                serde_json::map::Entry::Vacant(slot) => {
                    slot.insert(map.next_value_seed(inner)?);
                }
            }
        }
        Ok(StreamedObject { members, elements })
    }
}

/// The streamed member: its elements when it is an array, else its value.
enum Streamed {
    Elements(usize),
    Other(Value),
}

struct Elements<'a, 'f> {
    build: Build<'a>,
    element: &'f mut dyn FnMut(Value),
}

impl<'de> DeserializeSeed<'de> for Elements<'_, '_> {
    type Value = Streamed;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Streamed, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// Arrays are streamed; any other value is built as [`Build`] builds it.
impl<'de> Visitor<'de> for Elements<'_, '_> {
    type Value = Streamed;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Streamed, A::Error> {
        let inner = self.build.enter()?;
        let mut count = 0usize;
        while let Some(item) = seq.next_element_seed(inner)? {
            (self.element)(item);
            count += 1;
        }
        Ok(Streamed::Elements(count))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Streamed, A::Error> {
        self.build.visit_map(map).map(Streamed::Other)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Streamed, E> {
        Ok(Streamed::Other(Value::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Streamed, E> {
        Ok(Streamed::Other(Value::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Streamed, E> {
        Ok(Streamed::Other(Value::from(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Streamed, E> {
        self.build.visit_f64(v).map(Streamed::Other)
    }
    fn visit_str<E>(self, v: &str) -> Result<Streamed, E> {
        Ok(Streamed::Other(Value::String(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Streamed, E> {
        Ok(Streamed::Other(Value::String(v)))
    }
    fn visit_unit<E>(self) -> Result<Streamed, E> {
        Ok(Streamed::Other(Value::Null))
    }
    fn visit_none<E>(self) -> Result<Streamed, E> {
        Ok(Streamed::Other(Value::Null))
    }
}
