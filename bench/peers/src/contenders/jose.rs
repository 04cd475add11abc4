//! jose-rs through its public API: `jose-rs` (jose-jwt for the JWT and nested workloads,
//! jose-jwe for the JWE ones) and `jose-jws` (the layer below a JWT: the compact JWS of the
//! claims bytes, payload bytes out, no claims — and for the nested JWT jose-jwe then
//! jose-jws).
//!
//! jose-jwt is used as a server issuing tokens for many users would: a new `JwtBuilder` per
//! token, given the claims and `sign`ed (the peers serialize their claims per token too; a
//! builder reused for identical claims is faster, see jose-jwt's `ratios` bench); a
//! `JwtVerifier` with the issuer and audience (`exp` required, `nbf`
//! checked, no leeway) and `verify_as::<Claims>` into the application's struct.

use jose_jwe::{
    Decrypter, DecryptingKey, EncryptingKey, Header as JweHeader, JweAlgorithm, JweEncryption,
    Limits,
};
use jose_jws::{Header, SigningKey, Verifier, VerifyingKey, compact};
use jose_jwt::{JwtBuilder, JwtVerifier, NestedJwtVerifier, NumericDate, Validation};

use crate::claims::{self, AUD, Claims, EXP, IAT, ISS, JTI, SCOPE, SUB};
use crate::keys::{self, Keys};
use crate::model::{Alg, Built, Contender, Jwe, Plaintext, Producer, Reader};

fn jws_err(e: jose_jws::Error) -> String {
    format!("{} ({})", e, e.code())
}

fn jwe_err(e: jose_jwe::Error) -> String {
    format!("{} ({})", e, e.code())
}

fn jwt_err(e: jose_jwt::Error) -> String {
    format!("{} ({})", e, e.code())
}

/// The fixed claims set in a builder.
fn builder() -> Result<JwtBuilder, String> {
    let date = |secs| NumericDate::from_secs(secs).map_err(jwt_err);
    JwtBuilder::new()
        .issuer(ISS)
        .subject(SUB)
        .audience(AUD)
        .issued_at(date(IAT)?)
        .not_before(date(IAT)?)
        .expires_at(date(EXP)?)
        .jwt_id(JTI)
        .claim("scope", SCOPE)
        .map_err(jwt_err)
}

fn jwt_verifier(alg: Alg) -> Result<JwtVerifier, String> {
    JwtVerifier::new([alg.jose()], Validation::new().issuer(ISS).audience(AUD)).map_err(jwt_err)
}

/// The signing and verifying keys of `alg`.
pub fn jws_keys(alg: Alg, keys: &Keys) -> Result<(SigningKey, VerifyingKey), String> {
    let jwk = keys.jwk(alg)?;
    let alg = alg.jose();
    match jwk {
        None => Ok((
            SigningKey::hmac(&keys.hmac, alg).map_err(jws_err)?,
            VerifyingKey::hmac(&keys.hmac, alg).map_err(jws_err)?,
        )),
        Some(jwk) => Ok((
            SigningKey::from_jwk(jwk, alg).map_err(jws_err)?,
            VerifyingKey::from_jwk(&keys::public(jwk)?, alg).map_err(jws_err)?,
        )),
    }
}

/// The JWE algorithms of a workload.
pub fn jwe_algs(jwe: Jwe) -> (JweAlgorithm, JweEncryption) {
    match jwe {
        Jwe::Dir => (JweAlgorithm::Dir, JweEncryption::A256GCM),
        Jwe::RSA_OAEP_256 => (JweAlgorithm::RSA_OAEP_256, JweEncryption::A256GCM),
        Jwe::ECDH_ES_A128KW => (JweAlgorithm::ECDH_ES_A128KW, JweEncryption::A128GCM),
        Jwe::A128KW => (JweAlgorithm::A128KW, JweEncryption::A128CBC_HS256),
    }
}

