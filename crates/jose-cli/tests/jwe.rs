//! `jose jwe …` end to end: every key management and content encryption algorithm
//! encrypted and decrypted, passwords, JWK Sets, and the rejection paths.
#![cfg(test)]

mod common;

use common::{gen_key, jose, public_of, rsa_key, tamper, temp_dir, write};
use jose_b64::serde_json::{self, Value};
use jose_jwk::alg::{JweAlgorithm, JweEncryption};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// A plaintext that is not text, so that the bytes printed are checked exactly.
const BINARY: &[u8] = &[0, 1, 2, 0xfe, 0xff, b'\n', b'.'];

/// The extra `jwe decrypt` arguments `alg` needs: RSA1_5 only with its explicit opt-in.
fn decrypt_opt_in(alg: JweAlgorithm) -> &'static [&'static str] {
    if alg == JweAlgorithm::RSA1_5 {
        &["--allow-rsa1-5"]
    } else {
        &[]
    }
}

/// The encrypting and decrypting key files for `alg`.
fn keys_for(dir: &std::path::Path, alg: JweAlgorithm) -> (String, String) {
    let name = alg.as_str();
    let private = if name.starts_with("RSA") {
        rsa_key()
    } else {
        gen_key(dir, &format!("{name}.jwk"), &["--alg", name])
    };
    let public = if name.starts_with("RSA") || alg.is_ecdh_es() {
        public_of(dir, &format!("{name}.pub.jwk"), &private)
    } else {
        private.clone()
    };
    (public, private)
}

#[test]
fn every_key_management_algorithm() {
    let dir = temp_dir("every-alg");
    for &alg in JweAlgorithm::ALL {
        let name = alg.as_str();
        let (encrypting, decrypting) = keys_for(&dir, alg);
        let run = jose(
            &["jwe", "encrypt", "--key", &encrypting, "--alg", name],
            BINARY,
        );
        assert_eq!(run.status, 0, "{name}: {}", run.stderr);
        let token = run.line();
        assert_eq!(token.split('.').count(), 5, "{name}");
        let decrypt = |extra: &[&str], stdin: &[u8], token: Option<&str>| {
            let mut args = vec!["jwe", "decrypt", "--key", &decrypting, "--alg", name];
            args.extend_from_slice(extra);
            args.extend(token);
            jose(&args, stdin)
        };
        let run = decrypt(decrypt_opt_in(alg), b"", Some(&token));
        assert_eq!(run.status, 0, "{name}: {}", run.stderr);
        assert_eq!(run.stdout, BINARY, "{name}");
        let message = decrypt(decrypt_opt_in(alg), tamper(&token).as_bytes(), None)
            .rejected("ERR_JWE_DECRYPTION_FAILED");
        assert_eq!(message, "JWE decryption failed");
        if alg == JweAlgorithm::RSA1_5 {
            // Without the opt-in, RSA1_5 is refused before anything is read.
            decrypt(&[], b"", Some(&token)).rejected("ERR_JOSE_NOT_SUPPORTED");
        }
    }
}

#[test]
fn json_serialization() {
    let dir = temp_dir("json");
    let key = gen_key(&dir, "kek.jwk", &["--alg", "A256KW"]);
    let jwe = jose(&["jwe", "encrypt", "--key", &key, "--json"], BINARY).line();
    let parsed = json(&jwe);
    assert!(
        parsed["ciphertext"].is_string() && parsed["encrypted_key"].is_string(),
        "{jwe}"
    );
    let run = jose(
        &["jwe", "decrypt", "--key", &key, "--alg", "A256KW", &jwe],
        b"",
    );
    assert_eq!(run.stdout, BINARY, "{}", run.stderr);
    // From standard input too, and tampered: the one decryption error.
    let run = jose(
        &["jwe", "decrypt", "--key", &key, "--alg", "A256KW"],
        jwe.as_bytes(),
    );
    assert_eq!(run.stdout, BINARY, "{}", run.stderr);
    let tampered = jwe.replacen("\"ciphertext\":\"", "\"ciphertext\":\"AAAA", 1);
    jose(
        &[
            "jwe", "decrypt", "--key", &key, "--alg", "A256KW", &tampered,
        ],
        b"",
    )
    .rejected("ERR_JWE_DECRYPTION_FAILED");
}

