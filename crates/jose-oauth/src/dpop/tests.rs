use std::time::Duration;

use jose_b64::serde_json::{Value, json};
use jose_jwk::{Jwk, KeySpec, OkpCurve};
use jose_jws::{JwsAlgorithm, SigningKey};
use jose_jwt::{FixedClock, Validation};

use super::*;
use crate::test_util::{NOW, es256, sign_raw};
use crate::{AccessTokenBuilder, AccessTokenVerifier, Confirmation, Error, MemoryReplayStore};

const AT: &str = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";
const URI: &str = "https://resource.example.org/protectedresource";

fn verifier() -> DpopVerifier {
    DpopVerifier::new([JwsAlgorithm::ES256, JwsAlgorithm::EdDSA])
        .unwrap()
        .clock(FixedClock::at_secs(NOW))
}

fn client() -> DpopKey {
    let (jwk, _) = es256();
    DpopKey::new(&jwk, JwsAlgorithm::ES256).unwrap()
}

fn proof(key: &DpopKey, method: &str, uri: &str) -> String {
    key.proof(method, uri)
        .access_token(AT)
        .clock(FixedClock::at_secs(NOW))
        .sign()
        .unwrap()
}

fn request() -> DpopRequest<'static> {
    DpopRequest::new("GET", URI).access_token(AT)
}

/// A proof with exactly these header parameters and claims, signed by `key`.
fn raw(key: &SigningKey, typ: Option<&str>, jwk: Option<Value>, claims: Value) -> String {
    let header: Vec<(&str, Value)> = jwk.into_iter().map(|j| ("jwk", j)).collect();
    sign_raw(key, typ, &header, &claims)
}

fn claims() -> Value {
    json!({"jti": "j-1", "htm": "GET", "htu": URI, "iat": NOW, "ath": access_token_hash(AT)})
}

fn check(proof: &str) -> Result<DpopProof, Error> {
    verifier().verify_without_replay_check(proof, &request())
}

#[tokio::test]
async fn a_proof_verifies_once() {
    let key = client();
    let p = key
        .proof("GET", &format!("{URI}?page=2#top"))
        .access_token(AT)
        .nonce("n1")
        .jwt_id("fixed")
        .clock(FixedClock::at_secs(NOW))
        .sign()
        .unwrap();
    let store = MemoryReplayStore::default();
    let verified = verifier().verify(&p, &request(), &store).await.unwrap();
    assert_eq!(verified.thumbprint(), key.thumbprint());
    assert_eq!(verified.jwk(), key.public_jwk());
    assert!(!verified.jwk().is_private());
    assert_eq!(
        (verified.jwt_id(), verified.issued_at(), verified.htu()),
        ("fixed", NOW, URI)
    );
    assert_eq!(verified.nonce(), Some("n1"));
    assert_eq!(verified.jwt().header()["typ"], "dpop+jwt");
    assert_eq!(
        verified.jwt().claims()["htu"],
        URI,
        "htu without query and fragment"
    );
    assert_eq!(
        verified.confirmation(),
        Confirmation::thumbprint_of(key.public_jwk())
    );
    let e = verifier().verify(&p, &request(), &store).await.unwrap_err();
    assert_eq!(e.code(), "ERR_OAUTH_REPLAYED");
    // The same jti from another key is another proof.
    let other = client()
        .proof("GET", URI)
        .access_token(AT)
        .jwt_id("fixed")
        .clock(FixedClock::at_secs(NOW))
        .sign()
        .unwrap();
    assert!(verifier().verify(&other, &request(), &store).await.is_ok());
    // Token endpoint: no access token, no ath.
    let p = key
        .proof("POST", "https://server.example.com/token")
        .clock(FixedClock::at_secs(NOW))
        .sign()
        .unwrap();
    let token_request = DpopRequest::new("POST", "https://server.example.com/token");
    assert!(verifier().verify(&p, &token_request, &store).await.is_ok());
    assert!(verifier().replay_window() >= DEFAULT_DPOP_MAX_AGE + DEFAULT_DPOP_LEEWAY * 2);
}

