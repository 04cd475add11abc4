//! The claims of a builder other than the time claims its setters set: the members of the
//! claims set's JSON object, kept in the order they are written.
//!
//! A sorted vector of names and values, so that the JSON text is that of a
//! `serde_json::Map` of the same members (sorted by name, a name set again replacing its
//! earlier value) without a map's node per member; the registered names are static strings.

use std::borrow::Cow;
use std::fmt;
use std::io::Write;

use jose_b64::serde_json::{self, Map, Value};

use super::template::write_name;

/// The members, sorted by name, each name once.
#[derive(Clone, Default)]
pub(super) struct Members(Vec<(Cow<'static, str>, Value)>);

impl Members {
    /// The room made by the first member: a typical claims set without its time claims.
    const FIRST_CAPACITY: usize = 8;

    /// Sets `name` to `value`, replacing an earlier value of the same name.
    pub(super) fn insert(&mut self, name: Cow<'static, str>, value: Value) {
        // Names are short: compared byte by byte inline (the order of `str`), not by a call.
        match self
            .0
            .binary_search_by(|(n, _)| n.bytes().cmp(name.bytes()))
        {
            Ok(at) => {
                if let Some(member) = self.0.get_mut(at) {
                    member.1 = value;
                }
            }
            Err(at) => {
                if self.0.capacity() == 0 {
                    self.0.reserve_exact(Self::FIRST_CAPACITY);
                }
                self.0.insert(at, (name, value));
            }
        }
    }

    /// Sets every member of `members`, in their order.
    pub(super) fn extend(&mut self, members: Map<String, Value>) {
        for (name, value) in members {
            self.insert(Cow::Owned(name), value);
        }
    }

    /// The members, in the order they are written.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(name, value)| (name.as_ref(), value))
    }

    /// Whether there are none.
    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Writes `{` and the members as serde_json writes an object, without the closing brace.
    pub(super) fn write_open<W: Write>(&self, out: &mut W) -> Result<(), serde_json::Error> {
        out.write_all(b"{").map_err(serde_json::Error::io)?;
        for (i, (name, value)) in self.iter().enumerate() {
            if i > 0 {
                out.write_all(b",").map_err(serde_json::Error::io)?;
            }
            write_name(out, name)?;
            serde_json::to_writer(&mut *out, value)?;
        }
        Ok(())
    }
}

/// As a map of the names and values.
impl fmt::Debug for Members {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use jose_b64::serde_json::json;

    use super::*;

    fn text(members: &Members) -> String {
        let mut out = Vec::new();
        members.write_open(&mut out).unwrap();
        out.push(b'}');
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn written_as_serde_json_writes_the_same_map() {
        let mut members = Members::default();
        let mut map = Map::new();
        assert_eq!(text(&members), "{}");
        for (name, value) in [
            ("sub", json!("s")),
            ("aud", json!(["a", "b"])),
            ("é", json!({"z": 1, "a": [null, 1.5]})),
            ("\"q\\", json!("\u{1F600}\n")),
            ("a_1", json!(0)),
            ("a-b", json!(1)),
            ("\u{7f}\u{1f}", json!(2)),
            ("Z", json!(-3)),
            ("sub", json!("t")),
            ("", json!(true)),
            ("aud", json!("x")),
        ] {
            members.insert(Cow::Owned(name.to_owned()), value.clone());
            map.insert(name.to_owned(), value);
            assert_eq!(text(&members), serde_json::to_string(&map).unwrap());
        }
        assert_eq!(members.iter().count(), 9);
        assert_eq!(format!("{members:?}"), format!("{map:?}"));
    }

    #[test]
    fn a_name_set_again_keeps_the_last_value() {
        let mut members = Members::default();
        members.insert(Cow::Borrowed("iss"), json!("a"));
        members.extend(json!({"iss": "b", "n": 1}).as_object().unwrap().clone());
        members.insert(Cow::Borrowed("n"), json!(2));
        assert_eq!(text(&members), r#"{"iss":"b","n":2}"#);
    }
}
