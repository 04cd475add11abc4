// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
//! The JSON serializations refuse malformed input, each with its specific error: the shape
//! (security.md #36, RFC 7516 §7.2), the header rules (#3, #35, DESIGN §3.1), the choice of
//! the recipient, tampering, and the JWE key-management entries (#14, #18, #19, #20) with
//! their parameters in unprotected headers.

use std::cell::Cell;

use jose_b64::base64url;
use jose_b64::serde_json::{Value, json};

use super::tests::{A, E, KEK, decrypter, edit, handmade, object, pair, tamper_member};
use super::*;
use crate::test_util::assert_decryption_failed;
use crate::{Decrypter, DecryptingKey, DecryptingKeyRequest, Error, Header, Limits, compact};

/// A flattened A128KW JWE with a shared unprotected header, and its key.
fn flattened() -> (String, DecryptingKey) {
    let (ek, dk) = pair(A::A128KW, "a");
    let jwe = Encryptor::new(E::A128GCM)
        .unprotected(Header::new().param("x-shared", 1).unwrap())
        .aad(b"aad")
        .recipient(&ek, Header::new().param("x-own", 2).unwrap())
        .encrypt_flattened(b"secret")
        .unwrap();
    (jwe, dk)
}

/// A general JWE for A128KW "a" and A256KW "b", and the keys.
fn general() -> (String, DecryptingKey, DecryptingKey) {
    let (a, da) = pair(A::A128KW, "a");
    let (b, db) = pair(A::A256KW, "b");
    let jwe = Encryptor::new(E::A128GCM)
        .recipient(&a, Header::new())
        .recipient(&b, Header::new())
        .encrypt_general(b"secret")
        .unwrap();
    (jwe, da, db)
}

fn d() -> Decrypter {
    decrypter(&[A::A128KW, A::A256KW], E::A128GCM)
}

#[track_caller]
fn malformed(result: Result<crate::DecryptedJwe, Error>, why: &str) {
    let e = result.unwrap_err();
    assert!(matches!(e, Error::Malformed { .. }), "{why}: {e}");
    assert!(e.to_string().contains(why), "{e}");
    assert_eq!(e.code(), "ERR_JWE_INVALID");
}

#[track_caller]
fn encoding(result: Result<crate::DecryptedJwe, Error>, part: &str) {
    let e = result.unwrap_err();
    assert!(
        matches!(&e, Error::Encoding { part: p, .. } if *p == part),
        "{part}: {e}"
    );
}

#[track_caller]
fn header(result: Result<crate::DecryptedJwe, Error>, why: &str) {
    let e = result.unwrap_err();
    assert!(matches!(e, Error::Header(_)), "{why}: {e}");
    assert!(e.to_string().contains(why), "{e}");
}