#[test]
fn refuses_a_private_key_in_jwk() {
    let (jwk, key) = es256();
    let p = raw(
        &key,
        Some("dpop+jwt"),
        Some(Value::Object(jwk.to_map())),
        claims(),
    );
    let e = check(&p).unwrap_err();
    assert_eq!(e.code(), "ERR_DPOP_KEY_INVALID");
    assert!(e.to_string().contains("private"), "{e}");
}

#[test]
fn refuses_a_missing_or_unfit_jwk() {
    let (_, key) = es256();
    for header in [
        None,
        Some(json!("x")),
        Some(json!({"kty": "EC"})),
        // An Ed25519 key for an ES256 proof.
        Some(Value::Object(
            Jwk::generate(KeySpec::Okp(OkpCurve::Ed25519))
                .unwrap()
                .to_public()
                .unwrap()
                .to_map(),
        )),
        // Another P-256 key: the signature does not verify.
    ] {
        let e = check(&raw(&key, Some("dpop+jwt"), header.clone(), claims())).unwrap_err();
        assert_eq!(e.code(), "ERR_DPOP_KEY_INVALID", "{header:?}");
    }
    let (other, _) = es256();
    let p = raw(
        &key,
        Some("dpop+jwt"),
        Some(Value::Object(other.to_public().unwrap().to_map())),
        claims(),
    );
    assert_eq!(check(&p).unwrap_err().code(), "ERR_DPOP_INVALID_PROOF");
}

#[test]
fn refuses_a_symmetric_alg() {
    let hmac = SigningKey::hmac(&[7u8; 32], JwsAlgorithm::HS256).unwrap();
    let oct = json!({"kty": "oct", "k": jose_b64::base64url::encode([7u8; 32])});
    let (jwk, _) = es256();
    for header in [oct, Value::Object(jwk.to_public().unwrap().to_map())] {
        let e = check(&raw(&hmac, Some("dpop+jwt"), Some(header), claims())).unwrap_err();
        assert_eq!(e.code(), "ERR_DPOP_ALG_NOT_ALLOWED");
        assert_eq!(
            e,
            Error::DpopAlgorithm {
                alg: "HS256".into()
            }
        );
    }
    for algs in [
        vec![JwsAlgorithm::HS256],
        vec![JwsAlgorithm::ES256, JwsAlgorithm::None],
        vec![],
    ] {
        assert_eq!(
            DpopVerifier::new(algs).unwrap_err().code(),
            "ERR_JOSE_CONFIGURATION"
        );
    }
    let (jwk, _) = es256();
    assert_eq!(
        DpopKey::new(&jwk, JwsAlgorithm::HS256).unwrap_err().code(),
        "ERR_DPOP_ALG_NOT_ALLOWED"
    );
}

#[test]
fn htu_ignores_query_and_fragment_but_not_the_host() {
    let key = client();
    for same in [
        "https://resource.example.org/protectedresource?a=1",
        "https://resource.example.org/protectedresource#f",
        "https://RESOURCE.example.org:443/protectedresource",
        "HTTPS://resource.example.org/x/../protectedresource",
    ] {
        let p = raw_htu(same);
        assert!(check(&p).is_ok(), "{same}");
        // …and the request's own query is ignored too.
        let r = DpopRequest::new(
            "GET",
            "https://resource.example.org/protectedresource?z=9#q",
        )
        .access_token(AT);
        assert!(verifier().verify_without_replay_check(&p, &r).is_ok());
    }
    for other in [
        "https://evil.example.org/protectedresource",
        "https://resource.example.org.evil.example/protectedresource",
        "http://resource.example.org/protectedresource",
        "https://resource.example.org:8443/protectedresource",
        "https://resource.example.org/other",
        "/protectedresource",
    ] {
        let e = check(&raw_htu(other)).unwrap_err();
        assert_eq!(e.code(), "ERR_DPOP_HTU_MISMATCH", "{other}");
    }
    let e = verifier()
        .verify_without_replay_check(
            &proof(&key, "GET", URI),
            &DpopRequest::new("GET", "not a uri").access_token(AT),
        )
        .unwrap_err();
    assert_eq!(e.code(), "ERR_JOSE_CONFIGURATION");
}

