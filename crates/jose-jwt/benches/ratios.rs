//! JWT sign and verify-with-validation as ratios to the `jose-jws` operation on the same
//! bytes, HS256 JWT signing as a ratio to its floors (a new builder per token against the
//! claims work of `bench/peers`'s `floor+claims`, a reused builder against the floor with the
//! same cached signing input), and a nested JWT's verification as a ratio to the JWE decryption and JWS
//! verification it consists of; each pair interleaved in one process (the median of 21
//! rounds, 9 for RSA and ECDSA; see `tests/bench/interleaved.rs`), so that load on the
//! machine does not skew the ratio. Prints a markdown table.
//!
//! Run: `cargo bench -p jose-jwt --bench ratios` (add an algorithm name to run only that one).
//! With `RATIOS_ONLY=sign-library` (or `sign-fresh`, a new builder per token, `sign-floor`,
//! or `sign-floor-cached`, the floor of the reused builder) and `floor+claims`, it instead makes 10 000 HS256 JWT signatures of that
//! side only, for instruction counts under
//! `valgrind --tool=callgrind --toggle-collect='*only_loop*'`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;
use std::time::Duration;

use jose_jwe::{Decrypter, DecryptingKey, EncryptingKey, JweAlgorithm, JweEncryption};
use jose_jwk::{Jwk, KeySpec};
use jose_jws::{Header, JwsAlgorithm, SigningKey, Verifier, VerifyingKey, compact};
use jose_jwt::{JwtVerifier, NestedJwtVerifier};

mod fixture;
#[path = "../../../tests/bench/floor_b64.rs"]
mod floor_b64;
#[path = "../../../tests/bench/interleaved.rs"]
mod interleaved;

use fixture::{ALGS, Claims, builder, keys, validation};
use hmac::{Hmac, KeyInit, Mac};
use interleaved::{compare, human, only_loop};
use sha2::Sha256;

fn main() {
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    println!(
        "| alg | sign JWT | sign JWS | ratio | verify JWT (struct) | verify JWS | ratio | verify JWT (map) | ratio | JWS + serde_json (struct, no checks) | JWT ÷ that |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for alg in ALGS {
        let name = alg.as_str();
        if filter.as_ref().is_some_and(|f| name != f.as_str()) {
            continue;
        }
        let (signing, verifying) = keys(alg);
        let builder = builder();
        let claims = builder.claims_json().unwrap();
        let header = Header::new().typ("JWT");
        let token = builder.sign(&signing).unwrap();
        let jws = Verifier::new([alg]).unwrap();
        let jwt = JwtVerifier::new([alg], validation()).unwrap();
        let (rounds, batch) = if alg == JwsAlgorithm::HS256 || alg == JwsAlgorithm::EdDSA {
            (21, Duration::from_millis(10))
        } else {
            (9, Duration::from_millis(40))
        };
        let sign = compare(
            rounds,
            batch,
            || black_box(&builder).sign(&signing).unwrap(),
            || compact::sign(&signing, &header, black_box(claims.as_bytes())).unwrap(),
        );
        let jws_verify = || jws.verify_compact(black_box(&token), &verifying).unwrap();
        let typed = compare(
            rounds,
            batch,
            || {
                jwt.verify_as::<Claims>(black_box(&token), &verifying)
                    .unwrap()
            },
            jws_verify,
        );
        let map = compare(
            rounds,
            batch,
            || jwt.verify(black_box(&token), &verifying).unwrap(),
            jws_verify,
        );
        // The least any JWT library does: the JWS, then serde_json into the struct, with no
        // strictness (duplicate names) and no claim checks.
        let parse = compare(
            rounds,
            batch,
            || {
                jwt.verify_as::<Claims>(black_box(&token), &verifying)
                    .unwrap()
            },
            || {
                let jws = jws_verify();
                serde_json::from_slice::<Claims>(jws.payload()).unwrap()
            },
        );
        println!(
            "| {name} | {} | {} | {:.2}× | {} | {} | {:.2}× | {} | {:.2}× | {} | {:.2}× |",
            human(sign.library_ns),
            human(sign.floor_ns),
            sign.ratio,
            human(typed.library_ns),
            human(typed.floor_ns),
            typed.ratio,
            human(map.library_ns),
            map.ratio,
            human(parse.floor_ns),
            parse.ratio,
        );
    }
    if filter
        .as_ref()
        .is_none_or(|f| f == "HS256" || f == "floor+claims")
    {
        hs256_floor_claims();
    }
    if filter.as_ref().is_none_or(|f| f == "nested") {
        nested();
    }
}

/// The claims set of [`builder`] as the application's struct, for the floors, which `serde`
/// it directly (the members in the builder's order).
#[derive(serde::Serialize)]
struct FloorClaims {
    aud: &'static str,
    iss: &'static str,
    jti: &'static str,
    scope: &'static str,
    sub: &'static str,
    iat: u64,
    exp: u64,
    nbf: u64,
}

impl FloorClaims {
    /// The values [`builder`] signs (its clock reads `IAT + 100`, `exp` is an hour later).
    fn fixed() -> Self {
        Self {
            aud: "https://api.example.com",
            iss: "https://issuer.example.com",
            jti: "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
            scope: "read write",
            sub: "user-1234567890",
            iat: fixture::IAT,
            exp: fixture::IAT + 100 + 3600,
            nbf: fixture::IAT,
        }
    }
}

