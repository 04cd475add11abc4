//! Hostile JWE JSON Serializations, each rejected, beside one genuine decryption with the
//! same key management algorithm: the rejection must cost at most a small multiple (the
//! target is 5×) of the genuine work.
//!
//! - `epk key_ops`: a flattened `ECDH-ES+A128KW` JWE whose per-recipient `epk` carries
//!   28,000 `key_ops` entries (about 252 KB); refused by the header size limit, and its `epk`
//!   is read from `kty`, `crv`, `x`, `y` only in any case.
//! - `16 RSA-OAEP`: 16 `RSA-OAEP` recipients without `kid` for one 4096-bit key; refused
//!   before any RSA operation (`Limits::max_private_key_unwraps`).
//! - `16 PBES2`: 16 `PBES2-HS256+A128KW` recipients at `p2c` 10 000; refused before any key
//!   derivation (`Limits::max_pbes2_iterations`).
//! - `max unprotected`: a flattened `A128KW` JWE of the largest size accepted (256 KiB)
//!   whose shared unprotected header is nearly all of it; refused by the header size limit.
//!   Beside the genuine decryption of a small `A128KW` JWE, and (`max unprotected, same
//!   size`) of a genuine `A128KW` JWE of the same size.
//!
//! A criterion group measures each case (`hostile/<case>/reject`, `hostile/<case>/genuine`),
//! then a table gives each ratio, measured interleaved (the median of 7 rounds; see
//! `tests/bench/interleaved.rs`).
//!
//! Run: `cargo bench -p jose-jwe --bench hostile` (add a case-name filter as the argument).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;
use jose_b64::serde_json::{self, Map, Value};
use jose_jwe::{
    Decrypter, DecryptingKey, EncryptingKey, Error, Header, JweAlgorithm, JweEncryption, json,
};
use jose_jwk::{EcCurve, Jwk, KeySpec};

#[path = "../../../tests/bench/interleaved.rs"]
mod interleaved;

const ENC: JweEncryption = JweEncryption::A128GCM;

/// One hostile input and its genuine counterpart.
struct Case {
    name: &'static str,
    decrypter: Decrypter,
    key: DecryptingKey,
    hostile: String,
    genuine: String,
    /// What the rejection must be.
    expected: fn(&Error) -> bool,
}

impl Case {
    fn reject(&self) -> Error {
        self.decrypter
            .decrypt_json(black_box(&self.hostile), &self.key)
            .unwrap_err()
    }

    fn decrypt(&self) -> usize {
        self.decrypter
            .decrypt_json(black_box(&self.genuine), &self.key)
            .unwrap()
            .plaintext()
            .len()
    }
}

/// A general JWE of `count` recipients, each `key` with an empty header.
fn general(key: &EncryptingKey, count: usize, plaintext: &[u8]) -> String {
    let mut encryptor = json::Encryptor::new(ENC);
    for _ in 0..count {
        encryptor = encryptor.recipient(key, Header::new());
    }
    encryptor.encrypt_general(plaintext).unwrap()
}

/// The flattened syntax of a general JWE of one recipient (its `header`, where the
/// algorithm's parameters are, at the top level).
fn flattened(key: &EncryptingKey, plaintext: &[u8]) -> Map<String, Value> {
    let Value::Object(mut jwe) = serde_json::from_str(&general(key, 1, plaintext)).unwrap() else {
        unreachable!()
    };
    let Some(Value::Array(mut recipients)) = jwe.remove("recipients") else {
        unreachable!()
    };
    let Some(Value::Object(only)) = recipients.pop() else {
        unreachable!()
    };
    jwe.extend(only);
    jwe
}

fn epk_key_ops() -> Case {
    let alg = JweAlgorithm::ECDH_ES_A128KW;
    let private = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
    let encrypting = EncryptingKey::from_jwk(&private.to_public().unwrap(), alg).unwrap();
    let genuine = flattened(&encrypting, b"genuine");
    let mut hostile = genuine.clone();
    hostile["header"]["epk"]["key_ops"] = Value::from(vec!["verify"; 28_000]);
    let hostile = Value::Object(hostile).to_string();
    assert!(
        (250_000..=262_144).contains(&hostile.len()),
        "{}",
        hostile.len()
    );
    Case {
        name: "epk key_ops",
        decrypter: Decrypter::new([alg], [ENC]).unwrap(),
        key: DecryptingKey::from_jwk(&private, alg).unwrap(),
        hostile,
        genuine: Value::Object(genuine).to_string(),
        expected: |e| matches!(e, Error::TooLarge { .. }),
    }
}

