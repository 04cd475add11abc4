//! Reading a JWE JSON Serialization (RFC 7516 §7.2.1, §7.2.2) into its parts, without
//! decrypting anything.

use jose_b64::json::nesting_exceeds;
use jose_b64::serde_json::{Map, Value};
use jose_b64::{JsonKind, base64url};
use serde_json::value::RawValue;

use super::members::{self, Members};
use crate::compact::ProtectedHeader;
use crate::{Error, Limits};

/// A JWE JSON Serialization (general or flattened) that has been parsed, whose protected
/// header has been decoded and whose shape has been checked, but which has not been
/// decrypted. Nothing of the plaintext is reachable from here.
///
/// Decrypt it with [`UnverifiedJsonJwe::decrypt`] (or
/// [`Decrypter::decrypt_json`](crate::Decrypter::decrypt_json), which parses and decrypts).
///
/// ```
/// use jose_jwe::json::UnverifiedJsonJwe;
///
/// // RFC 7516 App. A.5 (the flattened syntax), shortened.
/// let jwe = UnverifiedJsonJwe::parse(r#"{"protected":"eyJlbmMiOiJBMTI4Q0JDLUhTMjU2In0",
///     "unprotected":{"jku":"https://server.example.com/keys.jwks"},
///     "header":{"alg":"A128KW","kid":"7"},
///     "encrypted_key":"6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ",
///     "iv":"AxY8DCtDaGlsbGljb3RoZQ","ciphertext":"KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY",
///     "tag":"Mz-VPPyU4RlcuYv1IwIvzw"}"#)?;
/// assert!(jwe.is_flattened());
/// assert_eq!(jwe.recipient_count(), 1);
/// assert_eq!(jwe.protected_header().unwrap()["enc"], "A128CBC-HS256");
/// assert_eq!(jwe.recipient_header(0).unwrap()["kid"], "7");
/// assert!(UnverifiedJsonJwe::parse(r#"{"recipients":[],"ciphertext":""}"#).is_err());
/// # Ok::<(), jose_jwe::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct UnverifiedJsonJwe {
    /// Length of the JSON text, checked again against the decrypter's limits.
    pub(super) len: usize,
    pub(super) flattened: bool,
    pub(super) protected: Option<ProtectedHeader>,
    pub(super) shared: Option<Map<String, Value>>,
    /// The length of `shared` as received (0 when absent).
    pub(super) shared_len: usize,
    pub(super) recipients: Vec<Recipient>,
    /// The `aad` member: its exact text (for the AAD) and its decoded value.
    pub(super) aad: Option<(String, Vec<u8>)>,
    pub(super) iv: Vec<u8>,
    pub(super) ciphertext: Vec<u8>,
    pub(super) tag: Vec<u8>,
}

/// One recipient: its unprotected header and its JWE Encrypted Key.
#[derive(Clone, Debug)]
pub(super) struct Recipient {
    pub(super) header: Option<Map<String, Value>>,
    /// The length of `header` as received (0 when absent).
    pub(super) header_len: usize,
    pub(super) encrypted_key: Vec<u8>,
}

impl UnverifiedJsonJwe {
    /// Parses with the default [`Limits`].
    ///
    /// # Errors
    ///
    /// As [`UnverifiedJsonJwe::parse_with`].
    pub fn parse(json: &str) -> Result<Self, Error> {
        Self::parse_with(json, &Limits::DEFAULT)
    }

