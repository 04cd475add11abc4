//! `jwe-ecdh-agreement`: the ECDH-ES key agreement of RFC 7518 App. C, RFC 8037 App. A.6 and
//! RFC 7520 §5.4, §5.5, checked from the keys the RFC gives (documented in
//! `tests/vectors/README.md`).
//!
//! From the ephemeral private key and the recipient's public key: the `epk`, the shared secret
//! Z, the Concat KDF output and, for `ECDH-ES+A*KW`, the AES Key Wrap of the RFC's CEK under
//! it; from the recipient's private key (when the RFC gives it) and the `epk`: the same key.

use jose_b64::base64url;
use jose_jwe::hazmat::content::JweEncryption;
use jose_jwe::hazmat::keywrap::aes_kw;
use jose_jwe::hazmat::keywrap::ecdh_es::{self, EcdhPublicKey, EcdhSecretKey, Params};
use jose_jwe::{JweAlgorithm, SecretBytes};
use jose_jwk::Jwk;
use serde_json::Value;

use super::jwe::hex;
use super::{check_eq, member, string};

/// `jwe-ecdh-agreement`: derive on both sides and compare.
pub(crate) fn agreement(input: &Value, expect: &Value) -> Result<(), String> {
    let alg: JweAlgorithm = string(input, "alg")?
        .parse()
        .map_err(|e| format!("alg: {e}"))?;
    let enc: JweEncryption = string(input, "enc")?
        .parse()
        .map_err(|e| format!("enc: {e}"))?;
    let apu = optional_base64url(input, "apu")?;
    let apv = optional_base64url(input, "apv")?;
    let recipient = jwk(input, "recipient_jwk")?;
    let recipient_public =
        EcdhPublicKey::from_jwk(&recipient).map_err(|e| format!("recipient_jwk: {e}"))?;
    let ephemeral = match input.get("ephemeral_secret_hex") {
        Some(_) => {
            let bytes: [u8; 32] = hex(input, "ephemeral_secret_hex")?
                .try_into()
                .map_err(|_| "\"ephemeral_secret_hex\" is not 32 bytes".to_owned())?;
            EcdhSecretKey::from(x25519_dalek::StaticSecret::from(bytes))
        }
        None => EcdhSecretKey::from_jwk(&jwk(input, "ephemeral_jwk")?)
            .map_err(|e| format!("ephemeral_jwk: {e}"))?,
    };
    let epk = ephemeral.public_key();
    let actual = Value::Object(epk.to_jwk().to_map());
    check_eq("epk", &actual, member(expect, "epk")?)?;

    // The producer's side.
    let z = ecdh_es::shared_secret(&ephemeral, &recipient_public)
        .map_err(|e| format!("the producer's agreement failed: {e}"))?;
    let expected_z = match (expect.get("z_hex"), expect.get("z_octets")) {
        (Some(_), _) => Some(hex(expect, "z_hex")?),
        (None, Some(octets)) => Some(octets_of(octets)?),
        (None, None) => None,
    };
    if let Some(expected_z) = &expected_z {
        check_eq("Z", z.expose_secret(), expected_z.as_slice())?;
    }
    let derived = ecdh_es::derive_key(alg, enc, &z, &apu, &apv).map_err(|e| e.to_string())?;
    let mut checked = expected_z.is_some();
    if expect.get("derived_key").is_some() {
        let expected = base64url::decode(string(expect, "derived_key")?)
            .map_err(|e| format!("derived_key: {e}"))?;
        check_eq("derived key", derived.expose_secret(), expected.as_slice())?;
        checked = true;
    }
    if expect.get("encrypted_key").is_some() {
        let cek =
            SecretBytes::from_base64url(string(expect, "cek")?).map_err(|e| format!("cek: {e}"))?;
        let expected = base64url::decode(string(expect, "encrypted_key")?)
            .map_err(|e| format!("encrypted_key: {e}"))?;
        let wrapped = aes_kw::wrap(&derived, &cek).map_err(|e| e.to_string())?;
        check_eq("encrypted key", wrapped.as_slice(), expected.as_slice())?;
        let unwrapped =
            aes_kw::unwrap(&derived, &expected, cek.len()).map_err(|e| e.to_string())?;
        check_eq("unwrapped CEK", unwrapped, cek)?;
        checked = true;
    }
    if !checked {
        return Err("the case expects none of z_hex, z_octets, derived_key, encrypted_key".into());
    }
    // PartyUInfo is bound into the key.
    let other_apu = [apu.as_slice(), b"!"].concat();
    let other = ecdh_es::derive_key(alg, enc, &z, &other_apu, &apv).map_err(|e| e.to_string())?;
    if other == derived {
        return Err("a changed apu gives the same key".into());
    }

    // The recipient's side, when the RFC gives the private key.
    if recipient.is_private() {
        let secret = EcdhSecretKey::from_jwk(&recipient).map_err(|e| e.to_string())?;
        let params = Params::new(epk, apu, apv);
        let received = ecdh_es::agree_recipient(&secret, alg, enc, &params)
            .map_err(|e| format!("the recipient's agreement failed: {e}"))?;
        check_eq("the recipient's key", received, derived)?;
    }
    Ok(())
}

