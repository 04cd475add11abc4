//! The target "at or below every pure-Rust contender on every workload", and its exception:
//! where the floor itself (the primitive of the generation jose-rs uses) is slower than the
//! older primitive a peer uses, the floor ratio is the target instead.

use std::fmt::Write as _;

use super::{Table, range};

/// The pure-Rust contenders (jsonwebtoken's aws-lc-rs build and josekit are not).
const PURE_RUST: [&str; 3] = ["jsonwebtoken", "jwt-compact", "jwt-simple"];

/// What the peers build on, for the rows that need the exception.
const PRIMITIVES: &str = "jsonwebtoken 11 and jwt-compact 0.8 use the previous RustCrypto \
     generation (p256/p384 0.13, rsa 0.9, hmac 0.12, sha2 0.10, ed25519-dalek 2 on \
     curve25519-dalek 4); jwt-simple's pure-Rust build uses p256/p384 0.14 like jose-rs, and \
     ed25519-compact and its own HMAC";

/// The ratio jose-rs may be to `floor` on `workload` (the targets of issue 9).
fn floor_limit(group: &str, workload: &str) -> f64 {
    if workload.starts_with("HS256") {
        1.15
    } else if group == "jwt" {
        1.05
    } else {
        1.1
    }
}

/// One row per (workload, pure-Rust peer) where the peer's median is below jose-rs's.
pub(super) fn faster_peers(out: &mut String, table: &Table<'_>) {
    let mut rows: Vec<String> = Vec::new();
    for (group, workload) in &table.workloads {
        let Some(reference) = table.reference(workload) else {
            continue;
        };
        let floor = ["floor+claims", "floor"]
            .into_iter()
            .find(|f| table.cell(workload, f).is_some());
        for peer in PURE_RUST {
            let Some(cell) = table.cell(workload, peer) else {
                continue;
            };
            let Some(ratio) = cell.vs(reference).filter(|r| *r < 1.0) else {
                continue;
            };
            let (lo, hi) = range(&cell.per_process(reference)).unwrap_or((ratio, ratio));
            // The floor's time over the peer's.
            let floor_vs_peer = floor.and_then(|f| cell.vs(f)).map(|r| 1.0 / r);
            let ours_vs_floor = floor
                .and_then(|f| table.cell(workload, reference)?.vs(f))
                .unwrap_or(f64::NAN);
            let limit = floor_limit(group, workload);
            let (why, met) = match floor_vs_peer {
                _ if hi >= 1.0 => (
                    "a tie: the ratio crosses 1 between processes".to_owned(),
                    "yes",
                ),
                Some(slower) if slower > 1.0 => (
                    format!(
                        "the floor is {slower:.2}× {peer}'s time (an older primitive); \
                         {reference} is {ours_vs_floor:.2}× the floor (target ≤ {limit})"
                    ),
                    if ours_vs_floor <= limit {
                        "yes"
                    } else {
                        "**no**"
                    },
                ),
                _ => (
                    format!("{peer} is faster than the floor allows jose-rs to be"),
                    "**no**",
                ),
            };
            rows.push(format!(
                "| {workload} | {peer} | {ratio:.2} | {lo:.2}–{hi:.2} | {why} | {met} |"
            ));
        }
    }
    let _ = writeln!(out, "### Pure-Rust contenders faster than jose-rs\n");
    if rows.is_empty() {
        let _ = writeln!(
            out,
            "None: jose-rs is at or below every pure-Rust contender on every workload.\n"
        );
        return;
    }
    let _ = writeln!(
        out,
        "Target: at or below every pure-Rust contender, except where the floor itself is \
         slower than the peer's older primitive; there the floor ratio is the target. {PRIMITIVES}.\n"
    );
    let _ = writeln!(
        out,
        "| workload | contender | time ÷ jose-rs | per process (min–max) | why | met |\n|---|---|---|---|---|---|"
    );
    for row in rows {
        let _ = writeln!(out, "{row}");
    }
    out.push('\n');
}