/// HS256 JWT signing against its floors, base64url with `base64-simd`
/// (`tests/bench/floor_b64.rs`):
///
/// - a new builder per token against `floor+claims` of `bench/peers` (`sign_claims`): the
///   header encoded once, the claims struct `serde`d and base64url-encoded, the keyed HMAC
///   state cloned, the tag base64url-encoded;
/// - one builder, reused (it caches the encoded header and claims) against `floor` with the
///   same cached signing input: the HMAC of the precomputed `header.payload` and the tag
///   appended, as the builder does.
fn hs256_floor_claims() {
    let secret = [0x5au8; 32];
    let signing = SigningKey::hmac(&secret, JwsAlgorithm::HS256).unwrap();
    let mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&secret).unwrap();
    let header = floor_b64::encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let claims = FloorClaims::fixed();
    let floor = || {
        let payload = serde_json::to_vec(black_box(&claims)).unwrap();
        let payload_len = floor_b64::encoded_len(payload.len());
        let mut token = String::with_capacity(header.len() + 2 + payload_len + 43);
        token.push_str(&header);
        token.push('.');
        floor_b64::encode_append(&payload, &mut token);
        let tag = mac.clone().chain_update(token.as_bytes()).finalize();
        token.push('.');
        floor_b64::encode_append(&tag.into_bytes(), &mut token);
        token
    };
    // The signing input made once, as a reused builder caches it.
    let cached_input = {
        let payload = serde_json::to_vec(&claims).unwrap();
        format!("{header}.{}", floor_b64::encode(&payload))
    };
    let floor_cached = || {
        let input = black_box(&cached_input);
        let tag = mac.clone().chain_update(input.as_bytes()).finalize();
        let mut token = String::with_capacity(input.len() + 1 + 43);
        token.push_str(input);
        token.push('.');
        floor_b64::encode_append(&tag.into_bytes(), &mut token);
        token
    };
    let builder = builder();
    // The same token, so that both sides hash the same number of blocks.
    assert_eq!(builder.sign(&signing).unwrap(), floor());
    let library = || black_box(&builder).sign(&signing).unwrap();
    // A server issuing tokens for different subjects makes a builder per token, which
    // serializes the claims every time: no cached template.
    let fresh = || fixture::builder().sign(black_box(&signing)).unwrap();
    if let Ok(side) = std::env::var("RATIOS_ONLY") {
        match side.as_str() {
            "sign-floor" => only_loop(&|| drop(black_box(floor()))),
            "sign-floor-cached" => only_loop(&|| drop(black_box(floor_cached()))),
            "sign-fresh" => only_loop(&|| drop(black_box(fresh()))),
            _ => only_loop(&|| drop(black_box(library()))),
        }
        return;
    }
    assert_eq!(fresh(), floor());
    assert_eq!(floor_cached(), floor());
    println!();
    println!("| HS256 | sign JWT | floor | floor does | ratio |");
    println!("|---|---:|---:|---|---:|");
    for (what, floor_does, r) in [
        (
            "one builder, reused",
            "`floor`: HMAC of the cached signing input",
            compare(21, Duration::from_millis(10), library, floor_cached),
        ),
        (
            "a new builder per token",
            "`floor+claims`: serde, base64url, HMAC",
            compare(21, Duration::from_millis(10), fresh, floor),
        ),
    ] {
        println!(
            "| {what} | {} | {} | {floor_does} | {:.2}× |",
            human(r.library_ns),
            human(r.floor_ns),
            r.ratio
        );
    }
}

/// RS256 inside RSA-OAEP-256 + A256GCM.
fn nested() {
    let signing_jwk = Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap();
    let encryption_jwk = Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap();
    let signing = SigningKey::from_jwk(&signing_jwk, JwsAlgorithm::RS256).unwrap();
    let verifying =
        VerifyingKey::from_jwk(&signing_jwk.to_public().unwrap(), JwsAlgorithm::RS256).unwrap();
    let (alg, enc) = (JweAlgorithm::RSA_OAEP_256, JweEncryption::A256GCM);
    let encrypting = EncryptingKey::from_jwk(&encryption_jwk.to_public().unwrap(), alg).unwrap();
    let decrypting = DecryptingKey::from_jwk(&encryption_jwk, alg).unwrap();
    let token = builder()
        .sign_then_encrypt(&signing, &encrypting, enc)
        .unwrap();
    let decrypter = Decrypter::new([alg], [enc]).unwrap();
    let jws = Verifier::new([JwsAlgorithm::RS256]).unwrap();
    let nested = NestedJwtVerifier::new(
        decrypter.clone(),
        JwtVerifier::new([JwsAlgorithm::RS256], validation()).unwrap(),
    );
    let r = compare(
        9,
        Duration::from_millis(40),
        || {
            nested
                .verify_as::<Claims>(black_box(&token), &decrypting, &verifying)
                .unwrap()
        },
        || {
            let outer = decrypter
                .decrypt_compact(black_box(&token), &decrypting)
                .unwrap();
            let inner = core::str::from_utf8(outer.plaintext()).unwrap();
            jws.verify_compact(inner, &verifying).unwrap()
        },
    );
    println!();
    println!(
        "| nested RS256 in RSA-OAEP-256 + A256GCM | verify JWT | decrypt JWE + verify JWS | ratio |"
    );
    println!("|---|---:|---:|---:|");
    println!(
        "| | {} | {} | {:.2}× |",
        human(r.library_ns),
        human(r.floor_ns),
        r.ratio
    );
}
