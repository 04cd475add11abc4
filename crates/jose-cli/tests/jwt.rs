//! `jose jwt sign | verify` end to end: round trips for HS256, ES256, EdDSA and RS256, a
//! nested JWT (signed, then encrypted), the claim rules of `verify`, and the rejection and
//! usage paths.
#![cfg(test)]

mod common;

use common::{gen_key, jose, public_of, rsa_key, tamper, temp_dir};
use jose_b64::serde_json::{self, Value};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// The private and public key files for the signature algorithm `alg`.
fn keys_for(dir: &std::path::Path, alg: &str) -> (String, String) {
    let private = if alg == "RS256" {
        rsa_key()
    } else {
        gen_key(dir, &format!("{alg}.jwk"), &["--alg", alg])
    };
    let public = if alg == "HS256" {
        private.clone()
    } else {
        public_of(dir, &format!("{alg}.pub.jwk"), &private)
    };
    (private, public)
}

#[test]
fn sign_then_verify_round_trips() {
    let dir = temp_dir("jwt-round-trip");
    for alg in ["HS256", "ES256", "EdDSA", "RS256"] {
        let (private, public) = keys_for(&dir, alg);
        let token = jose(
            &[
                "jwt",
                "sign",
                "--key",
                &private,
                "--alg",
                alg,
                "--claims",
                r#"{"scope":"read write","n":7}"#,
                "--iss",
                "https://issuer.example",
                "--sub",
                "alice",
                "--aud",
                "api",
                "--jti",
                "t-1",
                "--exp",
                "15m",
                "--nbf",
                "0s",
            ],
            b"",
        )
        .line();
        assert_eq!(token.split('.').count(), 3, "{alg}");
        let claims = json(
            &jose(
                &[
                    "jwt",
                    "verify",
                    "--key",
                    &public,
                    "--alg",
                    &format!("HS384,{alg}"),
                    "--iss",
                    "https://issuer.example",
                    "--aud",
                    "other",
                    "--aud",
                    "api",
                    "--sub",
                    "alice",
                    "--require",
                    "jti,scope",
                    "--leeway",
                    "30s",
                ],
                token.as_bytes(),
            )
            .line(),
        );
        assert_eq!(claims["sub"], "alice", "{alg}");
        assert_eq!(claims["iss"], "https://issuer.example");
        assert_eq!(claims["aud"], "api");
        assert_eq!(claims["scope"], "read write");
        assert_eq!(claims["n"], 7);
        assert_eq!(claims["jti"], "t-1");
        let (iat, exp) = (
            claims["iat"].as_u64().unwrap(),
            claims["exp"].as_u64().unwrap(),
        );
        assert_eq!(exp - iat, 900, "{alg}");
        assert_eq!(claims["nbf"].as_u64(), Some(iat));
        // The header: typ JWT, the algorithm given.
        let inspected = json(&jose(&["jwt", "inspect", "--json", &token], b"").line());
        assert_eq!(inspected["header"]["typ"], "JWT", "{inspected}");
        assert_eq!(inspected["header"]["alg"], alg);
    }
}

