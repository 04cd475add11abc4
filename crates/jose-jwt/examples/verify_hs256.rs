//! Verify an HS256 JWT with the algorithm pinned and `iss` and `aud` required (Node:
//! `jwtVerify(jwt, secret, { algorithms: ['HS256'], issuer, audience })`), and see what is
//! refused.
//!
//! Run: `cargo run -p jose-jwt --example verify_hs256`.

use std::error::Error;
use std::time::{Duration, SystemTime};

use jose_jwt::{FixedClock, JwsAlgorithm, JwtBuilder, JwtVerifier, SigningKey, Validation};

fn main() -> Result<(), Box<dyn Error>> {
    let key = SigningKey::hmac(
        b"an example secret that is long enough for HS256",
        JwsAlgorithm::HS256,
    )?;
    let token = JwtBuilder::new()
        .issuer("urn:example:issuer")
        .audience("urn:example:audience")
        .subject("user-42")
        .issued_now()
        .expires_in(Duration::from_secs(15 * 60))
        .sign(&key)?;

    // The verifier: HS256 only, this issuer, this audience; `exp` is required by default.
    let validation = Validation::new()
        .issuer("urn:example:issuer")
        .audience("urn:example:audience");
    let verifier = JwtVerifier::new([JwsAlgorithm::HS256], validation.clone())?;
    let jwt = verifier.verify(&token, key.verifying_key())?;
    println!(
        "verified: sub={:?}, expires {}",
        jwt.subject().unwrap_or_default(),
        jwt.registered()
            .expires_at()
            .map(|exp| exp.to_string())
            .unwrap_or_default()
    );

    // Another audience: refused.
    let other_audience = JwtVerifier::new(
        [JwsAlgorithm::HS256],
        validation.clone().audience("urn:example:other"),
    )?;
    let refused = other_audience.verify(&token, key.verifying_key());
    expect_refused(
        "another audience",
        refused.err(),
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
    )?;

    // The same token checked an hour later: expired.
    let later = FixedClock::new(SystemTime::now() + Duration::from_secs(3600));
    let an_hour_later = JwtVerifier::new([JwsAlgorithm::HS256], validation.clone().clock(later))?;
    let refused = an_hour_later.verify(&token, key.verifying_key());
    expect_refused("an hour later", refused.err(), "ERR_JWT_EXPIRED")?;

    // A verifier pinned to another algorithm refuses the token before looking at the key.
    let es256_only = JwtVerifier::new([JwsAlgorithm::ES256], validation)?;
    let refused = es256_only.verify(&token, key.verifying_key());
    expect_refused("ES256 only", refused.err(), "ERR_JOSE_ALG_NOT_ALLOWED")?;
    Ok(())
}

fn expect_refused(
    case: &str,
    error: Option<jose_jwt::Error>,
    code: &str,
) -> Result<(), Box<dyn Error>> {
    match error {
        Some(e) if e.code() == code => {
            println!("{case}: refused, {} ({e})", e.code());
            Ok(())
        }
        Some(e) => Err(format!("{case}: expected {code}, got {} ({e})", e.code()).into()),
        None => Err(format!("{case}: the token was accepted").into()),
    }
}
