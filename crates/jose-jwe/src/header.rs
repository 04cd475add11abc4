//! The JOSE Header of a JWE being produced (RFC 7516 §4).

use jose_b64::base64url;
use jose_b64::serde_json::{self, Map, Value};
use jose_jwk::alg::{JweAlgorithm, JweEncryption};

use crate::Error;

/// Header parameters for a JWE to be produced.
///
/// `alg` comes from the key and `enc` from the call; they are written first, then `kid` (from
/// the key unless set here), then the parameters in the order given, then the `iv` and `tag`
/// of `A*GCMKW`. The plaintext is compressed only when asked with `Header::deflate` (cargo
/// feature `deflate`), never through [`Header::param`].
///
/// ```
/// use jose_jwe::Header;
///
/// let header = Header::new().typ("JWT").cty("JWT").param("x-trace", "abc")?;
/// assert!(Header::new().param("zip", "DEF").is_err());
/// # let _ = header;
/// # Ok::<(), jose_jwe::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Header {
    params: Vec<(String, Value)>,
}

/// Names that the library writes itself (or that belong to algorithms it manages).
const MANAGED: [&str; 10] = [
    "alg", "enc", "crit", "iv", "tag", "epk", "apu", "apv", "p2s", "p2c",
];

impl Header {
    /// An empty header (`alg` and `enc` are added when encrypting).
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `typ` (RFC 7516 §4.1.11), such as `"JWT"`.
    pub fn typ(self, typ: impl Into<String>) -> Self {
        self.set("typ", Value::String(typ.into()))
    }

    /// Sets `cty` (RFC 7516 §4.1.12), `"JWT"` for a nested JWT.
    pub fn cty(self, cty: impl Into<String>) -> Self {
        self.set("cty", Value::String(cty.into()))
    }

    /// Sets `kid` (RFC 7516 §4.1.6), overriding the key's.
    pub fn kid(self, kid: impl Into<String>) -> Self {
        self.set("kid", Value::String(kid.into()))
    }

    /// Sets `apu`, the agreement PartyUInfo of `ECDH-ES*` (RFC 7518 §4.6.1.2): information
    /// about the producer, written base64url-encoded and fed to the key derivation. Only
    /// `ECDH-ES*` keys encrypt with it, and `apu` and `apv` must differ (RFC 7518 §4.6.2).
    ///
    /// ```
    /// use jose_jwe::Header;
    ///
    /// let header = Header::new().apu(b"Alice").apv(b"Bob");
    /// assert_eq!(header.get("apu").unwrap(), "QWxpY2U");
    /// ```
    pub fn apu(self, party_u_info: impl AsRef<[u8]>) -> Self {
        self.set(
            "apu",
            Value::String(base64url::encode(party_u_info.as_ref())),
        )
    }

    /// Sets `apv`, the agreement PartyVInfo of `ECDH-ES*` (RFC 7518 §4.6.1.3): information
    /// about the recipient; see [`Header::apu`].
    pub fn apv(self, party_v_info: impl AsRef<[u8]>) -> Self {
        self.set(
            "apv",
            Value::String(base64url::encode(party_v_info.as_ref())),
        )
    }

    /// Compresses the plaintext with DEFLATE (RFC 1951) before it is encrypted, and writes
    /// `"zip":"DEF"` into the protected header (RFC 7516 §4.1.3, RFC 7518 §7.3). Nothing is
    /// compressed unless this is called.
    ///
    /// Compression makes the ciphertext length depend on the plaintext's content: do not
    /// compress plaintext that mixes secrets with text an attacker can choose (RFC 8725 §3.6).
    /// Recipients inflate at most 250 000 bytes by default
    /// ([`crate::Decrypter::with_max_decompressed_len`]).
    ///
    /// ```
    /// use jose_jwe::{compact, Decrypter, EncryptingKey, Header, JweAlgorithm, JweEncryption};
    ///
    /// let key = EncryptingKey::symmetric(&[3u8; 16], JweAlgorithm::A128KW)?;
    /// let plaintext = "to be or not to be, ".repeat(50);
    /// let token = compact::encrypt(&key, JweEncryption::A128GCM, &Header::new().deflate(),
    ///                              plaintext.as_bytes())?;
    /// assert!(token.len() < plaintext.len());
    ///
    /// let decrypter = Decrypter::new([JweAlgorithm::A128KW], [JweEncryption::A128GCM])?;
    /// let decrypted = decrypter.decrypt_compact(&token, &key.to_decrypting_key())?;
    /// assert_eq!(decrypted.protected_header()["zip"], "DEF");
    /// assert_eq!(decrypted.plaintext(), plaintext.as_bytes());
    /// # Ok::<(), jose_jwe::Error>(())
    /// ```
    #[cfg(feature = "deflate")]
    pub fn deflate(self) -> Self {
        self.set("zip", Value::String("DEF".to_owned()))
    }

