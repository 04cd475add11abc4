//! JWS cases: RFC 7515 App. A, RFC 7520 §4, RFC 7797 §4, RFC 8037 App. A.4 and A.5.
//!
//! Three kinds (documented in `tests/vectors/README.md`):
//!
//! - `jws-compact`: verify a compact JWS (attached or detached payload) and, where the
//!   algorithm is deterministic, sign again and compare the output byte for byte;
//! - `jws-json`: verify a general or flattened JWS JSON Serialization (every signature must
//!   verify) and, where deterministic, sign again and compare the members;
//! - `jws-reject`: a JWS that the verifier must refuse, with a given error code.

use jose_b64::base64url;
use jose_jwk::Jwk;
use jose_jws::compact::{self, ProtectedHeader};
use jose_jws::json::{self, Signer};
use jose_jws::{
    Header, JwsAlgorithm, SignaturePolicy, SigningKey, VerifiedJws, Verifier, VerifyingKey,
};
use serde_json::{Map, Value};

use super::{check_eq, member, string};

/// `jws-compact`: verify, tamper, and (with `sign_compare`) sign again.
pub(crate) fn compact(input: &Value, expect: &Value) -> Result<(), String> {
    let jwk_value = member(input, "jwk")?;
    let alg = algorithm(string(input, "alg")?)?;
    let token = string(input, "token")?;
    let detached = flag(input, "detached")?;
    let payload_in = payload(input, "input")?;
    let key = verifying_key(jwk_value, alg)?;
    if detached && payload_in.is_none() {
        return Err("a detached case needs input.payload or input.payload_b64".into());
    }
    let verifier = Verifier::new([alg]).map_err(|e| e.to_string())?;
    let verify = |token: &str| match payload_in.as_deref().filter(|_| detached) {
        None => verifier.verify_compact(token, &key),
        Some(payload) => verifier.verify_compact_detached(token, payload, &key),
    };

    let verified = verify(token).map_err(|e| rejected(&e))?;
    check_eq("alg", verified.alg(), alg)?;
    check_payload(&verified, expect)?;
    check_eq(
        "protected header",
        &Value::Object(verified.protected_header().clone()),
        member(expect, "protected")?,
    )?;
    let header_segment = token.split('.').next().unwrap_or_default();
    if let Some(encoded) = input.get("protected_b64") {
        check_eq(
            "the token's protected header segment",
            Some(header_segment),
            encoded.as_str(),
        )?;
    }
    if verify(&tamper_compact(token)?).is_ok() {
        return Err("the JWS still verified after its signature was changed".into());
    }

    if !sign_compare(expect)? {
        return Ok(());
    }
    let payload = payload_in.ok_or("sign_compare needs input.payload or input.payload_b64")?;
    let signing_key = signing_key(jwk_value, alg)?;
    let protected = ProtectedHeader::decode(string(input, "protected_b64")?)
        .map_err(|e| format!("input.protected_b64: {e}"))?;
    let signed = if detached {
        // The only way to sign detached is from a Header: build it from the RFC's header.
        compact::sign_detached(&signing_key, &header_from(protected.value())?, &payload)
    } else {
        compact::sign_with_protected(&signing_key, &protected, &payload)
    }
    .map_err(|e| format!("signing failed: {e} ({})", e.code()))?;
    check_eq("re-signed compact JWS", signed.as_str(), token)
}

