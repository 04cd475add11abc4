//! Reading JWK members from a JSON object with typed, precise errors.

use jose_b64::serde_json::{Map, Value};
use jose_b64::{SecretBytes, base64url, json::kind_of};
use zeroize::Zeroizing;

use crate::Error;

/// The members of a JWK object, consumed one by one; what is left are the unknown members.
///
/// Whatever is still here when it is dropped (the members of a key refused half-way, which
/// may include `d` or `k`) is overwritten with zeros first.
pub(crate) struct Members(pub(crate) Map<String, Value>);

impl Drop for Members {
    fn drop(&mut self) {
        self.0.values_mut().for_each(jose_b64::json::zeroize_value);
    }
}

/// A JSON object that may hold secrets (a private JWK being written), wiped when dropped.
pub(crate) struct WipedObject(pub(crate) Map<String, Value>);

impl WipedObject {
    /// Compact JSON text of the object, without stray copies (see
    /// [`jose_b64::json::to_string_exact`]).
    pub(crate) fn to_json(&self) -> String {
        jose_b64::json::to_string_exact(&self.0)
    }
}

impl Drop for WipedObject {
    fn drop(&mut self) {
        self.0.values_mut().for_each(jose_b64::json::zeroize_value);
    }
}

impl Members {
    fn take(&mut self, name: &str) -> Option<Value> {
        self.0.remove(name)
    }

    pub(crate) fn has(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    /// How many of `names` are present: one pass over the members left (usually a few),
    /// rather than one lookup per name.
    pub(crate) fn count_present(&self, names: &[&str]) -> usize {
        self.0
            .keys()
            .filter(|k| names.contains(&k.as_str()))
            .count()
    }

    /// An optional string member.
    pub(crate) fn string(&mut self, name: &'static str) -> Result<Option<String>, Error> {
        match self.take(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(Error::invalid(
                name,
                format!("must be a string, found {}", kind_of(&other)),
            )),
        }
    }

    /// A required string member.
    pub(crate) fn required_string(&mut self, name: &'static str) -> Result<String, Error> {
        self.string(name)?
            .ok_or(Error::MissingMember { member: name })
    }

    /// An optional base64url member holding public bytes.
    pub(crate) fn bytes(&mut self, name: &'static str) -> Result<Option<Vec<u8>>, Error> {
        match self.string(name)? {
            None => Ok(None),
            Some(text) => base64url::decode(&text)
                .map(Some)
                .map_err(|e| Error::invalid(name, e.to_string())),
        }
    }

    /// A required base64url member holding public bytes.
    pub(crate) fn required_bytes(&mut self, name: &'static str) -> Result<Vec<u8>, Error> {
        self.bytes(name)?
            .ok_or(Error::MissingMember { member: name })
    }

    /// An optional base64url member holding secret bytes: decoded in constant time, and the
    /// encoded text is zeroized.
    pub(crate) fn secret(&mut self, name: &'static str) -> Result<Option<SecretBytes>, Error> {
        match self.take(name) {
            None => Ok(None),
            Some(Value::String(text)) => {
                let text = Zeroizing::new(text);
                SecretBytes::from_base64url(text.as_bytes())
                    .map(Some)
                    .map_err(|e| Error::invalid(name, e.to_string()))
            }
            Some(other) => Err(Error::invalid(
                name,
                format!("must be a string, found {}", kind_of(&other)),
            )),
        }
    }

    /// A required secret member.
    pub(crate) fn required_secret(&mut self, name: &'static str) -> Result<SecretBytes, Error> {
        self.secret(name)?
            .ok_or(Error::MissingMember { member: name })
    }

    /// An optional array of strings.
    pub(crate) fn strings(&mut self, name: &'static str) -> Result<Option<Vec<String>>, Error> {
        match self.take(name) {
            None => Ok(None),
            Some(Value::Array(items)) => items
                .into_iter()
                .map(|item| match item {
                    Value::String(s) => Ok(s),
                    other => Err(Error::invalid(
                        name,
                        format!(
                            "must be an array of strings, found an element that is {}",
                            kind_of(&other)
                        ),
                    )),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(other) => Err(Error::invalid(
                name,
                format!("must be an array of strings, found {}", kind_of(&other)),
            )),
        }
    }

    /// Rejects any member in `names` still present: registered members of other key types.
    pub(crate) fn reject_foreign(&self, names: &[&str], kty: &'static str) -> Result<(), Error> {
        if self.count_present(names) == 0 {
            return Ok(());
        }
        // The first in `names` order, so that the error does not depend on the map's order.
        match names.iter().find(|name| self.has(name)) {
            Some(name) => Err(Error::UnexpectedMember {
                member: (*name).to_owned(),
                kty,
            }),
            None => Ok(()),
        }
    }
}

/// Adds a base64url member to a JSON object under construction.
pub(crate) fn put_bytes(map: &mut Map<String, Value>, name: &str, bytes: &[u8]) {
    map.insert(name.to_owned(), Value::String(base64url::encode(bytes)));
}

/// Adds a secret base64url member to a JSON object under construction: the encoded text is
/// moved into the object, not copied.
pub(crate) fn put_secret(map: &mut Map<String, Value>, name: &str, secret: &SecretBytes) {
    let mut encoded = secret.to_base64url();
    map.insert(
        name.to_owned(),
        Value::String(std::mem::take(&mut *encoded)),
    );
}

/// Adds a string member.
pub(crate) fn put_str(map: &mut Map<String, Value>, name: &str, value: &str) {
    map.insert(name.to_owned(), Value::String(value.to_owned()));
}
