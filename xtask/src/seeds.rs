//! Seed corpora for the fuzz targets, made from the RFC vectors and from fresh keys.

use std::path::Path;

use jose_jwk::{Jwk, Key};
use jose_jws::json::{self, Signer};
use jose_jws::{Header, JwsAlgorithm, SigningKey, compact};
use serde_json::{Map, Value};

/// The fixed keys of the JWS fuzz targets (RFC 7515 App. A.1–A.3, RFC 8037 App. A.1).
#[path = "../../fuzz/common/jws_keys.rs"]
mod jws_keys;

/// The fixed keys of the `jwe_decrypt_ecdh` target (RFC 7520 §5.4, §5.5, RFC 8037 App. A.6).
#[path = "../../fuzz/common/jwe_ecdh_keys.rs"]
mod jwe_ecdh_keys;

/// The fixed keys of the `jwe_json_decrypt` target (RFC 7520 §5.10–§5.13, RFC 7516 App. A.5).
#[path = "../../fuzz/common/jwe_json_keys.rs"]
mod jwe_json_keys;
/// The fixed key of the `jwe_decrypt_rsa` target (RFC 7516 App. A.2).
#[path = "../../fuzz/common/jwe_rsa_keys.rs"]
mod jwe_rsa_keys;

/// The fixed key and time of the `jwt_verify` target.
#[path = "../../fuzz/common/jwt_fixture.rs"]
mod jwt_fixture;

