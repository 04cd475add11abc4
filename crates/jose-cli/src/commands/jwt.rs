//! `jose jwt sign | verify`, on jose-jwt: signed and nested (signed, then encrypted) JWTs.

use std::time::Duration;

use jose_b64::serde_json::{Map, Value};
use jose_jwe::{Decrypter, EncryptingKey, JweAlgorithm, JweEncryption};
use jose_jwk::alg::{Algorithm, KeyRole};
use jose_jws::{JwsAlgorithm, SigningKey};
use jose_jwt::{JwtBuilder, JwtVerifier, NestedJwtVerifier, NumericDate, Validation};

use super::{json_text, jwe, jws};
use crate::cli::values::Time;
use crate::cli::{JwtSignArgs, JwtVerifyArgs};
use crate::error::CliError;
use crate::input;
use crate::keys;
use crate::output;

/// `jose jwt sign`.
pub fn sign(args: &JwtSignArgs) -> Result<(), CliError> {
    let claims = args
        .claims
        .as_deref()
        .map(|text| json_text::object_arg(text, "--claims"))
        .transpose()?
        .unwrap_or_default();
    if args.exp.is_none() && !args.no_exp && !claims.contains_key("exp") {
        return Err(CliError::usage(
            "the token has no expiry: give --exp (15m, or @SECONDS), an \"exp\" in --claims, or --no-exp",
        ));
    }
    let builder = builder(args, claims)?;
    let signing_key = signing_key(args)?;
    let token = match &args.encrypt_key {
        Some(path) => {
            let encrypting_key = encrypting_key(path, args.encrypt_alg)?;
            let enc = args.enc.unwrap_or(JweEncryption::A256Gcm);
            builder.sign_then_encrypt(&signing_key, &encrypting_key, enc)?
        }
        None => builder.sign(&signing_key)?,
    };
    output::stdout_line(&token)
}

/// The claims of `--claims`, then the options; `iat` is the time of signing unless the
/// claims have one.
fn builder(args: &JwtSignArgs, claims: Map<String, Value>) -> Result<JwtBuilder, CliError> {
    let has_iat = claims.contains_key("iat");
    let mut builder = JwtBuilder::new().claims(&claims)?;
    if !has_iat {
        builder = builder.issued_now();
    }
    if let Some(iss) = &args.iss {
        builder = builder.issuer(iss.as_str());
    }
    if let Some(sub) = &args.sub {
        builder = builder.subject(sub.as_str());
    }
    builder = match args.aud.as_slice() {
        [] => builder,
        [one] => builder.audience(one.as_str()),
        several => builder.audiences(several.iter().map(String::as_str)),
    };
    if let Some(jti) = &args.jti {
        builder = builder.jwt_id(jti.as_str());
    }
    builder = match args.exp {
        Some(Time::In(secs)) => builder.expires_in(Duration::from_secs(secs)),
        Some(Time::At(secs)) => builder.expires_at(NumericDate::from_secs(secs)?),
        None if args.no_exp => builder.without_expiration(),
        None => builder,
    };
    builder = match args.nbf {
        Some(Time::In(secs)) => builder.not_before_in(Duration::from_secs(secs)),
        Some(Time::At(secs)) => builder.not_before(NumericDate::from_secs(secs)?),
        None => builder,
    };
    if let Some(typ) = &args.typ {
        builder = builder.typ(typ.as_str());
    }
    if let Some(kid) = &args.kid {
        builder = builder.kid(kid.as_str());
    }
    Ok(builder)
}

fn signing_key(args: &JwtSignArgs) -> Result<SigningKey, CliError> {
    let jwk = keys::for_role(
        &keys::read(&args.key)?,
        args.kid.as_deref(),
        args.alg.map(Algorithm::from),
        KeyRole::Sign,
    )?;
    let alg: JwsAlgorithm = keys::algorithm(args.alg, &jwk)?;
    Ok(SigningKey::from_jwk(&jwk, alg)?)
}

fn encrypting_key(path: &str, alg: Option<JweAlgorithm>) -> Result<EncryptingKey, CliError> {
    let jwk = keys::for_role(
        &keys::read(path)?,
        None,
        alg.map(Algorithm::from),
        KeyRole::Encrypt,
    )?;
    let alg: JweAlgorithm = keys::algorithm(alg, &jwk)?;
    Ok(EncryptingKey::from_jwk(&jwk, alg)?)
}

/// `jose jwt verify`.
pub fn verify(args: &JwtVerifyArgs) -> Result<(), CliError> {
    let verifier = JwtVerifier::new(args.alg.iter().copied(), validation(args)?)?;
    if args.jwks_uri.is_some() || args.issuer.is_some() {
        let token = input::read_token(args.token.as_deref())?;
        let jwt = super::remote::verify(args, &verifier, &token)?;
        return output::json_line(&Value::Object(jwt.into_claims()));
    }
    let key = args
        .key
        .as_deref()
        .ok_or_else(|| CliError::usage("give --key, --jwks-uri or --issuer"))?;
    let verifying_keys = jws::Keys::bind(&keys::read(key)?, &args.alg)?;
    let jwt = match &args.decrypt_key {
        Some(path) => {
            let encs = if args.enc.is_empty() {
                JweEncryption::ALL.to_vec()
            } else {
                args.enc.clone()
            };
            let decrypter = Decrypter::new(args.decrypt_alg.iter().copied(), encs)?;
            let decrypting_keys = jwe::Keys::bind(&keys::read(path)?, &args.decrypt_alg)?;
            let token = input::read_token(args.token.as_deref())?;
            NestedJwtVerifier::new(decrypter, verifier).verify(
                &token,
                &decrypting_keys,
                &verifying_keys,
            )?
        }
        None => {
            let token = input::read_token(args.token.as_deref())?;
            verifier
                .verify(&token, &verifying_keys)
                .map_err(|e| encrypted_hint(e, &token))?
        }
    };
    output::json_line(&Value::Object(jwt.into_claims()))
}

/// A refusal of a JWE (five segments) says which options read one, rather than which library
/// type would.
fn encrypted_hint(error: jose_jwt::Error, token: &str) -> CliError {
    if token.split('.').count() == 5 && matches!(error, jose_jwt::Error::Malformed { .. }) {
        CliError::Rejected {
            code: error.code(),
            message: "invalid JWT: the token is encrypted (a JWE, five segments); give \
                      --decrypt-key and --decrypt-alg to decrypt it and verify the signed JWT \
                      inside"
                .to_owned(),
        }
    } else {
        error.into()
    }
}

/// The claim rules of the options, on the library's defaults.
fn validation(args: &JwtVerifyArgs) -> Result<Validation, CliError> {
    let mut validation = Validation::new().leeway(Duration::from_secs(args.leeway))?;
    if !args.iss.is_empty() {
        validation = validation.issuers(args.iss.iter().map(String::as_str));
    } else if let Some(issuer) = &args.issuer {
        validation = validation.issuer(issuer.as_str());
    }
    if !args.aud.is_empty() {
        validation = validation.audiences(args.aud.iter().map(String::as_str));
    }
    if let Some(sub) = &args.sub {
        validation = validation.subject(sub.as_str());
    }
    if let Some(typ) = &args.typ {
        validation = validation.typ(typ);
    }
    for claim in &args.require {
        validation = validation.require(claim.as_str());
    }
    if args.allow_no_exp {
        validation = validation.allow_missing_expiration();
    }
    Ok(validation)
}
