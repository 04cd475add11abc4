//! `--allow-short-hmac-secret`: verifying (never signing) with an HMAC secret shorter than
//! RFC 7518 §3.2 allows, for migrating from stacks that accepted one.
#![cfg(test)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{jose, tamper, temp_dir, write};

/// The well-known example token of jwt.io, signed with the 19-byte secret
/// "your-256-bit-secret" (HS256 needs 32 bytes).
const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
const SECRET: &str = "your-256-bit-secret\n";

#[test]
fn jws_verify_accepts_a_short_secret_only_with_the_flag() {
    let dir = temp_dir("short-secret-jws");
    let secret = write(&dir, "secret.txt", SECRET);
    let args = [
        "jws",
        "verify",
        "--secret-file",
        &secret,
        "--alg",
        "HS256",
        TOKEN,
    ];
    let refused = jose(&args, b"");
    assert_eq!(refused.status, 1, "{}", refused.stderr);
    assert!(refused.stderr.contains("256 bits"), "{}", refused.stderr);

    let mut allowed = args.to_vec();
    allowed.insert(2, "--allow-short-hmac-secret");
    let run = jose(&allowed, b"");
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(String::from_utf8(run.stdout).unwrap().contains("John Doe"));
    assert!(
        run.stderr.contains("warning") && run.stderr.contains("new kid"),
        "{}",
        run.stderr
    );
    // The flag loosens the key length only: a forged token is still refused.
    let forged = tamper(TOKEN);
    let last = allowed.len() - 1;
    allowed[last] = &forged;
    assert_eq!(jose(&allowed, b"").status, 1);
}

#[test]
fn jwt_verify_accepts_a_short_secret_only_with_the_flag() {
    let dir = temp_dir("short-secret-jwt");
    let secret = write(&dir, "secret.txt", SECRET);
    let jwk = write(
        &dir,
        "key.json",
        r#"{"kty":"oct","kid":"legacy","k":"eW91ci0yNTYtYml0LXNlY3JldA"}"#,
    );
    for key in [["--secret-file", secret.as_str()], ["--key", jwk.as_str()]] {
        let args = [
            "jwt",
            "verify",
            key[0],
            key[1],
            "--alg",
            "HS256",
            "--allow-no-exp",
            TOKEN,
        ];
        assert_eq!(jose(&args, b"").status, 1, "{key:?}");
        let mut allowed = args.to_vec();
        allowed.insert(2, "--allow-short-hmac-secret");
        let run = jose(&allowed, b"");
        assert_eq!(run.status, 0, "{key:?}: {}", run.stderr);
        assert!(
            String::from_utf8(run.stdout)
                .unwrap()
                .contains("1234567890")
        );
    }
}

#[test]
fn the_flag_is_for_one_key_and_never_for_signing() {
    let dir = temp_dir("short-secret-set");
    let set = write(
        &dir,
        "set.json",
        r#"{"keys":[{"kty":"oct","kid":"legacy","k":"eW91ci0yNTYtYml0LXNlY3JldA"}]}"#,
    );
    let run = jose(
        &[
            "jws",
            "verify",
            "--allow-short-hmac-secret",
            "--key",
            &set,
            "--alg",
            "HS256",
            TOKEN,
        ],
        b"",
    );
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(run.stderr.contains("not to a JWK Set"), "{}", run.stderr);

    let secret = write(&dir, "secret.txt", SECRET);
    for command in ["jws", "jwt"] {
        let run = jose(
            &[
                command,
                "sign",
                "--allow-short-hmac-secret",
                "--secret-file",
                &secret,
                "--alg",
                "HS256",
            ],
            b"",
        );
        assert_eq!(run.status, 2, "{command} sign: {}", run.stderr);
    }
}

#[test]
fn help_says_why_the_flag_is_dangerous_and_what_to_do() {
    for command in ["jws", "jwt"] {
        let help = jose(&[command, "verify", "--help"], b"").ok();
        assert!(help.contains("--allow-short-hmac-secret"), "{help}");
        assert!(help.contains("DANGEROUS"), "{help}");
        assert!(help.contains("guessed offline"), "{help}");
        assert!(help.contains("new kid"), "{help}");
        let sign = jose(&[command, "sign", "--help"], b"").ok();
        assert!(!sign.contains("short-hmac"), "{sign}");
    }
}
