//! `DecryptingKeySet`: RSA1_5 and `dir` bound only to JWKs that name them, odd keys reported
//! as skipped, one `kid` on keys of several types (RFC 7517 §4.5).
#![allow(clippy::unwrap_used)] // test helpers fail by panicking

use jose_jwe::{
    Decrypter, DecryptingKeySet, EncryptingKey, Error, Header, JweAlgorithm as A,
    JweEncryption as E, compact,
};
use jose_jwk::{EcCurve, Jwk, JwkSet, KeySpec};

const RSA_PRIVATE: &str = include_str!("../../jose-jwk/tests/data/rsa_private.json");
const K16: &str = "GZy6sIZ6wl9NJOKB-jnmVQ";

fn set(json: &str) -> JwkSet {
    JwkSet::from_json(json).unwrap()
}

fn algs(set: &DecryptingKeySet) -> Vec<A> {
    set.keys().iter().map(|k| k.alg()).collect()
}

#[test]
fn dir_is_bound_only_to_keys_that_name_it() {
    let allowed = [A::A128KW, A::Dir];
    let plain = set(&format!(r#"{{"keys":[{{"kty":"oct","k":"{K16}"}}]}}"#));
    let keys = DecryptingKeySet::from_jwks(&plain, &allowed).unwrap();
    assert_eq!(algs(&keys), [A::A128KW]);
    for name in ["dir", "A128GCM"] {
        let named = set(&format!(
            r#"{{"keys":[{{"kty":"oct","alg":"{name}","k":"{K16}"}}]}}"#
        ));
        let keys = DecryptingKeySet::from_jwks(&named, &allowed).unwrap();
        assert_eq!(algs(&keys), [A::Dir], "{name}");
    }
    // A key that fits nothing else says why.
    let keys = DecryptingKeySet::from_jwks(&plain, &[A::Dir]).unwrap();
    assert!(keys.is_empty());
    let reason = keys.skipped()[0].reason();
    assert!(
        matches!(
            reason,
            Error::Key(jose_jwk::Error::AlgorithmNotNamed { alg: "dir" })
        ),
        "{reason}"
    );
    assert!(
        reason
            .to_string()
            .contains("only when the key's \"alg\" names it")
    );
}

#[test]
fn rsa1_5_is_bound_only_to_keys_that_name_it() {
    let rsa = Jwk::from_json(RSA_PRIVATE).unwrap();
    let jwks = JwkSet::from_keys(vec![rsa.clone()]).unwrap();
    let keys = DecryptingKeySet::from_jwks(&jwks, &[A::RSA_OAEP, A::RSA1_5]).unwrap();
    assert_eq!(algs(&keys), [A::RSA_OAEP]);
    let keys = DecryptingKeySet::from_jwks(&jwks, &[A::RSA1_5]).unwrap();
    assert!(matches!(
        keys.skipped()[0].reason(),
        Error::Key(jose_jwk::Error::AlgorithmNotNamed { alg: "RSA1_5" })
    ));
    #[cfg(feature = "rsa1_5")]
    {
        let named = JwkSet::from_keys(vec![rsa.with_alg("RSA1_5")]).unwrap();
        let keys = DecryptingKeySet::from_jwks(&named, &[A::RSA_OAEP, A::RSA1_5]).unwrap();
        assert_eq!(algs(&keys), [A::RSA1_5]);
    }
}

#[test]
fn public_keys_in_a_decryption_set_are_reported_as_skipped() {
    let ec = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
    let jwks = JwkSet::from_keys(vec![ec.to_public().unwrap().with_kid("pub")]).unwrap();
    let keys = DecryptingKeySet::from_jwks(&jwks, &[A::ECDH_ES]).unwrap();
    assert!(keys.is_empty());
    let skipped = &keys.skipped()[0];
    assert_eq!((skipped.index(), skipped.kid()), (0, Some("pub")));
    assert!(
        matches!(
            skipped.reason(),
            Error::Key(jose_jwk::Error::PrivateKeyRequired { .. })
        ),
        "{skipped}"
    );
    assert!(matches!(
        DecryptingKeySet::from_jwks(&jwks, &[]).unwrap_err(),
        Error::EmptyAllowList { list: "alg" }
    ));
}

#[test]
fn keys_of_several_types_share_a_kid() {
    let rsa = Jwk::from_json(RSA_PRIVATE).unwrap().with_kid("shared");
    let ec = Jwk::generate(KeySpec::Ec(EcCurve::P256))
        .unwrap()
        .with_kid("shared");
    let jwks = JwkSet::from_keys(vec![rsa.clone(), ec.clone()]).unwrap();
    let allowed = [A::RSA_OAEP_256, A::ECDH_ES];
    let keys = DecryptingKeySet::from_jwks(&jwks, &allowed).unwrap();
    assert_eq!(algs(&keys), allowed);
    let decrypter = Decrypter::new(allowed, [E::A128GCM]).unwrap();
    for (jwk, alg) in [(&rsa, A::RSA_OAEP_256), (&ec, A::ECDH_ES)] {
        let public = EncryptingKey::from_jwk(&jwk.to_public().unwrap(), alg).unwrap();
        let token =
            compact::encrypt(&public, E::A128GCM, &Header::new().kid("shared"), b"hi").unwrap();
        assert_eq!(
            decrypter
                .decrypt_compact(&token, &keys)
                .unwrap()
                .plaintext(),
            b"hi"
        );
    }
}
