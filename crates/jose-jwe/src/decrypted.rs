//! The result of a successful decryption.

use std::sync::OnceLock;

use jose_b64::json::FlatObject;
use jose_b64::serde_json::{Map, Value};
use jose_jwk::alg::{JweAlgorithm, JweEncryption};
use jose_jwk::header::Location;
use zeroize::{Zeroize, Zeroizing};

/// A decrypted JWE: the plaintext, reachable only through this type, and the headers of the
/// recipient it was decrypted for (and of no other). The plaintext is zeroized when this
/// value is dropped.
///
/// The protected header and the JWE AAD are integrity protected by the authentication tag;
/// the shared unprotected and per-recipient headers of a JSON serialization are not, except
/// for what the key management consumed (a wrong `iv`/`tag`, `epk` or `p2s` would not have
/// decrypted).
#[derive(Clone, Debug)]
pub struct DecryptedJwe {
    pub(crate) plaintext: Zeroizing<Vec<u8>>,
    pub(crate) protected: Protected,
    pub(crate) alg: JweAlgorithm,
    pub(crate) enc: JweEncryption,
    pub(crate) kid: Option<String>,
    pub(crate) json: Option<JsonParts>,
}

/// The protected header: a map, or the JSON of a flat header (one that
/// [`FlatObject::scan`] reads) kept as text and made into a map on first use.
#[derive(Clone, Debug)]
pub(crate) struct Protected {
    flat_json: Option<Box<str>>,
    map: OnceLock<Map<String, Value>>,
}

impl Protected {
    pub(crate) fn from_map(map: Map<String, Value>) -> Self {
        Self {
            flat_json: None,
            map: OnceLock::from(map),
        }
    }

    /// `json` is a header that [`FlatObject::scan`] accepted.
    pub(crate) fn flat(json: &str) -> Self {
        Self {
            flat_json: Some(json.into()),
            map: OnceLock::new(),
        }
    }

    fn map(&self) -> &Map<String, Value> {
        self.map.get_or_init(|| {
            let flat = self.flat_json.as_deref().and_then(FlatObject::scan);
            flat.as_ref().map(FlatObject::to_map).unwrap_or_default()
        })
    }
}

impl Drop for DecryptedJwe {
    /// Zeroizes the plaintext in bulk: `Zeroizing<Vec<u8>>` alone writes a `Vec`'s elements
    /// one volatile byte at a time (zeroize 1.9), which for a large plaintext costs more than
    /// decrypting it. The emptied buffer is then freed, leaving `Zeroizing` nothing to do.
    fn drop(&mut self) {
        self.plaintext.as_mut_slice().zeroize();
        // What lies past the length, such as the padding a CBC decryption removed.
        self.plaintext.spare_capacity_mut().zeroize();
        self.plaintext.clear();
        self.plaintext.shrink_to_fit();
    }
}

/// What only a JSON serialization has.
#[derive(Clone, Debug, Default)]
pub(crate) struct JsonParts {
    pub(crate) recipient_index: usize,
    pub(crate) shared: Option<Map<String, Value>>,
    pub(crate) recipient: Option<Map<String, Value>>,
    pub(crate) aad: Option<Vec<u8>>,
}

impl DecryptedJwe {
    /// The plaintext.
    pub fn plaintext(&self) -> &[u8] {
        &self.plaintext
    }

    /// The plaintext, consuming the value (still zeroized on drop).
    pub fn into_plaintext(mut self) -> Zeroizing<Vec<u8>> {
        core::mem::replace(&mut self.plaintext, Zeroizing::new(Vec::new()))
    }

    /// The integrity-protected header (empty for a JSON serialization without `protected`).
    pub fn protected_header(&self) -> &Map<String, Value> {
        self.protected.map()
    }

    /// The shared unprotected header (the `unprotected` member of a JSON serialization), if
    /// any. Not integrity protected.
    pub fn shared_unprotected_header(&self) -> Option<&Map<String, Value>> {
        self.json.as_ref().and_then(|j| j.shared.as_ref())
    }

    /// The per-recipient unprotected header of the recipient that decrypted (its `header`
    /// member in `recipients`, or the top-level `header` of the flattened syntax), if any.
    /// Not integrity protected.
    pub fn recipient_header(&self) -> Option<&Map<String, Value>> {
        self.json.as_ref().and_then(|j| j.recipient.as_ref())
    }

