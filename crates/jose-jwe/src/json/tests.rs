// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
//! The JSON serializations: round trips (flattened and general, several recipients with
//! different algorithms, AAD, zip), what the result reports, the producer's refusals, and a
//! property test. The rejections of malformed input are in `reject_tests`.

use std::sync::OnceLock;

use jose_b64::serde_json::{self, Map, Value, json};
use jose_b64::{SecretBytes, base64url};
use jose_jwk::{EcCurve, Jwk, KeySpec, OkpCurve};
use proptest::prelude::*;

use super::*;
use crate::keywrap::aes_kw;
use crate::{
    Decrypter, DecryptingKey, EncryptingKey, Error, Header, JweAlgorithm, JweEncryption, content,
};

pub(super) type A = JweAlgorithm;
pub(super) type E = JweEncryption;

/// One 2048-bit RSA key for every test (generating is slow).
fn rsa_jwk() -> &'static Jwk {
    static KEY: OnceLock<Jwk> = OnceLock::new();
    KEY.get_or_init(|| Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap())
}

/// A key pair for `alg` with kid `kid`: symmetric keys from a pattern, a password for PBES2
/// (p2c 1000), the shared RSA key, a fresh P-256 or X25519 key for ECDH-ES.
pub(super) fn pair(alg: A, kid: &str) -> (EncryptingKey, DecryptingKey) {
    let (ek, dk) = if alg.is_pbes2() {
        let password = format!("password of {kid}");
        (
            EncryptingKey::password(password.as_bytes(), alg)
                .unwrap()
                .with_pbes2_count(1000)
                .unwrap(),
            DecryptingKey::password(password.as_bytes(), alg).unwrap(),
        )
    } else if alg.is_ecdh_es() {
        let spec = if alg == A::ECDH_ES_A192KW {
            KeySpec::Okp(OkpCurve::X25519)
        } else {
            KeySpec::Ec(EcCurve::P256)
        };
        let private = Jwk::generate(spec).unwrap();
        (
            EncryptingKey::from_jwk(&private.to_public().unwrap(), alg).unwrap(),
            DecryptingKey::from_jwk(&private, alg).unwrap(),
        )
    } else if alg.as_str().starts_with("RSA") {
        (
            EncryptingKey::from_jwk(&rsa_jwk().to_public().unwrap(), alg).unwrap(),
            DecryptingKey::from_jwk(rsa_jwk(), alg).unwrap(),
        )
    } else {
        let len = alg.wrap_key_len().unwrap_or(32);
        let secret: Vec<u8> = (0..len).map(|i| i as u8 ^ kid.len() as u8).collect();
        (
            EncryptingKey::symmetric(&secret, alg).unwrap(),
            DecryptingKey::symmetric(&secret, alg).unwrap(),
        )
    };
    (ek.with_kid(kid), dk.with_kid(kid))
}

pub(super) fn decrypter(algs: &[A], enc: E) -> Decrypter {
    Decrypter::new(algs.iter().copied(), [enc]).unwrap()
}

pub(super) fn object(json: &str) -> Map<String, Value> {
    serde_json::from_str(json).unwrap()
}

/// The JSON text with its object changed by `f`.
pub(super) fn edit(json: &str, f: impl FnOnce(&mut Map<String, Value>)) -> String {
    let mut map = object(json);
    f(&mut map);
    serde_json::to_string(&map).unwrap()
}

/// The decoded protected header of a JSON serialization.
pub(super) fn protected_of(json: &str) -> Map<String, Value> {
    let encoded = object(json)["protected"].as_str().unwrap().to_owned();
    serde_json::from_slice(&base64url::decode(encoded).unwrap()).unwrap()
}

/// A base64url member decoded, changed by `f`, and encoded again.
pub(super) fn tamper_member(value: &mut Value, f: impl FnOnce(&mut Vec<u8>)) {
    let mut bytes = base64url::decode(value.as_str().unwrap()).unwrap();
    f(&mut bytes);
    *value = Value::String(base64url::encode(&bytes));
}

/// The A128KW key of the hand-made JWEs.
pub(super) const KEK: [u8; 16] = [0x42; 16];

