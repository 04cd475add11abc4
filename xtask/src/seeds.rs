//! Seed corpora for the fuzz targets, made from the RFC vectors and from fresh keys.

use std::path::Path;

use jose_jwk::{Jwk, Key};
use serde_json::Value;

/// Writes the seeds of every target under `corpus/<target>/seed-*`.
pub fn write_all(corpus: &Path) -> Result<(), String> {
    let cases = jose_tests::load(&jose_tests::vectors_dir())?;
    let mut b64 = Vec::new();
    let mut jwks = Vec::new();
    let mut sets = Vec::new();
    for case in &cases {
        collect_strings(&case.input, &mut b64);
        if let Some(jwk) = case.input.get("jwk") {
            jwks.push(jwk.to_string().into_bytes());
        }
        if let Some(set) = case.input.get("jwks") {
            sets.push(set.to_string().into_bytes());
        }
    }
    let mut json = jwks.clone();
    json.extend(sets.iter().cloned());
    let mut keys = Vec::new();
    for jwk in &jwks {
        if let Ok(jwk) = Jwk::from_json(&String::from_utf8_lossy(jwk)) {
            key_encodings(&jwk, &mut keys);
        }
    }
    write(corpus, "base64url_decode", &b64)?;
    write(corpus, "json_strict", &json)?;
    write(corpus, "jwk_parse", &jwks)?;
    write(corpus, "jwk_set_parse", &sets)?;
    write(corpus, "key_import", &keys)
}

/// Every string in a case's input, as base64url seeds.
fn collect_strings(value: &Value, out: &mut Vec<Vec<u8>>) {
    match value {
        Value::String(s) => out.push(s.clone().into_bytes()),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

/// PEM and DER encodings of a key, prefixed with the selector byte the `key_import` target
/// reads first.
fn key_encodings(jwk: &Jwk, out: &mut Vec<Vec<u8>>) {
    if matches!(jwk.key(), Key::Oct(_)) {
        return;
    }
    let mut add = |selector: u8, bytes: &[u8]| {
        let mut seed = vec![selector];
        seed.extend_from_slice(bytes);
        out.push(seed);
    };
    if let Ok(pem) = jwk.to_public_pem() {
        add(0, pem.as_bytes());
    }
    if let Ok(der) = jwk.to_spki_der() {
        add(1, &der);
    }
    if let Ok(der) = jwk.to_pkcs8_der() {
        add(2, &der);
    }
    if let Ok(pem) = jwk.to_pkcs8_pem() {
        add(0, pem.as_bytes());
    }
}

fn write(corpus: &Path, target: &str, seeds: &[Vec<u8>]) -> Result<(), String> {
    let dir = corpus.join(target);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (i, seed) in seeds.iter().enumerate() {
        let path = dir.join(format!("seed-{i:03}"));
        std::fs::write(&path, seed).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}
