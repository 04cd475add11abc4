//! The JWS Compact Serialization (RFC 7515 §7.1), with detached (App. F) and unencoded
//! (RFC 7797 §5.2) payloads.

mod encoded_header;
mod flat_header;

pub use encoded_header::EncodedHeader;

use jose_b64::serde_json::{Map, Value};
use jose_b64::{Base64UrlJson, base64url};

use crate::resolver::VerifyingKeyResolver;
use crate::verified::Protected;
use crate::verifier::{Checked, Limits};
use crate::{Error, Header, SigningKey, VerifiedJws, Verifier};

/// A protected header as received: the decoded object and its exact encoding.
pub type ProtectedHeader = Base64UrlJson<Map<String, Value>>;

/// Signs `payload` and returns the compact JWS `header.payload.signature`.
///
/// ```
/// use jose_jws::{compact, Header, JwsAlgorithm, SigningKey, Verifier};
///
/// let key = SigningKey::hmac(&[42u8; 32], JwsAlgorithm::HS256)?;
/// let token = compact::sign(&key, &Header::new().typ("JWT"), br#"{"sub":"alice"}"#)?;
///
/// let verified = Verifier::new([JwsAlgorithm::HS256])?.verify_compact(&token, key.verifying_key())?;
/// assert_eq!(verified.payload(), br#"{"sub":"alice"}"#);
/// # Ok::<(), jose_jws::Error>(())
/// ```
pub fn sign(key: &SigningKey, header: &Header, payload: &[u8]) -> Result<String, Error> {
    sign_inner(key, header, payload, false)
}

/// Signs `payload` and returns the compact JWS with the payload left out, `header..signature`
/// (RFC 7515 App. F). Verify with [`Verifier::verify_compact_detached`].
pub fn sign_detached(key: &SigningKey, header: &Header, payload: &[u8]) -> Result<String, Error> {
    sign_inner(key, header, payload, true)
}

/// Signs with a protected header given exactly, as encoded text (for reproducing published
/// examples byte for byte). Its `alg` must be the key's; `b64` and `crit` are honoured.
pub fn sign_with_protected(
    key: &SigningKey,
    protected: &ProtectedHeader,
    payload: &[u8],
) -> Result<String, Error> {
    let verifier = Verifier::new([key.alg()])?;
    let (_, b64, _, _) = verifier.check_header(Some(protected.value()), None)?;
    let mut out = String::with_capacity(token_len(0, payload.len()) + protected.encoded().len());
    out.push_str(protected.encoded());
    finish(key, out, payload, b64, false)
}

fn sign_inner(
    key: &SigningKey,
    header: &Header,
    payload: &[u8],
    detached: bool,
) -> Result<String, Error> {
    let out = header.with_json(key.alg(), key.kid(), |json| {
        let mut out = String::with_capacity(token_len(json.len(), payload.len()));
        base64url::encode_to(json, &mut out);
        out
    })?;
    finish(key, out, payload, header.is_b64(), detached)
}

/// A capacity for a token of a header and a payload of these lengths (the signature of most
/// algorithms fits in what is added).
fn token_len(header_len: usize, payload_len: usize) -> usize {
    base64url::encoded_len(header_len)
        .saturating_add(base64url::encoded_len(payload_len))
        .saturating_add(100)
}

/// Completes a compact JWS whose protected header segment is `out`: the payload segment and
/// the signature (or, for a detached payload, an empty payload segment).
fn finish(
    key: &SigningKey,
    mut out: String,
    payload: &[u8],
    b64: bool,
    detached: bool,
) -> Result<String, Error> {
    out.push('.');
    if !detached {
        append_payload(&mut out, payload, b64)?;
        key.append_signature(&mut out)?;
        return Ok(out);
    }
    let header_end = out.len();
    let signature = if b64 {
        append_payload(&mut out, payload, b64)?;
        key.sign(out.as_bytes())?
    } else {
        // RFC 7797 §5.2 restricts only a payload carried in the compact form: a detached
        // unencoded payload may hold any octets ('.' included, as in RFC 7797 §4.2).
        let mut input = Vec::with_capacity(out.len() + payload.len());
        input.extend_from_slice(out.as_bytes());
        input.extend_from_slice(payload);
        key.sign(&input)?
    };
    out.truncate(header_end);
    out.push('.');
    base64url::encode_to(signature, &mut out);
    Ok(out)
}

/// The payload as it appears in the signing input: base64url, or the raw bytes for
/// `b64:false`, which in the compact form must be UTF-8 without `.` (RFC 7797 §5.2).
fn append_payload(out: &mut String, payload: &[u8], b64: bool) -> Result<(), Error> {
    if b64 {
        base64url::encode_to(payload, out);
        return Ok(());
    }
    let text = std::str::from_utf8(payload).map_err(|_| {
        Error::malformed("an unencoded payload in the compact serialization must be UTF-8")
    })?;
    check_unencoded(text)?;
    out.push_str(text);
    Ok(())
}

