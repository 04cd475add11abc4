//! Runs every RFC conformance case under `cargo test`.

use jose_tests::{Outcome, Summary};

#[test]
fn every_rfc_case_passes_or_is_pending() {
    let results = jose_tests::run_all().expect("vectors load");
    let failures: Vec<String> = results
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Failed(_)))
        .map(ToString::to_string)
        .collect();
    let summary = Summary::of(&results);
    println!("{summary}");
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(summary.passed > 0, "no case ran");
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
