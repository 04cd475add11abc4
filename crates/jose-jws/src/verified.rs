//! The result of a successful verification.

use jose_b64::serde_json::{Map, Value};
use jose_jwk::alg::JwsAlgorithm;

/// A verified JWS: the payload, reachable only through this type, and the header it was
/// verified with.
#[derive(Clone, Debug)]
pub struct VerifiedJws {
    pub(crate) payload: Vec<u8>,
    pub(crate) protected: Map<String, Value>,
    pub(crate) unprotected: Option<Map<String, Value>>,
    pub(crate) alg: JwsAlgorithm,
    pub(crate) kid: Option<String>,
    pub(crate) signature_index: usize,
    /// Every signature seen to verify, ascending; empty means "only `signature_index`".
    pub(crate) verified_indexes: Vec<usize>,
}

impl VerifiedJws {
    /// The payload that was signed.
    pub fn payload(&self) -> &[u8] {
        &self.payload
    }

    /// The payload, consuming the value.
    pub fn into_payload(self) -> Vec<u8> {
        self.payload
    }

    /// The integrity-protected header.
    pub fn protected_header(&self) -> &Map<String, Value> {
        &self.protected
    }

    /// The unprotected header of the verified signature (JSON serializations only).
    pub fn unprotected_header(&self) -> Option<&Map<String, Value>> {
        self.unprotected.as_ref()
    }

    /// A header parameter from the protected or the unprotected header.
    pub fn header_param(&self, name: &str) -> Option<&Value> {
        self.protected
            .get(name)
            .or_else(|| self.unprotected.as_ref().and_then(|u| u.get(name)))
    }

    /// The algorithm that verified.
    pub fn alg(&self) -> JwsAlgorithm {
        self.alg
    }

    /// The `kid` of the key that verified.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// Which signature of a general JSON serialization verified (0 otherwise).
    pub fn signature_index(&self) -> usize {
        self.signature_index
    }

    /// Every signature of a JSON serialization seen to verify, in ascending order; it always
    /// holds [`VerifiedJws::signature_index`]. With [`SignaturePolicy::All`](crate::SignaturePolicy::All)
    /// it is every signature; with [`SignaturePolicy::AnyOne`](crate::SignaturePolicy::AnyOne)
    /// only the one reported; with [`SignaturePolicy::RequireKids`](crate::SignaturePolicy::RequireKids)
    /// those checked until the policy was satisfied. `[0]` for the compact serialization.
    pub fn verified_indexes(&self) -> &[usize] {
        if self.verified_indexes.is_empty() {
            core::slice::from_ref(&self.signature_index)
        } else {
            &self.verified_indexes
        }
    }
}
