//! Key rotation with `kid` and a JWK Set: the issuer publishes its public keys, signs with
//! the newest, and tokens signed with a retired-but-published key still verify until the
//! key is dropped from the set (Node: `createLocalJWKSet`).
//!
//! Run: `cargo run -p jose-jwt --example key_rotation`.

use std::error::Error;
use std::time::Duration;

use jose_jwt::{
    EcCurve, Jwk, JwkSet, JwsAlgorithm, JwtBuilder, JwtVerifier, KeySpec, OkpCurve, SigningKey,
    Validation, VerifyingKeySet,
};

fn main() -> Result<(), Box<dyn Error>> {
    // Last year's key (ES256) and this year's (EdDSA), each with a kid and its algorithm.
    let old = Jwk::generate(KeySpec::Ec(EcCurve::P256))?
        .with_kid("2025-01")
        .with_alg("ES256");
    let new = Jwk::generate(KeySpec::Okp(OkpCurve::Ed25519))?
        .with_kid("2026-01")
        .with_alg("EdDSA");

    let issue = |key: &SigningKey| {
        JwtBuilder::new()
            .issuer("https://idp.example")
            .subject("alice")
            .expires_in(Duration::from_secs(300))
            .sign(key)
    };
    let old_token = issue(&SigningKey::from_jwk(&old, JwsAlgorithm::ES256)?)?;
    let new_token = issue(&SigningKey::from_jwk(&new, JwsAlgorithm::EdDSA)?)?;

    // What the issuer publishes at its jwks_uri: the public keys only.
    let published = JwkSet::from_keys(vec![old.to_public()?, new.to_public()?])?.to_json();
    println!("{published}");

    // The relying party: keys from the set, each bound to one allowed algorithm, chosen by
    // the token's kid (exactly).
    let allowed = [JwsAlgorithm::ES256, JwsAlgorithm::EdDSA];
    let verifier = JwtVerifier::new(allowed, Validation::new().issuer("https://idp.example"))?;
    let keys = VerifyingKeySet::from_jwks(&JwkSet::from_json(&published)?, &allowed)?;
    for token in [&old_token, &new_token] {
        let jwt = verifier.verify(token, &keys)?;
        println!(
            "verified with kid {:?} ({})",
            jwt.signature().and_then(|s| s.kid()),
            jwt.signature()
                .map(|s| s.alg().as_str())
                .unwrap_or_default()
        );
    }

    // The old key is retired: dropped from the set, its tokens no longer verify.
    let rotated = JwkSet::from_keys(vec![new.to_public()?])?;
    let keys = VerifyingKeySet::from_jwks(&rotated, &allowed)?;
    match verifier.verify(&old_token, &keys) {
        Err(e) => println!("after rotation, the old token: refused, {} ({e})", e.code()),
        Ok(_) => return Err("a token signed with a retired key was accepted".into()),
    }
    verifier.verify(&new_token, &keys)?;
    Ok(())
}
