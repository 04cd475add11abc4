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

/// The members a kind reads: required and optional ones, in `input` and in `expect`. A case
/// with any other member, or without a required one, fails before it runs, so that a typo in
/// a vector cannot disable a check.
struct Shape {
    input: &'static [&'static str],
    input_optional: &'static [&'static str],
    expect: &'static [&'static str],
    expect_optional: &'static [&'static str],
}

const fn shape(
    input: &'static [&'static str],
    input_optional: &'static [&'static str],
    expect: &'static [&'static str],
    expect_optional: &'static [&'static str],
) -> Shape {
    Shape {
        input,
        input_optional,
        expect,
        expect_optional,
    }
}

/// The shape of each kind (the kinds' modules say what each member means).
fn shape_of(kind: &str) -> Option<Shape> {
    Some(match kind {
        "base64url" => shape(&[], &["octets", "text"], &["encoded"], &[]),
        "jwk" => shape(
            &["jwk"],
            &[],
            &["kty", "private", "thumbprint_sha256"],
            &["crv", "kid", "public"],
        ),
        "jwk-set" => shape(&["jwks"], &[], &["keys"], &[]),
        "thumbprint" => shape(
            &["jwk", "hash"],
            &[],
            &["thumbprint", "canonical_json"],
            &[],
        ),
        "thumbprint-uri" => shape(&["jwk", "hash"], &[], &["uri"], &[]),
        "jwk-x5c" => shape(&["jwk"], &[], &["x5c_count", "leaf_contains_key"], &[]),
        "jws-compact" => shape(
            &["jwk", "alg", "token"],
            &["protected_b64", "payload_b64", "payload", "detached"],
            &["protected", "sign_compare"],
            &["payload", "payload_b64"],
        ),
        "jws-json" => shape(
            &["json", "keys"],
            &["payload_b64", "payload", "options"],
            &["sign_compare"],
            &["payload", "payload_b64"],
        ),
        "jws-reject" => shape(
            &["jwk", "alg", "allowed"],
            &["token", "json"],
            &["error_code"],
            &[],
        ),
        "jwe-content" => shape(
            &["enc", "key_hex", "plaintext_hex", "iv_hex", "aad_hex"],
            &[],
            &["ciphertext_hex", "tag_hex"],
            &[],
        ),
        "jwe-compact-decrypt" => shape(
            &["alg", "enc", "token"],
            &["jwk", "password", "options"],
            &["plaintext", "protected"],
            &[],
        ),
        "jwk-encrypted" => shape(
            &["jwe_compact", "password"],
            &["content_type"],
            &["jwk"],
            &[],
        ),
        "jwe-ecdh-agreement" => shape(
            &["alg", "enc", "recipient_jwk"],
            &["ephemeral_jwk", "ephemeral_secret_hex", "apu", "apv"],
            &["epk"],
            &["z_hex", "z_octets", "derived_key", "cek", "encrypted_key"],
        ),
        "jwe-json-decrypt" => shape(
            &["json", "enc", "keys"],
            &["options"],
            &["plaintext", "protected"],
            &["aad"],
        ),
        "jwe-json-reject" => shape(
            &["json", "enc", "keys"],
            &["options"],
            &["error_code"],
            &["error_contains"],
        ),
        "jwt-verify" => shape(
            &["jwk", "alg", "token", "now"],
            &["validation"],
            &["claims", "protected"],
            &[],
        ),
        "jwt-reject" => shape(
            &["jwk", "alg", "token", "now"],
            &["validation"],
            &["error_code"],
            &[],
        ),
        "jwt-decrypt" => shape(
            &["jwk", "alg", "enc", "token", "now"],
            &["validation", "options"],
            &["claims", "protected"],
            &[],
        ),
        "jwt-nested" => shape(
            &[
                "jwe_jwk", "jwe_alg", "enc", "jws_jwk", "jws_alg", "token", "now",
            ],
            &["validation", "options"],
            &["claims", "protected", "outer_protected"],
            &[],
        ),
        "dpop-proof" => shape(
            &["proof", "method", "uri", "algs", "now"],
            &["access_token"],
            &["iat", "jti", "thumbprint"],
            &["ath"],
        ),
        "dpop-binding" => shape(
            &[
                "proof",
                "method",
                "uri",
                "algs",
                "now",
                "access_token",
                "cnf",
            ],
            &[],
            &[],
            &[],
        ),
        "at-jwt" => shape(
            &["header", "claims", "now"],
            &[],
            &["sub", "client_id", "scope"],
            &[],
        ),
        "oidc-id-token" => shape(
            &[
                "jwk",
                "alg",
                "id_token",
                "issuer",
                "client_id",
                "nonce",
                "now",
            ],
            &["access_token", "code"],
            &["claims", "sub"],
            &[],
        ),
        "oidc-token-hash" => shape(&["alg", "value"], &[], &["hash"], &[]),
        _ => return None,
    })
}

/// Checks that `value` (the case's `input` or `expect`) is an object with every `required`
/// member and no member outside `required` and `optional`.
pub(crate) fn check_members(
    what: &str,
    value: &Value,
    required: &[&str],
    optional: &[&str],
) -> Result<(), String> {
    let object = value
        .as_object()
        .ok_or_else(|| format!("\"{what}\" is not an object"))?;
    if let Some(missing) = required.iter().find(|name| !object.contains_key(**name)) {
        return Err(format!(
            "\"{what}\" has no \"{missing}\", which this kind requires"
        ));
    }
    if let Some(unknown) = object
        .keys()
        .find(|name| !required.contains(&name.as_str()) && !optional.contains(&name.as_str()))
    {
        return Err(format!(
            "\"{what}\" has the member \"{unknown}\", which this kind does not read"
        ));
    }
    Ok(())
}

/// Runs a case of any known kind.
pub(crate) fn run(case: &Case) -> Result<(), String> {
    let shape =
        shape_of(&case.kind).ok_or_else(|| format!("unknown case kind \"{}\"", case.kind))?;
    check_members("input", &case.input, shape.input, shape.input_optional)?;
    check_members("expect", &case.expect, shape.expect, shape.expect_optional)?;
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
