//! JWE cases: RFC 7518 App. B (the AES_CBC_HMAC_SHA2 test cases), RFC 7520 §5.1–§5.9,
//! RFC 7516 App. A.1–A.3 and RFC 7517 App. C.9 (the ECDH-ES key agreement cases are in
//! `jwe_ecdh`, the JSON serializations in `jwe_json`).
//!
//! Three kinds (documented in `tests/vectors/README.md`):
//!
//! - `jwe-content`: content encryption alone: encrypt with the given CEK, IV and AAD and
//!   compare the ciphertext and tag byte for byte, decrypt them back, and check that a changed
//!   tag, ciphertext or AAD is refused with the one decryption error.
//! - `jwe-compact-decrypt`: decrypt a JWE Compact Serialization with the RFC's key (or
//!   password), compare the plaintext and the protected header, and check that a changed tag
//!   or encrypted key is refused. `RSA1_5` cases say `"options": {"allow_rsa1_5": true}`: they
//!   run with `Decrypter::new_allowing_rsa1_5` (this package enables jose-jwe's `rsa1_5`).
//! - `jwk-encrypted`: decrypt a password-encrypted JWK (RFC 7517 App. C), check its `cty`
//!   and compare the JWK.

use jose_b64::base64url;
use jose_jwe::hazmat::content::{self, JweEncryption};
use jose_jwe::{Decrypter, DecryptingKey, Error, JweAlgorithm, SecretBytes};
use jose_jwk::Jwk;
use serde_json::Value;

use super::{check_eq, member, string};

/// `jwe-compact-decrypt`: decrypt, compare, tamper.
pub(crate) fn compact_decrypt(input: &Value, expect: &Value) -> Result<(), String> {
    let alg: JweAlgorithm = string(input, "alg")?
        .parse()
        .map_err(|e| format!("alg: {e}"))?;
    let enc: JweEncryption = string(input, "enc")?
        .parse()
        .map_err(|e| format!("enc: {e}"))?;
    let token = string(input, "token")?;
    let key = decrypting_key(input, alg)?;
    let decrypter = decrypter([alg], enc, input.get("options"))?;
    let decrypted = decrypter
        .decrypt_compact(token, &key)
        .map_err(|e| format!("decryption failed: {e}"))?;
    check_eq("alg", decrypted.alg(), alg)?;
    check_eq("enc", decrypted.enc(), enc)?;
    let plaintext = std::str::from_utf8(decrypted.plaintext())
        .map_err(|_| "the plaintext is not UTF-8".to_owned())?;
    check_eq("plaintext", plaintext, string(expect, "plaintext")?)?;
    let protected = Value::Object(decrypted.protected_header().clone());
    check_eq("protected header", &protected, member(expect, "protected")?)?;

    // The token with the first bit of its tag flipped: the one decryption error.
    let (rest, tag) = token.rsplit_once('.').ok_or("the token has no '.'")?;
    let mut tag = base64url::decode(tag).map_err(|e| format!("tag: {e}"))?;
    let first = tag.first_mut().ok_or("the tag is empty")?;
    *first ^= 1;
    let tampered = format!("{rest}.{}", base64url::encode(&tag));
    refused("a changed tag", decrypter.decrypt_compact(&tampered, &key))?;

    // The token with the first bit of its JWE Encrypted Key flipped, when it has one: the
    // same error (for RSA1_5 and RSA-OAEP the unwrapping goes on with a random CEK).
    let mut segments: Vec<String> = token.split('.').map(str::to_owned).collect();
    let slot = segments
        .get_mut(1)
        .ok_or("the token has no encrypted key")?;
    let mut encrypted_key =
        base64url::decode(slot.as_str()).map_err(|e| format!("encrypted key: {e}"))?;
    if let Some(first) = encrypted_key.first_mut() {
        *first ^= 0x80;
        *slot = base64url::encode(&encrypted_key);
        let tampered = segments.join(".");
        refused(
            "a changed encrypted key",
            decrypter.decrypt_compact(&tampered, &key),
        )?;
    }
    Ok(())
}

