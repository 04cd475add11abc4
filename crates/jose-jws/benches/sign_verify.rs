//! Compact JWS sign and verify for every algorithm, each beside the bare RustCrypto primitive
//! on the same bytes, so that the library's overhead is a visible ratio.
//!
//! - `sign/jose-jws`: [`compact::sign`] of a ~200-byte JWT-like payload (header JSON,
//!   base64url of header and payload, signature, base64url of the signature).
//! - `sign/floor`: the primitive's signature over the same signing input, base64url-encoded.
//! - `verify/jose-jws`: [`Verifier::verify_compact`] of the resulting token (split, header
//!   decode and checks, key resolution, signature, payload decode).
//! - `verify/floor`: base64url-decode the signature (with `base64-simd`, the fastest public
//!   decoder, into a buffer on the stack), then the
//!   primitive's verification over the signing input.
//!
//! Keys are made once, outside timing; RSA uses one 2048-bit key for RS* and PS*.
//!
//! Run: `cargo bench -p jose-jws --bench sign_verify -- --warm-up-time 1 --measurement-time 3`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jose_jws::{Header, Verifier, compact};

mod cases;
#[path = "../../../tests/bench/floor_b64.rs"]
mod floor_b64;
use cases::{PAYLOAD, cases};

fn sign_verify(c: &mut Criterion) {
    let header = Header::new().typ("JWT");
    for case in cases() {
        let verifier = Verifier::new([case.alg]).unwrap();
        let token = compact::sign(&case.signing, &header, PAYLOAD).unwrap();
        let (signing_input, signature) = token.rsplit_once('.').unwrap();
        let signing_input = signing_input.as_bytes();

        // Both sides do the same work on the same bytes, and agree.
        assert!(
            (case.floor.verify)(signing_input, signature),
            "{}",
            case.alg
        );
        let floor_token = format!(
            "{}.{}",
            token.rsplit_once('.').unwrap().0,
            (case.floor.sign)(signing_input)
        );
        let verified = verifier
            .verify_compact(&floor_token, &case.verifying)
            .unwrap();
        assert_eq!(verified.payload(), PAYLOAD, "{}", case.alg);

        let mut group = c.benchmark_group(case.alg.as_str());
        group.bench_function("sign/jose-jws", |b| {
            b.iter(|| compact::sign(&case.signing, &header, black_box(PAYLOAD)).unwrap())
        });
        group.bench_function("sign/floor", |b| {
            b.iter(|| (case.floor.sign)(black_box(signing_input)))
        });
        group.bench_function("verify/jose-jws", |b| {
            b.iter(|| {
                verifier
                    .verify_compact(black_box(&token), &case.verifying)
                    .unwrap()
            })
        });
        group.bench_function("verify/floor", |b| {
            b.iter(|| {
                assert!((case.floor.verify)(
                    black_box(signing_input),
                    black_box(signature)
                ))
            })
        });
        group.finish();
    }
}

criterion_group!(benches, sign_verify);
criterion_main!(benches);
