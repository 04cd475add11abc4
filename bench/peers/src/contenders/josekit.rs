//! josekit (OpenSSL): JWS, JWT, JWE and nested JWTs, keys from JWKs.
//!
//! Used as its documentation shows: `jwt::encode_with_signer(&payload, &header, &signer)`;
//! `jwt::decode_with_verifier(token, &verifier)` then a `JwtPayloadValidator` with the issuer
//! and audience (current time as base), the claims read with its accessors;
//! `jwe::serialize_compact` / `jwe::deserialize_compact`.

use josekit::jwe::{self, JweDecrypter, JweEncrypter, JweHeader};
use josekit::jwk::Jwk;
use josekit::jws::{JwsHeader, JwsSigner, JwsVerifier};
use josekit::jwt::{self, JwtPayload, JwtPayloadValidator};

use crate::claims::{self, AUD, Claims, ISS};
use crate::keys::{self, Keys};
use crate::model::{Alg, Built, Contender, Jwe, Plaintext, Producer, Reader};

fn failed(e: josekit::JoseError) -> String {
    e.to_string()
}

fn jwk(jwk: &jose_jwk::Jwk) -> Result<Jwk, String> {
    Jwk::from_bytes(jwk.to_json().as_bytes()).map_err(failed)
}

fn signer(alg: Alg, keys: &Keys) -> Result<Box<dyn JwsSigner>, String> {
    use josekit::jws::{ES256, ES384, EdDSA, HS256, PS256, RS256};
    Ok(match (alg, keys.jwk(alg)?) {
        (Alg::HS256, _) => Box::new(HS256.signer_from_bytes(&keys.hmac).map_err(failed)?),
        (Alg::RS256, Some(key)) => Box::new(RS256.signer_from_jwk(&jwk(key)?).map_err(failed)?),
        (Alg::PS256, Some(key)) => Box::new(PS256.signer_from_jwk(&jwk(key)?).map_err(failed)?),
        (Alg::ES256, Some(key)) => Box::new(ES256.signer_from_jwk(&jwk(key)?).map_err(failed)?),
        (Alg::ES384, Some(key)) => Box::new(ES384.signer_from_jwk(&jwk(key)?).map_err(failed)?),
        (Alg::EdDSA, Some(key)) => Box::new(EdDSA.signer_from_jwk(&jwk(key)?).map_err(failed)?),
        _ => return Err(format!("no key for {}", alg.name())),
    })
}

fn verifier(alg: Alg, keys: &Keys) -> Result<Box<dyn JwsVerifier>, String> {
    use josekit::jws::{ES256, ES384, EdDSA, HS256, PS256, RS256};
    let public = |key| -> Result<Jwk, String> { jwk(&keys::public(key)?) };
    Ok(match (alg, keys.jwk(alg)?) {
        (Alg::HS256, _) => Box::new(HS256.verifier_from_bytes(&keys.hmac).map_err(failed)?),
        (Alg::RS256, Some(key)) => {
            Box::new(RS256.verifier_from_jwk(&public(key)?).map_err(failed)?)
        }
        (Alg::PS256, Some(key)) => {
            Box::new(PS256.verifier_from_jwk(&public(key)?).map_err(failed)?)
        }
        (Alg::ES256, Some(key)) => {
            Box::new(ES256.verifier_from_jwk(&public(key)?).map_err(failed)?)
        }
        (Alg::ES384, Some(key)) => {
            Box::new(ES384.verifier_from_jwk(&public(key)?).map_err(failed)?)
        }
        (Alg::EdDSA, Some(key)) => {
            Box::new(EdDSA.verifier_from_jwk(&public(key)?).map_err(failed)?)
        }
        _ => return Err(format!("no key for {}", alg.name())),
    })
}

fn encrypter(jwe: Jwe, keys: &Keys) -> Result<Box<dyn JweEncrypter>, String> {
    use josekit::jwe::{A128KW, Dir, ECDH_ES_A128KW, RSA_OAEP_256};
    Ok(match jwe {
        Jwe::Dir => Box::new(Dir.encrypter_from_bytes(&keys.dir).map_err(failed)?),
        Jwe::RSA_OAEP_256 => Box::new(
            RSA_OAEP_256
                .encrypter_from_jwk(&jwk(&keys::public(keys.rsa_enc()?)?)?)
                .map_err(failed)?,
        ),
        Jwe::ECDH_ES_A128KW => Box::new(
            ECDH_ES_A128KW
                .encrypter_from_jwk(&jwk(&keys::public(keys.p256_enc()?)?)?)
                .map_err(failed)?,
        ),
        Jwe::A128KW => Box::new(A128KW.encrypter_from_bytes(&keys.kw).map_err(failed)?),
    })
}

