//! JWT cases: RFC 7519 §3.1, §6.1, App. A.1, A.2 and RFC 7520 §6.
//!
//! Four kinds (documented in `tests/vectors/README.md`):
//!
//! - `jwt-verify`: verify a signed JWT with the algorithm pinned and validate its claims at
//!   the case's time;
//! - `jwt-reject`: a JWT the verifier must refuse, with a given error code;
//! - `jwt-decrypt`: decrypt an encrypted JWT and validate its claims;
//! - `jwt-nested`: decrypt a nested JWT, verify the inner signature with its own pinned
//!   algorithm and key, and validate the claims.
//!
//! Each positive case is also checked at `exp` (refused, `ERR_JWT_EXPIRED`) and with its last
//! segment tampered with (refused: `ERR_JWS_SIGNATURE_VERIFICATION_FAILED` for a signature,
//! `ERR_JWE_DECRYPTION_FAILED` for a tag), and a nested case with another inner algorithm
//! pinned (`ERR_JOSE_ALG_NOT_ALLOWED`).

use jose_b64::base64url;
use jose_jwe::{Decrypter, DecryptingKey, JweAlgorithm, JweEncryption};
use jose_jwk::Jwk;
use jose_jws::{JwsAlgorithm, VerifyingKey};
use jose_jwt::{
    FixedClock, Jwt, JwtDecrypter, JwtVerifier, NestedJwtVerifier, NumericDate, Validation,
};
use serde_json::{Map, Value};

use super::{check_eq, member, string};

/// `jwt-verify`: verify, validate, then refuse at `exp` and when tampered with.
pub(crate) fn verify(input: &Value, expect: &Value) -> Result<(), String> {
    let alg = jws_alg(string(input, "alg")?)?;
    let key = verifying_key(member(input, "jwk")?, alg)?;
    let token = string(input, "token")?;
    let run = |token: &str, now: u64| {
        JwtVerifier::new([alg], validation(input, now)?)
            .map_err(|e| e.to_string())?
            .verify(token, &key)
            .map_err(|e| e.code().to_owned())
    };
    let jwt = run(token, now(input)?).map_err(|code| format!("refused: {code}"))?;
    check_claims(&jwt, expect)?;
    check_expiry(&jwt, |now| run(token, now))?;
    refused(
        "a changed signature",
        run(&tamper(token)?, now(input)?),
        SIGNATURE_FAILED,
    )
}

/// `jwt-reject`: the verifier refuses the token with `expect.error_code`.
pub(crate) fn reject(input: &Value, expect: &Value) -> Result<(), String> {
    let alg = jws_alg(string(input, "alg")?)?;
    let key = verifying_key(member(input, "jwk")?, alg)?;
    let verifier =
        JwtVerifier::new([alg], validation(input, now(input)?)?).map_err(|e| e.to_string())?;
    match verifier.verify(string(input, "token")?, &key) {
        Ok(_) => Err("the JWT was accepted".into()),
        Err(e) => check_eq("error code", e.code(), string(expect, "error_code")?),
    }
}

/// `jwt-decrypt`: decrypt, validate, then refuse at `exp` and with a changed tag.
pub(crate) fn decrypt(input: &Value, expect: &Value) -> Result<(), String> {
    let (alg, enc) = jwe_algs(input, "alg")?;
    let key = decrypting_key(member(input, "jwk")?, alg)?;
    let decrypter = decrypter(input, alg, enc)?;
    let token = string(input, "token")?;
    let run = |token: &str, now: u64| {
        // RFC 7519 App. A.1 is an encrypted-only JWT with public-key key management (RSA1_5),
        // which JwtDecrypter reads only on request.
        JwtDecrypter::new(decrypter.clone(), validation(input, now)?)
            .allow_public_key_encryption()
            .decrypt(token, &key)
            .map_err(|e| e.code().to_owned())
    };
    let jwt = run(token, now(input)?).map_err(|code| format!("refused: {code}"))?;
    check_claims(&jwt, expect)?;
    check_expiry(&jwt, |now| run(token, now))?;
    refused(
        "a changed tag",
        run(&tamper(token)?, now(input)?),
        DECRYPTION_FAILED,
    )
}

/// `jwt-nested`: decrypt, verify the inner JWT, validate; refuse at `exp`, with a changed
/// tag, and with the inner key given for the outer algorithm's place (another key).
pub(crate) fn nested(input: &Value, expect: &Value) -> Result<(), String> {
    let (jwe_alg, enc) = jwe_algs(input, "jwe_alg")?;
    let jws_alg = jws_alg(string(input, "jws_alg")?)?;
    let decrypting = decrypting_key(member(input, "jwe_jwk")?, jwe_alg)?;
    let verifying = verifying_key(member(input, "jws_jwk")?, jws_alg)?;
    let decrypter = decrypter(input, jwe_alg, enc)?;
    let token = string(input, "token")?;
    let run = |token: &str, now: u64, alg: JwsAlgorithm| {
        let inner = JwtVerifier::new([alg], validation(input, now)?).map_err(|e| e.to_string())?;
        NestedJwtVerifier::new(decrypter.clone(), inner)
            .verify(token, &decrypting, &verifying)
            .map_err(|e| e.code().to_owned())
    };
    let jwt = run(token, now(input)?, jws_alg).map_err(|code| format!("refused: {code}"))?;
    check_claims(&jwt, expect)?;
    let outer = jwt.encryption().ok_or("no outer JWE reported")?;
    check_eq(
        "outer protected header",
        &Value::Object(outer.protected_header().clone()),
        member(expect, "outer_protected")?,
    )?;
    check_expiry(&jwt, |now| run(token, now, jws_alg))?;
    refused(
        "a changed tag",
        run(&tamper(token)?, now(input)?, jws_alg),
        DECRYPTION_FAILED,
    )?;
    // The inner signature is checked with the caller's pinned algorithm: another one refuses.
    let other = if jws_alg == JwsAlgorithm::ES256 {
        JwsAlgorithm::RS256
    } else {
        JwsAlgorithm::ES256
    };
    refused(
        "another inner algorithm",
        run(token, now(input)?, other),
        ALG_NOT_ALLOWED,
    )
}