    /// Parses `json` as a general or flattened JWE JSON Serialization.
    ///
    /// The syntax is chosen by the members present: `recipients` (general, RFC 7516 §7.2.1)
    /// or not (flattened, §7.2.2); `recipients` together with a top-level `header` or
    /// `encrypted_key` is an error. The text must be strict JSON no longer than
    /// [`Limits::max_token_len`], without duplicate member names at any depth. Then:
    ///
    /// - `protected`, when present, is a non-empty string holding strict base64url of a
    ///   strict JSON object of at most [`Limits::max_header_len`] bytes (kept exactly as
    ///   received, for the AAD);
    /// - `unprotected` and every `header`, when present, are JSON objects within the same
    ///   limits as the protected header: at most [`Limits::max_header_len`] bytes of JSON text
    ///   as received (checked before the header is read) and no deeper than
    ///   [`Limits::max_header_depth`];
    /// - `recipients` is a non-empty array of at most [`Limits::max_recipients`] objects;
    /// - every recipient has at least one of `protected`, `unprotected` and its `header`, to
    ///   convey `alg` and `enc` (RFC 7516 §7.2.1);
    /// - `encrypted_key`, `iv`, `tag`, when present, and `ciphertext`, which is required, are
    ///   strings of strict base64url (an absent one is empty);
    /// - `aad`, when present, is a non-empty string of strict base64url (kept as received).
    ///
    /// Other members are ignored (RFC 7516 §7.2.1).
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] for a text or a header beyond its limit; [`Error::Encoding`] for text that is
    /// not strict JSON or a member that is not strict base64url (or, for `protected`, a
    /// strict JSON object); [`Error::Malformed`] for every other departure from the shape.
    pub fn parse_with(json: &str, limits: &Limits) -> Result<Self, Error> {
        if json.len() > limits.max_token_len {
            return Err(Error::TooLarge {
                what: "JWE JSON serialization",
                limit: limits.max_token_len,
                actual: json.len(),
            });
        }
        // Each member as its text, so that a header is held to the header limits before any
        // of it is read into values, and a member that is not used is only checked.
        let mut top = members::read(json, limits)?;

        let protected = match top.remove("protected") {
            None => None,
            Some(raw) => {
                let encoded = string(raw, "protected", "a base64url string")?;
                if encoded.is_empty() {
                    return Err(Error::malformed(
                        "\"protected\" is empty: it must be left out when there is no protected header (RFC 7516 §7.2.1)",
                    ));
                }
                Some(
                    ProtectedHeader::decode_map_with(&encoded, &limits.header_json())
                        .map_err(Error::encoding("protected header"))?,
                )
            }
        };
        let (shared, shared_len) = header_object(top.remove("unprotected"), "unprotected", limits)?;
        let aad = match top.remove("aad") {
            None => None,
            Some(raw) => {
                let encoded = string(raw, "aad", "a base64url string")?;
                if encoded.is_empty() {
                    return Err(Error::malformed(
                        "\"aad\" is empty: it must be left out when there is no JWE AAD (RFC 7516 §7.2.1)",
                    ));
                }
                let decoded = base64url::decode(&encoded).map_err(Error::encoding("aad"))?;
                Some((encoded, decoded))
            }
        };
        let iv = octets(top.remove("iv"), "iv", "initialization vector")?.unwrap_or_default();
        let ciphertext = octets(top.remove("ciphertext"), "ciphertext", "ciphertext")?
            .ok_or_else(|| Error::malformed("\"ciphertext\" is missing (RFC 7516 §7.2.1)"))?;
        let tag = octets(top.remove("tag"), "tag", "authentication tag")?.unwrap_or_default();

        let (flattened, recipients) = match top.remove("recipients") {
            Some(list) => {
                for member in ["header", "encrypted_key"] {
                    if top.contains_key(member) {
                        return Err(Error::malformed(format!(
                            "\"{member}\" at the top level of a general JSON serialization belongs inside \"recipients\" (RFC 7516 §7.2.2)"
                        )));
                    }
                }
                members::check_rest(&top, limits)?;
                (false, parse_recipients(list, limits)?)
            }
            None => (true, vec![parse_recipient(top, limits)?]),
        };
        if protected.is_none()
            && shared.is_none()
            && let Some(index) = recipients.iter().position(|r| r.header.is_none())
        {
            return Err(Error::malformed(format!(
                "recipient {index} has no header: \"protected\", \"unprotected\" or \"header\" must convey \"alg\" and \"enc\" (RFC 7516 §7.2.1)"
            )));
        }
        Ok(Self {
            len: json.len(),
            flattened,
            protected,
            shared,
            shared_len,
            recipients,
            aad,
            iv,
            ciphertext,
            tag,
        })
    }

    /// Whether the flattened syntax was used (RFC 7516 §7.2.2) rather than the general one.
    pub fn is_flattened(&self) -> bool {
        self.flattened
    }

    /// The number of recipients (1 for the flattened syntax).
    pub fn recipient_count(&self) -> usize {
        self.recipients.len()
    }

    /// The decoded protected header (not yet authenticated), if there is one.
    pub fn protected_header(&self) -> Option<&Map<String, Value>> {
        self.protected.as_ref().map(|p| p.value())
    }

    /// The protected header exactly as encoded, if there is one.
    pub fn protected_header_encoded(&self) -> Option<&str> {
        self.protected.as_ref().map(|p| p.encoded())
    }

    /// The shared unprotected header (`unprotected`), if there is one.
    pub fn shared_unprotected_header(&self) -> Option<&Map<String, Value>> {
        self.shared.as_ref()
    }

    /// The per-recipient unprotected header of recipient `index`, if it has one.
    pub fn recipient_header(&self, index: usize) -> Option<&Map<String, Value>> {
        self.recipients.get(index).and_then(|r| r.header.as_ref())
    }

    /// The JWE AAD (`aad`, decoded; not yet authenticated), if there is one.
    pub fn aad(&self) -> Option<&[u8]> {
        self.aad.as_ref().map(|(_, decoded)| decoded.as_slice())
    }
}

