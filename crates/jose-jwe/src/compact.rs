//! The JWE Compact Serialization (RFC 7516 §7.1) with the key management algorithms `dir`,
//! `A128KW`, `A192KW`, `A256KW`, `A128GCMKW`, `A192GCMKW`, `A256GCMKW`, `RSA-OAEP`,
//! `RSA-OAEP-256`, `RSA-OAEP-384`, `RSA-OAEP-512`, `PBES2-HS256+A128KW`, `PBES2-HS384+A192KW`,
//! `PBES2-HS512+A256KW`, `ECDH-ES`, `ECDH-ES+A128KW`, `ECDH-ES+A192KW` and `ECDH-ES+A256KW`
//! (P-256, P-384, P-521, X25519); and, with the cargo feature `rsa1_5`, `RSA1_5`.
//!
//! For the ECDH-ES family the producer writes the fresh ephemeral public key as `epk` (only
//! `kty`, `crv`, `x` and `y`) after the caller's parameters, with `apu`/`apv` from
//! [`Header::apu`]/[`Header::apv`]. The recipient checks `epk`, `apu` and `apv` before the key
//! lookup: a missing or non-object `epk`, one with a `d`, of another key type than `EC`/`OKP`,
//! on an unsupported curve, off its curve or the identity, or a non-base64url `apu`/`apv`, is
//! an [`Error::Header`]. After the lookup, an `epk` on another curve than the key's and an
//! all-zero X25519 shared secret are, like every later failure, [`Error::DecryptionFailed`]
//! (RFC 7518 §4.6, RFC 8037 §3.2).

use std::borrow::Cow;

use jose_b64::serde_json::{Map, Value};
use jose_b64::{Base64UrlJson, SecretBytes, base64url};
use jose_jwk::alg::{JweAlgorithm, JweEncryption};
use jose_jwk::header::JoseHeader;
use zeroize::Zeroizing;

use crate::decrypted::Protected;
use crate::decrypter::Limits;
use crate::resolver::DecryptingKeyResolver;
use crate::{DecryptedJwe, Decrypter, EncryptingKey, Error, Header, content, recipient, zip};

/// A protected header as received: the decoded object and its exact encoding.
pub type ProtectedHeader = Base64UrlJson<Map<String, Value>>;

/// Encrypts `plaintext` and returns the JWE Compact Serialization
/// `header.encrypted_key.iv.ciphertext.tag` (RFC 7516 §5.1, §7.1).
///
/// A fresh random CEK (except for `dir`, whose key is the CEK) and IV are made for every
/// call. The protected header holds `alg` (the key's) and `enc` first, then the `kid` and the
/// parameters of `header`; for `A*GCMKW` also the key-wrapping `iv` and `tag`, for `PBES2-*` a
/// fresh random 16-byte `p2s` and the key's `p2c`, for `ECDH-ES*` the `epk` of a fresh
/// ephemeral key on the recipient's curve (with `ECDH-ES` the derived key is the CEK). The
/// Additional Authenticated Data is ASCII(BASE64URL(protected header)). The plaintext is
/// compressed with DEFLATE first only when the header asks for it (`Header::deflate`).
///
/// ```
/// use jose_jwe::{compact, Decrypter, EncryptingKey, Header, JweAlgorithm, JweEncryption};
///
/// let key = EncryptingKey::symmetric(&[42u8; 32], JweAlgorithm::A256KW)?.with_kid("2026-05");
/// let token = compact::encrypt(&key, JweEncryption::A256GCM, &Header::new().typ("JWT"), b"hello")?;
/// assert_eq!(token.split('.').count(), 5);
///
/// let decrypter = Decrypter::new([JweAlgorithm::A256KW], [JweEncryption::A256GCM])?;
/// let decrypted = decrypter.decrypt_compact(&token, &key.to_decrypting_key())?;
/// assert_eq!(decrypted.plaintext(), b"hello");
/// assert_eq!(decrypted.kid(), Some("2026-05"));
/// # Ok::<(), jose_jwe::Error>(())
/// ```
///
/// # Errors
///
/// [`Error::InvalidKey`] for a `dir` key whose length is not `enc.key_len()`,
/// [`Error::Rng`] if the random number generator fails, [`Error::Invalid`] for a plaintext
/// beyond the algorithm's limits, and for `apu`/`apv` set with another algorithm than
/// `ECDH-ES*` or set to the same value.
pub fn encrypt(
    key: &EncryptingKey,
    enc: JweEncryption,
    header: &Header,
    plaintext: &[u8],
) -> Result<String, Error> {
    key.check_enc(enc)?;
    let alg = key.alg();
    let (apu, apv) = header.agreement_info(alg)?;
    let (cek, wrapped) = recipient::establish_cek(key, enc, &apu, &apv)?;
    let iv = content::generate_iv(enc)?;
    let json = header.to_json(alg, enc, key.kid(), &wrapped.params)?;
    let compressed = zip::compress_if_asked(header, plaintext)?;
    let plaintext = compressed.as_ref().map_or(plaintext, |c| c.as_slice());
    assemble(enc, &cek, &json, &wrapped.encrypted_key, &iv, plaintext)
}