/// `jws-json`: verify under `SignaturePolicy::All`, tamper each signature, and (with
/// `sign_compare`) sign again and compare the members.
pub(crate) fn json(input: &Value, expect: &Value) -> Result<(), String> {
    let serialization = member(input, "json")?;
    let jws = serialization
        .as_object()
        .ok_or("input.json is not an object")?;
    let keys = keys(input)?;
    let options = Options::of(input)?;
    let payload_in = payload(input, "input")?;
    if options.detached && payload_in.is_none() {
        return Err("a detached case needs input.payload or input.payload_b64".into());
    }
    let signatures = signatures(jws)?;
    check_eq("number of keys", keys.len(), signatures.len())?;

    let mut algorithms: Vec<JwsAlgorithm> = Vec::new();
    let mut verifying_keys = Vec::new();
    for key in &keys {
        if !algorithms.contains(&key.alg) {
            algorithms.push(key.alg);
        }
        verifying_keys.push(key.verifying_key()?);
    }
    let verifier = options.verifier(algorithms)?;
    let verify = |text: &str| {
        verify_json(
            &verifier,
            text,
            payload_in.as_deref().filter(|_| options.detached),
            &verifying_keys,
        )
    };

    let verified = verify(&serialization.to_string()).map_err(|e| rejected(&e))?;
    check_payload(&verified, expect)?;
    check_eq(
        "signatures that verified",
        verified.verified_indexes().to_vec(),
        (0..signatures.len()).collect(),
    )?;
    check_eq("alg of signature 0", verified.alg(), keys[0].alg)?;
    let first = signatures[0];
    let protected = match first.get("protected") {
        Some(Value::String(encoded)) => ProtectedHeader::decode(encoded)
            .map_err(|e| format!("signature 0 protected header: {e}"))?
            .into_value(),
        _ => Map::new(),
    };
    check_eq(
        "protected header of signature 0",
        verified.protected_header(),
        &protected,
    )?;
    check_eq(
        "unprotected header of signature 0",
        verified
            .unprotected_header()
            .map(|h| Value::Object(h.clone())),
        first.get("header").cloned(),
    )?;
    for index in 0..signatures.len() {
        let tampered = tamper_json(serialization, index)?;
        if verify(&tampered.to_string()).is_ok() {
            return Err(format!(
                "the JWS still verified after signature {index} was changed"
            ));
        }
    }

    if !sign_compare(expect)? {
        return Ok(());
    }
    let payload = payload_in.ok_or("sign_compare needs input.payload or input.payload_b64")?;
    let flattened = !jws.contains_key("signatures");
    let mut signer = Signer::new(&payload);
    let mut signing_keys = Vec::new();
    for (key, signature) in keys.iter().zip(&signatures) {
        let signing_key = signing_key(&key.jwk, key.alg)?;
        let protected = match signature.get("protected") {
            None => None,
            Some(Value::String(encoded)) => Some(
                ProtectedHeader::decode(encoded)
                    .map_err(|e| format!("a protected header of input.json: {e}"))?,
            ),
            Some(_) => return Err("a \"protected\" member is not a string".into()),
        };
        let unprotected = unprotected(signature)?;
        signer = signer.signature_with_protected(&signing_key, protected.as_ref(), unprotected);
        signing_keys.push((signing_key, protected));
    }
    if options.detached {
        signer = signer.detached();
    }
    let produced = if flattened {
        signer.sign_flattened()
    } else {
        signer.sign_general()
    }
    .map_err(|e| format!("signing failed: {e} ({})", e.code()))?;
    compare_json(
        "re-signed JWS (exact protected headers)",
        &produced,
        serialization,
    )?;

    // The flattened form again, from a Header rebuilt from the RFC's protected header.
    if let ([(signing_key, Some(protected))], true) = (signing_keys.as_slice(), flattened) {
        let header = header_from(protected.value())?;
        let unprotected = unprotected(signatures[0])?;
        let produced = if options.detached {
            json::sign_flattened_detached(signing_key, &header, unprotected, &payload)
        } else {
            json::sign_flattened(signing_key, &header, unprotected, &payload)
        }
        .map_err(|e| format!("sign_flattened failed: {e} ({})", e.code()))?;
        compare_json("re-signed flattened JWS (Header)", &produced, serialization)?;
    }
    Ok(())
}

/// `jws-reject`: the verifier must refuse the JWS with `expect.error_code`.
pub(crate) fn reject(input: &Value, expect: &Value) -> Result<(), String> {
    let alg = algorithm(string(input, "alg")?)?;
    let key = verifying_key(member(input, "jwk")?, alg)?;
    let allowed = member(input, "allowed")?
        .as_array()
        .ok_or("input.allowed is not an array")?
        .iter()
        .map(|a| algorithm(a.as_str().ok_or("input.allowed holds a non-string")?))
        .collect::<Result<Vec<_>, String>>()?;
    let options = Options::of(input)?;
    let payload = payload(input, "input")?;
    let verifier = options.verifier(allowed)?;
    let result = match (input.get("token"), input.get("json")) {
        (Some(Value::String(token)), None) => match (options.detached, payload) {
            (false, _) => verifier.verify_compact(token, &key),
            (true, Some(payload)) => verifier.verify_compact_detached(token, &payload, &key),
            (true, None) => return Err("a detached case needs input.payload".into()),
        },
        (None, Some(jws @ Value::Object(_))) => verify_json(
            &verifier,
            &jws.to_string(),
            payload.as_deref().filter(|_| options.detached),
            std::slice::from_ref(&key),
        ),
        _ => return Err("the case needs either input.token (a string) or input.json".into()),
    };
    match result {
        Ok(_) => Err("the JWS was accepted".into()),
        Err(e) => check_eq("error code", e.code(), string(expect, "error_code")?)
            .map_err(|m| format!("{m} (the error: {e})")),
    }
}

