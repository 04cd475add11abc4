//! Keys made for exactly one operation: a private JWK whose `key_ops` allows only decryption
//! decrypts, a public (or encrypt-only) JWK encrypts, and a private JWK is refused where only
//! the recipient's public key belongs (RFC 7517 §4.3).
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use jose_b64::serde_json::{Value, json};
use jose_jwe::{
    Decrypter, DecryptingKey, EncryptingKey, Error, Header, JweAlgorithm, JweEncryption, compact,
};
use jose_jwk::{EcCurve, Jwk, KeyPolicy, KeySpec, OkpCurve};

/// `jwk` with its `key_ops` replaced by `ops`.
fn with_key_ops(jwk: &Jwk, ops: &[&str]) -> Jwk {
    let mut map = jwk.to_map();
    map.insert("key_ops".into(), Value::from(ops.to_vec()));
    Jwk::from_map(map, &KeyPolicy::DEFAULT).unwrap()
}

fn round_trip(encrypting: &EncryptingKey, decrypting: &DecryptingKey) {
    let (alg, enc) = (decrypting.alg(), JweEncryption::A128GCM);
    let token = compact::encrypt(encrypting, enc, &Header::new(), b"one operation").unwrap();
    let decrypter = Decrypter::new([alg], [enc]).unwrap();
    let decrypted = decrypter.decrypt_compact(&token, decrypting).unwrap();
    assert_eq!(decrypted.plaintext(), b"one operation", "{alg}");
}

#[test]
fn a_decrypt_only_private_jwk_decrypts_and_an_encrypt_only_public_jwk_encrypts() {
    let rsa = Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap();
    let p256 = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
    let x25519 = Jwk::generate(KeySpec::Okp(OkpCurve::X25519)).unwrap();
    let oct = Jwk::generate(KeySpec::Oct { bytes: 16 }).unwrap();
    let cases: [(&Jwk, JweAlgorithm, &[&str], &[&str]); 6] = [
        (
            &rsa,
            JweAlgorithm::RSA_OAEP_256,
            &["unwrapKey"],
            &["wrapKey"],
        ),
        (&rsa, JweAlgorithm::RSA_OAEP, &["unwrapKey"], &["wrapKey"]),
        (
            &p256,
            JweAlgorithm::ECDH_ES_A128KW,
            &["deriveKey"],
            &["deriveKey"],
        ),
        (&x25519, JweAlgorithm::ECDH_ES, &["deriveBits"], &[]),
        (&oct, JweAlgorithm::A128KW, &["unwrapKey"], &["wrapKey"]),
        (&oct, JweAlgorithm::Dir, &["decrypt"], &["encrypt"]),
    ];
    for (jwk, alg, decrypt_ops, encrypt_ops) in cases {
        let private = with_key_ops(jwk, decrypt_ops);
        let decrypting = DecryptingKey::from_jwk(&private, alg)
            .unwrap_or_else(|e| panic!("{alg} {decrypt_ops:?}: {e}"));
        let public = if jwk.is_private() && !matches!(jwk.key(), jose_jwk::Key::Oct(_)) {
            with_key_ops(&jwk.to_public().unwrap(), encrypt_ops)
        } else {
            with_key_ops(jwk, encrypt_ops)
        };
        let encrypting = EncryptingKey::from_jwk(&public, alg)
            .unwrap_or_else(|e| panic!("{alg} {encrypt_ops:?}: {e}"));
        round_trip(&encrypting, &decrypting);
        // Exactly that operation: the decrypt-only key does not encrypt, and the
        // encrypt-only one does not decrypt.
        if !encrypt_ops.is_empty() {
            assert!(
                DecryptingKey::from_jwk(&public, alg).is_err(),
                "{alg} {encrypt_ops:?} decrypts"
            );
        }
        let symmetric = matches!(jwk.key(), jose_jwk::Key::Oct(_));
        if symmetric {
            assert!(
                EncryptingKey::from_jwk(&private, alg).is_err(),
                "{alg} {decrypt_ops:?} encrypts"
            );
        }
    }
}

#[test]
fn a_private_jwk_is_refused_for_encryption_with_the_fix_named() {
    for (spec, alg) in [
        (KeySpec::Rsa { bits: 2048 }, JweAlgorithm::RSA_OAEP_256),
        (KeySpec::Ec(EcCurve::P384), JweAlgorithm::ECDH_ES_A256KW),
        (KeySpec::Okp(OkpCurve::X25519), JweAlgorithm::ECDH_ES),
    ] {
        let private = Jwk::generate(spec).unwrap();
        let e = EncryptingKey::from_jwk(&private, alg).unwrap_err();
        assert!(matches!(e, Error::PrivateKeyForEncryption), "{alg}: {e}");
        assert_eq!(e.code(), "ERR_JWK_WRONG_KIND");
        assert!(e.to_string().contains("Jwk::to_public()"), "{e}");
        // The same key as PEM: a private key is refused too; its SPKI is the way.
        let e = EncryptingKey::from_pem(&private.to_pkcs8_pem().unwrap(), alg).unwrap_err();
        assert!(matches!(e, Error::PrivateKeyForEncryption), "{alg}: {e}");
        // The fix the message names works.
        assert!(EncryptingKey::from_jwk(&private.to_public().unwrap(), alg).is_ok());
        assert!(EncryptingKey::from_pem(&private.to_public_pem().unwrap(), alg).is_ok());
    }
    // A symmetric key is the same on both sides: it is of course accepted.
    let oct =
        Jwk::from_json(&json!({"kty":"oct","k":"GZy6sIZ6wl9NJOKB-jnmVQ"}).to_string()).unwrap();
    assert!(EncryptingKey::from_jwk(&oct, JweAlgorithm::A128KW).is_ok());
}
