//! Encryption and decryption keys, each bound to one key management algorithm (RFC 8725
//! §3.1).

use core::fmt;
use std::sync::Arc;

use jose_b64::SecretBytes;
use jose_jwk::alg::{JweAlgorithm, JweEncryption, KeyManagementMode, KeyRole};
use jose_jwk::{Jwk, Key, OctKey};

use rsa::{PrivateKey as RsaPrivateKey, PublicKey as RsaPublicKey};

use crate::Error;
use crate::keywrap::ecdh_es::{EcdhPublicKey, EcdhSecretKey};
use crate::keywrap::{key_encryption, pbes2};

/// The key material and what it is bound to, shared by both key types.
#[derive(Clone)]
struct Bound {
    alg: JweAlgorithm,
    /// For `dir` keys whose JWK names a content encryption algorithm as its `alg` (RFC 7520
    /// §5.6 does): the only `enc` the key may be used with.
    enc: Option<JweEncryption>,
    kid: Option<Arc<str>>,
    material: Material,
    /// The `p2c` written when encrypting with a PBES2 key.
    pbes2_count: u32,
}

/// The key itself: a secret (`dir`, `A*KW`, `A*GCMKW`, a PBES2 password), an RSA key or an
/// ECDH-ES key.
#[derive(Clone)]
pub(crate) enum Material {
    /// Symmetric key bytes, or a PBES2 password.
    Secret(Arc<SecretBytes>),
    /// An RSA key: the public part always, the private part when the JWK had it.
    Rsa {
        public: Arc<RsaPublicKey>,
        private: Option<Arc<RsaPrivateKey>>,
    },
    /// An ECDH-ES key: the public part always, the private part when the JWK had it.
    Agreement {
        public: Arc<EcdhPublicKey>,
        private: Option<Arc<EcdhSecretKey>>,
    },
}

/// The empty secret that an RSA key shows where a secret is asked for.
static NO_SECRET: std::sync::LazyLock<SecretBytes> =
    std::sync::LazyLock::new(|| SecretBytes::from(&[][..]));

impl Bound {
    fn from_jwk(jwk: &Jwk, alg: JweAlgorithm, role: KeyRole) -> Result<Self, Error> {
        if alg == JweAlgorithm::RSA1_5 && !cfg!(feature = "rsa1_5") {
            return Err(key_encryption::rsa1_5_refused());
        }
        if !is_supported(alg) {
            return Err(Error::unsupported(format!(
                "the key management algorithm {alg} is not supported (dir, A*KW, A*GCMKW, \
                 RSA-OAEP*, PBES2-*, ECDH-ES* are)"
            )));
        }
        // A `dir` key may carry the content encryption algorithm it is for as its JWK `alg`
        // (RFC 7517 §4.4 leaves the value to the application; RFC 7520 §5.6 does this). The
        // key is then checked against, and restricted to, that `enc`.
        let enc = match (alg, jwk.alg()) {
            (JweAlgorithm::Dir, Some(name)) => name.parse::<JweEncryption>().ok(),
            _ => None,
        };
        match enc {
            Some(enc) => jwk.check_for(enc, role),
            None => jwk.check_for(alg, role),
        }
        .map_err(Error::Key)?;
        let material = match jwk.key() {
            Key::Oct(oct) => Material::Secret(Arc::new(oct.k().clone())),
            Key::Rsa(rsa) if key_encryption::is_rsa(alg) => {
                let private = match rsa.private() {
                    Some(_) => Some(Arc::new(rsa.to_private_key().map_err(Error::Key)?)),
                    None => None,
                };
                Material::Rsa {
                    public: Arc::new(rsa.to_public_key().map_err(Error::Key)?),
                    private,
                }
            }
            Key::Ec(_) | Key::Okp(_) if alg.is_ecdh_es() => agreement_material(jwk)?,
            _ => {
                return Err(Error::invalid_key(format!(
                    "{alg} cannot use a {} key",
                    jwk.kty()
                )));
            }
        };
        Ok(Self {
            alg,
            enc,
            kid: jwk.kid().map(Arc::from),
            material,
            pbes2_count: pbes2::DEFAULT_COUNT,
        })
    }