/// Verifies a JSON serialization with [`SignaturePolicy::All`].
fn verify_json(
    verifier: &Verifier,
    text: &str,
    detached_payload: Option<&[u8]>,
    keys: &[VerifyingKey],
) -> Result<VerifiedJws, jose_jws::Error> {
    match detached_payload {
        Some(payload) => verifier.verify_json_detached(text, payload, keys, &SignaturePolicy::All),
        None => verifier.verify_json(text, keys, &SignaturePolicy::All),
    }
}

/// `input.options` of `jws-json` and `jws-reject`.
struct Options {
    allow_unprotected_alg: bool,
    detached: bool,
}

impl Options {
    fn of(input: &Value) -> Result<Self, String> {
        let mut options = Self {
            allow_unprotected_alg: false,
            detached: false,
        };
        let Some(given) = input.get("options") else {
            return Ok(options);
        };
        for (name, value) in given.as_object().ok_or("input.options is not an object")? {
            let value = value
                .as_bool()
                .ok_or_else(|| format!("option {name} is not a boolean"))?;
            match name.as_str() {
                "allow_unprotected_alg" => options.allow_unprotected_alg = value,
                "detached_payload" => options.detached = value,
                other => return Err(format!("unknown option \"{other}\"")),
            }
        }
        Ok(options)
    }

    fn verifier(&self, algorithms: Vec<JwsAlgorithm>) -> Result<Verifier, String> {
        let verifier = Verifier::new(algorithms).map_err(|e| e.to_string())?;
        Ok(if self.allow_unprotected_alg {
            verifier.allow_unprotected_alg()
        } else {
            verifier
        })
    }
}

/// One entry of `input.keys`: the key of one signature.
struct KeyEntry {
    alg: JwsAlgorithm,
    jwk: Value,
    kid: Option<String>,
}

impl KeyEntry {
    fn verifying_key(&self) -> Result<VerifyingKey, String> {
        let key = verifying_key(&self.jwk, self.alg)?;
        Ok(match &self.kid {
            Some(kid) => key.with_kid(kid.as_str()),
            None => key,
        })
    }
}

fn keys(input: &Value) -> Result<Vec<KeyEntry>, String> {
    let entries = member(input, "keys")?
        .as_array()
        .ok_or("input.keys is not an array")?;
    entries
        .iter()
        .map(|entry| {
            Ok(KeyEntry {
                alg: algorithm(string(entry, "alg")?)?,
                jwk: member(entry, "jwk")?.clone(),
                kid: match entry.get("kid") {
                    None => None,
                    Some(Value::String(kid)) => Some(kid.clone()),
                    Some(_) => return Err("a key's \"kid\" is not a string".into()),
                },
            })
        })
        .collect()
}

/// The signature objects: `signatures` of the general syntax, or the flattened object itself.
fn signatures(jws: &Map<String, Value>) -> Result<Vec<&Map<String, Value>>, String> {
    match jws.get("signatures") {
        None => Ok(vec![jws]),
        Some(Value::Array(list)) => list
            .iter()
            .map(|s| {
                s.as_object()
                    .ok_or_else(|| "a signature is not an object".into())
            })
            .collect(),
        Some(_) => Err("\"signatures\" is not an array".into()),
    }
}

fn unprotected(signature: &Map<String, Value>) -> Result<Option<Map<String, Value>>, String> {
    match signature.get("header") {
        None => Ok(None),
        Some(Value::Object(header)) => Ok(Some(header.clone())),
        Some(_) => Err("a \"header\" member is not an object".into()),
    }
}

/// Compares a produced JSON serialization with the RFC's, member by member.
fn compare_json(what: &str, produced: &str, expected: &Value) -> Result<(), String> {
    let produced: Value =
        serde_json::from_str(produced).map_err(|e| format!("{what} is not JSON: {e}"))?;
    check_eq(what, &produced, expected)
}

/// A Header equal to a decoded protected header, for the signing functions that take one
/// (`alg` comes from the key; `b64`/`crit` from [`Header::unencoded_payload`]).
fn header_from(protected: &Map<String, Value>) -> Result<Header, String> {
    let unencoded = protected.get("b64") == Some(&Value::Bool(false));
    let mut header = Header::new();
    if unencoded {
        header = header.unencoded_payload();
    }
    for (name, value) in protected {
        header = match (name.as_str(), value) {
            ("alg", _) | ("b64", Value::Bool(false)) => header,
            ("crit", Value::Array(names)) if unencoded && names == &[Value::from("b64")] => header,
            ("kid", Value::String(kid)) => header.kid(kid.as_str()),
            ("typ", Value::String(typ)) => header.typ(typ.as_str()),
            ("cty", Value::String(cty)) => header.cty(cty.as_str()),
            (name, value) => header
                .param(name, value.clone())
                .map_err(|e| format!("header parameter {name}: {e}"))?,
        };
    }
    Ok(header)
}

