//! Producing JWS JSON Serializations (RFC 7515 §5.1, §7.2; RFC 7797 §5.1, §5.3).

use std::borrow::Cow;

use jose_b64::base64url;
use jose_b64::serde_json::{self, Map, Value};

use crate::compact::ProtectedHeader;
use crate::{Error, Header, SigningKey, Verifier};

/// Signs `payload` and returns the flattened JWS JSON Serialization (RFC 7515 §7.2.2):
/// `{"payload":…,"protected":…,"header":…,"signature":…}`.
///
/// The protected header is `protected` with `alg` (and `kid`, unless `unprotected` sets it)
/// from the key, as for [`compact::sign`](crate::compact::sign). `unprotected`, when given
/// and non-empty, becomes the `header` member; its names must differ from the protected
/// header's, and it may not hold `alg`, `crit` or `b64`. With
/// [`Header::unencoded_payload`] the payload is written as a JSON string, so it must be UTF-8
/// (RFC 7797 §5.3).
///
/// ```
/// use jose_jws::{json, Header, JwsAlgorithm, SigningKey};
/// use jose_b64::serde_json::{Map, Value};
///
/// let key = SigningKey::hmac(&[42u8; 32], JwsAlgorithm::HS256)?;
/// let mut unprotected = Map::new();
/// unprotected.insert("x-note".into(), Value::from("not integrity protected"));
/// let jws = json::sign_flattened(&key, &Header::new(), Some(unprotected), b"hello")?;
/// assert!(jws.contains(r#""header":{"x-note":"not integrity protected"}"#));
/// # Ok::<(), jose_jws::Error>(())
/// ```
pub fn sign_flattened(
    key: &SigningKey,
    protected: &Header,
    unprotected: Option<Map<String, Value>>,
    payload: &[u8],
) -> Result<String, Error> {
    Signer::new(payload)
        .signature(key, protected.clone(), unprotected)
        .sign_flattened()
}

/// [`sign_flattened`] without the `payload` member (RFC 7515 App. F). Verify with
/// [`Verifier::verify_json_detached`]. An unencoded detached payload may hold any bytes
/// (RFC 7797 §5.1).
pub fn sign_flattened_detached(
    key: &SigningKey,
    protected: &Header,
    unprotected: Option<Map<String, Value>>,
    payload: &[u8],
) -> Result<String, Error> {
    Signer::new(payload)
        .signature(key, protected.clone(), unprotected)
        .detached()
        .sign_flattened()
}

/// A builder for the general JWS JSON Serialization (RFC 7515 §7.2.1): one payload, several
/// signatures, each with its own key, protected header and unprotected header.
///
/// Nothing is checked or signed until [`Signer::sign_general`] (or
/// [`Signer::sign_flattened`] for a single signature), which checks every signature's
/// headers as a verifier would (disjoint protected and unprotected names, `crit`, `b64`
/// protected, `alg` equal to the key's) and requires all signatures to agree on `b64`
/// (RFC 7797 §3).
///
/// ```
/// use jose_jws::json::Signer;
/// use jose_jws::{Header, JwsAlgorithm, SignaturePolicy, SigningKey, Verifier, VerifyingKey};
/// use jose_jwk::{EcCurve, Jwk, KeySpec, OkpCurve};
///
/// let ec = SigningKey::from_jwk(&Jwk::generate(KeySpec::Ec(EcCurve::P256))?, JwsAlgorithm::ES256)?
///     .with_kid("ec");
/// let ed = SigningKey::from_jwk(&Jwk::generate(KeySpec::Okp(OkpCurve::Ed25519))?, JwsAlgorithm::EdDSA)?
///     .with_kid("ed");
///
/// let jws = Signer::new(b"release 1.2.3")
///     .signature(&ec, Header::new().typ("example"), None)
///     .signature(&ed, Header::new(), None)
///     .sign_general()?;
///
/// let keys = vec![ec.verifying_key().clone(), ed.verifying_key().clone()];
/// let verifier = Verifier::new([JwsAlgorithm::ES256, JwsAlgorithm::EdDSA])?;
/// let verified = verifier.verify_json(&jws, &keys, &SignaturePolicy::All)?;
/// assert_eq!(verified.payload(), b"release 1.2.3");
/// assert_eq!(verified.verified_indexes(), [0, 1]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Signer<'a> {
    payload: &'a [u8],
    detached: bool,
    entries: Vec<Entry>,
}

#[derive(Clone, Debug)]
struct Entry {
    key: SigningKey,
    protected: Protected,
    unprotected: Option<Map<String, Value>>,
}

