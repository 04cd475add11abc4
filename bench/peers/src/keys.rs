//! The keys, made once per process outside any timing, and the forms each contender reads
//! them in (JWK, PKCS #8 / PKCS #1 DER, PEM, raw bytes).

use jose_jwk::{EcCurve, Jwk, Key, KeySpec, OkpCurve};

use crate::Alg;

/// Every key of the run.
pub struct Keys {
    /// HS256: 32 random bytes.
    pub hmac: Vec<u8>,
    /// RS256 and PS256 (2048 bits); also the inner signature of the nested JWT.
    pub rsa: Jwk,
    pub p256: Jwk,
    pub p384: Jwk,
    pub ed25519: Jwk,
    /// RSA-OAEP-256 (2048 bits), a key of its own.
    pub rsa_enc: Jwk,
    /// ECDH-ES+A128KW on P-256.
    pub p256_enc: Jwk,
    /// `dir` with A256GCM: 32 bytes.
    pub dir: Vec<u8>,
    /// A128KW: 16 bytes.
    pub kw: Vec<u8>,
}

fn err(what: &str) -> impl Fn(jose_jwk::Error) -> String + '_ {
    move |e| format!("{what}: {e}")
}

fn random(len: usize) -> Result<Vec<u8>, String> {
    let mut bytes = vec![0u8; len];
    getrandom::fill(&mut bytes).map_err(|e| format!("random bytes: {e}"))?;
    Ok(bytes)
}

impl Keys {
    /// Generates every key.
    pub fn generate() -> Result<Self, String> {
        let gen_key = |spec, what| Jwk::generate(spec).map_err(err(what));
        Ok(Self {
            hmac: random(32)?,
            rsa: gen_key(KeySpec::Rsa { bits: 2048 }, "RSA key")?,
            p256: gen_key(KeySpec::Ec(EcCurve::P256), "P-256 key")?,
            p384: gen_key(KeySpec::Ec(EcCurve::P384), "P-384 key")?,
            ed25519: gen_key(KeySpec::Okp(OkpCurve::Ed25519), "Ed25519 key")?,
            rsa_enc: gen_key(KeySpec::Rsa { bits: 2048 }, "RSA encryption key")?,
            p256_enc: gen_key(KeySpec::Ec(EcCurve::P256), "P-256 encryption key")?,
            dir: random(32)?,
            kw: random(16)?,
        })
    }

    /// The private JWK of an asymmetric signature algorithm.
    pub fn jwk(&self, alg: Alg) -> Option<&Jwk> {
        match alg {
            Alg::HS256 => None,
            Alg::RS256 | Alg::PS256 => Some(&self.rsa),
            Alg::ES256 => Some(&self.p256),
            Alg::ES384 => Some(&self.p384),
            Alg::EdDSA => Some(&self.ed25519),
        }
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
