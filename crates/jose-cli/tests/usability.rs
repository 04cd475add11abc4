//! What new users of `jose` ran into: tokens the tool makes of files that it could not read
//! back (`--max-size`), encrypted-only JWTs, exit classes and messages that name the option
//! at fault, output on terminals and closed pipes, claims and secrets from files and the
//! environment.
#![cfg(test)]

mod common;

use std::process::{Command, Stdio};

use common::{gen_key, jose, public_of, temp_dir, write};
use jose_b64::serde_json::{self, Value};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn what_it_makes_of_a_file_it_reads_back() {
    let dir = temp_dir("max-size");
    let private = gen_key(&dir, "k.jwk", &["--alg", "ES256"]);
    let public = public_of(&dir, "k.pub.jwk", &private);
    let file = write(&dir, "big.bin", vec![b'z'; 200 * 1024]);
    let jws = jose(&["jws", "sign", "--key", &private, &file], b"").line();
    let payload = jose(
        &["jws", "verify", "--key", &public, "--alg", "ES256"],
        jws.as_bytes(),
    );
    assert_eq!(payload.ok().len(), 200 * 1024);
    let message = jose(
        &[
            "jws",
            "verify",
            "--key",
            &public,
            "--alg",
            "ES256",
            "--max-size",
            "100K",
        ],
        jws.as_bytes(),
    )
    .rejected("ERR_JWS_INVALID");
    assert!(message.contains("--max-size"), "{message}");

    // A JWT with large claims, signed and nested.
    let claims = write(
        &dir,
        "claims.json",
        format!(r#"{{"blob":"{}"}}"#, "b".repeat(200 * 1024)),
    );
    let claims = format!("@{claims}");
    let kek = gen_key(&dir, "kek.jwk", &["--alg", "A256KW"]);
    let sign = [
        "jwt", "sign", "--key", &private, "--exp", "5m", "--claims", &claims,
    ];
    let verify = [
        "jwt", "verify", "--key", &public, "--alg", "ES256", "--quiet",
    ];
    let jwt = jose(&sign, b"").line();
    assert_eq!(jose(&verify, jwt.as_bytes()).ok(), "");
    let nested = jose(&[&sign[..], &["--encrypt-key", &kek]].concat(), b"").line();
    let decrypt = ["--decrypt-key", &kek, "--decrypt-alg", "A256KW"];
    assert_eq!(
        jose(&[&verify[..], &decrypt].concat(), nested.as_bytes()).ok(),
        ""
    );

    let jwe = jose(&["jwe", "encrypt", "--key", &kek, &file], b"").line();
    let plaintext = jose(
        &["jwe", "decrypt", "--key", &kek, "--alg", "A256KW"],
        jwe.as_bytes(),
    );
    assert_eq!(plaintext.ok().len(), 200 * 1024);
    let message = jose(
        &[
            "jwe",
            "decrypt",
            "--key",
            &kek,
            "--alg",
            "A256KW",
            "--max-size",
            "64K",
        ],
        jwe.as_bytes(),
    )
    .rejected("ERR_JWE_INVALID");
    assert!(message.contains("--max-size"), "{message}");
    jose(
        &[
            "jws",
            "verify",
            "--key",
            &public,
            "--alg",
            "ES256",
            "--max-size",
            "1T",
        ],
        jws.as_bytes(),
    )
    .usage("ERR_CLI_USAGE");
}

#[test]
fn encrypted_only_jwts() {
    let dir = temp_dir("encrypted-jwt");
    let kek = gen_key(&dir, "kek.jwk", &["--alg", "A256KW"]);
    let token = jose(
        &[
            "jwt",
            "sign",
            "--encrypt-key",
            &kek,
            "--sub",
            "alice",
            "--exp",
            "5m",
        ],
        b"",
    )
    .line();
    assert_eq!(token.split('.').count(), 5);
    let verify = [
        "jwt",
        "verify",
        "--decrypt-key",
        &kek,
        "--decrypt-alg",
        "A256KW",
    ];
    let claims = json(&jose(&[&verify[..], &[&token]].concat(), b"").line());
    assert_eq!(claims["sub"], "alice");

    // Public-key key management: anyone with the public key can mint one; an explicit flag.
    let ecdh = gen_key(&dir, "ecdh.jwk", &["--alg", "ECDH-ES+A256KW"]);
    let ecdh_pub = public_of(&dir, "ecdh.pub.jwk", &ecdh);
    let sign = [
        "jwt",
        "sign",
        "--encrypt-key",
        &ecdh_pub,
        "--sub",
        "bob",
        "--exp",
        "5m",
    ];
    let message = jose(&sign, b"").usage("ERR_CLI_USAGE");
    assert!(
        message.contains("--allow-unsigned-public-key-jwt"),
        "{message}"
    );
    let token = jose(
        &[&sign[..], &["--allow-unsigned-public-key-jwt"]].concat(),
        b"",
    )
    .line();
    let verify = [
        "jwt",
        "verify",
        "--decrypt-key",
        &ecdh,
        "--decrypt-alg",
        "ECDH-ES+A256KW",
    ];
    let message = jose(&[&verify[..], &[&token]].concat(), b"").usage("ERR_CLI_USAGE");
    assert!(
        message.contains("--allow-unsigned-public-key-jwt"),
        "{message}"
    );
    let claims = jose(
        &[&verify[..], &["--allow-unsigned-public-key-jwt", &token]].concat(),
        b"",
    )
    .line();
    assert_eq!(json(&claims)["sub"], "bob");
    for command in ["sign", "verify"] {
        let help = jose(&["jwt", command, "--help"], b"").ok();
        assert!(help.contains("--allow-unsigned-public-key-jwt"), "{help}");
        assert!(help.contains("anyone who has the"), "{help}");
    }

    // A nested token read as encrypted-only says to give --key.
    let signer = gen_key(&dir, "s.jwk", &["--alg", "ES256"]);
    let signer_pub = public_of(&dir, "s.pub.jwk", &signer);
    let nested = jose(
        &[
            "jwt",
            "sign",
            "--key",
            &signer,
            "--exp",
            "5m",
            "--encrypt-key",
            &kek,
        ],
        b"",
    )
    .line();
    let message = jose(
        &[
            "jwt",
            "verify",
            "--decrypt-key",
            &kek,
            "--decrypt-alg",
            "A256KW",
            &nested,
        ],
        b"",
    )
    .rejected("ERR_JWT_INVALID");
    assert!(message.contains("give --key and --alg"), "{message}");

    // A nested JWT needs the signature's algorithms; an encrypted one has no signature.
    let message = jose(
        &[
            "jwt",
            "verify",
            "--key",
            &signer_pub,
            "--decrypt-key",
            &kek,
            "--decrypt-alg",
            "A256KW",
            &nested,
        ],
        b"",
    )
    .usage("ERR_CLI_USAGE");
    assert!(message.contains("--alg"), "{message}");
    let message = jose(
        &[
            "jwt",
            "verify",
            "--alg",
            "ES256",
            "--decrypt-key",
            &kek,
            "--decrypt-alg",
            "A256KW",
            &nested,
        ],
        b"",
    )
    .usage("ERR_CLI_USAGE");
    assert!(message.contains("--alg is for the signature"), "{message}");

    // A signed JWT encrypted without cty: the message says how to proceed.
    let signed = jose(&["jwt", "sign", "--key", &signer, "--exp", "5m"], b"").line();
    let no_cty = jose(&["jwe", "encrypt", "--key", &kek], signed.as_bytes()).line();
    let message = jose(
        &[
            "jwt",
            "verify",
            "--key",
            &signer_pub,
            "--alg",
            "ES256",
            "--decrypt-key",
            &kek,
            "--decrypt-alg",
            "A256KW",
            &no_cty,
        ],
        b"",
    )
    .rejected("ERR_JWT_INVALID");
    assert!(message.contains("`jose jwe decrypt`"), "{message}");
    assert!(message.contains("leave out --key"), "{message}");
}

#[test]
fn exit_classes_and_messages() {
    let dir = temp_dir("exit-classes");
    let private = gen_key(&dir, "k.jwk", &["--alg", "ES256"]);
    let public = public_of(&dir, "k.pub.jwk", &private);
    let kek = gen_key(&dir, "kek.jwk", &["--alg", "A256KW"]);
    let token = jose(
        &[
            "jwt", "sign", "--key", &private, "--exp", "5m", "--aud", "api",
        ],
        b"",
    )
    .line();
    let verify = ["jwt", "verify", "--key", &public, "--alg", "ES256"];

    // A token that is not text is a rejected input, on standard input or as an argument.
    jose(&verify, &[0xff, 0xfe, b'.']).rejected("ERR_CLI_TOKEN_MALFORMED");
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let output = Command::new(env!("CARGO_BIN_EXE_jose"))
            .args(verify)
            .arg(std::ffi::OsStr::from_bytes(&[0xff, b'.', b'x']))
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            stderr.starts_with("error[ERR_CLI_TOKEN_MALFORMED]: "),
            "{stderr}"
        );
    }
    // A pasted Authorization header gets a hint.
    let bearer = format!("Bearer {token}");
    let message =
        jose(&[&verify[..], &[&bearer]].concat(), b"").rejected("ERR_CLI_TOKEN_MALFORMED");
    assert!(
        message.contains("\"Bearer \"") && message.contains("without the HTTP"),
        "{message}"
    );

    // A key that is not a key: a rejected input, named by its option.
    let junk = write(&dir, "junk.txt", "hello");
    let message = jose(
        &["jwt", "verify", "--key", &junk, "--alg", "ES256", &token],
        b"",
    )
    .rejected("ERR_KEY_ENCODING");
    assert!(message.starts_with(&format!("--key {junk}: ")), "{message}");
    let message = jose(
        &[
            &verify[..],
            &["--decrypt-key", &junk, "--decrypt-alg", "A256KW", &token],
        ]
        .concat(),
        b"",
    )
    .rejected("ERR_KEY_ENCODING");
    assert!(
        message.starts_with(&format!("--decrypt-key {junk}: ")),
        "{message}"
    );
    let message = jose(
        &[
            "jwt",
            "sign",
            "--key",
            &private,
            "--exp",
            "5m",
            "--encrypt-key",
            &junk,
        ],
        b"",
    )
    .rejected("ERR_KEY_ENCODING");
    assert!(
        message.starts_with(&format!("--encrypt-key {junk}: ")),
        "{message}"
    );

    // A key that does not fit the token: the message names the option it came from.
    let hmac = gen_key(&dir, "hmac.jwk", &["--alg", "HS256"]);
    let message = jose(
        &["jwt", "verify", "--key", &hmac, "--alg", "ES256", &token],
        b"",
    )
    .rejected("ERR_KEY_ALG_MISMATCH");
    assert!(message.starts_with(&format!("--key {hmac}: ")), "{message}");
    let nested = jose(
        &[
            "jwt",
            "sign",
            "--key",
            &private,
            "--exp",
            "5m",
            "--encrypt-key",
            &kek,
        ],
        b"",
    )
    .line();
    let message = jose(
        &[
            "jwt",
            "verify",
            "--key",
            &public,
            "--alg",
            "ES256",
            "--decrypt-key",
            &hmac,
            "--decrypt-alg",
            "A256KW",
            &nested,
        ],
        b"",
    )
    .rejected("ERR_KEY_ALG_MISMATCH");
    assert!(
        message.starts_with(&format!("--decrypt-key {hmac}: ")),
        "{message}"
    );

    // A private key where the public one is expected: refused, with the command that fixes it.
    let message = jose(
        &["jwt", "verify", "--key", &private, "--alg", "ES256", &token],
        b"",
    )
    .rejected("ERR_JWK_WRONG_KIND");
    assert!(
        message.contains(&format!("jose jwk pub {private}")),
        "{message}"
    );
    let message = jose(
        &["jws", "verify", "--key", &private, "--alg", "ES256", &token],
        b"",
    )
    .rejected("ERR_JWK_WRONG_KIND");
    assert!(message.starts_with("--key "), "{message}");
    let ecdh = gen_key(&dir, "ecdh.jwk", &["--alg", "ECDH-ES"]);
    let message = jose(&["jwe", "encrypt", "--key", &ecdh], b"x").rejected("ERR_JWK_WRONG_KIND");
    assert!(message.contains("encrypting"), "{message}");

    // `none` is never accepted, and says so.
    let message = jose(
        &["jwt", "verify", "--key", &public, "--alg", "none", &token],
        b"",
    )
    .usage("ERR_CLI_USAGE");
    assert!(message.contains("never accepted"), "{message}");

    // The audience error names the flags; --allow-any-audience accepts any.
    let message =
        jose(&[&verify[..], &[&token]].concat(), b"").rejected("ERR_JWT_CLAIM_VALIDATION_FAILED");
    assert!(
        message.contains("--aud") && message.contains("--allow-any-audience"),
        "{message}"
    );
    let claims = jose(
        &[&verify[..], &["--allow-any-audience", &token]].concat(),
        b"",
    )
    .line();
    assert_eq!(json(&claims)["aud"], "api");
    jose(
        &[&verify[..], &["--allow-any-audience", "--aud", "x", &token]].concat(),
        b"",
    )
    .usage("ERR_CLI_USAGE");

    // A JWE given to `jws verify` says which command reads it.
    let jwe = jose(&["jwe", "encrypt", "--key", &kek], token.as_bytes()).line();
    let message = jose(
        &["jws", "verify", "--key", &public, "--alg", "ES256", &jwe],
        b"",
    )
    .rejected("ERR_JWS_INVALID");
    assert!(message.contains("`jose jwe decrypt`"), "{message}");

    // inspect points a JWT to `jose jwt verify`.
    let text = jose(&["jwt", "inspect", &token], b"").ok();
    assert!(
        text.lines().next().unwrap().contains("`jose jwt verify`"),
        "{text}"
    );
}

