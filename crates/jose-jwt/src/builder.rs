//! Producing JWTs (RFC 7519 §7.1): claims, times, headers; signed, encrypted, or nested.

use std::borrow::Cow;
use std::io::Write;
use std::time::Duration;

use jose_b64::serde_json::{self, Value};
use jose_jwe::{EncryptingKey, JweEncryption};
use jose_jws::SigningKey;
use jose_jws::compact::EncodedHeader;
use serde::Serialize;

use crate::time::{Clock, SharedClock};
use crate::{Error, NumericDate, decode};

mod last_header;
mod members;
mod template;

use members::Members;
use template::{Cache, Tail, Template};

/// When a time claim is.
#[derive(Clone, Copy, Debug)]
enum When {
    /// The time of signing.
    Now,
    /// The time of signing plus this.
    In(Duration),
    /// This time.
    At(NumericDate),
}

/// Builds and signs (or encrypts) a JWT: the Rust counterpart of Node's `SignJWT`,
/// `EncryptJWT`, and of both together.
///
/// Registered claims have their own setters; [`JwtBuilder::claim`] and [`JwtBuilder::claims`]
/// add the application's (anything `serde` serializes). Times given relative to "now"
/// ([`JwtBuilder::issued_now`], [`JwtBuilder::expires_in`], [`JwtBuilder::not_before_in`])
/// are computed when the token is made, in whole seconds, from the builder's clock, so one
/// builder can serve as a template for many tokens.
///
/// A token must expire: signing without [`JwtBuilder::expires_in`] or
/// [`JwtBuilder::expires_at`] (or an `exp` among the claims) is an error unless
/// [`JwtBuilder::without_expiration`] says so (`exp`: RFC 7519 §4.1.4). The claims set made
/// is checked with the rules verification uses (`exp` a NumericDate, `aud` a non-empty
/// string or array, …), so that a token this builder makes is never one a verifier must
/// refuse as malformed.
///
/// The header gets `typ: "JWT"` unless [`JwtBuilder::typ`] sets a specific type (RFC 8725
/// §3.11), and the key's `kid` unless [`JwtBuilder::kid`] sets one.
///
/// A builder made per token (for each user, say) costs little: making one allocates its
/// settings once and the claims' own text, and its first token is written directly, the
/// claims set's JSON on the stack, with the encoded protected header of the thread's last
/// such token when the header is the same. A builder that makes a second token keeps what
/// does not change from one token to the next: the JSON and base64url of the claims set up
/// to the time claims (whose checks then pass once), and the encoded protected header for
/// the first key signed with. Each later token then reads the clock (only if a time is
/// relative to "now"), writes the time claims and signs. Every setter starts afresh, so a
/// builder changed after signing signs its new claims and header.
///
/// ```
/// use std::time::Duration;
/// use jose_jws::{JwsAlgorithm, SigningKey};
/// use jose_jwt::JwtBuilder;
///
/// let key = SigningKey::hmac(b"a secret of at least thirty-two bytes!!", JwsAlgorithm::HS256)?;
/// let token = JwtBuilder::new()
///     .issuer("https://issuer.example")
///     .subject("alice")
///     .audience("https://api.example")
///     .claim("role", "admin")?
///     .issued_now()
///     .expires_in(Duration::from_secs(15 * 60))
///     .sign(&key)?;
/// assert_eq!(token.split('.').count(), 3);
///
/// assert!(JwtBuilder::new().subject("alice").sign(&key).is_err()); // no expiry
/// # Ok::<(), jose_jwt::Error>(())
/// ```
#[derive(Clone)]
pub struct JwtBuilder {
    s: Box<State>,
}

/// The settings, as those of a plain struct.
impl std::fmt::Debug for JwtBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = &self.s;
        f.debug_struct("JwtBuilder")
            .field("claims", &s.claims)
            .field("issued_at", &s.issued_at)
            .field("expires", &s.expires)
            .field("never_expires", &s.never_expires)
            .field("not_before", &s.not_before)
            .field("typ", &s.typ)
            .field("kid", &s.kid)
            .field("header_params", &s.header_params)
            .field("clock", &s.clock)
            .field("cache", &s.cache)
            .finish()
    }
}