fn parse_recipients(list: &RawValue, limits: &Limits) -> Result<Vec<Recipient>, Error> {
    let kind = kind_of_raw(list);
    if kind != JsonKind::Array {
        return Err(not_a("recipients", "an array", kind));
    }
    let items: Vec<&RawValue> = serde_json::from_str(list.get()).map_err(unreadable)?;
    if items.is_empty() {
        return Err(Error::malformed(
            "\"recipients\" is empty: a JWE needs at least one recipient (RFC 7516 §7.2.1)",
        ));
    }
    if items.len() > limits.max_recipients {
        return Err(too_many_recipients(items.len(), limits.max_recipients));
    }
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| match kind_of_raw(item) {
            JsonKind::Object => parse_recipient(members::read(item.get(), limits)?, limits),
            other => Err(Error::malformed(format!(
                "recipient {index} must be a JSON object, found {other}"
            ))),
        })
        .collect()
}

/// Reads `header` and `encrypted_key` from a member of `recipients`, or from the top-level
/// object of the flattened syntax.
fn parse_recipient(mut members: Members<'_>, limits: &Limits) -> Result<Recipient, Error> {
    let (header, header_len) = header_object(members.remove("header"), "header", limits)?;
    let encrypted_key = octets(
        members.remove("encrypted_key"),
        "encrypted_key",
        "encrypted key",
    )?
    .unwrap_or_default();
    members::check_rest(&members, limits)?;
    Ok(Recipient {
        header,
        header_len,
        encrypted_key,
    })
}

/// The kind of a JSON value, told by its first character.
fn kind_of_raw(value: &RawValue) -> JsonKind {
    match value.get().as_bytes().first() {
        Some(b'{') => JsonKind::Object,
        Some(b'[') => JsonKind::Array,
        Some(b'"') => JsonKind::String,
        Some(b't' | b'f') => JsonKind::Bool,
        Some(b'n') => JsonKind::Null,
        _ => JsonKind::Number,
    }
}

/// A member that must be a string.
fn string(value: &RawValue, member: &'static str, what: &str) -> Result<String, Error> {
    match kind_of_raw(value) {
        JsonKind::String => serde_json::from_str(value.get()).map_err(unreadable),
        other => Err(not_a(member, what, other)),
    }
}

/// A member that serde_json scanned but that does not read again: not expected.
fn unreadable(e: serde_json::Error) -> Error {
    Error::malformed(format!("the JSON serialization does not read: {e}"))
}

/// An unprotected header member (`unprotected` or a `header`): absent, or an object within
/// the header limits, with the length of its text. The length is checked before the header is
/// read, so an oversized header costs no more than the check that the token is JSON.
fn header_object(
    value: Option<&RawValue>,
    member: &'static str,
    limits: &Limits,
) -> Result<(Option<Map<String, Value>>, usize), Error> {
    let Some(raw) = value else {
        return Ok((None, 0));
    };
    match kind_of_raw(raw) {
        JsonKind::Object => {
            let text = raw.get();
            if text.len() > limits.max_header_len {
                return Err(header_too_large(member, text.len(), limits));
            }
            let header = limits
                .header_json()
                .parse_object_map(text.as_bytes())
                .map_err(Error::encoding("unprotected header"))?;
            Ok((Some(header), text.len()))
        }
        other => Err(not_a(member, "a JSON object", other)),
    }
}

fn header_too_large(member: &str, len: usize, limits: &Limits) -> Error {
    Error::TooLarge {
        what: match member {
            "unprotected" => "shared unprotected header",
            _ => "per-recipient header",
        },
        limit: limits.max_header_len,
        actual: len,
    }
}

/// The limits of a protected header hold for the unprotected ones too: at most
/// [`Limits::max_header_len`] bytes of JSON text (`len`, as received), at most
/// [`Limits::max_header_depth`] deep.
///
/// # Errors
///
/// [`Error::TooLarge`] or [`Error::Encoding`] ([`jose_b64::Error::TooDeep`]).
pub(super) fn check_unprotected(
    header: &Map<String, Value>,
    len: usize,
    member: &'static str,
    limits: &Limits,
) -> Result<(), Error> {
    if len > limits.max_header_len {
        return Err(header_too_large(member, len, limits));
    }
    if nesting_exceeds(header, limits.max_header_depth) {
        return Err(Error::Encoding {
            part: "unprotected header",
            source: jose_b64::Error::TooDeep {
                max_depth: limits.max_header_depth,
            },
        });
    }
    Ok(())
}

/// A base64url member: absent, or a string of strict base64url.
fn octets(
    value: Option<&RawValue>,
    member: &'static str,
    part: &'static str,
) -> Result<Option<Vec<u8>>, Error> {
    match value {
        None => Ok(None),
        Some(raw) => {
            let encoded = string(raw, member, "a base64url string")?;
            base64url::decode(&encoded)
                .map(Some)
                .map_err(Error::encoding(part))
        }
    }
}

fn not_a(member: &str, what: &str, found: JsonKind) -> Error {
    Error::malformed(format!("\"{member}\" must be {what}, found {found}"))
}

pub(super) fn too_many_recipients(count: usize, max: usize) -> Error {
    Error::malformed(format!(
        "{count} recipients exceed the limit of {max} (Limits::max_recipients)"
    ))
}