/// The encrypting and decrypting keys of a workload.
pub fn jwe_keys(jwe: Jwe, keys: &Keys) -> Result<(EncryptingKey, DecryptingKey), String> {
    let (alg, _) = jwe_algs(jwe);
    let asymmetric = |jwk: &jose_jwk::Jwk| -> Result<_, String> {
        Ok((
            EncryptingKey::from_jwk(&keys::public(jwk)?, alg).map_err(jwe_err)?,
            DecryptingKey::from_jwk(jwk, alg).map_err(jwe_err)?,
        ))
    };
    match jwe {
        Jwe::Dir | Jwe::A128KW => {
            let secret = if jwe == Jwe::Dir { &keys.dir } else { &keys.kw };
            let encrypting = EncryptingKey::symmetric(secret, alg).map_err(jwe_err)?;
            let decrypting = encrypting.to_decrypting_key();
            Ok((encrypting, decrypting))
        }
        Jwe::RSA_OAEP_256 => asymmetric(keys.rsa_enc()?),
        Jwe::ECDH_ES_A128KW => asymmetric(keys.p256_enc()?),
    }
}

fn jwe_encrypter(jwe: Jwe, keys: &Keys, plaintext: &Plaintext) -> Built<Producer> {
    let (_, enc) = jwe_algs(jwe);
    let (key, _) = jwe_keys(jwe, keys)?;
    let header = JweHeader::new();
    let plaintext = match plaintext {
        Plaintext::Claims => claims::payload(),
        Plaintext::Bulk(bytes) => bytes.to_vec(),
    };
    Ok(Some(Box::new(move || {
        jose_jwe::compact::encrypt(&key, enc, &header, &plaintext).map_err(jwe_err)
    })))
}

fn jwe_decrypter(jwe: Jwe, keys: &Keys, bulk: bool) -> Built<Reader> {
    let (alg, enc) = jwe_algs(jwe);
    let (_, key) = jwe_keys(jwe, keys)?;
    let mut decrypter = Decrypter::new([alg], [enc]).map_err(jwe_err)?;
    if bulk {
        // The default cap is 256 KiB of token: raise it for the 1 MiB plaintext.
        decrypter = decrypter.with_limits(
            Limits::DEFAULT
                .with_max_token_len(4 << 20)
                .with_max_header_len(Limits::DEFAULT.max_header_len),
        );
    }
    Ok(Some(Reader::bytes(move |token| {
        decrypter
            .decrypt_compact(token, &key)
            .map(|d| d.plaintext().len())
            .map_err(jwe_err)
    })))
}

/// jose-rs: the JWT layer for the JWT workloads, jose-jwe for the JWE ones.
pub struct JoseRs;

impl Contender for JoseRs {
    fn name(&self) -> &'static str {
        "jose-rs"
    }

    fn jwt_signer(&self, alg: Alg, keys: &Keys) -> Built<Producer> {
        let (key, _) = jws_keys(alg, keys)?;
        builder()?; // a mistake in the claims shows here, not in the timed loop
        Ok(Some(Box::new(move || {
            builder()?.sign(&key).map_err(jwt_err)
        })))
    }

    fn jwt_verifier(&self, alg: Alg, keys: &Keys) -> Built<Reader> {
        let (_, key) = jws_keys(alg, keys)?;
        let verifier = jwt_verifier(alg)?;
        Ok(Some(Reader::claims(move |token| {
            verifier
                .verify_as::<Claims>(token, &key)
                .map(|jwt| claims::witness(&jwt.claims().sub))
                .map_err(jwt_err)
        })))
    }

    fn nested_signer(&self, keys: &Keys) -> Built<Producer> {
        let (signing, _) = jws_keys(Alg::RS256, keys)?;
        let (encrypting, _) = jwe_keys(Jwe::RSA_OAEP_256, keys)?;
        let (_, enc) = jwe_algs(Jwe::RSA_OAEP_256);
        builder()?; // a mistake in the claims shows here, not in the timed loop
        Ok(Some(Box::new(move || {
            builder()?
                .sign_then_encrypt(&signing, &encrypting, enc)
                .map_err(jwt_err)
        })))
    }

    fn nested_verifier(&self, keys: &Keys) -> Built<Reader> {
        let (_, verifying) = jws_keys(Alg::RS256, keys)?;
        let (_, decrypting) = jwe_keys(Jwe::RSA_OAEP_256, keys)?;
        let (alg, enc) = jwe_algs(Jwe::RSA_OAEP_256);
        let decrypter = Decrypter::new([alg], [enc]).map_err(jwe_err)?;
        let verifier = NestedJwtVerifier::new(decrypter, jwt_verifier(Alg::RS256)?);
        Ok(Some(Reader::claims(move |token| {
            verifier
                .verify_as::<Claims>(token, &decrypting, &verifying)
                .map(|jwt| claims::witness(&jwt.claims().sub))
                .map_err(jwt_err)
        })))
    }

    fn jwe_encrypter(&self, jwe: Jwe, keys: &Keys, plaintext: &Plaintext) -> Built<Producer> {
        jwe_encrypter(jwe, keys, plaintext)
    }

    fn jwe_decrypter(&self, jwe: Jwe, keys: &Keys, bulk: bool) -> Built<Reader> {
        jwe_decrypter(jwe, keys, bulk)
    }
}