    fn symmetric(secret: &[u8], alg: JweAlgorithm, role: KeyRole) -> Result<Self, Error> {
        let key = OctKey::new(SecretBytes::from(secret)).map_err(Error::Key)?;
        Self::from_jwk(&Jwk::new(Key::Oct(key)), alg, role)
    }

    fn password(password: &[u8], alg: JweAlgorithm, role: KeyRole) -> Result<Self, Error> {
        if !alg.is_pbes2() {
            return Err(Error::invalid_key(format!(
                "a password is a key for PBES2-HS256+A128KW, PBES2-HS384+A192KW or \
                 PBES2-HS512+A256KW only, not {alg}"
            )));
        }
        Self::symmetric(password, alg, role)
    }

    /// The secret bytes (empty for an RSA or ECDH-ES key).
    fn secret(&self) -> &SecretBytes {
        match &self.material {
            Material::Secret(secret) => secret,
            Material::Rsa { .. } | Material::Agreement { .. } => &NO_SECRET,
        }
    }

    /// Whether this key may be used with `enc`: a `dir` key must be exactly `enc.key_len()`
    /// bytes and, if restricted, be restricted to `enc`.
    fn fits(&self, enc: JweEncryption) -> bool {
        if self.alg != JweAlgorithm::Dir {
            return true;
        }
        self.secret().len() == enc.key_len() && self.enc.is_none_or(|e| e == enc)
    }
}

/// The ECDH-ES material of an EC (P-256/384/521) or OKP (X25519) JWK already checked against
/// the table: the public key, which must not be an X25519 point of small order (every
/// agreement with it would give the all-zero secret, RFC 7748 §6.1), and the private key
/// when the JWK has it.
fn agreement_material(jwk: &Jwk) -> Result<Material, Error> {
    let public = EcdhPublicKey::from_jwk(jwk).map_err(Error::Key)?;
    if public.is_small_order() {
        return Err(Error::invalid_key(
            "the X25519 public key is of small order: every shared secret with it is zero",
        ));
    }
    let private = if jwk.is_private() {
        Some(Arc::new(EcdhSecretKey::from_jwk(jwk).map_err(Error::Key)?))
    } else {
        None
    };
    Ok(Material::Agreement {
        public: Arc::new(public),
        private,
    })
}

/// Whether this crate implements `alg` yet.
pub(crate) fn is_supported(alg: JweAlgorithm) -> bool {
    matches!(
        alg.mode(),
        KeyManagementMode::DirectEncryption | KeyManagementMode::KeyWrapping
    ) || key_encryption::is_rsa(alg)
        || alg.is_ecdh_es()
}

/// A key that produces JWEs with exactly one key management algorithm.
///
/// Made from an `oct` JWK or secret bytes *together with* the algorithm; the pair is checked
/// once against the JWA table (key type, exact size for `A*KW`/`A*GCMKW`, and the JWK's `alg`,
/// `use`, `key_ops`). A `dir` key must be exactly as long as the CEK of the `enc` it is used
/// with, which is checked when encrypting. Cloning is cheap, the key is `Send + Sync`, and
/// `Debug` never shows the key material.
///
/// For `RSA-OAEP*` the key is an RSA JWK (public or private; only the public part is used to
/// encrypt). RSA *private-key* operations, used when decrypting, are not constant time in the
/// `rsa` crate (RUSTSEC-2023-0071, Marvin); prefer ECDH-ES where an attacker can time many
/// decryptions. For `PBES2-*` the key is a password ([`EncryptingKey::password`] or an `oct`
/// JWK). For `ECDH-ES` and `ECDH-ES+A*KW` the key is the recipient's EC (P-256, P-384, P-521)
/// or OKP (X25519) JWK, public or private ([`EncryptingKey::ecdh`] from a RustCrypto public
/// key); an X25519 public key of small order is refused. Keys for the legacy `RSA1_5` (RSA
/// JWKs too) exist only with the cargo feature `rsa1_5`.
///
/// ```
/// use jose_jwe::{EncryptingKey, JweAlgorithm};
///
/// let key = EncryptingKey::symmetric(&[7u8; 16], JweAlgorithm::A128KW)?;
/// assert!(EncryptingKey::symmetric(&[7u8; 16], JweAlgorithm::A256KW).is_err()); // wrong size
/// assert_eq!(format!("{key:?}"), r#"EncryptingKey { alg: A128KW, kid: None, .. }"#);
/// # Ok::<(), jose_jwe::Error>(())
/// ```
#[derive(Clone)]
pub struct EncryptingKey {
    bound: Bound,
}

