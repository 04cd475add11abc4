//! JWE JSON Serialization cases: RFC 7516 App. A.4, A.5 and RFC 7520 §5.10–§5.13.
//!
//! Two kinds (documented in `tests/vectors/README.md`):
//!
//! - `jwe-json-decrypt`: decrypt a general or flattened JWE JSON Serialization with each
//!   recipient's key in turn (each must find its own recipient) and with all of them, compare
//!   the plaintext, the headers and the AAD, and check that a changed tag, AAD or encrypted key
//!   is refused. A case with `"options": {"allow_unprotected_enc": true}` (RFC 7520 §5.12)
//!   runs with `Decrypter::allow_unprotected_enc`, and is also checked to be refused without it.
//! - `jwe-json-reject`: decryption fails with the expected error code and message.

use jose_b64::base64url;
use jose_jwe::json::UnverifiedJsonJwe;
use jose_jwe::{DecryptingKey, Error, JweAlgorithm, JweEncryption};
use serde_json::{Map, Value};

use super::jwe::{decrypter, decrypting_key, refused};
use super::{check_eq, member, string};

/// The case's `enc` and its `keys`: one `{alg, jwk | password, kid?}` per recipient, in order.
fn enc_and_keys(
    input: &Value,
) -> Result<(JweEncryption, Vec<(JweAlgorithm, DecryptingKey)>), String> {
    let enc: JweEncryption = string(input, "enc")?
        .parse()
        .map_err(|e| format!("enc: {e}"))?;
    let specs = member(input, "keys")?
        .as_array()
        .ok_or("\"keys\" is not an array")?;
    let mut keys = Vec::with_capacity(specs.len());
    for spec in specs {
        let alg: JweAlgorithm = string(spec, "alg")?
            .parse()
            .map_err(|e| format!("alg: {e}"))?;
        let mut key = decrypting_key(spec, alg)?;
        if spec.get("kid").is_some() {
            key = key.with_kid(string(spec, "kid")?);
        }
        keys.push((alg, key));
    }
    if keys.is_empty() {
        return Err("\"keys\" is empty".into());
    }
    Ok((enc, keys))
}

/// The JSON object of the case, and its text.
fn json_of(input: &Value) -> Result<(&Map<String, Value>, String), String> {
    let object = member(input, "json")?
        .as_object()
        .ok_or("\"json\" is not an object")?;
    let text = serde_json::to_string(object).map_err(|e| e.to_string())?;
    Ok((object, text))
}

