//! Producing JWE JSON Serializations (RFC 7516 §5.1, §7.2).

use jose_b64::base64url;
use jose_b64::serde_json::Value;
use jose_jwk::alg::{JweAlgorithm, JweEncryption};
use jose_jwk::header::JoseHeader;

use crate::recipient::{self, Wrapped};
use crate::{EncryptingKey, Error, Header, content, zip};

/// Encrypts `plaintext` for one recipient and returns the flattened JWE JSON Serialization
/// (RFC 7516 §7.2.2): the JSON form of [`compact::encrypt`](crate::compact::encrypt), with the
/// same protected header (`alg`, `enc`, `kid`, the parameters of `header`, the algorithm's
/// own).
///
/// ```
/// use jose_jwe::{json, Decrypter, EncryptingKey, Header, JweAlgorithm, JweEncryption};
///
/// let key = EncryptingKey::symmetric(&[1u8; 32], JweAlgorithm::A256GCMKW)?;
/// let jwe = json::encrypt_flattened(&key, JweEncryption::A256GCM, &Header::new(), b"hello")?;
/// assert!(jwe.starts_with(r#"{"protected":""#));
///
/// let decrypter = Decrypter::new([JweAlgorithm::A256GCMKW], [JweEncryption::A256GCM])?;
/// assert_eq!(decrypter.decrypt_json(&jwe, &key.to_decrypting_key())?.plaintext(), b"hello");
/// # Ok::<(), jose_jwe::Error>(())
/// ```
///
/// # Errors
///
/// As [`Encryptor::encrypt_flattened`].
pub fn encrypt_flattened(
    key: &EncryptingKey,
    enc: JweEncryption,
    header: &Header,
    plaintext: &[u8],
) -> Result<String, Error> {
    Encryptor::new(enc)
        .protected(header.clone())
        .recipient(key, Header::new())
        .encrypt_flattened(plaintext)
}

/// A builder for the JWE JSON Serializations (RFC 7516 §7.2): one plaintext, encrypted once
/// under a fresh CEK, for one or several recipients.
///
/// - [`Encryptor::protected`]: the integrity-protected header, which always holds `enc` and is
///   the only place for `zip` ([`Header::deflate`]).
/// - [`Encryptor::unprotected`]: the shared unprotected header (the `unprotected` member).
/// - [`Encryptor::recipient`]: a recipient's key and its per-recipient unprotected header.
/// - [`Encryptor::aad`]: the JWE AAD, authenticated but not encrypted (the `aad` member).
///
/// In the general syntax ([`Encryptor::encrypt_general`]) each recipient's `alg`, its key's
/// `kid` and its algorithm's parameters (`iv`/`tag`, `p2s`/`p2c`, `epk`) are written into its
/// per-recipient header; in the flattened syntax ([`Encryptor::encrypt_flattened`], exactly
/// one recipient) into the protected header, as in the compact serialization. The key's `kid`
/// is left out when one of the headers sets `kid`. Nothing is encrypted until then, when the
/// headers are checked as a recipient would check them: the names of the three headers must
/// be disjoint (RFC 7516 §7.2.1) and `zip` must be protected.
///
/// The AAD is ASCII(BASE64URL(protected header)), followed by `'.'` and BASE64URL(JWE AAD)
/// when there is one (RFC 7516 §5.1 step 14).
///
/// ```
/// use jose_jwe::{json, Decrypter, DecryptingKey, EncryptingKey, Header};
/// use jose_jwe::{JweAlgorithm, JweEncryption};
/// use jose_jwk::{EcCurve, Jwk, KeySpec};
///
/// let alice = EncryptingKey::symmetric(&[7u8; 16], JweAlgorithm::A128KW)?.with_kid("alice");
/// let jwk = Jwk::generate(KeySpec::Ec(EcCurve::P256))?;
/// let bob = EncryptingKey::from_jwk(&jwk.to_public()?, JweAlgorithm::ECDH_ES_A128KW)?.with_kid("bob");
///
/// let jwe = json::Encryptor::new(JweEncryption::A128CBC_HS256)
///     .protected(Header::new().typ("example+jwe"))
///     .aad(b"order 1234")
///     .recipient(&alice, Header::new())
///     .recipient(&bob, Header::new().apu(b"Alice"))
///     .encrypt_general(b"the plans")?;
///
/// // Bob finds his recipient (index 1) by kid and algorithm.
/// let decrypter = Decrypter::new(
///     [JweAlgorithm::A128KW, JweAlgorithm::ECDH_ES_A128KW],
///     [JweEncryption::A128CBC_HS256],
/// )?;
/// let keys = vec![DecryptingKey::from_jwk(&jwk, JweAlgorithm::ECDH_ES_A128KW)?.with_kid("bob")];
/// let decrypted = decrypter.decrypt_json(&jwe, &keys)?;
/// assert_eq!(decrypted.plaintext(), b"the plans");
/// assert_eq!((decrypted.recipient_index(), decrypted.kid()), (1, Some("bob")));
/// assert_eq!(decrypted.aad(), Some(&b"order 1234"[..]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Encryptor {
    enc: JweEncryption,
    protected: Header,
    shared: Header,
    aad: Vec<u8>,
    recipients: Vec<(EncryptingKey, Header)>,
}