/// An unencoded payload in the compact form must not contain `.` (RFC 7797 §5.2).
fn check_unencoded(text: &str) -> Result<(), Error> {
    if text.contains('.') {
        return Err(Error::malformed(
            "an unencoded payload in the compact serialization must not contain '.' (RFC 7797 §5.2)",
        ));
    }
    Ok(())
}

/// A compact JWS that has been split and whose protected header has been decoded, but whose
/// signature has not been verified. The payload is not reachable from here except through
/// [`UnverifiedCompactJws::dangerous_insecure_payload`].
#[derive(Clone, Debug)]
pub struct UnverifiedCompactJws<'t> {
    token: &'t str,
    header: ProtectedHeader,
    payload_start: usize,
    signature_start: usize,
}

impl<'t> UnverifiedCompactJws<'t> {
    /// Splits and decodes with the default [`Limits`].
    pub fn parse(token: &'t str) -> Result<Self, Error> {
        Self::parse_with(token, &Limits::DEFAULT)
    }

    /// Splits `token` into exactly three segments (failing fast on a fourth), checks the
    /// base64url alphabet of the header and signature, and decodes the protected header.
    pub fn parse_with(token: &'t str, limits: &Limits) -> Result<Self, Error> {
        if token.len() > limits.max_token_len {
            return Err(Error::TooLarge {
                what: "compact JWS",
                limit: limits.max_token_len,
                actual: token.len(),
            });
        }
        let (first, second) = two_dots(token).ok_or_else(three_segments)?;
        let header_segment = token.get(..first).unwrap_or_default();
        let signature_segment = token.get(second + 1..).unwrap_or_default();
        // The signature first: a third '.' shows up there.
        for (part, segment) in [
            ("signature", signature_segment),
            ("protected header", header_segment),
        ] {
            if let Some(offset) = base64url::first_invalid(segment.as_bytes()) {
                if segment.as_bytes().get(offset) == Some(&b'.') {
                    return Err(three_segments());
                }
                return Err(Error::malformed(format!(
                    "the {part} segment has a character outside the base64url alphabet at offset {offset}"
                )));
            }
        }
        if header_segment.is_empty() {
            return Err(Error::malformed("the protected header segment is empty"));
        }
        let header = ProtectedHeader::decode_map_with(header_segment, &limits.header_json())
            .map_err(Error::encoding("protected header"))?;
        Ok(Self {
            token,
            header,
            payload_start: first + 1,
            signature_start: second + 1,
        })
    }

    /// The decoded protected header (not yet verified).
    pub fn protected_header(&self) -> &Map<String, Value> {
        self.header.value()
    }

    /// The protected header exactly as encoded.
    pub fn protected_header_encoded(&self) -> &str {
        self.header.encoded()
    }

