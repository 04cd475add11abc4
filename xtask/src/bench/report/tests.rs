// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.

use super::*;

fn machine() -> Machine {
    Machine {
        cpu: "Test CPU".into(),
        cores: 2,
        os: "Linux".into(),
        rustc: "rustc 1.95.0".into(),
        date: "2026-01-01".into(),
        processes: 2,
        quick: false,
    }
}

fn op(workload: &str, contender: &str, ns: f64, vs: &[(&str, f64)]) -> String {
    let vs: serde_json::Map<String, Value> = vs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), serde_json::json!(v)))
        .collect();
    serde_json::json!({
        "kind": "op", "group": "jwt", "workload": workload, "contender": contender,
        "ns": ns, "vs": vs,
    })
    .to_string()
}

/// One process: jose-rs at `jose_ns`, jsonwebtoken at twice that, the floors below.
fn process(jose_ns: f64, claims_ratio: f64) -> String {
    let meta = r#"{"kind":"meta","rounds":15,"batch_ms":30,"accepted":10,"refused":4}"#;
    [
        meta.to_owned(),
        op("HS256 verify", "jose-rs", jose_ns, &[("jose-rs", 1.0), ("floor+claims", claims_ratio)]),
        op("HS256 verify", "jsonwebtoken", 2.0 * jose_ns, &[("jose-rs", 2.0)]),
        op("HS256 verify", "floor+claims", jose_ns / claims_ratio, &[("jose-rs", 1.0 / claims_ratio)]),
        r#"{"kind":"threads","workload":"HS256 verify","contender":"jose-rs","threads":1,"ops_per_sec":1000.0,"vs":{"jose-rs":1.0}}"#.to_owned(),
        r#"{"kind":"threads","workload":"HS256 verify","contender":"jose-rs","threads":2,"ops_per_sec":1900.0,"vs":{"jose-rs":1.0}}"#.to_owned(),
    ]
    .join("\n")
}

#[test]
fn medians_over_processes_make_the_cells() {
    let runs = vec![
        Run::parse("rust-crypto", &process(1000.0, 1.10)).unwrap(),
        Run::parse("rust-crypto", &process(1200.0, 1.12)).unwrap(),
    ];
    let md = markdown(&runs, &machine(), &["josekit skipped: test".into()], &[]).unwrap();
    // The median of 1000 and 1200 ns, and jsonwebtoken at 2× in both processes.
    assert!(
        md.contains("| HS256 verify | 1.10 µs | 2.20 µs (2.00×) |"),
        "{md}"
    );
    assert!(md.contains("- josekit skipped: test"), "{md}");
    assert!(md.contains("2 processes of 15 rounds"), "{md}");
    // The target row: the median ratio and the per-process range, met (≤ 1.15).
    assert!(
        md.contains(
            "| HS256 JWT verify with validation ≤ 1.15× floor+claims | 1.11 | 1.10–1.12 | yes |"
        ),
        "{md}"
    );
    // A target whose contender never ran says so.
    assert!(
        md.contains("| HS256 JWT sign ≤ 1.15× floor+claims | — (jose-rs not measured)"),
        "{md}"
    );
    // Threads: the speed-up from 1 to 2 threads.
    assert!(
        md.contains("| HS256 verify | jose-rs | 1000 | 1900 | 1.90 | — | 1.00 | yes |"),
        "{md}"
    );
}

#[test]
fn a_missed_target_is_marked() {
    let runs = vec![Run::parse("rust-crypto", &process(1000.0, 1.30)).unwrap()];
    let md = markdown(&runs, &machine(), &[], &[]).unwrap();
    assert!(
        md.contains(
            "| HS256 JWT verify with validation ≤ 1.15× floor+claims | 1.30 | 1.30–1.30 | **no** |"
        ),
        "{md}"
    );
}

#[test]
fn the_aws_lc_build_contributes_only_its_jsonwebtoken_column() {
    let aws = [
        op("HS256 verify", "jose-rs", 5000.0, &[("jose-rs", 1.0)]),
        op(
            "HS256 verify",
            "jsonwebtoken (aws-lc-rs)",
            3000.0,
            &[("jose-rs", 3.0)],
        ),
    ]
    .join("\n");
    let runs = vec![
        Run::parse("rust-crypto", &process(1000.0, 1.10)).unwrap(),
        Run::parse("aws-lc", &aws).unwrap(),
    ];
    let md = markdown(&runs, &machine(), &[], &[]).unwrap();
    // jose-rs keeps the main build's time; the aws-lc column its own ratio.
    assert!(
        md.contains("| HS256 verify | 1.00 µs | 2.00 µs (2.00×) | 3.00 µs (3.00×) |"),
        "{md}"
    );
}

#[test]
fn callgrind_counts_are_shown_above_the_floors() {
    let runs = vec![Run::parse("rust-crypto", &process(1000.0, 1.10)).unwrap()];
    let count = |contender: &str, instructions: f64| Count {
        workload: "HS256 verify".into(),
        contender: contender.into(),
        instructions,
    };
    let counts = [
        count("jose-rs", 1500.0),
        count("floor", 1000.0),
        count("floor+claims", 1400.0),
    ];
    let md = markdown(&runs, &machine(), &[], &counts).unwrap();
    assert!(
        md.contains("| HS256 verify | jose-rs | 1500 | +500 | +100 |"),
        "{md}"
    );
}

