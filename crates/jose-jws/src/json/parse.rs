//! Reading a JWS JSON Serialization (RFC 7515 §7.2.1, §7.2.2) into its parts, without
//! verifying anything.

use jose_b64::json::kind_of;
use jose_b64::serde_json::{Map, Value};
use jose_b64::{JsonLimits, base64url};

use super::input::{JsonInput, Repr, serialized_len};
use crate::Error;
use crate::compact::ProtectedHeader;
use crate::verifier::Limits;

/// A JWS JSON Serialization (general or flattened) that has been parsed, whose protected
/// headers have been decoded and whose shape has been checked, but whose signatures have not
/// been verified. The payload is not reachable from here except through
/// [`UnverifiedJsonJws::dangerous_insecure_payload`].
///
/// Verify it with [`UnverifiedJsonJws::verify`] (or
/// [`Verifier::verify_json`](crate::Verifier::verify_json), which parses and verifies).
///
/// ```
/// use jose_jws::json::UnverifiedJsonJws;
///
/// let jws = UnverifiedJsonJws::parse(r#"{"payload":"aGk","protected":"eyJhbGciOiJIUzI1NiJ9",
///     "header":{"kid":"a.b.c"},"signature":"AAAA"}"#)?;
/// assert!(jws.is_flattened());
/// assert_eq!(jws.signature_count(), 1);
/// let alg = jws.protected_header(0).and_then(|h| h.get("alg")).and_then(|v| v.as_str());
/// assert_eq!(alg, Some("HS256"));
/// assert!(UnverifiedJsonJws::parse(r#"{"payload":"aGk","signatures":[]}"#).is_err());
/// # Ok::<(), jose_jws::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct UnverifiedJsonJws {
    /// Length of the JSON text, checked again against the verifier's limits.
    pub(super) len: usize,
    /// The `payload` member as a JSON string value (unescaped), if present.
    pub(super) payload: Option<String>,
    /// Whether the payload is base64url-encoded: `false` when the protected headers say
    /// `"b64":false` (they all must agree, RFC 7797 §3).
    pub(super) b64: bool,
    pub(super) flattened: bool,
    pub(super) signatures: Vec<UnverifiedSignature>,
}

/// One signature: its headers and its decoded value.
#[derive(Clone, Debug)]
pub(super) struct UnverifiedSignature {
    pub(super) protected: Option<ProtectedHeader>,
    pub(super) header: Option<Map<String, Value>>,
    pub(super) signature: Vec<u8>,
}

