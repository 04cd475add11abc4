//! Bad-input tests for JWTs, one per entry of section F of the security catalogue
//! (`shared/security.md` #40–#48), named after the entry's number, plus the JWT cases of
//! the entries on `none` (#1), duplicate names (#27), `b64` (#34) and the claims set that is
//! not an object (#37).
//!
//! Every bad input must fail with a typed error (variant, stable `code()` and the claim
//! concerned), never a panic. Tokens with hand-made claims sets are signed with the JWS layer
//! directly, so that the builder's own checks (which refuse most of them) are not involved.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use jose_b64::base64url;
use jose_jwe::{Decrypter, EncryptingKey, JweAlgorithm, JweEncryption};
use jose_jwk::{Jwk, KeySpec};
use jose_jws::{Header, JwsAlgorithm, SigningKey, VerifyingKey};
use jose_jwt::{
    Error, FixedClock, Jwt, JwtBuilder, JwtDecrypter, JwtVerifier, NestedJwtVerifier, NumericDate,
    Validation,
};

/// 2026-01-01T00:00:00Z.
const NOW: u64 = 1_767_225_600;

fn clock() -> FixedClock {
    FixedClock::at_secs(NOW)
}

fn validation() -> Validation {
    Validation::new().clock(clock())
}

fn hs256() -> SigningKey {
    SigningKey::hmac(&[0x42; 32], JwsAlgorithm::HS256).unwrap()
}

fn rsa() -> &'static Jwk {
    static KEY: OnceLock<Jwk> = OnceLock::new();
    KEY.get_or_init(|| Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap())
}

fn rs256() -> SigningKey {
    SigningKey::from_jwk(rsa(), JwsAlgorithm::RS256).unwrap()
}

fn rs256_public() -> VerifyingKey {
    VerifyingKey::from_jwk(&rsa().to_public().unwrap(), JwsAlgorithm::RS256).unwrap()
}

fn hs_verifier(validation: Validation) -> JwtVerifier {
    JwtVerifier::new([JwsAlgorithm::HS256], validation).unwrap()
}

/// An HS256 JWS over exactly `claims`, with `typ: JWT`.
fn signed(claims: &str) -> String {
    signed_with(&Header::new().typ("JWT"), claims)
}

fn signed_with(header: &Header, claims: &str) -> String {
    jose_jws::compact::sign(&hs256(), header, claims.as_bytes()).unwrap()
}

fn verify(token: &str) -> Result<Jwt, Error> {
    hs_verifier(validation()).verify(token, hs256().verifying_key())
}

fn verify_with(validation: Validation, token: &str) -> Result<Jwt, Error> {
    hs_verifier(validation).verify(token, hs256().verifying_key())
}