fn decrypter(jwe: Jwe, keys: &Keys) -> Result<Box<dyn JweDecrypter>, String> {
    use josekit::jwe::{A128KW, Dir, ECDH_ES_A128KW, RSA_OAEP_256};
    Ok(match jwe {
        Jwe::Dir => Box::new(Dir.decrypter_from_bytes(&keys.dir).map_err(failed)?),
        Jwe::RSA_OAEP_256 => Box::new(
            RSA_OAEP_256
                .decrypter_from_jwk(&jwk(keys.rsa_enc()?)?)
                .map_err(failed)?,
        ),
        Jwe::ECDH_ES_A128KW => Box::new(
            ECDH_ES_A128KW
                .decrypter_from_jwk(&jwk(keys.p256_enc()?)?)
                .map_err(failed)?,
        ),
        Jwe::A128KW => Box::new(A128KW.decrypter_from_bytes(&keys.kw).map_err(failed)?),
    })
}

fn payload() -> Result<JwtPayload, String> {
    match serde_json::to_value(Claims::fixed()).map_err(|e| e.to_string())? {
        serde_json::Value::Object(map) => JwtPayload::from_map(map).map_err(failed),
        _ => Err("claims are not an object".into()),
    }
}

fn validator() -> JwtPayloadValidator {
    let mut validator = JwtPayloadValidator::new();
    validator.set_issuer(ISS);
    validator.set_audience(AUD);
    validator
}

/// Validates a decoded payload and reads the subject.
fn read(payload: &JwtPayload, validator: &JwtPayloadValidator) -> Result<usize, String> {
    validator.validate(payload).map_err(failed)?;
    if payload.expires_at().is_none() {
        return Err("no exp".into());
    }
    Ok(payload.subject().map_or(0, claims::witness))
}

fn jwe_header(jwe: Jwe, cty: Option<&str>) -> JweHeader {
    let mut header = JweHeader::new();
    header.set_content_encryption(jwe.enc());
    if let Some(cty) = cty {
        header.set_content_type(cty);
    }
    header
}

pub struct Josekit;

impl Contender for Josekit {
    fn name(&self) -> &'static str {
        "josekit"
    }

    fn jwt_signer(&self, alg: Alg, keys: &Keys) -> Built<Producer> {
        let signer = signer(alg, keys)?;
        let mut header = JwsHeader::new();
        header.set_token_type("JWT");
        let payload = payload()?;
        Ok(Some(Box::new(move || {
            jwt::encode_with_signer(&payload, &header, &*signer).map_err(failed)
        })))
    }

    fn jwt_verifier(&self, alg: Alg, keys: &Keys) -> Built<Reader> {
        let verifier = verifier(alg, keys)?;
        let validator = validator();
        Ok(Some(Reader::claims(move |token| {
            let (payload, _) = jwt::decode_with_verifier(token, &*verifier).map_err(failed)?;
            read(&payload, &validator)
        })))
    }

    fn jwe_encrypter(&self, jwe: Jwe, keys: &Keys, plaintext: &Plaintext) -> Built<Producer> {
        let encrypter = encrypter(jwe, keys)?;
        let header = jwe_header(jwe, None);
        let plaintext = match plaintext {
            Plaintext::Claims => claims::payload(),
            Plaintext::Bulk(bytes) => bytes.to_vec(),
        };
        Ok(Some(Box::new(move || {
            jwe::serialize_compact(&plaintext, &header, &*encrypter).map_err(failed)
        })))
    }

    fn jwe_decrypter(&self, jwe: Jwe, keys: &Keys, _bulk: bool) -> Built<Reader> {
        let decrypter = decrypter(jwe, keys)?;
        Ok(Some(Reader::bytes(move |token| {
            jwe::deserialize_compact(token, &*decrypter)
                .map(|(plaintext, _)| plaintext.len())
                .map_err(failed)
        })))
    }

    fn nested_signer(&self, keys: &Keys) -> Built<Producer> {
        let signer = signer(Alg::RS256, keys)?;
        let encrypter = encrypter(Jwe::RSA_OAEP_256, keys)?;
        let mut jws_header = JwsHeader::new();
        jws_header.set_token_type("JWT");
        let header = jwe_header(Jwe::RSA_OAEP_256, Some("JWT"));
        let payload = payload()?;
        Ok(Some(Box::new(move || {
            let inner = jwt::encode_with_signer(&payload, &jws_header, &*signer).map_err(failed)?;
            jwe::serialize_compact(inner.as_bytes(), &header, &*encrypter).map_err(failed)
        })))
    }

    fn nested_verifier(&self, keys: &Keys) -> Built<Reader> {
        let verifier = verifier(Alg::RS256, keys)?;
        let decrypter = decrypter(Jwe::RSA_OAEP_256, keys)?;
        let validator = validator();
        Ok(Some(Reader::claims(move |token| {
            let (inner, _) = jwe::deserialize_compact(token, &*decrypter).map_err(failed)?;
            let (payload, _) = jwt::decode_with_verifier(&inner, &*verifier).map_err(failed)?;
            read(&payload, &validator)
        })))
    }
}
