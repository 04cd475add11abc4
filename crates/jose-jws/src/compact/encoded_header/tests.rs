// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
//! An encoded header signs exactly as `compact::sign` does, and only with a key that makes it.

use jose_b64::base64url;
use jose_jwk::{Jwk, KeySpec, OkpCurve};

use super::*;
use crate::{Verifier, compact};

fn hs256() -> SigningKey {
    SigningKey::hmac(&[9u8; 32], JwsAlgorithm::HS256).unwrap()
}

fn headers() -> Vec<Header> {
    vec![
        Header::new(),
        Header::new().typ("JWT"),
        Header::new().typ("at+jwt").kid("own"),
        Header::new()
            .param("x5t#S256", "abc")
            .unwrap()
            .param("n", 1)
            .unwrap(),
        Header::new().typ("JWT").unencoded_payload(),
    ]
}

#[test]
fn signs_as_compact_sign_does() {
    let ed25519 = Jwk::generate(KeySpec::Okp(OkpCurve::Ed25519)).unwrap();
    let keys = [
        hs256(),
        hs256().with_kid("k1"),
        SigningKey::hmac(&[3u8; 64], JwsAlgorithm::HS512).unwrap(),
        SigningKey::from_jwk(&ed25519, JwsAlgorithm::EdDSA)
            .unwrap()
            .with_kid("ed"),
    ];
    for key in &keys {
        let verifier = Verifier::new([key.alg()]).unwrap();
        for header in headers() {
            let verifying = match header.get("kid").and_then(|kid| kid.as_str()) {
                Some(kid) => key.verifying_key().clone().with_kid(kid),
                None => key.verifying_key().clone(),
            };
            let encoded = EncodedHeader::new(&header, key).unwrap();
            assert!(encoded.is_for(key));
            assert_eq!(encoded.alg(), key.alg());
            for payload in [&b""[..], b"x", br#"{"sub":"alice","n":[1,2,3]}"#] {
                let token = encoded.sign(key, payload).unwrap();
                assert_eq!(token, compact::sign(key, &header, payload).unwrap());
                assert!(token.starts_with(&format!("{}.", encoded.as_str())));
                let verified = verifier.verify_compact(&token, &verifying).unwrap();
                assert_eq!(verified.payload(), payload);
            }
        }
    }
}

#[test]
fn only_with_a_key_that_makes_the_header() {
    let key = hs256().with_kid("k1");
    let encoded = EncodedHeader::new(&Header::new().typ("JWT"), &key).unwrap();
    // Another kid, no kid: the header would differ.
    for other in [hs256().with_kid("k2"), hs256()] {
        assert!(!encoded.is_for(&other));
        let e = encoded.sign(&other, b"x").unwrap_err();
        assert!(matches!(e, Error::Malformed { .. }), "{e:?}");
    }
    // Another algorithm.
    let hs512 = SigningKey::hmac(&[9u8; 64], JwsAlgorithm::HS512)
        .unwrap()
        .with_kid("k1");
    assert!(!encoded.is_for(&hs512));
    assert!(matches!(
        encoded.sign(&hs512, b"x"),
        Err(Error::KeyAlgorithmMismatch { .. })
    ));
    assert!(encoded.sign_encoded_payload(&hs512, 0, |_| {}).is_err());
    // A header with its own kid fits any key of the algorithm.
    let own = EncodedHeader::new(&Header::new().kid("own"), &key).unwrap();
    for other in [hs256().with_kid("k2"), hs256()] {
        assert!(own.is_for(&other));
        assert_eq!(
            own.sign(&other, b"x").unwrap(),
            compact::sign(&other, &Header::new().kid("own"), b"x").unwrap()
        );
    }
}

#[test]
fn an_encoded_payload_is_checked() {
    let key = hs256();
    let header = Header::new().typ("JWT");
    let encoded = EncodedHeader::new(&header, &key).unwrap();
    let payload = br#"{"sub":"alice"}"#;
    let segment = base64url::encode(payload);
    let token = encoded
        .sign_encoded_payload(&key, segment.len(), |out| {
            // In two pieces, and with less room than needed.
            let (a, b) = segment.split_at(3);
            out.push_str(a);
            out.push_str(b);
        })
        .unwrap();
    assert_eq!(token, compact::sign(&key, &header, payload).unwrap());
    for bad in ["ab.c", "ab+c", "abc=", "abcde"] {
        let e = encoded
            .sign_encoded_payload(&key, 4, |out| out.push_str(bad))
            .unwrap_err();
        assert!(matches!(e, Error::Malformed { .. }), "{bad}: {e:?}");
    }
    let unencoded = Header::new().unencoded_payload();
    let encoded = EncodedHeader::new(&unencoded, &key).unwrap();
    assert_eq!(
        encoded
            .sign_encoded_payload(&key, 5, |out| out.push_str("$x+/="))
            .unwrap(),
        compact::sign(&key, &unencoded, b"$x+/=").unwrap()
    );
    assert!(
        encoded
            .sign_encoded_payload(&key, 3, |out| out.push_str("a.b"))
            .is_err()
    );
}