#[derive(Clone, Debug)]
enum Protected {
    /// Built from a [`Header`] with the key's `alg` and `kid`.
    Header(Header),
    /// Given exactly, encoding included.
    Exact(ProtectedHeader),
    /// No protected header: `alg` is in the unprotected header.
    Absent,
}

/// One signature, ready to be written.
struct Signed<'e> {
    protected: Option<Cow<'e, str>>,
    header: Option<&'e Map<String, Value>>,
    signature: String,
}

impl<'a> Signer<'a> {
    /// A JWS of `payload`, with no signature yet.
    pub fn new(payload: &'a [u8]) -> Self {
        Self {
            payload,
            detached: false,
            entries: Vec::new(),
        }
    }

    /// Adds a signature by `key`. The protected header is `protected` with `alg` (and `kid`,
    /// unless `protected` or `unprotected` sets one) from the key, written as by
    /// [`compact::sign`](crate::compact::sign); `unprotected`, when given and non-empty,
    /// becomes this signature's `header` member.
    pub fn signature(
        mut self,
        key: &SigningKey,
        protected: Header,
        unprotected: Option<Map<String, Value>>,
    ) -> Self {
        self.entries.push(Entry {
            key: key.clone(),
            protected: Protected::Header(protected),
            unprotected,
        });
        self
    }

    /// Adds a signature by `key` whose protected header is given exactly, as encoded text
    /// (for reproducing published examples byte for byte), or absent: then `alg` must be in
    /// `unprotected`, as in RFC 7520 §4.7 (such a JWS verifies only with
    /// [`Verifier::allow_unprotected_alg`]). The header's `alg` must be the key's; `b64` and
    /// `crit` are honoured (and `crit` may name any extension).
    pub fn signature_with_protected(
        mut self,
        key: &SigningKey,
        protected: Option<&ProtectedHeader>,
        unprotected: Option<Map<String, Value>>,
    ) -> Self {
        self.entries.push(Entry {
            key: key.clone(),
            protected: protected.map_or(Protected::Absent, |p| Protected::Exact(p.clone())),
            unprotected,
        });
        self
    }

    /// Leaves the `payload` member out (RFC 7515 App. F); the recipient supplies the payload
    /// to [`Verifier::verify_json_detached`].
    pub fn detached(mut self) -> Self {
        self.detached = true;
        self
    }

    /// Signs and returns the general JWS JSON Serialization:
    /// `{"payload":…,"signatures":[{"protected":…,"header":…,"signature":…},…]}`.
    pub fn sign_general(&self) -> Result<String, Error> {
        let (payload, signed) = self.sign_all()?;
        let mut out = open_object(payload.as_deref(), &signed);
        out.push_str("\"signatures\":[");
        for (i, signature) in signed.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('{');
            signature.write_members(&mut out)?;
            out.push('}');
        }
        out.push_str("]}");
        Ok(out)
    }

    /// Signs and returns the flattened JWS JSON Serialization (RFC 7515 §7.2.2), which holds
    /// exactly one signature: an error unless exactly one was added.
    pub fn sign_flattened(&self) -> Result<String, Error> {
        if self.entries.len() != 1 {
            return Err(Error::malformed(format!(
                "the flattened JSON serialization holds exactly one signature, {} were added",
                self.entries.len()
            )));
        }
        let (payload, signed) = self.sign_all()?;
        let mut out = open_object(payload.as_deref(), &signed);
        for signature in &signed {
            signature.write_members(&mut out)?;
        }
        out.push('}');
        Ok(out)
    }

    /// Checks the headers, signs every entry, and returns the `payload` member's JSON value
    /// (`None` when detached) with the signatures.
    fn sign_all(&self) -> Result<(Option<String>, Vec<Signed<'_>>), Error> {
        if self.entries.is_empty() {
            return Err(Error::malformed(
                "a JWS needs at least one signature (Signer::signature)",
            ));
        }
        let mut b64 = None;
        let mut prepared = Vec::with_capacity(self.entries.len());
        for (index, entry) in self.entries.iter().enumerate() {
            let (encoded, entry_b64) = entry.prepare()?;
            match b64 {
                None => b64 = Some(entry_b64),
                Some(first) if first != entry_b64 => {
                    return Err(Error::malformed(format!(
                        "signature {index} has \"b64\":{entry_b64} but signature 0 has \"b64\":{first}; all signatures must agree (RFC 7797 §3)"
                    )));
                }
                Some(_) => {}
            }
            prepared.push((entry, encoded));
        }
        let b64 = b64.unwrap_or(true);

        // The payload as it appears in the signing input, and as the `payload` JSON value.
        let encoded_payload;
        let (segment, payload_json): (&[u8], Option<String>) = if b64 {
            encoded_payload = base64url::encode(self.payload);
            let json = (!self.detached).then(|| format!("\"{encoded_payload}\""));
            (encoded_payload.as_bytes(), json)
        } else if self.detached {
            (self.payload, None)
        } else {
            let text = std::str::from_utf8(self.payload).map_err(|_| {
                Error::malformed(
                    "an unencoded payload in the JSON serialization must be UTF-8 (RFC 7797 §5.3); detach it to sign other bytes",
                )
            })?;
            let json = serde_json::to_string(text).map_err(|e| Error::malformed(e.to_string()))?;
            (self.payload, Some(json))
        };

        let mut input = Vec::new();
        let mut signed = Vec::with_capacity(prepared.len());
        for (entry, protected) in prepared {
            input.clear();
            input.extend_from_slice(protected.as_deref().unwrap_or_default().as_bytes());
            input.push(b'.');
            input.extend_from_slice(segment);
            let signature = base64url::encode(entry.key.sign(&input)?);
            signed.push(Signed {
                protected,
                header: entry.unprotected.as_ref().filter(|u| !u.is_empty()),
                signature,
            });
        }
        Ok((payload_json, signed))
    }
}

