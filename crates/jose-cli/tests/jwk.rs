//! `jose jwk …` end to end: generation of every key type, public parts, thumbprints,
//! PEM/DER round trips, JWK Sets, and the rejection paths.
#![cfg(test)]

mod common;

use common::{gen_key, jose, public_of, rsa_key, temp_dir, write};
use jose_b64::serde_json::{self, Value};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// RFC 7638 §3.1: the example RSA public key.
const RFC7638_KEY: &str = r#"{"kty":"RSA","e":"AQAB","alg":"RS256","kid":"2011-04-29","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"}"#;
/// RFC 7638 §3.1: its SHA-256 thumbprint.
const RFC7638_THUMBPRINT: &str = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

#[test]
fn gen_makes_every_curve() {
    for (kty, crv) in [
        ("EC", "P-256"),
        ("EC", "P-384"),
        ("EC", "P-521"),
        ("EC", "secp256k1"),
        ("OKP", "Ed25519"),
        ("OKP", "X25519"),
    ] {
        let jwk = json(&jose(&["jwk", "gen", "--kty", kty, "--crv", crv], b"").line());
        assert_eq!(jwk["kty"], kty);
        assert_eq!(jwk["crv"], crv);
        assert!(jwk["d"].is_string(), "{jwk}");
    }
    // The kty is case-insensitive; the curve defaults to P-256 and Ed25519.
    let jwk = json(&jose(&["jwk", "gen", "--kty", "ec"], b"").line());
    assert_eq!(jwk["crv"], "P-256");
    let jwk = json(&jose(&["jwk", "gen", "--kty", "OKP"], b"").line());
    assert_eq!(jwk["crv"], "Ed25519");
}

#[test]
fn gen_makes_symmetric_keys_of_every_size() {
    for (bits, chars) in [(128, 22), (192, 32), (256, 43), (512, 86), (1024, 171)] {
        let jwk = json(
            &jose(
                &["jwk", "gen", "--kty", "oct", "--size", &bits.to_string()],
                b"",
            )
            .line(),
        );
        assert_eq!(jwk["kty"], "oct");
        assert_eq!(jwk["k"].as_str().unwrap().len(), chars, "{bits} bits");
    }
    let jwk = json(&jose(&["jwk", "gen", "--kty", "oct"], b"").line());
    assert_eq!(jwk["k"].as_str().unwrap().len(), 43); // 256 bits by default
}

#[test]
fn gen_makes_rsa_keys() {
    let jwk = json(&std::fs::read_to_string(rsa_key()).unwrap());
    assert_eq!(jwk["kty"], "RSA");
    assert_eq!(jwk["e"], "AQAB");
    assert_eq!(jwk["n"].as_str().unwrap().len(), 342); // 2048 bits
    for member in ["d", "p", "q", "dp", "dq", "qi"] {
        assert!(jwk[member].is_string(), "{member}");
    }
    let run = jose(&["jwk", "gen", "--kty", "RSA", "--size", "1024"], b"");
    assert!(
        run.rejected("ERR_JWK_WEAK_KEY").contains("2048"),
        "{}",
        run.stderr
    );
    jose(&["jwk", "gen", "--kty", "RSA", "--size", "2049"], b"").rejected("ERR_JWK_UNSUPPORTED");
}