/// `jwe-json-decrypt`: decrypt with each key, compare, tamper.
pub(crate) fn decrypt(input: &Value, expect: &Value) -> Result<(), String> {
    let (object, json) = json_of(input)?;
    let (enc, keys) = enc_and_keys(input)?;
    let options = input.get("options");
    let d = decrypter(keys.iter().map(|(alg, _)| *alg), enc, options)?;

    let flattened = !object.contains_key("recipients");
    let parsed = UnverifiedJsonJwe::parse(&json).map_err(|e| format!("parsing failed: {e}"))?;
    check_eq("flattened", parsed.is_flattened(), flattened)?;
    check_eq("recipients", parsed.recipient_count(), keys.len())?;

    let plaintext = string(expect, "plaintext")?;
    let protected = member(expect, "protected")?;
    let aad = expect
        .get("aad")
        .map(|_| string(expect, "aad"))
        .transpose()?;
    for (index, (alg, key)) in keys.iter().enumerate() {
        let out = d
            .decrypt_json(&json, key)
            .map_err(|e| format!("decryption with key {index} failed: {e}"))?;
        check_eq("recipient", out.recipient_index(), index)?;
        check_eq("alg", out.alg(), *alg)?;
        check_eq("enc", out.enc(), enc)?;
        let text = std::str::from_utf8(out.plaintext())
            .map_err(|_| "the plaintext is not UTF-8".to_owned())?;
        check_eq("plaintext", text, plaintext)?;
        check_eq(
            "protected header",
            &Value::Object(out.protected_header().clone()),
            protected,
        )?;
        check_eq(
            "shared unprotected header",
            out.shared_unprotected_header(),
            object.get("unprotected").and_then(Value::as_object),
        )?;
        let own = if flattened {
            object.get("header")
        } else {
            object
                .get("recipients")
                .and_then(|r| r.get(index))
                .and_then(|r| r.get("header"))
        };
        check_eq(
            "recipient header",
            out.recipient_header(),
            own.and_then(Value::as_object),
        )?;
        check_eq("aad", out.aad(), aad.map(str::as_bytes))?;
    }
    // Every key at once: the first recipient.
    let all: Vec<DecryptingKey> = keys.iter().map(|(_, key)| key.clone()).collect();
    let out = d
        .decrypt_json(&json, &all)
        .map_err(|e| format!("decryption with every key failed: {e}"))?;
    check_eq("recipient with every key", out.recipient_index(), 0)?;

    // Tampering: the tag, the AAD, each recipient's encrypted key.
    let changed_tag = changed(object, |m| flip_first_bit(m.get_mut("tag")))?;
    refused("a changed tag", d.decrypt_json(&changed_tag, &all))?;
    if object.contains_key("aad") {
        let changed_aad = changed(object, |m| flip_first_bit(m.get_mut("aad")))?;
        refused("a changed AAD", d.decrypt_json(&changed_aad, &all))?;
        let no_aad = changed(object, |m| {
            m.remove("aad");
            Ok(())
        })?;
        refused("a removed AAD", d.decrypt_json(&no_aad, &all))?;
    }
    for (index, (_, key)) in keys.iter().enumerate() {
        let changed_key = changed(object, |m| {
            let slot = if flattened {
                m.get_mut("encrypted_key")
            } else {
                m.get_mut("recipients")
                    .and_then(|r| r.get_mut(index))
                    .and_then(|r| r.get_mut("encrypted_key"))
            };
            flip_first_bit(slot)
        })?;
        refused(
            &format!("recipient {index}'s changed encrypted key"),
            d.decrypt_json(&changed_key, key),
        )?;
    }

    // A case that needs `allow_unprotected_enc` is refused without it.
    if options.and_then(|o| o.get("allow_unprotected_enc")) == Some(&Value::Bool(true)) {
        let strict = decrypter(keys.iter().map(|(alg, _)| *alg), enc, None)?;
        match strict.decrypt_json(&json, &all) {
            Err(e @ Error::Header(_))
                if e.to_string()
                    .contains("\"enc\" must be integrity protected") => {}
            Err(e) => {
                return Err(format!(
                    "without allow_unprotected_enc: unexpected error {e}"
                ));
            }
            Ok(_) => return Err("without allow_unprotected_enc the JWE was accepted".into()),
        }
    }
    Ok(())
}

/// `jwe-json-reject`: decryption with every key fails with `error_code`, and a message
/// holding `error_contains` (when given).
pub(crate) fn reject(input: &Value, expect: &Value) -> Result<(), String> {
    let (_, json) = json_of(input)?;
    let (enc, keys) = enc_and_keys(input)?;
    let d = decrypter(keys.iter().map(|(alg, _)| *alg), enc, input.get("options"))?;
    let all: Vec<DecryptingKey> = keys.into_iter().map(|(_, key)| key).collect();
    let e = match d.decrypt_json(&json, &all) {
        Ok(_) => return Err("the JWE was accepted".into()),
        Err(e) => e,
    };
    check_eq("error code", e.code(), string(expect, "error_code")?)?;
    if expect.get("error_contains").is_some() {
        let wanted = string(expect, "error_contains")?;
        if !e.to_string().contains(wanted) {
            return Err(format!("the error \"{e}\" does not say \"{wanted}\""));
        }
    }
    Ok(())
}

/// The text of `object` changed by `f`.
fn changed(
    object: &Map<String, Value>,
    f: impl FnOnce(&mut Map<String, Value>) -> Result<(), String>,
) -> Result<String, String> {
    let mut changed = object.clone();
    f(&mut changed)?;
    Ok(Value::Object(changed).to_string())
}