/// A JWE made from the primitives, for headers that `Encryptor` never writes: `protected`
/// (JSON text, or none), `unprotected`, and per recipient a header and a KEK (A128KW).
pub(super) fn handmade(
    protected: Option<&str>,
    unprotected: Option<Value>,
    recipients: &[(Option<Value>, [u8; 16])],
    enc: E,
    plaintext: &[u8],
) -> String {
    let cek = content::generate_cek(enc).unwrap();
    let iv = content::generate_iv(enc).unwrap();
    let encoded = protected.map(base64url::encode).unwrap_or_default();
    let (ciphertext, tag) =
        content::encrypt(enc, &cek, &iv, encoded.as_bytes(), plaintext).unwrap();
    let mut top = Map::new();
    if protected.is_some() {
        top.insert("protected".into(), json!(encoded));
    }
    if let Some(unprotected) = unprotected {
        top.insert("unprotected".into(), unprotected);
    }
    let list: Vec<Value> = recipients
        .iter()
        .map(|(header, kek)| {
            let wrapped = aes_kw::wrap(&SecretBytes::from(&kek[..]), &cek).unwrap();
            let mut r = Map::new();
            if let Some(header) = header {
                r.insert("header".into(), header.clone());
            }
            r.insert("encrypted_key".into(), json!(base64url::encode(wrapped)));
            Value::Object(r)
        })
        .collect();
    top.insert("recipients".into(), Value::Array(list));
    top.insert("iv".into(), json!(base64url::encode(iv)));
    top.insert("ciphertext".into(), json!(base64url::encode(ciphertext)));
    top.insert("tag".into(), json!(base64url::encode(tag)));
    serde_json::to_string(&top).unwrap()
}

const EVERY_ALG: [A; 12] = [
    A::Dir,
    A::A128KW,
    A::A256KW,
    A::A192GCMKW,
    A::RSA_OAEP,
    A::RSA_OAEP_256,
    A::PBES2_HS256_A128KW,
    A::PBES2_HS512_A256KW,
    A::ECDH_ES,
    A::ECDH_ES_A128KW,
    A::ECDH_ES_A192KW,
    A::ECDH_ES_A256KW,
];

#[test]
fn flattened_round_trips_every_key_management_family() {
    for alg in EVERY_ALG {
        for enc in [E::A128CBC_HS256, E::A256GCM] {
            let (ek, dk) = if alg == A::Dir {
                let secret = vec![9u8; enc.key_len()];
                (
                    EncryptingKey::symmetric(&secret, alg)
                        .unwrap()
                        .with_kid("d"),
                    DecryptingKey::symmetric(&secret, alg).unwrap(),
                )
            } else {
                pair(alg, "k")
            };
            let jwe = encrypt_flattened(&ek, enc, &Header::new().typ("t"), b"flat secret").unwrap();
            let top = object(&jwe);
            assert!(!top.contains_key("recipients"), "{alg}");
            assert!(!top.contains_key("header"), "{alg}: nothing unprotected");
            assert!(!top.contains_key("aad"), "{alg}");
            assert_eq!(
                top.contains_key("encrypted_key"),
                !matches!(alg, A::Dir | A::ECDH_ES),
                "{alg}: encrypted_key only when non-empty"
            );
            // alg, kid and the algorithm's parameters are protected, as in the compact form.
            let protected = protected_of(&jwe);
            assert_eq!(protected["alg"], alg.as_str());
            assert_eq!(protected["enc"], enc.as_str());
            assert_eq!(protected["typ"], "t");
            assert!(protected.contains_key("kid"), "{alg}");
            assert_eq!(protected.contains_key("epk"), alg.is_ecdh_es(), "{alg}");
            assert_eq!(protected.contains_key("p2c"), alg.is_pbes2(), "{alg}");
            assert_eq!(protected.contains_key("iv"), alg == A::A192GCMKW, "{alg}");

            let d = decrypter(&[alg], enc);
            let out = d.decrypt_json(&jwe, &dk).unwrap();
            assert_eq!(out.plaintext(), b"flat secret", "{alg} {enc}");
            assert_eq!((out.alg(), out.enc(), out.recipient_index()), (alg, enc, 0));
            assert!(out.kid().is_some());
            assert_eq!(out.protected_header(), &protected);
            assert!(out.shared_unprotected_header().is_none());
            assert!(out.recipient_header().is_none());
            assert!(out.aad().is_none());
            let parsed = UnverifiedJsonJwe::parse(&jwe).unwrap();
            assert!(parsed.is_flattened() && parsed.recipient_count() == 1);
            assert_eq!(parsed.decrypt(&d, &dk).unwrap().plaintext(), b"flat secret");
        }
    }
}