/// The five segments: the protected header (which is also the AAD), then the rest.
fn assemble(
    enc: JweEncryption,
    cek: &SecretBytes,
    header_json: &str,
    encrypted_key: &[u8],
    iv: &[u8],
    plaintext: &[u8],
) -> Result<String, Error> {
    let mut out = String::with_capacity(
        base64url::encoded_len(header_json.len() + plaintext.len() + encrypted_key.len()) + 80,
    );
    base64url::encode_to(header_json.as_bytes(), &mut out);
    let (ciphertext, tag) = content::encrypt(enc, cek, iv, out.as_bytes(), plaintext)?;
    for segment in [encrypted_key, iv, &ciphertext, &tag] {
        out.push('.');
        base64url::encode_to(segment, &mut out);
    }
    Ok(out)
}

/// A compact JWE that has been split, whose protected header has been decoded and whose
/// other segments are strict base64url, but which has not been decrypted. Nothing of the
/// plaintext is reachable from here.
#[derive(Clone, Debug)]
pub struct UnverifiedCompactJwe<'t> {
    token: &'t str,
    header: ProtectedHeader,
    encrypted_key: Vec<u8>,
    iv: Vec<u8>,
    ciphertext: Vec<u8>,
    tag: Vec<u8>,
}

impl<'t> UnverifiedCompactJwe<'t> {
    /// Splits and decodes with the default [`Limits`].
    ///
    /// # Errors
    ///
    /// As [`UnverifiedCompactJwe::parse_with`].
    pub fn parse(token: &'t str) -> Result<Self, Error> {
        Self::parse_with(token, &Limits::DEFAULT)
    }