/// A builder's settings, boxed so that the builder moves cheaply from setter to setter
/// (a copy of a pointer, not of some 240 bytes each time).
#[derive(Clone)]
struct State {
    /// Every claim but those of the time setters, in the order of the JSON object.
    claims: Members,
    issued_at: Option<When>,
    expires: Option<When>,
    never_expires: bool,
    not_before: Option<When>,
    typ: Option<Cow<'static, str>>,
    kid: Option<String>,
    header_params: Vec<(String, Value)>,
    clock: SharedClock,
    /// What the tokens have in common, made by the second; emptied by every setter.
    cache: Cache,
}

impl Default for JwtBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl JwtBuilder {
    /// An empty claims set, `typ: "JWT"`, the system clock.
    pub fn new() -> Self {
        Self {
            s: Box::new(State {
                claims: Members::default(),
                issued_at: None,
                expires: None,
                never_expires: false,
                not_before: None,
                typ: Some(Cow::Borrowed("JWT")),
                kid: None,
                header_params: Vec::new(),
                clock: SharedClock::system(),
                cache: Cache::default(),
            }),
        }
    }

    /// Sets `iss` (RFC 7519 §4.1.1).
    pub fn issuer(self, issuer: impl Into<String>) -> Self {
        self.set(Cow::Borrowed("iss"), Value::String(issuer.into()))
    }

    /// Sets `sub` (RFC 7519 §4.1.2).
    pub fn subject(self, subject: impl Into<String>) -> Self {
        self.set(Cow::Borrowed("sub"), Value::String(subject.into()))
    }

    /// Sets `aud` to one audience, as a string (RFC 7519 §4.1.3).
    pub fn audience(self, audience: impl Into<String>) -> Self {
        self.set(Cow::Borrowed("aud"), Value::String(audience.into()))
    }

    /// Sets `aud` to several audiences, as an array.
    pub fn audiences(self, audiences: impl IntoIterator<Item = impl Into<String>>) -> Self {
        let values = audiences
            .into_iter()
            .map(|a| Value::String(a.into()))
            .collect();
        self.set(Cow::Borrowed("aud"), Value::Array(values))
    }

    /// Sets `jti` (RFC 7519 §4.1.7).
    pub fn jwt_id(self, jti: impl Into<String>) -> Self {
        self.set(Cow::Borrowed("jti"), Value::String(jti.into()))
    }

    /// Sets `iat` to the time the token is made (RFC 7519 §4.1.6).
    pub fn issued_now(mut self) -> Self {
        self.s.issued_at = Some(When::Now);
        self.changed()
    }

    /// Sets `iat` to `time`.
    pub fn issued_at(mut self, time: NumericDate) -> Self {
        self.s.issued_at = Some(When::At(time));
        self.changed()
    }

    /// Sets `exp` to `lifetime` after the time the token is made (RFC 7519 §4.1.4).
    pub fn expires_in(mut self, lifetime: Duration) -> Self {
        self.s.expires = Some(When::In(lifetime));
        self.changed()
    }

    /// Sets `exp` to `time`.
    pub fn expires_at(mut self, time: NumericDate) -> Self {
        self.s.expires = Some(When::At(time));
        self.changed()
    }

    /// Makes a token without `exp`, which is valid until its key is retired. Verifiers
    /// refuse such tokens unless they allow them by name.
    pub fn without_expiration(mut self) -> Self {
        self.s.expires = None;
        self.s.never_expires = true;
        self.changed()
    }

    /// Sets `nbf` to `time` (RFC 7519 §4.1.5).
    pub fn not_before(mut self, time: NumericDate) -> Self {
        self.s.not_before = Some(When::At(time));
        self.changed()
    }

    /// Sets `nbf` to `delay` after the time the token is made.
    pub fn not_before_in(mut self, delay: Duration) -> Self {
        self.s.not_before = Some(When::In(delay));
        self.changed()
    }

