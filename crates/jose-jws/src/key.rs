//! Signing and verification keys, each bound to one algorithm (RFC 8725 §3.1).

use core::fmt;
use std::sync::Arc;

use jose_jwk::alg::{JwsAlgorithm, KeyRole};
use jose_jwk::{Jwk, Key, OctKey, SecretBytes};

use crate::Error;
use crate::algorithm::{SignerImpl, VerifierImpl};

/// A key that signs with exactly one algorithm.
///
/// Made from a JWK, a PEM key, or HMAC secret bytes *together with* the algorithm; the pair is
/// checked once against the JWA table (key type, curve, size, and the JWK's `alg`, `use`,
/// `key_ops`). Cloning is cheap and the key is `Send + Sync`.
///
/// ```
/// use jose_jws::{SigningKey, JwsAlgorithm};
/// use jose_jwk::{Jwk, KeySpec, EcCurve};
///
/// let jwk = Jwk::generate(KeySpec::Ec(EcCurve::P256))?;
/// let key = SigningKey::from_jwk(&jwk, JwsAlgorithm::ES256)?;
/// assert!(SigningKey::from_jwk(&jwk, JwsAlgorithm::ES384).is_err()); // wrong curve
/// assert!(SigningKey::hmac(b"too short", JwsAlgorithm::HS256).is_err());
/// # let _ = key;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct SigningKey {
    alg: JwsAlgorithm,
    kid: Option<Arc<str>>,
    signer: Arc<SignerImpl>,
    verifying: VerifyingKey,
}

/// A key that verifies signatures of exactly one algorithm.
///
/// Made like a [`SigningKey`]; a public key can never become an HMAC secret, since an HMAC
/// key can only come from an `oct` JWK or secret bytes.
#[derive(Clone)]
pub struct VerifyingKey {
    alg: JwsAlgorithm,
    kid: Option<Arc<str>>,
    verifier: Arc<VerifierImpl>,
}

impl SigningKey {
    /// A signing key from a private (or `oct`) JWK, for `alg`. The JWK's `kid` is kept and
    /// written into the headers this key signs, unless the header sets its own.
    ///
    /// The JWK must permit signing: its `use`, if any, is `"sig"` and its `key_ops`, if any,
    /// contains `"sign"` (RFC 7517 §4.2, §4.3); `verify` is not needed.
    pub fn from_jwk(jwk: &Jwk, alg: JwsAlgorithm) -> Result<Self, Error> {
        jwk.check_for(alg, KeyRole::Sign).map_err(Error::Key)?;
        let signer = SignerImpl::from_jwk(jwk, alg)?;
        // The verifying half is derived from the key itself: a JWK whose `key_ops` is
        // `["sign"]` signs (RFC 7517 §4.3), and the holder can always check its own output.
        let verifying = VerifyingKey::prepare(jwk, alg)?;
        Ok(Self {
            alg,
            kid: jwk.kid().map(Arc::from),
            signer: Arc::new(signer),
            verifying,
        })
    }

    /// A signing key from a PEM private key (PKCS#8, PKCS#1 or SEC1), for `alg`.
    pub fn from_pem(pem: &str, alg: JwsAlgorithm) -> Result<Self, Error> {
        Self::from_jwk(&Jwk::from_pem(pem).map_err(Error::Key)?, alg)
    }

    /// A signing key from a DER PKCS#8 private key, for `alg`.
    pub fn from_pkcs8_der(der: &[u8], alg: JwsAlgorithm) -> Result<Self, Error> {
        Self::from_jwk(&Jwk::from_pkcs8_der(der).map_err(Error::Key)?, alg)
    }

