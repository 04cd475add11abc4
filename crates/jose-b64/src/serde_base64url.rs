//! serde helpers for byte fields carried as strict base64url strings.
//!
//! ```
//! #[derive(serde::Serialize, serde::Deserialize)]
//! struct Header {
//!     #[serde(with = "jose_b64::serde_base64url")]
//!     p2s: Vec<u8>,
//!     #[serde(default, with = "jose_b64::serde_base64url::option")]
//!     iv: Option<Vec<u8>>,
//! }
//!
//! let h: Header = serde_json::from_str(r#"{"p2s":"A-z_4ME"}"#)?;
//! assert_eq!(h.p2s, [3, 236, 255, 224, 193]);
//! assert_eq!(h.iv, None);
//! assert_eq!(serde_json::to_string(&h)?, r#"{"p2s":"A-z_4ME","iv":null}"#);
//! assert!(serde_json::from_str::<Header>(r#"{"p2s":"A-z_4ME="}"#).is_err());
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! For secret bytes use [`crate::SecretBytes`], which implements serde itself.

use core::fmt;

use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

use crate::base64url;

/// Serializes bytes as a base64url string.
pub fn serialize<S: Serializer>(bytes: impl AsRef<[u8]>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&base64url::encode(bytes))
}

/// Deserializes a strict base64url string into bytes.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
    deserializer.deserialize_str(Base64UrlVisitor)
}

struct Base64UrlVisitor;

impl Visitor<'_> for Base64UrlVisitor {
    type Value = Vec<u8>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a base64url string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Vec<u8>, E> {
        base64url::decode(value).map_err(E::custom)
    }
}

/// The same for `Option<Vec<u8>>` fields (`null` or absent is `None`).
pub mod option {
    use serde::{Deserialize, Deserializer, Serializer};

    /// Serializes `Some(bytes)` as base64url and `None` as `null`.
    pub fn serialize<S: Serializer>(
        bytes: &Option<impl AsRef<[u8]>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match bytes {
            Some(bytes) => super::serialize(bytes, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Deserializes an optional base64url string.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<u8>>, D::Error> {
        #[derive(Deserialize)]
        struct Wrap(#[serde(with = "super")] Vec<u8>);
        Ok(Option::<Wrap>::deserialize(deserializer)?.map(|Wrap(bytes)| bytes))
    }
}
