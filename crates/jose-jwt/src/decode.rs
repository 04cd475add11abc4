//! Reading a JWT Claims Set (RFC 7519 §7.2 steps 9–10): a strict JSON object, the registered
//! claims typed, the application's claims deserialized — in one pass.
//!
//! The application's type `T` is deserialized from a proxy of the top-level object
//! ([`proxy`]) that, on the way, rejects duplicate member names, reads each registered claim
//! and checks its type (handing `T` the same value), and notes the required claims seen.
//! The input is checked to be UTF-8 first (serde_json does not check the members `T` skips).
//! Duplicate names below the top level, the depth bound and lone surrogates in skipped members
//! need a walk of the whole input, which is made first, with `jose-b64`'s strict parser, only
//! when the input can have them: when it has a `{` besides the first, many `[`, or a `\uD…`
//! escape. Numbers in members that `T` skips are checked for their syntax only.

mod found;
mod proxy;

use jose_b64::JsonKind;
use jose_b64::json::JsonLimits;
use jose_b64::serde_json::Value;
use serde::de::DeserializeOwned;

use crate::claims::RegisteredClaims;
use crate::{Error, NumericDate};
use jose_b64::printable;

use found::Found;

/// The bounds on a claims set: nesting depth 32, 256 KiB (the largest token is 256 KiB).
pub(crate) const CLAIMS_LIMITS: JsonLimits = JsonLimits::new(32, 256 * 1024);

/// Reads `payload` as a claims set: the registered claims and the application's `T`.
/// `required` names claims that must be present.
pub(crate) fn decode<T: DeserializeOwned>(
    payload: &[u8],
    required: &[String],
) -> Result<(RegisteredClaims, T), Error> {
    if payload.len() > CLAIMS_LIMITS.max_bytes || may_nest(payload) {
        match CLAIMS_LIMITS.check(payload) {
            Ok(JsonKind::Object) => {}
            Ok(found) => return Err(Error::ClaimsSet(jose_b64::Error::NotAnObject { found })),
            Err(e) => return Err(Error::ClaimsSet(e)),
        }
    }
    let (registered, custom, missing) = proxy::read::<T>(payload, required)?;
    if let Some(claim) = missing {
        return Err(Error::MissingClaim { claim });
    }
    Ok((registered, custom))
}

/// The strict check and the registered claims only.
#[cfg(test)]
pub(crate) fn registered(payload: &[u8], required: &[String]) -> Result<RegisteredClaims, Error> {
    decode::<serde::de::IgnoredAny>(payload, required).map(|(registered, _)| registered)
}

/// Checks `value` as verification checks the registered claim `name` (nothing for another
/// name): for a producer, which must not make what a verifier refuses.
pub(crate) fn check_value(name: &str, value: &Value) -> Result<(), Error> {
    let Some(slot) = registered_slot(name) else {
        return Ok(());
    };
    // The checks of `store`, without keeping the values.
    let found = Found::of(value);
    match slot {
        0 => string("iss", &found).map(drop),
        1 => string("sub", &found).map(drop),
        2 => audience(&found).map(drop),
        3 => date("exp", &found).map(drop),
        4 => date("nbf", &found).map(drop),
        5 => date("iat", &found).map(drop),
        _ => string("jti", &found).map(drop),
    }
}

/// Whether the input may hold what only the full strict walk finds: an object below the top
/// level (duplicate names), arrays nested deeper than the limit, or a `\uD…` escape (a lone
/// surrogate in a member that the application's type skips). Brackets and escapes inside
/// strings count too, which only ever asks for the walk when it is not needed.
fn may_nest(payload: &[u8]) -> bool {
    let (braces, brackets, backslashes) = (
        count(payload, b'{'),
        count(payload, b'['),
        count(payload, b'\\'),
    );
    let surrogate = || {
        payload
            .windows(3)
            .any(|w| matches!(w, [b'\\', b'u', d] if (d | 0x20) == b'd'))
    };
    braces > 1
        || brackets >= CLAIMS_LIMITS.max_depth as usize - 1
        || (backslashes > 0 && surrogate())
}