    /// A signing key from a RustCrypto key (anything a [`Jwk`] converts from, such as
    /// `p256::ecdsa::SigningKey` or `ed25519_dalek::SigningKey`), for `alg`.
    ///
    /// ```
    /// use jose_jws::{JwsAlgorithm, SigningKey};
    ///
    /// let ed25519 = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
    /// let key = SigningKey::from_key(&ed25519, JwsAlgorithm::EdDSA)?;
    /// # let _ = key;
    /// # Ok::<(), jose_jws::Error>(())
    /// ```
    pub fn from_key<'k, K>(key: &'k K, alg: JwsAlgorithm) -> Result<Self, Error>
    where
        Jwk: TryFrom<&'k K>,
        <Jwk as TryFrom<&'k K>>::Error: Into<jose_jwk::Error>,
    {
        Self::from_jwk(&Jwk::try_from(key).map_err(|e| Error::Key(e.into()))?, alg)
    }

    /// An HMAC key (HS256, HS384, HS512) from secret bytes, at least as long as the hash
    /// output (RFC 7518 §3.2).
    pub fn hmac(secret: &[u8], alg: JwsAlgorithm) -> Result<Self, Error> {
        Self::from_jwk(&hmac_jwk(secret)?, alg)
    }

    /// Sets the `kid` written into the headers this key signs.
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        let kid: Arc<str> = Arc::from(kid.into());
        self.verifying.kid = Some(kid.clone());
        self.kid = Some(kid);
        self
    }

    /// The algorithm.
    pub fn alg(&self) -> JwsAlgorithm {
        self.alg
    }

    /// The key id.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The matching verification key (for HMAC, the same secret), derived from this key
    /// whatever its JWK's `key_ops` said.
    pub fn verifying_key(&self) -> &VerifyingKey {
        &self.verifying
    }

    /// Signs the JWS Signing Input.
    pub(crate) fn sign(&self, input: &[u8]) -> Result<Vec<u8>, Error> {
        self.signer.sign(input)
    }

    /// Signs the whole of `out` (the JWS Signing Input), then appends `.` and the base64url
    /// signature: the rest of a compact JWS.
    pub(crate) fn append_signature(&self, out: &mut String) -> Result<(), Error> {
        self.signer.append_signature(out)
    }
}