/// One recipient, ready to be written.
struct Prepared<'e> {
    key: &'e EncryptingKey,
    header: &'e Header,
    /// The key's `kid`, unless a header sets one.
    kid: Option<&'e str>,
    apu: Vec<u8>,
    apv: Vec<u8>,
}

impl Encryptor {
    /// A JWE with content encryption algorithm `enc`, empty headers, no AAD and no recipient
    /// yet.
    pub fn new(enc: JweEncryption) -> Self {
        Self {
            enc,
            protected: Header::new(),
            shared: Header::new(),
            aad: Vec::new(),
            recipients: Vec::new(),
        }
    }

    /// Sets the integrity-protected header; `enc` (and in the flattened syntax the
    /// recipient's `alg`, `kid` and algorithm parameters) are added to it.
    pub fn protected(mut self, header: Header) -> Self {
        self.protected = header;
        self
    }

    /// Sets the shared unprotected header (the `unprotected` member): parameters for every
    /// recipient that are not integrity protected, such as `jku` in RFC 7516 App. A.4.
    pub fn unprotected(mut self, header: Header) -> Self {
        self.shared = header;
        self
    }

    /// Sets the JWE AAD (the `aad` member, RFC 7516 §2): data authenticated by the tag but
    /// neither encrypted nor part of the headers. An empty AAD is no AAD.
    pub fn aad(mut self, aad: impl AsRef<[u8]>) -> Self {
        self.aad = aad.as_ref().to_vec();
        self
    }

    /// Adds a recipient: `key` (bound to its key management algorithm) and its per-recipient
    /// unprotected header, such as [`Header::apu`]/[`Header::apv`] for `ECDH-ES*` or a `kid`
    /// of its own. `dir` and `ECDH-ES` determine the CEK, so a JWE with such a recipient can
    /// have no other.
    pub fn recipient(mut self, key: &EncryptingKey, header: Header) -> Self {
        self.recipients.push((key.clone(), header));
        self
    }

    /// Encrypts and returns the general JWE JSON Serialization (RFC 7516 §7.2.1):
    /// `{"protected":…,"unprotected":…,"recipients":[{"header":…,"encrypted_key":…},…],
    /// "aad":…,"iv":…,"ciphertext":…,"tag":…}`, members with empty values left out.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] without a recipient, for `dir` or `ECDH-ES` beside another
    /// recipient, for `apu`/`apv` with a recipient that is not `ECDH-ES*`, and for a plaintext
    /// beyond the algorithm's limits; [`Error::Header`] for a name in two headers or a `zip`
    /// outside the protected header; [`Error::InvalidKey`] for a `dir` key whose length is
    /// not `enc`'s; [`Error::Rng`] if the random number generator fails.
    pub fn encrypt_general(&self, plaintext: &[u8]) -> Result<String, Error> {
        self.encrypt(plaintext, false)
    }

    /// Encrypts and returns the flattened JWE JSON Serialization (RFC 7516 §7.2.2), which has
    /// exactly one recipient: `{"protected":…,"unprotected":…,"header":…,"encrypted_key":…,
    /// "aad":…,"iv":…,"ciphertext":…,"tag":…}`, members with empty values left out.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] unless exactly one recipient was added; otherwise as
    /// [`Encryptor::encrypt_general`].
    pub fn encrypt_flattened(&self, plaintext: &[u8]) -> Result<String, Error> {
        if self.recipients.len() != 1 {
            return Err(Error::invalid(format!(
                "the flattened JSON serialization has exactly one recipient, {} were added",
                self.recipients.len()
            )));
        }
        self.encrypt(plaintext, true)
    }