/// The decrypting key of a case (or of one of its `keys`) for `alg`: from its `jwk`, or from
/// its `password` (UTF-8).
pub(super) fn decrypting_key(spec: &Value, alg: JweAlgorithm) -> Result<DecryptingKey, String> {
    match spec.get("password") {
        Some(_) => DecryptingKey::password(string(spec, "password")?.as_bytes(), alg),
        None => {
            let jwk_value = member(spec, "jwk")?;
            let jwk = Jwk::from_json(&jwk_value.to_string()).map_err(|e| format!("jwk: {e}"))?;
            DecryptingKey::from_jwk(&jwk, alg)
        }
    }
    .map_err(|e| format!("the decrypting key was rejected: {e}"))
}

/// A decrypter allowing exactly `algs` and `enc`, with the case's `options`:
/// `allow_rsa1_5` (only `true`: `Decrypter::new_allowing_rsa1_5`) and
/// `allow_unprotected_enc` (`Decrypter::allow_unprotected_enc` when `true`).
pub(super) fn decrypter(
    algs: impl IntoIterator<Item = JweAlgorithm>,
    enc: JweEncryption,
    options: Option<&Value>,
) -> Result<Decrypter, String> {
    let option = |name: &str| options.and_then(|o| o.get(name));
    if let Some(options) = options {
        let known = ["allow_rsa1_5", "allow_unprotected_enc"];
        let names = options.as_object().ok_or("\"options\" is not an object")?;
        if let Some(name) = names.keys().find(|name| !known.contains(&name.as_str())) {
            return Err(format!("unknown option \"{name}\""));
        }
    }
    let decrypter = match option("allow_rsa1_5") {
        None => Decrypter::new(algs, [enc]),
        Some(Value::Bool(true)) => Decrypter::new_allowing_rsa1_5(algs, [enc]),
        Some(other) => {
            return Err(format!(
                "\"options.allow_rsa1_5\" must be true, not {other}"
            ));
        }
    }
    .map_err(|e| e.to_string())?;
    match option("allow_unprotected_enc") {
        None | Some(Value::Bool(false)) => Ok(decrypter),
        Some(Value::Bool(true)) => Ok(decrypter.allow_unprotected_enc()),
        Some(other) => Err(format!(
            "\"options.allow_unprotected_enc\" must be a boolean, not {other}"
        )),
    }
}

/// `jwk-encrypted`: decrypt a JWK encrypted with `PBES2-HS256+A128KW` and `A128CBC-HS256`
/// (RFC 7517 App. C) with the password, check `cty`, parse the plaintext as a JWK and compare
/// it with the expected one as JSON; a changed tag and a wrong password are refused.
pub(crate) fn jwk_encrypted(input: &Value, expect: &Value) -> Result<(), String> {
    let alg = JweAlgorithm::PBES2_HS256_A128KW;
    let enc = JweEncryption::A128CBC_HS256;
    let token = string(input, "jwe_compact")?;
    let password = string(input, "password")?;
    let key = DecryptingKey::password(password.as_bytes(), alg)
        .map_err(|e| format!("the password was rejected: {e}"))?;
    let decrypter = Decrypter::new([alg], [enc]).map_err(|e| e.to_string())?;
    let decrypted = decrypter
        .decrypt_compact(token, &key)
        .map_err(|e| format!("decryption failed: {e}"))?;
    let cty = decrypted
        .protected_header()
        .get("cty")
        .and_then(Value::as_str);
    check_eq("cty", cty, Some(string(input, "content_type")?))?;
    let plaintext = std::str::from_utf8(decrypted.plaintext())
        .map_err(|_| "the plaintext is not UTF-8".to_owned())?;
    let jwk = Jwk::from_json(plaintext).map_err(|e| format!("the plaintext JWK: {e}"))?;
    let actual: Value =
        serde_json::from_str(&jwk.to_json()).map_err(|e| format!("the JWK's JSON: {e}"))?;
    check_eq("jwk", &actual, member(expect, "jwk")?)?;

    let (rest, tag) = token.rsplit_once('.').ok_or("the token has no '.'")?;
    let mut tag = base64url::decode(tag).map_err(|e| format!("tag: {e}"))?;
    let first = tag.first_mut().ok_or("the tag is empty")?;
    *first ^= 1;
    let tampered = format!("{rest}.{}", base64url::encode(&tag));
    refused("a changed tag", decrypter.decrypt_compact(&tampered, &key))?;
    let wrong = DecryptingKey::password(format!("{password}!").as_bytes(), alg)
        .map_err(|e| e.to_string())?;
    refused("a wrong password", decrypter.decrypt_compact(token, &wrong))
}