#[test]
fn general_round_trips_with_several_algorithms() {
    let algs = [
        A::RSA_OAEP_256,
        A::A128KW,
        A::ECDH_ES_A256KW,
        A::PBES2_HS384_A192KW,
        A::A256GCMKW,
        A::ECDH_ES_A192KW,
    ];
    let pairs: Vec<_> = algs
        .iter()
        .enumerate()
        .map(|(i, &alg)| pair(alg, &format!("r{i}")))
        .collect();
    let enc = E::A192CBC_HS384;
    let mut encryptor = Encryptor::new(enc)
        .protected(Header::new().typ("example+jwe"))
        .unprotected(
            Header::new()
                .param("jku", "https://example.com/keys")
                .unwrap(),
        );
    for (i, (ek, _)) in pairs.iter().enumerate() {
        let own = if algs[i].is_ecdh_es() {
            Header::new().apu(format!("producer {i}")).apv(b"recipient")
        } else {
            Header::new().param("x-index", i).unwrap()
        };
        encryptor = encryptor.recipient(ek, own);
    }
    let jwe = encryptor.encrypt_general(b"for six recipients").unwrap();

    let top = object(&jwe);
    assert!(!top.contains_key("header") && !top.contains_key("encrypted_key"));
    assert_eq!(
        protected_of(&jwe),
        object(r#"{"enc":"A192CBC-HS384","typ":"example+jwe"}"#),
        "only enc and the caller's protected parameters"
    );
    let recipients = top["recipients"].as_array().unwrap();
    assert_eq!(recipients.len(), algs.len());
    for (i, r) in recipients.iter().enumerate() {
        let header = r["header"].as_object().unwrap();
        assert_eq!(header["alg"], algs[i].as_str());
        assert_eq!(header["kid"], format!("r{i}"));
        assert_eq!(header.contains_key("epk"), algs[i].is_ecdh_es());
        assert_eq!(header.contains_key("p2s"), algs[i].is_pbes2());
        assert_eq!(header.contains_key("tag"), algs[i] == A::A256GCMKW);
        assert!(r["encrypted_key"].is_string());
    }

    let d = decrypter(&algs, enc);
    let every_key: Vec<DecryptingKey> = pairs.iter().map(|(_, dk)| dk.clone()).collect();
    // Each recipient's key alone finds its recipient, which is reported with its headers.
    for (i, (_, dk)) in pairs.iter().enumerate() {
        let out = d.decrypt_json(&jwe, dk).unwrap();
        assert_eq!(out.plaintext(), b"for six recipients");
        assert_eq!(out.recipient_index(), i, "{}", algs[i]);
        assert_eq!(out.alg(), algs[i]);
        assert_eq!(out.kid(), Some(format!("r{i}").as_str()));
        assert_eq!(out.recipient_header(), recipients[i]["header"].as_object());
        assert_eq!(out.header_param("alg").unwrap(), algs[i].as_str());
        assert_eq!(out.header_param("jku").unwrap(), "https://example.com/keys");
        assert_eq!(out.header_param("typ").unwrap(), "example+jwe");
        // From a list of every key, each recipient's own key.
        let one = vec![every_key[i].clone()];
        assert_eq!(d.decrypt_json(&jwe, &one).unwrap().recipient_index(), i);
    }
    // All keys: the first recipient.
    assert_eq!(
        d.decrypt_json(&jwe, &every_key).unwrap().recipient_index(),
        0
    );
    // A decrypter allowing only the PBES2 recipient's algorithm skips the others.
    let only = decrypter(&[A::PBES2_HS384_A192KW], enc);
    assert_eq!(
        only.decrypt_json(&jwe, &every_key)
            .unwrap()
            .recipient_index(),
        3
    );
}

#[test]
fn a_single_direct_recipient_in_the_general_syntax() {
    for alg in [A::Dir, A::ECDH_ES] {
        let (ek, dk) = if alg == A::Dir {
            let secret = [3u8; 16];
            (
                EncryptingKey::symmetric(&secret, alg).unwrap(),
                DecryptingKey::symmetric(&secret, alg).unwrap(),
            )
        } else {
            pair(alg, "x")
        };
        let jwe = Encryptor::new(E::A128GCM)
            .recipient(&ek, Header::new())
            .encrypt_general(b"direct")
            .unwrap();
        let r = &object(&jwe)["recipients"][0];
        assert!(r.get("encrypted_key").is_none(), "{alg}: {r}");
        assert_eq!(r["header"]["alg"], alg.as_str());
        let out = decrypter(&[alg], E::A128GCM)
            .decrypt_json(&jwe, &dk)
            .unwrap();
        assert_eq!(out.plaintext(), b"direct");
    }
}

#[test]
fn aad_is_authenticated_and_reported() {
    let (ek, dk) = pair(A::A128KW, "a");
    let jwe = Encryptor::new(E::A128GCM)
        .aad(b"\x00binary \xff aad")
        .recipient(&ek, Header::new())
        .encrypt_flattened(b"with aad")
        .unwrap();
    let top = object(&jwe);
    assert_eq!(top["aad"], base64url::encode(b"\x00binary \xff aad"));
    let d = decrypter(&[A::A128KW], E::A128GCM);
    let out = d.decrypt_json(&jwe, &dk).unwrap();
    assert_eq!(out.aad(), Some(&b"\x00binary \xff aad"[..]));
    assert_eq!(out.plaintext(), b"with aad");
    // The AAD is ASCII(protected) '.' ASCII(aad): checked with the primitives.
    let cek = aes_kw::unwrap(
        dk.secret(),
        &base64url::decode(top["encrypted_key"].as_str().unwrap()).unwrap(),
        16,
    )
    .unwrap();
    let aad_input = format!(
        "{}.{}",
        top["protected"].as_str().unwrap(),
        top["aad"].as_str().unwrap()
    );
    let field = |name: &str| base64url::decode(top[name].as_str().unwrap()).unwrap();
    let plaintext = content::decrypt(
        E::A128GCM,
        &cek,
        &field("iv"),
        aad_input.as_bytes(),
        &field("ciphertext"),
        &field("tag"),
    )
    .unwrap();
    assert_eq!(plaintext.as_slice(), b"with aad");
    // An empty AAD is no AAD: no member, and the AAD input is the protected header alone.
    let jwe = Encryptor::new(E::A128GCM)
        .aad(b"")
        .recipient(&ek, Header::new())
        .encrypt_flattened(b"no aad")
        .unwrap();
    assert!(!object(&jwe).contains_key("aad"));
    assert!(d.decrypt_json(&jwe, &dk).unwrap().aad().is_none());
}

#[cfg(feature = "deflate")]
#[test]
fn zip_in_the_protected_header_compresses_for_every_recipient() {
    let (a, da) = pair(A::A128KW, "a");
    let (b, db) = pair(A::A256GCMKW, "b");
    let plaintext = "all work and no play ".repeat(40);
    let jwe = Encryptor::new(E::A256GCM)
        .protected(Header::new().deflate())
        .recipient(&a, Header::new())
        .recipient(&b, Header::new())
        .encrypt_general(plaintext.as_bytes())
        .unwrap();
    assert_eq!(protected_of(&jwe)["zip"], "DEF");
    let ciphertext = object(&jwe)["ciphertext"].as_str().unwrap().len();
    assert!(ciphertext < plaintext.len() / 4, "{ciphertext}");
    let d = decrypter(&[A::A128KW, A::A256GCMKW], E::A256GCM);
    for (i, key) in [da, db].iter().enumerate() {
        let out = d.decrypt_json(&jwe, key).unwrap();
        assert_eq!(out.plaintext(), plaintext.as_bytes());
        assert_eq!(out.recipient_index(), i);
    }
    // The cap applies as for the compact serialization.
    let small = d.with_max_decompressed_len(100);
    let e = small
        .decrypt_json(&jwe, &pair(A::A128KW, "a").1)
        .unwrap_err();
    assert!(matches!(e, Error::Decompression { .. }), "{e}");
}

#[test]
fn the_producer_refuses_what_a_recipient_would() {
    let (a, _) = pair(A::A128KW, "a");
    let (b, _) = pair(A::RSA_OAEP_256, "b");
    let (ecdh, _) = pair(A::ECDH_ES, "e");
    let dir = EncryptingKey::symmetric(&[1u8; 16], A::Dir).unwrap();
    let invalid = |result: Result<String, Error>, why: &str| {
        let e = result.unwrap_err();
        assert!(matches!(e, Error::Invalid { .. }), "{why}: {e}");
        assert!(e.to_string().contains(why), "{e}");
    };
    let header_error = |result: Result<String, Error>, why: &str| {
        let e = result.unwrap_err();
        assert!(matches!(e, Error::Header(_)), "{why}: {e}");
        assert!(e.to_string().contains(why), "{e}");
    };
    invalid(
        Encryptor::new(E::A128GCM).encrypt_general(b"x"),
        "at least one recipient",
    );
    invalid(
        Encryptor::new(E::A128GCM).encrypt_flattened(b"x"),
        "exactly one recipient, 0 were added",
    );
    invalid(
        Encryptor::new(E::A128GCM)
            .recipient(&a, Header::new())
            .recipient(&b, Header::new())
            .encrypt_flattened(b"x"),
        "exactly one recipient, 2 were added",
    );
    // dir and ECDH-ES determine the CEK: never beside another recipient, first or not.
    for (first, second) in [(&dir, &a), (&a, &dir), (&ecdh, &b), (&b, &ecdh)] {
        invalid(
            Encryptor::new(E::A128GCM)
                .recipient(first, Header::new())
                .recipient(second, Header::new())
                .encrypt_general(b"x"),
            "cannot share one with other recipients",
        );
    }
    // Names in two headers (security.md #35), on producing too.
    header_error(
        Encryptor::new(E::A128GCM)
            .protected(Header::new().typ("a"))
            .unprotected(Header::new().typ("b"))
            .recipient(&a, Header::new())
            .encrypt_general(b"x"),
        "\"typ\" appears in more than one header",
    );
    header_error(
        Encryptor::new(E::A128GCM)
            .unprotected(Header::new().kid("shared"))
            .recipient(&a, Header::new().kid("own"))
            .encrypt_flattened(b"x"),
        "\"kid\" appears in more than one header",
    );
    header_error(
        Encryptor::new(E::A128GCM)
            .protected(Header::new().cty("JWT"))
            .recipient(&a, Header::new().cty("JWT"))
            .encrypt_general(b"x"),
        "\"cty\" appears in more than one header",
    );
    // zip only protected.
    #[cfg(feature = "deflate")]
    for (shared, own) in [
        (Header::new().deflate(), Header::new()),
        (Header::new(), Header::new().deflate()),
    ] {
        header_error(
            Encryptor::new(E::A128GCM)
                .unprotected(shared)
                .recipient(&a, own)
                .encrypt_general(b"x"),
            "\"zip\" must be integrity protected",
        );
    }
    // apu/apv only for ECDH-ES recipients, wherever they are.
    let (agree, _) = pair(A::ECDH_ES_A128KW, "k");
    invalid(
        Encryptor::new(E::A128GCM)
            .unprotected(Header::new().apu(b"Alice"))
            .recipient(&agree, Header::new())
            .recipient(&a, Header::new())
            .encrypt_general(b"x"),
        "ECDH-ES parameters, not for A128KW",
    );
    invalid(
        Encryptor::new(E::A128GCM)
            .protected(Header::new().apu(b"same"))
            .recipient(&agree, Header::new().apv(b"same"))
            .encrypt_general(b"x"),
        "distinct",
    );
    // A dir key of the wrong length.
    let e = Encryptor::new(E::A256GCM)
        .recipient(&dir, Header::new())
        .encrypt_flattened(b"x")
        .unwrap_err();
    assert!(matches!(e, Error::InvalidKey { .. }), "{e}");
}

#[test]
fn the_keys_kid_yields_to_a_kid_in_any_header() {
    let (a, da) = pair(A::A128KW, "from-key");
    let d = decrypter(&[A::A128KW], E::A128GCM);
    // General: the key's kid goes into the recipient's header.
    let jwe = Encryptor::new(E::A128GCM)
        .recipient(&a, Header::new())
        .encrypt_general(b"x")
        .unwrap();
    assert_eq!(object(&jwe)["recipients"][0]["header"]["kid"], "from-key");
    // A kid in the shared header is used instead, and only there.
    let jwe = Encryptor::new(E::A128GCM)
        .unprotected(Header::new().kid("shared"))
        .recipient(&a, Header::new())
        .encrypt_general(b"x")
        .unwrap();
    let top = object(&jwe);
    assert_eq!(top["unprotected"]["kid"], "shared");
    assert!(top["recipients"][0]["header"].get("kid").is_none());
    // The decrypting key, with its own kid, no longer matches: no key.
    let e = d.decrypt_json(&jwe, &da).unwrap_err();
    assert!(matches!(e, Error::NoMatchingKey { .. }), "{e}");
    let renamed = da.clone().with_kid("shared");
    assert_eq!(
        d.decrypt_json(&jwe, &renamed).unwrap().kid(),
        Some("shared")
    );
    // Flattened: the recipient's header names it.
    let jwe = Encryptor::new(E::A128GCM)
        .recipient(&a, Header::new().kid("own"))
        .encrypt_flattened(b"x")
        .unwrap();
    assert!(!protected_of(&jwe).contains_key("kid"));
    assert_eq!(object(&jwe)["header"]["kid"], "own");
}

#[test]
fn every_encryption_is_fresh() {
    let (a, _) = pair(A::A128KW, "a");
    let (b, _) = pair(A::A192GCMKW, "b");
    let encryptor = Encryptor::new(E::A128GCM)
        .recipient(&a, Header::new())
        .recipient(&b, Header::new());
    let first = object(&encryptor.encrypt_general(b"same").unwrap());
    let second = object(&encryptor.encrypt_general(b"same").unwrap());
    for member in ["iv", "ciphertext", "tag"] {
        assert_ne!(first[member], second[member], "{member}");
    }
    for i in 0..2 {
        assert_ne!(
            first["recipients"][i]["encrypted_key"],
            second["recipients"][i]["encrypted_key"]
        );
    }
    assert_ne!(
        first["recipients"][1]["header"]["iv"],
        second["recipients"][1]["header"]["iv"]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn round_trip(
        plaintext in proptest::collection::vec(any::<u8>(), 0..300),
        aad in proptest::collection::vec(any::<u8>(), 0..40),
        count in 1usize..4,
        pick in 0usize..3,
        flattened in any::<bool>(),
        gcm in any::<bool>(),
    ) {
        let enc = if gcm { E::A256GCM } else { E::A128CBC_HS256 };
        let algs = [A::A128KW, A::A256GCMKW, A::A192KW];
        let count = if flattened { 1 } else { count };
        let pick = pick % count;
        let pairs: Vec<_> = (0..count).map(|i| pair(algs[i], &format!("k{i}"))).collect();
        let mut encryptor = Encryptor::new(enc).aad(&aad);
        for (ek, _) in &pairs {
            encryptor = encryptor.recipient(ek, Header::new());
        }
        let jwe = if flattened {
            encryptor.encrypt_flattened(&plaintext)
        } else {
            encryptor.encrypt_general(&plaintext)
        }
        .unwrap();
        let d = decrypter(&algs, enc);
        let out = d.decrypt_json(&jwe, &pairs[pick].1).unwrap();
        prop_assert_eq!(out.plaintext(), plaintext.as_slice());
        prop_assert_eq!(out.recipient_index(), pick);
        prop_assert_eq!(out.aad(), (!aad.is_empty()).then_some(aad.as_slice()));
        let parsed = UnverifiedJsonJwe::parse(&jwe).unwrap();
        prop_assert_eq!(parsed.is_flattened(), flattened);
        prop_assert_eq!(parsed.recipient_count(), count);
    }
}
