//! JWK cases: RFC 7517, RFC 7520 §3, RFC 7638, RFC 8037, RFC 9278.

use jose_jwk::{Jwk, JwkSet, ThumbprintHash};
use serde_json::Value;

use super::{check_eq, member, string};

fn parse(input: &Value) -> Result<Jwk, String> {
    let text = member(input, "jwk")?.to_string();
    Jwk::from_json(&text).map_err(|e| format!("the JWK was rejected: {e}"))
}

fn hash(input: &Value) -> Result<ThumbprintHash, String> {
    match string(input, "hash")? {
        "SHA-256" => Ok(ThumbprintHash::Sha256),
        "SHA-384" => Ok(ThumbprintHash::Sha384),
        "SHA-512" => Ok(ThumbprintHash::Sha512),
        other => Err(format!("unknown hash {other}")),
    }
}

/// The fields every key description shares: `kty`, `crv`, `kid`, `private`.
fn check_fields(jwk: &Jwk, expect: &Value) -> Result<(), String> {
    check_eq("kty", jwk.kty().as_str(), string(expect, "kty")?)?;
    let crv = match jwk.key() {
        jose_jwk::Key::Ec(k) => Some(k.curve().as_str()),
        jose_jwk::Key::Okp(k) => Some(k.curve().as_str()),
        _ => None,
    };
    check_eq("crv", crv, expect.get("crv").and_then(Value::as_str))?;
    check_eq("kid", jwk.kid(), expect.get("kid").and_then(Value::as_str))?;
    check_eq(
        "private",
        Some(jwk.is_private()),
        member(expect, "private")?.as_bool(),
    )
}

pub(crate) fn jwk(input: &Value, expect: &Value) -> Result<(), String> {
    let jwk = parse(input)?;
    check_fields(&jwk, expect)?;
    // Round trip: every member, known or not, comes back with its value.
    check_eq(
        "round trip",
        &Value::Object(jwk.to_map()),
        member(input, "jwk")?,
    )?;
    match (jwk.to_public(), expect.get("public")) {
        (Ok(public), Some(expected)) => {
            check_eq("public JWK", &Value::Object(public.to_map()), expected)?;
            let reparsed = Jwk::from_json(&public.to_json())
                .map_err(|e| format!("public JWK rejected: {e}"))?;
            check_eq("public JWK is public", reparsed.is_private(), false)?;
        }
        (Err(jose_jwk::Error::NoPublicKey), None) => {}
        (public, expected) => {
            return Err(format!(
                "public part: got {public:?}, expected {expected:?}"
            ));
        }
    }
    check_eq(
        "thumbprint",
        jwk.thumbprint(ThumbprintHash::Sha256).as_str(),
        string(expect, "thumbprint_sha256")?,
    )
}

pub(crate) fn jwk_set(input: &Value, expect: &Value) -> Result<(), String> {
    let text = member(input, "jwks")?.to_string();
    let set = JwkSet::from_json(&text).map_err(|e| format!("the JWK Set was rejected: {e}"))?;
    let expected = member(expect, "keys")?
        .as_array()
        .ok_or("expect.keys is not an array")?;
    check_eq("number of keys", set.len(), expected.len())?;
    for (jwk, expected) in set.keys().iter().zip(expected) {
        super::check_members(
            "expect.keys[]",
            expected,
            &["kty", "private"],
            &["crv", "kid"],
        )?;
        check_fields(jwk, expected)?;
        if let Some(kid) = jwk.kid() {
            check_eq(
                "lookup by kid",
                set.find_kid(kid).map_err(|e| e.to_string())?,
                jwk,
            )?;
        }
    }
    check_eq(
        "round trip",
        &Value::Object(set.to_map()),
        member(input, "jwks")?,
    )
}

pub(crate) fn thumbprint(input: &Value, expect: &Value) -> Result<(), String> {
    let jwk = parse(input)?;
    check_eq(
        "thumbprint input",
        jwk.thumbprint_input().as_str(),
        string(expect, "canonical_json")?,
    )?;
    check_eq(
        "thumbprint",
        jwk.thumbprint(hash(input)?).as_str(),
        string(expect, "thumbprint")?,
    )
}

pub(crate) fn thumbprint_uri(input: &Value, expect: &Value) -> Result<(), String> {
    let jwk = parse(input)?;
    let uri = string(expect, "uri")?;
    check_eq(
        "thumbprint URI",
        jwk.thumbprint_uri(hash(input)?).as_str(),
        uri,
    )?;
    check_eq("URI matches", jwk.matches_thumbprint_uri(uri), true)
}

pub(crate) fn x5c(input: &Value, expect: &Value) -> Result<(), String> {
    let jwk = parse(input)?;
    let certs = jwk.x5c().ok_or("the JWK has no x5c")?;
    check_eq(
        "x5c count",
        Some(certs.len() as u64),
        member(expect, "x5c_count")?.as_u64(),
    )?;
    let leaf = certs.first().ok_or("x5c is empty")?;
    let spki = jwk
        .to_spki_der()
        .map_err(|e| format!("SPKI export failed: {e}"))?;
    let contains = leaf.windows(spki.len()).any(|w| w == spki.as_slice());
    check_eq(
        "leaf certificate contains the key",
        Some(contains),
        member(expect, "leaf_contains_key")?.as_bool(),
    )
}