    /// Adds a claim: any value `serde` serializes.
    ///
    /// # Errors
    ///
    /// [`Error::Configuration`] when `value` does not serialize.
    pub fn claim(self, name: impl Into<String>, value: impl Serialize) -> Result<Self, Error> {
        let value = serde_json::to_value(value).map_err(serialize_error)?;
        Ok(self.set(Cow::Owned(name.into()), value))
    }

    /// Adds every member of `claims`, which must serialize as a JSON object (a struct of the
    /// application's, a map). Registered claims among them are checked when the token is
    /// made; a time claim may not also be set by a setter.
    ///
    /// # Errors
    ///
    /// [`Error::Configuration`] when `claims` does not serialize to a JSON object.
    pub fn claims(mut self, claims: &impl Serialize) -> Result<Self, Error> {
        match serde_json::to_value(claims).map_err(serialize_error)? {
            Value::Object(members) => {
                self.s.claims.extend(members);
                Ok(self.changed())
            }
            _ => Err(Error::configuration(
                "the claims must serialize to a JSON object",
            )),
        }
    }

    /// Sets the `typ` header (default `"JWT"`), such as `"at+jwt"` for an OAuth access token
    /// (RFC 9068). For a nested JWT it is the inner JWT's.
    pub fn typ(mut self, typ: impl Into<String>) -> Self {
        self.s.typ = Some(Cow::Owned(typ.into()));
        self.changed()
    }

    /// Sets the `kid` header, instead of the key's (for a nested JWT, of the inner JWS).
    pub fn kid(mut self, kid: impl Into<String>) -> Self {
        self.s.kid = Some(kid.into());
        self.changed()
    }

    /// Adds another header parameter (for a nested JWT, to the inner JWS). `alg`, `enc`,
    /// `crit`, `b64`, `zip` and the algorithms' own parameters are refused when the token is
    /// made.
    pub fn header_param(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.s.header_params.push((name.into(), value.into()));
        self.changed()
    }

