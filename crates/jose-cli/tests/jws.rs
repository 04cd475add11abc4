//! `jose jws …` end to end: every algorithm signed and verified, every serialization,
//! detached and unencoded payloads, JWK Sets, and the rejection paths.
#![cfg(test)]

mod common;

use common::{gen_key, jose, public_of, rsa_key, tamper, temp_dir, write};
use jose_b64::serde_json::{self, Value};
use jose_jwk::alg::JwsAlgorithm;

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// A payload that is not text, so that the bytes printed are checked exactly.
const BINARY: &[u8] = &[0, 1, 2, 0xfe, 0xff, b'\n', b'.'];

/// The private and public key files for `alg`.
fn keys_for(dir: &std::path::Path, alg: JwsAlgorithm) -> (String, String) {
    let name = alg.as_str();
    let private = if name.starts_with("RS") || name.starts_with("PS") {
        rsa_key()
    } else {
        gen_key(dir, &format!("{name}.jwk"), &["--alg", name])
    };
    let public = if alg.is_symmetric() {
        private.clone()
    } else {
        public_of(dir, &format!("{name}.pub.jwk"), &private)
    };
    (private, public)
}

#[test]
fn every_algorithm_signs_and_verifies() {
    let dir = temp_dir("every-alg");
    for &alg in JwsAlgorithm::ALL {
        if alg == JwsAlgorithm::None {
            continue;
        }
        let name = alg.as_str();
        let (private, public) = keys_for(&dir, alg);
        let token = jose(&["jws", "sign", "--key", &private, "--alg", name], BINARY).line();
        assert_eq!(token.split('.').count(), 3, "{name}");
        let run = jose(
            &["jws", "verify", "--key", &public, "--alg", name, &token],
            b"",
        );
        assert_eq!(run.status, 0, "{name}: {}", run.stderr);
        assert_eq!(run.stdout, BINARY, "{name}");
        // The token on standard input, among several allowed algorithms.
        let run = jose(
            &[
                "jws",
                "verify",
                "--key",
                &public,
                "--alg",
                &format!("HS256,{name}"),
            ],
            token.as_bytes(),
        );
        assert_eq!(run.stdout, BINARY, "{name}: {}", run.stderr);

        let message = jose(
            &[
                "jws",
                "verify",
                "--key",
                &public,
                "--alg",
                name,
                &tamper(&token),
            ],
            b"",
        )
        .rejected("ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
        assert_eq!(message, "signature verification failed");
    }
}

#[test]
fn json_serializations() {
    let dir = temp_dir("json");
    let ec = gen_key(&dir, "ec.jwk", &["--alg", "ES256", "--kid", "ec"]);
    let ed = gen_key(&dir, "ed.jwk", &["--alg", "EdDSA", "--kid", "ed"]);
    let set = write(&dir, "set.json", jose(&["jwk", "set", &ec, &ed], b"").ok());

    let flattened = jose(
        &[
            "jws",
            "sign",
            "--key",
            &ec,
            "--json",
            "flattened",
            "--unprotected",
            r#"{"x-note":"hi"}"#,
        ],
        b"payload",
    )
    .line();
    let parsed = json(&flattened);
    assert_eq!(parsed["header"]["x-note"], "hi");
    assert!(parsed.get("signatures").is_none());
    let described = json(
        &jose(
            &[
                "jws", "verify", "--key", &set, "--alg", "ES256", "--json", &flattened,
            ],
            b"",
        )
        .line(),
    );
    assert_eq!(described["payload"], "payload");
    assert_eq!(described["kid"], "ec");
    assert_eq!(described["header"]["x-note"], "hi");

    let general = jose(
        &[
            "jws", "sign", "--key", &ec, "--key", &ed, "--json", "general", "--typ", "example",
        ],
        b"release",
    )
    .line();
    assert_eq!(json(&general)["signatures"].as_array().unwrap().len(), 2);
    let all = ["jws", "verify", "--key", &set, "--alg", "ES256,EdDSA"];
    let run = jose(&[&all[..], &["--all-signatures", &general]].concat(), b"");
    assert_eq!(run.ok(), "release");
    let run = jose(
        &[&all[..], &["--require-kid", "ed", "--json", &general]].concat(),
        b"",
    );
    assert_eq!(json(&run.ok())["kid"], "ed");
    // Only one of the two algorithms allowed: one signature verifies, not all.
    let one = ["jws", "verify", "--key", &set, "--alg", "EdDSA"];
    assert_eq!(jose(&[&one[..], &[&general]].concat(), b"").ok(), "release");
    jose(&[&one[..], &["--all-signatures", &general]].concat(), b"")
        .rejected("ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
    jose(
        &[&one[..], &["--require-kid", "ec", &general]].concat(),
        b"",
    )
    .rejected("ERR_JWS_SIGNATURE_VERIFICATION_FAILED");

    // One algorithm per key, in order.
    let hmac = gen_key(&dir, "h.jwk", &["--kty", "oct", "--size", "512"]);
    let token = jose(
        &[
            "jws", "sign", "--key", &hmac, "--key", &ec, "--alg", "HS512", "--alg", "ES256",
            "--json", "general",
        ],
        b"x",
    )
    .line();
    assert!(token.contains("signatures"));
}

#[test]
fn detached_and_unencoded_payloads() {
    let dir = temp_dir("detached");
    let key = gen_key(&dir, "k.jwk", &["--alg", "ES384"]);
    let public = public_of(&dir, "k.pub.jwk", &key);
    let payload = write(&dir, "payload.bin", BINARY);
    let other = write(&dir, "other.bin", b"other");

    for serialization in [None, Some("flattened"), Some("general")] {
        let mut args = vec!["jws", "sign", "--key", &key, "--detached", &payload];
        if let Some(s) = serialization {
            args.extend(["--json", s]);
        }
        let jws = jose(&args, b"").line();
        if serialization.is_none() {
            assert!(jws.contains(".."), "{jws}");
        } else {
            assert!(!jws.contains("payload"), "{jws}");
        }
        let verify = ["jws", "verify", "--key", &public, "--alg", "ES384"];
        let run = jose(&[&verify[..], &["--payload", &payload, &jws]].concat(), b"");
        assert_eq!(run.stdout, BINARY, "{serialization:?}: {}", run.stderr);
        jose(&[&verify[..], &["--payload", &other, &jws]].concat(), b"")
            .rejected("ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
    }

    // RFC 7797: the payload as it is.
    let message = jose(&["jws", "sign", "--key", &key, "--b64", "false"], b"$.02")
        .rejected("ERR_JWS_INVALID");
    assert!(message.contains("RFC 7797"), "{message}");
    let hmac = gen_key(&dir, "h.jwk", &["--alg", "HS256"]);
    let token = jose(&["jws", "sign", "--key", &hmac, "--b64", "false"], b"$02").line();
    assert_eq!(token.split('.').nth(1), Some("$02"));
    assert_eq!(
        jose(
            &["jws", "verify", "--key", &hmac, "--alg", "HS256", &token],
            b""
        )
        .ok(),
        "$02"
    );
    let flattened = jose(
        &[
            "jws",
            "sign",
            "--key",
            &hmac,
            "--b64",
            "false",
            "--json",
            "flattened",
        ],
        b"$.02",
    )
    .line();
    assert_eq!(json(&flattened)["payload"], "$.02");
    assert_eq!(
        jose(
            &[
                "jws", "verify", "--key", &hmac, "--alg", "HS256", &flattened
            ],
            b""
        )
        .ok(),
        "$.02"
    );
    let detached = jose(
        &[
            "jws",
            "sign",
            "--key",
            &hmac,
            "--b64",
            "false",
            "--detached",
            &payload,
        ],
        b"",
    )
    .line();
    let run = jose(
        &[
            "jws",
            "verify",
            "--key",
            &hmac,
            "--alg",
            "HS256",
            "--payload",
            &payload,
            &detached,
        ],
        b"",
    );
    assert_eq!(run.stdout, BINARY, "{}", run.stderr);
    jose(&["jws", "sign", "--key", &hmac, "--b64", "maybe"], b"").usage("ERR_CLI_USAGE");
}

#[test]
fn headers_and_keys() {
    let dir = temp_dir("headers");
    let a = gen_key(&dir, "a.jwk", &["--alg", "ES256", "--kid", "a"]);
    let b = gen_key(&dir, "b.jwk", &["--alg", "ES256", "--kid", "b"]);
    let private_set = write(
        &dir,
        "private.json",
        jose(&["jwk", "set", "--private", &a, &b], b"").ok(),
    );
    let public_set = write(&dir, "public.json", jose(&["jwk", "set", &a, &b], b"").ok());

    let token = jose(
        &[
            "jws",
            "sign",
            "--key",
            &private_set,
            "--kid",
            "b",
            "--typ",
            "JWT",
            "--cty",
            "x",
            "--header",
            r#"{"x-trace":"t1","iat":5}"#,
        ],
        b"{}",
    )
    .line();
    let described = json(
        &jose(
            &[
                "jws",
                "verify",
                "--key",
                &public_set,
                "--alg",
                "ES256",
                "--json",
                &token,
            ],
            b"",
        )
        .line(),
    );
    let protected = &described["protected"];
    assert_eq!(
        (
            protected["alg"].as_str(),
            protected["kid"].as_str(),
            protected["typ"].as_str(),
            protected["cty"].as_str()
        ),
        (Some("ES256"), Some("b"), Some("JWT"), Some("x"))
    );
    assert_eq!(
        (protected["x-trace"].as_str(), protected["iat"].as_i64()),
        (Some("t1"), Some(5))
    );
    assert_eq!(described["kid"], "b");

    // Two keys fit: the set needs --kid.
    let message = jose(&["jws", "sign", "--key", &private_set], b"x").usage("ERR_CLI_USAGE");
    assert!(message.contains("--kid"), "{message}");
    // A single JWK verifies a token naming another kid only if it has no kid of its own.
    let a_public = public_of(&dir, "a.pub.jwk", &a);
    let message = jose(
        &[
            "jws", "verify", "--key", &a_public, "--alg", "ES256", &token,
        ],
        b"",
    )
    .rejected("ERR_JWKS_NO_MATCHING_KEY");
    assert!(message.contains("\"b\""), "{message}");
    let c = gen_key(&dir, "c.jwk", &["--alg", "ES256", "--kid", "c"]);
    let c_set = write(&dir, "c.json", jose(&["jwk", "set", &c], b"").ok());
    jose(
        &["jws", "verify", "--key", &c_set, "--alg", "ES256", &token],
        b"",
    )
    .rejected("ERR_JWKS_NO_MATCHING_KEY");

    // PEM keys; the algorithm must then be given.
    let pem = write(
        &dir,
        "a.pem",
        jose(&["jwk", "export", &a, "--private"], b"").ok(),
    );
    let public_pem = write(&dir, "a.pub.pem", jose(&["jwk", "export", &a], b"").ok());
    let message = jose(&["jws", "sign", "--key", &pem], b"x").usage("ERR_CLI_USAGE");
    assert!(message.contains("--alg"), "{message}");
    let token = jose(&["jws", "sign", "--key", &pem, "--alg", "ES256"], b"x").line();
    assert_eq!(
        jose(
            &[
                "jws",
                "verify",
                "--key",
                &public_pem,
                "--alg",
                "ES256",
                &token
            ],
            b""
        )
        .ok(),
        "x"
    );
    // The key from standard input, the token as an argument.
    let public = jose(&["jwk", "pub", &a], b"").ok();
    let token = jose(&["jws", "sign", "--key", &a], b"y").line();
    assert_eq!(
        jose(
            &["jws", "verify", "--key", "-", "--alg", "ES256", &token],
            public.as_bytes()
        )
        .ok(),
        "y"
    );
    let message = jose(
        &["jws", "verify", "--key", "-", "--alg", "ES256"],
        public.as_bytes(),
    )
    .usage("ERR_CLI_USAGE");
    assert!(message.contains("standard input"), "{message}");
}

#[test]
fn rejections() {
    let dir = temp_dir("rejections");
    let key = gen_key(&dir, "k.jwk", &["--alg", "ES256"]);
    let public = public_of(&dir, "k.pub.jwk", &key);
    let other = public_of(
        &dir,
        "o.pub.jwk",
        &gen_key(&dir, "o.jwk", &["--alg", "ES256"]),
    );
    let hmac = gen_key(&dir, "h.jwk", &["--kty", "oct"]);
    let token = jose(&["jws", "sign", "--key", &key], b"x").line();
    let verify = |key: &str, algs: &str, token: &str| {
        jose(&["jws", "verify", "--key", key, "--alg", algs, token], b"")
    };

    verify(&other, "ES256", &token).rejected("ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
    let message = verify(&public, "ES384,EdDSA", &token).rejected("ERR_JOSE_ALG_NOT_ALLOWED");
    assert_eq!(
        message,
        "algorithm ES256 not in the allowed list [ES384, EdDSA]"
    );
    verify(&hmac, "ES256", &token).rejected("ERR_KEY_ALG_MISMATCH");
    verify(&public, "ES256", "not-a-token").rejected("ERR_JWS_INVALID");
    verify(&public, "ES256", &format!("{token}.x")).rejected("ERR_JWS_INVALID");
    let unsecured = "eyJhbGciOiJub25lIn0.eA.";
    verify(&public, "ES256", unsecured).rejected("ERR_JOSE_ALG_NOT_ALLOWED");
    let message = verify(&public, "none", unsecured).usage("ERR_CLI_USAGE");
    assert!(
        message.contains("\"none\"") && message.contains("never accepted"),
        "{message}"
    );

    // Signing.
    jose(&["jws", "sign", "--key", &public], b"x").rejected("ERR_KEY_ALG_MISMATCH");
    jose(&["jws", "sign", "--key", &key, "--alg", "RS256"], b"x").rejected("ERR_KEY_ALG_MISMATCH");
    jose(
        &[
            "jws",
            "sign",
            "--key",
            &key,
            "--header",
            r#"{"alg":"none"}"#,
        ],
        b"x",
    )
    .rejected("ERR_JWS_INVALID");
    jose(&["jws", "sign", "--key", &key, "--header", "[1]"], b"x").usage("ERR_CLI_USAGE");
    jose(
        &["jws", "sign", "--key", &key, "--header", r#"{"a":1,"a":2}"#],
        b"x",
    )
    .usage("ERR_CLI_USAGE");
    jose(&["jws", "sign", "--key", &key, "--key", &hmac], b"x").usage("ERR_CLI_USAGE");
    jose(
        &[
            "jws", "sign", "--key", &key, "--key", &hmac, "--alg", "ES256", "--alg", "HS256",
            "--alg", "HS384", "--json", "general",
        ],
        b"x",
    )
    .usage("ERR_CLI_USAGE");
    jose(&["jws", "sign", "--key", &key, "--unprotected", "{}"], b"x").usage("ERR_CLI_USAGE");
    jose(&["jws", "sign", "--key", &key, "--json", "compact"], b"x").usage("ERR_CLI_USAGE");
    jose(&["jws", "sign", "--alg", "ES256"], b"x").usage("ERR_CLI_USAGE");
    let missing = dir.join("missing.jwk");
    jose(&["jws", "sign", "--key", missing.to_str().unwrap()], b"x").usage("ERR_CLI_IO");
    jose(&["jws", "verify", "--key", &public, &token], b"").usage("ERR_CLI_USAGE");
    jose(
        &[
            "jws",
            "verify",
            "--key",
            &public,
            "--alg",
            "ES256",
            "--all-signatures",
            &token,
        ],
        b"",
    )
    .usage("ERR_CLI_USAGE");
    jose(
        &["jws", "verify", "--key", &public, "--alg", "ES256"],
        b"  \n",
    )
    .usage("ERR_CLI_USAGE");
}