#[test]
fn nested_sign_then_encrypt_then_verify() {
    let dir = temp_dir("jwt-nested");
    let (private, public) = keys_for(&dir, "ES256");
    let recipient = gen_key(&dir, "ecdh.jwk", &["--alg", "ECDH-ES+A256KW"]);
    let recipient_public = public_of(&dir, "ecdh.pub.jwk", &recipient);
    let token = jose(
        &[
            "jwt",
            "sign",
            "--key",
            &private,
            "--alg",
            "ES256",
            "--sub",
            "bob",
            "--typ",
            "at+jwt",
            "--exp",
            "5m",
            "--encrypt-key",
            &recipient_public,
            "--encrypt-alg",
            "ECDH-ES+A256KW",
            "--enc",
            "A128GCM",
        ],
        b"",
    )
    .line();
    assert_eq!(token.split('.').count(), 5);
    let inspected = json(&jose(&["jwt", "inspect", "--json", &token], b"").line());
    assert_eq!(inspected["header"]["cty"], "JWT", "{inspected}");
    assert_eq!(inspected["header"]["enc"], "A128GCM");

    let verify = |extra: &[&str]| {
        let mut args = vec![
            "jwt",
            "verify",
            "--key",
            &public,
            "--alg",
            "ES256",
            "--decrypt-key",
            &recipient,
        ];
        args.extend_from_slice(extra);
        jose(&args, token.as_bytes())
    };
    let claims = json(
        &verify(&[
            "--decrypt-alg",
            "ECDH-ES+A256KW",
            "--enc",
            "A128GCM",
            "--typ",
            "at+jwt",
        ])
        .line(),
    );
    assert_eq!(claims["sub"], "bob");
    // The inner JWT's typ is checked; the outer algorithms are pinned.
    verify(&["--decrypt-alg", "ECDH-ES+A256KW"]).rejected("ERR_JWT_CLAIM_VALIDATION_FAILED");
    verify(&["--decrypt-alg", "ECDH-ES+A128KW", "--typ", "at+jwt"])
        .rejected("ERR_JOSE_ALG_NOT_ALLOWED");
    verify(&[
        "--decrypt-alg",
        "ECDH-ES+A256KW",
        "--enc",
        "A256GCM",
        "--typ",
        "at+jwt",
    ])
    .rejected("ERR_JOSE_ALG_NOT_ALLOWED");
    // A nested JWT where a signed one is expected.
    let message = jose(
        &["jwt", "verify", "--key", &public, "--alg", "ES256", &token],
        b"",
    )
    .rejected("ERR_JWT_INVALID");
    assert!(message.contains("JWE"), "{message}");
    assert!(message.contains("--decrypt-key"), "{message}");
    assert!(!message.contains("JwtDecrypter"), "{message}");
}

