//! The result of a successful verification.

use std::sync::OnceLock;

use jose_b64::json::FlatObject;
use jose_b64::serde_json::{Map, Value};
use jose_jwk::alg::JwsAlgorithm;
use jose_jwk::header::Location;

/// A verified JWS: the payload, reachable only through this type, and the header it was
/// verified with.
#[derive(Clone, Debug)]
pub struct VerifiedJws {
    /// The payload; on the flat-header path followed by the protected header's JSON.
    pub(crate) payload: Vec<u8>,
    pub(crate) protected: Protected,
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
        self.payload.get(..self.payload_len()).unwrap_or_default()
    }

    /// The payload, consuming the value.
    pub fn into_payload(mut self) -> Vec<u8> {
        self.payload.truncate(self.payload_len());
        self.payload
    }

    fn payload_len(&self) -> usize {
        self.protected.flat_json_at.unwrap_or(self.payload.len())
    }

    /// The integrity-protected header.
    pub fn protected_header(&self) -> &Map<String, Value> {
        self.protected.map.get_or_init(|| {
            let json = self
                .protected
                .flat_json_at
                .and_then(|at| self.payload.get(at..));
            let flat = json
                .and_then(|json| core::str::from_utf8(json).ok())
                .and_then(FlatObject::scan);
            flat.as_ref().map(FlatObject::to_map).unwrap_or_default()
        })
    }

    /// The unprotected header of the verified signature (JSON serializations only). Not
    /// covered by the signature: anyone can change it (RFC 7515 §7.2.1).
    pub fn unprotected_header(&self) -> Option<&Map<String, Value>> {
        self.unprotected.as_ref()
    }

    /// A parameter of the integrity-protected header, `None` when that header lacks it.
    ///
    /// **Use this for anything the application acts on** (`typ`, `cty`, an application
    /// parameter): only the protected header is covered by the signature (RFC 7515 §4, §5.2),
    /// so a value read from an unprotected header of a JSON serialization may have been
    /// chosen by whoever handled the JWS. For a compact JWS every parameter is protected.
    ///
    /// ```
    /// use jose_b64::serde_json::{Map, Value};
    /// use jose_jws::{json, Header, JwsAlgorithm, Location, SignaturePolicy, SigningKey, Verifier};
    ///
    /// let key = SigningKey::hmac(&[42u8; 32], JwsAlgorithm::HS256)?;
    /// let mut unprotected = Map::new();
    /// unprotected.insert("x-role".into(), Value::from("admin"));
    /// let jws = json::sign_flattened(&key, &Header::new().typ("example"), Some(unprotected), b"hi")?;
    ///
    /// let verifier = Verifier::new([JwsAlgorithm::HS256])?;
    /// let verified = verifier.verify_json(&jws, key.verifying_key(), &SignaturePolicy::AnyOne)?;
    /// assert_eq!(verified.protected_param("typ").and_then(Value::as_str), Some("example"));
    /// assert_eq!(verified.protected_param("x-role"), None); // not integrity protected
    /// let (role, location) = verified.header_param("x-role").unwrap();
    /// assert_eq!((role.as_str(), location), (Some("admin"), Location::Shared));
    /// # Ok::<(), jose_jws::Error>(())
    /// ```
    pub fn protected_param(&self, name: &str) -> Option<&Value> {
        self.protected_header().get(name)
    }

    /// A header parameter from the protected or the unprotected header, with where it was
    /// found ([`Location::Protected`], or [`Location::Shared`] for the `header` member of a
    /// JSON serialization). A value that is not [`Location::Protected`] is not integrity
    /// protected; prefer [`VerifiedJws::protected_param`] unless the application checks the
    /// location. A parameter never appears in both headers (verification refuses that).
    pub fn header_param(&self, name: &str) -> Option<(&Value, Location)> {
        match self.protected_header().get(name) {
            Some(value) => Some((value, Location::Protected)),
            None => self
                .unprotected
                .as_ref()
                .and_then(|u| u.get(name))
                .map(|value| (value, Location::Shared)),
        }
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

/// The protected header of a verified JWS: the map, or, when verification read a flat header
/// without building one, where that header's JSON starts in the payload buffer (the map is
/// then built on first use).
#[derive(Clone, Debug, Default)]
pub(crate) struct Protected {
    flat_json_at: Option<usize>,
    map: OnceLock<Map<String, Value>>,
}

impl Protected {
    pub(crate) fn from_map(map: Map<String, Value>) -> Self {
        Self {
            flat_json_at: None,
            map: OnceLock::from(map),
        }
    }

    /// The payload buffer holds, from `at`, JSON that [`FlatObject::scan`] accepted.
    pub(crate) fn flat_json_at(at: usize) -> Self {
        Self {
            flat_json_at: Some(at),
            map: OnceLock::new(),
        }
    }
}