impl VerifyingKey {
    /// A verification key from a public JWK (or an `oct` JWK for HMAC), for `alg`.
    ///
    /// A private asymmetric JWK is refused ([`Error::PrivateKeyNotAccepted`]): verifying needs
    /// only the public key, and a private key passed where a public one belongs is usually a
    /// mistake that spreads the private key (RFC 8725 §3.1 keeps each key to its use). Pass
    /// [`Jwk::to_public`] of it instead. The JWK must permit verification: its `use`, if any,
    /// is `"sig"` and its `key_ops`, if any, contains `"verify"` (RFC 7517 §4.2, §4.3).
    ///
    /// ```
    /// use jose_jws::{Error, JwsAlgorithm, VerifyingKey};
    /// use jose_jwk::{EcCurve, Jwk, KeySpec};
    ///
    /// let private = Jwk::generate(KeySpec::Ec(EcCurve::P256))?;
    /// let refused = VerifyingKey::from_jwk(&private, JwsAlgorithm::ES256);
    /// assert!(matches!(refused, Err(Error::PrivateKeyNotAccepted)));
    /// let key = VerifyingKey::from_jwk(&private.to_public()?, JwsAlgorithm::ES256)?;
    /// # let _ = key;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_jwk(jwk: &Jwk, alg: JwsAlgorithm) -> Result<Self, Error> {
        jwk.check_for(alg, KeyRole::Verify).map_err(Error::Key)?;
        if jwk.is_private() && !matches!(jwk.key(), Key::Oct(_)) {
            return Err(Error::PrivateKeyNotAccepted);
        }
        Self::prepare(jwk, alg)
    }

    /// The verification key of `jwk`, which was checked for `alg` (for signing or verifying).
    fn prepare(jwk: &Jwk, alg: JwsAlgorithm) -> Result<Self, Error> {
        let verifier = VerifierImpl::from_jwk(jwk, alg)?;
        Ok(Self {
            alg,
            kid: jwk.kid().map(Arc::from),
            verifier: Arc::new(verifier),
        })
    }

    /// A verification key from a PEM public key (SPKI or PKCS#1), for `alg`. A PEM private
    /// key is refused, as in [`VerifyingKey::from_jwk`].
    pub fn from_pem(pem: &str, alg: JwsAlgorithm) -> Result<Self, Error> {
        Self::from_jwk(&Jwk::from_pem(pem).map_err(Error::Key)?, alg)
    }

    /// A verification key from a DER SubjectPublicKeyInfo, for `alg`.
    pub fn from_spki_der(der: &[u8], alg: JwsAlgorithm) -> Result<Self, Error> {
        Self::from_jwk(&Jwk::from_spki_der(der).map_err(Error::Key)?, alg)
    }

    /// A verification key from a RustCrypto public key (anything a [`Jwk`] converts from, such
    /// as `p256::ecdsa::VerifyingKey` or `rsa::PublicKey`), for `alg`. A private key is
    /// refused, as in [`VerifyingKey::from_jwk`].
    pub fn from_key<'k, K>(key: &'k K, alg: JwsAlgorithm) -> Result<Self, Error>
    where
        Jwk: TryFrom<&'k K>,
        <Jwk as TryFrom<&'k K>>::Error: Into<jose_jwk::Error>,
    {
        Self::from_jwk(&Jwk::try_from(key).map_err(|e| Error::Key(e.into()))?, alg)
    }

    /// An HMAC verification key from secret bytes (see [`SigningKey::hmac`]).
    pub fn hmac(secret: &[u8], alg: JwsAlgorithm) -> Result<Self, Error> {
        Self::from_jwk(&hmac_jwk(secret)?, alg)
    }

    /// **For migrating only**: an HMAC verification key from a secret *shorter* than the hash
    /// output, which [`VerifyingKey::hmac`] refuses (RFC 7518 §3.2 requires at least 32, 48
    /// or 64 bytes for HS256, HS384, HS512). Other stacks accept short secrets, so the tokens
    /// an existing deployment already issued may need one.
    ///
    /// A short secret is weak against offline guessing: anyone holding one token can try
    /// candidate secrets without limit. Use this to keep verifying the old tokens while the
    /// issuer moves to a new, full-length random secret (with a new `kid`), then drop it.
    /// There is no signing counterpart: this library never signs with a short secret. The
    /// secret must not be empty. For a secret held in an `oct` JWK, pass its bytes (the
    /// JWK's `k`, decoded).
    ///
    /// ```
    /// use jose_jws::{JwsAlgorithm, SigningKey, VerifyingKey};
    ///
    /// assert!(VerifyingKey::hmac(b"secret", JwsAlgorithm::HS256).is_err());
    /// assert!(SigningKey::hmac(b"secret", JwsAlgorithm::HS256).is_err());
    /// let legacy = VerifyingKey::hmac_allowing_short_secret(b"secret", JwsAlgorithm::HS256)?
    ///     .with_kid("legacy");
    /// # let _ = legacy;
    /// # Ok::<(), jose_jws::Error>(())
    /// ```
    pub fn hmac_allowing_short_secret(secret: &[u8], alg: JwsAlgorithm) -> Result<Self, Error> {
        Self::from_jwk_allowing_short_secret(&hmac_jwk(secret)?, alg)
    }

    /// **For migrating only**: [`VerifyingKey::from_jwk`] for an `oct` JWK whose secret is
    /// shorter than the hash output (see [`VerifyingKey::hmac_allowing_short_secret`]). Every
    /// other rule still holds: the JWK's `alg`, `use` and `key_ops` must permit verifying with
    /// `alg`, which must be HS256, HS384 or HS512.
    ///
    /// ```
    /// use jose_jwk::Jwk;
    /// use jose_jws::{JwsAlgorithm, VerifyingKey};
    ///
    /// let legacy = Jwk::from_json(r#"{"kty":"oct","kid":"legacy","k":"c2VjcmV0"}"#)?; // "secret"
    /// assert!(VerifyingKey::from_jwk(&legacy, JwsAlgorithm::HS256).is_err());
    /// let key = VerifyingKey::from_jwk_allowing_short_secret(&legacy, JwsAlgorithm::HS256)?;
    /// assert_eq!(key.kid(), Some("legacy"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_jwk_allowing_short_secret(jwk: &Jwk, alg: JwsAlgorithm) -> Result<Self, Error> {
        match jwk.check_for(alg, KeyRole::Verify) {
            Ok(()) => Self::from_jwk(jwk, alg),
            // The size rule comes after the key type's, so the key is `oct`; only the size
            // rule is waived, and only for HMAC: the rules after it are checked on the JWK's
            // own members with a full-length stand-in for the secret.
            Err(jose_jwk::Error::KeySizeMismatch { .. })
                if matches!(
                    alg,
                    JwsAlgorithm::HS256 | JwsAlgorithm::HS384 | JwsAlgorithm::HS512
                ) =>
            {
                let mut stand_in = hmac_jwk(&[0u8; 64])?;
                if let Some(key_alg) = jwk.alg() {
                    stand_in = stand_in.with_alg(key_alg);
                }
                if let Some(key_use) = jwk.key_use() {
                    stand_in = stand_in.with_use(key_use.clone()).map_err(Error::Key)?;
                }
                if let Some(key_ops) = jwk.key_ops() {
                    stand_in = stand_in
                        .with_key_ops(key_ops.to_vec())
                        .map_err(Error::Key)?;
                }
                stand_in
                    .check_for(alg, KeyRole::Verify)
                    .map_err(Error::Key)?;
                Self::prepare(jwk, alg)
            }
            Err(e) => Err(Error::Key(e)),
        }
    }

    /// Sets the key id that [`crate::VerifyingKeyResolver`]s match against a header's `kid`.
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(Arc::from(kid.into()));
        self
    }

    /// The algorithm.
    pub fn alg(&self) -> JwsAlgorithm {
        self.alg
    }

    /// The key id.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// Verifies `signature` over the JWS Signing Input `input`; `low_s_only` refuses high-S
    /// ECDSA signatures (see [`crate::Verifier::require_low_s`]).
    pub(crate) fn verify(
        &self,
        input: &[u8],
        signature: &[u8],
        low_s_only: bool,
    ) -> Result<(), Error> {
        self.verifier.verify(input, signature, low_s_only)
    }
}