/// A proof whose `htu` is exactly `htu` (the client API would drop a query).
fn raw_htu(htu: &str) -> String {
    let (jwk, key) = es256();
    let mut c = claims();
    c["htu"] = json!(htu);
    raw(
        &key,
        Some("dpop+jwt"),
        Some(Value::Object(jwk.to_public().unwrap().to_map())),
        c,
    )
}

fn with_claims(changes: &[(&str, Value)]) -> String {
    let (jwk, key) = es256();
    let mut c = claims();
    for (name, value) in changes {
        if value.is_null() {
            c.as_object_mut().unwrap().remove(*name);
        } else {
            c[*name] = value.clone();
        }
    }
    raw(
        &key,
        Some("dpop+jwt"),
        Some(Value::Object(jwk.to_public().unwrap().to_map())),
        c,
    )
}

#[test]
fn refuses_an_iat_outside_the_window() {
    for iat in [NOW - 61, NOW + 6, 0] {
        let e = check(&with_claims(&[("iat", json!(iat))])).unwrap_err();
        assert_eq!(e.code(), "ERR_DPOP_IAT_OUT_OF_WINDOW", "{iat}");
    }
    for iat in [NOW - 60, NOW + 5] {
        assert!(check(&with_claims(&[("iat", json!(iat))])).is_ok(), "{iat}");
    }
    let wider = verifier()
        .max_age(Duration::from_secs(300))
        .leeway(Duration::from_secs(30));
    let p = with_claims(&[("iat", json!(NOW - 300))]);
    assert!(wider.verify_without_replay_check(&p, &request()).is_ok());
    let e = verifier()
        .leeway(Duration::from_secs(601))
        .verify_without_replay_check(&p, &request())
        .unwrap_err();
    assert_eq!(e.code(), "ERR_JOSE_CONFIGURATION");
}

#[test]
fn refuses_a_missing_or_wrong_ath() {
    let e = check(&with_claims(&[("ath", Value::Null)])).unwrap_err();
    assert_eq!(
        (e.code(), e.claim()),
        ("ERR_DPOP_ATH_MISMATCH", Some("ath"))
    );
    for wrong in [
        json!(access_token_hash("another token")),
        json!(7),
        json!(""),
    ] {
        let e = check(&with_claims(&[("ath", wrong)])).unwrap_err();
        assert_eq!(e.code(), "ERR_DPOP_ATH_MISMATCH");
    }
}

