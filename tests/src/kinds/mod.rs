//! One module per case kind.

mod base64url;
mod jwe;
mod jwe_ecdh;
mod jwe_json;
mod jwk;
mod jws;
mod jwt;
mod oauth;

use serde_json::Value;

use crate::Case;

/// Runs a case of any known kind.
pub(crate) fn run(case: &Case) -> Result<(), String> {
    match case.kind.as_str() {
        "base64url" => base64url::run(&case.input, &case.expect),
        "jwk" => jwk::jwk(&case.input, &case.expect),
        "jwk-set" => jwk::jwk_set(&case.input, &case.expect),
        "thumbprint" => jwk::thumbprint(&case.input, &case.expect),
        "thumbprint-uri" => jwk::thumbprint_uri(&case.input, &case.expect),
        "jwk-x5c" => jwk::x5c(&case.input, &case.expect),
        "jws-compact" => jws::compact(&case.input, &case.expect),
        "jws-json" => jws::json(&case.input, &case.expect),
        "jws-reject" => jws::reject(&case.input, &case.expect),
        "jwe-content" => jwe::content(&case.input, &case.expect),
        "jwe-compact-decrypt" => jwe::compact_decrypt(&case.input, &case.expect),
        "jwk-encrypted" => jwe::jwk_encrypted(&case.input, &case.expect),
        "jwe-ecdh-agreement" => jwe_ecdh::agreement(&case.input, &case.expect),
        "jwe-json-decrypt" => jwe_json::decrypt(&case.input, &case.expect),
        "jwe-json-reject" => jwe_json::reject(&case.input, &case.expect),
        "jwt-verify" => jwt::verify(&case.input, &case.expect),
        "jwt-reject" => jwt::reject(&case.input, &case.expect),
        "jwt-decrypt" => jwt::decrypt(&case.input, &case.expect),
        "jwt-nested" => jwt::nested(&case.input, &case.expect),
        "dpop-proof" => oauth::dpop_proof(&case.input, &case.expect),
        "dpop-binding" => oauth::dpop_binding(&case.input, &case.expect),
        "oidc-token-hash" => oauth::token_hash_case(&case.input, &case.expect),
        "oidc-id-token" => oauth::id_token(&case.input, &case.expect),
        "at-jwt" => oauth::at_jwt(&case.input, &case.expect),
        other => Err(format!("unknown case kind \"{other}\"")),
    }
}

/// A member of a case object.
pub(crate) fn member<'a>(value: &'a Value, name: &str) -> Result<&'a Value, String> {
    value
        .get(name)
        .ok_or_else(|| format!("the case has no \"{name}\""))
}

/// A string member of a case object.
pub(crate) fn string<'a>(value: &'a Value, name: &str) -> Result<&'a str, String> {
    member(value, name)?
        .as_str()
        .ok_or_else(|| format!("\"{name}\" is not a string"))
}

/// Compares an actual value with the expected one.
pub(crate) fn check_eq<T: PartialEq + std::fmt::Debug>(
    what: &str,
    actual: T,
    expected: T,
) -> Result<(), String> {
    if actual == expected {
        Ok(())
    } else {
        Err(format!("{what}: got {actual:?}, expected {expected:?}"))
    }
}
