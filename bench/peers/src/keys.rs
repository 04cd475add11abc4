//! The keys, made once per process outside any timing, and the forms each contender reads
//! them in (JWK, PKCS #8 / PKCS #1 DER, PEM, raw bytes).

use std::sync::OnceLock;

use jose_jwk::{EcCurve, Jwk, Key, KeySpec, OkpCurve};

use crate::Alg;

/// Every key of the run. The asymmetric ones are generated when first asked for, so that a
/// run of a few workloads (`--only`, `--profile`, under valgrind) makes only theirs.
pub struct Keys {
    /// HS256: 32 random bytes.
    pub hmac: Vec<u8>,
    /// `dir` with A256GCM: 32 bytes.
    pub dir: Vec<u8>,
    /// A128KW: 16 bytes.
    pub kw: Vec<u8>,
    /// RS256 and PS256 (2048 bits); also the inner signature of the nested JWT.
    rsa: OnceLock<Jwk>,
    p256: OnceLock<Jwk>,
    p384: OnceLock<Jwk>,
    ed25519: OnceLock<Jwk>,
    /// RSA-OAEP-256 (2048 bits), a key of its own.
    rsa_enc: OnceLock<Jwk>,
    /// ECDH-ES+A128KW on P-256.
    p256_enc: OnceLock<Jwk>,
}

fn err(what: &str) -> impl Fn(jose_jwk::Error) -> String + '_ {
    move |e| format!("{what}: {e}")
}

fn random(len: usize) -> Result<Vec<u8>, String> {
    let mut bytes = vec![0u8; len];
    getrandom::fill(&mut bytes).map_err(|e| format!("random bytes: {e}"))?;
    Ok(bytes)
}

/// The key in `cell`, generated from `spec` the first time.
fn lazy<'k>(cell: &'k OnceLock<Jwk>, spec: KeySpec, what: &str) -> Result<&'k Jwk, String> {
    if let Some(jwk) = cell.get() {
        return Ok(jwk);
    }
    let jwk = Jwk::generate(spec).map_err(err(what))?;
    Ok(cell.get_or_init(|| jwk))
}

impl Keys {
    /// The symmetric keys; the others come when asked for. With `fixed`, the HMAC and P-256
    /// signing keys are constants (and the ECDSA signatures, RFC 6979, deterministic): runs
    /// under callgrind then count the same arithmetic.
    pub fn generate(fixed: bool) -> Result<Self, String> {
        let p256 = OnceLock::new();
        if fixed {
            let secret = p256::SecretKey::from_slice(&[0x42; 32]).map_err(|e| e.to_string())?;
            let _ = p256.set(Jwk::from(&secret));
        }
        Ok(Self {
            hmac: if fixed { vec![0x5a; 32] } else { random(32)? },
            dir: random(32)?,
            kw: random(16)?,
            rsa: OnceLock::new(),
            p256,
            p384: OnceLock::new(),
            ed25519: OnceLock::new(),
            rsa_enc: OnceLock::new(),
            p256_enc: OnceLock::new(),
        })
    }

    /// The private JWK of an asymmetric signature algorithm (`None` for HS256).
    pub fn jwk(&self, alg: Alg) -> Result<Option<&Jwk>, String> {
        Ok(Some(match alg {
            Alg::HS256 => return Ok(None),
            Alg::RS256 | Alg::PS256 => lazy(&self.rsa, KeySpec::Rsa { bits: 2048 }, "RSA key")?,
            Alg::ES256 => lazy(&self.p256, KeySpec::Ec(EcCurve::P256), "P-256 key")?,
            Alg::ES384 => lazy(&self.p384, KeySpec::Ec(EcCurve::P384), "P-384 key")?,
            Alg::EdDSA => lazy(
                &self.ed25519,
                KeySpec::Okp(OkpCurve::Ed25519),
                "Ed25519 key",
            )?,
        }))
    }

    /// The RSA-OAEP-256 key.
    pub fn rsa_enc(&self) -> Result<&Jwk, String> {
        lazy(
            &self.rsa_enc,
            KeySpec::Rsa { bits: 2048 },
            "RSA encryption key",
        )
    }

    /// The ECDH-ES key (P-256).
    pub fn p256_enc(&self) -> Result<&Jwk, String> {
        lazy(
            &self.p256_enc,
            KeySpec::Ec(EcCurve::P256),
            "P-256 encryption key",
        )
    }
}

/// The public half of a JWK.
pub fn public(jwk: &Jwk) -> Result<Jwk, String> {
    jwk.to_public().map_err(err("public JWK"))
}

/// PKCS #8 DER of a private key.
pub fn pkcs8_der(jwk: &Jwk) -> Result<Vec<u8>, String> {
    Ok(jwk.to_pkcs8_der().map_err(err("PKCS #8"))?.to_vec())
}

/// PKCS #1 DER of an RSA private key.
pub fn pkcs1_der(jwk: &Jwk) -> Result<Vec<u8>, String> {
    Ok(jwk.to_pkcs1_private_der().map_err(err("PKCS #1"))?.to_vec())
}

/// The RSA modulus and exponent, big-endian.
pub fn rsa_components(jwk: &Jwk) -> Result<(Vec<u8>, Vec<u8>), String> {
    match jwk.key() {
        Key::Rsa(rsa) => Ok((rsa.n().to_vec(), rsa.e().to_vec())),
        _ => Err("not an RSA key".into()),
    }
}

/// The EC public coordinates.
pub fn ec_coordinates(jwk: &Jwk) -> Result<(Vec<u8>, Vec<u8>), String> {
    match jwk.key() {
        Key::Ec(ec) => Ok((ec.x().to_vec(), ec.y().to_vec())),
        _ => Err("not an EC key".into()),
    }
}

/// The Ed25519 seed (`d`) and public key (`x`).
pub fn ed25519_parts(jwk: &Jwk) -> Result<(Vec<u8>, Vec<u8>), String> {
    match jwk.key() {
        Key::Okp(okp) => {
            let d = okp
                .d()
                .ok_or("not a private OKP key")?
                .expose_secret()
                .to_vec();
            Ok((d, okp.x().to_vec()))
        }
        _ => Err("not an OKP key".into()),
    }
}