/// `jwe-content`: encrypt and compare, decrypt, tamper.
pub(crate) fn content(input: &Value, expect: &Value) -> Result<(), String> {
    let enc: JweEncryption = string(input, "enc")?
        .parse()
        .map_err(|e| format!("enc: {e}"))?;
    let cek = SecretBytes::new(hex(input, "key_hex")?);
    let plaintext = hex(input, "plaintext_hex")?;
    let iv = hex(input, "iv_hex")?;
    let aad = hex(input, "aad_hex")?;
    let expected_ciphertext = hex(expect, "ciphertext_hex")?;
    let expected_tag = hex(expect, "tag_hex")?;

    let (ciphertext, tag) = content::encrypt(enc, &cek, &iv, &aad, &plaintext)
        .map_err(|e| format!("encryption failed: {e}"))?;
    check_eq(
        "ciphertext",
        hex_string(&ciphertext),
        hex_string(&expected_ciphertext),
    )?;
    check_eq("tag", hex_string(&tag), hex_string(&expected_tag))?;

    let decrypted = content::decrypt(enc, &cek, &iv, &aad, &expected_ciphertext, &expected_tag)
        .map_err(|e| format!("decryption of the expected values failed: {e}"))?;
    check_eq("plaintext", hex_string(&decrypted), hex_string(&plaintext))?;

    // Tampering: every change is the one decryption error.
    let mut changed_tag = expected_tag.clone();
    flip_last_bit(&mut changed_tag)?;
    let mut changed_ciphertext = expected_ciphertext.clone();
    flip_last_bit(&mut changed_ciphertext)?;
    let mut changed_aad = aad.clone();
    changed_aad.push(0);
    let truncated_tag = expected_tag
        .get(..expected_tag.len().saturating_sub(1))
        .unwrap_or(&[]);
    let decrypt = |aad: &[u8], ciphertext: &[u8], tag: &[u8]| {
        content::decrypt(enc, &cek, &iv, aad, ciphertext, tag)
    };
    refused(
        "a changed tag",
        decrypt(&aad, &expected_ciphertext, &changed_tag),
    )?;
    refused(
        "a truncated tag",
        decrypt(&aad, &expected_ciphertext, truncated_tag),
    )?;
    refused(
        "a changed ciphertext",
        decrypt(&aad, &changed_ciphertext, &expected_tag),
    )?;
    refused(
        "a changed AAD",
        decrypt(&changed_aad, &expected_ciphertext, &expected_tag),
    )?;
    Ok(())
}

/// The decryption must fail with the one decryption error.
pub(super) fn refused<T>(what: &str, result: Result<T, Error>) -> Result<(), String> {
    match result {
        Err(Error::DecryptionFailed) => Ok(()),
        Err(other) => Err(format!("{what}: unexpected error {other}")),
        Ok(_) => Err(format!("{what} was accepted")),
    }
}

/// A member holding lowercase or uppercase hexadecimal, no separators.
pub(super) fn hex(value: &Value, name: &str) -> Result<Vec<u8>, String> {
    let text = string(value, name)?;
    if !text.len().is_multiple_of(2) {
        return Err(format!("\"{name}\": odd number of hex digits"));
    }
    text.as_bytes()
        .chunks(2)
        .map(|pair| {
            std::str::from_utf8(pair)
                .ok()
                .and_then(|digits| u8::from_str_radix(digits, 16).ok())
                .ok_or_else(|| format!("\"{name}\" is not hexadecimal"))
        })
        .collect()
}