#[test]
fn refuses_other_claims_and_types() {
    for (changes, code, claim) in [
        (vec![("htm", json!("POST"))], "ERR_DPOP_HTM_MISMATCH", "htm"),
        (vec![("htm", json!("get"))], "ERR_DPOP_HTM_MISMATCH", "htm"),
        (vec![("htm", Value::Null)], "ERR_DPOP_INVALID_PROOF", "htm"),
        (vec![("htm", json!(1))], "ERR_DPOP_INVALID_PROOF", "htm"),
        (vec![("htu", Value::Null)], "ERR_DPOP_INVALID_PROOF", "htu"),
        (vec![("jti", Value::Null)], "ERR_DPOP_INVALID_PROOF", "jti"),
        (vec![("iat", Value::Null)], "ERR_DPOP_INVALID_PROOF", "iat"),
        (vec![("iat", json!("now"))], "ERR_DPOP_INVALID_PROOF", "iat"),
        (
            vec![("exp", json!(NOW - 1))],
            "ERR_DPOP_INVALID_PROOF",
            "exp",
        ),
    ] {
        let e = check(&with_claims(&changes)).unwrap_err();
        assert_eq!(
            (e.code(), e.claim()),
            (code, Some(claim)),
            "{changes:?}: {e}"
        );
    }
    let (jwk, key) = es256();
    let public = Value::Object(jwk.to_public().unwrap().to_map());
    for typ in [None, Some("JWT"), Some("at+jwt")] {
        let e = check(&raw(&key, typ, Some(public.clone()), claims())).unwrap_err();
        assert_eq!(
            (e.code(), e.claim()),
            ("ERR_DPOP_INVALID_PROOF", Some("typ")),
            "{typ:?}"
        );
    }
    assert!(
        check(&raw(
            &key,
            Some("application/dpop+jwt"),
            Some(public),
            claims()
        ))
        .is_ok()
    );
    // A tampered signature.
    let p = proof(&client(), "GET", URI);
    let tampered = format!("{}A", &p[..p.len() - 1]);
    let e = check(if tampered == p { "x.y.z" } else { &tampered }).unwrap_err();
    assert_eq!(e.code(), "ERR_DPOP_INVALID_PROOF");
}

#[test]
fn a_server_nonce() {
    let v = verifier().require_nonce(|n| n == "current");
    let key = client();
    let sign = |nonce: Option<&str>| {
        let b = key
            .proof("GET", URI)
            .access_token(AT)
            .clock(FixedClock::at_secs(NOW));
        match nonce {
            Some(n) => b.nonce(n).sign().unwrap(),
            None => b.sign().unwrap(),
        }
    };
    assert!(
        v.verify_without_replay_check(&sign(Some("current")), &request())
            .is_ok()
    );
    let e = v
        .verify_without_replay_check(&sign(None), &request())
        .unwrap_err();
    assert_eq!(e, Error::UseDpopNonce { present: false });
    let e = v
        .verify_without_replay_check(&sign(Some("stale")), &request())
        .unwrap_err();
    assert_eq!(e, Error::UseDpopNonce { present: true });
    let c = DpopChallenge::resource_server(&e, v.algorithms(), Some("next".into()));
    assert_eq!(
        (c.error(), c.dpop_nonce()),
        (Some("use_dpop_nonce"), Some("next"))
    );
    assert!(format!("{v:?}").contains("nonce: true"));
}

#[tokio::test]
async fn a_token_bound_to_another_key_is_refused() {
    let (_, as_key) = es256();
    let key = client();
    let store = MemoryReplayStore::default();
    // The authorization server binds the token to the key of the proof at its token endpoint.
    let at_for = |cnf: &Confirmation| {
        AccessTokenBuilder::new("https://as.example", "alice", "https://api.example", "app")
            .confirmation(cnf)
            .clock(FixedClock::at_secs(NOW))
            .sign(&as_key)
            .unwrap()
    };
    let access_verifier = AccessTokenVerifier::new(
        [JwsAlgorithm::ES256],
        Validation::new()
            .issuer("https://as.example")
            .audience("https://api.example")
            .clock(FixedClock::at_secs(NOW)),
    )
    .unwrap();
    let bound = at_for(&Confirmation::thumbprint_of(key.public_jwk()));
    let at = access_verifier
        .verify(&bound, as_key.verifying_key())
        .unwrap();
    let p = key
        .proof("GET", URI)
        .access_token(&bound)
        .clock(FixedClock::at_secs(NOW))
        .sign()
        .unwrap();
    let r = DpopRequest::new("GET", URI).access_token(&bound);
    assert!(
        verifier()
            .verify_bound(&p, &r, at.confirmation(), &store)
            .await
            .is_ok()
    );
    // Bound to another key: refused, and the jti is not spent.
    let elsewhere = at_for(&Confirmation::thumbprint_of(client().public_jwk()));
    let at = access_verifier
        .verify(&elsewhere, as_key.verifying_key())
        .unwrap();
    let p = key
        .proof("GET", URI)
        .access_token(&elsewhere)
        .clock(FixedClock::at_secs(NOW))
        .sign()
        .unwrap();
    let r = DpopRequest::new("GET", URI).access_token(&elsewhere);
    let e = verifier()
        .verify_bound(&p, &r, at.confirmation(), &store)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "ERR_DPOP_KEY_BINDING_MISMATCH");
    assert_eq!(
        DpopChallenge::resource_server(&e, &[], None).error(),
        Some("invalid_token")
    );
    // Not bound at all.
    let e = verifier()
        .verify_bound(&p, &r, None, &store)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "ERR_DPOP_KEY_BINDING_MISMATCH");
    // No access token in the request.
    let e = verifier()
        .verify_bound(&p, &DpopRequest::new("GET", URI), None, &store)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "ERR_JOSE_CONFIGURATION");
    // A replay of the accepted proof.
    let p = key
        .proof("GET", URI)
        .access_token(&bound)
        .jwt_id("once")
        .clock(FixedClock::at_secs(NOW))
        .sign()
        .unwrap();
    let r = DpopRequest::new("GET", URI).access_token(&bound);
    let cnf = Confirmation::thumbprint_of(key.public_jwk());
    assert!(
        verifier()
            .verify_bound(&p, &r, Some(&cnf), &store)
            .await
            .is_ok()
    );
    let e = verifier()
        .verify_bound(&p, &r, Some(&cnf), &store)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "ERR_OAUTH_REPLAYED");
}