#[test]
fn gen_follows_the_algorithm() {
    for (alg, kty, crv, k_chars) in [
        ("ES256", "EC", Some("P-256"), None),
        ("ES384", "EC", Some("P-384"), None),
        ("ES512", "EC", Some("P-521"), None),
        ("ES256K", "EC", Some("secp256k1"), None),
        ("EdDSA", "OKP", Some("Ed25519"), None),
        ("Ed25519", "OKP", Some("Ed25519"), None),
        ("ECDH-ES+A128KW", "EC", Some("P-256"), None),
        ("HS256", "oct", None, Some(43)),
        ("HS384", "oct", None, Some(64)),
        ("HS512", "oct", None, Some(86)),
        ("A128KW", "oct", None, Some(22)),
        ("A192GCMKW", "oct", None, Some(32)),
        ("dir", "oct", None, Some(43)),
        ("PBES2-HS256+A128KW", "oct", None, Some(43)),
        ("A128CBC-HS256", "oct", None, Some(43)),
    ] {
        let jwk = json(&jose(&["jwk", "gen", "--alg", alg], b"").line());
        assert_eq!(jwk["alg"], alg);
        assert_eq!(jwk["kty"], kty, "{alg}");
        if let Some(crv) = crv {
            assert_eq!(jwk["crv"], crv, "{alg}");
        }
        if let Some(chars) = k_chars {
            assert_eq!(jwk["k"].as_str().unwrap().len(), chars, "{alg}");
        }
    }
    let jwk = json(&jose(&["jwk", "gen", "--kty", "OKP", "--alg", "ECDH-ES"], b"").line());
    assert_eq!(jwk["crv"], "X25519");
}

#[test]
fn gen_sets_kid_use_and_writes_files_owner_only() {
    let jwk = json(
        &jose(
            &[
                "jwk", "gen", "--alg", "ES256", "--kid", "k1", "--use", "sig",
            ],
            b"",
        )
        .line(),
    );
    assert_eq!(
        (jwk["kid"].as_str(), jwk["use"].as_str()),
        (Some("k1"), Some("sig"))
    );

    let dir = temp_dir("gen-files");
    let path = dir.join("key.jwk");
    let path = path.to_str().unwrap();
    assert_eq!(
        jose(
            &[
                "jwk",
                "gen",
                "--kty",
                "OKP",
                "--kid-thumbprint",
                "--out",
                path
            ],
            b""
        )
        .ok(),
        ""
    );
    let jwk = json(&std::fs::read_to_string(path).unwrap());
    let thumbprint = jose(&["jwk", "thumbprint", path], b"").line();
    assert_eq!(jwk["kid"], thumbprint.as_str());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |path: &str| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(path), 0o600);
        // An existing file is made owner-only too; a public export is not.
        let existing = write(&dir, "existing.pem", "");
        std::fs::set_permissions(&existing, std::fs::Permissions::from_mode(0o644)).unwrap();
        jose(
            &["jwk", "export", path, "--private", "--out", &existing],
            b"",
        )
        .ok();
        assert_eq!(mode(&existing), 0o600);
        assert!(
            std::fs::read_to_string(&existing)
                .unwrap()
                .starts_with("-----BEGIN PRIVATE KEY-----")
        );
        let public = dir.join("public.pem");
        let public = public.to_str().unwrap();
        jose(&["jwk", "export", path, "--out", public], b"").ok();
        assert_eq!(mode(public) & 0o600, 0o600);
    }
}

#[test]
fn gen_rejections() {
    jose(&["jwk", "gen"], b"").usage("ERR_CLI_USAGE");
    let message =
        jose(&["jwk", "gen", "--kty", "EC", "--crv", "P-999"], b"").usage("ERR_CLI_USAGE");
    assert!(
        message.contains("P-256, P-384, P-521, secp256k1"),
        "{message}"
    );
    jose(&["jwk", "gen", "--kty", "EC", "--size", "256"], b"").usage("ERR_CLI_USAGE");
    jose(&["jwk", "gen", "--kty", "oct", "--crv", "P-256"], b"").usage("ERR_CLI_USAGE");
    jose(&["jwk", "gen", "--kty", "oct", "--size", "100"], b"").usage("ERR_CLI_USAGE");
    jose(&["jwk", "gen", "--kty", "DSA"], b"").usage("ERR_CLI_USAGE");
    jose(&["jwk", "gen", "--alg", "es256"], b"").usage("ERR_CLI_USAGE");
    jose(&["jwk", "gen", "--alg", "none"], b"").usage("ERR_CLI_USAGE");
    let message = jose(
        &[
            "jwk", "gen", "--kty", "EC", "--crv", "P-256", "--alg", "ES384",
        ],
        b"",
    )
    .rejected("ERR_KEY_ALG_MISMATCH");
    assert!(message.contains("P-384"), "{message}");
    // --kty with --alg: the curve follows the algorithm.
    let jwk = json(&jose(&["jwk", "gen", "--kty", "EC", "--alg", "ES384"], b"").line());
    assert_eq!(jwk["crv"], "P-384");
    jose(&["jwk", "gen", "--alg", "ES256", "--use", "enc"], b"").rejected("ERR_KEY_ALG_MISMATCH");
}