fn hex_string(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn flip_last_bit(bytes: &mut [u8]) -> Result<(), String> {
    let last = bytes.last_mut().ok_or("an empty value cannot be changed")?;
    *last ^= 1;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rfc7518_b1() -> (Value, Value) {
        let case = crate::load(&crate::vectors_dir())
            .unwrap()
            .into_iter()
            .find(|c| c.id == "rfc7518-b.1-a128cbc-hs256")
            .unwrap();
        (case.input, case.expect)
    }

    #[test]
    fn the_rfc_case_passes() {
        let (input, expect) = rfc7518_b1();
        content(&input, &expect).unwrap();
    }

    #[test]
    fn a_wrong_expectation_fails() {
        let (input, expect) = rfc7518_b1();
        for (member, value) in [
            ("tag_hex", "652c3fa36b0a7c5b3219fab3a30bc1c5"),
            ("tag_hex", "652c3fa36b0a7c5b3219fab3a30bc1"),
            ("ciphertext_hex", "c80e"),
        ] {
            let mut wrong = expect.clone();
            wrong[member] = value.into();
            assert!(content(&input, &wrong).is_err(), "{member}");
        }
        let mut wrong = input.clone();
        wrong["enc"] = "A256CBC-HS512".into();
        assert!(content(&wrong, &expect).is_err());
        let mut wrong = input;
        wrong["iv_hex"] = "1af38c2dc2b96ffdd86694092341bc0".into();
        assert!(content(&wrong, &expect).is_err());
    }

    fn rfc7520_case(id: &str) -> (Value, Value) {
        let case = crate::load(&crate::vectors_dir())
            .unwrap()
            .into_iter()
            .find(|c| c.id == id)
            .unwrap();
        (case.input, case.expect)
    }

    #[test]
    fn the_rfc7520_compact_cases_pass_and_wrong_expectations_fail() {
        for id in [
            "rfc7516-a.1-rsa-oaep-a256gcm-compact",
            "rfc7516-a.2-rsa1-5-a128cbc-hs256-compact",
            "rfc7516-a.3-a128kw-a128cbc-hs256-compact",
            "rfc7520-5.1-rsa1-5-a128cbc-hs256-compact",
            "rfc7520-5.2-rsa-oaep-a256gcm-compact",
            "rfc7520-5.3-pbes2-a128cbc-hs256-compact",
            "rfc7520-5.6-dir-a128gcm-compact",
            "rfc7520-5.7-a256gcmkw-a128cbc-hs256-compact",
            "rfc7520-5.8-a128kw-a128gcm-compact",
            "rfc7520-5.9-a128kw-a128gcm-deflate-compact",
        ] {
            let (input, expect) = rfc7520_case(id);
            compact_decrypt(&input, &expect).unwrap();
            let mut wrong = expect.clone();
            wrong["plaintext"] = "You can trust us".into();
            assert!(compact_decrypt(&input, &wrong).is_err(), "{id}");
            let mut wrong = expect.clone();
            wrong["protected"]["enc"] = "other".into();
            assert!(compact_decrypt(&input, &wrong).is_err(), "{id}");
            let mut wrong = input.clone();
            wrong["enc"] = "A192GCM".into();
            assert!(compact_decrypt(&wrong, &expect).is_err(), "{id}");
            let mut wrong = input;
            wrong["alg"] = "A192KW".into();
            assert!(compact_decrypt(&wrong, &expect).is_err(), "{id}");
        }
    }

    #[test]
    fn rsa1_5_runs_only_when_the_case_allows_it() {
        let (input, expect) = rfc7520_case("rfc7520-5.1-rsa1-5-a128cbc-hs256-compact");
        let mut without = input.clone();
        without.as_object_mut().unwrap().remove("options");
        let e = compact_decrypt(&without, &expect).unwrap_err();
        assert!(e.contains("Decrypter::new_allowing_rsa1_5"), "{e}");
        let mut wrong = input;
        wrong["options"]["allow_rsa1_5"] = false.into();
        assert!(compact_decrypt(&wrong, &expect).is_err());
    }

    #[test]
    fn the_rfc7517_encrypted_jwk_passes_and_wrong_expectations_fail() {
        let (input, expect) = rfc7520_case("rfc7517-c.9-encrypted-jwk");
        jwk_encrypted(&input, &expect).unwrap();
        let mut wrong = expect.clone();
        wrong["jwk"]["kid"] = "romeo@montague.lit".into();
        assert!(jwk_encrypted(&input, &wrong).is_err());
        let mut wrong = input.clone();
        wrong["content_type"] = "jwk-set+json".into();
        assert!(jwk_encrypted(&wrong, &expect).is_err());
        let mut wrong = input;
        wrong["password"] = "Thus from my lips".into();
        assert!(jwk_encrypted(&wrong, &expect).is_err());
    }

    #[test]
    fn hex_is_strict() {
        let value = serde_json::json!({"a": "0aFf", "b": "0g", "c": "abc"});
        assert_eq!(hex(&value, "a").unwrap(), [0x0a, 0xff]);
        assert!(hex(&value, "b").is_err());
        assert!(hex(&value, "c").is_err());
        assert_eq!(hex_string(&[0x0a, 0xff]), "0aff");
    }
}
