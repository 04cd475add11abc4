//! JWE JSON Serialization decryption (`Decrypter::decrypt_json`) on arbitrary text, with the
//! fixed keys of `fuzz/common/jwe_json_keys.rs` (A128KW, A256GCMKW, ECDH-ES+A256KW on P-384,
//! dir, PBES2 with a low iteration cap) found by `kid` and algorithm, by a decrypter that
//! requires a protected `enc` and one that does not: never panics; a JWE that decrypts
//! decrypts again to the same plaintext and recipient, and through `UnverifiedJsonJwe` too,
//! and one that fails fails with the same error through both; a JWE that decrypts, with one
//! bit flipped in its IV, ciphertext or tag, is refused with `Error::DecryptionFailed`.
#![no_main]

#[path = "../common/jwe_json_keys.rs"]
mod jwe_json_keys;

use std::sync::OnceLock;

use jose_b64::base64url;
use jose_b64::serde_json::{self, Value};
use jose_jwe::json::UnverifiedJsonJwe;
use jose_jwe::{Decrypter, DecryptingKey, Error, JweAlgorithm, JweEncryption};
use jose_jwk::Jwk;
use libfuzzer_sys::fuzz_target;

struct Fixture {
    strict: Decrypter,
    lax: Decrypter,
    keys: Vec<DecryptingKey>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let mut keys = Vec::new();
        for (alg, json) in jwe_json_keys::KEYS {
            let alg: JweAlgorithm = alg.parse().expect("an algorithm");
            let jwk = Jwk::from_json(json).expect("a fixed key");
            keys.push(DecryptingKey::from_jwk(&jwk, alg).expect("a decrypting key"));
        }
        let pbes2 = JweAlgorithm::PBES2_HS256_A128KW;
        keys.push(
            DecryptingKey::password(jwe_json_keys::PASSWORD, pbes2)
                .expect("a password")
                .with_kid("pbes2"),
        );
        let mut algs: Vec<JweAlgorithm> = keys.iter().map(DecryptingKey::alg).collect();
        algs.dedup();
        let strict = Decrypter::new(algs, JweEncryption::ALL.iter().copied())
            .expect("allow-lists")
            .with_max_pbes2_count(1000)
            .expect("cap");
        Fixture {
            lax: strict.clone().allow_unprotected_enc(),
            strict,
            keys,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let f = fixture();
    for decrypter in [&f.strict, &f.lax] {
        let result = decrypter.decrypt_json(text, &f.keys);
        // The two entry points agree, on failure too.
        let through = UnverifiedJsonJwe::parse_with(text, decrypter.limits())
            .and_then(|parsed| parsed.decrypt(decrypter, &f.keys));
        match (&result, &through) {
            (Ok(a), Ok(b)) => assert_eq!(a.plaintext(), b.plaintext()),
            (Err(a), Err(b)) => assert_eq!(a, b, "the two entry points fail differently"),
            _ => panic!(
                "the two entry points disagree: {:?} / {:?}",
                result.as_ref().err(),
                through.as_ref().err()
            ),
        }
        let Ok(first) = result else {
            continue;
        };
        let again = decrypter
            .decrypt_json(text, &f.keys)
            .expect("a JWE that decrypted decrypts again");
        assert_eq!(first.plaintext(), again.plaintext());
        assert_eq!(first.recipient_index(), again.recipient_index());
        let parsed = UnverifiedJsonJwe::parse(text).expect("a decrypted JWE parses");
        assert!(first.recipient_index() < parsed.recipient_count());
        let through = parsed
            .decrypt(decrypter, &f.keys)
            .expect("the parsed JWE decrypts");
        assert_eq!(through.plaintext(), first.plaintext());
        assert_eq!(through.recipient_index(), first.recipient_index());
        // One bit flipped in a member shared by every recipient: the specific refusal. Only
        // the recipient that decrypted is kept (another one may be refused for a reason of
        // its own, which is then the error reported).
        let Some(alone) = only_recipient(text, first.recipient_index()) else {
            continue;
        };
        let decrypted = decrypter
            .decrypt_json(&alone, &f.keys)
            .expect("the recipient that decrypted decrypts alone");
        assert_eq!(decrypted.plaintext(), first.plaintext());
        let bit = data.iter().map(|&b| usize::from(b)).sum::<usize>();
        for member in ["iv", "ciphertext", "tag"] {
            if let Some(changed) = flip_member(&alone, member, bit) {
                match decrypter.decrypt_json(&changed, &f.keys) {
                    Ok(_) => panic!("a JWE with its {member} changed decrypted"),
                    Err(e) => assert_eq!(e, Error::DecryptionFailed, "{member}"),
                }
            }
        }
    }
});

/// The JWE JSON text with only recipient `index` (the text itself when flattened).
fn only_recipient(text: &str, index: usize) -> Option<String> {
    let mut json: serde_json::Map<String, Value> = serde_json::from_str(text).ok()?;
    if let Some(Value::Array(recipients)) = json.get_mut("recipients") {
        let kept = recipients.get(index)?.clone();
        *recipients = vec![kept];
    }
    serde_json::to_string(&json).ok()
}

/// The JWE JSON text with one bit of the decoded top-level `member` flipped and re-encoded;
/// `None` when it has no such non-empty base64url member.
fn flip_member(text: &str, member: &str, bit: usize) -> Option<String> {
    let mut json: serde_json::Map<String, Value> = serde_json::from_str(text).ok()?;
    let mut bytes = base64url::decode(json.get(member)?.as_str()?).ok()?;
    let bits = bytes.len().checked_mul(8).filter(|&n| n > 0)?;
    let bit = bit % bits;
    *bytes.get_mut(bit / 8)? ^= 0x80 >> (bit % 8);
    json.insert(member.into(), Value::String(base64url::encode(&bytes)));
    serde_json::to_string(&json).ok()
}