    /// Sets any other parameter.
    ///
    /// # Errors
    ///
    /// For `zip`, [`Error::Invalid`] (use `Header::deflate`), or [`Error::Unsupported`]
    /// without the cargo feature `deflate`; [`Error::Invalid`] for `alg`, `enc`, `crit` and
    /// the algorithm parameters `iv`, `tag`, `epk`, `apu`, `apv`, `p2s`, `p2c`, which the
    /// library sets.
    pub fn param(self, name: impl Into<String>, value: impl Into<Value>) -> Result<Self, Error> {
        let name = name.into();
        if name == "zip" {
            return Err(if cfg!(feature = "deflate") {
                Error::invalid(
                    "header parameter \"zip\" is set with Header::deflate, which also \
                     compresses the plaintext",
                )
            } else {
                Error::unsupported(
                    "the \"zip\" header parameter: DEFLATE compression needs the cargo \
                     feature `deflate` of jose-jwe",
                )
            });
        }
        if MANAGED.contains(&name.as_str()) {
            return Err(Error::invalid(format!(
                "header parameter \"{}\" is set by the library",
                jose_b64::printable(&name)
            )));
        }
        Ok(self.set(&name, value.into()))
    }

    /// The value of a parameter set on this header.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.params.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// The decoded `apu` and `apv` (empty when not set), checked for `alg`: only `ECDH-ES*`
    /// uses them, and they must differ when used (RFC 7518 §4.6.2).
    pub(crate) fn agreement_info(&self, alg: JweAlgorithm) -> Result<(Vec<u8>, Vec<u8>), Error> {
        let decode = |name: &str| -> Result<Option<Vec<u8>>, Error> {
            self.get(name)
                .map(|value| {
                    value
                        .as_str()
                        .and_then(|text| base64url::decode(text).ok())
                        .ok_or_else(|| Error::invalid(format!("\"{name}\" is not base64url")))
                })
                .transpose()
        };
        let (apu, apv) = (decode("apu")?, decode("apv")?);
        if !alg.is_ecdh_es() && (apu.is_some() || apv.is_some()) {
            return Err(Error::invalid(format!(
                "\"apu\" and \"apv\" are ECDH-ES parameters, not for {alg}"
            )));
        }
        if apu.is_some() && apu == apv {
            return Err(Error::invalid(
                "\"apu\" and \"apv\" must be distinct (RFC 7518 §4.6.2)",
            ));
        }
        Ok((apu.unwrap_or_default(), apv.unwrap_or_default()))
    }

