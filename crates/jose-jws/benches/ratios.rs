//! Every algorithm of `sign_verify` measured as a ratio to its floor, with the library and the
//! floor interleaved in one process (the median of 21 rounds; see
//! `tests/bench/interleaved.rs`), so that load on the machine does not skew the ratio.
//! Prints a markdown table.
//!
//! Run: `cargo bench -p jose-jws --bench ratios` (add an algorithm name to run only that one).
//! With `RATIOS_ONLY=library` (or `floor`) and an algorithm name, it instead makes 10 000
//! verify calls of that side only, for instruction counts under `valgrind --tool=callgrind`
//! (`--toggle-collect='*only_loop*'` counts only those); `sign-library` and `sign-floor` do
//! the same for signing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;
use std::time::Duration;

use jose_jws::{Header, Verifier, compact};

mod cases;
#[path = "../../../tests/bench/floor_b64.rs"]
mod floor_b64;
#[path = "../../../tests/bench/interleaved.rs"]
mod interleaved;

use cases::{PAYLOAD, cases};
use interleaved::{compare, human, only_loop};

fn main() {
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let only = std::env::var("RATIOS_ONLY").ok();
    let header = Header::new().typ("JWT");
    if only.is_none() {
        println!("| alg | sign jose-jws | floor | ratio | verify jose-jws | floor | ratio |");
        println!("|---|---:|---:|---:|---:|---:|---:|");
    }
    for case in cases() {
        let name = case.alg.as_str();
        if filter.as_ref().is_some_and(|f| name != f.as_str()) {
            continue;
        }
        let verifier = Verifier::new([case.alg]).unwrap();
        let token = compact::sign(&case.signing, &header, PAYLOAD).unwrap();
        let (signing_input, signature) = token.rsplit_once('.').unwrap();
        let signing_input = signing_input.as_bytes();
        assert!((case.floor.verify)(signing_input, signature));
        let verify = || {
            verifier
                .verify_compact(black_box(&token), &case.verifying)
                .unwrap()
        };
        let verify_floor = || {
            assert!((case.floor.verify)(
                black_box(signing_input),
                black_box(signature)
            ))
        };
        if let Some(side) = &only {
            match side.as_str() {
                "floor" => only_loop(&verify_floor),
                "sign-library" => only_loop(&|| {
                    black_box(compact::sign(&case.signing, &header, black_box(PAYLOAD)).unwrap());
                }),
                "sign-floor" => only_loop(&|| {
                    black_box((case.floor.sign)(black_box(signing_input)));
                }),
                _ => only_loop(&|| {
                    black_box(verify());
                }),
            }
            continue;
        }
        let slow = name.starts_with("RS") || name.starts_with("PS") || name.starts_with("ES");
        let (rounds, batch) = if slow {
            (9, Duration::from_millis(40))
        } else {
            (21, Duration::from_millis(10))
        };
        let s = compare(
            rounds,
            batch,
            || compact::sign(&case.signing, &header, black_box(PAYLOAD)).unwrap(),
            || (case.floor.sign)(black_box(signing_input)),
        );
        let v = compare(rounds, batch, verify, verify_floor);
        println!(
            "| {name} | {} | {} | {:.2}× | {} | {} | {:.2}× |",
            human(s.library_ns),
            human(s.floor_ns),
            s.ratio,
            human(v.library_ns),
            human(v.floor_ns),
            v.ratio
        );
    }
}
