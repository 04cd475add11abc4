// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
use jose_b64::serde_json::{Map, Value};

use serde::de::IgnoredAny;

use super::*;

fn read(json: &str) -> Result<RegisteredClaims, Error> {
    registered(json.as_bytes(), &[])
}

fn claim_error(json: &str) -> (String, String) {
    match read(json).unwrap_err() {
        Error::InvalidClaim { claim, reason } => (claim.to_owned(), reason),
        other => panic!("{json}: {other:?}"),
    }
}

#[test]
fn reads_every_registered_claim() {
    let claims = read(
        r#"{"iss":"joe","sub":"s","aud":["a","b"],"exp":1300819380,"nbf":1.5,"iat":0,
            "jti":"j\u00e9","x":{"nested":[1,{"y":null}]}}"#,
    )
    .unwrap();
    assert_eq!(claims.issuer(), Some("joe"));
    assert_eq!(claims.subject(), Some("s"));
    assert_eq!(claims.audience().unwrap().to_vec(), ["a", "b"]);
    assert_eq!(claims.expires_at().unwrap().secs(), 1_300_819_380);
    assert_eq!(claims.not_before().unwrap().since_epoch().as_millis(), 1500);
    assert_eq!(claims.issued_at().unwrap().secs(), 0);
    assert_eq!(claims.jwt_id(), Some("jé"));
    let single = read(r#"{"aud":"a"}"#).unwrap();
    assert!(!single.audience().unwrap().is_array());
    assert_eq!(read("{}").unwrap(), RegisteredClaims::default());
}