    /// A parameter of the JOSE Header of the recipient that decrypted: the protected header,
    /// the shared unprotected header or the per-recipient header, whichever holds it (they are
    /// disjoint).
    ///
    /// In a JSON serialization the value may come from an unprotected header, which anyone on
    /// the way can add or change without the decryption failing (RFC 7516 §7.2.1). For a
    /// decision — `typ`, `cty`, an application parameter — read
    /// [`DecryptedJwe::protected_header_param`], or [`DecryptedJwe::header_param_location`]
    /// to see where the value was.
    ///
    /// ```
    /// use jose_jwe::{json, Decrypter, EncryptingKey, Header, JweAlgorithm, JweEncryption};
    ///
    /// let key = EncryptingKey::symmetric(&[5u8; 16], JweAlgorithm::A128KW)?.with_kid("k");
    /// let jwe = json::Encryptor::new(JweEncryption::A128GCM)
    ///     .protected(Header::new().typ("example"))
    ///     .unprotected(Header::new().param("x-note", "shared")?)
    ///     .recipient(&key, Header::new())
    ///     .encrypt_general(b"hi")?;
    ///
    /// let decrypter = Decrypter::new([JweAlgorithm::A128KW], [JweEncryption::A128GCM])?;
    /// let decrypted = decrypter.decrypt_json(&jwe, &key.to_decrypting_key())?;
    /// assert_eq!(decrypted.header_param("typ").unwrap(), "example");
    /// assert_eq!(decrypted.header_param("x-note").unwrap(), "shared");
    /// assert_eq!(decrypted.header_param("alg").unwrap(), "A128KW");
    /// assert_eq!(decrypted.recipient_header().unwrap()["kid"], "k");
    /// // Only `typ` is integrity protected.
    /// assert_eq!(decrypted.protected_header_param("typ").unwrap(), "example");
    /// assert!(decrypted.protected_header_param("x-note").is_none());
    /// # Ok::<(), jose_jwe::Error>(())
    /// ```
    pub fn header_param(&self, name: &str) -> Option<&Value> {
        self.header_param_location(name).map(|(value, _)| value)
    }

    /// A parameter of the integrity-protected header only (RFC 7516 §7.2.1), `None` when
    /// absent there, even if an unprotected header has it. What to read `typ`, `cty` and any
    /// parameter a decision rests on with. For a compact JWE every parameter is protected,
    /// and this is [`DecryptedJwe::header_param`].
    pub fn protected_header_param(&self, name: &str) -> Option<&Value> {
        self.protected_header().get(name)
    }

    /// A parameter of the JOSE Header of the recipient that decrypted, with the header it was
    /// found in: [`Location::Protected`], [`Location::Shared`] (the `unprotected` member) or
    /// [`Location::PerEntry`] (the recipient's `header`).
    ///
    /// ```
    /// use jose_jwe::{json, Decrypter, EncryptingKey, Header, JweAlgorithm, JweEncryption};
    /// use jose_jwe::Location;
    ///
    /// let key = EncryptingKey::symmetric(&[5u8; 16], JweAlgorithm::A128KW)?;
    /// let jwe = json::Encryptor::new(JweEncryption::A128GCM)
    ///     .unprotected(Header::new().cty("example"))
    ///     .recipient(&key, Header::new())
    ///     .encrypt_general(b"hi")?;
    /// let decrypter = Decrypter::new([JweAlgorithm::A128KW], [JweEncryption::A128GCM])?;
    /// let decrypted = decrypter.decrypt_json(&jwe, &key.to_decrypting_key())?;
    /// let (cty, location) = decrypted.header_param_location("cty").unwrap();
    /// assert_eq!((cty.as_str(), location), (Some("example"), Location::Shared));
    /// # Ok::<(), jose_jwe::Error>(())
    /// ```
    pub fn header_param_location(&self, name: &str) -> Option<(&Value, Location)> {
        if let Some(value) = self.protected_header().get(name) {
            return Some((value, Location::Protected));
        }
        if let Some(value) = self.shared_unprotected_header().and_then(|h| h.get(name)) {
            return Some((value, Location::Shared));
        }
        self.recipient_header()
            .and_then(|h| h.get(name))
            .map(|value| (value, Location::PerEntry))
    }

    /// The JWE AAD of a JSON serialization (its `aad` member, decoded), if any. It is
    /// integrity protected by the authentication tag, as the protected header is.
    pub fn aad(&self) -> Option<&[u8]> {
        self.json.as_ref().and_then(|j| j.aad.as_deref())
    }

    /// Which recipient of a general JSON serialization decrypted: its index in `recipients`.
    /// 0 for the flattened syntax and the compact serialization.
    pub fn recipient_index(&self) -> usize {
        self.json.as_ref().map_or(0, |j| j.recipient_index)
    }

    /// The key management algorithm (of the recipient that decrypted).
    pub fn alg(&self) -> JweAlgorithm {
        self.alg
    }

    /// The content encryption algorithm.
    pub fn enc(&self) -> JweEncryption {
        self.enc
    }

    /// The `kid` of the key that decrypted, or else the header's.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }
}