/// A key that opens JWEs of exactly one key management algorithm.
///
/// Made like an [`EncryptingKey`]. A [`crate::Decrypter`] only uses it for a JWE whose `alg`
/// is the key's. An `RSA-OAEP*` decrypting key needs the private RSA JWK; unwrapping with it
/// is not constant time (RUSTSEC-2023-0071: the `rsa` crate's private-key operation leaks
/// timing), so prefer ECDH-ES. Every RSA-OAEP (or, with the feature `rsa1_5`, `RSA1_5`)
/// unwrapping failure goes on with a random CEK and ends in the one
/// [`Error::DecryptionFailed`] (RFC 7516 §11.5). An ECDH-ES decrypting key needs the private
/// EC or X25519 JWK ([`DecryptingKey::ecdh`] from a RustCrypto secret key); a JWE whose `epk`
/// is on another curve fails like any other undecryptable JWE.
#[derive(Clone)]
pub struct DecryptingKey {
    bound: Bound,
}

impl EncryptingKey {
    /// An encryption key from a JWK, for `alg`: an `oct` JWK for `dir`, `A*KW`, `A*GCMKW` and
    /// `PBES2-*` (the password), a public RSA JWK for `RSA-OAEP*`, a public EC (P-256, P-384,
    /// P-521) or OKP (X25519) JWK for `ECDH-ES*`. The JWK's `kid` is kept and written into the
    /// headers of the JWEs this key produces, unless the header sets its own.
    /// [`EncryptingKey::to_decrypting_key`] of an RSA or ECDH-ES key cannot decrypt anything.
    ///
    /// A private RSA, EC or OKP JWK is refused ([`Error::PrivateKeyForEncryption`]): the
    /// producer of a JWE needs only the recipient's public key (RFC 7516 §5.1), and a private
    /// key kept where a public one belongs is one copy too many. Pass `jwk.to_public()`.
    ///
    /// ```
    /// use jose_jwe::{EncryptingKey, Error, JweAlgorithm};
    /// use jose_jwk::{EcCurve, Jwk, KeySpec};
    ///
    /// let private = Jwk::generate(KeySpec::Ec(EcCurve::P256))?;
    /// let e = EncryptingKey::from_jwk(&private, JweAlgorithm::ECDH_ES).unwrap_err();
    /// assert!(matches!(e, Error::PrivateKeyForEncryption));
    /// let key = EncryptingKey::from_jwk(&private.to_public()?, JweAlgorithm::ECDH_ES)?;
    /// # let _ = key;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Key`] when the JWK does not fit `alg`, [`Error::PrivateKeyForEncryption`] for
    /// a private asymmetric JWK, [`Error::Unsupported`] for a key management algorithm not
    /// implemented yet, or `RSA1_5` without the feature `rsa1_5`.
    pub fn from_jwk(jwk: &Jwk, alg: JweAlgorithm) -> Result<Self, Error> {
        // After the table's checks, so that a key of the wrong type says so first.
        let bound = Bound::from_jwk(jwk, alg, KeyRole::Encrypt)?;
        if jwk.is_private() && !matches!(jwk.key(), Key::Oct(_)) {
            return Err(Error::PrivateKeyForEncryption);
        }
        Ok(Self { bound })
    }