/// Changes the first character of the signature segment.
fn tamper_compact(token: &str) -> Result<String, String> {
    let (signed, signature) = token.rsplit_once('.').ok_or("the token has no '.'")?;
    Ok(format!("{signed}.{}", tamper(signature)?))
}

/// The serialization with the first character of signature `index` changed.
fn tamper_json(serialization: &Value, index: usize) -> Result<Value, String> {
    let mut copy = serialization.clone();
    let signature = match copy.get_mut("signatures") {
        Some(list) => list.get_mut(index),
        None => Some(&mut copy),
    }
    .and_then(|s| s.get_mut("signature"))
    .ok_or("no signature to change")?;
    let changed = tamper(signature.as_str().ok_or("a signature is not a string")?)?;
    *signature = Value::String(changed);
    Ok(copy)
}

fn tamper(signature: &str) -> Result<String, String> {
    let mut chars = signature.chars();
    let first = chars.next().ok_or("the signature is empty")?;
    let other = if first == 'A' { 'B' } else { 'A' };
    Ok(std::iter::once(other).chain(chars).collect())
}

/// The JWS Payload of `value`: `payload` (UTF-8 text) or `payload_b64` (base64url).
fn payload(value: &Value, what: &str) -> Result<Option<Vec<u8>>, String> {
    match (value.get("payload"), value.get("payload_b64")) {
        (None, None) => Ok(None),
        (Some(Value::String(text)), None) => Ok(Some(text.as_bytes().to_vec())),
        (None, Some(Value::String(encoded))) => base64url::decode(encoded)
            .map(Some)
            .map_err(|e| format!("{what}.payload_b64: {e}")),
        (Some(_), Some(_)) => Err(format!("{what} has both payload and payload_b64")),
        _ => Err(format!("{what}.payload or payload_b64 is not a string")),
    }
}

fn check_payload(verified: &VerifiedJws, expect: &Value) -> Result<(), String> {
    let expected = payload(expect, "expect")?.ok_or("expect has no payload or payload_b64")?;
    if verified.payload() == expected.as_slice() {
        Ok(())
    } else {
        Err(format!(
            "payload: got {:?}, expected {:?}",
            String::from_utf8_lossy(verified.payload()),
            String::from_utf8_lossy(&expected)
        ))
    }
}

fn sign_compare(expect: &Value) -> Result<bool, String> {
    member(expect, "sign_compare")?
        .as_bool()
        .ok_or_else(|| "expect.sign_compare is not a boolean".into())
}

fn flag(value: &Value, name: &str) -> Result<bool, String> {
    match value.get(name) {
        None => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(format!("\"{name}\" is not a boolean")),
    }
}

fn algorithm(name: &str) -> Result<JwsAlgorithm, String> {
    name.parse()
        .map_err(|_| format!("unknown JWS algorithm \"{name}\""))
}

fn parse_jwk(value: &Value) -> Result<Jwk, String> {
    Jwk::from_json(&value.to_string()).map_err(|e| format!("the JWK was rejected: {e}"))
}

/// The verifying key of a vector's JWK: its public part when the RFC gives a private key
/// (a private key is refused where a public one is expected), the JWK itself for `oct`.
fn verifying_key(value: &Value, alg: JwsAlgorithm) -> Result<VerifyingKey, String> {
    let jwk = parse_jwk(value)?;
    let jwk = if jwk.is_private() && !matches!(jwk.key(), jose_jwk::Key::Oct(_)) {
        jwk.to_public()
            .map_err(|e| format!("the JWK has no public part: {e}"))?
    } else {
        jwk
    };
    VerifyingKey::from_jwk(&jwk, alg).map_err(|e| format!("the verifying key was rejected: {e}"))
}

/// A signing key from the JWK without its `kid`, so that only the RFC's headers decide what
/// is written.
fn signing_key(jwk: &Value, alg: JwsAlgorithm) -> Result<SigningKey, String> {
    let mut jwk = jwk.clone();
    if let Some(object) = jwk.as_object_mut() {
        object.remove("kid");
    }
    SigningKey::from_jwk(&parse_jwk(&jwk)?, alg)
        .map_err(|e| format!("the signing key was rejected: {e}"))
}

fn rejected(e: &jose_jws::Error) -> String {
    format!("verification failed: {e} ({})", e.code())
}
