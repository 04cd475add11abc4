//! base64url encode and decode throughput of `jose_b64::base64url` beside `base64ct` (the
//! constant-time encoder that secrets use), interleaved in one process (the median of 21
//! rounds; see `tests/bench/interleaved.rs`). Prints a markdown table of MB/s (input bytes
//! for encoding, decoded bytes for decoding) and the ratio jose-b64 / base64ct.
//!
//! Run: `cargo bench -p jose-b64 --bench throughput`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;
use std::time::Duration;

use base64ct::{Base64UrlUnpadded, Encoding};
use jose_b64::base64url;

#[path = "../../../tests/bench/interleaved.rs"]
#[allow(dead_code)]
mod interleaved;

use interleaved::compare;

/// One operation: its name, then jose-b64's and base64ct's, each returning a length.
type Row<'a> = (
    &'static str,
    Box<dyn Fn() -> usize + 'a>,
    Box<dyn Fn() -> usize + 'a>,
);

fn mb_per_s(bytes: usize, ns: f64) -> f64 {
    bytes as f64 / ns * 1e3
}

fn main() {
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    println!("| operation | size | jose-b64 MB/s | base64ct MB/s | speed-up |");
    println!("|---|---:|---:|---:|---:|");
    for len in [32, 1 << 10, 64 << 10, 1 << 20] {
        let bytes: Vec<u8> = (0..len).map(|i| (i * 131 + (i >> 7)) as u8).collect();
        let text = Base64UrlUnpadded::encode_string(&bytes);
        let rows: [Row; 2] = [
            (
                "encode",
                Box::new(|| {
                    let mut out = String::with_capacity(base64url::encoded_len(len));
                    base64url::encode_to(black_box(&bytes), &mut out);
                    out.len()
                }),
                Box::new(|| Base64UrlUnpadded::encode_string(black_box(&bytes)).len()),
            ),
            (
                "decode",
                Box::new(|| {
                    let mut out = vec![0u8; len];
                    base64url::decode_to(black_box(&text), &mut out).unwrap();
                    out.len()
                }),
                Box::new(|| {
                    let mut out = vec![0u8; len];
                    Base64UrlUnpadded::decode(black_box(&text), &mut out)
                        .unwrap()
                        .len()
                }),
            ),
        ];
        for (name, library, floor) in rows {
            let label = format!("{name} {len}");
            if filter.as_ref().is_some_and(|f| !label.contains(f.as_str())) {
                continue;
            }
            assert_eq!(library(), floor());
            let r = compare(21, Duration::from_millis(10), &library, &floor);
            println!(
                "| {name} | {len} B | {:.0} | {:.0} | {:.2}× |",
                mb_per_s(len, r.library_ns),
                mb_per_s(len, r.floor_ns),
                1.0 / r.ratio
            );
        }
    }
}
