//! OAuth and OpenID Connect cases: RFC 9449 (DPoP), RFC 9068 (JWT access tokens),
//! OpenID Connect Core 1.0 App. A (ID tokens, `at_hash`, `c_hash`).
//!
//! Five kinds (documented in `tests/vectors/README.md`):
//!
//! - `dpop-proof`: verify a DPoP proof for a request at a time, then refuse its replay, other
//!   requests, a later time, another access token and a changed signature;
//! - `dpop-binding`: a `cnf` claim binds the token to a proof's key, and not to another key;
//! - `oidc-token-hash`: an `at_hash` / `c_hash` value;
//! - `oidc-id-token`: verify an ID token with its provider's key, nonce and hashes;
//! - `at-jwt`: a JWT access token with the RFC's header and claims, signed by the runner.

use std::time::Instant;

use jose_jwk::{EcCurve, Jwk, KeySpec};
use jose_jws::{Header, JwsAlgorithm, SigningKey, VerifyingKey};
use jose_jwt::{FixedClock, Validation};
use jose_oauth::{
    AccessTokenVerifier, Confirmation, DpopProof, DpopRequest, DpopVerifier, IdTokenContext,
    IdTokenVerifier, MemoryReplayStore, access_token_hash, token_hash,
};
use serde_json::{Map, Value};

use super::{check_eq, member, string};

fn now(input: &Value) -> Result<u64, String> {
    member(input, "now")?
        .as_u64()
        .ok_or_else(|| "\"now\" is not a number".to_owned())
}

fn alg(name: &str) -> Result<JwsAlgorithm, String> {
    name.parse().map_err(|e: jose_jwk::Error| e.to_string())
}

fn optional<'a>(input: &'a Value, name: &str) -> Option<&'a str> {
    input.get(name).and_then(Value::as_str)
}

/// Expects a refusal with `code`.
fn refused<T>(what: &str, result: Result<T, jose_oauth::Error>, code: &str) -> Result<(), String> {
    match result {
        Ok(_) => Err(format!("{what} was accepted")),
        Err(e) => check_eq(what, e.code(), code),
    }
}

/// The first bit of the last segment flipped.
fn tamper(token: &str) -> String {
    let (head, last) = token.rsplit_once('.').unwrap_or((token, ""));
    let mut chars: Vec<char> = last.chars().collect();
    if let Some(first) = chars.first_mut() {
        *first = if *first == 'A' { 'Q' } else { 'A' };
    }
    format!("{head}.{}", chars.into_iter().collect::<String>())
}

fn dpop_verifier(input: &Value, at: u64) -> Result<DpopVerifier, String> {
    let names = member(input, "algs")?
        .as_array()
        .ok_or("\"algs\" is not an array")?;
    let algs = names
        .iter()
        .map(|n| alg(n.as_str().unwrap_or_default()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(DpopVerifier::new(algs)
        .map_err(|e| e.to_string())?
        .clock(FixedClock::at_secs(at)))
}

fn dpop_request<'a>(input: &'a Value) -> Result<DpopRequest<'a>, String> {
    let request = DpopRequest::new(string(input, "method")?, string(input, "uri")?);
    Ok(match optional(input, "access_token") {
        Some(at) => request.access_token(at),
        None => request,
    })
}

fn verify_proof(input: &Value) -> Result<DpopProof, String> {
    dpop_verifier(input, now(input)?)?
        .verify_without_replay_check(string(input, "proof")?, &dpop_request(input)?)
        .map_err(|e| format!("refused: {} ({e})", e.code()))
}

