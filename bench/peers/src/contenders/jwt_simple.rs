//! jwt-simple with its pure-Rust backend (`default-features = false`, features `pure-rust`
//! and `jwe`): p256/p384 0.14 (the same generation as jose-rs), its own HMAC-SHA-256, RSA
//! through `superboring` (rsa 0.9). Its JWE has `ECDH-ES+A*KW`, `A*KW` and `RSA-OAEP` (SHA-1)
//! with `A*GCM` only, and always carries a claims set: of the JWE workloads only
//! ECDH-ES+A128KW+A128GCM applies, and its decryption includes reading and validating the
//! claims.
//!
//! Used as its documentation shows: `key.sign(claims)` / `key.authenticate(claims)`, and
//! `key.verify_token::<T>(token, Some(options))` with the allowed issuer and audience (the
//! options are taken by value, so they are cloned per call).

use jwt_simple::prelude::*;

use crate::claims::{self, AUD, EXP, IAT, ISS, JTI, SCOPE, SUB};
use crate::keys::{self, Keys};
use crate::model::{Alg, Built, Contender, Jwe, Plaintext, Producer, Reader};

/// The claims jwt-simple leaves to the application.
#[derive(Clone, Serialize, Deserialize)]
struct Custom {
    scope: String,
}

fn fixed_claims() -> JWTClaims<Custom> {
    let mut claims = Claims::with_custom_claims(
        Custom {
            scope: SCOPE.into(),
        },
        Duration::from_secs(EXP - IAT),
    );
    claims.issued_at = Some(UnixTimeStamp::from_secs(IAT));
    claims.invalid_before = Some(UnixTimeStamp::from_secs(IAT));
    claims.expires_at = Some(UnixTimeStamp::from_secs(EXP));
    claims.issuer = Some(ISS.into());
    claims.subject = Some(SUB.into());
    claims.audiences = Some(Audiences::AsString(AUD.into()));
    claims.jwt_id = Some(JTI.into());
    claims
}

fn options() -> VerificationOptions {
    VerificationOptions {
        allowed_issuers: Some(HashSet::from_strings(&[ISS])),
        allowed_audiences: Some(HashSet::from_strings(&[AUD])),
        ..Default::default()
    }
}

fn failed(e: jwt_simple::Error) -> String {
    e.to_string()
}

fn witness(claims: &JWTClaims<Custom>) -> usize {
    claims.subject.as_deref().map_or(0, claims::witness)
}

macro_rules! sign_with {
    ($key:expr, $method:ident) => {{
        let key = $key;
        let claims = fixed_claims();
        Ok(Some(
            Box::new(move || key.$method(claims.clone()).map_err(failed)) as Producer,
        ))
    }};
}

macro_rules! verify_with {
    ($key:expr) => {{
        let key = $key;
        let options = options();
        Ok(Some(Reader::claims(move |token| {
            key.verify_token::<Custom>(token, Some(options.clone()))
                .map(|c| witness(&c))
                .map_err(failed)
        })))
    }};
}

pub struct JwtSimple;

impl Contender for JwtSimple {
    fn name(&self) -> &'static str {
        "jwt-simple"
    }

    fn jwt_signer(&self, alg: Alg, keys: &Keys) -> Built<Producer> {
        match (alg, keys.jwk(alg)?) {
            (Alg::HS256, _) => sign_with!(HS256Key::from_bytes(&keys.hmac), authenticate),
            (Alg::RS256, Some(jwk)) => {
                sign_with!(
                    RS256KeyPair::from_der(&keys::pkcs1_der(jwk)?).map_err(failed)?,
                    sign
                )
            }
            (Alg::PS256, Some(jwk)) => {
                sign_with!(
                    PS256KeyPair::from_der(&keys::pkcs1_der(jwk)?).map_err(failed)?,
                    sign
                )
            }
            (Alg::ES256, Some(jwk)) => {
                sign_with!(
                    ES256KeyPair::from_der(&keys::pkcs8_der(jwk)?).map_err(failed)?,
                    sign
                )
            }
            (Alg::ES384, Some(jwk)) => {
                sign_with!(
                    ES384KeyPair::from_der(&keys::pkcs8_der(jwk)?).map_err(failed)?,
                    sign
                )
            }
            (Alg::EdDSA, Some(jwk)) => {
                let (d, x) = keys::ed25519_parts(jwk)?;
                let pair = [d, x].concat();
                sign_with!(Ed25519KeyPair::from_bytes(&pair).map_err(failed)?, sign)
            }
            _ => Ok(None),
        }
    }

    fn jwt_verifier(&self, alg: Alg, keys: &Keys) -> Built<Reader> {
        let rsa = |jwk| -> Result<(Vec<u8>, Vec<u8>), String> { keys::rsa_components(jwk) };
        let sec1 = |jwk| -> Result<Vec<u8>, String> {
            let (x, y) = keys::ec_coordinates(jwk)?;
            Ok([&[4u8][..], &x, &y].concat())
        };
        match (alg, keys.jwk(alg)?) {
            (Alg::HS256, _) => verify_with!(HS256Key::from_bytes(&keys.hmac)),
            (Alg::RS256, Some(jwk)) => {
                let (n, e) = rsa(jwk)?;
                verify_with!(RS256PublicKey::from_components(&n, &e).map_err(failed)?)
            }
            (Alg::PS256, Some(jwk)) => {
                let (n, e) = rsa(jwk)?;
                verify_with!(PS256PublicKey::from_components(&n, &e).map_err(failed)?)
            }
            (Alg::ES256, Some(jwk)) => {
                verify_with!(ES256PublicKey::from_bytes(&sec1(jwk)?).map_err(failed)?)
            }
            (Alg::ES384, Some(jwk)) => {
                verify_with!(ES384PublicKey::from_bytes(&sec1(jwk)?).map_err(failed)?)
            }
            (Alg::EdDSA, Some(jwk)) => {
                let (_, x) = keys::ed25519_parts(jwk)?;
                verify_with!(Ed25519PublicKey::from_bytes(&x).map_err(failed)?)
            }
            _ => Ok(None),
        }
    }

    fn jwe_encrypter(&self, jwe: Jwe, keys: &Keys, plaintext: &Plaintext) -> Built<Producer> {
        if jwe != Jwe::ECDH_ES_A128KW || !matches!(plaintext, Plaintext::Claims) {
            return Ok(None);
        }
        let (x, y) = keys::ec_coordinates(keys.p256_enc()?)?;
        let key = EcdhEsA128KWEncryptionKey::from_bytes(&[&[4u8][..], &x, &y].concat())
            .map_err(failed)?;
        let options = EncryptionOptions {
            content_encryption: ContentEncryption::A128GCM,
            ..Default::default()
        };
        let claims = fixed_claims();
        Ok(Some(Box::new(move || {
            key.encrypt_with_options(claims.clone(), &options)
                .map_err(failed)
        })))
    }

    fn jwe_decrypter(&self, jwe: Jwe, keys: &Keys, bulk: bool) -> Built<Reader> {
        if jwe != Jwe::ECDH_ES_A128KW || bulk {
            return Ok(None);
        }
        let d = match keys.p256_enc()?.key() {
            jose_jwk::Key::Ec(ec) => ec.d().ok_or("no d")?.expose_secret().to_vec(),
            _ => return Err("not an EC key".into()),
        };
        let key = EcdhEsA128KWDecryptionKey::from_bytes(&d).map_err(failed)?;
        Ok(Some(Reader::claims(move |token| {
            key.decrypt_token::<Custom>(token, None)
                .map(|c| witness(&c))
                .map_err(failed)
        })))
    }
}
