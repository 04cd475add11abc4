//! Making DPoP proofs, the client's side (RFC 9449 §4.1, §4.2).

use jose_b64::base64url;
use jose_b64::serde_json::Value;
use jose_jwk::{Jwk, ThumbprintHash};
use jose_jws::{JwsAlgorithm, SigningKey};
use jose_jwt::{Clock, JwtBuilder};
use sha2::{Digest, Sha256};

use crate::Error;
use crate::random::random_id;

/// The `typ` of a DPoP proof (RFC 9449 §4.2).
pub const DPOP_TYP: &str = "dpop+jwt";

/// The client's DPoP key: a private key and the algorithm it signs proofs with.
///
/// ```
/// use jose_jwk::{EcCurve, Jwk, KeySpec};
/// use jose_jws::JwsAlgorithm;
/// use jose_oauth::DpopKey;
///
/// let key = DpopKey::new(&Jwk::generate(KeySpec::Ec(EcCurve::P256))?, JwsAlgorithm::ES256)?;
/// let proof = key
///     .proof("GET", "https://resource.example.org/protectedresource?x=1")
///     .access_token("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU")
///     .sign()?;
/// assert_eq!(proof.split('.').count(), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct DpopKey {
    signing: SigningKey,
    public: Jwk,
    public_json: Value,
}

impl DpopKey {
    /// A DPoP key from a private JWK and an asymmetric algorithm it fits.
    ///
    /// # Errors
    ///
    /// [`Error::DpopAlgorithm`] for a symmetric algorithm or `none` (RFC 9449 §4.2);
    /// [`Error::Jwt`] when the key does not fit the algorithm or is not private.
    pub fn new(private_jwk: &Jwk, alg: JwsAlgorithm) -> Result<Self, Error> {
        if alg.is_symmetric() || alg == JwsAlgorithm::None {
            return Err(Error::DpopAlgorithm {
                alg: alg.as_str().to_owned(),
            });
        }
        let signing = SigningKey::from_jwk(private_jwk, alg)?;
        let public = private_jwk.to_public().map_err(|e| Error::DpopKey {
            reason: e.to_string(),
        })?;
        // Only the key's own members go into the header: no `kid`, `use`, … (RFC 9449 §4.2
        // asks for the public key).
        let bare = Jwk::new(public.key().clone());
        Ok(Self {
            signing,
            public_json: Value::Object(bare.to_map()),
            public,
        })
    }

    /// The public key, as put in each proof's `jwk` header.
    pub fn public_jwk(&self) -> &Jwk {
        &self.public
    }

    /// The RFC 7638 SHA-256 thumbprint of the public key: the `cnf.jkt` of the tokens bound
    /// to it (RFC 9449 §6.1), and the `dpop_jkt` of an authorization request (§10).
    pub fn thumbprint(&self) -> String {
        self.public.thumbprint(ThumbprintHash::Sha256)
    }

    /// A proof for the request `method` `uri` (its query and fragment are left out of
    /// `htu`, RFC 9449 §4.2).
    pub fn proof(&self, method: impl Into<String>, uri: &str) -> DpopProofBuilder<'_> {
        let htu = uri
            .split('#')
            .next()
            .unwrap_or_default()
            .split('?')
            .next()
            .unwrap_or_default()
            .to_owned();
        DpopProofBuilder {
            key: self,
            htm: method.into(),
            htu,
            ath: None,
            nonce: None,
            jti: None,
            clock: None,
        }
    }
}

/// One DPoP proof to sign (made by [`DpopKey::proof`]): `typ` `dpop+jwt`, the public `jwk`,
/// and the claims `jti` (128 random bits), `htm`, `htu`, `iat` (now), with `ath` and
/// `nonce` when set.
#[must_use]
pub struct DpopProofBuilder<'k> {
    key: &'k DpopKey,
    htm: String,
    htu: String,
    ath: Option<String>,
    nonce: Option<String>,
    jti: Option<String>,
    clock: Option<Box<dyn Clock>>,
}

impl core::fmt::Debug for DpopProofBuilder<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("DpopProofBuilder")
            .field("htm", &self.htm)
            .field("htu", &self.htu)
            .field("ath", &self.ath)
            .field("nonce", &self.nonce)
            .finish_non_exhaustive()
    }
}

impl DpopProofBuilder<'_> {
    /// The access token the proof is sent with: sets `ath`, its SHA-256 hash (RFC 9449
    /// §4.2). Default: no `ath` (a request to the token endpoint).
    pub fn access_token(mut self, access_token: &str) -> Self {
        self.ath = Some(access_token_hash(access_token));
        self
    }

    /// The nonce the server sent in its last `DPoP-Nonce` header (RFC 9449 §8, §9).
    /// Default: none.
    pub fn nonce(mut self, nonce: impl Into<String>) -> Self {
        self.nonce = Some(nonce.into());
        self
    }

    /// Sets `jti` (default: 128 fresh random bits; set one only for tests).
    pub fn jwt_id(mut self, jti: impl Into<String>) -> Self {
        self.jti = Some(jti.into());
        self
    }

    /// Reads `iat` from `clock` (default: the system clock).
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Some(Box::new(clock));
        self
    }

    /// Signs the proof: the value of the `DPoP` request header.
    ///
    /// # Errors
    ///
    /// [`Error::Jwt`] when signing fails; [`Error::Configuration`] when the random source
    /// fails.
    pub fn sign(self) -> Result<String, Error> {
        let jti = match self.jti {
            Some(jti) => jti,
            None => random_id()?,
        };
        let mut jwt = JwtBuilder::new()
            .typ(DPOP_TYP)
            .header_param("jwk", self.key.public_json.clone())
            .jwt_id(jti)
            .claim("htm", self.htm)?
            .claim("htu", self.htu)?
            .issued_now()
            .without_expiration();
        if let Some(clock) = self.clock {
            jwt = jwt.clock(BoxedClock(clock));
        }
        if let Some(ath) = self.ath {
            jwt = jwt.claim("ath", ath)?;
        }
        if let Some(nonce) = self.nonce {
            jwt = jwt.claim("nonce", nonce)?;
        }
        Ok(jwt.sign(&self.key.signing)?)
    }
}

struct BoxedClock(Box<dyn Clock>);

impl Clock for BoxedClock {
    fn now(&self) -> std::time::SystemTime {
        self.0.now()
    }
}

/// `ath`: the base64url SHA-256 hash of the access token's ASCII octets (RFC 9449 §4.2).
///
/// ```
/// // RFC 9449 §7.1, Figures 13 and 14.
/// assert_eq!(
///     jose_oauth::access_token_hash("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"),
///     "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo",
/// );
/// ```
pub fn access_token_hash(access_token: &str) -> String {
    base64url::encode(Sha256::digest(access_token.as_bytes()))
}