#[test]
fn pub_never_prints_private_members() {
    let dir = temp_dir("pub");
    for args in [&["--kty", "EC"][..], &["--kty", "OKP", "--crv", "X25519"]] {
        let private = gen_key(&dir, "k.jwk", args);
        let public = json(&jose(&["jwk", "pub", &private], b"").line());
        assert!(public.get("d").is_none(), "{public}");
        assert!(public["x"].is_string());
    }
    let rsa = json(&jose(&["jwk", "pub", &rsa_key()], b"").line());
    for member in ["d", "p", "q", "dp", "dq", "qi"] {
        assert!(rsa.get(member).is_none(), "{member}");
    }
    // From standard input, from PEM, and of a set (whose oct keys have no public part).
    let private = jose(&["jwk", "gen", "--kty", "EC", "--kid", "e"], b"").ok();
    let public = jose(&["jwk", "pub", "-"], private.as_bytes()).line();
    assert!(!public.contains("\"d\""));
    let pem = jose(&["jwk", "export", "--private", "-"], private.as_bytes()).ok();
    assert_eq!(
        jose(&["jwk", "pub"], pem.as_bytes()).line(),
        public.replace(",\"kid\":\"e\"", "")
    );
    let oct = gen_key(&dir, "oct.jwk", &["--kty", "oct", "--kid", "o"]);
    let ec = write(&dir, "ec.jwk", &private);
    let set = jose(&["jwk", "set", "--private", &oct, &ec], b"").ok();
    let public_set = json(&jose(&["jwk", "pub", "-"], set.as_bytes()).line());
    assert_eq!(public_set["keys"].as_array().unwrap().len(), 1);
    assert!(!public_set.to_string().contains("\"d\""));

    let message = jose(&["jwk", "pub", &oct], b"").rejected("ERR_JWK_WRONG_KIND");
    assert!(message.contains("no public part"), "{message}");
}

#[test]
fn thumbprints_follow_rfc7638_and_rfc9278() {
    let dir = temp_dir("thumbprint");
    let key = write(&dir, "rfc7638.jwk", RFC7638_KEY);
    assert_eq!(
        jose(&["jwk", "thumbprint", &key], b"").line(),
        RFC7638_THUMBPRINT
    );
    assert_eq!(
        jose(&["jwk", "thumbprint", "--uri"], RFC7638_KEY.as_bytes()).line(),
        format!("urn:ietf:params:oauth:jwk-thumbprint:sha-256:{RFC7638_THUMBPRINT}")
    );
    assert_eq!(
        jose(&["jwk", "thumbprint", &key, "--hash", "sha384"], b"")
            .line()
            .len(),
        64
    );
    let uri = jose(
        &["jwk", "thumbprint", &key, "--hash", "sha512", "--uri"],
        b"",
    )
    .line();
    assert!(
        uri.starts_with("urn:ietf:params:oauth:jwk-thumbprint:sha-512:"),
        "{uri}"
    );
    jose(&["jwk", "thumbprint", &key, "--hash", "md5"], b"").usage("ERR_CLI_USAGE");

    // The thumbprint of a private key is that of its public key; PEM input works too.
    let private = gen_key(&dir, "p.jwk", &["--kty", "EC", "--crv", "P-384"]);
    let public = public_of(&dir, "p.pub.jwk", &private);
    let pem = jose(&["jwk", "export", &public], b"").ok();
    let expected = jose(&["jwk", "thumbprint", &private], b"").line();
    assert_eq!(jose(&["jwk", "thumbprint", &public], b"").line(), expected);
    assert_eq!(
        jose(&["jwk", "thumbprint"], pem.as_bytes()).line(),
        expected
    );

    // A set: one key by kid.
    let a = gen_key(&dir, "a.jwk", &["--kty", "OKP", "--kid", "a"]);
    let b = gen_key(&dir, "b.jwk", &["--kty", "OKP", "--kid", "b"]);
    let set = write(&dir, "set.json", jose(&["jwk", "set", &a, &b], b"").ok());
    assert_eq!(
        jose(&["jwk", "thumbprint", &set, "--kid", "b"], b"").line(),
        jose(&["jwk", "thumbprint", &b], b"").line()
    );
    jose(&["jwk", "thumbprint", &set], b"").usage("ERR_CLI_USAGE");
    jose(&["jwk", "thumbprint", &set, "--kid", "c"], b"").rejected("ERR_JWKS_NO_MATCHING_KEY");
}

