//! Bad-input tests for the compact JWS, one per entry of the security catalogue
//! (`shared/security.md`) that concerns it, named after the entry's number; then property
//! tests (round trips, single-byte mutations, arbitrary input) and deterministic outputs.
//!
//! Every bad input must fail with a typed error (variant and stable `code()`), never a panic.
//! Tokens with hand-made headers are MACed or signed here with the bare RustCrypto primitive,
//! so that the library's own signing path (which refuses most of them) is not involved.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::sync::OnceLock;

use hmac::{Hmac, KeyInit, Mac};
use jose_b64::serde_json::{Value, json};
use jose_b64::{Base64UrlProblem, base64url};
use jose_jwk::{EcCurve, Jwk, JwkSet, Key, KeySpec, OkpCurve};
use jose_jws::compact::{self, UnverifiedCompactJws};
use jose_jws::{
    Error, Header, JwsAlgorithm, Limits, SigningKey, VerifiedJws, Verifier, VerifyingKey,
    VerifyingKeyRequest, VerifyingKeySet,
};
use p256::ecdsa::signature::Signer;
use proptest::prelude::*;
use sha2::Sha256;

use JwsAlgorithm as A;

// ---------------------------------------------------------------------------------------
// Error codes (the stable strings of `Error::code`).

const INVALID: &str = "ERR_JWS_INVALID";
const ALG: &str = "ERR_JOSE_ALG_NOT_ALLOWED";
/// Not a code: a key error, whose code is the wrapped jose-jwk error's own (more specific)
/// code, `ERR_KEY_ALG_MISMATCH` for a key bound to another algorithm, `ERR_JWK_WRONG_KIND`
/// for a private key where a public one belongs (see [`key_code`]).
const KEY: &str = "a key error";
const NO_KEY: &str = "ERR_JWKS_NO_MATCHING_KEY";
const SIG: &str = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
const CONFIG: &str = "ERR_JOSE_CONFIGURATION";

/// Asserts that `$result` is an error matching `$pat` whose `code()` is `$code`, and returns
/// the error.
/// The code expected for `e`: `code`, or for [`KEY`] the code of a key error.
fn key_code(e: &Error, code: &'static str) -> &'static str {
    if code != KEY {
        return code;
    }
    match e {
        Error::Key(inner) => inner.code(),
        Error::KeyAlgorithmMismatch { .. } => "ERR_KEY_ALG_MISMATCH",
        Error::PrivateKeyNotAccepted => "ERR_JWK_WRONG_KIND",
        other => panic!("not a key error: {other:?}"),
    }
}

macro_rules! assert_err {
    ($result:expr, $pat:pat, $code:expr $(,)?) => {
        assert_err!($result, $pat, $code, "")
    };
    ($result:expr, $pat:pat, $code:expr, $($ctx:tt)+) => {{
        match $result {
            Ok(ok) => panic!(
                "expected {} ({}), got Ok({ok:?}) [{}]",
                stringify!($pat),
                $code,
                format_args!($($ctx)+)
            ),
            Err(e) => {
                assert!(
                    matches!(e, $pat),
                    "expected {}, got {e:?} ({e}) [{}]",
                    stringify!($pat),
                    format_args!($($ctx)+)
                );
                assert_eq!(e.code(), key_code(&e, $code), "{e:?} [{}]", format_args!($($ctx)+));
                assert!(!e.to_string().is_empty());
                e
            }
        }
    }};
}

// ---------------------------------------------------------------------------------------
// Keys.

const SECRET: [u8; 32] = *b"0123456789abcdef0123456789abcdef";
const OTHER_SECRET: [u8; 32] = *b"fedcba9876543210fedcba9876543210";
const CLAIMS: &[u8] = br#"{"sub":"admin"}"#;

/// The order n of P-256.
const P256_N: [u8; 32] = [
    0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51,
];

fn generated(slot: &'static OnceLock<Jwk>, spec: KeySpec) -> &'static Jwk {
    slot.get_or_init(|| Jwk::generate(spec).unwrap())
}

/// The verifier's RSA key pair (2048 bits), generated once.
fn rsa() -> &'static Jwk {
    static K: OnceLock<Jwk> = OnceLock::new();
    generated(&K, KeySpec::Rsa { bits: 2048 })
}

/// An attacker's RSA key pair, generated once.
fn attacker_rsa() -> &'static Jwk {
    static K: OnceLock<Jwk> = OnceLock::new();
    generated(&K, KeySpec::Rsa { bits: 2048 })
}

fn p256() -> &'static Jwk {
    static K: OnceLock<Jwk> = OnceLock::new();
    generated(&K, KeySpec::Ec(EcCurve::P256))
}

fn p384() -> &'static Jwk {
    static K: OnceLock<Jwk> = OnceLock::new();
    generated(&K, KeySpec::Ec(EcCurve::P384))
}

fn p521() -> &'static Jwk {
    static K: OnceLock<Jwk> = OnceLock::new();
    generated(&K, KeySpec::Ec(EcCurve::P521))
}

fn ed25519() -> &'static Jwk {
    static K: OnceLock<Jwk> = OnceLock::new();
    generated(&K, KeySpec::Okp(OkpCurve::Ed25519))
}

fn signing(jwk: &Jwk, alg: JwsAlgorithm) -> SigningKey {
    SigningKey::from_jwk(jwk, alg).unwrap()
}

fn verifying(jwk: &Jwk, alg: JwsAlgorithm) -> VerifyingKey {
    VerifyingKey::from_jwk(&jwk.to_public().unwrap(), alg).unwrap()
}

fn rs256_signing() -> &'static SigningKey {
    static K: OnceLock<SigningKey> = OnceLock::new();
    K.get_or_init(|| signing(rsa(), A::RS256))
}

fn p256_raw() -> p256::ecdsa::SigningKey {
    p256::ecdsa::SigningKey::try_from(p256()).unwrap()
}

fn hs_key() -> VerifyingKey {
    VerifyingKey::hmac(&SECRET, A::HS256).unwrap()
}

fn verifier(algs: &[JwsAlgorithm]) -> Verifier {
    Verifier::new(algs.iter().copied()).unwrap()
}

// ---------------------------------------------------------------------------------------
// Hand-made tokens.

fn b64(bytes: impl AsRef<[u8]>) -> String {
    base64url::encode(bytes)
}

fn hmac_sha256(key: &[u8], input: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).unwrap();
    mac.update(input);
    mac.finalize().into_bytes().to_vec()
}

/// `header_seg.payload_seg.HMAC-SHA256(key)`, segments taken as given.
fn hs256_raw_with(key: &[u8], header_seg: &str, payload_seg: &str) -> String {
    let input = format!("{header_seg}.{payload_seg}");
    let mac = hmac_sha256(key, input.as_bytes());
    format!("{input}.{}", b64(mac))
}

fn hs256_raw(header_seg: &str, payload_seg: &str) -> String {
    hs256_raw_with(&SECRET, header_seg, payload_seg)
}

/// An HS256 token with exactly this header text, MACed with [`SECRET`].
fn hs256(header_json: &str, payload: &[u8]) -> String {
    hs256_raw(&b64(header_json), &b64(payload))
}

fn hs256_bytes_header(header: &[u8], payload: &[u8]) -> String {
    hs256_raw(&b64(header), &b64(payload))
}

fn verify_hs(token: &str) -> Result<VerifiedJws, Error> {
    verifier(&[A::HS256]).verify_compact(token, &hs_key())
}

/// An ES256 token with exactly this header text, signed with [`p256`] by the bare primitive.
fn es256(header_json: &str, payload: &[u8]) -> (String, p256::ecdsa::Signature) {
    let input = format!("{}.{}", b64(header_json), b64(payload));
    let sig: p256::ecdsa::Signature = p256_raw().sign(input.as_bytes());
    (format!("{input}.{}", b64(sig.to_bytes())), sig)
}

/// Replaces the signature segment of `token` with `signature`.
fn with_signature(token: &str, signature: &[u8]) -> String {
    with_signature_segment(token, &b64(signature))
}

fn with_signature_segment(token: &str, segment: &str) -> String {
    let cut = token.rfind('.').unwrap();
    format!("{}.{segment}", &token[..cut])
}

fn signature_of(token: &str) -> Vec<u8> {
    base64url::decode(&token[token.rfind('.').unwrap() + 1..]).unwrap()
}

fn segments(token: &str) -> (&str, &str, &str) {
    let mut parts = token.split('.');
    let (Some(h), Some(p), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        panic!("not three segments: {token}")
    };
    (h, p, s)
}

/// The same bytes spelled with non-zero unused bits in the last character, when the segment
/// has unused bits (length ≡ 2 or 3 mod 4).
fn non_canonical(segment: &str) -> Option<String> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let last = *segment.as_bytes().last()?;
    let value = ALPHABET.iter().position(|&c| c == last)?;
    let spare = match segment.len() % 4 {
        2 => 0b1111,
        3 => 0b11,
        _ => return None,
    };
    assert_eq!(value & spare, 0, "canonical input expected");
    let sibling = ALPHABET[value | 1] as char;
    let mut out = segment[..segment.len() - 1].to_owned();
    out.push(sibling);
    Some(out)
}

// =======================================================================================
// A. Algorithm and key selection
// =======================================================================================

