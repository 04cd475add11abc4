//! Tests of the JWS JSON Serializations: round trips, RFC 7520 §4.6–§4.8 and RFC 7797 §4
//! vectors, policies, and every rejection.
// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.

use jose_b64::serde_json::{self, Map, Value, json};
use jose_jwk::{EcCurve, Jwk, KeySpec, OkpCurve};

use super::*;
use crate::compact::ProtectedHeader;
use crate::{
    Error, Header, JwsAlgorithm, Limits, Location, SigningKey, Verifier, VerifyingKey,
    VerifyingKeyRequest,
};

const ANY: SignaturePolicy = SignaturePolicy::AnyOne;
const ALL: SignaturePolicy = SignaturePolicy::All;

fn obj(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

fn hs(seed: u8, kid: &str) -> SigningKey {
    SigningKey::hmac(&[seed; 32], JwsAlgorithm::HS256)
        .unwrap()
        .with_kid(kid)
}

fn es256(kid: &str) -> SigningKey {
    let jwk = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
    SigningKey::from_jwk(&jwk, JwsAlgorithm::ES256)
        .unwrap()
        .with_kid(kid)
}

fn eddsa(kid: &str) -> SigningKey {
    let jwk = Jwk::generate(KeySpec::Okp(OkpCurve::Ed25519)).unwrap();
    SigningKey::from_jwk(&jwk, JwsAlgorithm::EdDSA)
        .unwrap()
        .with_kid(kid)
}

fn verifier() -> Verifier {
    Verifier::new([
        JwsAlgorithm::HS256,
        JwsAlgorithm::ES256,
        JwsAlgorithm::EdDSA,
    ])
    .unwrap()
}

fn keys(signing: &[&SigningKey]) -> Vec<VerifyingKey> {
    signing.iter().map(|k| k.verifying_key().clone()).collect()
}

/// Parses a JWS JSON text, changes it, and writes it back.
fn edit(jws: &str, change: impl FnOnce(&mut Map<String, Value>)) -> String {
    let mut map: Map<String, Value> = serde_json::from_str(jws).unwrap();
    change(&mut map);
    serde_json::to_string(&map).unwrap()
}

#[track_caller]
fn assert_malformed(result: Result<impl core::fmt::Debug, Error>, needle: &str) {
    match result {
        Err(Error::Malformed { reason }) => {
            assert!(reason.contains(needle), "{reason:?} lacks {needle:?}")
        }
        other => panic!("expected Malformed containing {needle:?}, got {other:?}"),
    }
}

#[track_caller]
fn assert_header_error(result: Result<impl core::fmt::Debug, Error>, needle: &str) {
    match result {
        Err(e @ Error::Header(_)) => {
            assert!(e.to_string().contains(needle), "{e} lacks {needle:?}")
        }
        other => panic!("expected a header error containing {needle:?}, got {other:?}"),
    }
}

#[track_caller]
fn assert_encoding(result: Result<impl core::fmt::Debug, Error>, part: &str) -> jose_b64::Error {
    match result {
        Err(Error::Encoding { part: p, source }) if p == part => source,
        other => panic!("expected an encoding error in {part}, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// Round trips

#[test]
fn flattened_round_trips_for_every_family() {
    for key in [hs(1, "h"), es256("e"), eddsa("d")] {
        let mut unprotected = Map::new();
        unprotected.insert("x-trace".into(), json!("a.b.c"));
        let jws = sign_flattened(
            &key,
            &Header::new().typ("example"),
            Some(unprotected),
            b"payload.with.dots",
        )
        .unwrap();
        let parsed = UnverifiedJsonJws::parse(&jws).unwrap();
        assert!(parsed.is_flattened() && parsed.has_payload() && parsed.is_b64());
        let verified = verifier()
            .verify_json(&jws, key.verifying_key(), &ANY)
            .unwrap();
        assert_eq!(verified.payload(), b"payload.with.dots");
        assert_eq!(verified.alg(), key.alg());
        assert_eq!(verified.kid(), key.kid());
        assert_eq!(verified.signature_index(), 0);
        assert_eq!(verified.verified_indexes(), [0]);
        assert_eq!(verified.protected_header()["typ"], "example");
        assert_eq!(verified.protected_header()["alg"], key.alg().as_str());
        assert_eq!(verified.unprotected_header().unwrap()["x-trace"], "a.b.c");
        for policy in [ALL, SignaturePolicy::require_kids([key.kid().unwrap()])] {
            assert!(
                verifier()
                    .verify_json(&jws, key.verifying_key(), &policy)
                    .is_ok()
            );
        }
    }
}

#[test]
fn general_round_trips_for_every_family() {
    let (h, e, d) = (hs(1, "h"), es256("e"), eddsa("d"));
    let jws = Signer::new(b"")
        .signature(&h, Header::new(), None)
        .signature(&e, Header::new().cty("text/plain"), None)
        .signature(&d, Header::new(), Some(obj(json!({"x": 1}))))
        .sign_general()
        .unwrap();
    let parsed = UnverifiedJsonJws::parse(&jws).unwrap();
    assert!(!parsed.is_flattened());
    assert_eq!(parsed.signature_count(), 3);
    assert_eq!(parsed.protected_header(1).unwrap()["cty"], "text/plain");
    assert!(parsed.protected_header_encoded(2).is_some());
    assert!(parsed.unprotected_header(0).is_none());
    assert_eq!(
        parsed.dangerous_insecure_payload().unwrap(),
        Some(Vec::new())
    );
    let all = keys(&[&h, &e, &d]);
    let verified = verifier().verify_json(&jws, &all, &ALL).unwrap();
    assert_eq!(verified.payload(), b"");
    assert_eq!(verified.verified_indexes(), [0, 1, 2]);
    assert_eq!((verified.signature_index(), verified.kid()), (0, Some("h")));
    // Each signature alone, through AnyOne with only its key.
    for (index, key) in [&h, &e, &d].into_iter().enumerate() {
        let verified = verifier()
            .verify_json(&jws, key.verifying_key(), &ANY)
            .unwrap();
        assert_eq!(verified.signature_index(), index);
        assert_eq!(verified.alg(), key.alg());
        assert_eq!(verified.unprotected_header().is_some(), index == 2);
    }
}

#[test]
fn detached_round_trips() {
    let key = es256("e");
    let jws = sign_flattened_detached(&key, &Header::new(), None, b"detached").unwrap();
    assert!(!jws.contains("payload"));
    let v = verifier();
    let verified = v
        .verify_json_detached(&jws, b"detached", key.verifying_key(), &ANY)
        .unwrap();
    assert_eq!(verified.payload(), b"detached");
    assert_eq!(
        v.verify_json_detached(&jws, b"other", key.verifying_key(), &ANY)
            .unwrap_err(),
        Error::InvalidSignature
    );
    // A detached JWS has no payload to verify on its own.
    assert_malformed(
        v.verify_json(&jws, key.verifying_key(), &ANY),
        "no \"payload\"",
    );

    let (a, b) = (hs(1, "a"), hs(2, "b"));
    let jws = Signer::new(b"detached general")
        .signature(&a, Header::new(), None)
        .signature(&b, Header::new(), None)
        .detached()
        .sign_general()
        .unwrap();
    assert!(!UnverifiedJsonJws::parse(&jws).unwrap().has_payload());
    let verified = v
        .verify_json_detached(&jws, b"detached general", &keys(&[&a, &b]), &ALL)
        .unwrap();
    assert_eq!(verified.verified_indexes(), [0, 1]);
}

#[test]
fn payload_present_for_detached_verification_is_rejected() {
    let key = hs(1, "a");
    let jws = sign_flattened(&key, &Header::new(), None, b"x").unwrap();
    assert_malformed(
        verifier().verify_json_detached(&jws, b"x", key.verifying_key(), &ANY),
        "must not have a \"payload\"",
    );
    // Even an empty one: absence is what "detached" means in JSON (RFC 7515 App. F).
    let empty = edit(&jws, |m| {
        m.insert("payload".into(), json!(""));
    });
    assert_malformed(
        verifier().verify_json_detached(&empty, b"", key.verifying_key(), &ANY),
        "must not have a \"payload\"",
    );
}

#[test]
fn unencoded_payload_round_trips() {
    let key = hs(1, "a");
    let header = Header::new().unencoded_payload();
    let payload = "$.02 \"quoted\" and ünïcode\n".as_bytes();
    let jws = sign_flattened(&key, &header, None, payload).unwrap();
    let parsed = UnverifiedJsonJws::parse(&jws).unwrap();
    assert!(!parsed.is_b64());
    assert_eq!(
        parsed.dangerous_insecure_payload().unwrap().as_deref(),
        Some(payload)
    );
    let verified = verifier()
        .verify_json(&jws, key.verifying_key(), &ANY)
        .unwrap();
    assert_eq!(verified.payload(), payload);
    assert_eq!(verified.protected_header()["b64"], false);

    // Several signatures, all unencoded.
    let other = es256("e");
    let jws = Signer::new(payload)
        .signature(&key, header.clone(), None)
        .signature(&other, header.clone(), None)
        .sign_general()
        .unwrap();
    let verified = verifier()
        .verify_json(&jws, &keys(&[&key, &other]), &ALL)
        .unwrap();
    assert_eq!(verified.payload(), payload);

    // Attached unencoded payloads are JSON strings: UTF-8 only. Detached: any bytes.
    assert_malformed(
        sign_flattened(&key, &header, None, &[0xff, 0xfe]),
        "must be UTF-8",
    );
    let jws = sign_flattened_detached(&key, &header, None, &[0xff, 0xfe]).unwrap();
    let verified = verifier()
        .verify_json_detached(&jws, &[0xff, 0xfe], key.verifying_key(), &ANY)
        .unwrap();
    assert_eq!(verified.payload(), [0xff, 0xfe]);

    // A verifier that refuses unencoded payloads refuses them here too.
    let strict = verifier().without_unencoded_payloads();
    let jws = sign_flattened(&key, &header, None, b"x").unwrap();
    assert_header_error(
        strict.verify_json(&jws, key.verifying_key(), &ANY),
        "does not understand",
    );
}

/// RFC 7797 §4.1 and §4.2 (flattened), with the RFC 7515 App. A.1 HMAC key.
#[test]
fn rfc7797_examples() {
    let jwk = Jwk::from_json(
        r#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#,
    )
    .unwrap();
    let key = SigningKey::from_jwk(&jwk, JwsAlgorithm::HS256).unwrap();
    let v = Verifier::new([JwsAlgorithm::HS256]).unwrap();

    let encoded = r#"{"protected":"eyJhbGciOiJIUzI1NiJ9","payload":"JC4wMg","signature":"5mvfOroL-g7HyqJoozehmsaqmvTYGEq5jTI1gVvoEoQ"}"#;
    let unencoded = r#"{"protected":"eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19","payload":"$.02","signature":"A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY"}"#;
    for jws in [encoded, unencoded] {
        let verified = v.verify_json(jws, key.verifying_key(), &ANY).unwrap();
        assert_eq!(verified.payload(), b"$.02");
    }
    // JSON string escapes are undone before signing input is formed (RFC 7797 §5.3).
    let escaped = unencoded.replace("\"$.02\"", "\"\\u0024.02\"");
    assert!(v.verify_json(&escaped, key.verifying_key(), &ANY).is_ok());

    for (header, expected) in [
        (Header::new(), encoded),
        (Header::new().unencoded_payload(), unencoded),
    ] {
        let made = sign_flattened(&key, &header, None, b"$.02").unwrap();
        let made: Value = serde_json::from_str(&made).unwrap();
        let expected: Value = serde_json::from_str(expected).unwrap();
        assert_eq!(made, expected);
    }
}

// ---------------------------------------------------------------------------------------
// RFC 7520 §4.6–§4.8

const COOKBOOK_PAYLOAD: &str = "It\u{2019}s a dangerous business, Frodo, going out your door. You step onto the road, and if you don't keep your feet, there\u{2019}s no knowing where you might be swept off to.";
const COOKBOOK_PAYLOAD_B64: &str = "SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4";
const HMAC_KID: &str = "018c0ae5-4d9b-471b-bfd6-eef314bc7037";
const BILBO: &str = "bilbo.baggins@hobbiton.example";
const HMAC_JWK: &str = r#"{"kty":"oct","kid":"018c0ae5-4d9b-471b-bfd6-eef314bc7037","use":"sig","alg":"HS256","k":"hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg"}"#;
const RSA_JWK: &str = r#"{"kty":"RSA","kid":"bilbo.baggins@hobbiton.example","use":"sig","n":"n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT-O-XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz_AJmSCpMaJMRBSFKrKb2wqVwGU_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj-oBHqFEHYpPe7Tpe-OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde3uhGqC0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_3L_vniUFAKwuCLqKnS2BYwdq_mzSnbLY7h_qixoR7jig3__kRhuaxwUkRz5iaiQkqgc5gHdrNP5zw","e":"AQAB","d":"bWUC9B-EFRIo8kpGfh0ZuyGPvMNKvYWNtB_ikiH9k20eT-O1q_I78eiZkpXxXQ0UTEs2LsNRS-8uJbvQ-A1irkwMSMkK1J3XTGgdrhCku9gRldY7sNA_AKZGh-Q661_42rINLRCe8W-nZ34ui_qOfkLnK9QWDDqpaIsA-bMwWWSDFu2MUBYwkHTMEzLYGqOe04noqeq1hExBTHBOBdkMXiuFhUq1BU6l-DqEiWxqg82sXt2h-LMnT3046AOYJoRioz75tSUQfGCshWTBnP5uDjd18kKhyv07lhfSJdrPdM5Plyl21hsFf4L_mHCuoFau7gdsPfHPxxjVOcOpBrQzwQ","p":"3Slxg_DwTXJcb6095RoXygQCAZ5RnAvZlno1yhHtnUex_fp7AZ_9nRaO7HX_-SFfGQeutao2TDjDAWU4Vupk8rw9JR0AzZ0N2fvuIAmr_WCsmGpeNqQnev1T7IyEsnh8UMt-n5CafhkikzhEsrmndH6LxOrvRJlsPp6Zv8bUq0k","q":"uKE2dh-cTf6ERF4k4e_jy78GfPYUIaUyoSSJuBzp3Cubk3OCqs6grT8bR_cu0Dm1MZwWmtdqDyI95HrUeq3MP15vMMON8lHTeZu2lmKvwqW7anV5UzhM1iZ7z4yMkuUwFWoBvyY898EXvRD-hdqRxHlSqAZ192zB3pVFJ0s7pFc","dp":"B8PVvXkvJrj2L-GYQ7v3y9r6Kw5g9SahXBwsWUzp19TVlgI-YV85q1NIb1rxQtD-IsXXR3-TanevuRPRt5OBOdiMGQp8pbt26gljYfKU_E9xn-RULHz0-ed9E9gXLKD4VGngpz-PfQ_q29pk5xWHoJp009Qf1HvChixRX59ehik","dq":"CLDmDGduhylc9o7r84rEUVn7pzQ6PF83Y-iBZx5NT-TpnOZKF1pErAMVeKzFEl41DlHHqqBLSM0W1sOFbwTxYWZDm6sI6og5iTbwQGIC3gnJKbi_7k_vJgGHwHxgPaX2PnvP-zyEkDERuf-ry4c_Z11Cq9AqC2yeL6kdKT1cYF8","qi":"3PiqvXQN0zwMeE-sBvZgi289XP9XCQF3VWqPzMKnIgQp7_Tugo6-NZBKCQsMf3HaEGBjTVJs_jcK8-TRXvaKe-7ZMaQj8VfBdYkssbu0NKDDhjJ-GtiseaDVWt7dcH0cfwxgFUHpQh7FoCrjFJ6h6ZEpMF6xmujs4qMpPz8aaI4"}"#;
const EC_PUBLIC_JWK: &str = r#"{"kty":"EC","kid":"bilbo.baggins@hobbiton.example","use":"sig","crv":"P-521","x":"AHKZLLOsCOzz5cY97ewNUajB957y-C-U88c3v13nmGZx6sYl_oJXu9A5RkTKqjqvjyekWF-7ytDyRXYgCF5cj0Kt","y":"AdymlHvOiLxXkEhayXQnNCvDX4h9htZaCJN34kfmC6pV5OhQHiraVySsUdaQkAgDPrwQrJmbnX9cwlGfP-HqHZR1"}"#;

fn cookbook_hmac() -> SigningKey {
    SigningKey::from_jwk(&Jwk::from_json(HMAC_JWK).unwrap(), JwsAlgorithm::HS256).unwrap()
}

fn json_eq(made: &str, expected: Value) {
    let made: Value = serde_json::from_str(made).unwrap();
    assert_eq!(made, expected);
}

#[test]
fn rfc7520_4_6_protecting_specific_header_fields() {
    assert_eq!(
        jose_b64::base64url::encode(COOKBOOK_PAYLOAD),
        COOKBOOK_PAYLOAD_B64
    );
    let key = cookbook_hmac();
    let protected = ProtectedHeader::decode("eyJhbGciOiJIUzI1NiJ9").unwrap();
    let signer = Signer::new(COOKBOOK_PAYLOAD.as_bytes()).signature_with_protected(
        &key,
        Some(&protected),
        Some(obj(json!({"kid": HMAC_KID}))),
    );
    let signature = "bWUSVaxorn7bEF1djytBd0kHv70Ly5pvbomzMWSOr20";
    let general = json!({
        "payload": COOKBOOK_PAYLOAD_B64,
        "signatures": [{"protected": "eyJhbGciOiJIUzI1NiJ9", "header": {"kid": HMAC_KID}, "signature": signature}]
    });
    let flattened = json!({
        "payload": COOKBOOK_PAYLOAD_B64, "protected": "eyJhbGciOiJIUzI1NiJ9",
        "header": {"kid": HMAC_KID}, "signature": signature
    });
    json_eq(&signer.sign_general().unwrap(), general.clone());
    json_eq(&signer.sign_flattened().unwrap(), flattened.clone());
    // The same with a Header: the key has a kid, but the unprotected header sets it, so it
    // is not written into the protected header.
    let with_kid = key.clone().with_kid(HMAC_KID);
    let made = sign_flattened(
        &with_kid,
        &Header::new(),
        Some(obj(json!({"kid": HMAC_KID}))),
        COOKBOOK_PAYLOAD.as_bytes(),
    )
    .unwrap();
    json_eq(&made, flattened.clone());

    let v = Verifier::new([JwsAlgorithm::HS256]).unwrap();
    for jws in [general, flattened] {
        let verified = v
            .verify_json(&jws.to_string(), key.verifying_key(), &ANY)
            .unwrap();
        assert_eq!(verified.payload(), COOKBOOK_PAYLOAD.as_bytes());
        assert_eq!(verified.unprotected_header().unwrap()["kid"], HMAC_KID);
        assert_eq!(verified.kid(), Some(HMAC_KID));
    }
}

#[test]
fn rfc7520_4_7_protecting_content_only() {
    let key = cookbook_hmac();
    let unprotected = obj(json!({"alg": "HS256", "kid": HMAC_KID}));
    let signer = Signer::new(COOKBOOK_PAYLOAD.as_bytes()).signature_with_protected(
        &key,
        None,
        Some(unprotected.clone()),
    );
    let signature = "xuLifqLGiblpv9zBpuZczWhNj1gARaLV3UxvxhJxZuk";
    let general = json!({"payload": COOKBOOK_PAYLOAD_B64,
        "signatures": [{"header": unprotected, "signature": signature}]});
    let flattened =
        json!({"payload": COOKBOOK_PAYLOAD_B64, "header": unprotected, "signature": signature});
    json_eq(&signer.sign_general().unwrap(), general.clone());
    json_eq(&signer.sign_flattened().unwrap(), flattened.clone());

    // `alg` only in `header`: refused by default, accepted on request.
    let strict = Verifier::new([JwsAlgorithm::HS256]).unwrap();
    let lenient = strict.clone().allow_unprotected_alg();
    for jws in [general, flattened] {
        let jws = jws.to_string();
        assert_header_error(
            strict.verify_json(&jws, key.verifying_key(), &ANY),
            "must be integrity protected",
        );
        let verified = lenient
            .verify_json(&jws, key.verifying_key(), &ANY)
            .unwrap();
        assert_eq!(verified.payload(), COOKBOOK_PAYLOAD.as_bytes());
        assert!(verified.protected_header().is_empty());
        assert_eq!(
            verified.header_param("alg"),
            Some((&json!("HS256"), Location::Shared))
        );
    }
}

#[test]
fn rfc7520_4_8_multiple_signatures() {
    let hmac = cookbook_hmac();
    let rsa = SigningKey::from_jwk(&Jwk::from_json(RSA_JWK).unwrap(), JwsAlgorithm::RS256).unwrap();
    let ec = VerifyingKey::from_jwk(&Jwk::from_json(EC_PUBLIC_JWK).unwrap(), JwsAlgorithm::ES512)
        .unwrap();
    let sig1 = "MIsjqtVlOpa71KE-Mss8_Nq2YH4FGhiocsqrgi5NvyG53uoimic1tcMdSg-qptrzZc7CG6Svw2Y13TDIqHzTUrL_lR2ZFcryNFiHkSw129EghGpwkpxaTn_THJTCglNbADko1MZBCdwzJxwqZc-1RlpO2HibUYyXSwO97BSe0_evZKdjvvKSgsIqjytKSeAMbhMBdMma622_BG5t4sdbuCHtFjp9iJmkio47AIwqkZV1aIZsv33uPUqBBCXbYoQJwt7mxPftHmNlGoOSMxR_3thmXTCm4US-xiNOyhbm8afKK64jU6_TPtQHiJeQJxz9G3Tx-083B745_AfYOnlC9w";
    let sig2 = "ARcVLnaJJaUWG8fG-8t5BREVAuTY8n8YHjwDO1muhcdCoFZFFjfISu0Cdkn9Ybdlmi54ho0x924DUz8sK7ZXkhc7AFM8ObLfTvNCrqcI3Jkl2U5IX3utNhODH6v7xgy1Qahsn0fyb4zSAkje8bAWz4vIfj5pCMYxxm4fgV3q7ZYhm5eD";
    let protected3 =
        "eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9";
    let sig3 = "s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0";
    let published = json!({
        "payload": COOKBOOK_PAYLOAD_B64,
        "signatures": [
            {"protected": "eyJhbGciOiJSUzI1NiJ9", "header": {"kid": BILBO}, "signature": sig1},
            {"header": {"alg": "ES512", "kid": BILBO}, "signature": sig2},
            {"protected": protected3, "signature": sig3}
        ]
    })
    .to_string();

    // The deterministic signatures (RS256, HS256) are reproduced exactly.
    let made = Signer::new(COOKBOOK_PAYLOAD.as_bytes())
        .signature_with_protected(
            &rsa,
            Some(&ProtectedHeader::decode("eyJhbGciOiJSUzI1NiJ9").unwrap()),
            Some(obj(json!({"kid": BILBO}))),
        )
        .signature_with_protected(
            &hmac,
            Some(&ProtectedHeader::decode(protected3).unwrap()),
            None,
        )
        .sign_general()
        .unwrap();
    let made: Value = serde_json::from_str(&made).unwrap();
    let expected: Value = serde_json::from_str(&published).unwrap();
    assert_eq!(made["payload"], expected["payload"]);
    assert_eq!(made["signatures"][0], expected["signatures"][0]);
    assert_eq!(made["signatures"][1], expected["signatures"][2]);

    let keys = vec![
        rsa.verifying_key().clone(),
        ec.clone(),
        hmac.verifying_key().clone().with_kid(HMAC_KID),
    ];
    let algs = [
        JwsAlgorithm::RS256,
        JwsAlgorithm::ES512,
        JwsAlgorithm::HS256,
    ];
    let strict = Verifier::new(algs).unwrap();
    // Signature 1 has an unprotected alg: AnyOne is satisfied by signature 0, All is not.
    let verified = strict.verify_json(&published, &keys, &ANY).unwrap();
    assert_eq!(verified.signature_index(), 0);
    assert_eq!(verified.alg(), JwsAlgorithm::RS256);
    let e = strict.verify_json(&published, &keys, &ALL).unwrap_err();
    assert!(
        matches!(&e, Error::PolicyNotSatisfied { reason } if reason.contains("signature 1 of 3")),
        "{e}"
    );

    let lenient = strict.allow_unprotected_alg();
    let verified = lenient.verify_json(&published, &keys, &ALL).unwrap();
    assert_eq!(verified.verified_indexes(), [0, 1, 2]);
    let verified = lenient.verify_json(&published, &[ec][..], &ANY).unwrap();
    assert_eq!(verified.signature_index(), 1);
    assert_eq!(verified.alg(), JwsAlgorithm::ES512);
    assert!(verified.protected_header().is_empty());
    assert_eq!(verified.unprotected_header().unwrap()["alg"], "ES512");
    let verified = lenient
        .verify_json(
            &published,
            &keys,
            &SignaturePolicy::require_kids([HMAC_KID]),
        )
        .unwrap();
    assert_eq!(verified.signature_index(), 2);
    assert_eq!(verified.protected_header()["kid"], HMAC_KID);
    assert!(verified.unprotected_header().is_none());
}

// ---------------------------------------------------------------------------------------
// Policies

#[test]
fn policies_with_several_keys() {
    let (a, b, c) = (hs(1, "a"), es256("b"), eddsa("c"));
    let jws = Signer::new(b"multi")
        .signature(&a, Header::new(), None)
        .signature(&b, Header::new(), None)
        .signature(&c, Header::new(), None)
        .sign_general()
        .unwrap();
    let v = verifier();
    let known = keys(&[&b, &c]); // a's key is unknown here

    let any = v.verify_json(&jws, &known, &ANY).unwrap();
    assert_eq!((any.signature_index(), any.kid()), (1, Some("b")));
    assert_eq!(any.verified_indexes(), [1]);

    let e = v.verify_json(&jws, &known, &ALL).unwrap_err();
    assert!(
        matches!(&e, Error::PolicyNotSatisfied { reason } if reason.contains("signature 0 of 3") && reason.contains("kid \"a\"")),
        "{e}"
    );
    let all = v.verify_json(&jws, &keys(&[&a, &b, &c]), &ALL).unwrap();
    assert_eq!(all.verified_indexes(), [0, 1, 2]);

    let need_c = v
        .verify_json(&jws, &known, &SignaturePolicy::require_kids(["c"]))
        .unwrap();
    assert_eq!((need_c.signature_index(), need_c.kid()), (2, Some("c")));
    assert_eq!(need_c.alg(), JwsAlgorithm::EdDSA);
    assert_eq!(need_c.verified_indexes(), [1, 2]);

    let need_cb = v
        .verify_json(
            &jws,
            &known,
            &SignaturePolicy::require_kids(["c", "b", "c"]),
        )
        .unwrap();
    assert_eq!(need_cb.signature_index(), 1);

    let e = v
        .verify_json(&jws, &known, &SignaturePolicy::require_kids(["a", "c"]))
        .unwrap_err();
    assert!(
        matches!(&e, Error::PolicyNotSatisfied { reason } if reason.contains("kid \"a\"") && !reason.contains("\"c\",")),
        "{e}"
    );

    let e = v
        .verify_json(&jws, &known, &SignaturePolicy::RequireKids(Vec::new()))
        .unwrap_err();
    assert!(
        matches!(&e, Error::PolicyNotSatisfied { reason } if reason.contains("vacuously")),
        "{e}"
    );
    assert_eq!(e.code(), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
}

#[test]
fn any_one_reports_the_common_error_or_lists_them() {
    let (a, b) = (hs(1, "a"), hs(2, "b"));
    let jws = Signer::new(b"x")
        .signature(&a, Header::new(), None)
        .signature(&b, Header::new(), None)
        .sign_general()
        .unwrap();
    // Wrong secrets under the right kids: both fail alike.
    let wrong = vec![
        VerifyingKey::hmac(&[9; 32], JwsAlgorithm::HS256)
            .unwrap()
            .with_kid("a"),
        VerifyingKey::hmac(&[9; 32], JwsAlgorithm::HS256)
            .unwrap()
            .with_kid("b"),
    ];
    assert_eq!(
        verifier().verify_json(&jws, &wrong, &ANY).unwrap_err(),
        Error::InvalidSignature
    );
    // Different failures: listed per signature.
    let e = verifier().verify_json(&jws, &wrong[..1], &ANY).unwrap_err();
    match &e {
        Error::PolicyNotSatisfied { reason } => {
            assert!(
                reason.contains("signature 0: signature verification failed"),
                "{reason}"
            );
            assert!(
                reason.contains("signature 1: no key for this JWS"),
                "{reason}"
            );
        }
        other => panic!("{other:?}"),
    }
    // A single signature: its own error, whatever the policy.
    let single = sign_flattened(&a, &Header::new(), None, b"x").unwrap();
    let es_only = Verifier::new([JwsAlgorithm::ES256]).unwrap();
    for policy in [ANY, ALL, SignaturePolicy::require_kids(["a"])] {
        assert!(matches!(
            es_only.verify_json(&single, a.verifying_key(), &policy),
            Err(Error::AlgorithmNotAllowed { alg: "HS256", .. })
        ));
    }
}

#[test]
fn require_kids_is_not_satisfied_by_another_key() {
    let (a, b) = (hs(1, "a"), hs(2, "b"));
    // Signed by a, but the header claims kid "b".
    let jws = Signer::new(b"x")
        .signature(&a, Header::new().kid("b"), None)
        .sign_general()
        .unwrap();
    let v = verifier();
    // A resolver that ignores the header's kid and always answers with a's key: the
    // signature verifies, but with key "a", not "b".
    let always_a = |_: &VerifyingKeyRequest<'_>| Ok(a.verifying_key().clone());
    let verified = v.verify_json(&jws, &always_a, &ANY).unwrap();
    assert_eq!(verified.kid(), Some("a"));
    assert_eq!(verified.protected_param("kid"), Some(&json!("b")));
    let e = v
        .verify_json(&jws, &always_a, &SignaturePolicy::require_kids(["b"]))
        .unwrap_err();
    assert!(
        matches!(&e, Error::PolicyNotSatisfied { reason } if reason.contains("kid \"b\"") && reason.contains("verified: signatures [0]")),
        "{e}"
    );
    // With a key set, the header's kid selects b's key, which does not verify a's signature.
    assert_eq!(
        v.verify_json(
            &jws,
            &keys(&[&a, &b]),
            &SignaturePolicy::require_kids(["b"])
        )
        .unwrap_err(),
        Error::InvalidSignature
    );
    // A single VerifyingKey without kid verifies but never satisfies RequireKids.
    let anonymous = VerifyingKey::hmac(&[1; 32], JwsAlgorithm::HS256).unwrap();
    assert!(v.verify_json(&jws, &anonymous, &ANY).is_ok());
    assert!(matches!(
        v.verify_json(&jws, &anonymous, &SignaturePolicy::require_kids(["a"])),
        Err(Error::PolicyNotSatisfied { .. })
    ));
}

#[test]
fn the_headers_returned_are_those_of_the_verifying_signature() {
    let good = hs(1, "good");
    let evil = hs(2, "evil");
    let jws = Signer::new(b"x")
        .signature(
            &evil,
            Header::new().typ("evil"),
            Some(obj(json!({"role": "admin"}))),
        )
        .signature(
            &good,
            Header::new().typ("good"),
            Some(obj(json!({"role": "user"}))),
        )
        .sign_general()
        .unwrap();
    let verified = verifier()
        .verify_json(&jws, good.verifying_key(), &ANY)
        .unwrap();
    assert_eq!(verified.signature_index(), 1);
    assert_eq!(verified.protected_header()["typ"], "good");
    assert_eq!(verified.unprotected_header().unwrap()["role"], "user");
    assert_eq!(
        verified.header_param("role"),
        Some((&json!("user"), Location::Shared))
    );
    assert_eq!(verified.kid(), Some("good"));

    // Swapping the unprotected headers of the two signatures changes what is returned, but
    // only ever the verifying signature's own (unprotected, so not integrity protected).
    let swapped = edit(&jws, |m| {
        let sigs = m["signatures"].as_array_mut().unwrap();
        let h0 = sigs[0]["header"].take();
        let h1 = sigs[1]["header"].take();
        sigs[0]["header"] = h1;
        sigs[1]["header"] = h0;
    });
    let verified = verifier()
        .verify_json(&swapped, good.verifying_key(), &ANY)
        .unwrap();
    assert_eq!(verified.protected_header()["typ"], "good");
    assert_eq!(verified.unprotected_header().unwrap()["role"], "admin");

    // Swapping the protected headers breaks both signatures.
    let swapped = edit(&jws, |m| {
        let sigs = m["signatures"].as_array_mut().unwrap();
        let p0 = sigs[0]["protected"].take();
        let p1 = sigs[1]["protected"].take();
        sigs[0]["protected"] = p1;
        sigs[1]["protected"] = p0;
    });
    assert!(
        verifier()
            .verify_json(&swapped, good.verifying_key(), &ANY)
            .is_err()
    );
}

// ---------------------------------------------------------------------------------------
// Shape

#[test]
fn both_forms_or_neither_are_rejected() {
    let key = hs(1, "a");
    let flat = sign_flattened(&key, &Header::new(), None, b"x").unwrap();
    let both = edit(&flat, |m| {
        m.insert(
            "signatures".into(),
            json!([{"protected": "eyJhbGciOiJIUzI1NiJ9", "signature": "AA"}]),
        );
    });
    assert_malformed(UnverifiedJsonJws::parse(&both), "both \"signatures\"");
    assert_malformed(
        verifier().verify_json(&both, key.verifying_key(), &ANY),
        "both",
    );
    let neither = edit(&flat, |m| {
        m.remove("signature");
    });
    assert_malformed(UnverifiedJsonJws::parse(&neither), "neither");
    assert_malformed(UnverifiedJsonJws::parse(r#"{"payload":"eA"}"#), "neither");
    assert_malformed(UnverifiedJsonJws::parse("{}"), "neither");

    // A general JWS may not carry top-level protected/header members either.
    let general = Signer::new(b"x")
        .signature(&key, Header::new(), None)
        .sign_general()
        .unwrap();
    for member in ["protected", "header"] {
        let odd = edit(&general, |m| {
            m.insert(member.into(), json!({}));
        });
        assert_malformed(UnverifiedJsonJws::parse(&odd), "at the top level");
    }
}

#[test]
fn signatures_must_be_a_non_empty_bounded_array_of_objects() {
    assert_malformed(
        UnverifiedJsonJws::parse(r#"{"payload":"eA","signatures":[]}"#),
        "\"signatures\" is empty",
    );
    assert_malformed(
        UnverifiedJsonJws::parse(r#"{"payload":"eA","signatures":{}}"#),
        "must be an array",
    );
    assert_malformed(
        UnverifiedJsonJws::parse(r#"{"payload":"eA","signatures":["eyJhbGciOiJIUzI1NiJ9..AA"]}"#),
        "signature 0 must be a JSON object",
    );
    // Too many signatures: 17 with the default limit of 16, and a configured limit.
    let key = hs(1, "a");
    let mut signer = Signer::new(b"x");
    for _ in 0..17 {
        signer = signer.signature(&key, Header::new(), None);
    }
    let seventeen = signer.sign_general().unwrap();
    assert_malformed(
        verifier().verify_json(&seventeen, key.verifying_key(), &ANY),
        "17 signatures exceed the limit of 16",
    );
    let three = Signer::new(b"x")
        .signature(&key, Header::new(), None)
        .signature(&key, Header::new(), None)
        .signature(&key, Header::new(), None)
        .sign_general()
        .unwrap();
    let limits = Limits {
        max_signatures: 2,
        ..Limits::DEFAULT
    };
    let tight = verifier().with_limits(limits);
    assert_malformed(
        tight.verify_json(&three, key.verifying_key(), &ANY),
        "3 signatures exceed the limit of 2",
    );
    // Parsed with the default limits, verified with tighter ones: still refused.
    assert_malformed(
        UnverifiedJsonJws::parse(&three)
            .unwrap()
            .verify(&tight, key.verifying_key(), &ANY),
        "exceed the limit of 2",
    );
    assert!(
        verifier()
            .verify_json(&three, key.verifying_key(), &ALL)
            .is_ok()
    );
}

#[test]
fn each_signature_member_is_checked() {
    let key = hs(1, "a");
    let flat = sign_flattened(&key, &Header::new(), None, b"x").unwrap();
    let cases: [(&str, Value, &str); 7] = [
        (
            "header",
            json!("eyJhbGciOiJIUzI1NiJ9"),
            "\"header\" must be a JSON object, found a string",
        ),
        (
            "header",
            json!([{"kid": "a"}]),
            "\"header\" must be a JSON object, found an array",
        ),
        ("header", Value::Null, "\"header\" must be a JSON object"),
        (
            "protected",
            json!({"alg": "HS256"}),
            "\"protected\" must be a base64url string",
        ),
        ("protected", json!(""), "\"protected\" is empty"),
        (
            "signature",
            json!(12),
            "\"signature\" must be a base64url string",
        ),
        (
            "payload",
            json!({"sub": "x"}),
            "\"payload\" must be a string",
        ),
    ];
    for (member, value, needle) in cases {
        let bad = edit(&flat, |m| {
            m.insert(member.into(), value.clone());
        });
        assert_malformed(
            verifier().verify_json(&bad, key.verifying_key(), &ANY),
            needle,
        );
    }
    for payload in [json!(null), json!(1), json!(["eA"]), json!(true)] {
        let bad = edit(&flat, |m| {
            m.insert("payload".into(), payload.clone());
        });
        assert_malformed(
            UnverifiedJsonJws::parse(&bad),
            "\"payload\" must be a string",
        );
    }
    // An empty `header` object is harmless (it conveys nothing) and accepted.
    let empty_header = edit(&flat, |m| {
        m.insert("header".into(), json!({}));
    });
    let verified = verifier()
        .verify_json(&empty_header, key.verifying_key(), &ANY)
        .unwrap();
    assert_eq!(verified.unprotected_header(), Some(&Map::new()));
    // A compact JWS is not a JSON serialization (no format guessing).
    let compact = crate::compact::sign(&key, &Header::new(), b"x").unwrap();
    assert_encoding(
        verifier().verify_json(&compact, key.verifying_key(), &ANY),
        "JSON serialization",
    );
    assert!(
        verifier()
            .verify_compact(&flat, key.verifying_key())
            .is_err()
    );
    let no_signature = r#"{"payload":"eA","signatures":[{"protected":"eyJhbGciOiJIUzI1NiJ9"}]}"#;
    assert_malformed(
        UnverifiedJsonJws::parse(no_signature),
        "\"signature\" is missing",
    );
    let no_header = r#"{"payload":"eA","signatures":[{"signature":"AA"}]}"#;
    assert_malformed(
        UnverifiedJsonJws::parse(no_header),
        "needs \"protected\" or \"header\"",
    );
    let no_header_flat = r#"{"payload":"eA","signature":"AA"}"#;
    assert_malformed(
        UnverifiedJsonJws::parse(no_header_flat),
        "needs \"protected\" or \"header\"",
    );

    // Strict base64url and strict JSON in `protected` and `signature`.
    for protected in [
        "eyJhbGciOiJIUzI1NiJ9=",
        "eyJhbGciOiJIUzI1NiJ9 ",
        "W10",
        "eyJhbGciOiJIUzI1NiIsImFsZyI6Im5vbmUifQ",
        "!!",
    ] {
        let bad = edit(&flat, |m| {
            m.insert("protected".into(), json!(protected));
        });
        assert_encoding(UnverifiedJsonJws::parse(&bad), "protected header");
    }
    let bad = edit(&flat, |m| {
        m.insert("signature".into(), json!("AB+/"));
    });
    assert_encoding(UnverifiedJsonJws::parse(&bad), "signature");
    // The payload must be base64url text when it is encoded.
    let bad = edit(&flat, |m| {
        m.insert("payload".into(), json!("eA=="));
    });
    assert_malformed(
        UnverifiedJsonJws::parse(&bad),
        "outside the base64url alphabet at offset 2",
    );
}

#[test]
fn strict_json_is_required() {
    let key = hs(1, "a");
    let flat = sign_flattened(&key, &Header::new(), Some(obj(json!({"x": 1}))), b"x").unwrap();
    // A duplicate member in the outer object …
    let dup_outer = flat.replacen('{', r#"{"payload":"eQ","#, 1);
    assert!(matches!(
        assert_encoding(verifier().verify_json(&dup_outer, key.verifying_key(), &ANY), "JSON serialization"),
        jose_b64::Error::DuplicateMember { name } if name == "payload"
    ));
    // … even when spelt with an escape …
    let dup_escaped = flat.replacen('{', r#"{"\u0070ayload":"eQ","#, 1);
    assert_encoding(
        verifier().verify_json(&dup_escaped, key.verifying_key(), &ANY),
        "JSON serialization",
    );
    // … inside `header` …
    let dup_header = flat.replace(r#""header":{"x":1}"#, r#""header":{"x":1,"x":2}"#);
    assert_ne!(dup_header, flat);
    assert!(matches!(
        assert_encoding(verifier().verify_json(&dup_header, key.verifying_key(), &ANY), "JSON serialization"),
        jose_b64::Error::DuplicateMember { name } if name == "x"
    ));
    // … or inside a member of `signatures`.
    let general = Signer::new(b"x")
        .signature(&key, Header::new(), None)
        .sign_general()
        .unwrap();
    let dup_sig = general.replace(r#"{"protected":"#, r#"{"signature":"AA","protected":"#);
    assert_encoding(UnverifiedJsonJws::parse(&dup_sig), "JSON serialization");

    for text in [
        "",
        "[]",
        "\"x\"",
        "{",
        "{} {}",
        "\u{feff}{}",
        "{\"payload\":\"\\ud800\"}",
    ] {
        assert_encoding(UnverifiedJsonJws::parse(text), "JSON serialization");
    }
    // Too large, too deep.
    let limits = Limits {
        max_token_len: flat.len() - 1,
        ..Limits::DEFAULT
    };
    assert!(matches!(
        verifier()
            .with_limits(limits)
            .verify_json(&flat, key.verifying_key(), &ANY),
        Err(Error::TooLarge {
            what: "JWS JSON serialization",
            ..
        })
    ));
    assert!(matches!(
        UnverifiedJsonJws::parse(&flat).unwrap().verify(
            &verifier().with_limits(limits),
            key.verifying_key(),
            &ANY
        ),
        Err(Error::TooLarge { .. })
    ));
    let deep = format!(
        "{}1{}",
        "[".repeat(Limits::DEFAULT.max_header_depth as usize),
        "]".repeat(Limits::DEFAULT.max_header_depth as usize)
    );
    let too_deep = edit(&flat, |m| {
        m.insert(
            "header".into(),
            json!({"x": serde_json::from_str::<Value>(&deep).unwrap()}),
        );
    });
    assert!(matches!(
        assert_encoding(UnverifiedJsonJws::parse(&too_deep), "unprotected header"),
        jose_b64::Error::TooDeep { max_depth: 16 }
    ));
    let deepest_allowed = format!(
        "{}1{}",
        "[".repeat(Limits::DEFAULT.max_header_depth as usize - 1),
        "]".repeat(Limits::DEFAULT.max_header_depth as usize - 1)
    );
    let ok = edit(&flat, |m| {
        m.insert(
            "header".into(),
            json!({"x": serde_json::from_str::<Value>(&deepest_allowed).unwrap()}),
        );
    });
    assert!(UnverifiedJsonJws::parse(&ok).is_ok());
    let very_deep = format!(
        "{{\"payload\":\"eA\",\"x\":{}1{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert_encoding(UnverifiedJsonJws::parse(&very_deep), "JSON serialization");
}

// ---------------------------------------------------------------------------------------
// Header rules, per signature

#[test]
fn a_name_in_protected_and_header_is_rejected() {
    let key = hs(1, "a");
    // security.md #3: the unprotected alg must never win over the protected one.
    let flat = sign_flattened(&key, &Header::new(), None, b"x").unwrap();
    let jws = edit(&flat, |m| {
        m.insert("protected".into(), json!("eyJhbGciOiJSUzI1NiJ9"));
        m.insert("header".into(), json!({"alg": "HS256"}));
    });
    for v in [verifier(), verifier().allow_unprotected_alg()] {
        assert_header_error(
            v.verify_json(&jws, key.verifying_key(), &ANY),
            "\"alg\" appears in more than one header",
        );
    }
    // Same value, same result; and any other name.
    let jws = edit(&flat, |m| {
        m.insert("header".into(), json!({"kid": "a"}));
    });
    assert_header_error(
        verifier().verify_json(&jws, key.verifying_key(), &ANY),
        "\"kid\" appears in more than one header",
    );
    // The signer refuses to produce such a JWS.
    assert_header_error(
        sign_flattened(
            &key,
            &Header::new().typ("a"),
            Some(obj(json!({"typ": "b"}))),
            b"x",
        ),
        "appears in more than one header",
    );
    assert_header_error(
        sign_flattened(
            &key,
            &Header::new(),
            Some(obj(json!({"alg": "HS256"}))),
            b"x",
        ),
        "\"alg\" appears in more than one header",
    );
}

#[test]
fn crit_and_b64_must_be_protected() {
    let key = hs(1, "a");
    let flat = sign_flattened(&key, &Header::new(), None, b"x").unwrap();
    let crit_in_header = edit(&flat, |m| {
        m.insert("header".into(), json!({"crit": ["exp"], "exp": 1}));
    });
    assert_header_error(
        verifier().verify_json(&crit_in_header, key.verifying_key(), &ANY),
        "crit",
    );
    let crit_in_header = edit(&flat, |m| {
        m.insert("header".into(), json!({"crit": ["b64"]}));
    });
    assert_header_error(
        verifier().verify_json(&crit_in_header, key.verifying_key(), &ANY),
        "integrity protected",
    );
    let b64_in_header = edit(&flat, |m| {
        m.insert("header".into(), json!({"b64": true}));
    });
    assert_header_error(
        verifier().verify_json(&b64_in_header, key.verifying_key(), &ANY),
        "\"b64\"",
    );
    // The signer refuses them too.
    assert_header_error(
        sign_flattened(
            &key,
            &Header::new(),
            Some(obj(json!({"crit": ["b64"]}))),
            b"x",
        ),
        "crit",
    );
    // A protected b64:false without crit.
    let protected = ProtectedHeader::decode("eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2V9").unwrap();
    let signer = Signer::new(b"x").signature_with_protected(&key, Some(&protected), None);
    assert_header_error(signer.sign_general(), "requires \"crit\"");
}

#[test]
fn signatures_must_agree_on_b64() {
    let (a, b) = (hs(1, "a"), hs(2, "b"));
    assert_malformed(
        Signer::new(b"x")
            .signature(&a, Header::new(), None)
            .signature(&b, Header::new().unencoded_payload(), None)
            .sign_general(),
        "all signatures must agree (RFC 7797 §3)",
    );
    // A JWS whose signatures disagree, built by hand (signature 0 encoded, 1 unencoded).
    let encoded = sign_flattened(&a, &Header::new(), None, b"xy").unwrap();
    let unencoded = sign_flattened(&b, &Header::new().unencoded_payload(), None, b"eHk").unwrap();
    let e: Map<String, Value> = serde_json::from_str(&encoded).unwrap();
    let u: Map<String, Value> = serde_json::from_str(&unencoded).unwrap();
    assert_eq!(e["payload"], u["payload"]); // "eHk" both ways
    let mixed = json!({
        "payload": e["payload"],
        "signatures": [
            {"protected": e["protected"], "signature": e["signature"]},
            {"protected": u["protected"], "signature": u["signature"]}
        ]
    })
    .to_string();
    assert_malformed(UnverifiedJsonJws::parse(&mixed), "disagree on \"b64\"");
    assert_malformed(
        verifier().verify_json(&mixed, &keys(&[&a, &b]), &ANY),
        "disagree on \"b64\"",
    );
}

#[test]
fn dots_in_string_values_do_not_matter() {
    let key = hs(1, "k.e.y");
    let jws = sign_flattened(
        &key,
        &Header::new()
            .typ("a.b")
            .param("x", "eyJhbGciOiJub25lIn0.e30.")
            .unwrap(),
        Some(obj(json!({"note": "...", "k.e.y": "."}))),
        b"....",
    )
    .unwrap();
    // security.md #30: a member whose name is a forged compact JWS is ignored, and the
    // format is never guessed from dots.
    let polyglot = edit(&jws, |m| {
        m.insert(
            "eyJhbGciOiJIUzI1NiJ9.eyJhZG1pbiI6dHJ1ZX0.".into(),
            json!(""),
        );
        m.insert("extra".into(), json!({"a.b": ["c.d"]}));
    });
    for text in [&jws, &polyglot] {
        let verified = verifier()
            .verify_json(text, key.verifying_key(), &ANY)
            .unwrap();
        assert_eq!(verified.payload(), b"....");
        assert_eq!(verified.kid(), Some("k.e.y"));
    }
    assert!(
        verifier()
            .verify_compact(&polyglot, key.verifying_key())
            .is_err()
    );
    // An unencoded payload full of dots, in both syntaxes.
    let header = Header::new().unencoded_payload();
    let flat = sign_flattened(&key, &header, None, b"a.b.c").unwrap();
    let general = Signer::new(b"a.b.c")
        .signature(&key, header, None)
        .sign_general()
        .unwrap();
    for text in [flat, general] {
        assert_eq!(
            verifier()
                .verify_json(&text, key.verifying_key(), &ANY)
                .unwrap()
                .payload(),
            b"a.b.c"
        );
    }
}

#[test]
fn tampering_is_detected() {
    let key = es256("e");
    let jws = sign_flattened(&key, &Header::new(), None, b"original").unwrap();
    let other_payload = edit(&jws, |m| {
        m.insert(
            "payload".into(),
            json!(jose_b64::base64url::encode("forged")),
        );
    });
    assert_eq!(
        verifier()
            .verify_json(&other_payload, key.verifying_key(), &ANY)
            .unwrap_err(),
        Error::InvalidSignature
    );
    // The received protected text is what is signed: a re-encoding of the same object fails.
    let reencoded = edit(&jws, |m| {
        let p = m["protected"].as_str().unwrap();
        let decoded = jose_b64::base64url::decode(p).unwrap();
        let mut spaced = b" ".to_vec();
        spaced.extend_from_slice(&decoded);
        m.insert(
            "protected".into(),
            json!(jose_b64::base64url::encode(spaced)),
        );
    });
    assert_eq!(
        verifier()
            .verify_json(&reencoded, key.verifying_key(), &ANY)
            .unwrap_err(),
        Error::InvalidSignature
    );
    // The empty payload verifies only against its own signing input.
    let empty = sign_flattened(&key, &Header::new(), None, b"").unwrap();
    assert!(
        verifier()
            .verify_json(&empty, key.verifying_key(), &ANY)
            .is_ok()
    );
    let emptied = edit(&jws, |m| {
        m.insert("payload".into(), json!(""));
    });
    assert!(
        verifier()
            .verify_json(&emptied, key.verifying_key(), &ANY)
            .is_err()
    );
}

#[test]
fn signer_errors() {
    let key = hs(1, "a");
    assert_malformed(Signer::new(b"x").sign_general(), "at least one signature");
    let two = Signer::new(b"x")
        .signature(&key, Header::new(), None)
        .signature(&key, Header::new(), None);
    assert_malformed(two.sign_flattened(), "exactly one signature, 2 were added");
    // A given protected header must name the key's algorithm.
    let es = ProtectedHeader::decode("eyJhbGciOiJFUzI1NiJ9").unwrap();
    assert!(matches!(
        Signer::new(b"x")
            .signature_with_protected(&key, Some(&es), None)
            .sign_general(),
        Err(Error::AlgorithmNotAllowed { alg: "ES256", .. })
    ));
    // No header at all: no alg.
    assert_header_error(
        Signer::new(b"x")
            .signature_with_protected(&key, None, None)
            .sign_general(),
        "\"alg\" is required",
    );
    // An empty unprotected header is left out (RFC 7515 §7.2.1).
    let jws = sign_flattened(&key, &Header::new(), Some(Map::new()), b"x").unwrap();
    assert!(!jws.contains("header"));
    // Custom critical extensions in an exact protected header are signed as given; a
    // verifier accepts them only if it understands them.
    let protected =
        ProtectedHeader::encode(obj(json!({"alg": "HS256", "crit": ["x-ext"], "x-ext": 1})))
            .unwrap();
    let jws = Signer::new(b"x")
        .signature_with_protected(&key, Some(&protected), None)
        .sign_flattened()
        .unwrap();
    assert_header_error(
        verifier().verify_json(&jws, key.verifying_key(), &ANY),
        "x-ext",
    );
    assert!(
        verifier()
            .understand("x-ext")
            .verify_json(&jws, key.verifying_key(), &ANY)
            .is_ok()
    );
}
