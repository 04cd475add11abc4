// Test-only module: declared with #[cfg(test)] by its parent, so panicking helpers are fine.
use super::*;
use crate::test_util::{NOW, validation};

fn at(secs: u64) -> NumericDate {
    NumericDate::from_secs(secs).unwrap()
}

fn now() -> NumericDate {
    at(NOW)
}

fn expiring(exp: u64) -> RegisteredClaims {
    RegisteredClaims {
        exp: Some(at(exp)),
        ..RegisteredClaims::default()
    }
}

#[test]
fn exp_is_required_and_on_or_after_is_expired() {
    let v = validation();
    assert!(v.check(&expiring(NOW + 1), now()).is_ok());
    let e = v.check(&expiring(NOW), now()).unwrap_err();
    assert_eq!(e.code(), "ERR_JWT_EXPIRED");
    assert_eq!(
        e.to_string(),
        "token expired at 2026-01-01T00:00:00Z (now 2026-01-01T00:00:00Z, leeway 0s)"
    );
    assert_eq!(
        v.check(&expiring(NOW - 1), now()).unwrap_err().code(),
        "ERR_JWT_EXPIRED"
    );
    let e = v.check(&RegisteredClaims::default(), now()).unwrap_err();
    assert_eq!(
        e,
        Error::MissingClaim {
            claim: "exp".into()
        }
    );
    assert!(
        v.clone()
            .allow_missing_expiration()
            .check(&RegisteredClaims::default(), now())
            .is_ok()
    );
    // A present exp is still checked when it may be missing.
    assert!(
        v.allow_missing_expiration()
            .check(&expiring(NOW - 1), now())
            .is_err()
    );
}

#[test]
fn fractional_exp_is_compared_exactly() {
    let v = validation();
    let claims = RegisteredClaims {
        exp: Some(NumericDate::checked(Duration::from_millis(1500)).unwrap()),
        ..RegisteredClaims::default()
    };
    assert_eq!(
        v.check(&claims, now()).unwrap_err().code(),
        "ERR_JWT_EXPIRED"
    );
    let t = NumericDate::checked(Duration::from_millis(1400)).unwrap();
    assert!(v.check(&claims, t).is_ok());
}

#[test]
fn leeway_is_bounded_and_applies_to_every_time() {
    let v = validation().leeway(Duration::from_secs(60));
    assert_eq!(v.leeway_duration(), Duration::from_secs(60));
    assert!(v.check(&expiring(NOW - 59), now()).is_ok());
    assert!(v.check(&expiring(NOW - 60), now()).is_err());
    let e = v.check(&expiring(NOW - 61), now()).unwrap_err();
    assert!(e.to_string().contains("leeway 60s"), "{e}");
    assert!(validation().leeway(MAX_LEEWAY).check_settings().is_ok());
    let e = validation()
        .leeway(MAX_LEEWAY + Duration::from_nanos(1))
        .check_settings()
        .unwrap_err();
    assert_eq!(e.code(), "ERR_JOSE_CONFIGURATION");
    let e = validation()
        .leeway(Duration::from_secs(10 * 365 * 86_400))
        .check_settings()
        .unwrap_err();
    assert!(e.to_string().contains("maximum of 600s"), "{e}");
}

#[test]
fn exp_at_the_end_of_time_with_leeway_does_not_overflow() {
    let v = validation().leeway(MAX_LEEWAY);
    assert!(v.check(&expiring(NumericDate::MAX_SECS), now()).is_ok());
    let end = at(NumericDate::MAX_SECS);
    assert!(v.check(&expiring(NumericDate::MAX_SECS), end).is_ok());
    let claims = RegisteredClaims {
        exp: Some(end),
        nbf: Some(end),
        iat: Some(end),
        ..RegisteredClaims::default()
    };
    assert!(v.clone().max_age(Duration::MAX).check(&claims, end).is_ok());
    assert!(v.check(&claims, at(0)).is_err());
}

#[test]
fn nbf_is_checked_with_leeway() {
    let claims = |nbf| RegisteredClaims {
        exp: Some(at(NOW + 100)),
        nbf: Some(at(nbf)),
        ..RegisteredClaims::default()
    };
    let v = validation();
    assert!(v.check(&claims(NOW), now()).is_ok());
    let e = v.check(&claims(NOW + 1), now()).unwrap_err();
    assert_eq!(e.claim(), Some("nbf"));
    assert_eq!(e.code(), "ERR_JWT_CLAIM_VALIDATION_FAILED");
    let v = v.leeway(Duration::from_secs(5));
    assert!(v.check(&claims(NOW + 5), now()).is_ok());
    assert!(v.check(&claims(NOW + 6), now()).is_err());
}