    /// An encryption key from a PEM public key (SPKI `PUBLIC KEY`, or PKCS#1 `RSA PUBLIC
    /// KEY`), for `alg`: the Rust version of Node jose's `importSPKI` + `CompactEncrypt`. A
    /// private key is refused, as by [`EncryptingKey::from_jwk`].
    ///
    /// ```
    /// use jose_jwe::{compact, Decrypter, DecryptingKey, EncryptingKey, Header};
    /// use jose_jwe::{JweAlgorithm, JweEncryption};
    /// # let private = jose_jwk::Jwk::generate(jose_jwk::KeySpec::Rsa { bits: 2048 })?;
    /// # let spki_pem = private.to_public_pem()?;
    /// # let pkcs8_pem = private.to_pkcs8_pem()?.to_string();
    ///
    /// // The sender has the recipient's SPKI PEM.
    /// let public = EncryptingKey::from_pem(&spki_pem, JweAlgorithm::RSA_OAEP_256)?;
    /// let token = compact::encrypt(&public, JweEncryption::A256GCM, &Header::new(), b"secret")?;
    ///
    /// // The recipient has the PKCS#8 PEM.
    /// let private = DecryptingKey::from_pem(&pkcs8_pem, JweAlgorithm::RSA_OAEP_256)?;
    /// let decrypter = Decrypter::new([JweAlgorithm::RSA_OAEP_256], [JweEncryption::A256GCM])?;
    /// assert_eq!(decrypter.decrypt_compact(&token, &private)?.plaintext(), b"secret");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Key`] for PEM that is not a supported key, then as [`EncryptingKey::from_jwk`].
    pub fn from_pem(pem: &str, alg: JweAlgorithm) -> Result<Self, Error> {
        Self::from_jwk(&Jwk::from_pem(pem).map_err(Error::Key)?, alg)
    }

    /// An encryption key from a DER SPKI public key, for `alg`.
    ///
    /// # Errors
    ///
    /// As [`EncryptingKey::from_pem`].
    pub fn from_spki_der(der: &[u8], alg: JweAlgorithm) -> Result<Self, Error> {
        Self::from_jwk(&Jwk::from_spki_der(der).map_err(Error::Key)?, alg)
    }

    /// An encryption key from secret bytes, for `alg`: 16, 24 or 32 bytes for
    /// `A128KW`/`A128GCMKW`, `A192*`, `A256*`; for `dir`, the CEK length of the `enc` used.
    ///
    /// # Errors
    ///
    /// As [`EncryptingKey::from_jwk`].
    pub fn symmetric(secret: &[u8], alg: JweAlgorithm) -> Result<Self, Error> {
        Ok(Self {
            bound: Bound::symmetric(secret, alg, KeyRole::Encrypt)?,
        })
    }

    /// An encryption key for `PBES2-HS256+A128KW`, `PBES2-HS384+A192KW` or
    /// `PBES2-HS512+A256KW` from a password (any non-empty bytes; RFC 7518 §4.8). Each JWE
    /// gets a fresh random 16-byte `p2s` and the `p2c` of [`EncryptingKey::with_pbes2_count`]
    /// (default 10 000, which every decrypter with the common 10 000 cap accepts).
    ///
    /// ```
    /// use jose_jwe::{compact, Decrypter, DecryptingKey, EncryptingKey, Header};
    /// use jose_jwe::{JweAlgorithm, JweEncryption};
    ///
    /// let alg = JweAlgorithm::PBES2_HS256_A128KW;
    /// let key = EncryptingKey::password(b"correct horse battery staple", alg)?;
    /// let token = compact::encrypt(&key, JweEncryption::A128CBC_HS256, &Header::new(), b"hi")?;
    /// let decrypter = Decrypter::new([alg], [JweEncryption::A128CBC_HS256])?;
    /// let key = DecryptingKey::password(b"correct horse battery staple", alg)?;
    /// assert_eq!(decrypter.decrypt_compact(&token, &key)?.plaintext(), b"hi");
    /// # Ok::<(), jose_jwe::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidKey`] if `alg` is not a PBES2 algorithm, [`Error::Key`] for an empty
    /// password.
    pub fn password(password: &[u8], alg: JweAlgorithm) -> Result<Self, Error> {
        Ok(Self {
            bound: Bound::password(password, alg, KeyRole::Encrypt)?,
        })
    }