fn jwk(value: &Value, name: &str) -> Result<Jwk, String> {
    Jwk::from_json(&member(value, name)?.to_string()).map_err(|e| format!("{name}: {e}"))
}

fn optional_base64url(value: &Value, name: &str) -> Result<Vec<u8>, String> {
    match value.get(name) {
        None => Ok(Vec::new()),
        Some(_) => base64url::decode(string(value, name)?).map_err(|e| format!("{name}: {e}")),
    }
}

/// A JSON array of octets, as the RFCs print byte strings in decimal.
fn octets_of(value: &Value) -> Result<Vec<u8>, String> {
    value
        .as_array()
        .ok_or("\"z_octets\" is not an array")?
        .iter()
        .map(|v| {
            v.as_u64()
                .and_then(|n| u8::try_from(n).ok())
                .ok_or_else(|| "\"z_octets\" holds a value that is not an octet".to_owned())
        })
        .collect()
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

    const IDS: [&str; 4] = [
        "rfc7518-c-ecdh-es-key-agreement",
        "rfc8037-a.6-ecdh-es-x25519",
        "rfc7520-5.4-ecdh-es-a128kw-key-agreement",
        "rfc7520-5.5-ecdh-es-key-agreement",
    ];

    #[test]
    fn the_rfc_cases_pass() {
        for id in IDS {
            let (input, expect) = case(id);
            agreement(&input, &expect).unwrap_or_else(|e| panic!("{id}: {e}"));
        }
    }

    #[test]
    fn the_rfc7520_compact_cases_decrypt_and_wrong_expectations_fail() {
        use crate::kinds::jwe::compact_decrypt;
        for id in [
            "rfc7520-5.4-ecdh-es-a128kw-a128gcm-compact",
            "rfc7520-5.5-ecdh-es-a128cbc-hs256-compact",
        ] {
            let (input, expect) = case(id);
            compact_decrypt(&input, &expect).unwrap_or_else(|e| panic!("{id}: {e}"));
            let mut wrong = expect.clone();
            wrong["protected"]["epk"]["crv"] = "P-521".into();
            assert!(compact_decrypt(&input, &wrong).is_err(), "{id}");
            let mut wrong = input.clone();
            wrong["alg"] = "ECDH-ES+A256KW".into();
            assert!(compact_decrypt(&wrong, &expect).is_err(), "{id}");
            // The recipient's public key alone cannot decrypt.
            let mut wrong = input;
            wrong["jwk"].as_object_mut().unwrap().remove("d");
            assert!(compact_decrypt(&wrong, &expect).is_err(), "{id}");
        }
    }

    #[test]
    fn wrong_expectations_fail() {
        for id in IDS {
            let (input, expect) = case(id);
            let mut wrong = expect.clone();
            wrong["epk"]["x"] = "AAAA".into();
            assert!(agreement(&input, &wrong).is_err(), "{id}: epk");
            for name in ["z_hex", "derived_key", "encrypted_key"] {
                if expect.get(name).is_some() {
                    let mut wrong = expect.clone();
                    let text = expect[name].as_str().unwrap();
                    let last = if text.ends_with('A') { "B" } else { "A" };
                    wrong[name] = format!("{}{last}", &text[..text.len() - 1]).into();
                    assert!(agreement(&input, &wrong).is_err(), "{id}: {name}");
                }
            }
            let mut wrong = input.clone();
            wrong["alg"] = if input["alg"] == "ECDH-ES" {
                "ECDH-ES+A128KW"
            } else {
                "ECDH-ES"
            }
            .into();
            if expect.get("z_hex").is_none() {
                assert!(agreement(&wrong, &expect).is_err(), "{id}: alg");
            }
        }
        let (input, mut expect) = case("rfc7518-c-ecdh-es-key-agreement");
        expect["z_octets"][0] = 159.into();
        assert!(agreement(&input, &expect).is_err());
        expect.as_object_mut().unwrap().clear();
        assert!(agreement(&input, &expect).is_err(), "nothing expected");
    }
}