    fn set(mut self, name: &str, value: Value) -> Self {
        match self.params.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value,
            None => self.params.push((name.to_owned(), value)),
        }
        self
    }

    /// The compact JSON text of the protected header: `alg`, `enc`, `kid` (from the key unless
    /// set), the parameters in order, then `extra` (the library's own, such as `iv`/`tag`).
    pub(crate) fn to_json(
        &self,
        alg: JweAlgorithm,
        enc: JweEncryption,
        key_kid: Option<&str>,
        extra: &[(&str, Value)],
    ) -> Result<String, Error> {
        let leading = [
            ("alg", Value::from(alg.as_str())),
            ("enc", Value::from(enc.as_str())),
        ];
        self.write_json(&leading, key_kid, extra)
    }

    /// The compact JSON text of a header object: `leading`, `kid` (from the key, unless this
    /// header sets one or `key_kid` is `None`), the parameters in order, then `extra`.
    pub(crate) fn write_json(
        &self,
        leading: &[(&str, Value)],
        key_kid: Option<&str>,
        extra: &[(&str, Value)],
    ) -> Result<String, Error> {
        let mut out = String::with_capacity(96);
        out.push('{');
        let mut member = |name: &str, value: &Value| -> Result<(), Error> {
            if out.len() > 1 {
                out.push(',');
            }
            out.push_str(&serde_json::to_string(name).map_err(|e| Error::invalid(e.to_string()))?);
            out.push(':');
            out.push_str(&serde_json::to_string(value).map_err(|e| Error::invalid(e.to_string()))?);
            Ok(())
        };
        for (name, value) in leading {
            member(name, value)?;
        }
        if let (None, Some(kid)) = (self.get("kid"), key_kid) {
            member("kid", &Value::String(kid.to_owned()))?;
        }
        for (name, value) in &self.params {
            member(name, value)?;
        }
        for (name, value) in extra {
            member(name, value)?;
        }
        out.push('}');
        Ok(out)
    }

    /// Whether no parameter is set.
    pub(crate) fn is_empty(&self) -> bool {
        self.params.is_empty()
    }

    /// The parameters as a JSON object (for the header rules of RFC 7516 §7.2.1).
    pub(crate) fn to_map(&self) -> Map<String, Value> {
        self.params.iter().cloned().collect()
    }

    /// The parameters of several headers in one (their names must be disjoint, which the
    /// caller has checked).
    pub(crate) fn joined<'a>(parts: impl IntoIterator<Item = &'a Header>) -> Header {
        Header {
            params: parts
                .into_iter()
                .flat_map(|part| part.params.iter().cloned())
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_alg_and_enc_first_and_kid_from_the_key() {
        let h = Header::new().typ("JWT");
        assert_eq!(
            h.to_json(JweAlgorithm::Dir, JweEncryption::A128GCM, Some("k1"), &[])
                .unwrap(),
            r#"{"alg":"dir","enc":"A128GCM","kid":"k1","typ":"JWT"}"#
        );
        let h = h.kid("mine").typ("x");
        assert_eq!(
            h.to_json(
                JweAlgorithm::A128GCMKW,
                JweEncryption::A256GCM,
                Some("k1"),
                &[("iv", Value::from("AA")), ("tag", Value::from("BB"))]
            )
            .unwrap(),
            r#"{"alg":"A128GCMKW","enc":"A256GCM","typ":"x","kid":"mine","iv":"AA","tag":"BB"}"#
        );
    }

    #[cfg(feature = "deflate")]
    #[test]
    fn deflate_writes_zip_in_the_order_called() {
        let h = Header::new().typ("JWT").deflate();
        assert_eq!(h.get("zip"), Some(&Value::from("DEF")));
        assert_eq!(
            h.to_json(JweAlgorithm::A128KW, JweEncryption::A128GCM, None, &[])
                .unwrap(),
            r#"{"alg":"A128KW","enc":"A128GCM","typ":"JWT","zip":"DEF"}"#
        );
        assert_eq!(Header::new().get("zip"), None);
    }

    #[test]
    fn agreement_info_is_for_ecdh_es_only_and_distinct() {
        let h = Header::new().apu(b"Alice").apv(b"Bob");
        assert_eq!(h.get("apv").unwrap(), "Qm9i");
        assert_eq!(
            h.agreement_info(JweAlgorithm::ECDH_ES).unwrap(),
            (b"Alice".to_vec(), b"Bob".to_vec())
        );
        let only_u = Header::new().apu([1, 2, 3]);
        assert_eq!(
            only_u.agreement_info(JweAlgorithm::ECDH_ES_A128KW).unwrap(),
            (vec![1, 2, 3], vec![])
        );
        assert_eq!(
            Header::new().agreement_info(JweAlgorithm::A128KW).unwrap(),
            (vec![], vec![])
        );
        for alg in [JweAlgorithm::A128KW, JweAlgorithm::Dir] {
            let e = h.agreement_info(alg).unwrap_err();
            assert!(e.to_string().contains("ECDH-ES parameters"), "{e}");
        }
        let same = Header::new().apu(b"x").apv(b"x");
        let e = same.agreement_info(JweAlgorithm::ECDH_ES).unwrap_err();
        assert!(e.to_string().contains("distinct"), "{e}");
    }

    #[test]
    fn refuses_managed_names_and_zip() {
        for name in MANAGED {
            let e = Header::new().param(name, 1).unwrap_err();
            assert_eq!(e.code(), "ERR_JWE_INVALID", "{name}");
        }
        let e = Header::new().param("zip", "DEF").unwrap_err();
        if cfg!(feature = "deflate") {
            assert_eq!(e.code(), "ERR_JWE_INVALID");
            assert!(e.to_string().contains("Header::deflate"), "{e}");
        } else {
            assert_eq!(e.code(), "ERR_JOSE_NOT_SUPPORTED");
            assert!(e.to_string().contains("feature `deflate`"), "{e}");
        }
        assert!(Header::new().param("x", 1).unwrap().get("x").is_some());
    }
}
