//! `VerifyingKeySet`: odd keys reported as skipped, private keys refused, one `kid` on keys of
//! several types (RFC 7517 §4.5).
#![allow(clippy::unwrap_used)] // test helpers fail by panicking

use jose_jwk::{EcCurve, Jwk, JwkSet, KeySpec};
use jose_jws::{Error, Header, JwsAlgorithm as A, SigningKey, Verifier, VerifyingKeySet, compact};

const RSA_PRIVATE: &str = include_str!("../../jose-jwk/tests/data/rsa_private.json");

fn rsa() -> Jwk {
    Jwk::from_json(RSA_PRIVATE).unwrap()
}

#[test]
fn a_short_hmac_key_is_reported_as_skipped() {
    let jwks = JwkSet::from_json(
        r#"{"keys":[{"kty":"oct","kid":"short","k":"GawgguFyGrWKav7AX4VKUg"},
        {"kty":"oct","kid":"good","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}]}"#,
    )
    .unwrap();
    let set = VerifyingKeySet::from_jwks(&jwks, &[A::HS256, A::ES256]).unwrap();
    assert_eq!(set.len(), 1);
    let skipped = set.skipped();
    assert_eq!(skipped.len(), 1);
    assert_eq!((skipped[0].index(), skipped[0].kid()), (0, Some("short")));
    // The most telling reason: the size for HS256, not "ES256 needs an EC key".
    let reason = skipped[0].reason();
    assert!(
        matches!(reason, Error::Key(jose_jwk::Error::KeySizeMismatch { .. })),
        "{reason}"
    );
    assert!(
        skipped[0]
            .to_string()
            .contains("HS256 requires a key of at least 256 bits"),
        "{}",
        skipped[0]
    );
}

#[test]
fn keys_for_no_allowed_algorithm_are_reported() {
    let ec = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
    let jwks = JwkSet::from_keys(vec![
        ec.to_public().unwrap().with_kid("enc").with_alg("ECDH-ES"),
    ])
    .unwrap();
    let set = VerifyingKeySet::from_jwks(&jwks, &[A::ES256]).unwrap();
    assert!(set.is_empty());
    assert_eq!(set.skipped()[0].reason().code(), "ERR_KEY_ALG_MISMATCH");
    assert!(matches!(
        VerifyingKeySet::from_jwks(&jwks, &[]).unwrap_err(),
        Error::EmptyAllowList
    ));
}

#[test]
fn a_private_key_in_a_verification_set_is_refused() {
    let ec = Jwk::generate(KeySpec::Ec(EcCurve::P256))
        .unwrap()
        .with_kid("p");
    let jwks = JwkSet::from_keys(vec![ec]).unwrap();
    let e = VerifyingKeySet::from_jwks(&jwks, &[A::ES256]).unwrap_err();
    assert!(
        matches!(
            e,
            Error::Key(jose_jwk::Error::UnexpectedPrivateKey { ref kid }) if kid.as_deref() == Some("p")
        ),
        "{e}"
    );
    assert!(e.to_string().contains("Jwk::to_public"), "{e}");
    // Its public part is welcome.
    let set = VerifyingKeySet::from_jwks(&jwks.to_public(), &[A::ES256]).unwrap();
    assert_eq!(set.len(), 1);
}

#[test]
fn keys_of_several_types_share_a_kid() {
    // RFC 7520 §4.8 signs with an RSA key and an EC key that share one kid.
    let rsa = rsa().with_kid("shared");
    let ec = Jwk::generate(KeySpec::Ec(EcCurve::P256))
        .unwrap()
        .with_kid("shared");
    let jwks = JwkSet::from_keys(vec![rsa.to_public().unwrap(), ec.to_public().unwrap()]).unwrap();
    let set = VerifyingKeySet::from_jwks(&jwks, &[A::RS256, A::ES256]).unwrap();
    assert_eq!(set.len(), 2);
    let verifier = Verifier::new([A::RS256, A::ES256]).unwrap();
    for (jwk, alg) in [(&rsa, A::RS256), (&ec, A::ES256)] {
        let key = SigningKey::from_jwk(jwk, alg).unwrap();
        let token = compact::sign(&key, &Header::new().kid("shared"), b"payload").unwrap();
        let verified = verifier.verify_compact(&token, &set).unwrap();
        assert_eq!(verified.payload(), b"payload");
    }
}
