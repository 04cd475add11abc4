//! Runs every RFC conformance case under `cargo test`.

use jose_tests::{Outcome, Summary};

#[test]
fn every_rfc_case_passes() {
    let results = jose_tests::run_all().expect("vectors load");
    // A pending case is not passed: it fails the run as a failed one does.
    let not_passed: Vec<String> = results
        .iter()
        .filter(|r| !matches!(r.outcome, Outcome::Passed))
        .map(ToString::to_string)
        .collect();
    let summary = Summary::of(&results);
    println!("{summary}");
    assert!(
        not_passed.is_empty(),
        "{} not passed:\n{}",
        not_passed.len(),
        not_passed.join("\n")
    );
    assert!(summary.passed > 0, "no case ran");
    assert!(summary.all_passed());
}

#[test]
fn a_pending_case_is_not_passed() {
    let mut case = case("rfc7638-3.1-thumbprint");
    case.pending = Some("the code does not exist yet".into());
    let results = [jose_tests::run(&case)];
    assert!(matches!(results[0].outcome, Outcome::Pending(_)));
    let summary = Summary::of(&results);
    assert!(!summary.all_passed());
    assert!(
        summary.to_string().contains("1 pending (not passed)"),
        "{summary}"
    );
}

#[test]
fn an_unknown_or_missing_member_fails() {
    // A misspelt expectation is an unknown member, not a skipped check.
    let good = case("rfc7520-4.4-hs256-compact");
    let mut c = good.clone();
    let protected = c
        .expect
        .as_object_mut()
        .unwrap()
        .remove("protected")
        .unwrap();
    assert!(fails(&c), "without its required protected header");
    c.expect["protectd"] = protected;
    assert!(fails(&c), "with a misspelt member");
    let mut c = good;
    c.input["detatched"] = true.into();
    assert!(fails(&c), "with an unknown input member");
    // One per kind that had an optional expectation before: each is required now.
    for (id, member) in [
        ("rfc7518-c-ecdh-es-key-agreement", "epk"),
        ("rfc7517-a.1-ec-p256-public", "thumbprint_sha256"),
        ("rfc7638-3.1-thumbprint", "canonical_json"),
    ] {
        let mut c = case(id);
        assert!(!fails(&c), "{id}");
        c.expect.as_object_mut().unwrap().remove(member).unwrap();
        assert!(fails(&c), "{id} without {member}");
    }
    // Inside a JWK Set's expected keys too.
    let mut c = case("rfc7517-a.1-public-keys");
    c.expect["keys"][0]["kdi"] = "1".into();
    assert!(fails(&c));
}

#[test]
fn an_unknown_kind_fails() {
    let case = jose_tests::Case {
        id: "x".into(),
        section: "none".into(),
        description: String::new(),
        kind: "no-such-kind".into(),
        input: serde_json::json!({}),
        expect: serde_json::json!({}),
        pending: None,
    };
    assert!(matches!(jose_tests::run(&case).outcome, Outcome::Failed(_)));
}

#[test]
fn a_wrong_expectation_fails() {
    let mut case = jose_tests::load(&jose_tests::vectors_dir())
        .unwrap()
        .into_iter()
        .find(|c| c.id == "rfc7638-3.1-thumbprint")
        .unwrap();
    case.expect["thumbprint"] = "AAAA".into();
    assert!(matches!(jose_tests::run(&case).outcome, Outcome::Failed(_)));
}

fn case(id: &str) -> jose_tests::Case {
    jose_tests::load(&jose_tests::vectors_dir())
        .unwrap()
        .into_iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no case {id}"))
}

fn fails(case: &jose_tests::Case) -> bool {
    matches!(jose_tests::run(case).outcome, Outcome::Failed(_))
}

#[test]
fn a_wrong_jws_expectation_fails() {
    // A wrong payload, protected header or signature in a compact case.
    let good = case("rfc7520-4.4-hs256-compact");
    assert!(!fails(&good));
    let mut c = good.clone();
    c.expect["payload"] = "It's a dangerous business".into();
    assert!(fails(&c));
    let mut c = good.clone();
    c.expect["protected"]["kid"] = "someone-else".into();
    assert!(fails(&c));
    let mut c = good.clone();
    let token = c.input["token"].as_str().unwrap().replace(".s0h6", ".s0h7");
    c.input["token"] = token.into();
    assert!(fails(&c));

    // Sign-and-compare catches a header that differs from the one that was signed.
    let mut c = case("rfc7515-a.1-hs256-compact");
    c.input["protected_b64"] = "eyJhbGciOiJIUzI1NiJ9".into();
    assert!(fails(&c));

    // A JSON case whose last signature is wrong (every signature must verify), that needs an
    // option it was not given, or whose protected header is not the one that was signed.
    let good = case("rfc7520-4.8-multiple-signatures-general");
    assert!(!fails(&good));
    let mut c = good.clone();
    c.input["json"]["signatures"][2]["signature"] =
        "s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p1".into();
    assert!(fails(&c));
    let mut c = good;
    c.input["options"]["allow_unprotected_alg"] = false.into();
    assert!(fails(&c));
    let mut c = case("rfc7520-4.6-protected-alg-only-flattened");
    c.input["json"]["protected"] =
        "eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9".into();
    assert!(fails(&c));

    // A rejection with another error code, and a JWS that is accepted.
    let mut c = case("rfc7515-a.5-unsecured-rejected");
    c.expect["error_code"] = "ERR_JWS_INVALID".into();
    assert!(fails(&c));
    let mut c = case("rfc7520-4.7-unprotected-alg-rejected");
    c.input["options"] = serde_json::json!({"allow_unprotected_alg": true});
    assert!(fails(&c));
}