    /// An `ECDH-ES` or `ECDH-ES+A*KW` encryption key from the recipient's public key: a
    /// `p256::PublicKey`, `p384::PublicKey`, `p521::PublicKey` or `x25519_dalek::PublicKey`
    /// (or an [`EcdhPublicKey`]). Checked as [`EncryptingKey::from_jwk`] checks its JWK.
    ///
    /// ```
    /// use jose_jwe::{compact, Decrypter, DecryptingKey, EncryptingKey, Header};
    /// use jose_jwe::{JweAlgorithm, JweEncryption};
    ///
    /// let alg = JweAlgorithm::ECDH_ES;
    /// let secret = p256::SecretKey::from_slice(&[7; 32]).unwrap();
    /// let key = EncryptingKey::ecdh(secret.public_key(), alg)?;
    /// let token = compact::encrypt(&key, JweEncryption::A256GCM, &Header::new(), b"hi")?;
    /// let decrypter = Decrypter::new([alg], [JweEncryption::A256GCM])?;
    /// let key = DecryptingKey::ecdh(secret, alg)?;
    /// assert_eq!(decrypter.decrypt_compact(&token, &key)?.plaintext(), b"hi");
    /// # Ok::<(), jose_jwe::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`EncryptingKey::from_jwk`].
    pub fn ecdh(public: impl Into<EcdhPublicKey>, alg: JweAlgorithm) -> Result<Self, Error> {
        Self::from_jwk(&public.into().to_jwk(), alg)
    }

    /// Sets the PBES2 iteration count `p2c` written into the JWEs this key produces (default
    /// 10 000; ignored by other algorithms). Decrypters cap it, by default at 10 000.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for a count below 1000 or above 1 200 000.
    pub fn with_pbes2_count(mut self, count: u32) -> Result<Self, Error> {
        pbes2::check_count_setting(count)?;
        self.bound.pbes2_count = count;
        Ok(self)
    }

    /// Sets the `kid` written into the headers of the JWEs this key produces.
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        self.bound.kid = Some(Arc::from(kid.into()));
        self
    }

    /// The key management algorithm.
    pub fn alg(&self) -> JweAlgorithm {
        self.bound.alg
    }

    /// The key id.
    pub fn kid(&self) -> Option<&str> {
        self.bound.kid.as_deref()
    }

    /// A new decryption key with the same secret, algorithm and `kid`.
    ///
    /// Named `to_…` because it makes an owned key: an encrypting key holds no decrypting key
    /// (for public-key algorithms there is none to hold), so it cannot lend one as
    /// `jose_jws::SigningKey::verifying_key` lends its verifying key.
    pub fn to_decrypting_key(&self) -> DecryptingKey {
        DecryptingKey {
            bound: self.bound.clone(),
        }
    }

    pub(crate) fn secret(&self) -> &SecretBytes {
        self.bound.secret()
    }

    pub(crate) fn material(&self) -> &Material {
        &self.bound.material
    }

    /// The `p2c` written into the header when this is a PBES2 key.
    pub(crate) fn pbes2_count(&self) -> u32 {
        self.bound.pbes2_count
    }

    /// Checks that this key may encrypt with `enc` (`dir`: the exact CEK length).
    pub(crate) fn check_enc(&self, enc: JweEncryption) -> Result<(), Error> {
        if self.bound.fits(enc) {
            return Ok(());
        }
        if let Some(bound) = self.bound.enc.filter(|e| *e != enc) {
            return Err(Error::invalid_key(format!(
                "this dir key is for {bound}, not {enc}"
            )));
        }
        Err(Error::invalid_key(format!(
            "a dir key for {enc} must be {} bytes, got {} bytes",
            enc.key_len(),
            self.bound.secret().len()
        )))
    }
}

