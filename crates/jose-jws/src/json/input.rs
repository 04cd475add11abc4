//! What a JWS JSON Serialization may be given as: its text, or JSON already parsed.

use std::borrow::Cow;

use jose_b64::serde_json::Value;

/// A JWS JSON Serialization (RFC 7515 §7.2) as received: its text (`&str`, `&String`), or a
/// [`serde_json::Value`](jose_b64::serde_json::Value) the application already parsed (for
/// example a member of a larger JSON document).
///
/// The text is parsed strictly: duplicate member names at any depth are refused (RFC 7515
/// §7.2). An already-parsed value no longer shows duplicates (the parser that made it kept
/// one of them), so accept it only from a parser the application trusts to have refused them
/// or from its own data; its size and depth are checked like those of the text, its size as
/// compact JSON.
///
/// ```
/// use jose_b64::serde_json::json;
/// use jose_jws::json::{JsonInput, UnverifiedJsonJws};
///
/// let text = r#"{"payload":"aGk","protected":"eyJhbGciOiJIUzI1NiJ9","signature":"AAAA"}"#;
/// let value = json!({"payload": "aGk", "protected": "eyJhbGciOiJIUzI1NiJ9", "signature": "AAAA"});
/// assert!(UnverifiedJsonJws::parse(text)?.is_flattened());
/// assert!(UnverifiedJsonJws::parse(&value)?.is_flattened());
/// # let _: JsonInput<'_> = text.into();
/// # Ok::<(), jose_jws::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct JsonInput<'a>(pub(super) Repr<'a>);

#[derive(Clone, Debug)]
pub(super) enum Repr<'a> {
    Text(&'a str),
    Value(Cow<'a, Value>),
}

impl<'a> From<&'a str> for JsonInput<'a> {
    fn from(text: &'a str) -> Self {
        Self(Repr::Text(text))
    }
}

impl<'a> From<&'a String> for JsonInput<'a> {
    fn from(text: &'a String) -> Self {
        Self(Repr::Text(text))
    }
}

impl<'a> From<&'a Value> for JsonInput<'a> {
    fn from(value: &'a Value) -> Self {
        Self(Repr::Value(Cow::Borrowed(value)))
    }
}

impl From<Value> for JsonInput<'_> {
    fn from(value: Value) -> Self {
        Self(Repr::Value(Cow::Owned(value)))
    }
}

/// The length of `value` as compact JSON: what a parsed value measures against the limits
/// that hold for received text. Linear in the value.
pub(super) fn serialized_len(value: &impl serde::Serialize) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0 = self.0.saturating_add(bytes.len());
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    // Writing JSON values to a writer that never fails cannot fail; were it to, the value
    // would be counted as over any limit.
    match jose_b64::serde_json::to_writer(&mut count, value) {
        Ok(()) => count.0,
        Err(_) => usize::MAX,
    }
}