/// A base64url member with the first bit of its value flipped.
fn flip_first_bit(value: Option<&mut Value>) -> Result<(), String> {
    let value = value.ok_or("no such member")?;
    let text = value.as_str().ok_or("not a string")?;
    let mut bytes = base64url::decode(text).map_err(|e| e.to_string())?;
    let first = bytes
        .first_mut()
        .ok_or("an empty value cannot be changed")?;
    *first ^= 0x80;
    *value = Value::String(base64url::encode(&bytes));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(id: &str) -> (Value, Value) {
        let case = crate::load(&crate::vectors_dir())
            .unwrap()
            .into_iter()
            .find(|c| c.id == id)
            .unwrap();
        (case.input, case.expect)
    }

    #[test]
    fn the_cases_pass_and_wrong_expectations_fail() {
        for id in [
            "rfc7516-a.4-general-two-recipients",
            "rfc7516-a.5-flattened",
            "rfc7520-5.10-aad-general",
            "rfc7520-5.10-aad-flattened",
            "rfc7520-5.11-protected-enc-only-general",
            "rfc7520-5.12-unprotected-flattened",
            "rfc7520-5.13-multiple-recipients-general",
        ] {
            let (input, expect) = case(id);
            decrypt(&input, &expect).unwrap();
            let mut wrong = expect.clone();
            wrong["plaintext"] = "Live long".into();
            assert!(decrypt(&input, &wrong).is_err(), "{id}");
            let mut wrong = expect.clone();
            wrong["protected"]["zip"] = "DEF".into();
            assert!(decrypt(&input, &wrong).is_err(), "{id}");
            let mut wrong = expect.clone();
            wrong["aad"] = "other".into();
            assert!(decrypt(&input, &wrong).is_err(), "{id}");
            let mut wrong = input.clone();
            wrong["enc"] = "A256GCM".into();
            assert!(decrypt(&wrong, &expect).is_err(), "{id}");
            // Keys in another order: each finds another recipient than its index.
            let mut wrong = input;
            let keys = wrong["keys"].as_array_mut().unwrap();
            if keys.len() > 1 {
                keys.reverse();
                assert!(decrypt(&wrong, &expect).is_err(), "{id}");
            }
        }
    }

    #[test]
    fn options_are_needed_and_checked() {
        // RSA1_5 only with its option.
        let (input, expect) = case("rfc7520-5.13-multiple-recipients-general");
        let mut without = input.clone();
        without.as_object_mut().unwrap().remove("options");
        let e = decrypt(&without, &expect).unwrap_err();
        assert!(e.contains("Decrypter::new_allowing_rsa1_5"), "{e}");
        // Unprotected `enc` only with its option.
        let (input, expect) = case("rfc7520-5.12-unprotected-general");
        let mut without = input.clone();
        without["options"]["allow_unprotected_enc"] = false.into();
        let e = decrypt(&without, &expect).unwrap_err();
        assert!(e.contains("must be integrity protected"), "{e}");
        let mut unknown = input;
        unknown["options"]["allow_everything"] = true.into();
        assert!(
            decrypt(&unknown, &expect)
                .unwrap_err()
                .contains("unknown option")
        );
        // A protected `enc` with the option: the case fails, since a default decrypter accepts it.
        let (mut input, expect) = case("rfc7520-5.11-protected-enc-only-flattened");
        input["options"] = serde_json::json!({"allow_unprotected_enc": true});
        let e = decrypt(&input, &expect).unwrap_err();
        assert!(
            e.contains("without allow_unprotected_enc the JWE was accepted"),
            "{e}"
        );
    }

    #[test]
    fn a_rejection_must_be_the_expected_one() {
        let (input, expect) = case("rfc7520-5.12-unprotected-enc-rejected");
        reject(&input, &expect).unwrap();
        let mut wrong = expect.clone();
        wrong["error_code"] = "ERR_JWE_DECRYPTION_FAILED".into();
        assert!(reject(&input, &wrong).is_err());
        let mut wrong = expect;
        wrong["error_contains"] = "\"alg\"".into();
        assert!(reject(&input, &wrong).is_err());
        let mut accepted = input;
        accepted["options"] = serde_json::json!({"allow_unprotected_enc": true});
        let (_, expect) = case("rfc7520-5.12-unprotected-enc-rejected");
        assert_eq!(
            reject(&accepted, &expect).unwrap_err(),
            "the JWE was accepted"
        );
    }
}