    fn encrypt(&self, plaintext: &[u8], flattened: bool) -> Result<String, Error> {
        let prepared = self.prepare()?;
        let enc = self.enc;

        // One CEK: established with the first recipient, wrapped for every other one.
        let mut wrapped: Vec<Wrapped> = Vec::with_capacity(prepared.len());
        let mut cek = None;
        for r in &prepared {
            match &cek {
                None => {
                    let (made, first) = recipient::establish_cek(r.key, enc, &r.apu, &r.apv)?;
                    cek = Some(made);
                    wrapped.push(first);
                }
                Some(cek) => wrapped.push(recipient::wrap_cek(r.key, enc, cek, &r.apu, &r.apv)?),
            }
        }
        let cek = cek.ok_or_else(no_recipient)?;

        let enc_member = ("enc", Value::from(enc.as_str()));
        let protected_json = match (flattened, prepared.first(), wrapped.first()) {
            (true, Some(r), Some(w)) => {
                let leading = [alg_member(r.key.alg()), enc_member];
                self.protected.write_json(&leading, r.kid, &w.params)?
            }
            _ => self.protected.write_json(&[enc_member], None, &[])?,
        };
        let protected = base64url::encode(&protected_json);
        let encoded_aad = (!self.aad.is_empty()).then(|| base64url::encode(&self.aad));
        let mut aad_input = protected.clone();
        if let Some(aad) = &encoded_aad {
            aad_input.push('.');
            aad_input.push_str(aad);
        }

        let compressed = zip::compress_if_asked(&self.protected, plaintext)?;
        let plaintext = compressed.as_ref().map_or(plaintext, |c| c.as_slice());
        let iv = content::generate_iv(enc)?;
        let (ciphertext, tag) = content::encrypt(enc, &cek, &iv, aad_input.as_bytes(), plaintext)?;

        let mut out = String::with_capacity(
            aad_input.len() + base64url::encoded_len(ciphertext.len()) + 128 * prepared.len(),
        );
        out.push_str("{\"protected\":\"");
        out.push_str(&protected);
        out.push('"');
        if !self.shared.is_empty() {
            out.push_str(",\"unprotected\":");
            out.push_str(&self.shared.write_json(&[], None, &[])?);
        }
        if flattened {
            for (r, w) in prepared.iter().zip(&wrapped) {
                if !r.header.is_empty() {
                    out.push_str(",\"header\":");
                    out.push_str(&r.header.write_json(&[], None, &[])?);
                }
                write_encrypted_key(&mut out, &w.encrypted_key);
            }
        } else {
            out.push_str(",\"recipients\":[");
            for (i, (r, w)) in prepared.iter().zip(&wrapped).enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str("{\"header\":");
                let leading = [alg_member(r.key.alg())];
                out.push_str(&r.header.write_json(&leading, r.kid, &w.params)?);
                write_encrypted_key(&mut out, &w.encrypted_key);
                out.push('}');
            }
            out.push(']');
        }
        if let Some(aad) = &encoded_aad {
            out.push_str(",\"aad\":\"");
            out.push_str(aad);
            out.push('"');
        }
        for (name, value) in [("iv", &iv[..]), ("ciphertext", &ciphertext), ("tag", &tag)] {
            out.push_str(",\"");
            out.push_str(name);
            out.push_str("\":\"");
            base64url::encode_to(value, &mut out);
            out.push('"');
        }
        out.push('}');
        Ok(out)
    }

    /// Checks every recipient's headers as a recipient would (disjoint names, `zip`
    /// protected), the number of recipients, and the agreement information.
    fn prepare(&self) -> Result<Vec<Prepared<'_>>, Error> {
        if self.recipients.is_empty() {
            return Err(no_recipient());
        }
        if self.recipients.len() > 1
            && let Some((key, _)) = self
                .recipients
                .iter()
                .find(|(key, _)| recipient::determines_cek(key.alg()))
        {
            return Err(Error::invalid(format!(
                "{} determines the CEK itself, so it cannot share one with other recipients; \
                 a JWE with a {} recipient has no other",
                key.alg(),
                key.alg()
            )));
        }
        let protected = self.protected.to_map();
        let shared = self.shared.to_map();
        let mut prepared = Vec::with_capacity(self.recipients.len());
        for (key, header) in &self.recipients {
            let own = header.to_map();
            let joined = JoseHeader::new(Some(&protected), Some(&shared), Some(&own))
                .map_err(Error::Header)?;
            joined.protected_only(&["zip"]).map_err(Error::Header)?;
            let kid = if joined.get("kid").is_some() {
                None
            } else {
                key.kid()
            };
            let (apu, apv) = Header::joined([&self.protected, &self.shared, header])
                .agreement_info(key.alg())?;
            prepared.push(Prepared {
                key,
                header,
                kid,
                apu,
                apv,
            });
        }
        Ok(prepared)
    }
}

fn alg_member(alg: JweAlgorithm) -> (&'static str, Value) {
    ("alg", Value::from(alg.as_str()))
}

/// `,"encrypted_key":"…"`, left out when empty (RFC 7516 §7.2.1).
fn write_encrypted_key(out: &mut String, encrypted_key: &[u8]) {
    if !encrypted_key.is_empty() {
        out.push_str(",\"encrypted_key\":\"");
        base64url::encode_to(encrypted_key, out);
        out.push('"');
    }
}

fn no_recipient() -> Error {
    Error::invalid("a JWE needs at least one recipient (Encryptor::recipient)")
}
