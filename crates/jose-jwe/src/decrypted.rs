//! The result of a successful decryption.

use jose_b64::serde_json::{Map, Value};
use jose_jwk::alg::{JweAlgorithm, JweEncryption};
use zeroize::Zeroizing;

/// A decrypted JWE: the plaintext, reachable only through this type, and the header it was
/// decrypted with. The plaintext is zeroized when this value is dropped.
#[derive(Clone, Debug)]
pub struct DecryptedJwe {
    pub(crate) plaintext: Zeroizing<Vec<u8>>,
    pub(crate) protected: Map<String, Value>,
    pub(crate) alg: JweAlgorithm,
    pub(crate) enc: JweEncryption,
    pub(crate) kid: Option<String>,
}

impl DecryptedJwe {
    /// The plaintext.
    pub fn plaintext(&self) -> &[u8] {
        &self.plaintext
    }

    /// The plaintext, consuming the value (still zeroized on drop).
    pub fn into_plaintext(self) -> Zeroizing<Vec<u8>> {
        self.plaintext
    }

    /// The integrity-protected header.
    pub fn protected_header(&self) -> &Map<String, Value> {
        &self.protected
    }

    /// The key management algorithm.
    pub fn alg(&self) -> JweAlgorithm {
        self.alg
    }

    /// The content encryption algorithm.
    pub fn enc(&self) -> JweEncryption {
        self.enc
    }

    /// The `kid` of the key that decrypted, or else the header's.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }
}