/// jose-rs below the JWT layer: the compact JWS of the claims bytes (no claims read or
/// checked); for the nested JWT, jose-jwe then jose-jws.
pub struct JoseJws;

impl Contender for JoseJws {
    fn name(&self) -> &'static str {
        "jose-jws"
    }

    fn jwt_signer(&self, alg: Alg, keys: &Keys) -> Built<Producer> {
        let (key, _) = jws_keys(alg, keys)?;
        let header = Header::new().typ("JWT");
        let payload = claims::payload();
        Ok(Some(Box::new(move || {
            compact::sign(&key, &header, &payload).map_err(jws_err)
        })))
    }

    fn jwt_verifier(&self, alg: Alg, keys: &Keys) -> Built<Reader> {
        let (_, key) = jws_keys(alg, keys)?;
        let verifier = Verifier::new([alg.jose()]).map_err(jws_err)?;
        Ok(Some(Reader::bytes(move |token| {
            verifier
                .verify_compact(token, &key)
                .map(|v| v.payload().len())
                .map_err(jws_err)
        })))
    }

    fn nested_signer(&self, keys: &Keys) -> Built<Producer> {
        let (signing, _) = jws_keys(Alg::RS256, keys)?;
        let (encrypting, _) = jwe_keys(Jwe::RSA_OAEP_256, keys)?;
        let (_, enc) = jwe_algs(Jwe::RSA_OAEP_256);
        let (jws_header, jwe_header) = (Header::new().typ("JWT"), JweHeader::new().cty("JWT"));
        let payload = claims::payload();
        Ok(Some(Box::new(move || {
            let inner = compact::sign(&signing, &jws_header, &payload).map_err(jws_err)?;
            jose_jwe::compact::encrypt(&encrypting, enc, &jwe_header, inner.as_bytes())
                .map_err(jwe_err)
        })))
    }

    fn nested_verifier(&self, keys: &Keys) -> Built<Reader> {
        let (_, verifying) = jws_keys(Alg::RS256, keys)?;
        let (_, decrypting) = jwe_keys(Jwe::RSA_OAEP_256, keys)?;
        let (alg, enc) = jwe_algs(Jwe::RSA_OAEP_256);
        let decrypter = Decrypter::new([alg], [enc]).map_err(jwe_err)?;
        let verifier = Verifier::new([Alg::RS256.jose()]).map_err(jws_err)?;
        Ok(Some(Reader::bytes(move |token| {
            let outer = decrypter
                .decrypt_compact(token, &decrypting)
                .map_err(jwe_err)?;
            let inner =
                std::str::from_utf8(outer.plaintext()).map_err(|_| "inner JWS is not UTF-8")?;
            verifier
                .verify_compact(inner, &verifying)
                .map(|v| v.payload().len())
                .map_err(jws_err)
        })))
    }
}
