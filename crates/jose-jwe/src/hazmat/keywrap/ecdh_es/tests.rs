// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
use jose_b64::serde_json::{Value, json};
use jose_jwk::alg::Curve;
use proptest::prelude::*;
use sha2::{Digest, Sha256};

use super::*;
use crate::test_util::{X25519_SMALL_ORDER, assert_decryption_failed, b64, hex, secret};
use jose_jwk::Jwk;

type A = JweAlgorithm;
type E = JweEncryption;

const CURVES: [Curve; 4] = [Curve::P256, Curve::P384, Curve::P521, Curve::X25519];
const ALGS: [A; 4] = [
    A::ECDH_ES,
    A::ECDH_ES_A128KW,
    A::ECDH_ES_A192KW,
    A::ECDH_ES_A256KW,
];

/// RFC 7518 App. C: Alice's ephemeral key.
const ALICE: &str = r#"{"kty":"EC","crv":"P-256",
    "x":"gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0",
    "y":"SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps",
    "d":"0_NxaRPUMQoAJt50Gz8YiTr8gRTwyEaCumd-MToTmIo"}"#;

/// RFC 7518 App. C: Bob's key.
const BOB: &str = r#"{"kty":"EC","crv":"P-256",
    "x":"weNJy2HscCSM6AEDTDg04biOvhFhyyWvOHQfeF_PxMQ",
    "y":"e8lnCO-AlStT-NJVX-crhB7QRYhiix03illJOVAOyck",
    "d":"VEmDZpDXXK8p8N0Cndsxs924q6nS1RXFASRl6BfUqdw"}"#;

/// RFC 7518 App. C: Z.
const APPENDIX_C_Z: [u8; 32] = [
    158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38, 156, 251, 49, 110, 163,
    218, 128, 106, 72, 246, 218, 167, 121, 140, 254, 144, 196,
];

fn jwk(json: &str) -> Jwk {
    Jwk::from_json(json).unwrap()
}

fn x25519_public(hex_u: &str) -> EcdhPublicKey {
    let bytes: [u8; 32] = hex(&[hex_u]).try_into().unwrap();
    EcdhPublicKey::X25519(x25519_dalek::PublicKey::from(bytes))
}

#[test]
fn rfc7518_appendix_c_other_info_and_derived_key() {
    let info = concat_kdf::other_info(b"A128GCM", b"Alice", b"Bob", 16).unwrap();
    assert_eq!(
        info,
        [
            0, 0, 0, 7, 65, 49, 50, 56, 71, 67, 77, 0, 0, 0, 5, 65, 108, 105, 99, 101, 0, 0, 0, 3,
            66, 111, 98, 0, 0, 0, 128
        ]
    );
    let z = secret(&APPENDIX_C_Z);
    let expected = [
        86, 170, 141, 234, 248, 35, 109, 32, 92, 34, 40, 205, 113, 167, 16, 26,
    ];
    assert_eq!(
        concat_kdf::derive(&z, &info, 16).unwrap().expose_secret(),
        expected
    );
    let key = derive_key(A::ECDH_ES, E::A128GCM, &z, b"Alice", b"Bob").unwrap();
    assert_eq!(key.expose_secret(), expected);
    assert_eq!(key.expose_secret(), b64("VqqN6vgjbSBcIijNcacQGg"));
}

#[test]
fn rfc7518_appendix_c_shared_secret_on_both_sides() {
    let alice = EcdhSecretKey::from_jwk(&jwk(ALICE)).unwrap();
    let bob = EcdhSecretKey::from_jwk(&jwk(BOB)).unwrap();
    let bob_public = EcdhPublicKey::from_jwk(&jwk(BOB).to_public().unwrap()).unwrap();
    let z = shared_secret(&alice, &bob_public).unwrap();
    assert_eq!(z.expose_secret(), APPENDIX_C_Z);
    assert_eq!(
        shared_secret(&bob, &alice.public_key())
            .unwrap()
            .expose_secret(),
        APPENDIX_C_Z
    );
    // The header of App. C, read back.
    let header_json = json!({"alg":"ECDH-ES","enc":"A128GCM","apu":"QWxpY2U","apv":"Qm9i",
        "epk":{"kty":"EC","crv":"P-256",
            "x":"gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0",
            "y":"SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps"}});
    let Value::Object(map) = header_json else {
        unreachable!()
    };
    let header = JoseHeader::new(Some(&map), None, None).unwrap();
    let params = Params::from_header(&header).unwrap();
    assert_eq!((params.apu(), params.apv()), (&b"Alice"[..], &b"Bob"[..]));
    assert_eq!(params.epk(), &alice.public_key());
    let cek = agree_recipient(&bob, A::ECDH_ES, E::A128GCM, &params).unwrap();
    assert_eq!(cek.expose_secret(), b64("VqqN6vgjbSBcIijNcacQGg"));
}

