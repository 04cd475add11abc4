//! Importing a JWK Set of about 1 MB, as identity providers publish them (RSA 2048 public
//! keys with `kid`, `alg` and `use`), beside `serde_json::from_slice::<Value>` of the same
//! bytes: the floor every JSON consumer pays. Criterion measures each; then an interleaved
//! comparison (median of rounds, see `tests/bench/interleaved.rs`) prints MB/s and the ratio.
//!
//! Run: `cargo bench -p jose-jwk --bench jwks_import` (add `-- --quick` for a short run).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput};
use jose_b64::serde_json::{self, Value, json};
use jose_jwk::{Jwk, JwkSetReader, KeySpec};

#[path = "../../../tests/bench/interleaved.rs"]
#[allow(dead_code)]
mod interleaved;

/// About 1 MB of `{"keys":[…]}`: RSA 2048 public keys (eight distinct moduli, each entry
/// with its own `kid`).
fn jwks_text() -> String {
    let moduli: Vec<Value> = (0..8)
        .map(|_| {
            let jwk = Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap();
            let public = jwk.to_public().unwrap().to_map();
            public["n"].clone()
        })
        .collect();
    let mut keys = Vec::new();
    let mut len = 0;
    while len < 1_000_000 {
        let i = keys.len();
        let key = json!({
            "kty": "RSA",
            "use": "sig",
            "alg": "RS256",
            "kid": format!("{i:08x}-5c1d-4b6e-9a3f-{:012x}", i * 7919),
            "n": moduli[i % moduli.len()],
            "e": "AQAB",
        });
        len += key.to_string().len() + 1;
        keys.push(key);
    }
    json!({ "keys": keys }).to_string()
}

fn main() {
    let text = jwks_text();
    let bytes = text.as_bytes();
    let reader = JwkSetReader::new().max_keys(10_000);
    let count = reader.read_json(&text).unwrap().len();
    println!(
        "JWK Set: {} bytes, {count} RSA 2048 public keys",
        bytes.len()
    );

    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    let mut group = c.benchmark_group("jwks_import_1MB");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("JwkSetReader::read_json", |b| {
        b.iter(|| reader.read_json(black_box(&text)).unwrap().len())
    });
    group.bench_function("serde_json::from_slice::<Value>", |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(bytes)).unwrap())
    });
    group.finish();

    let r = interleaved::compare(
        21,
        Duration::from_millis(100),
        || reader.read_json(&text).unwrap().len(),
        || serde_json::from_slice::<Value>(bytes).unwrap(),
    );
    let mb_s = |ns: f64| bytes.len() as f64 / ns * 1e3;
    println!(
        "| JWK Set import {:.0} MB/s | serde_json Value {:.0} MB/s | ratio {:.2}× (target ≤ 2×) |",
        mb_s(r.library_ns),
        mb_s(r.floor_ns),
        r.ratio
    );
}