/// How many times `byte` occurs in `bytes`: byte-wide counters over chunks of 255, which the
/// compiler vectorizes.
fn count(bytes: &[u8], byte: u8) -> usize {
    bytes
        .chunks(255)
        .map(|chunk| usize::from(chunk.iter().fold(0u8, |n, &b| n + u8::from(b == byte))))
        .sum()
}

/// The application's type did not fit. Messages that could quote a claim's value (which may
/// have been encrypted) keep only where the problem is.
fn custom_error(e: &serde_json::Error) -> Error {
    let text = e.to_string();
    let reason = if text.starts_with("missing field") || text.starts_with("unknown field") {
        text
    } else {
        format!(
            "a claim has the wrong type or value (line {}, column {})",
            e.line(),
            e.column()
        )
    };
    Error::CustomClaims { reason }
}

/// The slot of a registered claim name (`iss`, `sub`, `aud`, `exp`, `nbf`, `iat`, `jti`).
fn registered_slot(name: &str) -> Option<usize> {
    match name {
        "iss" => Some(0),
        "sub" => Some(1),
        "aud" => Some(2),
        "exp" => Some(3),
        "nbf" => Some(4),
        "iat" => Some(5),
        "jti" => Some(6),
        _ => None,
    }
}

/// Checks the type of registered claim `slot` and stores it in `claims`.
fn store(claims: &mut RegisteredClaims, slot: usize, found: &Found<'_>) -> Result<(), Error> {
    match slot {
        0 => claims.set_iss(string("iss", found)?),
        1 => claims.set_sub(string("sub", found)?),
        2 => match audience(found)? {
            Found::Str(one) => claims.set_aud([one.as_ref()], false),
            Found::Array(values, _) => claims.set_aud(values.iter().map(|v| v.as_ref()), true),
            _ => {}
        },
        3 => claims.exp = Some(date("exp", found)?),
        4 => claims.nbf = Some(date("nbf", found)?),
        5 => claims.iat = Some(date("iat", found)?),
        _ => claims.set_jti(string("jti", found)?),
    }
    Ok(())
}

fn string<'f>(claim: &'static str, found: &'f Found<'_>) -> Result<&'f str, Error> {
    match found {
        Found::Str(s) => Ok(s),
        other => Err(Error::invalid_claim(
            claim,
            format!("must be a string, found {}", other.kind()),
        )),
    }
}

fn date(claim: &'static str, found: &Found<'_>) -> Result<NumericDate, Error> {
    let result = match *found {
        Found::Unsigned(n) => NumericDate::from_u64(n),
        Found::Signed(n) => NumericDate::from_i64(n),
        Found::Float(n) => NumericDate::from_f64(n),
        ref other => {
            return Err(Error::invalid_claim(
                claim,
                format!(
                    "must be a NumericDate (a JSON number of seconds), found {}",
                    other.kind()
                ),
            ));
        }
    };
    result.map_err(|problem| Error::invalid_claim(claim, problem.describe()))
}

/// `aud` itself when it is a non-empty string or a non-empty array of non-empty strings.
fn audience<'f, 'a>(found: &'f Found<'a>) -> Result<&'f Found<'a>, Error> {
    let invalid = |reason: String| Error::invalid_claim("aud", reason);
    match found {
        Found::Str(s) if s.is_empty() => Err(invalid("must not be an empty string".into())),
        Found::Array(_, Some(kind)) => Err(invalid(format!(
            "must be a string or an array of strings, found an array holding {kind}"
        ))),
        Found::Array(values, None) if values.is_empty() => {
            Err(invalid("must not be an empty array".into()))
        }
        Found::Array(values, None) if values.iter().any(|v| v.is_empty()) => {
            Err(invalid("must not hold an empty string".into()))
        }
        Found::Str(_) | Found::Array(..) => Ok(found),
        other => Err(invalid(format!(
            "must be a string or an array of strings, found {}",
            other.kind()
        ))),
    }
}

/// Attacker-chosen values for messages.
pub(crate) fn shown<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    values.map(printable).collect()
}

#[cfg(test)]
mod tests;
