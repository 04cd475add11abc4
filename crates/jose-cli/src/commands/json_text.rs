//! JSON on the command line: objects given as option values, and byte strings in JSON
//! output.

use jose_b64::serde_json::{Map, Value};
use jose_b64::{base64url, json};

use crate::error::CliError;

/// Parses the JSON object given to `option` strictly (duplicate member names refused).
pub fn object_arg(text: &str, option: &str) -> Result<Map<String, Value>, CliError> {
    json::parse_object_map(text.as_bytes()).map_err(|e| CliError::usage(format!("{option}: {e}")))
}

/// Adds `bytes` to `map` as the string `name` when they are UTF-8, or else base64url-encoded
/// as `name_base64url`.
pub fn insert_bytes(map: &mut Map<String, Value>, name: &str, bytes: &[u8]) {
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            map.insert(name.to_owned(), Value::String(text.to_owned()));
        }
        Err(_) => {
            map.insert(
                format!("{name}_base64url"),
                Value::String(base64url::encode(bytes)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_are_strict_and_bytes_readable() {
        assert!(object_arg(r#"{"a":1}"#, "--header").is_ok());
        let e = object_arg(r#"{"a":1,"a":2}"#, "--header").unwrap_err();
        assert_eq!(e.exit_status(), 2);
        assert!(e.to_string().starts_with("--header: "), "{e}");
        assert!(object_arg("[1]", "--header").is_err());

        let mut map = Map::new();
        insert_bytes(&mut map, "payload", b"hi");
        insert_bytes(&mut map, "other", &[0xff, 0x00]);
        assert_eq!(
            Value::Object(map).to_string(),
            r#"{"other_base64url":"_wA","payload":"hi"}"#
        );
    }
}