impl DecryptingKey {
    /// A decryption key from a JWK, for `alg`: as [`EncryptingKey::from_jwk`], except that
    /// `RSA-OAEP*` and `ECDH-ES*` need the private key.
    ///
    /// # Errors
    ///
    /// As [`EncryptingKey::from_jwk`].
    pub fn from_jwk(jwk: &Jwk, alg: JweAlgorithm) -> Result<Self, Error> {
        Ok(Self {
            bound: Bound::from_jwk(jwk, alg, KeyRole::Decrypt)?,
        })
    }

    /// A decryption key from a PEM private key (PKCS#8 `PRIVATE KEY`, PKCS#1 `RSA PRIVATE
    /// KEY` or SEC1 `EC PRIVATE KEY`), for `alg`: Node jose's `importPKCS8` (see the example
    /// of [`EncryptingKey::from_pem`]).
    ///
    /// # Errors
    ///
    /// [`Error::Key`] for PEM that is not a supported key, then as [`DecryptingKey::from_jwk`].
    pub fn from_pem(pem: &str, alg: JweAlgorithm) -> Result<Self, Error> {
        Self::from_jwk(&Jwk::from_pem(pem).map_err(Error::Key)?, alg)
    }

    /// A decryption key from a DER PKCS#8 private key, for `alg`.
    ///
    /// # Errors
    ///
    /// As [`DecryptingKey::from_pem`].
    pub fn from_pkcs8_der(der: &[u8], alg: JweAlgorithm) -> Result<Self, Error> {
        Self::from_jwk(&Jwk::from_pkcs8_der(der).map_err(Error::Key)?, alg)
    }

    /// A decryption key from secret bytes, for `alg` (see [`EncryptingKey::symmetric`]).
    ///
    /// # Errors
    ///
    /// As [`EncryptingKey::from_jwk`].
    pub fn symmetric(secret: &[u8], alg: JweAlgorithm) -> Result<Self, Error> {
        Ok(Self {
            bound: Bound::symmetric(secret, alg, KeyRole::Decrypt)?,
        })
    }

    /// An `ECDH-ES` or `ECDH-ES+A*KW` decryption key from the recipient's private key: a
    /// `p256::SecretKey`, `p384::SecretKey`, `p521::SecretKey` or
    /// `x25519_dalek::StaticSecret` (or an [`EcdhSecretKey`]); see [`EncryptingKey::ecdh`].
    ///
    /// # Errors
    ///
    /// As [`EncryptingKey::from_jwk`].
    pub fn ecdh(secret: impl Into<EcdhSecretKey>, alg: JweAlgorithm) -> Result<Self, Error> {
        Self::from_jwk(&secret.into().to_jwk(), alg)
    }

    /// A decryption key for a PBES2 algorithm from a password (see
    /// [`EncryptingKey::password`]).
    ///
    /// # Errors
    ///
    /// As [`EncryptingKey::password`].
    pub fn password(password: &[u8], alg: JweAlgorithm) -> Result<Self, Error> {
        Ok(Self {
            bound: Bound::password(password, alg, KeyRole::Decrypt)?,
        })
    }