    /// Reads the current time from `clock` (for tests).
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.s.clock = SharedClock::new(clock);
        self.changed()
    }

    #[inline]
    fn set(mut self, name: Cow<'static, str>, value: Value) -> Self {
        self.s.claims.insert(name, value);
        self.changed()
    }

    /// Empties the cache after a change.
    #[inline]
    fn changed(mut self) -> Self {
        self.s.cache.clear();
        self
    }

    /// The claims set as JSON, with the times resolved against the clock and every
    /// registered claim checked.
    ///
    /// # Errors
    ///
    /// [`Error::Configuration`] for a token without expiry (and without
    /// [`JwtBuilder::without_expiration`]), a time claim set twice, a time out of range, or a
    /// registered claim of the wrong type.
    pub fn claims_json(&self) -> Result<String, Error> {
        if let Some(template) = self.s.cache.kept_template() {
            return template.json(&self.times()?);
        }
        self.check_claims()?;
        let times = self.times()?;
        let mut json = Vec::with_capacity(256);
        self.write_json(&mut json, &times)?;
        String::from_utf8(json)
            .map_err(|_| Error::configuration("the claims did not serialize as JSON text"))
    }

    /// The kept template of the claims set, or a new one once the claims pass the checks
    /// that do not depend on the time.
    fn template(&self) -> Result<&Template, Error> {
        self.s.cache.template(|| {
            self.check_claims()?;
            Template::new(&self.s.claims)
        })
    }

    /// The checks of the claims that do not depend on the time, in one pass over them:
    /// a time claim set twice, then a missing expiry, then the first registered claim of
    /// the wrong type.
    fn check_claims(&self) -> Result<(), Error> {
        let mut has_exp = self.s.expires.is_some();
        // Whether `iat`, `exp`, `nbf` are among the claims as well as set by a setter.
        let mut twice = [false; 3];
        let mut invalid = None;
        for (name, value) in self.s.claims.iter() {
            match name {
                "iat" => twice[0] = self.s.issued_at.is_some(),
                "exp" => {
                    has_exp = true;
                    twice[1] = self.s.expires.is_some();
                }
                "nbf" => twice[2] = self.s.not_before.is_some(),
                _ => {}
            }
            if invalid.is_none() {
                // The registered claims among the application's, checked as verification would.
                invalid = decode::check_value(name, value).err();
            }
        }
        if let Some((name, _)) = ["iat", "exp", "nbf"]
            .into_iter()
            .zip(twice)
            .find(|&(_, twice)| twice)
        {
            return Err(Error::configuration(format!(
                "the \"{name}\" claim is set both by a time setter and among the claims"
            )));
        }
        if !self.s.never_expires && !has_exp {
            return Err(Error::configuration(
                "the token has no expiry: call expires_in or expires_at, or without_expiration",
            ));
        }
        match invalid {
            Some(Error::InvalidClaim { claim, reason }) => Err(Error::configuration(format!(
                "the \"{claim}\" claim {reason}"
            ))),
            Some(other) => Err(other),
            None => Ok(()),
        }
    }

    /// Writes the claims set's JSON with the time claims `times` to `out`.
    fn write_json<W: Write>(
        &self,
        out: &mut W,
        times: &[Option<(&str, NumericDate)>],
    ) -> Result<(), Error> {
        self.s
            .claims
            .write_open(out)
            .and_then(|()| Tail::write(out, b"", !self.s.claims.is_empty(), times))
            .map_err(serialize_error)
    }

    /// Calls `f` with the claims set's JSON with the time claims `times`, written on the
    /// stack when it is short (as most claims sets are).
    fn with_json<R>(
        &self,
        times: &[Option<(&str, NumericDate)>],
        f: impl FnOnce(&[u8]) -> R,
    ) -> Result<R, Error> {
        const LEN: usize = 512;
        let mut buf = [0u8; LEN];
        let mut rest = buf.as_mut_slice();
        if self.write_json(&mut rest, times).is_ok() {
            let written = LEN - rest.len();
            return Ok(f(buf.get(..written).unwrap_or_default()));
        }
        // Too long for the buffer (or a claim that does not serialize, reported here).
        let mut json = Vec::with_capacity(2 * LEN);
        self.write_json(&mut json, times)?;
        Ok(f(&json))
    }

    /// The time claims set by the setters, in the order written; the clock is read only
    /// when one is relative to "now".
    fn times(&self) -> Result<[Option<(&'static str, NumericDate)>; 3], Error> {
        let mut now = None;
        let mut times = [None; 3];
        let settings = [
            ("iat", self.s.issued_at),
            ("exp", self.s.expires),
            ("nbf", self.s.not_before),
        ];
        for (slot, (name, when)) in times.iter_mut().zip(settings) {
            let Some(when) = when else { continue };
            let time = match when {
                When::At(time) => time,
                When::Now => self.now_once(&mut now)?,
                When::In(delay) => {
                    self.now_once(&mut now)?.checked_add(delay).ok_or_else(|| {
                        Error::configuration(format!("\"{name}\" would be past the year 9999"))
                    })?
                }
            };
            *slot = Some((name, time));
        }
        Ok(times)
    }

    /// "Now", read from the clock on first use only.
    fn now_once(&self, now: &mut Option<NumericDate>) -> Result<NumericDate, Error> {
        if let Some(now) = now {
            return Ok(*now);
        }
        let time = self.now()?;
        *now = Some(time);
        Ok(time)
    }

    /// "Now" from the clock, in whole seconds.
    fn now(&self) -> Result<NumericDate, Error> {
        let now = NumericDate::from_system_time(self.s.clock.now())?;
        NumericDate::from_secs(now.secs())
    }

    fn jws_header(&self) -> Result<jose_jws::Header, Error> {
        let mut header = jose_jws::Header::new();
        if let Some(typ) = &self.s.typ {
            header = header.typ(typ.as_ref());
        }
        if let Some(kid) = &self.s.kid {
            header = header.kid(kid.clone());
        }
        for (name, value) in &self.s.header_params {
            if is_managed(name) {
                return Err(managed(name));
            }
            header = header.param(name.clone(), value.clone())?;
        }
        Ok(header)
    }

    /// Signs the claims set: a JWS Compact Serialization (RFC 7519 §7.1).
    ///
    /// # Errors
    ///
    /// As [`JwtBuilder::claims_json`]; [`Error::Jws`] when signing fails.
    pub fn sign(&self, key: &SigningKey) -> Result<String, Error> {
        if self.s.cache.kept_template().is_none() && self.s.cache.first_use() {
            // Perhaps the only token of this builder: written directly, nothing kept.
            self.check_claims()?;
            let times = self.times()?;
            let token = self.with_json(&times, |json| {
                if !self.s.header_params.is_empty() {
                    return Ok(jose_jws::compact::sign(key, &self.jws_header()?, json));
                }
                // The same header as the last builder's on this thread, most likely.
                last_header::with_header(
                    self.s.typ.as_deref(),
                    self.s.kid.as_deref(),
                    key,
                    || Ok(EncodedHeader::new(&self.jws_header()?, key)?),
                    |header| header.sign(key, json),
                )
            })??;
            return Ok(token?);
        }
        let template = self.template()?;
        let tail = template.tail(&self.times()?)?;
        let header = self
            .s
            .cache
            .header(key, || Ok(EncodedHeader::new(&self.jws_header()?, key)?))?;
        Ok(
            header.sign_encoded_payload(key, template.encoded_len(&tail), |out| {
                template.append_encoded(&tail, out)
            })?,
        )
    }

    /// Encrypts the claims set without signing it: a JWE Compact Serialization with the
    /// key's algorithm and `enc`. Only the holders of a shared key can make such a token
    /// with `dir`/`A*KW`/`A*GCMKW`; with a public-key algorithm anyone can, so prefer
    /// [`JwtBuilder::sign_then_encrypt`] when the issuer must be authenticated.
    ///
    /// # Errors
    ///
    /// As [`JwtBuilder::claims_json`]; [`Error::Jwe`] when encryption fails.
    pub fn encrypt(&self, key: &EncryptingKey, enc: JweEncryption) -> Result<String, Error> {
        let json = self.claims_json()?;
        let mut header = jose_jwe::Header::new();
        if let Some(typ) = &self.s.typ {
            header = header.typ(typ.as_ref());
        }
        if let Some(kid) = &self.s.kid {
            header = header.kid(kid.clone());
        }
        for (name, value) in &self.s.header_params {
            if is_managed(name) {
                return Err(managed(name));
            }
            header = header.param(name.clone(), value.clone())?;
        }
        Ok(jose_jwe::compact::encrypt(
            key,
            enc,
            &header,
            json.as_bytes(),
        )?)
    }

    /// Signs the claims set, then encrypts the signed JWT: a nested JWT (RFC 7519 §5.2,
    /// App. A.2), whose JWE header has `cty: "JWT"` and the encryption key's `kid`; `typ`,
    /// `kid` and the other header parameters of this builder go to the inner JWS (RFC 8725
    /// §3.11).
    ///
    /// # Errors
    ///
    /// As [`JwtBuilder::sign`] and [`JwtBuilder::encrypt`].
    pub fn sign_then_encrypt(
        &self,
        signing_key: &SigningKey,
        encrypting_key: &EncryptingKey,
        enc: JweEncryption,
    ) -> Result<String, Error> {
        let inner = self.sign(signing_key)?;
        let header = jose_jwe::Header::new().cty("JWT");
        Ok(jose_jwe::compact::encrypt(
            encrypting_key,
            enc,
            &header,
            inner.as_bytes(),
        )?)
    }
}

/// Header parameters the builder writes itself.
fn is_managed(name: &str) -> bool {
    matches!(name, "typ" | "kid" | "cty")
}

fn managed(name: &str) -> Error {
    Error::configuration(format!(
        "the \"{name}\" header parameter has its own setter (JwtBuilder::typ, JwtBuilder::kid); \
         cty is set for nested JWTs only"
    ))
}

fn serialize_error(e: serde_json::Error) -> Error {
    Error::configuration(format!("a claim does not serialize: {e}"))
}

#[cfg(test)]
mod tests;
