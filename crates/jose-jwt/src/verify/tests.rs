// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
use std::time::Duration;

use jose_jwe::{Decrypter, EncryptingKey, JweAlgorithm, JweEncryption};
use jose_jws::Header;

use super::*;
use crate::test_util::{NOW, clock, hs256, signed, signed_raw, validation};
use crate::{JwtBuilder, JwtDecrypter, NestedJwtVerifier};

fn verifier() -> JwtVerifier {
    JwtVerifier::new([JwsAlgorithm::HS256], validation()).unwrap()
}

#[test]
fn verifies_and_exposes_the_jws() {
    let token = signed(&format!(r#"{{"sub":"s","exp":{}}}"#, NOW + 1));
    let jwt = verifier().verify(&token, hs256().verifying_key()).unwrap();
    assert_eq!(jwt.subject(), Some("s"));
    assert_eq!(jwt.issuer(), None);
    assert_eq!(jwt.header()["typ"], "JWT");
    assert_eq!(jwt.signature().unwrap().alg(), JwsAlgorithm::HS256);
    assert!(jwt.encryption().is_none());
    assert_eq!(jwt.claims()["sub"], "s");
    assert_eq!(jwt.clone().into_claims()["exp"], NOW + 1);
    assert_eq!(verifier().algorithms(), [JwsAlgorithm::HS256]);
    assert!(verifier().validation().now().is_ok());
}

#[test]
fn counts_segments_and_names_a_jwe() {
    assert_eq!(segments("a.b.c"), 3);
    assert_eq!(segments("a.b.c.d.e"), 5);
    assert_eq!(segments(""), 1);
    let e = jws_error(jose_jws::Error::InvalidSignature, "a.b.c.d.e");
    assert_eq!(e, Error::Jws(jose_jws::Error::InvalidSignature));
    let e = verifier()
        .verify("a.b.c.d", hs256().verifying_key())
        .unwrap_err();
    assert!(matches!(e, Error::Jws(_)), "{e:?}");
}

#[test]
fn header_rules() {
    let claims = format!(r#"{{"exp":{}}}"#, NOW + 1);
    let cty = signed_raw(&Header::new().cty("JWT"), &claims);
    let e = verifier()
        .verify(&cty, hs256().verifying_key())
        .unwrap_err();
    assert!(e.to_string().contains("nested"), "{e}");
    // Another cty is no business of the JWT layer.
    let other = signed_raw(&Header::new().cty("example"), &claims);
    assert!(verifier().verify(&other, hs256().verifying_key()).is_ok());
    let numeric = signed_raw(&Header::new().param("cty", 1).unwrap(), &claims);
    let e = verifier()
        .verify(&numeric, hs256().verifying_key())
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("\"cty\" header parameter must be a string"),
        "{e}"
    );
    // A header the flat fast path of the JWS layer declines (an escape) is checked too.
    let escaped = signed_raw(
        &Header::new().param("x", "\n").unwrap().typ("at+jwt"),
        &claims,
    );
    let e = verifier()
        .verify(&escaped, hs256().verifying_key())
        .unwrap_err();
    assert!(matches!(e, Error::TypeNotAccepted { .. }), "{e:?}");
}

#[test]
fn from_verifier_turns_unencoded_payloads_off() {
    let jws = jose_jws::Verifier::new([JwsAlgorithm::HS256]).unwrap();
    let v = JwtVerifier::from_verifier(jws, validation());
    let claims = format!(r#"{{"exp":{}}}"#, NOW + 1);
    let token = signed_raw(&Header::new().unencoded_payload(), &claims);
    assert!(v.verify(&token, hs256().verifying_key()).is_err());
}

#[test]
fn encrypted_jwts() {
    let key = EncryptingKey::symmetric(&[4; 32], JweAlgorithm::A256KW).unwrap();
    let decrypter = Decrypter::new([JweAlgorithm::A256KW], [JweEncryption::A256GCM]).unwrap();
    let reader = JwtDecrypter::new(decrypter, validation());
    let token = JwtBuilder::new()
        .clock(clock())
        .subject("s")
        .kid("k")
        .header_param("x", 1)
        .expires_in(Duration::from_secs(5))
        .encrypt(&key, JweEncryption::A256GCM)
        .unwrap();
    let jwt = reader.decrypt(&token, &key.to_decrypting_key()).unwrap();
    assert_eq!(jwt.subject(), Some("s"));
    assert_eq!(jwt.header()["typ"], "JWT");
    assert_eq!(jwt.header()["kid"], "k");
    assert_eq!(jwt.header()["x"], 1);
    assert!(jwt.signature().is_none());
    assert!(reader.validation().now().is_ok());
    // Another key: the JWE layer's one opaque error.
    let other = EncryptingKey::symmetric(&[5; 32], JweAlgorithm::A256KW).unwrap();
    let e = reader
        .decrypt(&token, &other.to_decrypting_key())
        .unwrap_err();
    assert_eq!(e, Error::Jwe(jose_jwe::Error::DecryptionFailed));
    // The typ rule applies to the JWE header.
    let typed = JwtBuilder::new()
        .clock(clock())
        .typ("secevent+jwt")
        .expires_in(Duration::from_secs(5))
        .encrypt(&key, JweEncryption::A256GCM)
        .unwrap();
    let e = reader
        .decrypt(&typed, &key.to_decrypting_key())
        .unwrap_err();
    assert!(matches!(e, Error::TypeNotAccepted { .. }), "{e:?}");
    // Claims are validated.
    let expired = JwtBuilder::new()
        .clock(clock())
        .expires_at(crate::NumericDate::from_secs(NOW).unwrap())
        .encrypt(&key, JweEncryption::A256GCM)
        .unwrap();
    let e = reader
        .decrypt(&expired, &key.to_decrypting_key())
        .unwrap_err();
    assert_eq!(e.code(), "ERR_JWT_EXPIRED");
    for (name, value) in [("typ", "x"), ("cty", "x")] {
        let e = JwtBuilder::new()
            .without_expiration()
            .header_param(name, value)
            .encrypt(&key, JweEncryption::A256GCM)
            .unwrap_err();
        assert_eq!(e.code(), "ERR_JOSE_CONFIGURATION");
    }
    let e = JwtBuilder::new()
        .without_expiration()
        .header_param("zip", "DEF")
        .encrypt(&key, JweEncryption::A256GCM)
        .unwrap_err();
    assert!(matches!(e, Error::Jwe(_)), "{e:?}");
}

#[test]
fn nested_jwts_expose_both_levels() {
    let enc = EncryptingKey::symmetric(&[6; 16], JweAlgorithm::A128KW)
        .unwrap()
        .with_kid("outer");
    let token = JwtBuilder::new()
        .clock(clock())
        .kid("inner")
        .expires_in(Duration::from_secs(5))
        .sign_then_encrypt(&hs256(), &enc, JweEncryption::A128GCM)
        .unwrap();
    let decrypter = Decrypter::new([JweAlgorithm::A128KW], [JweEncryption::A128GCM]).unwrap();
    let nested = NestedJwtVerifier::new(decrypter, verifier());
    assert_eq!(nested.inner().algorithms(), [JwsAlgorithm::HS256]);
    let jwt = nested
        .verify(&token, &enc.to_decrypting_key(), hs256().verifying_key())
        .unwrap();
    assert_eq!(jwt.header()["kid"], "inner");
    let outer = jwt.encryption().unwrap();
    assert_eq!(outer.kid(), Some("outer"));
    assert_eq!(outer.protected_header()["cty"], "JWT");
    assert!(!outer.protected_header().contains_key("typ"));
    assert_eq!(jwt.signature().unwrap().alg(), JwsAlgorithm::HS256);
}

#[test]
fn verifiers_and_results_are_send_and_sync() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<JwtVerifier>();
    send_sync::<JwtDecrypter>();
    send_sync::<NestedJwtVerifier>();
    send_sync::<crate::Validation>();
    send_sync::<JwtBuilder>();
    send_sync::<crate::Jwt>();
    send_sync::<Error>();
}