/// PEM → JWK → PEM and JWK → DER → JWK for a private key and its public key.
fn pem_and_der_round_trip(dir: &std::path::Path, private: &str) {
    let original = std::fs::read_to_string(private).unwrap();
    let original = original.trim();
    // Private: PKCS#8.
    let pem = jose(&["jwk", "export", private, "--private"], b"").ok();
    assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{pem}");
    let jwk = jose(&["jwk", "import", "--private"], pem.as_bytes()).line();
    assert_eq!(jwk, original);
    assert_eq!(
        jose(&["jwk", "export", "-", "--private"], jwk.as_bytes()).ok(),
        pem
    );
    // Public: SPKI.
    let public_pem = jose(&["jwk", "export", private], b"").ok();
    assert!(
        public_pem.starts_with("-----BEGIN PUBLIC KEY-----\n"),
        "{public_pem}"
    );
    let public = jose(&["jwk", "import"], public_pem.as_bytes()).line();
    assert_eq!(public, jose(&["jwk", "pub", private], b"").line());
    assert_eq!(jose(&["jwk", "export"], public.as_bytes()).ok(), public_pem);
    // DER, through files.
    for (flag, name) in [(None, "public.der"), (Some("--private"), "private.der")] {
        let out = dir.join(name);
        let out = out.to_str().unwrap();
        let mut args = vec!["jwk", "export", private, "--format", "der", "--out", out];
        args.extend(flag);
        assert_eq!(jose(&args, b"").ok(), "");
        let mut args = vec!["jwk", "import", out];
        args.extend(flag);
        let expected = if flag.is_some() {
            original.to_owned()
        } else {
            public.clone()
        };
        assert_eq!(jose(&args, b"").line(), expected, "{name}");
    }
}

#[test]
fn pem_jwk_pem_round_trips_for_every_key_type() {
    let dir = temp_dir("pem");
    for args in [
        &["--kty", "EC", "--crv", "P-256"][..],
        &["--kty", "EC", "--crv", "P-384"],
        &["--kty", "EC", "--crv", "P-521"],
        &["--kty", "EC", "--crv", "secp256k1"],
        &["--kty", "OKP", "--crv", "Ed25519"],
        &["--kty", "OKP", "--crv", "X25519"],
    ] {
        let private = gen_key(&dir, "key.jwk", args);
        pem_and_der_round_trip(&dir, &private);
    }
    pem_and_der_round_trip(&dir, &rsa_key());
}