impl UnverifiedJsonJws {
    /// Parses with the default [`Limits`].
    pub fn parse<'a>(json: impl Into<JsonInput<'a>>) -> Result<Self, Error> {
        Self::parse_with(json, &Limits::DEFAULT)
    }

    /// Parses `json` as a general or flattened JWS JSON Serialization.
    ///
    /// The syntax is chosen by the members present: `signatures` (general, RFC 7515 §7.2.1)
    /// or `signature` (flattened, §7.2.2); both, or neither, is an error. The text must be
    /// strict JSON no longer than [`Limits::max_token_len`], without duplicate member names
    /// at any depth. In the general syntax `signatures` must be a non-empty array of at most
    /// [`Limits::max_signatures`] objects, and `protected` / `header` may not also appear at
    /// the top level. For every signature:
    ///
    /// - `protected`, when present, is a non-empty string holding strict base64url of a
    ///   strict JSON object (kept exactly as received, for the signing input);
    /// - `header`, when present, is a JSON object no longer (as compact JSON) than
    ///   [`Limits::max_header_len`] and no deeper than [`Limits::max_header_depth`], the
    ///   limits of the protected header;
    /// - at least one of the two is present (RFC 7515 §7.2.1);
    /// - `signature` is present and strict base64url.
    ///
    /// `payload`, when present, must be a string; when it is base64url-encoded (no protected
    /// header says `"b64":false`) it must use the base64url alphabet only. Every protected
    /// header must agree on `b64` (RFC 7797 §3). Other members are ignored (RFC 7515 §7.2.1).
    ///
    /// The serialization may be given as text or as a `serde_json::Value` already parsed
    /// (see [`JsonInput`]).
    pub fn parse_with<'a>(json: impl Into<JsonInput<'a>>, limits: &Limits) -> Result<Self, Error> {
        let (len, top) = match json.into().0 {
            Repr::Text(text) => (text.len(), parse_text(text, limits)?),
            Repr::Value(value) => {
                let len = serialized_len(value.as_ref());
                check_len(len, limits)?;
                let top = match value.into_owned() {
                    Value::Object(top) => top,
                    other => {
                        return Err(Error::Encoding {
                            part: "JSON serialization",
                            source: jose_b64::Error::NotAnObject {
                                found: kind_of(&other),
                            },
                        });
                    }
                };
                let max_depth = document_depth(limits);
                if jose_b64::json::nesting_exceeds(&top, max_depth) {
                    return Err(Error::Encoding {
                        part: "JSON serialization",
                        source: jose_b64::Error::TooDeep { max_depth },
                    });
                }
                (len, top)
            }
        };
        Self::from_members(len, top, limits)
    }

    fn from_members(
        len: usize,
        mut top: Map<String, Value>,
        limits: &Limits,
    ) -> Result<Self, Error> {
        let payload = match top.remove("payload") {
            None => None,
            Some(Value::String(payload)) => Some(payload),
            Some(other) => {
                return Err(Error::malformed(format!(
                    "\"payload\" must be a string, found {}",
                    kind_of(&other)
                )));
            }
        };

        let (flattened, signatures) = match (
            top.remove("signatures"),
            top.contains_key("signature"),
        ) {
            (Some(_), true) => {
                return Err(Error::malformed(
                    "both \"signatures\" (general syntax) and \"signature\" (flattened syntax) are present (RFC 7515 §7.2.2)",
                ));
            }
            (None, false) => {
                return Err(Error::malformed(
                    "neither \"signatures\" (general syntax) nor \"signature\" (flattened syntax) is present",
                ));
            }
            (Some(list), false) => {
                for member in ["protected", "header"] {
                    if top.contains_key(member) {
                        return Err(Error::malformed(format!(
                            "\"{member}\" at the top level of a general JSON serialization belongs inside \"signatures\""
                        )));
                    }
                }
                (false, parse_signatures(list, limits)?)
            }
            (None, true) => (true, vec![parse_signature(top, limits)?]),
        };

        let b64 = agreed_b64(&signatures)?;
        if b64
            && let Some(payload) = &payload
            && let Some(offset) = base64url::first_invalid(payload)
        {
            return Err(Error::malformed(format!(
                "the payload has a character outside the base64url alphabet at offset {offset}"
            )));
        }

        Ok(Self {
            len,
            payload,
            b64,
            flattened,
            signatures,
        })
    }

    /// Whether the flattened syntax was used (RFC 7515 §7.2.2) rather than the general one.
    pub fn is_flattened(&self) -> bool {
        self.flattened
    }

    /// The number of signatures (1 for the flattened syntax).
    pub fn signature_count(&self) -> usize {
        self.signatures.len()
    }

    /// Whether the JWS carries its payload (`false` for a detached payload, RFC 7515 App. F).
    pub fn has_payload(&self) -> bool {
        self.payload.is_some()
    }

    /// Whether the payload is base64url-encoded (`false` for RFC 7797 unencoded payloads).
    pub fn is_b64(&self) -> bool {
        self.b64
    }

    /// The decoded protected header of signature `index` (not yet verified), if it has one.
    pub fn protected_header(&self, index: usize) -> Option<&Map<String, Value>> {
        self.signatures
            .get(index)
            .and_then(|s| s.protected.as_ref())
            .map(|p| p.value())
    }

    /// The protected header of signature `index` exactly as encoded, if it has one.
    pub fn protected_header_encoded(&self, index: usize) -> Option<&str> {
        self.signatures
            .get(index)
            .and_then(|s| s.protected.as_ref())
            .map(|p| p.encoded())
    }

    /// The unprotected header (`header`) of signature `index`, if it has one.
    pub fn unprotected_header(&self, index: usize) -> Option<&Map<String, Value>> {
        self.signatures.get(index).and_then(|s| s.header.as_ref())
    }

    /// The payload **without any verification**, for debugging and logging only (`None` when
    /// detached). Never act on it.
    pub fn dangerous_insecure_payload(&self) -> Result<Option<Vec<u8>>, Error> {
        match &self.payload {
            None => Ok(None),
            Some(payload) if self.b64 => base64url::decode(payload)
                .map(Some)
                .map_err(Error::encoding("payload")),
            Some(payload) => Ok(Some(payload.as_bytes().to_vec())),
        }
    }
}

/// The depth a document may have: the top-level object, `signatures`, one signature object,
/// then the header itself.
fn document_depth(limits: &Limits) -> u32 {
    limits.max_header_depth.saturating_add(3)
}