#[test]
fn wrong_types_make_the_token_invalid() {
    for (json, claim, words) in [
        (r#"{"exp":"9999999999"}"#, "exp", "found a string"),
        (r#"{"exp":"0"}"#, "exp", "found a string"),
        (r#"{"exp":true}"#, "exp", "found a boolean"),
        (r#"{"exp":null}"#, "exp", "found null"),
        (r#"{"exp":[1]}"#, "exp", "found an array"),
        (r#"{"exp":{}}"#, "exp", "found an object"),
        (r#"{"exp":-1}"#, "exp", "negative"),
        (r#"{"exp":-9223372036854775808}"#, "exp", "negative"),
        (r#"{"exp":18446744073709551615}"#, "exp", "9999"),
        (r#"{"exp":18446744073709551616}"#, "exp", "9999"),
        (r#"{"exp":1.7976931348623157e308}"#, "exp", "9999"),
        (r#"{"exp":253402300800}"#, "exp", "9999"),
        (r#"{"nbf":"2099-01-01T00:00:00Z"}"#, "nbf", "found a string"),
        (r#"{"iat":-1}"#, "iat", "negative"),
        (r#"{"iss":1}"#, "iss", "must be a string"),
        (
            r#"{"iss":["evil","https://issuer"]}"#,
            "iss",
            "found an array",
        ),
        (r#"{"sub":null}"#, "sub", "must be a string"),
        (r#"{"jti":7}"#, "jti", "must be a string"),
        (r#"{"aud":[]}"#, "aud", "empty array"),
        (r#"{"aud":""}"#, "aud", "empty string"),
        (r#"{"aud":["a",""]}"#, "aud", "empty string"),
        (r#"{"aud":["a",1]}"#, "aud", "holding a number"),
        (r#"{"aud":[["a"]]}"#, "aud", "holding an array"),
        (r#"{"aud":{"0":"api"}}"#, "aud", "found an object"),
        (r#"{"aud":null}"#, "aud", "found null"),
        (r#"{"aud":1}"#, "aud", "found a number"),
    ] {
        let (found, reason) = claim_error(json);
        assert_eq!(found, claim, "{json}");
        assert!(reason.contains(words), "{json}: {reason}");
    }
}

#[test]
fn numbers_serde_json_cannot_represent_are_invalid() {
    for json in [r#"{"exp":1e400}"#, r#"{"nbf":1e400}"#, r#"{"exp":-1e400}"#] {
        let e = read(json).unwrap_err();
        assert_eq!(e.code(), "ERR_JWT_INVALID", "{json}: {e}");
    }
}

#[test]
fn the_claims_set_must_be_a_strict_object() {
    for (json, code) in [
        ("[]", "ERR_JSON_NOT_OBJECT"),
        ("null", "ERR_JSON_NOT_OBJECT"),
        ("1", "ERR_JSON_NOT_OBJECT"),
        ("\"\"", "ERR_JSON_NOT_OBJECT"),
        ("", "ERR_JSON_SYNTAX"),
        (r#"{"exp":1,"exp":2}"#, "ERR_JSON_DUPLICATE_MEMBER"),
        (r#"{"exp":1,"\u0065xp":2}"#, "ERR_JSON_DUPLICATE_MEMBER"),
        (r#"{"x":{"a":1,"a":2}}"#, "ERR_JSON_DUPLICATE_MEMBER"),
        (r#"{"x":1} x"#, "ERR_JSON_SYNTAX"),
        ("{\"x\":\"\\ud800\"}", "ERR_JSON_SYNTAX"),
    ] {
        match read(json).unwrap_err() {
            Error::ClaimsSet(e) => assert_eq!(e.code(), code, "{json}"),
            other => panic!("{json}: {other:?}"),
        }
    }
    let deep = format!("{{\"a\":{}1{}}}", "[".repeat(40), "]".repeat(40));
    assert!(matches!(
        read(&deep).unwrap_err(),
        Error::ClaimsSet(jose_b64::Error::TooDeep { .. })
    ));
    // Invalid UTF-8, outside strings or inside (where no escape can hide it).
    for bytes in [
        &[0xff, b'{', b'}'][..],
        b"{\"a\":\"\xc0\xaf\"}",
        b"{\"\xed\xa0\x80\":1}",
        b"{\"exp\":1,\"x\":\"\xfe\"}",
    ] {
        let e = registered(bytes, &[]).unwrap_err();
        assert!(matches!(e, Error::ClaimsSet(_)), "{bytes:?}: {e:?}");
        let e = decode::<Map<String, Value>>(bytes, &[]).unwrap_err();
        assert!(matches!(e, Error::ClaimsSet(_)), "{bytes:?}: {e:?}");
    }
}

#[test]
fn required_claims_must_be_present() {
    let required = vec!["role".to_owned(), "sub".to_owned()];
    let ok = registered(br#"{"sub":"s","role":"admin"}"#, &required).unwrap();
    assert_eq!(ok.subject(), Some("s"));
    match registered(br#"{"sub":"s"}"#, &required).unwrap_err() {
        Error::MissingClaim { claim } => assert_eq!(claim, "role"),
        other => panic!("{other:?}"),
    }
    match registered(br#"{"role":1}"#, &required).unwrap_err() {
        Error::MissingClaim { claim } => assert_eq!(claim, "sub"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn application_types() {
    #[derive(Debug, serde::Deserialize)]
    struct Mine {
        role: String,
        exp: u64,
    }
    let (registered, mine) = decode::<Mine>(br#"{"role":"admin","exp":5,"sub":"s"}"#, &[]).unwrap();
    assert_eq!((mine.role.as_str(), mine.exp), ("admin", 5));
    assert_eq!(registered.subject(), Some("s"));

    let (_, map) = decode::<Map<String, Value>>(br#"{"a":[1,2]}"#, &[]).unwrap();
    assert_eq!(map["a"][1], 2);

    match decode::<Mine>(br#"{"exp":5}"#, &[]).unwrap_err() {
        Error::CustomClaims { reason } => assert!(reason.contains("missing field `role`")),
        other => panic!("{other:?}"),
    }
    // A value of the wrong type is not quoted (it may have been encrypted).
    match decode::<Mine>(br#"{"exp":5,"role":["s3cr3t"]}"#, &[]).unwrap_err() {
        Error::CustomClaims { reason } => {
            assert!(
                !reason.contains("s3cr3t") && reason.contains("line 1"),
                "{reason}"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn escaped_strings_are_read() {
    let claims = read(r#"{"iss":"a\"b\\c","aud":["\u0041"]}"#).unwrap();
    assert_eq!(claims.issuer(), Some("a\"b\\c"));
    assert!(claims.audience().unwrap().contains("A"));
}

#[test]
fn the_application_type_sees_registered_claims_as_serde_json_would() {
    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Mine {
        sub: Option<String>,
        aud: Vec<String>,
        exp: NumericDate,
        iat: Option<Wrapped>,
        #[serde(rename = "n\u{e9}")]
        escaped: u8,
        nbf: f64,
    }
    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Wrapped(u64);
    let json = br#"{"sub":"s","aud":["a","b"],"exp":5,"iat":6,"n\u00e9":7,"nbf":1.5,"iss":"x\ny"}"#;
    let (registered, mine) = decode::<Mine>(json, &[]).unwrap();
    assert_eq!(
        mine,
        Mine {
            sub: Some("s".into()),
            aud: vec!["a".into(), "b".into()],
            exp: NumericDate::from_secs(5).unwrap(),
            iat: Some(Wrapped(6)),
            escaped: 7,
            nbf: 1.5,
        }
    );
    assert_eq!(registered.issuer(), Some("x\ny"));
    let (_, map) = decode::<Map<String, Value>>(json, &[]).unwrap();
    assert_eq!(
        Value::Object(map),
        serde_json::from_slice::<Value>(json).unwrap()
    );
}

#[test]
fn one_pass_and_full_walk_agree() {
    // Inputs that take the single pass, and inputs that need the strict walk first: the
    // outcome is the strict parser's.
    let many: String = (0..40).map(|i| format!("\"m{i}\":{i},")).collect();
    let cases = [
        r#"{"a":1}"#.to_owned(),
        r#"{"a":"{"}"#.to_owned(),
        r#"{"a":{"b":1}}"#.to_owned(),
        r#"{"a":{"b":1,"b":2}}"#.to_owned(),
        r#"{"a":[{"b":1,"b":2}]}"#.to_owned(),
        r#"{"a":"\ud800"}"#.to_owned(),
        r#"{"a":"\uD834\uDD1E"}"#.to_owned(),
        r#"{"a":"\\ud800"}"#.to_owned(),
        format!("{{{many}\"m0\":1}}"),
        format!("{{{many}\"z\":1}}"),
        format!("{{\"a\":{}1{}}}", "[".repeat(30), "]".repeat(30)),
        format!("{{\"a\":{}1{}}}", "[".repeat(31), "]".repeat(31)),
        format!("{{\"a\":{}1{}}}", "[".repeat(32), "]".repeat(32)),
        "{\"a\":1}\u{feff}".to_owned(),
        "\u{feff}{\"a\":1}".to_owned(),
        r#"{"a":1,}"#.to_owned(),
        r#"{"a" 1}"#.to_owned(),
        r#"{"a":1}}"#.to_owned(),
    ];
    for json in &cases {
        let strict = CLAIMS_LIMITS.parse_object_map(json.as_bytes()).is_ok();
        for result in [
            decode::<IgnoredAny>(json.as_bytes(), &[]).map(|_| ()),
            decode::<Map<String, Value>>(json.as_bytes(), &[]).map(|_| ()),
        ] {
            assert_eq!(result.is_ok(), strict, "{json}: {result:?}");
        }
    }
    assert!(!may_nest(br#"{"a":[1,[2]],"b":"x"}"#));
    assert!(may_nest(br#"{"a":{}}"#));
    assert!(may_nest(br#"{"a":"\uDc00"}"#));
    assert!(!may_nest(br#"{"a":"\u00e9\/"}"#));
}

#[test]
fn counts_bytes_across_chunks() {
    let bytes = vec![b'{'; 1000];
    assert_eq!(count(&bytes, b'{'), 1000);
    assert_eq!(count(&bytes, b'['), 0);
    assert_eq!(count(b"", b'{'), 0);
}