fn hmac_jwk(secret: &[u8]) -> Result<Jwk, Error> {
    let key = OctKey::new(SecretBytes::from(secret)).map_err(Error::Key)?;
    Ok(Jwk::new(Key::Oct(key)))
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("alg", &self.alg)
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyingKey")
            .field("alg", &self.alg)
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_send_sync_and_debug_hides_material() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<SigningKey>();
        assert_send_sync::<VerifyingKey>();
        let key = SigningKey::hmac(&[7u8; 32], JwsAlgorithm::HS256)
            .unwrap()
            .with_kid("k");
        let debug = format!("{key:?}");
        assert!(
            debug.contains("HS256") && !debug.contains("7, 7"),
            "{debug}"
        );
        assert_eq!(key.verifying_key().kid(), Some("k"));
    }

    #[test]
    fn keys_from_der_and_rustcrypto() {
        let jwk = Jwk::generate(jose_jwk::KeySpec::Ec(jose_jwk::EcCurve::P256)).unwrap();
        let signing =
            SigningKey::from_pkcs8_der(&jwk.to_pkcs8_der().unwrap(), JwsAlgorithm::ES256).unwrap();
        let verifying =
            VerifyingKey::from_spki_der(&jwk.to_spki_der().unwrap(), JwsAlgorithm::ES256).unwrap();
        let token = crate::compact::sign(&signing, &crate::Header::new(), b"x").unwrap();
        crate::Verifier::new([JwsAlgorithm::ES256])
            .unwrap()
            .verify_compact(&token, &verifying)
            .unwrap();
        let p256_key = p256::ecdsa::VerifyingKey::try_from(&jwk).unwrap();
        let from_key = VerifyingKey::from_key(&p256_key, JwsAlgorithm::ES256).unwrap();
        crate::Verifier::new([JwsAlgorithm::ES256])
            .unwrap()
            .verify_compact(&token, &from_key)
            .unwrap();
        assert!(VerifyingKey::from_key(&p256_key, JwsAlgorithm::ES384).is_err());
        assert!(
            SigningKey::from_pkcs8_der(&jwk.to_spki_der().unwrap(), JwsAlgorithm::ES256).is_err()
        );
    }

    #[test]
    fn hmac_keys_must_be_long_enough() {
        assert!(SigningKey::hmac(&[], JwsAlgorithm::HS256).is_err());
        assert!(SigningKey::hmac(&[1; 31], JwsAlgorithm::HS256).is_err());
        assert!(SigningKey::hmac(&[1; 32], JwsAlgorithm::HS256).is_ok());
        assert!(SigningKey::hmac(&[1; 47], JwsAlgorithm::HS384).is_err());
        assert!(VerifyingKey::hmac(&[1; 63], JwsAlgorithm::HS512).is_err());
        assert!(VerifyingKey::hmac(&[1; 64], JwsAlgorithm::HS512).is_ok());
        assert!(SigningKey::hmac(&[1; 64], JwsAlgorithm::None).is_err());
        assert!(SigningKey::hmac(&[1; 64], JwsAlgorithm::ES256).is_err());
    }
}