/// Writes the seeds of every target under `corpus/<target>/seed-*`.
pub fn write_all(corpus: &Path) -> Result<(), String> {
    let cases = jose_tests::load(&jose_tests::vectors_dir())?;
    let mut b64 = Vec::new();
    let mut jwks = Vec::new();
    let mut sets = Vec::new();
    let mut jws = JwsSeeds::made()?;
    for case in &cases {
        collect_strings(&case.input, &mut b64);
        jws.add_vector(&case.input);
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
    write(corpus, "key_import", &keys)?;
    write(corpus, "jws_compact_parse", &jws.compact)?;
    write(corpus, "jws_json_parse", &jws.json)?;
    write(corpus, "jws_verify", &jws.verify)?;
    let mut jwe = jwe_made()?;
    let mut ecdh = jwe_ecdh_made()?;
    let mut rsa = jwe_rsa_made()?;
    let mut jwe_json = jwe_json_made()?;
    for case in cases.iter().filter(|c| c.kind.starts_with("jwe")) {
        if let Some(json @ Value::Object(_)) = case.input.get("json") {
            jwe_json.push(json.to_string().into_bytes());
        }
        if let Some(token) = case.input.get("token").and_then(serde_json::Value::as_str) {
            jwe.push(token.as_bytes().to_vec());
            let alg = case.input.get("alg").and_then(Value::as_str);
            if alg.is_some_and(|alg| alg.starts_with("ECDH-ES")) {
                ecdh.push(token.as_bytes().to_vec());
            }
            if alg.is_some_and(|alg| alg.starts_with("RSA")) {
                rsa.push(token.as_bytes().to_vec());
            }
        }
    }
    write(corpus, "jwe_compact_parse", &jwe)?;
    write(corpus, "jwe_decrypt", &jwe)?;
    write(corpus, "jwe_decrypt_ecdh", &ecdh)?;
    write(corpus, "jwe_decrypt_rsa", &rsa)?;
    write(corpus, "jwe_json_parse", &jwe_json)?;
    write(corpus, "jwe_json_decrypt", &jwe_json)?;
    write(corpus, "jwt_verify", &jwt_made(&cases)?)
}

/// Seeds of the `jwt_verify` target: claims sets (good ones and the security catalogue's bad
/// ones), the same signed with the target's key, and the JWTs of the RFC vectors, each behind
/// a selector byte for every second validation rule set.
fn jwt_made(cases: &[jose_tests::Case]) -> Result<Vec<Vec<u8>>, String> {
    let exp = jwt_fixture::NOW + 600;
    let claims = [
        format!(
            r#"{{"iss":"https://issuer.example","aud":"api","sub":"alice","exp":{exp},"iat":{},"role":"admin"}}"#,
            jwt_fixture::NOW
        ),
        format!(
            r#"{{"aud":["other","api"],"exp":{exp}.5,"nbf":{}}}"#,
            jwt_fixture::NOW
        ),
        format!(r#"{{"exp":{exp},"x":{{"nested":[1,{{"a":null}}]}}}}"#),
        r#"{"exp":"9999999999"}"#.to_owned(),
        r#"{"exp":-1,"aud":[]}"#.to_owned(),
        r#"{"exp":1e400}"#.to_owned(),
        r#"{"exp":253402300800,"iss":["a"]}"#.to_owned(),
        r#"{"exp":1,"exp":2}"#.to_owned(),
        r#"{"sub":"\ud800"}"#.to_owned(),
        "[]".to_owned(),
        String::new(),
    ];
    let key = SigningKey::hmac(&jwt_fixture::SECRET, JwsAlgorithm::HS256).map_err(err)?;
    let mut tokens: Vec<String> = Vec::new();
    for claims in &claims {
        for header in [Header::new().typ("JWT"), Header::new().typ("at+jwt")] {
            tokens.push(compact::sign(&key, &header, claims.as_bytes()).map_err(err)?);
        }
    }
    for case in cases.iter().filter(|c| c.kind.starts_with("jwt")) {
        if let Some(token) = case.input.get("token").and_then(Value::as_str) {
            tokens.push(token.to_owned());
        }
    }
    let mut seeds = Vec::new();
    for rules in [0u8, 0b0000_0011, 0b0010_0101, 0b0101_1001] {
        for claims in &claims {
            let mut seed = vec![(rules << 1) | jwt_fixture::CLAIMS];
            seed.extend_from_slice(claims.as_bytes());
            seeds.push(seed);
        }
        for token in &tokens {
            let mut seed = vec![(rules << 1) | jwt_fixture::TOKEN];
            seed.extend_from_slice(token.as_bytes());
            seeds.push(seed);
        }
    }
    Ok(seeds)
}

/// Compact JWEs made for the `jwe_decrypt_rsa` target's fixed key: every RSA algorithm with
/// two `enc`s.
fn jwe_rsa_made() -> Result<Vec<Vec<u8>>, String> {
    use jose_jwe::{EncryptingKey, Header, JweAlgorithm, JweEncryption, compact};
    let public = Jwk::from_json(jwe_rsa_keys::RSA_JWK)
        .and_then(|k| k.to_public())
        .map_err(err)?;
    let mut seeds = Vec::new();
    for name in jwe_rsa_keys::ALGS {
        let alg: JweAlgorithm = name.parse().map_err(err)?;
        let key = EncryptingKey::from_jwk(&public, alg).map_err(err)?;
        for enc in [JweEncryption::A128GCM, JweEncryption::A128CBC_HS256] {
            let token = compact::encrypt(&key, enc, &Header::new(), b"fuzz seed").map_err(err)?;
            seeds.push(token.into_bytes());
        }
    }
    Ok(seeds)
}

/// JWE JSON Serializations made for the `jwe_json_decrypt` target's fixed keys: flattened for
/// each key, general for all of them but `dir`, with and without shared and per-recipient
/// headers, AAD and `"zip":"DEF"`.
fn jwe_json_made() -> Result<Vec<Vec<u8>>, String> {
    use jose_jwe::{EncryptingKey, Header, JweAlgorithm, JweEncryption, json};
    let mut keys = Vec::new();
    for (alg, jwk) in jwe_json_keys::KEYS {
        let alg: JweAlgorithm = alg.parse().map_err(err)?;
        let mut jwk = Jwk::from_json(jwk).map_err(err)?;
        // An encrypting key takes the recipient's public key (a private one is refused).
        if !matches!(jwk.key(), jose_jwk::Key::Oct(_)) {
            jwk = jwk.to_public().map_err(err)?;
        }
        keys.push(EncryptingKey::from_jwk(&jwk, alg).map_err(err)?);
    }
    let pbes2 = EncryptingKey::password(jwe_json_keys::PASSWORD, JweAlgorithm::PBES2_HS256_A128KW)
        .and_then(|k| k.with_pbes2_count(1000))
        .map_err(err)?
        .with_kid("pbes2");
    keys.push(pbes2);
    let mut seeds = Vec::new();
    for key in &keys {
        let enc = if key.alg() == JweAlgorithm::Dir {
            JweEncryption::A128GCM
        } else {
            JweEncryption::A128CBC_HS256
        };
        seeds.push(json::encrypt_flattened(key, enc, &Header::new(), b"fuzz seed").map_err(err)?);
        let flattened = json::Encryptor::new(enc)
            .protected(Header::new().typ("JWT"))
            .unprotected(Header::new().cty("text/plain"))
            .aad(b"fuzz aad")
            .recipient(
                key,
                Header::new()
                    .param("x-note", "per recipient")
                    .map_err(err)?,
            )
            .encrypt_flattened(b"fuzz seed")
            .map_err(err)?;
        seeds.push(flattened);
    }
    let mut general = json::Encryptor::new(JweEncryption::A256GCM)
        .protected(Header::new().deflate())
        .unprotected(
            Header::new()
                .param("jku", "https://example.com/keys")
                .map_err(err)?,
        )
        .aad(b"general aad");
    for key in keys.iter().filter(|k| k.alg() != JweAlgorithm::Dir) {
        general = general.recipient(key, Header::new());
    }
    seeds.push(general.encrypt_general(&[b'z'; 300]).map_err(err)?);
    Ok(seeds.into_iter().map(String::into_bytes).collect())
}

/// Compact JWEs made for the `jwe_decrypt_ecdh` target's fixed keys: every key and ECDH-ES
/// algorithm, two `enc`s, with `kid` and without (then the target picks the key by the `epk`'s
/// `crv`), and with `apu`/`apv`.
fn jwe_ecdh_made() -> Result<Vec<Vec<u8>>, String> {
    use jose_jwe::{EncryptingKey, Header, JweAlgorithm, JweEncryption, compact};
    let mut seeds = Vec::new();
    for (_, json) in jwe_ecdh_keys::KEYS {
        let public = Jwk::from_json(json)
            .and_then(|k| k.to_public())
            .map_err(err)?;
        let mut map = public.to_map();
        map.remove("kid");
        let anonymous = Jwk::from_map(map, &jose_jwk::KeyPolicy::DEFAULT).map_err(err)?;
        for name in jwe_ecdh_keys::ALGS {
            let alg: JweAlgorithm = name.parse().map_err(err)?;
            for jwk in [&public, &anonymous] {
                let key = EncryptingKey::from_jwk(jwk, alg).map_err(err)?;
                for enc in [JweEncryption::A128GCM, JweEncryption::A256CBC_HS512] {
                    let token =
                        compact::encrypt(&key, enc, &Header::new(), b"fuzz seed").map_err(err)?;
                    seeds.push(token.into_bytes());
                }
            }
            let key = EncryptingKey::from_jwk(&anonymous, alg).map_err(err)?;
            let header = Header::new().apu(b"Alice").apv(b"Bob");
            let token =
                compact::encrypt(&key, JweEncryption::A128GCM, &header, b"").map_err(err)?;
            seeds.push(token.into_bytes());
        }
    }
    Ok(seeds)
}

/// Compact JWEs made with the `jwe_decrypt` target's fixed keys, for every `enc` (with
/// `A128KW`, also one with `"zip":"DEF"`).
fn jwe_made() -> Result<Vec<Vec<u8>>, String> {
    use jose_jwe::{EncryptingKey, Header, JweAlgorithm as A, JweEncryption, compact};
    let keys = [
        (A::Dir, &[1u8; 16][..]),
        (A::A128KW, &[2u8; 16][..]),
        (A::A128GCMKW, &[3u8; 16][..]),
    ];
    let mut seeds = Vec::new();
    for enc in JweEncryption::ALL.iter().copied() {
        for (alg, secret) in keys {
            if alg == A::Dir && enc.key_len() != secret.len() {
                continue;
            }
            let key = EncryptingKey::symmetric(secret, alg).map_err(|e| e.to_string())?;
            let token = compact::encrypt(&key, enc, &Header::new(), b"fuzz seed")
                .map_err(|e| e.to_string())?;
            seeds.push(token.into_bytes());
        }
        // A compressed plaintext, so that the fuzzer reaches the inflater.
        let key = EncryptingKey::symmetric(&[2u8; 16], A::A128KW).map_err(|e| e.to_string())?;
        let token = compact::encrypt(&key, enc, &Header::new().deflate(), &[b'z'; 300])
            .map_err(|e| e.to_string())?;
        seeds.push(token.into_bytes());
        let key = EncryptingKey::password(b"fuzzing password", A::PBES2_HS256_A128KW)
            .and_then(|k| k.with_pbes2_count(1000))
            .map_err(|e| e.to_string())?;
        let token =
            compact::encrypt(&key, enc, &Header::new(), b"fuzz seed").map_err(|e| e.to_string())?;
        seeds.push(token.into_bytes());
    }
    Ok(seeds)
}

/// Seeds of the JWS targets: compact tokens, JSON serializations, and for `jws_verify`
/// tokens prefixed with the byte that picks their key (`jws_keys::FAMILIES`).
struct JwsSeeds {
    compact: Vec<Vec<u8>>,
    json: Vec<Vec<u8>>,
    verify: Vec<Vec<u8>>,
}

impl JwsSeeds {
    /// Tokens signed with the fuzz keys, in the shapes the library produces, and a few
    /// hostile ones from the security catalogue.
    fn made() -> Result<Self, String> {
        let mut seeds = Self {
            compact: Vec::new(),
            json: Vec::new(),
            verify: Vec::new(),
        };
        let payloads: [&[u8]; 3] = [b"", br#"{"sub":"alice","exp":1300819380}"#, b"hello"];
        for (alg, jwk) in jws_keys::FAMILIES {
            let key = fuzz_signing_key(alg, jwk)?;
            let headers = [
                Header::new(),
                Header::new().typ("JWT").kid("k1"),
                Header::new().unencoded_payload(),
            ];
            for header in &headers {
                for payload in payloads {
                    let token = compact::sign(&key, header, payload).map_err(err)?;
                    seeds.add_token(&token, alg);
                }
            }
            let detached = compact::sign_detached(&key, &headers[0], b"detached").map_err(err)?;
            seeds.add_token(&detached, alg);
            if alg == "HS256" {
                seeds.add_json(&key)?;
            }
        }
        for token in [
            "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.",
            "eyJhbGciOiJIUzI1NiIsImFsZyI6Im5vbmUifQ.eyJzdWIiOiJhZG1pbiJ9.AAAA",
            "eyJhbGciOiJSUzI1NiIsImNyaXQiOlsiZXhwIl0sImV4cCI6MX0.e30.AAAA",
            "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2V9.$.02.AAAA",
            "eyJhbGciOiJFUzI1NiJ9=.dGVzdA.AAAA",
            "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.MAYCAQACAQA",
        ] {
            seeds.add_token(token, "ES256");
        }
        let zeros = format!(
            "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.{}",
            "A".repeat(86)
        );
        seeds.add_token(&zeros, "ES256");
        Ok(seeds)
    }

    /// Flattened and general JSON serializations signed with the HS256 fuzz key.
    fn add_json(&mut self, key: &SigningKey) -> Result<(), String> {
        let mut unprotected = Map::new();
        unprotected.insert("kid".into(), Value::from("k1"));
        let payload = br#"{"sub":"alice"}"#;
        let made = [
            json::sign_flattened(key, &Header::new(), None, payload),
            json::sign_flattened(
                key,
                &Header::new().typ("JWT"),
                Some(unprotected.clone()),
                payload,
            ),
            json::sign_flattened(key, &Header::new().unencoded_payload(), None, b"$.02"),
            json::sign_flattened_detached(key, &Header::new(), None, payload),
            Signer::new(payload)
                .signature(key, Header::new(), Some(unprotected))
                .signature(key, Header::new().kid("k2"), None)
                .sign_general(),
            Signer::new(b"")
                .signature(key, Header::new(), None)
                .sign_general(),
        ];
        for jws in made {
            self.json.push(jws.map_err(err)?.into_bytes());
        }
        Ok(())
    }

    fn add_token(&mut self, token: &str, alg: &str) {
        self.compact.push(token.as_bytes().to_vec());
        let mut seed = vec![family_index(alg)];
        seed.extend_from_slice(token.as_bytes());
        self.verify.push(seed);
    }

    /// The JWS examples of a vector case (`token`: compact; `json`: a JSON serialization),
    /// whatever their kind: they are seeds even where they do not verify.
    fn add_vector(&mut self, input: &Value) {
        let alg = input.get("alg").and_then(Value::as_str).unwrap_or("HS256");
        if let Some(token) = input.get("token").and_then(Value::as_str) {
            self.add_token(token, alg);
        }
        match input.get("json") {
            Some(Value::String(text)) => self.json.push(text.clone().into_bytes()),
            Some(value @ Value::Object(_)) => self.json.push(value.to_string().into_bytes()),
            _ => {}
        }
    }
}

fn fuzz_signing_key(alg: &str, jwk: &str) -> Result<SigningKey, String> {
    let alg: JwsAlgorithm = alg.parse().map_err(err)?;
    let jwk = Jwk::from_json(jwk).map_err(err)?;
    SigningKey::from_jwk(&jwk, alg).map_err(err)
}

/// The `jws_verify` selector byte of an algorithm (0 for one that is not a fuzz key's).
fn family_index(alg: &str) -> u8 {
    jws_keys::FAMILIES
        .iter()
        .position(|(name, _)| *name == alg)
        .and_then(|i| u8::try_from(i).ok())
        .unwrap_or(0)
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
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

#[cfg(test)]
mod tests {
    use jose_jwe::{Decrypter, DecryptingKey, JweAlgorithm, JweEncryption};

    use super::*;

    /// The seeds of `jwe_json_decrypt` decrypt under the target's keys and (lenient)
    /// decrypter, so that the fuzzer starts inside the decryption.
    #[test]
    fn the_jwe_json_seeds_decrypt_under_the_target_keys() {
        let mut keys = Vec::new();
        for (alg, jwk) in jwe_json_keys::KEYS {
            let alg: JweAlgorithm = alg.parse().unwrap();
            keys.push(DecryptingKey::from_jwk(&Jwk::from_json(jwk).unwrap(), alg).unwrap());
        }
        keys.push(
            DecryptingKey::password(jwe_json_keys::PASSWORD, JweAlgorithm::PBES2_HS256_A128KW)
                .unwrap()
                .with_kid("pbes2"),
        );
        let algs: Vec<JweAlgorithm> = keys.iter().map(DecryptingKey::alg).collect();
        let d = Decrypter::new(algs, JweEncryption::ALL.iter().copied())
            .unwrap()
            .with_max_pbes2_count(1000)
            .unwrap()
            .allow_unprotected_enc();
        let made = jwe_json_made().unwrap();
        assert_eq!(made.len(), 2 * keys.len() + 1);
        for seed in &made {
            let text = std::str::from_utf8(seed).unwrap();
            d.decrypt_json(text, &keys).unwrap();
        }
        let cases = jose_tests::load(&jose_tests::vectors_dir()).unwrap();
        let examples: Vec<String> = cases
            .iter()
            .filter(|c| c.kind == "jwe-json-decrypt")
            .filter_map(|c| c.input.get("json").map(Value::to_string))
            .collect();
        let decrypted = examples
            .iter()
            .filter(|json| d.decrypt_json(json, &keys).is_ok())
            .count();
        // Every example has a recipient with a fixed key (RFC 7516 App. A.4 and RFC 7520 §5.13
        // through their recipients that are not RSA1_5).
        assert_eq!(decrypted, examples.len());
    }
}
