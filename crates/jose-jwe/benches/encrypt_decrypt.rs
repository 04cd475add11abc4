//! Compact JWE encrypt and decrypt of a ~200-byte payload for every key management algorithm
//! with `A128GCM` and `A128CBC-HS256`, each beside the bare primitives on the same bytes, so
//! that the library's overhead is a visible ratio.
//!
//! - `encrypt/jose-jwe`: [`compact::encrypt`] (header JSON, CEK and IV, key management,
//!   content encryption, base64url of the five segments).
//! - `encrypt/floor`: the same primitives called directly — a fresh CEK and IV, the key
//!   management primitive (AES-KW, AES-GCM, RSA-OAEP, PBKDF2 + AES-KW, ECDH + Concat KDF
//!   [+ AES-KW]), the content encryption — through `jose_jwe::hazmat::content` and
//!   `jose_jwe::hazmat::keywrap`, whose functions are the RustCrypto calls behind length checks, plus
//!   base64url (`base64-simd`, the fastest public codec). The protected header is a precomputed constant where
//!   the algorithm allows; per-message parameters (`iv`/`tag`, `p2s`/`p2c`, `epk`) are
//!   formatted into it.
//! - `decrypt/jose-jwe`: [`Decrypter::decrypt_compact`] (split, strict header parsing and
//!   checks, key resolution, unwrapping, content decryption).
//! - `decrypt/floor`: base64url-decode the segments (the ciphertext into one buffer, the rest
//!   onto the stack), read only the per-message parameters from the header with a borrowing
//!   `serde` struct where the algorithm has them, unwrap, decrypt in place.
//!
//! Keys are made once, outside timing; RSA is 2048-bit. PBES2 runs at the library's default
//! count (10 000), so its cost is PBKDF2's.
//!
//! Run: `cargo bench -p jose-jwe --bench encrypt_decrypt -- --warm-up-time 1 --measurement-time 3`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jose_jwe::{Decrypter, Header, compact};

mod cases;
#[path = "../../../tests/bench/floor_b64.rs"]
mod floor_b64;
use cases::{Floor, PAYLOAD, cases};

fn encrypt_decrypt(c: &mut Criterion) {
    let header = Header::new();
    for case in cases() {
        let floor = Floor::new(&case);
        let decrypter = Decrypter::new([case.alg], [case.enc]).unwrap();
        let token = compact::encrypt(&case.encrypting, case.enc, &header, PAYLOAD).unwrap();
        let floor_token = floor.encrypt(PAYLOAD);
        // Both sides read each other's tokens.
        assert_eq!(floor.decrypt(&token), PAYLOAD);
        let decrypted = decrypter
            .decrypt_compact(&floor_token, &case.decrypting)
            .unwrap();
        assert_eq!(decrypted.plaintext(), PAYLOAD);

        let mut group = c.benchmark_group(case.name());
        group.bench_function("encrypt/jose-jwe", |b| {
            b.iter(|| {
                compact::encrypt(&case.encrypting, case.enc, &header, black_box(PAYLOAD)).unwrap()
            })
        });
        group.bench_function("encrypt/floor", |b| {
            b.iter(|| floor.encrypt(black_box(PAYLOAD)))
        });
        group.bench_function("decrypt/jose-jwe", |b| {
            b.iter(|| {
                decrypter
                    .decrypt_compact(black_box(&token), &case.decrypting)
                    .unwrap()
            })
        });
        group.bench_function("decrypt/floor", |b| {
            b.iter(|| floor.decrypt(black_box(&token)))
        });
        group.finish();
    }
}

criterion_group!(benches, encrypt_decrypt);
criterion_main!(benches);