#[test]
fn rejections_exit_with_1_and_one_line() {
    let dir = temp_dir("jwt-rejections");
    let (private, public) = keys_for(&dir, "ES256");
    let sign = |extra: &[&str]| {
        let mut args = vec!["jwt", "sign", "--key", &private, "--alg", "ES256"];
        args.extend_from_slice(extra);
        jose(&args, b"").line()
    };
    let verify = |token: &str, extra: &[&str]| {
        let mut args = vec!["jwt", "verify", "--key", &public, "--alg", "ES256"];
        args.extend_from_slice(extra);
        args.push(token);
        jose(&args, b"")
    };

    // Expired: exp as a NumericDate in the past (2001-09-09T01:46:40Z).
    let expired = sign(&["--exp", "@1000000000"]);
    let message = verify(&expired, &["--leeway", "10m"]).rejected("ERR_JWT_EXPIRED");
    assert!(message.contains("2001-09-09T01:46:40Z"), "{message}");
    // Not yet valid: nbf in an hour.
    let early = sign(&["--exp", "2h", "--nbf", "1h"]);
    verify(&early, &[]).rejected("ERR_JWT_CLAIM_VALIDATION_FAILED");

    let token = sign(&["--iss", "a", "--aud", "api", "--exp", "5m"]);
    verify(&token, &["--aud", "api"]).line();
    let message =
        verify(&token, &["--aud", "api", "--iss", "b"]).rejected("ERR_JWT_CLAIM_VALIDATION_FAILED");
    assert!(
        message.contains("iss") || message.contains("issuer"),
        "{message}"
    );
    let message = verify(&token, &["--aud", "web"]).rejected("ERR_JWT_CLAIM_VALIDATION_FAILED");
    assert!(message.contains("audience"), "{message}");
    // A token with aud, and no audience expected (RFC 8725 §3.9).
    verify(&token, &[]).rejected("ERR_JWT_CLAIM_VALIDATION_FAILED");
    verify(&token, &["--aud", "api", "--typ", "at+jwt"])
        .rejected("ERR_JWT_CLAIM_VALIDATION_FAILED");
    let message = verify(&token, &["--aud", "api", "--require", "jti"])
        .rejected("ERR_JWT_CLAIM_VALIDATION_FAILED");
    assert!(message.contains("jti"), "{message}");
    verify(&tamper(&token), &["--aud", "api"]).rejected("ERR_JWS_SIGNATURE_VERIFICATION_FAILED");

    // The algorithm is pinned.
    let mut args = vec!["jwt", "verify", "--key", &public, "--alg", "ES384"];
    args.extend(["--aud", "api", &token]);
    jose(&args, b"").rejected("ERR_JOSE_ALG_NOT_ALLOWED");

    // A specific typ only where it is expected.
    let access = sign(&["--typ", "at+jwt", "--exp", "5m"]);
    verify(&access, &[]).rejected("ERR_JWT_CLAIM_VALIDATION_FAILED");
    verify(&access, &["--typ", "at+jwt"]).line();

    // Without exp: refused unless allowed by name.
    let forever = sign(&["--no-exp", "--sub", "service"]);
    verify(&forever, &[]).rejected("ERR_JWT_CLAIM_VALIDATION_FAILED");
    assert_eq!(
        json(&verify(&forever, &["--allow-no-exp"]).line())["sub"],
        "service"
    );
    // exp among the claims counts as an expiry.
    let from_claims = sign(&["--claims", r#"{"exp":4102444800}"#]);
    verify(&from_claims, &[]).line();
}

#[test]
fn usage_errors_exit_with_2() {
    let dir = temp_dir("jwt-usage");
    let (private, public) = keys_for(&dir, "HS256");
    let sign = |extra: &[&str]| {
        let mut args = vec!["jwt", "sign", "--key", &private, "--alg", "HS256"];
        args.extend_from_slice(extra);
        jose(&args, b"")
    };
    // No expiry, as the library refuses.
    let message = sign(&["--sub", "alice"]).usage("ERR_CLI_USAGE");
    assert!(
        message.contains("--exp") && message.contains("--no-exp"),
        "{message}"
    );
    sign(&["--exp", "5m", "--no-exp"]).usage("ERR_CLI_USAGE");
    sign(&["--exp", "soon"]).usage("ERR_CLI_USAGE");
    sign(&["--exp", "@x"]).usage("ERR_CLI_USAGE");
    sign(&["--exp", "5m", "--claims", "[1]"]).usage("ERR_CLI_USAGE");
    // A claim of the wrong type, a time claim given twice.
    sign(&["--exp", "5m", "--claims", r#"{"sub":5}"#]).usage("ERR_CLI_USAGE");
    sign(&["--exp", "5m", "--claims", r#"{"exp":1}"#]).usage("ERR_CLI_USAGE");
    // --enc and --encrypt-alg belong to --encrypt-key.
    sign(&["--exp", "5m", "--enc", "A128GCM"]).usage("ERR_CLI_USAGE");
    let missing = dir.join("missing.jwk");
    let missing = missing.to_str().unwrap();
    jose(
        &[
            "jwt", "sign", "--key", missing, "--alg", "HS256", "--exp", "5m",
        ],
        b"",
    )
    .usage("ERR_CLI_IO");

    let verify = |extra: &[&str]| {
        let mut args = vec!["jwt", "verify", "--key", &public];
        args.extend_from_slice(extra);
        jose(&args, b"")
    };
    verify(&["t.t.t"]).usage("ERR_CLI_USAGE"); // no --alg
    verify(&["--alg", "HS256", "--leeway", "1h", "t.t.t"]).usage("ERR_CLI_USAGE");
    verify(&["--alg", "HS256", "--decrypt-key", &public, "t.t.t"]).usage("ERR_CLI_USAGE");
    verify(&["--alg", "HS256", "--enc", "A128GCM", "t.t.t"]).usage("ERR_CLI_USAGE");
    verify(&["--alg", "HS256"]).usage("ERR_CLI_USAGE"); // empty standard input
}