#[test]
fn output_on_terminals_and_pipes() {
    let dir = temp_dir("output");
    let private = gen_key(&dir, "k.jwk", &["--alg", "ES256"]);
    let public = public_of(&dir, "k.pub.jwk", &private);

    // A binary payload is escaped and capped in text, whole in --json.
    let mut payload = b"\x1b[2J".to_vec();
    payload.extend(vec![b'a'; 3000]);
    let jws = jose(&["jws", "sign", "--key", &private], &payload).line();
    let text = jose(&["jwt", "inspect", &jws], b"").ok();
    assert!(
        !text.contains('\x1b') && text.contains("\\u{1b}[2J"),
        "{text}"
    );
    assert!(text.contains("more bytes (3004 in all"), "{text}");
    assert!(text.len() < 2000, "{}", text.len());
    let described = json(&jose(&["jwt", "inspect", "--json", &jws], b"").line());
    assert_eq!(described["payload"].as_str().unwrap().len(), 3004);

    // --quiet: the exit status alone.
    let quiet = jose(
        &[
            "jws", "verify", "--key", &public, "--alg", "ES256", "-q", &jws,
        ],
        b"",
    );
    assert_eq!(quiet.ok(), "");
    jose(
        &[
            "jws", "verify", "--key", &public, "--alg", "ES384", "--quiet", &jws,
        ],
        b"",
    )
    .rejected("ERR_JOSE_ALG_NOT_ALLOWED");
    let kek = gen_key(&dir, "kek.jwk", &["--alg", "A256KW"]);
    let jwe = jose(&["jwe", "encrypt", "--key", &kek], b"secret").line();
    assert_eq!(
        jose(
            &[
                "jwe", "decrypt", "--key", &kek, "--alg", "A256KW", "--quiet", &jwe
            ],
            b""
        )
        .ok(),
        ""
    );
    let jwt = jose(&["jwt", "sign", "--key", &private, "--exp", "5m"], b"").line();
    assert_eq!(
        jose(
            &[
                "jwt", "verify", "--key", &public, "--alg", "ES256", "-q", &jwt
            ],
            b""
        )
        .ok(),
        ""
    );

    // A closed pipe (`| head`) ends quietly, with status 0.
    let big = write(&dir, "big.bin", vec![b'p'; 1 << 20]);
    let big_jws = write(
        &dir,
        "big.jws",
        jose(&["jws", "sign", "--key", &private, &big], b"").ok(),
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_jose"))
        .args(["jws", "verify", "--key", &public, "--alg", "ES256", "-"])
        .stdin(std::fs::File::open(&big_jws).unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn claims_and_times_from_the_shell() {
    let dir = temp_dir("claims");
    let private = gen_key(&dir, "k.jwk", &["--alg", "ES256"]);
    let public = public_of(&dir, "k.pub.jwk", &private);
    let verify = ["jwt", "verify", "--key", &public, "--alg", "ES256"];
    let file = write(&dir, "claims.json", r#"{"scope":"read","n":1}"#);
    let at_file = format!("@{file}");
    let token = jose(
        &[
            "jwt", "sign", "--key", &private, "--exp", "5m", "--claims", &at_file,
        ],
        b"",
    )
    .line();
    assert_eq!(
        json(&jose(&[&verify[..], &[&token]].concat(), b"").line())["scope"],
        "read"
    );
    let token = jose(
        &[
            "jwt", "sign", "--key", &private, "--exp", "5m", "--claims", "-",
        ],
        br#"{"scope":"write"}"#,
    )
    .line();
    assert_eq!(
        json(&jose(&[&verify[..], &[&token]].concat(), b"").line())["scope"],
        "write"
    );
    let message = jose(
        &[
            "jwt",
            "sign",
            "--key",
            &private,
            "--exp",
            "5m",
            "--claims",
            "@nope.json",
        ],
        b"",
    )
    .usage("ERR_CLI_IO");
    assert!(message.contains("nope.json"), "{message}");

    // --exp -5m: an expired token (for tests of the reader).
    for exp in [&["--exp", "-5m"][..], &["--exp=-5m"]] {
        let token = jose(
            &[&["jwt", "sign", "--key", &private][..], exp].concat(),
            b"",
        )
        .line();
        jose(&[&verify[..], &[&token]].concat(), b"").rejected("ERR_JWT_EXPIRED");
    }
}

#[test]
fn hmac_secrets_as_text() {
    let dir = temp_dir("secrets");
    let secret = "a shared secret of at least thirty-two bytes";
    let file = write(&dir, "secret.txt", format!("{secret}\n"));
    let run_with_env = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_jose"))
            .args(args)
            .env("JOSE_TEST_SECRET", secret)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    };
    let token = jose(
        &[
            "jwt",
            "sign",
            "--secret-file",
            &file,
            "--alg",
            "HS256",
            "--exp",
            "5m",
            "--sub",
            "s",
        ],
        b"",
    )
    .line();
    let (status, out, err) = run_with_env(&[
        "jwt",
        "verify",
        "--secret-env",
        "JOSE_TEST_SECRET",
        "--alg",
        "HS256",
        &token,
    ]);
    assert_eq!((status, err.as_str()), (Some(0), ""));
    assert_eq!(json(&out)["sub"], "s");
    let (status, jws, _) = run_with_env(&[
        "jws",
        "sign",
        "--secret-env",
        "JOSE_TEST_SECRET",
        "--alg",
        "HS256",
        &file,
    ]);
    assert_eq!(status, Some(0));
    let payload = jose(
        &[
            "jws",
            "verify",
            "--secret-file",
            &file,
            "--alg",
            "HS256",
            jws.trim(),
        ],
        b"",
    )
    .ok();
    assert_eq!(payload, format!("{secret}\n"));

    // A secret of another value does not verify; a missing variable is a usage error.
    let other = write(
        &dir,
        "other.txt",
        "another shared secret of thirty-two bytes",
    );
    jose(
        &[
            "jwt",
            "verify",
            "--secret-file",
            &other,
            "--alg",
            "HS256",
            &token,
        ],
        b"",
    )
    .rejected("ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
    let message = jose(
        &[
            "jwt",
            "verify",
            "--secret-env",
            "JOSE_TEST_UNSET_VARIABLE",
            "--alg",
            "HS256",
            &token,
        ],
        b"",
    )
    .usage("ERR_CLI_USAGE");
    assert!(
        message.contains("--secret-env JOSE_TEST_UNSET_VARIABLE"),
        "{message}"
    );
    jose(
        &[
            "jwt",
            "verify",
            "--secret-file",
            &file,
            "--key",
            &file,
            "--alg",
            "HS256",
            &token,
        ],
        b"",
    )
    .usage("ERR_CLI_USAGE");
}