#[test]
fn a_wrong_jwt_expectation_fails() {
    // jwt-verify: other claims, another protected header, a token that does not verify.
    let good = case("rfc7519-3.1-hs256-jwt");
    assert!(!fails(&good));
    let mut c = good.clone();
    c.expect["claims"]["iss"] = "someone-else".into();
    assert!(fails(&c));
    let mut c = good.clone();
    c.expect["protected"]["typ"] = "at+jwt".into();
    assert!(fails(&c));
    let mut c = good.clone();
    c.input["now"] = (c.expect["claims"]["exp"].as_u64().unwrap() + 1).into();
    assert!(fails(&c), "an expired token");

    // jwt-reject: another error code, or a token that verifies.
    let reject = case("rfc7519-6.1-unsecured-rejected");
    assert!(!fails(&reject));
    let mut c = reject.clone();
    c.expect["error_code"] = "ERR_JWS_INVALID".into();
    assert!(fails(&c));
    let mut c = reject;
    c.input["token"] = good.input["token"].clone();
    c.input["jwk"] = good.input["jwk"].clone();
    c.input["alg"] = good.input["alg"].clone();
    c.input["now"] = good.input["now"].clone();
    assert!(fails(&c), "a valid JWT in a jwt-reject case");

    // jwt-decrypt: other claims, another header.
    let good = case("rfc7519-a.1-encrypted-jwt");
    assert!(!fails(&good));
    let mut c = good.clone();
    c.expect["claims"]["iss"] = "someone-else".into();
    assert!(fails(&c));
    let mut c = good;
    c.expect["protected"]["enc"] = "A256GCM".into();
    assert!(fails(&c));

    // jwt-nested: other claims, another outer header, another inner algorithm.
    for id in [
        "rfc7519-a.2-nested-jwt",
        "rfc7520-6-nested-ps256-rsa-oaep-a128gcm",
    ] {
        let good = case(id);
        assert!(!fails(&good), "{id}");
        let mut c = good.clone();
        c.expect["claims"]["iss"] = "someone-else".into();
        assert!(fails(&c));
        let mut c = good.clone();
        c.expect["outer_protected"]["cty"] = "JOSE".into();
        assert!(fails(&c));
        let mut c = good;
        c.input["jws_alg"] = "RS384".into();
        assert!(fails(&c));
    }
}

#[test]
fn a_wrong_jwk_expectation_fails() {
    let good = case("rfc7517-a.2-ec-p256-private");
    assert!(!fails(&good));
    for (member, value) in [
        ("kty", serde_json::json!("RSA")),
        ("crv", serde_json::json!("P-384")),
        ("kid", serde_json::json!("2")),
        ("private", serde_json::json!(false)),
        ("thumbprint_sha256", serde_json::json!("AAAA")),
    ] {
        let mut c = good.clone();
        c.expect[member] = value;
        assert!(fails(&c), "{member}");
    }
    // A public JWK with a private member, or without one of its members.
    let mut c = good.clone();
    c.expect["public"]["d"] = good.input["jwk"]["d"].clone();
    assert!(fails(&c));
    let mut c = good;
    c.expect.as_object_mut().unwrap().remove("public");
    assert!(fails(&c), "a private key without its expected public part");
}

#[test]
fn a_wrong_jwk_set_expectation_fails() {
    let good = case("rfc7517-a.1-public-keys");
    assert!(!fails(&good));
    let mut c = good.clone();
    c.expect["keys"].as_array_mut().unwrap().pop();
    assert!(fails(&c), "one key fewer");
    let mut c = good.clone();
    c.expect["keys"][1]["kty"] = "EC".into();
    assert!(fails(&c));
    let mut c = good.clone();
    c.expect["keys"][0]["kid"] = "2".into();
    assert!(fails(&c));
    let mut c = good;
    c.expect["keys"][0]["private"] = true.into();
    assert!(fails(&c));
}