fn check_len(len: usize, limits: &Limits) -> Result<(), Error> {
    if len > limits.max_token_len {
        return Err(Error::TooLarge {
            what: "JWS JSON serialization",
            limit: limits.max_token_len,
            actual: len,
        });
    }
    Ok(())
}

/// The text's top-level object, parsed strictly.
fn parse_text(json: &str, limits: &Limits) -> Result<Map<String, Value>, Error> {
    check_len(json.len(), limits)?;
    JsonLimits::new(document_depth(limits), limits.max_token_len)
        .parse_object(json.as_bytes())
        .map_err(Error::encoding("JSON serialization"))
}

fn parse_signatures(list: Value, limits: &Limits) -> Result<Vec<UnverifiedSignature>, Error> {
    let Value::Array(items) = list else {
        return Err(Error::malformed(format!(
            "\"signatures\" must be an array, found {}",
            kind_of(&list)
        )));
    };
    if items.is_empty() {
        return Err(Error::malformed(
            "\"signatures\" is empty: a JWS needs at least one signature (RFC 7515 §5.2)",
        ));
    }
    if items.len() > limits.max_signatures {
        return Err(Error::malformed(format!(
            "{} signatures exceed the limit of {} (Limits::max_signatures)",
            items.len(),
            limits.max_signatures
        )));
    }
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| match item {
            Value::Object(members) => parse_signature(members, limits),
            other => Err(Error::malformed(format!(
                "signature {index} must be a JSON object, found {}",
                kind_of(&other)
            ))),
        })
        .collect()
}

/// Reads `protected`, `header` and `signature` from a member of `signatures`, or from the
/// top-level object of the flattened syntax.
fn parse_signature(
    mut members: Map<String, Value>,
    limits: &Limits,
) -> Result<UnverifiedSignature, Error> {
    let protected = match members.remove("protected") {
        None => None,
        Some(Value::String(encoded)) if encoded.is_empty() => {
            return Err(Error::malformed(
                "\"protected\" is empty: omit it when there is no protected header (RFC 7515 §7.2.1)",
            ));
        }
        Some(Value::String(encoded)) => Some(
            ProtectedHeader::decode_map_with(&encoded, &limits.header_json())
                .map_err(Error::encoding("protected header"))?,
        ),
        Some(other) => {
            return Err(Error::malformed(format!(
                "\"protected\" must be a base64url string, found {}",
                kind_of(&other)
            )));
        }
    };
    let header = match members.remove("header") {
        None => None,
        Some(Value::Object(header)) => {
            let len = serialized_len(&header);
            if len > limits.max_header_len {
                return Err(Error::TooLarge {
                    what: "unprotected header",
                    limit: limits.max_header_len,
                    actual: len,
                });
            }
            if jose_b64::json::nesting_exceeds(&header, limits.max_header_depth) {
                return Err(Error::Encoding {
                    part: "unprotected header",
                    source: jose_b64::Error::TooDeep {
                        max_depth: limits.max_header_depth,
                    },
                });
            }
            Some(header)
        }
        Some(other) => {
            return Err(Error::malformed(format!(
                "\"header\" must be a JSON object, found {}",
                kind_of(&other)
            )));
        }
    };
    if protected.is_none() && header.is_none() {
        return Err(Error::malformed(
            "a signature needs \"protected\" or \"header\" to convey \"alg\" (RFC 7515 §7.2.1)",
        ));
    }
    let signature = match members.remove("signature") {
        Some(Value::String(signature)) => {
            base64url::decode(&signature).map_err(Error::encoding("signature"))?
        }
        None => return Err(Error::malformed("\"signature\" is missing")),
        Some(other) => {
            return Err(Error::malformed(format!(
                "\"signature\" must be a base64url string, found {}",
                kind_of(&other)
            )));
        }
    };
    Ok(UnverifiedSignature {
        protected,
        header,
        signature,
    })
}

/// The `b64` every signature declares in its protected header: `false` only for a protected
/// `"b64":false` (whether that is acceptable, with `crit`, is checked per signature by the
/// verifier). All signatures must agree (RFC 7797 §3).
fn agreed_b64(signatures: &[UnverifiedSignature]) -> Result<bool, Error> {
    let declared = |s: &UnverifiedSignature| {
        !s.protected
            .as_ref()
            .is_some_and(|p| p.value().get("b64") == Some(&Value::Bool(false)))
    };
    let mut all = signatures.iter().map(declared);
    let first = all.next().unwrap_or(true);
    if all.any(|b64| b64 != first) {
        return Err(Error::malformed(
            "the signatures disagree on \"b64\": it must be the same for all of them (RFC 7797 §3)",
        ));
    }
    Ok(first)
}