fn rsa_oaep_recipients() -> Case {
    let alg = JweAlgorithm::RSA_OAEP;
    let private = Jwk::generate(KeySpec::Rsa { bits: 4096 }).unwrap();
    let encrypting = EncryptingKey::from_jwk(&private.to_public().unwrap(), alg).unwrap();
    Case {
        name: "16 RSA-OAEP",
        decrypter: Decrypter::new([alg], [ENC]).unwrap(),
        key: DecryptingKey::from_jwk(&private, alg).unwrap(),
        hostile: general(&encrypting, 16, b"hostile"),
        genuine: general(&encrypting, 1, b"genuine"),
        expected: |e| matches!(e, Error::TooManyCandidateRecipients { .. }),
    }
}

fn pbes2_recipients() -> Case {
    let alg = JweAlgorithm::PBES2_HS256_A128KW;
    let encrypting = EncryptingKey::password(b"correct horse battery staple", alg).unwrap();
    Case {
        name: "16 PBES2",
        decrypter: Decrypter::new([alg], [ENC]).unwrap(),
        key: encrypting.to_decrypting_key(),
        hostile: general(&encrypting, 16, b"hostile"),
        genuine: general(&encrypting, 1, b"genuine"),
        expected: |e| matches!(e, Error::TooManyCandidateRecipients { .. }),
    }
}

/// A flattened `A128KW` JWE of `plaintext`, padded with a shared unprotected header of
/// `pad` bytes.
fn a128kw(key: &EncryptingKey, plaintext: &[u8], pad: usize) -> String {
    let mut jwe = flattened(key, plaintext);
    if pad > 0 {
        let mut shared = Map::new();
        shared.insert("x-pad".into(), Value::from("a".repeat(pad)));
        jwe.insert("unprotected".into(), Value::Object(shared));
    }
    Value::Object(jwe).to_string()
}

fn max_unprotected(same_size: bool) -> Case {
    const MAX: usize = 256 * 1024;
    let alg = JweAlgorithm::A128KW;
    let encrypting = EncryptingKey::symmetric(&[7; 16], alg).unwrap();
    let small = a128kw(&encrypting, b"genuine", 0);
    let hostile = a128kw(&encrypting, b"hostile", MAX - small.len() - 40);
    assert!(
        (MAX - 100..=MAX).contains(&hostile.len()),
        "{}",
        hostile.len()
    );
    let genuine = if same_size {
        // A genuine JWE of the same size: its plaintext fills what the header fills.
        let plaintext = vec![b'p'; (MAX - small.len() - 64) * 3 / 4];
        a128kw(&encrypting, &plaintext, 0)
    } else {
        small
    };
    assert!(genuine.len() <= MAX);
    Case {
        name: if same_size {
            "max unprotected, same size"
        } else {
            "max unprotected"
        },
        decrypter: Decrypter::new([alg], [ENC]).unwrap(),
        key: encrypting.to_decrypting_key(),
        hostile,
        genuine,
        expected: |e| matches!(e, Error::TooLarge { .. }),
    }
}

/// A case's name and how to make it.
type MakeCase = fn() -> Case;

fn main() {
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let wanted = |name: &str| filter.as_ref().is_none_or(|f| name.contains(f.as_str()));
    let makers: [(&str, MakeCase); 5] = [
        ("epk key_ops", epk_key_ops),
        ("16 RSA-OAEP", rsa_oaep_recipients),
        ("16 PBES2", pbes2_recipients),
        ("max unprotected", || max_unprotected(false)),
        ("max unprotected, same size", || max_unprotected(true)),
    ];
    let cases: Vec<Case> = makers
        .iter()
        .filter(|(name, _)| wanted(name))
        .map(|(_, make)| make())
        .collect();
    for case in &cases {
        let e = case.reject();
        assert!((case.expected)(&e), "{}: {e}", case.name);
        assert!(case.decrypt() > 0, "{}", case.name);
    }

    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .sample_size(10)
        .configure_from_args();
    let mut group = criterion.benchmark_group("hostile");
    for case in &cases {
        group.bench_function(format!("{}/reject", case.name), |b| {
            b.iter(|| case.reject())
        });
        group.bench_function(format!("{}/genuine", case.name), |b| {
            b.iter(|| case.decrypt())
        });
    }
    group.finish();
    criterion.final_summary();

    println!();
    println!("| hostile input | rejection | genuine decryption | ratio |");
    println!("|---|---:|---:|---:|");
    for case in &cases {
        let r = interleaved::compare(
            7,
            Duration::from_millis(60),
            || case.reject(),
            || case.decrypt(),
        );
        println!(
            "| {} | {} | {} | {:.3}× |",
            case.name,
            interleaved::human(r.library_ns),
            interleaved::human(r.floor_ns),
            r.ratio
        );
    }
}
