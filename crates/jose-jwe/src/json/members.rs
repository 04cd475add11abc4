//! The members of a JSON object of a JWE JSON Serialization, each kept as its text, so that
//! every part is read under its own limit: a header is checked against the header limits
//! before any of it becomes values, a base64url member is read as one string, and a member
//! that is not used is only checked to be strict JSON.

use core::fmt;
use std::collections::HashMap;

use jose_b64::{JsonKind, JsonLimits};
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::{Error, Limits};

/// The members of a JSON object, each as its text (without surrounding whitespace).
pub(super) type Members<'a> = HashMap<String, &'a RawValue>;

/// The members of the JSON object `object`, a name given twice refused.
///
/// # Errors
///
/// [`Error::Encoding`] for text that is not strict JSON (as [`JsonLimits::check`] reports
/// it) or not an object.
pub(super) fn read<'a>(object: &'a str, limits: &Limits) -> Result<Members<'a>, Error> {
    match serde_json::from_str::<Unique<'a>>(object) {
        Ok(Unique(members)) => Ok(members),
        Err(_) => Err(strict_error(object, limits)),
    }
}

/// Checks the members left over (those the JWE does not use) to be strict JSON within the
/// document's limits: they are never read further.
///
/// # Errors
///
/// [`Error::Encoding`] as [`read`].
pub(super) fn check_rest(rest: &Members<'_>, limits: &Limits) -> Result<(), Error> {
    // In document order (each value is a slice of the one text), so that of several faults
    // the first is reported, the same every time: the map's order is not the text's.
    let mut values: Vec<&RawValue> = rest.values().copied().collect();
    values.sort_unstable_by_key(|value| value.get().as_ptr() as usize);
    for value in values {
        document(limits)
            .check(value.get().as_bytes())
            .map_err(Error::encoding("JSON serialization"))?;
    }
    Ok(())
}

/// The limits of the JSON serialization as a whole: its length, and the depth of a header
/// inside a recipient inside `recipients` inside the top-level object.
fn document(limits: &Limits) -> JsonLimits {
    JsonLimits::new(
        limits.max_header_depth.saturating_add(3),
        limits.max_token_len,
    )
}

/// Why `text` did not read as an object of unique members: the strict check's error.
fn strict_error(text: &str, limits: &Limits) -> Error {
    match document(limits).check(text.as_bytes()) {
        Err(source) => Error::Encoding {
            part: "JSON serialization",
            source,
        },
        Ok(found) if found != JsonKind::Object => Error::Encoding {
            part: "JSON serialization",
            source: jose_b64::Error::NotAnObject { found },
        },
        Ok(_) => Error::malformed("the JSON serialization does not read as a JSON object"),
    }
}

/// A JSON object read as [`Members`], refusing a repeated name.
struct Unique<'a>(Members<'a>);

impl<'de> Deserialize<'de> for Unique<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct UniqueVisitor;

        impl<'de> Visitor<'de> for UniqueVisitor {
            type Value = Unique<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object without repeated member names")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut members = Members::new();
                while let Some(name) = map.next_key::<String>()? {
                    let value: &'de RawValue = map.next_value()?;
                    if members.insert(name, value).is_some() {
                        return Err(de::Error::custom("a member name is repeated"));
                    }
                }
                Ok(Unique(members))
            }
        }

        deserializer.deserialize_map(UniqueVisitor)
    }
}
