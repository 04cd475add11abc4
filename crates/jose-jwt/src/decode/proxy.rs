//! The application's type read through a proxy of the top-level object, which checks the
//! object's member names and the registered claims on the way.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

use jose_b64::JsonKind;
use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, Visitor};

use super::found::{Found, FoundDeserializer, FoundSeed};
use super::{custom_error, registered_slot, store};
use crate::Error;
use crate::claims::RegisteredClaims;

/// Objects with more members than this switch from a linear scan to a hash set.
const LINEAR_SCAN_MEMBERS: usize = 16;

/// What the pass learns besides `T`.
struct State<'r, 'de> {
    claims: RegisteredClaims,
    required: &'r [String],
    seen: Vec<bool>,
    /// The names seen, while there are few (no allocation)…
    few: [Cow<'de, str>; LINEAR_SCAN_MEMBERS],
    few_len: usize,
    /// …then all of them.
    many: Option<HashSet<Cow<'de, str>>>,
    /// One bit per name seen, from its length and end bytes: a name whose bit is clear was
    /// not seen, and needs no comparison.
    bloom: u64,
    finished: bool,
    /// The first rule broken, reported as this error rather than as the serde error.
    error: Option<Error>,
}

impl<'de> State<'_, 'de> {
    fn fail<E: de::Error>(&mut self, error: Error) -> E {
        let message = error.to_string();
        self.error = Some(error);
        E::custom(message)
    }

    /// Records a member name; `false` when it was seen before.
    fn insert(&mut self, name: Cow<'de, str>) -> bool {
        if let Some(many) = &mut self.many {
            return many.insert(name);
        }
        let bit = bloom_bit(&name);
        let seen = self.few.get(..self.few_len).unwrap_or_default();
        if self.bloom & bit != 0 && seen.contains(&name) {
            return false;
        }
        self.bloom |= bit;
        match self.few.get_mut(self.few_len) {
            Some(slot) => {
                *slot = name;
                self.few_len += 1;
            }
            None => {
                let mut many: HashSet<Cow<'de, str>> = self.few.iter().cloned().collect();
                many.insert(name);
                self.many = Some(many);
            }
        }
        true
    }
}

/// The bloom bit of a member name.
fn bloom_bit(name: &str) -> u64 {
    let bytes = name.as_bytes();
    let first = bytes.first().copied().unwrap_or(0);
    let last = bytes.last().copied().unwrap_or(0);
    let hash = (bytes.len() as u64)
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
        .wrapping_add(u64::from(first) << 8 | u64::from(last))
        .wrapping_mul(0xff51_afd7_ed55_8ccd);
    1 << (hash >> 58)
}

/// Reads `payload` (of bounded nesting) into `T`, the registered claims, and the
/// first required claim missing.
pub(super) fn read<T: DeserializeOwned>(
    payload: &[u8],
    required: &[String],
) -> Result<(RegisteredClaims, T, Option<String>), Error> {
    // Members that `T` skips are not checked for UTF-8 by serde_json.
    if let Err(e) = std::str::from_utf8(payload) {
        return Err(Error::ClaimsSet(jose_b64::Error::InvalidUtf8 {
            offset: e.valid_up_to(),
        }));
    }
    let mut state = State {
        claims: RegisteredClaims::default(),
        required,
        seen: vec![false; required.len()],
        few: Default::default(),
        few_len: 0,
        many: None,
        bloom: 0,
        finished: false,
        error: None,
    };
    let mut de = serde_json::Deserializer::from_slice(payload);
    let top = Top {
        state: &mut state,
        marker: PhantomData,
    };
    let result = de::Deserializer::deserialize_any(&mut de, top).and_then(|t| de.end().map(|()| t));
    let value = match (result, state.error.take()) {
        (_, Some(error)) => return Err(error),
        (Ok(value), None) if state.finished => value,
        (Ok(_), None) => {
            return Err(Error::CustomClaims {
                reason: "the type stopped reading the claims before their end".into(),
            });
        }
        (Err(e), None) if e.classify() == serde_json::error::Category::Data => {
            return Err(custom_error(&e));
        }
        (Err(e), None) => {
            return Err(Error::ClaimsSet(jose_b64::Error::JsonSyntax {
                reason: e.to_string(),
            }));
        }
    };
    let missing = state
        .required
        .iter()
        .zip(&state.seen)
        .find(|(_, seen)| !**seen)
        .map(|(name, _)| name.clone());
    Ok((state.claims, value, missing))
}

/// The top-level value: an object, handed to `T` through the proxy.
struct Top<'s, 'r, 'de, T> {
    state: &'s mut State<'r, 'de>,
    marker: PhantomData<T>,
}

impl<'de, T: DeserializeOwned> Top<'_, '_, 'de, T> {
    fn not_an_object<E: de::Error>(self, found: JsonKind) -> E {
        self.state
            .fail(Error::ClaimsSet(jose_b64::Error::NotAnObject { found }))
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for Top<'_, '_, 'de, T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JWT Claims Set (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(Proxy {
            map,
            state: self.state,
        })
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<T, E> {
        Err(self.not_an_object(JsonKind::Bool))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<T, E> {
        Err(self.not_an_object(JsonKind::Number))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<T, E> {
        Err(self.not_an_object(JsonKind::Number))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<T, E> {
        Err(self.not_an_object(JsonKind::Number))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<T, E> {
        Err(self.not_an_object(JsonKind::String))
    }

    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Err(self.not_an_object(JsonKind::Null))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<T, A::Error> {
        Err(self.not_an_object(JsonKind::Array))
    }
}

/// The top-level object as a deserializer for `T`: always a map.
struct Proxy<'s, 'r, 'de, A> {
    map: A,
    state: &'s mut State<'r, 'de>,
}

impl<'de, A: MapAccess<'de>> de::Deserializer<'de> for Proxy<'_, '_, 'de, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(ProxyMap {
            map: self.map,
            state: self.state,
            pending: None,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// The members, each name checked and each registered claim read, typed and handed on.
struct ProxyMap<'s, 'r, 'de, A> {
    map: A,
    state: &'s mut State<'r, 'de>,
    /// The value of the registered claim whose name was just handed out.
    pending: Option<Found<'de>>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for ProxyMap<'_, '_, 'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.pending = None;
        let Some(Name(name)) = self.map.next_key::<Name<'de>>()? else {
            self.state.finished = true;
            return Ok(None);
        };
        if !self.state.insert(name.clone()) {
            let duplicate = jose_b64::Error::DuplicateMember {
                name: jose_b64::printable(&name),
            };
            return Err(self.state.fail(Error::ClaimsSet(duplicate)));
        }
        if let Some(i) = self.state.required.iter().position(|r| *r == name)
            && let Some(seen) = self.state.seen.get_mut(i)
        {
            *seen = true;
        }
        if let Some(slot) = registered_slot(&name) {
            let FoundSeed(found) = self.map.next_value::<FoundSeed<'de>>()?;
            if let Err(e) = store(&mut self.state.claims, slot, &found) {
                return Err(self.state.fail(e));
            }
            self.pending = Some(found);
        }
        match name {
            Cow::Borrowed(name) => seed.deserialize(BorrowedStrDeserializer::new(name)),
            Cow::Owned(name) => seed.deserialize(StringDeserializer::new(name)),
        }
        .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.pending.take() {
            Some(found) => seed.deserialize(FoundDeserializer::new(found)),
            None => self.map.next_value_seed(seed),
        }
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

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Borrowed(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Owned(v.to_owned())))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Owned(v)))
            }
        }

        deserializer.deserialize_str(NameVisitor)
    }
}
