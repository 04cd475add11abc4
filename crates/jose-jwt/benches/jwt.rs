//! JWT sign and verify-with-validation for HS256, ES256, RS256 and EdDSA, each beside the
//! `jose-jws` operation on the same bytes, so that the JWT layer's cost is a visible ratio;
//! and a nested JWT (RS256 inside RSA-OAEP-256 + A256GCM) beside the JWE decryption and JWS
//! verification it consists of.
//!
//! - `sign/<alg>/jws`: [`jose_jws::compact::sign`] of a ~200-byte claims set given as bytes.
//! - `sign/<alg>/jwt`: [`JwtBuilder::sign`] of the same claims (times from a fixed clock;
//!   the claims set serialized and checked, then signed).
//! - `verify/<alg>/jws`: [`Verifier::verify_compact`] of the token.
//! - `verify/<alg>/jwt`: [`JwtVerifier::verify_as`] of the same token into a small struct,
//!   with `iss`, `aud`, `exp`, `nbf` and `typ` checked.
//! - `verify/<alg>/jwt-map`: [`JwtVerifier::verify`], the claims as a JSON map.
//!
//! Run: `cargo bench -p jose-jwt --bench jwt -- --warm-up-time 1 --measurement-time 3`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use jose_jwe::{Decrypter, DecryptingKey, EncryptingKey, JweAlgorithm, JweEncryption};
use jose_jwk::{Jwk, KeySpec};
use jose_jws::{Header, JwsAlgorithm, SigningKey, Verifier, VerifyingKey, compact};
use jose_jwt::{JwtVerifier, NestedJwtVerifier};
use std::hint::black_box;

mod fixture;

use fixture::{ALGS, Claims, builder, keys, validation};

fn sign_verify(c: &mut Criterion) {
    for alg in ALGS {
        let (signing, verifying) = keys(alg);
        let builder = builder();
        let claims = builder.claims_json().unwrap();
        let header = Header::new().typ("JWT");
        let token = builder.sign(&signing).unwrap();
        let jws_verifier = Verifier::new([alg]).unwrap();
        let jwt_verifier = JwtVerifier::new([alg], validation()).unwrap();
        assert!(jwt_verifier.verify_as::<Claims>(&token, &verifying).is_ok());

        let mut group = c.benchmark_group(format!("sign/{alg}"));
        group.bench_function("jws", |b| {
            b.iter(|| compact::sign(&signing, &header, black_box(claims.as_bytes())).unwrap())
        });
        group.bench_function("jwt", |b| {
            b.iter(|| black_box(&builder).sign(&signing).unwrap())
        });
        group.finish();

        let mut group = c.benchmark_group(format!("verify/{alg}"));
        group.bench_function("jws", |b| {
            b.iter(|| {
                jws_verifier
                    .verify_compact(black_box(&token), &verifying)
                    .unwrap()
            })
        });
        group.bench_function("jwt", |b| {
            b.iter(|| {
                jwt_verifier
                    .verify_as::<Claims>(black_box(&token), &verifying)
                    .unwrap()
            })
        });
        group.bench_function("jwt-map", |b| {
            b.iter(|| jwt_verifier.verify(black_box(&token), &verifying).unwrap())
        });
        group.finish();
    }
}

fn nested(c: &mut Criterion) {
    let signing_jwk = Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap();
    let encryption_jwk = Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap();
    let signing = SigningKey::from_jwk(&signing_jwk, JwsAlgorithm::RS256).unwrap();
    let verifying =
        VerifyingKey::from_jwk(&signing_jwk.to_public().unwrap(), JwsAlgorithm::RS256).unwrap();
    let alg = JweAlgorithm::RSA_OAEP_256;
    let enc = JweEncryption::A256GCM;
    let encrypting = EncryptingKey::from_jwk(&encryption_jwk.to_public().unwrap(), alg).unwrap();
    let decrypting = DecryptingKey::from_jwk(&encryption_jwk, alg).unwrap();
    let builder = builder();
    let token = builder
        .sign_then_encrypt(&signing, &encrypting, enc)
        .unwrap();
    let decrypter = Decrypter::new([alg], [enc]).unwrap();
    let jws_verifier = Verifier::new([JwsAlgorithm::RS256]).unwrap();
    let nested = NestedJwtVerifier::new(
        decrypter.clone(),
        JwtVerifier::new([JwsAlgorithm::RS256], validation()).unwrap(),
    );

    let mut group = c.benchmark_group("nested/RSA-OAEP-256+A256GCM+RS256");
    group.bench_function("sign_then_encrypt", |b| {
        b.iter(|| {
            black_box(&builder)
                .sign_then_encrypt(&signing, &encrypting, enc)
                .unwrap()
        })
    });
    group.bench_function("jwe+jws", |b| {
        b.iter(|| {
            let outer = decrypter
                .decrypt_compact(black_box(&token), &decrypting)
                .unwrap();
            let inner = core::str::from_utf8(outer.plaintext()).unwrap();
            jws_verifier.verify_compact(inner, &verifying).unwrap()
        })
    });
    group.bench_function("verify", |b| {
        b.iter(|| {
            nested
                .verify_as::<Claims>(black_box(&token), &decrypting, &verifying)
                .unwrap()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = sign_verify, nested
}
criterion_main!(benches);
