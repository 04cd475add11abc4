//! What a builder's tokens have in common, made by its second token and kept: the claims
//! set's JSON up to the time claims and its base64url encoding, and the encoded protected
//! header. (A builder made per token, used once, writes its token directly instead.)
//!
//! A builder is a template for many tokens: only the time claims relative to "now" change
//! from one to the next. Its claims set is written as the application's claims (checked once),
//! then `iat`, `exp`, `nbf`; so the JSON up to the time claims is made once, and so is the
//! base64url of its longest prefix of whole 3-byte groups, which the encoding of the rest
//! continues exactly. Each token then only encodes its last few bytes and the time claims.
//! Everything kept is public data (claims and header), nothing derived from a key's secret.

use std::borrow::Cow;
use std::io::Write;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use jose_b64::base64url;
use jose_b64::serde_json;
use jose_jws::SigningKey;
use jose_jws::compact::EncodedHeader;

use super::members::Members;
use crate::{Error, NumericDate};

/// The claims set's JSON up to the time claims.
#[derive(Clone, Debug)]
pub(super) struct Template {
    /// `{` and the application's claims, without the closing brace.
    json: String,
    /// The base64url of `json`'s first `split` bytes.
    encoded: String,
    /// The length of `json`'s longest prefix of whole 3-byte groups.
    split: usize,
}

impl Template {
    /// The template of `members`, which have been checked.
    pub(super) fn new(members: &Members) -> Result<Self, Error> {
        let mut json = Vec::with_capacity(256);
        members
            .write_open(&mut json)
            .map_err(super::serialize_error)?;
        let json = String::from_utf8(json)
            .map_err(|_| Error::configuration("the claims did not serialize as JSON text"))?;
        let split = json.len() - json.len() % 3;
        let encoded = base64url::encode(json.as_bytes().get(..split).unwrap_or_default());
        Ok(Self {
            json,
            encoded,
            split,
        })
    }

    /// The claims set's JSON with the time claims `times`.
    pub(super) fn json(&self, times: &[Option<(&str, NumericDate)>]) -> Result<String, Error> {
        let tail = Tail::new(b"", self.has_members(), times)?;
        let tail = std::str::from_utf8(tail.as_bytes())
            .map_err(|_| Error::configuration("a time claim did not serialize as JSON text"))?;
        let mut json = String::with_capacity(self.json.len() + tail.len());
        json.push_str(&self.json);
        json.push_str(tail);
        Ok(json)
    }

    /// The length of the payload segment with the time claims `tail` (see [`Template::tail`]).
    pub(super) fn encoded_len(&self, tail: &Tail) -> usize {
        self.encoded.len() + base64url::encoded_len(tail.len)
    }

    /// The bytes of the claims set after the kept encoding: the last bytes of the
    /// application's claims, the time claims `times`, the closing brace.
    pub(super) fn tail(&self, times: &[Option<(&str, NumericDate)>]) -> Result<Tail, Error> {
        let rest = self.json.as_bytes().get(self.split..).unwrap_or_default();
        Tail::new(rest, self.has_members(), times)
    }

    /// Appends the payload segment (the base64url claims set) ending in `tail` to `out`.
    pub(super) fn append_encoded(&self, tail: &Tail, out: &mut String) {
        out.push_str(&self.encoded);
        base64url::encode_to(tail.as_bytes(), out);
    }

    fn has_members(&self) -> bool {
        self.json.len() > 1
    }
}

/// The end of a claims set, written on the stack.
pub(super) struct Tail {
    buf: [u8; Tail::CAPACITY],
    len: usize,
}

impl Tail {
    /// Two bytes left of the claims' whole groups, three members of at most
    /// `,"nbf":` and a NumericDate (an integer, or a float of up to 24 characters), `}`.
    const CAPACITY: usize = 2 + 3 * (7 + 24) + 1;

    fn new(
        rest: &[u8],
        has_members: bool,
        times: &[Option<(&str, NumericDate)>],
    ) -> Result<Self, Error> {
        let mut buf = [0u8; Self::CAPACITY];
        let mut out = buf.as_mut_slice();
        let written = Self::write(&mut out, rest, has_members, times);
        let len = Self::CAPACITY - out.len();
        written.map_err(|_| Error::configuration("a time claim does not serialize"))?;
        Ok(Self { buf, len })
    }