impl Entry {
    /// Checks this signature's headers and returns the encoded protected header (if any)
    /// and the `b64` it declares.
    fn prepare(&self) -> Result<(Option<Cow<'_, str>>, bool), Error> {
        let unprotected = self.unprotected.as_ref();
        match &self.protected {
            Protected::Header(header) => {
                // `kid` from the key, unless the unprotected header sets one.
                let kid = if unprotected.is_some_and(|u| u.contains_key("kid")) {
                    None
                } else {
                    self.key.kid()
                };
                let json = header.to_json(self.key.alg(), kid)?;
                let map = jose_b64::json::parse_object_map(json.as_bytes())
                    .map_err(Error::encoding("protected header"))?;
                let b64 = check_entry(&self.key, Some(&map), unprotected)?;
                Ok((Some(Cow::Owned(base64url::encode(json))), b64))
            }
            Protected::Exact(protected) => {
                let b64 = check_entry(&self.key, Some(protected.value()), unprotected)?;
                Ok((Some(Cow::Borrowed(protected.encoded())), b64))
            }
            Protected::Absent => Ok((None, check_entry(&self.key, None, unprotected)?)),
        }
    }
}

impl Signed<'_> {
    fn approximate_len(&self) -> usize {
        self.protected.as_ref().map_or(0, |p| p.len()) + self.signature.len() + 64
    }

    /// Writes `"protected":…,"header":…,"signature":…` (absent parts left out).
    fn write_members(&self, out: &mut String) -> Result<(), Error> {
        if let Some(protected) = &self.protected {
            out.push_str("\"protected\":\"");
            out.push_str(protected);
            out.push_str("\",");
        }
        if let Some(header) = self.header {
            out.push_str("\"header\":");
            out.push_str(
                &serde_json::to_string(header).map_err(|e| Error::malformed(e.to_string()))?,
            );
            out.push(',');
        }
        out.push_str("\"signature\":\"");
        out.push_str(&self.signature);
        out.push('"');
        Ok(())
    }
}

/// Checks one signature's headers as a verifier accepting only the key's algorithm would
/// (except that `alg` may be unprotected and `crit` may name any extension), and returns its
/// `b64`.
fn check_entry(
    key: &SigningKey,
    protected: Option<&Map<String, Value>>,
    unprotected: Option<&Map<String, Value>>,
) -> Result<bool, Error> {
    let mut verifier = Verifier::new([key.alg()])?.allow_unprotected_alg();
    if let Some(Value::Array(names)) = protected.and_then(|p| p.get("crit")) {
        for name in names {
            if let Value::String(name) = name
                && name != "b64"
            {
                verifier = verifier.understand(name.clone());
            }
        }
    }
    let (_, b64, ..) = verifier.check_header(protected, unprotected)?;
    Ok(b64)
}

/// The start of a JSON serialization: `{` and the `payload` member when attached, in a buffer
/// sized for the signatures to follow.
fn open_object(payload: Option<&str>, signed: &[Signed]) -> String {
    let mut out = String::with_capacity(
        payload.map_or(0, str::len)
            + signed.iter().map(Signed::approximate_len).sum::<usize>()
            + 32,
    );
    out.push('{');
    if let Some(payload) = payload {
        out.push_str("\"payload\":");
        out.push_str(payload);
        out.push(',');
    }
    out
}
