//! Symmetric keys, `kty` `oct` (RFC 7518 §6.4).

use jose_b64::SecretBytes;
use jose_b64::serde_json::{Map, Value};

use crate::Error;
use crate::members::{Members, put_secret};

/// A symmetric key: the `k` member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OctKey {
    k: SecretBytes,
}

impl OctKey {
    /// A symmetric key from its bytes; empty keys are refused.
    pub fn new(k: SecretBytes) -> Result<Self, Error> {
        if k.is_empty() {
            return Err(Error::WeakKey {
                reason: "a symmetric key must not be empty".into(),
            });
        }
        Ok(Self { k })
    }

    /// The key bytes.
    pub fn k(&self) -> &SecretBytes {
        &self.k
    }

    /// The key length in bytes.
    pub fn len(&self) -> usize {
        self.k.len()
    }

    /// Always false: empty keys cannot be constructed.
    pub fn is_empty(&self) -> bool {
        self.k.is_empty()
    }

    pub(crate) fn read(members: &mut Members) -> Result<Self, Error> {
        let k = members.required_secret("k")?;
        if k.is_empty() {
            return Err(Error::invalid("k", "a symmetric key must not be empty"));
        }
        Ok(Self { k })
    }

    pub(crate) fn write(&self, map: &mut Map<String, Value>) {
        put_secret(map, "k", &self.k);
    }
}

/// The secret members are [`SecretBytes`], each wiped when dropped.
impl zeroize::ZeroizeOnDrop for OctKey {}
