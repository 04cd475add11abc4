//! The HS256 verify overhead as one number that load on the machine does not move: the
//! library and the bare floor run in alternating batches in one process, the ratio is taken
//! per round, and the median over rounds is printed (criterion times the two one after the
//! other, so a busy machine skews its ratio).
//!
//! - library: [`Verifier::verify_compact`] of a compact HS256 JWS over a ~200-byte payload;
//! - floor: base64url-decode the signature (RustCrypto's `base64ct`) and verify the
//!   HMAC-SHA256 over the signing input (a keyed state cloned per call, as the library does).
//!
//! Run: `cargo bench -p jose-jws --bench hs256_ratio`. With `HS256_RATIO_ONLY=library` (or
//! `floor`) it makes 10 000 calls of one side only, for `valgrind --tool=callgrind`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;
use std::time::Instant;

use base64ct::{Base64UrlUnpadded, Encoding};
use hmac::{Hmac, KeyInit, Mac};
use jose_jws::{Header, JwsAlgorithm, SigningKey, Verifier, compact};
use sha2::Sha256;

const PAYLOAD: &[u8] = br#"{"iss":"https://issuer.example.com","sub":"user-1234567890","aud":"https://api.example.com","exp":1767225600,"iat":1767222000,"nbf":1767222000,"jti":"a1b2c3d4-e5f6-7890-abcd-ef1234567890","scope":"read write"}"#;
const ROUNDS: usize = 41;
const BATCH: u32 = 20_000;

fn main() {
    let secret = [7u8; 32];
    let key = SigningKey::hmac(&secret, JwsAlgorithm::HS256).unwrap();
    let verifier = Verifier::new([JwsAlgorithm::HS256]).unwrap();
    let token = compact::sign(&key, &Header::new().typ("JWT"), PAYLOAD).unwrap();
    let (signing_input, signature) = token.rsplit_once('.').unwrap();
    let mac = Hmac::<Sha256>::new_from_slice(&secret).unwrap();

    let library = || {
        let verified = verifier
            .verify_compact(black_box(&token), key.verifying_key())
            .unwrap();
        black_box(verified);
    };
    let floor = || {
        let tag = Base64UrlUnpadded::decode_vec(black_box(signature)).unwrap();
        let ok = mac
            .clone()
            .chain_update(black_box(signing_input).as_bytes())
            .verify_slice(&tag)
            .is_ok();
        assert!(ok);
    };
    let time = |f: &dyn Fn()| {
        let start = Instant::now();
        for _ in 0..BATCH {
            f();
        }
        start.elapsed().as_nanos() as f64 / f64::from(BATCH)
    };
    // For instruction counts (`valgrind --tool=callgrind`): one side only, 10 000 calls.
    if let Ok(side) = std::env::var("HS256_RATIO_ONLY") {
        let f: &dyn Fn() = if side == "floor" { &floor } else { &library };
        for _ in 0..10_000 {
            f();
        }
        return;
    }
    // Warm up both.
    time(&library);
    time(&floor);
    let mut rounds: Vec<(f64, f64)> = (0..ROUNDS)
        .map(|_| {
            let l = time(&library);
            let f = time(&floor);
            (l, f)
        })
        .collect();
    rounds.sort_by(|a, b| (a.0 / a.1).total_cmp(&(b.0 / b.1)));
    let (l, f) = rounds[ROUNDS / 2];
    let min_l = rounds.iter().map(|r| r.0).fold(f64::MAX, f64::min);
    let min_f = rounds.iter().map(|r| r.1).fold(f64::MAX, f64::min);
    println!(
        "HS256 verify (compact, {} B payload): median ratio {:.3} ({l:.0} ns / {f:.0} ns); \
         best times {min_l:.0} ns / {min_f:.0} ns = {:.3}",
        PAYLOAD.len(),
        l / f,
        min_l / min_f
    );
}