#[test]
fn zip_compresses_only_when_asked() {
    let dir = temp_dir("zip");
    let key = gen_key(&dir, "kek.jwk", &["--alg", "A256KW"]);
    let plaintext = "to be or not to be, ".repeat(200);
    let plain = jose(&["jwe", "encrypt", "--key", &key], plaintext.as_bytes()).line();
    let zipped = jose(
        &["jwe", "encrypt", "--key", &key, "--zip"],
        plaintext.as_bytes(),
    )
    .line();
    assert!(
        zipped.len() * 4 < plain.len(),
        "{} vs {}",
        zipped.len(),
        plain.len()
    );
    for token in [&plain, &zipped] {
        let run = jose(
            &["jwe", "decrypt", "--key", &key, "--alg", "A256KW", token],
            b"",
        );
        assert_eq!(run.stdout, plaintext.as_bytes());
    }
    let described = json(
        &jose(
            &[
                "jwe", "decrypt", "--key", &key, "--alg", "A256KW", "--json", &zipped,
            ],
            b"",
        )
        .line(),
    );
    assert_eq!(described["protected"]["zip"], "DEF");
    // A bomb: 1 MB of zeros inflates past a 256 KiB --max-size.
    let bomb = jose(
        &["jwe", "encrypt", "--key", &key, "--zip"],
        &vec![0u8; 1 << 20],
    )
    .line();
    jose(
        &[
            "jwe",
            "decrypt",
            "--key",
            &key,
            "--alg",
            "A256KW",
            "--max-size",
            "256K",
            &bomb,
        ],
        b"",
    )
    .rejected("ERR_JWE_DECOMPRESSION_FAILED");
}

#[test]
fn every_content_encryption_algorithm() {
    let dir = temp_dir("every-enc");
    let kek = gen_key(&dir, "kek.jwk", &["--alg", "A256KW"]);
    for &enc in JweEncryption::ALL {
        let name = enc.as_str();
        let bits = (enc.key_len() * 8).to_string();
        let cek = gen_key(
            &dir,
            &format!("{name}.jwk"),
            &["--kty", "oct", "--size", &bits],
        );
        for (key, alg) in [(&kek, "A256KW"), (&cek, "dir")] {
            let token = jose(
                &["jwe", "encrypt", "--key", key, "--alg", alg, "--enc", name],
                BINARY,
            )
            .line();
            let run = jose(
                &[
                    "jwe", "decrypt", "--key", key, "--alg", alg, "--enc", name, &token,
                ],
                b"",
            );
            assert_eq!(run.stdout, BINARY, "{alg} {name}: {}", run.stderr);
            let described = json(
                &jose(
                    &[
                        "jwe", "decrypt", "--key", key, "--alg", alg, "--json", &token,
                    ],
                    b"",
                )
                .line(),
            );
            assert_eq!(described["enc"], name);
            assert_eq!(described["plaintext_base64url"], "AAEC_v8KLg");
        }
    }
}

