//! A base64url-encoded JSON value that remembers its exact encoding.

use core::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::{Error, JsonLimits, base64url};

/// A JSON object carried as base64url text, as the JWS and JWE protected headers and the JWS
/// payload are (RFC 7515 §7.1, RFC 7516 §7.1).
///
/// Signatures and AEAD tags are computed over the *encoded* text, so a received value keeps
/// the exact text it came in (never re-serialized), next to its decoded form.
///
/// ```
/// use jose_b64::Base64UrlJson;
/// use serde_json::{json, Value};
///
/// // RFC 7515 App. A.1: the header has a CRLF inside, which re-serializing would lose.
/// let header: Base64UrlJson<Value> =
///     Base64UrlJson::decode("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9")?;
/// assert_eq!(header.value(), &json!({"typ": "JWT", "alg": "HS256"}));
/// assert_eq!(header.encoded(), "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9");
///
/// let made = Base64UrlJson::encode(json!({"alg": "ES256"}))?;
/// assert_eq!(made.encoded(), "eyJhbGciOiJFUzI1NiJ9");
/// # Ok::<(), jose_b64::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Base64UrlJson<T> {
    encoded: Box<str>,
    value: T,
}

impl<T: DeserializeOwned> Base64UrlJson<T> {
    /// Decodes strict base64url, then strict JSON that must be an object, with the default
    /// [`JsonLimits`].
    pub fn decode(encoded: &str) -> Result<Self, Error> {
        Self::decode_with(encoded, &JsonLimits::DEFAULT)
    }

    /// [`Self::decode`] with explicit limits. The size limit applies to the decoded JSON and is
    /// checked before decoding the base64url.
    pub fn decode_with(encoded: &str, limits: &JsonLimits) -> Result<Self, Error> {
        let decoded_len = base64url::decoded_len(encoded.len()).unwrap_or(0);
        if decoded_len > limits.max_bytes {
            return Err(Error::TooLarge {
                max_bytes: limits.max_bytes,
                actual: decoded_len,
            });
        }
        let json = base64url::decode(encoded)?;
        let value = limits.parse_object(&json)?;
        Ok(Self {
            encoded: encoded.into(),
            value,
        })
    }
}

impl Base64UrlJson<Map<String, Value>> {
    /// [`Self::decode_with`] for a member map, in a single strict pass (the JOSE header case).
    pub fn decode_map_with(encoded: &str, limits: &JsonLimits) -> Result<Self, Error> {
        let decoded_len = base64url::decoded_len(encoded.len()).unwrap_or(0);
        if decoded_len > limits.max_bytes {
            return Err(Error::TooLarge {
                max_bytes: limits.max_bytes,
                actual: decoded_len,
            });
        }
        let json = base64url::decode(encoded)?;
        let value = limits.parse_object_map(&json)?;
        Ok(Self {
            encoded: encoded.into(),
            value,
        })
    }
}

impl<T: Serialize> Base64UrlJson<T> {
    /// Serializes `value` as compact JSON and encodes it.
    pub fn encode(value: T) -> Result<Self, Error> {
        let json = serde_json::to_vec(&value).map_err(|e| Error::JsonSchema {
            reason: e.to_string(),
        })?;
        Ok(Self {
            encoded: base64url::encode(json).into(),
            value,
        })
    }
}

impl<T> Base64UrlJson<T> {
    /// The base64url text, exactly as received or produced.
    pub fn encoded(&self) -> &str {
        &self.encoded
    }

    /// The decoded value.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The decoded value, dropping the encoding.
    pub fn into_value(self) -> T {
        self.value
    }

    /// The encoded text and the decoded value.
    pub fn into_parts(self) -> (Box<str>, T) {
        (self.encoded, self.value)
    }
}

impl<T: fmt::Debug> fmt::Debug for Base64UrlJson<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Base64UrlJson")
            .field("encoded", &self.encoded)
            .field("value", &self.value)
            .finish()
    }
}

impl<T> Serialize for Base64UrlJson<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.encoded)
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Base64UrlJson<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let encoded = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Self::decode(&encoded).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn keeps_the_received_text() {
        let h: Base64UrlJson<Value> =
            Base64UrlJson::decode("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9").unwrap();
        assert_eq!(
            serde_json::to_string(&h).unwrap(),
            "\"eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9\""
        );
        let (encoded, value) = h.clone().into_parts();
        assert_eq!(&*encoded, h.encoded());
        assert_eq!(value["typ"], "JWT");
        assert_eq!(h.into_value()["alg"], "HS256");
    }

    #[test]
    fn rejects_bad_input() {
        // {"alg":"HS256","alg":"none"}
        assert!(matches!(
            Base64UrlJson::<Value>::decode("eyJhbGciOiJIUzI1NiIsImFsZyI6Im5vbmUifQ"),
            Err(Error::DuplicateMember { .. })
        ));
        assert!(matches!(
            Base64UrlJson::<Value>::decode("eyJhbGciOiJFUzI1NiJ9="),
            Err(Error::Base64Url(_))
        ));
        // "[]"
        assert!(matches!(
            Base64UrlJson::<Value>::decode("W10"),
            Err(Error::NotAnObject { .. })
        ));
        assert!(matches!(
            Base64UrlJson::<Value>::decode_with("eyJhbGciOiJFUzI1NiJ9", &JsonLimits::new(4, 10)),
            Err(Error::TooLarge {
                max_bytes: 10,
                actual: 15
            })
        ));
        assert!(serde_json::from_str::<Base64UrlJson<Value>>("\"W10\"").is_err());
        let ok: Base64UrlJson<Value> = serde_json::from_str("\"eyJhbGciOiJFUzI1NiJ9\"").unwrap();
        assert_eq!(ok.value()["alg"], "ES256");
        assert!(format!("{ok:?}").contains("ES256"));
    }
}
