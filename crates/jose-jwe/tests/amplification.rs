//! Multi-recipient amplification: the work a JWE JSON Serialization can cause is bounded
//! before any key is used, whatever its number of recipients.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use jose_jwe::{
    Decrypter, DecryptingKey, DecryptingKeyRequest, EncryptingKey, Error, Header, JweAlgorithm,
    JweEncryption, Limits, json,
};
use jose_jwk::{EcCurve, Jwk, KeySpec};

const ENC: JweEncryption = JweEncryption::A128GCM;

/// A general JWE with `count` recipients, each `key` with the header `header(i)`.
fn general(key: &EncryptingKey, count: usize, header: impl Fn(usize) -> Header) -> String {
    let mut encryptor = json::Encryptor::new(ENC);
    for i in 0..count {
        encryptor = encryptor.recipient(key, header(i));
    }
    encryptor.encrypt_general(b"for many").unwrap()
}

fn assert_too_many(result: Result<jose_jwe::DecryptedJwe, Error>, what: &str) {
    let e = result.unwrap_err();
    assert!(
        matches!(e, Error::TooManyCandidateRecipients { .. }),
        "{what}: {e}"
    );
    assert_eq!(e.code(), "ERR_JWE_INVALID");
    assert!(
        e.to_string().contains("too many candidate recipients"),
        "{e}"
    );
}

/// RSA keys without `kid`s: every recipient resolves to the key, so only a few may be tried.
#[test]
fn kidless_rsa_recipients_beyond_the_limit_are_refused_before_any_unwrap() {
    let alg = JweAlgorithm::RSA_OAEP_256;
    let private = Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap();
    let encrypting = EncryptingKey::from_jwk(&private.to_public().unwrap(), alg).unwrap();
    let decrypting = DecryptingKey::from_jwk(&private, alg).unwrap();
    let decrypter = Decrypter::new([alg], [ENC]).unwrap();
    let many = general(&encrypting, 16, |_| Header::new());
    assert_too_many(decrypter.decrypt_json(&many, &decrypting), "16 RSA");
    assert!(
        decrypter
            .decrypt_json(&many, &decrypting)
            .unwrap_err()
            .to_string()
            .contains("Limits::max_private_key_unwraps")
    );
    // At the limit (3 by default), and above it when the caller raises it.
    let three = general(&encrypting, 3, |_| Header::new());
    assert!(decrypter.decrypt_json(&three, &decrypting).is_ok());
    let four = general(&encrypting, 4, |_| Header::new());
    assert_too_many(decrypter.decrypt_json(&four, &decrypting), "4 RSA");
    let raised = decrypter
        .clone()
        .with_limits(Limits::DEFAULT.with_max_private_key_unwraps(4));
    assert!(raised.decrypt_json(&four, &decrypting).is_ok());
}

/// ECDH-ES counts as a private-key operation too.
#[test]
fn kidless_ecdh_recipients_count_as_private_key_operations() {
    let alg = JweAlgorithm::ECDH_ES_A128KW;
    let private = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
    let encrypting = EncryptingKey::from_jwk(&private.to_public().unwrap(), alg).unwrap();
    let decrypting = DecryptingKey::from_jwk(&private, alg).unwrap();
    let decrypter = Decrypter::new([alg], [ENC]).unwrap();
    let three = general(&encrypting, 3, |_| Header::new());
    assert!(decrypter.decrypt_json(&three, &decrypting).is_ok());
    let four = general(&encrypting, 4, |_| Header::new());
    assert_too_many(decrypter.decrypt_json(&four, &decrypting), "4 ECDH");
}

/// A resolved key with a `kid` is tried only on the recipients that name it: a resolver that
/// answers every request with the same key does not make every recipient a candidate.
#[test]
fn a_key_with_a_kid_is_tried_only_on_recipients_naming_it() {
    let alg = JweAlgorithm::RSA_OAEP;
    let private = Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap();
    let encrypting = EncryptingKey::from_jwk(&private.to_public().unwrap(), alg).unwrap();
    let key = DecryptingKey::from_jwk(&private, alg)
        .unwrap()
        .with_kid("r7");
    let decrypter = Decrypter::new([alg], [ENC]).unwrap();
    let jwe = general(&encrypting, 16, |i| Header::new().kid(format!("r{i}")));
    let always = |_: &DecryptingKeyRequest<'_>| Ok(key.clone());
    let decrypted = decrypter.decrypt_json(&jwe, &always).unwrap();
    assert_eq!(decrypted.recipient_index(), 7);
    assert_eq!(decrypted.kid(), Some("r7"));
    // No recipient names it: none is tried, and the error says why.
    let other = key.clone().with_kid("nobody");
    let e = decrypter
        .decrypt_json(&jwe, &|_: &DecryptingKeyRequest<'_>| Ok(other.clone()))
        .unwrap_err();
    assert!(matches!(e, Error::NoMatchingKey { .. }), "{e}");
    assert!(e.to_string().contains("\"nobody\""), "{e}");
}

/// PBES2: the recipients' iterations add up against a budget (30 000 by default, or the
/// decrypter's `p2c` cap if larger).
#[test]
fn pbes2_iterations_are_budgeted_per_token() {
    let alg = JweAlgorithm::PBES2_HS256_A128KW;
    let decrypter = Decrypter::new([alg], [ENC]).unwrap();
    let password = b"correct horse";
    let decrypting = DecryptingKey::password(password, alg).unwrap();
    let at = |count: u32| {
        EncryptingKey::password(password, alg)
            .unwrap()
            .with_pbes2_count(count)
            .unwrap()
    };
    // 16 × 1000 = 16 000: within the budget.
    let cheap = general(&at(1000), 16, |_| Header::new());
    assert!(decrypter.decrypt_json(&cheap, &decrypting).is_ok());
    // 16 × 2000 = 32 000: over it.
    let costly = general(&at(2000), 16, |_| Header::new());
    assert_too_many(decrypter.decrypt_json(&costly, &decrypting), "PBES2");
    let e = decrypter.decrypt_json(&costly, &decrypting).unwrap_err();
    assert!(e.to_string().contains("32000 iterations"), "{e}");
    let raised = decrypter
        .clone()
        .with_limits(Limits::DEFAULT.with_max_pbes2_iterations(32_000));
    assert!(raised.decrypt_json(&costly, &decrypting).is_ok());
    // One recipient at a raised p2c cap is always within the budget.
    let single = general(&at(50_000), 1, |_| Header::new());
    let high_cap = decrypter.clone().with_max_pbes2_count(50_000).unwrap();
    assert!(high_cap.decrypt_json(&single, &decrypting).is_ok());
    let two = general(&at(50_000), 2, |_| Header::new());
    assert_too_many(high_cap.decrypt_json(&two, &decrypting), "2 × 50 000");
}