#[test]
fn passwords() {
    let dir = temp_dir("passwords");
    let password = write(&dir, "password.txt", "correct horse battery staple\n");
    let wrong = write(&dir, "wrong.txt", "correct horse battery stapler\n");
    for alg in [
        "PBES2-HS256+A128KW",
        "PBES2-HS384+A192KW",
        "PBES2-HS512+A256KW",
    ] {
        let token = jose(
            &["jwe", "encrypt", "--password-file", &password, "--alg", alg],
            b"notes",
        )
        .line();
        let decrypt = [
            "jwe",
            "decrypt",
            "--alg",
            &format!("A256KW,{alg}"),
            "--password-file",
        ];
        assert_eq!(
            jose(&[&decrypt[..], &[&password, &token]].concat(), b"").ok(),
            "notes"
        );
        jose(&[&decrypt[..], &[&wrong, &token]].concat(), b"")
            .rejected("ERR_JWE_DECRYPTION_FAILED");
    }
    // The password without its line break is the password.
    let bare = write(&dir, "bare.txt", "correct horse battery staple");
    let token = jose(
        &[
            "jwe",
            "encrypt",
            "--password-file",
            &bare,
            "--alg",
            "PBES2-HS256+A128KW",
        ],
        b"x",
    )
    .line();
    let run = jose(
        &[
            "jwe",
            "decrypt",
            "--password-file",
            &password,
            "--alg",
            "PBES2-HS256+A128KW",
            &token,
        ],
        b"",
    );
    assert_eq!(run.ok(), "x");

    jose(&["jwe", "encrypt", "--password-file", &password], b"x").usage("ERR_CLI_USAGE");
    jose(
        &[
            "jwe",
            "encrypt",
            "--password-file",
            &password,
            "--alg",
            "A256KW",
        ],
        b"x",
    )
    .rejected("ERR_JOSE_KEY_INVALID");
    jose(
        &[
            "jwe",
            "decrypt",
            "--password-file",
            &password,
            "--alg",
            "A256KW",
            &token,
        ],
        b"",
    )
    .usage("ERR_CLI_USAGE");
    let key = gen_key(&dir, "k.jwk", &["--alg", "A256KW"]);
    jose(
        &[
            "jwe",
            "encrypt",
            "--password-file",
            &password,
            "--key",
            &key,
        ],
        b"x",
    )
    .usage("ERR_CLI_USAGE");
    jose(&["jwe", "encrypt"], b"x").usage("ERR_CLI_USAGE");

    // Among several algorithms, an oct key is a password only when its JWK says so.
    let oct = gen_key(&dir, "oct.jwk", &["--kty", "oct"]);
    let token = jose(
        &[
            "jwe",
            "encrypt",
            "--key",
            &oct,
            "--alg",
            "PBES2-HS256+A128KW",
        ],
        b"y",
    )
    .line();
    let one = [
        "jwe",
        "decrypt",
        "--key",
        &oct,
        "--alg",
        "PBES2-HS256+A128KW",
        &token,
    ];
    assert_eq!(jose(&one, b"").ok(), "y");
    let message = jose(
        &[
            "jwe",
            "decrypt",
            "--key",
            &oct,
            "--alg",
            "A256KW,PBES2-HS256+A128KW",
            &token,
        ],
        b"",
    )
    .rejected("ERR_JWKS_NO_MATCHING_KEY");
    assert!(message.contains("password"), "{message}");
}

#[test]
fn headers_and_key_sets() {
    let dir = temp_dir("sets");
    let a = gen_key(&dir, "a.jwk", &["--alg", "A128GCMKW", "--kid", "a"]);
    let b = gen_key(&dir, "b.jwk", &["--alg", "A256KW", "--kid", "b"]);
    let rsa_public = public_of(&dir, "rsa.pub.jwk", &rsa_key());
    let set = write(
        &dir,
        "set.json",
        jose(&["jwk", "set", "--private", &a, &b], b"").ok(),
    );

    let set_token = jose(
        &[
            "jwe",
            "encrypt",
            "--key",
            &set,
            "--kid",
            "b",
            "--enc",
            "A128CBC-HS256",
            "--typ",
            "JWT",
            "--cty",
            "JWT",
            "--header",
            r#"{"x-trace":"t1"}"#,
        ],
        b"inner",
    )
    .line();
    let described = json(
        &jose(
            &[
                "jwe",
                "decrypt",
                "--key",
                &set,
                "--alg",
                "A128GCMKW,A256KW",
                "--json",
                &set_token,
            ],
            b"",
        )
        .line(),
    );
    let protected = &described["protected"];
    assert_eq!(
        (
            protected["alg"].as_str(),
            protected["enc"].as_str(),
            protected["kid"].as_str()
        ),
        (Some("A256KW"), Some("A128CBC-HS256"), Some("b"))
    );
    assert_eq!(
        (protected["typ"].as_str(), protected["cty"].as_str()),
        (Some("JWT"), Some("JWT"))
    );
    assert_eq!(protected["x-trace"], "t1");
    assert_eq!(
        (described["kid"].as_str(), described["plaintext"].as_str()),
        (Some("b"), Some("inner"))
    );

    // Several keys of the set fit when the algorithm is not pinned.
    jose(&["jwe", "encrypt", "--key", &set], b"x").usage("ERR_CLI_USAGE");
    jose(&["jwe", "encrypt", "--key", &set, "--kid", "z"], b"x")
        .rejected("ERR_JWKS_NO_MATCHING_KEY");
    // RSA: a public key encrypts, only the private key decrypts; PEM works too.
    let pem = write(
        &dir,
        "rsa.pub.pem",
        jose(&["jwk", "export", &rsa_public], b"").ok(),
    );
    let token = jose(
        &["jwe", "encrypt", "--key", &pem, "--alg", "RSA-OAEP-256"],
        b"z",
    )
    .line();
    jose(
        &[
            "jwe",
            "decrypt",
            "--key",
            &rsa_public,
            "--alg",
            "RSA-OAEP-256",
            &token,
        ],
        b"",
    )
    .rejected("ERR_KEY_ALG_MISMATCH");
    assert_eq!(
        jose(
            &[
                "jwe",
                "decrypt",
                "--key",
                &rsa_key(),
                "--alg",
                "RSA-OAEP-256",
                &token
            ],
            b""
        )
        .ok(),
        "z"
    );
    // A kid that is not the key's.
    let other = write(
        &dir,
        "other.jwk",
        std::fs::read_to_string(&b)
            .unwrap()
            .replace("\"b\"", "\"other\""),
    );
    let message = jose(
        &[
            "jwe", "decrypt", "--key", &other, "--alg", "A256KW", &set_token,
        ],
        b"",
    )
    .rejected("ERR_JWKS_NO_MATCHING_KEY");
    assert!(message.contains("\"b\""), "{message}");
}

