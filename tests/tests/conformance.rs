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