#[test]
fn rfc8037_a6_x25519_shared_secret() {
    let ephemeral: [u8; 32] = hex(&[
        "77 07 6d 0a 73 18 a5 7d 3c 16 c1 72 51 b2 66 45",
        "df 4c 2f 87 eb c0 99 2a b1 77 fb a5 1d b9 2c 2a",
    ])
    .try_into()
    .unwrap();
    let ephemeral = EcdhSecretKey::from(x25519_dalek::StaticSecret::from(ephemeral));
    let EcdhPublicKey::X25519(epk) = ephemeral.public_key() else {
        panic!("not X25519")
    };
    assert_eq!(
        epk.as_bytes().as_slice(),
        hex(&[
            "85 20 f0 09 89 30 a7 54 74 8b 7d dc b4 3e f7 5a",
            "0d bf 3a 0d 26 38 1a f4 eb a4 a9 8e aa 9b 4e 6a",
        ])
    );
    assert_eq!(
        Value::Object(ephemeral.public_key().to_jwk().to_map()),
        json!({"kty":"OKP","crv":"X25519","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"})
    );
    let bob = jwk(
        r#"{"kty":"OKP","crv":"X25519","kid":"Bob","x":"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08"}"#,
    );
    let bob = EcdhPublicKey::from_jwk(&bob).unwrap();
    let z = shared_secret(&ephemeral, &bob).unwrap();
    assert_eq!(
        z.expose_secret(),
        hex(&[
            "4a 5d 9d 5b a4 ce 2d e1 72 8e 3b f4 80 35 0f 25",
            "e0 7e 21 c9 47 d1 9e 33 76 f0 9b 3c 1e 16 17 42",
        ])
    );
}

#[test]
fn concat_kdf_runs_as_many_rounds_as_needed() {
    let z = secret(&[7; 66]);
    let info = concat_kdf::other_info(b"ECDH-ES+A256KW", b"", b"v", 64).unwrap();
    assert_eq!(&info[info.len() - 4..], 512u32.to_be_bytes());
    let round = |counter: u32| {
        let mut h = Sha256::new();
        h.update(counter.to_be_bytes());
        h.update(z.expose_secret());
        h.update(&info);
        h.finalize().to_vec()
    };
    let expected = [round(1), round(2)].concat();
    for len in [1, 16, 31, 32, 33, 64] {
        let key = concat_kdf::derive(&z, &info, len).unwrap();
        assert_eq!(key.expose_secret(), &expected[..len], "{len}");
    }
    assert!(concat_kdf::derive(&z, &info, 0).is_err());
    assert!(concat_kdf::derive(&secret(&[]), &info, 16).is_err());
}

#[test]
fn derived_key_lengths_and_algorithm_ids() {
    let z = secret(&APPENDIX_C_Z);
    for &enc in E::ALL {
        let key = derive_key(A::ECDH_ES, enc, &z, b"", b"").unwrap();
        assert_eq!(key.len(), enc.key_len(), "{enc}");
        let info =
            concat_kdf::other_info(enc.as_str().as_bytes(), b"", b"", enc.key_len()).unwrap();
        assert_eq!(key, concat_kdf::derive(&z, &info, enc.key_len()).unwrap());
    }
    for (alg, len) in [
        (A::ECDH_ES_A128KW, 16),
        (A::ECDH_ES_A192KW, 24),
        (A::ECDH_ES_A256KW, 32),
    ] {
        // The enc does not enter the derivation of a key-wrapping key.
        let a = derive_key(alg, E::A128GCM, &z, b"u", b"v").unwrap();
        let b = derive_key(alg, E::A256CBC_HS512, &z, b"u", b"v").unwrap();
        assert_eq!((a.len(), &a), (len, &b), "{alg}");
        let info = concat_kdf::other_info(alg.as_str().as_bytes(), b"u", b"v", len).unwrap();
        assert_eq!(a, concat_kdf::derive(&z, &info, len).unwrap());
        // apu and apv are bound into the key.
        assert_ne!(a, derive_key(alg, E::A128GCM, &z, b"v", b"u").unwrap());
    }
    for alg in [A::A128KW, A::Dir, A::RSA_OAEP] {
        let e = derive_key(alg, E::A128GCM, &z, b"", b"").unwrap_err();
        assert!(matches!(e, Error::Invalid { .. }), "{alg}: {e}");
    }
}