#[tokio::test]
async fn a_full_store_refuses() {
    let store = MemoryReplayStore::new(1);
    let key = client();
    assert!(
        verifier()
            .verify(&proof(&key, "GET", URI), &request(), &store)
            .await
            .is_ok()
    );
    let e = verifier()
        .verify(&proof(&key, "GET", URI), &request(), &store)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "ERR_OAUTH_REPLAY_STORE_FULL");
}

#[test]
fn eddsa_proofs() {
    let jwk = Jwk::generate(KeySpec::Okp(OkpCurve::Ed25519)).unwrap();
    let key = DpopKey::new(&jwk, JwsAlgorithm::EdDSA).unwrap();
    assert!(check(&proof(&key, "GET", URI)).is_ok());
    assert!(format!("{:?}", key.proof("GET", URI)).contains("htu"));
}

#[test]
fn stateless_server_nonces() {
    let nonces = DpopNonces::from_secret(&[9u8; 32], DEFAULT_DPOP_NONCE_LIFETIME)
        .unwrap()
        .clock(FixedClock::at_secs(NOW));
    let v = verifier().require_nonce(nonces.checker());
    let key = client();
    let sign = |nonce: &str| {
        key.proof("GET", URI)
            .access_token(AT)
            .nonce(nonce)
            .clock(FixedClock::at_secs(NOW))
            .sign()
            .unwrap()
    };
    let fresh = nonces.issue();
    assert!(
        v.verify_without_replay_check(&sign(&fresh), &request())
            .is_ok()
    );
    let e = v
        .verify_without_replay_check(&sign("eyJ7S_zG.eyJH0-Z.HX4w-7v"), &request())
        .unwrap_err();
    assert_eq!(e.code(), "ERR_DPOP_USE_NONCE");
}

#[test]
fn verifiers_are_shared_across_threads_and_futures_are_send() {
    fn shared<T: Send + Sync>() {}
    fn send<T: Send>(_: T) {}
    shared::<DpopVerifier>();
    shared::<DpopNonces>();
    shared::<AccessTokenVerifier>();
    shared::<crate::IdTokenVerifier>();
    shared::<crate::LogoutTokenVerifier>();
    shared::<MemoryReplayStore>();
    let v = verifier();
    let store = MemoryReplayStore::default();
    let r = request();
    send(v.verify("x.y.z", &r, &store));
    send(v.verify_bound("x.y.z", &r, None, &store));
}
