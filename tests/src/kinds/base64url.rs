//! `base64url` cases: RFC 7515 §2 / App. C.

use serde_json::Value;

use super::{check_eq, string};

pub(crate) fn run(input: &Value, expect: &Value) -> Result<(), String> {
    let octets: Vec<u8> = match (input.get("octets"), input.get("text")) {
        (Some(octets), None) => {
            serde_json::from_value(octets.clone()).map_err(|e| format!("octets: {e}"))?
        }
        (None, Some(Value::String(text))) => text.clone().into_bytes(),
        _ => return Err("input needs exactly one of \"octets\" and \"text\"".into()),
    };
    let encoded = string(expect, "encoded")?;
    check_eq(
        "encoding",
        jose_b64::base64url::encode(&octets).as_str(),
        encoded,
    )?;
    let decoded = jose_b64::base64url::decode(encoded).map_err(|e| e.to_string())?;
    check_eq("decoding", decoded, octets)
}
