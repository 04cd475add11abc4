//! The JOSE Header of a JWS being produced (RFC 7515 §4).

use std::io;

use jose_b64::serde_json::{self, Value};
use jose_jwk::alg::JwsAlgorithm;

use crate::Error;

/// Header parameters for a JWS to be signed.
///
/// `alg` always comes from the signing key and `kid` from the key unless set here. Parameters
/// are written in the order given, after `alg`. `crit` and `b64` are managed by
/// [`Header::unencoded_payload`], so that they can never be inconsistent.
///
/// ```
/// use jose_jws::Header;
///
/// let header = Header::new().typ("at+jwt").kid("2026-05").param("x-trace", "abc")?;
/// # Ok::<(), jose_jws::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Header {
    params: Vec<(String, Value)>,
    b64: bool,
}

/// Names that the library writes itself.
const MANAGED: [&str; 3] = ["alg", "crit", "b64"];

impl Header {
    /// An empty header (`alg` is added when signing).
    pub fn new() -> Self {
        Self {
            params: Vec::new(),
            b64: true,
        }
    }

    /// Sets `typ` (RFC 7515 §4.1.9), such as `"JWT"` or `"at+jwt"`.
    pub fn typ(self, typ: impl Into<String>) -> Self {
        self.set("typ", Value::String(typ.into()))
    }

    /// Sets `cty` (RFC 7515 §4.1.10).
    pub fn cty(self, cty: impl Into<String>) -> Self {
        self.set("cty", Value::String(cty.into()))
    }

    /// Sets `kid` (RFC 7515 §4.1.4), overriding the key's.
    pub fn kid(self, kid: impl Into<String>) -> Self {
        self.set("kid", Value::String(kid.into()))
    }

    /// Sets any other parameter. `alg`, `crit` and `b64` are refused: they follow from the key
    /// and from [`Header::unencoded_payload`].
    pub fn param(self, name: impl Into<String>, value: impl Into<Value>) -> Result<Self, Error> {
        let name = name.into();
        if MANAGED.contains(&name.as_str()) {
            return Err(Error::malformed(format!(
                "header parameter \"{name}\" is set by the library (from the key, or by Header::unencoded_payload)"
            )));
        }
        Ok(self.set(&name, value.into()))
    }

    /// Signs the payload unencoded (RFC 7797): `"b64":false` with `"crit":["b64"]`.
    pub fn unencoded_payload(mut self) -> Self {
        self.b64 = false;
        self
    }

    /// Whether the payload is base64url-encoded (the default) or unencoded (RFC 7797).
    pub fn is_b64(&self) -> bool {
        self.b64
    }

    /// The value of a parameter set on this header.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.params.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    fn set(mut self, name: &str, value: Value) -> Self {
        match self.params.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value,
            None => self.params.push((name.to_owned(), value)),
        }
        self
    }

    /// The compact JSON text of the protected header: `alg` first, then `kid` (from the key
    /// unless set), then the parameters in order, then `b64`/`crit` for unencoded payloads.
    pub(crate) fn to_json(
        &self,
        alg: JwsAlgorithm,
        key_kid: Option<&str>,
    ) -> Result<String, Error> {
        let mut out = Vec::with_capacity(64);
        self.write_json(alg, key_kid, &mut out)?;
        String::from_utf8(out).map_err(|e| Error::malformed(e.to_string()))
    }

    /// Writes the JSON text of [`Header::to_json`] to `out`, each member serialized in
    /// place (no intermediate strings).
    pub(crate) fn write_json<W: io::Write>(
        &self,
        alg: JwsAlgorithm,
        key_kid: Option<&str>,
        out: &mut W,
    ) -> Result<(), Error> {
        write_bytes(out, b"{\"alg\":\"")?;
        write_bytes(out, alg.as_str().as_bytes())?;
        write_bytes(out, b"\"")?;
        if let (None, Some(kid)) = (self.get("kid"), key_kid) {
            write_member(out, "kid", kid)?;
        }
        for (name, value) in &self.params {
            write_member(out, name, value)?;
        }
        if !self.b64 {
            write_bytes(out, br#","b64":false,"crit":["b64"]"#)?;
        }
        write_bytes(out, b"}")
    }

    /// Calls `f` with the JSON text of [`Header::to_json`], written on the stack when it is
    /// short (as almost every header is).
    pub(crate) fn with_json<R>(
        &self,
        alg: JwsAlgorithm,
        key_kid: Option<&str>,
        f: impl FnOnce(&[u8]) -> R,
    ) -> Result<R, Error> {
        const LEN: usize = 256;
        let mut buf = [0u8; LEN];
        let mut rest = buf.as_mut_slice();
        if self.write_json(alg, key_kid, &mut rest).is_ok() {
            let written = LEN - rest.len();
            return Ok(f(buf.get(..written).unwrap_or_default()));
        }
        // Too long for the buffer (or a parameter that does not serialize, reported here).
        let mut json = Vec::with_capacity(512);
        self.write_json(alg, key_kid, &mut json)?;
        Ok(f(&json))
    }
}

fn write_bytes<W: io::Write>(out: &mut W, bytes: &[u8]) -> Result<(), Error> {
    out.write_all(bytes)
        .map_err(|e| Error::malformed(format!("the header does not serialize: {e}")))
}

/// Writes `,"name":value`, serialized in place.
fn write_member<W: io::Write, T: serde::Serialize + ?Sized>(
    out: &mut W,
    name: &str,
    value: &T,
) -> Result<(), Error> {
    let failed = |e: serde_json::Error| Error::malformed(e.to_string());
    write_bytes(out, b",")?;
    serde_json::to_writer(&mut *out, name).map_err(failed)?;
    write_bytes(out, b":")?;
    serde_json::to_writer(out, value).map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_alg_first_and_kid_from_the_key() {
        let h = Header::new().typ("JWT");
        assert_eq!(
            h.to_json(JwsAlgorithm::HS256, Some("k1")).unwrap(),
            r#"{"alg":"HS256","kid":"k1","typ":"JWT"}"#
        );
        let h = h.kid("mine");
        assert_eq!(
            h.to_json(JwsAlgorithm::HS256, Some("k1")).unwrap(),
            r#"{"alg":"HS256","typ":"JWT","kid":"mine"}"#
        );
        let h = Header::new().unencoded_payload();
        assert_eq!(
            h.to_json(JwsAlgorithm::HS256, None).unwrap(),
            r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#
        );
        assert!(!h.is_b64());
    }

    #[test]
    fn long_headers_are_written_off_the_stack() {
        for len in [0, 200, 240, 256, 1000] {
            let h = Header::new()
                .typ("JWT")
                .param("x", "y".repeat(len))
                .unwrap();
            let json = h.to_json(JwsAlgorithm::HS256, Some("k")).unwrap();
            let y = "y".repeat(len);
            assert_eq!(
                json,
                format!(r#"{{"alg":"HS256","kid":"k","typ":"JWT","x":"{y}"}}"#)
            );
            let via = h
                .with_json(JwsAlgorithm::HS256, Some("k"), |j| j.to_vec())
                .unwrap();
            assert_eq!(via, json.as_bytes());
        }
    }

    #[test]
    fn refuses_managed_names_and_replaces_repeats() {
        for name in ["alg", "crit", "b64"] {
            assert!(Header::new().param(name, 1).is_err());
        }
        let h = Header::new().typ("a").typ("b");
        assert_eq!(h.get("typ"), Some(&Value::String("b".into())));
        assert_eq!(
            h.to_json(JwsAlgorithm::ES256, None).unwrap(),
            r#"{"alg":"ES256","typ":"b"}"#
        );
    }
}
