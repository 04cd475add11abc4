//! `jose jwt inspect` end to end: headers and claims decoded without verification, times in
//! RFC 3339 UTC and relative to now, and malformed tokens.
#![cfg(test)]

mod common;

use std::time::{SystemTime, UNIX_EPOCH};

use common::{gen_key, jose, temp_dir};
use jose_b64::base64url;
use jose_b64::serde_json::{self, Value};

fn token(header: &str, payload: &str) -> String {
    format!(
        "{}.{}.c2ln",
        base64url::encode(header),
        base64url::encode(payload)
    )
}

fn now() -> i64 {
    i64::try_from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs(),
    )
    .unwrap()
}

#[test]
fn shows_header_claims_and_times() {
    // RFC 7519 §3.1: "exp":1300819380 is 2011-03-22T18:43:00Z; 4102444800 is 2100-01-01.
    let t = token(
        r#"{"alg":"HS256","typ":"JWT"}"#,
        r#"{"iss":"joe","iat":1300819380,"exp":4102444800}"#,
    );
    let text = jose(&["jwt", "inspect", &t], b"").ok();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("UNVERIFIED JWS: "), "{text}");
    assert!(text.contains("\"typ\": \"JWT\""), "{text}");
    assert!(text.contains("\"iss\": \"joe\""), "{text}");
    assert!(text.contains("\niat: 2011-03-22T18:43:00Z ("), "{text}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("iat: ") && l.ends_with(" ago)")),
        "{text}"
    );
    assert!(text.contains("\nexp: 2100-01-01T00:00:00Z (in "), "{text}");
    assert!(
        text.contains("\ntime: within its validity period (leeway 0s)"),
        "{text}"
    );

    // The same from standard input, as JSON.
    let out = jose(&["jwt", "inspect", "--json"], format!("{t}\n").as_bytes()).ok();
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["unverified"], true);
    assert_eq!(json["type"], "JWS");
    assert_eq!(json["header"]["alg"], "HS256");
    assert_eq!(json["claims"]["iss"], "joe");
    assert_eq!(json["times"]["iat"]["utc"], "2011-03-22T18:43:00Z");
    assert_eq!(json["times"]["exp"]["value"], 4_102_444_800_i64);
    assert!(
        json["times"]["exp"]["relative"]
            .as_str()
            .unwrap()
            .starts_with("in ")
    );
    assert_eq!(json["time_status"], "current");
}

#[test]
fn judges_expiry_with_leeway() {
    let expired = token(
        r#"{"alg":"ES256"}"#,
        &format!(r#"{{"exp":{}}}"#, now() - 10),
    );
    let text = jose(&["jwt", "inspect", &expired], b"").ok();
    assert!(text.contains("\ntime: EXPIRED (leeway 0s)"), "{text}");
    assert!(text.contains(" seconds ago)"), "{text}");
    let text = jose(&["jwt", "inspect", "--leeway", "1m", &expired], b"").ok();
    assert!(
        text.contains("\ntime: within its validity period (leeway 1m)"),
        "{text}"
    );

    let early = token(r#"{"alg":"ES256"}"#, r#"{"nbf":4102444800}"#);
    let json: Value =
        serde_json::from_str(&jose(&["jwt", "inspect", "--json", &early], b"").ok()).unwrap();
    assert_eq!(json["time_status"], "not_yet_valid");

    let wrong = token(r#"{"alg":"ES256"}"#, r#"{"exp":"2100-01-01"}"#);
    let text = jose(&["jwt", "inspect", &wrong], b"").ok();
    assert!(
        text.contains("exp: \"2100-01-01\" is not a NumericDate"),
        "{text}"
    );
    assert!(text.contains("time: INVALID"), "{text}");

    jose(&["jwt", "inspect", "--leeway", "5x", &wrong], b"").usage("ERR_CLI_USAGE");
}

#[test]
fn tokens_made_by_the_tool() {
    let dir = temp_dir("made");
    let key = gen_key(&dir, "k.jwk", &["--alg", "ES256", "--kid", "k1"]);
    let jws = jose(
        &["jws", "sign", "--key", &key, "--typ", "JWT"],
        br#"{"sub":"alice"}"#,
    )
    .line();
    let json: Value =
        serde_json::from_str(&jose(&["jwt", "inspect", "--json", &jws], b"").ok()).unwrap();
    assert_eq!(json["header"]["kid"], "k1");
    assert_eq!(json["claims"]["sub"], "alice");
    assert!(json.get("time_status").is_none());

    let kek = gen_key(&dir, "kek.jwk", &["--alg", "A256KW", "--kid", "w"]);
    let jwe = jose(&["jwe", "encrypt", "--key", &kek], br#"{"sub":"alice"}"#).line();
    let text = jose(&["jwt", "inspect", &jwe], b"").ok();
    assert!(text.starts_with("UNVERIFIED JWE: "), "{text}");
    assert!(text.contains("\"enc\": \"A256GCM\""), "{text}");
    assert!(!text.contains("alice"), "{text}");
    let json: Value =
        serde_json::from_str(&jose(&["jwt", "inspect", "--json", &jwe], b"").ok()).unwrap();
    assert_eq!(json["type"], "JWE");
    assert!(json.get("claims").is_none());

    let text = jose(
        &["jwt", "inspect", &token(r#"{"alg":"HS256"}"#, "plain")],
        b"",
    )
    .ok();
    assert!(
        text.ends_with("payload (not a JSON object):\nplain\n"),
        "{text}"
    );
}

#[test]
fn malformed_tokens_are_rejected() {
    let message = jose(&["jwt", "inspect", "abc"], b"").rejected("ERR_JWT_INVALID");
    assert!(message.contains("3 parts"), "{message}");
    jose(&["jwt", "inspect", "a.b.c.d"], b"").rejected("ERR_JWT_INVALID");
    jose(&["jwt", "inspect", r#"{"payload":"x"}"#], b"").rejected("ERR_JWT_INVALID");
    let message = jose(&["jwt", "inspect", "e30=.e30.x"], b"").rejected("ERR_BASE64URL_INVALID");
    assert!(message.starts_with("the token's header: "), "{message}");
    jose(&["jwt", "inspect", &token("[]", "{}")], b"").rejected("ERR_JSON_NOT_OBJECT");
    jose(
        &["jwt", "inspect", &token(r#"{"alg":"a","alg":"b"}"#, "{}")],
        b"",
    )
    .rejected("ERR_JSON_DUPLICATE_MEMBER");
    jose(&["jwt", "inspect", "e30.!!.x"], b"").rejected("ERR_BASE64URL_INVALID");
    jose(&["jwt", "inspect"], b"").usage("ERR_CLI_USAGE");
    jose(&["jwt", "inspect"], &[0xff, 0xfe]).rejected("ERR_CLI_TOKEN_MALFORMED");
}