/// `dpop-proof`.
pub(crate) fn dpop_proof(input: &Value, expect: &Value) -> Result<(), String> {
    let proof = string(input, "proof")?;
    let at = now(input)?;
    let verifier = dpop_verifier(input, at)?;
    let request = dpop_request(input)?;
    let verified = verify_proof(input)?;
    check_eq("jti", verified.jwt_id(), string(expect, "jti")?)?;
    check_eq(
        "iat",
        verified.issued_at(),
        member(expect, "iat")?.as_u64().unwrap_or_default(),
    )?;
    check_eq(
        "thumbprint",
        verified.thumbprint(),
        string(expect, "thumbprint")?,
    )?;
    // Once only.
    let store = MemoryReplayStore::new(16);
    let t = Instant::now();
    let window = verifier.replay_window();
    let first = store.insert_if_absent_at(&verified.replay_key(), window, t);
    let second = store.insert_if_absent_at(&verified.replay_key(), window, t);
    check_eq(
        "first use, then replay",
        (first, second),
        (Ok(true), Ok(false)),
    )?;
    // Other requests, a later time, a changed signature.
    let method = if string(input, "method")? == "GET" {
        "POST"
    } else {
        "GET"
    };
    let uri = string(input, "uri")?;
    let other_host = uri.replacen("://", "://evil.", 1);
    let mut other_method = DpopRequest::new(method, uri);
    let mut other_uri = DpopRequest::new(string(input, "method")?, &other_host);
    if let Some(token) = optional(input, "access_token") {
        other_method = other_method.access_token(token);
        other_uri = other_uri.access_token(token);
    }
    refused(
        "another method",
        verifier.verify_without_replay_check(proof, &other_method),
        "ERR_DPOP_HTM_MISMATCH",
    )?;
    refused(
        "another host",
        verifier.verify_without_replay_check(proof, &other_uri),
        "ERR_DPOP_HTU_MISMATCH",
    )?;
    let with_query = format!("{uri}?q=1#f");
    let same = DpopRequest::new(string(input, "method")?, &with_query);
    let same = match optional(input, "access_token") {
        Some(token) => same.access_token(token),
        None => same,
    };
    verifier
        .verify_without_replay_check(proof, &same)
        .map_err(|e| format!("a query and fragment on the request URI: {e}"))?;
    let later = dpop_verifier(input, at + 3600)?;
    refused(
        "an hour later",
        later.verify_without_replay_check(proof, &request),
        "ERR_DPOP_IAT_OUT_OF_WINDOW",
    )?;
    refused(
        "a changed signature",
        verifier.verify_without_replay_check(&tamper(proof), &request),
        "ERR_DPOP_INVALID_PROOF",
    )?;
    if let Some(token) = optional(input, "access_token") {
        check_eq(
            "ath",
            access_token_hash(token).as_str(),
            string(expect, "ath")?,
        )?;
        let other = format!("{token}x");
        let r = DpopRequest::new(string(input, "method")?, uri).access_token(&other);
        refused(
            "another access token",
            verifier.verify_without_replay_check(proof, &r),
            "ERR_DPOP_ATH_MISMATCH",
        )?;
    }
    Ok(())
}

/// `dpop-binding`.
pub(crate) fn dpop_binding(input: &Value, _expect: &Value) -> Result<(), String> {
    let verified = verify_proof(input)?;
    let mut claims = Map::new();
    claims.insert("cnf".into(), member(input, "cnf")?.clone());
    let cnf = Confirmation::from_claims(&claims)
        .map_err(|e| e.to_string())?
        .ok_or("no cnf")?;
    verified
        .check_bound(Some(&cnf))
        .map_err(|e| format!("not bound: {e}"))?;
    let other = Jwk::generate(KeySpec::Ec(EcCurve::P256)).map_err(|e| e.to_string())?;
    refused(
        "another key",
        cnf.check_bound_to(&other),
        "ERR_DPOP_KEY_BINDING_MISMATCH",
    )
}

/// `oidc-token-hash`.
pub(crate) fn token_hash_case(input: &Value, expect: &Value) -> Result<(), String> {
    let hash = token_hash(alg(string(input, "alg")?)?, string(input, "value")?)
        .map_err(|e| e.to_string())?;
    check_eq("hash", hash.as_str(), string(expect, "hash")?)
}

