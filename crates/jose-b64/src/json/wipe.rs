//! Dropping JSON that may hold secrets.

use serde_json::Value;
use zeroize::Zeroize;

/// Drops `value` after overwriting every string in it (member names included) with zeros.
///
/// For JSON that may carry key material (a JWK's `d` or `k`, a JWK Set) and is discarded
/// before its secrets were taken out, for instance when a key is refused. Iterative, so any
/// depth is safe.
///
/// ```
/// use jose_b64::json::zeroize_value;
/// use jose_b64::serde_json::json;
///
/// zeroize_value(json!({"kty": "oct", "k": "GawgguFyGrWKav7AX4VKUg", "n": [1, {"d": "x"}]}));
/// ```
pub fn zeroize_value(value: Value) {
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        match value {
            Value::String(mut text) => text.zeroize(),
            Value::Array(items) => pending.extend(items),
            Value::Object(members) => {
                for (mut name, value) in members {
                    name.zeroize();
                    pending.push(value);
                }
            }
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }
}