#[test]
fn future_iat_is_refused_only_with_a_max_age() {
    let claims = |iat| RegisteredClaims {
        exp: Some(at(NOW + 100_000)),
        iat: Some(at(iat)),
        ..RegisteredClaims::default()
    };
    let tomorrow = NOW + 86_400;
    assert!(validation().check(&claims(tomorrow), now()).is_ok());
    let v = validation().max_age(Duration::from_secs(3600));
    let e = v.check(&claims(tomorrow), now()).unwrap_err();
    assert!(matches!(e, Error::IssuedInFuture { .. }), "{e:?}");
    assert!(v.check(&claims(NOW - 3600), now()).is_ok());
    let e = v.check(&claims(NOW - 3601), now()).unwrap_err();
    assert!(matches!(e, Error::TooOld { .. }), "{e:?}");
    assert!(e.to_string().contains("maximum age of 3600s"), "{e}");
    let no_iat = expiring(NOW + 10);
    assert_eq!(
        v.check(&no_iat, now()).unwrap_err(),
        Error::MissingClaim {
            claim: "iat".into()
        }
    );
    let v = v.leeway(Duration::from_secs(10));
    assert!(v.check(&claims(NOW + 10), now()).is_ok());
    assert!(v.check(&claims(NOW - 3610), now()).is_ok());
}

#[test]
fn issuer_exact_match() {
    let claims = |iss: &str| {
        let mut claims = expiring(NOW + 1);
        claims.set_iss(iss);
        claims
    };
    let v = validation().issuer("https://issuer");
    assert!(v.check(&claims("https://issuer"), now()).is_ok());
    for bad in [
        "https://issuer/",
        "https://issuer.evil",
        "http",
        "HTTPS://ISSUER",
        "",
    ] {
        let e = v.check(&claims(bad), now()).unwrap_err();
        assert!(matches!(e, Error::IssuerNotAccepted { .. }), "{bad}: {e:?}");
    }
    assert_eq!(
        v.check(&expiring(NOW + 1), now()).unwrap_err(),
        Error::MissingClaim {
            claim: "iss".into()
        }
    );
    let v = validation().issuers(["a", "b"]);
    assert!(v.check(&claims("b"), now()).is_ok());
    let e = v.check(&claims("c\nforged"), now()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "issuer \"c\\nforged\" not accepted (expected one of \"a\", \"b\")"
    );
    // No issuer configured: any issuer.
    assert!(validation().check(&claims("anyone"), now()).is_ok());
}

#[test]
fn audience_any_of_several_exact() {
    let claims = |aud: &[&str], array| {
        let mut claims = expiring(NOW + 1);
        claims.set_aud(aud.iter().copied(), array);
        claims
    };
    let v = validation().audience("api");
    assert!(v.check(&claims(&["api"], false), now()).is_ok());
    assert!(v.check(&claims(&["attacker", "api"], true), now()).is_ok());
    let e = v.check(&claims(&["API"], false), now()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "audience \"API\" not accepted (expected \"api\")"
    );
    assert_eq!(
        v.check(&expiring(NOW + 1), now()).unwrap_err(),
        Error::MissingClaim {
            claim: "aud".into()
        }
    );
    let v = validation().audiences(["a", "b"]);
    assert!(v.check(&claims(&["x", "b"], true), now()).is_ok());
    let e = v.check(&claims(&["x"], true), now()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "audience \"x\" not accepted (expected one of \"a\", \"b\")"
    );
}

#[test]
fn a_token_with_aud_needs_an_expected_audience_or_an_explicit_ignore() {
    let mut claims = expiring(NOW + 1);
    claims.set_aud(["api"], false);
    let e = validation().check(&claims, now()).unwrap_err();
    assert!(matches!(e, Error::UnexpectedAudience { .. }), "{e:?}");
    assert_eq!(e.claim(), Some("aud"));
    assert!(validation().ignore_audience().check(&claims, now()).is_ok());
    assert!(validation().check(&expiring(NOW + 1), now()).is_ok());
}

#[test]
fn subject_and_jti() {
    let mut claims = expiring(NOW + 1);
    claims.set_sub("alice");
    claims.set_jti("t-1");
    assert!(validation().subject("alice").check(&claims, now()).is_ok());
    let e = validation()
        .subject("bob")
        .check(&claims, now())
        .unwrap_err();
    assert!(matches!(e, Error::SubjectNotAccepted { .. }));
    assert_eq!(
        validation()
            .subject("bob")
            .check(&expiring(NOW + 1), now())
            .unwrap_err(),
        Error::MissingClaim {
            claim: "sub".into()
        }
    );
    let revoked = validation().reject_jti(|jti| jti == "t-1");
    assert_eq!(
        revoked.check(&claims, now()).unwrap_err(),
        Error::JtiRejected { jti: "t-1".into() }
    );
    let other = validation().reject_jti(|jti| jti == "t-2");
    assert!(other.check(&claims, now()).is_ok());
    assert_eq!(
        other.check(&expiring(NOW + 1), now()).unwrap_err(),
        Error::MissingClaim {
            claim: "jti".into()
        }
    );
}

#[test]
fn clocks_and_debug() {
    let v = validation();
    assert_eq!(v.now().unwrap(), now());
    let late = Validation::new().clock(|| {
        std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(NumericDate::MAX_SECS + 1)
    });
    assert_eq!(late.now().unwrap_err().code(), "ERR_JOSE_CONFIGURATION");
    let debug = format!("{:?}", v.require("x").require("x").reject_jti(|_| false));
    assert!(
        debug.contains("required: [\"x\"]") && debug.contains("jti_check: true"),
        "{debug}"
    );
    assert!(Validation::default().now().is_ok());
}