/// `oidc-id-token`.
pub(crate) fn id_token(input: &Value, expect: &Value) -> Result<(), String> {
    let alg = alg(string(input, "alg")?)?;
    let jwk = Jwk::from_json(&member(input, "jwk")?.to_string()).map_err(|e| e.to_string())?;
    let key = VerifyingKey::from_jwk(&jwk, alg).map_err(|e| e.to_string())?;
    let issuer = string(input, "issuer")?;
    let client_id = string(input, "client_id")?;
    let token = string(input, "id_token")?;
    let verifier = |client: &str| -> Result<IdTokenVerifier, String> {
        Ok(IdTokenVerifier::new([alg], issuer, client)
            .map_err(|e| e.to_string())?
            .clock(FixedClock::at_secs(now(input)?)))
    };
    let mut context = IdTokenContext::new().nonce(string(input, "nonce")?);
    if let Some(at) = optional(input, "access_token") {
        context = context.access_token(at);
    }
    if let Some(code) = optional(input, "code") {
        context = context.code(code);
    }
    let id = verifier(client_id)?
        .verify(token, &key, &context)
        .map_err(|e| format!("refused: {} ({e})", e.code()))?;
    check_eq("sub", id.subject(), string(expect, "sub")?)?;
    let claims = member(expect, "claims")?.as_object().ok_or("claims")?;
    check_eq("claims", id.claims(), claims)?;
    refused(
        "another nonce",
        verifier(client_id)?.verify(token, &key, &IdTokenContext::new().nonce("other")),
        "ERR_OIDC_NONCE_MISMATCH",
    )?;
    refused(
        "another client",
        verifier("another-client")?.verify(token, &key, &context),
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
    )?;
    if verifier(client_id)?
        .verify(&tamper(token), &key, &context)
        .is_ok()
    {
        return Err("a changed signature was accepted".into());
    }
    if let Some(at) = optional(input, "access_token") {
        let other = IdTokenContext::new()
            .nonce(string(input, "nonce")?)
            .access_token(format!("{at}x"));
        refused(
            "another access token",
            verifier(client_id)?.verify(token, &key, &other),
            "ERR_OIDC_TOKEN_HASH_MISMATCH",
        )?;
    }
    if let Some(code) = optional(input, "code") {
        let other = IdTokenContext::new()
            .nonce(string(input, "nonce")?)
            .code(format!("{code}x"));
        refused(
            "another code",
            verifier(client_id)?.verify(token, &key, &other),
            "ERR_OIDC_TOKEN_HASH_MISMATCH",
        )?;
    }
    Ok(())
}

/// `at-jwt`: the RFC's header parameters (but `alg`) and claims, signed with a fresh ES256
/// key (the RFC shows no key or signature), verified as a JWT access token.
pub(crate) fn at_jwt(input: &Value, expect: &Value) -> Result<(), String> {
    let header_in = member(input, "header")?.as_object().ok_or("header")?;
    let claims = member(input, "claims")?;
    let jwk = Jwk::generate(KeySpec::Ec(EcCurve::P256)).map_err(|e| e.to_string())?;
    let key = SigningKey::from_jwk(&jwk, JwsAlgorithm::ES256).map_err(|e| e.to_string())?;
    let sign = |typ: Option<&str>, claims: &Value| -> Result<String, String> {
        let mut header = Header::new();
        for (name, value) in header_in {
            header = match (name.as_str(), typ) {
                ("alg", _) => header,
                ("typ", Some(typ)) => header.typ(typ),
                ("typ", None) => header,
                _ => header
                    .param(name, value.clone())
                    .map_err(|e| e.to_string())?,
            };
        }
        jose_jws::compact::sign(&key, &header, claims.to_string().as_bytes())
            .map_err(|e| e.to_string())
    };
    let typ = header_in.get("typ").and_then(Value::as_str);
    let verifier = AccessTokenVerifier::new(
        [JwsAlgorithm::ES256],
        Validation::new()
            .issuer(string(claims, "iss")?)
            .audience(string(claims, "aud")?)
            .clock(FixedClock::at_secs(now(input)?)),
    )
    .map_err(|e| e.to_string())?;
    let at = verifier
        .verify(&sign(typ, claims)?, key.verifying_key())
        .map_err(|e| format!("refused: {} ({e})", e.code()))?;
    check_eq("sub", at.subject(), string(expect, "sub")?)?;
    check_eq("client_id", at.client_id(), string(expect, "client_id")?)?;
    let scopes: Vec<&str> = at.scope().iter().collect();
    let expected: Vec<&str> = member(expect, "scope")?
        .as_array()
        .ok_or("scope")?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    check_eq("scope", scopes, expected)?;
    refused(
        "typ JWT",
        verifier.verify(&sign(Some("JWT"), claims)?, key.verifying_key()),
        "ERR_OAUTH_TOKEN_TYPE",
    )?;
    refused(
        "no typ",
        verifier.verify(&sign(None, claims)?, key.verifying_key()),
        "ERR_OAUTH_TOKEN_TYPE",
    )?;
    let mut without = claims.clone();
    if let Some(map) = without.as_object_mut() {
        map.remove("client_id");
    }
    refused(
        "no client_id",
        verifier.verify(&sign(typ, &without)?, key.verifying_key()),
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
    )
}