#[test]
fn rejections() {
    let dir = temp_dir("rejections");
    let key = gen_key(&dir, "k.jwk", &["--alg", "A256KW"]);
    let other = gen_key(&dir, "o.jwk", &["--alg", "A256KW"]);
    let token = jose(&["jwe", "encrypt", "--key", &key], b"secret").line();
    let decrypt = |key: &str, extra: &[&str], token: &str| {
        let mut args = vec!["jwe", "decrypt", "--key", key];
        args.extend_from_slice(extra);
        args.push(token);
        jose(&args, b"")
    };

    decrypt(&other, &["--alg", "A256KW"], &token).rejected("ERR_JWE_DECRYPTION_FAILED");
    let message = decrypt(&key, &["--alg", "A128KW"], &token).rejected("ERR_JOSE_ALG_NOT_ALLOWED");
    assert!(message.contains("A256KW"), "{message}");
    decrypt(
        &key,
        &["--alg", "A256KW", "--enc", "A128GCM,A256CBC-HS512"],
        &token,
    )
    .rejected("ERR_JOSE_ALG_NOT_ALLOWED");
    decrypt(&key, &["--alg", "A256KW"], "a.b.c").rejected("ERR_JWE_INVALID");
    let jws_key = gen_key(&dir, "s.jwk", &["--alg", "HS256"]);
    let jws = jose(&["jws", "sign", "--key", &jws_key], b"x").line();
    decrypt(&key, &["--alg", "A256KW"], &jws).rejected("ERR_JWE_INVALID");
    decrypt(&jws_key, &["--alg", "A256KW"], &token).rejected("ERR_KEY_ALG_MISMATCH");

    jose(
        &[
            "jwe",
            "encrypt",
            "--key",
            &key,
            "--header",
            r#"{"zip":"DEF"}"#,
        ],
        b"x",
    )
    .rejected("ERR_JWE_INVALID");
    jose(
        &[
            "jwe",
            "encrypt",
            "--key",
            &key,
            "--header",
            r#"{"enc":"A128GCM"}"#,
        ],
        b"x",
    )
    .rejected("ERR_JWE_INVALID");
    jose(&["jwe", "encrypt", "--key", &key, "--alg", "dir"], b"x").rejected("ERR_KEY_ALG_MISMATCH");
    jose(&["jwe", "encrypt", "--key", &key, "--enc", "A256KW"], b"x").usage("ERR_CLI_USAGE");
    jose(&["jwe", "encrypt", "--key", &key, "--header", "nope"], b"x").usage("ERR_CLI_USAGE");
    jose(&["jwe", "decrypt", "--key", &key, &token], b"").usage("ERR_CLI_USAGE");
    jose(&["jwe", "decrypt", "--key", &key, "--alg", "A256KW"], b"").usage("ERR_CLI_USAGE");
    let missing = dir.join("missing.txt");
    jose(
        &["jwe", "encrypt", "--key", &key, missing.to_str().unwrap()],
        b"",
    )
    .usage("ERR_CLI_IO");
}