#[test]
fn import_sets_parameters_and_guards_private_keys() {
    let dir = temp_dir("import");
    let private = gen_key(&dir, "k.jwk", &["--kty", "EC"]);
    let pem = write(
        &dir,
        "k.pem",
        jose(&["jwk", "export", &private, "--private"], b"").ok(),
    );
    let message = jose(&["jwk", "import", &pem], b"").usage("ERR_CLI_USAGE");
    assert!(message.contains("--private"), "{message}");
    let public = json(
        &jose(
            &[
                "jwk", "import", &pem, "--public", "--alg", "ES256", "--kid", "x",
            ],
            b"",
        )
        .line(),
    );
    assert!(public.get("d").is_none());
    assert_eq!(
        (public["alg"].as_str(), public["kid"].as_str()),
        (Some("ES256"), Some("x"))
    );
    let imported = json(&jose(&["jwk", "import", &pem, "--private", "--use", "sig"], b"").line());
    assert!(imported["d"].is_string());
    assert_eq!(imported["use"], "sig");
    jose(&["jwk", "import", &pem, "--private", "--public"], b"").usage("ERR_CLI_USAGE");
    jose(&["jwk", "import", &pem, "--private", "--alg", "RS256"], b"")
        .rejected("ERR_KEY_ALG_MISMATCH");

    // What is not a key.
    jose(&["jwk", "import"], b"hello").rejected("ERR_KEY_ENCODING");
    jose(
        &["jwk", "import"],
        b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    )
    .rejected("ERR_KEY_ENCODING");
    jose(&["jwk", "import"], &[0x30, 0x03, 0x02, 0x01, 0x00]).rejected("ERR_KEY_ENCODING");
    jose(&["jwk", "import"], br#"{"kty":"EC","crv":"P-256"}"#).rejected("ERR_JWK_INVALID");
    jose(&["jwk", "import"], br#"{"kty":"oct","k":"AA","k":"AB"}"#)
        .rejected("ERR_JSON_DUPLICATE_MEMBER");
    let missing = dir.join("missing.pem");
    jose(&["jwk", "import", missing.to_str().unwrap()], b"").usage("ERR_CLI_IO");
}

#[test]
fn export_rejections() {
    let dir = temp_dir("export");
    let private = gen_key(&dir, "k.jwk", &["--kty", "OKP"]);
    let public = public_of(&dir, "k.pub.jwk", &private);
    jose(&["jwk", "export", &public, "--private"], b"").rejected("ERR_JWK_WRONG_KIND");
    let oct = gen_key(&dir, "oct.jwk", &["--kty", "oct"]);
    jose(&["jwk", "export", &oct], b"").rejected("ERR_JWK_WRONG_KIND");
    jose(&["jwk", "export", &oct, "--private"], b"").rejected("ERR_JWK_UNSUPPORTED");
    jose(&["jwk", "export", &public, "--format", "jks"], b"").usage("ERR_CLI_USAGE");
}

#[test]
fn set_combines_keys() {
    let dir = temp_dir("set");
    let a = gen_key(&dir, "a.jwk", &["--alg", "ES256", "--kid", "a"]);
    let b = gen_key(&dir, "b.jwk", &["--alg", "EdDSA", "--kid", "b"]);
    let c_pem = write(
        &dir,
        "c.pem",
        jose(&["jwk", "export", &rsa_key()], b"").ok(),
    );
    let ab = write(&dir, "ab.json", jose(&["jwk", "set", &a, &b], b"").ok());
    let set = json(&jose(&["jwk", "set", &ab, &c_pem], b"").line());
    let keys = set["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 3);
    assert_eq!(keys[0]["kid"], "a");
    assert_eq!(keys[2]["kty"], "RSA");
    assert!(!set.to_string().contains("\"d\""));
    let private = json(&jose(&["jwk", "set", "--private", &a, &b], b"").line());
    assert!(private["keys"][1]["d"].is_string());

    let message = jose(&["jwk", "set", &a, &a], b"").rejected("ERR_JWKS_INVALID");
    assert!(message.contains("\"a\""), "{message}");
    let oct = gen_key(&dir, "o.jwk", &["--kty", "oct"]);
    let message = jose(&["jwk", "set", &oct], b"").rejected("ERR_JWK_WRONG_KIND");
    assert!(message.contains("--private"), "{message}");
    jose(&["jwk", "set"], b"").usage("ERR_CLI_USAGE");
    let message =
        jose(&["jwk", "set", "-", "-"], &std::fs::read(&a).unwrap()).usage("ERR_CLI_USAGE");
    assert!(message.contains("standard input"), "{message}");
}