    /// Checks the size, splits `token` into exactly five segments (failing at the fifth '.'),
    /// checks the base64url alphabet of every segment before decoding any, and decodes them;
    /// the protected header must be a strict JSON object.
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`], [`Error::Malformed`], [`Error::Encoding`].
    pub fn parse_with(token: &'t str, limits: &Limits) -> Result<Self, Error> {
        if token.len() > limits.max_token_len {
            return Err(Error::TooLarge {
                what: "compact JWE",
                limit: limits.max_token_len,
                actual: token.len(),
            });
        }
        let mut parts = token.splitn(6, '.');
        let mut segments = [""; 5];
        for slot in &mut segments {
            *slot = parts.next().ok_or_else(five_segments)?;
        }
        if parts.next().is_some() {
            return Err(five_segments());
        }
        let [header, encrypted_key, iv, ciphertext, tag] = segments;
        let named = [
            ("protected header", header),
            ("encrypted key", encrypted_key),
            ("initialization vector", iv),
            ("ciphertext", ciphertext),
            ("authentication tag", tag),
        ];
        for (part, segment) in named {
            if let Some(offset) = base64url::first_invalid(segment) {
                return Err(Error::malformed(format!(
                    "the {part} segment has a character outside the base64url alphabet at offset {offset}"
                )));
            }
        }
        if header.is_empty() {
            return Err(Error::malformed("the protected header segment is empty"));
        }
        let header = ProtectedHeader::decode_map_with(header, &limits.header_json())
            .map_err(Error::encoding("protected header"))?;
        let decode = |part: &'static str, segment: &str| {
            base64url::decode(segment).map_err(Error::encoding(part))
        };
        Ok(Self {
            token,
            header,
            encrypted_key: decode("encrypted key", encrypted_key)?,
            iv: decode("initialization vector", iv)?,
            ciphertext: decode("ciphertext", ciphertext)?,
            tag: decode("authentication tag", tag)?,
        })
    }

    /// The decoded protected header (not yet authenticated).
    pub fn protected_header(&self) -> &Map<String, Value> {
        self.header.value()
    }

    /// The protected header exactly as encoded (the AAD).
    pub fn protected_header_encoded(&self) -> &str {
        self.header.encoded()
    }

    /// Checks the header against `decrypter`, finds the key and decrypts.
    ///
    /// # Errors
    ///
    /// As [`Decrypter::decrypt_compact`].
    pub fn decrypt(
        &self,
        decrypter: &Decrypter,
        keys: &(impl DecryptingKeyResolver + ?Sized),
    ) -> Result<DecryptedJwe, Error> {
        let ciphertext = Cow::Borrowed(self.ciphertext.as_slice());
        let (plaintext, alg, enc, kid) = self.open(decrypter, keys, ciphertext)?;
        Ok(DecryptedJwe {
            plaintext,
            protected: Protected::from_map(self.header.value().clone()),
            alg,
            enc,
            kid,
            json: None,
        })
    }

    /// RFC 7516 §5.2 steps 4–16 for the compact serialization. `ciphertext` is this JWE's
    /// (owned when the caller is done with the parsed JWE: it is then decrypted in place).
    #[allow(clippy::type_complexity)]
    fn open(
        &self,
        decrypter: &Decrypter,
        keys: &(impl DecryptingKeyResolver + ?Sized),
        ciphertext: Cow<'_, [u8]>,
    ) -> Result<
        (
            Zeroizing<Vec<u8>>,
            JweAlgorithm,
            JweEncryption,
            Option<String>,
        ),
        Error,
    > {
        if self.token.len() > decrypter.limits().max_token_len {
            return Err(Error::TooLarge {
                what: "compact JWE",
                limit: decrypter.limits().max_token_len,
                actual: self.token.len(),
            });
        }
        let header =
            JoseHeader::new(Some(self.header.value()), None, None).map_err(Error::Header)?;
        let checked = decrypter.check_header(header)?;
        let (alg, enc) = (checked.alg, checked.enc);
        let params = recipient::check_before_lookup(
            &checked,
            &self.encrypted_key,
            decrypter.max_pbes2_count(),
        )?;
        let key = recipient::resolve(keys, &checked)?;
        let cek = recipient::unwrap_cek(&key, alg, enc, &params, &self.encrypted_key)?;
        let plaintext = content::decrypt_in_place(
            enc,
            &cek,
            &self.iv,
            self.header.encoded().as_bytes(),
            Zeroizing::new(ciphertext.into_owned()),
            &self.tag,
        )?;
        let plaintext =
            zip::decompress_if(checked.zip, plaintext, decrypter.max_decompressed_len())?;
        let kid = key.kid().or(checked.kid).map(str::to_owned);
        Ok((plaintext, alg, enc, kid))
    }
}

impl Decrypter {
    /// Parses and decrypts a compact JWE.
    ///
    /// In order: the size limit; five segments; the base64url alphabet; the protected header
    /// (a strict JSON object); `crit` (rejected: no JWE extension is understood); `alg` and
    /// `enc` (required, registered, each in its allow-list); `zip` (absent, or `"DEF"` with
    /// the cargo feature `deflate`); `kid` (a string of at most 256 bytes); an
    /// empty JWE Encrypted Key for `dir` and `ECDH-ES`; `iv`
    /// and `tag` for `A*GCMKW`; `p2s` (at least 8 bytes) and `p2c` (an integer from 1000 to
    /// [`Decrypter::max_pbes2_count`]) for `PBES2-*`, before any key derivation; `epk` (a valid
    /// public EC or X25519 JWK) and `apu`/`apv` (base64url) for `ECDH-ES*`; the key from
    /// `keys`, which must be bound to the header's `alg`; then the CEK and the content; and
    /// for `"zip":"DEF"`, once the tag has verified, inflation of at most
    /// [`Decrypter::max_decompressed_len`] bytes.
    ///
    /// ```
    /// use jose_jwe::{compact, Decrypter, DecryptingKey, EncryptingKey, Error, Header};
    /// use jose_jwe::{JweAlgorithm, JweEncryption};
    ///
    /// let secret = [9u8; 16];
    /// let key = EncryptingKey::symmetric(&secret, JweAlgorithm::A128GCMKW)?;
    /// let token = compact::encrypt(&key, JweEncryption::A128CBC_HS256, &Header::new(), b"hi")?;
    ///
    /// let decrypter = Decrypter::new(
    ///     [JweAlgorithm::A128GCMKW],
    ///     [JweEncryption::A128CBC_HS256, JweEncryption::A128GCM],
    /// )?;
    /// let keys = vec![DecryptingKey::symmetric(&secret, JweAlgorithm::A128GCMKW)?];
    /// assert_eq!(decrypter.decrypt_compact(&token, &keys)?.plaintext(), b"hi");
    ///
    /// // Another key: the one opaque decryption error.
    /// let other = DecryptingKey::symmetric(&[8u8; 16], JweAlgorithm::A128GCMKW)?;
    /// assert_eq!(decrypter.decrypt_compact(&token, &other).unwrap_err(), Error::DecryptionFailed);
    /// # Ok::<(), jose_jwe::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`], [`Error::Malformed`], [`Error::Encoding`] and [`Error::Header`]
    /// for a malformed JWE; [`Error::UnknownAlgorithm`], [`Error::UnknownEncryption`],
    /// [`Error::AlgorithmNotAllowed`], [`Error::EncryptionNotAllowed`] for the algorithms;
    /// [`Error::Unsupported`] for a `zip` other than `"DEF"` (or any without the feature
    /// `deflate`); [`Error::NoMatchingKey`] and [`Error::KeyAlgorithmMismatch`] from the key
    /// lookup; for everything after that (unwrapping, an `epk` on another curve than the
    /// key's, an all-zero X25519 secret, lengths, the tag, padding), the one
    /// [`Error::DecryptionFailed`]; and, after the tag has verified, [`Error::Decompression`]
    /// for a compressed plaintext that is corrupt or inflates past the cap.
    pub fn decrypt_compact(
        &self,
        token: &str,
        keys: &(impl DecryptingKeyResolver + ?Sized),
    ) -> Result<DecryptedJwe, Error> {
        if let Some(result) = flat_header::decrypt(self, token, keys) {
            return result;
        }
        let mut parsed = UnverifiedCompactJwe::parse_with(token, self.limits())?;
        // The decoded ciphertext becomes the plaintext buffer: no copy of a large payload.
        let ciphertext = Cow::Owned(core::mem::take(&mut parsed.ciphertext));
        let (plaintext, alg, enc, kid) = parsed.open(self, keys, ciphertext)?;
        Ok(DecryptedJwe {
            plaintext,
            protected: Protected::from_map(parsed.header.into_value()),
            alg,
            enc,
            kid,
            json: None,
        })
    }
}

fn five_segments() -> Error {
    Error::malformed("a compact JWE has exactly five segments separated by four '.'")
}

mod flat_header;

#[cfg(test)]
mod ecdh_es_tests;
#[cfg(test)]
mod tests;
