// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
//! The flat-header path and the general path agree on every token.

use jose_b64::base64url;
use proptest::prelude::*;

use super::verify as flat_verify;
use crate::compact::UnverifiedCompactJws;
use crate::{Error, JwsAlgorithm, Limits, SigningKey, VerifiedJws, Verifier, VerifyingKey};

fn key() -> SigningKey {
    SigningKey::hmac(&[5u8; 32], JwsAlgorithm::HS256)
        .unwrap()
        .with_kid("k1")
}

/// A token over `header_json` and `payload`, signed with [`key`] whatever the header says.
fn token(header_json: &str, payload: &[u8]) -> String {
    let mut input = base64url::encode(header_json);
    input.push('.');
    base64url::encode_to(payload, &mut input);
    let signature = key().sign(input.as_bytes()).unwrap();
    format!("{input}.{}", base64url::encode(signature))
}

fn general(verifier: &Verifier, token: &str, keys: &[VerifyingKey]) -> Result<VerifiedJws, Error> {
    UnverifiedCompactJws::parse_with(token, verifier.limits())?.verify(verifier, keys)
}

/// Both paths agree; returns whether the flat path took the token.
fn agree(verifier: &Verifier, token: &str) -> bool {
    let keys = vec![key().verifying_key().clone()];
    let expected = general(verifier, token, &keys);
    let Some(flat) = flat_verify(verifier, token, keys.as_slice()) else {
        return false;
    };
    match (&flat, &expected) {
        (Ok(f), Ok(g)) => {
            assert_eq!(f.payload(), g.payload(), "{token}");
            assert_eq!(f.alg(), g.alg());
            assert_eq!(f.kid(), g.kid());
            assert_eq!(f.protected_header(), g.protected_header(), "{token}");
            assert_eq!(f.header_param("typ"), g.header_param("typ"));
        }
        (f, g) => assert_eq!(f.as_ref().err(), g.as_ref().err(), "{token}"),
    }
    true
}

const HEADERS: &[&str] = &[
    r#"{"alg":"HS256"}"#,
    r#"{"alg":"HS256","typ":"JWT"}"#,
    r#"{"typ":"JWT","alg":"HS256","kid":"k1"}"#,
    r#"{"alg":"HS256","kid":"k2"}"#,
    r#"{"alg":"HS384"}"#,
    r#"{"alg":"none"}"#,
    r#"{"alg":"nOnE"}"#,
    r#"{"alg":"XS256"}"#,
    r#"{"alg":""}"#,
    r#"{"typ":"JWT"}"#,
    r#"{}"#,
    r#"{"alg":"HS256","alg":"none"}"#,
    r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#,
    r#"{"alg":"HS256","crit":["exp"],"exp":1}"#,
    r#"{"alg":"HS256","jwk":{"kty":"oct"}}"#,
    r#"{"alg":"HS256","kid":7}"#,
    r#" { "alg" : "HS256" } "#,
    "{\"alg\":\"HS256\",\"kid\":\"k\u{e9}\"}",
];

#[test]
fn the_common_token_takes_the_flat_path_and_verifies() {
    let verifier = Verifier::new([JwsAlgorithm::HS256]).unwrap();
    let t = token(
        r#"{"alg":"HS256","typ":"JWT","kid":"k1"}"#,
        b"{\"sub\":\"a\"}",
    );
    assert!(agree(&verifier, &t));
    let verified = verifier.verify_compact(&t, key().verifying_key()).unwrap();
    assert_eq!(verified.payload(), b"{\"sub\":\"a\"}");
    assert_eq!(verified.protected_header()["typ"], "JWT");
    assert_eq!(verified.kid(), Some("k1"));
}

#[test]
fn every_listed_header_agrees_with_every_verifier() {
    let verifiers = [
        Verifier::new([JwsAlgorithm::HS256]).unwrap(),
        Verifier::new([JwsAlgorithm::HS384, JwsAlgorithm::ES256]).unwrap(),
        Verifier::new([JwsAlgorithm::HS256])
            .unwrap()
            .with_limits(Limits {
                max_header_len: 10,
                ..Limits::DEFAULT
            }),
        Verifier::new([JwsAlgorithm::HS256])
            .unwrap()
            .with_limits(Limits {
                max_token_len: 20,
                ..Limits::DEFAULT
            }),
    ];
    let mut flat = 0;
    for verifier in &verifiers {
        for header in HEADERS {
            for payload in [&b""[..], b"{}", b"a.b", &[0xff; 40]] {
                flat += usize::from(agree(verifier, &token(header, payload)));
            }
        }
    }
    assert!(flat > 20, "the flat path took only {flat} tokens");
}

#[test]
fn the_flat_path_declines_what_it_does_not_read() {
    let verifier = Verifier::new([JwsAlgorithm::HS256]).unwrap();
    let keys = vec![key().verifying_key().clone()];
    let good = token(r#"{"alg":"HS256"}"#, b"x");
    for t in [
        token(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#, b"x"),
        token(r#"{"alg":"HS256","x":1}"#, b"x"),
        token(
            &format!(r#"{{"alg":"HS256","x":"{}"}}"#, "a".repeat(300)),
            b"x",
        ),
        format!("{good}.x"),
        good.replacen('.', "..", 1),
        format!("{good}="),
        format!("A{good}"),
    ] {
        assert!(flat_verify(&verifier, &t, keys.as_slice()).is_none(), "{t}");
        assert!(!agree(&verifier, &t));
    }
}

proptest! {
    /// Any corruption of a token: both paths agree (or the flat one declines).
    #[test]
    fn corrupted_tokens_agree(
        header in 0..HEADERS.len(),
        payload in proptest::collection::vec(any::<u8>(), 0..40),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), prop::sample::select(&b"A_-.=/+ e\"{}"[..])), 0..3),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let verifier = Verifier::new([JwsAlgorithm::HS256]).unwrap();
        let mut t = token(HEADERS[header], &payload).into_bytes();
        for (at, byte) in edits {
            let i = at.index(t.len());
            t[i] = byte;
        }
        if truncate {
            t.truncate(cut.index(t.len() + 1));
        }
        let t = String::from_utf8(t).unwrap();
        agree(&verifier, &t);
    }
}