#[test]
fn bad_output_is_an_error() {
    assert!(
        Run::parse("rust-crypto", "not json")
            .unwrap_err()
            .contains("not JSON")
    );
    assert!(
        Run::parse("rust-crypto", r#"{"kind":"surprise"}"#)
            .unwrap_err()
            .contains("unknown line")
    );
    assert!(
        Run::parse("rust-crypto", r#"{"kind":"op","group":"jwt"}"#)
            .unwrap_err()
            .contains("workload")
    );
    let meta_only = r#"{"kind":"meta","rounds":1}"#;
    assert!(
        Run::parse("rust-crypto", meta_only)
            .unwrap_err()
            .contains("timed nothing")
    );
}

#[test]
fn medians_and_times() {
    assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
    assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
    assert_eq!(median(Vec::new()), None);
    assert_eq!(time(512.4), "512 ns");
    assert_eq!(time(1_500.0), "1.50 µs");
    assert_eq!(time(2_250_000.0), "2.25 ms");
}

/// One process where `peer` takes `peer_vs_jose` of jose-rs's time and the floor+claims
/// `floor_vs_jose` of it, on ES256 verify.
fn faster_peer_process(peer: &str, peer_vs_jose: f64, floor_vs_jose: f64) -> String {
    let jose = 1000.0;
    [
        op(
            "ES256 verify",
            "jose-rs",
            jose,
            &[("jose-rs", 1.0), ("floor+claims", 1.0 / floor_vs_jose)],
        ),
        op(
            "ES256 verify",
            peer,
            jose * peer_vs_jose,
            &[
                ("jose-rs", peer_vs_jose),
                ("floor+claims", peer_vs_jose / floor_vs_jose),
            ],
        ),
        op(
            "ES256 verify",
            "floor+claims",
            jose * floor_vs_jose,
            &[("jose-rs", floor_vs_jose)],
        ),
    ]
    .join("\n")
}

#[test]
fn faster_pure_rust_peers_are_listed_with_the_floor_exception() {
    // The floor is slower than the peer, and jose-rs is within 1.05× of it: met.
    let runs = vec![
        Run::parse(
            "rust-crypto",
            &faster_peer_process("jwt-compact", 0.9, 0.98),
        )
        .unwrap(),
    ];
    let md = markdown(&runs, &machine(), &[], &[]).unwrap();
    assert!(md.contains("| ES256 verify | jwt-compact | 0.90 | 0.90–0.90 | the floor is 1.09× jwt-compact's time"), "{md}");
    assert!(md.contains("(target ≤ 1.05) | yes |"), "{md}");

    // The floor is faster than the peer, which is faster than jose-rs: missed.
    let runs = vec![
        Run::parse(
            "rust-crypto",
            &faster_peer_process("jsonwebtoken", 0.9, 0.8),
        )
        .unwrap(),
    ];
    let md = markdown(&runs, &machine(), &[], &[]).unwrap();
    assert!(
        md.contains("| ES256 verify | jsonwebtoken | 0.90 |"),
        "{md}"
    );
    assert!(
        md.contains("faster than the floor allows jose-rs to be | **no** |"),
        "{md}"
    );

    // josekit is not pure Rust; a slower peer is not listed.
    let runs = vec![
        Run::parse("rust-crypto", &faster_peer_process("josekit", 0.5, 0.98)).unwrap(),
        Run::parse("rust-crypto", &faster_peer_process("jwt-simple", 1.2, 0.98)).unwrap(),
    ];
    let md = markdown(&runs, &machine(), &[], &[]).unwrap();
    assert!(
        md.contains("None: jose-rs is at or below every pure-Rust contender"),
        "{md}"
    );
}

/// A process whose harness took the speed-up inside each round (median, min, max).
fn threads_process(speedup: f64, lo: f64, hi: f64) -> String {
    let meta = r#"{"kind":"meta","rounds":15,"batch_ms":30,"accepted":10,"refused":4}"#;
    [
        meta.to_owned(),
        op("HS256 verify", "jose-rs", 1000.0, &[("jose-rs", 1.0)]),
        r#"{"kind":"threads","workload":"HS256 verify","contender":"jose-rs","threads":1,"ops_per_sec":1000.0,"vs":{"jose-rs":1.0}}"#.to_owned(),
        serde_json::json!({
            "kind": "threads", "workload": "HS256 verify", "contender": "jose-rs",
            "threads": 2, "ops_per_sec": 1000.0 * speedup, "vs": {"jose-rs": 1.0},
            "speedup": speedup, "speedup_min": lo, "speedup_max": hi,
        })
        .to_string(),
    ]
    .join("\n")
}

#[test]
fn thread_speed_ups_come_from_the_rounds_with_their_range_and_noise_is_marked() {
    let runs = vec![
        Run::parse("rust-crypto", &threads_process(1.90, 1.80, 1.95)).unwrap(),
        Run::parse("rust-crypto", &threads_process(1.70, 1.60, 1.99)).unwrap(),
        Run::parse("rust-crypto", &threads_process(1.94, 1.85, 1.97)).unwrap(),
    ];
    let md = markdown(&runs, &machine(), &[], &[]).unwrap();
    // The median over processes of each process's median, the range over every round.
    assert!(md.contains("| 1.90 | 1.60–1.99 | 1.00 | yes |"), "{md}");
    // Above the thread count: noise, not a pass.
    let runs = vec![Run::parse("rust-crypto", &threads_process(2.2, 1.9, 2.6)).unwrap()];
    let md = markdown(&runs, &machine(), &[], &[]).unwrap();
    assert!(
        md.contains("| 2.20 (noise) | 1.90–2.60 | 1.00 | noise |"),
        "{md}"
    );
}
