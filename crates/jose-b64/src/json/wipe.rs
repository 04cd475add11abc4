//! JSON that may hold secrets: wiping it, and writing it without stray copies.

use std::io;

use serde::Serialize;
use serde_json::Value;
use zeroize::Zeroize;

/// Overwrites every string in `value` with zeros, in place (the strings are left empty).
///
/// For JSON that may carry key material (a JWK's `d` or `k`, a JWK Set) and is discarded
/// before its secrets were taken out, for instance when a key is refused. Member names are
/// left as they are: JOSE names are not secret. Iterative, so any depth is safe.
///
/// ```
/// use jose_b64::json::zeroize_value;
/// use jose_b64::serde_json::json;
///
/// let mut jwk = json!({"kty": "oct", "k": "GawgguFyGrWKav7AX4VKUg", "n": [1, {"d": "x"}]});
/// zeroize_value(&mut jwk);
/// assert_eq!(jwk, json!({"kty": "", "k": "", "n": [1, {"d": ""}]}));
/// ```
pub fn zeroize_value(value: &mut Value) {
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        match value {
            Value::String(text) => text.zeroize(),
            Value::Array(items) => pending.extend(items.iter_mut()),
            Value::Object(members) => pending.extend(members.values_mut()),
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }
}

/// Compact JSON text of `value`, written into a buffer of exactly its size: growing a buffer
/// copies it and frees the old one unwiped, which would leave pieces of a secret (a private
/// JWK) behind. The caller owns the text; wrap it in [`zeroize::Zeroizing`] when it holds
/// secrets.
///
/// ```
/// use jose_b64::json::to_string_exact;
/// use jose_b64::serde_json::json;
///
/// let text = to_string_exact(&json!({"kty": "oct", "k": "AQ"}));
/// assert_eq!(text, r#"{"k":"AQ","kty":"oct"}"#);
/// assert_eq!(text.capacity(), text.len());
/// ```
pub fn to_string_exact<T: Serialize + ?Sized>(value: &T) -> String {
    let mut counter = Counter(0);
    // Writing to these sinks cannot fail, and a `Value` or a derived `Serialize` has only
    // string keys; an error leaves the text empty.
    if serde_json::to_writer(&mut counter, value).is_err() {
        return String::new();
    }
    let mut text = Vec::with_capacity(counter.0);
    if serde_json::to_writer(&mut text, value).is_err() {
        text.zeroize();
        return String::new();
    }
    // serde_json writes UTF-8.
    String::from_utf8(text).unwrap_or_else(|e| {
        e.into_bytes().zeroize();
        String::new()
    })
}

/// Counts the bytes written to it.
struct Counter(usize);

impl io::Write for Counter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0 = self.0.saturating_add(bytes.len());
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