#[test]
fn n01_none_in_every_spelling() {
    let payload = "eyJzdWIiOiJhZG1pbiJ9"; // {"sub":"admin"}
    let every = Verifier::new(JwsAlgorithm::ALL.iter().copied()).unwrap();
    assert!(!every.algorithms().contains(&A::None));
    let verifiers = [
        verifier(&[A::HS256]),
        Verifier::hmac(),
        Verifier::asymmetric(),
        every,
    ];
    let signatures = |header: &str| {
        let input = format!("{header}.{payload}");
        vec![
            String::new(),
            "c2lnbmF0dXJl".to_owned(),
            b64(hmac_sha256(&SECRET, input.as_bytes())),
            "A".repeat(86),
        ]
    };

    // The catalogue's token, verbatim.
    for v in &verifiers {
        assert_err!(
            v.verify_compact("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.", &hs_key()),
            Error::UnsecuredAlgorithm,
            ALG
        );
    }
    // `none` exactly, with no, junk, a real HMAC, or a zero signature.
    let none = "eyJhbGciOiJub25lIn0";
    assert_eq!(base64url::decode(none).unwrap(), br#"{"alg":"none"}"#);
    for sig in signatures(none) {
        let token = format!("{none}.{payload}.{sig}");
        for v in &verifiers {
            assert_err!(
                v.verify_compact(&token, &hs_key()),
                Error::UnsecuredAlgorithm,
                ALG,
                "{token}"
            );
        }
    }
    // Other spellings are not names at all (compared byte-exactly, never normalised).
    let mut spellings: Vec<String> = [
        "eyJhbGciOiJOb25lIn0",  // None
        "eyJhbGciOiJuT25FIn0",  // nOnE
        "eyJhbGciOiJOT05FIn0",  // NONE
        "eyJhbGciOiIgbm9uZSJ9", // " none"
    ]
    .map(str::to_owned)
    .to_vec();
    for alg in [
        "none ",
        "NoNe",
        "none\u{0}",
        "\u{200b}none",
        "nonE",
        "hs256",
        "HS256 ",
    ] {
        spellings.push(b64(json!({ "alg": alg }).to_string()));
    }
    for header in &spellings {
        for sig in signatures(header) {
            let token = format!("{header}.{payload}.{sig}");
            for v in &verifiers {
                assert_err!(
                    v.verify_compact(&token, &hs_key()),
                    Error::UnknownAlgorithm { .. },
                    ALG,
                    "{token}"
                );
            }
        }
    }
    // Without the trailing dot it is not a compact JWS.
    assert_err!(
        verify_hs("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9"),
        Error::Malformed { .. },
        INVALID
    );
    // `alg` missing or not a string: a header error; empty: an unknown name.
    for header in [
        r#"{}"#,
        r#"{"typ":"JWT"}"#,
        r#"{"alg":null}"#,
        r#"{"alg":256}"#,
        r#"{"alg":["HS256"]}"#,
        r#"{"alg":["none"]}"#,
        r#"{"alg":{"name":"HS256"}}"#,
        r#"{"alg":true}"#,
    ] {
        assert_err!(
            verify_hs(&hs256(header, CLAIMS)),
            Error::Header(_),
            INVALID,
            "{header}"
        );
    }
    assert_err!(
        verify_hs(&hs256(r#"{"alg":""}"#, CLAIMS)),
        Error::UnknownAlgorithm { .. },
        ALG
    );
    // An allow-list of only `none` is no allow-list; `none` is dropped from a mixed one.
    assert_err!(Verifier::new([A::None]), Error::EmptyAllowList, CONFIG);
    assert_err!(Verifier::new([]), Error::EmptyAllowList, CONFIG);
    assert_eq!(
        Verifier::new([A::HS256, A::None]).unwrap().algorithms(),
        [A::HS256]
    );
    // No key is ever made for `none`.
    assert_err!(SigningKey::hmac(&SECRET, A::None), Error::Key(_), KEY);
    assert_err!(VerifyingKey::hmac(&SECRET, A::None), Error::Key(_), KEY);
    assert_err!(VerifyingKey::from_jwk(p256(), A::None), Error::Key(_), KEY);
}

/// The public key in every byte form an attacker might use as an HMAC secret.
fn public_key_encodings(jwk: &Jwk) -> Vec<(&'static str, Vec<u8>)> {
    let public = jwk.to_public().unwrap();
    let pem = public.to_public_pem().unwrap();
    let mut forms = vec![
        ("PEM", pem.clone().into_bytes()),
        ("PEM + LF", format!("{pem}\n").into_bytes()),
        ("space + PEM", format!(" {pem}").into_bytes()),
        ("BOM + PEM", format!("\u{feff}{pem}").into_bytes()),
        ("ZWSP + PEM", format!("\u{200b}{pem}").into_bytes()),
        ("comment + PEM", format!("# key\n{pem}").into_bytes()),
        ("SPKI DER", public.to_spki_der().unwrap()),
        ("JWK JSON", public.to_json().into_bytes()),
    ];
    match public.key() {
        Key::Rsa(rsa) => {
            forms.push(("raw n", rsa.n().to_vec()));
            forms.push(("n base64url", b64(rsa.n()).into_bytes()));
            forms.push(("PKCS#1 DER", public.to_pkcs1_public_der().unwrap()));
            forms.push((
                "PKCS#1 PEM",
                public.to_pkcs1_public_pem().unwrap().into_bytes(),
            ));
        }
        Key::Ec(ec) => {
            forms.push(("SEC1 point", ec.to_sec1_bytes()));
            forms.push(("x", ec.x().to_vec()));
        }
        _ => {}
    }
    forms
}

#[test]
fn n02_hmac_with_the_public_key_as_secret() {
    for (jwk, alg) in [(rsa(), A::RS256), (p256(), A::ES256)] {
        let public = jwk.to_public().unwrap();
        let key = verifying(jwk, alg);
        let only_asym = verifier(&[alg]);
        let both = verifier(&[alg, A::HS256]);
        let set = VerifyingKeySet::from_jwks(
            &JwkSet::from_keys(vec![public.clone()]).unwrap(),
            &[alg, A::HS256],
        )
        .unwrap();
        assert_eq!(set.len(), 1, "the public key is bound to {alg} only");
        assert_eq!(set.keys()[0].alg(), alg);
        let key_for_closure = key.clone();
        let closure = move |_: &VerifyingKeyRequest<'_>| -> Result<VerifyingKey, Error> {
            Ok(key_for_closure.clone())
        };

        for (form, secret) in public_key_encodings(jwk) {
            let token = hs256_raw_with(&secret, &b64(r#"{"alg":"HS256"}"#), &b64(CLAIMS));
            let ctx = format!("{alg} key as {form}");
            assert_err!(
                only_asym.verify_compact(&token, &key),
                Error::AlgorithmNotAllowed { alg: "HS256", .. },
                ALG,
                "{ctx}"
            );
            let e = assert_err!(
                both.verify_compact(&token, &key),
                Error::KeyAlgorithmMismatch {
                    header: "HS256",
                    ..
                },
                KEY,
                "{ctx}"
            );
            assert!(e.to_string().contains(alg.as_str()), "{e}");
            assert_err!(
                both.verify_compact(&token, &set),
                Error::NoMatchingKey { .. },
                NO_KEY,
                "{ctx}"
            );
            assert_err!(
                both.verify_compact(&token, &closure),
                Error::KeyAlgorithmMismatch { .. },
                KEY,
                "{ctx}"
            );
            assert_err!(
                Verifier::hmac().verify_compact(&token, &key),
                Error::KeyAlgorithmMismatch { .. },
                KEY,
                "{ctx}"
            );
            // With the `kid` of the real key, too.
            let token = hs256_raw_with(
                &secret,
                &b64(r#"{"alg":"HS256","kid":"real"}"#),
                &b64(CLAIMS),
            );
            let keyed = key.clone().with_kid("real");
            assert_err!(
                both.verify_compact(&token, &keyed),
                Error::KeyAlgorithmMismatch { .. },
                KEY,
                "{ctx}"
            );
        }

        // A public key can never become an HMAC key, whatever the form it comes in.
        for hs in [A::HS256, A::HS384, A::HS512] {
            assert_err!(VerifyingKey::from_jwk(&public, hs), Error::Key(_), KEY);
            assert_err!(VerifyingKey::from_jwk(jwk, hs), Error::Key(_), KEY);
            assert_err!(SigningKey::from_jwk(jwk, hs), Error::Key(_), KEY);
            let pem = public.to_public_pem().unwrap();
            assert_err!(VerifyingKey::from_pem(&pem, hs), Error::Key(_), KEY);
            for prefixed in [format!(" {pem}"), format!("\n\n{pem}"), format!("x{pem}")] {
                assert!(VerifyingKey::from_pem(&prefixed, hs).is_err());
            }
            // A JWK that claims an HMAC algorithm is still an asymmetric key.
            let claims_hs = public.clone().with_alg(hs.as_str());
            assert_err!(VerifyingKey::from_jwk(&claims_hs, hs), Error::Key(_), KEY);
        }
    }
    // The specific case the brief names: a public RSA JWK for HS256.
    let e = assert_err!(
        VerifyingKey::from_jwk(&rsa().to_public().unwrap(), A::HS256),
        Error::Key(jose_jwk::Error::KeyTypeMismatch { .. }),
        KEY
    );
    assert!(e.to_string().contains("oct"), "{e}");
}

#[test]
fn n04_embedded_jwk_is_never_the_key() {
    // RS256: the attacker signs with its own key and embeds the public part (also the
    // private one: `d` included).
    let real = verifying(rsa(), A::RS256);
    let attacker = signing(attacker_rsa(), A::RS256);
    for embedded in [
        attacker_rsa().to_public().unwrap().to_map(),
        attacker_rsa().to_map(),
    ] {
        let header = Header::new().param("jwk", Value::Object(embedded)).unwrap();
        let token = compact::sign(&attacker, &header, CLAIMS).unwrap();
        // The attacker's token is well formed: it verifies with the attacker's key.
        assert!(
            verifier(&[A::RS256])
                .verify_compact(&token, attacker.verifying_key())
                .is_ok()
        );
        assert_err!(
            verifier(&[A::RS256]).verify_compact(&token, &real),
            Error::InvalidSignature,
            SIG
        );
        assert_err!(
            Verifier::asymmetric().verify_compact(&token, &vec![real.clone()]),
            Error::InvalidSignature,
            SIG
        );
    }

    // ES256, with the attacker naming the real key's kid.
    let real = verifying(p256(), A::ES256).with_kid("real");
    let attacker_jwk = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
    let attacker = signing(&attacker_jwk, A::ES256);
    let header = Header::new()
        .kid("real")
        .param(
            "jwk",
            Value::Object(attacker_jwk.to_public().unwrap().to_map()),
        )
        .unwrap();
    let token = compact::sign(&attacker, &header, CLAIMS).unwrap();
    assert_err!(
        verifier(&[A::ES256]).verify_compact(&token, &real),
        Error::InvalidSignature,
        SIG
    );
    assert_err!(
        verifier(&[A::ES256]).verify_compact(&token, &vec![real.clone()]),
        Error::InvalidSignature,
        SIG
    );

    // HS256 with an embedded `oct` key (go-jose rejects those outright).
    let attacker_secret = [0x41u8; 32];
    let header = json!({"alg": "HS256", "jwk": {"kty": "oct", "k": b64(attacker_secret)}});
    let token = hs256_raw_with(&attacker_secret, &b64(header.to_string()), &b64(CLAIMS));
    assert_err!(verify_hs(&token), Error::InvalidSignature, SIG);
}

#[test]
fn n05_jku_and_x5u_are_never_followed() {
    let real = verifying(p256(), A::ES256).with_kid("k1");
    let keys = vec![real.clone()];
    let attacker = signing(
        &Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap(),
        A::ES256,
    );
    for (name, url) in [
        ("jku", "https://attacker.example/jwks.json"),
        ("jku", "file:///etc/passwd"),
        ("jku", "https://trusted.example@attacker.example/jwks"),
        ("x5u", "http://169.254.169.254/latest/meta-data/"),
    ] {
        // Signed by the attacker: fails against the configured key, and no request is made
        // (there is no network code in the crate at all).
        let header = Header::new().kid("k1").param(name, url).unwrap();
        let token = compact::sign(&attacker, &header, CLAIMS).unwrap();
        assert_err!(
            verifier(&[A::ES256]).verify_compact(&token, &keys),
            Error::InvalidSignature,
            SIG,
            "{name}={url}"
        );
        // An unknown kid next to a URL is still an unknown kid.
        let header = Header::new().kid("attacker").param(name, url).unwrap();
        let token = compact::sign(&attacker, &header, CLAIMS).unwrap();
        assert_err!(
            verifier(&[A::ES256]).verify_compact(&token, &keys),
            Error::NoMatchingKey { .. },
            NO_KEY,
            "{name}={url}"
        );
        // Signed by the real key: the URL is ignored, neither used nor an error.
        let header = Header::new().param(name, url).unwrap();
        let token =
            compact::sign(&signing(p256(), A::ES256).with_kid("k1"), &header, CLAIMS).unwrap();
        let verified = verifier(&[A::ES256]).verify_compact(&token, &keys).unwrap();
        assert_eq!(verified.payload(), CLAIMS);
        assert_eq!(verified.protected_param(name), Some(&json!(url)));
    }
}

#[test]
fn n06_kid_is_an_exact_lookup() {
    let a = hs_key().with_kid("a");
    let b = VerifyingKey::hmac(&OTHER_SECRET, A::HS256)
        .unwrap()
        .with_kid("b");
    let keys = vec![a.clone(), b.clone()];
    let v = verifier(&[A::HS256]);

    // The right kid verifies; the kid of the other key does not.
    assert!(
        v.verify_compact(&hs256(r#"{"alg":"HS256","kid":"a"}"#, CLAIMS), &keys)
            .is_ok()
    );
    assert_err!(
        v.verify_compact(&hs256(r#"{"alg":"HS256","kid":"b"}"#, CLAIMS), &keys),
        Error::InvalidSignature,
        SIG
    );
    // Unknown kids, including injection payloads: no fallback to another key.
    for kid in [
        "c",
        "A",
        "a ",
        " a",
        "../../../../../../dev/null",
        "x' UNION SELECT 'AAAA'-- ",
        "a\u{0}",
        "",
        "\u{0430}", // Cyrillic a
    ] {
        let header = json!({"alg": "HS256", "kid": kid}).to_string();
        let token = hs256(&header, CLAIMS);
        assert_err!(
            v.verify_compact(&token, &keys),
            Error::NoMatchingKey { .. },
            NO_KEY,
            "{kid:?}"
        );
        assert_err!(
            v.verify_compact(&token, keys.as_slice()),
            Error::NoMatchingKey { .. },
            NO_KEY,
            "{kid:?}"
        );
        // A single key with another kid is no match either.
        assert_err!(
            v.verify_compact(&token, &a),
            Error::NoMatchingKey { .. },
            NO_KEY,
            "{kid:?}"
        );
        // ... and an empty HMAC key can never be made to match it.
        assert!(VerifyingKey::hmac(b"", A::HS256).is_err());
    }
    // kid of the wrong type: invalid, not "absent".
    for kid in ["5", "null", "[\"a\"]", "{\"a\":1}", "true"] {
        let token = hs256(&format!(r#"{{"alg":"HS256","kid":{kid}}}"#), CLAIMS);
        assert_err!(
            v.verify_compact(&token, &keys),
            Error::Header(_),
            INVALID,
            "{kid}"
        );
        assert_err!(
            v.verify_compact(&token, &a),
            Error::Header(_),
            INVALID,
            "{kid}"
        );
    }
    // A long kid is refused, not looked up (security.md #6: 256 bytes at most), and the
    // message does not repeat it; past the token limit it is refused before decoding.
    let ok = hs256(
        &json!({"alg": "HS256", "kid": "k".repeat(256)}).to_string(),
        CLAIMS,
    );
    assert_err!(
        v.verify_compact(&ok, &keys),
        Error::NoMatchingKey { .. },
        NO_KEY
    );
    let long = "k".repeat(6000);
    let token = hs256(&json!({"alg": "HS256", "kid": long}).to_string(), CLAIMS);
    let e = assert_err!(v.verify_compact(&token, &keys), Error::Header(_), INVALID);
    assert!(e.to_string().contains("more than the 256 accepted"), "{e}");
    assert!(e.to_string().len() < 300, "{e}");
    let e = assert_err!(v.verify_compact(&token, &a), Error::Header(_), INVALID);
    assert!(e.to_string().len() < 300, "{e}");
    let huge = "k".repeat(1 << 20);
    let token = hs256(&json!({"alg": "HS256", "kid": huge}).to_string(), CLAIMS);
    assert_err!(
        v.verify_compact(&token, &keys),
        Error::TooLarge { .. },
        INVALID
    );
    // Two keys for one algorithm with one kid in a plain key list: ambiguous, never "try
    // each" (a JwkSet refuses such a list when loaded, below).
    let twins = vec![a.clone(), b.clone().with_kid("a")];
    let by_second = hs256_raw_with(
        &OTHER_SECRET,
        &b64(r#"{"alg":"HS256","kid":"a"}"#),
        &b64(CLAIMS),
    );
    assert_err!(
        v.verify_compact(&by_second, &twins),
        Error::NoMatchingKey { .. },
        NO_KEY
    );
    // No kid and several keys for the algorithm: ambiguous, never "try each".
    let token = hs256(r#"{"alg":"HS256"}"#, CLAIMS);
    assert_err!(
        v.verify_compact(&token, &keys),
        Error::NoMatchingKey { .. },
        NO_KEY
    );
    // No kid and exactly one key for the algorithm (others are for other algorithms): used.
    let mixed = vec![a.clone(), verifying(p256(), A::ES256).with_kid("e")];
    assert!(v.verify_compact(&token, &mixed).is_ok());
    // A kid that names a key of another algorithm is no match.
    let token = hs256(r#"{"alg":"HS256","kid":"e"}"#, CLAIMS);
    assert_err!(
        verifier(&[A::HS256, A::ES256]).verify_compact(&token, &mixed),
        Error::NoMatchingKey { .. },
        NO_KEY
    );
    // A JWK Set with a kid on two keys one algorithm could use is refused when loaded
    // (keys of different types or curves may share one, RFC 7517 §4.5).
    let dup = JwkSet::from_json(&format!(
        r#"{{"keys":[{},{}]}}"#,
        p256().to_public().unwrap().with_kid("d").to_json(),
        p256().to_public().unwrap().with_kid("d").to_json()
    ));
    assert!(dup.is_err());
}

#[test]
fn n07_x5c_and_x5t_are_never_the_key() {
    let real = verifying(p256(), A::ES256);
    let attacker_jwk = Jwk::generate(KeySpec::Ec(EcCurve::P256)).unwrap();
    let attacker = signing(&attacker_jwk, A::ES256);
    // Standard (padded) base64, as x5c uses; the content is the attacker's SPKI.
    let fake_cert = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE".to_owned() + "AAAA==";
    let header = Header::new()
        .param("x5c", json!([fake_cert]))
        .unwrap()
        .param("x5t#S256", b64([7u8; 32]))
        .unwrap()
        .param("x5t", b64([7u8; 20]))
        .unwrap()
        .param(
            "jwk",
            Value::Object(attacker_jwk.to_public().unwrap().to_map()),
        )
        .unwrap();
    let token = compact::sign(&attacker, &header, CLAIMS).unwrap();
    assert_err!(
        verifier(&[A::ES256]).verify_compact(&token, &real),
        Error::InvalidSignature,
        SIG
    );
    // The same header signed by the real key verifies: x5c is ignored, not trusted.
    let token = compact::sign(&signing(p256(), A::ES256), &header, CLAIMS).unwrap();
    let verified = verifier(&[A::ES256]).verify_compact(&token, &real).unwrap();
    assert_eq!(verified.payload(), CLAIMS);
}

#[test]
fn n08_key_algorithm_binding() {
    // A key bound to HS384 given to a verifier for an HS256 token.
    let hs384 = VerifyingKey::hmac(&[9u8; 48], A::HS384).unwrap();
    let token = hs256(r#"{"alg":"HS256"}"#, CLAIMS);
    for v in [
        verifier(&[A::HS256]),
        verifier(&[A::HS256, A::HS384]),
        Verifier::hmac(),
    ] {
        let e = assert_err!(
            v.verify_compact(&token, &hs384),
            Error::KeyAlgorithmMismatch {
                header: "HS256",
                key: "HS384"
            },
            KEY
        );
        assert!(e.to_string().contains("HS384"), "{e}");
        // In a key list the HS384 key is simply not a candidate.
        assert_err!(
            v.verify_compact(&token, &vec![hs384.clone()]),
            Error::NoMatchingKey { .. },
            NO_KEY
        );
    }
    // The same secret bound to HS256 verifies (the secret is long enough for both).
    let secret48 = [9u8; 48];
    let token48 = hs256_raw_with(&secret48, &b64(r#"{"alg":"HS256"}"#), &b64(CLAIMS));
    assert!(
        verifier(&[A::HS256])
            .verify_compact(&token48, &VerifyingKey::hmac(&secret48, A::HS256).unwrap())
            .is_ok()
    );
    // RS256 key for a PS256 / RS384 token.
    let rs = verifying(rsa(), A::RS256);
    for alg in [A::PS256, A::RS384, A::RS512] {
        let token = compact::sign(&signing(rsa(), alg), &Header::new(), CLAIMS).unwrap();
        assert_err!(
            Verifier::asymmetric().verify_compact(&token, &rs),
            Error::KeyAlgorithmMismatch { key: "RS256", .. },
            KEY,
            "{alg}"
        );
    }
    // JWK `alg`, `use`, `key_ops` and the curve are enforced when the key is made.
    let public = rsa().to_public().unwrap();
    assert_err!(
        VerifyingKey::from_jwk(&public.clone().with_alg("RS256"), A::PS256),
        Error::Key(_),
        KEY
    );
    assert_err!(
        VerifyingKey::from_jwk(
            &public
                .clone()
                .with_use(jose_jwk::KeyUse::Encryption)
                .unwrap(),
            A::RS256
        ),
        Error::Key(_),
        KEY
    );
    assert_err!(
        VerifyingKey::from_jwk(
            &public
                .clone()
                .with_key_ops(vec![jose_jwk::KeyOperation::Encrypt])
                .unwrap(),
            A::RS256
        ),
        Error::Key(_),
        KEY
    );
    assert_err!(
        VerifyingKey::from_jwk(&p384().to_public().unwrap(), A::ES256),
        Error::Key(_),
        KEY
    );
    assert_err!(
        VerifyingKey::from_jwk(&p256().to_public().unwrap(), A::ES256K),
        Error::Key(_),
        KEY
    );
    assert_err!(
        VerifyingKey::from_jwk(&ed25519().to_public().unwrap(), A::ES256),
        Error::Key(_),
        KEY
    );
    // An encryption key in a key set never verifies a signature.
    let jwks = JwkSet::from_keys(vec![
        public
            .clone()
            .with_kid("e")
            .with_alg("RSA-OAEP")
            .with_use(jose_jwk::KeyUse::Encryption)
            .unwrap(),
    ])
    .unwrap();
    let set = VerifyingKeySet::from_jwks(&jwks, &[A::RS256]).unwrap();
    assert!(set.is_empty());
    let token = compact::sign(&signing(rsa(), A::RS256), &Header::new().kid("e"), CLAIMS).unwrap();
    assert_err!(
        verifier(&[A::RS256]).verify_compact(&token, &set),
        Error::NoMatchingKey { .. },
        NO_KEY
    );
}

#[test]
fn n09_weak_hmac_keys() {
    for (alg, min) in [(A::HS256, 32), (A::HS384, 48), (A::HS512, 64)] {
        for len in [0, 1, min - 1] {
            let secret = vec![1u8; len];
            assert_err!(
                SigningKey::hmac(&secret, alg),
                Error::Key(_),
                KEY,
                "{alg} {len}"
            );
            assert_err!(
                VerifyingKey::hmac(&secret, alg),
                Error::Key(_),
                KEY,
                "{alg} {len}"
            );
        }
        assert!(VerifyingKey::hmac(&vec![1u8; min], alg).is_ok());
    }
    if let Ok(jwk) = Jwk::from_json(r#"{"kty":"oct","k":"AA"}"#) {
        assert_err!(VerifyingKey::from_jwk(&jwk, A::HS256), Error::Key(_), KEY);
    }
    assert!(Jwk::from_json(r#"{"kty":"oct","k":""}"#).is_err());
}

// =======================================================================================
// B. Signature encodings
// =======================================================================================

#[test]
fn n11_psychic_signatures_and_out_of_range_scalars() {
    let key = verifying(p256(), A::ES256);
    let v = verifier(&[A::ES256]);
    let (token, sig) = es256(r#"{"alg":"ES256"}"#, CLAIMS);
    assert!(v.verify_compact(&token, &key).is_ok());
    let (r, s) = sig.split_bytes();
    let mut n_plus_1 = P256_N;
    n_plus_1[31] += 1;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("r = s = 0", vec![0; 64]),
        ("r = 0, valid s", [&[0u8; 32][..], &s[..]].concat()),
        ("valid r, s = 0", [&r[..], &[0u8; 32][..]].concat()),
        ("r = n, valid s", [&P256_N[..], &s[..]].concat()),
        ("valid r, s = n", [&r[..], &P256_N[..]].concat()),
        ("r = s = n", [P256_N, P256_N].concat()),
        ("r = n + 1", [&n_plus_1[..], &s[..]].concat()),
        ("all 0xFF", vec![0xFF; 64]),
        ("r = 1, s = 1", {
            let mut one = vec![0u8; 64];
            one[31] = 1;
            one[63] = 1;
            one
        }),
    ];
    for (what, bytes) in cases {
        assert_err!(
            v.verify_compact(&with_signature(&token, &bytes), &key),
            Error::InvalidSignature,
            SIG,
            "{what}"
        );
    }
    // The catalogue's tokens, verbatim: 86 × 'A' and the DER "MAYCAQACAQA".
    for token in [
        format!(
            "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.{}",
            "A".repeat(86)
        ),
        "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.MAYCAQACAQA".to_owned(),
    ] {
        assert_err!(v.verify_compact(&token, &key), Error::InvalidSignature, SIG);
    }
    // Zero signatures for every curve.
    for (jwk, alg, len) in [
        (p384(), A::ES384, 96),
        (p521(), A::ES512, 132),
        (ed25519(), A::EdDSA, 64),
    ] {
        let token = compact::sign(&signing(jwk, alg), &Header::new(), CLAIMS).unwrap();
        let key = verifying(jwk, alg);
        for bytes in [vec![0u8; len], vec![0xFF; len]] {
            assert_err!(
                verifier(&[alg]).verify_compact(&with_signature(&token, &bytes), &key),
                Error::InvalidSignature,
                SIG,
                "{alg}"
            );
        }
    }
}

#[test]
fn n12_signature_lengths_and_encodings() {
    let key = verifying(p256(), A::ES256);
    let v = verifier(&[A::ES256]);
    let (token, sig) = es256(r#"{"alg":"ES256"}"#, CLAIMS);
    let raw = sig.to_bytes().to_vec();
    let der = sig.to_der().as_bytes().to_vec();
    assert!((8..=72).contains(&der.len()));
    let mut cases = vec![
        ("DER", der),
        ("63 bytes (last dropped)", raw[..63].to_vec()),
        ("63 bytes (first dropped)", raw[1..].to_vec()),
        ("65 bytes (zero appended)", [&raw[..], &[0]].concat()),
        ("65 bytes (zero prepended)", [&[0], &raw[..]].concat()),
        ("empty", Vec::new()),
        ("1 byte", vec![raw[0]]),
        ("r only", raw[..32].to_vec()),
        ("r ‖ 0 ‖ s", [&raw[..32], &[0], &raw[32..]].concat()),
        ("doubled", [&raw[..], &raw[..]].concat()),
    ];
    // R and S not left-padded (as kjur/jsrsasign#627 emitted for ES512).
    if raw[0] == 0 {
        cases.push(("r unpadded", raw[1..].to_vec()));
    }
    for (what, bytes) in cases {
        assert_err!(
            v.verify_compact(&with_signature(&token, &bytes), &key),
            Error::InvalidSignature,
            SIG,
            "{what}"
        );
    }
    assert!(v.verify_compact(&token, &key).is_ok());

    // ES512: 130 and 131 bytes instead of 132.
    let es512 = compact::sign(&signing(p521(), A::ES512), &Header::new(), CLAIMS).unwrap();
    let raw512 = signature_of(&es512);
    assert_eq!(raw512.len(), 132);
    let key512 = verifying(p521(), A::ES512);
    for bytes in [
        raw512[2..].to_vec(),
        raw512[1..].to_vec(),
        [&raw512[1..66], &raw512[67..]].concat(),
    ] {
        assert_err!(
            verifier(&[A::ES512]).verify_compact(&with_signature(&es512, &bytes), &key512),
            Error::InvalidSignature,
            SIG,
            "{} bytes",
            bytes.len()
        );
    }

    // An ES256 signature under ES384: as an ES384 token with a P-384 key, and as an ES256
    // token given to an ES384 verifier or key.
    let key384 = verifying(p384(), A::ES384);
    let (es384_shaped, _) = {
        let input = format!("{}.{}", b64(r#"{"alg":"ES384"}"#), b64(CLAIMS));
        let sig: p256::ecdsa::Signature = p256_raw().sign(input.as_bytes());
        (format!("{input}.{}", b64(sig.to_bytes())), ())
    };
    assert_err!(
        verifier(&[A::ES384]).verify_compact(&es384_shaped, &key384),
        Error::InvalidSignature,
        SIG
    );
    assert_err!(
        verifier(&[A::ES384]).verify_compact(&token, &key384),
        Error::AlgorithmNotAllowed { alg: "ES256", .. },
        ALG
    );
    assert_err!(
        verifier(&[A::ES256, A::ES384]).verify_compact(&token, &key384),
        Error::KeyAlgorithmMismatch {
            header: "ES256",
            key: "ES384"
        },
        KEY
    );

    // RSA: the signature is exactly the modulus length. Find an RS256 signature whose first
    // byte is zero (about one in 256), then remove that zero and add another.
    let rs_key = verifying(rsa(), A::RS256);
    let v = verifier(&[A::RS256]);
    let mut found = None;
    for i in 0..8192u32 {
        let token = compact::sign(
            rs256_signing(),
            &Header::new(),
            format!("{{\"i\":{i}}}").as_bytes(),
        )
        .unwrap();
        let sig = signature_of(&token);
        assert_eq!(
            sig.len(),
            256,
            "RS256 signatures are always 256 bytes (i = {i})"
        );
        if sig[0] == 0 {
            found = Some((token, sig));
            break;
        }
    }
    let (token, sig) = found.expect("an RS256 signature with a leading zero byte");
    assert!(
        v.verify_compact(&token, &rs_key).is_ok(),
        "a signature with a leading zero verifies"
    );
    for (what, bytes) in [
        ("leading zero removed", sig[1..].to_vec()),
        ("leading zero added", [&[0], &sig[..]].concat()),
        ("two leading zeros added", [&[0, 0], &sig[..]].concat()),
        ("trailing zero added", [&sig[..], &[0]].concat()),
        ("last byte dropped", sig[..255].to_vec()),
        ("empty", Vec::new()),
        ("all zero", vec![0; 256]),
        ("all 0xFF (≥ n)", vec![0xFF; 256]),
    ] {
        assert_err!(
            v.verify_compact(&with_signature(&token, &bytes), &rs_key),
            Error::InvalidSignature,
            SIG,
            "{what}"
        );
    }
    // The same for PS256.
    let ps = compact::sign(&signing(rsa(), A::PS256), &Header::new(), CLAIMS).unwrap();
    let ps_sig = signature_of(&ps);
    let ps_key = verifying(rsa(), A::PS256);
    assert!(verifier(&[A::PS256]).verify_compact(&ps, &ps_key).is_ok());
    for bytes in [[&[0], &ps_sig[..]].concat(), ps_sig[1..].to_vec()] {
        assert_err!(
            verifier(&[A::PS256]).verify_compact(&with_signature(&ps, &bytes), &ps_key),
            Error::InvalidSignature,
            SIG
        );
    }
    // A truncated or extended HMAC is no HMAC.
    let hs = hs256(r#"{"alg":"HS256"}"#, CLAIMS);
    let mac = signature_of(&hs);
    for bytes in [
        mac[..31].to_vec(),
        [&mac[..], &[0]].concat(),
        [&[0], &mac[..]].concat(),
    ] {
        assert_err!(
            verify_hs(&with_signature(&hs, &bytes)),
            Error::InvalidSignature,
            SIG
        );
    }
}

#[test]
fn n13_malleability_high_s_verifies_and_signing_is_low_s() {
    let key = verifying(p256(), A::ES256);
    let v = verifier(&[A::ES256]);
    // s' = n − s: a second valid signature (RFC 7518 does not forbid high-S; interop).
    let (token, sig) = es256(r#"{"alg":"ES256"}"#, CLAIMS);
    let flipped = p256::ecdsa::Signature::from_scalars(sig.r(), -sig.s()).unwrap();
    assert_ne!(flipped, sig);
    assert_eq!(flipped.normalize_s(), sig.normalize_s());
    // Cross-check the scalar negation with big-integer arithmetic on the bytes: s + s' = n.
    let (_, s) = sig.split_bytes();
    let (_, s2) = flipped.split_bytes();
    let mut carry = 0u16;
    let mut sum = [0u8; 32];
    for i in (0..32).rev() {
        let t = u16::from(s[i]) + u16::from(s2[i]) + carry;
        sum[i] = (t & 0xFF) as u8;
        carry = t >> 8;
    }
    assert_eq!((sum, carry), (P256_N, 0));
    let high = with_signature(&token, &flipped.to_bytes());
    assert_ne!(high, token);
    assert_eq!(v.verify_compact(&high, &key).unwrap().payload(), CLAIMS);
    assert!(v.verify_compact(&token, &key).is_ok());

    // The library signs low-S, for every ECDSA algorithm.
    let signer = signing(p256(), A::ES256);
    for i in 0..64 {
        let token = compact::sign(&signer, &Header::new(), format!("{i}").as_bytes()).unwrap();
        let s = p256::ecdsa::Signature::from_slice(&signature_of(&token)).unwrap();
        assert_eq!(s.normalize_s(), s, "ES256 signature {i} is high-S");
    }
    for i in 0..16 {
        let payload = format!("{i}");
        let t = compact::sign(
            &signing(p384(), A::ES384),
            &Header::new(),
            payload.as_bytes(),
        )
        .unwrap();
        let s = p384::ecdsa::Signature::from_slice(&signature_of(&t)).unwrap();
        assert_eq!(s.normalize_s(), s);
        let t = compact::sign(
            &signing(p521(), A::ES512),
            &Header::new(),
            payload.as_bytes(),
        )
        .unwrap();
        let s = p521::ecdsa::Signature::from_slice(&signature_of(&t)).unwrap();
        assert_eq!(s.normalize_s(), s);
    }
    // The encoding half of malleability: a non-canonical sibling of the last signature
    // character is refused (…Xk vs …Xl).
    let (h, p, s) = segments(&token);
    let sibling = non_canonical(s).expect("a 64-byte signature has spare bits");
    assert_err!(
        v.verify_compact(&format!("{h}.{p}.{sibling}"), &key),
        Error::Encoding {
            part: "signature",
            source: jose_b64::Error::Base64Url(Base64UrlProblem::NonCanonical)
        },
        INVALID
    );
}

// =======================================================================================
// E. Serialization and parsing
// =======================================================================================

#[test]
fn n27_duplicate_header_members() {
    // The catalogue's segment, verbatim: {"alg":"HS256","alg":"none"}.
    let seg = "eyJhbGciOiJIUzI1NiIsImFsZyI6Im5vbmUifQ";
    let token = hs256_raw(seg, &b64(CLAIMS));
    let e = assert_err!(
        verify_hs(&token),
        Error::Encoding {
            part: "protected header",
            source: jose_b64::Error::DuplicateMember { .. }
        },
        INVALID
    );
    assert!(e.to_string().contains("alg"), "{e}");
    assert_err!(
        UnverifiedCompactJws::parse(&token),
        Error::Encoding { .. },
        INVALID
    );
    for header in [
        r#"{"alg":"none","alg":"HS256"}"#,
        r#"{"alg":"HS256","alg":"HS256"}"#,
        r#"{"alg":"HS256","\u0061lg":"none"}"#,
        r#"{"\u0061\u006c\u0067":"HS256","alg":"HS256"}"#,
        r#"{"alg":"HS256","kid":"a","kid":"b"}"#,
        r#"{"alg":"HS256","crit":["x"],"x":1,"x":2}"#,
        r#"{"alg":"HS256","jwk":{"kty":"oct","kty":"RSA"}}"#,
        r#"{"alg":"HS256","x":[{"a":1,"a":1}]}"#,
    ] {
        assert_err!(
            verify_hs(&hs256(header, CLAIMS)),
            Error::Encoding {
                source: jose_b64::Error::DuplicateMember { .. },
                ..
            },
            INVALID,
            "{header}"
        );
    }
}

#[test]
fn n28_member_names_are_case_sensitive() {
    // An upper-case ALG is just an unknown parameter: the real `alg` decides.
    let token = hs256(r#"{"ALG":"none","alg":"HS256"}"#, CLAIMS);
    assert_eq!(verify_hs(&token).unwrap().alg(), A::HS256);
    for header in [
        r#"{"ALG":"HS256"}"#,
        r#"{"Alg":"HS256"}"#,
        r#"{"alg ":"HS256"}"#,
    ] {
        assert_err!(
            verify_hs(&hs256(header, CLAIMS)),
            Error::Header(_),
            INVALID,
            "{header}"
        );
    }
    // `CRIT` is not `crit`: it marks nothing critical (and is ignored).
    assert!(verify_hs(&hs256(r#"{"alg":"HS256","CRIT":["x"]}"#, CLAIMS)).is_ok());
    assert_err!(
        verify_hs(&hs256(
            r#"{"alg":"HS256","B64":false,"crit":["B64"]}"#,
            CLAIMS
        )),
        Error::Header(_),
        INVALID
    );
}

#[test]
fn n29_strict_base64url_in_every_segment() {
    let header = r#"{"alg":"HS256","ab":1}"#; // 22 bytes: 30 characters, 4 spare bits
    let payload = b"hello"; // 7 characters, 2 spare bits
    let good = hs256(header, payload);
    assert_eq!(verify_hs(&good).unwrap().payload(), payload);
    let (h, p, s) = segments(&good);

    // Characters outside the alphabet, in each segment: refused before any decoding.
    let junk = [
        "=", "==", "+", "/", " ", "\t", "\r\n", "\n", "%3D", "\0", "é", "!", ".",
    ];
    for bad in junk {
        if bad == "." {
            continue; // a '.' makes another segment (n31)
        }
        let header_bad = hs256_raw(&format!("{h}{bad}"), p);
        assert_err!(
            verify_hs(&header_bad),
            Error::Malformed { .. },
            INVALID,
            "header {bad:?}"
        );
        assert_err!(
            UnverifiedCompactJws::parse(&header_bad),
            Error::Malformed { .. },
            INVALID,
            "header {bad:?}"
        );
        let mid = h.len() / 2;
        let header_mid = hs256_raw(&format!("{}{bad}{}", &h[..mid], &h[mid..]), p);
        assert_err!(
            verify_hs(&header_mid),
            Error::Malformed { .. },
            INVALID,
            "header {bad:?}"
        );
        // The payload segment is MACed as sent, so only the alphabet check can catch it.
        let payload_bad = hs256_raw(h, &format!("{p}{bad}"));
        assert_err!(
            verify_hs(&payload_bad),
            Error::Malformed { .. },
            INVALID,
            "payload {bad:?}"
        );
        let payload_mid = hs256_raw(h, &format!("{}{bad}{}", &p[..3], &p[3..]));
        assert_err!(
            verify_hs(&payload_mid),
            Error::Malformed { .. },
            INVALID,
            "payload {bad:?}"
        );
        let sig_bad = format!("{h}.{p}.{s}{bad}");
        assert_err!(
            verify_hs(&sig_bad),
            Error::Malformed { .. },
            INVALID,
            "signature {bad:?}"
        );
        assert_err!(
            UnverifiedCompactJws::parse(&sig_bad),
            Error::Malformed { .. },
            INVALID,
            "signature {bad:?}"
        );
    }
    // The standard alphabet in place of the URL-safe one: a header/signature whose encoding
    // has '-' or '_' spelled '+' or '/'.
    let sig_std = format!("{h}.{p}.{}", s.replace('-', "+").replace('_', "/"));
    if sig_std != good {
        assert_err!(verify_hs(&sig_std), Error::Malformed { .. }, INVALID);
    }
    let sig_plus = format!("{h}.{p}.{}+", &s[..s.len() - 1]);
    assert_err!(verify_hs(&sig_plus), Error::Malformed { .. }, INVALID);

    // Non-canonical trailing bits, in each segment (all MACed as sent).
    let h2 = non_canonical(h).unwrap();
    assert_err!(
        verify_hs(&hs256_raw(&h2, p)),
        Error::Encoding {
            part: "protected header",
            source: jose_b64::Error::Base64Url(Base64UrlProblem::NonCanonical)
        },
        INVALID
    );
    let p2 = non_canonical(p).unwrap();
    assert_err!(
        verify_hs(&hs256_raw(h, &p2)),
        Error::Encoding {
            part: "payload",
            source: jose_b64::Error::Base64Url(Base64UrlProblem::NonCanonical)
        },
        INVALID
    );
    let s2 = non_canonical(s).unwrap();
    assert_err!(
        verify_hs(&format!("{h}.{p}.{s2}")),
        Error::Encoding {
            part: "signature",
            source: jose_b64::Error::Base64Url(Base64UrlProblem::NonCanonical)
        },
        INVALID
    );
    // A segment of length ≡ 1 (mod 4).
    let mut h1 = h.to_owned();
    while h1.len() % 4 != 1 {
        h1.push('A');
    }
    assert_err!(
        verify_hs(&hs256_raw(&h1, p)),
        Error::Encoding {
            part: "protected header",
            ..
        },
        INVALID
    );
    assert_err!(
        verify_hs(&hs256_raw(h, "AAAAA")),
        Error::Encoding {
            part: "payload",
            ..
        },
        INVALID
    );
    assert_err!(
        verify_hs(&format!("{h}.{p}.{s}AA")), // 45 characters
        Error::Encoding {
            part: "signature",
            ..
        },
        INVALID
    );
    // The padded header of go-jose's fuzz seed.
    assert_err!(
        verify_hs("eyJhbGciOiJFUzI1NiJ9=.dGVzdA.AAAA"),
        Error::Malformed { .. },
        INVALID
    );
    // Invalid payload base64url under a valid MAC, with an empty payload decoded as "".
    assert_eq!(verify_hs(&hs256_raw(h, "")).unwrap().payload(), b"");
}

#[test]
fn n30_other_serializations_are_not_compact() {
    let good = hs256(r#"{"alg":"HS256"}"#, CLAIMS);
    let (h, p, s) = segments(&good);
    let flattened = json!({"protected": h, "payload": p, "signature": s}).to_string();
    let general =
        json!({"payload": p, "signatures": [{"protected": h, "signature": s}]}).to_string();
    // The polyglot of python-jwt CVE-2022-39227: a JSON object with a compact-looking key.
    let forged = b64(r#"{"sub":"attacker"}"#);
    let polyglot =
        format!(r#"{{"{h}.{forged}.":"","protected":"{h}","payload":"{p}","signature":"{s}"}}"#);
    for input in [
        flattened,
        general,
        polyglot,
        format!(" {good}"),
        format!("{good}\n"),
    ] {
        assert_err!(
            verify_hs(&input),
            Error::Malformed { .. },
            INVALID,
            "{input}"
        );
    }
    // A JWE compact serialization (five segments).
    assert_err!(
        verify_hs(&format!("{h}.AAAA.AAAA.AAAA.AAAA")),
        Error::Malformed { .. },
        INVALID
    );
}

#[test]
fn n31_sizes_and_dots() {
    let good = hs256(r#"{"alg":"HS256"}"#, CLAIMS);
    let (h, p, s) = segments(&good);
    for token in [
        String::new(),
        ".".to_owned(),
        h.to_owned(),
        format!("{h}.{p}"),
        format!("{h}.{p}.{s}."),
        format!("{h}.{p}.{s}.{s}"),
        format!("{h}.{p}.{s}.{s}.{s}"),
        format!("{h}..{p}.{s}"),
        "..".to_owned() + ".",
        format!(".{p}.{s}"),
        "Bearer ".to_owned() + &".".repeat(1000),
    ] {
        assert_err!(
            verify_hs(&token),
            Error::Malformed { .. } | Error::TooLarge { .. },
            INVALID,
            "{token}"
        );
        assert!(UnverifiedCompactJws::parse(&token).is_err());
    }
    // An empty header segment.
    assert_err!(
        verify_hs(&format!(".{p}.{s}")),
        Error::Malformed { .. },
        INVALID
    );
    assert_err!(verify_hs(".."), Error::Malformed { .. }, INVALID);

    // 10 MB of dots: refused by size; with the limit raised, refused at the third dot.
    let dots = ".".repeat(10_000_000);
    let e = assert_err!(
        verify_hs(&dots),
        Error::TooLarge {
            what: "compact JWS",
            limit: 262_144,
            actual: 10_000_000
        },
        INVALID
    );
    assert!(e.to_string().contains("10000000"), "{e}");
    let mut big = Limits::DEFAULT;
    big.max_token_len = 32 << 20;
    // (That the split is linear is a benchmark's job: timing belongs in benchmarks, never in
    // tests.)
    for input in [
        dots.clone(),
        format!("Bearer {dots}"),
        format!("{h}.{p}{dots}"),
    ] {
        assert_err!(
            verifier(&[A::HS256])
                .with_limits(big)
                .verify_compact(&input, &hs_key()),
            Error::Malformed { .. },
            INVALID
        );
        assert!(UnverifiedCompactJws::parse_with(&input, &big).is_err());
    }

    // A token over `max_token_len` is refused before anything is decoded; a raised limit
    // accepts it.
    let payload = vec![b'x'; 300 * 1024];
    let token = hs256(r#"{"alg":"HS256"}"#, &payload);
    assert!(token.len() > Limits::DEFAULT.max_token_len);
    assert_err!(
        verify_hs(&token),
        Error::TooLarge {
            what: "compact JWS",
            ..
        },
        INVALID
    );
    assert_err!(
        UnverifiedCompactJws::parse(&token),
        Error::TooLarge { .. },
        INVALID
    );
    let mut raised = Limits::DEFAULT;
    raised.max_token_len = 1 << 20;
    let v = verifier(&[A::HS256]).with_limits(raised);
    assert_eq!(v.limits().max_token_len, 1 << 20);
    assert_eq!(
        v.verify_compact(&token, &hs_key()).unwrap().payload(),
        payload
    );
    // One byte over the limit, and exactly at it.
    let mut exact = Limits::DEFAULT;
    exact.max_token_len = token.len();
    assert!(
        verifier(&[A::HS256])
            .with_limits(exact)
            .verify_compact(&token, &hs_key())
            .is_ok()
    );
    exact.max_token_len = token.len() - 1;
    assert_err!(
        verifier(&[A::HS256])
            .with_limits(exact)
            .verify_compact(&token, &hs_key()),
        Error::TooLarge { .. },
        INVALID
    );
    // A header over `max_header_len` (8 KiB), and a raised limit accepting it.
    let header = json!({"alg": "HS256", "pad": "p".repeat(9000)}).to_string();
    let token = hs256(&header, CLAIMS);
    assert_err!(
        verify_hs(&token),
        Error::Encoding {
            part: "protected header",
            source: jose_b64::Error::TooLarge { .. }
        },
        INVALID
    );
    let mut wide = Limits::DEFAULT;
    wide.max_header_len = 16 * 1024;
    assert!(
        verifier(&[A::HS256])
            .with_limits(wide)
            .verify_compact(&token, &hs_key())
            .is_ok()
    );
    // A huge signature segment is refused by the token size, before decoding.
    let token = format!("{h}.{p}.{}", "A".repeat(1 << 20));
    assert_err!(verify_hs(&token), Error::TooLarge { .. }, INVALID);
}

#[test]
fn n32_deeply_nested_header() {
    let nest = |depth: usize, open: &str, close: &str| {
        format!(
            r#"{{"alg":"HS256","x":{}1{}}}"#,
            open.repeat(depth),
            close.repeat(depth)
        )
    };
    for header in [
        nest(16, "[", "]"),
        nest(100, "[", "]"),
        nest(40, r#"{"a":"#, "}"),
    ] {
        assert_err!(
            verify_hs(&hs256(&header, CLAIMS)),
            Error::Encoding {
                part: "protected header",
                source: jose_b64::Error::TooDeep { max_depth: 16 }
            },
            INVALID
        );
    }
    // Depth 16 (the header object plus 15 levels) is accepted.
    assert!(verify_hs(&hs256(&nest(14, "[", "]"), CLAIMS)).is_ok());
    // 100 000 levels with every size limit raised: still refused, and no stack overflow.
    let mut big = Limits::DEFAULT;
    big.max_token_len = 4 << 20;
    big.max_header_len = 2 << 20;
    for header in [nest(100_000, "[", "]"), nest(100_000, r#"{"a":"#, "}")] {
        let token = hs256(&header, CLAIMS);
        assert_err!(
            verifier(&[A::HS256])
                .with_limits(big)
                .verify_compact(&token, &hs_key()),
            Error::Encoding {
                source: jose_b64::Error::TooDeep { .. },
                ..
            },
            INVALID
        );
    }
    // A nested `jwk` 100 deep.
    let mut jwk = r#"{"kty":"oct"}"#.to_owned();
    for _ in 0..100 {
        jwk = format!(r#"{{"kty":"EC","jwk":{jwk}}}"#);
    }
    assert_err!(
        verify_hs(&hs256(&format!(r#"{{"alg":"HS256","jwk":{jwk}}}"#), CLAIMS)),
        Error::Encoding { .. },
        INVALID
    );
}

#[test]
fn n33_crit() {
    for header in [
        r#"{"alg":"HS256","crit":["exp"],"exp":1}"#,
        r#"{"alg":"HS256","crit":[]}"#,
        r#"{"alg":"HS256","crit":"b64","b64":false}"#,
        r#"{"alg":"HS256","crit":["alg"]}"#,
        r#"{"alg":"HS256","crit":["kid"],"kid":"a"}"#,
        r#"{"alg":"HS256","crit":["crit"]}"#,
        r#"{"alg":"HS256","crit":["b64","b64"],"b64":false}"#,
        r#"{"alg":"HS256","crit":["b64"]}"#,
        r#"{"alg":"HS256","crit":["x"]}"#,
        r#"{"alg":"HS256","crit":["x"],"x":1}"#,
        r#"{"alg":"HS256","crit":[""]}"#,
        r#"{"alg":"HS256","crit":[1]}"#,
        r#"{"alg":"HS256","crit":null}"#,
        r#"{"alg":"HS256","crit":{"b64":true}}"#,
    ] {
        assert_err!(
            verify_hs(&hs256(header, CLAIMS)),
            Error::Header(_),
            INVALID,
            "{header}"
        );
    }
    // The catalogue's segment, verbatim: {"alg":"RS256","crit":["exp"],"exp":1}.
    let seg = "eyJhbGciOiJSUzI1NiIsImNyaXQiOlsiZXhwIl0sImV4cCI6MX0";
    let token = format!("{seg}.{}.{}", b64(CLAIMS), b64([0u8; 256]));
    assert_err!(
        verifier(&[A::RS256]).verify_compact(&token, &verifying(rsa(), A::RS256)),
        Error::Header(_),
        INVALID
    );
    // An extension the application declares it understands: accepted when present and
    // protected, still refused when absent.
    let token = hs256(r#"{"alg":"HS256","crit":["x"],"x":1}"#, CLAIMS);
    let understanding = verifier(&[A::HS256]).understand("x");
    let verified = understanding.verify_compact(&token, &hs_key()).unwrap();
    assert_eq!(verified.protected_param("x"), Some(&json!(1)));
    assert_err!(
        understanding.verify_compact(&hs256(r#"{"alg":"HS256","crit":["x"]}"#, CLAIMS), &hs_key()),
        Error::Header(_),
        INVALID
    );
    // Declaring a registered name "understood" does not make it acceptable in crit.
    let lax = verifier(&[A::HS256]).understand("alg").understand("exp");
    assert_err!(
        lax.verify_compact(
            &hs256(r#"{"alg":"HS256","crit":["alg"]}"#, CLAIMS),
            &hs_key()
        ),
        Error::Header(_),
        INVALID
    );
    // crit checks run before the algorithm is looked at: `none` with a bad crit is still
    // refused, for its crit.
    let e = verify_hs(&hs256(r#"{"alg":"none","crit":["x"],"x":1}"#, CLAIMS)).unwrap_err();
    assert!(
        matches!(&e, Error::Header(h) if h.to_string().contains("crit")),
        "{e:?}"
    );
    assert_eq!(e.code(), INVALID);
}

#[test]
fn n34_unencoded_payload() {
    let v = verifier(&[A::HS256]);
    // b64:false without crit; b64 of the wrong type; b64 with crit but unprotected is not
    // possible in the compact form.
    for header in [
        r#"{"alg":"HS256","b64":false}"#,
        r#"{"alg":"HS256","b64":true}"#,
        r#"{"alg":"HS256","b64":"false","crit":["b64"]}"#,
        r#"{"alg":"HS256","b64":0,"crit":["b64"]}"#,
        r#"{"alg":"HS256","b64":null,"crit":["b64"]}"#,
    ] {
        let token = hs256_raw(&b64(header), "payload");
        assert_err!(
            v.verify_compact(&token, &hs_key()),
            Error::Header(_),
            INVALID,
            "{header}"
        );
    }
    // The catalogue's header, verbatim: {"alg":"HS256","b64":false}.
    let token = hs256_raw("eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2V9", "$.02");
    // Its payload `$.02` makes four segments: refused as malformed before the header is read.
    assert_err!(
        v.verify_compact(&token, &hs_key()),
        Error::Malformed { .. },
        INVALID
    );
    // With a payload of three segments the header itself is refused: b64 without crit.
    let token = hs256_raw("eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2V9", "$02");
    assert_err!(
        v.verify_compact(&token, &hs_key()),
        Error::Header(_),
        INVALID
    );

    // Compact b64:false: a payload with '.' is refused at signing.
    let key = SigningKey::hmac(&SECRET, A::HS256).unwrap();
    let unencoded = Header::new().unencoded_payload();
    assert_err!(
        compact::sign(&key, &unencoded, b"$.02"),
        Error::Malformed { .. },
        INVALID
    );
    assert_err!(
        compact::sign(&key, &unencoded, &[0xFF, 0xFE]),
        Error::Malformed { .. },
        INVALID
    );
    // Without '.', it round-trips (RFC 7797 §4.2's payload).
    let token = compact::sign(&key, &unencoded, b"$02").unwrap();
    assert!(token.contains(".$02."), "{token}");
    assert_eq!(
        v.verify_compact(&token, &hs_key()).unwrap().payload(),
        b"$02"
    );
    // A verifier that refuses unencoded payloads (the JWT layer) refuses it.
    assert_err!(
        v.clone()
            .without_unencoded_payloads()
            .verify_compact(&token, &hs_key()),
        Error::Header(_),
        INVALID
    );
    // …and declaring "b64" understood does not turn them back on.
    assert_err!(
        v.clone()
            .without_unencoded_payloads()
            .understand("b64")
            .verify_compact(&token, &hs_key()),
        Error::Header(_),
        INVALID
    );
    // A hand-made b64:false token with a '.' in the payload is four segments.
    let header = b64(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#);
    let input = format!("{header}.$.02");
    let token = format!("{input}.{}", b64(hmac_sha256(&SECRET, input.as_bytes())));
    assert_err!(
        v.verify_compact(&token, &hs_key()),
        Error::Malformed { .. },
        INVALID
    );
    // RFC 7797 §4.2: the detached, unencoded "$.02", byte for byte.
    let rfc_key = base64url::decode(
        "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
    )
    .unwrap();
    let rfc_signer = SigningKey::hmac(&rfc_key, A::HS256).unwrap();
    let rfc_token = compact::sign_detached(&rfc_signer, &unencoded, b"$.02").unwrap();
    assert_eq!(
        rfc_token,
        "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19..A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY"
    );
    assert_eq!(
        v.verify_compact_detached(&rfc_token, b"$.02", rfc_signer.verifying_key())
            .unwrap()
            .payload(),
        b"$.02"
    );
    // Detached unencoded payloads may hold anything.
    let detached = compact::sign_detached(&key, &unencoded, b"a.b c").unwrap();
    assert!(detached.contains(".."));
    assert_eq!(
        v.verify_compact_detached(&detached, b"a.b c", &hs_key())
            .unwrap()
            .payload(),
        b"a.b c"
    );
    let binary = [0xFF, b'.', 0x00, 0xFE];
    let detached = compact::sign_detached(&key, &unencoded, &binary).unwrap();
    assert_eq!(
        v.verify_compact_detached(&detached, &binary, &hs_key())
            .unwrap()
            .payload(),
        binary
    );
}

#[test]
fn n37_empty_payload_and_detached_content() {
    let v = verifier(&[A::HS256]);
    let key = SigningKey::hmac(&SECRET, A::HS256).unwrap();
    // An empty payload verifies against its own signing input.
    let empty = compact::sign(&key, &Header::new(), b"").unwrap();
    assert_eq!(segments(&empty).1, "");
    assert_eq!(v.verify_compact(&empty, &hs_key()).unwrap().payload(), b"");
    assert_eq!(
        empty,
        hs256_raw("eyJhbGciOiJIUzI1NiJ9", ""),
        "the catalogue's eyJhbGciOiJIUzI1NiJ9..<HMAC>"
    );
    // A signature over a non-empty payload does not verify with the payload removed.
    let full = compact::sign(&key, &Header::new(), CLAIMS).unwrap();
    let (h, _, s) = segments(&full);
    assert_err!(
        verify_hs(&format!("{h}..{s}")),
        Error::InvalidSignature,
        SIG
    );
    // Nor does a modified payload.
    let other = b64(r#"{"sub":"root"}"#);
    assert_err!(
        verify_hs(&format!("{h}.{other}.{s}")),
        Error::InvalidSignature,
        SIG
    );
    // Non-object payloads are valid JWS payloads (the JWT layer refuses them).
    for payload in [&b"[]"[..], b"null", b"1", b"\"\""] {
        let token = compact::sign(&key, &Header::new(), payload).unwrap();
        assert_eq!(
            v.verify_compact(&token, &hs_key()).unwrap().payload(),
            payload
        );
    }
    // Detached: the payload segment must be empty.
    let detached = compact::sign_detached(&key, &Header::new(), CLAIMS).unwrap();
    assert_eq!(segments(&detached).1, "");
    assert_eq!(
        v.verify_compact_detached(&detached, CLAIMS, &hs_key())
            .unwrap()
            .payload(),
        CLAIMS
    );
    assert_err!(
        v.verify_compact_detached(&detached, b"other", &hs_key()),
        Error::InvalidSignature,
        SIG
    );
    assert_err!(
        v.verify_compact_detached(&full, CLAIMS, &hs_key()),
        Error::Malformed { .. },
        INVALID
    );
    // A detached token is not an attached token with an empty payload.
    assert_err!(
        v.verify_compact(&detached, &hs_key()),
        Error::InvalidSignature,
        SIG
    );
    // An empty payload's token is not valid for a detached non-empty payload.
    assert_err!(
        v.verify_compact_detached(&empty, CLAIMS, &hs_key()),
        Error::InvalidSignature,
        SIG
    );
    assert!(v.verify_compact_detached(&empty, b"", &hs_key()).is_ok());
}

#[test]
fn n38_header_must_be_utf8_json_object() {
    for (what, header) in [
        ("UTF-16 with BOM", b"\xFE\xFF\x00{\x00\"\x00a".to_vec()),
        (
            "invalid UTF-8",
            b"{\"alg\":\"HS256\",\"x\":\"\xFF\"}".to_vec(),
        ),
        (
            "overlong '/'",
            b"{\"alg\":\"HS256\",\"x\":\"\xC0\xAF\"}".to_vec(),
        ),
        ("UTF-8 BOM", b"\xEF\xBB\xBF{\"alg\":\"HS256\"}".to_vec()),
        (
            "surrogate in UTF-8",
            b"{\"alg\":\"HS256\",\"x\":\"\xED\xA0\x80\"}".to_vec(),
        ),
    ] {
        assert_err!(
            verify_hs(&hs256_bytes_header(&header, CLAIMS)),
            Error::Encoding {
                part: "protected header",
                ..
            },
            INVALID,
            "{what}"
        );
    }
    for (what, header) in [
        ("lone surrogate escape", r#"{"alg":"HS256","x":"\ud800"}"#),
        ("array", "[]"),
        ("string", r#""HS256""#),
        ("number", "1"),
        ("null", "null"),
        ("empty", ""),
        ("trailing data", r#"{"alg":"HS256"}{}"#),
        ("trailing comma", r#"{"alg":"HS256",}"#),
        ("single quotes", "{'alg':'HS256'}"),
        ("comment", r#"{"alg":"HS256"/**/}"#),
    ] {
        assert_err!(
            verify_hs(&hs256(header, CLAIMS)),
            Error::Encoding { .. } | Error::Malformed { .. },
            INVALID,
            "{what}"
        );
    }
    // W10 is `[]`: not an object.
    assert_err!(
        verify_hs(&hs256_raw("W10", &b64(CLAIMS))),
        Error::Encoding {
            source: jose_b64::Error::NotAnObject { .. },
            ..
        },
        INVALID
    );
    // A NUL inside the alg name is another name.
    assert_err!(
        verify_hs(&hs256(r#"{"alg":"HS256\u0000"}"#, CLAIMS)),
        Error::UnknownAlgorithm { .. },
        ALG
    );
    // Whitespace inside the JSON is fine (RFC 7515 A.1 has a CRLF): the signing input is
    // the received text.
    assert!(verify_hs(&hs256("{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}", CLAIMS)).is_ok());
}

/// Inputs that must come back as errors from every entry point, never panics.
fn hostile_inputs() -> Vec<String> {
    let good = hs256(r#"{"alg":"HS256"}"#, CLAIMS);
    let (h, p, s) = segments(&good);
    let mut inputs = vec![
        String::new(),
        ".".into(),
        "..".into(),
        "...".into(),
        "a.b.c".into(),
        "A.A.A".into(),
        "AA.AA.AA".into(),
        "\u{0}.\u{0}.\u{0}".into(),
        "é.é.é".into(),
        format!("{h}.{p}."),
        format!("{h}..{s}"),
        format!("{h}.."),
        format!(".{p}.{s}"),
        format!("{h}.{p}.A"),
        format!("{h}.é.{s}"),
        format!("{h}.{p}.{s}\u{0}"),
        "eyJ9.e30.".into(),
        "e30.e30.e30".into(), // {} . {} .
        "eyJhbGciOiJIUzI1NiJ9.\u{7f}.AAAA".into(),
        "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19.\u{ffff}.AAAA".into(),
    ];
    for cut in 1..good.len() {
        inputs.push(good[..cut].to_owned());
        inputs.push(good[cut..].to_owned());
    }
    inputs
}

#[test]
fn n39_no_panics_on_malformed_input() {
    let all = Verifier::new(JwsAlgorithm::ALL.iter().copied())
        .unwrap()
        .understand("x");
    let keys = vec![
        hs_key(),
        verifying(p256(), A::ES256),
        verifying(ed25519(), A::EdDSA),
        verifying(rsa(), A::RS256),
    ];
    for input in hostile_inputs() {
        assert!(all.verify_compact(&input, &keys).is_err(), "{input:?}");
        assert!(all.verify_compact(&input, &hs_key()).is_err(), "{input:?}");
        let _ = all.verify_compact_detached(&input, b"x", &keys);
        if let Ok(parsed) = UnverifiedCompactJws::parse(&input) {
            let _ = parsed.protected_header();
            let _ = parsed.protected_header_encoded();
            let _ = parsed.dangerous_insecure_payload();
            let _ = parsed.verify(&all, &keys);
            let _ = parsed.verify_detached(&all, b"", &keys);
        }
    }
    // Tokens of every algorithm, cut at every position, fed to every key.
    for (jwk, alg) in [
        (ed25519(), A::EdDSA),
        (p256(), A::ES256),
        (p384(), A::ES384),
        (p521(), A::ES512),
    ] {
        let token = compact::sign(&signing(jwk, alg), &Header::new(), CLAIMS).unwrap();
        let key = verifying(jwk, alg);
        for cut in 0..token.len() {
            assert!(all.verify_compact(&token[..cut], &key).is_err());
            assert!(all.verify_compact(&token[..cut], &keys).is_err());
        }
        assert!(all.verify_compact(&token, &key).is_ok());
    }
}

// =======================================================================================
// H. Side channels
// =======================================================================================

#[test]
fn n51_full_length_mac_only() {
    // hmac's verify_truncated_left accepts a 1-byte tag that matches; the library must
    // compare full-length tags only.
    let good = hs256(r#"{"alg":"HS256"}"#, CLAIMS);
    let mac = signature_of(&good);
    for len in [0, 1, 16, 31] {
        assert_err!(
            verify_hs(&with_signature(&good, &mac[..len])),
            Error::InvalidSignature,
            SIG,
            "{len}-byte prefix"
        );
    }
    // Every single-bit flip of the tag fails with the same error.
    for i in 0..mac.len() {
        for bit in 0..8 {
            let mut bad = mac.clone();
            bad[i] ^= 1 << bit;
            assert_err!(
                verify_hs(&with_signature(&good, &bad)),
                Error::InvalidSignature,
                SIG
            );
        }
    }
    // HS384/HS512 likewise reject a prefix of the right tag.
    for (alg, len) in [(A::HS384, 48), (A::HS512, 64)] {
        let secret = vec![3u8; len];
        let token = compact::sign(
            &SigningKey::hmac(&secret, alg).unwrap(),
            &Header::new(),
            CLAIMS,
        )
        .unwrap();
        let mac = signature_of(&token);
        assert_eq!(mac.len(), len);
        let key = VerifyingKey::hmac(&secret, alg).unwrap();
        assert!(verifier(&[alg]).verify_compact(&token, &key).is_ok());
        assert_err!(
            verifier(&[alg]).verify_compact(&with_signature(&token, &mac[..32]), &key),
            Error::InvalidSignature,
            SIG
        );
    }
}

// =======================================================================================
// Determinism
// =======================================================================================

#[test]
fn deterministic_signatures() {
    for (key, name) in [
        (SigningKey::hmac(&SECRET, A::HS256).unwrap(), "HS256"),
        (signing(rsa(), A::RS256), "RS256"),
        (signing(ed25519(), A::EdDSA), "EdDSA"),
        (signing(p256(), A::ES256), "ES256 (RFC 6979)"),
    ] {
        let header = Header::new().typ("JWT");
        let a = compact::sign(&key, &header, CLAIMS).unwrap();
        let b = compact::sign(&key, &header, CLAIMS).unwrap();
        assert_eq!(a, b, "{name}");
    }
    // PS256 is randomized (the salt): two tokens differ, both verify.
    let ps = signing(rsa(), A::PS256);
    let a = compact::sign(&ps, &Header::new(), CLAIMS).unwrap();
    let b = compact::sign(&ps, &Header::new(), CLAIMS).unwrap();
    assert_ne!(a, b);
    for t in [a, b] {
        assert!(
            verifier(&[A::PS256])
                .verify_compact(&t, ps.verifying_key())
                .is_ok()
        );
    }
}

// =======================================================================================
// Property tests
// =======================================================================================

fn family_keys(family: usize) -> (SigningKey, Verifier) {
    match family {
        0 => (
            SigningKey::hmac(&SECRET, A::HS256).unwrap(),
            verifier(&[A::HS256]),
        ),
        1 => (signing(p256(), A::ES256), verifier(&[A::ES256])),
        2 => (signing(ed25519(), A::EdDSA), verifier(&[A::EdDSA])),
        _ => (rs256_signing().clone(), verifier(&[A::RS256])),
    }
}

/// Signs, verifies, then flips one byte of the token (staying ASCII) and checks that the
/// result never verifies.
fn round_trip_and_flip(
    family: usize,
    payload: &[u8],
    kid: Option<&str>,
    at: prop::sample::Index,
    mask: u8,
) -> Result<(), TestCaseError> {
    let (key, v) = family_keys(family);
    let mut header = Header::new().typ("JWT");
    if let Some(kid) = kid {
        header = header.kid(kid);
    }
    let token = compact::sign(&key, &header, payload).unwrap();
    let verified = v.verify_compact(&token, key.verifying_key()).unwrap();
    prop_assert_eq!(verified.payload(), payload);
    prop_assert_eq!(verified.alg(), key.alg());
    let detached = compact::sign_detached(&key, &header, payload).unwrap();
    let verified = v
        .verify_compact_detached(&detached, payload, key.verifying_key())
        .unwrap();
    prop_assert_eq!(verified.payload(), payload);

    let mut bytes = token.clone().into_bytes();
    let i = at.index(bytes.len());
    bytes[i] ^= mask;
    let mutated = String::from_utf8(bytes).unwrap();
    prop_assert_ne!(&mutated, &token);
    let result = v.verify_compact(&mutated, key.verifying_key());
    prop_assert!(
        result.is_err(),
        "byte {} ^ {:#x} still verifies: {}",
        i,
        mask,
        mutated
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn prop_hs256_round_trip_and_flip(
        payload in prop::collection::vec(any::<u8>(), 0..300),
        kid in prop::option::of("[ -~]{0,12}"),
        at in any::<prop::sample::Index>(),
        mask in 1u8..0x80,
    ) {
        round_trip_and_flip(0, &payload, kid.as_deref(), at, mask)?;
    }

    #[test]
    fn prop_es256_round_trip_and_flip(
        payload in prop::collection::vec(any::<u8>(), 0..300),
        at in any::<prop::sample::Index>(),
        mask in 1u8..0x80,
    ) {
        round_trip_and_flip(1, &payload, None, at, mask)?;
    }

    #[test]
    fn prop_eddsa_round_trip_and_flip(
        payload in prop::collection::vec(any::<u8>(), 0..300),
        at in any::<prop::sample::Index>(),
        mask in 1u8..0x80,
    ) {
        round_trip_and_flip(2, &payload, None, at, mask)?;
    }

    #[test]
    fn prop_arbitrary_text_never_panics(
        text in "[A-Za-z0-9_=+/. -]{0,120}",
        raw in any::<String>(),
    ) {
        let keys = vec![hs_key(), verifying(p256(), A::ES256), verifying(ed25519(), A::EdDSA)];
        let v = Verifier::new(JwsAlgorithm::ALL.iter().copied()).unwrap();
        for input in [&text, &raw] {
            let _ = v.verify_compact(input, &keys);
            let _ = v.verify_compact_detached(input, b"", &keys);
            if let Ok(parsed) = UnverifiedCompactJws::parse(input) {
                let _ = parsed.dangerous_insecure_payload();
            }
        }
    }

    #[test]
    fn prop_arbitrary_header_json_never_panics(
        header in prop::collection::vec(any::<u8>(), 0..80),
        json_ish in r#"\{("[a-z0-9]{1,4}":("[A-Za-z0-9]{0,6}"|[0-9]{1,3}|true|false|null|\[\]|\{\}),?){0,4}\}"#,
    ) {
        for h in [header.as_slice(), json_ish.as_bytes()] {
            let _ = verify_hs(&hs256_bytes_header(h, CLAIMS));
        }
    }
}

proptest! {
    // RSA signing costs about a millisecond per token.
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn prop_rs256_round_trip_and_flip(
        payload in prop::collection::vec(any::<u8>(), 0..300),
        at in any::<prop::sample::Index>(),
        mask in 1u8..0x80,
    ) {
        round_trip_and_flip(3, &payload, None, at, mask)?;
    }
}

#[test]
fn attacker_text_in_errors_is_escaped() {
    let header = b64(r#"{"alg":"x\n[ERROR] forged \u001b[31m"}"#);
    let token = format!("{header}.e30.AAAA");
    let e = verifier(&[A::HS256])
        .verify_compact(&token, &hs_key())
        .unwrap_err();
    let text = e.to_string();
    assert!(!text.contains('\n') && !text.contains('\u{1b}'), "{text}");
    assert!(text.contains("\\n[ERROR] forged"), "{text}");
    let e = jose_jwk::Jwk::from_json(r#"{"kty":"x\ny"}"#)
        .unwrap_err()
        .to_string();
    assert!(!e.contains('\n'), "{e}");
}