#[test]
fn security_36_shapes() {
    let (flat, key) = flattened();
    let (many, da, _) = general();
    let d = d();
    assert!(d.decrypt_json(&flat, &key).is_ok() && d.decrypt_json(&many, &da).is_ok());

    // An empty or mistyped `recipients`.
    let empty = edit(&many, |m| {
        m.insert("recipients".into(), json!([]));
    });
    malformed(d.decrypt_json(&empty, &da), "\"recipients\" is empty");
    for (value, found) in [
        (json!({}), "an object"),
        (json!("x"), "a string"),
        (json!(null), "null"),
    ] {
        let bad = edit(&many, |m| {
            m.insert("recipients".into(), value);
        });
        malformed(
            d.decrypt_json(&bad, &da),
            &format!("\"recipients\" must be an array, found {found}"),
        );
    }
    let bad = edit(&many, |m| {
        m["recipients"].as_array_mut().unwrap().push(json!("r"));
    });
    malformed(
        d.decrypt_json(&bad, &da),
        "recipient 2 must be a JSON object",
    );
    // Both forms at once.
    for member in ["header", "encrypted_key"] {
        let both = edit(&many, |m| {
            m.insert(member.into(), m["recipients"][0][member].clone());
        });
        malformed(
            d.decrypt_json(&both, &da),
            &format!("\"{member}\" at the top level of a general JSON serialization"),
        );
    }
    let both = edit(&flat, |m| {
        m.insert("recipients".into(), json!([{"header": {"alg": "A128KW"}}]));
    });
    malformed(d.decrypt_json(&both, &key), "belongs inside \"recipients\"");
    // No header at all for a recipient.
    let bare = handmade(
        None,
        None,
        &[(Some(json!({"alg": "A128KW"})), KEK), (None, KEK)],
        E::A128GCM,
        b"x",
    );
    malformed(d.decrypt_json(&bare, &key), "recipient 1 has no header");
    let bare = edit(&flat, |m| {
        m.remove("protected");
        m.remove("unprotected");
        m.remove("header");
    });
    malformed(d.decrypt_json(&bare, &key), "recipient 0 has no header");
    // `protected`: empty, mistyped, not base64url, not a strict JSON object.
    malformed(
        d.decrypt_json(
            &edit(&flat, |m| {
                m.insert("protected".into(), json!(""));
            }),
            &key,
        ),
        "\"protected\" is empty",
    );
    malformed(
        d.decrypt_json(
            &edit(&flat, |m| {
                m.insert("protected".into(), json!({"enc": "A128GCM"}));
            }),
            &key,
        ),
        "\"protected\" must be a base64url string, found an object",
    );
    for bad in [
        "eyJlbmMiOiJBMTI4R0NNIn0=".to_owned(),
        "eyJlbmMiOiJBMTI4R0NNIn0+".to_owned(),
        base64url::encode("[1]"),
        base64url::encode(r#"{"enc":"A128GCM","enc":"A128GCM"}"#),
        base64url::encode("{\"enc\":\"A128GCM\"} x"),
    ] {
        let jwe = edit(&flat, |m| {
            m.insert("protected".into(), json!(bad));
        });
        encoding(d.decrypt_json(&jwe, &key), "protected header");
    }
    // Unprotected headers must be objects.
    for member in ["unprotected", "header"] {
        let jwe = edit(&flat, |m| {
            m.insert(member.into(), json!(["alg"]));
        });
        malformed(
            d.decrypt_json(&jwe, &key),
            &format!("\"{member}\" must be a JSON object, found an array"),
        );
    }
    let jwe = edit(&many, |m| {
        m["recipients"][0]["header"] = json!("A128KW");
    });
    malformed(
        d.decrypt_json(&jwe, &da),
        "\"header\" must be a JSON object, found a string",
    );
}

#[test]
fn members_are_strict_base64url_of_the_right_type() {
    let (flat, key) = flattened();
    let d = d();
    for (member, part) in [
        ("encrypted_key", "encrypted key"),
        ("iv", "initialization vector"),
        ("ciphertext", "ciphertext"),
        ("tag", "authentication tag"),
        ("aad", "aad"),
    ] {
        let value = object(&flat)[member].as_str().unwrap().to_owned();
        // Padding, the other alphabet, whitespace, non-canonical trailing bits.
        let mut non_canonical = value.clone();
        non_canonical.push('B');
        for bad in [
            format!("{value}="),
            value.replacen(|c: char| c.is_ascii_alphanumeric(), "+", 1),
            format!(" {value}"),
            format!("{}\n{}", &value[..2], &value[2..]),
            "AB".to_owned(),
        ] {
            let jwe = edit(&flat, |m| {
                m.insert(member.into(), json!(bad));
            });
            encoding(d.decrypt_json(&jwe, &key), part);
        }
        for wrong in [json!(1), json!(null), json!([value]), json!({})] {
            let jwe = edit(&flat, |m| {
                m.insert(member.into(), wrong.clone());
            });
            malformed(
                d.decrypt_json(&jwe, &key),
                &format!("\"{member}\" must be a base64url string"),
            );
        }
    }
    // `ciphertext` is required; an empty `aad` is ambiguous and refused.
    let jwe = edit(&flat, |m| {
        m.remove("ciphertext");
    });
    malformed(d.decrypt_json(&jwe, &key), "\"ciphertext\" is missing");
    let jwe = edit(&flat, |m| {
        m.insert("aad".into(), json!(""));
    });
    malformed(d.decrypt_json(&jwe, &key), "\"aad\" is empty");
    // A missing `iv`, `tag` or `encrypted_key` is empty: that decrypts with no algorithm.
    for member in ["iv", "tag", "encrypted_key"] {
        let jwe = edit(&flat, |m| {
            m.remove(member);
        });
        assert_decryption_failed(d.decrypt_json(&jwe, &key), member);
        let jwe = edit(&flat, |m| {
            m.insert(member.into(), json!(""));
        });
        assert_decryption_failed(d.decrypt_json(&jwe, &key), member);
    }
    // Unknown members are ignored (RFC 7516 §7.2.1), even one named like a compact JWE
    // (security.md #30: the syntax is never told by dots).
    let (many, da, _) = general();
    let extra = edit(&many, |m| {
        m.insert("eyJhbGciOiJkaXIifQ..AAAA.AAAA.AAAA".into(), json!(""));
        m.insert("signatures".into(), json!([]));
        m["recipients"][0]["x-note"] = json!({"nested": [1, 2]});
    });
    assert_eq!(d.decrypt_json(&extra, &da).unwrap().plaintext(), b"secret");
}

#[test]
fn json_text_limits() {
    let (flat, key) = flattened();
    let (many, da, _) = general();
    let d = d();
    for bad in [
        "",
        "x",
        "[1]",
        "{\"ciphertext\":\"\"} {}",
        "\u{feff}{}",
        "null",
    ] {
        encoding(d.decrypt_json(bad, &key), "JSON serialization");
    }
    // Duplicate members, at the top, in a header, in a recipient, after unescaping.
    let dup_top = flat.replacen('{', r#"{"iv":"AAAA","#, 1);
    encoding(d.decrypt_json(&dup_top, &key), "JSON serialization");
    let dup_header = flat.replacen(r#""x-own":2"#, r#""x-own":2,"x\u002down":3"#, 1);
    assert_ne!(dup_header, flat);
    // A header is read under its own limits, and names itself.
    encoding(d.decrypt_json(&dup_header, &key), "unprotected header");
    let dup_recipient = many.replacen(r#"{"header":"#, r#"{"encrypted_key":"AAAA","header":"#, 1);
    encoding(d.decrypt_json(&dup_recipient, &da), "JSON serialization");
    // Not JSON: a compact JWE given to the JSON entry point, and the reverse.
    let (ek, _) = pair(A::A128KW, "a");
    let token = compact::encrypt(&ek, E::A128GCM, &Header::new(), b"x").unwrap();
    encoding(d.decrypt_json(&token, &key), "JSON serialization");
    let e = d.decrypt_compact(&flat, &key).unwrap_err();
    assert!(matches!(e, Error::Malformed { .. }), "{e}");
    // Size.
    let small = d.clone().with_limits(
        Limits::DEFAULT
            .with_max_token_len(flat.len() - 1)
            .with_max_header_len(8 * 1024),
    );
    let e = small.decrypt_json(&flat, &key).unwrap_err();
    assert!(
        matches!(
            e,
            Error::TooLarge {
                what: "JWE JSON serialization",
                ..
            }
        ),
        "{e}"
    );
    // Parsed with the defaults, decrypted under a smaller limit.
    let parsed = UnverifiedJsonJwe::parse(&flat).unwrap();
    assert!(matches!(
        parsed.decrypt(&small, &key),
        Err(Error::TooLarge { .. })
    ));
    // A protected header over the header limit.
    let tiny = d.clone().with_limits(
        Limits::DEFAULT
            .with_max_token_len(1 << 18)
            .with_max_header_len(10),
    );
    encoding(tiny.decrypt_json(&flat, &key), "protected header");
    // Nesting: an unprotected header is held to the header depth limit, like a protected one.
    let mut deep = json!(1);
    for _ in 0..16 {
        deep = json!({ "a": deep });
    }
    for member in ["unprotected", "header"] {
        let jwe = edit(&flat, |m| {
            m[member]["x-deep"] = deep.clone();
        });
        encoding(d.decrypt_json(&jwe, &key), "unprotected header");
    }
    let shallow = edit(&flat, |m| {
        m["unprotected"]["x-deep"] = deep["a"].clone();
    });
    assert!(d.decrypt_json(&shallow, &key).is_ok());
}

#[test]
fn at_most_max_recipients() {
    let (many, da, _) = general();
    let d = d();
    let limits = Limits::DEFAULT.with_max_recipients(1);
    let e = UnverifiedJsonJwe::parse_with(&many, &limits).unwrap_err();
    assert!(
        e.to_string().contains("2 recipients exceed the limit of 1"),
        "{e}"
    );
    malformed(
        d.clone().with_limits(limits).decrypt_json(&many, &da),
        "(Limits::max_recipients)",
    );
    // Parsed with the defaults, decrypted under the smaller limit.
    let parsed = UnverifiedJsonJwe::parse(&many).unwrap();
    malformed(
        parsed.decrypt(&d.with_limits(limits), &da),
        "exceed the limit of 1",
    );
    // 17 recipients by default.
    let seventeen = edit(&many, |m| {
        let one = m["recipients"][0].clone();
        m.insert("recipients".into(), Value::Array(vec![one; 17]));
    });
    assert!(UnverifiedJsonJwe::parse(&seventeen).is_err());
    let sixteen = edit(&many, |m| {
        let one = m["recipients"][0].clone();
        m.insert("recipients".into(), Value::Array(vec![one; 16]));
    });
    assert_eq!(
        UnverifiedJsonJwe::parse(&sixteen)
            .unwrap()
            .recipient_count(),
        16
    );
}

#[test]
fn security_35_headers_must_be_disjoint() {
    let (flat, key) = flattened();
    let (many, da, _) = general();
    let d = d();
    // protected / shared, protected / per-recipient, shared / per-recipient; whatever the
    // values, and also for a name written with an escape.
    for (member, name) in [
        ("unprotected", "alg"),
        ("header", "alg"),
        ("unprotected", "enc"),
        ("header", "x-shared"),
        ("unprotected", "x-own"),
    ] {
        let jwe = edit(&flat, |m| {
            let value = json!("A128KW");
            m[member][name] = value;
        });
        header(
            d.decrypt_json(&jwe, &key),
            &format!("\"{name}\" appears in more than one header"),
        );
    }
    let escaped = flat.replacen(r#""x-own":2"#, r#""x-own":2,"\u0061lg":"A128KW""#, 1);
    header(
        d.decrypt_json(&escaped, &key),
        "\"alg\" appears in more than one header",
    );
    // security.md #3: a general JWE whose recipient header repeats the protected `enc`.
    let jwe = edit(&many, |m| {
        m["recipients"][1]["header"]["enc"] = json!("A128GCM");
    });
    header(
        d.decrypt_json(&jwe, &da),
        "\"enc\" appears in more than one header",
    );
}

#[test]
fn security_3_enc_must_be_protected_unless_allowed() {
    // RFC 7520 §5.12's shape: no protected header, `enc` in the shared unprotected header.
    let plaintext = b"unprotected enc";
    let jwe = handmade(
        None,
        Some(json!({"enc": "A128GCM"})),
        &[(Some(json!({"alg": "A128KW", "kid": "k"})), KEK)],
        E::A128GCM,
        plaintext,
    );
    let key = DecryptingKey::symmetric(&KEK, A::A128KW).unwrap();
    let strict = decrypter(&[A::A128KW], E::A128GCM);
    header(
        strict.decrypt_json(&jwe, &key),
        "\"enc\" must be integrity protected (Decrypter::allow_unprotected_enc accepts it unprotected)",
    );
    let lenient = strict.clone().allow_unprotected_enc();
    let out = lenient.decrypt_json(&jwe, &key).unwrap();
    assert_eq!(out.plaintext(), plaintext);
    assert!(out.protected_header().is_empty());
    assert_eq!(out.header_param("enc").unwrap(), "A128GCM");
    assert_eq!(out.shared_unprotected_header().unwrap()["enc"], "A128GCM");
    // `enc` in the per-recipient headers: refused, or accepted with the option when every
    // recipient agrees.
    let other = [7u8; 16];
    let per_recipient = handmade(
        None,
        None,
        &[
            (
                Some(json!({"alg": "A128KW", "kid": "x", "enc": "A128GCM"})),
                other,
            ),
            (
                Some(json!({"alg": "A128KW", "kid": "k", "enc": "A128GCM"})),
                KEK,
            ),
        ],
        E::A128GCM,
        plaintext,
    );
    header(
        strict.decrypt_json(&per_recipient, &key),
        "must be integrity protected",
    );
    let keys = vec![key.clone().with_kid("k")];
    let out = lenient.decrypt_json(&per_recipient, &keys).unwrap();
    assert_eq!(
        (out.plaintext(), out.recipient_index()),
        (&plaintext[..], 1)
    );
    // Recipients that disagree on `enc`: refused, whatever the option.
    let disagree = edit(&per_recipient, |m| {
        m["recipients"][0]["header"]["enc"] = json!("A256GCM");
    });
    header(
        strict.decrypt_json(&disagree, &keys),
        "must be integrity protected",
    );
    malformed(
        lenient.decrypt_json(&disagree, &keys),
        "the recipients disagree on \"enc\"",
    );
    let missing = edit(&per_recipient, |m| {
        m["recipients"][0]["header"]
            .as_object_mut()
            .unwrap()
            .remove("enc");
    });
    malformed(lenient.decrypt_json(&missing, &keys), "disagree on \"enc\"");
    // Still in the allow-list.
    let e = decrypter(&[A::A128KW], E::A256GCM)
        .allow_unprotected_enc()
        .decrypt_json(&jwe, &key)
        .unwrap_err();
    assert!(
        matches!(e, Error::EncryptionNotAllowed { enc: "A128GCM", .. }),
        "{e}"
    );
    // `alg` may be unprotected (DESIGN §3.1): the general JWEs above put it there.
}

#[test]
fn crit_and_zip_only_protected() {
    let (flat, key) = flattened();
    let d = d();
    for member in ["unprotected", "header"] {
        let jwe = edit(&flat, |m| {
            m[member]["crit"] = json!(["x-shared"]);
        });
        header(
            d.decrypt_json(&jwe, &key),
            "\"crit\" must be integrity protected",
        );
        let jwe = edit(&flat, |m| {
            m[member]["zip"] = json!("DEF");
        });
        header(
            d.decrypt_json(&jwe, &key),
            "\"zip\" must be integrity protected",
        );
    }
    // For every recipient, even one after the recipient that decrypts.
    let (many, da, _) = general();
    for (name, value) in [("crit", json!(["x"])), ("zip", json!("DEF"))] {
        let jwe = edit(&many, |m| {
            m["recipients"][1]["header"][name] = value.clone();
        });
        header(
            d.decrypt_json(&jwe, &da),
            &format!("\"{name}\" must be integrity protected"),
        );
    }
    // In the protected header, `crit` names nothing this library understands.
    let jwe = handmade(
        Some(r#"{"enc":"A128GCM","crit":["x"],"x":1}"#),
        None,
        &[(Some(json!({"alg": "A128KW"})), KEK)],
        E::A128GCM,
        b"x",
    );
    header(d.decrypt_json(&jwe, &key), "does not understand");
}

#[test]
fn the_recipient_is_chosen_through_the_resolver() {
    let (many, da, db) = general();
    let d = d();
    // A single key: the recipient it resolves for (kid and algorithm).
    assert_eq!(d.decrypt_json(&many, &db).unwrap().recipient_index(), 1);
    // A single key without kid, bound to recipient 1's algorithm: recipient 0 (A128KW) gives a
    // key of another algorithm, which is skipped.
    let (_, b_no_kid) = pair(A::A256KW, "b");
    let b_no_kid = DecryptingKey::symmetric(b_no_kid.secret().expose_secret(), A::A256KW).unwrap();
    assert_eq!(
        d.decrypt_json(&many, &b_no_kid).unwrap().recipient_index(),
        1
    );
    // A key that no recipient names: NoMatchingKey saying why for each.
    let stranger = da.clone().with_kid("c");
    let e = d.decrypt_json(&many, &stranger).unwrap_err();
    assert!(matches!(e, Error::NoMatchingKey { .. }), "{e}");
    let text = e.to_string();
    assert!(
        text.contains("none of the 2 recipients has a key here"),
        "{text}"
    );
    assert!(text.contains("recipient 0: no key for this JWE"), "{text}");
    assert!(text.contains("recipient 1: "), "{text}");
    // The flattened syntax: the resolver's own error.
    let (flat, key) = flattened();
    let e = d
        .decrypt_json(&flat, &key.clone().with_kid("c"))
        .unwrap_err();
    assert!(matches!(e, Error::NoMatchingKey { .. }), "{e}");
    assert!(!e.to_string().contains("recipients"), "{e}");
    // Algorithms not allowed: skipped; a single recipient reports it as compact does.
    let only_a192 = decrypter(&[A::A192KW], E::A128GCM);
    let e = only_a192.decrypt_json(&flat, &key).unwrap_err();
    assert!(
        matches!(e, Error::AlgorithmNotAllowed { alg: "A128KW", .. }),
        "{e}"
    );
    let e = only_a192.decrypt_json(&many, &da).unwrap_err();
    assert!(matches!(e, Error::NoMatchingKey { .. }), "{e}");
    assert!(
        e.to_string()
            .contains("A256KW not in the allowed list [A192KW]"),
        "{e}"
    );
    let unknown = edit(&many, |m| {
        m["recipients"][0]["header"]["alg"] = json!("ML-KEM-768");
    });
    assert_eq!(d.decrypt_json(&unknown, &db).unwrap().recipient_index(), 1);
    let e = d.decrypt_json(&unknown, &da).unwrap_err();
    assert!(
        e.to_string()
            .contains("unknown JWE key management algorithm \"ML-KEM-768\""),
        "{e}"
    );
    // A missing or mistyped `alg` is the JWE's error, not a skip.
    let no_alg = edit(&many, |m| {
        m["recipients"][0]["header"]
            .as_object_mut()
            .unwrap()
            .remove("alg");
    });
    header(d.decrypt_json(&no_alg, &db), "\"alg\" is required");
    let typed = edit(&many, |m| {
        m["recipients"][0]["header"]["alg"] = json!(["A128KW"]);
    });
    header(d.decrypt_json(&typed, &db), "must be a string");
    // A resolver's other errors end the search.
    let broken = |_: &DecryptingKeyRequest<'_>| -> Result<DecryptingKey, Error> {
        Err(Error::invalid("the key store is down"))
    };
    let e = d.decrypt_json(&many, &broken).unwrap_err();
    assert!(e.to_string().contains("the key store is down"), "{e}");
    // A key that resolves but does not unwrap: the next recipient is tried; when none
    // decrypts, the one opaque error.
    let wrong_a = DecryptingKey::symmetric(&[0u8; 16], A::A128KW)
        .unwrap()
        .with_kid("a");
    let keys = vec![wrong_a.clone(), db.clone()];
    let out = d.decrypt_json(&many, &keys).unwrap();
    assert_eq!(out.recipient_index(), 1);
    assert_eq!(out.kid(), Some("b"));
    assert_eq!(
        out.recipient_header().unwrap()["kid"],
        "b",
        "the headers of recipient 1 only"
    );
    assert_decryption_failed(d.decrypt_json(&many, &wrong_a), "a wrong key");
    let wrong_b = DecryptingKey::symmetric(&[0u8; 32], A::A256KW)
        .unwrap()
        .with_kid("b");
    assert_decryption_failed(
        d.decrypt_json(&many, &vec![wrong_a, wrong_b]),
        "two wrong keys",
    );
    // The resolver sees each recipient's own union of headers.
    let asked = Cell::new(0);
    let watch = |r: &DecryptingKeyRequest<'_>| -> Result<DecryptingKey, Error> {
        asked.set(asked.get() + 1);
        let kid = r.header_str("kid");
        assert_eq!(r.kid, kid);
        match r.kid {
            Some("b") => Ok(db.clone()),
            _ => Err(Error::NoMatchingKey {
                reason: "not this one".into(),
            }),
        }
    };
    assert_eq!(d.decrypt_json(&many, &watch).unwrap().recipient_index(), 1);
    assert_eq!(asked.get(), 2);
}

#[test]
fn tampering_is_the_one_opaque_error() {
    let (flat, key) = flattened();
    let (many, da, db) = general();
    let d = d();
    let flip = |bytes: &mut Vec<u8>| match bytes.first_mut() {
        Some(first) => *first ^= 1,
        None => bytes.push(0),
    };
    for member in ["iv", "ciphertext", "tag", "encrypted_key", "aad"] {
        let jwe = edit(&flat, |m| tamper_member(&mut m[member], flip));
        assert_decryption_failed(d.decrypt_json(&jwe, &key), member);
    }
    // The AAD removed, or added.
    let jwe = edit(&flat, |m| {
        m.remove("aad");
    });
    assert_decryption_failed(d.decrypt_json(&jwe, &key), "aad removed");
    let jwe = edit(&many, |m| {
        m.insert("aad".into(), json!("YWRkZWQ"));
    });
    assert_decryption_failed(d.decrypt_json(&jwe, &db), "aad added");
    // The protected header re-encoded (same meaning, other bytes) or changed.
    for protected in [r#"{"enc": "A128GCM"}"#, r#"{"enc":"A128GCM","typ":"x"}"#] {
        let jwe = edit(&many, |m| {
            m.insert("protected".into(), json!(base64url::encode(protected)));
        });
        assert_decryption_failed(d.decrypt_json(&jwe, &da), protected);
    }
    // One recipient's encrypted key: that recipient fails, the other still decrypts.
    let jwe = edit(&many, |m| {
        tamper_member(&mut m["recipients"][0]["encrypted_key"], flip)
    });
    assert_decryption_failed(d.decrypt_json(&jwe, &da), "recipient 0's key");
    assert_eq!(d.decrypt_json(&jwe, &db).unwrap().recipient_index(), 1);
    // Unprotected headers are not integrity protected: a changed member that no algorithm
    // uses goes unnoticed, which is why nothing security-relevant may be read from them.
    let jwe = edit(&flat, |m| {
        m["unprotected"]["x-shared"] = json!("changed");
    });
    let out = d.decrypt_json(&jwe, &key).unwrap();
    assert_eq!(out.header_param("x-shared").unwrap(), "changed");
}

#[test]
fn key_management_parameters_in_unprotected_headers() {
    // security.md #18: `dir` and `ECDH-ES` with a non-empty encrypted key.
    let dir_key = DecryptingKey::symmetric(&[5u8; 16], A::Dir).unwrap();
    let dir_jwe = edit(
        &encrypt_flattened(
            &crate::EncryptingKey::symmetric(&[5u8; 16], A::Dir).unwrap(),
            E::A128GCM,
            &Header::new(),
            b"x",
        )
        .unwrap(),
        |m| {
            m.insert(
                "encrypted_key".into(),
                json!("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
            );
        },
    );
    malformed(
        decrypter(&[A::Dir], E::A128GCM).decrypt_json(&dir_jwe, &dir_key),
        "with dir the JWE Encrypted Key must be empty",
    );
    // security.md #19: A*GCMKW `iv`/`tag` in the recipient's header: missing or mistyped is a
    // header error; a wrong length or value is the one decryption error.
    let (ek, dk) = pair(A::A128GCMKW, "g");
    let (other, _) = pair(A::A128KW, "o");
    let gcm = Encryptor::new(E::A128GCM)
        .recipient(&ek, Header::new())
        .recipient(&other, Header::new())
        .encrypt_general(b"x")
        .unwrap();
    let d = decrypter(&[A::A128GCMKW, A::A128KW], E::A128GCM);
    assert_eq!(d.decrypt_json(&gcm, &dk).unwrap().plaintext(), b"x");
    for name in ["iv", "tag"] {
        let jwe = edit(&gcm, |m| {
            m["recipients"][0]["header"]
                .as_object_mut()
                .unwrap()
                .remove(name);
        });
        header(
            d.decrypt_json(&jwe, &dk),
            &format!("\"{name}\" is required for A128GCMKW"),
        );
        let jwe = edit(&gcm, |m| {
            m["recipients"][0]["header"][name] = json!(12);
        });
        header(d.decrypt_json(&jwe, &dk), "must be a string");
        for bad in ["AAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAA", "not base64url!"] {
            let jwe = edit(&gcm, |m| {
                m["recipients"][0]["header"][name] = json!(bad);
            });
            assert_decryption_failed(d.decrypt_json(&jwe, &dk), bad);
        }
    }
    // security.md #20: a PBES2 `p2c` over the cap in a recipient's header is refused before
    // the key lookup, even when the recipient the caller wants is another one.
    let (pbes2, pk) = pair(A::PBES2_HS256_A128KW, "p");
    let (kw, kwk) = pair(A::A128KW, "k");
    let jwe = Encryptor::new(E::A128GCM)
        .recipient(&pbes2, Header::new())
        .recipient(&kw, Header::new())
        .encrypt_general(b"x")
        .unwrap();
    let d = decrypter(&[A::PBES2_HS256_A128KW, A::A128KW], E::A128GCM);
    assert_eq!(d.decrypt_json(&jwe, &pk).unwrap().recipient_index(), 0);
    let looked_up = Cell::new(false);
    let watch = |_: &DecryptingKeyRequest<'_>| -> Result<DecryptingKey, Error> {
        looked_up.set(true);
        Ok(kwk.clone())
    };
    for (p2c, why) in [
        (json!(2_147_483_647u32), "must be between 1000 and 10000"),
        (json!(1.5), "must be a non-negative integer"),
        (json!("1000"), "must be a JSON integer"),
    ] {
        let bad = edit(&jwe, |m| {
            m["recipients"][0]["header"]["p2c"] = p2c.clone();
        });
        header(d.decrypt_json(&bad, &watch), why);
        assert!(!looked_up.get(), "{p2c}");
    }
    // Not allowed, the PBES2 recipient is skipped without its parameters being read.
    let bad = edit(&jwe, |m| {
        m["recipients"][0]["header"]["p2c"] = json!(2_147_483_647u32);
    });
    let only_kw = decrypter(&[A::A128KW], E::A128GCM);
    assert_eq!(
        only_kw.decrypt_json(&bad, &kwk).unwrap().recipient_index(),
        1
    );
    // security.md #14: an `epk` in the recipient's header that is no public key.
    let (agree, ak) = pair(A::ECDH_ES_A128KW, "e");
    let jwe = Encryptor::new(E::A128GCM)
        .recipient(&agree, Header::new())
        .encrypt_general(b"x")
        .unwrap();
    let d = decrypter(&[A::ECDH_ES_A128KW], E::A128GCM);
    assert_eq!(d.decrypt_json(&jwe, &ak).unwrap().plaintext(), b"x");
    for (epk, why) in [
        (json!("not an object"), "must be a JSON object"),
        (
            json!({"kty": "oct", "k": "AAAA"}),
            "must be an EC or OKP key",
        ),
        (
            json!({"kty": "EC", "crv": "P-256", "x": "A".repeat(43), "y": "A".repeat(43)}),
            "is not a valid public key",
        ),
    ] {
        let bad = edit(&jwe, |m| {
            m["recipients"][0]["header"]["epk"] = epk.clone();
        });
        header(d.decrypt_json(&bad, &ak), why);
    }
    let bad = edit(&jwe, |m| {
        m["recipients"][0]["header"]["apu"] = json!("not base64url!");
    });
    header(d.decrypt_json(&bad, &ak), "\"apu\"");
}