#[test]
fn agreement_on_every_curve() {
    for curve in CURVES {
        let recipient = EcdhSecretKey::generate(curve).unwrap();
        assert_eq!(recipient.curve(), curve);
        assert_eq!(recipient.public_key().curve(), curve);
        for alg in ALGS {
            let (sent, epk) =
                agree_sender(&recipient.public_key(), alg, E::A192GCM, b"a", b"b").unwrap();
            assert_eq!(epk.curve(), curve);
            let params = Params::new(epk, b"a".to_vec(), b"b".to_vec());
            let received = agree_recipient(&recipient, alg, E::A192GCM, &params).unwrap();
            assert_eq!(sent, received, "{curve} {alg}");
            // A new ephemeral key every time.
            let (again, epk2) =
                agree_sender(&recipient.public_key(), alg, E::A192GCM, b"a", b"b").unwrap();
            assert_ne!((&sent, params.epk()), (&again, &epk2), "{curve} {alg}");
        }
        // The JWK forms round trip.
        let public = recipient.public_key();
        assert_eq!(EcdhPublicKey::from_jwk(&public.to_jwk()).unwrap(), public);
        let again = EcdhSecretKey::from_jwk(&recipient.to_jwk()).unwrap();
        assert_eq!(again.public_key(), public);
        assert!(!public.is_small_order());
    }
    for curve in [Curve::Ed25519, Curve::Secp256k1] {
        let e = EcdhSecretKey::generate(curve).unwrap_err();
        assert!(matches!(e, Error::InvalidKey { .. }), "{curve}: {e}");
    }
}

#[test]
fn keys_of_other_curves_are_refused() {
    for spec in [
        jose_jwk::KeySpec::Okp(jose_jwk::OkpCurve::Ed25519),
        jose_jwk::KeySpec::Ec(jose_jwk::EcCurve::Secp256k1),
        jose_jwk::KeySpec::Oct { bytes: 32 },
    ] {
        let key = Jwk::generate(spec).unwrap();
        let e = EcdhPublicKey::from_jwk(&key).unwrap_err();
        assert_eq!(e.code(), "ERR_JWK_UNSUPPORTED", "{e}");
        assert!(e.to_string().contains("ECDH-ES"), "{e}");
        assert!(EcdhSecretKey::from_jwk(&key).is_err());
    }
    // A public JWK is no secret key.
    let public = jwk(BOB).to_public().unwrap();
    assert_eq!(
        EcdhSecretKey::from_jwk(&public).unwrap_err(),
        jose_jwk::Error::NotPrivate
    );
}

#[test]
fn mismatched_curves_are_refused() {
    let keys: Vec<EcdhSecretKey> = CURVES
        .iter()
        .map(|&c| EcdhSecretKey::generate(c).unwrap())
        .collect();
    for secret in &keys {
        for other in &keys {
            let result = shared_secret(secret, &other.public_key());
            if secret.curve() == other.curve() {
                assert!(result.is_ok());
                continue;
            }
            let e = result.unwrap_err();
            assert!(matches!(e, Error::InvalidKey { .. }), "{e}");
            assert!(e.to_string().contains("cannot agree"), "{e}");
            let params = Params::new(other.public_key(), vec![], vec![]);
            assert_decryption_failed(
                agree_recipient(secret, A::ECDH_ES, E::A128GCM, &params),
                "wrong curve",
            );
        }
    }
}