    fn payload_segment(&self) -> &'t str {
        self.token
            .get(self.payload_start..self.signature_start.saturating_sub(1))
            .unwrap_or_default()
    }

    fn with_signature<R>(&self, f: impl FnOnce(&[u8]) -> Result<R, Error>) -> Result<R, Error> {
        with_decoded_signature(
            self.token.get(self.signature_start..).unwrap_or_default(),
            f,
        )
    }

    /// Verifies the attached payload.
    pub fn verify(
        &self,
        verifier: &Verifier,
        keys: &(impl VerifyingKeyResolver + ?Sized),
    ) -> Result<VerifiedJws, Error> {
        let (payload, checked) = self.check_attached(verifier, keys)?;
        Ok(verified(self.header.value().clone(), payload, checked))
    }

    /// The header rules, the key and the signature, then the payload, decoded.
    fn check_attached(
        &self,
        verifier: &Verifier,
        keys: &(impl VerifyingKeyResolver + ?Sized),
    ) -> Result<(Vec<u8>, Checked), Error> {
        verifier.check_len("compact JWS", self.token.len())?;
        let header = verifier.check_header(Some(self.header.value()), None)?;
        let b64 = header.1;
        let payload_segment = self.payload_segment();
        if b64 && let Some(offset) = base64url::first_invalid(payload_segment.as_bytes()) {
            return Err(Error::malformed(format!(
                "the payload segment has a character outside the base64url alphabet at offset {offset}"
            )));
        }
        let signing_input = self
            .token
            .get(..self.signature_start.saturating_sub(1))
            .unwrap_or_default();
        let checked = self.with_signature(|signature| {
            verifier.check_signature(header, signing_input.as_bytes(), signature, keys)
        })?;
        let payload = if checked.b64 {
            base64url::decode(payload_segment).map_err(Error::encoding("payload"))?
        } else {
            payload_segment.as_bytes().to_vec()
        };
        Ok((payload, checked))
    }

    /// Verifies a detached payload (RFC 7515 App. F): the payload segment must be empty.
    pub fn verify_detached(
        &self,
        verifier: &Verifier,
        payload: &[u8],
        keys: &(impl VerifyingKeyResolver + ?Sized),
    ) -> Result<VerifiedJws, Error> {
        let checked = self.check_detached(verifier, payload, keys)?;
        Ok(verified(
            self.header.value().clone(),
            payload.to_vec(),
            checked,
        ))
    }

    fn check_detached(
        &self,
        verifier: &Verifier,
        payload: &[u8],
        keys: &(impl VerifyingKeyResolver + ?Sized),
    ) -> Result<Checked, Error> {
        verifier.check_len("compact JWS", self.token.len())?;
        if !self.payload_segment().is_empty() {
            return Err(Error::malformed(
                "a detached JWS must have an empty payload segment",
            ));
        }
        let header = verifier.check_header(Some(self.header.value()), None)?;
        let b64 = header.1;
        let mut signing_input = String::from(self.header.encoded());
        signing_input.push('.');
        if b64 {
            base64url::encode_to(payload, &mut signing_input);
        }
        let mut input = signing_input.into_bytes();
        if !b64 {
            input.extend_from_slice(payload);
        }
        self.with_signature(|signature| verifier.check_signature(header, &input, signature, keys))
    }

    /// The payload **without any verification**, for debugging and logging only. Never act on
    /// it.
    pub fn dangerous_insecure_payload(&self) -> Result<Vec<u8>, Error> {
        let b64 = !matches!(self.header.value().get("b64"), Some(Value::Bool(false)));
        if b64 {
            base64url::decode(self.payload_segment()).map_err(Error::encoding("payload"))
        } else {
            Ok(self.payload_segment().as_bytes().to_vec())
        }
    }
}

impl Verifier {
    /// Parses and verifies a compact JWS.
    pub fn verify_compact(
        &self,
        token: &str,
        keys: &(impl VerifyingKeyResolver + ?Sized),
    ) -> Result<VerifiedJws, Error> {
        if let Some(verified) = flat_header::verify(self, token, keys) {
            return verified;
        }
        let parsed = UnverifiedCompactJws::parse_with(token, self.limits())?;
        let (payload, checked) = parsed.check_attached(self, keys)?;
        Ok(verified(parsed.header.into_value(), payload, checked))
    }

    /// Parses and verifies a compact JWS with a detached payload.
    pub fn verify_compact_detached(
        &self,
        token: &str,
        payload: &[u8],
        keys: &(impl VerifyingKeyResolver + ?Sized),
    ) -> Result<VerifiedJws, Error> {
        let parsed = UnverifiedCompactJws::parse_with(token, self.limits())?;
        let checked = parsed.check_detached(self, payload, keys)?;
        Ok(verified(
            parsed.header.into_value(),
            payload.to_vec(),
            checked,
        ))
    }
}

/// The result of a verified compact JWS; the header is moved in, not copied, where the
/// caller no longer needs it.
fn verified(protected: Map<String, Value>, payload: Vec<u8>, checked: Checked) -> VerifiedJws {
    VerifiedJws {
        payload,
        protected: Protected::from_map(protected),
        unprotected: None,
        alg: checked.alg,
        kid: checked.kid,
        signature_index: 0,
        verified_indexes: Vec::new(),
    }
}

/// Decodes a signature segment (onto the stack when it is short, as every HMAC, ECDSA and
/// EdDSA signature is) and hands it to `f`.
fn with_decoded_signature<R>(
    segment: &str,
    f: impl FnOnce(&[u8]) -> Result<R, Error>,
) -> Result<R, Error> {
    let mut buf = [0u8; 132];
    match base64url::decoded_len(segment.len()) {
        Some(len) if len <= buf.len() => {
            let out = buf.get_mut(..len).unwrap_or_default();
            f(base64url::decode_to(segment, out).map_err(Error::encoding("signature"))?)
        }
        _ => f(&base64url::decode(segment).map_err(Error::encoding("signature"))?),
    }
}

fn three_segments() -> Error {
    Error::malformed("a compact JWS has exactly three segments separated by two '.'")
}

/// The positions of the first two dots. A third is found by the alphabet check of the
/// signature segment, so the common case scans for dots no further than the second.
fn two_dots(token: &str) -> Option<(usize, usize)> {
    let first = token.find('.')?;
    let second = first + 1 + token.get(first + 1..)?.find('.')?;
    Some((first, second))
}
