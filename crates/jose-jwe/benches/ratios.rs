//! Every case of `encrypt_decrypt` measured as a ratio to its floor, with the library and the
//! floor interleaved in one process (the median of 21 rounds; see
//! `tests/bench/interleaved.rs`), so that load on the machine does not skew the ratio.
//! Prints a markdown table.
//!
//! Then the 1 MiB `A256GCM` throughput workload (`bulk/mod.rs`) beside raw `aes-gcm` and
//! beside `aes-gcm` with base64-simd.
//!
//! Run: `cargo bench -p jose-jwe --bench ratios` (add a case-name filter as the argument;
//! `1MiB` runs only the throughput workload).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;
use std::time::Duration;

use jose_jwe::{Decrypter, Header, compact};

mod bulk;
mod cases;
#[path = "../../../tests/bench/floor_b64.rs"]
mod floor_b64;
#[path = "../../../tests/bench/interleaved.rs"]
mod interleaved;

use cases::{Floor, PAYLOAD, cases};
use interleaved::{compare, human};

fn main() {
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    if filter.as_deref() == Some("1MiB") {
        bulk::run();
        return;
    }
    println!("| case | encrypt jose-jwe | floor | ratio | decrypt jose-jwe | floor | ratio |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let header = Header::new();
    for case in cases() {
        let name = case.name();
        if filter.as_ref().is_some_and(|f| !name.contains(f.as_str())) {
            continue;
        }
        let floor = Floor::new(&case);
        let decrypter = Decrypter::new([case.alg], [case.enc]).unwrap();
        let token = compact::encrypt(&case.encrypting, case.enc, &header, PAYLOAD).unwrap();
        assert_eq!(floor.decrypt(&token), PAYLOAD);
        let slow = case.alg.is_pbes2() || case.alg.as_str().starts_with("RSA");
        let (rounds, batch) = if slow {
            (7, Duration::from_millis(40))
        } else {
            (21, Duration::from_millis(10))
        };
        let e = compare(
            rounds,
            batch,
            || compact::encrypt(&case.encrypting, case.enc, &header, black_box(PAYLOAD)).unwrap(),
            || floor.encrypt(black_box(PAYLOAD)),
        );
        let d = compare(
            rounds,
            batch,
            || {
                decrypter
                    .decrypt_compact(black_box(&token), &case.decrypting)
                    .unwrap()
            },
            || floor.decrypt(black_box(&token)),
        );
        println!(
            "| {name} | {} | {} | {:.2}× | {} | {} | {:.2}× |",
            human(e.library_ns),
            human(e.floor_ns),
            e.ratio,
            human(d.library_ns),
            human(d.floor_ns),
            d.ratio
        );
    }
    if filter.is_none() {
        bulk::run();
    }
}