#[test]
fn x25519_small_order_points_give_no_key() {
    let recipient = EcdhSecretKey::generate(Curve::X25519).unwrap();
    for u in X25519_SMALL_ORDER {
        let epk = x25519_public(u);
        assert!(epk.is_small_order(), "{u}");
        let e = shared_secret(&recipient, &epk).unwrap_err();
        assert!(e.to_string().contains("small order"), "{u}: {e}");
        let params = Params::new(epk.clone(), vec![], vec![]);
        for alg in ALGS {
            assert_decryption_failed(
                agree_recipient(&recipient, alg, E::A128GCM, &params),
                &format!("{u} {alg}"),
            );
        }
        // Nor is one accepted as a recipient's key.
        let e = agree_sender(&epk, A::ECDH_ES, E::A128GCM, b"", b"").unwrap_err();
        assert!(matches!(e, Error::InvalidKey { .. }), "{u}: {e}");
    }
    // The base point (u = 9) is of large order.
    let mut nine = [0u8; 32];
    nine[0] = 9;
    let base = EcdhPublicKey::X25519(x25519_dalek::PublicKey::from(nine));
    assert!(!base.is_small_order());
    assert!(shared_secret(&recipient, &base).is_ok());
}

fn header_with(value: Value) -> Result<Params, Error> {
    let Value::Object(map) = value else {
        panic!("not an object")
    };
    let header = JoseHeader::new(Some(&map), None, None).unwrap();
    Params::from_header(&header)
}

#[track_caller]
fn header_error_of(value: Value, needle: &str) {
    let e = header_with(value).unwrap_err();
    assert!(matches!(e, Error::Header(_)), "{e}");
    assert_eq!(e.code(), "ERR_JWE_INVALID");
    assert!(e.to_string().contains(needle), "{e}");
}

#[test]
fn params_from_header() {
    let epk = json!({"kty":"EC","crv":"P-256",
        "x":"gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0",
        "y":"SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps"});
    let params = header_with(json!({"epk": epk})).unwrap();
    assert!(params.apu().is_empty() && params.apv().is_empty());
    // Other JWK members may be there; they are ignored.
    let mut with_kid = epk.clone();
    with_kid["kid"] = json!("e");
    assert!(header_with(json!({"epk": with_kid})).is_ok());
    header_error_of(json!({}), "\"epk\" is required");
    for not_object in [json!("x"), json!([epk.clone()]), json!(null), json!(1)] {
        header_error_of(json!({"epk": not_object}), "must be a JSON object");
    }
    let mut private = epk.clone();
    private["d"] = json!("0_NxaRPUMQoAJt50Gz8YiTr8gRTwyEaCumd-MToTmIo");
    header_error_of(json!({"epk": private}), "private member \"d\"");
    header_error_of(json!({"epk": {"kty":"oct","k":"AAAA"}}), "EC or OKP");
    header_error_of(
        json!({"epk": {"kty":"RSA","n":"AQAB","e":"AQAB"}}),
        "EC or OKP",
    );
    header_error_of(json!({"epk": {"crv":"P-256"}}), "\"kty\"");
    header_error_of(json!({"epk": {"kty": 1}}), "\"kty\"");
    for (name, value) in [("apu", json!(1)), ("apv", json!(["QWxpY2U"]))] {
        header_error_of(json!({"epk": epk, name: value}), "must be a string");
    }
    for bad in ["QWxpY2U=", "QWxpY2V", "QW xpY2U", "QWxp+2U"] {
        header_error_of(json!({"epk": epk, "apu": bad}), "\"apu\" is not base64url");
        header_error_of(json!({"epk": epk, "apv": bad}), "\"apv\" is not base64url");
    }
}

#[test]
fn secret_keys_do_not_print() {
    let alice = EcdhSecretKey::from_jwk(&jwk(ALICE)).unwrap();
    let debug = format!("{alice:?}");
    assert_eq!(debug, "EcdhSecretKey { curve: P256, .. }");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn both_sides_derive_the_same_key(
        curve in 0..CURVES.len(),
        alg in 0..ALGS.len(),
        enc in 0..E::ALL.len(),
        apu in proptest::collection::vec(any::<u8>(), 0..40),
        apv in proptest::collection::vec(any::<u8>(), 0..40),
    ) {
        let recipient = EcdhSecretKey::generate(CURVES[curve]).unwrap();
        let (alg, enc) = (ALGS[alg], E::ALL[enc]);
        let (sent, epk) = agree_sender(&recipient.public_key(), alg, enc, &apu, &apv).unwrap();
        let received = agree_recipient(&recipient, alg, enc, &Params::new(epk, apu, apv)).unwrap();
        prop_assert_eq!(sent, received);
    }
}