    /// Sets the key id that [`crate::DecryptingKeyResolver`]s match against a header's `kid`.
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        self.bound.kid = Some(Arc::from(kid.into()));
        self
    }

    /// The key management algorithm.
    pub fn alg(&self) -> JweAlgorithm {
        self.bound.alg
    }

    /// The key id.
    pub fn kid(&self) -> Option<&str> {
        self.bound.kid.as_deref()
    }

    pub(crate) fn secret(&self) -> &SecretBytes {
        self.bound.secret()
    }

    pub(crate) fn material(&self) -> &Material {
        &self.bound.material
    }

    /// Whether this key may decrypt content of `enc` (`dir`: the exact CEK length).
    pub(crate) fn fits(&self, enc: JweEncryption) -> bool {
        self.bound.fits(enc)
    }
}

impl fmt::Debug for EncryptingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EncryptingKey")
            .field("alg", &self.bound.alg)
            .field("kid", &self.bound.kid)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for DecryptingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecryptingKey")
            .field("alg", &self.bound.alg)
            .field("kid", &self.bound.kid)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_send_sync_and_debug_hides_material() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<EncryptingKey>();
        assert_send_sync::<DecryptingKey>();
        let key = EncryptingKey::symmetric(&[7u8; 32], JweAlgorithm::A256GCMKW)
            .unwrap()
            .with_kid("k");
        let debug = format!("{key:?}");
        assert!(
            debug.contains("A256GCMKW") && !debug.contains("7, 7"),
            "{debug}"
        );
        let debug = format!("{:?}", key.to_decrypting_key());
        assert!(
            debug.contains("\"k\"") && !debug.contains("7, 7"),
            "{debug}"
        );
        assert_eq!(key.to_decrypting_key().kid(), Some("k"));
    }

    #[test]
    fn pem_and_der_keys() {
        use crate::{Decrypter, Header, compact};
        use jose_jwk::{EcCurve, KeySpec};
        let alg = JweAlgorithm::ECDH_ES_A256KW;
        let private = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
        let spki = private.to_public_pem().unwrap();
        let pkcs8 = private.to_pkcs8_pem().unwrap();
        let decrypter = Decrypter::new([alg], [JweEncryption::A128GCM]).unwrap();
        // The public key from SPKI PEM and DER (a private PEM is refused); the private key
        // from PKCS#8 PEM and DER.
        let senders = [
            EncryptingKey::from_pem(&spki, alg).unwrap(),
            EncryptingKey::from_spki_der(&private.to_spki_der().unwrap(), alg).unwrap(),
        ];
        assert!(matches!(
            EncryptingKey::from_pem(&pkcs8, alg),
            Err(Error::PrivateKeyForEncryption)
        ));
        let recipients = [
            DecryptingKey::from_pem(&pkcs8, alg).unwrap(),
            DecryptingKey::from_pkcs8_der(&private.to_pkcs8_der().unwrap(), alg).unwrap(),
        ];
        for sender in &senders {
            let token =
                compact::encrypt(sender, JweEncryption::A128GCM, &Header::new(), b"pem").unwrap();
            for recipient in &recipients {
                let decrypted = decrypter.decrypt_compact(&token, recipient).unwrap();
                assert_eq!(decrypted.plaintext(), b"pem");
            }
        }
        // A public key cannot decrypt; junk is no key; the key must fit the algorithm.
        assert!(matches!(
            DecryptingKey::from_pem(&spki, alg),
            Err(Error::Key(_))
        ));
        assert!(matches!(
            EncryptingKey::from_pem("not pem", alg),
            Err(Error::Key(_))
        ));
        assert!(matches!(
            EncryptingKey::from_pem(&spki, JweAlgorithm::RSA_OAEP_256),
            Err(Error::Key(_))
        ));
    }

    #[test]
    fn sizes_and_algorithms() {
        for (alg, len) in [
            (JweAlgorithm::A128KW, 16),
            (JweAlgorithm::A192KW, 24),
            (JweAlgorithm::A256KW, 32),
            (JweAlgorithm::A128GCMKW, 16),
            (JweAlgorithm::A192GCMKW, 24),
            (JweAlgorithm::A256GCMKW, 32),
        ] {
            assert!(
                DecryptingKey::symmetric(&vec![1; len], alg).is_ok(),
                "{alg}"
            );
            for wrong in [len - 1, len + 1, 8] {
                let e = DecryptingKey::symmetric(&vec![1; wrong], alg).unwrap_err();
                assert!(matches!(e, Error::Key(_)), "{alg} {wrong}: {e}");
            }
        }
        assert!(EncryptingKey::symmetric(&[1; 5], JweAlgorithm::Dir).is_ok());
        assert!(EncryptingKey::symmetric(&[], JweAlgorithm::Dir).is_err());
        // RSA1_5 keys: keywrap::key_encryption's tests. ECDH-ES is for EC and OKP keys only.
        let e = EncryptingKey::symmetric(&[1; 16], JweAlgorithm::ECDH_ES).unwrap_err();
        assert!(matches!(e, Error::Key(_)), "{e}");
        // An oct key is no RSA key; a password is only a PBES2 key.
        let e = EncryptingKey::symmetric(&[1; 16], JweAlgorithm::RSA_OAEP).unwrap_err();
        assert!(matches!(e, Error::Key(_)), "{e}");
        assert!(EncryptingKey::symmetric(&[1; 5], JweAlgorithm::PBES2_HS256_A128KW).is_ok());
        assert!(EncryptingKey::password(b"pw", JweAlgorithm::PBES2_HS512_A256KW).is_ok());
        assert!(DecryptingKey::password(b"", JweAlgorithm::PBES2_HS512_A256KW).is_err());
        let e = EncryptingKey::password(b"pw", JweAlgorithm::A128KW).unwrap_err();
        assert!(matches!(e, Error::InvalidKey { .. }), "{e}");
        let key = EncryptingKey::password(b"pw", JweAlgorithm::PBES2_HS256_A128KW).unwrap();
        assert_eq!(key.pbes2_count(), 10_000);
        assert_eq!(
            key.clone().with_pbes2_count(1000).unwrap().pbes2_count(),
            1000
        );
        assert!(key.clone().with_pbes2_count(999).is_err());
        assert!(key.with_pbes2_count(1_200_001).is_err());
    }

    #[test]
    fn jwk_members_are_enforced() {
        let jwk =
            Jwk::from_json(r#"{"kty":"oct","alg":"A128KW","k":"GZy6sIZ6wl9NJOKB-jnmVQ"}"#).unwrap();
        assert!(DecryptingKey::from_jwk(&jwk, JweAlgorithm::A128KW).is_ok());
        assert!(DecryptingKey::from_jwk(&jwk, JweAlgorithm::A128GCMKW).is_err());
        let jwk =
            Jwk::from_json(r#"{"kty":"oct","use":"sig","k":"GZy6sIZ6wl9NJOKB-jnmVQ"}"#).unwrap();
        assert!(DecryptingKey::from_jwk(&jwk, JweAlgorithm::A128KW).is_err());
        // A dir key whose JWK alg names an enc is restricted to that enc.
        let jwk = Jwk::from_json(r#"{"kty":"oct","alg":"A128GCM","k":"XctOhJAkA-pD9Lh7ZgW_2A"}"#)
            .unwrap();
        let key = EncryptingKey::from_jwk(&jwk, JweAlgorithm::Dir).unwrap();
        assert!(key.check_enc(JweEncryption::A128GCM).is_ok());
        let e = key.check_enc(JweEncryption::A256GCM).unwrap_err();
        assert!(e.to_string().contains("for A128GCM"), "{e}");
        let e = EncryptingKey::symmetric(&[1; 16], JweAlgorithm::Dir)
            .unwrap()
            .check_enc(JweEncryption::A256GCM)
            .unwrap_err();
        assert!(e.to_string().contains("must be 32 bytes"), "{e}");
        let rsa = Jwk::generate(jose_jwk::KeySpec::Ec(jose_jwk::EcCurve::P256)).unwrap();
        assert!(DecryptingKey::from_jwk(&rsa, JweAlgorithm::A128KW).is_err());
    }
}