/// `"exp":NOW+60` and the given members.
fn claims_with(members: &str) -> String {
    if members.is_empty() {
        format!(r#"{{"exp":{}}}"#, NOW + 60)
    } else {
        format!(r#"{{"exp":{},{members}}}"#, NOW + 60)
    }
}

fn invalid_claim(result: Result<Jwt, Error>) -> (String, String) {
    match result.unwrap_err() {
        e @ Error::InvalidClaim { .. } => {
            assert_eq!(e.code(), "ERR_JWT_INVALID");
            (e.claim().unwrap().to_owned(), e.to_string())
        }
        other => panic!("expected an invalid claim, got {other:?}"),
    }
}

// #1: `alg: none`, including RFC 7519 §6.1's unsecured JWT.
#[test]
fn s01_unsecured_jwts_are_refused() {
    let rfc7519_6_1 = "eyJhbGciOiJub25lIn0.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.";
    for token in [
        rfc7519_6_1.to_owned(),
        format!(
            "{}.{}.",
            base64url::encode(br#"{"alg":"none","typ":"JWT"}"#),
            base64url::encode(claims_with("").as_bytes())
        ),
    ] {
        let e = verify(&token).unwrap_err();
        assert_eq!(e.code(), "ERR_JOSE_ALG_NOT_ALLOWED", "{e}");
    }
    let e = JwtVerifier::new([JwsAlgorithm::None], validation()).unwrap_err();
    assert!(
        matches!(e, Error::Jws(jose_jws::Error::EmptyAllowList)),
        "{e:?}"
    );
}

// #27: duplicate member names in the claims set, at any depth.
#[test]
fn s27_duplicate_claims_are_refused() {
    for claims in [
        format!(r#"{{"exp":{},"exp":{}}}"#, NOW + 60, NOW + 60),
        format!(r#"{{"exp":{},"sub":"a","sub":"b"}}"#, NOW + 60),
        format!(r#"{{"exp":{},"\u0073ub":"a","sub":"b"}}"#, NOW + 60),
        claims_with(r#""x":{"role":"user","role":"admin"}"#),
    ] {
        let e = verify(&signed(&claims)).unwrap_err();
        assert!(
            matches!(&e, Error::ClaimsSet(inner) if inner.code() == "ERR_JSON_DUPLICATE_MEMBER"),
            "{claims}: {e:?}"
        );
        assert_eq!(e.code(), "ERR_JWT_INVALID");
    }
}

// #34: `b64: false` in a JWT.
#[test]
fn s34_unencoded_payloads_are_refused() {
    let token = signed_with(
        &Header::new().typ("JWT").unencoded_payload(),
        &claims_with(""),
    );
    let e = verify(&token).unwrap_err();
    assert!(matches!(e, Error::Jws(_)), "{e:?}");
    assert!(e.to_string().contains("b64"), "{e}");
}

// #37: the claims set must be a JSON object.
#[test]
fn s37_claims_sets_that_are_not_objects_are_refused() {
    for payload in ["[]", "null", "1", "\"\"", "", "true", "[{\"exp\":1}]"] {
        let e = verify(&signed(payload)).unwrap_err();
        assert!(matches!(e, Error::ClaimsSet(_)), "{payload:?}: {e:?}");
        assert_eq!(e.code(), "ERR_JWT_INVALID");
    }
    // A detached-style token (empty payload segment) is a JWS over an empty payload.
    let detached =
        jose_jws::compact::sign_detached(&hs256(), &Header::new(), claims_with("").as_bytes())
            .unwrap();
    let e = verify(&detached).unwrap_err();
    assert_eq!(e.code(), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED", "{e:?}");
}

// #40: missing `exp` is refused unless the validation opts out by name; the builder refuses
// to make a token without expiry unless told.
#[test]
fn s40_missing_exp_is_refused() {
    let token = signed(r#"{"sub":"alice"}"#);
    let e = verify(&token).unwrap_err();
    assert_eq!(e.claim(), Some("exp"));
    assert_eq!(e.code(), "ERR_JWT_CLAIM_VALIDATION_FAILED");
    assert_eq!(e.to_string(), "missing required \"exp\" claim");
    let jwt = verify_with(validation().allow_missing_expiration(), &token).unwrap();
    assert_eq!(jwt.subject(), Some("alice"));
    let e = JwtBuilder::new()
        .subject("alice")
        .sign(&hs256())
        .unwrap_err();
    assert!(matches!(e, Error::Configuration { .. }), "{e:?}");
    assert_eq!(e.code(), "ERR_JOSE_CONFIGURATION");
}

// #41: claim type confusion, overflow and sign errors.
#[test]
fn s41_time_claims_of_the_wrong_type_or_range_make_the_token_invalid() {
    let bad_exp = [
        r#""9999999999""#,
        r#""0""#,
        "true",
        "null",
        "[1]",
        "{}",
        "-1",
        "-9223372036854775808",
        "18446744073709551615",
        "18446744073709551616",
        "1.7976931348623157e308",
        "253402300800",
    ];
    for value in bad_exp {
        let token = signed(&format!(r#"{{"exp":{value}}}"#));
        let (claim, message) = invalid_claim(verify(&token));
        assert_eq!(claim, "exp", "{value}");
        assert!(message.starts_with("invalid \"exp\" claim: "), "{message}");
        // Never treated as absent, even when exp may be missing.
        let e = verify_with(validation().allow_missing_expiration(), &token).unwrap_err();
        assert_eq!(e.code(), "ERR_JWT_INVALID", "{value}");
    }
    // 1e400 is not a number serde_json can hold: the claims set is invalid.
    let e = verify(&signed(r#"{"exp":1e400}"#)).unwrap_err();
    assert_eq!(e.code(), "ERR_JWT_INVALID");
    for (member, claim) in [
        (r#""nbf":"2099-01-01T00:00:00Z""#, "nbf"),
        (r#""nbf":1e999"#, "?"),
        (r#""iat":-1"#, "iat"),
        (r#""iat":"now""#, "iat"),
        (r#""iss":1"#, "iss"),
        (r#""sub":["a"]"#, "sub"),
        (r#""jti":{}"#, "jti"),
    ] {
        let e = verify(&signed(&claims_with(member))).unwrap_err();
        assert_eq!(e.code(), "ERR_JWT_INVALID", "{member}");
        if claim != "?" {
            assert_eq!(e.claim(), Some(claim), "{member}");
        }
    }
    // iat is type-checked even without a max-age policy.
    let (claim, _) = invalid_claim(verify(&signed(&claims_with(r#""iat":-1"#))));
    assert_eq!(claim, "iat");
}

#[test]
fn s41_a_fractional_exp_is_a_valid_date_and_is_checked() {
    let e = verify(&signed(r#"{"exp":1.5}"#)).unwrap_err();
    assert_eq!(e.code(), "ERR_JWT_EXPIRED");
    assert_eq!(
        e.to_string(),
        "token expired at 1970-01-01T00:00:01.500Z (now 2026-01-01T00:00:00Z, leeway 0s)"
    );
    let later = format!(r#"{{"exp":{}.25}}"#, NOW + 1);
    let jwt = verify(&signed(&later)).unwrap();
    assert_eq!(
        jwt.registered().expires_at().unwrap().since_epoch(),
        Duration::from_millis((NOW + 1) * 1000 + 250)
    );
}

#[test]
fn s41_exp_at_the_end_of_time_with_the_largest_leeway_does_not_overflow() {
    let token = signed(&format!(
        r#"{{"exp":{},"nbf":{}}}"#,
        NumericDate::MAX_SECS,
        NOW
    ));
    let v = validation().leeway(Duration::from_secs(600));
    assert!(verify_with(v, &token).is_ok());
    let end = Validation::new()
        .clock(FixedClock::at_secs(NumericDate::MAX_SECS))
        .leeway(Duration::from_secs(600));
    assert!(verify_with(end, &token).is_ok());
}

// #42: `aud` string or non-empty array of strings, exact comparison, any-match.
#[test]
fn s42_audience() {
    let v = || validation().audience("api");
    for (aud, words) in [
        ("[]", "empty array"),
        (r#""""#, "empty string"),
        (r#"["a",1]"#, "holding a number"),
        (r#"{"0":"api"}"#, "found an object"),
        ("null", "found null"),
    ] {
        let token = signed(&claims_with(&format!(r#""aud":{aud}"#)));
        let (claim, message) = invalid_claim(verify_with(v(), &token));
        assert_eq!(claim, "aud");
        assert!(message.contains(words), "{aud}: {message}");
    }
    let any = signed(&claims_with(r#""aud":["attacker","api"]"#));
    assert!(verify_with(v(), &any).is_ok());
    let upper = signed(&claims_with(r#""aud":"API""#));
    let e = verify_with(v(), &upper).unwrap_err();
    assert_eq!(e.code(), "ERR_JWT_CLAIM_VALIDATION_FAILED");
    assert_eq!(
        e.to_string(),
        "audience \"API\" not accepted (expected \"api\")"
    );
    let none = signed(&claims_with(""));
    assert_eq!(verify_with(v(), &none).unwrap_err().claim(), Some("aud"));
    // The validation expects no audience but the token has one: refused unless ignored.
    let single = signed(&claims_with(r#""aud":"api""#));
    let e = verify(&single).unwrap_err();
    assert!(matches!(e, Error::UnexpectedAudience { .. }), "{e:?}");
    assert!(verify_with(validation().ignore_audience(), &single).is_ok());
    let several = validation().audiences(["x", "y"]);
    let e = verify_with(several, &single).unwrap_err();
    assert_eq!(
        e.to_string(),
        "audience \"api\" not accepted (expected one of \"x\", \"y\")"
    );
}

// #43: `iss` must be a string equal to a configured value.
#[test]
fn s43_issuer() {
    let v = || validation().issuer("https://issuer");
    for iss in [
        r#"["evil","https://issuer"]"#,
        r#""https://issuer/""#,
        r#""https://issuer.evil""#,
        r#""http""#,
        "1",
    ] {
        let token = signed(&claims_with(&format!(r#""iss":{iss}"#)));
        let e = verify_with(v(), &token).unwrap_err();
        assert_eq!(e.claim(), Some("iss"), "{iss}");
    }
    let ok = signed(&claims_with(r#""iss":"https://issuer""#));
    assert_eq!(
        verify_with(v(), &ok).unwrap().issuer(),
        Some("https://issuer")
    );
    let missing = signed(&claims_with(""));
    assert_eq!(
        verify_with(v(), &missing).unwrap_err().to_string(),
        "missing required \"iss\" claim"
    );
}

// #44: explicit typing and cross-JWT confusion.
#[test]
fn s44_typ_confusion() {
    let access_token = signed_with(&Header::new().typ("at+jwt"), &claims_with(""));
    // An access token offered where ID tokens (no specific type) are expected.
    let e = verify(&access_token).unwrap_err();
    assert!(matches!(e, Error::TypeNotAccepted { .. }), "{e:?}");
    assert_eq!(e.claim(), Some("typ"));
    assert!(e.to_string().contains("\"at+jwt\""), "{e}");
    // An ID token (typ JWT, or none) offered where access tokens are expected.
    let at = || validation().typ("at+jwt");
    for header in [Header::new().typ("JWT"), Header::new()] {
        let token = signed_with(&header, &claims_with(""));
        let e = verify_with(at(), &token).unwrap_err();
        assert!(matches!(e, Error::TypeNotAccepted { .. }), "{e:?}");
    }
    // Media types compare case-insensitively, with application/ implied.
    for typ in ["at+jwt", "AT+JWT", "application/at+jwt"] {
        let token = signed_with(&Header::new().typ(typ), &claims_with(""));
        assert!(verify_with(at(), &token).is_ok(), "{typ}");
    }
    for typ in ["at+jwt ", "jwt", "text/at+jwt"] {
        let token = signed_with(&Header::new().typ(typ), &claims_with(""));
        let e = verify_with(at(), &token).unwrap_err();
        assert!(
            matches!(&e, Error::TypeNotAccepted { found: Some(f), .. } if f == typ),
            "{typ}: {e:?}"
        );
        assert_eq!(e.code(), "ERR_JWT_CLAIM_VALIDATION_FAILED", "{typ}");
    }
    // typ must be a string.
    let number = signed_with(&Header::new().param("typ", 5).unwrap(), &claims_with(""));
    for v in [validation(), at(), validation().ignore_typ()] {
        let e = verify_with(v, &number).unwrap_err();
        assert_eq!(e.code(), "ERR_JWT_INVALID", "{e}");
    }
    // Explicitly ignored: any type.
    assert!(verify_with(validation().ignore_typ(), &access_token).is_ok());
    // The generic JWT type passes the default.
    for typ in ["JWT", "jwt", "application/jwt"] {
        let token = signed_with(&Header::new().typ(typ), &claims_with(""));
        assert!(verify(&token).is_ok(), "{typ}");
    }
}

#[test]
fn s44_the_inner_typ_of_a_nested_jwt_is_checked() {
    let enc = EncryptingKey::symmetric(&[9; 16], JweAlgorithm::A128KW).unwrap();
    let decrypter = || Decrypter::new([JweAlgorithm::A128KW], [JweEncryption::A128GCM]).unwrap();
    let token = JwtBuilder::new()
        .clock(clock())
        .typ("at+jwt")
        .expires_in(Duration::from_secs(60))
        .sign_then_encrypt(&hs256(), &enc, JweEncryption::A128GCM)
        .unwrap();
    let id_tokens = NestedJwtVerifier::new(decrypter(), hs_verifier(validation()));
    let e = id_tokens
        .verify(&token, &enc.to_decrypting_key(), hs256().verifying_key())
        .unwrap_err();
    assert!(matches!(e, Error::TypeNotAccepted { .. }), "{e:?}");
    let access = NestedJwtVerifier::new(decrypter(), hs_verifier(validation().typ("at+jwt")));
    let jwt = access
        .verify(&token, &enc.to_decrypting_key(), hs256().verifying_key())
        .unwrap();
    assert_eq!(jwt.header()["typ"], "at+jwt");
    assert_eq!(jwt.encryption().unwrap().protected_header()["cty"], "JWT");
}

// #45: a JWE is never accepted where a JWS is expected, and the reverse.
#[test]
fn s45_a_jwe_encrypted_to_the_verification_key_is_refused() {
    // The attacker encrypts forged claims to the server's RS256 public key.
    let public = rsa().to_public().unwrap();
    let attacker = EncryptingKey::from_jwk(&public, JweAlgorithm::RSA_OAEP_256).unwrap();
    let forged = format!(r#"{{"sub":"admin","exp":{}}}"#, NOW + 3600);
    let jwe = jose_jwe::compact::encrypt(
        &attacker,
        JweEncryption::A128GCM,
        &jose_jwe::Header::new().typ("JWT"),
        forged.as_bytes(),
    )
    .unwrap();
    let verifier = JwtVerifier::new([JwsAlgorithm::RS256], validation()).unwrap();
    let e = verifier.verify(&jwe, &rs256_public()).unwrap_err();
    assert_eq!(e.code(), "ERR_JWT_INVALID");
    assert!(e.to_string().contains("JWE"), "{e}");

    // A JWS where a JWE is expected.
    let jws = JwtBuilder::new()
        .clock(clock())
        .expires_in(Duration::from_secs(60))
        .sign(&rs256())
        .unwrap();
    let key = EncryptingKey::symmetric(&[1; 16], JweAlgorithm::A128KW).unwrap();
    let decrypter = || Decrypter::new([JweAlgorithm::A128KW], [JweEncryption::A128GCM]).unwrap();
    let e = JwtDecrypter::new(decrypter(), validation())
        .decrypt(&jws, &key.to_decrypting_key())
        .unwrap_err();
    assert!(e.to_string().contains("JWS"), "{e}");
    let nested = NestedJwtVerifier::new(decrypter(), verifier);
    let e = nested
        .verify(&jws, &key.to_decrypting_key(), &rs256_public())
        .unwrap_err();
    assert!(matches!(e, Error::Malformed { .. }), "{e:?}");
}

/// The nested fixture: an A128KW key for the outer JWE and the RS256 key for the inner JWS.
struct Nested {
    enc: EncryptingKey,
    verifier: NestedJwtVerifier,
}

fn nested() -> Nested {
    let enc = EncryptingKey::symmetric(&[5; 16], JweAlgorithm::A128KW)
        .unwrap()
        .with_kid("enc-1");
    let decrypter = Decrypter::new([JweAlgorithm::A128KW], [JweEncryption::A128GCM]).unwrap();
    let inner = JwtVerifier::new([JwsAlgorithm::RS256], validation()).unwrap();
    Nested {
        enc,
        verifier: NestedJwtVerifier::new(decrypter, inner),
    }
}

impl Nested {
    /// A JWE with `header` around `plaintext`.
    fn wrap(&self, header: jose_jwe::Header, plaintext: &str) -> String {
        jose_jwe::compact::encrypt(
            &self.enc,
            JweEncryption::A128GCM,
            &header,
            plaintext.as_bytes(),
        )
        .unwrap()
    }

    fn verify(&self, token: &str) -> Result<Jwt, Error> {
        self.verifier
            .verify(token, &self.enc.to_decrypting_key(), &rs256_public())
    }
}

fn cty_jwt() -> jose_jwe::Header {
    jose_jwe::Header::new().cty("JWT")
}

// #46: a nested JWT's inner signature is verified with the caller's algorithms and keys.
#[test]
fn s46_nested_jwts() {
    let n = nested();
    let inner_ok = JwtBuilder::new()
        .clock(clock())
        .subject("alice")
        .expires_in(Duration::from_secs(60))
        .sign(&rs256())
        .unwrap();
    let jwt = n.verify(&n.wrap(cty_jwt(), &inner_ok)).unwrap();
    assert_eq!(jwt.subject(), Some("alice"));
    assert_eq!(jwt.signature().unwrap().alg(), JwsAlgorithm::RS256);
    assert_eq!(jwt.encryption().unwrap().kid(), Some("enc-1"));

    let claims = format!(r#"{{"sub":"admin","exp":{}}}"#, NOW + 60);
    // A plain claims set instead of a JWS.
    let e = n.verify(&n.wrap(cty_jwt(), &claims)).unwrap_err();
    assert!(e.to_string().contains("not a signed JWT"), "{e}");
    // An inner alg:none.
    let none = format!(
        "{}.{}.",
        base64url::encode(br#"{"alg":"none"}"#),
        base64url::encode(claims.as_bytes())
    );
    let e = n.verify(&n.wrap(cty_jwt(), &none)).unwrap_err();
    assert_eq!(e.code(), "ERR_JOSE_ALG_NOT_ALLOWED");
    // An inner HS256 MAC keyed with the public key's bytes (algorithm confusion).
    let public_bytes = rsa().to_public().unwrap().to_spki_der().unwrap();
    let confused = SigningKey::hmac(&public_bytes, JwsAlgorithm::HS256).unwrap();
    let hs = jose_jws::compact::sign(&confused, &Header::new(), claims.as_bytes()).unwrap();
    let e = n.verify(&n.wrap(cty_jwt(), &hs)).unwrap_err();
    assert_eq!(e.code(), "ERR_JOSE_ALG_NOT_ALLOWED");
    // An inner JWS by another RSA key.
    let other = Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap();
    let forged = jose_jws::compact::sign(
        &SigningKey::from_jwk(&other, JwsAlgorithm::RS256).unwrap(),
        &Header::new(),
        claims.as_bytes(),
    )
    .unwrap();
    let e = n.verify(&n.wrap(cty_jwt(), &forged)).unwrap_err();
    assert_eq!(e.code(), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
    // Claims are validated only after the inner signature: an expired forgery reports the
    // signature.
    let expired = jose_jws::compact::sign(
        &SigningKey::from_jwk(&other, JwsAlgorithm::RS256).unwrap(),
        &Header::new(),
        br#"{"exp":1}"#,
    )
    .unwrap();
    let e = n.verify(&n.wrap(cty_jwt(), &expired)).unwrap_err();
    assert_eq!(e.code(), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
    // Triple nesting: a JWE inside the JWE, and a JWS that holds a JWT.
    let double = n.wrap(cty_jwt(), &n.wrap(cty_jwt(), &inner_ok));
    assert!(matches!(
        n.verify(&double).unwrap_err(),
        Error::Malformed { .. }
    ));
    let jws_in_jws =
        jose_jws::compact::sign(&rs256(), &Header::new().cty("JWT"), inner_ok.as_bytes()).unwrap();
    let e = n.verify(&n.wrap(cty_jwt(), &jws_in_jws)).unwrap_err();
    assert!(e.to_string().contains("nested"), "{e}");
    // The JWE must say cty JWT.
    let e = n
        .verify(&n.wrap(jose_jwe::Header::new(), &inner_ok))
        .unwrap_err();
    assert!(e.to_string().contains("cty"), "{e}");
    let lowercase = n.wrap(jose_jwe::Header::new().cty("application/jwt"), &inner_ok);
    assert!(n.verify(&lowercase).is_ok());
    // A JWE holding a nested JWT is refused by the encrypted-JWT reader.
    let decrypter = Decrypter::new([JweAlgorithm::A128KW], [JweEncryption::A128GCM]).unwrap();
    let e = JwtDecrypter::new(decrypter, validation())
        .decrypt(&n.wrap(cty_jwt(), &inner_ok), &n.enc.to_decrypting_key())
        .unwrap_err();
    assert!(e.to_string().contains("NestedJwtVerifier"), "{e}");
}

#[test]
fn s46_the_inner_key_is_the_callers_never_the_outer_headers() {
    // The outer JWE names kid "enc-1"; the inner JWS names none. The verifying keys hold
    // a key with kid "enc-1" for another RSA key and the right one: the inner JWS must be
    // checked with the key its own header selects, so a list with two RS256 keys and an
    // inner JWS without kid is ambiguous and refused, never resolved by the outer kid.
    let n = nested();
    let other = Jwk::generate(KeySpec::Rsa { bits: 2048 }).unwrap();
    let decoy = VerifyingKey::from_jwk(&other.to_public().unwrap(), JwsAlgorithm::RS256)
        .unwrap()
        .with_kid("enc-1");
    let keys = vec![decoy, rs256_public().with_kid("sig-1")];
    let inner = JwtBuilder::new()
        .clock(clock())
        .expires_in(Duration::from_secs(60))
        .sign(&rs256())
        .unwrap();
    let token = n.wrap(cty_jwt(), &inner);
    let e = n
        .verifier
        .verify(&token, &n.enc.to_decrypting_key(), &keys)
        .unwrap_err();
    assert_eq!(e.code(), "ERR_JWKS_NO_MATCHING_KEY", "{e}");
    let named = JwtBuilder::new()
        .clock(clock())
        .kid("sig-1")
        .expires_in(Duration::from_secs(60))
        .sign(&rs256())
        .unwrap();
    let jwt = n
        .verifier
        .verify(
            &n.wrap(cty_jwt(), &named),
            &n.enc.to_decrypting_key(),
            &keys,
        )
        .unwrap();
    assert_eq!(jwt.signature().unwrap().kid(), Some("sig-1"));
}

// #47: leeway, nbf, iat in the future.
#[test]
fn s47_clock_leeway_nbf_and_future_iat() {
    let exp = |exp: u64| signed(&format!(r#"{{"exp":{exp}}}"#));
    assert_eq!(verify(&exp(NOW - 1)).unwrap_err().code(), "ERR_JWT_EXPIRED");
    let e = verify(&exp(NOW)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "token expired at 2026-01-01T00:00:00Z (now 2026-01-01T00:00:00Z, leeway 0s)"
    );
    assert!(verify(&exp(NOW + 1)).is_ok());
    let nbf = signed(&claims_with(&format!(r#""nbf":{}"#, NOW + 1)));
    let e = verify(&nbf).unwrap_err();
    assert_eq!(e.claim(), Some("nbf"));
    assert_eq!(
        e.to_string(),
        "token not valid before 2026-01-01T00:00:01Z (now 2026-01-01T00:00:00Z, leeway 0s)"
    );
    let leeway = validation().leeway(Duration::from_secs(1));
    assert!(verify_with(leeway, &nbf).is_ok());
    // A leeway of ten years is a configuration error, where the verifier is made and (for a
    // verifier made from a JWS verifier) at every verification.
    let ten_years = validation().leeway(Duration::from_secs(10 * 365 * 86_400));
    let e = JwtVerifier::new([JwsAlgorithm::HS256], ten_years.clone()).unwrap_err();
    assert_eq!(e.code(), "ERR_JOSE_CONFIGURATION");
    let from_jws = JwtVerifier::from_verifier(
        jose_jws::Verifier::new([JwsAlgorithm::HS256]).unwrap(),
        ten_years,
    );
    let e = from_jws.verify(&nbf, hs256().verifying_key()).unwrap_err();
    assert_eq!(e.code(), "ERR_JOSE_CONFIGURATION");
    // iat a day in the future: accepted without a maximum age, refused with one.
    let future = signed(&claims_with(&format!(r#""iat":{}"#, NOW + 86_400)));
    assert!(verify(&future).is_ok());
    let e = verify_with(validation().max_age(Duration::from_secs(3600)), &future).unwrap_err();
    assert!(matches!(e, Error::IssuedInFuture { .. }), "{e:?}");
    let old = signed(&claims_with(&format!(r#""iat":{}"#, NOW - 7200)));
    let e = verify_with(validation().max_age(Duration::from_secs(3600)), &old).unwrap_err();
    assert!(matches!(e, Error::TooOld { .. }), "{e:?}");
}

// #48: no caching: every verification is complete, so a revocation takes effect at once.
#[test]
fn s48_results_are_never_cached() {
    let revoked = Arc::new(Mutex::new(Vec::<String>::new()));
    let list = Arc::clone(&revoked);
    let v = validation().reject_jti(move |jti| list.lock().unwrap().iter().any(|r| r == jti));
    let token = signed(&claims_with(r#""jti":"t-1""#));
    let verifier = hs_verifier(v);
    assert!(verifier.verify(&token, hs256().verifying_key()).is_ok());
    revoked.lock().unwrap().push("t-1".to_owned());
    let e = verifier
        .verify(&token, hs256().verifying_key())
        .unwrap_err();
    assert_eq!(e, Error::JtiRejected { jti: "t-1".into() });
    // The same token with another key, then a changed signature: verified each time.
    let other = SigningKey::hmac(&[0x43; 32], JwsAlgorithm::HS256).unwrap();
    assert!(verifier.verify(&token, other.verifying_key()).is_err());
}

#[test]
fn claims_into_the_applications_type() {
    #[derive(Debug, serde::Deserialize)]
    struct Access {
        sub: String,
        scope: String,
    }
    let token = signed(&claims_with(r#""sub":"alice","scope":"read""#));
    let jwt = hs_verifier(validation())
        .verify_as::<Access>(&token, hs256().verifying_key())
        .unwrap();
    assert_eq!(
        (jwt.claims().sub.as_str(), jwt.claims().scope.as_str()),
        ("alice", "read")
    );
    let missing = signed(&claims_with(r#""sub":"alice""#));
    let e = hs_verifier(validation())
        .verify_as::<Access>(&missing, hs256().verifying_key())
        .unwrap_err();
    assert!(matches!(e, Error::CustomClaims { .. }), "{e:?}");
    let required = validation().require("scope");
    let e = verify_with(required, &missing).unwrap_err();
    assert_eq!(e.to_string(), "missing required \"scope\" claim");
}