    /// Writes `rest`, then the time claims `times` (after a comma if there are members
    /// before), then `}`.
    pub(super) fn write<W: Write>(
        out: &mut W,
        rest: &[u8],
        mut has_members: bool,
        times: &[Option<(&str, NumericDate)>],
    ) -> Result<(), serde_json::Error> {
        out.write_all(rest).map_err(serde_json::Error::io)?;
        for (name, time) in times.iter().flatten() {
            if has_members {
                out.write_all(b",").map_err(serde_json::Error::io)?;
            }
            has_members = true;
            write_name(out, name)?;
            serde_json::to_writer(&mut *out, time)?;
        }
        out.write_all(b"}").map_err(serde_json::Error::io)
    }

    fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or_default()
    }
}

/// Writes `"name":`, the name as serde_json writes it; a name of ASCII letters, digits and
/// `_` (every registered claim's, most of the application's) as it is, without the escaping
/// pass.
pub(super) fn write_name<W: Write>(out: &mut W, name: &str) -> Result<(), serde_json::Error> {
    if name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        out.write_all(b"\"").map_err(serde_json::Error::io)?;
        out.write_all(name.as_bytes())
            .map_err(serde_json::Error::io)?;
        out.write_all(b"\":").map_err(serde_json::Error::io)
    } else {
        serde_json::to_writer(&mut *out, name)?;
        out.write_all(b":").map_err(serde_json::Error::io)
    }
}

/// The template and the encoded header of a builder, made by its second token (a builder
/// used once keeps nothing). Every change to the builder empties it.
#[derive(Default)]
pub(super) struct Cache {
    /// Whether a token has been made since the last change.
    used: AtomicBool,
    template: OnceLock<Box<Template>>,
    /// The header for the first key signed with; another key's is made each time.
    header: OnceLock<Box<EncodedHeader>>,
}

impl Clone for Cache {
    fn clone(&self) -> Self {
        Self {
            used: AtomicBool::new(self.used.load(Ordering::Relaxed)),
            template: self.template.clone(),
            header: self.header.clone(),
        }
    }
}

impl Cache {
    /// Empties the cache after a change to the builder. Only a builder that has made a
    /// token keeps anything, so a builder being set up has nothing to drop.
    #[inline]
    pub(super) fn clear(&mut self) {
        if std::mem::take(self.used.get_mut()) {
            self.template.take();
            self.header.take();
        }
    }

    /// Notes that a token is being made; whether it is the first since the last change
    /// (which then keeps nothing: the builder may be used only once).
    pub(super) fn first_use(&self) -> bool {
        !self.used.swap(true, Ordering::Relaxed)
    }

    /// The kept template, if any.
    pub(super) fn kept_template(&self) -> Option<&Template> {
        self.template.get().map(|template| &**template)
    }

    /// The kept template, or a new one from `make` (kept unless it fails).
    pub(super) fn template(
        &self,
        make: impl FnOnce() -> Result<Template, Error>,
    ) -> Result<&Template, Error> {
        if let Some(template) = self.template.get() {
            return Ok(template);
        }
        let template = Box::new(make()?);
        // Another thread may have kept its own first: the same, made from the same builder.
        Ok(self.template.get_or_init(|| template))
    }

    /// The encoded header for `key`: the kept one when it is `key`'s, or one from `make`,
    /// kept if it is the first.
    pub(super) fn header<'a>(
        &'a self,
        key: &SigningKey,
        make: impl Fn() -> Result<EncodedHeader, Error>,
    ) -> Result<Cow<'a, EncodedHeader>, Error> {
        let kept = match self.header.get() {
            Some(kept) => kept,
            None => {
                let header = Box::new(make()?);
                self.header.get_or_init(|| header)
            }
        };
        if kept.is_for(key) {
            Ok(Cow::Borrowed(kept))
        } else {
            Ok(Cow::Owned(make()?))
        }
    }
}

/// Only whether anything is kept: the claims are the builder's own to print.
impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache")
            .field("template", &self.template.get().is_some())
            .field("header", &self.header.get().is_some())
            .finish()
    }
}
