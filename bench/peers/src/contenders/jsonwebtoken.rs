//! jsonwebtoken, with the backend of the build: `rust_crypto` (default) or `aws_lc_rs`
//! (feature `aws-lc`). JWS/JWT only: it has no JWE.
//!
//! Used as its documentation shows: `encode(&Header::new(alg), &claims, &key)` and
//! `decode::<Claims>(token, &key, &validation)` with the issuer and audience set (`exp`
//! required by default, 60 s leeway).

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};

use crate::claims::{self, AUD, Claims, ISS};
use crate::keys::{self, Keys};
use crate::model::{Alg, Built, Contender, Producer, Reader};

fn algorithm(alg: Alg) -> Algorithm {
    match alg {
        Alg::HS256 => Algorithm::HS256,
        Alg::RS256 => Algorithm::RS256,
        Alg::PS256 => Algorithm::PS256,
        Alg::ES256 => Algorithm::ES256,
        Alg::ES384 => Algorithm::ES384,
        Alg::EdDSA => Algorithm::EdDSA,
    }
}

fn failed(e: jsonwebtoken::errors::Error) -> String {
    e.to_string()
}

pub struct Jsonwebtoken;

impl Contender for Jsonwebtoken {
    fn name(&self) -> &'static str {
        if cfg!(feature = "aws-lc") {
            "jsonwebtoken (aws-lc-rs)"
        } else {
            "jsonwebtoken"
        }
    }

    fn jwt_signer(&self, alg: Alg, keys: &Keys) -> Built<Producer> {
        let key = match (alg, keys.jwk(alg)?) {
            (Alg::HS256, _) => EncodingKey::from_secret(&keys.hmac),
            (Alg::RS256 | Alg::PS256, Some(jwk)) => {
                EncodingKey::from_rsa_der(&keys::pkcs1_der(jwk)?)
            }
            (Alg::ES256 | Alg::ES384, Some(jwk)) => {
                EncodingKey::from_ec_der(&keys::pkcs8_der(jwk)?)
            }
            (Alg::EdDSA, Some(jwk)) => EncodingKey::from_ed_der(&keys::pkcs8_der(jwk)?),
            _ => return Ok(None),
        };
        let header = Header::new(algorithm(alg));
        let claims = Claims::fixed();
        Ok(Some(Box::new(move || {
            encode(&header, &claims, &key).map_err(failed)
        })))
    }

    fn jwt_verifier(&self, alg: Alg, keys: &Keys) -> Built<Reader> {
        let b64 = crate::contenders::floor::b64;
        let key = match (alg, keys.jwk(alg)?) {
            (Alg::HS256, _) => DecodingKey::from_secret(&keys.hmac),
            (Alg::RS256 | Alg::PS256, Some(jwk)) => {
                let (n, e) = keys::rsa_components(jwk)?;
                DecodingKey::from_rsa_raw_components(&n, &e)
            }
            (Alg::ES256 | Alg::ES384, Some(jwk)) => {
                let (x, y) = keys::ec_coordinates(jwk)?;
                DecodingKey::from_ec_components(&b64(&x), &b64(&y)).map_err(failed)?
            }
            (Alg::EdDSA, Some(jwk)) => {
                let (_, x) = keys::ed25519_parts(jwk)?;
                DecodingKey::from_ed_components(&b64(&x)).map_err(failed)?
            }
            _ => return Ok(None),
        };
        let mut validation = Validation::new(algorithm(alg));
        validation.set_issuer(&[ISS]);
        validation.set_audience(&[AUD]);
        Ok(Some(Reader::claims(move |token| {
            decode::<Claims>(token, &key, &validation)
                .map(|data| claims::witness(&data.claims.sub))
                .map_err(failed)
        })))
    }
}