fn check_claims(jwt: &Jwt, expect: &Value) -> Result<(), String> {
    check_eq(
        "claims",
        &Value::Object(jwt.claims().clone()),
        member(expect, "claims")?,
    )?;
    check_eq(
        "protected header",
        &Value::Object(jwt.header().clone()),
        member(expect, "protected")?,
    )
}

/// The token is refused with `ERR_JWT_EXPIRED` at its `exp`.
fn check_expiry(jwt: &Jwt, run: impl Fn(u64) -> Result<Jwt, String>) -> Result<(), String> {
    let exp = jwt
        .registered()
        .expires_at()
        .map(NumericDate::secs)
        .ok_or("the JWT has no exp")?;
    match run(exp) {
        Ok(_) => Err("the JWT was accepted at its exp".into()),
        Err(code) => check_eq("error code at exp", code.as_str(), "ERR_JWT_EXPIRED"),
    }
}

const SIGNATURE_FAILED: &str = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
const DECRYPTION_FAILED: &str = "ERR_JWE_DECRYPTION_FAILED";
const ALG_NOT_ALLOWED: &str = "ERR_JOSE_ALG_NOT_ALLOWED";

/// `result` is a refusal with the error code `code`.
fn refused(what: &str, result: Result<Jwt, String>, code: &str) -> Result<(), String> {
    match result {
        Ok(_) => Err(format!("{what} was accepted")),
        Err(actual) => check_eq(&format!("error code of {what}"), actual.as_str(), code),
    }
}

/// The token with the first bit of its last segment flipped.
fn tamper(token: &str) -> Result<String, String> {
    let (rest, last) = token.rsplit_once('.').ok_or("the token has no '.'")?;
    let mut bytes = base64url::decode(last).map_err(|e| format!("last segment: {e}"))?;
    let first = bytes.first_mut().ok_or("the last segment is empty")?;
    *first ^= 0x80;
    Ok(format!("{rest}.{}", base64url::encode(&bytes)))
}

/// The case's `validation` (its `issuer`) at `now`.
fn validation(input: &Value, now: u64) -> Result<Validation, String> {
    let mut validation = Validation::new().clock(FixedClock::at_secs(now));
    let options = input.get("validation").and_then(Value::as_object);
    for (name, value) in options.into_iter().flat_map(Map::iter) {
        match (name.as_str(), value.as_str()) {
            ("issuer", Some(issuer)) => validation = validation.issuer(issuer),
            _ => return Err(format!("unknown validation option {name}: {value}")),
        }
    }
    Ok(validation)
}

fn now(input: &Value) -> Result<u64, String> {
    member(input, "now")?
        .as_u64()
        .ok_or_else(|| "\"now\" is not a whole number of seconds".into())
}

fn jws_alg(name: &str) -> Result<JwsAlgorithm, String> {
    name.parse().map_err(|e| format!("alg {name}: {e}"))
}

fn jwe_algs(input: &Value, alg: &str) -> Result<(JweAlgorithm, JweEncryption), String> {
    let alg = string(input, alg)?
        .parse()
        .map_err(|e| format!("{alg}: {e}"))?;
    let enc = string(input, "enc")?
        .parse()
        .map_err(|e| format!("enc: {e}"))?;
    Ok((alg, enc))
}

fn jwk(value: &Value) -> Result<Jwk, String> {
    Jwk::from_json(&value.to_string()).map_err(|e| format!("jwk: {e}"))
}

fn verifying_key(value: &Value, alg: JwsAlgorithm) -> Result<VerifyingKey, String> {
    // The public part of a private key (an `oct` key has none: it is used as it is).
    let jwk = jwk(value)?;
    let public = jwk.to_public().unwrap_or(jwk);
    VerifyingKey::from_jwk(&public, alg).map_err(|e| format!("the verifying key: {e}"))
}

fn decrypting_key(value: &Value, alg: JweAlgorithm) -> Result<DecryptingKey, String> {
    DecryptingKey::from_jwk(&jwk(value)?, alg).map_err(|e| format!("the decrypting key: {e}"))
}

fn decrypter(input: &Value, alg: JweAlgorithm, enc: JweEncryption) -> Result<Decrypter, String> {
    match input.get("options").and_then(|o| o.get("allow_rsa1_5")) {
        None => Decrypter::new([alg], [enc]),
        Some(Value::Bool(true)) => Decrypter::new_allowing_rsa1_5([alg], [enc]),
        Some(other) => {
            return Err(format!(
                "\"options.allow_rsa1_5\" must be true, not {other}"
            ));
        }
    }
    .map_err(|e| e.to_string())
}
